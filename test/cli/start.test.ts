// npm start where VS Code cannot run: it says why and shows the command-line tool on the samples instead.
// (Where code-server can be set up, test/e2e/start.e2e.ts starts it and opens the workbench it serves.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { root } from '../helpers';

const START = join(root, 'scripts/start.mjs');
let dir = '';
before(() => { dir = mkdtempSync(join(tmpdir(), 'mec-start-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

function start(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [START, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertCliShown(out: string) {
  assert.match(out, /\$ npx mail-error-codes explain "550 5\.7\.26"/);
  assert.match(out, /^550 — Requested action not taken/m);
  assert.match(out, /^\d+ findings of \d+ codes: \d+ error/m, 'the summary of the sample logs');
  assert.match(out, /samples\/bounce\.eml:\d+:\d+: error dsn j\.doe@example\.org: failed permanently/, 'the bounce, per recipient');
  assert.match(out, /samples\/ticket\.txt:\d+:\d+: \w+ 0x800CCC0F/, 'the ticket');
  assert.doesNotMatch(out, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
}

test('--cli shows the command-line tool on the samples', () => {
  const r = start(['--cli']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Not starting VS Code: you asked for the command line/);
  assertCliShown(r.stdout);
});

test('where code-server cannot be set up, it says why and shows the command line instead', () => {
  // A machine where the setup cannot install code-server: nothing cached, and no npm to install it with.
  const bin = join(dir, 'bin');
  spawnSync('mkdir', ['-p', bin]);
  symlinkSync(process.execPath, join(bin, 'node'));
  const r = start([], { PATH: bin, MEC_E2E_CACHE: join(dir, 'cache') });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Not starting VS Code: VS Code \(code-server\) cannot be set up on this machine:\n {2}npm was not found on PATH/);
  assertCliShown(r.stdout);
});

test('bad options are usage errors', () => {
  for (const args of [['--port', 'eighty'], ['--port', '70000'], ['--folder', join(dir, 'none')], ['--colour']]) {
    const r = start(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /^npm start: /);
  }
  const help = start(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--port N/);
});
