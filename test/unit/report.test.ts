// The mail log report's core: events extracted from each MTA's lines, correlated into one per recipient attempt,
// counted in bounded tables. Totals are checked against fixtures counted by hand (test/fixtures/report/).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReportBuilder, type ReportOptions } from '../../server/src/core/report/builder';
import { reportCsv } from '../../server/src/core/report/csv';
import { BinaryInputError, TextInput } from '../../server/src/core/report/decode';
import { domainOf } from '../../server/src/core/bounce/text';
import { Messages } from '../../server/src/core/report/messages';
import type { Report } from '../../server/src/core/report/model';
import { compareLogAge } from '../../server/src/core/report/order';
import { reasonText } from '../../server/src/core/report/reasonText';
import { EventSamples } from '../../server/src/core/report/samples';
import { OutcomeTable } from '../../server/src/core/report/table';
import { catalog, fixture } from '../helpers';

const NOW = Date.UTC(2026, 11, 31);

/** A builder fed with the inputs, each in pieces of `piece` characters (0: whole). */
function build(inputs: { name: string; text: string }[], options: ReportOptions = {}, piece = 0) {
  const builder = new ReportBuilder(catalog, { now: NOW, samples: 50, ...options });
  for (const { name, text } of inputs) {
    const reader = builder.source(name);
    if (!piece) reader.push(text);
    else for (let i = 0; i < text.length; i += piece) reader.push(text.slice(i, i + piece));
    reader.end();
  }
  return builder;
}

const report = (name: string, options: ReportOptions = {}) => build([{ name, text: fixture(`report/${name}`) }], options).report();
const totals = (r: Report) => [r.totals.delivered, r.totals.deferred, r.totals.bounced, r.totals.expired, r.totals.rejected];

test('Postfix: totals counted by hand (and by pflogsumm), deferred messages, forwards, what is still deferred', () => {
  const r = report('postfix.log');
  // delivered: bob, carol, alice (the bounce notice), frank, judy (lmtp), ken.private; not the forward, not the probe
  // deferred: frank, grace ×3 (smtp, smtp, error), ken.private, helpdesk ×2; bounced: dave, ivan; expired: grace;
  // rejected: relay denied, cannot find hostname, postscreen, user unknown, header check, CONNECT (not the warning)
  assert.deepEqual(totals(r), [6, 7, 2, 1, 6]);
  assert.equal(r.totals.events, 22);
  assert.deepEqual(r.messages, { deferred: 3, forwarded: 1 });
  assert.equal(r.stillDeferred.total, 1);
  assert.deepEqual(
    (({ id, recipient, sender, attempts, status, line }) => ({ id, recipient, sender, attempts, status, line }))(r.stillDeferred.list[0]),
    { id: '9ABCDEF012', recipient: 'helpdesk@example.edu', sender: 'ops@example.com', attempts: 2, status: '4.4.1', line: 56 },
  );
  assert.deepEqual(r.sources[0].formats, ['Postfix']);
  assert.equal(r.sources[0].lines, 56);
  assert.equal(r.yearAssumed, true);
  assert.deepEqual(r.span, { first: '2026-11-23T09:58', last: '2026-11-24T17:40' });
});

test('Exim: totals counted by hand; a queue run that skips an address is not an attempt; *> is not a delivery', () => {
  const r = report('exim.log');
  // delivered: bob (=>), carol (->), alice (local, <parent>), frank, heidi, lee (4.97 id); deferred: frank, ivan ×2;
  // bounced: dave, grace; expired: judy (retry timeout exceeded); rejected: 4 (RCPT ×3, after DATA)
  assert.deepEqual(totals(r), [6, 3, 2, 1, 4]);
  assert.equal(r.messages.deferred, 2);
  assert.deepEqual(r.stillDeferred.list.map((d) => [d.recipient, d.id, d.attempts, d.sender]), [['ivan@example.edu', '1rAAAE-0001ae-EE', 2, 'ops@example.net']]);
  assert.equal(r.yearAssumed, false);
  const b = build([{ name: 'exim.log', text: fixture('report/exim.log') }]);
  const delivered = b.events('o:delivered');
  assert.ok(delivered.some((e) => e.recipient === 'alice@example.net' && e.line === 7), 'a local delivery counts for the address in angle brackets');
  assert.ok(delivered.some((e) => e.recipient === 'lee@example.org' && e.id === '1vXyZa-000000012Ab-3cDe'));
  assert.ok(!delivered.some((e) => e.recipient === 'kim@example.org'));
  const rejected = b.events('o:rejected');
  assert.deepEqual(rejected.map((e) => [e.recipient, e.sender, e.relay]), [
    ['victim@example.org', 'spam@example.biz', '203.0.113.99'],
    ['bob@example.net', 'spam@example.biz', '203.0.113.99'],
    ['bob@example.net', 'promo@example.info', 'mail.example.info'],
    [undefined, 'win@example.biz', 'mail.example.biz'],
  ]);
  const bounced = b.events('o:bounced');
  assert.deepEqual(bounced.map((e) => [e.recipient, e.reply, e.status, e.relay, e.sender]), [
    ['dave@example.com', '550', '5.1.1', 'mx.example.com', 'alice@example.net'],
    ['grace@gmail.com', '550', '5.7.26', 'gmail-smtp-in.l.google.com', 'news@example.net'],
  ]);
});

