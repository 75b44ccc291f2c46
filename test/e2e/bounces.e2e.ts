// End-to-end: "Summarize Bounces in Folder…" from the Explorer's context menu of a folder, in a real VS Code
// (code-server) with the packaged extension. The workspace is built here from the bounce fixtures (one per format),
// plus an mbox file, a file that is not a message, and a bounce whose text is hostile HTML. The report's screenshot
// is saved to docs/bounce-report.png for the README.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { pollUntil, repoRoot, TIMEOUTS, useVSCode, type VSCodeSession } from './harness';

const fixtures = join(repoRoot(), 'test', 'fixtures', 'bounces');
const source = mkdtempSync(join(tmpdir(), 'mec-e2e-bounces-src-'));
const returned = join(source, 'returned');
mkdirSync(returned);
const emls = readdirSync(fixtures).filter((f) => f.endsWith('.eml')).sort();
for (const f of emls) copyFileSync(join(fixtures, f), join(returned, f));
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');
writeFileSync(join(returned, 'archive.mbox'), `From MAILER-DAEMON Sat Mar  8 16:40:02 2025\n${fixture('exim.eml')}\nFrom MAILER-DAEMON Mon Mar 10 08:15:30 2025\n${fixture('sendmail.eml')}\n`);
writeFileSync(join(returned, 'notes.txt'), 'Bounces collected in March.\n');
// Hostile text where a recipient and a diagnostic are shown: it must appear as text, never as markup.
writeFileSync(join(returned, 'zz-hostile.eml'), fixture('qmail.eml')
  .replace('Remote host said: 550 5.1.1', 'Remote host said: 550 5.1.1 <img src=x onerror=alert(1)> <script>alert(2)</script> <a href="command:workbench.action.terminal.new">click</a>'));
after(() => rmSync(source, { recursive: true, force: true }));

const expected: Record<string, { recipient: string; bounce: string }[]> = JSON.parse(fixture('expected.json'));
const fixtureRecipients = Object.entries(expected).filter(([k]) => !k.startsWith('_')).flatMap(([, v]) => v);
/** Recipients the report must show: every fixture's, the mbox's three (two hard), the hostile copy's three (hard). */
const TOTAL = fixtureRecipients.length + 3 + 3;
const HARD = fixtureRecipients.filter((r) => r.bounce === 'hard').length + 2 + 3;
const NOT_BOUNCES = fixtureRecipients.filter((r) => r.bounce === 'none').length;
/** The fixtures, the mbox file (two messages), the hostile copy and notes.txt (not a message). */
const FILES = emls.length + 3;
const MESSAGES = emls.length + 2 + 1;

const session = useVSCode({ name: 'bounces', workspace: source, viewport: { width: 1500, height: 950 } });

/** The webview frame of the report, once it shows `text`. */
async function reportFrame(s: VSCodeSession, text: string | RegExp): Promise<Frame> {
  return pollUntil(`the bounce report to show ${text}`, async () => {
    for (const f of s.page.frames()) {
      const body = await f.evaluate(() => String((globalThis as any).document?.getElementById?.('report')?.innerText ?? '')).catch(() => '');
      if (body && (typeof text === 'string' ? body.includes(text) : text.test(body))) return f;
    }
    return undefined;
  }, 60_000);
}

const tableRows = (f: Frame) => f.locator('#recipients tbody tr').evaluateAll((rows: any[]) => rows.map((r) => [...r.querySelectorAll('td')].map((td: any) => String(td.textContent))));

test('Explorer › folder › Summarize Bounces in Folder… opens the report with totals and a row per recipient', () => session().guard('01-report', async () => {
  const s = session();
  const folder = s.page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^returned$/ }).first();
  await s.explorerMenu(folder, 'Summarize Bounces in Folder…');
  const frame = await reportFrame(s, `of ${FILES} files read`);
  await pollUntil('the report to finish reading', async () => {
    const status = await frame.locator('#status').innerText();
    return !status.includes('reading…') ? status : undefined;
  }, 60_000);
  const status = await frame.locator('#status').innerText();
  assert.equal(status, `${TOTAL} recipients in ${MESSAGES} messages · ${FILES} of ${FILES} files read · 1 file skipped (not messages)`);
  assert.equal(Number(await frame.locator('#total-hard').innerText()), HARD);
  assert.equal(Number(await frame.locator('#total-soft').innerText()), TOTAL - HARD - NOT_BOUNCES);
  assert.equal(Number(await frame.locator('#total-none').innerText()), NOT_BOUNCES);
  const text = await frame.locator('#report').innerText();
  assert.match(text, /By reason[\s\S]*user unknown \(userunknown\)/);
  assert.match(text, /By recipient domain[\s\S]*example\.org/);
  assert.match(text, /Hard bounce: the address will never work/);
  const rows = await tableRows(frame);
  assert.equal(rows.length, TOTAL);
  assert.ok(rows.some((r) => r[0] === 'dmitri@example.ru' && r[1] === 'user unknown' && r[2] === 'hard' && r[7] === 'mailru.eml'), JSON.stringify(rows.slice(0, 3)));
  assert.ok(rows.some((r) => r[0] === 'tina@example.org' && r[7] === 'archive.mbox#2'));
  assert.ok(rows.some((r) => r[0] === 'olga@feedback.example.com' && r[2] === 'complaint'));
  await s.screenshot('01-report');
  mkdirSync(join(repoRoot(), 'docs'), { recursive: true });
  await s.page.screenshot({ path: join(repoRoot(), 'docs', 'bounce-report.png') });
}));

