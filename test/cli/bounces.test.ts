// The bounces command, run as a process over folders of .eml files, mbox files and Maildir folders.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readRecipients } from '../../server/src/core/bounce/read';
import { catalog, root } from '../helpers';

const CLI = join(root, 'dist/cli.js');
const FIXTURES = join(root, 'test/fixtures/bounces');
let dir = '';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'bounces', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' }, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}
const lines = (s: string) => s.split('\n').filter(Boolean).map((l) => JSON.parse(l));
const eml = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'mec-bounces-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('json: one record per recipient, exactly what the core reads, then the totals', () => {
  const r = run(['--format', 'json', 'test/fixtures/bounces']);
  assert.equal(r.status, 0, r.stderr);
  const rows = lines(r.stdout);
  const totals = rows.pop();
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.eml')).sort();
  const expected = files.flatMap((f) => readRecipients(eml(f), catalog).map((o) => ({ file: `test/fixtures/bounces/${f}`, recipient: o.recipient, reason: o.reason, bounce: o.bounce, status: o.status ?? null })));
  assert.deepEqual(rows.map((x) => ({ file: x.file, recipient: x.recipient, reason: x.reason, bounce: x.bounce, status: x.status })), expected);
  for (const x of rows) {
    assert.equal(x.type, 'recipient');
    const text = eml(x.file.split('/').pop());
    assert.ok(text.split('\n')[x.line - 1].includes(x.recipient.split('@')[0]), `${x.file}:${x.line} names ${x.recipient}`);
  }
  assert.equal(totals.type, 'totals');
  assert.equal(totals.messages, files.length);
  assert.equal(totals.filesSkipped, 1, 'expected.json is not a message');
  assert.equal(totals.recipients, rows.length);
  assert.equal(totals.hard + totals.soft + totals.notBounces, rows.length);
  assert.equal(totals.hard, rows.filter((x) => x.bounce === 'hard').length);
  assert.equal(totals.byReason.userunknown, rows.filter((x) => x.reason === 'userunknown').length);
  assert.equal(totals.byDomain['example.org'], rows.filter((x) => x.recipient.endsWith('@example.org') && x.bounce !== 'none').length);
});

test('table: a row per recipient, then totals by hard/soft, reason and domain, with what hard means', () => {
  const r = run(['test/fixtures/bounces/qmail.eml', 'test/fixtures/bounces/exim.eml']);
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.split('\n');
  assert.match(out[0], /^FILE +RECIPIENT +REASON +BOUNCE +STATUS +REPLY +REMOTE MTA +DATE$/);
  assert.match(r.stdout, /qmail\.eml +paul@example\.org +userunknown +hard +5\.1\.1 +550 +192\.0\.2\.55/);
  assert.match(r.stdout, /exim\.eml +mia@example\.com +expired +soft/);
  assert.match(r.stdout, /^5 recipients in 2 messages$/m);
  assert.match(r.stdout, /^ +4 +hard$/m);
  assert.match(r.stdout, /^ +1 +soft$/m);
  assert.match(r.stdout, /^Hard bounce: the address will never work/m);
  assert.match(r.stdout, /^By reason\n +3 +userunknown +user unknown\n +1 +expired/m);
  assert.match(r.stdout, /^By recipient domain\n +2 +example\.org/m);
});

test('csv: a header and one quoted row per recipient; cells that could be formulas are quoted', () => {
  const hostile = join(dir, 'hostile.eml');
  writeFileSync(hostile, eml('qmail.eml').replace('<paul@example.org>:\n', '<=cmd@example.org>:\n'));
  const r = run(['-f', 'csv', hostile]);
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.trim().split('\n');
  assert.equal(rows[0], 'file,line,recipient,action,reason,bounce,status,reply,remote_mta,date,diagnostic');
  assert.equal(rows.length, 4);
  assert.ok(rows[1].includes(',"=cmd@example.org",'), rows[1]);
  assert.ok(rows[2].endsWith(',"Sorry, no mailbox here by that name. (#5.1.1)"'), rows[2]);
});

test('mbox files and Maildir folders: every message, named file#n, with lines in the mbox', () => {
  const mbox = join(dir, 'bounces.mbox');
  const body = (name: string) => eml(name).replace(/^From /gm, '>From ');
  writeFileSync(mbox, `From MAILER-DAEMON Sat Mar  8 16:40:02 2025\n${body('exim.eml')}\nFrom MAILER-DAEMON Mon Mar 10 08:15:30 2025\n${body('qmail.eml')}\nFrom someone Mon Mar 10 09:00:00 2025\n${body('vacation.eml')}\n`);
  const maildir = join(dir, 'Maildir');
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
  cpSync(join(FIXTURES, 'gmx.eml'), join(maildir, 'cur', '1741000000.M1P1.host:2,S'));
  cpSync(join(FIXTURES, 'sendmail.eml'), join(maildir, 'new', '1741000001.M2P2.host'));
  cpSync(join(FIXTURES, 'yahoo.eml'), join(maildir, 'tmp', '1741000002.M3P3.host'));
  const r = run(['-f', 'json', mbox, maildir]);
  assert.equal(r.status, 0, r.stderr);
  const rows = lines(r.stdout);
  const totals = rows.pop();
  assert.deepEqual(rows.map((x) => [x.file.replace(dir, ''), x.recipient]), [
    ['/bounces.mbox#1', 'liam@example.org'],
    ['/bounces.mbox#1', 'mia@example.com'],
    ['/bounces.mbox#2', 'paul@example.org'],
    ['/bounces.mbox#2', 'quinn@qmail.example.net'],
    ['/bounces.mbox#2', 'rita@nonexistent.example'],
    ['/bounces.mbox#3', 'paula@example.org'],
    ['/Maildir/cur/1741000000.M1P1.host:2,S', 'zelda@example.org'],
    ['/Maildir/new/1741000001.M2P2.host', 'tina@example.org'],
  ], 'tmp/ holds messages still being written: left out');
  assert.equal(totals.messages, 5);
  const mboxLines = readFileSync(mbox, 'utf8').split('\n');
  for (const x of rows.filter((x) => x.file.includes('.mbox'))) assert.ok(mboxLines[x.line - 1].includes(x.recipient), `line ${x.line} of the mbox names ${x.recipient}`);
});

test('unreadable and unsuitable inputs: one line each on stderr, the others still read, exit 2', () => {
  const binary = join(dir, 'binary.eml');
  writeFileSync(binary, Buffer.from([0x46, 0x72, 0x6f, 0x6d, 0, 1, 2, 3]));
  const r = run(['-f', 'json', join(dir, 'missing'), binary, 'README.md', 'test/fixtures/bounces/exim.eml']);
  assert.equal(r.status, 2);
  assert.deepEqual(r.stderr.trim().split('\n'), [
    `mail-error-codes: ${join(dir, 'missing')}: no such file or directory`,
    `mail-error-codes: ${binary}: binary file, not a message`,
    'mail-error-codes: README.md: not a message (.eml) or mbox file',
  ]);
  assert.equal(lines(r.stdout).filter((x) => x.type === 'recipient').length, 2);
});

test('usage errors exit 2', () => {
  for (const args of [[], ['-f', 'xml', 'x'], ['-'], ['--nope', 'x']]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /^mail-error-codes: .+\nUsage: /);
  }
});
