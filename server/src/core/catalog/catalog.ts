// The catalog in memory: indexes over the entries and the three ways in (lookup a code, explain a reply, search).
import type { CatalogEntry, CatalogStructure, CompiledCatalog, DigitInfo, Family, ProviderInfo, Severity } from '../types';
import { explain } from '../explain';
import { familyRank } from '../families';
import { classOf, parseCode, registryKey } from './codes';
import { answeringHost, HostTable } from './hosts';
import { PhraseMatcher, type PhraseHit } from './phrases';

export interface LookupResult {
  query: string;
  family?: Family;
  /** Canonical code: 550, 5.1.1, 0x800CCC0E (for names: the entry's code). */
  code?: string;
  /** The catalog's own entries for the code (standard first), then provider entries keyed by the code. */
  entries: CatalogEntry[];
  /** True when at least one entry describes exactly this code. */
  known: boolean;
  /** What the code's structure says, for known and unknown codes alike. */
  classInfo?: DigitInfo;
  /** Reply codes: the second digit; enhanced codes: the subject. */
  subjectInfo?: DigitInfo;
  groupInfo?: { id: string; title: string; meaning: string };
  /** Set when the code is well formed but not in the catalog: says what is inferred. */
  inferred?: string;
}

export interface Explanation {
  text: string;
  reply?: LookupResult;
  enhanced?: LookupResult;
  outlook?: LookupResult;
  /** Provider entries whose message matches the text, best first. */
  providers: CatalogEntry[];
  /** A reply code and enhanced code of different classes (550 4.2.2). */
  inconsistency?: string;
  /** The provider whose host gave the reply, when the text names it (relay=…, Remote-MTA: …). */
  answeredBy?: AnsweredBy;
}

export interface SearchHit {
  entry: CatalogEntry;
  score: number;
}

const EMPTY_STRUCTURE: CatalogStructure = {
  replyClasses: [],
  replyCategories: [],
  enhancedClasses: [],
  enhancedSubjects: [],
  outlookGroups: [],
  sources: [],
};

/** The provider that gave a reply, known from the host that answered. */
export interface AnsweredBy {
  /** The host that gave the reply, as the log or bounce names it. */
  host?: string;
  /** Without a host: the provider's own marker in the text ("gsmtp"), which says whose reply it is. */
  marker?: string;
  provider: ProviderInfo;
}

/** A phrase this long (in normal form) identifies its message even when the reply's codes are not the documented ones. */
const SPECIFIC_PHRASE = 30;
/**
 * A phrase this long identifies its message when the reply's codes are of the entry's class, though not the documented
 * pair: providers send the same words with 550 where their page says 554 ("Bad DNS PTR resource record").
 */
const SAME_CLASS_PHRASE = 24;
/** Without a code to anchor them, only phrases this long are looked for in any line of a log. */
const MIN_CODELESS_PHRASE = 16;

export class Catalog {
  readonly entries: readonly CatalogEntry[];
  readonly structure: CatalogStructure;
  readonly version: string;
  private readonly byId = new Map<string, CatalogEntry>();
  /** "reply:550", "enhanced:X.1.1", "outlook:0x800CCC0E" → the family's own entries. */
  private readonly byCode = new Map<string, CatalogEntry[]>();
  /** "550", "5.7.26" → provider entries keyed by that code. */
  private readonly providersByCode = new Map<string, CatalogEntry[]>();
  private readonly byName = new Map<string, CatalogEntry>();
  /** Mailbox providers, gateways and sending services, with their mail hosts. */
  readonly providers: readonly ProviderInfo[];
  private readonly providerById = new Map<string, ProviderInfo>();
  private readonly hosts: HostTable;
  private matcher?: PhraseMatcher;
  /** Every code a provider entry is keyed by, its ranges expanded. */
  private readonly entryCodes = new Map<CatalogEntry, Set<string>>();
  /** "550" → provider entries with codes and no words: known only by their codes and who answered. */
  private readonly codeOnly = new Map<string, CatalogEntry[]>();
  /** "microsoft365 5.2.122" → the one entry of that provider whose own enhanced code it is (null when several's). */
  private readonly onlyEntryByCode = new Map<string, CatalogEntry | null>();
  /** The phrases and markers of entries without codes, within a line; and a word of each, looked for first. */
  private readonly codeless?: { phrase: RegExp; anchors: RegExp };
  private searchText?: Map<CatalogEntry, { code: string; title: string; other: string }>;

