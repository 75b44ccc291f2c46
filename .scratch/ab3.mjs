import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const root = process.cwd() + '/';
const require = createRequire(import.meta.url);
const { generateLog } = await import(root + 'scripts/generate-log.mjs');
const A = require(root + '.scratch/old-core.js');
const B = require(root + '.scratch/out/core.js');
const json = readFileSync(root + 'dist/catalog.json', 'utf8');
const ca = A.loadCatalog(json), cb = B.loadCatalog(json);
const text = generateLog(20e6, 42);
const fam = process.argv[2] === 'all' ? undefined : new Set(['reply', 'enhanced', 'outlook']);
const cpu = (f) => { const c = process.cpuUsage(); f(); const d = process.cpuUsage(c); return (d.user + d.system) / 1000; };
const ta = [], tb = [];
for (let i = 0; i < 9; i++) {
  ta.push(cpu(() => A.scan(text, ca, 0, text.length, { families: fam })));
  tb.push(cpu(() => B.scan(text, cb, 0, text.length, { families: fam })));
}
const s = (x) => [...x].sort((a, b) => a - b);
console.log(`${fam ? 'codes only' : 'all families'} CPU ms: old min/median ${s(ta)[0].toFixed(0)}/${s(ta)[4].toFixed(0)}  new min/median ${s(tb)[0].toFixed(0)}/${s(tb)[4].toFixed(0)}`);
