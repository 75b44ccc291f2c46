// Finds mail codes in text: one pass finds candidates, the rules of ./rules.ts decide on each from its context.
// Pure: works on a string and offsets, knows nothing of editors or files.
import type { Catalog } from '../catalog/catalog';
import { canonicalHex, classOf } from '../catalog/codes';
import type { CatalogEntry, Family } from '../types';
import { makeFinding, type Finding } from './finding';
import { bareHexContext, enhancedContexts, mailEvidence, replyContexts, transcriptLine, versionWords, type ContextRule } from './rules';

export interface ScanOptions {
  /** Families to report (default: all). */
  families?: ReadonlySet<Family>;
  /**
   * The text is known to be about mail (a reply the user pasted to have it explained): a code at a line start or
   * with no mail words around it counts, where a log line would need more context.
   */
  aboutMail?: boolean;
}

const ALL: ReadonlySet<Family> = new Set(['reply', 'enhanced', 'outlook', 'provider']);

// Each context rule, anchored at the end of the text before a candidate: "does this text end with `said: `?"
// An end-anchored pattern is tried from every position of the text it is given, so each gets only its reach.
const anchored = (r: ContextRule) => ({ id: r.id, reach: r.reach ?? 32, needs: r.needs, re: new RegExp(`(?:${r.before.source})$`, 'i') });
const REPLY_CONTEXTS = replyContexts.map(anchored);
const ENHANCED_CONTEXTS = enhancedContexts.map(anchored);
/** Every reply context ends in one of these characters (before optional blanks): a cheap test before the rules. */
const CONTEXT_END = new Set([...':;=\'#("<>-'].map((c) => c.charCodeAt(0)));
const ENHANCED_AT = /[245]\.[0-7]\.[0-9]{1,3}(?![0-9]|\.[0-9])/y;
const HEX_AT = /0[xX\u00d7]8[0-9a-fA-F]{7}(?![\w])/y;
const BARE_HEX_AT = /(?:800[cC]{3}[0-9a-fA-F]{2}|8004[0-9a-fA-F]{4}|8007[0-9a-fA-F]{4})(?![\w])/y;
const OUTLOOK_RANGES = /^0x800(?:CCC|4|7|3)/;
const HTTP_LINE = /\bHTTP\/[0-9]|"(?:GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) \//;
const ENHANCED_AFTER = /^[ -]#?([245]\.[0-7]\.[0-9]{1,3})(?![0-9]|\.[0-9])/;

/**
 * What a code can start with: three digits, an enhanced code's first digit and dot, 0x8…, or a bare 800CCC…/8004…/
 * 8007…, never inside a word or a dotted number. Most numbers in a log fail this at once, which makes it fast.
 */
const CANDIDATE = /(?<![\w.])(?:[2-5][0-9]{2}(?![0-9])|[245]\.[0-7]\.[0-9]|0[xX\u00d7]8|800[cC47])/g;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isWord = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const at = (re: RegExp, text: string, i: number) => {
  re.lastIndex = i;
  return re.exec(text)?.[0];
};

/**
 * Scans text[from, to) and returns what it finds, in order. `from` and `to` should be line boundaries; the scanner
 * may look at text outside them for context (the previous line of a transcript, say).
 *
 * A small pattern finds the candidates (numbers shaped like a code); the rules of ./rules.ts then decide on each
 * candidate from its context.
 */
