// The language server over the real protocol, on what must not go wrong: settings per workspace folder, custom
// catalogs only in trusted workspaces (never quoted back), watched and reloaded; large messages analysed in slices
// that answer hovers meanwhile and give way to newer versions; the size cap on message analysis.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import type { FileSummary } from '../../server/src/protocol';
import { fixture } from '../helpers';
import { TestClient } from './client';

const clients: TestClient[] = [];
const dirs: string[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function startClient(options: Parameters<TestClient['start']>[0] = {}): Promise<TestClient> {
  const client = new TestClient();
  clients.push(client);
  await client.start(options);
  return client;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mec-lsp-'));
  dirs.push(dir);
  return dir;
}

const stats = (client: TestClient) => client.request<{ fullScans: number; catalogBuilds: number }>('$/mailErrorCodes/stats');

const acmeEntry = (title: string) => ({
  id: 'acme.quota', family: 'provider', provider: 'acme', providerName: 'Acme Mail', code: '552 5.2.2', codes: ['552', '5.2.2'],
  phrases: ['Acme quota exceeded'], title, meaning: 'The Acme mailbox of the recipient is over its quota.',
  causes: ['The user keeps everything.'], actions: { sender: ['Ask the recipient to clean up.'] }, severity: 'permanent', sources: [{ title: 'Acme runbook' }],
});
const ACME_LOG = 'Nov 23 mx said: 552 5.2.2 Acme quota exceeded for bob\n';

test('each workspace folder has its own settings', async () => {
  const a = 'file:///ws/alpha';
  const b = 'file:///ws/beta';
  const client = await startClient({ workspaceFolders: [{ uri: a, name: 'alpha' }, { uri: b, name: 'beta' }] });
  client.scoped.set(a, { severity: { permanent: 'warning' } });
  client.scoped.set(b, { families: { enhanced: false } });
  const line = 'Nov 23 mx postfix/smtp[1]: to=<a@b>, status=bounced (host said: 550 5.1.1 user unknown)\n';
  const inAlpha = await client.open(`${a}/mail.log`, line);
  const inBeta = await client.open(`${b}/logs/mail.log`, line);
  assert.deepEqual(inAlpha.map((d) => [d.code, d.severity]), [['550', 2], ['5.1.1', 2]], 'alpha: permanent failures as warnings');
  assert.deepEqual(inBeta.map((d) => [d.code, d.severity]), [['550', 1]], 'beta: no enhanced codes');
  assert.ok(client.configurationRequests.includes(a) && client.configurationRequests.includes(b), 'settings are asked for each folder');
  // A change in one folder's settings reaches that folder's documents.
  client.scoped.set(b, {});
  const count = client.publishCount(`${b}/logs/mail.log`);
  client.configure({});
  const beta = await client.publishedAfter(`${b}/logs/mail.log`, count, 'beta rescanned with enhanced codes');
  assert.deepEqual(beta.map((d) => d.code), ['550', '5.1.1']);
  assert.deepEqual((await client.diagnosticsFor(`${a}/mail.log`, 1)).map((d) => d.severity), [2, 2]);
});

test('custom catalogs are not read in Restricted Mode; trusting the workspace reads them', async () => {
  const dir = tempDir();
  const file = join(dir, 'acme.json');
  writeFileSync(file, JSON.stringify({ entries: [acmeEntry('Acme mailbox quota')] }));
  const client = await startClient();
  client.settings = { customCatalogs: [file] };
  const uri = 'file:///logs/acme-untrusted.log';
  const untrusted = await client.open(uri, ACME_LOG);
  assert.ok(!untrusted.some((d) => d.code === '552 5.2.2'), 'the custom entry is not used');
  await client.waitFor(() => client.messages.some((m) => /Restricted Mode/.test(m.message)), 'a notice that custom catalogs are not read in Restricted Mode');
  const count = client.publishCount(uri);
  client.connection.sendNotification('mailErrorCodes/workspaceTrusted', {});
  await client.waitFor(() => client.publishCount(uri) > count && client.diagnostics.get(uri)!.diagnostics.some((d) => d.code === '552 5.2.2'), 'the custom entry once the workspace is trusted');
  assert.equal(client.messages.filter((m) => /Restricted Mode/.test(m.message)).length, 1, 'the notice is shown once');
});

test('a custom catalog error never quotes the file', async () => {
  const dir = tempDir();
  const notJson = join(dir, 'secrets.txt');
  writeFileSync(notJson, 'TOKEN=hunter2-topsecret\nother line\n');
  const oddKeys = join(dir, 'odd.json');
  writeFileSync(oddKeys, JSON.stringify({ entries: [{ ...acmeEntry('x'), 'hunter2-key': 'topsecret-value' }], 'topsecret-top': 1 }));
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"entries": [ {"id": "topsecret-id", }]}');
  const client = await startClient({ initializationOptions: { trusted: true } });
  client.configure({ customCatalogs: [notJson, oddKeys, broken, dir] });
  await client.waitFor(() => ['secrets.txt', 'odd.json', 'broken.json', `${dir} cannot`].every((s) => client.messages.some((m) => m.message.includes(s))), 'one message per bad file');
  const shown = client.messages.map((m) => m.message).join('\n');
  assert.doesNotMatch(shown, /hunter2|topsecret|TOKEN|other line/);
  assert.match(shown, /secrets\.txt is not valid JSON/);
  assert.match(shown, /broken\.json is not valid JSON \(at line 1, column \d+\)/);
  assert.match(shown, /odd\.json is invalid at #(\/…|\/entries\/0\/…)?: a field the catalog format does not have/);
  assert.match(shown, /cannot be read \(it is a directory\)/);
});

test('custom catalog files are watched: a change applies without touching the settings; Reload Catalog re-reads them', async () => {
  const dir = tempDir();
  const file = join(dir, 'acme.json');
  writeFileSync(file, JSON.stringify({ entries: [acmeEntry('Acme mailbox quota')] }));
  const client = await startClient({ initializationOptions: { trusted: true } });
  client.configure({ customCatalogs: [file] });
  const uri = 'file:///logs/acme-watched.log';
  await client.open(uri, ACME_LOG);
  const titled = (title: string) => client.diagnostics.get(uri)?.diagnostics.some((d) => d.code === '552 5.2.2' && String(d.message).includes(title)) ?? false;
  await client.waitFor(() => titled('Acme mailbox quota'), 'the custom entry');
  const changes = client.notifications.filter((n) => n.method === 'mailErrorCodes/catalogChanged').length;
  writeFileSync(file, JSON.stringify({ entries: [acmeEntry('Acme storage quota')] }));
  await client.waitFor(() => titled('Acme storage quota'), 'the rewritten entry, without a settings change');
  await client.waitFor(() => client.notifications.filter((n) => n.method === 'mailErrorCodes/catalogChanged').length > changes, 'catalogChanged for the views');
  // A severity change with the same custom catalog: no catalog rebuilt, nothing rescanned.
  const before = await stats(client);
  const count = client.publishCount(uri);
  client.configure({ customCatalogs: [file], severity: { permanent: 'warning' } });
  const republished = await client.publishedAfter(uri, count, 'acme log republished with the new severity');
  assert.ok(republished.filter((d) => d.code === '552 5.2.2').every((d) => d.severity === 2));
  assert.deepEqual(await stats(client), before, 'no catalog rebuilt, no document rescanned');
  // "Reload Catalog": when the request is answered, the documents have the file's current content.
  writeFileSync(file, JSON.stringify({ entries: [acmeEntry('Acme quota (reloaded)')] }));
  await client.request('mailErrorCodes/reloadCatalogs');
  await client.waitFor(() => titled('Acme quota (reloaded)'), 'the entry re-read by Reload Catalog');
  const catalog: { entries: { id: string; title: string }[] } = await client.request('mailErrorCodes/catalog', {});
  assert.equal(catalog.entries.find((e) => e.id === 'acme.quota')?.title, 'Acme quota (reloaded)');
});

/** A Postfix bounce with a base64 text part of about `mb` megabytes (a log returned with the report). */
function bigBounce(mb: number): string {
  const log = fixture('logs/postfix.log');
  const body = Buffer.from(log.repeat(Math.ceil((mb * 0.75e6) / log.length))).toString('base64').replace(/.{76}/g, '$&\n');
  const bounce = fixture('eml/bounce-postfix.eml');
  const boundary = /boundary="?([^";\n]+)"?/.exec(bounce)![1];
  return bounce.replace(`--${boundary}--`, `--${boundary}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n${body}\n--${boundary}--`);
}

