// Makes the server's describe Markdown safe and navigable inside the Markdown preview.
// The server escapes user text already; this is the second line of defence, so nothing the catalog or a log
// contains can become a command link, and related codes link to their own detail pages.
import type { CatalogEntry } from '../../../server/src/core/types';
import { CatalogIndex, displayCode } from '../catalogIndex';
import { DETAIL_SCHEME, entryFileName } from './detailUri';

const COMMAND_LINK = /\[([^\]]*)\]\(\s*<?\s*command:[^)]*\)/gi;
const COMMAND_HREF = /(href\s*=\s*["']?)\s*command:/gi;
const SCHEME_LINK = new RegExp(`\\]\\(\\s*<?${DETAIL_SCHEME}:/*([^)>]*?)>?\\s*\\)`, 'gi');
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
  if (entry && index && !PAGE_LINK.test(result)) result += relatedSection(entry, index);
  return result;
}
