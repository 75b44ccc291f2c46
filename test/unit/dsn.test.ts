// Bounces (.eml): delivery-status parts, encoded parts, folded fields, per-recipient outcomes at exact ranges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { catalog, fixture, located } from '../helpers';

test('a Postfix bounce gives one outcome per Final-Recipient and finds the codes in every part', () => {
  const text = fixture('eml/bounce-postfix.eml');
  const { findings, recipients } = analyze(text, catalog);
  assert.equal(recipients.length, 2);
  const [bob, carol] = recipients;
  assert.deepEqual(
    { recipient: bob.recipient, action: bob.action, status: bob.status, reply: bob.reply, remote: bob.remoteMta, reason: bob.reason, bounce: bob.bounce, command: bob.command },
    { recipient: 'bob@example.org', action: 'failed', status: '5.1.1', reply: '550', remote: 'mx.example.org', reason: 'userunknown', bounce: 'hard', command: 'RCPT' },
  );
  assert.equal(bob.reportingMta, 'mx1.example.net');
  assert.match(bob.diagnostic!, /User unknown in virtual mailbox table/, 'the folded Diagnostic-Code is unfolded');
  assert.deepEqual([carol.action, carol.reason, carol.bounce], ['delayed', 'mailboxfull', 'soft']);
  const loc = located(text, bob);
  assert.equal(loc.text, 'bob@example.org');
  assert.ok(text.split('\n')[loc.line - 1].startsWith('Final-Recipient:'));
  // The human-readable part, the Status field and the Diagnostic-Code are all found.
  const codes = findings.filter((f) => f.family === 'enhanced').map((f) => located(text, f));
  assert.ok(codes.some((c) => text.split('\n')[c.line - 1].startsWith('Status: 5.1.1')));
  assert.ok(findings.some((f) => f.family === 'reply' && f.code === '550' && text.split('\n')[located(text, f).line - 1].includes('said: 550')));
});

test('quoted-printable and base64 parts are decoded, and outcomes map back to the encoded text', () => {
  const text = fixture('eml/bounce-encoded.eml');
  const { findings, recipients } = analyze(text, catalog);
  const [dave] = recipients;
  assert.equal(dave.recipient, 'dave@gmail.com');
  assert.equal(dave.reason, 'authfailure');
  assert.equal(dave.bounce, 'soft', 'a DMARC refusal is fixed on the sending side');
  assert.equal(dave.status, '5.7.26');
  // The base64 block: the outcome is reported inside it.
  const b64Start = text.indexOf('UmVwb3J0');
  assert.ok(dave.start >= b64Start && dave.end <= text.indexOf('--b1--'), 'inside the base64 part');
  // The quoted-printable part: "550 5.7.26" is on a raw line as-is, so the mapped range is exact.
  const reply = findings.find((f) => f.family === 'reply' && f.start < b64Start)!;
  assert.equal(text.slice(reply.start, reply.end), '550');
  const enh = findings.find((f) => f.family === 'enhanced' && f.start < b64Start)!;
  assert.equal(text.slice(enh.start, enh.end), '5.7.26');
  assert.ok(findings.some((f) => f.family === 'provider' && f.code === 'provider.gmail.dmarc-policy'));
});

test('broken MIME: a missing closing boundary, truncated base64 and garbage still give what can be found', () => {
  const text = fixture('eml/bounce-encoded.eml').replace(/--b1--\n?$/, '').replace(/IE5vdiAyMDI2IDExOjAwOjAyICswMDAwCg==\n/, 'IE5vdi');
  assert.ok(analyze(text, catalog).recipients.length >= 1);
  const garbage = 'Content-Type: multipart/report; boundary=x\n\n--x\nContent-Transfer-Encoding: base64\n\n!!!!@@@@\n--x\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@b.example\nStatus: 5.2.2\n';
  assert.equal(analyze(garbage, catalog, { message: true }).recipients[0]?.reason, 'mailboxfull');
});

test('a log is not a message: no recipients', () => {
  assert.deepEqual(analyze(fixture('logs/postfix.log'), catalog).recipients, []);
});
