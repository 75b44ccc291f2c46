// Benchmarks `mail-error-codes bounces` on a generated folder of bounces: files per second and peak memory, for a
// tenth of the folder and for all of it (memory must stay flat), next to `rg -c` reading the same files.
// Usage: node scripts/bench-bounces.mjs [COUNT]   (default 100000). Build first (npm run build).
// The folder is written to bench-data/ (git-ignored) from the bounce fixtures (one per format), each copy with its own
// recipient domains, and reused when it is complete.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist/cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run npm run build first');
  process.exit(2);
}
const count = Number(process.argv[2] ?? 100000);
const templates = readdirSync(join(root, 'test/fixtures/bounces')).filter((f) => f.endsWith('.eml')).sort().map((f) => readFileSync(join(root, 'test/fixtures/bounces', f), 'utf8'));

function generate(dir, n) {
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return false;
  // 1000 files a folder, as mail archives are usually split.
  for (let i = 0; i < n; i++) {
    const sub = join(dir, String(Math.floor(i / 1000)).padStart(4, '0'));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    const text = templates[i % templates.length].replace(/example\.(org|com)/g, (_, tld) => `d${i % 997}.example.${tld}`);
    writeFileSync(join(sub, `${i}.eml`), text);
  }
  writeFileSync(marker, '');
  return true;
}

/** Wall time and peak RSS of a whole process (/usr/bin/time -v where there is one). */
function measure(command, args) {
  const useTime = existsSync('/usr/bin/time');
  const started = performance.now();
  const r = useTime ? spawnSync('/usr/bin/time', ['-v', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 }) : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { status: r.status, seconds, peakRssMB: rss ? Math.round(Number(rss[1]) / 1024) : null, stdout: r.stdout ?? '' };
}

const dir = join(root, `bench-data/bounces-${count}`);
const started = performance.now();
const generated = generate(dir, count);
const generatedSeconds = (performance.now() - started) / 1000;

const tenth = readdirSync(dir).filter((d) => !d.startsWith('.')).sort().slice(0, Math.max(1, Math.ceil(count / 10000))).map((d) => join(dir, d));
const small = measure(process.execPath, [cli, 'bounces', '--format', 'csv', ...tenth]);
const full = measure(process.execPath, [cli, 'bounces', '--format', 'json', dir]);
const totals = JSON.parse(full.stdout.trim().split('\n').pop() ?? '{}');
const rg = spawnSync('rg', ['--version']).status === 0 ? measure('rg', ['-c', '-e', 'Final-Recipient|@', dir]) : undefined;

const result = {
  folder: dir.replace(root, ''),
  files: count,
  generatedSeconds: generated ? Number(generatedSeconds.toFixed(1)) : 'reused',
  bounces: {
    command: 'mail-error-codes bounces --format json',
    exitStatus: full.status,
    wallSeconds: Number(full.seconds.toFixed(2)),
    filesPerSecond: Math.round(count / full.seconds),
    recipients: totals.recipients,
    peakRssMB: full.peakRssMB,
    peakRssMBForATenth: small.peakRssMB,
  },
  rg: rg ? { command: 'rg -c -e "Final-Recipient|@"', wallSeconds: Number(rg.seconds.toFixed(2)), filesPerSecond: Math.round(count / rg.seconds) } : 'ripgrep not installed',
  ratioToRg: rg ? Number((full.seconds / rg.seconds).toFixed(1)) : null,
};
console.log(JSON.stringify(result, null, 2));
