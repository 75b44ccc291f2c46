// The one catalog validator (build, custom catalogs, CLI): problems name the field at fault, not the schema's layers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { duplicateIds, hostProblems, providerProblems, validateCatalog } from '../../server/src/validateCatalog';
import { catalog } from '../helpers';

const good = catalog.entries.find((e) => e.family === 'reply')!;

test('a valid file gives its entries and no problem', () => {
  const { origin: _origin, ...entry } = good;
  const check = validateCatalog({ entries: [entry] });
  assert.deepEqual(check.problems, []);
  assert.equal(check.entries[0].id, good.id);
});

test('problems point at the field: too short, missing, unknown property, wrong type', () => {
  const { origin: _origin, ...entry } = good;
  const { sources: _sources, ...unsourced } = entry;
  const check = validateCatalog({ entries: [{ ...entry, meaning: 'short' }, { ...unsourced, id: 'x.2', colour: 'red' }], extra: 1 });
  assert.deepEqual(check.entries, [], 'a file with problems gives no entries');
  const at = check.problems.map((p) => `${p.at} ${p.message}`);
  assert.ok(at.some((p) => /^#\/entries\/0\/meaning String is too short/.test(p)), at.join('\n'));
  assert.ok(at.some((p) => /^#\/entries\/1 .*required property "sources"/.test(p)), at.join('\n'));
  assert.ok(at.includes('#/entries/1/colour unknown property (not in the schema).'), at.join('\n'));
  assert.ok(at.includes('#/extra unknown property (not in the schema).'), at.join('\n'));
  assert.ok(!at.some((p) => /Items did not match|A subschema had errors|False boolean schema/.test(p)), 'no summary errors');
  assert.match(validateCatalog([]).problems[0].message, /Expected "object"/);
});

test('duplicate ids across files name the first file', () => {
  const seen = new Map<string, string>();
  assert.deepEqual(duplicateIds([good], seen, 'a.json'), []);
  assert.deepEqual(duplicateIds([good, good], seen, 'b.json').map((p) => p.message), [`duplicate id ${good.id} (also in a.json).`, `duplicate id ${good.id} (also in a.json).`]);
});

test('built-in provider files: entries belong to the block, carry its name and a reason; hosts are not shared', () => {
  const entry = catalog.entries.find((e) => e.family === 'provider')!;
  const provider = catalog.provider(entry.provider!)!;
  assert.deepEqual(providerProblems({ provider, entries: [entry] }), []);
  const { reason: _reason, ...noReason } = entry;
  const messages = providerProblems({ provider, entries: [{ ...noReason, provider: 'other', providerName: 'Other' }] }).map((p) => `${p.at} ${p.message}`);
  assert.deepEqual(messages, [
    `#/entries/0/provider ${entry.id}: provider "other" is not the file's provider "${provider.id}".`,
    `#/entries/0/providerName ${entry.id}: providerName "Other" is not the file's provider name "${provider.name}".`,
    `#/entries/0 ${entry.id}: no reason.`,
  ]);
  assert.match(providerProblems({ entries: [entry] })[0].message, /without a provider block/);
  const block = (id: string, hosts: string[]) => ({ id, name: id, hosts, sources: [{ title: 'x' }] });
  assert.deepEqual(hostProblems([block('a', ['a.example']), block('b', ['mx.a.example'])]), []);
  assert.deepEqual(hostProblems([block('a', ['a.example']), block('b', ['a.example']), block('a', [])]), ['the mail host suffix a.example is claimed by a and b', 'two provider blocks with the id a']);
});
