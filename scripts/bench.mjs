// npm run bench: performance as ratios against references measured on the same machine in the same run.
//  1. Scanner vs ripgrep on a generated 50 MB mail log, the core alone on a string in memory.
//  2. Adversarial inputs (long digit/dot/space runs, deep MIME, many parts, a header folded many times):
//     time per MB against the ordinary log (goal: linear, small ratio).
//  3. Language server over the real protocol: didOpen → publishDiagnostics for a 40 MB log against rg's whole process
//     on that file, interleaved (goal: ≤ 8× rg); re-diagnosis after a one-line edit (goal: < 1% of the open); hover
//     latency p50/p99, server memory.
//  4. Catalog: load time of the compiled catalog, its size in entries and bytes.
//  5. Memory over 1 000 open/close cycles of a 5 MB log.
//  6. The command-line tool, whole process against rg's, interleaved, on 1 core, 2 and all: `scan --summary` and
//     `--format json` on 50 MB (goal: ≤ 4× rg), `--summary` on 200 MB and 1 GB (goal: ≤ 3× rg on 1 GB)
//     (scripts/bench-cli.mjs).
//  7. Typing in a 12 MB bounce (a base64 text part): hover latency p50/p99 while every keystroke starts a new
//     analysis (goal: p99 < 50 ms), and the time from the last keystroke to its diagnostics, against the core's
//     analysis of the same message in one piece.
//  8. `bounces` over a folder of 100 000 generated bounces: files per second and peak memory, against rg
//     (scripts/bench-bounces.mjs).
//  9. The size of the packaged .vsix.
// The results go to bench-data/results.json, and the table of README.md's Performance section is written from them
// (scripts/bench-readme.mjs: the rows, and how to add one).
// --quick: small sizes, to check that the benchmark runs; prints the table instead of writing README.md.
// --server=PATH, --cli=PATH: other builds of the server and the command-line tool (before/after); --compare=PATH:
// another build of the tool in the same rounds as this one; README.md is left as it is with any of them.
// --only=core|server|cli|typing|bounces: just those sections (README.md is left as it is).
// --readme-only: measures nothing; writes the README table again from bench-data/results.json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { generateLog } from './generate-log.mjs';
import { cliRows, median, RG_PATTERN, rgAvailable, runOnce } from './bench-cli.mjs';
import { benchTable, writeBenchTable } from './bench-readme.mjs';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const serverPath = process.argv.find((a) => a.startsWith('--server='))?.slice('--server='.length) ?? join(root, 'dist/server/node.js');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const otherBuild = process.argv.some((a) => /^--(server|cli|compare)=/.test(a));
if (process.argv.includes('--readme-only')) {
  const last = JSON.parse(readFileSync(join(root, 'bench-data/results.json'), 'utf8'));
  if (!last.meta) throw new Error('bench-data/results.json has no meta (date, cores …): run npm run bench');
  writeBenchTable(join(root, 'README.md'), last, last.meta);
  console.log('README.md: the Performance table is written again from bench-data/results.json.');
  process.exit(0);
}
const sizeMB = quick ? 5 : 50;
mkdirSync(join(root, 'bench-data'), { recursive: true });
const logPath = join(root, `bench-data/mail-${sizeMB}mb.log`);
if (!existsSync(logPath) || statSync(logPath).size < sizeMB * 1e6) writeFileSync(logPath, generateLog(sizeMB * 1e6, 42));
const text = readFileSync(logPath, 'utf8');
// The machine, as the README table states it: a busy machine (other work on its cores) gives slower figures.
const meta = { date: new Date().toISOString().slice(0, 10), cores: availableParallelism(), cpu: cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU', node: process.version, loadAverage: +loadavg()[0].toFixed(1) };
const results = { meta };
const time = (fn, runs = 5) => median(Array.from({ length: runs }, () => { const t = performance.now(); fn(); return performance.now() - t; }));

// The core, bundled the way the server bundles it.
const esbuild = await import('esbuild');
const { catalogPlugin } = await import('./build.mjs');
await esbuild.build({ entryPoints: { core: join(root, 'scripts/bench-core.ts') }, outdir: join(root, 'out/bench'), bundle: true, platform: 'node', format: 'cjs', plugins: [catalogPlugin], logLevel: 'warning' });
const core = require(join(root, 'out/bench/core.js'));
const catalog = core.loadCatalog(readFileSync(join(root, 'dist/catalog.json'), 'utf8'));

// 1, 2 and 4. The core on its own
if (!only || only === 'core') await coreBench();
// 3 and 5. The language server over stdio
if (!only || only === 'server') results.server = await serverBench();
// 6. The CLI, whole process against rg.
if (!only || only === 'cli') results.cli = await cliRows({ quick });
// 7. Typing in a large bounce
if (!only || only === 'typing') results.typing = await typingBench(catalog);
// 8. bounces over a folder of bounces (its own script: it generates the folder on disk).
if (!only || only === 'bounces') {
  const bounces = spawnSync(process.execPath, [join(root, 'scripts/bench-bounces.mjs'), quick ? '2000' : '100000'], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 24 });
  try {
    results.bounces = JSON.parse(bounces.stdout);
  } catch {
    results.bounces = { error: (bounces.stderr || bounces.stdout).slice(0, 500) };
  }
}

