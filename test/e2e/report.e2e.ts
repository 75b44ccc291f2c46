// The mail log report in a real VS Code (code-server) in Chromium, with the packaged .vsix: "Show Mail Log Report"
// on the active log opens the webview beside the editor; its totals are the hand-counted ones; a click on a bar and on
// a table cell lists the events behind them; a click on an event opens the log at its line. The screenshot of that
// is docs/report.png (the README's). Workspace: test/fixtures/report/ (postfix.log, exim.log … hostile.log).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Frame } from 'playwright-core';
import { pollUntil, repoRoot, TIMEOUTS, useVSCode, type VSCodeSession } from './harness';

const session = useVSCode({ name: 'report', workspace: join(repoRoot(), 'test', 'fixtures', 'report'), viewport: { width: 1600, height: 1000 } });

/** The frame of the report webview whose header names `file` (a webview is an iframe holding the page's iframe). */
async function reportFrame(s: VSCodeSession, file: string): Promise<Frame> {
  return pollUntil(`the report of ${file} to be shown`, async () => {
    for (const f of s.page.frames()) {
      const meta = await f.evaluate(() => (globalThis as any).document?.querySelector('#report header .meta')?.textContent ?? '').catch(() => '');
      if (meta.startsWith(file)) return f;
    }
    return undefined;
  }, 60_000);
}

/** Right-click a file or folder in the Explorer and choose "Show Mail Log Report" from its context menu. */
async function reportFromExplorer(s: VSCodeSession, name: string) {
  const row = s.page.locator('.explorer-folders-view .monaco-list-row', { has: s.page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }) }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click({ button: 'right' });
  const menu = s.page.locator('.context-view .monaco-menu').first();
  await menu.waitFor({ state: 'visible' });
  const item = menu.locator('.action-item', { has: s.page.locator('.action-label', { hasText: /^Show Mail Log Report$/ }) }).first();
  await item.hover();
  // The item under the mouse is the menu's focused one: Enter runs it, as a click would.
  await pollUntil('the "Show Mail Log Report" menu item to be focused', async () => (await item.getAttribute('class'))?.includes('focused') || undefined, TIMEOUTS.ui);
  await s.page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden' });
}

/** Where (in CSS pixels, relative to the canvas) a chart drew the colour of a CSS variable, from the bottom up. */
function drawnAt(canvas: ReturnType<Frame['locator']>, variable: string) {
  return canvas.evaluate((c: any, name: string) => {
    const doc = c.ownerDocument;
    const colour = doc.defaultView.getComputedStyle(doc.body).getPropertyValue(name).trim();
    const probe = doc.createElement('canvas').getContext('2d');
    probe.fillStyle = colour;
    probe.fillRect(0, 0, 1, 1);
    const want = probe.getImageData(0, 0, 1, 1).data;
    const { width, height } = c;
    const data = c.getContext('2d').getImageData(0, 0, width, height).data;
    // Past the legend (its swatches have the colours too): a pixel of a bar, a little inside it.
    for (let y = height - 1; y > height * 0.2; y--) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (Math.abs(data[i] - want[0]) < 3 && Math.abs(data[i + 1] - want[1]) < 3 && Math.abs(data[i + 2] - want[2]) < 3 && data[i + 3] > 250) {
          const r = c.getBoundingClientRect();
          return { x: ((x + 3) * r.width) / width, y: ((y - 3) * r.height) / height, colour };
        }
      }
    }
    return null;
  }, variable);
}

async function cursorLine(s: VSCodeSession): Promise<number> {
  const text = await s.page.locator('.statusbar-item[id$="status.editor.selection"]').first().innerText();
  return Number(/Ln (\d+)/.exec(text)?.[1] ?? NaN);
}

