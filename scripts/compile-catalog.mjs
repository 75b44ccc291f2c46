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
  const providers = [];
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
    if (data.provider) providers.push(data.provider);
    for (const entry of data.entries) {
      if (seen.has(entry.id)) problems.push(`${name}: duplicate id ${entry.id}`);
      seen.add(entry.id);
      problems.push(...providerProblems(name, data.provider, entry));
      entries.push(entry);
    }
  }
  problems.push(...hostProblems(providers));
  if (problems.length) throw new Error(`invalid catalog:\n${problems.slice(0, 50).join('\n')}`);
  const structurePath = join(dir, 'structure.json');
  const structure = existsSync(structurePath) ? JSON.parse(readFileSync(structurePath, 'utf8')) : null;
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  return { version, structure, entries, providers };
}

// What the schema cannot say about a built-in provider file: its entries belong to its provider block, carry the
// block's name and a bounce reason.
function providerProblems(file, provider, entry) {
  if (entry.family !== 'provider') return [];
  const problems = [];
  if (!provider) problems.push(`${file}: ${entry.id}: a provider entry in a file without a provider block`);
  else {
    if (entry.provider !== provider.id) problems.push(`${file}: ${entry.id}: provider "${entry.provider}" is not the file's provider "${provider.id}"`);
    if (entry.providerName !== provider.name) problems.push(`${file}: ${entry.id}: providerName "${entry.providerName}" is not the file's provider name "${provider.name}"`);
  }
  if (!entry.reason) problems.push(`${file}: ${entry.id}: no reason`);
  return problems;
}

/** Two providers may not claim the same host suffix (a longer suffix of one inside another's is fine: it wins). */
function hostProblems(providers) {
  const problems = [];
  const owner = new Map();
  for (const p of providers) {
    if (owner.has(`id:${p.id}`)) problems.push(`two provider blocks with the id ${p.id}`);
    owner.set(`id:${p.id}`, p.id);
    for (const host of p.hosts ?? []) {
      if (owner.has(host) && owner.get(host) !== p.id) problems.push(`the mail host suffix ${host} is claimed by ${owner.get(host)} and ${p.id}`);
      owner.set(host, p.id);
    }
  }
  return problems;
}
