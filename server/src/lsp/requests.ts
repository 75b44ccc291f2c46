// The requests the server answers: hovers, the file summary, and the catalog requests of the views, the lookup and
// the detail pages. Hovers and summaries answer from the document's last findings, also while a newer analysis runs.
import type { Connection, Hover } from 'vscode-languageserver';
import type { RecipientOutcome } from '../core/bounce/outcome';
import { readRecipients } from '../core/bounce/read';
import type { Catalog, Explanation } from '../core/catalog/catalog';
import { explainFindings } from '../core/explain';
import { providerLabel } from '../core/families';
import { entryPage, explanationMarkdown, recipientMarkdown } from '../core/present/markdown';
import { aggregate, totalsOf } from '../core/present/summary';
import type { Finding } from '../core/scan/finding';
import { lineAt } from '../core/scan/scanner';
import {
  CatalogRequest, DescribeRequest, FileSummaryRequest, ReadRecipientsRequest, ReloadCatalogsRequest, SearchRequest,
  type CatalogResult, type DescribeParams, type DescribeResult, type FileSummary, type FileSummaryParams, type MessageRecipient,
  type ReadRecipientsParams, type ReadRecipientsResult, type SearchParams, type SearchResult,
} from '../protocol';
import { lowerBound, type DocumentStore, type TrackedDocument } from './documents';
import { failuresOf } from './publisher';
import { fileRecipients, recipientFields } from './recipientRows';

export interface RequestContext {
  store: DocumentStore;
  /** The catalog of the window's settings (the views have no document). */
  windowCatalog(): Promise<Catalog>;
  /** Re-reads the custom catalogs; resolves when the documents that use them have been updated. */
  reloadCatalogs(): Promise<void>;
  /** Lets other messages through (between the messages of a batch of bounces). */
  yieldNow(): Promise<void>;
}

export function registerRequests(connection: Connection, context: RequestContext) {
  const { store } = context;

  connection.onHover(({ textDocument, position }): Hover | null => {
    const t = store.get(textDocument.uri);
    if (!t?.active) return null;
    const offset = t.doc.offsetAt(position);
    const i = findingAt(t.findings, offset);
    // The recipient under the mouse; else the code under it; else a recipient named on the same line (anywhere on
    // "Final-Recipient: rfc822; bob@example.org").
    const line = position.line;
    const exact = t.recipients.find((o) => o.end > o.start && o.start <= offset && offset <= o.end);
    const recipient = exact ?? (i < 0 ? t.recipients.find((o) => o.end > o.start && t.doc.positionAt(o.start).line === line) : undefined);
    if (recipient) {
      const lineEnd = line + 1 < t.doc.lineCount ? t.doc.positionAt(t.doc.offsetAt({ line: line + 1, character: 0 }) - 1) : t.doc.positionAt(t.doc.length);
      const range = exact ? { start: t.doc.positionAt(recipient.start), end: t.doc.positionAt(recipient.end) } : { start: { line, character: 0 }, end: lineEnd };
      return { contents: { kind: 'markdown', value: recipientMarkdown(recipient, t.catalog) }, range };
    }
    if (i < 0) return null;
    const f = t.findings[i];
    const markdown = explanationMarkdown(explainAround(t, i));
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
      recipients: fileRecipients(t),
    };
  });

  // The bounce report of a folder: the client reads the files (vscode.workspace.fs, also in the browser) and sends
  // their text in batches.
  connection.onRequest(ReadRecipientsRequest, async ({ messages }: ReadRecipientsParams): Promise<ReadRecipientsResult> => {
    const catalog = await context.windowCatalog();
    const results: ReadRecipientsResult['results'] = [];
    for (const { id, text } of Array.isArray(messages) ? messages : []) {
      try {
        results.push({ id, recipients: readRecipients(String(text), catalog).map((o) => messageRecipient(String(text), o)) });
      } catch (error) {
        results.push({ id, recipients: [], error: `could not be read as a bounce: ${error instanceof Error ? error.message : String(error)}` });
      }
      // A batch of large messages must not hold up hovers and diagnostics.
      await context.yieldNow();
    }
    return { results };
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
    if (entry) return { title: `${entry.family === 'provider' ? providerLabel(entry) : ''} ${entry.code} — ${entry.title}`.trim(), markdown: entryPage(entry, catalog, (e) => `${e.id}.md`), found: true };
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

/** An outcome as the bounce report shows it, with its place as a line and character of the message text. */
function messageRecipient(text: string, o: RecipientOutcome): MessageRecipient {
  let line = 0;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < o.start; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return {
    ...recipientFields(o),
    command: o.command,
    date: o.date,
    // A folder holds many: the report keeps each diagnostic short.
    diagnostic: o.diagnostic && o.diagnostic.length > 1000 ? `${o.diagnostic.slice(0, 1000)}…` : o.diagnostic,
    line,
    character: o.start - lineStart,
    length: o.end - o.start,
  };
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
