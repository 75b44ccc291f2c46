// The command-line tool against ripgrep, whole process against whole process, on generated mail logs:
// `mail-error-codes scan --summary` and `--format json` next to `rg -c` with a pattern for the same codes. Runs are
// interleaved (rg, then each of ours, round after round) so that a disturbance hits both sides, and the figures are
// medians. Ours is also run restricted to 1 core (taskset), to 2, and on all cores, since big inputs are cut across
// worker threads when more than one core is free. `mail-error-codes report` runs on the largest log too, against
// scan --summary (whole process against whole process), with its peak RSS on a log twenty times smaller to show that
// memory stays flat.
// As a script: node scripts/bench-cli.mjs [SIZE…] [--runs N]   (SIZE in bytes or with a unit: 50MB, 1GB; default 1GB)
// prints one JSON object. Build first (npm run build). Logs are written to bench-data/ (git-ignored) and reused.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { lineMaker } from './generate-log.mjs';

const root = new URL('..', import.meta.url).pathname;
// --cli=PATH: another build of the tool (a before and after comparison).
const cli = process.argv.find((a) => a.startsWith('--cli='))?.slice('--cli='.length) ?? join(root, 'dist/cli.js');
const compare = process.argv.find((a) => a.startsWith('--compare='))?.slice('--compare='.length);

/** rg with a pattern for the same kinds of code (reply+enhanced pairs, enhanced codes, Outlook hex); it counts lines. */
export const RG_PATTERN = String.raw`\b[2-5][0-9]{2}[ -][245]\.[0-9]{1,3}\.[0-9]{1,3}\b|\b[245]\.[0-7]\.[0-9]{1,3}\b|\b0[xX]8[0-9A-Fa-f]{7}\b|said: [2-5][0-9]{2}\b`;

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function parseSize(text) {
  const m = /^([0-9.]+)\s*(k|m|g)?i?b?$/i.exec(text ?? '1GB');
  if (!m) throw new Error(`bad size ${text}`);
  return Math.round(Number(m[1]) * { undefined: 1, k: 1e3, m: 1e6, g: 1e9 }[m[2]?.toLowerCase()]);
}

/** A generated log of about `bytes` (written once, reused while its size fits). */
export async function generatedLog(bytes) {
  mkdirSync(join(root, 'bench-data'), { recursive: true });
  const file = join(root, `bench-data/mail-${bytes}.log`);
  if (existsSync(file) && statSync(file).size >= bytes && statSync(file).size < bytes + 4096) return file;
  const out = createWriteStream(file);
  const next = lineMaker(7);
  let size = 0;
  while (size < bytes) {
    const batch = [];
    let n = 0;
    while (n < 4 * 1024 * 1024 && size + n < bytes) {
      const l = next() + '\n';
      batch.push(l);
      n += l.length;
    }
    size += n;
    if (!out.write(batch.join(''))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}

export const rgAvailable = () => spawnSync('rg', ['--version']).status === 0;

/**
 * One whole process: wall time (ms) measured here; CPU time and peak RSS from /usr/bin/time when it is there.
 * Standard output goes to a file (bench-data/out-*), so that its digest shows whether two builds print the same.
 */
export function runOnce(argv, { cpus, keep, env } = {}) {
  const outFile = join(root, `bench-data/out-${process.pid}.txt`);
  const fd = openSync(outFile, 'w');
  const timed = existsSync('/usr/bin/time');
  const cmd = [...(timed ? ['/usr/bin/time', '-f', '@@time %U %S %M'] : []), ...(cpus ? ['taskset', '-c', cpus] : []), ...argv];
  const started = performance.now();
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26, env: env ? { ...process.env, ...env } : process.env });
  const ms = performance.now() - started;
  closeSync(fd);
  const t = /@@time ([0-9.]+) ([0-9.]+) (\d+)/.exec(r.stderr ?? '');
  const out = keep ? readFileSync(outFile) : undefined;
  const digest = out ? createHash('sha256').update(out).digest('hex').slice(0, 16) : undefined;
  unlinkSync(outFile);
  return {
    status: r.status,
    ms,
    cpuMs: t ? (Number(t[1]) + Number(t[2])) * 1000 : undefined,
    rssMB: t ? Math.round(Number(t[3]) / 1024) : undefined,
    stdout: out,
    digest,
    stderr: (r.stderr ?? '').replace(/@@time.*\n?/, ''),
  };
}

/**
 * The core sets to compare: 1 core, 2 cores, all of them (without duplicates on a 1- or 2-core machine). Each run is
 * told its number of threads (MAIL_ERROR_CODES_THREADS): on its own the tool uses only the cores that are free, and
 * a benchmark runs on a busy machine.
 */
export function coreSets() {
  const all = availableParallelism();
  const sets = [{ cores: 1, cpus: '0' }];
  if (all > 2) sets.push({ cores: 2, cpus: '0,1' });
  if (all > 1) sets.push({ cores: all, cpus: undefined });
  return sets;
}

/**
 * Runs rg and each of `variants` (name → argv of our CLI) in turn, `runs` rounds; per variant the median wall time,
 * median CPU time, peak RSS, and the ratio of medians to rg.
 */
