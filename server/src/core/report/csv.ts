// The report's tables as one CSV file (Export CSV): a "table" column says which table a row is from. Cells that a
// spreadsheet would run as a formula (= + - @ at the start) are prefixed with a quote: log text is untrusted.
import { OUTCOMES } from './event';
import type { Report, Row } from './model';

export function reportCsv(report: Report): string {
  const rows: string[][] = [['table', 'key', ...OUTCOMES, 'total', 'reply', 'status', 'reason', 'text']];
  const counts = (table: string, key: string, r: Pick<Row, 'counts' | 'total'>) => rows.push([table, key, ...OUTCOMES.map((o) => String(r.counts[o])), String(r.total), '', '', '', '']);
  counts('totals', 'all', { counts: report.totals, total: report.totals.events });
  for (const b of report.timeline.buckets) if (b.total) counts(report.timeline.by, b.start, b);
  for (const r of report.domains) counts('domain', r.key, r);
  for (const r of report.providers) counts('provider', r.key, r);
  for (const r of report.senders) counts('sender', r.key, r);
  for (const r of report.categories) counts('reason', r.key, r);
  for (const r of report.reasons) {
    rows.push(['reason-detail', r.outcome, ...OUTCOMES.map((o) => String(o === r.outcome ? r.count : 0)), String(r.count), r.reply?.code ?? '', r.status?.code ?? '', r.reason.title, r.text]);
  }
  for (const d of report.stillDeferred.list) {
    rows.push(['still-deferred', d.recipient, '0', String(d.attempts), '0', '0', '0', String(d.attempts), d.reply ?? '', d.status ?? '', '', `since ${d.since ?? '?'}: ${d.text ?? ''}`]);
  }
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
