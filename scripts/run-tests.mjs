// The fast suite (npm test): bundles test/{unit,lsp,cli}/**/*.test.ts with esbuild and runs them with node:test.
// Extra arguments are passed to node --test (e.g. --test-name-pattern=scanner). Every test has a time limit
// (MEC_TEST_TIMEOUT_MS, default 5 minutes for the long fuzz runs): a test that hangs fails instead of blocking CI.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const suites = ['test/unit', 'test/lsp', 'test/cli'];
const find = (dir) => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? find(p) : p.endsWith('.test.ts') ? [p] : [];
});
const entries = suites.flatMap((s) => { try { return find(join(root, s)); } catch { return []; } });
const outdir = join(root, 'out/test');
rmSync(outdir, { recursive: true, force: true });
const { catalogPlugin } = await import('./build.mjs');
await esbuild.build({
  entryPoints: Object.fromEntries(entries.map((e) => [relative(root, e).replace(/\.ts$/, ''), e])),
  outdir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline',
  plugins: [catalogPlugin], logLevel: 'warning', absWorkingDir: root,
});
const files = entries.map((e) => join(outdir, relative(root, e).replace(/\.ts$/, '.js')));
const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=2', `--test-timeout=${process.env.MEC_TEST_TIMEOUT_MS ?? 300_000}`, ...process.argv.slice(2), ...files], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
