// Benchmarks the command-line tool on a large generated mail log: `mail-error-codes scan --summary` wall time,
// throughput and peak RSS, next to `rg -c` with a comparable pattern on the same file, and `mail-error-codes report`
// on that file against scan --summary (whole process against whole process, same run), with its peak RSS on a log
// twenty times smaller to show that memory stays flat. Prints one JSON object.
// Usage: node scripts/bench-cli.mjs [SIZE]   (SIZE in bytes, or with a unit: 200MB, 1GB; default 1GB)
// Build first (npm run build). The log is written to bench-data/ (git-ignored) and reused when its size matches.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { lineMaker } from './generate-log.mjs';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist/cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run npm run build first');
  process.exit(2);
}

function parseSize(text) {
  const m = /^([0-9.]+)\s*(k|m|g)?i?b?$/i.exec(text ?? '1GB');
  if (!m) throw new Error(`bad size ${text}`);
  return Math.round(Number(m[1]) * { undefined: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]?.toLowerCase()]);
}

async function generate(file, bytes) {
  if (existsSync(file) && statSync(file).size >= bytes && statSync(file).size < bytes + 4096) return false;
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
  return true;
}

/** Runs a command; wall time, and peak RSS from /usr/bin/time -v or, without it, a wrapper reading resourceUsage(). */
function measure(command, args, viaNode) {
  const useTime = existsSync('/usr/bin/time');
  let argv = [command, ...args];
  if (!useTime && viaNode) {
    const wrapper = join(root, 'bench-data/rss-wrapper.cjs');
    writeFileSync(wrapper, "process.on('exit', () => require('node:fs').writeSync(2, `\\nMaximum resident set size (kbytes): ${process.resourceUsage().maxRSS}\\n`));\n");
    argv = [command, '--require', wrapper, ...args];
  }
  const started = performance.now();
  const r = useTime ? spawnSync('/usr/bin/time', ['-v', ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 }) : spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { status: r.status, seconds, peakRssMB: rss ? Math.round(Number(rss[1]) / 1024) : null, stdout: r.stdout ?? '', stderr: r.stderr ?? '', rssFrom: useTime ? '/usr/bin/time -v' : viaNode ? 'process.resourceUsage()' : null };
}

const bytes = parseSize(process.argv[2]);
mkdirSync(join(root, 'bench-data'), { recursive: true });
const file = join(root, `bench-data/mail-${bytes}.log`);
const genStart = performance.now();
const generated = await generate(file, bytes);
const size = statSync(file).size;
const mb = size / (1024 * 1024);

const cliRun = measure(process.execPath, [cli, 'scan', '--summary', '--fail-on', 'none', file], true);
const totals = /^(\d+) findings? of (\d+) codes?/m.exec(cliRun.stdout);
const result = {
  file: file.replace(root, ''),
  sizeMB: Math.round(mb),
  generatedSeconds: generated ? Number(((performance.now() - genStart) / 1000).toFixed(1)) : 'reused',
  cli: {
    command: 'mail-error-codes scan --summary',
    exitStatus: cliRun.status,
    wallSeconds: Number(cliRun.seconds.toFixed(2)),
    throughputMBps: Number((mb / cliRun.seconds).toFixed(1)),
    peakRssMB: cliRun.peakRssMB,
    rssFrom: cliRun.rssFrom,
    findings: totals ? Number(totals[1]) : null,
    codes: totals ? Number(totals[2]) : null,
  },
};
if (cliRun.status !== 0) result.cli.stderr = cliRun.stderr.split('\n').filter((l) => !/^\s|Command being timed|^\t/.test(l)).slice(0, 5).join('\n');

// The mail log report on the same file, and on one twenty times smaller: time against scan --summary, memory flat.
const small = join(root, `bench-data/mail-${Math.round(bytes / 20)}.log`);
await generate(small, Math.round(bytes / 20));
const reportRun = measure(process.execPath, [cli, 'report', '--format', 'json', file], true);
const reportSmall = measure(process.execPath, [cli, 'report', '--format', 'json', small], true);
const events = (() => {
  try {
    return JSON.parse(reportRun.stdout).totals.events;
  } catch {
    return null;
  }
})();
result.report = {
  command: 'mail-error-codes report --format json',
  exitStatus: reportRun.status,
  wallSeconds: Number(reportRun.seconds.toFixed(2)),
  throughputMBps: Number((mb / reportRun.seconds).toFixed(1)),
  events,
  ratioToScanSummary: Number((reportRun.seconds / cliRun.seconds).toFixed(2)),
  peakRssMB: reportRun.peakRssMB,
  smallLogMB: Math.round(statSync(small).size / (1024 * 1024)),
  smallLogPeakRssMB: reportSmall.peakRssMB,
  rssRatioBigToSmall: reportRun.peakRssMB && reportSmall.peakRssMB ? Number((reportRun.peakRssMB / reportSmall.peakRssMB).toFixed(2)) : null,
};
if (reportRun.status !== 0) result.report.stderr = reportRun.stderr.split('\n').filter((l) => !/^\s|Command being timed|^\t/.test(l)).slice(0, 5).join('\n');

// rg with a pattern for the same kinds of code (reply+enhanced pairs, enhanced codes, Outlook hex); it counts lines.
const pattern = String.raw`\b[2-5][0-9]{2}[ -][245]\.[0-9]{1,3}\.[0-9]{1,3}\b|\b[245]\.[0-7]\.[0-9]{1,3}\b|\b0[xX]8[0-9A-Fa-f]{7}\b|said: [2-5][0-9]{2}\b`;
const which = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' });
if (which.status !== 0) {
  result.rg = { available: false, note: 'ripgrep (rg) is not installed: apt-get install -y ripgrep' };
} else {
  const rgRun = measure(which.stdout.trim(), ['-c', pattern, file], false);
  result.rg = {
    available: true,
    command: `rg -c '${pattern}'`,
    wallSeconds: Number(rgRun.seconds.toFixed(2)),
    throughputMBps: Number((mb / rgRun.seconds).toFixed(1)),
    peakRssMB: rgRun.peakRssMB,
    matchingLines: Number(rgRun.stdout.trim()) || 0,
  };
  result.cliVsRg = Number((rgRun.seconds ? cliRun.seconds / rgRun.seconds : 0).toFixed(1));
}
console.log(JSON.stringify(result, null, 2));
