#!/usr/bin/env node
// npm start: the extension in a real VS Code, at once. Packages the extension, sets up code-server (VS Code in the
// browser; installed and cached by scripts/e2e/setup.mjs, the same install the end-to-end tests use, in
// $MEC_E2E_CACHE or .e2e-cache/), installs the .vsix into a fresh profile, opens a copy of samples/ (a Postfix log,
// an Exim log, a bounce, a support ticket) and prints the address to open. Loopback only, no password.
// Ctrl+C ends code-server and everything it started (its process group) and removes the temporary profile.
// Where code-server cannot be set up, it says why and shows the command-line tool on the samples instead.
//
// Usage: npm start [-- --port N] [-- --folder DIR] [-- --cli]
// Env: MEC_E2E_CACHE (where code-server is cached), MEC_VSIX (a .vsix to install instead of packaging this checkout).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const samples = join(root, 'samples');
const DEFAULT_PORT = 8080;
const READY_MS = 120_000;
const STOP_MS = 10_000;

const USAGE = `Usage: npm start [-- --port N] [-- --folder DIR] [-- --cli]
  --port N      serve on 127.0.0.1:N (default ${DEFAULT_PORT}, or a free port when that one is taken)
  --folder DIR  open DIR instead of a copy of the samples
  --cli         do not start VS Code: show the command-line tool on the samples`;

const say = (text = '') => process.stdout.write(`${text}\n`);
const fail = (text, status = 2) => {
  process.stderr.write(`npm start: ${text}\n`);
  process.exit(status);
};

