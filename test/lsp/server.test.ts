// The built language server over the real protocol: diagnostics, hovers, the file summary, edits, settings.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import type { FileSummary } from '../../server/src/protocol';
import { fixture } from '../helpers';
import { TestClient } from './client';

let client: TestClient;
before(async () => {
  client = new TestClient();
  // A trusted workspace: custom catalogs are read (test/lsp/trust.test.ts covers Restricted Mode).
  await client.start({ initializationOptions: { trusted: true } });
});

const stats = () => client.request<{ fullScans: number; catalogBuilds: number }>('$/mailErrorCodes/stats');
after(() => client.stop());

async function hoverText(uri: string, line: number, character: number): Promise<string> {
  const hover = await client.hover(uri, line, character);
  return hover ? (hover.contents as MarkupContent).value : '';
}

test('a Postfix log: one diagnostic per code occurrence, permanent as errors, transient as warnings', async () => {
  const uri = 'file:///logs/postfix.log';
  const diagnostics = await client.open(uri, fixture('logs/postfix.log'));
  const line2 = diagnostics.filter((d) => d.range.start.line === 1);
  assert.deepEqual(line2.filter((d) => d.code !== undefined && !String(d.code).includes(':')).map((d) => [d.code, d.severity]).slice(0, 3), [['5.1.1', 1], ['550', 1], ['5.1.1', 1]]);
  assert.ok(line2.every((d) => d.source === 'mail-error-codes'));
  const reply = line2.find((d) => d.code === '550')!;
  assert.match(reply.message as string, /^550 .*permanent failure/);
  assert.match(reply.codeDescription!.href, /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc5321/);
  const deferred = diagnostics.filter((d) => d.range.start.line === 3);
  assert.deepEqual(deferred.map((d) => [d.code, d.severity]), [['4.4.1', 2]]);
  // Success codes (250 2.0.0 on line 6) are off by default.
  assert.equal(diagnostics.filter((d) => d.range.start.line === 5).length, 0);
});

test('the hover explains the whole reply: reply code, enhanced code and sources, as untrusted Markdown', async () => {
  const uri = 'file:///logs/postfix.log';
  const line = fixture('logs/postfix.log').split('\n')[1];
  const hover = await client.hover(uri, 1, line.indexOf('550 5.1.1') + 1);
  const md = (hover!.contents as MarkupContent).value;
  assert.equal((hover!.contents as MarkupContent).kind, 'markdown');
  assert.match(md, /\*\*550\*\*/);
  assert.match(md, /\*\*5\\\.1\\\.1 \\\(X\\\.1\\\.1\\\)\*\*/);
  assert.match(md, /Bad destination mailbox address/);
  assert.match(md, /permanent failure/);
  assert.match(md, /\[RFC 5321/);
  assert.deepEqual(hover!.range, { start: { line: 1, character: line.indexOf('550 5.1.1') }, end: { line: 1, character: line.indexOf('550 5.1.1') + 3 } });
  const dmarcLine = fixture('logs/postfix.log').split('\n')[4];
  const dmarc = await hoverText(uri, 4, dmarcLine.indexOf('550-5.7.26') + 5);
  assert.match(dmarc, /Gmail/);
  assert.match(dmarc, /DMARC/);
  assert.equal(await client.hover(uri, 0, 5), null);
});

test('hostile text in a log is shown as text in the hover', async () => {
  const uri = 'file:///logs/hostile.log';
  const text = 'Nov 23 10:00:00 mx postfix/smtp[1]: to=<x@y>, status=bounced (host h said: 550 5.1.1 [click](command:workbench.action.terminal.new) <script>alert(1)</script> User unknown)\n';
  await client.open(uri, text);
  const md = await hoverText(uri, 0, text.indexOf('550') + 1);
  assert.ok(md.length > 0);
  assert.doesNotMatch(md, /(?<!\\)\]\((?!https:)/);
  assert.doesNotMatch(md, /(?<!\\)<script/);
});

test('the file summary aggregates by code with counts, classes and first ranges', async () => {
  const uri = 'file:///logs/postfix.log';
  const summary: FileSummary = await client.request('mailErrorCodes/fileSummary', { uri });
  assert.equal(summary.complete, true);
  const byCode = new Map(summary.codes.map((c) => [c.code, c]));
  assert.equal(byCode.get('5.1.1')!.count, 2);
  assert.equal(byCode.get('550')!.count, 2);
  assert.equal(byCode.get('550')!.class, 'permanent');
  assert.equal(summary.codes[0].class, 'permanent');
  assert.equal(summary.totals.permanent, summary.codes.filter((c) => c.class === 'permanent').reduce((n, c) => n + c.count, 0));
  assert.deepEqual(byCode.get('4.4.1')!.ranges[0].start.line, 3);
  assert.equal(summary.findings, summary.codes.reduce((n, c) => n + c.count, 0));
});

test('an edit rescans only what changed and publishes for the new version', async () => {
  const uri = 'file:///logs/edit.log';
  const before = await client.open(uri, 'line one\nline two\nline three\n');
  assert.equal(before.length, 0);
  const after = await client.edit(uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 8 } }, 'host said: 421 4.7.0 Try again later');
  assert.deepEqual(after.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['421', 1, 11], ['4.7.0', 1, 15]]);
  const moved = await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'new first line\n');
  assert.deepEqual(moved.map((d) => [d.code, d.range.start.line]), [['421', 2], ['4.7.0', 2]]);
  const removed = await client.edit(uri, { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, '');
  assert.equal(removed.length, 0);
});

