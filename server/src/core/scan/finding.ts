import type { Family, FindingClass } from '../types';
import type { RecipientSummary } from '../dsn/summary';

export type FindingFamily = Family | 'dsn-summary';

/** One code found in a document. Offsets are UTF-16 offsets into the scanned text. */
export interface Finding {
  start: number;
  end: number;
  family: FindingFamily;
  /** 550 · 5.1.1 · 0x800CCC0E · a provider entry id · the recipient of a DSN summary. */
  code: string;
  title: string;
  /** How people name it, where that is not `code`: "Gmail / Google Workspace 550 5.7.26" for a provider entry. */
  label?: string;
  class: FindingClass;
  entryId?: string;
  /** The rule that found it (rules.ts ids, "line-start", "paired", "phrase", "dsn"). */
  rule: string;
  /** Problems worth their own diagnostic: a reply and enhanced code of different classes, a deprecated code… */
  notes?: string[];
  summary?: RecipientSummary;
}

/**
 * Every finding is made here, with all its fields in one order: objects of one shape keep the loops over hundreds
 * of thousands of findings (diagnostics, summaries) fast.
 */
export function makeFinding(f: Pick<Finding, 'start' | 'end' | 'family' | 'code' | 'title' | 'class' | 'rule'> & Partial<Finding>): Finding {
  return { start: f.start, end: f.end, family: f.family, code: f.code, title: f.title, label: f.label, class: f.class, entryId: f.entryId, rule: f.rule, notes: f.notes, summary: f.summary };
}
