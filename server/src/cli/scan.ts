// Streaming scan of one input with the core's own scanner. Bytes are read into one reusable buffer and cut at line
// breaks; each region of complete lines (about 128 KB) is decoded once, together with the line before it as context
// and the line after it as look-ahead (the rules look at both), so findings are exactly those of a scan of the whole
// text. A line break byte never occurs inside a UTF-8 sequence, so cutting bytes at line breaks decodes exactly as
// decoding the whole input would; ASCII regions become one-byte strings. Messages (.eml) are read whole and go to
// analyze() for the recipients' outcomes.
import type { Catalog } from '../core/catalog/catalog';
import { analyze } from '../core/analyze';
import type { RecipientOutcome } from '../core/bounce/outcome';
import { looksLikeMessage } from '../core/dsn/mime';
import type { Finding } from '../core/scan/finding';
import { scan, SCAN_REACH } from '../core/scan/scanner';
import { InputError, prefixed, readHead, type ByteReader, type Input } from './source';

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

/** Bytes of complete lines decoded and scanned at a time. */
export const REGION_BYTES = 96 * 1024;
/** The read buffer's first size; it grows for a line longer than it, up to about maxLine. */
const BUFFER_BYTES = 1024 * 1024;
/** A line longer than this (in bytes) is scanned in pieces of about this size (a finding could be cut at a piece boundary). */
export const MAX_LINE = 16 * 1024 * 1024;
/** Messages are read whole: larger ones are scanned as plain lines (without the recipients' outcomes). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/**
 * The scanner never reads more of a neighbouring line than its first 8192 characters; a longer context line is kept
 * this many bytes far (three bytes of UTF-8 at most per UTF-16 character), cut at a character boundary.
 */
export const CONTEXT_BYTES = 3 * 8192;
/** How much of the input decides whether it is a message (looksLikeMessage reads its first 16 384 characters). */
const HEAD_BYTES = 64 * 1024;

const NL = 10;

export interface ScanLimits {
  /** Bytes gathered before a scan (default one region; 1 for a live stream, so each piece is scanned as it comes). */
  chunkChars?: number;
  /** Bytes per region (default REGION_BYTES). */
  regionBytes?: number;
  maxLine?: number;
  maxMessageBytes?: number;
}

export interface ScanEvents {
  /** Findings with their places, in order, as soon as they are known. */
  hits(hits: Hit[]): Promise<void> | void;
  /**
   * Set when only the findings themselves are wanted (a summary counts them): then no lines or columns are worked
   * out and hits() is not called.
   */
  findings?(findings: readonly Finding[]): void;
  /** The recipients of a message (bounces, complaint reports, automatic replies), after its findings. */
  recipients?(found: RecipientHit[]): Promise<void> | void;
  /** A non-fatal remark about the input (printed on stderr). */
  note(message: string): void;
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

/** Where a stretch of lines goes once scanned: `text[from, to)` is the stretch, starting at `line`:`column`. */
type RegionSink = (text: string, findings: Finding[], from: number, to: number) => Promise<void> | void;

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

/** Tracks line and column across regions, for hits. */
class Positions {
  constructor(public line = 1, public column = 0) {}

  /** The hits of text[from, to), then moves past it. */
  hits(text: string, findings: Finding[], from: number, to: number): Hit[] {
    const hits = findings.length ? locate(text, findings, from, this.line, this.column, to) : [];
    let newlines = 0;
    let lastNl = -1;
    for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) {
      newlines++;
      lastNl = i;
    }
    if (newlines) {
      this.line += newlines;
      this.column = to - lastNl - 1;
    } else {
      this.column += to - from;
    }
    return hits;
  }
}

export interface LineScanOptions extends ScanLimits {
  /** The line before the first one, with its line break (a part of a file scanned by another thread). */
  context?: Uint8Array;
  /** Stop at this byte offset, a line start: the line there is read as look-ahead only. */
  stopAt?: number;
  /** Bytes already read into `buffer` (the head of the input). */
  buffer?: Buffer;
  filled?: number;
  /** Skip a UTF-8 byte order mark at the start. */
  skipBom?: boolean;
}

/**
 * Reads lines from `reader` and scans them region by region; `sink` gets each region's text and findings. Each region
 * is decoded with SCAN_REACH.linesBefore lines before it and SCAN_REACH.linesAfter lines after it, so that the scanner
 * sees what it would see in the whole text. Memory: one buffer of about 1 MB (more while a very long line is read,
 * up to maxLine).
 */
