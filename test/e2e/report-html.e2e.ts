// The command line's HTML report (`mail-error-codes report --format html`) in Chromium, opened from a file with every
// network request refused: it draws its charts offline, shows the totals, and its policy lets nothing else run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, repoRoot } from './harness';

let browser: Browser;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mec-report-html-'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, env: { ...process.env, HOME: dir } });
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the HTML report opens offline: charts drawn, totals shown, no error, no request', async () => {
  const root = repoRoot();
  const fixtures = ['postfix.log', 'exim.log', 'sendmail.log', 'hostile.log'].map((f) => join(root, 'test/fixtures/report', f));
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'report', '--format', 'html', ...fixtures], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, r.stderr);
  const file = join(dir, 'report.html');
  writeFileSync(file, r.stdout);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  await page.goto(`file://${file}`);
  await page.locator('#timeline canvas').waitFor({ state: 'visible' });
  const totals = await page.locator('li.total .count').allInnerTexts();
  // postfix 6/7/2/1/6 + exim 6/3/2/1/4 + sendmail 5/2/3/0/4 + hostile 0/0/1/0/0
  assert.deepEqual(totals, ['17', '12', '8', '2', '14']);
  const drawn = await page.evaluate(() => [...(globalThis as any).document.querySelectorAll('canvas')].map((c: any) => {
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted;
  }));
  assert.equal(drawn.length, 4);
  assert.ok(drawn.every((n) => n > 1000), `every chart is drawn: ${drawn}`);
  // Not interactive on its own: no export buttons, no links to a log.
  assert.equal(await page.locator('.actions').count(), 0);
  assert.equal(await page.locator('img, a, iframe').count(), 0);
  assert.deepEqual(problems, []);
  assert.deepEqual(requests, []);
  await page.screenshot({ path: join(root, 'test-results', 'report-html.png'), fullPage: true }).catch(() => undefined);
});
