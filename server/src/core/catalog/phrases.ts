// Finds the phrases and markers of provider entries in a reply, however the reply was written down. Phrases are
// literal text, never regular expressions, so a custom catalog cannot make matching slow.
//
// Text and phrases are compared in one normal form, computed on the fly while an Aho–Corasick automaton (built once
// for the whole catalog) walks the text: case is ignored, any run of white space (or an escaped "\n" as Exim writes
// it) is one space, typographic and backslash-escaped quotes are plain ones, and the codes that start a reply line are left out, because a
// reply split over several lines repeats them mid-text ("… an unusual rate of 421-4.7.0 unsolicited mail …").
// Nothing is allocated for a text in which nothing matches.
import type { CatalogEntry, ProviderInfo } from '../types';

export interface PhraseHit {
  entry: CatalogEntry;
  /** Where, in the original text, the longest phrase or marker of the entry matched. */
  index: number;
  length: number;
  /** Length of that phrase in normal form (how specific it is). */
  phraseLength: number;
  /** A marker of the entry matched: it identifies the entry whatever codes the reply carries. */
  marker: boolean;
}

export interface TextHits {
  entries: PhraseHit[];
  /** Providers whose own markers ("gsmtp") occur in the text. */
  providers: string[];
}

interface Pattern {
  id: number;
  text: string;
  entries: CatalogEntry[];
  markerOf: CatalogEntry[];
  providers: string[];
  length: number;
}

const SPACE = 32;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Length of a reply code with its separator and enhanced code ("550-5.7.1", "421 4.7.0", "5.7.1") at i, or 0. */
function codeAt(text: string, i: number, end: number): number {
  let j = i;
  const c = text.charCodeAt(j);
  if (c >= 50 && c <= 53 && isDigit(text.charCodeAt(j + 1)) && isDigit(text.charCodeAt(j + 2))) {
    const sep = j + 3 < end ? text.charCodeAt(j + 3) : SPACE;
    if (sep === 45 /* - */ || isSpace(sep)) {
      j += sep === 45 ? 4 : 3;
      let k = j;
      while (k < end && text.charCodeAt(k) === SPACE) k++;
      const enhanced = enhancedAt(text, text.charCodeAt(k) === 35 /* # */ ? k + 1 : k, end);
      return enhanced ? enhanced - i : j - i;
    }
  }
  const enhanced = enhancedAt(text, i, end);
  return enhanced ? enhanced - i : 0;
}

/** End of an enhanced code ("4.7.28") at i followed by a space or the end, or 0. */
function enhancedAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (!(c === 50 || c === 52 || c === 53) || text.charCodeAt(i + 1) !== 46) return 0;
  let j = i + 2;
  for (let part = 0; part < 2; part++) {
    const start = j;
    while (j < end && isDigit(text.charCodeAt(j)) && j - start < 3) j++;
    if (j === start) return 0;
    if (part === 0) {
      if (text.charCodeAt(j) !== 46) return 0;
      j++;
    }
  }
  return j >= end || isSpace(text.charCodeAt(j)) ? j : 0;
}

const lowerCache = new Map<number, number>();

function fold(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c === 0x2018 || c === 0x2019 || c === 0x02bc) return 39; // ’ → '
  if (c === 0x201c || c === 0x201d) return 34; // ” → "
  let l = lowerCache.get(c);
  if (l === undefined) {
    const s = String.fromCharCode(c).toLowerCase();
    l = s.length === 1 ? s.charCodeAt(0) : c;
    lowerCache.set(c, l);
  }
  return l;
}

/**
 * Reads text[from, to) in normal form, one character at a time: next() gives the next character's code (-1 at the
 * end) and `index` where it stands in the original text. The definition of the normal form, used for the phrases;
 * PhraseMatcher.match() reads texts by the same rules inline, with tables for ASCII (test/unit/phraseMatcher.test.ts
 * checks that the two agree).
 */
class Normalizer {
  index = 0;
  private i = 0;
  private to = 0;
  private space = true;
  private text = '';

  reset(text: string, from: number, to: number): this {
    this.text = text;
    this.i = from;
    this.to = to;
    this.space = true;
    return this;
  }