let args;
try {
  args = parseArgs({ options: { port: { type: 'string' }, folder: { type: 'string' }, cli: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
if (args.help) {
  say(USAGE);
  process.exit(0);
}
const port = args.port === undefined ? undefined : Number(args.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) fail(`--port needs a port number (1-65535), not "${args.port}"\n${USAGE}`);
const folder = args.folder === undefined ? undefined : resolve(args.folder);
if (folder !== undefined && !(existsSync(folder) && statSync(folder).isDirectory())) fail(`--folder ${args.folder}: no such folder`);

if (args.cli) {
  showCli('you asked for the command line (--cli).');
  process.exit(0);
}

// 1. code-server, from the e2e setup's cache (installed on first use: a few minutes, once per machine).
say('Setting up VS Code (code-server); the first run installs it, later runs find it cached.');
const setup = spawnSync(process.execPath, [join(root, 'scripts/e2e/setup.mjs'), '--no-browser'], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
if (setup.status !== 0) {
  const why = (setup.stderr || setup.error?.message || `the setup exited with ${setup.status ?? setup.signal}`).trim().replace(/^\[e2e-setup\] FAILED: /m, '');
  showCli(`VS Code (code-server) cannot be set up on this machine:\n${why.split('\n').map((l) => `  ${l}`).join('\n')}`);
  process.exit(0);
}
const install = JSON.parse(readFileSync(join(resolve(process.env.MEC_E2E_CACHE || join(root, '.e2e-cache')), 'code-server', 'setup-complete.json'), 'utf8'));

// 2. the extension: this checkout, packaged (or $MEC_VSIX)
let vsix = process.env.MEC_VSIX ? resolve(process.env.MEC_VSIX) : undefined;
if (!vsix) {
  say('Packaging the extension (npm run package) …');
  const pack = spawnSync('npm', ['run', 'package', '--silent'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (pack.status !== 0) fail(`npm run package failed:\n${pack.stdout}${pack.stderr}${pack.error?.message ?? ''}`, 1);
  vsix = join(root, 'dist/mail-error-codes.vsix');
}
if (!existsSync(vsix)) fail(`no .vsix at ${vsix}`, 1);

// 3. a fresh profile, the workspace, the port
const temp = mkdtempSync(join(tmpdir(), 'mail-error-codes-start-'));
const userData = join(temp, 'user-data');
const extensions = join(temp, 'extensions');
const home = join(temp, 'home');
for (const d of [join(userData, 'User'), extensions, home]) mkdirSync(d, { recursive: true });
const workspace = folder ?? join(temp, 'samples');
if (!folder) cpSync(samples, workspace, { recursive: true });
// The quiet workbench of the end-to-end tests (no tips, updates, telemetry or chat), opening on samples/README.md.
const quiet = JSON.parse(readFileSync(join(root, 'scripts/e2e/quiet-settings.json'), 'utf8'));
writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...quiet, 'workbench.startupEditor': 'readme' }, null, 2));
const config = join(temp, 'code-server.yaml');
writeFileSync(config, 'auth: none\ncert: false\n');
const serverLog = join(temp, 'code-server.log');
const env = {
  ...process.env,
  HOME: home,
  XDG_CONFIG_HOME: join(home, '.config'),
  XDG_DATA_HOME: join(home, '.local', 'share'),
  XDG_CACHE_HOME: join(home, '.cache'),
  PATH: `${dirname(install.nodeBinary)}:${process.env.PATH ?? ''}`,
  EXTENSIONS_GALLERY: '{}', // no extension marketplace: nothing is fetched from outside this machine
};
delete env.NODE_OPTIONS;
delete env.VSCODE_IPC_HOOK_CLI;
const common = [install.entry, '--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];

/** Process groups started here: ended on exit whatever happens. */
const groups = new Set();
let stopping = false;
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
async function stop(status) {
  if (stopping) return;
  stopping = true;
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch { /* gone */ }
  }
  const deadline = Date.now() + STOP_MS;
  while ([...groups].some(groupAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100)); // bounded wait for the group to exit
  for (const pgid of groups) {
    if (!groupAlive(pgid)) continue;
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch { /* gone */ }
  }
  rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  say('Stopped; the temporary profile is removed.');
  process.exit(status);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(0));
process.on('exit', () => {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch { /* gone */ }
  }
});

function startGroup(argv) {
  const fd = openSync(serverLog, 'a');
  const child = spawn(install.nodeBinary, argv, { detached: true, stdio: ['ignore', fd, fd], env });
  closeSync(fd);
  if (child.pid) groups.add(child.pid);
  return child;
}
const logTail = () => (existsSync(serverLog) ? readFileSync(serverLog, 'utf8').split('\n').slice(-30).join('\n') : '');

// 4. install the .vsix the way a person would, then serve
const installer = startGroup([...common, '--install-extension', vsix]);
const installed = await new Promise((res) => installer.on('exit', (code) => res(code)));
groups.delete(installer.pid);
if (installed !== 0 || !/successfully installed/i.test(readFileSync(serverLog, 'utf8'))) {
  process.stderr.write(`npm start: installing ${vsix} into code-server failed:\n${logTail()}\n`);
  await stop(1);
}

const chosen = port ?? ((await portFree(DEFAULT_PORT)) ? DEFAULT_PORT : await freePort());
if (port !== undefined && !(await portFree(port))) {
  process.stderr.write(`npm start: port ${port} on 127.0.0.1 is in use; choose another with --port\n`);
  await stop(2);
}
const server = startGroup([
  ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${chosen}`, '--disable-telemetry', '--disable-update-check',
  '--disable-workspace-trust', '--disable-getting-started-override', workspace,
]);
server.on('exit', (code, signal) => {
  if (stopping) return;
  process.stderr.write(`npm start: code-server exited (${code ?? signal}):\n${logTail()}\n`);
  stop(1);
});
const deadline = Date.now() + READY_MS;
while (!(await healthy(chosen))) {
  if (Date.now() > deadline) {
    process.stderr.write(`npm start: code-server did not answer on 127.0.0.1:${chosen} within ${READY_MS / 1000} s:\n${logTail()}\n`);
    await stop(1);
  }
  await new Promise((r) => setTimeout(r, 250)); // polling the health endpoint until it answers, bounded by the deadline
}

const url = `http://127.0.0.1:${chosen}/?folder=${encodeURIComponent(workspace)}`;
say('');
say(`Mail Error Codes is running in VS Code ${install.vscode} (code-server ${install.codeServer}). Open:`);
say('');
say(`    ${url}`);
say('');
say(folder ? `Folder: ${workspace}` : `Samples (a copy, removed when you stop): ${workspace}`);
say('  postfix.log, exim.log: hover a code; View > Problems lists them all');
say('  bounce.eml: every recipient with its reason and hard or soft bounce (hover it)');
say('  ticket.txt: a pasted support ticket with an Outlook error and a Microsoft 365 bounce');
say('  the Mail Codes icon in the activity bar: the catalog and the codes of the open file');
say(`Only this machine can connect (127.0.0.1, no password). From another machine: ssh -L ${chosen}:127.0.0.1:${chosen} THIS-HOST`);
say('Press Ctrl+C to stop.');

function portFree(p) {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(p, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address();
      srv.close(() => res(p));
    });
  });
}

function healthy(p) {
  return new Promise((res) => {
    const req = request(`http://127.0.0.1:${p}/healthz`, { timeout: 2_000 }, (r) => {
      r.resume();
      res(r.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => res(false));
    req.end();
  });
}

/** The fallback: what VS Code would have shown, from the command-line tool on the samples. */
function showCli(why) {
  say(`Not starting VS Code: ${why}`);
  say('');
  say('Here is the same catalog and scanner on the command line, on the sample files in samples/:');
  const cli = join(root, 'bin/mail-error-codes.js');
  const show = (title, cliArgs) => {
    say('');
    say(`$ npx mail-error-codes ${cliArgs.map((a) => (/[\s'"$]/.test(a) ? `"${a}"` : a)).join(' ')}    # ${title}`);
    const r = spawnSync(process.execPath, [cli, ...cliArgs], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: process.env.NO_COLOR ?? '' } });
    process.stdout.write(r.stdout);
    if (r.stderr) process.stdout.write(r.stderr);
  };
  show('what a code means', ['explain', '550 5.7.26']);
  show('every code in a log, counted', ['scan', '--summary', '--fail-on', 'none', 'samples/postfix.log', 'samples/exim.log']);
  show('each recipient of a bounce, and where each code is', ['scan', '--fail-on', 'none', 'samples/bounce.eml']);
  show('a pasted support ticket', ['scan', '--fail-on', 'none', 'samples/ticket.txt']);
  say('');
  say('More: npx mail-error-codes --help');
}
