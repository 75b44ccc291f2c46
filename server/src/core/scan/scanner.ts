// Finds mail codes in text in one pass of one composed regular expression, then checks each candidate's context
// with the rules of ./rules.ts. Pure: works on a string and offsets, knows nothing of editors or files.
import { canonicalHex } from '../catalog/codes';
import type { Catalog } from '../catalog/catalog';
import { classOf } from '../catalog/catalog';
import type { CatalogEntry, Family } from '../types';
import type { Finding } from './finding';
import { bareHexContext, enhancedContexts, mailEvidence, replyContexts, transcriptLine, versionWords } from './rules';

export interface ScanOptions {
  /** Families to report (default: all). */
  families?: ReadonlySet<Family>;
}

const ALL: ReadonlySet<Family> = new Set(['reply', 'enhanced', 'outlook', 'provider']);

// Group names are the rule ids (with - as _): the scanner knows which rule matched without re-testing.
const contextAlternation = replyContexts.map((r) => `(?<r_${r.id.replace(/-/g, '_')}>${r.before.source})`).join('|');
const ENHANCED = String.raw`[245]\.[0-7]\.[0-9]{1,3}(?![0-9]|\.[0-9])`;
const MASTER = new RegExp(
  [
    // A reply code after a context ("said: 550"), optionally followed by its enhanced code.
    String.raw`(?:${contextAlternation})(?<ctxCode>[2-5][0-9]{2})(?![0-9])`,
    // A reply code at the start of a line: "550-5.1.1 …", "250 OK".
    String.raw`(?<=^|\n)[ \t]{0,16}(?<lineCode>[2-5][0-9]{2})(?=[ -]|\r?$)`,
    // A reply code right before an enhanced code anywhere: "… 550 5.1.1 …".
    String.raw`(?<![\w.:/=-])(?<pairCode>[2-5][0-9]{2})(?=[ -]#?${ENHANCED})`,
    // An enhanced status code that is not part of a longer dotted or digit run.
    String.raw`(?<![\w.:/-])(?<enh>${ENHANCED})`,
    String.raw`(?<![0-9]\.)(?<=-)(?<enhDash>${ENHANCED})`,
    // Outlook / Windows error numbers: 0x800CCC0E, 0X800ccc0e, 0×800CCC0E (as pasted), or 800CCC0E after "error".
    String.raw`(?<![\w])(?<hex>0[xX\u00d7]8[0-9a-fA-F]{7})(?![\w])`,
    String.raw`(?<![\w])(?<bareHex>800[cC]{3}[0-9a-fA-F]{2}|8004[0-9a-fA-F]{4}|8007[0-9a-fA-F]{4})(?![\w])`,
  ].join('|'),
  'gim',
);

const ENHANCED_CONTEXTS = enhancedContexts.map((r) => ({ id: r.id, re: new RegExp(`(?:${r.before.source})$`, 'i') }));
const OUTLOOK_RANGES = /^0x800(?:CCC|4|7|3)/;
const HTTP_LINE = /\bHTTP\/[0-9]|"(?:GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) \//;
const ENHANCED_AFTER = /^[ -]#?([245]\.[0-7]\.[0-9]{1,3})(?![0-9]|\.[0-9])/;

/**
 * Scans text[from, to) and returns what it finds, in order. `from` and `to` should be line boundaries; the scanner
 * may look at text outside them for context (the previous line of a transcript, say).
 */
export function scan(text: string, catalog: Catalog, from = 0, to = text.length, options: ScanOptions = {}): Finding[] {
  const families = options.families ?? ALL;
  const findings: Finding[] = [];
  const re = new RegExp(MASTER);
  re.lastIndex = from;
  const lines = new LineFacts(text, from);
  let linesWithCodes: number[] | undefined;
  let lastLineStart = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < to) {
    const g = m.groups!;
    const lineStart = lines.startOf(m.index);
    let finding: Finding | undefined;
    if (g.ctxCode !== undefined) {
      finding = replyAfterContext(text, m, g, catalog, lineStart, lines);
    } else if (g.lineCode !== undefined) {
      finding = replyAtLineStart(text, m.index + m[0].length - 3, catalog, lineStart);
    } else if (g.pairCode !== undefined) {
      finding = reply(catalog, g.pairCode, m.index, 'paired');
    } else if (g.enh !== undefined || g.enhDash !== undefined) {
      finding = enhanced(text, catalog, g.enh ?? g.enhDash!, m.index, lineStart, findings, lines);
    } else if (g.hex !== undefined) {
      finding = outlook(catalog, g.hex, m.index, 'hex');
      // Any 0x8… number could be a pointer or a hash: unknown ones count only in the ranges mail clients use.
      if (!finding.entryId && !OUTLOOK_RANGES.test(finding.code)) finding = undefined;
    } else if (g.bareHex !== undefined && bareHexContext.test(text.slice(lineStart, m.index))) {
      finding = outlook(catalog, g.bareHex, m.index, 'hex-after-error');
    }
    if (finding && families.has(finding.family as Family)) {
      findings.push(finding);
      if (lineStart !== lastLineStart) (linesWithCodes ??= []).push(lineStart);
      lastLineStart = lineStart;
    }
    if (m[0].length === 0) re.lastIndex++;
  }
  if (families.has('provider')) addProviderFindings(text, catalog, findings, linesWithCodes ?? [], from, to);
  return findings;
}

