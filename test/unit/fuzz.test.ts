// Property-based tests of the core: random and mutated logs, transcripts and MIME messages never make it throw,
// every range stays inside the text, and the same input always gives the same result.
// FUZZ_RUNS / FUZZ_SEED make the long run of `npm run fuzz` (scripts/fuzz.mjs); the fast suite uses a few hundred.
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { scan } from '../../server/src/core/scan/scanner';
import { catalog, fixture, root } from '../helpers';

const runs = Number(process.env.FUZZ_RUNS ?? 300);
const seed = Number(process.env.FUZZ_SEED ?? 20261123);
const corpus = ['logs', 'eml', 'clean'].flatMap((dir) => readdirSync(join(root, 'test/fixtures', dir)).map((f) => fixture(`${dir}/${f}`)));
const alphabet = ['5', '0', '.', '-', ' ', '\n', '\r', ':', ';', '=', '#', 'x', '×', '8', 'C', '<', '>', '"', "'", '\t', 'said: ', 'dsn=', 'smtp;', '550', '5.1.1', '0x800CCC0E', '--b1', 'Content-Type: multipart/mixed; boundary=b1\n', 'Content-Transfer-Encoding: base64\n', 'Content-Transfer-Encoding: quoted-printable\n', '=\n', '=E2', '\n\n', '\uFFFD', '\u0000', 'é', '😀'];

const token = fc.constantFrom(...alphabet);
const randomText = fc.array(fc.oneof(token, fc.string({ maxLength: 8 })), { maxLength: 400 }).map((parts) => parts.join(''));
/** A fixture with a few slices deleted, duplicated or replaced by random tokens. */
const mutated = fc
  .tuple(fc.constantFrom(...corpus), fc.array(fc.tuple(fc.nat(), fc.nat(40), fc.oneof(token, fc.constant(''))), { maxLength: 12 }))
  .map(([base, edits]) => edits.reduce((t, [at, len, insert]) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + insert + t.slice(i + len);
  }, base));

const inside = (text: string, f: { start: number; end: number }) => f.start >= 0 && f.start <= f.end && f.end <= text.length;

test(`fuzz: random text (${runs} runs, seed ${seed})`, () => {
  fc.assert(fc.property(randomText, fc.boolean(), (text, message) => {
    const a = analyze(text, catalog, { message });
    for (const f of [...a.findings, ...a.recipients]) assert.ok(inside(text, f), `range ${f.start}-${f.end} outside ${text.length}`);
    assert.deepEqual(analyze(text, catalog, { message }), a);
  }), { numRuns: runs, seed });
});

test(`fuzz: mutated fixtures (${runs} runs, seed ${seed})`, () => {
  fc.assert(fc.property(mutated, (text) => {
    const a = analyze(text, catalog);
    for (const f of [...a.findings, ...a.recipients]) assert.ok(inside(text, f));
    for (const f of scan(text, catalog)) assert.ok(inside(text, f));
    assert.deepEqual(analyze(text, catalog), a);
  }), { numRuns: runs, seed });
});

test(`fuzz: scanning by regions finds what one scan finds (${runs} runs)`, () => {
  fc.assert(fc.property(mutated, fc.nat(), (text, cut) => {
    // Cut at a line boundary, as the server's chunked scan does.
    const nl = text.indexOf('\n', cut % (text.length + 1));
    const at = nl < 0 ? text.length : nl + 1;
    const whole = scan(text, catalog).filter((f) => f.family !== 'provider');
    const parts = [...scan(text, catalog, 0, at), ...scan(text, catalog, at, text.length)].filter((f) => f.family !== 'provider');
    assert.deepEqual(parts.map((f) => [f.start, f.code]), whole.map((f) => [f.start, f.code]));
  }), { numRuns: runs, seed });
});
