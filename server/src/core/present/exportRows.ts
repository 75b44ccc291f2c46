// The catalog as a table, one row per entry, for log pipelines (Splunk lookups, Elasticsearch enrich indices,
// Logstash dictionaries, Vector enrichment tables, SQL). Columns are flat strings so that every format says the same.
import { classify, isHard, type Reason } from '../bounce/reason';
import type { CatalogEntry } from '../types';

export const EXPORT_COLUMNS = ['id', 'family', 'code', 'name', 'provider', 'provider_name', 'class', 'title', 'meaning', 'reason', 'bounce', 'deprecated', 'url'] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportRow = Record<ExportColumn, string>;

/** The longest short meaning: the first sentence, cut at a word if that is longer. */
const SHORT_MEANING = 240;

export function exportRow(entry: CatalogEntry): ExportRow {
  const reason = entryReason(entry);
  const failure = entry.severity === 'permanent' || entry.severity === 'transient' || entry.severity === 'both';
  return {
    id: entry.id,
    family: entry.family,
    code: entry.code,
    name: entry.name ?? '',
    provider: entry.provider ?? '',
    provider_name: entry.providerName ?? '',
    class: entry.severity,
    title: entry.title,
    meaning: firstSentence(entry.meaning),
    reason: reason ?? '',
    bounce: reason && failure ? bounceOf(entry, reason) : '',
    deprecated: entry.deprecated ? 'true' : 'false',
    url: entry.sources.find((s) => s.url)?.url ?? '',
  };
}

/**
 * Why delivery failed, for an entry: what the catalog says (provider entries carry a reason), otherwise what the
 * bounce classifier makes of the bare code (no words: only what the code itself says). Success and intermediate
 * codes, Outlook client errors and codes the classifier cannot place have none.
 */
export function entryReason(entry: CatalogEntry): Reason | undefined {
  const known = (r: Reason | undefined) => (r === undefined || r === 'undefined' || r === 'onhold' ? undefined : r);
  if (entry.reason) return known(entry.reason);
  if (entry.severity === 'success' || entry.severity === 'intermediate') return undefined;
  if (entry.family === 'enhanced') return known(classify({ status: concreteCode(entry) }));
  if (entry.family === 'reply') return known(classify({ reply: entry.code }));
  return undefined;
}

/** Hard or soft; empty for a code used both ways (X.3.2) whose reason is hard only as a permanent failure. */
function bounceOf(entry: CatalogEntry, reason: Reason): 'hard' | 'soft' | '' {
  const hard = isHard(reason, concreteCode(entry));
  if (entry.severity === 'both' && isHard(reason, `4${concreteCode(entry).slice(1)}`) !== hard) return '';
  return hard ? 'hard' : 'soft';
}

/** An enhanced entry's registry key (X.1.1) as a real code: 5.1.1 when it is used as a permanent failure, else 4.1.1. */
function concreteCode(entry: CatalogEntry): string {
  if (entry.family !== 'enhanced' || !entry.code.startsWith('X')) return entry.code;
  return (entry.severity === 'transient' ? '4' : entry.severity === 'success' ? '2' : '5') + entry.code.slice(1);
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // A sentence ends at . ! or ? before a space and a capital letter (so "e.g. the" and "5.1.1 is" do not end one).
  const end = /[.!?](?=\s+["'(]?[A-Z])/.exec(flat);
  const sentence = end ? flat.slice(0, end.index + 1) : flat;
  if (sentence.length <= SHORT_MEANING) return sentence;
  const cut = sentence.lastIndexOf(' ', SHORT_MEANING - 1);
  return `${sentence.slice(0, cut > 0 ? cut : SHORT_MEANING - 1)}…`;
}