test('a bounce .eml shows a per-recipient summary, with its own hover', async () => {
  const uri = 'file:///mail/bounce.eml';
  const text = fixture('eml/bounce-postfix.eml');
  const diagnostics = await client.open(uri, text, 'eml');
  const summaries = diagnostics.filter((d) => d.code === 'dsn');
  assert.equal(summaries.length, 2);
  assert.match(summaries[0].message as string, /bob@example\.org: failed permanently \(550 5\.1\.1\) — user unknown, hard bounce/);
  assert.match(summaries[1].message as string, /carol@example\.com: delayed .* mailbox full, soft bounce/);
  const line = text.split('\n').findIndex((l) => l.startsWith('Final-Recipient: rfc822; bob'));
  const md = await hoverText(uri, line, 3);
  assert.match(md, /Delivery status for bob\\@example\\\.org/);
  assert.match(md, /mx\\\.example\\\.org/);
});

test('settings apply without restart: the cap on diagnostics, success codes, severities', async () => {
  const uri = 'file:///logs/postfix.log';
  const versionBefore = client.diagnostics.get(uri)!.version;
  const scansBefore = (await stats()).fullScans;
  let count = client.publishCount(uri);
  client.configure({ maxDiagnosticsPerFile: 2 });
  const capped = await client.publishedAfter(uri, count, 'the diagnostics of postfix.log republished with the cap');
  assert.equal(capped.length, 3);
  assert.equal(client.diagnostics.get(uri)!.version, versionBefore);
  assert.match(capped[2].message as string, /^\d+ more mail codes are not shown/);
  count = client.publishCount(uri);
  client.configure({ showSuccessCodes: true, severity: { transient: 'error' } });
  const d = await client.publishedAfter(uri, count, 'the diagnostics of postfix.log republished with success codes');
  assert.equal(d.find((x) => x.code === '250')!.severity, 3);
  assert.equal(d.find((x) => x.code === '4.4.1')!.severity, 1);
  // How findings are shown changed, not what is found: republished, never rescanned.
  assert.equal((await stats()).fullScans, scansBefore, 'a republish, not a rescan');
  // What is found changes with the families: that is a rescan.
  count = client.publishCount(uri);
  client.configure({ families: { enhanced: false } });
  const withoutEnhanced = await client.publishedAfter(uri, count, 'postfix.log rescanned without enhanced codes');
  assert.ok(!withoutEnhanced.some((x) => x.code === '4.4.1'));
  assert.ok((await stats()).fullScans > scansBefore, 'a rescan');
  count = client.publishCount(uri);
  client.configure({});
  await client.publishedAfter(uri, count, 'postfix.log back to the defaults');
});

test('maxDiagnosticsPerFile 0 reports none at all, not even the note about the others', async () => {
  const uri = 'file:///logs/postfix.log';
  const count = client.publishCount(uri);
  client.configure({ maxDiagnosticsPerFile: 0 });
  assert.deepEqual(await client.publishedAfter(uri, count, 'postfix.log republished with no diagnostics'), []);
  const summary: FileSummary = await client.request('mailErrorCodes/fileSummary', { uri });
  assert.ok(summary.findings > 0, 'the summary still counts every code');
  const back = client.publishCount(uri);
  client.configure({});
  assert.ok((await client.publishedAfter(uri, back, 'postfix.log with the default cap')).length > 0);
});