// 9. The .vsix, packaged last (its production build replaces the bundles measured above).
if (!only) {
  const pack = spawnSync('npm', ['run', 'package', '--silent'], { cwd: root, encoding: 'utf8' });
  const vsix = join(root, 'dist/mail-error-codes.vsix');
  results.vsix = pack.status === 0 && existsSync(vsix) ? { bytes: statSync(vsix).size } : { error: (pack.stderr || pack.stdout).slice(0, 500) };
}

console.log(JSON.stringify(results, null, 2));
console.log(speedTable(results));
writeFileSync(join(root, `bench-data/results${only ? `-${only}` : ''}.json`), JSON.stringify(results, null, 2));
if (quick || only || otherBuild) console.log(`\nREADME.md is left as it is (--quick, --only or another build); the table would read:\n\n${benchTable(results, meta)}`);
else {
  writeBenchTable(join(root, 'README.md'), results, meta);
  console.log('README.md: the Performance table is updated from these results.');
}

/** The end-to-end rows, as ratios to rg in the same run. */
function speedTable(r) {
  // CPU time too (user + system, from /usr/bin/time): steadier than wall time on a busy machine.
  const rows = [['what', 'cores', 'ours', 'rg', 'ratio', 'cpu ratio']];
  for (const [label, row] of Object.entries(r.cli?.rows ?? {})) {
    for (const [name, v] of Object.entries(row)) {
      if (!v?.ratioToRg || name === 'report') continue;
      rows.push([`${v.build ? '(compared build) ' : ''}${v.command.replace(' --fail-on none', '')} (${row.MB} MB)`, String(v.cores), `${v.ms} ms`, `${row.rg.ms} ms`, `${v.ratioToRg}x`, v.cpuMs && row.rg.cpuMs ? `${(v.cpuMs / row.rg.cpuMs).toFixed(2)}x` : '']);
    }
  }
  for (const row of Object.values(r.cli?.rows ?? {})) {
    const rep = row.report;
    if (rep?.ratioToScanSummary) rows.push([`mail-error-codes report --format json (${row.MB} MB; peak RSS ${rep.peakRssMB} MB, ${rep.smallLogPeakRssMB} MB on ${rep.smallLogMB} MB)`, String(rep.cores), `${rep.ms} ms`, 'scan --summary', `${rep.ratioToScanSummary}x`, '']);
  }
  if (r.server?.didOpenRatioToRg) {
    rows.push([`language server, didOpen of ${r.server.openMB} MB to its first publishDiagnostics`, String(r.meta.cores), `${r.server.didOpenToDiagnosticsMs} ms`, `${r.server.rgMs} ms`, `${r.server.didOpenRatioToRg}x`, '']);
    rows.push([`language server, didOpen of ${r.server.openMB} MB to the diagnostics with every code counted`, String(r.meta.cores), `${r.server.didOpenToCompleteDiagnosticsMs} ms`, `${r.server.rgMs} ms`, `${r.server.completeRatioToRg}x`, '']);
  }
  if (r.server) {
    rows.push(['one-line edit to new diagnostics, against the first diagnostics', String(r.meta.cores), `${r.server.editToDiagnosticsMsMedian} ms`, 'first', `${(r.server.editRatioToOpen * 100).toFixed(2)} %`, '']);
    rows.push(['one-line edit to new diagnostics, against the complete ones', String(r.meta.cores), `${r.server.editToDiagnosticsMsMedian} ms`, 'complete', `${(r.server.editRatioToComplete * 100).toFixed(2)} %`, '']);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return `\n${r.meta.date}, ${r.meta.cores} cores, load average ${r.meta.loadAverage} at the start\n` + rows.map((row) => row.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')).join('\n');
}

async function coreBench() {

  // 4. Catalog load
  const catalogJson = readFileSync(join(root, 'dist/catalog.json'), 'utf8');
  const loadMs = time(() => core.loadCatalog(catalogJson), 20);
  results.catalog = { entries: JSON.parse(catalogJson).entries.length, bytes: Buffer.byteLength(catalogJson), loadMs: +loadMs.toFixed(2) };

  // 1. Scanner vs rg
  let findings = 0;
  const scanMs = time(() => { findings = core.scan(text, catalog).length; }, 3);
  if (rgAvailable()) {
    const rgRun = () => spawnSync('rg', ['-c', RG_PATTERN, logPath], { encoding: 'utf8' });
    const rgMs = time(() => rgRun(), 3);
    results.scanner = { sizeMB, findings, scanMs: Math.round(scanMs), rgMs: Math.round(rgMs), rgMatches: Number(rgRun().stdout.trim()), ratioToRg: +(scanMs / rgMs).toFixed(2), MBps: Math.round(sizeMB / (scanMs / 1000)) };
  } else results.scanner = { sizeMB, findings, scanMs: Math.round(scanMs), rg: 'ripgrep not installed (apt-get install ripgrep)' };

  // 2. Adversarial inputs, ms per MB against the ordinary log
  const perMB = scanMs / sizeMB;
  const mb = quick ? 1 : 4;
  const n = mb * 1e6;
  const adversarial = {
    digits: '9'.repeat(n),
    dots: '5.'.repeat(n / 2),
    dottedCodes: '5.1.1.'.repeat(n / 6),
    spaces: ' '.repeat(n) + 'said: 550',
    dashes: '550-'.repeat(n / 4),
    saidRun: 'said: '.repeat(n / 6),
    hexRun: '0x800CCC0E'.repeat(n / 10),
    longLineCodes: ('said: 550 5.1.1 user unknown ').repeat(n / 30),
    deepMime: deepMime(2000),
    manyParts: manyParts(10000),
    foldedHeader: 'Content-Type: multipart/mixed;\n' + ' x\n'.repeat(n / 3) + '\nbody said: 550 5.1.1\n',
    // Bounces: a megabyte line that is almost an address, and a report that names an address on every line.
    bounceLongAddress: 'MIME-Version: 1.0\nFrom: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail\n\n' + 'x'.repeat(n) + '@' + 'y'.repeat(1000) + '\n',
    bounceManyRecipients: 'MIME-Version: 1.0\nFrom: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail\n\nThis is the mail system at host mx.example.\n\n' + Array.from({ length: n / 60 }, (_, i) => `<u${i}@example.org>: host said: 550 5.1.1 unknown\n`).join(''),
  };
  results.adversarial = {};
  let worst = 0;
  for (const [name, input] of Object.entries(adversarial)) {
    const ms = time(() => core.analyze(input, catalog), 3);
    const ratio = ms / (input.length / 1e6) / perMB;
    worst = Math.max(worst, ratio);
    results.adversarial[name] = { MB: +(input.length / 1e6).toFixed(2), ms: Math.round(ms), ratioPerMBToLog: +ratio.toFixed(2) };
  }
  results.adversarialWorstRatio = +worst.toFixed(2);
}

function deepMime(depth) {
  let s = '';
  for (let i = 0; i < depth; i++) s += `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n`;
  return 'MIME-Version: 1.0\n' + s + 'Content-Type: text/plain\n\nsaid: 550 5.1.1\n';
}
function manyParts(count) {
  let s = 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="p"\n\n';
  for (let i = 0; i < count; i++) s += `--p\nContent-Type: text/plain\n\nline ${i} said: 550 5.1.1 unknown\n`;
  return s + '--p--\n';
}

async function serverBench() {
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
  const proc = spawn(process.execPath, ['--expose-gc', serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  // A large log is published twice: its first diagnostics while it is still being read (the cap note says so), then
  // with everything counted. `complete` waits for the second.
  const waiting = [];
  const partial = (p) => p.diagnostics.some((d) => d.code === 'limit' && /still being read/.test(d.message));
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    for (const w of [...waiting]) {
      if (w.uri !== p.uri || w.version !== p.version || (w.complete && partial(p))) continue;
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(p);
    }
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onNotification(() => undefined);
  conn.listen();
  const published = (uri, version, complete = true) => new Promise((resolve) => waiting.push({ uri, version, complete, resolve }));
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  conn.sendNotification('initialized', {});
  // The 40 MB log: opened (a new document each round) after rg has counted its codes, round after round.
  const openText = text.length > 40e6 ? text.slice(0, text.lastIndexOf('\n', 40e6) + 1) : text;
  const openPath = join(root, `bench-data/mail-${Math.round(openText.length / 1e6)}mb-open.log`);
  if (!existsSync(openPath) || statSync(openPath).size !== openText.length) writeFileSync(openPath, openText);
  const rounds = quick ? 3 : 5;
  const openTimes = [];
  const completeTimes = [];
  const rgTimes = [];
  let uri;
  for (let r = 0; r < rounds; r++) {
    if (rgAvailable()) rgTimes.push(runOnce(['rg', '-c', RG_PATTERN, openPath]).ms);
    if (uri) {
      conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      await conn.sendRequest('$/mailErrorCodes/memory');
    }
    uri = `file:///bench/mail-${r}.log`;
    const t0 = performance.now();
    const first = published(uri, 1, false);
    const all = published(uri, 1, true);
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'log', version: 1, text: openText } });
    await first;
    openTimes.push(performance.now() - t0);
    await all;
    completeTimes.push(performance.now() - t0);
  }
  const openMs = median(openTimes);
  const completeMs = median(completeTimes);
  const rgOpenMs = rgTimes.length ? median(rgTimes) : undefined;
  const lines = openText.split('\n', 200000).length;
  const editTimes = [];
  let t;
  for (let v = 2; v < 22; v++) {
    const line = Math.floor(lines / 2) + v;
    t = performance.now();
    const p = published(uri, v);
    conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }] });
    await p;
    editTimes.push(performance.now() - t);
  }
  const hover = [];
  const sample = text.split('\n', 5000);
  const positions = sample.map((l, i) => [i, l.search(/said: [2-5]/)]).filter(([, c]) => c >= 0).slice(0, 200);
  for (const [line, c] of positions) {
    t = performance.now();
    await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: c + 7 } });
    hover.push(performance.now() - t);
  }
  hover.sort((a, b) => a - b);
  const mem = async () => (await conn.sendRequest('$/mailErrorCodes/memory').catch(() => null)) ?? null;
  const memAfterOpen = await mem();
  conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  // 5. open/close cycles of a 5 MB log
  const five = text.slice(0, 5e6);
  const cycles = quick ? 50 : 1000;
  const before = await mem();
  for (let i = 0; i < cycles; i++) {
    const u = `file:///bench/cycle.log`;
    const p = published(u, i + 1);
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'log', version: i + 1, text: five } });
    await p;
    conn.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
  }
  const afterCycles = await mem();
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  const editMedian = median(editTimes);
  return {
    openMB: Math.round(openText.length / 1e6),
    didOpenToDiagnosticsMs: Math.round(openMs),
    didOpenRuns: openTimes.map(Math.round),
    rgMs: rgOpenMs === undefined ? 'ripgrep not installed' : Math.round(rgOpenMs),
    rgRuns: rgTimes.map(Math.round),
    didOpenRatioToRg: rgOpenMs === undefined ? undefined : +(openMs / rgOpenMs).toFixed(2),
    didOpenToCompleteDiagnosticsMs: Math.round(completeMs),
    completeRuns: completeTimes.map(Math.round),
    completeRatioToRg: rgOpenMs === undefined ? undefined : +(completeMs / rgOpenMs).toFixed(2),
    editToDiagnosticsMsMedian: +editMedian.toFixed(2),
    editRatioToOpen: +(editMedian / openMs).toFixed(4),
    editRatioToComplete: +(editMedian / completeMs).toFixed(4),
    hoverMsP50: +hover[Math.floor(hover.length * 0.5)].toFixed(2),
    hoverMsP99: +hover[Math.floor(hover.length * 0.99)].toFixed(2),
    hovers: hover.length,
    memoryAfterOpenMB: memAfterOpen,
    openCloseCycles: cycles,
    heapBeforeCyclesMB: before?.heapUsedMB,
    heapAfterCyclesMB: afterCycles?.heapUsedMB,
  };
}

