// Checks catalog files against catalog/schema.json. The one validator: the build (scripts/compile-catalog.mjs), the
// language server's custom catalogs, the CLI's `catalog validate` and the tests use it.
import { Validator, type OutputUnit } from '@cfworker/json-schema';
import schema from '../../catalog/schema.json';
import type { CatalogEntry, ProviderInfo } from './core/types';

const validator = new Validator(schema as object, '2020-12', false);

/** One problem: the JSON pointer of the value at fault (`#/entries/3/meaning`) and what is wrong with it. */
export interface CatalogProblem {
  at: string;
  message: string;
  /** The schema keyword that failed (minLength, required …), or `duplicate` / `provider` for the checks here. */
  keyword: string;
}

export interface CatalogCheck {
  /** The file's entries; empty when it has problems (a file is taken whole or not at all). */
  entries: CatalogEntry[];
  /** The file's provider block, when it has one (and no problem). */
  provider?: ProviderInfo;
  problems: CatalogProblem[];
}

/** Keywords that only say "something below failed": the errors below them name the field and are the useful ones. */
const SUMMARIES = new Set([
  'properties', 'items', 'prefixItems', '$ref', '$dynamicRef', 'allOf', 'if', 'then', 'else', 'dependentSchemas',
  'unevaluatedProperties', 'unevaluatedItems', 'contains', 'propertyNames', 'false',
]);

export function validateCatalog(data: unknown): CatalogCheck {
  const result = validator.validate(data);
  if (result.valid) {
    const { entries, provider } = data as { entries: CatalogEntry[]; provider?: ProviderInfo };
    return { entries, provider, problems: [] };
  }
  return { entries: [], problems: problemsOf(result.errors) };
}

function problemsOf(errors: readonly OutputUnit[]): CatalogProblem[] {
  const seen = new Set<string>();
  const problems: CatalogProblem[] = [];
  for (const e of errors) {
    if (SUMMARIES.has(e.keyword)) continue;
    const extra = e.keyword === 'additionalProperties' ? /^Property "(.*)" does not match/.exec(e.error)?.[1] : undefined;
    const problem = extra !== undefined
      ? { at: `${e.instanceLocation}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: 'unknown property (not in the schema).', keyword: e.keyword }
      : { at: e.instanceLocation, message: e.error, keyword: e.keyword };
    const key = `${problem.at} ${problem.message}`;
    if (!seen.has(key)) problems.push(problem);
    seen.add(key);
  }
  if (problems.length) return problems;
  // Only summaries: the deepest one is the closest to the fault.
  const deepest = [...errors].sort((a, b) => b.instanceLocation.length - a.instanceLocation.length)[0];
  return [{ at: deepest.instanceLocation, message: deepest.error, keyword: deepest.keyword }];
}

/** Ids seen in earlier files: a later file that uses one again has a problem. */
export function duplicateIds(entries: readonly CatalogEntry[], seen: Map<string, string>, file: string): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  entries.forEach((entry, i) => {
    const first = seen.get(entry.id);
    if (first !== undefined) problems.push({ at: `#/entries/${i}/id`, message: `duplicate id ${entry.id}${first === file ? '' : ` (also in ${first})`}.`, keyword: 'duplicate' });
    else seen.set(entry.id, file);
  });
  return problems;
}

/**
 * What the schema cannot say about a built-in provider file: its entries belong to its provider block, carry the
 * block's name, and say why delivery failed (a reason).
 */
export function providerProblems(data: { provider?: ProviderInfo; entries: readonly CatalogEntry[] }): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  data.entries.forEach((entry, i) => {
    if (entry.family !== 'provider') return;
    const at = `#/entries/${i}`;
    const provider = data.provider;
    if (!provider) problems.push({ at, message: `${entry.id}: a provider entry in a file without a provider block.`, keyword: 'provider' });
    else {
      if (entry.provider !== provider.id) problems.push({ at: `${at}/provider`, message: `${entry.id}: provider "${entry.provider}" is not the file's provider "${provider.id}".`, keyword: 'provider' });
      if (entry.providerName !== provider.name) problems.push({ at: `${at}/providerName`, message: `${entry.id}: providerName "${entry.providerName}" is not the file's provider name "${provider.name}".`, keyword: 'provider' });
    }
    if (!entry.reason) problems.push({ at, message: `${entry.id}: no reason.`, keyword: 'provider' });
  });
  return problems;
}

/** Two provider blocks may not share an id or claim the same host suffix (a longer suffix inside another's is fine: it wins). */
export function hostProblems(providers: readonly ProviderInfo[]): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  for (const p of providers) {
    if (owner.has(`id:${p.id}`)) problems.push(`two provider blocks with the id ${p.id}`);
    owner.set(`id:${p.id}`, p.id);
    for (const host of p.hosts ?? []) {
      if (owner.has(host) && owner.get(host) !== p.id) problems.push(`the mail host suffix ${host} is claimed by ${owner.get(host)} and ${p.id}`);
      owner.set(host, p.id);
    }
  }
  return problems;
}

/** Field names of the catalog format: the only names from a file that a message shown on screen may repeat. */
const KNOWN = new Set<string>();
(function collect(node: unknown) {
  if (Array.isArray(node)) node.forEach(collect);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') for (const name of Object.keys(value)) KNOWN.add(name);
      collect(value);
    }
  }
})(schema);

/**
 * A problem as the editor shows it: nothing of the file's content is quoted back (it may be any file, and the message
 * is shown on screen), only where the problem is, with the file's own keys left out ("#/entries/3/…"), and its kind.
 */
export function shownSafely(problem: CatalogProblem): { at: string; message: string } {
  const at = problem.at.split('/').map((segment, i) => (i === 0 || /^\d+$/.test(segment) || KNOWN.has(segment) ? segment : '…')).join('/');
  return { at, message: kindOf(problem) };
}

function kindOf({ keyword, message }: CatalogProblem): string {
  const named = /property "([^"]+)"/i.exec(message)?.[1];
  switch (keyword) {
    case 'required':
      return `the required field ${named && KNOWN.has(named) ? `"${named}" ` : ''}is missing`;
    case 'additionalProperties':
    case 'unevaluatedProperties':
    case 'false':
      return 'a field the catalog format does not have';
    case 'type': {
      const expected = /Expected "([a-z]+)"/.exec(message)?.[1];
      return `a value of the wrong type${expected ? ` (${expected} expected)` : ''}`;
    }
    case 'enum':
    case 'const':
      return 'a value that is not one of those allowed';
    case 'pattern':
    case 'format':
      return 'a value that does not have the expected form';
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return 'a value of the wrong size';
    case 'duplicate':
      return 'an id used twice';
    default:
      return `does not follow the catalog format (${keyword})`;
  }
}
