// `mail-error-codes report` as a process: text, JSON and HTML, several inputs (rotated, compressed, standard input),
// bad inputs and usage errors. The totals themselves are checked in test/unit/report.test.ts and against pflogsumm.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { root } from '../helpers';

const CLI = join(root, 'dist/cli.js');
let dir = '';

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [CLI, 'report', ...args], { cwd: root, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' }, maxBuffer: 1 << 26 });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}
const fixture = (name: string) => join(root, 'test/fixtures/report', name);

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'mec-report-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('text: totals, the time line, tables and reasons with their codes explained', () => {
  const r = run([fixture('postfix.log')]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^Mail log report: 1 input, 56 lines, 22 events, Nov 23 09:58 – Nov 24 17:40$/m);
  assert.match(r.stdout, /^ {2}delivered +6$/m);
  assert.match(r.stdout, /^ {2}deferred +7 +in 3 messages; 1 recipient still deferred at the end$/m);
  assert.match(r.stdout, /^ {2}bounced +2$/m);
  assert.match(r.stdout, /^ {2}expired +1$/m);
  assert.match(r.stdout, /^ {2}rejected +6$/m);
  assert.match(r.stdout, /^Per hour/m);
  assert.match(r.stdout, /^ {2}Nov 23 11:00 +0 +0 +0 +0 +6 +6 +#+$/m);
  assert.match(r.stdout, /^ {2}example\.edu +0 +5 +0 +1 +0 +6$/m);
  assert.match(r.stdout, /^Deferral reasons\n +3 +4\.4\.1 +connect to …: Connection timed out\n +4\.4\.1 No answer from host · reason: [a-z ]+$/m);
  assert.match(r.stdout, /^Failures by reason +deliv/m);
  assert.match(r.stdout, /^ {2}user unknown +0 +0 +2 +0 +1 +3$/m);
  assert.match(r.stdout, /550 Requested action not taken: mailbox unavailable · 5\.1\.1 Bad destination mailbox address · Gmail \/ Google Workspace: /);
  assert.match(r.stdout, /^Still deferred at the end of the log \(1\)\n {2}helpdesk@example\.edu +since Nov 24 16:40, 2 attempts, 9ABCDEF012, .*postfix\.log:56$/m);
  assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when not a terminal');
});

test('json: the report model; several inputs are one report', () => {
  const r = run(['--format', 'json', fixture('exim.log'), fixture('sendmail.log'), fixture('postfix.log')]);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.totals, { delivered: 17, deferred: 12, bounced: 7, expired: 2, rejected: 14, events: 52 });
  assert.deepEqual(report.sources.map((s: { formats: string[] }) => s.formats[0]), ['Exim', 'Postfix', 'Sendmail']);
  assert.equal(report.stillDeferred.total, 3);
  assert.equal(report.timeline.by, 'hour');
  assert.ok(report.reasons.every((x: { ref: string }) => typeof x.ref === 'string'));
});

test('rotated logs are read oldest first whatever the order given, compressed ones decompressed', () => {
  const older = 'Nov 23 10:00:00 mx1 postfix/smtp[1]: ABCDEF1234: to=<a@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=4.4.1, status=deferred (connect to mx.example.org[203.0.113.5]:25: Connection timed out)\n';
  const newer = 'Nov 23 11:00:00 mx1 postfix/smtp[2]: ABCDEF1234: to=<a@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=3601, delays=3600/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n';
  writeFileSync(join(dir, 'mail.log'), newer);
  writeFileSync(join(dir, 'mail.log.2.gz'), gzipSync(older));
  const r = run(['--format', 'json', join(dir, 'mail.log'), join(dir, 'mail.log.2.gz')]);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual([report.totals.deferred, report.totals.delivered, report.stillDeferred.total], [1, 1, 0]);
  assert.deepEqual(report.sources.map((s: { name: string }) => s.name.split('/').pop()), ['mail.log.2.gz', 'mail.log']);
});

