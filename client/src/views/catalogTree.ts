// The "Catalog" view: every entry the server knows, grouped, with a filter that uses the server's search
// (so "5 1 1" or "0x800ccc0e" filter the same way they look up).
import * as vscode from 'vscode';
import type { CatalogEntry } from '../../../server/src/core/types';
import { entryLabel } from '../catalogIndex';
import type { CatalogStore } from '../catalogStore';
import type { ServerApi } from '../serverApi';
import { buildCatalogTree, type CatalogFamily, type CatalogGroup } from './catalogModel';
import { severityIcon } from './severityIcon';
import type { TreeSnapshot } from './snapshot';

export const CATALOG_VIEW = 'mailErrorCodes.catalog';
const FILTERED_CONTEXT = 'mailErrorCodes.catalogFiltered';
const FILTER_LIMIT = 1000;

type CatalogNode =
  | { kind: 'family'; family: CatalogFamily }
  | { kind: 'group'; family: CatalogFamily; group: CatalogGroup }
  | { kind: 'entry'; parent: string; entry: CatalogEntry }
  | { kind: 'message'; text: string };

interface Filter {
  query: string;
  ids: ReadonlySet<string>;
}

export class CatalogTree implements vscode.TreeDataProvider<CatalogNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<CatalogNode>;
  private filter: Filter | undefined;
  // Part of every item id: a new filter gets new ids, so VS Code forgets collapsed state and shows the matches.
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly server: ServerApi, private readonly catalog: CatalogStore) {
    this.view = vscode.window.createTreeView(CATALOG_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(this.view, this.changed, server.onDidChangeCatalog(() => this.refresh()));
  }

  refresh(): void {
    this.generation++;
    this.changed.fire();
  }

  async setFilter(query: string): Promise<void> {
    const trimmed = query.trim();
    if (!trimmed) return this.clearFilter();
    const index = await this.catalog.get();
    let ids: Set<string>;
    try {
      const result = await this.server.search(trimmed, FILTER_LIMIT);
      ids = new Set(result.entries.filter((e) => e.score > 0).map((e) => e.id));
    } catch {
      // Without the server's search a plain substring match is still better than no filter.
      const needle = trimmed.toLowerCase();
      ids = new Set(index.entries.filter((e) => [e.code, e.name, e.title, e.providerName, e.id].some((f) => f?.toLowerCase().includes(needle))).map((e) => e.id));
    }
    this.filter = { query: trimmed, ids };
    this.view.message = `Filtered: ${trimmed} (${ids.size} ${ids.size === 1 ? 'match' : 'matches'})`;
    await vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, true);
    this.refresh();
  }

  async clearFilter(): Promise<void> {
    this.filter = undefined;
    this.view.message = undefined;
    await vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, false);
    this.refresh();
  }

  get filterQuery(): string | undefined {
    return this.filter?.query;
  }

  async getChildren(node?: CatalogNode): Promise<CatalogNode[]> {
    if (node?.kind === 'family') return node.family.groups.map((group) => ({ kind: 'group', family: node.family, group }));
    if (node?.kind === 'group') return node.group.entries.map((entry) => ({ kind: 'entry', parent: node.group.key, entry }));
    if (node) return [];
    try {
      const index = await this.catalog.get();
      const families = buildCatalogTree(index.entries, index.structure, this.filter?.ids);
      if (!families.length) return [{ kind: 'message', text: this.filter ? 'No codes match the filter.' : 'The catalog is empty.' }];
      return families.map((family) => ({ kind: 'family', family }));
    } catch (error) {
      return [{ kind: 'message', text: `The catalog is not available yet: ${String(error)}` }];
    }
  }

  getTreeItem(node: CatalogNode): vscode.TreeItem {
    const expanded = this.filter ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.kind) {
      case 'family': {
        const item = new vscode.TreeItem(node.family.label, expanded);
        item.id = `${this.generation}/${node.family.family}`;
        item.description = String(node.family.count);
        item.contextValue = 'family';
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.group.label, expanded);
        item.id = `${this.generation}/${node.group.key}`;
        item.description = node.group.description;
        item.contextValue = 'group';
        return item;
      }
      case 'entry': {
        const { entry } = node;
        const item = new vscode.TreeItem(entryLabel(entry), vscode.TreeItemCollapsibleState.None);
        item.id = `${this.generation}/${node.parent}/${entry.id}`;
        item.description = entry.title;
        // Plain text on purpose: catalog text (custom catalogs too) must never be rendered as trusted Markdown.
        item.tooltip = `${entryLabel(entry)} — ${entry.title}\n\n${entry.meaning}`;
        item.iconPath = severityIcon(entry.severity);
        item.contextValue = 'entry';
        item.command = { command: 'mailErrorCodes.showDetail', title: 'Show Details', arguments: [entry.id] };
        return item;
      }
      case 'message':
        return new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
    }
  }

  /** The whole tree as data (every level expanded), for the test API. */
  async snapshot(): Promise<TreeSnapshot[]> {
    const walk = async (node?: CatalogNode): Promise<TreeSnapshot[]> => Promise.all((await this.getChildren(node)).map(async (child) => {
      const item = this.getTreeItem(child);
      const children = child.kind === 'family' || child.kind === 'group' ? await walk(child) : undefined;
      return {
        label: typeof item.label === 'string' ? item.label : item.label?.label ?? '',
        description: typeof item.description === 'string' ? item.description : undefined,
        tooltip: typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value,
        icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
        command: item.command && { command: item.command.command, arguments: item.command.arguments },
        children,
      };
    }));
    return walk();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
