import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const root = process.cwd() + '/';
const json = readFileSync(root + 'dist/catalog.json', 'utf8');
for (const [name, mod] of [['old', '.scratch/old-core.js'], ['new', '.scratch/out/core.js']]) {
  const core = require(root + mod); const cat = core.loadCatalog(json);
  for (const f of ['test/e2e/workspace/postfix.log', 'test/e2e/workspace-ext/hostile.log']) {
    const t = readFileSync(root + f, 'utf8');
    const found = core.analyze(t, cat).map((x) => `${x.family}:${x.code}:${x.class}`);
    console.log(name, f, found.join(' '));
  }
}