test('Sendmail: totals counted by hand; one to= line with two recipients is two events; stat=queued is not an attempt', () => {
  const r = report('sendmail.log');
  // delivered: bob, carol (one line), alice (the DSN), frank, heidi (local); deferred: frank, grace;
  // bounced: dave, ivan (host unknown), kim; rejected: check_rcpt, check_mail, milter data, milter to
  assert.deepEqual(totals(r), [5, 2, 3, 0, 4]);
  assert.equal(r.messages.deferred, 2);
  assert.deepEqual(r.stillDeferred.list.map((d) => d.recipient), ['grace@example.edu']);
  const b = build([{ name: 'sendmail.log', text: fixture('report/sendmail.log') }]);
  assert.deepEqual(b.events('o:delivered').filter((e) => e.line === 2).map((e) => [e.recipient, e.relay, e.sender]), [
    ['bob@example.org', 'mx.example.org', 'alice@example.net'],
    ['carol@example.org', 'mx.example.org', 'alice@example.net'],
  ]);
  assert.deepEqual(b.events('o:rejected').map((e) => [e.recipient, e.sender, e.relay, e.reply, e.status]), [
    ['victim@example.org', undefined, 'unknown', '550', '5.7.1'],
    [undefined, 'spam@nonexistent.example', 'unknown', '553', '5.1.8'],
    [undefined, undefined, undefined, '550', '5.7.1'],
    ['bob@example.org', undefined, undefined, '550', '5.7.1'],
  ]);
  assert.ok(!b.events('o:delivered').some((e) => e.recipient === 'judy@example.org'));
});

test('Microsoft 365 message traces: the extended report and Get-MessageTrace; a record over two lines is one event', () => {
  const extended = build([{ name: 'm365-trace.csv', text: fixture('report/m365-trace.csv') }]);
  const r = extended.report();
  // SEND carol + DELIVER erin; DEFER dave (its status spans two lines); FAIL bob; RECEIVE rows are not attempts
  assert.deepEqual(totals(r), [2, 1, 1, 0, 0]);
  assert.equal(r.sources[0].lines, 8);
  const [deferral] = extended.events('o:deferred');
  assert.equal(deferral.line, 5, 'the event is where its record starts');
  assert.match(deferral.text!, /did not succeed\.\nEither there are no alternate hosts/);
  assert.deepEqual([deferral.reply, deferral.status, deferral.sender], ['451', '4.4.0', 'alice@contoso.com']);
  assert.equal(extended.events('o:bounced')[0].status, '5.1.10');
  const summary = report('get-messagetrace.csv');
  // Failed, Delivered, Pending, Delivered; FilteredAsSpam is not a delivery attempt
  assert.deepEqual(totals(summary), [2, 1, 1, 0, 0]);
  assert.deepEqual(summary.span, { first: '2026-11-23T09:12', last: '2026-11-23T13:20' });
});

