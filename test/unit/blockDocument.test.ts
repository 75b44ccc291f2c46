// BlockDocument must agree with the reference TextDocument (vscode-languageserver-textdocument) on every text,
// position and offset, whatever the edits.
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BlockDocument } from '../../server/src/lsp/blockDocument';

const runs = Number(process.env.FUZZ_RUNS ?? 200);
const line = fc.stringMatching(/^[a-z0-9 .:-]{0,30}$/);
const text = fc.array(line, { maxLength: 40 }).map((ls) => ls.join('\n'));
const edit = fc.record({ a: fc.nat(), b: fc.nat(), insert: fc.array(line, { maxLength: 4 }).map((ls) => ls.join('\n')) });

function agree(block: BlockDocument, ref: TextDocument) {
  const content = ref.getText();
  assert.equal(block.getText(), content);
  assert.equal(block.lineCount, ref.lineCount);
  for (let o = 0; o <= content.length; o += Math.max(1, Math.floor(content.length / 50))) {
    assert.deepEqual(block.positionAt(o), ref.positionAt(o), `positionAt(${o})`);
  }
  assert.deepEqual(block.positionAt(content.length), ref.positionAt(content.length));
  for (let l = 0; l <= ref.lineCount; l++) {
    for (const character of [0, 3, 1000]) assert.equal(block.offsetAt({ line: l, character }), ref.offsetAt({ line: l, character }), `offsetAt(${l}, ${character})`);
  }
  assert.equal(block.slice(3, 40), content.slice(3, 40));
}

test('BlockDocument agrees with TextDocument after random edits (small blocks forced by long texts)', () => {
  fc.assert(fc.property(text, fc.array(edit, { maxLength: 12 }), fc.nat(200_000), (initial, edits, pad) => {
    // A long first line pushes the rest across block boundaries (blocks are about 64 KB).
    const start = 'x'.repeat(pad % 2 ? 70_000 : 0) + initial;
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
  }), { numRuns: runs, seed: 7 });
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
