// Smoke test of the e2e infrastructure: a real VS Code (code-server) in Chromium, WITHOUT our extension.
// Opens the fixture workspace, a file via Quick Open, types into it, runs a command from the palette.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pollUntil, useVSCode } from './harness';

const session = useVSCode({ name: 'smoke', vsix: false });

test('the workbench shows the fixture folder', () => session().guard('workbench', async () => {
  const { page } = session();
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'postfix.log' }).first().waitFor();
  // no Restricted Mode banner (--disable-workspace-trust)
  assert.equal(await page.locator('.monaco-workbench .statusbar-item', { hasText: 'Restricted Mode' }).count(), 0);
  await session().screenshot('01-workbench');
}));

test('Quick Open opens postfix.log and the editor shows its text', () => session().guard('open-file', async () => {
  const s = session();
  await s.openFile('postfix.log');
  const text = await s.waitForEditorText('status=bounced');
  assert.match(text, /postfix\/smtp\[2211\]: 4F3A21C0: to=<bob@example\.org>/);
  assert.match(text, /550 5\.1\.1 <bob@example\.org>: Recipient address rejected/);
  await s.screenshot('02-postfix-log');
}));

test('typing in the editor is echoed', () => session().guard('typing', async () => {
  const s = session();
  await s.focusEditor();
  await s.page.keyboard.press('Control+Home');
  const marker = 'MEC-E2E-TYPED ';
  await s.page.keyboard.type(marker);
  const text = await s.waitForEditorText(`${marker}Nov 23 10:01:00`);
  assert.ok(text.startsWith(`${marker}Nov 23 10:01:00 mx1 postfix/qmgr`), text.slice(0, 80));
  // the tab shows the file as modified
  await s.page.locator('.editor-group-container.active .tab.active.dirty').waitFor();
  await s.screenshot('03-typed');
}));

test('a command from the palette runs (View: Toggle Word Wrap)', () => session().guard('command', async () => {
  const s = session();
  const ed = s.activeEditor();
  // The long bounce line wraps or not: count the rendered view lines before and after.
  const lines = () => ed.locator('.view-lines .view-line').count();
  const before = await lines();
  await s.runCommand('View: Toggle Word Wrap');
  const after = await pollUntil('word wrap to change the rendered lines', async () => {
    const n = await lines();
    return n !== before ? n : undefined;
  }, 10_000);
  assert.notEqual(after, before, `word wrap did not change the rendered lines (${before})`);
  await s.screenshot('04-word-wrap-toggled');
}));
