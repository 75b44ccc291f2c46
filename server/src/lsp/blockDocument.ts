// An open document kept as blocks of whole lines (about 64 KB each). An edit rewrites the block it falls in, not the
// whole text: on a 50 MB log a keystroke then costs microseconds, where one string per document (as
// vscode-languageserver-textdocument keeps it) is copied whole on every edit.
import type { Position, Range } from 'vscode-languageserver';

export type ContentChange = { range: Range; text: string } | { text: string };

const TARGET = 64 * 1024;

const LF = 10;
const CR = 13;
const BREAK = /[\r\n]/g;

/**
 * Where the line break at or after `from` ends: a line ends at "\n", "\r\n" or a lone "\r", as the protocol (and
 * TextDocument) count lines. -1 when there is none.
 */
function breakEndFrom(text: string, from: number): number {
  BREAK.lastIndex = from;
  const m = BREAK.exec(text);
  if (!m) return -1;
  return text.charCodeAt(m.index) === CR && text.charCodeAt(m.index + 1) === LF ? m.index + 2 : m.index + 1;
}

/** Cuts text into blocks that end with a whole line break (but the last), of about TARGET characters. */
function split(text: string): string[] {
  const blocks: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    let end = Math.min(text.length, pos + TARGET);
    if (end < text.length) {
      const after = breakEndFrom(text, end - 1);
      end = after < 0 ? text.length : after;
    }
    blocks.push(text.slice(pos, end));
    pos = end;
  }
  return blocks.length ? blocks : [''];
}

/** Line breaks in a block ("\r\n" counts once; blocks never split one). */
function countLines(block: string): number {
  let n = 0;
  // Most blocks have no carriage return at all: their line feeds are counted without a pattern.
  if (block.indexOf('\r') < 0) {
    for (let i = block.indexOf('\n'); i >= 0; i = block.indexOf('\n', i + 1)) n++;
    return n;
  }
  for (let i = breakEndFrom(block, 0); i >= 0; i = breakEndFrom(block, i)) n++;
  return n;
}

function endsWithBreak(block: string): boolean {
  const c = block.charCodeAt(block.length - 1);
  return c === LF || c === CR;
}

export class BlockDocument {
  private blocks: string[];
  private newlines: number[];
  /** Offset of each block's first character, and (last element) the length of the text. */
  private starts: number[] = [];
  /** Line of each block's first character, and (last element) the number of line breaks. */
  private lines: number[] = [];
  /** Per block, where its lines start (relative to the block); computed when first asked. */
  private lineOffsets: (Int32Array | undefined)[] = [];
  private text: string | undefined;

  constructor(readonly uri: string, readonly languageId: string, public version: number, text: string) {
    this.blocks = split(text);
    this.newlines = this.blocks.map(countLines);
    this.text = text;
    this.reindex();
  }

  get length(): number {
    return this.starts[this.blocks.length];
  }

  get lineCount(): number {
    return this.lines[this.blocks.length] + 1;
  }

  /** The whole text. Joined once after an edit and kept until the next one. */
  getText(): string {
    return (this.text ??= this.blocks.join(''));
  }

