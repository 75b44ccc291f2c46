// The bounce reason taxonomy: names, hard / soft, and the decisions from status, reply code and words.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { classify, commandOf, isHard, REASON_TITLES, REASONS, type Reason } from '../../server/src/core/bounce/reason';
import { root } from '../helpers';

test('the reasons are exactly the catalog schema enum, each with a title', () => {
  const schema = JSON.parse(readFileSync(join(root, 'catalog/schema.json'), 'utf8'));
  assert.deepEqual([...REASONS].sort(), [...schema.$defs.reason.enum].sort());
  for (const r of REASONS) assert.ok(REASON_TITLES[r].length > 3, r);
});

test('hard means the address itself will never work; spam and policy refusals are soft', () => {
  const hard = REASONS.filter((r) => isHard(r));
  assert.deepEqual(hard.sort(), ['hasmoved', 'hostunknown', 'notaccept', 'userunknown']);
  assert.equal(isHard('notaccept', '4.3.2'), false, 'a transient "accepts no mail" is soft');
  assert.equal(isHard('spamdetected', '5.7.1'), false);
  assert.equal(isHard('policyviolation', '5.7.1'), false);
});

const cases: [Reason, { status?: string; reply?: string; diagnostic?: string; command?: string; action?: string }][] = [
  ['userunknown', { status: '5.7.1', reply: '550', command: 'RCPT', diagnostic: '550 5.7.1 <bob@example.org>... User Unknown' }],
  ['filtered', { status: '5.7.1', reply: '550', diagnostic: '550 5.7.1 <bob@example.org>... User Unknown' }],
  ['filtered', { diagnostic: '550 - Requested action not taken: no such user here' }],
  ['userunknown', { status: '5.0.0', command: 'RCPT', diagnostic: '550 5.0.0 No such user here' }],
  ['userunknown', { status: '5.1.1', diagnostic: '550 5.1.1 <x@y>: Recipient address rejected: User unknown in virtual mailbox table' }],
  ['mailboxfull', { status: '5.1.1', diagnostic: '552 5.1.1 Mailbox is full' }],
  ['mailboxfull', { status: '4.2.2', diagnostic: '452 4.2.2 The email account that you tried to reach is over quota' }],
  ['hostunknown', { status: '5.1.2', diagnostic: 'Host or domain name not found. Name service error for name=example.invalid type=A: Host not found' }],
  ['blocked', { status: '5.7.1', diagnostic: '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org' }],
  ['spamdetected', { status: '5.7.1', diagnostic: '550 5.7.1 Message rejected as spam by Content Filtering', command: 'DATA' }],
  ['authfailure', { status: '5.7.26', diagnostic: '550-5.7.26 Unauthenticated email from example.com is not accepted due to domain\'s DMARC policy' }],
  ['norelaying', { status: '5.7.1', diagnostic: '554 5.7.1 <a@b.example>: Relay access denied' }],
  ['mesgtoobig', { status: '5.3.4', diagnostic: '552 5.3.4 Message size exceeds fixed limit' }],
  ['expired', { status: '4.4.7', action: 'failed', diagnostic: 'delivery temporarily suspended: connect to mx.example.org[192.0.2.2]:25: Connection timed out' }],
  ['speeding', { status: '4.7.1', diagnostic: '451 4.7.1 Client host rejected: Please try again slower' }],
  ['requireptr', { status: '5.7.25', diagnostic: '550 5.7.25 The IP address sending this message does not have a PTR record setup' }],
  ['rejected', { status: '5.1.8', diagnostic: '553 5.1.8 <a@b>... Domain of sender address a@b does not exist' }],
  ['suspend', { status: '5.2.1', diagnostic: '550 5.2.1 The email account that you tried to reach is disabled' }],
  ['notaccept', { reply: '556', diagnostic: '556 5.1.10 Recipient address has null MX' }],
  ['filtered', { command: 'DATA', diagnostic: '550 User unknown' }],
  ['rejected', { status: '5.1.0', command: 'MAIL', diagnostic: 'SMTP error from remote mail server after MAIL FROM:<a@example.net>: 553 5.1.0 example.net does not exist' }],
  ['requireptr', { reply: '450', command: 'MAIL', action: 'delayed', diagnostic: '450 service permits 2 unverifyable sending IPs - example.net' }],
  ['networkerror', { diagnostic: 'Host or domain name not found. Name service error for name=example.invalid type=MX: Host not found, try again' }],
  ['mailboxfull', { diagnostic: "This person's account is exceeding their quota." }],
  ['expired', { diagnostic: 'Delivery failed 20 attempts: bob@example.org' }],
  ['mailererror', { status: '4.0.0', diagnostic: 'temporary failure. Command output: scanner: unable to connect to daemon' }],
  ['blocked', { command: 'CONN', reply: '554', diagnostic: 'SMTP error from remote mail server after initial connection: 554 mx.example.org : no thanks' }],
  ['userunknown', { status: '5.1.1', command: 'DATA', diagnostic: '550 5.1.1 User unknown' }],
  ['onhold', { status: '5.0.0', diagnostic: 'something went wrong' }],
  ['undefined', {}],
  ['delivered', { status: '2.0.0', action: 'delivered' }],
];

test('reasons are decided from status, reply code and the words', () => {
  for (const [want, input] of cases) assert.equal(classify(input), want, JSON.stringify(input));
});

test('a matched provider entry\'s reason wins', () => {
  assert.equal(classify({ status: '5.7.1', diagnostic: '550 5.7.1 blocked', providerReason: 'badreputation' }), 'badreputation');
  // The command a transcript or a gateway names.
  assert.equal(commandOf('RCPT TO generated following response: 553 5.3.0 <bob@example.org>... Addressee unknown'), 'RCPT');
  assert.equal(commandOf('>>> MAIL FROM:<a@example.net> <<< 250 ok >>> RCPT TO:<bob@example.org> <<< 550 <bob@example.org>: User unknown'), 'RCPT');
  // A provider's "no such user" after DATA, or with no command nor precise status, is its filter's refusal.
  assert.equal(classify({ command: 'DATA', diagnostic: '554 delivery error: no such account', providerReason: 'userunknown' }), 'filtered');
  assert.equal(classify({ diagnostic: '554 delivery error: no such account', providerReason: 'userunknown' }), 'filtered');
  assert.equal(classify({ command: 'RCPT', diagnostic: '554 delivery error: no such account', providerReason: 'userunknown' }), 'userunknown');
  assert.equal(classify({ status: '5.1.1', diagnostic: '550 5.1.1 no such account', providerReason: 'userunknown' }), 'userunknown');
});

test('the command is read from the usual wordings', () => {
  assert.equal(commandOf('host mx.example.org[192.0.2.2] said: 550 5.1.1 unknown (in reply to RCPT TO command)'), 'RCPT');
  assert.equal(commandOf('SMTP error from remote mail server after MAIL FROM:<a@b> SIZE=1234: 553 sender rejected'), 'MAIL');
  assert.equal(commandOf('SMTP error from remote mail server after end of data: 550 spam'), 'DATA');
  assert.equal(commandOf('SMTP error from remote mail server after initial connection: 554 go away'), 'CONN');
  assert.equal(commandOf('550 5.1.1 no such user'), undefined);
});