export function scan(text: string, catalog: Catalog, from = 0, to = text.length, options: ScanOptions = {}): Finding[] {
  const families = options.families ?? ALL;
  const findings: Finding[] = [];
  const lines = new LineFacts(text, from, options.aboutMail ?? false);
  const cache = new Map<string, Resolved>();
  let linesWithCodes: number[] | undefined;
  let lastLineStart = -1;
  const end = Math.min(to, text.length);
  const candidates = new RegExp(CANDIDATE);
  candidates.lastIndex = from;
  // The pattern runs over text[0, end) only, so that a region without codes costs its own length, not the rest of
  // the document (a slice shares the string's memory; context checks still see the whole text).
  const hay = end < text.length ? text.slice(0, end) : text;
  let m: RegExpExecArray | null;
  while ((m = candidates.exec(hay)) !== null) {
    const i = m.index;
    const c = text.charCodeAt(i);
    let j = i + 1;
    while (j < text.length && isDigit(text.charCodeAt(j))) j++;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 10;
    const next = j < text.length ? text.charCodeAt(j) : 10;
    const run = j - i;
    let finding: Finding | undefined;
    let skipTo = j;
    if (run === 1 && next === 46 /* . */ && (c === 50 || c === 52 || c === 53) && prev !== 46 && !isWord(prev) && prev !== 58 && prev !== 47) {
      const code = at(ENHANCED_AT, text, i);
      if (code) {
        const lineStart = lines.startOf(i);
        finding = enhanced(text, catalog, code, i, lineStart, findings, lines, cache);
        skipTo = i + code.length;
      }
    } else if (run === 3 && c >= 50 && c <= 53 && prev !== 46 && !isWord(prev) && !(next === 46 && isDigit(text.charCodeAt(j + 1)))) {
      finding = replyCandidate(text, catalog, i, lines, cache);
    } else if (c === 48 && run === 1 && !isWord(prev) && (next === 120 || next === 88 || next === 0xd7)) {
      const raw = at(HEX_AT, text, i);
      if (raw) {
        finding = outlook(catalog, raw, i, 'hex', cache);
        // Any 0x8… number could be a pointer or a hash: unknown ones count only in the ranges mail clients use.
        if (!finding.entryId && !OUTLOOK_RANGES.test(finding.code)) finding = undefined;
        skipTo = i + raw.length;
      }
    } else if (c === 56 && run >= 3 && run <= 8 && !isWord(prev)) {
      const raw = at(BARE_HEX_AT, text, i);
      if (raw && bareHexContext.test(text.slice(lines.startOf(i), i))) {
        finding = outlook(catalog, raw, i, 'hex-after-error', cache);
        skipTo = i + raw.length;
      }
    }
    if (finding && families.has(finding.family as Family)) {
      findings.push(finding);
      const lineStart = lines.startOf(i);
      if (lineStart !== lastLineStart) (linesWithCodes ??= []).push(lineStart);
      lastLineStart = lineStart;
    }
    candidates.lastIndex = Math.max(skipTo, i + 1);
  }
  if (families.has('provider')) addProviderFindings(text, catalog, findings, linesWithCodes ?? [], from, to);
  return findings;
}

