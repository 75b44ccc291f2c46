// End-to-end harness: a real VS Code (code-server 4.139.1 = VS Code 1.139.1, Node extension host) in a real browser
// (Debian's Chromium driven by playwright-core), optionally with our packaged extension (.vsix) installed.
//
// Setup first: `node scripts/e2e/setup.mjs` (done by `npm run test:e2e`). Typical use in a node:test file:
//
//   import { test, before, after } from 'node:test';
//   import { startVSCode, type VSCodeSession } from './harness';
//   let vs: VSCodeSession;
//   before(async () => { vs = await startVSCode({ name: 'hover' }); });   // installs $MEC_VSIX when set
//   after(async () => { await vs?.stop(); });
//   test('hover explains 5.1.1', () => vs.guard('explains-5.1.1', async () => {
//     await vs.openFile('postfix.log');
//     const text = await vs.hoverAt('5.1.1', { expectText: 'mailbox' });
//     ...
//   }));
//
// Everything a test does goes through the UI as a person would (Quick Open, the command palette, the mouse), and
// every wait is on a selector or a polled condition with a deadline, never a fixed sleep.
// On failure (vs.guard), test-results/<name>/ keeps a screenshot, code-server's output, the browser console, and the
// logs of the user-data-dir (extension host log, output channels).
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync,
  statSync, writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import quietSettings from '../../scripts/e2e/quiet-settings.json';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

export const CHROMIUM = process.env.MEC_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  // no crash reporter: its handler daemonises out of the browser's process group and writes under ~/.config
  '--disable-crash-reporter', '--disable-breakpad',
];

/** Default time-outs (ms); a slow CI machine (2 cores) is the yardstick. */
export const TIMEOUTS = {
  install: 120_000, // --install-extension
  ready: 90_000, // code-server answering HTTP
  workbench: 90_000, // .monaco-workbench in the page
  ui: 20_000, // one UI action (quick input, a tab, a hover)
  stop: 10_000, // SIGTERM → exit, before SIGKILL
};

// ---------------------------------------------------------------------------------------------------------------------
// Locations

/** The repository root: $MEC_E2E_ROOT, else the folder above this file (or the bundle) holding our package.json. */
export function repoRoot(): string {
  if (process.env.MEC_E2E_ROOT) return resolve(process.env.MEC_E2E_ROOT);
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      try {
        if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'mail-error-codes') return dir;
      } catch { /* keep looking */ }
      if (dirname(dir) === dir) break;
    }
  }
  return process.cwd();
}

export interface CodeServerInstall {
  codeServer: string;
  vscode: string;
  node: string;
  nodeBinary: string;
  entry: string;
}

/** What scripts/e2e/setup.mjs installed (its marker file). */
export function codeServerInstall(): CodeServerInstall {
  const cache = resolve(process.env.MEC_E2E_CACHE || join(repoRoot(), '.e2e-cache'));
  const marker = join(cache, 'code-server', 'setup-complete.json');
  if (!existsSync(marker)) throw new Error(`code-server is not set up (no ${marker}): run node scripts/e2e/setup.mjs`);
  return JSON.parse(readFileSync(marker, 'utf8')) as CodeServerInstall;
}

/** The .vsix to install when a test does not say: $MEC_VSIX (set by scripts/e2e/run.mjs when one is built). */
export function defaultVsix(): string | undefined {
  return process.env.MEC_VSIX ? resolve(process.env.MEC_VSIX) : undefined;
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'step';

// ---------------------------------------------------------------------------------------------------------------------
// Processes

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? res(port) : rej(new Error('no port'))));
    });
  });
}

/** Process groups this process started and has not yet ended: killed at exit whatever happens. */
const liveGroups = new Set<number>();
/** Temp dirs of sessions not yet stopped: removed at exit too. */
const liveTempDirs = new Set<string>();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const endAll = () => {
    for (const g of liveGroups) killGroup(g, 'SIGKILL');
    if (process.env.MEC_E2E_KEEP !== '1') {
      for (const d of liveTempDirs) {
        try { rmSync(d, { recursive: true, force: true }); } catch { /* best effort */ }
      }
    }
  };
  process.on('exit', endAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      endAll();
      process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    });
  }
}
function trackGroup(pid: number) {
  liveGroups.add(pid);
  installExitHook();
}

