// One input of a report, streamed: text in any pieces, cut into lines, each line given to the extractor of the MTA
// that wrote it (told by the syslog program name, or Exim's own time stamp). An input that starts like a message is
// a bounce (.eml) and is read whole; one whose first line is a message trace header is read as CSV records.
import { looksLikeMessage } from '../dsn/mime';
import type { LineContext } from './context';
import { bounceEvents } from './dsn';
import { eximLine } from './exim';
import type { MailEvent, Mta } from './event';
import { MessageTraceReader, messageTraceHeader } from './m365';
import type { Messages } from './messages';
import { postfixLine } from './postfix';
import { sendmailLine } from './sendmail';
import { isoTime, syslogTime, type Clock } from './time';

// "Nov 23 10:01:01 host program[pid]: " and "2026-11-23T10:01:01.123+01:00 host program[pid]: " (RFC 3339, as
// rsyslog and journald write it); Exim's own log: "2026-11-23 10:01:01[.mmm][ +0100][ [pid]] ".
const BSD = /^([A-Z][a-z]{2}) {1,2}([0-9]{1,2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)? \S+ ([^\s:[]+)(?:\[[0-9]+\])?: /;
const RFC3339 = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})? \S+ ([^\s:[]+)(?:\[[0-9]+\])?: /;
const EXIM = /^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?: [+-][0-9]{4})? (?:\[[0-9]+\] )?/;

/** A line longer than this is cut: only its start is read (mail log lines are a few hundred characters). */
export const MAX_LINE = 1024 * 1024;
/** A message (.eml) larger than this is read as lines instead. */
export const MAX_MESSAGE = 64 * 1024 * 1024;

export interface SourceStats {
  lines: number;
  events: number;
  formats: Set<Mta>;
  /** Syslog's traditional time stamps (no year) were read: the year is assumed. */
  yearless: boolean;
  /** Remarks for the person reading the report (a cut line, a message read as lines). */
  notes: string[];
}

export interface ReaderTarget {
  clock: Clock;
  messages: Messages;
  emit(event: MailEvent): void;
  tally(what: 'forwarded'): void;
}

export class SourceReader {
  readonly stats: SourceStats = { lines: 0, events: 0, formats: new Set(), yearless: false, notes: [] };
  private pending = '';
  private mode: 'start' | 'lines' | 'message' | 'trace' = 'start';
  private message: string[] = [];
  private messageChars = 0;
  private trace?: MessageTraceReader;
  /** The rest of a cut line is skipped up to its end. */
  private skipping = false;
  private readonly ctx: LineContext;
  /** The time stamp of the current line, read into a time only when an extractor asks (most lines need none). */
  private stamp: RegExpExecArray | null = null;
  private stampKind: 'syslog' | 'iso' = 'iso';
  private stampTime = NaN;

  constructor(readonly source: number, private readonly target: ReaderTarget) {
    const stats = this.stats;
    const self = this;
    this.ctx = {
      source,
      line: 0,
      get time() {
        return self.time();
      },
      set time(value: number) {
        self.stamp = null;
        self.stampTime = value;
      },
      messages: target.messages,
      emit(event) {
        stats.events++;
        target.emit(event);
      },
      saw(mta) {
        if (!stats.formats.has(mta)) stats.formats.add(mta);
      },
      tally: (what) => target.tally(what),
    };
  }

  push(text: string): void {
    if (!text) return;
    if (this.mode === 'message') return this.keep(text);
    if (this.pending && this.mode === 'lines') {
      // Only the line cut between two pieces is put together: the piece itself is not copied.
      const nl = text.indexOf('\n');
      if (nl < 0 || this.pending.length + nl > MAX_LINE) return this.consume(this.pending + text, false);
      const first = this.pending + text.slice(0, nl + 1);
      this.pending = '';
      this.consume(first, false);
      text = text.slice(nl + 1);
      if (!text) return;
    }
    this.consume(this.pending ? this.pending + text : text, false);
  }

  end(): void {
    const rest = this.pending;
    this.pending = '';
    if (this.mode !== 'message') this.consume(rest, true);
    if (this.mode === 'message') {
      const whole = this.message.join('');
      this.message = [];
      this.ctx.line = 1;
      this.ctx.time = NaN;
      bounceEvents(whole, this.ctx);
      this.stats.lines = countLines(whole);
      return;
    }
    if (this.trace) this.trace.end(this.ctx);
  }

