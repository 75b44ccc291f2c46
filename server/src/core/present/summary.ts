// The "In This File" aggregation: findings grouped by code, computed once by the server for the client and the CLI.
import type { FileSummaryCode, FindingClass } from '../../protocol';
import type { Finding } from '../scan/finding';

export const CLASS_ORDER: FindingClass[] = ['permanent', 'transient', 'unknown', 'intermediate', 'success'];
const RANK = new Map(CLASS_ORDER.map((c, i) => [c, i]));
export const MAX_RANGES = 100;

export function emptyTotals(): Record<FindingClass, number> {
  return { permanent: 0, transient: 0, unknown: 0, intermediate: 0, success: 0 };
}

export function totalsOf(findings: Iterable<Finding>): Record<FindingClass, number> {
  const totals = emptyTotals();
  for (const f of findings) totals[f.class]++;
  return totals;
}

type Range = FileSummaryCode['ranges'][number];

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
  return [...groups.values()].sort((a, b) => RANK.get(a.class)! - RANK.get(b.class)! || b.count - a.count || a.code.localeCompare(b.code));
}
