// A/B in one process: the committed core (.scratch/old-core.js) against the working tree's, runs interleaved.
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
const ta = [], tb = [];
for (let i = 0; i < 7; i++) {
  let t = performance.now(); A.scan(text, ca); ta.push(performance.now() - t);
  t = performance.now(); B.scan(text, cb); tb.push(performance.now() - t);
}
const s = (x) => [...x].sort((a, b) => a - b);
console.log('old min/median', s(ta)[0].toFixed(0), s(ta)[3].toFixed(0), ' new min/median', s(tb)[0].toFixed(0), s(tb)[3].toFixed(0));
