// Typed access to the server's custom requests (server/src/protocol.ts). Everything the client shows comes from
// here: the client never scans documents or searches the catalog itself, so both sides always agree.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  CatalogChangedNotification, CatalogRequest, DescribeRequest, FileSummaryRequest, ReloadCatalogsRequest, SearchRequest,
  SummaryChangedNotification, WorkspaceTrustedNotification,
  type CatalogResult, type DescribeParams, type DescribeResult, type FileSummary, type SearchResult,
  type SummaryChangedParams,
} from '../../server/src/protocol';

export interface ServerApi {
  /** Resolves once the server is running; every request waits for it. */
  readonly ready: Promise<void>;
  /** The whole catalog, cached until invalidateCatalog() (custom catalogs can change with the settings). */
  catalog(): Promise<CatalogResult>;
  invalidateCatalog(): void;
  /** Re-reads the custom catalog files on the server ("Reload Catalog"), then the views ask again. */
  reloadCatalogs(): Promise<void>;
  readonly onDidChangeCatalog: vscode.Event<void>;
  search(query: string, limit: number, token?: vscode.CancellationToken): Promise<SearchResult>;
  describe(params: DescribeParams, token?: vscode.CancellationToken): Promise<DescribeResult>;
  /** null when the server does not track the document (excluded by mailErrorCodes.files.include). */
  fileSummary(uri: string, token?: vscode.CancellationToken): Promise<FileSummary | null>;
  onSummaryChanged(listener: (params: SummaryChangedParams) => void): vscode.Disposable;
}

export function createServerApi(client: BaseLanguageClient, ready: Promise<void>): ServerApi & vscode.Disposable {
  let catalog: Promise<CatalogResult> | undefined;
  const catalogChanged = new vscode.EventEmitter<void>();
  const summaryListeners = new Set<(params: SummaryChangedParams) => void>();
  // One protocol handler fanned out to many listeners: the client keeps a single handler per method.
  const notification = client.onNotification(SummaryChangedNotification, (params: SummaryChangedParams) => {
    for (const listener of summaryListeners) listener(params);
  });
  // The server says when its catalog changed (custom catalogs reloaded): no guessing how long a reload takes.
  const catalogNotification = client.onNotification(CatalogChangedNotification, () => {
    catalog = undefined;
    catalogChanged.fire();
  });
  // Trust can be granted while the server starts or runs (a restart sends it in initializationOptions): told once
  // the server is ready, not dropped when it comes early.
  const trust = vscode.workspace.onDidGrantWorkspaceTrust(() => {
    void ready.then(() => client.sendNotification(WorkspaceTrustedNotification, {}), () => undefined);
  });

  return {
    ready,
    catalog() {
      catalog ??= ready.then(() => client.sendRequest<CatalogResult>(CatalogRequest, {}));
      // A failed request must not stick in the cache: the next caller tries again.
      catalog.catch(() => { catalog = undefined; });
      return catalog;
    },
    invalidateCatalog() {
      catalog = undefined;
      catalogChanged.fire();
    },
    async reloadCatalogs() {
      await ready;
      await client.sendRequest(ReloadCatalogsRequest, {});
      catalog = undefined;
      catalogChanged.fire();
    },
    onDidChangeCatalog: catalogChanged.event,
    async search(query, limit, token) {
      await ready;
      return client.sendRequest<SearchResult>(SearchRequest, { query, limit }, token);
    },
    async describe(params, token) {
      await ready;
      return client.sendRequest<DescribeResult>(DescribeRequest, params, token);
    },
    async fileSummary(uri, token) {
      await ready;
      return client.sendRequest<FileSummary | null>(FileSummaryRequest, { uri }, token);
    },
    onSummaryChanged(listener) {
      summaryListeners.add(listener);
      return new vscode.Disposable(() => summaryListeners.delete(listener));
    },
    dispose() {
      notification.dispose();
      catalogNotification.dispose();
      trust.dispose();
      catalogChanged.dispose();
      summaryListeners.clear();
    },
  };
}
