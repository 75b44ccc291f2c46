// A generated log as bytes, with what decoding must get right: a UTF-8 byte order mark, CRLF line ends on some lines,
// non-ASCII text of 2, 3 and 4 bytes per character next to the codes, a few invalid bytes, and now and then a line
// of tens of KB. The lines are those of the log fixtures, picked in a deterministic order.
import { fixture } from '../helpers';

const SOURCES = ['logs/postfix.log', 'logs/exim.log', 'logs/sendmail.log', 'logs/transcript.txt', 'logs/exchange.txt', 'cli/unicode.log'];
const WORDS = ['Empfänger unbekannt', 'destinataire inconnu', '收件人不存在', 'почтовый ящик', '📧 bounce', 'naïve café'];
const INVALID = [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe2, 0x82]), Buffer.from([0xf0, 0x9f, 0x98]), Buffer.from([0xed, 0xa0, 0x80])];

export function mixedLog(bytes: number, seed = 1): Buffer {
  const lines = SOURCES.flatMap((name) => fixture(name).split('\n')).map((l) => l.replace(/\r$/, '')).filter(Boolean);
  let s = seed >>> 0;
  const rnd = (n: number) => ((s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0) % n);
  const parts: Buffer[] = [Buffer.from([0xef, 0xbb, 0xbf])];
  let size = 3;
  for (let i = 0; size < bytes; i++) {
    let line = lines[rnd(lines.length)];
    const k = rnd(10);
    if (k < 3) line = `${WORDS[rnd(WORDS.length)]} ${line} ${WORDS[rnd(WORDS.length)]}`;
    if (i % 500 === 499) line = `${line} ${'é'.repeat(5000 + rnd(20000))} said: 550 5.1.1 ${WORDS[rnd(WORDS.length)]}`;
    const part = [Buffer.from(line)];
    if (k === 3) part.splice(0, 1, Buffer.from(line.slice(0, 12)), INVALID[rnd(INVALID.length)], Buffer.from(line.slice(12)));
    part.push(Buffer.from(rnd(3) === 0 ? '\r\n' : '\n'));
    for (const p of part) {
      parts.push(p);
      size += p.length;
    }
  }
  return Buffer.concat(parts);
}
