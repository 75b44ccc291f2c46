// Work done in steps: a generator that yields between slices of a long computation (a large message, a large part),
// so that a host that must stay responsive (the language server) can run it a slice at a time, answer other
// requests in between, and drop it when a newer version of the document makes it useless. Hosts that just want the
// result (the CLI, tests) run it to the end at once with runSteps().
import type { Catalog } from './catalog/catalog';
import type { Finding } from './scan/finding';
import { scan, type ScanOptions } from './scan/scanner';

export type Steps<T> = Generator<void, T, void>;

/** Characters scanned between two yields. */
export const SCAN_SLICE = 256 * 1024;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * scan() of text[from, to) in slices of whole lines, yielding between them; the same findings as one scan. They are
 * added to `findings` as each slice is scanned (a host can show the first ones before the end).
 */
export function* scanInSteps(text: string, catalog: Catalog, from: number, to: number, options: ScanOptions = {}, findings: Finding[] = []): Steps<Finding[]> {
  while (from < to) {
    let end = Math.min(to, from + SCAN_SLICE);
    if (end < to) {
      const nl = text.indexOf('\n', end);
      end = nl < 0 || nl >= to ? to : nl + 1;
    }
    // A loop, not push(...all): a slice can hold more findings than a call takes arguments.
    for (const f of scan(text, catalog, from, end, options)) findings.push(f);
    from = end;
    if (from < to) yield;
  }
  return findings;
}
