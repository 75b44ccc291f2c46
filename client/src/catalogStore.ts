// The catalog index, built once per catalog the server sends and dropped when the catalog changes.
import type { CatalogIndex as Index } from './catalogIndex';
import { CatalogIndex } from './catalogIndex';
import type { ServerApi } from './serverApi';

export class CatalogStore {
  private index: Promise<Index> | undefined;

  constructor(private readonly server: ServerApi) {
    server.onDidChangeCatalog(() => { this.index = undefined; });
  }

  get(): Promise<Index> {
    if (!this.index) {
      const pending = this.server.catalog().then((result) => new CatalogIndex(result.entries ?? [], result.structure ?? null));
      this.index = pending;
      pending.catch(() => { if (this.index === pending) this.index = undefined; });
    }
    return this.index;
  }
}
