// A large log in the language server: its first diagnostics come once more are known than the document shows (and
// they are the final ones), then the complete count; one-line edits rescan only the lines they touch. Whatever the
// path, the findings are those of a plain scan of the whole (edited) text: CRLF, non-ASCII text and wrapped replies
// included.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/analyze';
import type { FileSummary } from '../../server/src/protocol';
import { catalog, located } from '../helpers';
import { mixedLog } from '../cli/mixedLog';
import { TestClient } from './client';

const CAP = 40;
let client: TestClient;
before(async () => {
  client = new TestClient();
  client.settings = { maxDiagnosticsPerFile: CAP, showSuccessCodes: true };
  await client.start();
});
after(() => client.stop());

/** What a plain scan of the whole text finds: code, line and character of each finding, and how many there are. */
function reference(text: string) {
  const { findings } = analyze(text, catalog, { message: false });
  const perCode = new Map<string, number>();
  for (const f of findings) perCode.set(`${f.family}:${f.code}`, (perCode.get(`${f.family}:${f.code}`) ?? 0) + 1);
  return { first: findings.slice(0, CAP).map((f) => ({ ...located(text, f), code: f.code })), total: findings.length, perCode };
}

/** A finding's diagnostic names a provider entry by its code, the others by the code found. */
const shown = (d: Diagnostic, text: string) => {
  const lines = text.split('\n');
  return { line: d.range.start.line + 1, character: d.range.start.character, text: lines[d.range.start.line].slice(d.range.start.character, d.range.end.line === d.range.start.line ? d.range.end.character : undefined) };
};

async function summary(uri: string) {
  const s = await client.request<FileSummary>('mailErrorCodes/fileSummary', { uri });
  return { total: s.findings, perCode: new Map(s.codes.map((c) => [`${c.family}:${c.code}`, c.count])) };
}

test('a large log: the first diagnostics before it is read to the end, the same as the final ones, then the count', async () => {
  const uri = 'file:///logs/large.log';
  // About 1.2 MB: several slices of the scan. Decoded as the editor would (no BOM).
  const text = new TextDecoder().decode(mixedLog(1_200_000, 21));
  const want = reference(text);
  assert.ok(want.total > 10 * CAP, `${want.total} findings`);
  const count = client.publishCount(uri);
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'log', version: 1, text } });
  await client.waitFor(() => client.publishes.filter((p) => p.uri === uri).some((p) => p.diagnostics.some((d) => d.code === 'limit' && /^\d+ more/.test(d.message as string))), 'the complete diagnostics of large.log');
  const published = client.publishes.filter((p) => p.uri === uri).slice(count);
  assert.equal(published.length, 2, 'first the findings known so far, then all of them');
  const [first, last] = published.map((p) => p.diagnostics);
  assert.match(first[CAP].message as string, /still being read/);
  assert.deepEqual(first.slice(0, CAP), last.slice(0, CAP), 'the first diagnostics are the final ones');
  assert.deepEqual(last.slice(0, CAP).map((d) => shown(d, text)), want.first.map(({ line, character, text }) => ({ line, character, text })));
  assert.equal(last[CAP].message, `${want.total - CAP} more mail codes are not shown (mailErrorCodes.maxDiagnosticsPerFile is ${CAP}); the "In This File" view counts them all.`);
});

test('one-line edits in the large log: the findings are those of a scan of the edited text', async () => {
  const uri = 'file:///logs/large.log';
  let text = new TextDecoder().decode(mixedLog(1_200_000, 21));
  const lines = () => text.split('\n');
  const n = lines().length;
  assert.ok(n > 3000, `${n} lines`);
  const edits: { line: number; from: number; to: number; insert: string }[] = [
    { line: Math.floor(n / 2), from: 0, to: 0, insert: 'host said: 550 5.1.1 <x@example.org>: User unknown ' },
    { line: Math.floor(n * 0.7), from: 0, to: Infinity, insert: '' },
    { line: 10, from: 3, to: 3, insert: 'said: 452 4.2.2 Mailbox full\n    452 4.2.2 still full\r\n' },
    { line: Math.floor(n / 3), from: 0, to: 0, insert: 'Ünïcödé said: 421 4.7.0 Try again later ' },
    { line: 2, from: 0, to: Infinity, insert: 'X-Mailer: Foo' },
  ];
  let version = 1;
  for (const e of edits) {
    const line = lines()[e.line];
    const to = Math.min(e.to, line.replace(/\r$/, '').length);
    const start = lines().slice(0, e.line).join('\n').length + (e.line ? 1 : 0);
    text = text.slice(0, start + e.from) + e.insert + text.slice(start + to);
    const d = await client.edit(uri, { start: { line: e.line, character: e.from }, end: { line: e.line, character: to } }, e.insert);
    version++;
    const want = reference(text);
    assert.deepEqual(d.slice(0, CAP).map((x) => shown(x, text)), want.first.map(({ line, character, text }) => ({ line, character, text })), `edit of line ${e.line}`);
    assert.equal(d[CAP].message, `${want.total - CAP} more mail codes are not shown (mailErrorCodes.maxDiagnosticsPerFile is ${CAP}); the "In This File" view counts them all.`, `edit of line ${e.line}`);
    const got = await summary(uri);
    assert.equal(got.total, want.total);
    assert.deepEqual(got.perCode, want.perCode, `edit of line ${e.line}: the findings of each code`);
  }
  assert.equal(client.diagnostics.get(uri)!.version, version);
});
