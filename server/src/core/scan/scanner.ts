// Finds mail codes in text: one pass finds tokens shaped like codes (../catalog/codes.ts), and the rules of
// ./rules.ts decide on each from its context. Pure: works on a string and offsets, knows nothing of editors or files.
import type { Catalog } from '../catalog/catalog';
import type { PhraseHit } from '../catalog/phrases';
import { TOKEN_START, classOf, isAlnum, readCode, type CodeToken } from '../catalog/codes';
import { providerLabel } from '../families';
import type { CatalogEntry, Family } from '../types';
import { makeFinding, type Finding } from './finding';
import { dialogueLine, mailClientEvidence, rules, smtpEvidence, underscoresAreBlanks, vetoes, type CodeFamily, type Condition, type Rule, type Veto } from './rules';

export interface ScanOptions {
  /** Families to report (default: all). */
  families?: ReadonlySet<Family>;
  /**
   * The text is known to be about mail (a reply the user pasted to have it explained): a code at a line start or
   * with no mail words around it counts, where a log line would need more context.
   */
  aboutMail?: boolean;
  /** The text is the report part of a delivery report (a bounce): codes opening its lines count. */
  bounce?: boolean;
}

const ALL: ReadonlySet<Family> = new Set(['reply', 'enhanced', 'outlook', 'provider']);

/**
 * How many lines around a region a scan reads, beyond the region itself: a folded header field is followed up to 16
 * lines, a reply wrapped over indented lines is read up to 8 lines on. A caller that scans a long text region by
 * region (the command line, the language server) passes at least these lines around each region, so that each finds
 * what a scan of the whole text finds there.
 */
export const SCAN_REACH = { linesBefore: 16, linesAfter: 8 };
/** How far into a line the rules ever look: a 10 MB line is looked at through a window. */
const LINE_WINDOW = 8192;
/** The window before a candidate that the rules share (see Context.before). */
const SHORT_REACH = 64;

// ---- the rules, compiled once ----

interface CompiledVeto {
  id: string;
  before?: RegExp;
  reach: number;
  after?: RegExp;
  raw?: RegExp;
  line?: RegExp;
  folded: boolean;
}

interface CompiledRule {
  id: string;
  before?: RegExp;
  reach: number;
  /** Char codes one of which ends the text before the code (blanks aside), or undefined: any. */
  ends?: Set<number>;
  needs?: string;
  orEndOfLineBefore: boolean;
  lineStart: boolean;
  after?: RegExp;
  lineBefore?: RegExp;
  codes?: RegExp;
  requires: readonly Condition[];
  /** Requires reply-before. */
  pairs: boolean;
  unless: CompiledVeto[];
}

// An end-anchored pattern is tried from every position of the text it is given, so each gets only its reach.
const endAnchored = (re: RegExp) => new RegExp(`(?:${re.source})$`, 'i');
const startAnchored = (re: RegExp) => new RegExp(re.source.startsWith('^') ? re.source : `^(?:${re.source})`, 'i');

function compileVeto(v: Veto): CompiledVeto {
  return { id: v.id, before: v.before && endAnchored(v.before), reach: v.reach ?? 32, after: v.after && startAnchored(v.after), raw: v.raw, line: v.line, folded: v.folded ?? false };
}

const VETOES = new Map(vetoes.map((v) => [v.id, compileVeto(v)]));
const GLOBAL_VETOES = (family: CodeFamily) => vetoes.filter((v) => v.global && v.families.includes(family)).map((v) => VETOES.get(v.id)!);

function compileRule(r: Rule): CompiledRule {
  const unless = [...GLOBAL_VETOES(r.family), ...(r.unless ?? []).map((id) => {
    const v = VETOES.get(id);
    if (!v) throw new Error(`rule ${r.id}: unknown veto ${id}`);
    return v;
  })];
  return {
    id: r.id,
    before: r.before && endAnchored(r.before),
    reach: r.reach ?? 32,
    ends: r.endsWith ? new Set([...r.endsWith].map((c) => c.charCodeAt(0))) : undefined,
    needs: r.needs,
    orEndOfLineBefore: r.orEndOfLineBefore ?? false,
    lineStart: r.lineStart ?? false,
    after: r.after && startAnchored(r.after),
    lineBefore: r.lineBefore,
    codes: r.codes,
    requires: r.requires ?? [],
    pairs: r.requires?.includes('reply-before') ?? false,
    unless,
  };
}

