// HTML bounces (Exchange and Microsoft 365 NDRs, some gateways) read as lines of text: tags dropped, block elements
// become line breaks, entities decoded, and every character keeps its place in the file.
import type { TextView } from './text';

const BLOCK = /^(?:br|p|div|tr|li|ul|ol|table|hr|h[1-6]|pre|blockquote|td|th|section|article|header|footer|title)$/i;
const SKIPPED = /^(?:style|script|head)$/i;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', hellip: '…' };
const MAX_HTML = 4 * 1024 * 1024;

export function htmlView(source: TextView): TextView {
  const html = source.text.length > MAX_HTML ? source.text.slice(0, MAX_HTML) : source.text;
  const out: string[] = [];
  const from: number[] = [];
  const emit = (s: string, at: number) => {
    for (const c of s) {
      out.push(c);
      from.push(at);
    }
  };
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === '<') {
      const close = html.indexOf('>', i + 1);
      if (close < 0) break;
      const tag = /^<\/?\s*([a-zA-Z0-9]+)/.exec(html.slice(i, Math.min(close + 1, i + 64)));
      const name = tag?.[1] ?? '';
      if (html.startsWith('<!--', i)) {
        const end = html.indexOf('-->', i + 4);
        i = end < 0 ? html.length : end + 3;
        continue;
      }
      if (SKIPPED.test(name) && html[i + 1] !== '/') {
        const end = html.toLowerCase().indexOf(`</${name.toLowerCase()}`, close);
        i = end < 0 ? close + 1 : end;
        continue;
      }
      if (BLOCK.test(name)) emit('\n', i);
      else if (name) emit(' ', i);
      i = close + 1;
      continue;
    }
    if (c === '&') {
      const m = /^&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/i.exec(html.slice(i, i + 12));
      if (m) {
        const body = m[1];
        const text = body[0] === '#' ? safeCodePoint(body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)) : (ENTITIES[body.toLowerCase()] ?? m[0]);
        emit(text, i);
        i += m[0].length;
        continue;
      }
    }
    if (c === '\r' || c === '\n' || c === '\t') {
      emit(' ', i);
      i++;
      continue;
    }
    out.push(c);
    from.push(i);
    i++;
  }
  // Lines of the visible text: runs of spaces collapse, empty lines stay as paragraph breaks.
  const text = out.join('');
  const kept: string[] = [];
  const map: number[] = [];
  let lastSpace = true;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (ch === ' ' && lastSpace) continue;
    if (ch === '\n') {
      while (kept.length && kept[kept.length - 1] === ' ') {
        kept.pop();
        map.pop();
      }
      lastSpace = true;
    } else lastSpace = ch === ' ';
    kept.push(ch);
    map.push(from[k]);
  }
  const rawOf = (k: number) => source.raw(k < map.length ? map[k] : html.length);
  return { text: kept.join(''), raw: rawOf };
}

function safeCodePoint(cp: number): string {
  return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '';
}
