// Recognises what kind of code a piece of text is, and spells it the one canonical way the catalog uses.
import type { CatalogEntry, Family, Severity } from '../types';

export interface ParsedCode {
  family: Family | 'name';
  /** 550 · 5.1.1 · X.1.1 · 0x800CCC0E · SMTP_550_MAILBOX_NOT_FOUND */
  code: string;
}

/** A piece of text shaped like a code, with its canonical spelling and its place. */
export interface CodeToken extends ParsedCode {
  start: number;
  end: number;
}

// The one description of what a code looks like, shared by the scanner, parseCode and the client's code under the
// cursor. Whether a token found in a log IS a code is for the scanner's rules (../scan/rules.ts) to decide.
//  - reply: three digits 2xx-5xx, not part of a longer number, a dotted number or a word (421ms) (isReplyAt);
//  - enhanced: class.subject.detail (RFC 3463): 5.1.1, 4.7.26. A lookup also takes #5.1.1 (as Exchange and qmail
//    write it) and the registry's X.1.1;
//  - Outlook / Windows: 0x and eight hex digits of a failure code (high bit set), also as 0×… (a pasted
//    multiplication sign); without 0x only an 8… number that has a hex letter or sits in the ranges mail clients
//    use (800CCC0E, 80042108, 80070005);
//  - a name (SMTP_550_MAILBOX_NOT_FOUND): looked up, never found in a log.
const ENHANCED_AT = /([245])\.([0-7])\.([0-9]{1,3})(?![0-9A-Za-z]|\.[0-9]|-[0-9A-Za-z])/y;
const ENHANCED_LOOKUP_AT = /#?([245xX])\.([0-9]{1,3})\.([0-9]{1,3})(?![0-9A-Za-z]|\.[0-9])/y;
const HEX_AT = /0[xX\u00d7]([89a-fA-F][0-9a-fA-F]{7})(?![0-9A-Za-z])/y;
const BARE_HEX_AT = /(8[0-9a-fA-F]{7})(?![0-9A-Za-z])/y;
const MAIL_CLIENT_RANGE = /^800[cC]{3}|^800[47]/;
const NAME_AT = /[A-Z][A-Z0-9]*_[A-Z0-9_]+(?![0-9A-Za-z])/y;

/**
 * Where a token can start: a fast pattern for a pass over a whole log. An _ may precede it when no letter precedes
 * the _ (qmail logs write blanks as _: said:_550_5.1.1_; TLS_AES_256 stays a name), and an escaped line break
 * may (Exim and JSON logs write a multi-line reply as …try\n550-5.1.1 …). Without 0x only the 800…
 * numbers mail clients use are looked at in a log. The lookup form also starts at #5.1.1, X.1.1 and names.
 */
export const TOKEN_START = tokenStart();

/**
 * Each kind of token comes first and what may not stand before it after (a look-behind over the token too: a letter,
 * digit or dot unless a backslash escapes it, or a letter, dot or _ then _), so that the pattern is tried only where a
 * token can start; a reply code is taken only where isReplyAt takes one (not the 203 of 203.0.113.5).
 */
