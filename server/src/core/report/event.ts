// One recipient delivery attempt, as the report counts it: whatever MTA logged it and however many lines it took.
// Pure data, shared by the extractors (postfix.ts, exim.ts, sendmail.ts, m365.ts, dsn.ts) and the report builder.

export type Outcome = 'delivered' | 'deferred' | 'bounced' | 'expired' | 'rejected';
/** In the order the report shows them: from good to bad, the transient one next to its permanent sibling. */
export const OUTCOMES: readonly Outcome[] = ['delivered', 'deferred', 'bounced', 'expired', 'rejected'];

export type Mta = 'postfix' | 'exim' | 'sendmail' | 'm365' | 'dsn';
export const MTA_NAMES: Record<Mta, string> = {
  postfix: 'Postfix',
  exim: 'Exim',
  sendmail: 'Sendmail',
  m365: 'Microsoft 365 message trace',
  dsn: 'bounce message (DSN)',
};

export interface MailEvent {
  outcome: Outcome;
  /**
   * The time as written in the log, as milliseconds of Date.UTC(fields): wall clock, whatever the zone, so that the
   * hours of the report are the hours a person reads in the file. NaN when the line carries no time.
   */
  time: number;
  /** Index of the input (file) in the report, and the 1-based line where the event starts. */
  source: number;
  line: number;
  mta: Mta;
  /** Queue id, message id or trace id: what correlates the lines of one message. */
  id?: string;
  sender?: string;
  recipient?: string;
  /** The other side: the host delivered to (or that refused), or for a rejection the client that was refused. */
  relay?: string;
  /** Enhanced status code (5.1.1), as logged in dsn= or found in the reply. */
  status?: string;
  /** SMTP reply code (550) found in the reply. */
  reply?: string;
  /** The reason as logged, without the MTA's wrapping (for failures; may be absent for deliveries). */
  text?: string;
}

/**
 * A copy of a string that does not keep its parent alive. A line is a slice of a megabyte-sized chunk, and a slice
 * of it (an address, a host) would pin that whole chunk in memory for as long as a count or a sample keeps it.
 */
export function own(text: string): string {
  return (' ' + text).slice(1);
}

/** The event with every string owned (see own): for events kept past their line (samples, deferred recipients). */
export function ownEvent(e: MailEvent): MailEvent {
  const o = (s: string | undefined) => (s === undefined ? undefined : own(s));
  return { outcome: e.outcome, time: e.time, source: e.source, line: e.line, mta: e.mta, id: o(e.id), sender: o(e.sender), recipient: o(e.recipient), relay: o(e.relay), status: o(e.status), reply: o(e.reply), text: o(e.text) };
}