test('a bounce message (.eml) gives one event per recipient of its delivery status, sender from its To:', () => {
  const b = build([{ name: 'bounce.eml', text: fixture('eml/bounce-postfix.eml') }]);
  const r = b.report();
  assert.deepEqual(totals(r), [0, 1, 1, 0, 0]);
  assert.deepEqual(r.sources[0].formats, ['bounce message (DSN)']);
  const [bob] = b.events('o:bounced');
  assert.deepEqual([bob.recipient, bob.status, bob.reply, bob.relay, bob.sender, bob.line, bob.time], ['bob@example.org', '5.1.1', '550', 'mx.example.org', 'alice@example.net', 37, '2026-11-23T10:01']);
  assert.equal(b.events('o:deferred')[0].recipient, 'carol@example.com');
});

test('the report does not depend on how the input is cut into pieces', () => {
  const inputs = ['postfix.log', 'exim.log', 'sendmail.log', 'm365-trace.csv'].map((name) => ({ name, text: fixture(`report/${name}`) }));
  inputs.push({ name: 'bounce.eml', text: fixture('eml/bounce-postfix.eml') });
  const whole = JSON.stringify(build(inputs).report());
  for (const piece of [1, 2, 7, 100, 4096]) assert.equal(JSON.stringify(build(inputs, {}, piece).report()), whole, `pieces of ${piece}`);
  const crlf = inputs.map(({ name, text }) => ({ name, text: text.replace(/\n/g, '\r\n') }));
  const r = build(crlf).report();
  assert.deepEqual(totals(r), totals(JSON.parse(whole)), 'CRLF line ends');
});

test('Postfix variants: RFC 3339 stamps, instances, long queue ids, soft bounces, milter rejections, probes', () => {
  const text = [
    '2026-03-01T10:00:00.123456+01:00 mx1 postfix-out/qmgr[10]: 4Xy1Zz2Q3pz9Bq: from=<a@example.com>, size=10, nrcpt=1 (queue active)',
    '2026-03-01T10:00:01.000000+01:00 mx1 postfix-out/smtp[11]: 4Xy1Zz2Q3pz9Bq: to=<b@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=SOFTBOUNCE (host mx.example.org[203.0.113.5] said: 550 5.1.1 unknown (in reply to RCPT TO command))',
    '2026-03-01T10:05:00Z mx1 postfix/smtpd[12]: 4Xy1Zz2Q3pzAAA: milter-reject: END-OF-MESSAGE from mail.example.net[198.51.100.23]: 5.7.1 Spam message rejected; from=<x@example.net> to=<c@example.com> proto=ESMTP helo=<mail.example.net>',
    '2026-03-01T10:06:00+0100 mx1 postfix/smtp[13]: 4Xy1Zz2Q3pzBBB: to=<d@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=2.1.5, status=undeliverable (250 2.1.5 Ok)',
    'Mar  1 10:07:00 mx1 postfix/submission/smtpd[14]: NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 554 5.7.1 <e@example.org>: Relay access denied; from=<f@example.net> to=<e@example.org> proto=ESMTP helo=<x>',
  ].join('\n');
  const b = build([{ name: 'variants.log', text }]);
  const r = b.report();
  assert.deepEqual(totals(r), [0, 1, 0, 0, 2]);
  const [soft] = b.events('o:deferred');
  assert.deepEqual([soft.recipient, soft.sender, soft.status, soft.reply, soft.time], ['b@example.org', 'a@example.com', '5.1.1', '550', '2026-03-01T10:00'], 'wall-clock time, as written');
  assert.deepEqual(b.events('o:rejected').map((e) => [e.recipient, e.relay, e.id]), [['c@example.com', 'mail.example.net', '4Xy1Zz2Q3pzAAA'], ['e@example.org', '192.0.2.9', undefined]]);
  assert.equal(r.yearAssumed, true, 'one line without a year makes the year assumed');
});

test('a year-less log is placed before "now": December read in January is last year', () => {
  const line = 'Dec 31 23:59:59 mx1 postfix/smtp[1]: ABCDEF1234: to=<a@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)';
  const r = build([{ name: 'm', text: line }], { now: Date.UTC(2027, 0, 2) }).report();
  assert.equal(r.span!.first, '2026-12-31T23:59');
});

