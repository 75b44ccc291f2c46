// scripts/bench-readme.mjs: the README's performance table comes from the results, between its markers only.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BEGIN, BENCH_ROWS, END, benchTable, writeBenchTable } from '../../scripts/bench-readme.mjs';

const meta = { date: '2026-11-30', cores: 2, cpu: 'Test CPU', node: 'v20.20.2' };
const results = {
  scanner: { sizeMB: 50, findings: 191255, scanMs: 430, rgMs: 61, ratioToRg: 7.05, MBps: 116 },
  catalog: { entries: 505, bytes: 669718, loadMs: 2.3 },
  vsix: { bytes: 637000 },
};

test('the table has one row per BENCH_ROWS entry, figures from the results, "not measured" where they are missing', () => {
  const table = benchTable(results, meta);
  assert.match(table, /^Measured by `npm run bench` on 2026-11-30, on 2 cores \(Test CPU\), Node v20\.20\.2/);
  const rows = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| What'));
  assert.equal(rows.length, BENCH_ROWS.length);
  assert.equal(rows[0], '| Core scanner over a generated 50 MB mail log | 430 ms (116 MB/s, 191 255 findings) | `rg -c` with a pattern for the same kinds of code: 61 ms | 7.0× rg |');
  assert.match(table, /\| Loading the compiled catalog \| 2\.3 ms \(505 entries, 654 KB\) \| {2}\| {2}\|/);
  assert.match(table, /\| Language server, `didOpen` of a generated 40 MB log → its first `publishDiagnostics`, over stdio \| not measured \|/);
  assert.match(benchTable(results, { ...meta, loadAverage: 3.2 }), /on 2 cores \(Test CPU, load average 3\.2 at the start\), Node/, 'a busy machine says so');
});

test('writeBenchTable replaces what is between the markers and keeps the rest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mec-bench-'));
  try {
    const file = join(dir, 'README.md');
    writeFileSync(file, `# T\n\n## Performance\n\n${BEGIN}\nold table\n${END}\n\n## Next\ntext\n`);
    writeBenchTable(file, results, meta);
    const once = readFileSync(file, 'utf8');
    assert.ok(once.startsWith('# T\n\n## Performance\n\n<!-- bench:begin -->\nMeasured by'));
    assert.ok(once.endsWith(`|\n${END}\n\n## Next\ntext\n`));
    assert.doesNotMatch(once, /old table/);
    writeBenchTable(file, results, meta);
    assert.equal(readFileSync(file, 'utf8'), once, 'a second run with the same results changes nothing');
    writeFileSync(file, '# no markers\n');
    assert.throws(() => writeBenchTable(file, results, meta), /no <!-- bench:begin --> … <!-- bench:end --> section/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
