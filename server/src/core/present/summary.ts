// The "In This File" aggregation: findings grouped by code, computed once by the server for the client and the CLI.
import type { Finding, FindingFamily } from '../scan/finding';
import type { FindingClass, Range } from '../types';

/** One row of the "In This File" view and of `scan --summary`: a code and where it occurs. */
export interface FileSummaryCode {
  /** Canonical code (550, 5.1.1, 0x800CCC0E) or the provider entry id for provider findings. */
  code: string;
  family: FindingFamily;
  title: string;
  /** What to show for the code when it is not the code itself (provider entries: "Gmail / Google Workspace 550 5.7.26"). */
  label?: string;
  class: FindingClass;
  /** Catalog entry id when the code is in the catalog. */
  entryId?: string;
  count: number;
  /** The first occurrences, in document order (at most MAX_RANGES). */
  ranges: Range[];
}

/** Worst first: the order of the summary, the "In This File" view and `scan --summary`. */
export const CLASS_ORDER: readonly FindingClass[] = ['permanent', 'transient', 'unknown', 'intermediate', 'success'];
const RANK = new Map(CLASS_ORDER.map((c, i) => [c, i]));

/** By class (worst first), then count (most first), then code. */
export function compareCodes(a: Pick<FileSummaryCode, 'class' | 'count' | 'code'>, b: Pick<FileSummaryCode, 'class' | 'count' | 'code'>): number {
  return (RANK.get(a.class) ?? CLASS_ORDER.length) - (RANK.get(b.class) ?? CLASS_ORDER.length) || b.count - a.count || a.code.localeCompare(b.code);
}
export const MAX_RANGES = 100;

export function emptyTotals(): Record<FindingClass, number> {
  return { permanent: 0, transient: 0, unknown: 0, intermediate: 0, success: 0 };
}

export function totalsOf(findings: Iterable<Finding>): Record<FindingClass, number> {
  const totals = emptyTotals();
  for (const f of findings) totals[f.class]++;
  return totals;
}

/**
 * Groups findings by family and code, sorted by class (worst first), then count, then code. `rangeOf` is asked only
 * for the ranges kept (the first MAX_RANGES of each code), not for every finding of a large log.
 */
export function aggregate<T>(items: Iterable<T>, findingOf: (item: T) => Finding, rangeOf: (item: T) => Range): FileSummaryCode[] {
  const groups = new Map<string, FileSummaryCode>();
  for (const item of items) {
    const f = findingOf(item);
    const key = `${f.family}:${f.code}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { code: f.code, family: f.family, title: f.title, label: f.label, class: f.class, entryId: f.entryId, count: 0, ranges: [] }));
    g.count++;
    if (g.ranges.length < MAX_RANGES) g.ranges.push(rangeOf(item));
  }
  return [...groups.values()].sort(compareCodes);
}
