// `mail-error-codes bounces DIR|FILE…`: every recipient of every bounce in folders of .eml files, mbox files and
// Maildir folders, one row each (table, CSV or JSON Lines), then totals by reason, by recipient domain and hard / soft.
// Messages are read one after the other and only the totals are kept, so memory stays flat over any number of files.
import type { Catalog } from '../core/catalog/catalog';
import { HARD_SOFT_NOTE, type RecipientOutcome } from '../core/bounce/outcome';
import { readRecipients } from '../core/bounce/read';
import { REASON_TITLES, type Reason } from '../core/bounce/reason';
import { domainOf } from '../core/bounce/text';
import { BOUNCE_CSV_HEADER, csvRow } from '../core/present/csv';
import { recipientRecord } from './format';
import { walk, type Message } from './messages';
import { oneOf, parseCommand, UsageError } from './args';
import type { Command } from './command';
import { Output } from './output';
import { builtInCatalog, NAME } from './program';
import { locateRecipients } from './scan';
import { cleanLine, styleFor, toJson, wantsColour, type Style } from './terminal';

export type BouncesFormat = 'table' | 'csv' | 'json';

export interface BouncesOptions {
  format: BouncesFormat;
  paths: string[];
}

const MAX_DOMAINS = 100_000;
const TOP_DOMAINS = 20;

interface Totals {
  messages: number;
  withoutRecipients: number;
  skipped: number;
  unreadable: number;
  recipients: number;
  bounce: Record<RecipientOutcome['bounce'], number>;
  reasons: Map<Reason, number>;
  domains: Map<string, number>;
  otherDomains: number;
}

/** Runs the command; resolves to the exit status (2 when a file could not be read, else 0). */
export async function runBounces(options: BouncesOptions, catalog: Catalog, out: Output, style: Style, warn: (file: string, reason: string) => void): Promise<number> {
  const totals: Totals = { messages: 0, withoutRecipients: 0, skipped: 0, unreadable: 0, recipients: 0, bounce: { hard: 0, soft: 0, none: 0 }, reasons: new Map(), domains: new Map(), otherDomains: 0 };
  const row = rowWriter(options.format, out, style);
  for await (const item of walk(options.paths)) {
    if (item.kind === 'problem') {
      totals.unreadable++;
      await out.flush();
      warn(item.file, item.reason);
      continue;
    }
    if (item.kind === 'skipped') {
      totals.skipped++;
      continue;
    }
    totals.messages++;
    const outcomes = read(item.message, catalog, warn);
    if (!outcomes.length) totals.withoutRecipients++;
    for (const found of locateRecipients(item.message.text, outcomes)) {
      count(totals, found.outcome);
      row(item.message, { ...found, line: found.line + item.message.line - 1 });
    }
    await out.drain();
  }
  if (options.format === 'table') writeTotalsTable(totals, out, style);
  if (options.format === 'json') out.line(toJson(totalsRecord(totals)));
  await out.flush();
  return totals.unreadable ? 2 : 0;
}