function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Poll `check` until it returns a value other than undefined/false, or throw after `timeoutMs`. */
export async function pollUntil<T>(
  what: string, check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number, intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v as T;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** End a process group: SIGTERM, wait for the whole group to be gone, then SIGKILL. */
async function endGroup(pgid: number, timeoutMs = TIMEOUTS.stop): Promise<void> {
  if (!killGroup(pgid, 'SIGTERM')) {
    liveGroups.delete(pgid);
    return;
  }
  try {
    await pollUntil(`process group ${pgid} to exit`, () => !groupAlive(pgid), timeoutMs, 50);
  } catch {
    killGroup(pgid, 'SIGKILL');
    await pollUntil(`process group ${pgid} to die`, () => !groupAlive(pgid), 5_000, 50).catch(() => undefined);
  }
  liveGroups.delete(pgid);
}

/** Spawn in a new process group (detached), output appended to `logFile`. */
function spawnGroup(cmd: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  writeFileSync(fd, `$ ${cmd} ${args.join(' ')}\n`);
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], env });
  closeSync(fd);
  if (child.pid) trackGroup(child.pid);
  return child;
}

function httpStatus(url: string, timeoutMs = 2_000): Promise<number> {
  return new Promise((res, rej) => {
    const req = request(url, { method: 'GET', timeout: timeoutMs }, (r) => {
      r.resume();
      res(r.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', rej);
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Session

export interface StartOptions {
  /** Names the folder test-results/<name>/ for screenshots and failure artefacts. */
  name: string;
  /** Folder to open (copied to a temp dir first unless copyWorkspace is false). Default: test/e2e/workspace. */
  workspace?: string;
  copyWorkspace?: boolean;
  /** .vsix to install first; default $MEC_VSIX; false: no extension. */
  vsix?: string | false;
  /** User settings, merged over the harness defaults. */
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
}

/** User settings that keep the workbench quiet and deterministic. */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  ...quietSettings,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'files.autoSave': 'off',
  'editor.hover.delay': 200,
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
};

export interface VSCodeSession {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly workspace: string;
  readonly tempDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly resultsDir: string;
  readonly vsix: string | undefined;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Open a workspace file via Quick Open (Ctrl+P, type, Enter); resolves when its editor is active. */
  openFile(name: string): Promise<void>;
  /** Run a command by its title via the command palette (F1, type, pick the row with that label). */
  runCommand(title: string): Promise<void>;
  /**
   * Right-click an Explorer row once the extension's contributions are registered (its "Mail Codes" icon shows: a
   * web worker host registers the extension after the workbench is up), and choose `item` from the context menu.
   */
  explorerMenu(row: Locator, item: string): Promise<void>;
  /** Go to a line (Ctrl+G, type the number, Enter), e.g. to bring a line far down into view before hoverAt. */
  goToLine(line: number): Promise<void>;
  /** Move the mouse over `text` in the active editor's rendered lines (scrolling sideways if needed); resolves with
   *  the hover's text (with expectText: once the hover contains it). */
  hoverAt(text: string, opts?: { occurrence?: number; expectText?: string | RegExp; timeoutMs?: number }): Promise<string>;
  /** Move the mouse away and wait until no hover is shown. */
  clearHover(): Promise<void>;
  /** The active editor's visible text (view lines, spaces normalised). */
  editorText(): Promise<string>;
  /** Wait until the active editor's visible text contains `text`. */
  waitForEditorText(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Click into the active editor's text area (gives it focus). */
  focusEditor(): Promise<void>;
  /** The active editor (`.editor-group-container.active .monaco-editor`). */
  activeEditor(): Locator;
  /** A screenshot of the page into test-results/<name>/<step>.png; returns its path. */
  screenshot(step: string): Promise<string>;
  /** Keep a screenshot, logs and the error in test-results/<name>/ (called by guard on failure). */
  saveFailureArtifacts(error?: unknown, step?: string): Promise<void>;
  /** Run `fn`; on failure save the artefacts (screenshot + logs) under `step`, then rethrow. */
  guard<T>(step: string, fn: () => Promise<T>): Promise<T>;
  /** Close the browser, end code-server's process group, remove the temp dir (kept if MEC_E2E_KEEP=1). */
  stop(): Promise<void>;
}

/** Start code-server (+ the .vsix) and a browser on it with `workspace` open; ready when the workbench is shown. */
export async function startVSCode(opts: StartOptions): Promise<VSCodeSession> {
  const root = repoRoot();
  const install = codeServerInstall();
  const name = safeName(opts.name);
  const resultsDir = join(root, 'test-results', name);
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });

  const tempDir = mkdtempSync(join(tmpdir(), `mec-e2e-${name}-`));
  liveTempDirs.add(tempDir);
  installExitHook();
  const userDataDir = join(tempDir, 'user-data');
  const extensionsDir = join(tempDir, 'extensions');
  const home = join(tempDir, 'home');
  for (const d of [userDataDir, extensionsDir, join(userDataDir, 'User'), home]) mkdirSync(d, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2));
  const configFile = join(tempDir, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const serverLog = join(tempDir, 'code-server.log');

  const sourceWorkspace = resolve(opts.workspace ?? join(root, 'test', 'e2e', 'workspace'));
  let workspace = sourceWorkspace;
  if (opts.copyWorkspace !== false) {
    workspace = join(tempDir, 'workspace');
    cpSync(sourceWorkspace, workspace, { recursive: true });
  }

  const vsix = opts.vsix === false ? undefined : opts.vsix ? resolve(opts.vsix) : defaultVsix();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home, // code-server and VS Code write under ~ (config, state): keep it in the temp dir
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    PATH: `${dirname(install.nodeBinary)}:${process.env.PATH ?? ''}`,
    // no extension gallery (code-server's default is open-vsx.org): nothing is fetched from outside this machine
    EXTENSIONS_GALLERY: '{}',
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.NODE_OPTIONS;
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  const consoleLines: string[] = [];
  let stopped = false;
  let failed = false;

  const cleanup = async () => {
    if (stopped) return;
    stopped = true;
    if (browser) await browser.close().catch(() => undefined);
    if (server?.pid) await endGroup(server.pid);
    if (failed || process.env.MEC_E2E_KEEP_LOGS === '1') copyLogs();
    if (consoleLines.length) writeFileSync(join(resultsDir, 'browser-console.log'), consoleLines.join('\n') + '\n');
    if (process.env.MEC_E2E_KEEP === '1') console.log(`[e2e] kept ${tempDir}`);
    else rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 });
    liveTempDirs.delete(tempDir);
  };

  function copyLogs() {
    const dest = join(resultsDir, 'logs');
    mkdirSync(dest, { recursive: true });
    if (existsSync(serverLog)) copyFileSync(serverLog, join(dest, 'code-server.log'));
    // user-data-dir/logs/<session>/{remoteagent.log, exthost1/remoteexthost.log, exthost1/output_logging_*/N-Name.log, …}
    const logsRoot = join(userDataDir, 'logs');
    const walk = (dir: string) => {
      let names: string[] = [];
      try { names = readdirSync(dir); } catch { return; }
      for (const n of names) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith('.log')) {
          const to = join(dest, relative(logsRoot, p));
          mkdirSync(dirname(to), { recursive: true });
          copyFileSync(p, to);
        }
      }
    };
    walk(logsRoot);
  }

  try {
    // 1. the extension, installed by code-server itself (as a person would with `code-server --install-extension`)
    if (vsix) {
      if (!existsSync(vsix)) throw new Error(`no such .vsix: ${vsix}`);
      const inst = spawnGroup(install.nodeBinary, [install.entry, ...common, '--install-extension', vsix], env, serverLog);
      const code = await new Promise<number | null>((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`--install-extension took over ${TIMEOUTS.install} ms`)), TIMEOUTS.install);
        inst.on('exit', (c) => { clearTimeout(timer); res(c); });
        inst.on('error', (e) => { clearTimeout(timer); rej(e); });
      }).finally(() => inst.pid && endGroup(inst.pid, 1_000));
      const out = readFileSync(serverLog, 'utf8');
      if (code !== 0 || !/successfully installed/i.test(out)) {
        throw new Error(`installing ${vsix} failed (exit ${code}):\n${out.slice(-2000)}`);
      }
    }

    // 2. code-server on a free loopback port, in its own process group
    const port = await freePort();
    server = spawnGroup(install.nodeBinary, [
      install.entry, ...common,
      '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      workspace,
    ], env, serverLog);
    let exited: string | undefined;
    server.on('exit', (c, s) => { exited = `code-server exited (${c ?? s})`; });
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
    await pollUntil(`code-server on 127.0.0.1:${port}`, async () => {
      if (exited) throw new Error(`${exited}:\n${readFileSync(serverLog, 'utf8').slice(-2000)}`);
      return (await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200;
    }, TIMEOUTS.ready).catch((e) => {
      if (exited) throw new Error(`${exited}:\n${readFileSync(serverLog, 'utf8').slice(-2000)}`);
      throw e;
    });

    // 3. the browser
    browser = await chromium.launch({
      executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true,
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: env.XDG_CONFIG_HOME, XDG_CACHE_HOME: env.XDG_CACHE_HOME },
    });
    const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUTS.ui);
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    // the page talks to code-server only: any other request is refused (and noted in browser-console.log)
    await context.route((u) => !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) && /^(https?|wss?):$/.test(u.protocol),
      (route) => {
        consoleLines.push(`[harness] blocked request to ${route.request().url()}`);
        return route.abort('blockedbyclient');
      });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: TIMEOUTS.workbench });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: TIMEOUTS.workbench });
    // the explorer shows the folder's files once the remote file system answers
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: TIMEOUTS.workbench });

    const quickInput = page.locator('.quick-input-widget');
    const activeEditor = () => page.locator('.editor-group-container.active .monaco-editor').first();
    const viewText = async (ed: Locator) =>
      ((await ed.locator('.view-lines').first().innerText()) ?? '').replace(/\u00a0/g, ' ');

    const closeQuickInput = async () => {
      if (await quickInput.isVisible()) {
        await page.keyboard.press('Escape');
        await quickInput.waitFor({ state: 'hidden' });
      }
    };

    const session: VSCodeSession = {
      name, port, url, workspace, tempDir, userDataDir, extensionsDir, resultsDir, vsix, browser, context, page,

      async openFile(fileName) {
        await closeQuickInput();
        await page.keyboard.press('Control+P');
        await quickInput.waitFor({ state: 'visible' });
        const input = quickInput.locator('input').first();
        await input.fill(fileName);
        const base = fileName.split('/').pop()!;
        // the first result row for that file name (file search is asynchronous)
        const row = quickInput.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: base }) }).first();
        await row.waitFor({ state: 'visible' });
        await pollUntil(`"${fileName}" to be the selected Quick Open row`, async () =>
          (await quickInput.locator('.monaco-list-row.focused .label-name').first().textContent())?.includes(base), TIMEOUTS.ui);
        await page.keyboard.press('Enter');
        await quickInput.waitFor({ state: 'hidden' });
        await page.locator(`.editor-group-container.active .tab.active[aria-label*="${base.replace(/"/g, '\\"')}"]`)
          .first().waitFor({ state: 'visible' });
        await activeEditor().locator('.view-lines .view-line').first().waitFor({ state: 'visible' });
      },

      async runCommand(title) {
        await closeQuickInput();
        await page.keyboard.press('F1');
        await quickInput.waitFor({ state: 'visible' });
        const input = quickInput.locator('input').first();
        await input.fill(`>${title}`);
        // the row whose label is exactly the title (with or without a "Category: " prefix)
        const row = quickInput.locator('.monaco-list-row').filter({
          has: page.locator('.label-name', { hasText: new RegExp(`^(?:[^:]+: )?${escapeRegExp(title)}$`) }),
        }).first();
        await row.waitFor({ state: 'visible' });
        await row.click();
        await quickInput.waitFor({ state: 'hidden' }).catch(() => undefined); // a command may open its own quick input
      },

      async explorerMenu(row, item) {
        await row.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
        await page.locator('.activitybar .action-item [aria-label^="Mail Codes"], .activitybar .action-label[aria-label^="Mail Codes"]').first().waitFor({ timeout: TIMEOUTS.ui });
        await row.click({ button: 'right' });
        const menu = page.locator('.context-view .monaco-menu').first();
        await menu.waitFor({ state: 'visible' });
        const entry = menu.locator('.action-item', { has: page.locator('.action-label', { hasText: item }) }).first();
        await entry.hover();
        // The item under the mouse is the menu's focused one: Enter runs it (a click can land while the menu opens).
        await pollUntil(`the "${item}" menu item to be focused`, async () => (await entry.getAttribute('class'))?.includes('focused') || undefined, TIMEOUTS.ui);
        await page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden' });
      },

      async goToLine(lineNumber) {
        await closeQuickInput();
        await page.keyboard.press('Control+G');
        await quickInput.waitFor({ state: 'visible' });
        await quickInput.locator('input').first().fill(`:${lineNumber}`);
        await page.keyboard.press('Enter');
        await quickInput.waitFor({ state: 'hidden' });
        await pollUntil(`the cursor on line ${lineNumber}`, async () =>
          (await page.locator('.statusbar-item[id$="status.editor.selection"]').first().innerText()).includes(`Ln ${lineNumber},`),
        TIMEOUTS.ui);
      },

      async hoverAt(text, o = {}) {
        const ed = activeEditor();
        const line = ed.locator('.view-lines .view-line', { hasText: text }).nth(0);
        await line.waitFor({ state: 'visible', timeout: o.timeoutMs ?? TIMEOUTS.ui });
        // the screen position of the n-th occurrence of `text` in that line (a DOM Range over its text nodes)
        const locate = () => line.evaluate((el: any, args: { text: string; occurrence: number }) => {
          const doc = (globalThis as any).document;
          const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
          const nodes: any[] = [];
          let full = '';
          for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push({ n, start: full.length }); full += n.data; }
          const norm = full.replace(/\u00a0/g, ' ');
          let at = -1;
          for (let i = 0; i <= args.occurrence; i++) { at = norm.indexOf(args.text, at + 1); if (at < 0) return null; }
          const pos = (off: number) => {
            const e = nodes.filter((x) => x.start <= off).pop();
            return { node: e.n, offset: off - e.start };
          };
          const a = pos(at);
          const b = pos(at + args.text.length - 1);
          const range = doc.createRange();
          range.setStart(a.node, a.offset);
          range.setEnd(b.node, b.offset + 1);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }, { text, occurrence: o.occurrence ?? 0 });
        // the part of the editor that shows text; a word outside it is scrolled into view with the mouse wheel
        const viewport = await ed.locator('.monaco-scrollable-element.editor-scrollable').first().boundingBox();
        if (!viewport) throw new Error('the active editor is not visible');
        const inside = (p: { x: number; y: number }) =>
          p.x > viewport.x + 8 && p.x < viewport.x + viewport.width - 24 && p.y > viewport.y + 4 && p.y < viewport.y + viewport.height - 16;
        let box = await locate();
        // Monaco scrolls a fixed step (~50 px) per wheel event, whatever its delta: send as many as the distance needs
        const scrollDeadline = Date.now() + TIMEOUTS.ui;
        while (box && !inside(box) && Date.now() < scrollDeadline) {
          const from: { x: number; y: number } = box;
          const dx = from.x - (viewport.x + viewport.width / 2);
          const dy = from.y - (viewport.y + viewport.height / 2);
          const wx = Math.abs(dx) > viewport.width / 2 - 32 ? dx : 0;
          const wy = Math.abs(dy) > viewport.height / 2 - 20 ? dy : 0;
          const steps = Math.max(1, Math.min(40, Math.ceil(Math.max(Math.abs(wx), Math.abs(wy)) / 50)));
          await page.mouse.move(viewport.x + viewport.width / 2, viewport.y + viewport.height / 2);
          for (let i = 0; i < steps; i++) await page.mouse.wheel(wx / steps, wy / steps);
          box = await pollUntil(`"${text}" to scroll`, async () => {
            const b = await locate();
            return b && (b.x !== from.x || b.y !== from.y) ? b : undefined;
          }, 5_000, 50);
        }
        if (!box) throw new Error(`"${text}" (occurrence ${o.occurrence ?? 0}) not found in the rendered editor lines`);
        if (!inside(box)) throw new Error(`could not scroll "${text}" into view`);
        const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: /\S/ }).first();
        // Come from outside, so that the editor sees a fresh mouse move onto the word; again while no hover shows:
        // a mouse that arrived before the extension registered its hover provider (a web worker host starts it
        // late) gets no hover until it moves again.
        const at = box;
        const hoverDeadline = Date.now() + (o.timeoutMs ?? TIMEOUTS.ui);
        for (;;) {
          await page.mouse.move(at.x, at.y + 200);
          await page.mouse.move(at.x, at.y, { steps: 5 });
          const left = hoverDeadline - Date.now();
          try {
            await hover.waitFor({ state: 'visible', timeout: Math.max(1, Math.min(left, 5_000)) });
            break;
          } catch (error) {
            if (Date.now() >= hoverDeadline) throw error;
          }
        }
        if (o.expectText) {
          const want = o.expectText;
          return pollUntil(`a hover containing ${String(want)}`, async () => {
            const t = (await page.locator('.monaco-hover:not(.hidden)').allInnerTexts()).join('\n');
            return (typeof want === 'string' ? t.includes(want) : want.test(t)) ? t : undefined;
          }, o.timeoutMs ?? TIMEOUTS.ui);
        }
        return hover.innerText();
      },

      async clearHover() {
        const vp = page.viewportSize() ?? { width: 1400, height: 900 };
        await page.mouse.move(vp.width - 5, vp.height - 5);
        await page.keyboard.press('Escape');
        await page.locator('.monaco-hover:not(.hidden)').filter({ hasText: /\S/ }).first().waitFor({ state: 'hidden' });
      },

      editorText: () => viewText(activeEditor()),

      async waitForEditorText(want, timeoutMs = TIMEOUTS.ui) {
        return pollUntil(`the editor to show ${String(want)}`, async () => {
          const t = await viewText(activeEditor());
          return (typeof want === 'string' ? t.includes(want) : want.test(t)) ? t : undefined;
        }, timeoutMs);
      },

      async focusEditor() {
        await closeQuickInput();
        const ed = activeEditor();
        await ed.locator('.view-lines').first().click();
        await pollUntil('the editor to have focus', async () =>
          (await ed.getAttribute('class'))?.includes('focused'), TIMEOUTS.ui);
      },

      activeEditor,

      async screenshot(step) {
        const file = join(resultsDir, `${safeName(step)}.png`);
        await page.screenshot({ path: file });
        return file;
      },

      async saveFailureArtifacts(error, step = 'failure') {
        failed = true;
        try {
          await page.screenshot({ path: join(resultsDir, `${safeName(step)}-FAILED.png`), timeout: 10_000 });
        } catch (e) {
          consoleLines.push(`[harness] failure screenshot failed: ${String(e)}`);
        }
        if (error !== undefined) {
          writeFileSync(join(resultsDir, `${safeName(step)}-error.txt`),
            error instanceof Error ? `${error.stack ?? error.message}\n` : `${String(error)}\n`);
        }
        copyLogs();
      },

      async guard(step, fn) {
        try {
          return await fn();
        } catch (e) {
          await session.saveFailureArtifacts(e, step);
          throw e;
        }
      },

      stop: cleanup,
    };
    return session;
  } catch (e) {
    failed = true;
    try {
      const pages = browser?.contexts().flatMap((c) => c.pages()) ?? [];
      if (pages[0]) await pages[0].screenshot({ path: join(resultsDir, 'startup-FAILED.png'), timeout: 10_000 });
    } catch { /* the page may be gone */ }
    writeFileSync(join(resultsDir, 'startup-error.txt'), e instanceof Error ? `${e.stack ?? e.message}\n` : String(e));
    await cleanup();
    throw e;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One VS Code for the tests of a file: started before them and stopped after them, even when they fail. Returns the
 * session (the getter fails clearly when VS Code did not start). `prepare` runs once it is up, in the same hook
 * (root-level `before` hooks are not ordered one after another on Node 20).
 */
export function useVSCode(opts: StartOptions, prepare?: (vs: VSCodeSession) => Promise<void>): () => VSCodeSession {
  let vs: VSCodeSession | undefined;
  before(async () => {
    const t0 = Date.now();
    vs = await startVSCode(opts);
    console.log(`# code-server + workbench ready in ${Date.now() - t0} ms (port ${vs.port})`);
    await prepare?.(vs);
  });
  after(async () => {
    await vs?.stop();
  });
  return () => {
    assert.ok(vs, 'VS Code did not start');
    return vs;
  };
}