  /** text[from, to) without joining the whole document. */
  slice(from: number, to: number): string {
    from = Math.max(0, from);
    to = Math.min(this.length, to);
    if (this.text !== undefined) return this.text.slice(from, to);
    const parts: string[] = [];
    for (let b = this.blockAt(from); b < this.blocks.length && this.starts[b] < to; b++) {
      parts.push(this.blocks[b].slice(Math.max(0, from - this.starts[b]), to - this.starts[b]));
    }
    return parts.join('');
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line > this.lines[this.blocks.length]) return this.length;
    const b = this.blockOfLine(position.line);
    const offsets = this.offsetsOf(b);
    const k = position.line - this.lines[b];
    // The empty last line after a final line break.
    if (k >= offsets.length) return this.length;
    const lineStart = this.starts[b] + offsets[k];
    if (position.character <= 0) return lineStart;
    const nextLine = k + 1 < offsets.length ? this.starts[b] + offsets[k + 1] : this.starts[b + 1];
    // Past the end of the line: its end, before the line break (both characters of "\r\n").
    return this.starts[b] + this.beforeBreak(b, offsets[k], Math.min(lineStart + position.character, nextLine) - this.starts[b]);
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.length));
    const b = this.blockAt(offset);
    const local = offset - this.starts[b];
    if (local === this.blocks[b].length && endsWithBreak(this.blocks[b])) return { line: this.lines[b + 1], character: 0 };
    const offsets = this.offsetsOf(b);
    const k = lastAtMost(offsets, local, offsets.length);
    return { line: this.lines[b] + k, character: this.beforeBreak(b, offsets[k], local) - offsets[k] };
  }

  /** Moves an offset of block b that lies in (or after) the line break of its line back to the end of that line. */
  private beforeBreak(b: number, lineStart: number, local: number): number {
    const block = this.blocks[b];
    while (local > lineStart && (block.charCodeAt(local - 1) === LF || block.charCodeAt(local - 1) === CR)) local--;
    return local;
  }

  /** Offset of the start of the line that holds `offset`. */
  lineStartAt(offset: number): number {
    return this.offsetAt({ line: this.positionAt(offset).line, character: 0 });
  }

  /** Applies one change; returns the replaced range as offsets before the change and the length of the new text. */
  apply(change: ContentChange): { start: number; end: number; inserted: number } {
    if (!('range' in change)) {
      const end = this.length;
      this.blocks = split(change.text);
      this.newlines = this.blocks.map(countLines);
      this.text = change.text;
      this.reindex();
      return { start: 0, end, inserted: change.text.length };
    }
    let start = this.offsetAt(change.range.start);
    let end = this.offsetAt(change.range.end);
    if (end < start) [start, end] = [end, start];
    let first = this.blockAt(start);
    let last = end >= this.length ? this.blocks.length - 1 : this.blockAt(end);
    let combined = this.blocks.slice(first, last + 1).join('');
    const base = this.starts[first];
    combined = combined.slice(0, start - base) + change.text + combined.slice(end - base);
    // Blocks end at whole line breaks: when the edit removed the last one of the block, or left a "\r" that the next
    // block's "\n" completes, the next block joins in; a "\n" now first after a block's final "\r", the block before.
    while (last + 1 < this.blocks.length && (!endsWithBreak(combined) || (combined.charCodeAt(combined.length - 1) === CR && this.blocks[last + 1].charCodeAt(0) === LF))) combined += this.blocks[++last];
    if (first > 0 && combined.charCodeAt(0) === LF && this.blocks[first - 1].endsWith('\r')) combined = this.blocks[--first] + combined;
    const fresh = combined === '' && this.blocks.length > 1 ? [] : split(combined);
    this.blocks.splice(first, last - first + 1, ...fresh);
    this.newlines.splice(first, last - first + 1, ...fresh.map(countLines));
    this.lineOffsets.splice(first, last - first + 1, ...fresh.map(() => undefined));
    if (!this.blocks.length) {
      this.blocks = [''];
      this.newlines = [0];
      this.lineOffsets = [undefined];
    }
    this.text = undefined;
    this.reindex();
    return { start, end, inserted: change.text.length };
  }

  private reindex() {
    const n = this.blocks.length;
    this.starts = new Array(n + 1);
    this.lines = new Array(n + 1);
    this.starts[0] = 0;
    this.lines[0] = 0;
    for (let i = 0; i < n; i++) {
      this.starts[i + 1] = this.starts[i] + this.blocks[i].length;
      this.lines[i + 1] = this.lines[i] + this.newlines[i];
    }
    if (this.lineOffsets.length !== n) this.lineOffsets = new Array(n).fill(undefined);
  }

  /** The block that holds the offset. */
  private blockAt(offset: number): number {
    return lastAtMost(this.starts, offset, this.blocks.length);
  }

  /** The block where the line starts (blocks end with a line break, so a line never spans two). */
  private blockOfLine(line: number): number {
    return lastAtMost(this.lines, line, this.blocks.length);
  }

  private offsetsOf(b: number): Int32Array {
    let offsets = this.lineOffsets[b];
    if (!offsets) {
      const block = this.blocks[b];
      offsets = new Int32Array(this.newlines[b] + (endsWithBreak(block) ? 0 : 1) || 1);
      let k = 0;
      offsets[k++] = 0;
      for (let i = breakEndFrom(block, 0); i >= 0 && i < block.length; i = breakEndFrom(block, i)) offsets[k++] = i;
      this.lineOffsets[b] = offsets;
    }
    return offsets;
  }
}

/** The last index i < count with values[i] <= value (values ascending; values[0] <= value). */
function lastAtMost(values: ArrayLike<number>, value: number, count: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (values[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