test('the report of the active log: totals, a bar and a cell list their events, an event opens the log at its line', () => session().guard('report', async () => {
  const s = session();
  await s.openFile('postfix.log');
  await s.runCommand('Mail Error Codes: Show Mail Log Report');
  const frame = await reportFrame(s, 'postfix.log');
  // The tab beside the editor.
  await s.page.locator('.tab', { hasText: 'Mail Log Report: postfix.log' }).first().waitFor({ state: 'visible' });

  // Totals, counted by hand (and by pflogsumm): 6 delivered, 7 deferred (3 messages), 2 bounced, 1 expired, 6 rejected.
  const totals = await frame.evaluate(() => [...(globalThis as any).document.querySelectorAll('li.total')].map((li: any) => [li.dataset.outcome, li.querySelector('.count').textContent]));
  assert.deepEqual(totals, [['delivered', '6'], ['deferred', '7'], ['bounced', '2'], ['expired', '1'], ['rejected', '6']]);
  assert.match(await frame.locator('li.total.deferred .detail').innerText(), /3 messages/);

  // A strict policy: scripts only with the page's nonce, nothing from the network.
  const csp = await frame.evaluate(() => (globalThis as any).document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '');
  assert.match(csp, /^default-src 'none';/);
  assert.match(csp, /; script-src 'nonce-[0-9a-f]{32}'$/, 'scripts: only the one with the nonce');
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);

  // The charts are drawn, and each has its table.
  const charts = await frame.evaluate(() => [...(globalThis as any).document.querySelectorAll('canvas')].map((c: any) => ({ id: c.closest('section').id, w: c.width, label: c.getAttribute('aria-label') })));
  assert.deepEqual(charts.map((c) => c.id), ['timeline', 'domains', 'providers', 'categories']);
  assert.ok(charts.every((c) => c.w > 100 && /table below/.test(c.label)), JSON.stringify(charts));
  assert.deepEqual(await frame.evaluate(() => [...(globalThis as any).document.querySelectorAll('section#providers tbody th')].map((th: any) => th.textContent)), ['Gmail / Google Workspace', 'Microsoft 365 / Exchange Online']);

  // A click on the rejected part of the 11:00 bar: where the chart drew the rejected colour (the only rejections).
  const canvas = frame.locator('#timeline canvas');
  const position = await drawnAt(canvas, '--mec-rejected');
  assert.ok(position, 'the rejected bar is drawn');
  await canvas.click({ position });
  const panel = frame.locator('section#events');
  await pollUntil('the events of the rejected bar', async () =>
    (/Events: Hour Nov 23 11:00 — rejected/.test(await panel.innerText().catch(() => '')) && (await panel.locator('tbody tr.event').count()) > 0) || undefined, TIMEOUTS.ui);
  assert.equal(await panel.locator('tbody tr.event').count(), 6);
  assert.deepEqual(await panel.locator('tbody td.outcome').allInnerTexts(), Array(6).fill('rejected'));
  assert.match(await panel.locator('tbody tr.event-reason').first().innerText(), /Relay access denied/);
  // An event opens the log at its line: the first rejection, line 26.
  await panel.locator('button.where', { hasText: 'postfix.log:26' }).click();
  await pollUntil('the cursor on line 26 of postfix.log', async () => (await cursorLine(s)) === 26 || undefined, TIMEOUTS.ui);
  await s.waitForEditorText('Relay access denied');
  const shot = await s.screenshot('report');
  copyFileSync(shot, join(repoRoot(), 'docs', 'report.png'));

  // A click on a table cell: example.edu's expired recipient, then on its place in the log.
  await frame.locator('section#domains tbody tr', { has: frame.locator('th', { hasText: 'example.edu' }) }).locator('td.expired button').click();
  await pollUntil('the events of example.edu, expired', async () =>
    (/Events: Domain example\.edu — expired/.test(await panel.innerText()) && (await panel.locator('tbody tr.event').count()) > 0) || undefined, TIMEOUTS.ui);
  const rows = await panel.locator('tbody tr.event').allInnerTexts();
  assert.equal(rows.length, 1, rows.join('\n'));
  assert.match(rows[0], /grace@example\.edu/);
  await panel.locator('button.where', { hasText: 'postfix.log:50' }).click();
  await pollUntil('the cursor on line 50 of postfix.log', async () => (await cursorLine(s)) === 50 || undefined, TIMEOUTS.ui);
  await s.page.locator('.editor-group-container .tab.active', { hasText: 'postfix.log' }).first().waitFor({ state: 'visible' });
  await s.waitForEditorText('status=expired, returned to sender');
  await s.screenshot('report-cell-events');
}));

test('text from the log is shown as text in the report, never as markup or a link', () => session().guard('report-hostile', async () => {
  const s = session();
  await s.openFile('hostile.log');
  await s.runCommand('Mail Error Codes: Show Mail Log Report');
  const frame = await reportFrame(s, 'hostile.log');
  const dom = await frame.evaluate(() => {
    const doc = (globalThis as any).document;
    return {
      reason: String(doc.querySelector('#reasons td.reason')?.textContent ?? ''),
      sender: String(doc.querySelector('#senders tbody th')?.textContent ?? ''),
      domain: String(doc.querySelector('#domains tbody th')?.textContent ?? ''),
      imgs: doc.querySelectorAll('img').length,
      links: doc.querySelectorAll('a').length,
      scripts: [...doc.querySelectorAll('script')].map((e: any) => `${e.getAttribute('src') ?? ''} ${e.textContent}`),
      bold: doc.querySelectorAll('#report b').length,
    };
  });
  assert.match(dom.reason, /<b>bold<\/b> \[click\]\(command:workbench\.action\.terminal\.new\) <a href="javascript:alert\(2\)">link<\/a> <img src=x onerror=alert\(3\)>/);
  assert.equal(dom.sender, `"'onmouseover=alert(0)'"@example.net`);
  assert.equal(dom.domain, '<img src=x onerror=alert(1)');
  assert.deepEqual([dom.imgs, dom.links, dom.bold], [0, 0, 0]);
  assert.equal(dom.scripts.filter((src) => /dist\/report\/view\.js/.test(src)).length, 1, dom.scripts.join('\n'));
  assert.ok(dom.scripts.every((src) => !/alert/.test(src)), 'no script from the log');
}));

