// Text as the bounce readers see it: a part's text (decoded, or HTML turned into lines) with the way back to offsets in
// the analysed file, split into lines, cut before the copy of the original message.

export interface TextView {
  text: string;
  /** Offset in the analysed file of offset i of `text`. */
  raw(i: number): number;
}

export interface Line {
  /** Offsets in the view's text; `end` excludes the line break. */
  start: number;
  end: number;
  text: string;
}

/** A slice of the file, as it is. */
export function sliceView(file: string, start: number, end: number): TextView {
  return { text: file.slice(start, end), raw: (i) => start + i };
}

/** A view over text whose characters came from the given raw offsets (decoded bodies, HTML). */
export function mappedView(text: string, rawOffset: ArrayLike<number>): TextView {
  return { text, raw: (i) => rawOffset[Math.min(i, rawOffset.length - 1)] ?? 0 };
}

const MAX_LINES = 5000;

export function linesOf(text: string, from = 0, to = text.length): Line[] {
  const out: Line[] = [];
  let pos = from;
  while (pos < to && out.length < MAX_LINES) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl > to) nl = to;
    const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    out.push({ start: pos, end, text: text.slice(pos, end) });
    pos = nl + 1;
  }
  return out;
}

// Bounded repeats (a local part is at most 64 characters, a domain at most 10 labels): matching stays linear even on
// a line of megabytes without an address in it.
const LOCAL = "[\\p{L}\\p{N}.!#$%&'*+/=?^_`{|}~-]{1,64}";
const DOMAIN = '(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.){1,10}[\\p{L}\\p{N}-]{2,63}';
/** An e-mail address (addr-spec without quoted local parts, which bounces do not quote anyway). */
export const ADDRESS = new RegExp(`${LOCAL}@${DOMAIN}`, 'u');
const ADDRESS_G = new RegExp(`${LOCAL}@${DOMAIN}`, 'gu');

export function addressesIn(text: string): { address: string; index: number }[] {
  const out: { address: string; index: number }[] = [];
  ADDRESS_G.lastIndex = 0;
  for (let m = ADDRESS_G.exec(text); m && out.length < 1000; m = ADDRESS_G.exec(text)) out.push({ address: trimAddress(m[0]), index: m.index });
  return out;
}

/**
 * Lower-case domain, local part as written; what reports wrap addresses in ("[SMTP:bob@example.org]", "<…>,",
 * "mailto:", a sentence's final dot) is not part of it.
 */
export function trimAddress(address: string): string {
  const a = address
    .trim()
    .replace(/^[[(<"']+/, '')
    .replace(/^(?:SMTP|mailto|rfc822);?:?\s*/i, '')
    .replace(/[\])>"',;:.]+$/, '');
  const at = a.lastIndexOf('@');
  return at < 0 ? a : a.slice(0, at) + a.slice(at).toLowerCase();
}

/** The domain of an address, lower-case; "" for an address without one (a local user, the null sender). */
export function domainOf(address: string | undefined): string {
  if (!address) return '';
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase().replace(/\.$/, '');
}

/** Addresses that report, not receive: the bounce's own mailbox names. */
export function isServiceAddress(address: string): boolean {
  return /^(?:mailer-daemon|postmaster|mail-daemon|maildaemon|mdaemon|no-?reply|bounces?|root|daemon)@/i.test(address);
}

// Where the copy of the returned message starts: everything after it is the sender's own text, not the report.
const ORIGINAL = new RegExp(
  [
    '^\\s*-{2,}\\s*(?:This is a copy of the message|Below (?:this|the next) line is a copy|Original message|Unsent message follows|Undelivered message follows|Original message follows|The header of the original message|Returned (?:Message|Mail)|START OF RETURNED MESSAGE|Message header follows|Mensaje original|Forwarded message)',
    '^\\s*Below is a copy of the original message',
    '^\\s*Original message headers:?\\s*$',
    '^\\s*Original Message Headers\\s*$',
    '^\\s*Message headers follow',
    '^\\s*Original message follows\\.?\\s*$',
    '^\\s*Content-Type: message/rfc822',
    '^\\s*The original message (?:headers )?(?:is|are|was)? ?(?:attached|included|follows)',
    '^\\s*-+ ?Original message ?-+\\s*$',
  ].join('|'),
  'im',
);

/** The end of the report in text[from, to): the first line that starts the copy of the original message. */
export function reportEnd(text: string, from = 0, to = text.length): number {
  ORIGINAL.lastIndex = 0;
  const hay = text.slice(from, to);
  const m = ORIGINAL.exec(hay);
  let end = m ? from + m.index : to;
  const headers = headerBlockStart(text, from, end);
  if (headers >= 0) end = headers;
  return end;
}

const HEADER_LINE = /^(?:Received|Return-Path|From|To|Subject|Date|Message-I[dD]|MIME-Version|Content-Type|DKIM-Signature|Reply-To|Cc|X-[A-Za-z0-9-]+):/;

/**
 * A block of original header lines pasted after an empty line: two or more header lines in a row, with a Received,
 * Return-Path, Message-ID, DKIM-Signature or MIME-Version field, or a From next to a To or Subject ("Subject: …" and
 * "Date: …" alone are how some reports quote the message they are about).
 */
function headerBlockStart(text: string, from: number, to: number): number {
  const ls = linesOf(text, from, to);
  for (let i = 1; i + 1 < ls.length; i++) {
    if (ls[i - 1].text.trim() !== '' || !HEADER_LINE.test(ls[i].text)) continue;
    const names: string[] = [];
    for (let k = i; k < ls.length && (HEADER_LINE.test(ls[k].text) || (k > i && /^[ \t]+\S/.test(ls[k].text))) && names.length < 40; k++) {
      const name = /^([\w-]+):/.exec(ls[k].text)?.[1].toLowerCase();
      if (name) names.push(name);
    }
    if (names.length < 2) continue;
    const has = (n: string) => names.includes(n);
    if (has('received') || has('return-path') || has('message-id') || has('dkim-signature') || has('mime-version') || (has('from') && (has('to') || has('subject')))) return ls[i].start;
  }
  return -1;
}

/** Collapses white space: diagnostics wrapped over several lines read as one. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** An e-mail address, and no longer than one can be (RFC 5321: 64 + 1 + 255): a megabyte "candidate" is not tried. */
export function isAddress(candidate: string): boolean {
  return candidate.length <= 320 && ADDRESS.test(candidate);
}
