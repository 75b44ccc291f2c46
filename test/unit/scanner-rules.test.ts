// The recognition rules are data (server/src/core/scan/rules.ts): every rule's examples are run here, the texts
// where it must find its code (by this very rule; the last occurrence when the code is written twice) and those
// where nothing may find it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rules, vetoes, type Example } from '../../server/src/core/scan/rules';
import { scan } from '../../server/src/core/scan/scanner';
import { catalog } from '../helpers';

const codesOf = (ex: Example) => scan(ex.text, catalog, 0, ex.text.length, { bounce: ex.bounce, aboutMail: ex.aboutMail }).filter((f) => f.family !== 'provider' && f.family !== 'dsn-summary');

test('every rule finds its code in each of its examples, by itself', () => {
  const problems: string[] = [];
  for (const rule of rules) {
    if (!rule.found.length) problems.push(`${rule.family}/${rule.id} has no example where it finds a code`);
    for (const ex of rule.found) {
      const hit = codesOf(ex).reverse().find((f) => f.code === ex.code);
      if (!hit) problems.push(`${rule.family}/${rule.id}: ${ex.code} not found in ${JSON.stringify(ex.text)}`);
      else if (`${hit.family}/${hit.rule}` !== `${rule.family}/${rule.id}`) problems.push(`${rule.family}/${rule.id}: ${ex.code} in ${JSON.stringify(ex.text)} found by ${hit.rule}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('no rule finds a code in the examples where a rule must not', () => {
  const problems: string[] = [];
  for (const rule of rules) {
    if (!rule.notFound.length) problems.push(`${rule.family}/${rule.id} has no example where it must not find a code`);
    for (const ex of rule.notFound) {
      const hit = codesOf(ex).find((f) => f.code === ex.code);
      if (hit) problems.push(`${rule.family}/${rule.id}: ${ex.code} found by ${hit.rule} in ${JSON.stringify(ex.text)}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every veto keeps its examples clean and is used', () => {
  const problems: string[] = [];
  for (const veto of vetoes) {
    if (!veto.vetoed.length) problems.push(`${veto.id} has no example`);
    for (const ex of veto.vetoed) {
      const hit = codesOf(ex).find((f) => f.code === ex.code);
      if (hit) problems.push(`${veto.id}: ${ex.code} found by ${hit.rule} in ${JSON.stringify(ex.text)}`);
    }
    if (!veto.global && !rules.some((r) => r.unless?.includes(veto.id))) problems.push(`${veto.id} is used by no rule`);
  }
  for (const rule of rules) for (const id of rule.unless ?? []) if (!vetoes.some((v) => v.id === id)) problems.push(`${rule.id}: unknown veto ${id}`);
  assert.deepEqual(problems, []);
});

test('rule ids are unique within a family, and each says what it recognises', () => {
  const ids = rules.map((r) => `${r.family}/${r.id}`);
  assert.deepEqual([...new Set(ids)], ids);
  for (const r of rules) assert.ok(r.description.length > 10, r.id);
});