const RULES: Record<CodeFamily, CompiledRule[]> = {
  reply: rules.filter((r) => r.family === 'reply').map(compileRule),
  enhanced: rules.filter((r) => r.family === 'enhanced').map(compileRule),
  outlook: rules.filter((r) => r.family === 'outlook').map(compileRule),
};

/**
 * The rules that can apply to a candidate, in order, by the last character before it on its line (-1: the code
 * opens its line): worked out once per character, so most candidates meet only a few rules.
 */
const BY_LAST_CHAR: Record<CodeFamily, Map<number, CompiledRule[]>> = { reply: new Map(), enhanced: new Map(), outlook: new Map() };

function rulesFor(family: CodeFamily, lastChar: number): CompiledRule[] {
  let list = BY_LAST_CHAR[family].get(lastChar);
  if (!list) {
    list = RULES[family].filter((r) => (lastChar < 0 ? !r.ends || r.orEndOfLineBefore : !r.lineStart && (!r.ends || r.ends.has(lastChar))));
    BY_LAST_CHAR[family].set(lastChar, list);
  }
  return list;
}

const isBlank = (c: number) => c === 32 || c === 9;
const isQuote = (c: number) => c === 34 || c === 39;
/** Conditions that cost a map lookup at most: tested before a rule's patterns. */
const CHEAP: ReadonlySet<Condition> = new Set(['known', 'bounce', 'about-mail']);

/**
 * Scans text[from, to) and returns what it finds, in order. `from` and `to` should be line boundaries; the scanner
 * may look at text outside them for context (the line before a folded reply, say).
 */
export function scan(text: string, catalog: Catalog, from = 0, to = text.length, options: ScanOptions = {}): Finding[] {
  const families = options.families ?? ALL;
  const findings: Finding[] = [];
  // The lines of a reply wrapped from above the region are read with it: they are decided again, and dropped below.
  const start = from > 0 ? replayStart(text, from) : from;
  const ctx = new Context(text, catalog, start, options);
  let linesWithCodes: number[] | undefined;
  let lastLineStart = -1;
  const end = Math.min(to, text.length);
  const candidates = new RegExp(TOKEN_START);
  candidates.lastIndex = start;
  // The pattern runs over text[0, end) only, so that a region without codes costs its own length, not the rest of
  // the document (a slice shares the string's memory; context checks still see the whole text).
  const hay = end < text.length ? text.slice(0, end) : text;
  let m: RegExpExecArray | null;
  while ((m = candidates.exec(hay)) !== null) {
    const i = m.index;
    const token = readCode(text, i);
    if (!token || token.family === 'name') continue;
    const finding = ctx.decide(token as CodeToken & { family: CodeFamily });
    if (finding && families.has(finding.family as Family)) {
      findings.push(finding);
      const lineStart = ctx.lineStart;
      if (lineStart !== lastLineStart) (linesWithCodes ??= []).push(lineStart);
      lastLineStart = lineStart;
    }
    candidates.lastIndex = finding ? token.end : i + 1;
  }
  if (families.has('provider')) addProviderFindings(text, catalog, findings, linesWithCodes ?? [], from, to);
  // What starts outside the region belongs to a scan of the lines there (a provider's words on a wrapped line after it).
  if (start < from || (findings.length && findings[findings.length - 1].start >= end)) return findings.filter((f) => f.start >= from && f.start < end);
  return findings;
}

/**
 * Where deciding starts for a region at `from`: a line that opens with a blank may continue a reply wrapped from a
 * line above (addProviderFindings reads those as one message), so the lines back to one that does not are read too.
 */
function replayStart(text: string, from: number): number {
  let start = from;
  for (let n = 0; n < SCAN_REACH.linesBefore && start > 0 && isBlank(text.charCodeAt(start)); n++) start = text.lastIndexOf('\n', start - 2) + 1;
  return start;
}

