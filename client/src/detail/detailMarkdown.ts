// Makes the server's describe Markdown safe and navigable inside the Markdown preview.
// The server escapes user text already; this is the second line of defence, so nothing the catalog or a log
// contains can become a command link, and related codes link to their own detail pages.
import type { CatalogEntry } from '../../../server/src/core/types';
import { CatalogIndex, displayCode } from '../catalogIndex';
import { DETAIL_SCHEME, entryFileName } from './detailUri';

const COMMAND_LINK = /\[([^\]]*)\]\(\s*<?\s*command:[^)]*\)/gi;
const COMMAND_HREF = /(href\s*=\s*["']?)\s*command:/gi;
const SCHEME_LINK = new RegExp(`\\]\\(\\s*<?${DETAIL_SCHEME}:/*([^)>]*?)>?\\s*\\)`, 'gi');
// The server links related entries as "<id>.md"; those pages open with the id alone as their tab title.
const ID_LINK = /\]\(\s*<?([a-z0-9][a-z0-9._-]*)\.md>?\s*\)/g;
const PAGE_LINK = /\]\(\s*<?[^)]*\.md(?:#[^)]*)?>?\s*\)/i;

export function neutralizeCommandLinks(markdown: string): string {
  return markdown.replace(COMMAND_LINK, '$1').replace(COMMAND_HREF, '$1#');
}

/** `mail-error-codes:/x.md` → `x.md`: the preview opens relative .md links as previews, absolute ones as text. */
export function relativizeDetailLinks(markdown: string): string {
  return markdown.replace(SCHEME_LINK, (_all, target: string) => {
    const file = decodeURIComponent(target).replace(/^.*\//, '');
    const withExt = /\.md(#.*)?$/i.test(file) ? file : `${file}.md`;
    return `](<${withExt}>)`;
  });
}

/** "reply.550.md" → "550 (reply.550).md", so a related page's tab title starts with its code too. */
export function labelEntryLinks(markdown: string, index: CatalogIndex): string {
  return markdown.replace(ID_LINK, (all, id: string) => {
    const entry = index.get(id);
    return entry ? `](<${entryFileName(entry)}>)` : all;
  });
}

export function markdownLink(text: string, fileName: string): string {
  return `[${text.replace(/[[\]\\]/g, '\\$&')}](<${fileName}>)`;
}

/** Links to the related entries, for pages whose Markdown does not link them already. */
export function relatedSection(entry: CatalogEntry, index: CatalogIndex): string {
  const links = (entry.related ?? []).map((ref) => {
    const target = index.resolve(ref);
    return target && target.id !== entry.id ? markdownLink(displayCode(target), entryFileName(target)) : `\`${ref.replace(/`/g, '')}\``;
  });
  return links.length ? `\n\n---\n\n**Related:** ${links.join(' · ')}\n` : '';
}

export function prepareDetailMarkdown(markdown: string, entry: CatalogEntry | undefined, index: CatalogIndex | undefined): string {
  let result = relativizeDetailLinks(neutralizeCommandLinks(markdown));
  if (index) result = labelEntryLinks(result, index);
  if (entry && index && !PAGE_LINK.test(result)) result += relatedSection(entry, index);
  return result;
}
