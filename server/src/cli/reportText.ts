// The report as text for a terminal: the summary and detail sections of pflogsumm, with each code explained from the
// catalog. Everything from the log goes through clean() (no control characters reach the terminal).
import { OUTCOMES, type Outcome } from '../core/report/event';
import type { Counts, ReasonRow, Report, Row } from '../core/report/model';
import type { Output } from './output';
import { clean, type Style } from './terminal';

const HEAD: Record<Outcome, string> = { delivered: 'deliv', deferred: 'defer', bounced: 'bounce', expired: 'expir', rejected: 'reject' };
const REASON_TITLES: Partial<Record<Outcome, string>> = { deferred: 'Deferral reasons', bounced: 'Bounce reasons', expired: 'Expiry reasons', rejected: 'Rejection reasons' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function writeReportText(out: Output, report: Report, style: Style): void {
  const paint: Record<Outcome, (s: string) => string> = { delivered: style.green, deferred: style.yellow, bounced: style.red, expired: style.red, rejected: style.blue };
  const lines = report.sources.reduce((n, s) => n + s.lines, 0);
  const files = report.sources.length;
  const span = report.span ? `, ${when(report.span.first, report)} – ${when(report.span.last, report)}` : '';
  out.line(style.bold(`Mail log report: ${files} ${plural(files, 'input')}, ${n(lines)} ${plural(lines, 'line')}, ${n(report.totals.events)} ${plural(report.totals.events, 'event')}${span}`));
  if (report.yearAssumed) out.line(style.dim('(the log gives no year: the dates are shown without one)'));
  for (const s of report.sources) {
    const what = s.formats.length ? s.formats.join(', ') : 'no mail log lines recognised';
    out.line(style.dim(`  ${clean(s.name)}: ${what}; ${n(s.lines)} ${plural(s.lines, 'line')}, ${n(s.events)} ${plural(s.events, 'event')}${s.notes.length ? ` (${s.notes.map(clean).join('; ')})` : ''}`));
  }
  out.line('');

  out.line(style.bold('Totals (one event per recipient and attempt)'));
  for (const o of OUTCOMES) {
    let extra = '';
    if (o === 'deferred' && report.totals.deferred) extra = `in ${n(report.messages.deferred)} ${plural(report.messages.deferred, 'message')}; ${n(report.stillDeferred.total)} ${plural(report.stillDeferred.total, 'recipient')} still deferred at the end`;
    out.line(`  ${paint[o](o.padEnd(10))} ${n(report.totals[o]).padStart(9)}${extra ? `   ${style.dim(extra)}` : ''}`);
  }
  if (report.messages.forwarded) out.line(style.dim(`  (${n(report.messages.forwarded)} local ${plural(report.messages.forwarded, 'forward')} to another address, not counted as deliveries)`));
  if (report.approximate.length) out.line(style.yellow(`  Approximate (too many distinct entries to keep them all): ${report.approximate.join(', ')}`));

  const buckets = report.timeline.buckets.filter((b) => b.total);
  if (buckets.length) {
    out.line('');
    const max = Math.max(...buckets.map((b) => b.total));
    out.line(style.bold(`${report.timeline.by === 'hour' ? 'Per hour' : 'Per day'}`.padEnd(18)) + header());
    for (const b of buckets) {
      const label = report.timeline.by === 'hour' ? when(b.start, report) : when(b.start, report).slice(0, -6);
      out.line(`  ${label.padEnd(16)}${columns(b.counts, b.total)}  ${bar(b.counts, max, paint)}`);
    }
    if (report.timeline.by === 'hour') out.line(style.dim('  (hours without events are left out)'));
  }
  if (report.timeline.untimed) out.line(style.dim(`  ${n(report.timeline.untimed)} events without a time`));

  table(out, style, 'Recipient domains', report.domains);
  table(out, style, 'Providers (from the relay host)', report.providers);
  table(out, style, 'Senders', report.senders);
  table(out, style, 'Failures by reason', report.categories);

  for (const o of ['deferred', 'bounced', 'expired', 'rejected'] as Outcome[]) {
    const rows = report.reasons.filter((r) => r.outcome === o);
    if (!rows.length) continue;
    out.line('');
    out.line(style.bold(REASON_TITLES[o]!));
    for (const r of rows) reason(out, style, r);
  }

  if (report.stillDeferred.total) {
    out.line('');
    out.line(style.bold(`Still deferred at the end of the log (${n(report.stillDeferred.total)})`));
    for (const d of report.stillDeferred.list) {
      const codes = [d.reply, d.status].filter(Boolean).join(' ');
      const where = `${clean(report.sources[d.source]?.name ?? '')}:${d.line}`;
      out.line(`  ${clean(d.recipient)}  ${style.dim(`since ${d.since ? when(d.since, report) : '?'}, ${d.attempts} ${plural(d.attempts, 'attempt')}, ${clean(d.id)}, ${where}`)}`);
      if (d.text) out.line(`      ${codes ? `${style.cyan(codes)} ` : ''}${clean(d.text).slice(0, 200)}`);
    }
    if (report.stillDeferred.total > report.stillDeferred.list.length) out.line(style.dim(`  … and ${n(report.stillDeferred.total - report.stillDeferred.list.length)} more`));
  }
}

function table(out: Output, style: Style, title: string, rows: Row[]) {
  if (!rows.length) return;
  out.line('');
  out.line(style.bold(title.padEnd(34)) + header(''));
  for (const r of rows) {
    const key = clean(r.key);
    const label = (key.length > 32 ? `${key.slice(0, 31)}…` : key).padEnd(32);
    out.line(`  ${r.other ? style.dim(label) : label}${columns(r.counts, r.total)}`);
  }
}

function reason(out: Output, style: Style, r: ReasonRow) {
  const codes = [r.reply?.code, r.status?.code].filter(Boolean).join(' ');
  out.line(`  ${n(r.count).padStart(7)}  ${style.cyan(codes.padEnd(10))} ${clean(r.text) || style.dim('(no reason logged)')}`);
  const notes = [r.reply, r.status].filter((c) => c?.title).map((c) => `${c!.code} ${c!.title}`);
  if (r.provider) notes.push(`${r.provider.providerName ?? ''}: ${r.provider.title}`.replace(/^: /, ''));
  const reason = `reason: ${r.reason.title}${r.outcome === 'bounced' || r.outcome === 'expired' ? ` (${r.reason.hard ? 'hard' : 'soft'} bounce)` : ''}`;
  out.line(style.dim(`  ${' '.repeat(7)}  ${' '.repeat(10)} ${[...notes.map(clean), reason].join(' · ')}`));
}

function header(pad = '') {
  return pad + OUTCOMES.map((o) => HEAD[o].padStart(7)).join('') + 'total'.padStart(8);
}

function columns(c: Counts, total: number) {
  return OUTCOMES.map((o) => n(c[o]).padStart(7)).join('') + n(total).padStart(8);
}

function bar(c: Counts, max: number, paint: Record<Outcome, (s: string) => string>) {
  const width = 30;
  return OUTCOMES.map((o) => paint[o]('#'.repeat(Math.round((c[o] / max) * width)))).join('');
}

/** "2026-11-23T10:00" → "Nov 23 10:00" (with the year when the log gives it: "2026 Nov 23 10:00"). */
function when(stamp: string, report: Report): string {
  const month = MONTHS[Number(stamp.slice(5, 7)) - 1];
  const text = `${month} ${stamp.slice(8, 10)} ${stamp.slice(11, 16)}`;
  return report.yearAssumed ? text : `${stamp.slice(0, 4)} ${text}`;
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function plural(count: number, word: string) {
  return count === 1 ? word : `${word}s`;
}
