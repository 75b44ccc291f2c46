// The streaming scanner in-process, with tiny chunks: whatever the cut, it finds what scan() finds in the whole text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineScanner, type Hit } from '../../server/src/cli/scan';
import { analyze } from '../../server/src/core/analyze';
import { catalog, fixture, located } from '../helpers';
import { generateLog } from '../../scripts/generate-log.mjs';

function streamed(text: string, piece: number, chunkChars: number, maxLine = 1 << 24): Hit[] {
  const scanner = new LineScanner(catalog, { chunkChars, maxLine });
  const hits: Hit[] = [];
  for (let i = 0; i < text.length; i += piece) hits.push(...scanner.push(text.slice(i, i + piece)));
  hits.push(...scanner.end());
  return hits;
}

const expected = (text: string) => analyze(text, catalog, { message: false }).findings.map((f) => ({ ...located(text, f), code: f.code }));
const actual = (text: string, hits: Hit[]) => hits.map((h) => ({ line: h.line, character: h.character, text: text.split('\n')[h.line - 1].slice(h.character, h.endCharacterOnLine), code: h.finding.code }));

test('fixtures cut into small chunks give the same findings, at the same places', () => {
  for (const name of ['logs/postfix.log', 'logs/exim.log', 'logs/sendmail.log', 'logs/transcript.txt', 'logs/exchange.txt', 'logs/outlook-dialog.txt']) {
    const text = fixture(name);
    for (const [piece, chunk] of [[7, 50], [1, 1], [64, 300], [1000, 5000]]) {
      assert.deepEqual(actual(text, streamed(text, piece, chunk)), expected(text), `${name} piece ${piece} chunk ${chunk}`);
    }
  }
});

test('a generated log with long lines, cut at odd sizes', () => {
  const text = generateLog(400_000, 3, { hard: true });
  const want = expected(text);
  assert.ok(want.length > 100);
  for (const chunk of [4093, 65536]) assert.deepEqual(actual(text, streamed(text, 1500, chunk)), want, `chunk ${chunk}`);
});

test('a line over the cap is scanned in pieces, columns continue', () => {
  const text = `${'z'.repeat(5000)} said: 550 5.1.1 unknown\nnext said: 452 4.2.2 full\n`;
  const hits = streamed(text, 1000, 100, 2048);
  const codes = hits.map((h) => [h.line, h.character, h.finding.code]);
  assert.deepEqual(codes, [[1, 5007, '550'], [1, 5011, '5.1.1'], [2, 11, '452'], [2, 15, '4.2.2']]);
});