  next(): number {
    const text = this.text;
    while (this.i < this.to) {
      const i = this.i;
      const c = text.charCodeAt(i);
      // A quote escaped as a log or JSON string writes it (domain\'s) reads as the quote.
      if (c === 92 /* \ */ && isQuote(text.charCodeAt(i + 1))) {
        this.i++;
        continue;
      }
      if (isSpace(c) || (c === 92 /* \ */ && isEscapedSpace(text.charCodeAt(i + 1)))) {
        this.i += c === 92 ? 2 : 1;
        if (!this.space) {
          this.space = true;
          this.index = i;
          return SPACE;
        }
        continue;
      }
      if (this.space && c >= 50 && c <= 53) {
        const skip = codeAt(text, i, this.to);
        if (skip) {
          this.i += skip;
          continue;
        }
      }
      this.space = false;
      this.index = i;
      this.i++;
      return c < 128 ? (c >= 65 && c <= 90 ? c + 32 : c) : fold(c);
    }
    return -1;
  }
}

function isQuote(c: number): boolean {
  return c === 39 || c === 34;
}

// What an ASCII character is to the normal form, by table: most characters of a text are PLAIN.
const PLAIN = 0;
const BLANK = 1;
const CODE_DIGIT = 2;
const BACKSLASH = 3;
const ASCII_KIND = new Uint8Array(128).map((_, c) => (isSpace(c) ? BLANK : c >= 50 && c <= 53 ? CODE_DIGIT : c === 92 ? BACKSLASH : PLAIN));

/** Exim writes the line breaks of a multi-line reply as \n; \r and \t occur too. */
function isEscapedSpace(c: number): boolean {
  return c === 110 || c === 114 || c === 116;
}

/** A phrase or text in the normal form the matcher compares (trailing space dropped). */
export function normalize(text: string): string {
  const reader = new Normalizer().reset(text, 0, text.length);
  let out = '';
  for (let c = reader.next(); c >= 0; c = reader.next()) out += String.fromCharCode(c);
  return out.endsWith(' ') ? out.slice(0, -1) : out;
}

export class PhraseMatcher {
  /** Alphabet: a character's symbol; characters no pattern holds send the automaton back to its root. */
  private readonly ascii = new Int16Array(128).fill(-1);
  private readonly wide = new Map<number, number>();
  private symbols = 0;
  private width = 1;
  // The trie's edges in an open-addressing hash table (key: node × width + symbol), built once; the root's edges
  // also in a direct table, because most characters of a text go back to the root.
  private keys = new Int32Array(0);
  private values = new Int32Array(0);
  private mask = 0;
  private shift = 32;
  private rootEdges = new Int32Array(0);
  private fail = new Int32Array(1);
  /**
   * The automaton as a table: the node after a node and a symbol, failure links followed. A node's row is filled the
   * first time a text reaches the node (most nodes never are), so building the matcher stays cheap.
   */
  private delta: Uint16Array | Int32Array = new Int32Array(0);
  private rowReady = new Uint8Array(0);
  /** The first node down the output chain that ends a pattern: the node itself, or its output link (or -1). */
  private out = new Int32Array(1).fill(-1);
  /** The pattern ending at a node (or -1), and the nearest node down the failure chain that ends one (or -1). */
  private terminal = new Int32Array(1).fill(-1);
  private outLink = new Int32Array(1).fill(-1);
  private readonly patterns: Pattern[] = [];
  /** Original index of the last normalised characters, to map a match back onto the text. */
  private readonly ring: Int32Array;