/** A Postfix bounce whose returned message carries a large text/plain part in base64 (a log attached to a report). */
function bigBounce(mb) {
  const bounce = readFileSync(join(root, 'test/fixtures/eml/bounce-postfix.eml'), 'utf8');
  const boundary = /boundary="?([^";\n]+)"?/.exec(bounce)[1];
  const log = generateLog(mb * 0.75e6, 7);
  const body = Buffer.from(log).toString('base64').replace(/.{76}/g, '$&\n');
  return bounce.replace(`--${boundary}--`, `--${boundary}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n${body}\n--${boundary}--`);
}

async function typingBench(catalog) {
  const mb = quick ? 3 : 12;
  const text = bigBounce(mb);
  const analysisMs = time(() => core.analyze(text, catalog, { message: true }), 3);
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
  const proc = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiting = new Map();
  const latest = new Map();
  // Versions may be skipped (an older analysis is cancelled): a publish for a version answers the waits for it
  // and for every earlier one, also those asked for after it came.
  const arrived = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    latest.set(p.uri, Math.max(latest.get(p.uri) ?? 0, p.version ?? 0));
    arrived.set(`${p.uri}@${p.version}`, performance.now());
    for (const [key, resolve] of waiting) {
      const [uri, version] = [key.slice(0, key.lastIndexOf('@')), Number(key.slice(key.lastIndexOf('@') + 1))];
      if (uri === p.uri && version <= p.version) {
        resolve(p);
        waiting.delete(key);
      }
    }
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onNotification(() => undefined);
  conn.listen();
  proc.on('exit', (code, signal) => {
    if (waiting.size) console.error(`typing bench: the server exited (${code ?? signal}) with ${waiting.size} publish(es) awaited`);
  });
  const deadline = 10 * 60_000;
  const published = (uri, version) => new Promise((resolve, reject) => {
    if ((latest.get(uri) ?? 0) >= version) return resolve();
    const timer = setTimeout(() => reject(new Error(`typing bench: no diagnostics for ${uri} version ${version} within ${deadline / 1000} s`)), deadline);
    waiting.set(`${uri}@${version}`, (p) => {
      clearTimeout(timer);
      resolve(p);
    });
  });
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  conn.sendNotification('initialized', {});
  const uri = 'file:///bench/bounce.eml';
  const lines = text.split('\n', 40);
  const subject = lines.findIndex((l) => l.startsWith('Subject:'));
  const replyLine = lines.findIndex((l) => /said: 550/.test(l));
  const position = { line: replyLine, character: lines[replyLine].indexOf('550') + 1 };
  let t = performance.now();
  const opened = published(uri, 1);
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'eml', version: 1, text } });
  await opened;
  const openMs = performance.now() - t;
  // A fast typist: one character every 80 ms into the Subject line; after each, a hover on the reply code below.
  const keystrokes = quick ? 20 : 60;
  const hovers = [];
  let answered = 0;
  let version = 1;
  let column = lines[subject].length;
  let lastTyped = 0;
  for (let i = 0; i < keystrokes; i++) {
    const typed = performance.now();
    lastTyped = typed;
    version++;
    conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: subject, character: column }, end: { line: subject, character: column } }, text: 'x' }] });
    column++;
    t = performance.now();
    const hover = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    hovers.push(performance.now() - t);
    if (hover && /550/.test(hover.contents.value)) answered++;
    // The pace of the typing is the workload, not a synchronisation: the next key comes 80 ms after this one.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 80 - (performance.now() - typed))));
  }
  await published(uri, version);
  const settleMs = arrived.get(`${uri}@${version}`) - lastTyped;
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  hovers.sort((a, b) => a - b);
  const p99 = hovers[Math.min(hovers.length - 1, Math.floor(hovers.length * 0.99))];
  return {
    MB: +(text.length / 1e6).toFixed(1),
    analysisMs: Math.round(analysisMs),
    didOpenToDiagnosticsMs: Math.round(openMs),
    keystrokes,
    hoversAnswered: answered,
    hoverMsP50: +hovers[Math.floor(hovers.length / 2)].toFixed(2),
    hoverMsP99: +p99.toFixed(2),
    hoverP99ToAnalysis: +(p99 / analysisMs).toFixed(3),
    lastKeystrokeToDiagnosticsMs: Math.round(settleMs),
  };
}
