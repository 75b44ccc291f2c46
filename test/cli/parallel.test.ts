// The built CLI on worker threads: big inputs cut into parts (here small parts, so that small files are cut too) give
// byte for byte the output of one thread, in every format, in the same order, with the same messages and exit status.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { planJobs } from '../../server/src/cli/parallel';
import { root } from '../helpers';
import { generateLog } from '../../scripts/generate-log.mjs';
import { mixedLog } from './mixedLog';

const CLI = join(root, 'dist/cli.js');
let dir = '';

function run(args: string[], threads: number) {
  const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', MAIL_ERROR_CODES_THREADS: String(threads), MAIL_ERROR_CODES_PART_BYTES: '65536' };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'mec-parallel-'));
  writeFileSync(join(dir, 'mixed.log'), mixedLog(1_500_000, 11));
  writeFileSync(join(dir, 'plain.log'), generateLog(1_200_000, 4, { hard: true }));
  writeFileSync(join(dir, 'binary.dat'), Buffer.alloc(300_000, 0));
  copyFileSync(join(root, 'test/fixtures/eml/bounce-postfix.eml'), join(dir, 'bounce.eml'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('one file cut into parts on 2 and 3 threads: the same output as on one thread, in every format', () => {
  const file = join(dir, 'mixed.log');
  for (const args of [['--summary'], ['--summary', '-f', 'json'], ['-f', 'json'], ['-f', 'text'], ['--all', '-f', 'json'], ['--fail-on', 'warning']]) {
    const one = run(['scan', ...args, file], 1);
    assert.ok(one.stdout.length > 1000, `${args.join(' ')}: something was found`);
    for (const threads of [2, 3]) {
      const many = run(['scan', ...args, file], threads);
      assert.equal(many.stdout, one.stdout, `${args.join(' ')} on ${threads} threads`);
      assert.equal(many.stderr, one.stderr);
      assert.equal(many.status, one.status);
    }
  }
});

test('many files, some unreadable, a message among them: same output, same messages, same order', () => {
  const files = ['mixed.log', 'missing.log', 'plain.log', 'binary.dat', 'bounce.eml', 'mixed.log', dir].map((f) => (f === dir ? f : join(dir, f)));
  for (const args of [['--summary'], ['-f', 'json'], ['-f', 'text']]) {
    const one = run(['scan', ...args, ...files], 1);
    assert.equal(one.status, 2, 'unreadable inputs: exit 2');
    assert.match(one.stderr, /missing\.log: no such file or directory\n.*binary\.dat: binary file, skipped\n.*: is a directory\n$/s);
    const many = run(['scan', ...args, ...files], 3);
    assert.equal(many.stdout, one.stdout, args.join(' '));
    assert.equal(many.stderr, one.stderr, args.join(' '));
    assert.equal(many.status, one.status);
  }
});

test('threads only from 64 MB of input: a 40 MB log is one job, a 70 MB log parts cut at line starts', async () => {
  const line = 'Nov 23 10:00:01 mx1 postfix/smtp[1]: A1: to=<a@example.org>, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n';
  const small = join(dir, 'forty.log');
  const big = join(dir, 'seventy.log');
  writeFileSync(small, line.repeat(Math.ceil(40e6 / line.length)));
  writeFileSync(big, line.repeat(Math.ceil(70e6 / line.length)));
  const env = {};
  assert.equal(await planJobs([small], 2, env), undefined, 'below 64 MB: no threads');
  const jobs = await planJobs([big], 2, env);
  assert.ok(jobs && jobs.length >= 2 && jobs.length % 2 === 0, `parts for two threads: ${jobs?.length}`);
  const size = statSync(big).size;
  assert.deepEqual([jobs[0].start, jobs.at(-1)!.end], [0, size]);
  for (let k = 1; k < jobs.length; k++) {
    assert.equal(jobs[k].start, jobs[k - 1].end, 'the parts follow each other');
    assert.equal(jobs[k].start! % line.length, 0, 'each part starts at a line start');
  }
  rmSync(small);
  rmSync(big);
});
