// The catalogs the server explains with: the built-in one, and the built-in one with the user's custom catalog files
// (mailErrorCodes.customCatalogs), one per distinct list of files. Custom files are read only in a trusted workspace
// (a repository opened in Restricted Mode must not replace the advice or make the server read files), watched while
// in use, and re-read when they change or on request. A catalog is rebuilt only when the entries read differ.
import catalogData from 'catalog:compiled';
import { Catalog } from '../core/catalog/catalog';
import type { CompiledCatalog } from '../core/types';
import type { CustomCatalogs } from './customCatalogs';

export interface CatalogHost {
  /** Reads and validates custom catalog files; absent where there is no file system (the browser). */
  loadCustomCatalogs?(paths: string[]): Promise<CustomCatalogs>;
  /** Calls `changed` when one of the files is written, created or deleted; absent where files cannot be watched. */
  watchFiles?(paths: string[], changed: () => void): { dispose(): void };
}

interface Loaded {
  paths: string[];
  catalog: Promise<Catalog>;
  /** The entries the catalog was built from, to tell a change from a rewrite with the same content. */
  signature: string;
  problems: Set<string>;
  watcher?: { dispose(): void };
}

export class Catalogs {
  readonly builtIn: Catalog;
  private trusted = false;
  private readonly loaded = new Map<string, Loaded>();
  /** Notices that hold for the whole session (Restricted Mode, no file system): shown once. */
  private readonly noticed = new Set<string>();
  /** Catalogs built from custom files (for tests: a settings change must not rebuild one). */
  builds = 0;

  constructor(
    private readonly host: CatalogHost,
    private readonly report: (problem: string) => void,
    /** What was read, for the output channel. */
    private readonly log: (message: string) => void,
    /** A custom catalog was re-read and differs: documents explained with `before` need `after`. */
    private readonly replaced: (before: Catalog, after: Catalog) => void,
  ) {
    const data = catalogData as CompiledCatalog;
    this.builtIn = new Catalog({ ...data, entries: data.entries.map((e) => ({ ...e, origin: 'built-in' })) });
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  /** Trust can be granted while the server runs (never withdrawn: VS Code restarts the extension then). */
  setTrusted(trusted: boolean) {
    this.trusted = trusted;
  }

  /** The catalog for a list of custom catalog paths (already resolved): the built-in one when there are none. */
  catalogFor(paths: readonly string[]): Promise<Catalog> {
    if (!paths.length) return Promise.resolve(this.builtIn);
    if (!this.trusted) {
      this.notice('custom catalogs (mailErrorCodes.customCatalogs) are not read in Restricted Mode; the built-in catalog is used. Trust this workspace to use them.');
      return Promise.resolve(this.builtIn);
    }
    if (!this.host.loadCustomCatalogs) {
      this.notice('custom catalogs (mailErrorCodes.customCatalogs) cannot be read here (no file system in VS Code for the Web); the built-in catalog is used.');
      return Promise.resolve(this.builtIn);
    }
    const key = paths.join('\n');
    let entry = this.loaded.get(key);
    if (!entry) {
      entry = { paths: [...paths], catalog: Promise.resolve(this.builtIn), signature: '', problems: new Set() };
      this.loaded.set(key, entry);
      entry.catalog = this.load(entry);
      const loaded = entry;
      entry.watcher = this.host.watchFiles?.(loaded.paths, () => void this.reload(loaded));
    }
    return entry.catalog;
  }

  /** Re-reads every custom catalog in use ("Reload Catalog"); resolves when done. */
  async reloadAll(): Promise<void> {
    await Promise.all([...this.loaded.values()].map((entry) => this.reload(entry)));
  }

  /** Stops watching the lists no document or view uses any more. */
  retain(inUse: Iterable<readonly string[]>) {
    const keep = new Set([...inUse].map((paths) => paths.join('\n')));
    for (const [key, entry] of this.loaded) {
      if (keep.has(key)) continue;
      entry.watcher?.dispose();
      this.loaded.delete(key);
    }
  }

  dispose() {
    this.retain([]);
  }

  private notice(message: string) {
    if (this.noticed.has(message)) return;
    this.noticed.add(message);
    this.report(message);
  }

  private async reload(entry: Loaded) {
    if (this.loaded.get(entry.paths.join('\n')) !== entry) return;
    const before = await entry.catalog;
    entry.catalog = this.load(entry, before);
    const after = await entry.catalog;
    if (after !== before) this.replaced(before, after);
  }

  private async load(entry: Loaded, previous?: Catalog): Promise<Catalog> {
    const { entries, problems } = await this.host.loadCustomCatalogs!(entry.paths);
    // A problem is shown when it appears, not again while it lasts; once fixed, it is shown again if it comes back.
    for (const p of problems) if (!entry.problems.has(p)) this.report(p);
    entry.problems = new Set(problems);
    const signature = JSON.stringify(entries);
    if (previous && signature === entry.signature) return previous;
    this.log(`custom catalogs: ${entries.length} entries read from ${entry.paths.join(', ')}`);
    entry.signature = signature;
    this.builds++;
    return this.builtIn.withCustom(entries);
  }
}
