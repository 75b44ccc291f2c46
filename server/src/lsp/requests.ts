// The requests the server answers: hovers, the file summary, and the catalog requests of the views, the lookup and
// the detail pages. Hovers and summaries answer from the document's last findings, also while a newer analysis runs.
import type { Connection, Hover } from 'vscode-languageserver';
import type { Catalog, Explanation } from '../core/catalog/catalog';
import { explainFindings } from '../core/explain';
import { entryPage, explanationMarkdown, summaryMarkdown } from '../core/present/markdown';
import { aggregate, totalsOf } from '../core/present/summary';
import type { Finding } from '../core/scan/finding';
import { lineAt } from '../core/scan/scanner';
import {
  CatalogRequest, DescribeRequest, FileSummaryRequest, ReloadCatalogsRequest, SearchRequest,
  type CatalogResult, type DescribeParams, type DescribeResult, type FileSummary, type FileSummaryParams, type SearchParams,
  type SearchResult,
} from '../protocol';
import { lowerBound, type DocumentStore, type TrackedDocument } from './documents';
import { failuresOf } from './publisher';

export interface RequestContext {
  store: DocumentStore;
  /** The catalog of the window's settings (the views have no document). */
  windowCatalog(): Promise<Catalog>;
  /** Re-reads the custom catalogs; resolves when the documents that use them have been updated. */
  reloadCatalogs(): Promise<void>;
}

export function registerRequests(connection: Connection, context: RequestContext) {
  const { store } = context;

  connection.onHover(({ textDocument, position }): Hover | null => {
    const t = store.get(textDocument.uri);
    if (!t?.active) return null;
    const offset = t.doc.offsetAt(position);
    const i = findingAt(t.findings, offset);
    if (i < 0) return null;
    const f = t.findings[i];
    const markdown = f.summary ? summaryMarkdown(f.summary, t.catalog) : explanationMarkdown(explainAround(t, i));
    // Never trusted: `value` is plain Markdown without command links, and everything from the file is escaped.
    return { contents: { kind: 'markdown', value: markdown }, range: { start: t.doc.positionAt(f.start), end: t.doc.positionAt(f.end) } };
  });

  connection.onRequest(FileSummaryRequest, ({ uri }: FileSummaryParams): FileSummary | null => {
    const t = store.get(uri);
    if (!t?.active) return null;
    return {
      uri,
      version: t.doc.version,
      complete: t.complete,
      totals: totalsOf(t.findings),
      findings: t.findings.length,
      failures: failuresOf(t),
      codes: aggregate(t.findings, (f) => f, (f) => ({ start: t.doc.positionAt(f.start), end: t.doc.positionAt(f.end) })),
    };
  });

  connection.onRequest(CatalogRequest, async (): Promise<CatalogResult> => {
    const catalog = await context.windowCatalog();
    return { entries: [...catalog.entries], structure: catalog.structure };
  });

  connection.onRequest(SearchRequest, async ({ query, limit }: SearchParams): Promise<SearchResult> => ({
    entries: (await context.windowCatalog()).search(String(query ?? '').slice(0, 4000), Math.min(limit ?? 50, 500)).map((h) => ({ id: h.entry.id, score: h.score })),
  }));

  connection.onRequest(DescribeRequest, async ({ id, text }: DescribeParams): Promise<DescribeResult> => {
    const catalog = await context.windowCatalog();
    const entry = id ? catalog.get(id) : undefined;
    if (entry) return { title: `${entry.family === 'provider' ? entry.providerName ?? entry.provider : ''} ${entry.code} — ${entry.title}`.trim(), markdown: entryPage(entry, catalog, (e) => `${e.id}.md`), found: true };
    const query = String(text ?? id ?? '').slice(0, 4000);
    const markdown = explanationMarkdown(catalog.explain(query));
    return { title: query.length > 40 ? `${query.slice(0, 40)}…` : query, markdown: markdown || `No mail code found in “${query.replace(/[^\w .-]/g, '')}”.`, found: !!markdown };
  });

  connection.onRequest(ReloadCatalogsRequest, () => context.reloadCatalogs());
}

/** The whole reply a finding belongs to: the codes on its line next to it, and the provider entry of that line. */
function explainAround(t: TrackedDocument, i: number): Explanation {
  const f = t.findings[i];
  const lineStart = t.doc.lineStartAt(f.start);
  const line = lineAt(t.doc.slice(lineStart, lineStart + 8192), 0);
  const onLine = t.findings.slice(lowerBound(t.findings, lineStart), lowerBound(t.findings, lineStart + line.length + 1));
  return explainFindings(t.catalog, line, onLine, f);
}

/** Index of the finding that contains the offset (its end included), or -1. */
export function findingAt(findings: readonly Finding[], offset: number): number {
  let i = lowerBound(findings, offset + 1) - 1;
  // Overlapping findings (a provider phrase around a code): prefer the innermost one that contains the offset.
  let best = -1;
  for (; i >= 0 && i >= lowerBound(findings, offset - 8192); i--) {
    const f = findings[i];
    if (f.start <= offset && offset <= f.end && (best < 0 || f.end - f.start < findings[best].end - findings[best].start)) best = i;
  }
  return best;
}
