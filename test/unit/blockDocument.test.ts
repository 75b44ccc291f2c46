// BlockDocument must agree with the reference TextDocument (vscode-languageserver-textdocument) on every text,
// position and offset, whatever the edits.
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BlockDocument } from '../../server/src/lsp/blockDocument';

const runs = Number(process.env.FUZZ_RUNS ?? 200);
// A fresh seed each run, named in the title; FUZZ_SEED replays one.
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
// Every kind of line break the protocol knows ("\n", "\r\n", a lone "\r"), and characters outside the BMP (two
// UTF-16 code units each), which positions count as two characters.
const eol = fc.constantFrom('\n', '\r\n', '\r');
const line = fc.array(fc.oneof({ weight: 6, arbitrary: fc.stringMatching(/^[a-z0-9 .:-]{0,8}$/) }, fc.constantFrom('😀', '𝔘', 'é', '\u2028')), { maxLength: 5 }).map((parts) => parts.join(''));
const lines = fc.array(fc.tuple(line, eol), { maxLength: 40 }).map((ls) => ls.map(([l, e]) => l + e).join(''));
const text = fc.tuple(lines, line).map(([ls, last]) => ls + last);
const edit = fc.record({ a: fc.nat(), b: fc.nat(), insert: fc.oneof(text, eol, fc.constantFrom('\r', '\n')) });

function agree(block: BlockDocument, ref: TextDocument) {
  const content = ref.getText();
  assert.equal(block.getText(), content);
  assert.equal(block.lineCount, ref.lineCount);
  for (let o = 0; o <= content.length; o += Math.max(1, Math.floor(content.length / 50))) {
    assert.deepEqual(block.positionAt(o), ref.positionAt(o), `positionAt(${o})`);
  }
  assert.deepEqual(block.positionAt(content.length), ref.positionAt(content.length));
  for (let l = -1; l <= ref.lineCount; l++) {
    for (const character of [-1, 0, 1, 3, 1000]) assert.equal(block.offsetAt({ line: l, character }), ref.offsetAt({ line: l, character }), `offsetAt(${l}, ${character})`);
  }
  assert.equal(block.slice(3, 40), content.slice(3, 40));
}

test('BlockDocument agrees with TextDocument on CRLF: past the end of a line is before its "\\r\\n"', () => {
  const content = 'ab\r\ncd\r\n';
  const ref = TextDocument.create('file:///c', 'log', 1, content);
  const block = new BlockDocument('file:///c', 'log', 1, content);
  assert.equal(block.offsetAt({ line: 1, character: 1000 }), 6);
  assert.equal(block.offsetAt({ line: 0, character: 3 }), 2, 'between "\\r" and "\\n" is still the end of the line');
  assert.equal(block.lineCount, 3);
  agree(block, ref);
  const lone = new BlockDocument('file:///d', 'log', 1, 'a\rb\r\rc');
  assert.equal(lone.lineCount, 4, 'a lone "\\r" ends a line');
  assert.deepEqual(lone.positionAt(5), { line: 3, character: 0 });
});

test('a "\\r\\n" is never split between two blocks, whatever the edits', () => {
  const head = 'x'.repeat(64 * 1024 - 1);
  const content = `${head}\r\nsecond\r\nthird`;
  let ref = TextDocument.create('file:///e', 'log', 1, content);
  const block = new BlockDocument('file:///e', 'log', 1, content);
  agree(block, ref);
  // Delete the "\n" of the first CRLF, then put it back: the "\r" alone ends a line in between.
  for (const [range, text] of [[{ start: { line: 0, character: head.length + 1 }, end: { line: 1, character: 0 } }, ''], [{ start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, '\n']] as const) {
    ref = TextDocument.update(ref, [{ range, text }], ref.version + 1);
    block.apply({ range, text });
    agree(block, ref);
  }
});

test(`BlockDocument agrees with TextDocument after random edits (small blocks forced by long texts; ${runs} runs, seed ${seed})`, () => {
  fc.assert(fc.property(text, fc.array(edit, { maxLength: 12 }), fc.nat(200_000), (initial, edits, pad) => {
    // A long first line pushes the rest across block boundaries (blocks are about 64 KB).
    const start = 'x'.repeat(pad % 2 ? 64 * 1024 - (pad % 5) : 0) + initial;
    let ref = TextDocument.create('file:///a', 'log', 1, start);
    const block = new BlockDocument('file:///a', 'log', 1, start);
    agree(block, ref);
    let version = 1;
    for (const e of edits) {
      const len = ref.getText().length;
      const [s, t] = [e.a % (len + 1), e.b % (len + 1)].sort((x, y) => x - y);
      const range = { start: ref.positionAt(s), end: ref.positionAt(t) };
      ref = TextDocument.update(ref, [{ range, text: e.insert }], ++version);
      block.apply({ range, text: e.insert });
    }
    agree(block, ref);
  }), { numRuns: runs, seed });
});

test('a document of many blocks: an edit in the middle keeps every position right', () => {
  const lines = Array.from({ length: 30_000 }, (_, i) => `line ${i} said: 550 5.1.1 user unknown`);
  const content = lines.join('\n') + '\n';
  let ref = TextDocument.create('file:///b', 'log', 1, content);
  const block = new BlockDocument('file:///b', 'log', 1, content);
  const range = { start: { line: 15_000, character: 5 }, end: { line: 15_002, character: 2 } };
  ref = TextDocument.update(ref, [{ range, text: 'X\nY' }], 2);
  block.apply({ range, text: 'X\nY' });
  agree(block, ref);
  block.apply({ text: 'whole\nnew' });
  assert.equal(block.getText(), 'whole\nnew');
  assert.equal(block.lineCount, 2);
});
