// `catalog export` read back by real consumers: a CSV parser made for the job (csv-parse), SQLite's own CSV import
// (Debian's sqlite3), JSON and NDJSON readers; `catalog validate` on good and bad files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { csvRecord } from '../../server/src/cli/csv';
import { EXPORT_COLUMNS, exportRow } from '../../server/src/core/present/exportRows';
import { catalog, root } from '../helpers';

const CLI = join(root, 'dist/cli.js');
let dir = '';
before(() => { dir = mkdtempSync(join(tmpdir(), 'mec-export-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sqlite = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
const noSqlite = sqlite.status === 0 ? false : 'SKIPPED: sqlite3 is not installed (apt-get install -y sqlite3); .ci/run installs it';
function sql(db: string, ...commands: string[]) {
  const r = spawnSync('sqlite3', ['-batch', '-bail', db, ...commands], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('csv: every entry once, each field as the catalog has it, read back by csv-parse', () => {
  const r = run(['catalog', 'export', '--format', 'csv']);
  assert.equal(r.status, 0, r.stderr);
  const records: string[][] = parse(r.stdout, { relax_column_count: false });
  assert.deepEqual(records[0], [...EXPORT_COLUMNS]);
  assert.equal(records.length - 1, catalog.entries.length);
  const rows = records.slice(1).map((fields) => Object.fromEntries(fields.map((f, i) => [EXPORT_COLUMNS[i], f])));
  assert.deepEqual(rows, catalog.entries.map(exportRow));
  assert.equal(new Set(rows.map((x) => x.id)).size, rows.length, 'ids are unique');
  assert.ok(rows.some((x) => x.meaning.includes(',')) && rows.some((x) => /"/.test(x.title + x.meaning)), 'quoted fields are exercised');
});

test('the rows say what a pipeline needs: class, reason, hard or soft, a short meaning', () => {
  const row = (id: string) => exportRow(catalog.get(id)!);
  assert.deepEqual([row('enhanced.x.1.1').reason, row('enhanced.x.1.1').bounce, row('enhanced.x.1.1').class], ['userunknown', 'hard', 'both']);
  assert.deepEqual([row('enhanced.x.2.2').reason, row('enhanced.x.2.2').bounce], ['mailboxfull', 'soft']);
  assert.deepEqual([row('reply.250').reason, row('reply.250').bounce, row('reply.250').class], ['', '', 'success']);
  const provider = catalog.entries.find((e) => e.family === 'provider' && e.reason === 'authfailure')!;
  assert.deepEqual([exportRow(provider).reason, exportRow(provider).bounce, exportRow(provider).provider], ['authfailure', 'soft', provider.provider]);
  for (const e of catalog.entries) {
    const r = exportRow(e);
    assert.ok(r.meaning.length > 0 && r.meaning.length <= 240, `${e.id}: short meaning (${r.meaning.length})`);
    assert.ok(e.meaning.replace(/\s+/g, ' ').startsWith(r.meaning.replace(/…$/, '')), `${e.id}: the meaning's beginning`);
    assert.ok(['', 'hard', 'soft'].includes(r.bounce), e.id);
    if (r.bounce) assert.notEqual(r.reason, '', `${e.id}: hard/soft only with a reason`);
  }
});

const tricky = ['plain', 'a, b', 'say "550"', 'two\nlines', 'crlf\r\nline', ' padded ', '', '=1+1', 'naïve ✓'];
const trickyCsv = [csvRecord(['n', 'value']), ...tricky.map((v, i) => csvRecord([String(i), v]))].join('\n') + '\n';

test('csv quoting: commas, double quotes, line breaks and outer spaces survive csv-parse', () => {
  assert.deepEqual((parse(trickyCsv, { columns: true }) as { value: string }[]).map((x) => x.value), tricky);
});

test('csv quoting: the same fields survive sqlite3 .import', (t) => {
  if (noSqlite) return t.skip(noSqlite);
  const text = trickyCsv;
  const file = join(dir, 'tricky.csv');
  writeFileSync(file, text);
  const out = sql(join(dir, 'tricky.db'), '.mode csv', `.import ${file} t`, '.mode json', 'SELECT value FROM t ORDER BY CAST(n AS INTEGER)');
  assert.deepEqual(JSON.parse(out).map((x: { value: string }) => x.value), tricky);
});

test('csv loads into SQLite with sqlite3 .import and answers queries', (t) => {
  if (noSqlite) return t.skip(noSqlite);
  const file = join(dir, 'codes.csv');
  const r = run(['catalog', 'export']);
  writeFileSync(file, r.stdout);
  const db = join(dir, 'codes.db');
  sql(db, '.mode csv', `.import ${file} codes`);
  assert.equal(Number(sql(db, 'SELECT count(*) FROM codes').trim()), catalog.entries.length);
  const x11 = JSON.parse(sql(db, '.mode json', "SELECT id, title, reason, bounce, meaning FROM codes WHERE code = 'X.1.1'"));
  const want = exportRow(catalog.get('enhanced.x.1.1')!);
  assert.deepEqual(x11, [{ id: want.id, title: want.title, reason: 'userunknown', bounce: 'hard', meaning: want.meaning }]);
  // A log's 5.1.1 joins the table once its class digit is written as X, as the README shows.
  const joined = sql(db, "SELECT title FROM codes WHERE code = 'X' || substr('5.1.1', 2)").trim();
  assert.equal(joined, want.title);
  const counts = sql(db, "SELECT family, count(*) FROM codes GROUP BY family ORDER BY family").trim().split('\n');
  const expected = ['enhanced', 'outlook', 'provider', 'reply'].map((f) => `${f}|${catalog.entries.filter((e) => e.family === f).length}`);
  assert.deepEqual(counts, expected);
});

test('json, ndjson and bulk hold the same rows; --family and --columns select', () => {
  const all = catalog.entries.map(exportRow);
  const json = run(['catalog', 'export', '--format', 'json']);
  assert.equal(json.status, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout), all);
  const ndjson = run(['catalog', 'export', '-f', 'ndjson']).stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(ndjson, all);
  const bulk = run(['catalog', 'export', '-f', 'bulk']).stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(bulk.length, all.length * 2);
  for (let i = 0; i < all.length; i++) {
    assert.deepEqual(bulk[2 * i], { index: { _id: all[i].id } }, 'an action line names the document id');
    assert.deepEqual(bulk[2 * i + 1], all[i]);
  }
  const some = JSON.parse(run(['catalog', 'export', '-f', 'json', '--family', 'reply,outlook', '--columns', 'code,title']).stdout);
  assert.equal(some.length, catalog.entries.filter((e) => e.family === 'reply' || e.family === 'outlook').length);
  assert.deepEqual(Object.keys(some[0]), ['code', 'title']);
  const twoColumns = parse(run(['catalog', 'export', '--family', 'enhanced', '--family', 'reply', '--columns', 'code,reason']).stdout);
  assert.deepEqual(twoColumns[0], ['code', 'reason']);
  assert.ok(twoColumns.every((r: string[]) => r.length === 2));
  for (const bad of [['--format', 'xml'], ['--family', 'smtp'], ['--columns', 'code,colour'], ['extra']]) {
    const r = run(['catalog', 'export', ...bad]);
    assert.equal(r.status, 2, bad.join(' '));
    assert.match(r.stderr, /^mail-error-codes: /);
  }
  assert.equal(run(['catalog']).status, 2);
});

test('catalog validate: a good file, a bad one, a broken one, a missing one', () => {
  const { origin: _origin, ...entry } = catalog.get('reply.550')!;
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ entries: [{ ...entry, id: 'acme.550' }] }));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ entries: [{ ...entry, id: 'acme.550', meaning: 'short' }, { ...entry }] }));
  const clash = join(dir, 'clash.json');
  writeFileSync(clash, JSON.stringify({ entries: [entry] }));
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{ "entries": [');
  const ok = run(['catalog', 'validate', good]);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /good\.json: valid, 1 entry/);
  const r = run(['catalog', 'validate', bad, clash, broken]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /bad\.json: #\/entries\/0\/meaning: String is too short/);
  assert.match(r.stdout, /clash\.json: #\/entries\/0\/id: duplicate id reply\.550 \(also in the built-in catalog\)/);
  assert.match(r.stderr, /broken\.json: not valid JSON/);
  assert.equal(run(['catalog', 'validate', join(dir, 'missing.json')]).status, 2);
});
