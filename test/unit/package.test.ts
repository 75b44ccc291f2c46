// Supply chain: the .vsix holds only what runs and what the Marketplace shows; nothing is fetched at run time and
// the browser server is a self-contained bundle without Node APIs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { satisfies } from 'semver';
import { root } from '../helpers';

/** Packages the core may import: pure JavaScript that runs in a web worker as well as in Node. */
const ALLOWED_IN_CORE = new Set(['catalog:compiled']);

test('the .vsix lists only the bundles, grammars, language configuration, icons and documents', () => {
  const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
  const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' }).trim().split('\n').sort();
  const allowed = /^(dist\/(client|server)\/(node|browser)\.js|dist\/report\/view\.(js|css)|syntaxes\/[\w.-]+\.tmLanguage\.json|language-configuration[\w.-]*\.json|resources\/[\w.-]+\.(png|svg)|package\.json|README\.md|CHANGELOG\.md|LICENSE)$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), []);
  for (const needed of ['dist/client/node.js', 'dist/client/browser.js', 'dist/server/node.js', 'dist/server/browser.js', 'dist/report/view.js', 'dist/report/view.css', 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) assert.ok(files.includes(needed), needed);
});

test('the lockfile pins every dependency, from the registry only', () => {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  for (const [name, p] of Object.entries(lock.packages as Record<string, { version?: string; resolved?: string; integrity?: string; link?: boolean }>)) {
    if (!name || p.link) continue;
    assert.ok(p.version, `${name} has no pinned version`);
    if (p.resolved) assert.match(p.resolved, /^https:\/\/registry\.npmjs\.org\//, name);
  }
});

test('the bundles make no network requests and collect no telemetry', () => {
  for (const bundle of ['dist/server/node.js', 'dist/server/browser.js', 'dist/client/node.js', 'dist/client/browser.js', 'dist/report/view.js']) {
    const code = readFileSync(join(root, bundle), 'utf8');
    // (vscode-jsonrpc's IPC uses `net` for local pipes only; no HTTP client, fetch or telemetry library may be in.)
    const hit = /\bfetch\(|XMLHttpRequest|require\(["'](?:node:)?(?:https?|http2|dgram)["']\)|applicationinsights|TelemetryReporter/i.exec(code);
    assert.equal(hit?.[0], undefined, `${bundle}: ${hit ? code.slice(Math.max(0, hit.index - 80), hit.index + 80) : ''}`);
  }
});

test('the browser server bundle uses no Node API', () => {
  const code = readFileSync(join(root, 'dist/server/browser.js'), 'utf8');
  assert.doesNotMatch(code, /require\(["'](?:node:)?(?:fs|path|os|child_process|net)["']\)/);
  assert.match(code, /BrowserMessageReader|postMessage/);
});

test('the core imports only the core (and the compiled catalog): no protocol, LSP, editor or Node module', () => {
  const core = join(root, 'server/src/core');
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
  const outside: string[] = [];
  for (const file of walk(core)) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
      const ok = spec.startsWith('.') ? resolve(dirname(file), spec).startsWith(core + '/') : ALLOWED_IN_CORE.has(spec);
      if (!ok) outside.push(`${relative(root, file)}: ${spec}`);
    }
  }
  assert.deepEqual(outside, []);
});

test('every locked package supports the Node this runs on (npm install prints no EBADENGINE)', () => {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.ok(satisfies(process.version, own.engines.node), `package.json engines.node ${own.engines.node} vs ${process.version}`);
  const unsupported = Object.entries(lock.packages as Record<string, { version?: string; engines?: { node?: string } | string[] }>)
    .filter(([name, p]) => name && !Array.isArray(p.engines) && p.engines?.node && !satisfies(process.version, p.engines.node))
    .map(([name, p]) => `${name}@${p.version} wants node ${(p.engines as { node: string }).node}`);
  assert.deepEqual(unsupported, []);
});

test('every package the code imports is declared in package.json, and every declared one is used', () => {
  const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const declared = new Set(Object.keys({ ...own.dependencies, ...own.devDependencies }));
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
    if (n === 'node_modules' || n === 'fixtures' || n.startsWith('.')) return [];
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|mts|mjs|js|cjs)$/.test(n) ? [p] : [];
  });
  const used = new Set<string>();
  const undeclared: string[] = [];
  for (const file of [...['server', 'client', 'test', 'scripts', 'bin'].flatMap((d) => walk(join(root, d))), join(root, '.vscode-test.mjs')]) {
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:^\s*(?:import|export)\b[^'";]*?\bfrom\s+|\bimport\(\s*|\brequire\(\s*|^\s*import\s+)['"]([^'"./][^'"]*)['"]/gm)) {
      if (spec.startsWith('node:') || spec === 'vscode' || spec === 'catalog:compiled') continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      // a types-only package (`import type … from 'sarif'`) comes from @types/
      const pkg = declared.has(name) || !declared.has(`@types/${name}`) ? name : `@types/${name}`;
      used.add(pkg);
      if (!declared.has(pkg)) undeclared.push(`${relative(root, file)}: ${spec}`);
    }
  }
  assert.deepEqual(undeclared, []);
  // Used without an import: type packages, tools run by package.json scripts, and what a tool loads from the project.
  const byTools: Record<string, string> = { typescript: 'tsc (npm run typecheck)', '@vscode/vsce': 'vsce (npm run package)', '@vscode/test-electron': 'loaded by @vscode/test-cli' };
  const usedOtherwise = (name: string) => name.startsWith('@types/') || name in byTools;
  assert.deepEqual([...declared].filter((d) => !used.has(d) && !usedOtherwise(d)), []);
});