/** One message's recipients; a message that breaks a reader is reported, not fatal for the run. */
function read(message: Message, catalog: Catalog, warn: (file: string, reason: string) => void): RecipientOutcome[] {
  try {
    return readRecipients(message.text, catalog);
  } catch (error) {
    warn(message.name, `could not be read as a bounce: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

function count(totals: Totals, o: RecipientOutcome) {
  totals.recipients++;
  totals.bounce[o.bounce]++;
  totals.reasons.set(o.reason, (totals.reasons.get(o.reason) ?? 0) + 1);
  if (o.bounce === 'none') return;
  const domain = domainOf(o.recipient) || '(none)';
  const have = totals.domains.get(domain);
  if (have !== undefined) totals.domains.set(domain, have + 1);
  else if (totals.domains.size < MAX_DOMAINS) totals.domains.set(domain, 1);
  else totals.otherDomains++;
}

const COLUMNS: { title: string; width: number }[] = [
  { title: 'FILE', width: 36 },
  { title: 'RECIPIENT', width: 32 },
  { title: 'REASON', width: 15 },
  { title: 'BOUNCE', width: 6 },
  { title: 'STATUS', width: 7 },
  { title: 'REPLY', width: 5 },
  { title: 'REMOTE MTA', width: 28 },
  { title: 'DATE', width: 31 },
];

type RowWriter = (message: Message, found: ReturnType<typeof locateRecipients>[number]) => void;

function rowWriter(format: BouncesFormat, out: Output, style: Style): RowWriter {
  if (format === 'json') return (message, found) => out.line(toJson(recipientRecord(message.name, found)));
  if (format === 'csv') {
    out.line(csvRow(BOUNCE_CSV_HEADER));
    return (message, { outcome: o, line }) => out.line(csvRow([message.name, line, o.recipient, o.action, o.reason, o.bounce, o.status, o.reply, o.remoteMta, o.date, o.diagnostic]));
  }
  out.line(style.bold(COLUMNS.map((c) => c.title.padEnd(c.width)).join(' ').trimEnd()));
  return (message, { outcome: o }) => {
    const cells = [message.name, o.recipient, o.reason, o.bounce, o.status ?? '', o.reply ?? '', o.remoteMta ?? '', o.date ?? ''];
    const text = cells.map((v, i) => fit(cleanLine(v), COLUMNS[i].width, i === 0)).join(' ').trimEnd();
    out.line(o.bounce === 'hard' ? style.red(text) : o.bounce === 'soft' ? style.yellow(text) : text);
  };
}

/** Pads or cuts to a column; file names are cut at the start, where their least telling part is. */
function fit(value: string, width: number, cutStart: boolean): string {
  if (value.length <= width) return value.padEnd(width);
  return cutStart ? `…${value.slice(value.length - width + 1)}` : `${value.slice(0, width - 1)}…`;
}

function sortedCounts<K>(map: Map<K, number>): [K, number][] {
  return [...map].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
}

function totalsRecord(t: Totals) {
  return {
    type: 'totals',
    messages: t.messages,
    messagesWithoutRecipients: t.withoutRecipients,
    filesSkipped: t.skipped,
    filesUnreadable: t.unreadable,
    recipients: t.recipients,
    hard: t.bounce.hard,
    soft: t.bounce.soft,
    notBounces: t.bounce.none,
    byReason: Object.fromEntries(sortedCounts(t.reasons)),
    byDomain: Object.fromEntries(sortedCounts(t.domains)),
    ...(t.otherDomains ? { otherDomains: t.otherDomains } : {}),
  };
}

function writeTotalsTable(t: Totals, out: Output, style: Style) {
  const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  out.line('');
  const notes = [t.withoutRecipients && `${n(t.withoutRecipients, 'message')} without a recipient report`, t.skipped && `${n(t.skipped, 'file')} skipped (not messages)`, t.unreadable && `${n(t.unreadable, 'file')} unreadable`].filter(Boolean);
  out.line(style.bold(`${n(t.recipients, 'recipient')} in ${n(t.messages, 'message')}${notes.length ? ` (${notes.join(', ')})` : ''}`));
  const width = Math.max(5, String(t.recipients).length);
  out.line(`${style.red(String(t.bounce.hard).padStart(width))}  hard`);
  out.line(`${style.yellow(String(t.bounce.soft).padStart(width))}  soft`);
  if (t.bounce.none) out.line(`${String(t.bounce.none).padStart(width)}  not bounces (complaints, automatic replies, deliveries)`);
  out.line(style.dim(HARD_SOFT_NOTE));
  if (t.reasons.size) {
    out.line('');
    out.line(style.bold('By reason'));
    for (const [reason, count] of sortedCounts(t.reasons)) out.line(`${String(count).padStart(width)}  ${reason.padEnd(16)} ${REASON_TITLES[reason]}`);
  }
  if (t.domains.size) {
    out.line('');
    const domains = sortedCounts(t.domains);
    out.line(style.bold(`By recipient domain${domains.length > TOP_DOMAINS ? ` (top ${TOP_DOMAINS} of ${domains.length})` : ''}`));
    for (const [domain, count] of domains.slice(0, TOP_DOMAINS)) out.line(`${String(count).padStart(width)}  ${cleanLine(domain)}`);
    const rest = domains.slice(TOP_DOMAINS).reduce((sum, [, c]) => sum + c, 0) + t.otherDomains;
    if (rest) out.line(`${String(rest).padStart(width)}  other domains`);
  }
}

export const bouncesCommand: Command = {
  usage: 'bounces [--format table|csv|json] DIR|FILE…',
  help: `bounces DIR|FILE…
  Every recipient of every bounce in .eml files, mbox files and Maildir folders (folders are walked
  recursively): one row per recipient (file, recipient, reason, hard/soft, status, reply code, remote MTA, date),
  then totals by reason, by recipient domain and hard/soft. Complaint reports and automatic replies are listed as
  such, never as bounces. Messages are read one at a time: memory stays flat over any number of files.
  -f, --format FORMAT   table (default), csv (one row per recipient, no totals) or json (JSON Lines:
                          {"type":"recipient",…} per recipient, then {"type":"totals",…})
  Hard bounce: the address will never work (user unknown, domain unknown, moved, accepts no mail). Every other
  failure is soft, permanent spam and policy refusals included.
  Exit status 2 when a file could not be read (the others are still read).`,

  async run(args) {
    const { values, positionals: paths } = parseCommand(args, { format: { type: 'string', short: 'f' } });
    const format = oneOf(values.format, ['table', 'csv', 'json'] as const, 'format', 'table');
    if (paths.includes('-')) throw new UsageError('bounces reads files and folders, not standard input');
    if (!paths.length) throw new UsageError('bounces needs at least one folder or file');
    const style = styleFor(wantsColour(process.stdout));
    return runBounces({ format, paths }, builtInCatalog(), new Output(), format === 'table' ? style : plainStyle(style), (file, reason) => process.stderr.write(`${NAME}: ${cleanLine(file)}: ${cleanLine(reason)}\n`));
  },
};

/** CSV and JSON are read by programs: never coloured. */
function plainStyle(style: Style): Style {
  const same = (s: string) => s;
  return Object.fromEntries(Object.keys(style).map((k) => [k, same])) as unknown as Style;
}
