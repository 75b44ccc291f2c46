// The bounce report in VS Code for the Web: the extension's web entry in the web worker extension host (as in
// web-extension.e2e.ts) reads the folder with workspace.fs and has the language server in the web worker read it.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pollUntil, repoRoot, TIMEOUTS, useVSCode } from './harness';

const fixtures = join(repoRoot(), 'test', 'fixtures', 'bounces');
const source = mkdtempSync(join(tmpdir(), 'mec-e2e-bounces-web-'));
mkdirSync(join(source, 'returned'));
for (const f of ['qmail.eml', 'exim.eml', 'rfc3464-postfix.eml']) copyFileSync(join(fixtures, f), join(source, 'returned', f));
writeFileSync(join(source, 'returned', 'archive.mbox'), `From MAILER-DAEMON Tue Mar 11 12:20:01 2025\n${readFileSync(join(fixtures, 'sendmail.eml'), 'utf8')}\n`);
after(() => rmSync(source, { recursive: true, force: true }));

const session = useVSCode({
  name: 'bounces-web',
  workspace: source,
  settings: { 'remote.extensionKind': { 'mail-error-codes.mail-error-codes': ['web'] } },
});

test('in the web worker extension host, Summarize Bounces in Folder… reads the folder and opens a row', () => session().guard('web-report', async () => {
  const s = session();
  const folder = s.page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^returned$/ }).first();
  await s.explorerMenu(folder, 'Summarize Bounces in Folder…');
  // qmail 3 + exim 2 + postfix 2 + the mbox's sendmail 1
  const frame = await pollUntil('the report to read the four files', async () => {
    for (const f of s.page.frames()) {
      const status = await f.evaluate(() => String((globalThis as any).document?.getElementById?.('status')?.innerText ?? '')).catch(() => '');
      if (status.startsWith('8 recipients in 4 messages · 4 of 4 files read') && !status.includes('reading…')) return f;
    }
    return undefined;
  }, 90_000);
  await s.screenshot('web-report');
  const rows = await frame.locator('#recipients tbody tr td.recipient').allInnerTexts();
  assert.deepEqual([...rows].sort(), ['bob@example.org', 'carol@example.org', 'liam@example.org', 'mia@example.com', 'paul@example.org', 'quinn@qmail.example.net', 'rita@nonexistent.example', 'tina@example.org']);
  await frame.locator('#recipients tbody tr', { hasText: 'tina@example.org' }).first().click();
  await s.page.locator('.tab.active', { hasText: 'archive.mbox' }).first().waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
  const selection = await pollUntil('tina@example.org to be selected', async () => {
    const t = (await s.page.locator('.statusbar-item[id$="status.editor.selection"]').first().innerText()).trim();
    return /\(16 selected\)/.test(t) ? t : undefined;
  }, TIMEOUTS.ui);
  assert.match(selection, /\(16 selected\)/);
}));
