// An open document kept as blocks of whole lines (about 64 KB each). An edit rewrites the block it falls in, not the
// whole text: on a 50 MB log a keystroke then costs microseconds, where one string per document (as
// vscode-languageserver-textdocument keeps it) is copied whole on every edit.
import type { Position, Range } from 'vscode-languageserver';

export type ContentChange = { range: Range; text: string } | { text: string };

const TARGET = 64 * 1024;

/** Cuts text into blocks that end at a line break (but the last), of about TARGET characters. */
function split(text: string): string[] {
  const blocks: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    let end = Math.min(text.length, pos + TARGET);
    if (end < text.length) {
      const nl = text.indexOf('\n', end - 1);
      end = nl < 0 ? text.length : nl + 1;
    }
    blocks.push(text.slice(pos, end));
    pos = end;
  }
  return blocks.length ? blocks : [''];
}

function countLines(block: string): number {
  let n = 0;
  for (let i = block.indexOf('\n'); i >= 0; i = block.indexOf('\n', i + 1)) n++;
  return n;
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
    const line = Math.max(0, position.line);
    if (line > this.lines[this.blocks.length]) return this.length;
    const b = this.blockOfLine(line);
    const offsets = this.offsetsOf(b);
    const k = line - this.lines[b];
    const lineStart = k < offsets.length ? offsets[k] : this.blocks[b].length;
    let lineEnd = k + 1 < offsets.length ? offsets[k + 1] - 1 : this.blocks[b].length;
    if (lineEnd > lineStart && this.blocks[b].charCodeAt(lineEnd - 1) === 13 && lineEnd < this.blocks[b].length) lineEnd--;
    if (k + 1 >= offsets.length && this.blocks[b].endsWith('\n')) lineEnd = Math.max(lineStart, this.blocks[b].length - 1);
    return this.starts[b] + Math.min(lineStart + Math.max(0, position.character), lineEnd);
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.length));
    const b = this.blockAt(offset);
    const local = offset - this.starts[b];
    if (local === this.blocks[b].length && this.blocks[b].endsWith('\n')) return { line: this.lines[b + 1], character: 0 };
    const offsets = this.offsetsOf(b);
    const k = lastAtMost(offsets, local, offsets.length);
    return { line: this.lines[b] + k, character: local - offsets[k] };
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
    const first = this.blockAt(start);
    let last = end >= this.length ? this.blocks.length - 1 : this.blockAt(end);
    let combined = this.blocks.slice(first, last + 1).join('');
    const base = this.starts[first];
    combined = combined.slice(0, start - base) + change.text + combined.slice(end - base);
    // Blocks end at line breaks: when the edit removed the last one of the block, the next block joins in.
    while (!combined.endsWith('\n') && last + 1 < this.blocks.length) combined += this.blocks[++last];
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
      offsets = new Int32Array(this.newlines[b] + (block.endsWith('\n') ? 0 : 1) || 1);
      let k = 0;
      offsets[k++] = 0;
      for (let i = block.indexOf('\n'); i >= 0 && i + 1 < block.length; i = block.indexOf('\n', i + 1)) offsets[k++] = i + 1;
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
