// Failures counted the way a person counts them: in a bounce, the recipients that failed (or are delayed); in a log,
// the deliveries that failed, one per line whatever the number of codes on it ("550 5.1.1" is one bounce, not two).
import type { Finding } from '../scan/finding';

export interface FailureCounts {
  /** What was counted: failed recipients of a bounce, or log lines (delivery events) that report a failure. */
  unit: 'recipient' | 'line';
  /** Permanent failures: recipients that failed, lines that report a permanent failure. */
  permanent: number;
  /** Transient failures: recipients delayed, lines whose worst code is transient (deferred, to be retried). */
  transient: number;
}

/**
 * `lineEnd(offset)` is the offset where the line holding `offset` ends (its line break included); findings are sorted
 * by start, so it is asked once per line with findings.
 */
export function countFailures(findings: readonly Finding[], lineEnd: (offset: number) => number): FailureCounts {
  if (findings.some((f) => f.family === 'dsn-summary')) {
    let permanent = 0;
    let transient = 0;
    for (const f of findings) {
      if (f.family !== 'dsn-summary') continue;
      if (f.class === 'permanent') permanent++;
      else if (f.class === 'transient') transient++;
    }
    return { unit: 'recipient', permanent, transient };
  }
  let permanent = 0;
  let transient = 0;
  let end = -1;
  let worst: 'permanent' | 'transient' | undefined;
  const close = () => {
    if (worst === 'permanent') permanent++;
    else if (worst === 'transient') transient++;
    worst = undefined;
  };
  for (const f of findings) {
    if (f.class !== 'permanent' && f.class !== 'transient') continue;
    if (f.start >= end) {
      close();
      end = lineEnd(f.start);
    }
    if (f.class === 'permanent' || worst === undefined) worst = f.class;
  }
  close();
  return { unit: 'line', permanent, transient };
}
