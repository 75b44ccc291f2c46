// Compiles catalog/**/*.json into one validated object (dist/catalog.json). Fails the build on any invalid entry.
// The files are checked by server/src/validateCatalog.ts, the validator the language server and the CLI use too:
// esbuild bundles it into out/ first (a few milliseconds) so that this script can load it.
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

function catalogFiles(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return catalogFiles(p);
    return p.endsWith('.json') && !name.endsWith('schema.json') && name !== 'structure.json' ? [p] : [];
  });
}

/** The shared validator, bundled for Node. */
export function loadValidator(root) {
  const outfile = join(root, 'out/validate-catalog.cjs');
  esbuild.buildSync({ entryPoints: [join(root, 'server/src/validateCatalog.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', absWorkingDir: root });
  return createRequire(import.meta.url)(outfile);
}

export function compileCatalog(root) {
  const dir = join(root, 'catalog');
  const { validateCatalog, duplicateIds, providerProblems, hostProblems } = loadValidator(root);
  const entries = [];
  const providers = [];
  const problems = [];
  const seen = new Map();
  for (const file of catalogFiles(dir)) {
    const name = relative(root, file);
    const check = validateCatalog(JSON.parse(readFileSync(file, 'utf8')));
    const own = check.problems.length ? [] : [...duplicateIds(check.entries, seen, name), ...providerProblems(check)];
    for (const p of [...check.problems, ...own]) problems.push(`${name}: ${p.at}: ${p.message}`);
    if (check.provider) providers.push(check.provider);
    entries.push(...check.entries);
  }
  problems.push(...hostProblems(providers));
  if (problems.length) throw new Error(`invalid catalog:\n${problems.slice(0, 50).join('\n')}`);
  const structurePath = join(dir, 'structure.json');
  const structure = existsSync(structurePath) ? JSON.parse(readFileSync(structurePath, 'utf8')) : null;
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  return { version, structure, entries, providers };
}

