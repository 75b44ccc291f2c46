// Decodes a quoted-printable or base64 body into text and remembers, for every decoded character, the range of the
// raw file it came from: findings in decoded text are reported at their exact place in the encoded lines.
//
// Which bytes make which character is the platform decoder's (TextDecoder) business, for every charset it knows:
// UTF-8, UTF-16 with or without a BOM, Shift_JIS, ISO-2022-JP, single-byte charsets… We never guess widths. Bytes
// are fed to the decoder in streaming mode: one at a time where a character may span bytes, so that the call that
// completes a character tells where it ends; and in whole runs where each byte is known to be one character (ASCII
// bytes while the decoder holds nothing), checked against the decoder's output length.

import { runSteps, type Steps } from '../steps';

export interface DecodedText {
  text: string;
  /** rawOffset[i]: where decoded UTF-16 unit i starts in the original text; one extra element for the end. */
  rawOffset: Uint32Array;
  /** rawEnd[i]: where decoded UTF-16 unit i ends in the original text (both units of a surrogate pair alike). */
  rawEnd: Uint32Array;
}

export const MAX_DECODED = 8 * 1024 * 1024;

/** The range of the original text that decoded text [start, end) came from. */
export function toRaw(decoded: DecodedText, start: number, end: number): { start: number; end: number } {
  const rawStart = decoded.rawOffset[start];
  return { start: rawStart, end: end > start ? Math.max(rawStart, decoded.rawEnd[end - 1]) : rawStart };
}

/** Raw characters decoded between two yields of decodeBodyInSteps. */
const DECODE_SLICE = 128 * 1024;

export function decodeBody(text: string, start: number, end: number, encoding: string, charset = 'utf-8'): DecodedText | undefined {
  return runSteps(decodeBodyInSteps(text, start, end, encoding, charset));
}

/** decodeBody() in steps (./steps.ts): yields every DECODE_SLICE raw characters. */
export function* decodeBodyInSteps(text: string, start: number, end: number, encoding: string, charset = 'utf-8'): Steps<DecodedText | undefined> {
  if (end - start > MAX_DECODED * 2) end = start + MAX_DECODED * 2;
  if (encoding !== 'base64' && encoding !== 'quoted-printable') return undefined;
  // At most one character per byte: base64 holds three bytes in four characters, quoted-printable one at most in one.
  const out = new CharDecoder(charset, encoding === 'base64' ? Math.ceil(((end - start) * 3) / 4) : end - start, end);
  const read = encoding === 'base64' ? base64Bytes : qpBytes;
  for (let from = start; from < end; from += DECODE_SLICE) {
    if (from > start) yield;
    read(text, from, Math.min(end, from + DECODE_SLICE), end, out);
  }
  return out.finish();
}

const B64 = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
const EQUALS = 61;

/**
 * Each byte of a base64 group is carried by two of its four characters: its range is from the character holding its
 * first bit to the one holding its last. Characters outside the alphabet (line breaks, garbage) are skipped; a group
 * cut short by "=" padding gives the bytes it holds, a corrupt one is dropped.
 */
function base64Bytes(text: string, start: number, end: number, bodyEnd: number, out: CharDecoder) {
  const group = out.group;
  const at = group.at;
  const value = group.value;
  let n = group.n;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === EQUALS) {
      // Padding: "xx==" holds one byte, "xxx=" two; anything shorter is not a group.
      if (n >= 2) {
        out.byte(((value[0] << 2) | (value[1] >> 4)) & 255, at[0], at[1] + 1);
        if (n === 3) out.byte(((value[1] << 4) | (value[2] >> 2)) & 255, at[1], at[2] + 1);
      }
      n = 0;
      continue;
    }
    const v = c < 128 ? B64[c] : -1;
    if (v < 0) continue;
    at[n] = i;
    value[n++] = v;
    if (n === 4) {
      out.byte(((value[0] << 2) | (value[1] >> 4)) & 255, at[0], at[1] + 1);
      out.byte(((value[1] << 4) | (value[2] >> 2)) & 255, at[1], at[2] + 1);
      out.byte(((value[2] << 6) | value[3]) & 255, at[2], at[3] + 1);
      n = 0;
    }
  }
  group.n = n;
  if (end < bodyEnd) return;
  // A truncated last group: the whole bytes it holds.
  if (n >= 2) out.byte(((value[0] << 2) | (value[1] >> 4)) & 255, at[0], at[1] + 1);
  if (n >= 3) out.byte(((value[1] << 4) | (value[2] >> 2)) & 255, at[1], at[2] + 1);
}

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
}
const hex = (c: number) => (c < 128 ? HEX[c] : -1);

