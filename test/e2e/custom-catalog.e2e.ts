// End-to-end: a custom catalog in a real VS Code (code-server) with the packaged extension, set in the workspace's
// own settings as a project would (the setting is machine-overridable: code-server is a remote window, where VS Code
// applies such settings from the workspace or the remote machine, not from the browser's user settings). The
// workspace is trusted (the harness turns workspace trust off, which VS Code treats as trusted), so the file is read;
// rewriting it on disk, as another tool would, changes the hover without touching any setting, and "Reload Catalog"
// re-reads it.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pollUntil, repoRoot, useVSCode, type VSCodeSession } from './harness';

const entry = (title: string) => ({
  entries: [{
    id: 'acme.quota', family: 'provider', provider: 'acme', providerName: 'Acme Mail', code: '552 5.2.2', codes: ['552', '5.2.2'],
    phrases: ['Acme quota exceeded'], title, meaning: 'The Acme mailbox of the recipient is over its quota.',
    causes: ['The user keeps everything.'], actions: { sender: ['Ask the recipient to clean up.'] }, severity: 'permanent', sources: [{ title: 'Acme runbook' }],
  }],
});

const session = useVSCode({
  name: 'custom-catalog',
  workspace: join(repoRoot(), 'test', 'e2e', 'workspace-ext'),
}, async (vs) => {
  writeFileSync(join(vs.workspace, 'acme.json'), JSON.stringify(entry('Acme mailbox quota')));
  // A path relative to the workspace folder, as the setting's description allows.
  mkdirSync(join(vs.workspace, '.vscode'), { recursive: true });
  writeFileSync(join(vs.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'mailErrorCodes.customCatalogs': ['acme.json'] }));
  writeFileSync(join(vs.workspace, 'acme.log'), 'Nov 23 10:00:00 mx postfix/smtp[1]: to=<bob@acme.example>, status=bounced (host mx.acme.example said: 552 5.2.2 Acme quota exceeded for bob)\n');
});

/** Hovers the reply until the hover names `title` (a hover once shown does not change: it is asked again). */
async function hoverShowing(s: VSCodeSession, title: string): Promise<string> {
  let last = '';
  return pollUntil(`a hover on the Acme reply naming "${title}"`, async () => {
    last = await s.hoverAt('552 5.2.2');
    await s.clearHover();
    return last.includes(title) ? last : undefined;
  }, 45_000, 250).catch((error) => { throw new Error(`${(error as Error).message}; the last hover said:\n${last}`); });
}

test('a custom catalog explains its codes, follows edits of the file and is re-read by Reload Catalog', () => session().guard('custom-catalog', async () => {
  const s = session();
  await s.openFile('acme.log');
  await s.waitForEditorText('Acme quota exceeded');
  const first = await hoverShowing(s, 'Acme mailbox quota');
  assert.match(first, /Acme Mail/);

  // The file changes on disk: the server sees it and the hover says the new title.
  writeFileSync(join(s.workspace, 'acme.json'), JSON.stringify(entry('Acme storage quota')));
  await hoverShowing(s, 'Acme storage quota');

  writeFileSync(join(s.workspace, 'acme.json'), JSON.stringify(entry('Acme quota, reloaded')));
  await s.runCommand('Mail Error Codes: Reload Catalog');
  await hoverShowing(s, 'Acme quota, reloaded');
  await s.screenshot('custom-catalog-reloaded');
}));