  constructor(compiled: CompiledCatalog, custom: readonly CatalogEntry[] = []) {
    this.version = compiled.version;
    this.structure = compiled.structure ?? EMPTY_STRUCTURE;
    this.providers = compiled.providers ?? [];
    for (const p of this.providers) this.providerById.set(p.id, p);
    this.hosts = new HostTable(this.providers);
    // A custom entry with the id of a built-in one replaces it: organisations can re-word what they need to.
    for (const entry of [...compiled.entries, ...custom]) this.byId.set(entry.id, entry);
    this.entries = [...this.byId.values()];
    for (const entry of this.entries) {
      if (entry.family === 'provider') {
        // An HTTP status of a sending API shares its digits with a reply code, not its meaning.
        const codes = new Set(entry.kind === 'http' ? [] : [...(entry.codes ?? []), ...(entry.codeRanges ?? []).flatMap(expandRange)]);
        this.entryCodes.set(entry, codes);
        const wordless = !entry.phrases?.length && !entry.markers?.length;
        for (const code of codes) {
          push(this.providersByCode, code, entry);
          if (wordless) push(this.codeOnly, code, entry);
        }
        // Only the entry's own enhanced code (or range) names it: the variants it also lists (4.7.0 beside 4.7.3) are
        // shared with other messages.
        const own = [...(entry.code.match(/\b[245]\.\d{1,3}\.\d{1,3}\b/g) ?? []), ...(entry.codeRanges ?? []).flatMap(expandRange)];
        for (const code of own) {
          if (code.endsWith('.0.0') || !entry.provider || !codes.has(code)) continue;
          const key = `${entry.provider} ${code}`;
          this.onlyEntryByCode.set(key, this.onlyEntryByCode.has(key) ? null : entry);
        }
      } else {
        push(this.byCode, `${entry.family}:${entry.code}`, entry);
      }
      if (entry.name) this.byName.set(entry.name.toUpperCase(), entry);
    }
    // Entries no code leads to are looked for in every line, by their markers and long phrases only. An API's HTTP
    // statuses are not: their words ("Only one parameter …") are too plain to be looked for in any text.
    const codeless = this.entries
      .filter((e) => e.family === 'provider' && isCodeless(e) && e.kind !== 'http')
      .flatMap((e) => [...(e.phrases ?? []).filter((p) => p.trim().length >= MIN_CODELESS_PHRASE), ...(e.markers ?? [])]);
    // Literal phrases, escaped, their blanks any run of blanks within a line (a line is what is matched then). An
    // alternation that opens with plain words ("is on the …") is tried at almost every position of a log: the rarest
    // piece of each phrase is looked for instead, and only its lines are tried whole.
    if (codeless.length) {
      const escape = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const counts = this.wordCounts();
      const anchors = codeless.map((p) => rarestWord(p, counts));
      this.codeless = {
        phrase: new RegExp(codeless.map((p) => escape(p.trim()).replace(/\s+/g, '[^\\S\\n]+')).join('|'), 'i'),
        anchors: new RegExp([...new Set(anchors)].map(escape).join('|'), 'gi'),
      };
    }
  }