/**
 * "=XX" is one byte, "=" at the end of a line (trailing white space allowed) joins it with the next, anything else is
 * the byte it is. A character beyond Latin-1 or any non-ASCII one cannot be quoted-printable: the file was already
 * decoded as text (an 8-bit body mislabelled), so it is kept as the character it is rather than re-encoded.
 */
function qpBytes(text: string, start: number, sliceEnd: number, end: number, out: CharDecoder) {
  // An escape or soft line break across the slice's end is read whole: the next slice starts after it.
  for (let i = Math.max(start, out.resumeAt); i < sliceEnd; i++) {
    out.resumeAt = i + 1;
    const c = text.charCodeAt(i);
    if (c === EQUALS) {
      const h = i + 2 < end ? hex(text.charCodeAt(i + 1)) : -1;
      const l = h >= 0 ? hex(text.charCodeAt(i + 2)) : -1;
      if (l >= 0) {
        out.byte((h << 4) | l, i, i + 3);
        i += 2;
        out.resumeAt = i + 1;
        continue;
      }
      let j = i + 1;
      while (j < end && j < i + 80 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
      if (text.charCodeAt(j) === 13) j++;
      if (j < end && text.charCodeAt(j) === 10) {
        i = j;
        out.resumeAt = i + 1;
        continue;
      }
    }
    if (c >= 128) {
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < end && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
      out.raw(text.slice(i, pair ? i + 2 : i + 1), i, pair ? i + 2 : i + 1);
      if (pair) out.resumeAt = ++i + 1;
      continue;
    }
    out.byte(c, i, i + 1);
  }
}

const ESC = 0x1b;
const SO = 0x0e;
const SI = 0x0f;
const RUN = 4096;

/**
 * Bytes in, text out, with the raw range of every UTF-16 unit. Bytes are buffered while they form a run the decoder
 * will turn into one character each (ASCII, in an ASCII-compatible charset, while the decoder holds no partial
 * character and is in its ASCII state); every other byte goes to the decoder alone, and the characters that call
 * returns are attributed to the bytes since the last character: the decoder says where each character ends.
 */
class CharDecoder {
  /** The reader's place between slices: a base64 group in progress, where quoted-printable reading goes on. */
  readonly group = { at: [0, 0, 0, 0], value: [0, 0, 0, 0], n: 0 };
  resumeAt = 0;
  private readonly decoder: TextDecoder;
  /** UTF-16 is the one charset where an ASCII byte is not a character. */
  private readonly asciiCompatible: boolean;
  private readonly pieces: string[] = [];
  private length = 0;
  private starts: Uint32Array;
  private ends: Uint32Array;
  /** Known to hold no partial character and to read ASCII bytes as themselves (true at the start). */
  private clean = true;
  /** The buffered run: its bytes and where each came from. */
  private readonly run = new Uint8Array(RUN);
  private readonly runStart = new Uint32Array(RUN);
  private readonly runEnd = new Uint32Array(RUN);
  private runLength = 0;
  /** Where the bytes not yet part of a character start (-1: none). */
  private pendingStart = -1;
  private readonly single = new Uint8Array(1);

  constructor(charset: string, capacity: number, private readonly rawLimit: number) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(charset.trim() || 'utf-8');
    } catch {
      // A charset the platform does not know: UTF-8 is the best guess for mail today.
      decoder = new TextDecoder('utf-8');
    }
    this.decoder = decoder;
    this.asciiCompatible = decoder.encoding !== 'utf-16le' && decoder.encoding !== 'utf-16be';
    this.starts = new Uint32Array(capacity + 4);
    this.ends = new Uint32Array(capacity + 4);
  }

  byte(b: number, rawStart: number, rawEnd: number) {
    if (this.clean && this.asciiCompatible && b < 128 && b !== ESC && b !== SO && b !== SI) {
      if (this.runLength === RUN) this.flushRun();
      this.run[this.runLength] = b;
      this.runStart[this.runLength] = rawStart;
      this.runEnd[this.runLength++] = rawEnd;
      return;
    }
    this.flushRun();
    if (this.pendingStart < 0) this.pendingStart = rawStart;
    this.single[0] = b;
    const out = this.decoder.decode(this.single, { stream: true });
    if (!out) {
      // Part of a character, or consumed without one (a BOM, an ISO-2022-JP escape sequence).
      this.clean = false;
      return;
    }
    if (this.asciiCompatible && b < 128 && out.length === 1 && out.charCodeAt(0) === b) {
      // The byte read as itself: nothing was pending, what came before was consumed without a character.
      this.emit(out, rawStart, rawEnd);
      this.clean = b !== ESC && b !== SO && b !== SI;
      return;
    }
    this.attribute(out, this.pendingStart, rawStart, rawEnd);
    // After a character the decoder may still hold the start of the next one: stay byte by byte until an ASCII
    // byte reads as itself again.
    this.clean = false;
  }

  /** A character of the raw text kept as it is (not a byte): ends whatever the decoder held. */
  raw(chars: string, rawStart: number, rawEnd: number) {
    this.flushRun();
    this.flushDecoder(rawStart);
    this.emit(chars, rawStart, rawEnd);
  }

  finish(): DecodedText {
    this.flushRun();
    this.flushDecoder(this.rawLimit);
    const text = this.pieces.join('');
    // Views, not copies: on a large part these arrays are tens of megabytes.
    this.reserve(1);
    this.starts[this.length] = this.length ? this.ends[this.length - 1] : this.rawLimit;
    return { text, rawOffset: this.starts.subarray(0, this.length + 1), rawEnd: this.ends.subarray(0, this.length) };
  }

  private flushRun() {
    if (!this.runLength) return;
    const n = this.runLength;
    this.runLength = 0;
    const out = this.decoder.decode(this.run.subarray(0, n), { stream: true });
    if (out.length === n) {
      this.pieces.push(out);
      this.reserve(n);
      this.starts.set(this.runStart.subarray(0, n), this.length);
      this.ends.set(this.runEnd.subarray(0, n), this.length);
      this.length += n;
      return;
    }
    // Not one character a byte after all (the decoder was not in the state it seemed): the run's characters share
    // the run's range, which still holds them; go byte by byte from here.
    this.attribute(out, this.runStart[0], this.runStart[n - 1], this.runEnd[n - 1]);
    this.clean = false;
  }

  /** End of the bytes: whatever the decoder held becomes replacement characters over the bytes it held. */
  private flushDecoder(rawEnd: number) {
    const out = this.decoder.decode();
    if (out && this.pendingStart >= 0) this.attribute(out, this.pendingStart, this.pendingStart, Math.max(this.pendingStart, rawEnd));
    this.pendingStart = -1;
    this.clean = true;
  }

  /**
   * Characters completed by the byte at [lastStart, lastEnd), with earlier bytes pending from `from`: the last
   * character ends with this byte; characters before it (replacements for a broken sequence) cover the bytes before.
   */
  private attribute(out: string, from: number, lastStart: number, lastEnd: number) {
    const lastCp = out.length >= 2 && isLowSurrogate(out.charCodeAt(out.length - 1)) && isHighSurrogate(out.charCodeAt(out.length - 2)) ? out.length - 2 : out.length - 1;
    if (lastCp > 0) this.emit(out.slice(0, lastCp), from, Math.max(from, lastStart));
    this.emit(out.slice(lastCp), lastCp > 0 ? lastStart : from, lastEnd);
  }

  private emit(chars: string, rawStart: number, rawEnd: number) {
    this.pieces.push(chars);
    this.reserve(chars.length);
    this.starts.fill(rawStart, this.length, this.length + chars.length);
    this.ends.fill(rawEnd, this.length, this.length + chars.length);
    this.length += chars.length;
    this.pendingStart = -1;
  }

  private reserve(n: number) {
    if (this.length + n <= this.starts.length) return;
    const size = Math.max(this.length + n, this.starts.length * 2);
    const starts = new Uint32Array(size);
    starts.set(this.starts);
    const ends = new Uint32Array(size);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
