// What the README promises of the language server, over the real protocol: plain text files work, the sidebar counts
// past the diagnostics cap, custom catalogs may be given relative to the workspace folder.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import type { FileSummary } from '../../server/src/protocol';
import { catalog } from '../helpers';
import { TestClient } from './client';

let client: TestClient;
let folder = '';
before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'mec-readme-'));
  client = new TestClient();
  // A trusted workspace: custom catalogs are read only there.
  await client.start({ workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'logs' }], initializationOptions: { trusted: true } });
});
after(async () => {
  await client.stop();
  rmSync(folder, { recursive: true, force: true });
});

test('Plain Text: a pasted ticket (.txt) gets diagnostics and hovers', async () => {
  const uri = pathToFileURL(join(folder, 'ticket.txt')).href;
  const diagnostics = await client.open(uri, 'Customer says: host mx.example.org said: 550 5.1.1 user unknown\n', 'plaintext');
  assert.deepEqual(diagnostics.map((d) => d.code), ['550', '5.1.1']);
  const hover = await client.hover(uri, 0, 44);
  assert.match((hover!.contents as MarkupContent).value, /Bad destination mailbox address/);
});

test('the diagnostics cap leaves the file summary (the sidebar) counting everything', async () => {
  const uri = pathToFileURL(join(folder, 'many.log')).href;
  const lines = Array.from({ length: 40 }, (_, i) => `Nov 24 mx postfix/smtp[${i}]: to=<u${i}@example.org>, dsn=5.1.1, status=bounced (host x said: 550 5.1.1 unknown)`).join('\n');
  assert.equal((await client.open(uri, `${lines}\n`)).length, 120);
  const capped = client.waitFor(() => client.diagnostics.get(uri)!.diagnostics.length === 4, 'three diagnostics and one saying how many more');
  await client.configure({ maxDiagnosticsPerFile: 3 });
  await capped;
  const summary: FileSummary = await client.connection.sendRequest('mailErrorCodes/fileSummary', { uri });
  assert.equal(summary.findings, 120);
  assert.deepEqual(summary.codes.map((c) => [c.code, c.count]).sort(), [['5.1.1', 80], ['550', 40]]);
  await client.configure({});
});

test('custom catalogs: a path relative to the workspace folder', async () => {
  const entry = (title: string) => ({
    entries: [{
      id: 'acme.quota', family: 'provider', provider: 'acme', providerName: 'Acme Mail', code: '552 5.2.2', codes: ['552', '5.2.2'],
      phrases: ['Acme quota exceeded'], title, meaning: 'The Acme mailbox of the recipient is over its quota.',
      causes: ['The user keeps everything.'], actions: { sender: ['Ask the recipient to clean up.'] }, severity: 'permanent', sources: [{ title: 'Acme runbook' }],
    }],
  });
  writeFileSync(join(folder, 'acme.json'), JSON.stringify(entry('Acme mailbox quota')));
  const uri = pathToFileURL(join(folder, 'acme.log')).href;
  const changed = () => client.notifications.filter((n) => n.method === 'mailErrorCodes/catalogChanged').length;
  const before = changed();
  await client.configure({ customCatalogs: ['acme.json'] });
  await client.waitFor(() => changed() > before, 'the custom catalog to be read');
  const first = await client.open(uri, 'Nov 24 mx said: 552 5.2.2 Acme quota exceeded for bob\n');
  assert.ok(first.some((d) => /Acme mailbox quota/.test(String(d.message))), first.map((d) => d.message).join('\n'));
  assert.ok(catalog.entries.every((e) => e.id !== 'acme.quota'), 'not a built-in entry');
  await client.configure({});
});
