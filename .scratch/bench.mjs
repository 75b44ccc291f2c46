// Sanity timing of the core scan on a generated 20 MB log (not a tuning tool: the machine is shared).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const root = process.cwd() + '/';
const require = createRequire(import.meta.url);
const { catalogPlugin } = await import(root + 'scripts/build.mjs');
const { generateLog } = await import(root + 'scripts/generate-log.mjs');
await esbuild.build({ entryPoints: { core: root + 'scripts/bench-core.ts' }, outdir: root + '.scratch/out', bundle: true, platform: 'node', format: 'cjs', plugins: [catalogPlugin], logLevel: 'warning' });
const core = require(root + '.scratch/out/core.js');
const catalog = core.loadCatalog(readFileSync(root + 'dist/catalog.json', 'utf8'));
const text = generateLog(20e6, 42);
const times = [];
let n = 0;
for (let i = 0; i < 5; i++) { const t = performance.now(); n = core.scan(text, catalog).length; times.push(performance.now() - t); }
times.sort((a, b) => a - b);
console.log(`findings ${n}, median ${times[2].toFixed(0)} ms, min ${times[0].toFixed(0)} ms for 20 MB`);
