// `npm start -- --port N` as a newcomer runs it: it serves the VS Code workbench on 127.0.0.1:N without a password,
// with the extension installed and the samples open; Ctrl+C (SIGINT) ends everything it started.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, freePort, pollUntil, repoRoot, TIMEOUTS } from './harness';

let child: ChildProcess | undefined;
let output = '';
let port = 0;
let url = '';
let temp = '';
let browser: Browser | undefined;

function get(address: string): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((res, rej) => {
    const req = request(address, { timeout: 10_000 }, (r) => {
      let body = '';
      r.setEncoding('utf8').on('data', (d: string) => { body += d; }).on('end', () => res({ status: r.statusCode ?? 0, location: r.headers.location, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', rej);
    req.end();
  });
}

/** Processes whose command line names the start script's temporary folder (code-server and what it spawned). */
function processesOf(folder: string): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(folder);
    } catch {
      return false;
    }
  }).map(Number);
}

before(async () => {
  port = await freePort();
  // MEC_VSIX (set by scripts/e2e/run.mjs) is the .vsix packaged for this run: npm start installs it instead of
  // packaging again. Its own process group, so that a failed test can end it whatever state it is in.
  child = spawn(process.execPath, [join(repoRoot(), 'scripts/start.mjs'), '--port', String(port)], {
    cwd: repoRoot(), detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env },
  });
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { output += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { output += d; });
  await pollUntil('npm start to print its address', () => {
    if (child!.exitCode !== null) throw new Error(`npm start exited (${child!.exitCode}):\n${output}`);
    return /Press Ctrl\+C to stop\./.test(output);
  }, TIMEOUTS.install + TIMEOUTS.ready);
  url = /^ {4}(http:\/\/\S+)$/m.exec(output)![1];
  temp = /^Samples \(a copy, removed when you stop\): (\S+)\/samples$/m.exec(output)![1];
});

after(async () => {
  await browser?.close().catch(() => undefined);
  if (child?.pid && child.exitCode === null) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  }
  for (const pid of temp ? processesOf(temp) : []) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
});

