// Reads the structure of a MIME message (RFC 2045/2046) while keeping every offset into the original text, so that
// what is found inside a part maps back to its exact place in the file. Bounded: depth, part count and header size
// are capped, and every loop moves forward, so hostile messages cost time linear in their size.

export interface Header {
  /** Lower-case field name. */
  name: string;
  /** Unfolded value (folding white space kept as single spaces). */
  value: string;
  /** Offsets of the whole field, folded lines included. */
  start: number;
  end: number;
  /** Offset of the first character of the value. */
  valueStart: number;
}

export interface MimePart {
  headers: Header[];
  /** Lower-case media type: "text/plain", "message/delivery-status", "multipart/report" … */
  contentType: string;
  params: Record<string, string>;
  /** Lower-case Content-Transfer-Encoding ("7bit" when absent). */
  encoding: string;
  headerStart: number;
  bodyStart: number;
  bodyEnd: number;
  children: MimePart[];
}

export const MAX_DEPTH = 16;
export const MAX_PARTS = 5000;
const MAX_HEADER_VALUE = 16 * 1024;

const FIELD = /^([!-9;-~]{1,128}):[ \t]?/;
const PARAMETER = /^;?[ \t]{0,8}[A-Za-z][A-Za-z0-9-]{0,63}\*?=/;
/** A delimiter line a body uses: "--" and a boundary, with a header field or a blank line after it. */
const DELIMITER = /^--([!-~]{1,200}?)[ \t]{0,8}\r?\n(?:[!-9;-~]{1,128}:|\r?\n)/m;

/** True when the text starts like an Internet message: header fields, one of them a MIME or DSN field. */
export function looksLikeMessage(text: string): boolean {
  const head = text.slice(0, 16384).replace(/^(?:[ \t]*\r?\n)+(?=[!-9;-~]+:)/, '');
  const blank = head.search(/\r?\n\r?\n/);
  const block = blank < 0 ? head : head.slice(0, blank);
  const firstLine = block.slice(0, block.indexOf('\n') >>> 0);
  if (!FIELD.test(firstLine) && !/^From /.test(firstLine)) return false;
  if (/^(?:content-type|mime-version|received|return-path|message-id):/im.test(block)) return true;
  // A bare header without MIME fields (old gateways write just From, To, Subject and Date): two of them will do.
  return new Set([...block.matchAll(/^(from|to|subject|date):/gim)].map((m) => m[1].toLowerCase())).size >= 2;
}

export function parseMessage(text: string, start = 0, end = text.length): MimePart {
  const budget = { parts: 0 };
  // Blank lines before the first header field (a file saved with a stray first line) are not the end of the header.
  const lead = /^(?:[ \t]*\r?\n)+(?=[!-9;-~]+:)/.exec(text.slice(start, Math.min(end, start + 1024)));
  if (lead) start += lead[0].length;
  // A message saved from an mbox starts with its "From sender date" separator line, which is not a header field.
  if (text.startsWith('From ', start)) {
    const nl = text.indexOf('\n', start);
    start = nl < 0 || nl >= end ? end : nl + 1;
  }
  return parsePart(text, start, end, 0, budget);
}

function parsePart(text: string, start: number, end: number, depth: number, budget: { parts: number }): MimePart {
  budget.parts++;
  const { headers, bodyStart } = readHeaders(text, start, end);
  const ct = headers.find((h) => h.name === 'content-type');
  const { type, params } = parseContentType(ct?.value ?? 'text/plain');
  const encoding = (headers.find((h) => h.name === 'content-transfer-encoding')?.value ?? '7bit').trim().toLowerCase();
  const part: MimePart = { headers, contentType: type, params, encoding, headerStart: start, bodyStart, bodyEnd: end, children: [] };
  if (depth >= MAX_DEPTH || budget.parts >= MAX_PARTS) return part;
  if (type.startsWith('multipart/')) {
    // When the declared boundary is missing or never used, the body's own delimiter lines are followed.
    let ranges = params.boundary ? splitMultipart(text, bodyStart, end, params.boundary) : [];
    if (!ranges.length) {
      const found = boundaryInBody(text, bodyStart, end);
      if (found && found !== params.boundary) ranges = splitMultipart(text, bodyStart, end, found);
    }
    for (const [s, e] of ranges) {
      if (budget.parts >= MAX_PARTS) break;
      part.children.push(parsePart(text, s, e, depth + 1, budget));
    }
  } else if (type === 'message/rfc822' || type === 'message/global') {
    if (encoding === '7bit' || encoding === '8bit' || encoding === 'binary') part.children.push(parsePart(text, bodyStart, end, depth + 1, budget));
  }
  return part;
}