test('the time line: hours for up to four days of log, days beyond, or as asked; empty buckets kept', () => {
  const line = (day: number, hour: number, status: string) =>
    `Nov ${day} ${String(hour).padStart(2, '0')}:30:00 mx1 postfix/smtp[1]: ABCDEF${day}${hour}: to=<a@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=${status} (x)`;
  const short = build([{ name: 'a', text: [line(1, 10, 'sent'), line(1, 13, 'deferred'), line(2, 9, 'bounced')].join('\n') }]).report();
  assert.equal(short.timeline.by, 'hour');
  assert.equal(short.timeline.buckets.length, 24);
  assert.deepEqual(short.timeline.buckets.filter((b) => b.total).map((b) => [b.start, b.counts.delivered, b.counts.deferred, b.counts.bounced]), [
    ['2026-11-01T10:00', 1, 0, 0], ['2026-11-01T13:00', 0, 1, 0], ['2026-11-02T09:00', 0, 0, 1],
  ]);
  const long = build([{ name: 'a', text: [line(1, 10, 'sent'), line(9, 13, 'sent')].join('\n') }]).report();
  assert.equal(long.timeline.by, 'day');
  assert.equal(long.timeline.buckets.length, 9);
  assert.equal(build([{ name: 'a', text: [line(1, 10, 'sent'), line(1, 13, 'sent')].join('\n') }], { by: 'day' }).report().timeline.buckets.length, 1);
});

test('the events of a bar or row: by time bucket and outcome, by domain, by reason; at their lines', () => {
  const b = build([{ name: 'postfix.log', text: fixture('report/postfix.log') }]);
  const r = b.report();
  const hour11 = r.timeline.buckets.find((x) => x.start === '2026-11-23T11:00')!;
  assert.deepEqual(b.events(hour11.ref, 'rejected').map((e) => e.line), [26, 27, 31, 33, 35, 37]);
  assert.deepEqual(b.events(hour11.ref, 'delivered'), []);
  const edu = r.domains.find((d) => d.key === 'example.edu')!;
  assert.equal(b.events(edu.ref!).length, edu.total);
  assert.deepEqual(b.events(edu.ref!, 'expired').map((e) => [e.recipient, e.line, e.text]), [['grace@example.edu', 50, 'delivery temporarily suspended: connect to mx.example.edu[192.0.2.77]:25: Connection timed out']]);
  const timeouts = r.reasons.find((x) => x.outcome === 'deferred' && x.text === 'connect to …: Connection timed out')!;
  assert.equal(timeouts.count, 3);
  assert.deepEqual(b.events(timeouts.ref).map((e) => e.line), [21, 24, 55]);
  // Without samples (the command line), nothing is kept.
  assert.deepEqual(build([{ name: 'p', text: fixture('report/postfix.log') }], { samples: 0 }).events('o:bounced'), []);
});

test('reasons carry their codes explained from the catalog, and the matching provider entry', () => {
  const r = report('postfix.log');
  const gmail = r.reasons.find((x) => x.outcome === 'bounced' && x.status?.code === '5.1.1')!;
  assert.equal(gmail.reply?.code, '550');
  assert.equal(gmail.reply?.entryId, 'reply.550');
  assert.equal(gmail.status?.title, 'Bad destination mailbox address');
  assert.match(gmail.provider?.providerName ?? '', /Gmail/);
  assert.ok(!/a2si7654321wrb/.test(gmail.text), 'the tracking id is left out of the grouped text');
  assert.match(gmail.example, /a2si7654321wrb/, 'the example keeps the reply as logged');
  assert.deepEqual(gmail.reason, { id: 'userunknown', title: 'user unknown', hard: true });
  const full = r.reasons.find((x) => x.outcome === 'deferred' && x.status?.code === '4.2.2')!;
  assert.deepEqual([full.reason.id, full.reason.hard], ['mailboxfull', false], 'a deferral is never a hard bounce');
  // Providers come from the host delivered to (never from a rejected client's host).
  assert.deepEqual(r.providers.map((p) => [p.key, p.counts.delivered, p.counts.deferred, p.counts.bounced, p.counts.rejected]), [
    ['Gmail / Google Workspace', 2, 1, 1, 0],
    ['Microsoft 365 / Exchange Online', 0, 0, 1, 0],
  ]);
  // Failures by reason: every reason group counted once, under its reason.
  const failures = r.totals.deferred + r.totals.bounced + r.totals.expired + r.totals.rejected;
  assert.equal(r.categories.reduce((sum, c) => sum + c.total, 0), failures);
  // dave@gmail.com (5.1.1) and ivan@contoso.com (Microsoft's 5.4.1 for an address its directory does not know)
  assert.equal(r.categories.find((c) => c.key === 'user unknown')?.counts.bounced, 2);
});

