// Providers in the core: who answered (host → provider), and how provider entries are matched on real replies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Catalog } from '../../server/src/core/catalog/catalog';
import { answeringHost } from '../../server/src/core/catalog/hosts';
import { normalize, PhraseMatcher } from '../../server/src/core/catalog/phrases';
import { entryPage, explanationMarkdown } from '../../server/src/core/present/markdown';
import { scan } from '../../server/src/core/scan/scanner';
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
  assert.equal(id('hotmail-com.olc.protection.outlook.com'), 'outlookcom', 'Outlook.com consumer hosts within Microsoft\'s outlook.com');
  assert.equal(id('smtp.office365.com'), 'microsoft365');
  assert.equal(id('mxa.mailgun.org'), 'mailgun');
  assert.equal(id('mta7.am0.yahoodns.net'), 'yahoo');
  assert.equal(catalog.answeredBy('Remote-MTA: dns; mta7.am0.yahoodns.net')?.provider.name, catalog.provider('yahoo')?.name);
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

test('the generic words of other mail servers are no provider\'s', () => {
  // Replies of Postfix, Exim, Sendmail and others that share a few words with provider entries.
  const generic = [
    '554 5.7.1 <user@example.com>: Relay access denied',
    '550 5.1.1 <user@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
    '421 4.3.2 Service not available, closing transmission channel',
    '552 5.2.2 Mailbox full',
    '550 5.5.0 Requested action not taken: mailbox unavailable',
    '554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org',
    '503 5.5.1 Error: need MAIL command',
    '451 4.4.1 Connection timed out',
    '550 5.7.1 Message rejected as spam by Content Filtering.',
    '500 Internal Server Error',
    '550 5.7.0 Access denied',
    'Need at least one of the following; only one parameter is allowed',
  ];
  for (const reply of generic) {
    assert.deepEqual(catalog.explain(reply).providers.map((e) => e.id), [], reply);
    const line = `Mar  1 10:00:00 mx1 postfix/smtp[4242]: 4C3A4425049: to=<user@example.com>, relay=mx.example.net[192.0.2.25]:25, dsn=5.0.0, status=bounced (host mx.example.net[192.0.2.25] said: ${reply} (in reply to RCPT TO command))`;
    assert.deepEqual(scan(line, catalog).filter((f) => f.family === 'provider').map((f) => f.code), [], line);
  }
});

test('the host that answered chooses the provider and names it', () => {
  const reply = '550 5.5.0 Requested action not taken: mailbox unavailable';
  const line = (host: string) => `Mar  1 10:00:00 mx1 postfix/smtp[4242]: 4C3A4425049: to=<user@hotmail.com>, relay=${host}[192.0.2.25]:25, dsn=5.5.0, status=bounced (host ${host}[192.0.2.25] said: ${reply} (in reply to RCPT TO command))`;
  const outlook = scan(line('hotmail-com.olc.protection.outlook.com'), catalog).find((f) => f.family === 'provider');
  assert.equal(outlook?.entryId, 'provider.microsoft365.5.5.0-mailbox-unavailable', 'known by its code once Microsoft answered');
  assert.match(outlook!.label!, /^Microsoft 365/);
  assert.equal(scan(line('mx.example.net'), catalog).find((f) => f.family === 'provider'), undefined, 'the same words from another server');
  // Gmail's words from a Microsoft host are not a Gmail reply; from Gmail's host they are.
  const unusual = '550-5.7.1 [192.0.2.80 1] Our system has detected an unusual rate of 550-5.7.1 unsolicited mail originating from your IP address.';
  assert.deepEqual(catalog.matchProviders(unusual, ['550', '5.7.1'], 'host contoso-com.mail.protection.outlook.com[192.0.2.1] said:').map((e) => e.provider), []);
  assert.equal(catalog.matchProviders(unusual, ['550', '5.7.1'], 'host gmail-smtp-in.l.google.com[192.0.2.1] said:')[0]?.id, 'provider.gmail.550-5.7.1-unusual-rate-unsolicited');
});

test('a marker identifies its entry whatever the codes; a long phrase survives other codes, a short one does not', () => {
  assert.equal(catalog.matchProviders('550 5.7.1 Unfortunately, messages from [192.0.2.9] weren\'t sent (S3150).', ['550', '5.7.1'])[0]?.id, 'provider.microsoft365.5.7.1-network-block-list');
  assert.equal(catalog.matchProviders('451 4.7.1 see (S3150)', ['451', '4.7.1'])[0]?.id, 'provider.microsoft365.5.7.1-network-block-list');
  // 421 4.7.28 where the older replies said 421 4.7.0: the words decide.
  assert.equal(catalog.matchProviders('421 4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address.', ['421', '4.7.28'])[0]?.id, 'provider.gmail.421-4.7.0-unusual-rate-unsolicited');
  // "Relay Access Denied" is Microsoft's only with its 5.4.1.
  assert.equal(catalog.matchProviders('550 5.4.1 Relay Access Denied', ['550', '5.4.1'])[0]?.id, 'provider.microsoft365.5.4.1-relay-access-denied');
  assert.deepEqual(catalog.matchProviders('554 5.7.1 Relay access denied', ['554', '5.7.1']), []);
});