  constructor(entries: readonly CatalogEntry[], providers: readonly ProviderInfo[] = []) {
    const index = new Map<string, Pattern>();
    const add = (raw: string, entry: CatalogEntry | undefined, marker: boolean, provider?: string) => {
      const text = normalize(raw);
      if (text.length < 3) return;
      let p = index.get(text);
      if (!p) {
        p = { id: this.patterns.length, text, entries: [], markerOf: [], providers: [], length: text.length };
        index.set(text, p);
        this.patterns.push(p);
      }
      if (entry) {
        const list = marker ? p.markerOf : p.entries;
        if (!list.includes(entry)) list.push(entry);
      }
      if (provider && !p.providers.includes(provider)) p.providers.push(provider);
    };
    for (const entry of entries) {
      for (const phrase of entry.phrases ?? []) add(phrase, entry, false);
      for (const marker of entry.markers ?? []) add(marker, entry, true);
    }
    for (const provider of providers) for (const marker of provider.markers ?? []) add(marker, undefined, false, provider.id);
    for (const p of this.patterns) for (let i = 0; i < p.text.length; i++) this.symbolOf(p.text.charCodeAt(i), true);
    this.width = Math.max(1, this.symbols);
    this.build();
    // Texts are matched without folding ASCII case first: an upper-case letter reads as its lower-case symbol.
    for (let c = 65; c <= 90; c++) this.ascii[c] = this.ascii[c + 32];
    let size = 64;
    for (const p of this.patterns) while (size < p.length + 1) size *= 2;
    this.ring = new Int32Array(size);
  }

  get size(): number {
    return this.patterns.length;
  }

  private symbolOf(c: number, create: boolean): number {
    if (c < 128) {
      let s = this.ascii[c];
      if (s < 0 && create) s = this.ascii[c] = this.symbols++;
      return s;
    }
    let s = this.wide.get(c);
    if (s === undefined) {
      if (!create) return -1;
      s = this.symbols++;
      this.wide.set(c, s);
    }
    return s;
  }

  /** The trie, its edge tables, and the failure and output links (breadth first), in flat arrays. */
  private build() {
    let chars = 1;
    for (const p of this.patterns) chars += p.length;
    let size = 16;
    while (size < chars * 2) size *= 2;
    this.keys = new Int32Array(size).fill(-1);
    this.values = new Int32Array(size);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
    this.rootEdges = new Int32Array(this.width);
    // Node 0 is the root; a node's children are a linked list (first child, next sibling) with the symbol into each.
    const firstChild = new Int32Array(chars).fill(-1);
    const nextSibling = new Int32Array(chars).fill(-1);
    const symbolInto = new Int32Array(chars);
    const terminal = new Int32Array(chars).fill(-1);
    let nodes = 1;
    for (const p of this.patterns) {
      let node = 0;
      for (let i = 0; i < p.text.length; i++) {
        const s = this.symbolOf(p.text.charCodeAt(i), false);
        let next = this.edge(node, s);
        if (next === 0) {
          next = nodes++;
          symbolInto[next] = s;
          nextSibling[next] = firstChild[node];
          firstChild[node] = next;
          if (node === 0) this.rootEdges[s] = next;
          else {
            const key = node * this.width + s;
            let h = this.slot(key);
            while (this.keys[h] !== -1) h = (h + 1) & this.mask;
            this.keys[h] = key;
            this.values[h] = next;
          }
        }
        node = next;
      }
      terminal[node] = p.id;
    }
    const fail = new Int32Array(nodes);
    const outLink = new Int32Array(nodes).fill(-1);
    const queue = new Int32Array(nodes);
    let tail = 1;
    for (let q = 0; q < tail; q++) {
      const node = queue[q];
      for (let child = firstChild[node]; child !== -1; child = nextSibling[child]) {
        const s = symbolInto[child];
        let target = 0;
        if (node !== 0) {
          for (let f = fail[node]; ; f = fail[f]) {
            const next = this.edge(f, s);
            if (next > 0) {
              target = next;
              break;
            }
            if (f === 0) break;
          }
        }
        fail[child] = target;
        outLink[child] = terminal[target] >= 0 ? target : outLink[target];
        queue[tail++] = child;
      }
    }
    this.fail = fail;
    this.terminal = terminal.subarray(0, nodes);
    this.outLink = outLink;
    this.delta = nodes < 0x10000 ? new Uint16Array(nodes * this.width) : new Int32Array(nodes * this.width);
    this.rowReady = new Uint8Array(nodes);
    this.out = this.outLink.map((link, n) => (this.terminal[n] >= 0 ? n : link));
  }

