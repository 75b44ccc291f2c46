// Recall and false findings over the corpus of real-world shapes in test/fixtures/real: MTA and provider logs,
// bounces, and logs that are not about mail at all. Each fixture has a `.expected` file that lists, per line, the
// codes a reader sees there ("12: 550 5.1.1"); every other code found is a false finding. The figures are printed;
// the test fails unless every expected code is found and nothing else is.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { scanLines, sinkFor, type Hit } from '../../server/src/cli/scan';
import { analyze } from '../../server/src/core/analyze';
import { catalog, fixture, pieces, root } from '../helpers';

const CLASSES = ['logs', 'bounces', 'nonmail'] as const;
type Class = (typeof CLASSES)[number];

/** line → codes, from "12: 550 5.1.1" lines ('#' starts a comment). */
function readExpected(text: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const m = /^(\d+):\s*(.*)$/.exec(line);
    if (!m) throw new Error(`bad expected line: ${raw}`);
    out.set(Number(m[1]), m[2].split(/\s+/).filter(Boolean));
  }
  return out;
}

/** line → codes found (reply, enhanced and Outlook codes: provider entries and DSN summaries are not codes). */
function found(text: string, name: string): Map<number, string[]> {
  const findings = analyze(text, catalog, name.endsWith('.eml') ? { message: true } : {}).findings;
  const starts = [0];
  for (const m of text.matchAll(/\r\n?|\n/g)) starts.push(m.index + m[0].length);
  const out = new Map<number, string[]>();
  for (const f of findings) {
    if (f.family !== 'reply' && f.family !== 'enhanced' && f.family !== 'outlook') continue;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= f.start) lo = mid;
      else hi = mid - 1;
    }
    const line = lo + 1;
    out.set(line, [...(out.get(line) ?? []), f.code]);
  }
  return out;
}

/** Every expected code must be written on its line: a wrong line number in a .expected file fails loudly. */
function checkExpected(text: string, expected: Map<number, string[]>, name: string) {
  const lines = text.split(/\r\n?|\n/);
  for (const [line, codes] of expected) {
    let rest = (lines[line - 1] ?? '').toLowerCase();
    for (const code of codes) {
      const k = rest.indexOf(code.toLowerCase().replace(/^0x/, ''));
      assert.ok(k >= 0, `${name}:${line}: ${code} is not written on that line`);
      rest = rest.slice(0, k) + ' '.repeat(code.length) + rest.slice(k + code.length);
    }
  }
}

interface Tally {
  files: number;
  expected: number;
  matched: number;
  missed: string[];
  extra: string[];
}

function measure(): Record<Class, Tally> {
  const tallies = {} as Record<Class, Tally>;
  for (const cls of CLASSES) {
    const tally: Tally = { files: 0, expected: 0, matched: 0, missed: [], extra: [] };
    const dir = join(root, 'test/fixtures/real', cls);
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.expected') || name.endsWith('.md')) continue;
      tally.files++;
      const text = fixture(`real/${cls}/${name}`);
      const expected = readExpected(fixture(`real/${cls}/${name}.expected`));
      checkExpected(text, expected, `${cls}/${name}`);
      const got = found(text, name);
      for (const line of new Set([...expected.keys(), ...got.keys()])) {
        const want = [...(expected.get(line) ?? [])];
        const have = [...(got.get(line) ?? [])];
        tally.expected += want.length;
        for (const code of have) {
          const k = want.indexOf(code);
          if (k >= 0) {
            want.splice(k, 1);
            tally.matched++;
          } else tally.extra.push(`${cls}/${name}:${line} ${code}`);
        }
        for (const code of want) tally.missed.push(`${cls}/${name}:${line} ${code}`);
      }
    }
    tallies[cls] = tally;
  }
  return tallies;
}

test('recall and false findings over the real-world corpus', (t) => {
  const tallies = measure();
  for (const cls of CLASSES) {
    const x = tallies[cls];
    const recall = x.expected ? ((100 * x.matched) / x.expected).toFixed(1) : '—';
    t.diagnostic(`${cls}: ${x.files} files, recall ${recall}% (${x.matched}/${x.expected}), false findings ${x.extra.length}`);
  }
  const missed = CLASSES.flatMap((c) => tallies[c].missed);
  const extra = CLASSES.flatMap((c) => tallies[c].extra);
  for (const m of missed) t.diagnostic(`missed ${m}`);
  for (const e of extra) t.diagnostic(`false ${e}`);
  assert.ok(tallies.logs.files > 10 && tallies.bounces.files > 20 && tallies.nonmail.files > 8, 'the corpus is all there');
  assert.deepEqual({ missed, extra }, { missed: [], extra: [] });
});

/** Every fixture of the corpus, with its class and name. */
function corpus(): { cls: Class; name: string; text: string }[] {
  return CLASSES.flatMap((cls) => readdirSync(join(root, 'test/fixtures/real', cls)).sort()
    .filter((name) => !name.endsWith('.expected') && !name.endsWith('.md'))
    .map((name) => ({ cls, name, text: fixture(`real/${cls}/${name}`) })));
}

test('line endings change nothing: LF, CRLF and (for messages) CR alone give the same codes on the same lines', () => {
  for (const { cls, name, text } of corpus()) {
    const lf = text.replace(/\r\n?/g, '\n');
    const want = [...found(lf, name)];
    assert.deepEqual([...found(lf.replace(/\n/g, '\r\n'), name)], want, `${cls}/${name} with CRLF`);
    if (name.endsWith('.eml')) assert.deepEqual([...found(lf.replace(/\n/g, '\r'), name)], want, `${cls}/${name} with CR`);
  }
});

test('the command line, reading logs in small chunks, finds what a scan of the whole log finds', async () => {
  for (const { cls, name, text } of corpus()) {
    if (name.endsWith('.eml')) continue;
    const want = analyze(text, catalog).findings.map((f) => `${f.start}:${f.code}`);
    const bytes = Buffer.from(text);
    for (const [piece, region] of [[1, 1], [7, 50], [64, 300]]) {
      const hits: Hit[] = [];
      await scanLines(pieces(bytes, piece), catalog, sinkFor({ hits: (h) => void hits.push(...h), note() {} }), { regionBytes: region, chunkChars: region });
      const starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      assert.deepEqual(hits.map((h) => `${starts[h.line - 1] + h.character}:${h.finding.code}`), want, `${cls}/${name} piece ${piece} region ${region}`);
    }
  }
});
