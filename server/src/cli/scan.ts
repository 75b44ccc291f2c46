// Streaming scan of one input with the core's own scanner: chunks of complete lines go to scan(), with the line
// before them as context and the line after them as look-ahead (the rules look at both), so findings are exactly
// those of a scan of the whole text. Messages (.eml) are read whole and go to analyze() for the recipients' outcomes.
import type { Catalog } from '../core/catalog/catalog';
import { analyze } from '../core/analyze';
import type { RecipientOutcome } from '../core/bounce/outcome';
import { looksLikeMessage } from '../core/dsn/mime';
import type { Finding } from '../core/scan/finding';
import { scan } from '../core/scan/scanner';
import { InputError, type Input } from './source';

/** A finding with its place: 1-based line, 0-based UTF-16 character offsets in the line. */
export interface Hit {
  finding: Finding;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  /** endCharacter clipped to the start line (for formats with one line per finding). */
  endCharacterOnLine: number;
}

/** Characters of text gathered before a scan (about one chunk of bytes). */
export const CHUNK_CHARS = 1024 * 1024;
/** A line longer than this is scanned in pieces of this size (a finding could be cut at a piece boundary). */
export const MAX_LINE = 16 * 1024 * 1024;
/** Messages are read whole: larger ones are scanned as plain lines (without the DSN summaries). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** The scanner never looks further into a line than this; longer context lines are kept only this far. */
const CONTEXT_CHARS = 8192;

export interface ScanLimits {
  chunkChars?: number;
  maxLine?: number;
  maxMessageBytes?: number;
}

/**
 * Feeds text in any pieces; hands out the findings of each stretch of complete lines as soon as they are known.
 * Memory: the pending text (one chunk, or one long line up to maxLine) and the previous line's first 8 KB.
 */
export class LineScanner {
  private pending = '';
  private context = '';
  /** Line number (1-based) and column offset of pending[0]: the offset is non-zero after a long line was cut. */
  private line = 1;
  private column = 0;
  private readonly chunkChars: number;
  private readonly maxLine: number;

  constructor(private readonly catalog: Catalog, limits: ScanLimits = {}) {
    this.chunkChars = limits.chunkChars ?? CHUNK_CHARS;
    this.maxLine = limits.maxLine ?? MAX_LINE;
  }

  push(text: string): Hit[] {
    this.pending = this.pending ? this.pending + text : text;
    if (this.pending.length < this.chunkChars) return [];
    return this.step(false);
  }

  end(): Hit[] {
    return this.step(true);
  }

  private step(final: boolean): Hit[] {
    const buf = this.pending;
    if (!buf) return [];
    if (final) {
      this.pending = '';
      return this.region(buf, buf.length, buf.length);
    }
    const last = buf.lastIndexOf('\n');
    if (last < 0) {
      if (buf.length < this.maxLine) return [];
      // One line longer than the cap: scan what there is, continue the same line from here.
      this.pending = '';
      return this.region(buf, buf.length, buf.length);
    }
    const prev = last > 0 ? buf.lastIndexOf('\n', last - 1) : -1;
    if (prev < 0) {
      // A single complete line (a long one): without a look-ahead line unless it grows too long.
      if (buf.length < this.maxLine) return [];
      this.pending = buf.slice(last + 1);
      return this.region(buf.slice(0, last + 1), last + 1, last + 1);
    }
    // Scan up to the line before the last complete one; that last line is the look-ahead and is scanned next time.
    this.pending = buf.slice(prev + 1);
    return this.region(buf.slice(0, last + 1), prev + 1, last + 1);
  }

  /** Scans chunk[0, to) with the context line before it and chunk[to, ahead) after it. */
  private region(chunk: string, to: number, ahead: number): Hit[] {
    const ctx = this.context;
    const text = ahead < chunk.length ? ctx + chunk.slice(0, ahead) : ctx + chunk;
    const from = ctx.length;
    const findings = scan(text, this.catalog, from, from + to);
    const hits = locate(text, findings, from, this.line, this.column, from + to);
    // The next region's context: the last line scanned (its first 8 KB are all the scanner ever reads of it).
    const endsLine = to > 0 && chunk.charCodeAt(to - 1) === 10;
    if (endsLine) {
      const start = to >= 2 ? chunk.lastIndexOf('\n', to - 2) + 1 : 0;
      const lastLine = chunk.slice(start, to - 1);
      this.context = (lastLine.length > CONTEXT_CHARS ? lastLine.slice(0, CONTEXT_CHARS) : lastLine) + '\n';
    } else {
      this.context = '';
    }
    let newlines = 0;
    let lastNl = -1;
    for (let i = chunk.indexOf('\n'); i >= 0 && i < to; i = chunk.indexOf('\n', i + 1)) {
      newlines++;
      lastNl = i;
    }
    if (newlines) {
      this.line += newlines;
      this.column = to - lastNl - 1;
    } else {
      this.column += to;
    }
    return hits;
  }
}