test('npm start -- --port N prints a loopback address on that port and serves the workbench without a password', async () => {
  assert.match(url, new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?folder=`));
  const page = await get(url);
  assert.equal(page.status, 200, `no login redirect (${page.location ?? ''})`);
  assert.match(page.body, /workbench/i);
  // Only the loopback interface listens: another address of this machine refuses the connection.
  const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
  if (external) {
    const refused = await new Promise<boolean>((res) => {
      const s = connect({ host: external.address, port }, () => { s.destroy(); res(false); });
      s.on('error', () => res(true));
    });
    assert.ok(refused, `${external.address}:${port} accepted a connection`);
  }
});

test('the extension is installed, and a sample log shows its diagnostics in the workbench', async () => {
  const installed = readdirSync(join(temp, 'extensions')).filter((n) => n.startsWith('mail-error-codes.mail-error-codes-'));
  assert.equal(installed.length, 1, readdirSync(join(temp, 'extensions')).join(', '));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(TIMEOUTS.ui);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: TIMEOUTS.workbench });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: TIMEOUTS.workbench });
  for (const name of ['postfix.log', 'exim.log', 'bounce.eml', 'ticket.txt']) {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().waitFor({ timeout: TIMEOUTS.workbench });
  }
  await page.locator('.activitybar .action-item [aria-label^="Mail Codes"], .activitybar .action-label[aria-label^="Mail Codes"]').first().waitFor();
  await page.keyboard.press('Control+P');
  const quickInput = page.locator('.quick-input-widget');
  await quickInput.locator('input').first().fill('postfix.log');
  await quickInput.locator('.monaco-list-row.focused .label-name', { hasText: 'postfix.log' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.editor-group-container.active .tab.active[aria-label*="postfix.log"]').first().waitFor();
  mkdirSync(join(repoRoot(), 'test-results'), { recursive: true });
  try {
    // The language server's diagnostics, counted by the Problems entry of the status bar.
    const problems = page.locator('.statusbar-item[id$="status.problems"]').first();
    const errors = await pollUntil('the Problems count to show the log\'s errors', async () => {
      const label = `${await problems.getAttribute('aria-label') ?? ''} ${await problems.innerText()}`;
      const n = Number(/(\d+)\s*Errors?/i.exec(label)?.[1] ?? /Errors?:\s*(\d+)/i.exec(label)?.[1] ?? 0);
      return n > 0 ? n : undefined;
    }, TIMEOUTS.workbench);
    assert.ok(errors >= 5, `errors: ${errors}`);
    await page.screenshot({ path: join(repoRoot(), 'test-results', 'npm-start.png') });
  } catch (error) {
    await page.screenshot({ path: join(repoRoot(), 'test-results', 'npm-start-FAILED.png') });
    throw error;
  }
});

test('Ctrl+C ends code-server and everything it started, and removes the temporary profile', async () => {
  const before = processesOf(temp);
  assert.ok(before.length > 0, 'code-server runs under the temporary folder');
  const exited = new Promise<number | null>((res) => child!.once('exit', (code) => res(code)));
  process.kill(child!.pid!, 'SIGINT');
  assert.equal(await exited, 0, output);
  assert.match(output, /Stopped; the temporary profile is removed\./);
  assert.deepEqual(processesOf(temp), [], 'no process left');
  assert.equal(existsSync(temp), false);
  await assert.rejects(get(`http://127.0.0.1:${port}/healthz`), 'nothing listens on the port');
});

test('npm start -- --folder DIR opens that folder', async () => {
  const own = mkdtempSync(join(tmpdir(), 'mec-start-folder-'));
  writeFileSync(join(own, 'mail.log'), 'Nov 24 mx postfix/smtp[1]: A1: to=<a@example.org>, dsn=5.1.1, status=bounced (host x said: 550 5.1.1 unknown)\n');
  const folderPort = await freePort();
  const second = spawn(process.execPath, [join(repoRoot(), 'scripts/start.mjs'), '--port', String(folderPort), '--folder', own], {
    cwd: repoRoot(), detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env },
  });
  let text = '';
  second.stdout!.setEncoding('utf8').on('data', (d: string) => { text += d; });
  second.stderr!.setEncoding('utf8').on('data', (d: string) => { text += d; });
  try {
    await pollUntil('npm start --folder to print its address', () => {
      if (second.exitCode !== null) throw new Error(`npm start exited (${second.exitCode}):\n${text}`);
      return /Press Ctrl\+C to stop\./.test(text);
    }, TIMEOUTS.install + TIMEOUTS.ready);
    assert.ok(text.includes(`Folder: ${own}\n`), text);
    assert.ok(text.includes(`http://127.0.0.1:${folderPort}/?folder=${encodeURIComponent(own)}`), text);
    assert.equal((await get(`http://127.0.0.1:${folderPort}/?folder=${encodeURIComponent(own)}`)).status, 200);
    const exited = new Promise<number | null>((res) => second.once('exit', (code) => res(code)));
    process.kill(second.pid!, 'SIGINT');
    assert.equal(await exited, 0, text);
    assert.ok(existsSync(join(own, 'mail.log')), 'a folder of yours is left as it was');
  } finally {
    if (second.exitCode === null) {
      // npm start ends its code-server on SIGTERM; SIGKILL only if it does not exit
      const gone = new Promise((res) => second.once('exit', res));
      process.kill(second.pid!, 'SIGTERM');
      await Promise.race([gone, pollUntil('npm start to exit', () => second.exitCode !== null, TIMEOUTS.stop * 2).catch(() => undefined)]);
      try { process.kill(-second.pid!, 'SIGKILL'); } catch { /* gone */ }
    }
    rmSync(own, { recursive: true, force: true });
  }
});