/** What the catalog says of a code, looked up once per catalog: logs repeat the same few codes. */
interface Resolved {
  known: boolean;
  entryId?: string;
  title: string;
  entry?: CatalogEntry;
  deprecatedNote?: string;
}

/** Per catalog (a catalog never changes; a new one replaces it), per family, per code. */
const RESOLVED = new WeakMap<Catalog, Map<Family, Map<string, Resolved>>>();
/** Codes kept per family at most: Outlook numbers are many, and a hostile text must not grow the cache for ever. */
const RESOLVED_MAX = 4096;

function resolveCode(catalog: Catalog, family: Family, code: string): Resolved {
  let byFamily = RESOLVED.get(catalog);
  if (!byFamily) RESOLVED.set(catalog, (byFamily = new Map()));
  let byCode = byFamily.get(family);
  if (!byCode) byFamily.set(family, (byCode = new Map()));
  let r = byCode.get(code);
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
    if (byCode.size >= RESOLVED_MAX) byCode.clear();
    byCode.set(code, r);
  }
  return r;
}

/**
 * The facts the rules ask about, for the line of the current candidate: worked out when a rule first asks, once per
 * line. Moves forward only (linear on long texts).
 */
class Context {
  lineStart: number;
  private nextStart: number;
  private lineEndAt = -1;
  // Facts of the current line, worked out when first asked (undefined: not yet).
  private smtp?: boolean;
  private dialogue?: boolean;
  private mailClient?: boolean;
  private underscores?: boolean;
  private lineVetoes = new Map<CompiledVeto, boolean>();
  private knownToken?: CodeToken;
  private tokenKnown = false;
  /** The last reply code decided on (reported or not: the families setting must not change what pairs with it). */
  private lastReply?: Finding;

  constructor(private readonly text: string, private readonly catalog: Catalog, from: number, private readonly options: ScanOptions) {
    this.lineStart = from > 0 ? text.lastIndexOf('\n', from - 1) + 1 : 0;
    this.nextStart = this.findNext(this.lineStart);
  }

  private findNext(lineStart: number): number {
    const nl = this.text.indexOf('\n', lineStart);
    return nl < 0 ? Infinity : nl + 1;
  }

  private moveTo(offset: number) {
    if (offset < this.nextStart) return;
    while (this.nextStart <= offset) {
      this.lineStart = this.nextStart;
      this.nextStart = this.findNext(this.lineStart);
    }
    this.lineEndAt = -1;
    this.smtp = this.dialogue = this.mailClient = this.underscores = this.lineBeforeTrimmed = undefined;
    if (this.lineVetoes.size) this.lineVetoes.clear();
  }

  /** End of the current line (before \r\n). */
  private lineEnd(): number {
    if (this.lineEndAt < 0) {
      let e = this.nextStart === Infinity ? this.text.length : this.nextStart - 1;
      if (e > this.lineStart && this.text.charCodeAt(e - 1) === 13) e--;
      this.lineEndAt = e;
    }
    return this.lineEndAt;
  }

  private line(): string {
    return this.text.slice(this.lineStart, Math.min(this.lineEnd(), this.lineStart + LINE_WINDOW));
  }

  private lineBefore(): string {
    if (this.lineStart === 0) return '';
    const start = this.text.lastIndexOf('\n', this.lineStart - 2) + 1;
    return lineAt(this.text, start);
  }

  private lineBeforeTrimmed?: string;

  /** The line before without its trailing blanks: where a reply folded onto this line has its context. */
  private trimmedLineBefore(): string {
    return (this.lineBeforeTrimmed ??= this.lineBefore().replace(/[ \t]+$/, ''));
  }

  private lineAfter(): string {
    return this.nextStart === Infinity ? '' : lineAt(this.text, this.nextStart);
  }

  /** qmail-send logs write blanks as _: such a line is read with blanks. */
  private blanks(): boolean {
    return (this.underscores ??= underscoresAreBlanks.test(this.line()));
  }

  private view(s: string): string {
    return s.indexOf('_') >= 0 && this.blanks() ? s.replace(/_/g, ' ') : s;
  }