  /** How many times each word occurs in the replies and titles the catalog knows: how common it is in mail. */
  private wordCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const e of this.entries) {
      for (const text of [...(e.phrases ?? []), e.title]) {
        for (const w of text.toLowerCase().match(/[a-z]+/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
    return counts;
  }

  /** The automaton over every phrase and marker, built when first needed (looking up a code needs none). */
  private get phrases(): PhraseMatcher {
    return (this.matcher ??= new PhraseMatcher(this.entries.filter((e) => e.phrases?.length || e.markers?.length), this.providers));
  }

  /** A catalog with the user's custom entries added (the built-in ones stay as they are). */
  withCustom(custom: readonly CatalogEntry[]): Catalog {
    const builtIn = this.entries.filter((e) => !e.origin || e.origin === 'built-in');
    return new Catalog({ version: this.version, structure: this.structure, entries: builtIn, providers: [...this.providers] }, custom);
  }

  /** A provider by its id (gmail, microsoft365 …). */
  provider(id: string): ProviderInfo | undefined {
    return this.providerById.get(id);
  }

  /** The provider a mail host belongs to: gmail-smtp-in.l.google.com → Gmail, contoso-com.mail.protection.outlook.com → Microsoft 365. */
  providerOfHost(host: string): ProviderInfo | undefined {
    return this.hosts.providerOf(host);
  }

  /** The host that gave the reply in a log line or bounce (relay=…, H=…, Remote-MTA: …), when it is a provider's. */
  answeredBy(text: string): AnsweredBy | undefined {
    const host = answeringHost(text);
    const provider = host ? this.hosts.providerOf(host) : undefined;
    return host && provider ? { host, provider } : undefined;
  }

  /** The provider whose own marker ("gsmtp", "postmaster.free.fr") a text carries, for a text that names no host. */
  answeredByMarker(text: string): AnsweredBy | undefined {
    const ids = this.phrases.match(text)?.providers;
    if (!ids?.length) return undefined;
    const lower = text.toLowerCase();
    for (const id of ids) {
      const provider = this.providerById.get(id);
      const marker = provider?.markers?.find((m) => lower.includes(m.toLowerCase()));
      if (provider && marker) return { provider, marker };
    }
    return undefined;
  }

  get(id: string): CatalogEntry | undefined {
    return this.byId.get(id);
  }

  /** Looks up one code: 550, 5.1.1, 5 1 1, X.1.1, 0x800ccc0e, 0×800CCC0E, 800CCC0E, SMTP_550_MAILBOX_NOT_FOUND or an id. */
  lookup(query: string): LookupResult {
    const byId = this.byId.get(query.trim());
    if (byId) {
      const base = byId.family === 'provider' ? undefined : this.lookup(byId.code);
      return { ...(base ?? { family: byId.family, code: byId.code }), query, entries: [byId], known: true };
    }
    const parsed = parseCode(query);
    if (!parsed) return { query, entries: [], known: false };
    if (parsed.family === 'name') {
      const entry = this.byName.get(parsed.code);
      return entry ? { ...this.lookup(entry.code), query, entries: [entry] } : { query, entries: [], known: false };
    }
    if (parsed.family === 'reply') return this.lookupReply(query, parsed.code);
    if (parsed.family === 'enhanced') return this.lookupEnhanced(query, parsed.code);
    return this.lookupOutlook(query, parsed.code);
  }

  private lookupReply(query: string, code: string): LookupResult {
    const own = this.byCode.get(`reply:${code}`) ?? [];
    const providers = this.providersByCode.get(code) ?? [];
    const classInfo = this.structure.replyClasses.find((c) => c.digit === code[0]);
    const subjectInfo = this.structure.replyCategories.find((c) => c.digit === code[1]);
    return {
      query,
      family: 'reply',
      code,
      entries: [...own, ...providers],
      known: own.length > 0,
      classInfo,
      subjectInfo,
      inferred: own.length ? undefined : `${code} is not a reply code the catalog knows; its digits say: ${[classInfo?.title, subjectInfo?.title].filter(Boolean).join(', ') || 'nothing more'}.`,
    };
  }

  private lookupEnhanced(query: string, code: string): LookupResult {
    const key = code.startsWith('X') ? code : registryKey(code);
    const own = this.byCode.get(`enhanced:${key}`) ?? [];
    const providers = code.startsWith('X') ? [] : (this.providersByCode.get(code) ?? []);
    const classInfo = code.startsWith('X') ? undefined : this.structure.enhancedClasses.find((c) => c.digit === code[0]);
    const subjectInfo = this.structure.enhancedSubjects.find((c) => c.digit === key.split('.')[1]);
    const known = own.length > 0 || providers.length > 0;
    return {
      query,
      family: 'enhanced',
      code,
      entries: [...own, ...providers],
      known,
      classInfo,
      subjectInfo,
      inferred: known ? undefined : `${code} is not in the IANA registry or any provider catalog; its class and subject say: ${[classInfo?.title, subjectInfo?.title].filter(Boolean).join(', ') || 'nothing more'}.`,
    };
  }

  private lookupOutlook(query: string, code: string): LookupResult {
    const own = this.byCode.get(`outlook:${code}`) ?? [];
    const group = own[0]?.group ?? this.nearestOutlookGroup(code);
    const groupInfo = group ? this.structure.outlookGroups.find((g) => g.id === group) : undefined;
    return {
      query,
      family: 'outlook',
      code,
      entries: own,
      known: own.length > 0,
      groupInfo,
      inferred: own.length
        ? undefined
        : code.startsWith('0x800CCC')
          ? `${code} is in the range of Outlook / Outlook Express mail transport errors (0x800CCCxx) but is not one the catalog knows${groupInfo ? `; by its number it belongs to ${groupInfo.title.toLowerCase()}` : ''}.`
          : `${code} is a Windows error code (HRESULT) the catalog does not know.`,
    };
  }

  /** An unknown code belongs to the group of the nearest known code below it in the same 0x800CCCxx block. */
  private nearestOutlookGroup(code: string): string | undefined {
    let best: CatalogEntry | undefined;
    for (const e of this.entries) {
      if (e.family === 'outlook' && e.code.slice(0, 8) === code.slice(0, 8) && e.code < code && (!best || e.code > best.code)) best = e;
    }
    return best?.group;
  }

  /** Explains a whole reply or log line (see ../explain.ts): its reply code, enhanced code and provider entry. */
  explain(text: string): Explanation {
    return explain(this, text);
  }

  /**
   * Provider entries that explain a reply, best first. `codes` are the reply and enhanced codes found in it;
   * `context` is where to look for the host that answered (the whole log line; by default the text itself).
   *
   * An entry explains the reply when one of its markers is in it, or one of its phrases together with its codes.
   * A long phrase is enough on its own (providers change the codes around the same words: 421 4.7.28 for 421 4.7.0),
   * a short one is not (two providers use the same few words for different things). Who answered — the host, or
   * else the provider's own markers in the text ("gsmtp") — decides between providers: other providers' entries
   * then need a marker, and that provider's entries known only by their codes can match. The default replies of mail
   * server software (`providerKind: mta`) come last: they explain a reply only when no provider entry does.
   */
  matchProviders(text: string, codes: readonly string[] = [], context: string = text): CatalogEntry[] {
    const hits = this.providerHits(text, codes, context);
    return hits.length ? hits.map((h) => h.entry) : [];
  }

  /** matchProviders() with where in the text each entry's words are. */
  providerHits(text: string, codes: readonly string[] = [], context: string = text): readonly PhraseHit[] {
    const found = this.phrases.match(text);
    // Without words to match, only an entry known by its codes could apply, and only for a provider that answered.
    if (!found && !this.hasCodeOnly(codes)) return NO_HITS;
    const answering = answeringHost(context);
    const host = answering ? this.hosts.providerOf(answering)?.id : undefined;
    if (!found && host === undefined) return NO_HITS;
    // Who answered: the host when it is known, else the providers whose own markers the text carries.
    const evidence = host !== undefined ? [host] : (found?.providers ?? []);
    const replyCodes = codes.filter((c) => c.length === 3);
    // X.0.0 says nothing beyond the class (Postfix writes dsn=5.0.0 for a reply without an enhanced code).
    const enhancedCodes = codes.filter((c) => c.length > 3 && !c.endsWith('.0.0'));
    const replyClass = (replyCodes[0] ?? enhancedCodes[0] ?? '')[0];
    const cls = replyClass === '4' ? 'transient' : replyClass === '5' ? 'permanent' : undefined;
    const hits = [...(found?.entries ?? [])];
    if (evidence.length) {
      for (const code of codes) {
        for (const e of this.codeOnly.get(code) ?? []) {
          if (!hits.some((h) => h.entry === e)) hits.push({ entry: e, index: 0, length: 0, phraseLength: 0, marker: false });
        }
      }
      // The provider is known but none of its entries' words are in the reply (it words the message differently than
      // its page): an enhanced code that only one of its entries is keyed by still names the entry.
      if (!hits.some((h) => evidence.some((p) => this.hosts.kin(p, h.entry.provider ?? '')))) {
        for (const code of enhancedCodes) {
          for (const p of evidence) {
            const e = this.onlyEntryByCode.get(`${p} ${code}`);
            if (e && !hits.some((h) => h.entry === e)) hits.push({ entry: e, index: 0, length: 0, phraseLength: 0, marker: false });
          }
        }
      }
    }
    // A marker names its entry outright: other providers' entries that only share some words with the reply drop out.
    const marked = new Set(hits.filter((h) => h.marker).map((h) => h.entry.provider));
    const scored: { hit: PhraseHit; score: number }[] = [];
    let ownWords = false;
    for (const hit of hits) {
      const e = hit.entry;
      const own = this.entryCodes.get(e);
      let enhancedMatch = false;
      let replyMatch = false;
      let ownEnhanced = false;
      let ownReply = false;
      for (const c of own ?? []) {
        if (c.length === 3) {
          ownReply = true;
          replyMatch ||= replyCodes.includes(c);
        } else {
          ownEnhanced = true;
          enhancedMatch ||= enhancedCodes.includes(c);
        }
      }
      const keyed = enhancedMatch || (replyMatch && (!enhancedCodes.length || !ownEnhanced));
      // Codes that do not contradict the entry's: each kind either matches or is missing on one side.
      const compatible = (replyMatch || !replyCodes.length || !ownReply) && (enhancedMatch || !enhancedCodes.length || !ownEnhanced);
      const provider = e.provider ?? '';
      // A mail server's default words (Postfix's "Relay access denied") come from any site that runs it: neither who
      // answered nor another provider's marker rules them out, but any provider entry that matches rules them out.
      const software = e.providerKind === 'mta';
      const witnessed = !software && evidence.some((p) => this.hosts.kin(p, provider));
      let eligible = hit.marker || keyed || hit.phraseLength >= SPECIFIC_PHRASE || (hit.phraseLength >= SAME_CLASS_PHRASE && !!cls && e.severity === cls);
      // Entries no SMTP code leads to (event texts) match by their words; so does any entry whose provider is known
      // to have answered, when the reply's codes do not contradict it (an event record often carries none).
      if (!eligible && isCodeless(e)) eligible = hit.phraseLength >= MIN_CODELESS_PHRASE || !codes.length;
      if (!eligible && witnessed && compatible) eligible = true;
      // An API's statuses: by long words, or short ones once the text is known to be about that provider.
      if (e.kind === 'http') eligible = hit.marker || witnessed || hit.phraseLength >= SPECIFIC_PHRASE;
      // Known only by codes: only for the provider that answered, and by its most specific code.
      if (hit.phraseLength === 0 && !hit.marker) eligible = witnessed && (ownEnhanced ? enhancedMatch : replyMatch);
      if (marked.size && !hit.marker && !marked.has(provider) && !software) eligible = false;
      if (e.onlyFromProvider && !hit.marker) eligible &&= witnessed;
      if (evidence.length && !witnessed && !hit.marker && !software) eligible = false;
      if (!eligible) continue;
      if (!software) ownWords = true;
      const score =
        (hit.marker ? 100000 : 0) +
        (host === provider ? 20000 : witnessed ? 10000 : 0) +
        (enhancedMatch ? 3000 : 0) +
        (replyMatch ? 1000 : 0) +
        // An entry for the temporary and permanent forms alike is of the reply's class either way.
        (cls && (e.severity === cls || e.severity === 'both') ? 500 : 0) +
        hit.phraseLength;
      scored.push({ hit, score });
    }
    scored.sort((a, b) => b.score - a.score);
    // A provider's own entry always wins: a mail server's default reply explains only what no provider entry does.
    return (ownWords ? scored.filter((s) => s.hit.entry.providerKind !== 'mta') : scored).map((s) => s.hit);
  }

  private hasCodeOnly(codes: readonly string[]): boolean {
    for (let i = 0; i < codes.length; i++) if (this.codeOnly.has(codes[i])) return true;
    return false;
  }

  /** Provider entries without codes can only be found by their words: a pattern over the whole text finds them. */
  get hasCodelessEntries(): boolean {
    return this.codeless !== undefined;
  }

  /** Line starts, in text[from, to), of lines that contain a phrase of a provider entry without codes. */
  linesWithCodelessPhrases(text: string, from: number, to: number): number[] {
    if (!this.codeless) return [];
    const { phrase, anchors } = this.codeless;
    const found: number[] = [];
    anchors.lastIndex = from;
    const hay = to < text.length ? text.slice(0, to) : text;
    let m: RegExpExecArray | null;
    while ((m = anchors.exec(hay)) !== null) {
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      let lineEnd = text.indexOf('\n', m.index);
      if (lineEnd < 0) lineEnd = text.length;
      if (phrase.test(text.slice(lineStart, lineEnd))) found.push(lineStart);
      if (lineEnd >= hay.length) break;
      anchors.lastIndex = lineEnd + 1;
    }
    return found;
  }

  /** Ranked entries for a query: a code, a symbolic name, words (“mailbox full”, “gmail dmarc”) or a pasted reply. */
  search(query: string, limit = 50): SearchHit[] {
    const q = query.trim();
    if (!q) return this.entries.slice(0, limit).map((entry) => ({ entry, score: 0 }));
    const scores = new Map<CatalogEntry, number>();
    const add = (entry: CatalogEntry, score: number) => scores.set(entry, Math.max(scores.get(entry) ?? 0, score));

    const direct = this.byId.get(q);
    if (direct) add(direct, 1000);
    const parsed = parseCode(q);
    if (parsed) {
      const result = this.lookup(q);
      result.entries.forEach((entry, i) => add(entry, (entry.family === 'provider' ? 700 : 900) - i));
    }
    // A whole reply: what explain() finds comes first, the provider entry that matches the message before all.
    if (!parsed && /[0-9]/.test(q) && q.length > 12) {
      const explanation = this.explain(q);
      explanation.providers.forEach((entry, i) => add(entry, 950 - i));
      explanation.reply?.entries.filter((e) => e.family !== 'provider').forEach((entry) => add(entry, 850));
      explanation.enhanced?.entries.filter((e) => e.family !== 'provider').forEach((entry) => add(entry, 860));
      explanation.outlook?.entries.forEach((entry) => add(entry, 870));
    }
    // Symbolic-name and code prefixes: "SMTP_550", "0x800CCC6", "5.7.".
    const upper = q.toUpperCase().replace(/\u00d7/g, 'X');
    if (upper.length >= 3) {
      for (const entry of this.entries) {
        if (entry.name?.startsWith(upper)) add(entry, 800 - entry.name.length);
        else if (entry.code.toUpperCase().startsWith(upper) && entry.code.length > upper.length) add(entry, 600 - entry.code.length);
      }
    }
    // Words: every word must occur somewhere in the entry; where it occurs sets the score.
    const words = q.toLowerCase().split(/[^\p{L}\p{N}._-]+/u).filter((w) => w.length > 1);
    if (words.length && !(parsed && words.length === 1)) {
      for (const [entry, text] of this.searchIndex()) {
        let score = 0;
        let all = true;
        for (const word of words) {
          const s = text.code.includes(word) ? 40 : text.title.includes(word) ? 30 : text.other.includes(word) ? 10 : 0;
          if (!s) { all = false; break; }
          score += s;
        }
        if (all) add(entry, 100 + score - familyRank(entry.family));
      }
    }
    return [...scores]
      .map(([entry, score]) => ({ entry, score }))
      .sort((a, b) => b.score - a.score || familyRank(a.entry.family) - familyRank(b.entry.family) || a.entry.code.localeCompare(b.entry.code))
      .slice(0, limit);
  }

  private searchIndex() {
    if (!this.searchText) {
      this.searchText = new Map();
      for (const e of this.entries) {
        this.searchText.set(e, {
          code: [e.code, e.name, ...(e.codes ?? [])].join(' ').toLowerCase(),
          title: [e.title, e.provider, e.providerName, ...(e.phrases ?? []), ...(e.markers ?? [])].join(' ').toLowerCase(),
          other: [e.meaning, ...e.causes, ...(e.glossary ?? []).map((g) => g.term)].join(' ').toLowerCase(),
        });
      }
    }
    return this.searchText;
  }
}

/** Shared by every line without a provider match, so that those lines allocate nothing here. */
const NO_HITS: readonly PhraseHit[] = Object.freeze([]);

/** "5.7.606-649" → 5.7.606 … 5.7.649. */
function expandRange(range: string): string[] {
  const m = /^(\d\.\d{1,3}\.)(\d{1,3})-(\d{1,3})$/.exec(range);
  if (!m) return [];
  const out: string[] = [];
  for (let n = Number(m[2]); n <= Number(m[3]) && out.length < 1000; n++) out.push(`${m[1]}${n}`);
  return out;
}

/**
 * The piece of a phrase (between blanks) least common in mail, as a lower-case literal: of the pieces of 4 characters
 * or more, one with characters other than letters and punctuation ('@domain', LPN007_416, recipient(s)), else the word
 * the catalog uses least, else the longest.
 */
function rarestWord(phrase: string, counts: ReadonlyMap<string, number>): string {
  const rank = (piece: string) => {
    if (piece.length < 4) return Infinity;
    if (/[^A-Za-z.,:;!?]/.test(piece)) return -1;
    return counts.get(piece.replace(/[^A-Za-z]/g, '').toLowerCase()) ?? 0;
  };
  return phrase
    .trim()
    .split(/\s+/)
    .reduce((a, b) => (rank(b) < rank(a) || (rank(b) === rank(a) && b.length > a.length) ? b : a))
    .toLowerCase();
}

/** A provider entry no SMTP code leads to: one without codes, or the HTTP status of a sending API. */
function isCodeless(entry: CatalogEntry): boolean {
  return entry.kind === 'http' || (!entry.codes?.length && !entry.codeRanges?.length);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The class to show for a looked-up code: by its first digit, or the entry's own for X.s.d, Outlook and providers. */
export function resultClass(result: LookupResult, entry: CatalogEntry | undefined = result.entries[0]): Severity | 'unknown' {
  const code = result.code ?? '';
  if (result.family === 'reply' || (result.family === 'enhanced' && !code.startsWith('X'))) return classOf(code, result.family);
  return entry?.severity ?? 'unknown';
}

/** The class to show for the provider entry that explains a reply: its own, or the reply's for an entry of both classes. */
export function providerClass(explanation: Explanation, entry: CatalogEntry | undefined = explanation.providers[0]): Severity | 'unknown' {
  const reply = explanation.reply ?? explanation.enhanced;
  return entry?.severity === 'both' && reply?.code ? resultClass(reply) : (entry?.severity ?? 'unknown');
}