test('typing in a large bounce: hovers answer from the last results meanwhile, a newer version cancels the old analysis', async () => {
  const client = await startClient();
  const uri = 'file:///mail/big-bounce.eml';
  const text = bigBounce(6);
  await client.open(uri, text, 'eml');
  const lines = text.split('\n', 40);
  const subject = lines.findIndex((l) => l.startsWith('Subject:'));
  const replyLine = lines.findIndex((l) => /said: 550/.test(l));
  const at = lines[replyLine].indexOf('550');
  const before = await stats(client);
  const keys = 6;
  let version = 1;
  for (let i = 0; i < keys; i++) version = client.changeNoWait(uri, [{ range: { start: { line: subject, character: 9 }, end: { line: subject, character: 9 } }, text: 'x' }]);
  // Asked right after the edits, while the new analysis runs: answered from the previous findings, moved with the edits.
  const hover = await client.hover(uri, replyLine, at + 1);
  assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /550/);
  assert.deepEqual(hover!.range, { start: { line: replyLine, character: at }, end: { line: replyLine, character: at + 3 } });
  const summary: FileSummary = await client.request('mailErrorCodes/fileSummary', { uri });
  assert.equal(summary.complete, false, 'the summary says the analysis is still running');
  const diagnostics = await client.diagnosticsFor(uri, version);
  assert.ok(diagnostics.some((d) => d.code === 'recipient'));
  const scans = (await stats(client)).fullScans - before.fullScans;
  assert.ok(scans >= 1 && scans < keys, `${scans} analyses finished for ${keys} versions: the older ones were cancelled`);
  assert.equal((await client.request<FileSummary>('mailErrorCodes/fileSummary', { uri })).complete, true);
});

