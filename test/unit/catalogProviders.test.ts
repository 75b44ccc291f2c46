// Providers in the core: who answered (host → provider), and how provider entries are matched on real replies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Catalog } from '../../server/src/core/catalog/catalog';
import { answeringHost } from '../../server/src/core/catalog/hosts';
import { normalize, PhraseMatcher } from '../../server/src/core/catalog/phrases';
import type { CatalogEntry } from '../../server/src/core/types';
import { catalog } from '../helpers';

test('every built-in provider file has a provider block; every provider entry has a reason', () => {
  const ids = catalog.providers.map((p) => p.id);
  for (const id of ['gmail', 'microsoft365', 'mailgun', 'sendgrid']) assert.ok(ids.includes(id), id);
  for (const e of catalog.entries.filter((x) => x.family === 'provider')) {
    assert.ok(e.reason, `${e.id} has no reason`);
    const p = catalog.provider(e.provider!);
    assert.ok(p, `${e.id}: no provider block for ${e.provider}`);
    assert.equal(e.providerName, p.name, e.id);
  }
});

test('a mail host names its provider by the longest suffix it ends in', () => {
  const id = (h: string) => catalog.providerOfHost(h)?.id;
  assert.equal(id('gmail-smtp-in.l.google.com'), 'gmail');
  assert.equal(id('alt4.gmail-smtp-in.l.google.com.'), 'gmail');
  assert.equal(id('ASPMX.L.GOOGLE.COM'), 'gmail');
  assert.equal(id('contoso-com.mail.protection.outlook.com'), 'microsoft365');
  assert.equal(id('hotmail-com.olc.protection.outlook.com'), 'microsoft365');
  assert.equal(id('smtp.office365.com'), 'microsoft365');
  assert.equal(id('mxa.mailgun.org'), 'mailgun');
  assert.equal(id('notgoogle.com'), undefined, 'a suffix matches at a dot, not inside a label');
  assert.equal(id('mail.example.com'), undefined);
  assert.equal(id('com'), undefined);
  const custom = new Catalog({ version: '0', structure: catalog.structure, entries: [], providers: [
    { id: 'big', name: 'Big', hosts: ['big.example'], sources: [{ title: 'x' }] },
    { id: 'small', name: 'Small', hosts: ['mx.small.big.example'], sources: [{ title: 'x' }] },
  ] });
  assert.equal(custom.providerOfHost('a.mx.small.big.example')?.id, 'small');
  assert.equal(custom.providerOfHost('mx.big.example')?.id, 'big');
});

test('the answering host is read from the places MTAs write it', () => {
  const cases: [string, string | undefined][] = [
    ['Jan 5 15:49:42 mx postfix/smtp[24398]: BEA13425049: to=<a@gmail.com>, relay=gmail-smtp-in.l.google.com[74.125.133.27]:25, delay=1.4, dsn=5.7.26, status=bounced', 'gmail-smtp-in.l.google.com'],
    ['<a@gmail.com>: host gmail-smtp-in.l.google.com[66.102.1.27] said: 550-5.7.1 [31.14.138.158 1] Our system', 'gmail-smtp-in.l.google.com'],
    ['2018-11-10 12:19:06 1gKmyS-0007A2-F0 == a@gmail.com R=lookuphost T=remote_smtp defer (-46) H=alt4.gmail-smtp-in.l.google.com [173.194.209.27]:25: SMTP error', 'alt4.gmail-smtp-in.l.google.com'],
    ['Remote-MTA: dns; contoso-com.mail.protection.outlook.com', 'contoso-com.mail.protection.outlook.com'],
    ['Remote-MTA: DNS; mta7.am0.yahoodns.net', 'mta7.am0.yahoodns.net'],
    ['... while talking to gmail-smtp-in.l.google.com.:', 'gmail-smtp-in.l.google.com'],
    ['Sep  1 10:00:00 mx sm-mta[123]: x: to=<a@b.c>, delay=00:00:01, mailer=esmtp, relay=mx.example.net. [192.0.2.1], dsn=5.0.0, stat=Service unavailable', 'mx.example.net'],
    ['host ASPMX.L.GOOGLE.COM [64.233.167.27]: 550-5.7.1 This message', 'aspmx.l.google.com'],
    ['relay=none, delay=0.1, status=deferred (connect to mx.example.org[192.0.2.7]:25: Connection timed out)', 'mx.example.org'],
    ['550 5.1.1 <a@example.com>: Recipient address rejected: User unknown', undefined],
  ];
  for (const [line, host] of cases) assert.equal(answeringHost(line), host, line);
  assert.equal(catalog.answeredBy(cases[0][0])?.provider.id, 'gmail');
  assert.equal(catalog.answeredBy(cases[9][0]), undefined);
});

test('phrases and texts are compared in one normal form: case, white space, quotes and repeated codes', () => {
  assert.equal(normalize('  Our  SYSTEM\thas\n detected  '), 'our system has detected');
  assert.equal(normalize('rate of\\n421-4.7.0 unsolicited mail'), 'rate of unsolicited mail');
  assert.equal(normalize('550-5.7.1 [31.14.138.158 1] Our system'), '[31.14.138.158 1] our system');
  assert.equal(normalize('domain’s DMARC policy'), "domain's dmarc policy");
  assert.equal(normalize('(#5.7.1) Relay denied'), '(#5.7.1) relay denied', 'a code inside other text is kept');
  const entry = (id: string, phrases: string[], markers: string[] = []): CatalogEntry => ({ id, family: 'provider', code: '550', codes: ['550'], phrases, markers, title: id, meaning: 'x'.repeat(20), causes: [], actions: { sender: [] }, severity: 'permanent', provider: 'p', providerName: 'P', sources: [{ title: 'x' }] });
  const a = entry('a', ['unusual rate of unsolicited mail']);
  const b = entry('b', ['rate of unsolicited'], ['[TSS04]']);
  const m = new PhraseMatcher([a, b]);
  const text = 'said: 421-4.7.0 [192.0.2.1 15] Our system has detected an unusual rate of\n421-4.7.0 UNSOLICITED   mail [tss04]';
  const hits = m.match(text)!;
  const hitA = hits.entries.find((h) => h.entry === a)!;
  assert.equal(text.slice(hitA.index, hitA.index + hitA.length), 'unusual rate of\n421-4.7.0 UNSOLICITED   mail');
  const hitB = hits.entries.find((h) => h.entry === b)!;
  assert.equal(hitB.marker, true);
  assert.equal(text.slice(hitB.index, hitB.index + hitB.length), '[tss04]');
  assert.equal(m.match('nothing to see here, 550 5.1.1 user unknown'), undefined);
});