  /** Reads the complete lines of `buf` (all of it when final) and keeps the rest for the next piece. */
  private consume(buf: string, final: boolean) {
    if (this.mode === 'start') {
      const mode = this.decide(buf, final);
      if (!mode) {
        this.pending = buf;
        return;
      }
      if (mode === 'message') return this.keep(buf);
    }
    let start = 0;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
      this.lineAt(buf, start, nl);
      start = nl + 1;
    }
    if (final) {
      if (start < buf.length) this.lineAt(buf, start, buf.length);
      return;
    }
    if (buf.length - start > MAX_LINE) {
      if (!this.skipping) this.cut(buf.slice(start, start + MAX_LINE));
      this.pending = '';
      return;
    }
    this.pending = start ? buf.slice(start) : buf;
  }

  /** Tells a message from a log once enough of the input is there; undefined while it cannot tell yet. */
  private decide(buf: string, final: boolean): 'message' | 'lines' | undefined {
    const firstLine = buf.indexOf('\n');
    if (firstLine < 0 && !final && buf.length < 16384) return undefined;
    const head = buf.charCodeAt(0) === 0xfeff ? buf.slice(1, 16385) : buf.slice(0, 16384);
    // Header fields first: wait for the blank line that ends them (or 16 KB) before deciding.
    if (/^(?:[!-9;-~]{1,128}:|From )/.test(head) && !final && !/\r?\n\r?\n/.test(head) && head.length < 16384) return undefined;
    return (this.mode = looksLikeMessage(head) ? 'message' : 'lines');
  }

  private keep(text: string) {
    this.messageChars += text.length;
    if (this.messageChars <= MAX_MESSAGE) {
      this.message.push(text);
      return;
    }
    // Too big to read whole: go on as lines (the delivery status of its recipients is not read).
    this.stats.notes.push(`a message larger than ${MAX_MESSAGE / 1048576} MB: read as lines`);
    const kept = this.message.join('');
    this.message = [];
    this.mode = 'lines';
    this.push(kept + text);
  }

  private lineAt(buf: string, start: number, nl: number) {
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    let end = nl;
    if (end > start && buf.charCodeAt(end - 1) === 13) end--;
    this.stats.lines++;
    this.ctx.line = this.stats.lines;
    this.line(buf.slice(start, end));
  }

  private cut(part: string) {
    this.stats.lines++;
    this.ctx.line = this.stats.lines;
    this.stats.notes.push(`line ${this.stats.lines} is longer than ${MAX_LINE / 1048576} MB: only its start was read`);
    this.skipping = true;
    this.line(part);
  }

  private line(text: string) {
    const ctx = this.ctx;
    this.stamp = null;
    this.stampTime = NaN;
    if (this.trace) return this.trace.line(text, ctx);
    const c = text.charCodeAt(0);
    let m: RegExpExecArray | null;
    if (c >= 65 && c <= 90 && (m = BSD.exec(text))) {
      this.stamped(m, 'syslog');
      this.stats.yearless = true;
      this.program(m[6], text.slice(m[0].length));
    } else if (c >= 48 && c <= 57) {
      const sep = text.charCodeAt(10);
      if (sep === 84 && (m = RFC3339.exec(text))) {
        this.stamped(m, 'iso');
        this.program(m[7], text.slice(m[0].length));
      } else if (sep === 32 && (m = EXIM.exec(text))) {
        this.stamped(m, 'iso');
        eximLine(text.slice(m[0].length), ctx);
      }
    } else if (ctx.line === 1 || (ctx.line === 2 && !this.stats.formats.size)) {
      // A message trace export: its header line (after a byte order mark, or one blank line) names its columns.
      const columns = messageTraceHeader(text);
      if (columns) this.trace = new MessageTraceReader(columns);
    }
  }

  private stamped(m: RegExpExecArray, kind: 'syslog' | 'iso') {
    this.stamp = m;
    this.stampKind = kind;
  }

  private time(): number {
    const m = this.stamp;
    if (m) {
      this.stamp = null;
      this.stampTime = this.stampKind === 'syslog' ? syslogTime(m[1], m[2], m[3], m[4], m[5], this.target.clock) : isoTime(m[1], m[2], m[3], m[4], m[5], m[6]);
    }
    return this.stampTime;
  }

  private program(name: string, msg: string) {
    if (name.startsWith('postfix')) postfixLine(msg, this.ctx);
    else if (name === 'sendmail' || name.startsWith('sm-')) sendmailLine(msg, this.ctx);
    else if (name.startsWith('exim')) eximLine(msg, this.ctx);
  }
}

function countLines(text: string): number {
  let n = text.length && !text.endsWith('\n') ? 1 : 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
