// The report: what the CLI prints (text, JSON, HTML) and the editor's webview shows. Plain data (JSON as is).
import type { MailEvent, Outcome } from './event';

export type Counts = Record<Outcome, number>;

export function emptyCounts(): Counts {
  return { delivered: 0, deferred: 0, bounced: 0, expired: 0, rejected: 0 };
}

export interface ReportSource {
  name: string;
  /** The MTAs whose lines it holds: Postfix, Exim, … (MTA_NAMES). */
  formats: string[];
  lines: number;
  events: number;
  notes: string[];
}

export interface Row {
  /** A recipient domain, a provider's name, a sender address ("<>" for the null sender). */
  key: string;
  counts: Counts;
  total: number;
  /** Asks the report for this row's events (absent for "other"). */
  ref?: string;
  /** The row that sums everything outside the top rows. */
  other?: boolean;
}

export interface Bucket {
  /** Wall-clock start, "2026-11-23T10:00". */
  start: string;
  counts: Counts;
  total: number;
  ref: string;
}

export interface CodeNote {
  code: string;
  /** The catalog's title for the code; absent when the catalog does not know it. */
  title?: string;
  entryId?: string;
}

export interface ReasonRow {
  outcome: Outcome;
  count: number;
  reply?: CodeNote;
  status?: CodeNote;
  /** The provider entry whose message matches (Gmail's 5.7.26 DMARC message …). */
  provider?: CodeNote & { providerName?: string };
  /** The reason in the bounce taxonomy (userunknown: "user unknown", mailboxfull …); hard: the address will never work. */
  reason: { id: string; title: string; hard: boolean };
  /** The reason with addresses, hosts and ids left out: what the events of this row have in common. */
  text: string;
  /** The reason of the first event, as logged. */
  example: string;
  ref: string;
}

export interface DeferredMessage {
  id: string;
  recipient: string;
  sender?: string;
  /** First and last deferral, "2026-11-23T10:02"; attempts counted in this log. */
  since?: string;
  last?: string;
  attempts: number;
  reply?: string;
  status?: string;
  text?: string;
  source: number;
  line: number;
}

export interface Report {
  sources: ReportSource[];
  /** The first and last time of an event, wall clock ("2026-11-23T10:01"). */
  span?: { first: string; last: string };
  /** True when the log's time stamps have no year (syslog's traditional format): the year shown is assumed. */
  yearAssumed: boolean;
  totals: Counts & { events: number };
  /** Messages with at least one deferral (pflogsumm's "deferred"); local forwards (not counted as deliveries). */
  messages: { deferred: number; forwarded: number };
  timeline: { by: 'hour' | 'day'; buckets: Bucket[]; untimed: number };
  domains: Row[];
  /** By the provider of the host delivered to (deferred, bounced …); rejections have none (their host is the client). */
  providers: Row[];
  senders: Row[];
  reasons: ReasonRow[];
  /** Failures by reason (user unknown, mailbox full, blocked …), every reason group counted. */
  categories: Row[];
  stillDeferred: { total: number; list: DeferredMessage[] };
  /** Tables whose counts are approximate: too many distinct keys to keep them all (see OutcomeTable). */
  approximate: string[];
}

/** An event as the webview lists it (a row's events): its time as ISO text, the MTA left out. */
export interface ReportEvent extends Omit<MailEvent, 'time' | 'mta'> {
  time?: string;
}
