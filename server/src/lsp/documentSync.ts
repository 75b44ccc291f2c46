// The documents the client sends (open, change, close) and what settings and catalog changes do to them: each
// document is scanned with its own folder's settings and catalog; a change that only affects how findings are shown
// (severities, the cap) republishes them, one that affects what is found (families, the catalog) rescans.
import type { Connection, DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver';
import type { Catalog } from '../core/catalog/catalog';
import { CatalogChangedNotification } from '../protocol';
import type { Catalogs } from './catalogs';
import { MAX_MESSAGE, type DocumentStore, type TrackedDocument } from './documents';
import type { Publisher } from './publisher';
import { resolveAgainst, type ScopedSettings, type SettingsScopes } from './scopedSettings';

/**
 * A message is analysed again once typing pauses this long: every keystroke would otherwise start an analysis that
 * the next one cancels, each paying the start (joining the text, reading the MIME structure) for nothing.
 */
export const MESSAGE_PAUSE_MS = 150;

export class DocumentSync {
  /** Each refresh has a number: a slower, older one does not undo what a newer one did. */
  private refreshes = 0;
  /** The window's catalog (what the views show): when it changes, the client is told; other refreshes are silent. */
  private shownCatalog: Catalog | undefined;
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly connection: Connection,
    private readonly store: DocumentStore,
    private readonly scopes: SettingsScopes,
    private readonly catalogs: Catalogs,
    private readonly publisher: Publisher,
    private readonly warnOnce: (message: string) => void,
  ) {}

  listen() {
    this.connection.onDidOpenTextDocument((params) => void this.open(params));
    this.connection.onDidChangeTextDocument((params) => this.change(params));
    this.connection.onDidCloseTextDocument((params) => this.close(params));
  }

  /** The custom catalog paths of a scope, resolved against its folder. */
  catalogPaths(scope: ScopedSettings): string[] {
    return scope.settings.customCatalogs.map((p) => resolveAgainst(scope.folderPath, p));
  }

  /** The catalog of the window's settings: what the Catalog view, the lookup and detail pages show. */
  async windowCatalog(): Promise<Catalog> {
    this.shownCatalog = await this.catalogs.catalogFor(this.catalogPaths(await this.scopes.window()));
    return this.shownCatalog;
  }

  /** The window's catalog as last read (the built-in one until then), for what cannot wait for a read. */
  currentWindowCatalog(): Catalog {
    return this.shownCatalog ?? this.catalogs.builtIn;
  }

  private async open({ textDocument: d }: DidOpenTextDocumentParams) {
    // Every document the client sends is kept, so that a change of files.include can take it in later.
    const t = this.store.open(d.uri, d.languageId, d.version, d.text);
    await this.update(t, this.refreshes);
  }

  private change({ textDocument, contentChanges }: DidChangeTextDocumentParams) {
    const t = this.store.get(textDocument.uri);
    if (!t) return;
    try {
      if (this.store.change(textDocument.uri, textDocument.version, contentChanges)) this.publisher.publish(t);
      else if (t.message) this.rescanAfterPause(t);
      else void this.rescan(t);
    } catch (error) {
      // One document's failure must not affect the others.
      this.connection.console.error(`Could not update ${textDocument.uri}: ${String(error)}`);
      void this.rescan(t);
    }
  }

  private rescanAfterPause(t: TrackedDocument) {
    clearTimeout(this.pending.get(t.doc.uri));
    this.pending.set(t.doc.uri, setTimeout(() => {
      this.pending.delete(t.doc.uri);
      void this.rescan(t);
    }, MESSAGE_PAUSE_MS));
  }

  private close({ textDocument }: DidCloseTextDocumentParams) {
    clearTimeout(this.pending.get(textDocument.uri));
    this.pending.delete(textDocument.uri);
    this.store.close(textDocument.uri);
    this.publisher.clear(textDocument.uri);
  }

  /** Settings, folders or trust changed: every document gets its settings and catalog again. */
  async refreshAll(): Promise<void> {
    const refresh = ++this.refreshes;
    const all = [...this.store.all()];
    await Promise.all(all.map((t) => this.update(t, refresh)));
    if (refresh !== this.refreshes) return;
    const inUse = await Promise.all([...this.store.all()].map(async (t) => this.catalogPaths(await this.scopes.for(t.doc.uri))));
    // The window's catalog is read now too: its problems are reported when the settings change, not later.
    const windowPaths = this.catalogPaths(await this.scopes.window());
    const shown = this.shownCatalog;
    const windowCatalog = await this.catalogs.catalogFor(windowPaths);
    inUse.push(windowPaths);
    if (refresh !== this.refreshes) return;
    this.catalogs.retain(inUse);
    // The views show the window's catalog: when it is another one now, they ask again.
    this.shownCatalog = windowCatalog;
    if (shown !== undefined && windowCatalog !== shown) void this.connection.sendNotification(CatalogChangedNotification, {});
  }

  /** A custom catalog was re-read: documents explained with the old one are scanned with the new one. */
  catalogReplaced(before: Catalog, after: Catalog) {
    for (const t of this.store.all()) {
      if (t.catalog !== before) continue;
      t.catalog = after;
      void this.rescan(t);
    }
    if (this.shownCatalog === before) {
      this.shownCatalog = after;
      void this.connection.sendNotification(CatalogChangedNotification, {});
    }
  }

  /** Applies the document's settings: rescans, republishes or clears it as they require. */
  private async update(t: TrackedDocument, refresh: number) {
    const scope = await this.scopes.for(t.doc.uri);
    const catalog = await this.catalogs.catalogFor(this.catalogPaths(scope));
    // Closed meanwhile, or a newer refresh has started: that one decides.
    if (this.store.get(t.doc.uri) !== t || refresh < this.refreshes) return;
    const active = scope.isOurs(t.doc.uri, t.doc.languageId);
    const findingsChanged = catalog !== t.catalog || [...scope.families].join() !== [...t.families].join();
    const wasActive = t.active;
    t.settings = scope.settings;
    t.catalog = catalog;
    t.families = scope.families;
    t.active = active;
    if (!active) {
      if (wasActive) {
        t.findings = [];
        t.recipients = [];
        t.complete = false;
        t.generation++;
        this.publisher.clear(t.doc.uri);
      }
      return;
    }
    if (wasActive && t.complete && !findingsChanged) this.publisher.publish(t);
    else await this.rescan(t);
  }

  private async rescan(t: TrackedDocument) {
    clearTimeout(this.pending.get(t.doc.uri));
    this.pending.delete(t.doc.uri);
    if (!t.active || this.store.get(t.doc.uri) !== t) return;
    if (this.store.tooLargeForMessage(t)) {
      const name = decodeURIComponent(t.doc.uri.replace(/^.*\//, ''));
      this.warnOnce(`${name} is larger than ${MAX_MESSAGE / 1024 / 1024} MB: it is scanned as plain text, without decoding its MIME parts or reading its delivery status.`);
    }
    try {
      if (await this.store.fullScan(t, () => this.publisher.publish(t))) this.publisher.publish(t);
    } catch (error) {
      this.connection.console.error(`Could not scan ${t.doc.uri}: ${String(error)}`);
    }
  }
}
