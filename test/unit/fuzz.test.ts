// Property-based tests of the core and of the server's document store: random and mutated logs, transcripts and
// MIME messages never make them throw, every finding's range holds its code, a scan by regions finds what one scan
// finds, and a document edited in any way (CRLF, batched changes) holds what a fresh open of its text gives.
// Each run draws a fresh seed and names it in the test title; FUZZ_SEED=<seed> replays a run, FUZZ_RUNS sets its
// length (`npm run fuzz`, scripts/fuzz.mjs, runs them at length; the fast suite a few hundred cases).
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/core/analyze';
import { parseCode, readCode, TOKEN_START } from '../../server/src/core/catalog/codes';
import type { Finding } from '../../server/src/core/scan/finding';
import { scan } from '../../server/src/core/scan/scanner';
import type { ContentChange } from '../../server/src/lsp/blockDocument';
import { DocumentStore } from '../../server/src/lsp/documents';
import { catalog, fixture, root } from '../helpers';

const runs = Number(process.env.FUZZ_RUNS ?? 300);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const corpus = ['logs', 'eml', 'clean'].flatMap((dir) => readdirSync(join(root, 'test/fixtures', dir)).map((f) => fixture(`${dir}/${f}`)));
const alphabet = ['5', '0', '.', '-', ' ', '\n', '\r', '\r\n', ':', ';', '=', '#', 'x', '×', '8', 'C', '<', '>', '"', "'", '\t', 'said: ', 'dsn=', 'smtp;', '550', '5.1.1', '0x800CCC0E', '--b1', 'Content-Type: multipart/mixed; boundary=b1\n', 'Content-Transfer-Encoding: base64\n', 'Content-Transfer-Encoding: quoted-printable\n', '=\n', '=E2', '\n\n', '\uFFFD', '\u0000', 'é', '😀', 'Gmail', ' 550-5.7.26 ', 'quota exceeded'];

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

/** The text a finding's range covers says its code (provider findings cover a phrase). */
function holdsItsCode(text: string, f: Finding): boolean {
  const raw = text.slice(f.start, f.end);
  switch (f.family) {
    case 'reply':
      return raw === f.code;
    case 'enhanced':
    case 'outlook':
      // Written forms are spelled one way: 4.3.00 is 4.3.0, 800ccc0e is 0x800CCC0E.
      return parseCode(raw)?.code === f.code;
    default:
      return raw.length > 0;
  }
}

/** A message whose parts are transfer-encoded reports findings at encoded ranges (test/unit/decode.test.ts). */
const encoded = (text: string) => /content-transfer-encoding:\s*(base64|quoted-printable)/i.test(text);

test(`fuzz: random text never throws, ranges stay inside and hold their code (${runs} runs, seed ${seed})`, () => {
  fc.assert(fc.property(randomText, fc.boolean(), (text, message) => {
    const a = analyze(text, catalog, { message });
    for (const o of a.recipients) assert.ok(inside(text, o), `recipient range ${o.start}-${o.end} outside ${text.length}`);
    for (const f of a.findings) {
      assert.ok(inside(text, f), `range ${f.start}-${f.end} outside ${text.length}`);
      if (!message || !encoded(text)) assert.ok(holdsItsCode(text, f), `${f.family} ${f.code} on ${JSON.stringify(text.slice(f.start, f.end))}`);
    }
    assert.deepEqual(analyze(text, catalog, { message }), a);
  }), { numRuns: runs, seed });
});

test(`fuzz: mutated fixtures never throw, ranges stay inside and hold their code (${runs} runs, seed ${seed})`, () => {
  fc.assert(fc.property(mutated, (text) => {
    const skipEncoded = encoded(text);
    const a = analyze(text, catalog);
    for (const o of a.recipients) assert.ok(inside(text, o));
    for (const f of a.findings) {
      assert.ok(inside(text, f));
      if (!skipEncoded) assert.ok(holdsItsCode(text, f), `${f.family} ${f.code} on ${JSON.stringify(text.slice(f.start, f.end))}`);
    }
    for (const f of scan(text, catalog)) assert.ok(inside(text, f) && holdsItsCode(text, f), `${f.family} ${f.code}`);
    assert.deepEqual(analyze(text, catalog), a);
  }), { numRuns: runs, seed });
});

test(`fuzz: scanning by regions finds what one scan finds, providers included (${runs} runs, seed ${seed})`, () => {
  fc.assert(fc.property(mutated, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (text, cuts) => {
    // Cut at line boundaries, as the server's sliced scan does.
    const at = [...new Set(cuts.map((c) => {
      const nl = text.indexOf('\n', c % (text.length + 1));
      return nl < 0 ? text.length : nl + 1;
    }))].sort((a, b) => a - b);
    const bounds = [0, ...at.filter((a) => a > 0 && a < text.length), text.length];
    const parts = bounds.slice(1).flatMap((end, i) => scan(text, catalog, bounds[i], end));
    const whole = scan(text, catalog);
    assert.deepEqual(parts.map((f) => [f.start, f.end, f.code]), whole.map((f) => [f.start, f.end, f.code]));
  }), { numRuns: runs, seed });
});