test('a folder from the Explorer: its rotated logs, one compressed, read oldest first as one report', () => session().guard('report-folder', async () => {
  const s = session();
  const dir = join(s.workspace, 'rotated');
  mkdirSync(dir, { recursive: true });
  const line = (time: string, status: string, why: string) =>
    `Nov 23 ${time} mx1 postfix/smtp[1]: ABCDEF1234: to=<a@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=${status === 'sent' ? '2.0.0' : '4.4.1'}, status=${status} (${why})\n`;
  // Yesterday's file (compressed) defers the recipient, today's delivers it: nothing is left deferred.
  writeFileSync(join(dir, 'mail.log.1.gz'), gzipSync(line('10:00:00', 'deferred', 'connect to mx.example.org[203.0.113.5]:25: Connection timed out')));
  writeFileSync(join(dir, 'mail.log'), line('11:00:00', 'sent', '250 2.0.0 Ok'));
  await reportFromExplorer(s, 'rotated');
  const frame = await reportFrame(s, 'mail.log.1.gz, mail.log');
  const totals = await frame.evaluate(() => [...(globalThis as any).document.querySelectorAll('li.total .count')].map((e: any) => e.textContent));
  assert.deepEqual(totals, ['1', '1', '0', '0', '0']);
  assert.match(await frame.locator('#deferred h2').innerText(), /Still deferred at the end of the log \(0\)/);
  assert.deepEqual(await frame.evaluate(() => [...(globalThis as any).document.querySelectorAll('#sources tbody tr')].map((tr: any) => tr.cells[0].textContent)), ['rotated/mail.log.1.gz', 'rotated/mail.log']);
}));

test('a large log shows progress, and Cancel stops the report without opening it', () => session().guard('report-cancel', async () => {
  const s = session();
  const line = 'Nov 23 10:00:00 mx1 postfix/smtp[1]: ABCDEF1234: to=<a@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n';
  writeFileSync(join(s.workspace, 'big.maillog'), line.repeat(Math.ceil(300e6 / line.length)));
  const before = await s.page.locator('.tab', { hasText: 'Mail Log Report: big.maillog' }).count();
  await reportFromExplorer(s, 'big.maillog');
  const toast = s.page.locator('.notification-toast', { hasText: 'Mail log report' }).first();
  await toast.waitFor({ state: 'visible', timeout: 60_000 });
  await s.screenshot('report-progress');
  await toast.locator('.monaco-button, .action-label', { hasText: /^Cancel$/ }).first().click();
  await toast.waitFor({ state: 'hidden', timeout: 60_000 });
  assert.equal(await s.page.locator('.tab', { hasText: 'Mail Log Report: big.maillog' }).count(), before, 'no report was opened');
  // 300 MB left in the workspace would weigh on the next tests (Quick Open's file search, watchers).
  rmSync(join(s.workspace, 'big.maillog'));
}));

test('the charts take the colours of the theme: light, dark and high contrast', () => session().guard('report-themes', async () => {
  const s = session();
  await s.openFile('exim.log');
  await s.runCommand('Mail Error Codes: Show Mail Log Report');
  const frame = await reportFrame(s, 'exim.log');
  const canvas = frame.locator('#timeline canvas');
  const bodyClass = () => frame.evaluate(() => String((globalThis as any).document.body.className));
  const first = await pollUntil('the delivered bars to be drawn', () => drawnAt(canvas, '--mec-delivered').then((p) => p ?? undefined), TIMEOUTS.ui);
  const before = await bodyClass();
  await s.runCommand('Preferences: Toggle between Light/Dark Themes');
  await pollUntil('the webview to take the other theme', async () => (await bodyClass()) !== before || undefined, TIMEOUTS.ui);
  // Drawn again in the new theme's chart colour.
  const second = await pollUntil('the bars in the new colour', async () => {
    const p = await drawnAt(canvas, '--mec-delivered');
    return p && p.colour !== first.colour ? p : undefined;
  }, TIMEOUTS.ui);
  assert.notEqual(second.colour, first.colour);
  await s.screenshot('report-theme-toggled');
  await chooseTheme(s, 'Dark High Contrast');
  await pollUntil('the webview to be in high contrast', async () => /vscode-high-contrast/.test(await bodyClass()) || undefined, TIMEOUTS.ui);
  // High contrast: the bars have the theme's contrast border around them.
  const border = await pollUntil('the bars to have the contrast border', () => drawnAt(canvas, '--mec-contrast-border').then((p) => p ?? undefined), TIMEOUTS.ui);
  assert.ok(border.colour);
  await s.screenshot('report-high-contrast');
}));

/** Preferences: Color Theme, then the theme by its name in the picker. */
async function chooseTheme(s: VSCodeSession, name: string) {
  await s.runCommand('Preferences: Color Theme');
  const qi = s.page.locator('.quick-input-widget');
  await qi.waitFor({ state: 'visible' });
  await qi.locator('input').first().fill(name);
  await pollUntil(`"${name}" to be the chosen theme in the picker`, async () =>
    (await qi.locator('.monaco-list-row.focused .label-name').first().textContent())?.trim() === name || undefined, TIMEOUTS.ui);
  await s.page.keyboard.press('Enter');
  await qi.waitFor({ state: 'hidden' });
}