function tokenStart(): RegExp {
  const notAfter = (token: string) => String.raw`(?<!(?<!\\)[A-Za-z0-9.]${token}|[A-Za-z._]_${token})`;
  const reply = String.raw`[2-5][0-9]{2}(?![0-9A-Za-z]|\.[0-9])` + notAfter('[0-9]{3}');
  const enhanced = String.raw`[245]\.[0-7]\.[0-9]` + notAfter(String.raw`[0-9]\.[0-9]\.[0-9]`);
  const hex = '0[xX\u00d7][89a-fA-F]' + notAfter('0..');
  const bareHex = '800[0-9a-fA-F]{5}(?![0-9A-Za-z])' + notAfter('8[0-9a-fA-F]{7}');
  return new RegExp([reply, enhanced, hex, bareHex].join('|'), 'g');
}
const LOOKUP_TOKEN_START = /(?<!(?<!\\)[A-Za-z0-9.]|[A-Za-z._]_)(?:[2-5][0-9]{2}|#?[245xX]\.[0-9]|0[xX\u00d7][89a-fA-F]|8[0-9a-fA-F]{7}|[A-Z][A-Z0-9]*_)/g;

const at = (re: RegExp, text: string, i: number) => {
  re.lastIndex = i;
  return re.exec(text);
};

/**
 * The code token that starts at text[i], if any. `lookup` is for text a person selected or typed (a lookup, the
 * code under the cursor): it also reads the registry form X.1.1 and catalog names.
 */
export function readCode(text: string, i: number, lookup = false): CodeToken | undefined {
  const c = text.charCodeAt(i);
  if (c === 48 /* 0 */) {
    const h = at(HEX_AT, text, i);
    return h ? { family: 'outlook', code: canonicalHex(h[1]), start: i, end: i + h[0].length } : undefined;
  }
  if (c === 56 /* 8 */) {
    const h = at(BARE_HEX_AT, text, i);
    if (h && (/[a-fA-F]/.test(h[1]) || MAIL_CLIENT_RANGE.test(h[1]))) return { family: 'outlook', code: canonicalHex(h[1]), start: i, end: i + h[0].length };
    return undefined;
  }
  if (c === 35 /* # */ || text.charCodeAt(i + 1) === 46 /* . */) {
    const e = at(lookup ? ENHANCED_LOOKUP_AT : ENHANCED_AT, text, i);
    // The # of #5.1.1 is read but is not part of the code.
    return e ? { family: 'enhanced', code: `${e[1].toUpperCase()}.${Number(e[2])}.${Number(e[3])}`, start: c === 35 ? i + 1 : i, end: i + e[0].length } : undefined;
  }
  if (c >= 50 && c <= 53 && isReplyAt(text, i)) return { family: 'reply', code: text.slice(i, i + 3), start: i, end: i + 3 };
  if (lookup) {
    const n = at(NAME_AT, text, i);
    if (n) return { family: 'name', code: n[0], start: i, end: i + n[0].length };
  }
  return undefined;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
export const isAlnum = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Three digits 2xx-5xx at text[i], not followed by a digit, a letter or a dotted digit (read without a pattern: logs hold many). */
function isReplyAt(text: string, i: number): boolean {
  if (!isDigit(text.charCodeAt(i + 1)) || !isDigit(text.charCodeAt(i + 2))) return false;
  const next = text.charCodeAt(i + 3);
  return !isAlnum(next) && !(next === 46 && isDigit(text.charCodeAt(i + 4)));
}

/** Every code token in a line of text a person looks at (the code under the cursor), in order. */
export function codeTokens(line: string): CodeToken[] {
  const out: CodeToken[] = [];
  const starts = new RegExp(LOOKUP_TOKEN_START);
  let m: RegExpExecArray | null;
  while ((m = starts.exec(line)) !== null) {
    const token = readCode(line, m.index, true);
    if (token) {
      out.push(token);
      starts.lastIndex = token.end;
    }
  }
  return out;
}

/** The code a whole input is: "550", "5.1.1", "5 1 1", "#5.1.1", "x.1.1", "0x800CCC0E", "800ccc0e", a name. */
export function parseCode(input: string): ParsedCode | undefined {
  let text = input.trim().replace(/^[("'[<]+|[)"'\]>.,;:]+$/g, '');
  // Enhanced codes typed with blanks ("5 1 1") are spelled with dots first.
  if (/^#?[245xX][.\s]+[0-9]{1,3}[.\s]+[0-9]{1,3}$/.test(text)) text = text.replace(/[.\s]+/g, '.');
  // A bare hex word without 0x: only an 8… failure code (the recogniser then wants a letter or a mail range).
  if (/^[0-9a-fA-F]{8}$/.test(text) && !/^8/.test(text)) return undefined;
  const token = readCode(/_/.test(text) ? text.toUpperCase() : text, 0, true);
  return token && token.end === text.length ? { family: token.family, code: token.code } : undefined;
}

/** 0x and eight upper-case hex digits, whatever the input's prefix and case. */
export function canonicalHex(hexDigits: string): string {
  return `0x${hexDigits.replace(/^0[xX\u00d7]/, '').toUpperCase()}`;
}

/** "5.1.1" → "X.1.1": the registry key of an enhanced code. */
export function registryKey(enhanced: string): string {
  return `X${enhanced.slice(enhanced.indexOf('.'))}`;
}

/** The class a code is reported with: from its first digit, or from the entry for Outlook and provider codes. */
export function classOf(code: string, family: Family, entry?: CatalogEntry): Exclude<Severity, 'both'> | 'unknown' {
  if (family === 'reply' || family === 'enhanced') {
    const d = code[0];
    return d === '2' ? 'success' : d === '3' ? 'intermediate' : d === '4' ? 'transient' : d === '5' ? 'permanent' : 'unknown';
  }
  if (entry && entry.severity !== 'both') return entry.severity;
  return 'unknown';
}