export function interleaved(file, variants, runs) {
  const rgArgv = ['rg', '-c', RG_PATTERN, file];
  const times = { rg: [] };
  const cpu = { rg: [] };
  const rss = {};
  const seen = {};
  for (let round = 0; round < runs; round++) {
    const r = runOnce(rgArgv, { keep: round === 0 });
    if (round === 0) seen.rg = Number(r.stdout.toString().trim());
    times.rg.push(r.ms);
    cpu.rg.push(r.cpuMs);
    for (const v of variants) {
      if (round >= (v.rounds ?? runs)) continue;
      const o = runOnce([process.execPath, v.cli ?? cli, ...v.args, file], { cpus: v.cpus, keep: round === 0, env: v.cores ? { MAIL_ERROR_CODES_THREADS: String(v.cores) } : undefined });
      if (o.status !== 0) throw new Error(`${v.name}: exit ${o.status}: ${o.stderr.slice(0, 500)}`);
      (times[v.name] ??= []).push(o.ms);
      (cpu[v.name] ??= []).push(o.cpuMs);
      rss[v.name] = Math.max(rss[v.name] ?? 0, o.rssMB ?? 0);
      if (round === 0) seen[v.name] = { digest: o.digest, summary: v.args.includes('--summary') ? lastLine(o.stdout) : undefined, bytes: o.stdout.length, stdout: v.keepOutput ? o.stdout : undefined };
    }
  }
  const rgMs = median(times.rg);
  const result = { rg: { command: `rg -c '${RG_PATTERN}'`, ms: Math.round(rgMs), cpuMs: round(median(cpu.rg)), matchingLines: seen.rg } };
  for (const v of variants) {
    const ms = median(times[v.name]);
    const { stdout, ...output } = seen[v.name];
    result[v.name] = { command: `mail-error-codes ${v.args.join(' ')}`, build: v.cli ? 'compared' : undefined, cores: v.cores, ms: Math.round(ms), cpuMs: round(median(cpu[v.name])), peakRssMB: rss[v.name] || undefined, ratioToRg: +(ms / rgMs).toFixed(2), runs: times[v.name].map(Math.round), output };
    if (stdout) result[v.name].stdout = stdout;
  }
  result.rg.runs = times.rg.map(Math.round);
  return result;
}

/** The report against scan --summary on the same file, and its peak RSS on a log twenty times smaller. */
async function reportFigures(row, bytes) {
  const r = row.report;
  const small = await generatedLog(Math.round(bytes / 20));
  const smallRun = runOnce([process.execPath, cli, 'report', '--format', 'json', small]);
  let events = null;
  try {
    events = JSON.parse(r.stdout.toString()).totals.events;
  } catch {}
  delete r.stdout;
  const scanAll = Object.values(row).find((v) => v?.command?.includes('--summary') && v.cores === r.cores);
  return { ...r, events, ratioToScanSummary: scanAll ? +(r.ms / scanAll.ms).toFixed(2) : undefined, smallLogMB: Math.round(statSync(small).size / 1e6), smallLogPeakRssMB: smallRun.rssMB, rssRatioBigToSmall: r.peakRssMB && smallRun.rssMB ? +(r.peakRssMB / smallRun.rssMB).toFixed(2) : undefined };
}

const round = (x) => (x === undefined ? undefined : Math.round(x));
const lastLine = (buf) => buf.toString().trimEnd().split('\n').pop();

/** The CLI rows of the performance table. */
export async function cliRows({ quick = false, runs } = {}) {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build first');
  if (!rgAvailable()) return { error: 'ripgrep (rg) is not installed: apt-get install -y ripgrep' };
  const sets = coreSets();
  const rows = {};
  const ours = (formats) => sets.flatMap((s) => formats.map((f) => ({ name: `${f.name}@${s.cores}`, cores: s.cores, cpus: s.cpus, args: ['scan', ...f.args, '--fail-on', 'none'] })));
  // --compare=PATH: another build runs in the same rounds (a before and after measured side by side).
  const variants = (formats) => [...ours(formats), ...(compare ? ours(formats).map((v) => ({ ...v, name: `compared ${v.name}`, cli: compare })) : [])];
  const summary = { name: 'summary', args: ['--summary'] };
  const json = { name: 'json', args: ['--format', 'json'] };
  const report = { name: 'report', cores: availableParallelism(), args: ['report', '--format', 'json'], rounds: 1, keepOutput: true };
  const sizes = quick ? [['small', 5e6, [summary, json], 3], ['medium', 20e6, [summary], 3]] : [['50MB', 50e6, [summary, json], runs ?? 5], ['200MB', 200e6, [summary], runs ?? 3], ['1GB', 1e9, [summary], runs ?? 3]];
  for (const [label, bytes, formats, n] of sizes) {
    const file = await generatedLog(bytes);
    const last = label === sizes[sizes.length - 1][0];
    rows[label] = { file: file.replace(root, ''), MB: Math.round(statSync(file).size / 1e6), ...interleaved(file, [...variants(formats), ...(last ? [report] : [])], n) };
    if (last) rows[label].report = await reportFigures(rows[label], bytes);
  }
  return { cores: availableParallelism(), rows };
}

const isMain = process.argv[1] && new URL(import.meta.url).pathname === process.argv[1];
if (isMain) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--cli=') && !a.startsWith('--compare='));
  const r = args.indexOf('--runs');
  const runs = r >= 0 ? Number(args.splice(r, 2)[1]) : 3;
  if (!existsSync(cli)) {
    console.error(`${cli} is missing: run npm run build first`);
    process.exit(2);
  }
  if (!rgAvailable()) {
    console.error('ripgrep (rg) is not installed: apt-get install -y ripgrep');
    process.exit(2);
  }
  const sets = coreSets();
  const out = { cores: availableParallelism(), rows: {} };
  for (const size of args.length ? args : ['1GB']) {
    const file = await generatedLog(parseSize(size));
    const variants = sets.map((s) => ({ name: `summary@${s.cores}`, cores: s.cores, cpus: s.cpus, args: ['scan', '--summary', '--fail-on', 'none'] }));
    out.rows[size] = { file: file.replace(root, ''), MB: Math.round(statSync(file).size / 1e6), ...interleaved(file, variants, runs) };
  }
  console.log(JSON.stringify(out, null, 2));
}
