// The browser language server (dist/server/browser.js, the one VS Code for the Web runs) in a real Web Worker in
// Chromium, spoken to over the real protocol (JSON-RPC messages posted to the worker). This is as close to VS Code
// for the Web as this machine allows: the web workbench itself cannot be served here.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, repoRoot } from './harness';

let browser: Browser;
let page: Page;
let home: string;

before(async () => {
  home = mkdtempSync(join(tmpdir(), 'mec-browser-'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, env: { ...process.env, HOME: home } });
  page = await browser.newPage();
  await page.setContent('<!doctype html><title>server</title>');
  const bundle = readFileSync(join(repoRoot(), 'dist/server/browser.js'), 'utf8');
  // Start the worker and a tiny client in the page: messages out are JSON-RPC objects, replies are collected.
  await page.evaluate((source) => {
    const w = globalThis as unknown as { lsp: { worker: Worker; inbox: any[]; send(m: unknown): void } };
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    const inbox: any[] = [];
    worker.onmessage = (e) => {
      const m = e.data;
      // Answer the server's own requests the way a client would.
      if (m.method === 'workspace/configuration') worker.postMessage({ jsonrpc: '2.0', id: m.id, result: m.params.items.map(() => ({})) });
      else if (m.id !== undefined && m.method) worker.postMessage({ jsonrpc: '2.0', id: m.id, result: null });
      inbox.push(m);
    };
    w.lsp = { worker, inbox, send: (m) => worker.postMessage(m) };
  }, bundle);
});

after(async () => {
  await browser?.close();
  rmSync(home, { recursive: true, force: true });
});

/** Waits, in the page, for a message that matches (checked on each message; bounded by the test time-out). */
function waitForMessage(predicate: string): Promise<any> {
  return page.waitForFunction((p) => (globalThis as any).lsp.inbox.find(new Function('m', `return ${p}`) as (m: unknown) => boolean), predicate).then((h) => h.jsonValue());
}

test('the browser server initializes, scans a log and answers a hover in a Web Worker', async () => {
  await page.evaluate(() => (globalThis as any).lsp.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, initializationOptions: { trusted: true }, capabilities: { workspace: { configuration: true } } } }));
  const init = await waitForMessage('m.id === 1 && m.result');
  assert.equal(init.result.serverInfo.name, 'mail-error-codes');
  const text = 'Nov 23 10:01:02 mx1 postfix/smtp[2211]: 4F3A21C0: to=<bob@example.org>, dsn=5.1.1, status=bounced (host mx.example.org[203.0.113.5] said: 550 5.1.1 <bob@example.org>: User unknown (in reply to RCPT TO command))\n';
  await page.evaluate((t) => {
    const lsp = (globalThis as any).lsp;
    lsp.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    lsp.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///web/mail.log', languageId: 'log', version: 1, text: t } } });
  }, text);
  const published = await waitForMessage("m.method === 'textDocument/publishDiagnostics' && m.params.version === 1 && m.params.diagnostics.length > 0");
  assert.deepEqual(published.params.diagnostics.filter((d: any) => !String(d.code).includes(':')).map((d: any) => d.code).slice(0, 3), ['5.1.1', '550', '5.1.1']);
  await page.evaluate((c) => (globalThis as any).lsp.send({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///web/mail.log' }, position: { line: 0, character: c } } }), text.indexOf('550 5.1.1') + 1);
  const hover = await waitForMessage('m.id === 2');
  assert.match(hover.result.contents.value, /Bad destination mailbox address/);
});

test('the browser server makes a mail log report from text fed over the protocol', async () => {
  const log = readFileSync(join(repoRoot(), 'test/fixtures/report/postfix.log'), 'utf8');
  await page.evaluate((text) => {
    const lsp = (globalThis as any).lsp;
    lsp.send({ jsonrpc: '2.0', id: 40, method: 'mailErrorCodes/reportBegin', params: { names: ['postfix.log'] } });
    // The session is the first one this worker opened.
    lsp.send({ jsonrpc: '2.0', id: 41, method: 'mailErrorCodes/reportFeed', params: { session: 1, source: 0, text: text.slice(0, 3000) } });
    lsp.send({ jsonrpc: '2.0', id: 42, method: 'mailErrorCodes/reportFeed', params: { session: 1, source: 0, text: text.slice(3000), end: true } });
    lsp.send({ jsonrpc: '2.0', id: 43, method: 'mailErrorCodes/reportFinish', params: { session: 1 } });
  }, log);
  assert.deepEqual((await waitForMessage('m.id === 40')).result, { session: 1 });
  const report = (await waitForMessage('m.id === 43')).result;
  assert.deepEqual([report.totals.delivered, report.totals.deferred, report.totals.bounced, report.totals.expired, report.totals.rejected], [6, 7, 2, 1, 6]);
  assert.equal(report.providers[0].key, 'Gmail / Google Workspace');
  await page.evaluate(() => (globalThis as any).lsp.send({ jsonrpc: '2.0', id: 44, method: 'mailErrorCodes/reportEvents', params: { session: 1, ref: 'o:expired' } }));
  assert.deepEqual((await waitForMessage('m.id === 44')).result.map((e: any) => [e.line, e.recipient]), [[50, 'grace@example.edu']]);
});

test('custom catalogs say clearly that they need a file system in the browser', async () => {
  await page.evaluate(() => (globalThis as any).lsp.send({ jsonrpc: '2.0', method: 'workspace/didChangeConfiguration', params: { settings: { mailErrorCodes: {} } } }));
  // The worker pulls configuration; answer with a custom catalog path this time.
  await page.evaluate(() => {
    const lsp = (globalThis as any).lsp;
    lsp.worker.onmessage = ((orig: (e: MessageEvent) => void) => (e: MessageEvent) => {
      const m = e.data;
      if (m.method === 'workspace/configuration') {
        lsp.worker.postMessage({ jsonrpc: '2.0', id: m.id, result: m.params.items.map(() => ({ customCatalogs: ['/org/codes.json'] })) });
        lsp.inbox.push(m);
        return;
      }
      orig(e);
    })(lsp.worker.onmessage);
    lsp.send({ jsonrpc: '2.0', method: 'workspace/didChangeConfiguration', params: { settings: null } });
  });
  // (The workspace is trusted, see initialize: in Restricted Mode custom catalogs are not read anywhere.)
  const shown = await waitForMessage("/^window\\/showMessage/.test(m.method) && /customCatalogs/.test(m.params.message)");
  assert.match(shown.params.message, /cannot be read here \(no file system in VS Code for the Web\)/);
});
