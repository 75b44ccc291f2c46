// End-to-end tests of the extension as a person uses it: a real VS Code (code-server) in Chromium with the packaged
// .vsix installed, on the workspace test/e2e/workspace-ext/ (postfix.log, bounce-postfix.eml, hostile.log/.eml).
// Every step saves a screenshot under test-results/extension/; a failure keeps its screenshot and the logs (guard).
// The tests run in order on one session: each builds on the editors the previous one left open.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pollUntil, repoRoot, TIMEOUTS, useVSCode, type VSCodeSession } from './harness';

const session = useVSCode({ name: 'extension', workspace: join(repoRoot(), 'test', 'e2e', 'workspace-ext') });

// What the server reports for postfix.log (the fixture's known codes; `mail-error-codes scan --all --summary` agrees):
//   permanent (error):   5.1.1 ×2, 550 ×2, 5.7.26 ×2, Gmail DMARC provider entry ×1,
//                        Postfix's default "User unknown in virtual mailbox table" ×1         → 8
//   transient (warning): 4.2.2 ×2, 4.4.1 ×1, 452 ×1                                         → 4
//   success (not a diagnostic by default): 2.0.0 ×2, 250 ×1
const POSTFIX = { errors: 8, warnings: 4, problems: 12 };
// Our status bar item counts deliveries, one per line: lines 2 and 5 bounced (550 5.1.1, Gmail 550 5.7.26), lines 4
// and 7 were deferred (4.4.1, 452 4.2.2); the bounce fixture has one failed and one delayed recipient.
const POSTFIX_DELIVERIES = '2 failed, 2 deferred';
const BOUNCE_RECIPIENTS = '1 failed, 1 delayed';
// The 550 replies in postfix.log: line 2 col 210 and line 5 col 236 (1-based), 3 characters each.
const POSTFIX_550 = [{ line: 2, col: 210 }, { line: 5, col: 236 }];

// ---------------------------------------------------------------------------------------------------------------------
// Helpers: reading the workbench's DOM

/** The status bar's cursor position ("Ln 2, Col 213 (3 selected)"). */
async function cursorStatus(s: VSCodeSession): Promise<string> {
  return (await s.page.locator('.statusbar-item[id$="status.editor.selection"]').first().innerText()).trim();
}

/** The Problems status bar entry's counts (its aria-label names errors and warnings). */
async function problemCounts(s: VSCodeSession): Promise<{ errors: number; warnings: number }> {
  const item = s.page.locator('.statusbar-item[id$="status.problems"]').first();
  const label = `${await item.getAttribute('aria-label') ?? ''} ${await item.innerText()}`;
  if (/no problems/i.test(label)) return { errors: 0, warnings: 0 };
  const errors = Number(/(\d+)\s*Errors?/i.exec(label)?.[1] ?? /Errors?:\s*(\d+)/i.exec(label)?.[1] ?? NaN);
  const warnings = Number(/(\d+)\s*Warnings?/i.exec(label)?.[1] ?? /Warnings?:\s*(\d+)/i.exec(label)?.[1] ?? NaN);
  return { errors, warnings };
}

/** The Problems panel's rows (aria-labels), once it shows the markers of `file`. */
async function problemRows(s: VSCodeSession): Promise<string[]> {
  return s.page.locator('.markers-panel .monaco-list-row').evaluateAll((rows: any[]) =>
    rows.map((r) => String(r.getAttribute('aria-label') ?? r.innerText ?? '')));
}

/** Open the Problems panel with the keyboard (Ctrl+Shift+M) and wait for its tree. */
async function openProblems(s: VSCodeSession): Promise<void> {
  await s.page.keyboard.press('Control+Shift+M');
  await s.page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'visible' });
}