test('a message above 64 MB is scanned as plain text, with one notice', async () => {
  const client = await startClient();
  const uri = 'file:///mail/huge.eml';
  const text = `MIME-Version: 1.0\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\nhost said: 550 5.1.1 user unknown\n${'A'.repeat(64 * 1024 * 1024)}\n`;
  const diagnostics = await client.open(uri, text, 'eml');
  assert.deepEqual(diagnostics.map((d) => d.code), ['550', '5.1.1'], 'read as plain text: the base64 part is not decoded');
  await client.waitFor(() => client.messages.some((m) => /huge\.eml is larger than 64 MB/.test(m.message)), 'the notice about the size');
  await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'X-Note: 1\n' }]);
  assert.equal(client.messages.filter((m) => /larger than 64 MB/.test(m.message)).length, 1, 'once');
});

test('summaryChanged carries what the status bar shows: failed recipients of a bounce, failed deliveries of a log', async () => {
  const client = await startClient();
  const summaryOf = (uri: string) => client.notifications.filter((n) => n.method === 'mailErrorCodes/summaryChanged' && (n.params as { uri: string }).uri === uri).at(-1)?.params as
    { complete: boolean; findings: number; totals: Record<string, number>; failures: { unit: string; permanent: number; transient: number }; recipients: FileSummary['recipients'] } | undefined;
  const bounce = 'file:///mail/summary-bounce.eml';
  await client.open(bounce, fixture('eml/bounce-postfix.eml'), 'eml');
  await client.waitFor(() => summaryOf(bounce)?.complete === true, 'summaryChanged for the bounce');
  assert.deepEqual(summaryOf(bounce)!.failures, { unit: 'recipient', permanent: 1, transient: 1 });
  // The status bar's tooltip (hard / soft, reasons) needs the recipients: they come with the counts.
  const bounceSummary: FileSummary = await client.request('mailErrorCodes/fileSummary', { uri: bounce });
  assert.deepEqual(summaryOf(bounce)!.recipients, bounceSummary.recipients);
  assert.deepEqual(summaryOf(bounce)!.recipients.map((r) => [r.recipient, r.bounce, r.reasonTitle]), [['bob@example.org', 'hard', 'user unknown'], ['carol@example.com', 'soft', 'mailbox full']]);
  const log = 'file:///logs/summary.log';
  const text = 'a said: 550 5.1.1 unknown\nb said: 451 4.7.1 later\nc said: 550 5.1.1 again, 421 4.4.2 too\nd status=sent (250 2.0.0 Ok)\n';
  await client.open(log, text);
  await client.waitFor(() => summaryOf(log) !== undefined, 'summaryChanged for the log');
  const notified = summaryOf(log)!;
  assert.deepEqual(notified.failures, { unit: 'line', permanent: 2, transient: 1 });
  const summary: FileSummary = await client.request('mailErrorCodes/fileSummary', { uri: log });
  assert.deepEqual([notified.findings, notified.totals, notified.failures, notified.recipients], [summary.findings, summary.totals, summary.failures, []], 'the notification says what the summary says');
});
