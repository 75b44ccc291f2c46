// The streaming scanner in-process, on bytes read in small pieces and scanned in small regions: whatever the cut, it
// finds what scan() finds in the whole decoded text, at the same places, for UTF-8 with a BOM, CRLF, non-ASCII text
// and invalid bytes too. The summary path (findings only, no places) counts the same findings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanLines, sinkFor, type Hit, type LineScanOptions } from '../../server/src/cli/scan';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/scan/finding';
import { catalog, fixture, located, pieces } from '../helpers';
import { generateLog } from '../../scripts/generate-log.mjs';
import { mixedLog } from './mixedLog';

async function streamed(bytes: Uint8Array, piece: number, options: LineScanOptions = {}): Promise<Hit[]> {
  const hits: Hit[] = [];
  await scanLines(pieces(bytes, piece), catalog, sinkFor({ hits: (h) => void hits.push(...h), note() {} }), { skipBom: true, ...options });
  return hits;
}

async function counted(bytes: Uint8Array, piece: number, options: LineScanOptions = {}): Promise<Finding[]> {
  const found: Finding[] = [];
  await scanLines(pieces(bytes, piece), catalog, sinkFor({ hits() {}, findings: (f) => void found.push(...f), note() {} }), { skipBom: true, ...options });
  return found;
}

/** The reference: the whole input decoded at once (a BOM dropped, invalid bytes replaced), scanned whole. */
const decode = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);
const expected = (text: string) => analyze(text, catalog, { message: false }).findings.map((f) => ({ ...located(text, f), code: f.code }));
function actual(text: string, hits: Hit[]) {
  const lines = text.split('\n');
  return hits.map((h) => ({ line: h.line, character: h.character, text: lines[h.line - 1].slice(h.character, h.endCharacterOnLine), code: h.finding.code }));
}

test('fixtures read in small pieces and scanned in small regions give the same findings, at the same places', async () => {
  for (const name of ['logs/postfix.log', 'logs/exim.log', 'logs/sendmail.log', 'logs/transcript.txt', 'logs/exchange.txt', 'logs/outlook-dialog.txt', 'cli/unicode.log']) {
    const bytes = Buffer.from(fixture(name), 'utf8');
    const want = expected(decode(bytes));
    for (const [piece, region] of [[7, 50], [1, 1], [64, 300], [1000, 5000], [1 << 20, 96 * 1024]]) {
      assert.deepEqual(actual(decode(bytes), await streamed(bytes, piece, { regionBytes: region, chunkChars: region })), want, `${name} piece ${piece} region ${region}`);
    }
  }
});

test('a generated log with long lines, cut at odd sizes', async () => {
  const bytes = Buffer.from(generateLog(400_000, 3, { hard: true }));
  const want = expected(decode(bytes));
  assert.ok(want.length > 100);
  for (const region of [4093, 65536]) assert.deepEqual(actual(decode(bytes), await streamed(bytes, 1500, { regionBytes: region })), want, `region ${region}`);
});

test('a log with a BOM, CRLF, non-ASCII text (2-, 3- and 4-byte UTF-8) and invalid bytes: the same as decoding it whole', async () => {
  const bytes = mixedLog(300_000, 5);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with a BOM');
  const text = decode(bytes);
  assert.ok(text.includes('\r\n') && /[^\x00-\x7f]/.test(text) && text.includes('\ufffd') && /\ud83d/.test(text), 'the input has what this test is about');
  const want = expected(text);
  assert.ok(want.length > 200, `${want.length} findings`);
  // Pieces and regions that cut multi-byte characters and CRLF pairs everywhere.
  for (const [piece, region] of [[1, 7], [3, 97], [4099, 1021], [65536, 96 * 1024]]) {
    assert.deepEqual(actual(text, await streamed(bytes, piece, { regionBytes: region })), want, `piece ${piece} region ${region}`);
  }
});

