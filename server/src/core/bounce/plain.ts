// What the plain-text readers share: the report they read, and the steps every format repeats (find the line that
// names a recipient, gather the lines that explain it, turn offsets back into the file's).
import type { Header } from '../dsn/mime';
import type { Action, OutcomeFields } from './outcome';
import type { Reason } from './reason';
import { linesOf, squeeze, type Line, type TextView } from './text';

/** The human-readable report of a bounce: its text up to the copy of the original message, and the bounce's headers. */
export interface Report {
  view: TextView;
  /** Offset in view.text where the report ends. */
  end: number;
  head: Head;
}

export interface Head {
  headers: Header[];
  from: string;
  to: string;
  subject: string;
}

export type PlainReader = (report: Report) => OutcomeFields[];

export interface Pending {
  recipient: string;
  /** Offset of the recipient in view.text. */
  at: number;
  lines: string[];
  action?: Action;
  status?: string;
  reply?: string;
  command?: string;
  remoteMta?: string;
  formatReason?: Reason;
  date?: string;
}

export function header(head: Head, name: string): string | undefined {
  return head.headers.find((h) => h.name === name)?.value;
}

const LINES = new WeakMap<Report, Line[]>();

/** The report's lines, split once for all the readers that look at it. */
export function reportLines(report: Report): Line[] {
  let lines = LINES.get(report);
  if (!lines) LINES.set(report, (lines = linesOf(report.view.text, 0, report.end)));
  return lines;
}

/** The line at or after `from` that contains `marker` (case-insensitive), or -1. */
export function findLine(lines: Line[], marker: RegExp, from = 0): number {
  for (let i = from; i < lines.length; i++) if (marker.test(lines[i].text)) return i;
  return -1;
}

/** Turns gathered recipients into outcome fields; the same recipient twice is reported once. */
export function finish(report: Report, pending: Pending[], format: string, patch?: (p: Pending, diagnostic: string) => Partial<OutcomeFields>): OutcomeFields[] {
  const seen = new Set<string>();
  const out: OutcomeFields[] = [];
  for (const p of pending) {
    const key = p.recipient.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const diagnostic = squeeze(p.lines.join(' '));
    const extra = patch?.(p, diagnostic) ?? {};
    // The recipient as cleaned ("[SMTP:bob@example.org]" → bob@example.org) is a few characters further on.
    const found = p.at >= 0 ? report.view.text.indexOf(p.recipient, p.at) : -1;
    const at = found >= 0 && found - p.at < 16 ? found : p.at;
    out.push({
      recipient: p.recipient,
      action: p.action,
      status: p.status,
      reply: p.reply,
      command: p.command,
      remoteMta: p.remoteMta,
      date: p.date,
      diagnostic: diagnostic || undefined,
      formatReason: p.formatReason,
      format,
      start: report.view.raw(at),
      end: report.view.raw(at + p.recipient.length - 1) + 1,
      ...extra,
    });
  }
  return out;
}

/** The first of the MTA's fixed sentences found in the text decides the reason it stands for. */
export function reasonFrom(text: string, table: readonly [RegExp, Reason][]): Reason | undefined {
  for (const [re, reason] of table) if (re.test(text)) return reason;
  return undefined;
}
