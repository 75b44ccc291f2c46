// Finds the phrases and markers of provider entries in a reply, however the reply was written down. Phrases are
// literal text, never regular expressions, so a custom catalog cannot make matching slow.
//
// Text and phrases are compared in one normal form, computed on the fly while an Aho–Corasick automaton (built once
// for the whole catalog) walks the text: case is ignored, any run of white space (or an escaped "\n" as Exim writes
// it) is one space, typographic quotes are plain ones, and the codes that start a reply line are left out, because a
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
 * Walks text[from, to) in normal form: calls emit(char, index in the original text) for every character of it.
 * The one definition of the normal form, used for the phrases and for the texts alike.
 */
function walk(text: string, from: number, to: number, emit: (c: number, index: number) => void): void {
  let space = true;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || (c === 92 /* \ */ && (text.charCodeAt(i + 1) === 110 || text.charCodeAt(i + 1) === 114 || text.charCodeAt(i + 1) === 116))) {
      if (!space) emit(SPACE, i);
      space = true;
      i += c === 92 ? 2 : 1;
      continue;
    }
    if (space && c >= 50 && c <= 53) {
      const skip = codeAt(text, i, to);
      if (skip) {
        i += skip;
        continue;
      }
    }
    emit(fold(c), i);
    space = false;
    i++;
  }
}

/** A phrase or text in the normal form the matcher compares (trailing space dropped). */
export function normalize(text: string): string {
  const out: number[] = [];
  walk(text, 0, text.length, (c) => out.push(c));
  while (out.length && out[out.length - 1] === SPACE) out.pop();
  return String.fromCharCode(...out.slice(0, 4096));
}

export class PhraseMatcher {
  /** Alphabet: a character's symbol; characters no pattern holds send the automaton back to its root. */
  private readonly ascii = new Int16Array(128).fill(-1);
  private readonly wide = new Map<number, number>();
  private symbols = 0;
  private shift = 0;
  /** (node << shift | symbol) → child node. */
  private readonly edges = new Map<number, number>();
  private readonly fail: number[] = [0];
  /** The pattern ending at a node (or -1), and the nearest node down the failure chain that ends one (or -1). */
  private readonly terminal: number[] = [-1];
  private readonly outLink: number[] = [-1];
  private readonly patterns: Pattern[] = [];
  private readonly byEntry = new Map<CatalogEntry, number[]>();
  /** Original index of the last normalised characters, to map a match back onto the text. */
  private readonly ring: Int32Array;
  // State of the walk in progress (match() is not re-entrant; the step function is made once, not per call).
  private node = 0;
  private pos = 0;
  private found: { id: number; end: number; index: number }[] | undefined;
  private readonly step = (c: number, index: number) => this.advance(c, index);

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
        const own = this.byEntry.get(entry);
        if (!own) this.byEntry.set(entry, [p.id]);
        else if (!own.includes(p.id)) own.push(p.id);
      }
      if (provider && !p.providers.includes(provider)) p.providers.push(provider);
    };
    for (const entry of entries) {
      for (const phrase of entry.phrases ?? []) add(phrase, entry, false);
      for (const marker of entry.markers ?? []) add(marker, entry, true);
    }
    for (const provider of providers) for (const marker of provider.markers ?? []) add(marker, undefined, false, provider.id);
    for (const p of this.patterns) for (let i = 0; i < p.text.length; i++) this.symbolOf(p.text.charCodeAt(i), true);
    while (1 << this.shift < this.symbols) this.shift++;
    for (const p of this.patterns) this.insert(p.text, p.id);
    this.link();
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

  private insert(text: string, id: number) {
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const key = node * (1 << this.shift) + this.symbolOf(text.charCodeAt(i), false);
      let next = this.edges.get(key);
      if (next === undefined) {
        next = this.fail.length;
        this.fail.push(0);
        this.terminal.push(-1);
        this.outLink.push(-1);
        this.edges.set(key, next);
      }
      node = next;
    }
    this.terminal[node] = id;
  }

  /** Failure and output links, breadth first. */
  private link() {
    const width = 1 << this.shift;
    const children = new Map<number, [number, number][]>();
    for (const [key, child] of this.edges) {
      const parent = Math.floor(key / width);
      const pair: [number, number] = [key - parent * width, child];
      const list = children.get(parent);
      if (list) list.push(pair);
      else children.set(parent, [pair]);
    }
    const queue: number[] = [0];
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q];
      for (const [s, child] of children.get(node) ?? []) {
        let target = 0;
        for (let f = this.fail[node]; node !== 0; f = this.fail[f]) {
          const next = this.edges.get(f * width + s);
          if (next !== undefined) {
            target = next;
            break;
          }
          if (f === 0) break;
        }
        this.fail[child] = target;
        this.outLink[child] = this.terminal[target] >= 0 ? target : this.outLink[target];
        queue.push(child);
      }
    }
  }

  private advance(c: number, index: number) {
    const ring = this.ring;
    ring[this.pos & (ring.length - 1)] = index;
    this.pos++;
    const s = c < 128 ? this.ascii[c] : (this.wide.get(c) ?? -1);
    if (s < 0) {
      this.node = 0;
      return;
    }
    const width = 1 << this.shift;
    let node = this.node;
    for (;;) {
      const next = this.edges.get(node * width + s);
      if (next !== undefined) {
        node = next;
        break;
      }
      if (node === 0) break;
      node = this.fail[node];
    }
    this.node = node;
    for (let t = this.terminal[node] >= 0 ? node : this.outLink[node]; t >= 0; t = this.outLink[t]) {
      const id = this.terminal[t];
      const start = ring[(this.pos - this.patterns[id].length) & (ring.length - 1)];
      (this.found ??= []).push({ id, end: index + 1, index: start });
    }
  }

  /** Every entry and provider whose phrases or markers occur in text[from, to); undefined when none does. */
  match(text: string, from = 0, to = text.length): TextHits | undefined {
    if (!this.patterns.length) return undefined;
    this.node = 0;
    this.pos = 0;
    this.found = undefined;
    walk(text, from, Math.min(to, text.length), this.step);
    const found = this.found;
    this.found = undefined;
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

  /** The longest phrase (in normal form) of an entry: how specific its words are. */
  longestPhrase(entry: CatalogEntry): number {
    let longest = 0;
    for (const id of this.byEntry.get(entry) ?? []) longest = Math.max(longest, this.patterns[id].length);
    return longest;
  }
}
