// The extension's web entry (package.json "browser": dist/client/browser.js, with the server in a web worker), run
// by VS Code's web worker extension host: `remote.extensionKind` asks the workbench to run it there instead of in
// code-server's Node extension host. Same person-level checks as on the desktop entry: a hover and the diagnostics.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { pollUntil, repoRoot, useVSCode } from './harness';

const session = useVSCode({
  name: 'web-extension',
  workspace: join(repoRoot(), 'test', 'e2e', 'workspace-ext'),
  settings: { 'remote.extensionKind': { 'mail-error-codes.mail-error-codes': ['web'] } },
});

test('in the web worker extension host, a hover on "550 5.1.1" explains the reply', async () => {
  const s = session();
  await s.openFile('postfix.log');
  const text = await s.guard('web-hover', () => s.hoverAt('5.1.1', { expectText: /^Sources: /m, timeoutMs: 60_000 }));
  assert.match(text, /Bad destination mailbox address/);
  await s.screenshot('web-hover');
  // The extension really runs in the web worker host: the Node extension host has no Mail Error Codes server.
  const errors = await pollUntil('problems in the status bar', async () => {
    const label = await s.page.locator('.statusbar-item[id$="status.problems"]').first().innerText().catch(() => '');
    return /[1-9]/.test(label) ? label : undefined;
  }, 60_000);
  assert.match(errors, /8/);
});

test('in the web worker extension host, the mail log report reads the log through the workspace file system', async () => {
  const s = session();
  await s.openFile('postfix.log');
  await s.runCommand('Mail Error Codes: Show Mail Log Report');
  const totals = await s.guard('web-report', () => pollUntil('the report webview to show its totals', async () => {
    for (const f of s.page.frames()) {
      const t = await f.evaluate(() => [...((globalThis as any).document?.querySelectorAll('li.total') ?? [])].map((li: any) => `${li.dataset.outcome} ${li.querySelector('.count').textContent}`)).catch(() => []);
      if (t.length) return t;
    }
    return undefined;
  }, 60_000));
  await s.screenshot('web-report');
  // test/e2e/workspace-ext/postfix.log: erin delivered; carol and frank deferred; bob and dave bounced.
  assert.deepEqual(totals, ['delivered 1', 'deferred 2', 'bounced 2', 'expired 0', 'rejected 0']);
});