/** The marker rows (messages) shown for `file` in the Problems panel: all of them (the panel is maximised). */
async function markersOf(s: VSCodeSession, file: string, expected: number): Promise<string[]> {
  return pollUntil(`the Problems panel to list ${expected} problems of ${file}`, async () => {
    const texts = await s.page.locator('.markers-panel .monaco-list-row').evaluateAll((rows: any[]) =>
      rows.map((r) => ({ aria: String(r.getAttribute('aria-label') ?? ''), text: String(r.innerText ?? '') })));
    const start = texts.findIndex((t) => t.text.includes(file) && !/mail-error-codes\(/.test(t.text));
    if (start < 0) return undefined;
    const markers: string[] = [];
    for (let i = start + 1; i < texts.length; i++) {
      if (/\.(log|eml)\b/.test(texts[i].text.split('\n')[0]) && !texts[i].text.includes('mail-error-codes')) break;
      markers.push(texts[i].text.replace(/\s+/g, ' ').trim());
    }
    return markers.length === expected ? markers : undefined;
  }, TIMEOUTS.ui);
}

/** The tree rows of a view pane (by its title: "In This File", "Catalog"): label and description. */
async function viewRows(s: VSCodeSession, title: string): Promise<{ label: string; description: string }[]> {
  const pane = s.page.locator('.pane', { has: s.page.locator('.pane-header', { hasText: title }) }).first();
  return pane.locator('.monaco-list-row').evaluateAll((rows: any[]) => rows.map((r) => ({
    label: String(r.querySelector('.label-name')?.textContent ?? '').trim(),
    description: String(r.querySelector('.label-description')?.textContent ?? '').trim(),
  })));
}

/** The DOM of the visible hover: its text, and what elements / links the rendered Markdown contains. */
async function hoverDom(s: VSCodeSession) {
  return s.page.locator('.monaco-hover:not(.hidden)').first().evaluate((el: any) => ({
    text: String(el.innerText),
    hrefs: [...el.querySelectorAll('a')].map((a: any) => String(a.getAttribute('href') ?? a.getAttribute('data-href') ?? '')),
    dataHrefs: [...el.querySelectorAll('[data-href]')].map((a: any) => String(a.getAttribute('data-href'))),
    imgs: el.querySelectorAll('img').length,
    scripts: el.querySelectorAll('script').length,
    iframes: el.querySelectorAll('iframe').length,
    onerror: el.querySelectorAll('[onerror]').length,
  }));
}

// ---------------------------------------------------------------------------------------------------------------------
// 1. Hover

/**
 * Our hover's own part (its sources): a diagnostic's hover, shown for the same word, says "Bad destination mailbox
 * address" too, and may come first.
 */
const OUR_HOVER = /^Sources: /m;

test('1. hover over "550 5.1.1" in a Postfix log explains the reply', () => session().guard('01-hover', async () => {
  const s = session();
  await s.openFile('postfix.log');
  await s.waitForEditorText('status=bounced');
  // The server answers hovers once it scanned the file; the hover is shown then.
  const text = await s.hoverAt('550 5.1.1', { expectText: OUR_HOVER, timeoutMs: 30_000 });
  await s.screenshot('01-hover');
  console.log(`# hover text:\n${text.split('\n').map((l) => `#   ${l}`).join('\n')}`);
  assert.match(text, /\b550\b/, text);
  assert.match(text, /5\.1\.1/, text);
  assert.match(text, /Bad destination mailbox address/, text);
  assert.match(text, /permanent failure/i, text);
  assert.match(text, /^Sources: .+/m, text);
  await s.clearHover();
}));

// ---------------------------------------------------------------------------------------------------------------------
// 2. Problems

test('2. the Problems panel lists the diagnostics of the Postfix log', () => session().guard('02-problems', async () => {
  const s = session();
  // the status bar's Problems entry: errors = permanent failures, warnings = transient ones
  const counts = await pollUntil('the Problems status bar entry to count the Postfix log', async () => {
    const c = await problemCounts(s);
    return c.errors === POSTFIX.errors && c.warnings === POSTFIX.warnings ? c : undefined;
  }, 30_000).catch(async (e) => { throw new Error(`${(e as Error).message}; shows ${JSON.stringify(await problemCounts(s))}`); });
  assert.deepEqual(counts, { errors: POSTFIX.errors, warnings: POSTFIX.warnings });
  // our own status bar item: deliveries, in words, with the mail icon, unlike the Problems entry's "⊗ 7 ⚠ 4"
  const ours = s.page.locator('.statusbar-item[id*="mailErrorCodes.status"]').first();
  await pollUntil(`the Mail Error Codes status bar item to say "${POSTFIX_DELIVERIES}"`, async () =>
    (await ours.innerText()).trim() === POSTFIX_DELIVERIES || undefined, TIMEOUTS.ui)
    .catch(async (e) => { throw new Error(`${(e as Error).message}; shows "${await ours.innerText().catch(() => '?')}"`); });
  assert.equal(await ours.locator('.codicon-mail').count(), 1, 'the mail icon');
  assert.equal(await ours.locator('.codicon-error, .codicon-warning').count(), 0, 'not the Problems icons');

  await openProblems(s);
  await s.runCommand('View: Toggle Maximized Panel');
  const markers = await markersOf(s, 'postfix.log', POSTFIX.problems);
  await s.screenshot('02-problems');
  assert.equal(markers.length, POSTFIX.problems, markers.join('\n'));
  const permanent = markers.filter((m) => m.includes('(permanent failure'));
  const transient = markers.filter((m) => m.includes('(transient failure'));
  assert.equal(permanent.length, POSTFIX.errors, markers.join('\n'));
  assert.equal(transient.length, POSTFIX.warnings, markers.join('\n'));
  const with550 = markers.filter((m) => /\b550 Requested action not taken: mailbox unavailable \(permanent failure/.test(m));
  assert.equal(with550.length, 2, markers.join('\n'));
  assert.equal(markers.filter((m) => /5\.1\.1 Bad destination mailbox address \(permanent failure/.test(m)).length, 2, markers.join('\n'));
  assert.ok(markers.some((m) => /Gmail .*DMARC/.test(m)), markers.join('\n'));
  assert.ok(markers.every((m) => m.includes('mail-error-codes')), `every row names the source:\n${markers.join('\n')}`);
  await s.runCommand('View: Toggle Maximized Panel');
  await s.runCommand('View: Hide Panel');
}));

// ---------------------------------------------------------------------------------------------------------------------
// 3. Bounce summary

test('3. a bounce (.eml) shows a per-recipient delivery summary', () => session().guard('03-bounce', async () => {
  const s = session();
  await s.openFile('bounce-postfix.eml');
  await s.goToLine(37); // Final-Recipient: rfc822; bob@example.org
  await s.waitForEditorText('Final-Recipient: rfc822; bob@example.org');
  await openProblems(s);
  const ours = s.page.locator('.statusbar-item[id*="mailErrorCodes.status"]').first();
  await pollUntil(`the status bar to count the bounce's recipients ("${BOUNCE_RECIPIENTS}")`, async () =>
    (await ours.innerText()).trim() === BOUNCE_RECIPIENTS || undefined, 30_000)
    .catch(async (e) => { throw new Error(`${(e as Error).message}; shows "${await ours.innerText().catch(() => '?')}"`); });
  const summary = 'bob@example.org: failed permanently (550 5.1.1) — user unknown, hard bounce';
  await pollUntil('the Problems panel to show the summary of bob@example.org', async () =>
    (await problemRows(s)).some((r) => r.includes(summary)) || undefined, 30_000);
  const rows = await problemRows(s);
  assert.ok(rows.some((r) => r.includes('carol@example.com: delayed (452 4.2.2) — mailbox full, soft bounce')), rows.join('\n'));
  await s.screenshot('03-bounce-problems');
  await s.runCommand('View: Hide Panel');
  const text = await s.hoverAt('rfc822; bob@example.org', { expectText: 'Delivery status for bob@example.org', timeoutMs: 30_000 });
  await s.screenshot('03-bounce-hover');
  assert.match(text, /Outcome\s+failed permanently/, text);
  assert.match(text, /Status\s+5\.1\.1/, text);
  assert.match(text, /Reason\s+user unknown \(userunknown\)/, text);
  assert.match(text, /Bounce\s+hard/, text);
  assert.match(text, /Hard bounce: the address will never work/, text);
  await s.clearHover();
  // its tooltip says hard / soft and the reasons
  await pollUntil('the status bar tooltip to give the recipients\' hard / soft and reasons', async () => /1 hard, 1 soft/.test(await ours.getAttribute('aria-label') ?? '') || undefined, TIMEOUTS.ui)
    .catch(async (e) => { throw new Error(`${(e as Error).message}; shows "${await ours.getAttribute('aria-label').catch(() => '?')}"`); });
}));

// ---------------------------------------------------------------------------------------------------------------------
// 4. Look Up Code…

test('4. "Look Up Code…" finds 0x800CCC0E and opens its detail page', () => session().guard('04-lookup', async () => {
  const s = session();
  const { page } = s;
  const t0 = Date.now();
  // the command palette (not vs.runCommand, which waits for the palette to close: this command opens its own picker)
  const qi = page.locator('.quick-input-widget');
  await page.keyboard.press('F1');
  await qi.waitFor({ state: 'visible' });
  await qi.locator('input').first().fill('>Mail Error Codes: Look Up Code…');
  await qi.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: /^Mail Error Codes: Look Up Code…$/ }) }).first().click();
  // our Quick Pick: its title replaces the palette
  await qi.locator('.quick-input-title', { hasText: 'Look Up Mail Error Code' }).waitFor({ state: 'visible' });
  await qi.locator('input').first().fill('0x800ccc0e');
  const first = qi.locator('.monaco-list-row').first();
  await pollUntil('the first Look Up item to be 0x800CCC0E', async () =>
    /0x800CCC0E/.test(await first.innerText()) || undefined, TIMEOUTS.ui);
  console.log(`# Look Up: first item 0x800CCC0E after ${Date.now() - t0} ms`);
  await s.screenshot('04-lookup-pick');
  await pollUntil('the first item to be the active one', async () =>
    /0x800CCC0E/.test(await qi.locator('.monaco-list-row.focused').first().innerText()) || undefined, TIMEOUTS.ui);
  await page.keyboard.press('Enter');
  await qi.waitFor({ state: 'hidden' });
  // a Markdown preview tab named after the code
  const tab = page.locator('.editor-group-container.active .tab.active', { hasText: '0x800CCC0E' }).first();
  await tab.waitFor({ state: 'visible' });
  console.log(`# Look Up: preview tab after ${Date.now() - t0} ms`);
  // its content is in a webview: an iframe (the webview host) holding another (the preview document)
  const content = await pollUntil('the detail page to render in the preview', async () => {
    for (const f of page.frames()) {
      const t = await f.evaluate(() => String((globalThis as any).document?.body?.innerText ?? '')).catch(() => '');
      if (t.includes('0x800CCC0E') && t.includes('What to do')) return t;
    }
    return undefined;
  }, 30_000);
  console.log(`# Look Up: preview content after ${Date.now() - t0} ms`);
  await s.screenshot('04-lookup-detail');
  assert.match(content, /FAILED_TO_CONNECT/, content.slice(0, 2000));
  assert.match(content, /What to do/, content.slice(0, 2000));
  assert.match(await tab.innerText(), /0x800CCC0E/);
}));

