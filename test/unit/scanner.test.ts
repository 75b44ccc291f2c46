// The scanner on realistic fixtures: what it must find, where, and what it must leave alone.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { codeAt } from '../../client/src/codeAtCursor';
import { analyze } from '../../server/src/core/analyze';
import { parseCode } from '../../server/src/core/catalog/codes';
import { lineAt, scan } from '../../server/src/core/scan/scanner';
import { catalog, fixture, located, root } from '../helpers';

const codes = (text: string) => scan(text, catalog).map((f) => `${f.family}:${f.code}`);

test('Postfix: reply and enhanced codes after said:, dsn= and paired, with exact ranges', () => {
  const text = fixture('logs/postfix.log');
  const found = scan(text, catalog);
  const at = found.map((f) => ({ ...located(text, f), code: f.code, family: f.family }));
  const line2 = at.filter((f) => f.line === 2);
  assert.deepEqual(line2.filter((f) => f.family !== 'provider').map((f) => f.text), ['5.1.1', '550', '5.1.1']);
  assert.equal(line2[1].character, text.split('\n')[1].indexOf('550 5.1.1'));
  assert.ok(at.some((f) => f.line === 4 && f.code === '4.4.1'));
  const dmarc = at.filter((f) => f.line === 5);
  assert.deepEqual(dmarc.filter((f) => f.family !== 'provider').map((f) => f.code), ['5.7.26', '550', '5.7.26']);
  assert.ok(dmarc.some((f) => f.family === 'provider' && f.code === 'provider.gmail.dmarc-policy'));
  assert.ok(at.some((f) => f.line === 6 && f.code === '250'));
  assert.ok(!at.some((f) => f.line === 1 || f.line === 3), 'lines without codes stay clean');
  // delays=0.1/0/0.2/0.1 and IP addresses are not codes
  assert.ok(!found.some((f) => f.code === '0.2.0' || f.code === '5.1.1' && text.slice(f.start - 1, f.start) === '.'));
});

test('Exim, Sendmail, transcripts, Exchange NDRs and Outlook dialogs', () => {
  assert.deepEqual(codes(fixture('logs/exim.log')).filter((c) => !c.startsWith('provider')), ['reply:550', 'enhanced:5.1.1', 'reply:451', 'enhanced:4.7.1']);
  assert.deepEqual(codes(fixture('logs/sendmail.log')).filter((c) => !c.startsWith('provider')), ['enhanced:5.1.1', 'enhanced:4.0.0', 'reply:421', 'enhanced:4.3.0']);
  const t = codes(fixture('logs/transcript.txt'));
  assert.deepEqual(t.filter((c) => c.startsWith('reply')), ['reply:220', 'reply:250', 'reply:250', 'reply:250', 'reply:250', 'reply:250', 'reply:550', 'reply:221']);
  assert.ok(t.includes('enhanced:5.1.1'));
  const ex = scan(fixture('logs/exchange.txt'), catalog);
  assert.deepEqual(ex.filter((f) => f.family !== 'provider').map((f) => f.code), ['550', '5.1.10']);
  assert.ok(ex.some((f) => f.family === 'provider' && catalog.get(f.code)?.provider === 'microsoft365'));
  assert.deepEqual(codes(fixture('logs/outlook-dialog.txt')), ['outlook:0x800CCC0E', 'outlook:0x800CCC0F', 'outlook:0x800CCC92', 'outlook:0x800CCC0E']);
});

test('Microsoft 365 message trace exports and trace details', () => {
  const csv = scan(fixture('logs/m365-message-trace.csv'), catalog);
  assert.deepEqual(csv.filter((f) => f.family !== 'provider').map((f) => f.code), ['550', '5.1.10', '451', '4.4.0', '421', '4.3.2']);
  assert.ok(csv.some((f) => f.family === 'provider' && catalog.get(f.code)?.provider === 'microsoft365'));
  const detail = scan(fixture('logs/m365-trace-detail.txt'), catalog);
  assert.deepEqual(detail.filter((f) => f.family !== 'provider').map((f) => f.code), ['550', '5.7.708']);
  assert.ok(detail.some((f) => f.family === 'provider' && /5\.7\.708/.test(catalog.get(f.code)?.codes?.join(' ') ?? '')), 'the Microsoft 365 entry for 5.7.708');
});

test('files full of numbers produce no findings', () => {
  assert.deepEqual(codes(fixture('clean/nginx-access.log')), []);
  assert.deepEqual(codes(fixture('clean/app.log')), []);
  assert.deepEqual(codes('2005.11.09 10.5.1.1 v2.4.1 nginx/1.25.3 1.2.3.4.5 5.1.1.1 45.1.1 port 550 pid 421'), []);
});