test('hostile text in a bounce is shown as text in the report', () => session().guard('02-hostile', async () => {
  const s = session();
  const frame = await reportFrame(s, 'zz-hostile.eml');
  const dom = await frame.evaluate(() => {
    const doc = (globalThis as any).document;
    return { imgs: doc.querySelectorAll('img').length, scripts: [...doc.querySelectorAll('script')].map((x: any) => String(x.getAttribute('src') ?? 'inline')), links: doc.querySelectorAll('a').length, onerror: doc.querySelectorAll('[onerror]').length, text: String(doc.body.innerText) };
  });
  assert.equal(dom.imgs, 0);
  assert.equal(dom.onerror, 0);
  assert.equal(dom.links, 0);
  // Our script, and the one VS Code puts into every webview (inline, before the page's own content).
  assert.deepEqual(dom.scripts.filter((x: string) => x !== 'inline').map((x: string) => /bounceReport\.js$/.test(x)), [true], dom.scripts.join(', '));
  assert.equal(dom.scripts.length, 2, dom.scripts.join(', '));
  assert.match(dom.text, /<img src=x onerror=alert\(1\)> <script>alert\(2\)<\/script>/, 'the diagnostic is shown literally');
}));

test('sorting, filtering, and a click opens the message at its recipient', () => session().guard('03-open', async () => {
  const s = session();
  const frame = await reportFrame(s, 'dmitri@example.ru');
  await frame.locator('th button[data-sort="reason"]').click();
  const reasons = (await tableRows(frame)).map((r) => r[1]);
  assert.deepEqual(reasons, [...reasons].sort((a, b) => a.localeCompare(b)), 'sorted by reason');
  await frame.locator('th button[data-sort="reason"]').click();
  const descending = (await tableRows(frame)).map((r) => r[1]);
  assert.deepEqual(descending, [...descending].sort((a, b) => b.localeCompare(a)), 'and the other way');
  assert.notDeepEqual(descending, reasons);
  await frame.locator('#filter-bounce').selectOption('hard');
  assert.ok((await tableRows(frame)).every((r) => r[2] === 'hard'));
  await frame.locator('#filter-bounce').selectOption('');
  await frame.locator('#filter-text').fill('example.ru');
  await pollUntil('the filter to leave one row', async () => ((await tableRows(frame)).length === 1 ? true : undefined), TIMEOUTS.ui);
  await frame.locator('#recipients tbody tr').first().click();
  const tab = s.page.locator('.tab.active', { hasText: 'mailru.eml' }).first();
  await tab.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
  const selection = await pollUntil('the recipient to be selected', async () => {
    const t = (await s.page.locator('.statusbar-item[id$="status.editor.selection"]').first().innerText()).trim();
    return /\(17 selected\)/.test(t) ? t : undefined;
  }, TIMEOUTS.ui);
  const line = fixture('mailru.eml').split('\n').findIndex((l) => /^ {2}dmitri@example\.ru$/.test(l)) + 1;
  // The cursor is at the end of the selection: column 3 + 17.
  assert.match(selection, new RegExp(`Ln ${line}, Col 20 \\(17 selected\\)`), selection);
  await s.screenshot('03-open');
}));

test('Export CSV writes the rows shown to the file chosen', () => session().guard('04-export', async () => {
  const s = session();
  const frame = await reportFrame(s, 'dmitri@example.ru');
  await frame.locator('#filter-text').fill('');
  await frame.locator('#filter-reason').selectOption('userunknown');
  const shown = (await tableRows(frame)).length;
  await frame.locator('#export').click();
  // code-server's save dialog: a quick input with the proposed path (returned/bounces.csv); Enter accepts it.
  const qi = s.page.locator('.quick-input-widget');
  await qi.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
  await pollUntil('the save dialog to propose bounces.csv', async () => (/bounces\.csv$/.test(await qi.locator('input').first().inputValue()) ? true : undefined), TIMEOUTS.ui);
  await s.page.keyboard.press('Enter');
  const file = join(s.workspace, 'returned', 'bounces.csv');
  await pollUntil('bounces.csv to be written', async () => (existsSync(file) ? true : undefined), TIMEOUTS.ui);
  const csv = readFileSync(file, 'utf8').trim().split(/\r\n/);
  assert.equal(csv[0], 'file,line,recipient,action,reason,bounce,status,reply,remote_mta,date,diagnostic');
  assert.equal(csv.length - 1, shown);
  assert.ok(csv.slice(1).every((l) => l.includes(',userunknown,hard,')), csv.join('\n'));
  await s.screenshot('04-export');
}));
