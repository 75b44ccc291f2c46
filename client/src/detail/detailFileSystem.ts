// A read-only file system serving the detail pages as Markdown files. A file system (not a content provider) because
// the Markdown preview resolves and opens links between pages through workspace.fs, which only file systems serve;
// it also works unchanged in VS Code for the Web.
import * as vscode from 'vscode';
import type { CatalogStore } from '../catalogStore';
import type { ServerApi } from '../serverApi';
import { prepareDetailMarkdown } from './detailMarkdown';
import { parseAddress } from './detailUri';

export class DetailFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  // stat() and readFile() come in pairs: fetch each page once per catalog version.
  private readonly pages = new Map<string, Promise<Uint8Array>>();
  private version = Date.now();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly server: ServerApi, private readonly catalog: CatalogStore) {
    this.subscription = server.onDidChangeCatalog(() => {
      const open = [...this.pages.keys()].map((key) => ({ type: vscode.FileChangeType.Changed, uri: vscode.Uri.parse(key) }));
      this.pages.clear();
      this.version = Date.now();
      if (open.length) this.changed.fire(open);
    });
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (uri.path === '/' || uri.path === '') {
      return { type: vscode.FileType.Directory, ctime: this.version, mtime: this.version, size: 0, permissions: vscode.FilePermission.Readonly };
    }
    const content = await this.readFile(uri);
    return { type: vscode.FileType.File, ctime: this.version, mtime: this.version, size: content.byteLength, permissions: vscode.FilePermission.Readonly };
  }

  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const key = uri.toString();
    let page = this.pages.get(key);
    if (!page) {
      page = this.render(uri);
      this.pages.set(key, page);
      page.catch(() => this.pages.delete(key));
    }
    return page;
  }

  private async render(uri: vscode.Uri): Promise<Uint8Array> {
    const params = parseAddress({ path: uri.path, query: uri.query });
    if (!params) throw vscode.FileSystemError.FileNotFound(uri);
    let markdown: string;
    try {
      markdown = (await this.server.describe(params)).markdown;
    } catch (error) {
      throw vscode.FileSystemError.Unavailable(`Mail Error Codes: the language server could not describe ${uri.path}: ${String(error)}`);
    }
    const index = await this.catalog.get().catch(() => undefined);
    const entry = params.id ? index?.get(params.id) : undefined;
    return new TextEncoder().encode(prepareDetailMarkdown(markdown, entry, index));
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