test('a reply wrapped over indented lines and a folded header field, cut at every line', async () => {
  const text = [
    'Nov 1 mx1 postfix/smtp[1]: host gmail-smtp-in.l.google.com[1.2.3.4] said: 550-5.7.26 This mail has been blocked because the sender',
    "    550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy.",
    'Nov 1 mx1 postfix/smtp[2]: host gmail-smtp-in.l.google.com[1.2.3.4] said: 550-5.7.26 This mail has been blocked',
    "    because Unauthenticated email from example.com is not accepted due to domain's DMARC policy.",
    '    more',
    'X-Mailer: Foo',
    ...Array.from({ length: 12 }, (_, i) => `\tfolded ${i}`),
    '\tqux smtp; 5.7.1 relay',
    'said: 550 5.1.1 x',
  ].join('\n') + '\n';
  const bytes = Buffer.from(text);
  const want = expected(text);
  assert.ok(want.some((f) => f.code === 'provider.gmail.dmarc-policy') && !want.some((f) => f.code === '5.7.1'));
  for (const [piece, region] of [[1, 1], [5, 40], [100, 1000]]) assert.deepEqual(actual(text, await streamed(bytes, piece, { regionBytes: region, chunkChars: region })), want, `piece ${piece} region ${region}`);
});

test('the summary path counts the same findings without working out their places', async () => {
  const bytes = mixedLog(200_000, 9);
  const want = analyze(decode(bytes), catalog, { message: false }).findings;
  const got = await counted(bytes, 777, { regionBytes: 5000 });
  assert.deepEqual(got.map((f) => `${f.family}:${f.code}:${f.class}`), want.map((f) => `${f.family}:${f.code}:${f.class}`));
});

test('a BOM cut across reads is still dropped; a BOM-like sequence later is text', async () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('said: 550 5.1.1 a\n\ufeffsaid: 452 4.2.2 b\n')]);
  const hits = await streamed(bytes, 1, { regionBytes: 4 });
  assert.deepEqual(hits.map((h) => [h.line, h.character, h.finding.code]), [[1, 6, '550'], [1, 10, '5.1.1'], [2, 7, '452'], [2, 11, '4.2.2']]);
});

test('a last line without a line break, longer than a region', async () => {
  const text = `said: 421 4.7.0 first\npostfix/smtp[1]: said: 550 5.1.1 ${'y'.repeat(3000)} said: 452 4.2.2 full`;
  const bytes = Buffer.from(text);
  for (const piece of [1, 100, 10000]) assert.deepEqual(actual(text, await streamed(bytes, piece, { regionBytes: 64 })), expected(text), `piece ${piece}`);
});

test('a line over the cap is scanned in pieces, columns continue', async () => {
  const bytes = Buffer.from(`${'z'.repeat(5000)} said: 550 5.1.1 unknown\nnext said: 452 4.2.2 full\n`);
  const hits = await streamed(bytes, 1000, { regionBytes: 100, maxLine: 2048 });
  assert.deepEqual(hits.map((h) => [h.line, h.character, h.finding.code]), [[1, 5007, '550'], [1, 5011, '5.1.1'], [2, 11, '452'], [2, 15, '4.2.2']]);
});

test('a long non-ASCII line over the cap is cut between characters, never inside one', async () => {
  const line = 'é😀'.repeat(2000);
  const bytes = Buffer.from(`${line} said: 550 5.1.1 x\n`);
  const hits = await streamed(bytes, 999, { regionBytes: 100, maxLine: 1500 });
  assert.deepEqual(hits.map((h) => [h.line, h.character, h.finding.code]), [[1, line.length + 7, '550'], [1, line.length + 11, '5.1.1']]);
});

test('a part of a file: the context line before it and the line after it are read, only the part is scanned', async () => {
  // Each "250 OK" is a reply only because of a neighbouring line of the dialogue: the one before, the one after.
  const text = 'EHLO client.example.org\n250 OK\nplain words\n250 OK\nRCPT TO:<x@example.org>\nsaid: 550 5.1.1 x\n';
  const bytes = Buffer.from(text);
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
  const whole = analyze(text, catalog, { message: false }).findings;
  for (const [first, last] of [[1, 2], [3, 4], [1, 4], [0, 6]]) {
    const start = lineStarts[first];
    const end = lineStarts[last];
    const contextStart = first ? lineStarts[first - 1] : 0;
    const found: Finding[] = [];
    await scanLines(pieces(bytes.subarray(start), 5), catalog, sinkFor({ hits() {}, findings: (f) => void found.push(...f), note() {} }), { context: bytes.subarray(contextStart, start), stopAt: end - start, regionBytes: 3 });
    const want = whole.filter((f) => f.start >= start && f.start < end);
    assert.deepEqual(found.map((f) => f.code), want.map((f) => f.code), `lines ${first}-${last}`);
    if (last - first === 1) assert.deepEqual(found.map((f) => f.code), ['250'], `lines ${first}-${last}: the 250 is a reply`);
  }
});
