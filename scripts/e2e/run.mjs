#!/usr/bin/env node
// The end-to-end suite (npm run test:e2e): a real VS Code (code-server) in Chromium.
//  1. bundles test/e2e/**/*.e2e.ts with esbuild into out/e2e/ (playwright-core stays external),
//  2. runs scripts/e2e/setup.mjs (cached: seconds once code-server is installed),
//  3. runs the bundles with node --test, one file at a time, under an overall time-out.
// The .vsix is packaged from this checkout first (npm run package), or taken from $MEC_VSIX, and handed to the tests.
// Extra arguments go to node --test (e.g. --test-name-pattern=hover). Exit code: the tests' result.
// Env: MEC_E2E_TIMEOUT_MS (overall, default 20 min), MEC_E2E_TEST_TIMEOUT_MS (per test, default 5 min),
//      MEC_E2E_KEEP=1 (keep temp dirs), MEC_E2E_KEEP_LOGS=1 (copy logs to test-results/ even when passing).
import * as esbuild from 'esbuild';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const t0 = Date.now();
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[e2e ${secs().padStart(7)}] ${msg}`);

// 1. bundle
const find = (dir) => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  if (n === 'node_modules' || n === 'workspace') return [];
  return statSync(p).isDirectory() ? find(p) : p.endsWith('.e2e.ts') ? [p] : [];
});
const entries = find(join(root, 'test/e2e')).sort();
if (entries.length === 0) {
  console.error('no test/e2e/**/*.e2e.ts found');
  process.exit(1);
}
const outdir = join(root, 'out/e2e');
rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: Object.fromEntries(entries.map((e) => [relative(join(root, 'test/e2e'), e).replace(/\.ts$/, ''), e])),
  outdir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline',
  external: ['playwright-core'], logLevel: 'warning', absWorkingDir: root,
});
const files = entries.map((e) => join(outdir, relative(join(root, 'test/e2e'), e).replace(/\.ts$/, '.js')));
log(`bundled ${files.length} test file(s) into ${relative(root, outdir)}/`);

// 2. setup (apt packages, code-server): cached
const setup = spawnSync(process.execPath, [join(root, 'scripts/e2e/setup.mjs')], { stdio: 'inherit', cwd: root });
if (setup.status !== 0) {
  console.error(`[e2e] setup failed (${setup.status ?? setup.signal})`);
  process.exit(setup.status || 1);
}
log('setup done');

// 3. the extension under test: the .vsix freshly packaged from this checkout (or $MEC_VSIX when given)
function packageVsix() {
  const result = spawnSync('npm', ['run', 'package'], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) {
    console.error('[e2e] npm run package failed');
    process.exit(result.status || 1);
  }
  const file = join(root, 'dist/mail-error-codes.vsix');
  const size = statSync(file).size;
  log(`packaged ${relative(root, file)}: ${(size / 1024).toFixed(0)} KB`);
  if (size > 1024 * 1024) {
    console.error(`[e2e] the .vsix is ${size} bytes: over the 1 MB budget`);
    process.exit(1);
  }
  return file;
}
const vsix = process.env.MEC_VSIX ? resolve(process.env.MEC_VSIX) : packageVsix();
if (vsix && !existsSync(vsix)) {
  console.error(`[e2e] MEC_VSIX=${vsix} does not exist`);
  process.exit(1);
}
log(`extension under test: ${relative(root, vsix)}`);

const overallMs = Number(process.env.MEC_E2E_TIMEOUT_MS || 20 * 60_000);
const perTestMs = Number(process.env.MEC_E2E_TEST_TIMEOUT_MS || 5 * 60_000);
const args = [
  '--enable-source-maps', '--test', '--test-concurrency=1', `--test-timeout=${perTestMs}`,
  ...process.argv.slice(2), ...files,
];
const env = { ...process.env, MEC_E2E_ROOT: root };
if (vsix) env.MEC_VSIX = vsix;
else delete env.MEC_VSIX;

// node --test in its own process group, so that a time-out or ^C ends it and everything under it
const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit', detached: true });
const killTree = (signal) => {
  try {
    process.kill(-child.pid, signal);
  } catch { /* already gone */ }
};
let timedOut = false;
const timer = setTimeout(() => {
  timedOut = true;
  console.error(`[e2e] time-out: the e2e tests ran over ${overallMs} ms; ending them`);
  killTree('SIGTERM'); // the harness ends its code-server process groups on SIGTERM
  setTimeout(() => killTree('SIGKILL'), 10_000).unref();
}, overallMs);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    killTree(sig);
    setTimeout(() => killTree('SIGKILL'), 10_000).unref();
  });
}
const code = await new Promise((res) => child.on('exit', (c, s) => res(c ?? (s ? 1 : 0))));
clearTimeout(timer);
// node --test may exit before its test processes have ended their code-server / browser: give them time, then SIGKILL
const groupAlive = () => {
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
};
for (const deadline = Date.now() + 15_000; groupAlive() && Date.now() < deadline;) {
  await new Promise((r) => setTimeout(r, 100)); // polling the process group, bounded by the deadline
}
if (groupAlive()) {
  console.error('[e2e] test processes still running after the tests ended: killing them');
  killTree('SIGKILL');
}
log(`e2e tests ${code === 0 && !timedOut ? 'passed' : 'FAILED'} (screenshots and logs: test-results/)`);
process.exit(timedOut ? 1 : code);
