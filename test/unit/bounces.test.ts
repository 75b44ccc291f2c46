// One fixture per bounce format (test/fixtures/bounces/*.eml, written from each MTA's template) and the recipients
// each must yield (expected.json). Prints the share of expected recipients found, and found with the expected reason.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { readRecipients } from '../../server/src/core/bounce/read';
import { catalog, fixture } from '../helpers';

interface Expected { recipient: string; reason: string; bounce: string; status: string }
const expected: Record<string, Expected[]> = JSON.parse(fixture('bounces/expected.json'));
const files = readdirSync('test/fixtures/bounces').filter((f) => f.endsWith('.eml'));

test('every bounce fixture has its expected recipients, and every expectation its fixture', () => {
  assert.deepEqual(files.sort(), Object.keys(expected).filter((k) => !k.startsWith('_')).sort());
});

test('each format yields the expected recipients, reasons, hard/soft and status', () => {
  let total = 0;
  let found = 0;
  let reasoned = 0;
  const problems: string[] = [];
  for (const file of files) {
    const got = readRecipients(fixture(`bounces/${file}`), catalog);
    const want = expected[file];
    for (const w of want) {
      total++;
      const g = got.find((o) => o.recipient.toLowerCase() === w.recipient);
      if (!g) {
        problems.push(`${file}: ${w.recipient} not found (got ${got.map((o) => o.recipient).join(', ') || 'nothing'})`);
        continue;
      }
      found++;
      if (g.reason === w.reason) reasoned++;
      const actual = { recipient: w.recipient, reason: g.reason, bounce: g.bounce, status: g.status ?? '' };
      if (JSON.stringify(actual) !== JSON.stringify(w)) problems.push(`${file}: ${JSON.stringify(actual)} ≠ expected ${JSON.stringify(w)} (diagnostic: ${g.diagnostic ?? '—'})`);
    }
    for (const g of got) if (!want.some((w) => w.recipient === g.recipient.toLowerCase())) problems.push(`${file}: unexpected recipient ${g.recipient}`);
  }
  const pct = (n: number) => `${((100 * n) / total).toFixed(1)} %`;
  console.log(`bounce fixtures: ${total} recipients; with a summary ${found} (${pct(found)}); with the expected reason ${reasoned} (${pct(reasoned)})`);
  assert.deepEqual(problems, []);
});

test('hostile reports: a megabyte almost-address, thousands of addresses, thousands of DSN groups', () => {
  const head = 'From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\nMIME-Version: 1.0\nContent-Type: text/plain\n\n';
  assert.deepEqual(readRecipients(head + 'x'.repeat(2_000_000) + '@' + 'y'.repeat(1000) + '\n', catalog), []);
  const many = readRecipients(head + Array.from({ length: 4000 }, (_, i) => `user${i}@example.org\n`).join(''), catalog);
  assert.equal(many.length, 1000, 'a list of addresses is capped, not read whole');
  const dsn = 'Content-Type: multipart/report; boundary=b\nMIME-Version: 1.0\n\n--b\nContent-Type: message/delivery-status\n\n' + Array.from({ length: 3000 }, (_, i) => `Final-Recipient: rfc822; u${i}@example.org\nAction: failed\nStatus: 5.1.1\n\n`).join('');
  const outcomes = readRecipients(dsn, catalog);
  assert.equal(outcomes.length, 3000);
  assert.ok(outcomes.every((o) => o.reason === 'userunknown' && o.bounce === 'hard'));
});

test('every bounce of the recognition corpus (test/fixtures/real/bounces) names its recipients; a normal mail none', () => {
  const dir = 'test/fixtures/real/bounces';
  const missing: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.eml'))) {
    const got = readRecipients(fixture(`real/bounces/${name}`), catalog);
    if (name === 'normal-mail.eml') assert.deepEqual(got, [], 'a normal mail is not a bounce');
    else if (!got.length) missing.push(name);
    for (const o of got) assert.match(o.recipient, /^[^\s<>[\]():,;"']+@[\w.-]+\.[a-z]{2,}$/i, `${name}: ${o.recipient}`);
  }
  assert.deepEqual(missing, []);
});

test('a report is read whole: a Status with words is the diagnostic, the preamble stops at the first delimiter, an Exim explanation naming the recipient again', () => {
  const dsn = [
    'From: postmaster@mx.example.org', 'To: a@example.net', 'Subject: Failed mail', 'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="==b@mx.example.org=="', '',
    'This is a MIME-encapsulated message', '', '--==b@mx.example.org==', 'Content-Type: text/plain', '',
    'Your message was not delivered to', '', '    bob@example.org', '', '--==b@mx.example.org==', 'Content-Type: message/delivery-status', '',
    'Reporting-MTA: dns;mx.example.org', '', 'Final-Recipient: rfc822;bob@example.org', 'Action: failure',
    'Status: 553 Exceeded maximum inbound message size', '', '--==b@mx.example.org==--', '',
  ].join('\n');
  const [o] = readRecipients(dsn);
  assert.equal(o.recipient, 'bob@example.org');
  assert.equal(o.reason, 'mesgtoobig');
  assert.equal(o.reply, '553');
  const exim = [
    'From: Mail Delivery System <Mailer-Daemon@mx.example.net>', 'To: a@example.net', 'Subject: Mail delivery failed: returning message to sender', '',
    'This message was created automatically by mail delivery software.', '',
    'A message that you sent could not be delivered to one or more of its', 'recipients. This is a permanent error. The following address(es) failed:', '',
    '  bob@example.org:', '    SMTP error from remote mailer after RCPT TO:', '    <bob@example.org>:', '    host mx.example.org [192.0.2.1]:',
    '    553 5.1.1 unknown or illegal user:', '    bob@example.org', '',
  ].join('\n');
  const found = readRecipients(exim);
  assert.equal(found.length, 1);
  assert.equal(found[0].status, '5.1.1');
  assert.equal(found[0].reason, 'userunknown');
});

test('a message with a stray blank first line, or a bare header of From, To, Subject and Date, is read as a message', () => {
  const reply = 'From: dana@example.org\nTo: a@example.net\nSubject: Automatic reply: Report\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\n\nI am out of the office until Monday.\n';
  const recipients = analyze(`   \n${reply}`, catalog).recipients;
  assert.deepEqual(recipients.map((o) => [o.recipient, o.reason]), [['dana@example.org', 'vacation']]);
  const bare = 'From: Mail Service <mailer@gw.example.net>\nTo: <a@example.net>\nSubject: Returned Mail - Error During Delivery\nDate: Wed, 16 Apr 2025 19:58:47 -0500\n\n------ Failed Recipients ------\n\n<bob@example.org>: Requested action not taken: mailbox unavailable. [SMTP Error Code 550]\n-------- Returned Mail --------\n';
  assert.deepEqual(analyze(bare, catalog).recipients.map((o) => o.recipient), ['bob@example.org']);
});