  /** Fills the table's row of a node (and, first, those of the nodes down its failure chain). */
  private fillRow(node: number) {
    const chain: number[] = [];
    for (let n = node; !this.rowReady[n]; n = this.fail[n]) {
      chain.push(n);
      if (n === 0) break;
    }
    const width = this.width;
    for (let k = chain.length - 1; k >= 0; k--) {
      const n = chain[k];
      const row = n * width;
      const failRow = this.fail[n] * width;
      for (let s = 0; s < width; s++) {
        const child = this.edge(n, s);
        this.delta[row + s] = child > 0 || n === 0 ? child : this.delta[failRow + s];
      }
      this.rowReady[n] = 1;
    }
  }

  /** Fibonacci hashing: the high bits of the product spread keys that differ only in their high bits. */
  private slot(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  /** The child of a node by a symbol, or 0 (the root is nobody's child). */
  private edge(node: number, s: number): number {
    if (node === 0) return this.rootEdges[s];
    const key = node * this.width + s;
    for (let h = this.slot(key); ; h = (h + 1) & this.mask) {
      const k = this.keys[h];
      if (k === key) return this.values[h];
      if (k === -1) return 0;
    }
  }

  /** Every entry and provider whose phrases or markers occur in text[from, to); undefined when none does. */
  match(text: string, from = 0, to = text.length): TextHits | undefined {
    if (!this.patterns.length) return undefined;
    const end = Math.min(to, text.length);
    const ring = this.ring;
    const ringMask = ring.length - 1;
    const ascii = this.ascii;
    const delta = this.delta;
    const rowReady = this.rowReady;
    const width = this.width;
    const out = this.out;
    let found: { id: number; end: number; index: number }[] | undefined;
    let node = 0;
    let pos = 0;
    // The normal form (see Normalizer), read inline: this loop runs over every line that carries a code. An ASCII
    // character's kind and symbol come from tables.
    const asciiKind = ASCII_KIND;
    let space = true;
    let s = -1;
    for (let i = from; i < end; ) {
      const index = i;
      const c = text.charCodeAt(i);
      const kind = c < 128 ? asciiKind[c] : isSpace(c) ? BLANK : 0;
      if (kind === PLAIN) {
        space = false;
        i++;
        if (c < 128) s = ascii[c];
        else {
          const f = fold(c);
          s = f < 128 ? ascii[f] : (this.wide.get(f) ?? -1);
        }
      } else if (kind === BACKSLASH && isQuote(text.charCodeAt(i + 1))) {
        // An escaped quote (domain\'s) reads as the quote.
        i++;
        continue;
      } else if (kind === BLANK || (kind === BACKSLASH && isEscapedSpace(text.charCodeAt(i + 1)))) {
        i += kind === BACKSLASH ? 2 : 1;
        if (space) continue;
        space = true;
        s = ascii[SPACE];
      } else {
        if (kind === CODE_DIGIT && space) {
          const skip = codeAt(text, i, end);
          if (skip) {
            i += skip;
            continue;
          }
        }
        space = false;
        i++;
        s = ascii[c];
      }
      ring[pos & ringMask] = index;
      pos++;
      if (s < 0) {
        node = 0;
        continue;
      }
      if (!rowReady[node]) this.fillRow(node);
      node = delta[node * width + s];
      if (node === 0) continue;
      for (let t = out[node]; t >= 0; t = this.outLink[t]) {
        const id = this.terminal[t];
        (found ??= []).push({ id, end: index + 1, index: ring[(pos - this.patterns[id].length) & ringMask] });
      }
    }
    return found && this.collect(found);
  }

  private collect(found: { id: number; end: number; index: number }[]): TextHits {
    const best = new Map<CatalogEntry, PhraseHit>();
    const providers: string[] = [];
    for (const f of found) {
      const p = this.patterns[f.id];
      const hit = (entry: CatalogEntry, marker: boolean) => {
        const old = best.get(entry);
        if (!old || (marker && !old.marker) || (marker === old.marker && p.length > old.phraseLength)) {
          best.set(entry, { entry, index: f.index, length: f.end - f.index, phraseLength: p.length, marker });
        }
      };
      for (const entry of p.entries) hit(entry, false);
      for (const entry of p.markerOf) hit(entry, true);
      for (const provider of p.providers) if (!providers.includes(provider)) providers.push(provider);
    }
    return { entries: [...best.values()], providers };
  }
}
