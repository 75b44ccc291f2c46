// The report's Postfix totals against pflogsumm's (Debian package pflogsumm) on the same logs: delivered, deferred
// (messages, and deferrals), bounced and rejected must agree. Runs pflogsumm where it is installed (.ci/run installs
// it); elsewhere the test is skipped and says so.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { root } from '../helpers';
import { generatePostfixLog } from './generatePostfix';

const CLI = join(root, 'dist/cli.js');
const which = spawnSync('sh', ['-c', 'command -v pflogsumm'], { encoding: 'utf8' });
const pflogsumm = which.status === 0 ? which.stdout.trim() : undefined;
const SKIP = 'SKIPPED: pflogsumm is not installed (Debian/Ubuntu: apt-get install pflogsumm); the agreement with it is not checked';
if (!pflogsumm) console.log(SKIP);
const dir = mkdtempSync(join(tmpdir(), 'mec-pflogsumm-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Totals {
  delivered: number;
  deferredMessages: number;
  deferrals: number;
  bounced: number;
  rejected: number;
}

function theirs(file: string): Totals {
  const r = spawnSync(pflogsumm!, [file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr);
  const count = (what: RegExp) => {
    const m = what.exec(r.stdout);
    assert.ok(m, `pflogsumm printed no ${what}`);
    return Number(m[1]);
  };
  return {
    delivered: count(/^\s*(\d+)\s+delivered$/m),
    deferredMessages: count(/^\s*(\d+)\s+deferred\b/m),
    // "deferred  (7  deferrals)" — absent when there are none
    deferrals: /^\s*\d+\s+deferred\s+\((\d+)\s+deferrals\)/m.test(r.stdout) ? count(/^\s*\d+\s+deferred\s+\((\d+)\s+deferrals\)/m) : 0,
    bounced: count(/^\s*(\d+)\s+bounced$/m),
    rejected: count(/^\s*(\d+)\s+rejected\b/m),
  };
}

function ours(file: string): Totals {
  const r = spawnSync(process.execPath, [CLI, 'report', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  return {
    delivered: report.totals.delivered,
    deferredMessages: report.messages.deferred,
    deferrals: report.totals.deferred,
    bounced: report.totals.bounced,
    rejected: report.totals.rejected,
  };
}

test('Postfix: the report agrees with pflogsumm on the fixture (counted by hand too)', { skip: pflogsumm ? false : SKIP }, () => {
  assert.ok(existsSync(CLI), 'run npm run build first');
  const file = join(root, 'test/fixtures/report/postfix.log');
  const mine = ours(file);
  assert.deepEqual(mine, theirs(file));
  assert.deepEqual(mine, { delivered: 6, deferredMessages: 3, deferrals: 7, bounced: 2, rejected: 6 });
});

test('Postfix: the report agrees with pflogsumm on a generated log of 20 000 messages', { skip: pflogsumm ? false : SKIP }, () => {
  const file = join(dir, 'generated.log');
  writeFileSync(file, generatePostfixLog(20_000, 7));
  const mine = ours(file);
  console.log(`# pflogsumm and the report on ${file}: ${JSON.stringify(mine)}`);
  assert.ok(mine.delivered > 10_000 && mine.deferrals > 2_000 && mine.bounced > 1_000 && mine.rejected > 1_000, 'every kind of line occurs many times');
  assert.deepEqual(mine, theirs(file));
});