export async function scanLines(reader: ByteReader, catalog: Catalog, sink: RegionSink, options: LineScanOptions = {}): Promise<void> {
  const regionBytes = options.regionBytes ?? REGION_BYTES;
  const gather = Math.min(options.chunkChars ?? regionBytes, regionBytes);
  const maxLine = options.maxLine ?? MAX_LINE;
  const context = options.context ?? new Uint8Array(0);
  let buf = options.buffer ?? Buffer.allocUnsafe(Math.max(BUFFER_BYTES, context.length * 2));
  let filled = options.filled ?? 0;
  if (context.length) {
    // The context goes in front of what was read.
    if (filled + context.length > buf.length) buf = grow(buf, filled, filled + context.length);
    buf.copyWithin(context.length, 0, filled);
    buf.set(context, 0);
    filled += context.length;
  }
  /** Start of the context lines kept for the next region; == from when there are none. */
  let ctx = 0;
  /** How many lines [ctx, from) holds (each ends with a line break). */
  let ctxLines = countLines(buf, 0, context.length);
  /** First byte not scanned yet. */
  let from = context.length;
  /** Offset of the input's byte 0 in buf (moves when the buffer is compacted), for stopAt. */
  let origin = context.length;
  let bomChecked = !options.skipBom;
  let eof = false;
  /** What the caller read already is scanned before reading on: a live stream may send nothing more for a while. */
  let readFirst = filled <= from;

  /** Scans [from, end) with the context lines before it and the look-ahead [end, ahead) of `aheadBreaks` line breaks. */
  const region = async (end: number, ahead: number, aheadBreaks: number) => {
    const text = buf.toString('utf8', ctx, ahead);
    let f = 0;
    for (let n = 0; n < ctxLines; n++) f = text.indexOf('\n', f) + 1;
    let t = text.length;
    if (ahead > end) {
      for (let n = 0; n <= aheadBreaks; n++) t = text.lastIndexOf('\n', t - 1);
      t++;
    }
    await sink(text, scan(text, catalog, f, t), f, t);
    // The next region's context: the last lines of this one and before (none after a piece of a line).
    if (buf[end - 1] === NL) {
      let p = end;
      let n = 0;
      while (n < SCAN_REACH.linesBefore && p > ctx) {
        p = Math.max(ctx, p >= 2 ? buf.lastIndexOf(NL, p - 2) + 1 : 0);
        n++;
      }
      ctx = p;
      ctxLines = n;
    } else {
      ctx = end;
      ctxLines = 0;
    }
    from = end;
  };

  for (;;) {
    if (!eof && readFirst) {
      if (filled === buf.length) {
        // Room: drop what is scanned, keeping the context lines (each to its first CONTEXT_BYTES).
        if (ctx > 0 || from - ctx > CONTEXT_BYTES + 1) {
          ({ filled, from, origin } = compact(buf, ctx, from, filled, origin));
          ctx = 0;
        }
        if (filled === buf.length) buf = grow(buf, filled, buf.length * 2);
      }
      const n = await reader.read(buf, filled, buf.length - filled);
      if (n === 0) eof = true;
      filled += n;
    }
    readFirst = true;
    if (!bomChecked && (filled - from >= 3 || eof)) {
      bomChecked = true;
      if (filled - from >= 3 && buf[from] === 0xef && buf[from + 1] === 0xbb && buf[from + 2] === 0xbf) ctx = from = from + 3;
    }
    if (!bomChecked) continue;
    const data = buf.subarray(0, filled);
    const stop = options.stopAt === undefined ? Infinity : origin + options.stopAt;
    // Complete lines are those before the last line break (all of them at the end of the input).
    const complete = eof ? filled : data.lastIndexOf(NL, filled - 1) + 1;
    // Each region needs the lines after it that the scanner reads, complete, unless the input ends (or the part
    // stops) there: the next line, and the lines that may continue a reply wrapped from the region (they open with a
    // blank), up to SCAN_REACH.linesAfter. So a region ends before the last complete line that opens otherwise, or
    // that many lines before the end: in a log, one line, and a live stream's lines come out one line later.
    let regionMax = complete;
    if (!eof) {
      for (let n = 0; n < SCAN_REACH.linesAfter && regionMax > from; n++) {
        regionMax = regionMax >= 2 ? data.lastIndexOf(NL, regionMax - 2) + 1 : 0;
        if (buf[regionMax] !== 32 && buf[regionMax] !== 9) break;
      }
    }
    if (regionMax > stop) regionMax = stop;
    while (from < regionMax) {
      if (!eof && regionMax < stop && regionMax - from < gather && filled - from < maxLine) break;
      let end = regionMax;
      if (from + regionBytes < regionMax) {
        const nl = data.indexOf(NL, from + regionBytes - 1);
        if (nl >= 0 && nl < regionMax) end = nl + 1;
      }
      let ahead = end;
      let breaks = 0;
      while (breaks < SCAN_REACH.linesAfter && ahead < complete) {
        const nl = data.indexOf(NL, ahead);
        if (nl < 0 || nl >= complete) {
          // The last line of the input, without a line break.
          ahead = complete;
          break;
        }
        ahead = nl + 1;
        breaks++;
      }
      await region(end, ahead, breaks);
    }
    // At the end of the input everything has been scanned.
    if (from >= stop || eof) return;
    // A line too long to wait for: scan what there is of it.
    if (filled - from >= maxLine) {
      if (complete > from) {
        // Complete lines before a very long one: scanned with the start of that one as their look-ahead.
        let ahead = Math.min(filled - 4, complete + CONTEXT_BYTES);
        while (ahead > complete && (buf[ahead] & 0xc0) === 0x80) ahead--;
        await region(complete, Math.max(ahead, complete), 0);
      } else {
        // Cut before the last (maybe incomplete) character.
        let cut = filled - 4;
        while (cut > from + 1 && (buf[cut] & 0xc0) === 0x80) cut--;
        await region(cut, cut, 0);
      }
    }
  }
}

