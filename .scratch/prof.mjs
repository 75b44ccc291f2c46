import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const root = process.cwd() + '/';
const require = createRequire(import.meta.url);
const { generateLog } = await import(root + 'scripts/generate-log.mjs');
const core = require(root + '.scratch/out/core.js');
const catalog = core.loadCatalog(readFileSync(root + 'dist/catalog.json', 'utf8'));
const text = generateLog(20e6, 42);
for (let i = 0; i < 3; i++) { const t = performance.now(); core.scan(text, catalog); console.log(performance.now() - t); }