// ---------------------------------------------------------------------------------------------------------------------
// 5. Sidebar

test('5. the Mail Codes sidebar: Catalog families, In This File codes, click walks occurrences', () => session().guard('05-sidebar', async () => {
  const s = session();
  const { page } = s;
  await s.openFile('postfix.log');
  await s.runCommand('View: Show Mail Codes');
  const sidebar = page.locator('.part.sidebar');
  await sidebar.locator('.pane-header', { hasText: 'Catalog' }).first().waitFor({ state: 'visible' });
  await sidebar.locator('.pane-header', { hasText: 'In This File' }).first().waitFor({ state: 'visible' });

  // Catalog: the four families (server/src/core/families.ts: headings in FAMILY_ORDER)
  const families = ['SMTP Reply Codes', 'Enhanced Status Codes', 'Outlook Error Codes', 'Provider Bounces'];
  const catalog = await pollUntil('the Catalog to show the four families', async () => {
    const rows = await viewRows(s, 'Catalog');
    const labels = rows.map((r) => r.label);
    return families.every((f) => labels.includes(f)) ? rows : undefined;
  }, 30_000);
  assert.deepEqual(catalog.map((r) => r.label).filter((l) => families.includes(l)), families);

  // In This File: the codes of postfix.log, worst first, with counts
  const expected = new Map([['5.1.1', 2], ['550', 2], ['5.7.26', 2], ['4.2.2', 2], ['4.4.1', 1], ['452', 1], ['2.0.0', 2], ['250', 1]]);
  const rows = await pollUntil('In This File to list the codes of postfix.log', async () => {
    const r = await viewRows(s, 'In This File');
    return [...expected.keys()].every((code) => r.some((x) => x.label === code)) ? r : undefined;
  }, 30_000);
  await s.screenshot('05-sidebar');
  for (const [code, count] of expected) {
    const row = rows.find((r) => r.label === code)!;
    assert.match(row.description, new RegExp(`^${count} × `), `${code}: ${row.description}`);
  }
  const dmarc = rows.find((r) => /gmail/i.test(r.label) || /DMARC/.test(r.description));
  assert.ok(dmarc && /^1 × /.test(dmarc.description), JSON.stringify(rows));
  // A mail server's default reply is named as such, never as a provider.
  const software = rows.find((r) => r.label.startsWith('Postfix default reply'));
  assert.ok(software && /^1 × /.test(software.description), JSON.stringify(rows));
  assert.equal(rows.length, 10, JSON.stringify(rows));
  assert.ok(rows.findIndex((r) => r.label === '550') < rows.findIndex((r) => r.label === '452'), 'permanent before transient');

  // clicking "550" selects its first occurrence, clicking again the next one
  const row550 = sidebar.locator('.pane', { has: page.locator('.pane-header', { hasText: 'In This File' }) })
    .locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: /^550$/ }) }).first();
  for (const { line, col } of POSTFIX_550) {
    await row550.click();
    const want = `Ln ${line}, Col ${col + 3} (3 selected)`; // the selection ends after "550", where the cursor is
    const got = await pollUntil(`the cursor to be at ${want}`, async () => {
      const st = await cursorStatus(s);
      return st === want ? st : undefined;
    }, TIMEOUTS.ui).catch(async (e) => { throw new Error(`${(e as Error).message}; status bar: ${await cursorStatus(s)}`); });
    assert.equal(got, want);
    const selected = await s.activeEditor().locator('.selected-text').count();
    assert.ok(selected > 0, 'the editor shows a selection');
    await s.screenshot(`05-sidebar-550-line-${line}`);
  }
  // wraps around
  await row550.click();
  await pollUntil('the cursor back on the first 550', async () =>
    (await cursorStatus(s)) === `Ln 2, Col ${POSTFIX_550[0].col + 3} (3 selected)` || undefined, TIMEOUTS.ui);
}));