test('inconsistent, deprecated and unregistered codes carry a note', () => {
  const [r, e] = scan('said: 550 4.2.2 mailbox full', catalog);
  assert.equal(r.code, '550');
  assert.match(e.notes![0], /different classes/);
  const dep = scan('dsn=5.6.10, status=bounced', catalog)[0];
  assert.match(dep.notes!.join(' '), /deprecated/);
  const unreg = scan('dsn=5.6.99, status=bounced', catalog)[0];
  assert.match(unreg.notes!.join(' '), /not a registered/);
});

test('CRLF and mixed line endings give the same findings at the same places', () => {
  const lf = fixture('logs/postfix.log');
  const crlf = lf.replace(/\n/g, '\r\n');
  const a = scan(lf, catalog).map((f) => located(lf, f).text);
  const b = scan(crlf, catalog).map((f) => located(crlf, f).text);
  assert.deepEqual(b, a);
});

test('a region scan finds the same as a whole scan within it', () => {
  const text = fixture('logs/postfix.log');
  const whole = scan(text, catalog);
  const from = text.indexOf('\n', 10) + 1;
  const to = text.indexOf('Nov 23 10:04');
  const part = scan(text, catalog, from, to);
  assert.deepEqual(part, whole.filter((f) => f.start >= from && f.start < to));
});

test('cut at any line, two region scans find what one scan of the whole text finds: wrapped replies, folded fields', () => {
  const texts = [
    // The provider's words stand on the wrapped line; the codes that key them on the line above.
    "Nov 1 mx1 postfix/smtp[1]: host gmail-smtp-in.l.google.com[1.2.3.4] said: 550-5.7.26 This mail has been blocked because the sender\n    550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy.\nlast\n",
    "Nov 1 mx1 postfix/smtp[1]: host gmail-smtp-in.l.google.com[1.2.3.4] said: 550-5.7.26 This mail has been blocked\n    because Unauthenticated email from example.com is not accepted due to domain's DMARC policy.\n    more\nlast\n",
    // A folded trace field several lines long: no code in it counts.
    'X-Mailer: Foo\n\tbar\n\tbaz\n\tqux smtp; 5.7.1 relay\nsaid: 550 5.1.1 x\n',
    fixture('logs/postfix.log'),
    fixture('logs/exim.log'),
  ];
  for (const text of texts) {
    const whole = scan(text, catalog).map((f) => `${f.start}:${f.family}:${f.code}`);
    for (let k = text.indexOf('\n') + 1; k > 0 && k < text.length; k = text.indexOf('\n', k) + 1) {
      const cut = [...scan(text, catalog, 0, k), ...scan(text, catalog, k)].map((f) => `${f.start}:${f.family}:${f.code}`);
      assert.deepEqual(cut, whole, `cut at ${k}: ${JSON.stringify(text.slice(k, k + 40))}`);
    }
  }
});

test('analyze() reads a plain log as a log', () => {
  const text = fixture('logs/exim.log');
  assert.deepEqual(analyze(text, catalog), { findings: scan(text, catalog), recipients: [] });
});

test('one recogniser: every code the scanner finds in the corpus reads the same through parseCode and the code under the cursor', () => {
  let checked = 0;
  for (const dir of ['real/logs', 'real/bounces']) {
    for (const name of readdirSync(join(root, 'test/fixtures', dir)).filter((n) => !n.endsWith('.expected') && !n.endsWith('.md'))) {
      const text = fixture(`${dir}/${name}`);
      for (const f of analyze(text, catalog, name.endsWith('.eml') ? { message: true } : {}).findings) {
        if (f.family !== 'reply' && f.family !== 'enhanced' && f.family !== 'outlook') continue;
        const raw = text.slice(f.start, f.end);
        if (/[\r\n]/.test(raw)) continue; // a code split by a soft line break of a quoted-printable part
        assert.deepEqual(parseCode(raw), { family: f.family, code: f.code }, `${dir}/${name}: ${raw}`);
        const lineStart = text.lastIndexOf('\n', f.start - 1) + 1;
        const line = lineAt(text, lineStart);
        const at = codeAt(line, f.start - lineStart + 1);
        assert.deepEqual(at && { start: at.start + lineStart, end: at.end + lineStart, code: parseCode(at.text)?.code }, { start: f.start, end: f.end, code: f.code }, `${dir}/${name}: ${raw}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 400, `${checked} codes checked`);
});
