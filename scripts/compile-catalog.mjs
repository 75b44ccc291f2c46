// Compiles catalog/**/*.json into one validated object (dist/catalog.json). Fails the build on any invalid entry.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Validator } from '@cfworker/json-schema';

function catalogFiles(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return catalogFiles(p);
    return p.endsWith('.json') && !name.endsWith('schema.json') && name !== 'structure.json' ? [p] : [];
  });
}

export function compileCatalog(root) {
  const dir = join(root, 'catalog');
  const validator = new Validator(JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')), '2020-12', false);
  const entries = [];
  const problems = [];
  const seen = new Set();
  for (const file of catalogFiles(dir)) {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const result = validator.validate(data);
    const name = relative(root, file);
    if (!result.valid) {
      for (const e of result.errors) problems.push(`${name}: ${e.instanceLocation}: ${e.error}`);
      continue;
    }
    for (const entry of data.entries) {
      if (seen.has(entry.id)) problems.push(`${name}: duplicate id ${entry.id}`);
      seen.add(entry.id);
      entries.push(entry);
    }
  }
  if (problems.length) throw new Error(`invalid catalog:\n${problems.slice(0, 50).join('\n')}`);
  const structurePath = join(dir, 'structure.json');
  const structure = existsSync(structurePath) ? JSON.parse(readFileSync(structurePath, 'utf8')) : null;
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  return { version, structure, entries };
}
