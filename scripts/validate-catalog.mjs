// Validates catalog files against catalog/schema.json and prints every problem with its JSON path.
// Usage: node scripts/validate-catalog.mjs [files...]   (default: every catalog/**/*.json but the schema)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@cfworker/json-schema';
import { compileCatalog } from './compile-catalog.mjs';

const root = new URL('..', import.meta.url).pathname;
const schema = JSON.parse(readFileSync(join(root, 'catalog/schema.json'), 'utf8'));
const validator = new Validator(schema, '2020-12', false);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') && !/schema\.json$|structure\.json$/.test(p) ? [p] : [];
  });
}
const files = process.argv.length > 2 ? process.argv.slice(2) : walk(join(root, 'catalog'));
let bad = 0;
const ids = new Map();
for (const file of files) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const result = validator.validate(data);
  if (!result.valid) {
    bad++;
    for (const e of result.errors.filter((e) => e.error && !e.error.startsWith('Property'))) console.log(`${file}: ${e.instanceLocation}: ${e.error}`);
  }
  for (const entry of data.entries ?? []) {
    if (ids.has(entry.id)) { bad++; console.log(`${file}: duplicate id ${entry.id} (also in ${ids.get(entry.id)})`); }
    ids.set(entry.id, file);
  }
}
// The built-in catalog also has rules the schema cannot state (provider blocks, reasons): the compiler checks them.
if (process.argv.length <= 2 && !bad) {
  try {
    compileCatalog(root);
  } catch (error) {
    bad++;
    console.log(error.message);
  }
}
console.log(`${files.length} files, ${ids.size} entries, ${bad ? bad + ' with problems' : 'all valid'}`);
process.exit(bad ? 1 : 0);