// ---------------------------------------------------------------------------------------------------------------------
// 8. Hostile content (before the crash test, so that a failure here is not a restart's)

test('8. hostile text in a log or a bounce is shown literally in the hover', () => session().guard('08-hostile', async () => {
  const s = session();
  await s.openFile('hostile.log');
  await s.waitForEditorText('onerror=alert(1)');
  await s.hoverAt('550 5.1.1', { expectText: OUR_HOVER, timeoutMs: 30_000 });
  const log = await hoverDom(s);
  await s.screenshot('08-hostile-log-hover');
  const bad = (d: typeof log) => {
    assert.equal(d.hrefs.filter((h) => /^\s*command:/i.test(h)).length, 0, `command links: ${d.hrefs.join(', ')}`);
    assert.equal(d.dataHrefs.filter((h) => /^\s*command:/i.test(h)).length, 0, `command links: ${d.dataHrefs.join(', ')}`);
    assert.equal(d.imgs, 0, 'no <img>');
    assert.equal(d.scripts, 0, 'no <script>');
    assert.equal(d.iframes, 0, 'no <iframe>');
    assert.equal(d.onerror, 0, 'no onerror attribute');
  };
  bad(log);
  await s.clearHover();

  // In a bounce the hover quotes the Diagnostic-Code: the hostile text must appear as text
  await s.openFile('hostile.eml');
  await s.waitForEditorText('Final-Recipient: rfc822; mallory@example.org');
  await s.hoverAt('Final-Recipient: rfc822; mallory@example.org', { expectText: 'Delivery status for mallory@example.org', timeoutMs: 30_000 });
  const eml = await hoverDom(s);
  await s.screenshot('08-hostile-eml-hover');
  bad(eml);
  assert.ok(eml.text.includes('<img src=x onerror=alert(1)>'), `the <img> is shown as text:\n${eml.text}`);
  assert.ok(eml.text.includes('<script>alert(1)</script>'), `the <script> is shown as text:\n${eml.text}`);
  assert.ok(eml.text.includes('[click](command:workbench.action.terminal.new)'), `the link is shown as text:\n${eml.text}`);
  await s.clearHover();
  // nothing ran: no terminal was opened by a command link
  assert.equal(await s.page.locator('.terminal-outer-container, .integrated-terminal').count(), 0);
}));