  decide(token: CodeToken & { family: CodeFamily }): Finding | undefined {
    const i = token.start;
    this.moveTo(i);
    const prev = i > 0 ? this.text.charCodeAt(i - 1) : 10;
    // A token glued to a word by _ is a name, unless the line is a qmail log line that writes blanks as _.
    if (prev === 95 && !this.blanks()) return undefined;
    // The last character before the code, blanks aside, and whether the code opens its line.
    let k = i - 1;
    while (k >= this.lineStart && i - k <= 16 && (isBlank(this.text.charCodeAt(k)) || (prev === 95 && this.text.charCodeAt(k) === 95))) k--;
    let opensLine = k < this.lineStart;
    // A reply quoted on a line of its own ("554 Message looping" under "… said:") opens that line all the same.
    if (!opensLine && isQuote(this.text.charCodeAt(k)) && k - 1 < this.lineStart + 16) {
      let j = k - 1;
      while (j >= this.lineStart && isBlank(this.text.charCodeAt(j))) j--;
      opensLine = j < this.lineStart;
    }
    const lastChar = opensLine ? -1 : this.text.charCodeAt(k);
    for (const rule of rulesFor(token.family, lastChar)) {
      const matched = this.matches(rule, token, lastChar, opensLine);
      if (matched !== undefined) return this.finding(token, rule);
    }
    return undefined;
  }

  /** undefined when the rule does not apply; otherwise the offset where its `before` match starts (or the code's). */
  private matches(rule: CompiledRule, token: CodeToken, lastChar: number, opensLine: boolean): number | undefined {
    const i = token.start;
    if (rule.lineStart && !opensLine) return undefined;
    if (rule.codes && !rule.codes.test(token.code)) return undefined;
    // A cheap look before the pattern: pairing with a reply code needs one just before, on this line.
    if (rule.pairs && !(this.lastReply && this.lastReply.start >= this.lineStart && this.lastReply.end <= i && i - this.lastReply.end <= 24)) return undefined;
    // The cheap tests first: the text after the code, and the conditions that need no look at the line.
    if (rule.after && !rule.after.test(this.after(token))) return undefined;
    for (const c of rule.requires) if (CHEAP.has(c) && !this.holds(c, token, i)) return undefined;
    let beforeStart = i;
    if (rule.before) {
      let hit: number | undefined;
      if (!rule.ends || rule.ends.has(lastChar)) {
        const window = this.before(token, rule.reach);
        if (!rule.needs || window.includes(rule.needs)) {
          // An end-anchored pattern: where it first matches is where its match starts (search() makes no array).
          const at = window.search(rule.before);
          if (at >= 0) hit = this.windowFrom + at;
        }
      }
      if (hit === undefined && rule.orEndOfLineBefore && opensLine && this.lineStart > 0) {
        const previous = this.trimmedLineBefore();
        const window = previous.slice(Math.max(0, previous.length - rule.reach));
        if ((!rule.needs || window.includes(rule.needs)) && rule.before.test(window)) hit = this.lineStart - 1;
      }
      if (hit === undefined) return undefined;
      beforeStart = hit;
    }
    if (rule.lineBefore && !rule.lineBefore.test(this.lineBefore())) return undefined;
    for (const c of rule.requires) if (!CHEAP.has(c) && !this.holds(c, token, beforeStart)) return undefined;
    for (const v of rule.unless) if (this.vetoes(v, token)) return undefined;
    return beforeStart;
  }

  private beforeToken?: CodeToken;
  private beforeFrom = 0;
  private beforeText = '';
  /** Where the window last returned by before() starts in the text. */
  private windowFrom = 0;

  /**
   * The text before the code on its line: one window of SHORT_REACH characters per candidate serves every rule that
   * reaches no further (a longer window only lets a pattern start earlier), the few long rules take their own.
   */
  private before(token: CodeToken, reach: number): string {
    const i = token.start;
    if (reach > SHORT_REACH) {
      this.windowFrom = Math.max(this.lineStart, i - reach);
      return this.view(this.text.slice(this.windowFrom, i));
    }
    if (this.beforeToken !== token) {
      this.beforeToken = token;
      this.beforeFrom = Math.max(this.lineStart, i - SHORT_REACH);
      this.beforeText = this.view(this.text.slice(this.beforeFrom, i));
    }
    this.windowFrom = this.beforeFrom;
    return this.beforeText;
  }

