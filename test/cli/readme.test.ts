// Every shell command in the README's fenced blocks that can run here (offline, in seconds) is run as written, with
// bash, from a folder inside this checkout (so that npx finds the tool and relative paths find samples/). A command
// fails the test when it exits with an error or prints a stack trace. The few that cannot run here say why below.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { root } from '../helpers';

/** Commands not run here, and why. Anything else the README shows in a shell block is run. */
const NOT_RUN: [RegExp, string][] = [
  [/^npm install$/, 'installs the dependencies: done before this suite runs'],
  [/^npm test$/, 'this suite'],
  [/^npm start\b/, 'serves VS Code until Ctrl+C: test/e2e/start.e2e.ts runs it, test/cli/start.test.ts its fallback'],
  [/^npm run test:e2e$/, 'the end-to-end suite (.ci/run runs it)'],
  [/^npm run test:vscode$/, 'needs a VS Code download; says SKIPPED where there is none'],
  [/^npm run (bench|fuzz)$/, 'minutes of measurements / property runs'],
  [/^npm run package$/, 'run by npm run test:e2e and npm start, which install the .vsix it makes'],
  [/^tail -F /, 'follows a live system log until stopped; the next command runs the same pipeline on a sample'],
  [/ \/var\/log\//, 'reads this machine\'s own mail logs; the commands above it run the same on samples/'],
];

const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$|internal error/m;
const cwd = join(root, 'out/readme-commands');

before(() => {
  rmSync(cwd, { recursive: true, force: true });
  mkdirSync(cwd, { recursive: true });
  symlinkSync(join(root, 'samples'), join(cwd, 'samples'));
});
after(() => rmSync(cwd, { recursive: true, force: true }));

/** The commands of the README's sh/bash/shell blocks: continuation lines joined, trailing comments dropped. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const commands: string[] = [];
  for (const [, body] of readme.matchAll(/^```(?:sh|bash|shell|console)\n([\s\S]*?)^```$/gm)) {
    const lines = body.replace(/\\\n\s*/g, ' ').split('\n');
    for (const line of lines) {
      const command = stripComment(line).trim();
      if (command && !command.startsWith('#')) commands.push(command);
    }
  }
  return commands;
}

/** `cmd   # comment` → `cmd`; a # inside quotes stays. */
function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

test('the README shows the commands a newcomer needs', () => {
  const commands = readmeCommands();
  for (const wanted of [/^npm install$/, /^npm start$/, /explain /, /scan .*--format json/, /scan .*--format sarif/, /catalog export/, /scan --format json .*-$/]) {
    assert.ok(commands.some((c) => wanted.test(c)), `README: a command like ${wanted}`);
  }
});

test('every README command that can run here runs without an error or a stack trace', () => {
  const ran: string[] = [];
  for (const command of readmeCommands()) {
    const skip = NOT_RUN.find(([pattern]) => pattern.test(command));
    if (skip) continue;
    const before = new Set(readdirSync(cwd));
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', command], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    const shown = `$ ${command}\n(exit ${r.status ?? r.signal})\n${r.stderr}${r.stdout.slice(0, 2000)}`;
    // scan exits 1 when it found errors, as the README says; as the last command of a pipeline it is run with --fail-on none
    const ok = r.status === 0 || (r.status === 1 && / scan /.test(command) && !command.includes('|'));
    assert.ok(ok, shown);
    assert.doesNotMatch(r.stdout + r.stderr, STACK_TRACE, shown);
    const made = readdirSync(cwd).filter((n) => !before.has(n));
    assert.ok(r.stdout.trim() || made.some((n) => statSync(join(cwd, n)).size > 0), `${shown}\nno output`);
    ran.push(command);
  }
  assert.ok(ran.length >= 8, `ran ${ran.length} commands`);
  // What they wrote is what they say it is.
  const sarif = JSON.parse(readFileSync(join(cwd, 'mail.sarif'), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.ok(sarif.runs[0].results.length > 0);
  assert.match(readFileSync(join(cwd, 'mail-error-codes.csv'), 'utf8'), /^id,family,code,/);
  for (const line of readFileSync(join(cwd, 'enhanced.ndjson'), 'utf8').trim().split('\n')) assert.equal(JSON.parse(line).family, 'enhanced');
  assert.ok(existsSync(join(cwd, 'mail-error-codes.bulk')));
});
