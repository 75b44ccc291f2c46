// The lookup API of the core: one code, a whole reply, a search query.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalog } from '../helpers';

test('lookup finds a code however it is written', () => {
  assert.equal(catalog.lookup('550').entries[0].id, 'reply.550');
  assert.equal(catalog.lookup('5.1.1').entries[0].id, 'enhanced.x.1.1');
  assert.equal(catalog.lookup('5 1 1').entries[0].id, 'enhanced.x.1.1');
  assert.equal(catalog.lookup('#5.1.1').entries[0].id, 'enhanced.x.1.1');
  for (const q of ['0x800ccc0e', '0×800CCC0E', '0X800CCC0E', '800CCC0E']) {
    const r = catalog.lookup(q);
    assert.equal(r.code, '0x800CCC0E', q);
    assert.equal(r.entries[0].id, 'outlook.0x800ccc0e', q);
  }
  const byName = catalog.lookup('SMTP_550_MAILBOX_NOT_FOUND');
  assert.equal(byName.entries[0].code, '0x800CCC69');
  assert.equal(catalog.lookup('smtp_550_mailbox_not_found').entries[0].code, '0x800CCC69');
});

test('an enhanced code brings its class and subject, and provider entries keyed by it', () => {
  const r = catalog.lookup('4.2.2');
  assert.equal(r.known, true);
  assert.equal(r.classInfo?.digit, '4');
  assert.equal(r.subjectInfo?.digit, '2');
  const m365 = catalog.lookup('5.7.708');
  assert.ok(m365.known);
  assert.ok(m365.entries.every((e) => e.provider === 'microsoft365'));
});

test('unknown but well-formed codes say what their structure says, marked as inferred', () => {
  const e = catalog.lookup('5.6.99');
  assert.equal(e.known, false);
  assert.equal(e.classInfo?.digit, '5');
  assert.equal(e.subjectInfo?.digit, '6');
  assert.match(e.inferred!, /not in the IANA registry/);
  const h = catalog.lookup('0x800CCCFF');
  assert.equal(h.known, false);
  assert.match(h.inferred!, /0x800CCCxx/);
  const r = catalog.lookup('599');
  assert.equal(r.known, false);
  assert.equal(r.classInfo?.digit, '5');
  assert.equal(catalog.lookup('hello').known, false);
  assert.equal(catalog.lookup('12345').entries.length, 0);
});

test('explain() returns the reply code, the enhanced code and the provider entry of a whole reply', () => {
  const x = catalog.explain("550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy");
  assert.equal(x.reply?.code, '550');
  assert.equal(x.enhanced?.code, '5.7.26');
  assert.equal(x.providers[0]?.id, 'provider.gmail.dmarc-policy');
  assert.equal(x.inconsistency, undefined);
  const bad = catalog.explain('550 4.2.2 mailbox full');
  assert.match(bad.inconsistency!, /550.*4\.2\.2/);
  const m = catalog.explain("Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'");
  assert.equal(m.reply?.code, '550');
  assert.equal(m.enhanced?.code, '5.1.10');
  assert.equal(m.providers[0]?.provider, 'microsoft365');
});

test('search ranks the right entries first', () => {
  const first = (q: string) => catalog.search(q, 5).map((h) => h.entry.id);
  assert.equal(first('550')[0], 'reply.550');
  assert.equal(first('5.1.1')[0], 'enhanced.x.1.1');
  assert.equal(first('5 1 1')[0], 'enhanced.x.1.1');
  assert.equal(first('0x800ccc0e')[0], 'outlook.0x800ccc0e');
  assert.equal(first('800CCC0E')[0], 'outlook.0x800ccc0e');
  assert.match(catalog.get(first('SMTP_550')[0])!.name!, /^SMTP_550/);
  assert.ok(first('mailbox full').some((id) => ['enhanced.x.2.2', 'reply.552', 'reply.452'].includes(id)), first('mailbox full').join());
  assert.equal(catalog.get(first('gmail dmarc')[0])!.provider, 'gmail');
  assert.equal(first("550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy")[0], 'provider.gmail.dmarc-policy');
});