test('invalid settings and custom catalogs give one clear message and fall back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mec-'));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ entries: [{ id: 'acme.1', family: 'reply', code: '599', title: 'x', meaning: 'short', causes: [], actions: { sender: ['x'] }, severity: 'permanent', sources: [{ title: 'Acme' }] }] }));
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ entries: [{ id: 'acme.quota', family: 'provider', provider: 'acme', providerName: 'Acme Mail', code: '552 5.2.2', codes: ['552', '5.2.2'], phrases: ['Acme quota exceeded'], title: 'Acme mailbox quota', meaning: 'The Acme mailbox of the recipient is over its quota.', causes: ['The user keeps everything.'], actions: { sender: ['Ask the recipient to clean up.'] }, severity: 'permanent', sources: [{ title: 'Acme runbook' }] }] }));
  const shown = client.waitFor(() => ['bad.json', 'missing.json', 'maxDiagnosticsPerFile'].every((s) => client.messages.some((m) => m.message.includes(s))), 'warnings about bad.json, missing.json and maxDiagnosticsPerFile');
  client.configure({ maxDiagnosticsPerFile: 'many', customCatalogs: [bad, good, join(dir, 'missing.json')] });
  await shown;
  const badMessage = client.messages.find((m) => m.message.includes('bad.json'))!.message;
  assert.match(badMessage, /#\/entries\/0/);
  assert.match(badMessage, /#\/entries\/0\/meaning: a value of the wrong size/);
  assert.ok(client.messages.some((m) => m.message.includes('missing.json') && /cannot be read/.test(m.message)));
  const uri = 'file:///logs/acme.log';
  const diagnostics = await client.open(uri, 'Nov 23 mx said: 552 5.2.2 Acme quota exceeded for bob\n');
  assert.ok(diagnostics.some((d) => d.code === '552 5.2.2'), 'the custom entry is used');
  assert.ok(diagnostics.some((d) => d.code === '552'), 'the built-in catalog still works');
  const count = client.messages.length;
  const builds = (await stats()).catalogBuilds;
  // The same settings again: once the refresh has republished the open document, it has reported all it would.
  const published = client.publishCount(uri);
  client.configure({ maxDiagnosticsPerFile: 'many', customCatalogs: [bad, good, join(dir, 'missing.json')] });
  const republished = await client.publishedAfter(uri, published, 'acme.log republished after the same settings');
  assert.ok(republished.some((d) => d.code === '552 5.2.2'));
  assert.equal(client.messages.length, count, 'the same problems are not shown again');
  assert.equal((await stats()).catalogBuilds, builds, 'the custom catalog is not rebuilt for the same files');
  const restored = client.publishCount(uri);
  client.configure({});
  assert.ok(!(await client.publishedAfter(uri, restored, 'acme.log without the custom catalog')).some((d) => d.code === '552 5.2.2'));
});

test('a closed document is forgotten and its diagnostics cleared; other files are not ours', async () => {
  const uri = 'file:///logs/closing.log';
  await client.open(uri, 'host said: 550 5.1.1 unknown\n');
  await client.close(uri);
  assert.equal(await client.request('mailErrorCodes/fileSummary', { uri }), null);
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///src/app.js', languageId: 'javascript', version: 1, text: 'said: 550 5.1.1' } });
  assert.equal(await client.request('mailErrorCodes/fileSummary', { uri: 'file:///src/app.js' }), null);
});

test('catalog, search and describe requests serve the client', async () => {
  const catalog: { entries: { id: string }[] } = await client.request('mailErrorCodes/catalog', {});
  assert.ok(catalog.entries.length > 400);
  const search: { entries: { id: string }[] } = await client.request('mailErrorCodes/search', { query: '0x800ccc0e' });
  assert.equal(search.entries[0].id, 'outlook.0x800ccc0e');
  const page: { title: string; markdown: string } = await client.request('mailErrorCodes/describe', { id: 'outlook.0x800ccc0e' });
  assert.match(page.title, /0x800CCC0E/);
  assert.match(page.markdown, /FAILED_TO_CONNECT/);
  assert.match(page.markdown, /## What to do/);
});

test('files.include applies to open documents at once, both ways', async () => {
  const uri = 'file:///logs/include.log';
  const before = await client.open(uri, 'host said: 550 5.1.1 unknown\n');
  assert.ok(before.length > 0);
  const cleared = client.waitFor(() => client.diagnostics.get(uri)?.diagnostics.length === 0, 'the diagnostics of include.log to be cleared');
  client.configure({ files: { include: ['**/*.txt'] } });
  await cleared;
  assert.equal(await client.request('mailErrorCodes/fileSummary', { uri }), null);
  const back = client.waitFor(() => (client.diagnostics.get(uri)?.diagnostics.length ?? 0) > 0, 'include.log to be scanned again');
  client.configure({});
  await back;
});

test('a broken change to one document does not affect the others', async () => {
  const good = 'file:///logs/good.log';
  const bad = 'file:///logs/bad.log';
  await client.open(good, 'host said: 550 5.1.1 unknown\n');
  await client.open(bad, 'host said: 421 4.7.0 later\n');
  // Out-of-range positions and an impossible range: the server must survive and keep serving.
  client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: bad, version: 2 }, contentChanges: [{ range: { start: { line: 99, character: 5 }, end: { line: -3, character: -1 } }, text: 'said: 552 5.2.2 full\n' }] });
  client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///logs/never-opened.log', version: 2 }, contentChanges: [{ text: 'x' }] });
  const after = await client.edit(good, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, 'host said: 452 4.2.2 full\n');
  assert.deepEqual(after.filter((d) => !String(d.code).includes(':')).map((d) => d.code), ['550', '5.1.1', '452', '4.2.2']);
  const badNow = await client.diagnosticsFor(bad, 2);
  assert.ok(badNow.some((d) => d.code === '552'), 'the broken change was applied as well as it could be');
});