// ---------------------------------------------------------------------------------------------------------------------
// 7. Fault recovery: the language server is killed; the client restarts it without a reload

/** Pids of dist/server/node.js processes that descend from the code-server this session started (by its port). */
function serverPids(s: VSCodeSession): number[] {
  const procs = new Map<number, { ppid: number; cmd: string }>();
  for (const n of readdirSync('/proc')) {
    if (!/^\d+$/.test(n)) continue;
    try {
      const cmd = readFileSync(`/proc/${n}/cmdline`, 'utf8').split('\0').join(' ');
      const stat = readFileSync(`/proc/${n}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      procs.set(Number(n), { ppid, cmd });
    } catch { /* gone */ }
  }
  const isOurCodeServer = (cmd: string) => cmd.includes(`--bind-addr 127.0.0.1:${s.port}`) && cmd.includes(s.userDataDir);
  const descends = (pid: number) => {
    for (let p = procs.get(pid)?.ppid, guard = 0; p && p > 1 && guard < 50; p = procs.get(p)?.ppid, guard++) {
      if (isOurCodeServer(procs.get(p)?.cmd ?? '')) return true;
    }
    return false;
  };
  return [...procs].filter(([pid, p]) => /dist\/server\/node\.js/.test(p.cmd) && descends(pid)).map(([pid]) => pid);
}

test('7. after the language server is killed, diagnostics and hovers come back without a reload', () => session().guard('07-crash', async () => {
  const s = session();
  await s.openFile('postfix.log');
  const before = await problemCounts(s);
  const [pid] = await pollUntil('the language server process', () => {
    const pids = serverPids(s);
    return pids.length === 1 ? pids : undefined;
  }, TIMEOUTS.ui);
  process.kill(pid, 'SIGKILL');
  // the client drops the crashed server's diagnostics and restarts it
  let lowest = before.errors;
  const restarted = await pollUntil('a new language server process', () => {
    const pids = serverPids(s);
    return pids.length === 1 && pids[0] !== pid ? pids[0] : undefined;
  }, 60_000);
  // Problems status bar entry: back to the counts of the open files before the crash
  await pollUntil(`the Problems counts to come back to ${JSON.stringify(before)}`, async () => {
    const c = await problemCounts(s);
    lowest = Math.min(lowest, c.errors);
    return c.errors === before.errors && c.warnings === before.warnings ? c : undefined;
  }, 60_000, 50);
  console.log(`# problems before the crash: ${JSON.stringify(before)}; lowest error count seen while restarting: ${lowest}`);
  console.log(`# language server ${pid} killed; restarted as ${restarted}`);
  const text = await s.hoverAt('550 5.1.1', { expectText: OUR_HOVER, timeoutMs: 30_000 });
  assert.match(text, /permanent failure/i);
  await s.clearHover();
  // the views asked the new server again
  await s.runCommand('View: Show Mail Codes');
  await pollUntil('In This File to list 550 again', async () =>
    (await viewRows(s, 'In This File')).some((r) => r.label === '550' && r.description.startsWith('2 × ')) || undefined, 30_000);
  await s.screenshot('07-after-restart');
  assert.equal(await s.page.locator('.notifications-toasts .notification-toast', { hasText: /did not start/ }).count(), 0);
}));
