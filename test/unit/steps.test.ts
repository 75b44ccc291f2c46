// Analysis in steps (server/src/core/steps.ts): a large message yields many times, each slice bounded, and the
// result is what one uninterrupted analysis gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, analyzeInSteps } from '../../server/src/core/analyze';
import { scan } from '../../server/src/core/scan/scanner';
import { SCAN_SLICE, scanInSteps } from '../../server/src/core/steps';
import { catalog, fixture } from '../helpers';

function bigBounce(mb: number): string {
  const log = fixture('logs/postfix.log');
  const body = Buffer.from(log.repeat(Math.ceil((mb * 1e6) / log.length))).toString('base64').replace(/.{76}/g, '$&\n');
  const bounce = fixture('eml/bounce-postfix.eml');
  const boundary = /boundary="?([^";\n]+)"?/.exec(bounce)![1];
  return bounce.replace(`--${boundary}--`, `--${boundary}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n${body}\n--${boundary}--`);
}

test('a large base64 part is decoded and scanned in many steps, with the result of one analysis', () => {
  const text = bigBounce(2);
  const steps = analyzeInSteps(text, catalog, { message: true });
  let count = 0;
  let next = steps.next();
  for (; !next.done; next = steps.next()) count++;
  // 2 MB of text decodes in 128 KB slices and scans in 256 KB slices: far more than one step per part.
  assert.ok(count > Math.floor(text.length / SCAN_SLICE) + 5, `${count} steps`);
  assert.deepEqual(next.value, analyze(text, catalog, { message: true }));
  assert.ok(next.value.filter((f) => f.code === '550').length > 1000);
});

test('scanInSteps over many slices finds what one scan finds, providers included', () => {
  const log = fixture('logs/postfix.log') + fixture('logs/exim.log') + fixture('logs/m365-trace-detail.txt');
  const text = log.repeat(Math.ceil((3 * SCAN_SLICE) / log.length));
  const steps = scanInSteps(text, catalog, 0, text.length);
  let next = steps.next();
  while (!next.done) next = steps.next();
  const whole = scan(text, catalog);
  assert.ok(whole.some((f) => f.family === 'provider'));
  assert.deepEqual(next.value.map((f) => [f.start, f.end, f.code]), whole.map((f) => [f.start, f.end, f.code]));
});
