// Building DOM from data: text always goes in as text (textContent), never as HTML: the report holds the log's
// text, which is untrusted.

type Child = Node | string | number | undefined | null | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
}

export function n(value: number): string {
  return value.toLocaleString('en-US');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-23T10:00" → "Nov 23 10:00", with the year in front unless it was assumed. */
export function when(stamp: string | undefined, withYear: boolean, time = true): string {
  if (!stamp) return '';
  const text = `${MONTHS[Number(stamp.slice(5, 7)) - 1]} ${Number(stamp.slice(8, 10))}${time ? ` ${stamp.slice(11, 16)}` : ''}`;
  return withYear ? `${stamp.slice(0, 4)} ${text}` : text;
}
