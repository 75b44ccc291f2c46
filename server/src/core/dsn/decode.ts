// Decodes a quoted-printable or base64 body into text and remembers, for every decoded character, where it came
// from in the raw file: findings in decoded text are reported at their place in the encoded lines.
// Bytes come from the platform's decoders (atob, TextDecoder); only the position bookkeeping is ours.

export interface DecodedText {
  text: string;
  /** rawOffset[i]: offset in the original text of decoded character i; one extra element for the end. */
  rawOffset: Uint32Array;
}

export const MAX_DECODED = 8 * 1024 * 1024;

export function decodeBody(text: string, start: number, end: number, encoding: string, charset = 'utf-8'): DecodedText | undefined {
  if (end - start > MAX_DECODED * 2) end = start + MAX_DECODED * 2;
  const collected = encoding === 'base64' ? base64Bytes(text, start, end) : encoding === 'quoted-printable' ? qpBytes(text, start, end) : undefined;
  if (!collected) return undefined;
  return toText(collected.bytes, collected.byteRaw, collected.length, charset, end);
}

interface Bytes {
  bytes: Uint8Array;
  byteRaw: Uint32Array;
  length: number;
}

function base64Bytes(text: string, start: number, end: number): Bytes {
  const capacity = Math.ceil(((end - start) * 3) / 4) + 3;
  const bytes = new Uint8Array(capacity);
  const byteRaw = new Uint32Array(capacity);
  let length = 0;
  let quad = '';
  let quadStart = start;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (!/[A-Za-z0-9+/=]/.test(c)) continue;
    if (!quad) quadStart = i;
    quad += c;
    if (quad.length === 4) {
      let decoded = '';
      try {
        decoded = atob(quad);
      } catch {
        // Truncated or corrupt base64: skip the broken group, keep what decodes.
      }
      for (let k = 0; k < decoded.length; k++) {
        bytes[length] = decoded.charCodeAt(k);
        byteRaw[length++] = quadStart;
      }
      quad = '';
    }
  }
  return { bytes, byteRaw, length };
}

function qpBytes(text: string, start: number, end: number): Bytes {
  const bytes = new Uint8Array(end - start);
  const byteRaw = new Uint32Array(end - start);
  let length = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 61 /* = */) {
      const h = text.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(h)) {
        bytes[length] = parseInt(h, 16);
        byteRaw[length++] = i;
        i += 2;
        continue;
      }
      // Soft line break: "=" at the end of a line joins it with the next.
      const rest = /^[ \t]*\r?\n/.exec(text.slice(i + 1, i + 80));
      if (rest) {
        i += rest[0].length;
        continue;
      }
    }
    if (c > 255) {
      // Not valid quoted-printable; keep the character (as UTF-8) rather than lose it.
      const encoded = new TextEncoder().encode(text[i]);
      for (const b of encoded) {
        bytes[length] = b;
        byteRaw[length++] = i;
      }
      continue;
    }
    bytes[length] = c;
    byteRaw[length++] = i;
  }
  return { bytes, byteRaw, length };
}

function toText(bytes: Uint8Array, byteRaw: Uint32Array, length: number, charset: string, end: number): DecodedText {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: false });
  } catch {
    decoder = new TextDecoder('utf-8', { fatal: false });
  }
  const text = decoder.decode(bytes.subarray(0, length));
  const rawOffset = new Uint32Array(text.length + 1);
  const utf8 = decoder.encoding === 'utf-8';
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    rawOffset[i] = byteRaw[Math.min(b, length - 1)] ?? end;
    const cp = text.codePointAt(i)!;
    // For UTF-8 each character took 1–4 bytes; single-byte charsets take one byte a character.
    const width = !utf8 ? 1 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (cp > 0xffff) rawOffset[++i] = rawOffset[i - 1];
    b += width;
  }
  rawOffset[text.length] = b < length ? byteRaw[b] : end;
  return { text, rawOffset };
}