function replyAfterContext(text: string, m: RegExpExecArray, g: Record<string, string | undefined>, catalog: Catalog, lineStart: number, lines: LineFacts): Finding | undefined {
  const rule = replyContexts.find((r) => g[`r_${r.id.replace(/-/g, '_')}`] !== undefined)!.id;
  const code = g.ctxCode!;
  const start = m.index + m[0].length - 3;
  // Generic keys (status=, code:) also appear in web and application logs: only SMTP evidence makes it a reply code.
  if (rule === 'key-value' || rule === 'exchange-hash') {
    if (lines.isHttp(lineStart)) return undefined;
    const paired = ENHANCED_AFTER.test(text.slice(start + 3, start + 16));
    if (!paired && !(catalog.lookup(code).known && lines.isMail(lineStart))) return undefined;
  }
  return reply(catalog, code, start, rule);
}

function replyAtLineStart(text: string, start: number, catalog: Catalog, lineStart: number): Finding | undefined {
  const code = text.slice(start, start + 3);
  const rest = text.slice(start + 3, start + 16);
  if (ENHANCED_AFTER.test(rest) || rest.startsWith('-')) return reply(catalog, code, start, 'line-start');
  // "250 OK" is a reply when the lines around it are an SMTP dialogue too; "200 apples" in a note is not.
  const prevEnd = lineStart - 1;
  const prev = prevEnd > 0 ? lineAt(text, text.lastIndexOf('\n', prevEnd - 1) + 1) : '';
  const nextStart = text.indexOf('\n', start);
  const next = nextStart >= 0 ? lineAt(text, nextStart + 1) : '';
  if (!catalog.lookup(code).known) return undefined;
  if (transcriptLine.test(prev) || transcriptLine.test(next)) return reply(catalog, code, start, 'line-start');
  return undefined;
}

function enhanced(text: string, catalog: Catalog, code: string, start: number, lineStart: number, found: Finding[], lines: LineFacts): Finding | undefined {
  const before = text.slice(Math.max(lineStart, start - 40), start);
  const previous = found[found.length - 1];
  const paired = previous?.family === 'reply' && previous.end >= start - 2;
  let rule = paired ? 'paired' : ENHANCED_CONTEXTS.find((r) => r.re.test(before))?.id;
  if (!rule) {
    if (versionWords.test(before)) return undefined;
    if (!lines.isMail(lineStart)) return undefined;
    rule = 'mail-line';
  }
  const result = catalog.lookup(code);
  const entry = result.entries.find((e) => e.family === 'enhanced') ?? result.entries[0];
  const finding: Finding = { start, end: start + code.length, family: 'enhanced', code, rule, class: classOf(code, 'enhanced'), title: entry?.title ?? result.subjectInfo?.title ?? 'Enhanced status code', entryId: entry?.id };
  const notes: string[] = [];
  if (paired && previous.code[0] !== code[0]) {
    notes.push(`Reply code ${previous.code} and enhanced code ${code} are of different classes (${previous.class} vs ${finding.class}).`);
  }
  const standard = result.entries.find((e) => e.family === 'enhanced');
  if (standard?.deprecated) notes.push(`${code} is deprecated: ${standard.notes?.[0] ?? 'see the registry for its replacement.'}`);
  if (!result.known) notes.push(`${code} is not a registered enhanced status code (nor one the catalog knows from a provider).`);
  if (notes.length) finding.notes = notes;
  return finding;
}

function reply(catalog: Catalog, code: string, start: number, rule: string): Finding {
  const result = catalog.lookup(code);
  const entry = result.entries.find((e) => e.family === 'reply');
  return { start, end: start + 3, family: 'reply', code, rule, class: classOf(code, 'reply'), title: entry?.title ?? result.classInfo?.title ?? 'SMTP reply code', entryId: entry?.id };
}

function outlook(catalog: Catalog, raw: string, start: number, rule: string): Finding {
  const code = canonicalHex(raw);
  const result = catalog.lookup(code);
  const entry: CatalogEntry | undefined = result.entries[0];
  return { start, end: start + raw.length, family: 'outlook', code, rule, class: entry ? classOf(code, 'outlook', entry) : 'unknown', title: entry?.title ?? 'Unknown Outlook / Windows error', entryId: entry?.id };
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
    for (let j = i; j < findings.length && findings[j].start < lineStart + line.length; j++) {
      if (findings[j].family === 'reply' || findings[j].family === 'enhanced') codes.push(findings[j].code);
    }
    const best = catalog.matchProviders(line, codes)[0];
    if (best) added.push(providerFinding(catalog, best, line, lineStart));
  }
  if (catalog.hasCodelessEntries) {
    for (const lineStart of catalog.linesWithCodelessPhrases(text, from, to)) {
      if (seen.has(lineStart)) continue;
      const line = lineAt(text, lineStart);
      const best = catalog.matchProviders(line, []).find((e) => !e.codes?.length);
      if (best) added.push(providerFinding(catalog, best, line, lineStart));
    }
  }
  if (added.length) {
    findings.push(...added);
    findings.sort((a, b) => a.start - b.start || a.end - b.end);
  }
}

function providerFinding(catalog: Catalog, entry: CatalogEntry, line: string, lineStart: number): Finding {
  const where = catalog.phraseLocation(entry, line);
  const start = lineStart + (where?.index ?? 0);
  return { start, end: start + (where?.length ?? line.length), family: 'provider', code: entry.id, rule: 'phrase', class: classOf(entry.code, 'provider', entry), title: `${entry.providerName ?? entry.provider}: ${entry.title}`, entryId: entry.id };
}

/** Finds line starts moving forward only, and remembers what the current line looks like (linear on long lines). */
class LineFacts {
  private start: number;
  private next: number;
  private mail?: boolean;
  private http?: boolean;

  constructor(private readonly text: string, from: number) {
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
