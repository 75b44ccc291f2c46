// Checks catalog files against catalog/schema.json. The one validator: the build (scripts/compile-catalog.mjs), the
// language server's custom catalogs, the CLI's `catalog validate` and the tests use it.
import { Validator, type OutputUnit } from '@cfworker/json-schema';
import schema from '../../catalog/schema.json';
import type { CatalogEntry } from './core/types';

const validator = new Validator(schema as object, '2020-12', false);

/** One problem: the JSON pointer of the value at fault (`#/entries/3/meaning`) and what is wrong with it. */
export interface CatalogProblem {
  at: string;
  message: string;
}

export interface CatalogCheck {
  /** The file's entries; empty when it has problems (a file is taken whole or not at all). */
  entries: CatalogEntry[];
  problems: CatalogProblem[];
}

/** Keywords that only say "something below failed": the errors below them name the field and are the useful ones. */
const SUMMARIES = new Set([
  'properties', 'items', 'prefixItems', '$ref', '$dynamicRef', 'allOf', 'if', 'then', 'else', 'dependentSchemas',
  'unevaluatedProperties', 'unevaluatedItems', 'contains', 'propertyNames', 'false',
]);

export function validateCatalog(data: unknown): CatalogCheck {
  const result = validator.validate(data);
  if (result.valid) return { entries: (data as { entries: CatalogEntry[] }).entries, problems: [] };
  return { entries: [], problems: problemsOf(result.errors) };
}

function problemsOf(errors: readonly OutputUnit[]): CatalogProblem[] {
  const seen = new Set<string>();
  const problems: CatalogProblem[] = [];
  for (const e of errors) {
    if (SUMMARIES.has(e.keyword)) continue;
    const extra = e.keyword === 'additionalProperties' ? /^Property "(.*)" does not match/.exec(e.error)?.[1] : undefined;
    const problem = extra !== undefined
      ? { at: `${e.instanceLocation}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: 'unknown property (not in the schema).' }
      : { at: e.instanceLocation, message: e.error };
    const key = `${problem.at} ${problem.message}`;
    if (!seen.has(key)) problems.push(problem);
    seen.add(key);
  }
  if (problems.length) return problems;
  // Only summaries: the deepest one is the closest to the fault.
  const deepest = [...errors].sort((a, b) => b.instanceLocation.length - a.instanceLocation.length)[0];
  return [{ at: deepest.instanceLocation, message: deepest.error }];
}

/** Ids seen in earlier files: a later file that uses one again has a problem. */
export function duplicateIds(entries: readonly CatalogEntry[], seen: Map<string, string>, file: string): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  entries.forEach((entry, i) => {
    const first = seen.get(entry.id);
    if (first !== undefined) problems.push({ at: `#/entries/${i}/id`, message: `duplicate id ${entry.id}${first === file ? '' : ` (also in ${first})`}.` });
    else seen.set(entry.id, file);
  });
  return problems;
}