/**
 * Positions of findings (sorted by start) in text, where text[from] is at line `line`, column `column`.
 * Findings at or after `limit` are dropped (they belong to the next region).
 */
export function locate(text: string, findings: readonly Finding[], from: number, line: number, column: number, limit = text.length): Hit[] {
  const hits: Hit[] = [];
  let pos = from;
  let lineStart = from;
  let current = line;
  for (const f of findings) {
    if (f.start >= limit || f.start < from) continue;
    for (let nl = text.indexOf('\n', pos); nl >= 0 && nl < f.start; nl = text.indexOf('\n', nl + 1)) {
      current++;
      lineStart = nl + 1;
    }
    pos = Math.max(pos, f.start);
    const character = f.start - lineStart + (current === line ? column : 0);
    let endLine = current;
    let endCharacter = character + (f.end - f.start);
    let lineEnd = text.indexOf('\n', f.start);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd > f.start && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    if (f.end > lineEnd) {
      let nlCount = 0;
      let lastNl = -1;
      for (let nl = text.indexOf('\n', f.start); nl >= 0 && nl < f.end; nl = text.indexOf('\n', nl + 1)) {
        nlCount++;
        lastNl = nl;
      }
      if (nlCount) {
        endLine = current + nlCount;
        endCharacter = f.end - lastNl - 1;
      }
    }
    const endCharacterOnLine = endLine === current ? endCharacter : lineEnd - lineStart + (current === line ? column : 0);
    hits.push({ finding: f, line: current, character, endLine, endCharacter, endCharacterOnLine });
  }
  return hits;
}

/** A recipient a message reports on, with its place: 1-based line, 0-based UTF-16 character in the line. */
export interface RecipientHit {
  outcome: RecipientOutcome;
  line: number;
  character: number;
}

/** Places of recipients (few per message): one walk over the line breaks up to the last of them. */
export function locateRecipients(text: string, outcomes: readonly RecipientOutcome[]): RecipientHit[] {
  const order = outcomes.map((o, i) => ({ o, i })).sort((a, b) => a.o.start - b.o.start);
  const out: RecipientHit[] = new Array(outcomes.length);
  let line = 1;
  let lineStart = 0;
  let pos = 0;
  for (const { o, i } of order) {
    for (let nl = text.indexOf('\n', pos); nl >= 0 && nl < o.start; nl = text.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
      pos = nl + 1;
    }
    out[i] = { outcome: o, line, character: Math.max(0, o.start - lineStart) };
  }
  return out;
}

export interface ScanEvents {
  /** Findings, in order, as soon as they are known. */
  hits(hits: Hit[]): Promise<void> | void;
  /** The recipients of a message (bounces, complaint reports, automatic replies), after its findings. */
  recipients?(found: RecipientHit[]): Promise<void> | void;
  /** A non-fatal remark about the input (printed on stderr). */
  note(message: string): void;
}

/** Scans one input, streaming. Throws InputError (or a file system error) when it cannot be read. */
export async function scanInput(input: Input, catalog: Catalog, events: ScanEvents, limits: ScanLimits = {}): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  const maxMessage = limits.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const iterator = input.chunks();
  let message: string[] | undefined;
  let messageBytes = 0;
  let scanner: LineScanner | undefined;
  for await (const chunk of iterator) {
    const text = decoder.decode(chunk, { stream: true });
    if (!scanner && !message) {
      if (input.isMessage || looksLikeMessage(text)) message = [];
      else scanner = new LineScanner(catalog, limits);
    }
    if (message) {
      messageBytes += chunk.length;
      if (messageBytes <= maxMessage) {
        message.push(text);
        continue;
      }
      events.note(`message larger than ${Math.round(maxMessage / 1048576)} MB: scanned as plain text, without the recipients' outcomes`);
      scanner = new LineScanner(catalog, limits);
      for (const part of message) await emit(events, scanner.push(part));
      message = undefined;
    }
    await emit(events, scanner!.push(text));
  }
  const rest = decoder.decode();
  if (message) {
    message.push(rest);
    const whole = message.join('');
    message = undefined;
    const analysis = analyze(whole, catalog, { message: true });
    await emit(events, locate(whole, analysis.findings, 0, 1, 0));
    if (analysis.recipients.length && events.recipients) await events.recipients(locateRecipients(whole, analysis.recipients));
    return;
  }
  if (!scanner) return;
  await emit(events, scanner.push(rest));
  await emit(events, scanner.end());
}

async function emit(events: ScanEvents, hits: Hit[]) {
  if (hits.length) await events.hits(hits);
}

export { InputError };