function countLines(buf: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(NL, from); i >= 0 && i < to; i = buf.indexOf(NL, i + 1)) n++;
  return n;
}

/** Moves the bytes still needed to the front; each context line is kept to its first CONTEXT_BYTES. */
function compact(buf: Buffer, ctx: number, from: number, filled: number, origin: number) {
  let w = 0;
  for (let ls = ctx; ls < from; ) {
    const le = buf.indexOf(NL, ls) + 1;
    if (le - ls > CONTEXT_BYTES + 1) {
      let cut = ls + CONTEXT_BYTES;
      while (cut > ls && (buf[cut] & 0xc0) === 0x80) cut--;
      buf.copyWithin(w, ls, cut);
      w += cut - ls;
      buf[w++] = NL;
    } else {
      buf.copyWithin(w, ls, le);
      w += le - ls;
    }
    ls = le;
  }
  buf.copyWithin(w, from, filled);
  const shift = from - w;
  return { filled: filled - shift, from: w, origin: origin - shift };
}

function grow(buf: Buffer, filled: number, size: number): Buffer {
  const bigger = Buffer.allocUnsafe(size);
  buf.copy(bigger, 0, 0, filled);
  return bigger;
}

/** Scans one input, streaming. Throws InputError (or a file system error) when it cannot be read. */
export async function scanInput(input: Input, catalog: Catalog, events: ScanEvents, limits: ScanLimits = {}): Promise<void> {
  const reader = await input.open();
  try {
    const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    const filled = await readHead(input, reader, buffer);
    if (!filled) return;
    const bom = filled >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
    if (input.isMessage || looksLikeMessage(buffer.toString('utf8', bom ? 3 : 0, Math.min(filled, HEAD_BYTES)))) {
      const whole = await readMessage(buffer.subarray(0, filled), reader, limits.maxMessageBytes ?? MAX_MESSAGE_BYTES);
      if (typeof whole === 'string') {
        const { findings, recipients } = analyze(whole, catalog, { message: true });
        if (events.findings) events.findings(findings);
        else if (findings.length) await events.hits(locate(whole, findings, 0, 1, 0));
        if (recipients.length && events.recipients) await events.recipients(locateRecipients(whole, recipients));
        return;
      }
      events.note(`message larger than ${Math.round((limits.maxMessageBytes ?? MAX_MESSAGE_BYTES) / 1048576)} MB: scanned as plain text, without the recipients' outcomes`);
      await scanLines(prefixed(whole, reader), catalog, sinkFor(events), { ...limits, skipBom: true });
      return;
    }
    await scanLines(reader, catalog, sinkFor(events), { ...limits, buffer, filled, skipBom: true });
  } finally {
    await reader.close();
  }
}

/** Where regions go: counted findings, or hits with their places. */
export function sinkFor(events: ScanEvents, positions = new Positions()): RegionSink {
  const counted = events.findings?.bind(events);
  if (counted) return (_text, findings) => counted(findings);
  return (text, findings, from, to) => {
    const hits = positions.hits(text, findings, from, to);
    return hits.length ? events.hits(hits) : undefined;
  };
}

/** The whole message as text, or, past `max` bytes, the chunks read so far (to be scanned as lines). */
async function readMessage(head: Uint8Array, reader: ByteReader, max: number): Promise<string | Uint8Array[]> {
  const chunks = [Buffer.from(head)];
  let size = head.length;
  for (;;) {
    const chunk = Buffer.allocUnsafe(BUFFER_BYTES);
    const n = await reader.read(chunk, 0, chunk.length);
    if (!n) break;
    chunks.push(chunk.subarray(0, n));
    size += n;
    if (size > max) return chunks;
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks, size));
}

export { InputError, Positions };