  private afterToken?: CodeToken;
  private afterText = '';

  /** The text after the code on its line (its first 64 characters), taken once per candidate. */
  private after(token: CodeToken): string {
    if (this.afterToken !== token) {
      this.afterToken = token;
      this.afterText = this.view(this.text.slice(token.end, Math.min(this.lineEnd(), token.end + 64)));
    }
    return this.afterText;
  }

  private holds(c: Condition, token: CodeToken, beforeStart: number): boolean {
    const o = this.options;
    switch (c) {
      case 'about-mail':
        return !!o.aboutMail;
      case 'bounce':
        return !!(o.bounce || o.aboutMail);
      case 'smtp':
        return !!(o.bounce || o.aboutMail) || (this.smtp ??= smtpEvidence.test(this.line()) || smtpEvidence.test(this.lineBefore()));
      case 'transcript':
        return !!o.aboutMail || (this.dialogue ??= dialogueLine.test(this.lineBefore()) || dialogueLine.test(this.lineAfter()));
      case 'mail-client':
        return !!o.aboutMail || (this.mailClient ??= mailClientEvidence.test(this.line()) || mailClientEvidence.test(this.lineBefore()));
      case 'known':
        if (this.knownToken !== token) {
          this.knownToken = token;
          this.tokenKnown = this.resolve(token.family as Family, token.code).known;
        }
        return this.tokenKnown;
      case 'reply-before':
        return this.lastReply?.start === beforeStart;
      case 'same-reply-before':
        // Read from the text, not from earlier findings, so that a scan of a region agrees with a scan of the whole.
        return opensReply(this.text, this.lineStart > 0 ? this.text.lastIndexOf('\n', this.lineStart - 2) + 1 : 0, token.start, token.code);
    }
  }

  private vetoes(v: CompiledVeto, token: CodeToken): boolean {
    if (v.raw && !v.raw.test(this.text.slice(token.start, token.end))) return false;
    if (v.before && !v.before.test(this.view(this.text.slice(Math.max(this.lineStart, token.start - v.reach), token.start)))) return false;
    if (v.after && !v.after.test(this.after(token))) return false;
    if (v.line) {
      let hit = this.lineVetoes.get(v);
      if (hit === undefined) this.lineVetoes.set(v, (hit = this.fieldLineMatches(v.line, v.folded)));
      if (!hit) return false;
    }
    return true;
  }

  /** Whether the line (or, when folded, the header field it continues, at most 16 lines up) matches. */
  private fieldLineMatches(re: RegExp, folded: boolean): boolean {
    let start = this.lineStart;
    for (let n = 0; n < 16; n++) {
      const line = lineAt(this.text, start);
      // The field itself may be indented or quoted (> Received: …), as a report quoting the original headers does.
      if (re.test(line)) return true;
      if (!folded || !(line.length > 0 && isBlank(line.charCodeAt(0)))) return false;
      if (start === 0) return false;
      start = this.text.lastIndexOf('\n', start - 2) + 1;
      if (lineAt(this.text, start).trim() === '') return false;
    }
    return false;
  }

  resolve(family: Family, code: string): Resolved {
    return resolveCode(this.catalog, family, code);
  }

  private finding(token: CodeToken, rule: CompiledRule): Finding {
    const family = token.family as CodeFamily;
    const code = token.code;
    const r = this.resolve(family, code);
    const cls = family === 'outlook' ? (r.entry ? classOf(code, 'outlook', r.entry) : 'unknown') : classOf(code, family);
    const finding = makeFinding({ start: token.start, end: token.end, family, code, rule: rule.id, class: cls, title: r.title, entryId: r.entryId });
    if (family === 'reply') this.lastReply = finding;
    if (family !== 'enhanced') return finding;
    const notes: string[] = [];
    const previous = this.lastReply;
    // An enhanced code read with its reply code: the two should agree on the class.
    if (rule.pairs && previous && previous.code[0] !== code[0]) {
      notes.push(`Reply code ${previous.code} and enhanced code ${code} are of different classes (${previous.class} vs ${finding.class}).`);
    }
    if (r.deprecatedNote) notes.push(r.deprecatedNote);
    if (!r.known) notes.push(`${code} is not a registered enhanced status code (nor one the catalog knows from a provider).`);
    if (notes.length) finding.notes = notes;
    return finding;
  }
}

