// Benchmarks the command-line tool on a large generated mail log: `mail-error-codes scan --summary` wall time,
// throughput and peak RSS, next to `rg -c` with a comparable pattern on the same file. Prints one JSON object.
// Usage: node scripts/bench-cli.mjs [SIZE]   (SIZE in bytes, or with a unit: 200MB, 1GB; default 1GB)
// Build first (npm run build). The log is written to bench-data/ (git-ignored) and reused when its size matches.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

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

// Realistic mixed Postfix / Exim / Sendmail / Dovecot lines; about 1 in 6 carries a code. Deterministic.
function lineMaker(seed = 7) {
  let s = seed >>> 0;
  const rnd = (n) => ((s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0) % n);
  const pick = (xs) => xs[rnd(xs.length)];
  const hosts = ['mx.example.org', 'gmail-smtp-in.l.google.com', 'mx1.example.com', 'example-com.mail.protection.outlook.com'];
  const addr = () => `${pick(['bob', 'carol', 'dave', 'erin', 'frank'])}@${pick(['example.org', 'example.com', 'gmail.com'])}`;
  const replies = [
    '550 5.1.1 <USER>: Recipient address rejected: User unknown in virtual mailbox table',
    "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy.",
    '452 4.2.2 The email account that you tried to reach is over quota',
    '421 4.7.0 Try again later, closing connection.',
    '554 5.7.1 <USER>: Relay access denied',
  ];
  const time = () => `Nov ${10 + rnd(20)} ${String(rnd(24)).padStart(2, '0')}:${String(rnd(60)).padStart(2, '0')}:${String(rnd(60)).padStart(2, '0')}`;
  const qid = () => rnd(0xffffffff).toString(16).toUpperCase().padStart(10, '0');
  return () => {
    const k = rnd(100);
    const ip = `203.0.113.${rnd(255)}`;
    if (k < 30) return `${time()} mx1 postfix/smtpd[${1000 + rnd(9000)}]: connect from unknown[${ip}]`;
    if (k < 50) return `${time()} mx1 postfix/cleanup[${1000 + rnd(9000)}]: ${qid()}: message-id=<${qid()}@example.net>`;
    if (k < 62) return `${time()} mx1 postfix/qmgr[${1000 + rnd(9000)}]: ${qid()}: from=<${addr()}>, size=${rnd(90000)}, nrcpt=1 (queue active)`;
    if (k < 72) return `${time()} mx1 postfix/smtp[${1000 + rnd(9000)}]: ${qid()}: to=<${addr()}>, relay=${pick(hosts)}[${ip}]:25, delay=0.${rnd(9)}, dsn=2.0.0, status=sent (250 2.0.0 OK ${qid()})`;
    if (k < 76) {
      const r = pick(replies).replace('<USER>', `<${addr()}>`);
      return `${time()} mx1 postfix/smtp[${1000 + rnd(9000)}]: ${qid()}: to=<${addr()}>, relay=${pick(hosts)}[${ip}]:25, delay=1.2, dsn=${r.slice(4, 9).replace(/[^0-9.]/g, '')}, status=${r[0] === '4' ? 'deferred' : 'bounced'} (host ${pick(hosts)}[${ip}] said: ${r} (in reply to RCPT TO command))`;
    }
    if (k < 84) return `2026-11-${10 + rnd(20)} 09:${String(rnd(60)).padStart(2, '0')}:00 1r${qid().slice(0, 5)}-000${rnd(9)}Xy-2K <= ${addr()} H=client.example.net [${ip}] P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 S=${rnd(9000)}`;
    if (k < 86) return `2026-11-${10 + rnd(20)} 09:14:02 1r${qid().slice(0, 5)}-0003Xy-2K ** ${addr()} R=dnslookup T=remote_smtp H=${pick(hosts)} [${ip}]: SMTP error from remote mail server after RCPT TO:<${addr()}>: ${pick(replies).replace('<USER>', `<${addr()}>`)}`;
    if (k < 95) return `${time()} relay sendmail[${1000 + rnd(9000)}]: ${qid()}: from=<${addr()}>, size=${rnd(9000)}, class=0, nrcpts=1, msgid=<${qid()}@example.net>, proto=ESMTP, relay=client.example.net [${ip}]`;
    if (k < 97) return `${time()} relay sendmail[${1000 + rnd(9000)}]: ${qid()}: to=<${addr()}>, delay=00:00:0${rnd(9)}, mailer=esmtp, pri=120345, relay=${pick(hosts)}. [${ip}], dsn=5.1.1, stat=User unknown`;
    return `${time()} mx1 dovecot: imap-login: Login: user=<${addr()}>, method=PLAIN, rip=${ip}, lip=10.5.1.1, mpid=${rnd(99999)}, TLS`;
  };
}

async function generate(file, bytes) {
  if (existsSync(file) && statSync(file).size >= bytes && statSync(file).size < bytes + 4096) return false;
  const out = createWriteStream(file);
  const next = lineMaker();
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
    writeFileSync(wrapper, "process.on('exit', () => require('fs').writeSync(2, `\\nMaximum resident set size (kbytes): ${process.resourceUsage().maxRSS}\\n`));\n");
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
