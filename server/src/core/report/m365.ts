// Microsoft 365 / Exchange Online message trace exports (CSV). Two shapes are read:
//  - the extended report of a historical search: date_time_utc, event_id, recipient_address, recipient_status,
//    sender_address, server_hostname, message_id … — one row per event; DELIVER and SEND deliver, FAIL fails,
//    DEFER defers (RECEIVE, EXPAND, TRANSFER … are not attempts);
//  - Get-MessageTrace (and the V2 cmdlet) exported with Export-Csv: Received, SenderAddress, RecipientAddress,
//    Status, MessageTraceId … — Delivered, Failed, Pending.
// A quoted field may hold line breaks: a record can span lines, and is one event however many.
import type { LineContext } from './context';
import type { Outcome } from './event';
import { parseDate } from './time';

const EXTENDED: Record<string, Outcome> = { DELIVER: 'delivered', SEND: 'delivered', FAIL: 'bounced', DEFER: 'deferred' };
const SUMMARY: Record<string, Outcome> = { delivered: 'delivered', failed: 'bounced', pending: 'deferred' };

interface Columns {
  shape: 'extended' | 'summary';
  index: Map<string, number>;
}

/** The columns of a message trace header line, or undefined when the line is not one. */
export function messageTraceHeader(line: string): Columns | undefined {
  if (line.indexOf(',') < 0) return undefined;
  const names = splitCsv(line.replace(/^\uFEFF/, '')).map((n) => n.trim().toLowerCase());
  const index = new Map(names.map((n, i) => [n, i]));
  if (index.has('date_time_utc') && index.has('event_id') && index.has('recipient_address')) return { shape: 'extended', index };
  if (index.has('received') && index.has('recipientaddress') && index.has('status')) return { shape: 'summary', index };
  return undefined;
}

export class MessageTraceReader {
  private pending = '';
  private pendingLine = 0;
  private quotes = 0;

  constructor(private readonly columns: Columns) {}

  line(text: string, ctx: LineContext): void {
    if (!this.pending) this.pendingLine = ctx.line;
    this.pending = this.pending ? `${this.pending}\n${text}` : text;
    for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) this.quotes++;
    // An odd number of quotes: a quoted field goes on on the next line.
    if (this.quotes % 2 === 1 && this.pending.length < 1_000_000) return;
    const record = this.pending;
    this.pending = '';
    this.quotes = 0;
    if (record.trim()) this.record(splitCsv(record), { ...ctx, line: this.pendingLine });
  }

  end(ctx: LineContext): void {
    if (this.pending) {
      const record = this.pending;
      this.pending = '';
      this.record(splitCsv(record), { ...ctx, line: this.pendingLine });
    }
  }

  private record(fields: string[], ctx: LineContext) {
    const get = (name: string) => {
      const i = this.columns.index.get(name);
      return i === undefined ? undefined : fields[i]?.trim() || undefined;
    };
    ctx.saw('m365');
    const extended = this.columns.shape === 'extended';
    const outcome = extended ? EXTENDED[(get('event_id') ?? '').toUpperCase()] : SUMMARY[(get('status') ?? '').toLowerCase()];
    if (!outcome) return;
    const time = parseDate(extended ? get('date_time_utc') : get('received'));
    const sender = extended ? get('sender_address') : get('senderaddress');
    const id = extended ? get('message_id') ?? get('network_message_id') : get('messagetraceid') ?? get('messageid');
    const text = extended ? get('recipient_status') : undefined;
    const relay = extended ? get('server_hostname') : undefined;
    for (const recipient of (extended ? get('recipient_address') : get('recipientaddress'))?.split(';') ?? ['']) {
      ctx.emit({ outcome, time, source: ctx.source, line: ctx.line, mta: 'm365', id, sender, recipient: recipient.trim() || undefined, relay, text: outcome === 'delivered' ? undefined : text });
    }
  }
}

/** One CSV record (RFC 4180: quoted fields, "" for a quote inside one). */
export function splitCsv(record: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (record.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = record.indexOf('"', j);
        if (q < 0) {
          value += record.slice(j);
          j = record.length;
          break;
        }
        if (record.charCodeAt(q + 1) === 34) {
          value += record.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        value += record.slice(j, q);
        j = q + 1;
        break;
      }
      out.push(value);
      const comma = record.indexOf(',', j);
      if (comma < 0) return out;
      i = comma + 1;
    } else {
      const comma = record.indexOf(',', i);
      if (comma < 0) {
        out.push(record.slice(i));
        return out;
      }
      out.push(record.slice(i, comma));
      i = comma + 1;
    }
  }
}
