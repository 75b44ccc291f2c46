// `npm run test:vscode`: the integration suite in a real VS Code (test/vscode, run by @vscode/test-cli).
// It needs a VS Code build and a display. Where there is none (CI without network, headless machines) it compiles
// the tests, says SKIPPED and exits with SKIPPED_EXIT (77, the automake convention for a skipped test): never 0, so
// a skipped suite is never taken for a passed one; .ci/run accepts 77 by name and says so.
//
// A VS Code build is taken from, in order: VSCODE_TEST_EXECUTABLE, a previous download in .vscode-test/, or a
// download when allowed with --download (or VSCODE_TEST_DOWNLOAD=1).
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const outdir = join(root, 'out/vscode-test');
const args = process.argv.slice(2);
const allowDownload = args.includes('--download') || process.env.VSCODE_TEST_DOWNLOAD === '1';
const SKIPPED_EXIT = 77;

function skip(reason) {
  console.log(`test:vscode: SKIPPED (not run, exit ${SKIPPED_EXIT}) — ${reason}`);
  process.exit(SKIPPED_EXIT);
}

// 1. Compile: the extension bundles the tests load, then the tests themselves.
const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);
const find = (dir) => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? (n === 'fixtures' ? [] : find(p)) : p.endsWith('.test.ts') ? [p] : [];
});
const entries = find(join(root, 'test/vscode'));
rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: Object.fromEntries(entries.map((e) => [relative(join(root, 'test/vscode'), e).replace(/\.ts$/, ''), e])),
  outdir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline',
  external: ['vscode', 'mocha'], logLevel: 'warning', absWorkingDir: root,
});
console.log(`test:vscode: compiled ${entries.length} test file(s) into ${relative(root, outdir)}`);

// 2. Find VS Code.
function downloadedExecutable() {
  const cache = join(root, '.vscode-test');
  if (!existsSync(cache)) return undefined;
  for (const dir of readdirSync(cache).filter((n) => n.startsWith('vscode-')).map((n) => join(cache, n))) {
    const candidates = process.platform === 'darwin'
      ? [join(dir, 'Visual Studio Code.app/Contents/MacOS/Electron'), join(dir, 'Visual Studio Code - Insiders.app/Contents/MacOS/Electron')]
      : process.platform === 'win32' ? [join(dir, 'Code.exe'), join(dir, 'Code - Insiders.exe')] : [join(dir, 'code'), join(dir, 'code-insiders')];
    const found = candidates.find((c) => existsSync(c));
    if (found) return found;
  }
  return undefined;
}
const env = { ...process.env };
env.VSCODE_TEST_EXECUTABLE ??= downloadedExecutable();
if (!env.VSCODE_TEST_EXECUTABLE) delete env.VSCODE_TEST_EXECUTABLE;
if (env.VSCODE_TEST_EXECUTABLE && !existsSync(env.VSCODE_TEST_EXECUTABLE)) skip(`VSCODE_TEST_EXECUTABLE does not exist: ${env.VSCODE_TEST_EXECUTABLE}`);
if (!env.VSCODE_TEST_EXECUTABLE && !allowDownload) {
  skip('no VS Code build available. Set VSCODE_TEST_EXECUTABLE to a VS Code executable, or run `npm run test:vscode -- --download` where VS Code can be downloaded.');
}

// 3. A display: VS Code is an Electron app. On a headless Linux box, run it under xvfb-run when there is one.
const cli = [join(root, 'node_modules/@vscode/test-cli/out/bin.mjs'), ...args.filter((a) => a !== '--download')];
let command = process.execPath;
let commandArgs = cli;
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim();
  if (!xvfb) skip('no display (DISPLAY is unset) and no xvfb-run to provide one (apt-get install xvfb).');
  command = xvfb;
  commandArgs = ['-a', process.execPath, ...cli];
}

const run = spawnSync(command, commandArgs, { stdio: 'inherit', cwd: root, env });
process.exit(run.status ?? 1);
