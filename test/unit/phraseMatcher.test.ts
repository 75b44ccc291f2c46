// The phrase matcher reads texts in the normal form that normalize() gives the phrases (case, white space, quotes,
// the codes that open a reply line): on random texts, it finds a phrase exactly when the normalised text contains it,
// at the place where it stands in the original text.
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalize, PhraseMatcher } from '../../server/src/core/catalog/phrases';
import type { CatalogEntry } from '../../server/src/core/types';

const runs = Number(process.env.FUZZ_RUNS ?? 300);
const seed = Number(process.env.FUZZ_SEED ?? 20261123);

const pieces = ['mail', "\\'", '\\"', 'Mail', 'MAIL', 'box', 'full', ' ', '  ', '\t', '\n', '\\n', '\\t', '\\x', '550', '550-', '421 ', '4.7.0', '5.1.1 ', '#5.1.1', '2', '9', '’', '‘', '"', '“', "'", 'é', 'É', 'İ', 'ß', '\u00a0', '\u2028', '😀', '-', '.', ':', 'x'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));
const phrase = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }).map((p) => p.join('')).filter((p) => normalize(p).length >= 3);

function entry(id: string, phrases: string[]): CatalogEntry {
  return { id, family: 'provider', provider: 'test', code: '550', title: id, meaning: '', causes: [], actions: {}, severity: 'permanent', codes: ['550'], phrases, sources: [] } as unknown as CatalogEntry;
}

test(`the matcher finds a phrase exactly where the normal form of the text holds it (${runs} runs)`, () => {
  fc.assert(
    fc.property(text, phrase, (t, p) => {
      const matcher = new PhraseMatcher([entry('e', [p])]);
      const hit = matcher.match(t)?.entries[0];
      const want = normalize(t).includes(normalize(p));
      assert.equal(!!hit, want, `${JSON.stringify(p)} in ${JSON.stringify(t)}`);
      if (hit) {
        // The place is in the original text: its normal form starts with the phrase.
        assert.ok(normalize(t.slice(hit.index)).startsWith(normalize(p)), `${JSON.stringify(p)} at ${hit.index} in ${JSON.stringify(t)}`);
      }
    }),
    { numRuns: runs, seed },
  );
});