/** A three-digit number: a reply code after a context rule, at the start of a transcript line, or before its enhanced code. */
function replyCandidate(text: string, catalog: Catalog, i: number, lines: LineFacts, cache: Map<string, Resolved>): Finding | undefined {
  const lineStart = lines.startOf(i);
  let k = i - 1;
  while (k >= lineStart && i - k <= 9 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  if (k >= lineStart && CONTEXT_END.has(text.charCodeAt(k))) {
    const rule = REPLY_CONTEXTS.find((r) => {
      const window = text.slice(Math.max(lineStart, i - r.reach), i);
      return (!r.needs || window.includes(r.needs)) && r.re.test(window);
    });
    if (rule) return replyAfterContext(text, catalog, i, rule.id, lineStart, lines, cache);
  }
  if (k < lineStart && i - lineStart <= 16) return replyAtLineStart(text, i, catalog, lineStart, lines, cache);
  const prev = text.charCodeAt(i - 1);
  if (prev !== 58 && prev !== 47 && prev !== 61 && prev !== 45 && ENHANCED_AFTER.test(text.slice(i + 3, i + 16))) return reply(catalog, text.slice(i, i + 3), i, 'paired', cache);
  return undefined;
}

/** What the catalog says of a code, looked up once per scan: logs repeat the same few codes. */
interface Resolved {
  known: boolean;
  entryId?: string;
  title: string;
  entry?: CatalogEntry;
  deprecatedNote?: string;
}

function resolve(catalog: Catalog, family: Family, code: string, cache: Map<string, Resolved>): Resolved {
  const key = `${family}:${code}`;
  let r = cache.get(key);
  if (!r) {
    const result = catalog.lookup(code);
    const entry = result.entries.find((e) => e.family === family) ?? (family === 'enhanced' ? result.entries[0] : undefined);
    const fallback = family === 'reply' ? (result.classInfo?.title ?? 'SMTP reply code') : family === 'enhanced' ? (result.subjectInfo?.title ?? 'Enhanced status code') : 'Unknown Outlook / Windows error';
    const standard = family === 'enhanced' ? result.entries.find((e) => e.family === 'enhanced') : undefined;
    r = {
      known: result.known,
      entryId: entry?.id,
      title: entry?.title ?? fallback,
      entry,
      deprecatedNote: standard?.deprecated ? `${code} is deprecated: ${standard.notes?.[0] ?? 'see the registry for its replacement.'}` : undefined,
    };
    cache.set(key, r);
  }
  return r;
}

function replyAfterContext(text: string, catalog: Catalog, start: number, rule: string, lineStart: number, lines: LineFacts, cache: Map<string, Resolved>): Finding | undefined {
  const code = text.slice(start, start + 3);
  // Generic keys (status=, code:) also appear in web and application logs: only SMTP evidence makes it a reply code.
  if (rule === 'key-value' || rule === 'exchange-hash') {
    if (lines.isHttp(lineStart)) return undefined;
    const paired = ENHANCED_AFTER.test(text.slice(start + 3, start + 16));
    if (!paired && !(resolve(catalog, 'reply', code, cache).known && lines.isMail(lineStart))) return undefined;
  }
  return reply(catalog, code, start, rule, cache);
}

function replyAtLineStart(text: string, start: number, catalog: Catalog, lineStart: number, lines: LineFacts, cache: Map<string, Resolved>): Finding | undefined {
  const code = text.slice(start, start + 3);
  const after = text.charCodeAt(start + 3);
  if (!(after === 32 || after === 45 || after === 13 || after === 10 || Number.isNaN(after))) return undefined;
  const rest = text.slice(start + 3, start + 16);
  if (ENHANCED_AFTER.test(rest) || rest.startsWith('-') || lines.aboutMail) return reply(catalog, code, start, 'line-start', cache);
  // "250 OK" is a reply when the lines around it are an SMTP dialogue too; "200 apples" in a note is not.
  if (!resolve(catalog, 'reply', code, cache).known) return undefined;
  const prevEnd = lineStart - 1;
  const prev = prevEnd > 0 ? lineAt(text, text.lastIndexOf('\n', prevEnd - 1) + 1) : '';
  const nextStart = text.indexOf('\n', start);
  const next = nextStart >= 0 ? lineAt(text, nextStart + 1) : '';
  if (transcriptLine.test(prev) || transcriptLine.test(next)) return reply(catalog, code, start, 'line-start', cache);
  return undefined;
}

function enhanced(text: string, catalog: Catalog, code: string, start: number, lineStart: number, found: Finding[], lines: LineFacts, cache: Map<string, Resolved>): Finding | undefined {
  const previous = found[found.length - 1];
  const paired = previous?.family === 'reply' && previous.end >= start - 2;
  let rule = paired ? 'paired' : ENHANCED_CONTEXTS.find((r) => r.re.test(text.slice(Math.max(lineStart, start - r.reach), start)))?.id;
  const before = text.slice(Math.max(lineStart, start - 24), start);
  if (!rule) {
    if (versionWords.test(before)) return undefined;
    if (!lines.isMail(lineStart)) return undefined;
    rule = 'mail-line';
  }
  const r = resolve(catalog, 'enhanced', code, cache);
  const finding = makeFinding({ start, end: start + code.length, family: 'enhanced', code, rule, class: classOf(code, 'enhanced'), title: r.title, entryId: r.entryId });
  const notes: string[] = [];
  if (paired && previous.code[0] !== code[0]) {
    notes.push(`Reply code ${previous.code} and enhanced code ${code} are of different classes (${previous.class} vs ${finding.class}).`);
  }
  if (r.deprecatedNote) notes.push(r.deprecatedNote);
  if (!r.known) notes.push(`${code} is not a registered enhanced status code (nor one the catalog knows from a provider).`);
  if (notes.length) finding.notes = notes;
  return finding;
}

function reply(catalog: Catalog, code: string, start: number, rule: string, cache: Map<string, Resolved>): Finding {
  const r = resolve(catalog, 'reply', code, cache);
  return makeFinding({ start, end: start + 3, family: 'reply', code, rule, class: classOf(code, 'reply'), title: r.title, entryId: r.entryId });
}

function outlook(catalog: Catalog, raw: string, start: number, rule: string, cache: Map<string, Resolved>): Finding {
  const code = canonicalHex(raw);
  const r = resolve(catalog, 'outlook', code, cache);
  return makeFinding({ start, end: start + raw.length, family: 'outlook', code, rule, class: r.entry ? classOf(code, 'outlook', r.entry) : 'unknown', title: r.title, entryId: r.entryId });
}

/** Provider messages: looked for on lines that carry a code, and on lines with a phrase of a code-less entry. */
function addProviderFindings(text: string, catalog: Catalog, findings: Finding[], linesWithCodes: number[], from: number, to: number) {
  const added: Finding[] = [];
  const seen = new Set<number>();
  let i = 0;
  for (const lineStart of linesWithCodes) {
    if (seen.has(lineStart)) continue;
    seen.add(lineStart);
    const line = lineAt(text, lineStart);
    const codes: string[] = [];
    while (i < findings.length && findings[i].start < lineStart) i++;
    let first = -1;
    for (let j = i; j < findings.length && findings[j].start < lineStart + line.length; j++) {
      if (findings[j].family !== 'reply' && findings[j].family !== 'enhanced') continue;
      codes.push(findings[j].code);
      if (first < 0) first = findings[j].start - lineStart;
    }
    // A provider's message follows its codes ("said: 550 5.7.26 Unauthenticated email …"): look from the first code on.
    const message = first > 0 ? line.slice(first) : line;
    const best = catalog.matchProviders(message, codes, line)[0];
    if (best) added.push(providerFinding(catalog, best, message, lineStart + Math.max(0, first)));
  }
  if (catalog.hasCodelessEntries) {
    for (const lineStart of catalog.linesWithCodelessPhrases(text, from, to)) {
      if (seen.has(lineStart)) continue;
      const line = lineAt(text, lineStart);
      const best = catalog.matchProviders(line, []).find((e) => !e.codes?.length || e.kind === 'http');
      if (best) added.push(providerFinding(catalog, best, line, lineStart));
    }
  }
  if (added.length) {
    // Both lists are in document order (codeless lines come after, so sort those few first): merge, don't sort all.
    added.sort((a, b) => a.start - b.start);
    const merged = mergeByStart(findings, added);
    findings.length = 0;
    for (const f of merged) findings.push(f);
  }
}

function mergeByStart(a: Finding[], b: Finding[]): Finding[] {
  const out: Finding[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i].start < b[j].start || (a[i].start === b[j].start && a[i].end <= b[j].end) ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

function providerFinding(catalog: Catalog, entry: CatalogEntry, line: string, lineStart: number): Finding {
  const where = catalog.phraseLocation(entry, line);
  const start = lineStart + (where?.index ?? 0);
  return makeFinding({ start, end: start + (where?.length ?? line.length), family: 'provider', code: entry.id, label: `${entry.providerName ?? entry.provider} ${entry.code}`, rule: 'phrase', class: classOf(entry.code, 'provider', entry), title: `${entry.providerName ?? entry.provider}: ${entry.title}`, entryId: entry.id });
}

/** Finds line starts moving forward only, and remembers what the current line looks like (linear on long lines). */
class LineFacts {
  private start: number;
  private next: number;
  private mail?: boolean;
  private http?: boolean;

  constructor(private readonly text: string, from: number, readonly aboutMail: boolean) {
    this.start = from > 0 ? text.lastIndexOf('\n', from - 1) + 1 : 0;
    this.next = this.nextStart(this.start);
  }

  startOf(offset: number): number {
    while (this.next <= offset) {
      this.start = this.next;
      this.next = this.nextStart(this.start);
      this.mail = this.http = undefined;
    }
    return this.start;
  }

  isMail(lineStart: number): boolean {
    if (this.aboutMail) return true;
    return lineStart === this.start ? (this.mail ??= mailEvidence.test(lineAt(this.text, lineStart))) : mailEvidence.test(lineAt(this.text, lineStart));
  }

  isHttp(lineStart: number): boolean {
    return lineStart === this.start ? (this.http ??= HTTP_LINE.test(lineAt(this.text, lineStart))) : HTTP_LINE.test(lineAt(this.text, lineStart));
  }

  private nextStart(lineStart: number): number {
    const nl = this.text.indexOf('\n', lineStart);
    return nl < 0 ? Infinity : nl + 1;
  }
}

export function lineAt(text: string, lineStart: number): string {
  let end = text.indexOf('\n', lineStart);
  if (end < 0) end = text.length;
  if (end > lineStart && text.charCodeAt(end - 1) === 13) end--;
  // A 10 MB line is looked at through a window: context rules never need more than its first kilobytes.
  return text.slice(lineStart, Math.min(end, lineStart + 8192));
}