test('standard input, a UTF-16 export, and --by / --top', () => {
  const stdin = run(['--format', 'json', '-'], `Nov 23 10:00:00 mx1 postfix/smtp[1]: ABCDEF1234: to=<a@example.org>, relay=x[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (550 5.1.1 no)\n`);
  assert.equal(stdin.status, 0, stdin.stderr);
  assert.equal(JSON.parse(stdin.stdout).totals.bounced, 1);
  assert.equal(JSON.parse(stdin.stdout).sources[0].name, '<stdin>');
  const csv = Buffer.from(`\ufeff${'"Received","SenderAddress","RecipientAddress","Status"\n"11/23/2026 9:12:44 AM","a@contoso.com","b@fabrikam.com","Failed"\n'}`, 'utf16le');
  writeFileSync(join(dir, 'trace.csv'), csv);
  const utf16 = run(['--format', 'json', '--by', 'day', '--top', '1', join(dir, 'trace.csv'), fixture('postfix.log')]);
  assert.equal(utf16.status, 0, utf16.stderr);
  const report = JSON.parse(utf16.stdout);
  assert.equal(report.totals.bounced, 3);
  assert.equal(report.timeline.by, 'day');
  assert.deepEqual(report.timeline.buckets.map((b: { start: string }) => b.start), ['2026-11-23T00:00', '2026-11-24T00:00']);
  assert.equal(report.domains.length, 2, 'one row and "other"');
  assert.equal(report.domains[1].other, true);
});

test('html: one self-contained page: the view inline, a CSP with a nonce, the data escaped', () => {
  const hostile = join(dir, 'hostile.log');
  writeFileSync(hostile, 'Nov 23 10:00:00 mx1 postfix/smtp[1]: ABCDEF1234: to=<x@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx said: 550 5.1.1 </script><script>alert(1)</script><img src=x onerror=alert(2)> & "quotes")\n');
  const r = run(['--format', 'html', hostile, fixture('exim.log')]);
  assert.equal(r.status, 0, r.stderr);
  const html = r.stdout;
  assert.match(html, /^<!DOCTYPE html>/);
  const csp = /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'nonce-([A-Za-z0-9+/=]+)'; script-src 'nonce-\1'">/.exec(html);
  assert.ok(csp, 'a strict CSP with a nonce');
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(scripts, ['<script type="application/json" id="report-data">', `<script nonce="${csp![1]}">`], 'the data block and the view, nothing else');
  assert.doesNotMatch(html, /<\/script><script>alert/);
  assert.doesNotMatch(html, /<img src=x/);
  assert.doesNotMatch(html, /\b(?:src|href)="https?:/, 'nothing loaded from the network');
  const data = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)![1];
  const report = JSON.parse(data);
  assert.equal(report.totals.bounced, 3);
  assert.ok(report.reasons.some((x: { example: string }) => x.example.includes('</script><script>alert(1)</script>')), 'the text itself is kept, only escaped');
});

test('bad inputs: each named on stderr, the others still reported, exit 2; usage errors exit 2', () => {
  writeFileSync(join(dir, 'binary.dat'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
  mkdirSync(join(dir, 'folder'), { recursive: true });
  copyFileSync(fixture('exim.log'), join(dir, 'exim.log'));
  const r = run(['--format', 'json', join(dir, 'missing.log'), join(dir, 'binary.dat'), join(dir, 'folder'), join(dir, 'exim.log')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /missing\.log: no such file or directory/);
  assert.match(r.stderr, /binary\.dat: binary file, skipped/);
  assert.match(r.stderr, /folder: is a directory/);
  assert.equal(JSON.parse(r.stdout).totals.delivered, 6, 'the readable input is reported');
  for (const args of [[], ['--format', 'xml', 'a'], ['--by', 'week', 'a'], ['--top', '0', 'a'], ['--bogus', 'a']]) {
    const u = run(args);
    assert.equal(u.status, 2, `report ${args.join(' ')}`);
    assert.match(u.stderr, /^mail-error-codes: .+\nUsage: mail-error-codes report /);
    assert.equal(u.stdout, '');
  }
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  assert.match(help.stdout, /report FILE…\|-\n +What happened to the mail/);
});
