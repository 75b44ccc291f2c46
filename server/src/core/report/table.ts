// Counts by outcome under a key (a domain, a sender, a reason), with a bound on the keys kept: past `cap` keys the
// rarer half is folded into "other", so that a log with millions of distinct senders keeps a flat memory. The top
// rows are then approximate (a folded key that comes back starts again from zero) and the table says so.
import { own, type Outcome } from './event';
import { emptyCounts, type Counts, type Row } from './model';

interface Entry {
  counts: Counts;
  total: number;
}

export class OutcomeTable {
  private readonly rows = new Map<string, Entry>();
  private readonly folded = emptyCounts();
  private foldedTotal = 0;
  approximate = false;

  constructor(private readonly cap = 20_000) {}

  add(key: string, outcome: Outcome, count = 1): void {
    let row = this.rows.get(key);
    if (!row) {
      if (this.rows.size >= this.cap) this.fold();
      row = { counts: emptyCounts(), total: 0 };
      this.rows.set(own(key), row);
    }
    row.counts[outcome] += count;
    row.total += count;
  }

  get size(): number {
    return this.rows.size;
  }

  /** The `n` biggest rows (by total, then key), and one "other" row with the rest when there is a rest. */
  top(n: number, ref: (key: string) => string | undefined, otherLabel = 'other'): Row[] {
    const sorted = [...this.rows].sort((a, b) => b[1].total - a[1].total || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const rows: Row[] = sorted.slice(0, n).map(([key, e]) => ({ key, counts: { ...e.counts }, total: e.total, ref: ref(key) }));
    const rest = emptyCounts();
    let restTotal = this.foldedTotal;
    for (const o of Object.keys(rest) as Outcome[]) rest[o] = this.folded[o];
    for (const [, e] of sorted.slice(n)) {
      for (const o of Object.keys(rest) as Outcome[]) rest[o] += e.counts[o];
      restTotal += e.total;
    }
    if (restTotal) rows.push({ key: otherLabel, counts: rest, total: restTotal, other: true });
    return rows;
  }

  private fold() {
    this.approximate = true;
    const sorted = [...this.rows].sort((a, b) => a[1].total - b[1].total);
    for (const [key, e] of sorted.slice(0, Math.floor(sorted.length / 2))) {
      for (const o of Object.keys(this.folded) as Outcome[]) this.folded[o] += e.counts[o];
      this.foldedTotal += e.total;
      this.rows.delete(key);
    }
  }
}