test('the events of a provider and of a reason category', () => {
  const b = build([{ name: 'postfix.log', text: fixture('report/postfix.log') }]);
  const r = b.report();
  const gmail = r.providers.find((p) => p.key.startsWith('Gmail'))!;
  assert.deepEqual(b.events(gmail.ref!).map((e) => e.line), [9, 10, 45, 46]);
  const full = r.categories.find((c) => c.key === 'mailbox full')!;
  assert.equal(full.ref, 'c:mailboxfull');
  assert.deepEqual(b.events(full.ref!).map((e) => [e.line, e.recipient]), [[20, 'frank@example.org']]);
  assert.deepEqual(b.events(full.ref!, 'bounced'), []);
});

test('reasonText leaves out what differs from one message to the next', () => {
  assert.equal(reasonText('host mx.example.org[203.0.113.5] said: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)'), '550 5.1.1 <…>: Recipient address rejected: User unknown in virtual mailbox table');
  assert.equal(reasonText('connect to mx.example.com[198.51.100.7]:25: Connection timed out'), 'connect to …: Connection timed out');
  assert.equal(reasonText('SMTP error from remote mail server after RCPT TO:<carol@example.com>: 451 4.7.1 Greylisting in action'), '451 4.7.1 Greylisting in action');
  assert.equal(reasonText('Deferred: 421 4.3.0 Temporary System Problem.  Try again later.'), '421 4.3.0 Temporary System Problem. Try again later.');
  assert.equal(reasonText('550 5.4.1 Access denied [AM1PEPF000252DD.eurprd07.prod.outlook.com 2026-11-23T12:00:03.123Z 08DC123456789ABC]'), '550 5.4.1 Access denied [… … …]');
  assert.equal(reasonText('x'.repeat(5000)).length, 240);
});

test('tables are bounded: past the cap the rarer half folds into "other", totals are kept, the table says approximate', () => {
  const t = new OutcomeTable(100);
  for (let i = 0; i < 1000; i++) t.add(`d${i}.example`, 'delivered');
  for (let i = 0; i < 50; i++) t.add('big.example', 'bounced');
  assert.ok(t.size <= 100);
  assert.equal(t.approximate, true);
  const rows = t.top(5, (k) => k);
  assert.equal(rows[0].key, 'big.example');
  assert.equal(rows.at(-1)!.other, true);
  assert.equal(rows.reduce((s, r) => s + r.total, 0), 1050);
});

test('open messages are bounded: the older ones are forgotten, and forgotten deferrals are counted', () => {
  const m = new Messages(10);
  for (let i = 0; i < 100; i++) {
    m.touch('postfix', `Q${i}`, 'a@example.org');
    m.attempt({ outcome: 'deferred', time: 0, source: 0, line: i, mta: 'postfix', id: `Q${i}`, recipient: 'b@example.org' });
  }
  const left = [...m.stillDeferred()];
  assert.ok(left.length <= 10 && left.length >= 5);
  assert.equal(left.at(-1)!.id, 'Q99', 'the newest are kept');
  assert.equal(m.forgotten, 100 - left.length);
  assert.equal(m.forgottenDeferred, m.forgotten);
  assert.equal(m.deferredMessages, 100);
});

test('event samples are bounded per key and in all', () => {
  const s = new EventSamples(3, 10);
  for (let i = 0; i < 100; i++) s.add({ outcome: 'delivered', time: 0, source: 0, line: i + 1, mta: 'exim' }, ['all', `k${i % 20}`]);
  assert.deepEqual(s.get(['all'], 100).map((e) => e.line), [1, 2, 3]);
  assert.equal(s.get(Array.from({ length: 20 }, (_, i) => `k${i}`), 100).length, 10);
});

test('a cut line (over 1 MB) keeps the line numbers of the lines after it right', () => {
  const after = 'Nov 23 10:00:00 mx1 postfix/smtp[1]: ABCDEF1234: to=<a@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (550 5.1.1 x)';
  const b = build([{ name: 'long.log', text: `first\n${'y'.repeat(3 * 1024 * 1024)}\n${after}\n` }], {}, 256 * 1024);
  const r = b.report();
  assert.equal(r.sources[0].lines, 3);
  assert.equal(b.events('o:bounced')[0].line, 3);
  assert.match(r.sources[0].notes.join(), /line 2 is longer than 1 MB/);
});

