// Findings in quoted-printable and base64 parts land on the exact raw characters of the code, whatever the charset:
// for every finding in a decoded part, decoding its raw range gives back the code's text (property), with a BOM,
// UTF-16, Shift_JIS, ISO-2022-JP, single-byte charsets, raw 8-bit characters and broken sequences around it.
// The test encodes with its own tables (checked against the platform decoder) and decodes ranges with its own
// quoted-printable / base64 readers, so it does not share code with what it tests.
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { decodeBody, toRaw } from '../../server/src/core/dsn/decode';
import { scan } from '../../server/src/core/scan/scanner';
import { catalog } from '../helpers';

const runs = Number(process.env.FUZZ_RUNS ?? 150);
// A fresh seed each run, named in the title; FUZZ_SEED replays one.
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

type Charset = 'utf-8' | 'utf-8-bom' | 'utf-16' | 'utf-16be' | 'shift_jis' | 'iso-2022-jp' | 'iso-8859-1' | 'windows-1252';
const CHARSETS: Charset[] = ['utf-8', 'utf-8-bom', 'utf-16', 'utf-16be', 'shift_jis', 'iso-2022-jp', 'iso-8859-1', 'windows-1252'];

// Shift_JIS and ISO-2022-JP (JIS X 0208) bytes of a few characters; trail bytes in the ASCII range on purpose
// (本 = 96 7B, ソ = 83 5C): a decoder that took them for ASCII would shift everything after them.
const SJIS: Record<string, number[]> = { 'あ': [0x82, 0xa0], '日': [0x93, 0xfa], '本': [0x96, 0x7b], 'ソ': [0x83, 0x5c], 'ｱ': [0xb1] };
const JIS: Record<string, number[]> = { 'あ': [0x24, 0x22], '日': [0x46, 0x7c], '本': [0x4b, 0x5c], 'ソ': [0x25, 0x3d] };

/** Characters each charset can hold besides ASCII. */
const EXTRA: Record<Charset, string[]> = {
  'utf-8': ['é', 'あ', '😀', '\u00a0'],
  'utf-8-bom': ['é', '日', '😀'],
  'utf-16': ['é', 'あ', '😀', '本'],
  'utf-16be': ['é', '日', '😀'],
  shift_jis: Object.keys(SJIS),
  'iso-2022-jp': Object.keys(JIS),
  'iso-8859-1': ['é', 'ß', '\u00a0'],
  'windows-1252': ['é', 'ü'],
};

const label = (c: Charset) => (c === 'utf-8-bom' ? 'utf-8' : c);

/** The bytes of a text in a charset; `state` carries ISO-2022-JP's mode from one call to the next. */
function encode(text: string, charset: Charset, state: { jis: boolean }): number[] {
  const out: number[] = [];
  for (const ch of text) {
    if (charset === 'utf-8' || charset === 'utf-8-bom') out.push(...new TextEncoder().encode(ch));
    else if (charset === 'utf-16') out.push(...Buffer.from(ch, 'utf16le'));
    else if (charset === 'utf-16be') out.push(...Buffer.from(ch, 'utf16le').swap16());
    else if (charset === 'shift_jis') out.push(...(SJIS[ch] ?? [ch.charCodeAt(0)]));
    else if (charset === 'iso-2022-jp') {
      const jis = JIS[ch];
      if (!!jis !== state.jis) out.push(...(jis ? [0x1b, 0x24, 0x42] : [0x1b, 0x28, 0x42]));
      state.jis = !!jis;
      out.push(...(jis ?? [ch.charCodeAt(0)]));
    } else out.push(ch === '€' ? 0x80 : ch.charCodeAt(0));
  }
  return out;
}

function start(charset: Charset): number[] {
  if (charset === 'utf-8-bom') return [0xef, 0xbb, 0xbf];
  if (charset === 'utf-16') return [0xff, 0xfe];
  return [];
}

function end(charset: Charset, state: { jis: boolean }): number[] {
  return charset === 'iso-2022-jp' && state.jis ? [0x1b, 0x28, 0x42] : [];
}