/**
 * Where a log's code token starts, read position by position: the recogniser reads a token there, and nothing joins it
 * to a word before it (a letter, digit or dot not escaped by a backslash; a letter, dot or _ then _).
 */
function tokenStartsByReading(text: string): number[] {
  const starts: number[] = [];
  const word = (c: number) => /[A-Za-z0-9.]/.test(String.fromCharCode(c));
  for (let i = 0; i < text.length; i++) {
    const token = readCode(text, i);
    if (!token || token.family === 'name') continue;
    const p = i > 0 ? text.charCodeAt(i - 1) : -1;
    const pp = i > 1 ? text.charCodeAt(i - 2) : -1;
    const glued = (p >= 0 && word(p) && pp !== 92) || (p === 95 && pp >= 0 && /[A-Za-z._]/.test(String.fromCharCode(pp)));
    if (!glued) starts.push(i);
  }
  return starts;
}

const codeish = fc.array(fc.constantFrom('2', '3', '5', '0', '8', '1', '.', '-', ' ', '_', '\\', 'n', 'x', '\u00d7', 'C', 'a', 'f', 'Z', ':', '\n'), { maxLength: 40 }).map((parts) => parts.join(''));

test(`fuzz: the scanner's candidate pattern stops wherever the recogniser reads a token not joined to a word, and only there (${runs * 10} runs, seed ${seed})`, () => {
  const at = new RegExp(TOKEN_START.source, 'y');
  fc.assert(fc.property(codeish, (text) => {
    const byPattern: number[] = [];
    for (let i = 0; i < text.length; i++) {
      at.lastIndex = i;
      const token = at.test(text) ? readCode(text, i) : undefined;
      if (token && token.family !== 'name') byPattern.push(i);
    }
    assert.deepEqual(byPattern, tokenStartsByReading(text), JSON.stringify(text));
  }), { numRuns: runs * 10, seed });
});

const insert = fc.oneof(token, fc.constantFrom('\r\n', 'host said: 550 5.1.1 user unknown\n', 'dsn=4.4.1, status=deferred\r\n', '0x800CCC0E\r', 'Gmail 550-5.7.26 unauthenticated\n', ''), fc.string({ maxLength: 6 }));
const batch = fc.array(fc.record({ a: fc.nat(), b: fc.nat(), text: fc.array(insert, { maxLength: 4 }).map((t) => t.join('')) }), { minLength: 1, maxLength: 4 });

test(`fuzz: a log edited in batches (CRLF included) holds what a fresh open finds (${Math.ceil(runs / 3)} runs, seed ${seed})`, async () => {
  await fc.assert(fc.asyncProperty(mutated, fc.array(batch, { minLength: 1, maxLength: 6 }), async (initial, batches) => {
    const store = new DocumentStore({ yieldNow: () => new Promise((resolve) => setImmediate(resolve)) }, catalog);
    const uri = 'file:///fuzz.log';
    const t = store.open(uri, 'log', 1, initial);
    // A log, even when the mutation made it look like a message: that case is analysed whole, which is not the
    // incremental path under test.
    t.message = false;
    t.active = true;
    t.families = new Set(['reply', 'enhanced', 'outlook', 'provider']);
    assert.ok(await store.fullScan(t));
    let ref = TextDocument.create(uri, 'log', 1, initial);
    for (const edits of batches) {
      // Each change of a batch applies to the text the previous ones left, as in a didChange notification.
      const changes: ContentChange[] = [];
      let text = ref.getText();
      for (const e of edits) {
        const doc = TextDocument.create(uri, 'log', 0, text);
        const [s, end] = [e.a % (text.length + 1), e.b % (text.length + 1)].sort((x, y) => x - y);
        const range = { start: doc.positionAt(s), end: doc.positionAt(end) };
        changes.push({ range, text: e.text });
        text = TextDocument.applyEdits(doc, [{ range, newText: e.text }]);
      }
      ref = TextDocument.update(ref, changes, ref.version + 1);
      assert.ok(store.change(uri, ref.version, changes), 'a scanned log is updated in place');
    }
    assert.equal(t.doc.getText(), ref.getText());
    const fresh = scan(ref.getText(), catalog);
    assert.deepEqual(t.findings.map((f) => [f.start, f.end, f.code]), fresh.map((f) => [f.start, f.end, f.code]));
  }), { numRuns: Math.ceil(runs / 3), seed });
});
