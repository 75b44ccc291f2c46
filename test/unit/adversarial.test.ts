// Inputs built to make regular expressions or parsers slow or to break them. Here: they complete and give the right
// answer; how long they take per MB against an ordinary log is measured by `npm run bench`, not timed here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { parseMessage } from '../../server/src/core/dsn/mime';
import { scan } from '../../server/src/core/scan/scanner';
import * as ruleData from '../../server/src/core/scan/rules';
import { catalog } from '../helpers';

test('long runs of digits, dots, dashes and spaces hide no codes and find none', () => {
  assert.deepEqual(scan('9'.repeat(100_000), catalog), []);
  assert.deepEqual(scan('5.'.repeat(50_000), catalog), []);
  assert.deepEqual(scan('5.1.1.'.repeat(20_000), catalog), []);
  assert.deepEqual(scan('-'.repeat(100_000), catalog), []);
  const spaced = ' '.repeat(100_000) + 'said: 550 5.1.1 unknown';
  assert.deepEqual(scan(spaced, catalog).filter((f) => f.family !== 'provider').map((f) => f.code), ['550', '5.1.1']);
});

test('a 10 MB single line is scanned whole', () => {
  const line = 'x'.repeat(5_000_000) + ' said: 550 5.1.1 user unknown ' + 'y'.repeat(5_000_000);
  const found = scan(line, catalog);
  assert.deepEqual(found.filter((f) => f.family !== 'provider').map((f) => [f.code, f.start]), [['550', 5_000_007], ['5.1.1', 5_000_011]]);
});

test('deeply nested MIME, 10 000 parts and a header folded 100 000 times are read within bounds', () => {
  let deep = 'MIME-Version: 1.0\n';
  for (let i = 0; i < 2000; i++) deep += `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n`;
  deep += 'Content-Type: text/plain\n\nsaid: 550 5.1.1\n';
  assert.ok(analyze(deep, catalog).some((f) => f.code === '5.1.1'));
  let many = 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="p"\n\n';
  for (let i = 0; i < 10_000; i++) many += `--p\nContent-Type: text/plain\n\nline ${i} said: 550 5.1.1\n`;
  const parts = parseMessage(many + '--p--\n').children.length;
  assert.ok(parts > 1000 && parts <= 5000, `parts read: ${parts}`);
  const folded = 'Subject: x\n' + ' y\n'.repeat(100_000) + 'Content-Type: text/plain\nMIME-Version: 1.0\n\nsaid: 550 5.1.1\n';
  assert.ok(analyze(folded, catalog, { message: true }).some((f) => f.code === '550'));
});

test('the rules use bounded repeats only (no nested or unbounded quantifiers)', () => {
  const patterns: [string, RegExp][] = [];
  for (const r of [...ruleData.rules, ...ruleData.vetoes]) {
    for (const key of ['before', 'after', 'lineBefore', 'codes', 'raw', 'line'] as const) {
      const re = (r as unknown as Record<string, RegExp | undefined>)[key];
      if (re) patterns.push([`${r.id}.${key}`, re]);
    }
  }
  for (const [name, value] of Object.entries(ruleData)) if (value instanceof RegExp) patterns.push([name, value]);
  assert.ok(patterns.length > 40);
  for (const [name, re] of patterns) {
    assert.doesNotMatch(re.source, /[+*]\)?[+*{]|\)[+*]/, `${name} has a nested quantifier`);
    assert.doesNotMatch(re.source, /(?<!\\)[+*]/, `${name} has an unbounded repeat`);
  }
});

test('binary and invalid text is scanned without error', () => {
  const bytes = new Uint8Array(200_000).map((_, i) => (i * 7919) % 256);
  const text = new TextDecoder('utf-8').decode(bytes) + '\u0000said: 550 5.1.1\u0000';
  assert.ok(scan(text, catalog).some((f) => f.code === '550'));
});

test('a message part with hundreds of thousands of codes is read without overflowing the stack', () => {
  const body = 'said: 550 5.1.1 x\n'.repeat(150_000);
  const found = analyze(`MIME-Version: 1.0\nContent-Type: text/plain\n\n${body}`, catalog, { message: true });
  assert.equal(found.filter((f) => f.family === 'reply').length, 150_000);
});