function toQuotedPrintable(bytes: number[], quoteAll: boolean[], breaks: number[]): string {
  let out = '';
  let line = 0;
  bytes.forEach((b, i) => {
    const piece = b === 0x0a ? '\n' : !quoteAll[i % quoteAll.length] && b >= 0x21 && b <= 0x7e && b !== 0x3d ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (piece !== '\n' && (line + piece.length > 72 || breaks.includes(i))) {
      out += '=\n';
      line = 0;
    }
    out += piece;
    line = piece === '\n' ? 0 : line + piece.length;
  });
  return out;
}

function toBase64(bytes: number[], width: number): string {
  const b64 = Buffer.from(bytes).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += width) lines.push(b64.slice(i, i + width));
  return lines.join('\r\n');
}

/** The test's own reading of a raw range: quoted-printable bytes. */
function qpRange(raw: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '=' && /^[0-9A-F]{2}$/i.test(raw.slice(i + 1, i + 3))) {
      out.push(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (raw[i] === '=' && raw[i + 1] === '\n') i++;
    else out.push(raw.charCodeAt(i));
  }
  return out;
}

/** Base64 bits of a raw range, and the byte strings it can hold at the three possible bit offsets of a byte start. */
function base64Range(raw: string): { lead: number; bytes: number[]; spare: number }[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bits = [...raw].filter((c) => alphabet.includes(c)).map((c) => alphabet.indexOf(c).toString(2).padStart(6, '0')).join('');
  return [0, 2, 4].map((lead) => {
    const bytes: number[] = [];
    for (let i = lead; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
    return { lead, bytes, spare: bits.length - lead - bytes.length * 8 };
  });
}

const CODES = ['550', '5.1.1', '421', '4.7.0', '0x800CCC0E', '5.7.26'];
const token = (charset: Charset) => fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CODES).map((c) => ` said: ${c} `) },
  { weight: 2, arbitrary: fc.constantFrom(...EXTRA[charset]) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z ]{1,6}$/) },
  fc.constantFrom('\n', ' ', 'Status: 5.2.2\n', 'dsn=4.4.1, '),
);

const sample = fc.constantFrom(...CHARSETS).chain((charset) => fc.record({
  charset: fc.constant(charset),
  tokens: fc.array(token(charset), { minLength: 1, maxLength: 30 }),
  encoding: fc.constantFrom('base64', 'quoted-printable'),
  quoteAll: fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
  breaks: fc.array(fc.nat(400), { maxLength: 6 }),
  width: fc.constantFrom(76, 4, 7, 60),
  rawNonAscii: fc.boolean(),
}));

test(`decoded parts: decoding a finding's raw range gives back the code, in every charset (${runs} runs, seed ${seed})`, () => {
  fc.assert(fc.property(sample, ({ charset, tokens, encoding, quoteAll, breaks, width, rawNonAscii }) => {
    const state = { jis: false };
    const bytes = [...start(charset), ...tokens.flatMap((t) => encode(t, charset, state)), ...end(charset, state)];
    let body = encoding === 'base64' ? toBase64(bytes, width) : toQuotedPrintable(bytes, quoteAll, breaks);
    // An 8-bit character where quoted-printable should have been used (common in real bounces): it stays itself.
    if (rawNonAscii && encoding === 'quoted-printable' && label(charset) === 'utf-8') body = `é ${body}`;
    const head = `MIME-Version: 1.0\nContent-Type: text/plain; charset=${label(charset)}\nContent-Transfer-Encoding: ${encoding}\n\n`;
    const message = head + body + '\n';
    const expected = Buffer.from(bytes);
    const found = analyze(message, catalog, { message: true }).filter((f) => f.start >= head.length && CODES.includes(f.code) && f.family !== 'provider');
    const decoder = () => new TextDecoder(label(charset));
    // What a scan of the decoded text finds is found in the part, the same codes in the same order.
    const plain = scan(decoder().decode(expected), catalog).filter((f) => CODES.includes(f.code) && f.family !== 'provider');
    assert.deepEqual(found.map((f) => f.code), plain.map((f) => f.code));
    for (const f of found) {
      const raw = message.slice(f.start, f.end);
      const codeBytes = encode(f.code, charset === 'utf-16' ? 'utf-16' : charset, { jis: false });
      if (encoding === 'quoted-printable') {
        assert.equal(decoder().decode(Buffer.from(qpRange(raw))), f.code, `raw ${JSON.stringify(raw)} for ${f.code}`);
      } else {
        const fits = base64Range(raw).some((r) => r.spare >= 0 && r.spare < 6 && Buffer.from(r.bytes).equals(Buffer.from(codeBytes)));
        assert.ok(fits, `raw ${JSON.stringify(raw)} does not hold exactly ${f.code}`);
      }
    }
  }), { numRuns: runs, seed });
});

