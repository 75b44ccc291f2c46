// Bounces (.eml): delivery-status parts, encoded parts, folded headers, per-recipient summaries, exact ranges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { categorize } from '../../server/src/core/dsn/summary';
import { catalog, fixture, located } from '../helpers';

test('a Postfix bounce gives one summary per Final-Recipient and finds the codes in every part', () => {
  const text = fixture('eml/bounce-postfix.eml');
  const found = analyze(text, catalog);
  const summaries = found.filter((f) => f.family === 'dsn-summary');
  assert.equal(summaries.length, 2);
  const [bob, carol] = summaries.map((s) => s.summary!);
  assert.deepEqual(
    { recipient: bob.recipient, outcome: bob.outcome, status: bob.status, reply: bob.replyCode, remote: bob.remoteMta, category: bob.category, bounce: bob.bounce },
    { recipient: 'bob@example.org', outcome: 'failed', status: '5.1.1', reply: '550', remote: 'mx.example.org', category: 'user-unknown', bounce: 'hard' },
  );
  assert.equal(bob.reportingMta, 'mx1.example.net');
  assert.match(bob.diagnostic!, /User unknown in virtual mailbox table/, 'the folded Diagnostic-Code is unfolded');
  assert.deepEqual([carol.outcome, carol.category, carol.bounce], ['delayed', 'mailbox-full', 'soft']);
  const loc = located(text, summaries[0]);
  assert.equal(loc.text, 'Final-Recipient: rfc822; bob@example.org');
  // The human-readable part, the Status field and the Diagnostic-Code are all found.
  const codes = found.filter((f) => f.family === 'enhanced').map((f) => located(text, f));
  assert.ok(codes.some((c) => text.split('\n')[c.line - 1].startsWith('Status: 5.1.1')));
  assert.ok(found.some((f) => f.family === 'reply' && f.code === '550' && text.split('\n')[located(text, f).line - 1].includes('said: 550')));
});

test('quoted-printable and base64 parts are decoded, and findings map back to the encoded text', () => {
  const text = fixture('eml/bounce-encoded.eml');
  const found = analyze(text, catalog);
  const summary = found.find((f) => f.family === 'dsn-summary')!;
  assert.equal(summary.summary!.recipient, 'dave@gmail.com');
  assert.equal(summary.summary!.category, 'authentication');
  assert.equal(summary.summary!.status, '5.7.26');
  // The base64 block: the summary is reported inside it.
  const b64Start = text.indexOf('UmVwb3J0');
  assert.ok(summary.start >= b64Start && summary.end <= text.indexOf('--b1--'), 'inside the base64 part');
  // The quoted-printable part: "550 5.7.26" is on a raw line as-is, so the mapped range is exact.
  const reply = found.find((f) => f.family === 'reply' && f.start < b64Start)!;
  assert.equal(text.slice(reply.start, reply.end), '550');
  const enh = found.find((f) => f.family === 'enhanced' && f.start < b64Start)!;
  assert.equal(text.slice(enh.start, enh.end), '5.7.26');
  assert.ok(found.some((f) => f.family === 'provider' && f.code === 'provider.gmail.dmarc-policy'));
});

test('broken MIME: a missing closing boundary, truncated base64 and garbage still give what can be found', () => {
  const text = fixture('eml/bounce-encoded.eml').replace(/--b1--\n?$/, '').replace(/IE5vdiAyMDI2IDExOjAwOjAyICswMDAwCg==\n/, 'IE5vdi');
  const found = analyze(text, catalog);
  assert.ok(found.some((f) => f.family === 'dsn-summary'));
  const garbage = 'Content-Type: multipart/report; boundary=x\n\n--x\nContent-Transfer-Encoding: base64\n\n!!!!@@@@\n--x\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@b\nStatus: 5.2.2\n';
  const g = analyze(garbage, catalog, { message: true });
  assert.equal(g.find((f) => f.family === 'dsn-summary')?.summary?.category, 'mailbox-full');
});

test('reason categories', () => {
  assert.equal(categorize('5.7.1', '550 5.7.1 Service unavailable; client host blocked using Spamhaus', 'failed'), 'blocked-spam');
  assert.equal(categorize('5.7.1', '550 5.7.1 Relay access denied', 'failed'), 'policy');
  assert.equal(categorize('5.3.4', '552 5.3.4 Message size exceeds fixed limit', 'failed'), 'message-too-big');
  assert.equal(categorize('4.4.7', 'Delivery time expired', 'failed'), 'expired');
  assert.equal(categorize('4.7.0', '421 4.7.0 Try again later, closing connection. Too many messages', 'delayed'), 'rate-limited');
  assert.equal(categorize('5.1.2', 'Host or domain name not found', 'failed'), 'host-unknown');
  assert.equal(categorize('4.3.0', 'Temporary System Problem', 'delayed'), 'system-error');
});