/** Header fields from `start` up to the first empty line; folded lines are joined. */
export function readHeaders(text: string, start: number, end: number): { headers: Header[]; bodyStart: number } {
  const headers: Header[] = [];
  let pos = start;
  let current: { header: Header; pieces: string[]; length: number } | undefined;
  const finish = () => {
    if (current) {
      current.header.value = current.pieces.join(' ').trim();
      headers.push(current.header);
      current = undefined;
    }
  };
  while (pos < end) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl >= end) nl = end;
    const lineEnd = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (lineEnd === pos) {
      finish();
      return { headers, bodyStart: Math.min(nl + 1, end) };
    }
    const c = text.charCodeAt(pos);
    if ((c === 32 || c === 9) && current) {
      // Folded continuation. Past the cap the value stops growing, but its range still covers every line.
      if (current.length < MAX_HEADER_VALUE) {
        const piece = text.slice(pos, Math.min(lineEnd, pos + MAX_HEADER_VALUE)).trim();
        current.pieces.push(piece);
        current.length += piece.length + 1;
      }
      current.header.end = lineEnd;
    } else {
      const line = text.slice(pos, Math.min(lineEnd, pos + 512));
      const m = FIELD.exec(line);
      // A Content-Type parameter on an unindented line (boundary="…" at the start of a line) still belongs to it.
      if (!m && current?.header.name === 'content-type' && PARAMETER.test(line)) {
        if (current.length < MAX_HEADER_VALUE) {
          current.pieces.push(line.trim());
          current.length += line.length + 1;
        }
        current.header.end = lineEnd;
        pos = nl + 1;
        continue;
      }
      if (!m) {
        // Not a header line: the message has no (more) headers, the body starts here.
        finish();
        return { headers, bodyStart: pos };
      }
      finish();
      const valueStart = pos + m[0].length;
      const first = text.slice(valueStart, Math.min(lineEnd, valueStart + MAX_HEADER_VALUE));
      current = { header: { name: m[1].toLowerCase(), value: '', start: pos, end: lineEnd, valueStart }, pieces: [first], length: first.length };
    }
    pos = nl + 1;
  }
  finish();
  return { headers, bodyStart: end };
}

export function parseContentType(value: string): { type: string; params: Record<string, string> } {
  const [typePart, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const p of rest.slice(0, 32)) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"')) v = v.slice(1, v.indexOf('"', 1) > 0 ? v.indexOf('"', 1) : undefined);
    params[key] = v;
  }
  return { type: typePart.trim().toLowerCase() || 'text/plain', params };
}

/** The boundary of the first delimiter line in a body, for a multipart whose declared boundary is not there. */
function boundaryInBody(text: string, start: number, end: number): string | undefined {
  const m = DELIMITER.exec(text.slice(start, Math.min(end, start + 65536)));
  return m?.[1].replace(/--$/, '');
}

/** Body ranges between the boundary delimiter lines of a multipart body. */
function splitMultipart(text: string, start: number, end: number, boundary: string): [number, number][] {
  const delimiter = `--${boundary}`;
  const ranges: [number, number][] = [];
  let partStart = -1;
  let pos = start;
  while (pos < end) {
    const at = text.indexOf(delimiter, pos);
    if (at < 0 || at >= end) break;
    const lineStart = at === 0 || text.charCodeAt(at - 1) === 10;
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 || nl > end ? end : nl;
    if (!lineStart) {
      pos = at + delimiter.length;
      continue;
    }
    if (partStart >= 0) {
      // The line break before the delimiter belongs to the delimiter.
      let partEnd = at - 1;
      if (partEnd > partStart && text.charCodeAt(partEnd - 1) === 13) partEnd--;
      ranges.push([partStart, Math.max(partStart, partEnd)]);
    }
    if (text.startsWith('--', at + delimiter.length)) return ranges;
    partStart = Math.min(lineEnd + 1, end);
    pos = partStart;
  }
  // A truncated message: whatever follows the last delimiter is still a part.
  if (partStart >= 0 && partStart < end) ranges.push([partStart, end]);
  return ranges;
}

/** Whether a part's body reads as text (its first 4 KB: no NUL, at most 1% control characters), as it stands. */
export function bodyReadsAsText(text: string, part: MimePart): boolean {
  if (part.bodyEnd <= part.bodyStart) return false;
  const sample = text.slice(part.bodyStart, Math.min(part.bodyEnd, part.bodyStart + 4096));
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) odd++;
  }
  return odd <= sample.length / 100;
}
