// Nothing from outside reaches the terminal raw: file names, arguments, system messages and file content lose their
// control characters (escape sequences), bidirectional overrides, and in one-line messages their line breaks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { reasonOf } from '../../server/src/cli/source';
import { clean, cleanLine } from '../../server/src/cli/terminal';
import { root } from '../helpers';

const CLI = join(root, 'dist/cli.js');
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('clean drops escape sequences and display reordering; cleanLine also joins lines', () => {
  assert.equal(clean('a\u001b[31mred\u001b[0m\tb\nc\u202eevil\u2066x\u0085'), 'a[31mred[0m\tb\ncevilx');
  assert.equal(cleanLine('one\ntwo\r\nthree\u2028four\tfive'), 'one two three four five');
  assert.equal(reasonOf(new Error('open \u001b]0;pwned\u0007 failed\nforged line')), 'open ]0;pwned failed forged line');
  const errno = Object.assign(new Error('ENOENT: no such file or directory, open \u001b[2J'), { code: 'ENOENT' });
  assert.equal(reasonOf(errno), 'no such file or directory');
});

test('a missing file with escapes and a line break in its name: one clean line on stderr', () => {
  const r = run(['scan', 'evil\u001b[2J\u001b]0;title\u0007\nmail-error-codes: all fine.log']);
  assert.equal(r.status, 2);
  assert.doesNotMatch(r.stderr, RAW);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^mail-error-codes: evil\[2J\]0;title mail-error-codes: all fine\.log: no such file or directory$/m);
});

test('an unknown option or command with escapes is quoted clean in the usage error', () => {
  for (const args of [['scan', '--\u001b[6n', 'x.log'], ['explain', '-\u001b[6n'], ['\u001b[6ncommand']]) {
    const r = run(args);
    assert.equal(r.status, 2);
    assert.doesNotMatch(r.stderr, RAW, JSON.stringify(args));
    assert.match(r.stderr, /\[6n/);
  }
});

test('file names and content with escapes are printed clean in text output; JSON escapes them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mec-term-'));
  try {
    const file = join(dir, 'log\u001b[31m\u202e.log');
    writeFileSync(file, 'Nov 23 mx postfix/smtp[1]: status=bounced (host said: 550 5.1.1 \u001b[2J\u001b]8;;https://x\u0007user unknown)\n');
    const text = run(['scan', file]);
    assert.equal(text.status, 1);
    assert.doesNotMatch(text.stdout, RAW);
    assert.match(text.stdout, /log\[31m\.log:1:\d+: error 550 /);
    const json = run(['scan', '--format', 'json', file]);
    assert.doesNotMatch(json.stdout, RAW);
    assert.match(json.stdout, /\\u202e/, 'escaped in JSON, not dropped');
    assert.ok(json.stdout.split('\n').filter(Boolean).every((l) => JSON.parse(l).file === file), 'the real name survives in JSON');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