/** Whether `code` stands in text[from, to) as a reply with its enhanced code or opening a multi-line reply (550-…, 550 5.7.1). */
function opensReply(text: string, from: number, to: number, code: string): boolean {
  for (let k = text.indexOf(code, from); k >= 0 && k < to; k = text.indexOf(code, k + 1)) {
    const prev = k > 0 ? text.charCodeAt(k - 1) : 32;
    if (isAlnum(prev) || prev === 46) continue;
    // Joined to a name by - or / (a host 10-0-550-1.example): not a reply.
    if ((prev === 45 || prev === 47) && k > 1 && isAlnum(text.charCodeAt(k - 2))) continue;
    if (OPENS_REPLY.test(text.slice(k + 3, k + 12))) return true;
  }
  return false;
}
const OPENS_REPLY = /^(?:-|[ \t]{1,2}[245]\.[0-7]\.[0-9])/;

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
    // A reply a bounce wraps over indented lines (or a folded Diagnostic-Code) is one message: read it whole, with
    // the line before it, where the host that answered often stands.
    const end = wrappedEnd(text, lineStart + line.length, seen);
    const block = end > lineStart + line.length ? text.slice(lineStart, end) : line;
    const context = end > lineStart + line.length && lineStart > 1 && isBlank(text.charCodeAt(lineStart)) ? text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, end) : block;
    // A provider's message follows its codes ("said: 550 5.7.26 Unauthenticated email …"): look from the first code on.
    const message = first > 0 ? block.slice(first) : block;
    const best = catalog.providerHits(message, codes, context)[0];
    if (best) added.push(providerFinding(best, message, lineStart + Math.max(0, first), codes[0]));
  }
  if (catalog.hasCodelessEntries) {
    for (const lineStart of catalog.linesWithCodelessPhrases(text, from, to)) {
      if (seen.has(lineStart)) continue;
      const line = lineAt(text, lineStart);
      const best = catalog.providerHits(line, []).find((h) => !h.entry.codes?.length || h.entry.kind === 'http');
      if (best) added.push(providerFinding(best, line, lineStart));
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

/** The end of the indented lines that continue the line ending at `end` (at most 8, 2 KB); marks them as read. */
function wrappedEnd(text: string, end: number, seen: Set<number>): number {
  let pos = end;
  for (let n = 0; n < 8 && pos - end < 2048; n++) {
    const next = text.charCodeAt(pos) === 13 ? pos + 2 : pos + 1;
    if (text.charCodeAt(next - 1) !== 10 || !isBlank(text.charCodeAt(next))) break;
    let lineEnd = text.indexOf('\n', next);
    if (lineEnd < 0) lineEnd = text.length;
    if (text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    if (!text.slice(next, Math.min(lineEnd, next + 64)).trim()) break;
    seen.add(next);
    pos = lineEnd;
  }
  return pos;
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

/** A provider entry found in `line` (its words at `where`), as a finding. */
function providerFinding(where: PhraseHit, line: string, lineStart: number, code?: string): Finding {
  const entry = where.entry;
  const start = lineStart + where.index;
  // An entry for a provider's temporary and permanent forms alike takes its class from the reply's own code.
  const cls = entry.severity === 'both' && code ? classOf(code, code.length === 3 ? 'reply' : 'enhanced') : classOf(entry.code, 'provider', entry);
  return makeFinding({ start, end: start + (where.length || line.length), family: 'provider', code: entry.id, label: `${providerLabel(entry)} ${entry.code}`, rule: 'phrase', class: cls, title: `${providerLabel(entry)}: ${entry.title}`, entryId: entry.id });
}

export function lineAt(text: string, lineStart: number): string {
  let end = text.indexOf('\n', lineStart);
  if (end < 0) end = text.length;
  if (end > lineStart && text.charCodeAt(end - 1) === 13) end--;
  // A 10 MB line is looked at through a window: context rules never need more than its first kilobytes.
  return text.slice(lineStart, Math.min(end, lineStart + LINE_WINDOW));
}