test('code ranges key an entry by every code in them', () => {
  for (const code of ['5.7.606', '5.7.627', '5.7.649']) assert.ok(catalog.lookup(code).entries.some((e) => e.id === 'provider.microsoft365.5.7.606-649'), code);
  assert.ok(!catalog.lookup('5.7.650').entries.some((e) => e.id === 'provider.microsoft365.5.7.606-649'));
  assert.ok(catalog.lookup('4.7.612').entries.some((e) => e.id === 'provider.microsoft365.4.7.500-699'));
  assert.ok(catalog.lookup('4.7.888').entries.some((e) => e.id === 'provider.microsoft365.4.7.850-899'));
});

test('HTTP statuses of a sending API are not SMTP reply codes', () => {
  for (const code of ['400', '401', '403', '404', '413', '429', '500']) {
    assert.ok(!catalog.lookup(code).entries.some((e) => e.kind === 'http'), `${code} looked up as a reply code`);
  }
  const mailgun = catalog.entries.filter((e) => e.provider === 'mailgun' && e.kind === 'http');
  assert.ok(mailgun.length >= 30 && mailgun.every((e) => e.code.startsWith('HTTP ')));
  const line = 'Mar  1 10:00:00 mx1 postfix/smtp[4242]: 4C3A4425049: to=<user@example.com>, relay=mx.example.net[192.0.2.25]:25, dsn=5.0.0, status=bounced (host mx.example.net[192.0.2.25] said: 500 5.5.1 Internal Server Error (in reply to end of DATA command))';
  assert.deepEqual(scan(line, catalog).filter((f) => f.family === 'provider'), []);
  // Its own words still find it, with the class of the entry (a 4xx HTTP status is not a temporary SMTP failure).
  const api = catalog.explain('Mailgun API error: {"message": "\'from\' parameter is missing"}');
  assert.equal(api.providers[0]?.id, 'provider.mailgun.400-from-missing');
  assert.equal(api.providers[0]?.severity, 'permanent');
  // Words other servers write too count for Mailgun only when the reply concerns its bounce+ return path.
  const sender = '550 5.1.0 <bounce+1a2b3c.45-user=example.com@mg.example.org>: Sender address rejected: User unknown in virtual mailbox table';
  assert.equal(catalog.explain(sender).providers[0]?.id, 'provider.mailgun.sender-user-unknown-virtual-mailbox');
  assert.deepEqual(catalog.explain('550 5.1.0 <someone@example.org>: Sender address rejected: User unknown in virtual mailbox table').providers, []);
});

test('the hover and the detail page name the provider, its mail hosts and the bounce reason', () => {
  const line = 'Mar  1 10:00:00 mx1 postfix/smtp[4242]: 4C3A4425049: to=<user@gmail.com>, relay=gmail-smtp-in.l.google.com[192.0.2.25]:25, dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[192.0.2.25] said: 550-5.7.26 This mail has been blocked because the sender is unauthenticated. (in reply to end of DATA command))';
  const x = catalog.explain(line);
  assert.equal(x.answeredBy?.provider.id, 'gmail');
  assert.equal(x.answeredBy?.host, 'gmail-smtp-in.l.google.com');
  const md = explanationMarkdown(x);
  assert.match(md, /^Answered by \*\*Gmail \/ Google Workspace\*\* \(gmail\\-smtp\\-in\\\.l\\\.google\\\.com\)/);
  assert.equal(explanationMarkdown(catalog.explain('550 5.1.1 user unknown')).includes('Answered by'), false);
  const page = entryPage(catalog.get('provider.gmail.550-5.7.26-unauthenticated')!, catalog, (e) => e.id);
  assert.match(page, /\*\*Bounce reason:\*\* SPF \/ DKIM \/ DMARC failure/);
  assert.match(page, /\*\*Mail hosts:\*\* google\\\.com/);
  const marker = entryPage(catalog.get('provider.microsoft365.5.7.1-network-block-list')!, catalog, (e) => e.id);
  assert.match(marker, /## Recognised by\n\n- “\\\(S3150\\\)”/);
});

test('a reply wrapped over indented lines in a bounce is read whole, once', () => {
  const postfix = [
    'The mail system',
    '',
    '<user@gmail.com>: host gmail-smtp-in.l.google.com[192.0.2.27]',
    '    said: 550-5.7.1 [192.0.2.80 1] Our system has detected an unusual',
    '    rate of 550-5.7.1 unsolicited mail originating from your IP address. To',
    '    protect our 550-5.7.1 users from spam, mail sent from your IP address has',
    '    been blocked. 550 5.7.1 s25si6573124wmj.54 - gsmtp (in reply to end of DATA command)',
    '',
    'Reporting-MTA: dns; mx.example.net',
  ].join('\n');
  const found = scan(postfix, catalog).filter((f) => f.family === 'provider');
  assert.deepEqual(found.map((f) => f.code), ['provider.gmail.550-5.7.1-unusual-rate-unsolicited']);
  assert.equal(postfix.slice(found[0].start, found[0].end).replace(/\s+/g, ' '), 'unusual rate of 550-5.7.1 unsolicited mail');
  const exim = [
    'SMTP error from remote mail server after end of data:',
    '    host gmail-smtp-in.l.google.com [192.0.2.26]:',
    '    550-5.7.1 [192.0.2.47 1] Our system has detected an unusual rate of',
    '    550-5.7.1 unsolicited mail originating from your IP address. To protect our',
    '    550 5.7.1 users from spam, mail sent from your IP address has been blocked. - gsmtp',
  ].join('\r\n');
  assert.deepEqual(scan(exim, catalog).filter((f) => f.family === 'provider').map((f) => f.code), ['provider.gmail.550-5.7.1-unusual-rate-unsolicited']);
});
