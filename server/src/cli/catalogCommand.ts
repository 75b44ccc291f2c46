// `mail-error-codes catalog export` (the catalog as a table for log pipelines) and `catalog validate` (check your own
// catalog files with the validator the extension uses).
import { readFile } from 'node:fs/promises';
import { FAMILY_ORDER } from '../core/families';
import { EXPORT_COLUMNS, exportRow, type ExportColumn } from '../core/present/exportRows';
import type { Family } from '../core/types';
import { duplicateIds, validateCatalog } from '../validateCatalog';
import { oneOf, parseCommand, UsageError } from './args';
import type { Command } from './command';
import { csvRecord } from './csv';
import { Output } from './output';
import { builtInCatalog, NAME } from './program';
import { reasonOf } from './source';
import { cleanLine, toJson } from './terminal';

const FORMATS = ['csv', 'json', 'ndjson', 'bulk'] as const;

export const catalogCommand: Command = {
  usage: 'catalog export [--format csv|json|ndjson|bulk] [--family F,…] [--columns C,…]\ncatalog validate FILE…',
  help: `catalog export
  The built-in catalog as a table, one row per entry, for log pipelines: a Splunk lookup, an Elasticsearch or
  OpenSearch enrich index, a Logstash translate dictionary, a Vector enrichment table, an SQL table.
  Columns: ${EXPORT_COLUMNS.join(', ')}.
  id is stable; enhanced codes are keyed as the registry does (X.1.1: the class digit as X); class is success,
  intermediate, transient, permanent or both; meaning is the first sentence; reason is the bounce reason
  (userunknown, mailboxfull, …) and bounce hard or soft, where the code says.
  -f, --format FORMAT   csv (default; a header row, RFC 4180 quoting), json (one array), ndjson (one object a
                        line), bulk (ndjson with an Elasticsearch / OpenSearch _bulk action line before each row)
      --family F,…      only these families: ${FAMILY_ORDER.join(', ')}
      --columns C,…     only these columns, in this order (e.g. code,title for a two-column dictionary)
catalog validate FILE…
  Check catalog files of your own (mailErrorCodes.customCatalogs) against the schema, as the extension will.
  Exit status 1 when a file has a problem.`,

  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'export') return exportCatalog(rest);
    if (sub === 'validate') return validateFiles(rest);
    throw new UsageError(sub === undefined ? 'catalog needs a subcommand: export or validate' : `unknown catalog subcommand "${sub}" (export or validate)`);
  },
};

function list<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!items.length) throw new UsageError(`--${what} needs at least one value`);
  return items.map((item) => oneOf(item, allowed, what.replace(/s$/, ''), allowed[0]));
}

async function exportCatalog(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    format: { type: 'string', short: 'f' },
    family: { type: 'string', multiple: true },
    columns: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`catalog export takes no arguments ("${positionals[0]}")`);
  const format = oneOf(values.format, FORMATS, 'format', 'csv');
  const families = values.family ? new Set<Family>(values.family.flatMap((f) => list(f, FAMILY_ORDER, 'family') ?? [])) : undefined;
  const columns: readonly ExportColumn[] = list(values.columns, EXPORT_COLUMNS, 'columns') ?? EXPORT_COLUMNS;
  const catalog = builtInCatalog();
  const entries = catalog.entries.filter((e) => !families || families.has(e.family));
  const pick = (row: Record<ExportColumn, string>) => Object.fromEntries(columns.map((c) => [c, row[c]]));
  const out = new Output();
  if (format === 'csv') out.line(csvRecord(columns));
  if (format === 'json') out.line('[');
  entries.forEach((entry, i) => {
    const row = exportRow(entry);
    if (format === 'csv') out.line(csvRecord(columns.map((c) => row[c])));
    else if (format === 'json') out.line(`  ${toJson(pick(row))}${i < entries.length - 1 ? ',' : ''}`);
    else {
      if (format === 'bulk') out.line(toJson({ index: { _id: row.id } }));
      out.line(toJson(pick(row)));
    }
  });
  if (format === 'json') out.line(']');
  await out.flush();
  return 0;
}

async function validateFiles(args: string[]): Promise<number> {
  const { positionals: files } = parseCommand(args, {});
  if (!files.length) throw new UsageError('catalog validate needs at least one FILE');
  const out = new Output();
  const seen = new Map<string, string>();
  for (const entry of builtInCatalog().entries) seen.set(entry.id, 'the built-in catalog');
  let status = 0;
  for (const file of files) {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      status = Math.max(status, error instanceof SyntaxError ? 1 : 2);
      process.stderr.write(`${NAME}: ${cleanLine(file)}: ${error instanceof SyntaxError ? `not valid JSON (${cleanLine(error.message)})` : reasonOf(error)}\n`);
      continue;
    }
    const check = validateCatalog(data);
    const problems = check.problems.length ? check.problems : duplicateIds(check.entries, seen, file);
    for (const p of problems) out.line(`${cleanLine(file)}: ${cleanLine(p.at)}: ${cleanLine(p.message)}`);
    if (problems.length) status = Math.max(status, 1);
    else out.line(`${cleanLine(file)}: valid, ${check.entries.length} ${check.entries.length === 1 ? 'entry' : 'entries'}`);
  }
  await out.flush();
  return status;
}
