// Recognises what kind of code a piece of text is, and spells it the one canonical way the catalog uses.
import type { CatalogEntry, Family, Severity } from '../types';

export interface ParsedCode {
  family: Family | 'name';
  /** 550 · 5.1.1 · X.1.1 · 0x800CCC0E · SMTP_550_MAILBOX_NOT_FOUND */
  code: string;
}

const REPLY = /^[2-5][0-9]{2}$/;
// "5.1.1", "5 1 1", "#5.1.1", "X.1.1": users type enhanced codes in many ways.
const ENHANCED = /^#?([245xX])[.\s]+([0-9]{1,3})[.\s]+([0-9]{1,3})$/;
// 001 writes "0×800CCC0E" with a multiplication sign; users paste it as they find it.
const HEX = /^(?:0[xX\u00d7])?([0-9a-fA-F]{8})$/;
const NAME = /^[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+$/;

export function parseCode(input: string): ParsedCode | undefined {
  const text = input.trim().replace(/^[("'[<]+|[)"'\]>.,;:]+$/g, '');
  if (REPLY.test(text)) return { family: 'reply', code: text };
  const e = ENHANCED.exec(text);
  if (e) return { family: 'enhanced', code: `${e[1].toUpperCase()}.${Number(e[2])}.${Number(e[3])}` };
  const h = HEX.exec(text);
  // A bare 8-digit hex number is only an Outlook/HRESULT code when it is a failure code (high bit set).
  if (h && (/^0/.test(text) || /^8/.test(h[1]))) {
    if (/^[89a-fA-F]/.test(h[1])) return { family: 'outlook', code: canonicalHex(h[1]) };
  }
  if (NAME.test(text)) return { family: 'name', code: text.toUpperCase() };
  return undefined;
}

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