test('quoted-printable =E9 and a raw é before a code in a UTF-8 part: the code is reported on itself', () => {
  for (const body of ['caf=C3=A9 said: 550 5.1.1 unknown', 'café said: 550 5.1.1 unknown', 'caf=E9 said: 550 5.1.1 unknown', '=EF=BB=BFsaid: 550 5.1.1']) {
    const message = `MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n${body}\n`;
    const found = analyze(message, catalog, { message: true });
    const reply = found.find((f) => f.code === '550');
    assert.equal(reply && message.slice(reply.start, reply.end), '550', body);
    const enhanced = found.find((f) => f.code === '5.1.1');
    assert.equal(enhanced && message.slice(enhanced.start, enhanced.end), '5.1.1', body);
  }
});

test('a UTF-16 base64 part with a BOM: ranges are the base64 characters of the code', () => {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Remote said: 550 5.1.1 no such user\n', 'utf16le')]);
  const body = bytes.toString('base64');
  const decoded = decodeBody(body, 0, body.length, 'base64', 'utf-16')!;
  assert.equal(decoded.text, 'Remote said: 550 5.1.1 no such user\n', 'the BOM is not text');
  const at = decoded.text.indexOf('550');
  const { start, end } = toRaw(decoded, at, at + 3);
  // "550" is bytes 2+26 .. 2+32: bits 224..272, base64 characters 37..45.
  assert.deepEqual([start, end], [Math.floor((28 * 8) / 6), Math.floor((34 * 8 - 1) / 6) + 1]);
});

test('Shift_JIS with ASCII-range trail bytes and ISO-2022-JP escapes do not shift what follows', () => {
  const sjis = Buffer.from([0x96, 0x7b, 0x83, 0x5c, ...Buffer.from(' said: 550 ok')]);
  const qp = [...sjis].map((b) => `=${b.toString(16).toUpperCase()}`).join('');
  const d1 = decodeBody(qp, 0, qp.length, 'quoted-printable', 'shift_jis')!;
  assert.equal(d1.text, '本ソ said: 550 ok');
  assert.deepEqual(toRaw(d1, d1.text.indexOf('550'), d1.text.indexOf('550') + 3), { start: 3 * 11, end: 3 * 14 });
  const jis = 'ESC$B$"F|ESC(B said: 550'.replace(/ESC/g, '\u001b');
  const d2 = decodeBody(jis, 0, jis.length, 'quoted-printable', 'iso-2022-jp')!;
  assert.equal(d2.text, 'あ日 said: 550');
  assert.deepEqual(toRaw(d2, d2.text.indexOf('550'), d2.text.length), { start: jis.indexOf('550'), end: jis.length });
  assert.deepEqual(toRaw(d2, 0, 1), { start: 0, end: 5 }, 'the first character holds the escape that starts it');
});

test('broken input: invalid UTF-8, truncated base64, an unknown charset', () => {
  const qp = 'a=FF=E3=81b said: 550';
  const d = decodeBody(qp, 0, qp.length, 'quoted-printable', 'utf-8')!;
  assert.equal(d.text, 'a\uFFFD\uFFFDb said: 550');
  assert.deepEqual(toRaw(d, d.text.indexOf('550'), d.text.length), { start: qp.indexOf('550'), end: qp.length });
  const b64 = 'c2FpZDogNTUwIDUuMS4x!!!!IGE';
  const t = decodeBody(b64, 0, b64.length, 'base64', 'no-such-charset')!;
  assert.equal(t.text, 'said: 550 5.1.1 a');
  assert.equal(t.rawOffset.length, t.text.length + 1);
});
