// Addresses of the read-only detail pages (scheme `mail-error-codes`). The Markdown preview shows the file name as
// the tab title, so the name starts with the code; the entry id in parentheses keeps the page resolvable after a
// reload and lets pages link to each other with plain relative links ("X.1.1 (enhanced.x.1.1).md").
import type { CatalogEntry } from '../../../server/src/core/types';
import type { DescribeParams } from '../../../server/src/protocol';
import { displayCode } from '../catalogIndex';

export const DETAIL_SCHEME = 'mail-error-codes';

export interface DetailAddress {
  path: string;
  query: string;
}

const ID = /^[a-z0-9][a-z0-9._-]*$/;
// An entry id spelled alone ("reply.550"): starts with a letter, so a bare code ("5.1.1") stays text to explain.
const BARE_ID = /^[a-z][a-z0-9_-]*\.[a-z0-9._-]+$/;

/** File-name safe, short: the text is only a label, the id or the query carries the meaning. */
export function fileLabel(text: string): string {
  const label = text.replace(/[\\/:*?"<>|#%\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60).trim();
  return label || 'code';
}

export function entryFileName(entry: CatalogEntry): string {
  return `${fileLabel(displayCode(entry))} (${entry.id}).md`;
}

export function entryAddress(entry: CatalogEntry): DetailAddress {
  return { path: `/${entryFileName(entry)}`, query: '' };
}

/** A page explaining free text (the code under the cursor, a pasted reply): the text travels in the query. */
export function textAddress(text: string): DetailAddress {
  return { path: `/${fileLabel(text)}.md`, query: new URLSearchParams({ text }).toString() };
}

/** What to ask the server for a detail page address; undefined for anything that is not a page (the root folder). */
export function parseAddress(address: DetailAddress): DescribeParams | undefined {
  const text = new URLSearchParams(address.query).get('text');
  if (text) return { text };
  const name = address.path.slice(address.path.lastIndexOf('/') + 1);
  if (!name.toLowerCase().endsWith('.md')) return undefined;
  const stem = name.slice(0, -3);
  const withId = /\(([^()]+)\)$/.exec(stem);
  if (withId && ID.test(withId[1])) return { id: withId[1] };
  if (BARE_ID.test(stem)) return { id: stem };
  return stem.trim() ? { text: stem.trim() } : undefined;
}