test('inputs are decoded: UTF-8 with or without a BOM, UTF-16 with one; NUL bytes without one are binary', () => {
  const text = 'Received,SenderAddress\n';
  const utf16 = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
  const input = new TextInput();
  assert.equal(input.decode(utf16.subarray(0, 7)) + input.decode(utf16.subarray(7)) + input.end(), text);
  const bom = new TextInput();
  assert.equal(bom.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])) + bom.end(), 'a');
  assert.throws(() => new TextInput().decode(new Uint8Array([0x61, 0, 0x62])), BinaryInputError);
  // The rule of the whole tool (core/binary.ts): a stray NUL in a text leaves it a text.
  const stray = new TextEncoder().encode(`${'Nov 23 10:00:00 mx1 postfix/smtp[1]: x\n'.repeat(50)}\0`);
  assert.equal(new TextInput().decode(stray).length, stray.length);
});

test('rotated logs are read oldest first', () => {
  const names = ['/var/log/mail.log', '/var/log/mail.log.1', '/var/log/mail.log.2.gz', '/var/log/mail.log.10.gz', 'maillog', 'maillog-20261122', 'maillog-20261115.gz'];
  assert.deepEqual([...names].sort(compareLogAge), ['maillog-20261115.gz', 'maillog-20261122', 'maillog', '/var/log/mail.log.10.gz', '/var/log/mail.log.2.gz', '/var/log/mail.log.1', '/var/log/mail.log']);
});

test('domainOf', () => {
  assert.equal(domainOf('Bob@Example.ORG'), 'example.org');
  assert.equal(domainOf('bob'), '');
  assert.equal(domainOf(undefined), '');
});

test('the CSV export: every table, quoted where needed, and no cell a spreadsheet would run as a formula', () => {
  const r = build([
    { name: 'postfix.log', text: fixture('report/postfix.log') },
    { name: 'evil.log', text: 'Nov 23 10:00:00 mx1 postfix/smtp[1]: ABCDEF1234: to=<=HYPERLINK("http://x")@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (550 5.1.1 "quoted", =cmd|\' /C calc\'!A0)\n' },
    { name: 'exim.log', text: '2026-11-23 10:00:00 1rAAAA-0001aa-AA ** x@example.org: =SUM(A1:A9)\n' },
  ]).report();
  const csv = reportCsv(r);
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines[0], 'table,key,delivered,deferred,bounced,expired,rejected,total,reply,status,reason,text');
  assert.equal(lines[1], 'totals,all,6,7,4,1,6,24,,,,');
  assert.ok(lines.some((l) => l.startsWith('domain,example.edu,0,5,0,1,0,6,')));
  assert.ok(lines.some((l) => l.startsWith('still-deferred,helpdesk@example.edu,')));
  assert.ok(lines.some((l) => /^sender,/.test(l)));
  // The evil recipient's domain is fine, its address is not a cell; the reason with a quote and a formula is quoted.
  const evil = lines.find((l) => l.startsWith('reason-detail,bounced') && l.includes('calc'))!;
  assert.match(evil, /,"550 5\.1\.1 ""quoted"", =cmd\|' \/C calc'!A0"$/);
  assert.ok(lines.some((l) => l.endsWith(",'=SUM(A1:A9)")), 'a leading = is neutralised');
  for (const line of lines) for (const cell of line.split(',')) assert.doesNotMatch(cell, /^[=+@]/, line);
});

test('a stray time stamp far away does not make a time line of thousands of empty days', () => {
  const line = (stamp: string) => `${stamp} 1rAAAA-0001aa-AA => a@example.org R=dnslookup T=remote_smtp H=mx.example.org [203.0.113.5]`;
  const r = build([{ name: 'exim.log', text: [line('2026-11-23 10:00:00'), line('2026-11-23 11:00:00'), line('2099-01-01 00:00:00')].join('\n') }]).report();
  assert.equal(r.timeline.by, 'day');
  assert.deepEqual(r.timeline.buckets.map((b) => [b.start, b.total]), [['2026-11-23T00:00', 2], ['2099-01-01T00:00', 1]]);
});
