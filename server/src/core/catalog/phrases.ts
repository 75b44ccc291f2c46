// Finds provider entries by the literal phrases of their messages. Phrases are text, never regular expressions, so
// a custom catalog cannot make matching slow. Matching ignores case and the kind of white space (a tab matches a space).
import type { CatalogEntry } from '../types';

export interface PhraseHit {
  entry: CatalogEntry;
  /** Where the longest phrase of the entry matched (longer phrases are more specific). */
  index: number;
  length: number;
}

const KEY = 4;

/** Keeps the length of the text, so that an index in the normalised text is an index in the original. */
function normalizeText(text: string): string {
  const lower = text.toLowerCase();
  return (lower.length === text.length ? lower : text).replace(/\s/g, ' ');
}

export class PhraseMatcher {
  /** First KEY characters of a phrase → the phrases that start with them. */
  private readonly buckets = new Map<string, { phrase: string; entry: CatalogEntry }[]>();

  private readonly byEntry = new Map<CatalogEntry, string[]>();

  constructor(entries: readonly CatalogEntry[]) {
    for (const entry of entries) {
      for (const raw of entry.phrases ?? []) {
        const phrase = raw.trim().toLowerCase().replace(/\s+/g, ' ');
        if (phrase.length < KEY) continue;
        const own = this.byEntry.get(entry);
        if (own) own.push(phrase);
        else this.byEntry.set(entry, [phrase]);
        const key = phrase.slice(0, KEY);
        const list = this.buckets.get(key);
        if (list) list.push({ phrase, entry });
        else this.buckets.set(key, [{ phrase, entry }]);
      }
    }
  }

  /**
   * A matcher for only these entries' phrases: one case-insensitive alternation of the escaped literal phrases,
   * longest first. Built once per set of entries (a line's codes decide the set), then reused for every line.
   */
  compile(entries: Iterable<CatalogEntry>): (text: string) => PhraseHit[] {
    const owners = new Map<string, CatalogEntry[]>();
    for (const entry of entries) {
      for (const phrase of this.byEntry.get(entry) ?? []) {
        const list = owners.get(phrase);
        if (!list) owners.set(phrase, [entry]);
        else if (!list.includes(entry)) list.push(entry);
      }
    }
    if (!owners.size) return () => [];
    const alternatives = [...owners.keys()].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s'));
    const re = new RegExp(alternatives.join('|'), 'gi');
    return (text) => {
      re.lastIndex = 0;
      let m = re.exec(text);
      if (m === null) return [];
      const best = new Map<CatalogEntry, PhraseHit>();
      for (; m !== null; m = re.exec(text)) {
        for (const entry of owners.get(m[0].toLowerCase().replace(/\s/g, ' ')) ?? []) {
          if (m[0].length > (best.get(entry)?.length ?? 0)) best.set(entry, { entry, index: m.index, length: m[0].length });
        }
      }
      return [...best.values()];
    };
  }

  /** Where the longest of one entry's phrases is in the text. */
  locate(entry: CatalogEntry, text: string): PhraseHit | undefined {
    const t = normalizeText(text);
    let best: PhraseHit | undefined;
    for (const phrase of this.byEntry.get(entry) ?? []) {
      const index = best && phrase.length <= best.length ? -1 : t.indexOf(phrase);
      if (index >= 0) best = { entry, index, length: phrase.length };
    }
    return best;
  }

  match(text: string): PhraseHit[] {
    if (!this.buckets.size) return [];
    const t = normalizeText(text);
    const best = new Map<CatalogEntry, PhraseHit>();
    for (let i = 0; i + KEY <= t.length; i++) {
      const list = this.buckets.get(t.substr(i, KEY));
      if (!list) continue;
      for (const { phrase, entry } of list) {
        if (t.startsWith(phrase, i) && phrase.length > (best.get(entry)?.length ?? 0)) best.set(entry, { entry, index: i, length: phrase.length });
      }
    }
    return [...best.values()];
  }
}
