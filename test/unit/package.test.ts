// Supply chain: the .vsix holds only what runs and what the Marketplace shows; nothing is fetched at run time and
// the browser server is a self-contained bundle without Node APIs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from '../helpers';

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
