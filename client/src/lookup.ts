// "Look Up Code…": a Quick Pick over the whole catalog, ranked by the server's search as the user types.
// The Quick Pick's own fuzzy filter and sort are switched off: the server understands "5 1 1", "0x800ccc0e",
// symbolic names and pasted replies, and its order is the answer.
import * as vscode from 'vscode';
import type { CatalogEntry } from '../../server/src/core/types';
import { FAMILY_NAMES, FAMILY_ORDER } from '../../server/src/core/families';
import { CatalogIndex, entryLabel, familyDetail } from './catalogIndex';
import type { CatalogStore } from './catalogStore';
import type { ServerApi } from './serverApi';

export interface LookupPick extends vscode.QuickPickItem {
  entryId?: string;
  /** Set on the "explain this text" item: the query itself goes to describe. */
  explainText?: string;
}

export interface LookupDeps {
  server: ServerApi;
  catalog: CatalogStore;
  openEntry(entry: CatalogEntry): Thenable<void>;
  openText(text: string): Thenable<void>;
}

const SEARCH_DELAY_MS = 120;
const SEARCH_LIMIT = 50;

export function entryPick(entry: CatalogEntry): LookupPick {
  return { label: entryLabel(entry), description: entry.title, detail: familyDetail(entry), entryId: entry.id, alwaysShow: true };
}

/** The server's ranking for a query, as catalog entries (ids the catalog does not know are skipped). */
export async function rankedEntries(server: ServerApi, index: CatalogIndex, query: string, token?: vscode.CancellationToken): Promise<CatalogEntry[]> {
  const result = await server.search(query, SEARCH_LIMIT, token);
  return result.entries.flatMap(({ id }) => index.get(id) ?? []);
}

/** The items shown for a query, in order: what the Quick Pick shows and what the test API returns. */
export async function lookupPicks(server: ServerApi, index: CatalogIndex, query: string, token?: vscode.CancellationToken): Promise<LookupPick[]> {
  const trimmed = query.trim();
  if (!trimmed) return allPicks(index);
  const picks = (await rankedEntries(server, index, trimmed, token)).map(entryPick);
  // Last: explain the text as typed (a whole pasted reply often says more than any one entry).
  picks.push({ label: '$(comment-discussion) Explain this text', description: trimmed.slice(0, 120), explainText: trimmed, alwaysShow: true });
  return picks;
}

function allPicks(index: CatalogIndex): LookupPick[] {
  return FAMILY_ORDER.flatMap((family) => {
    const entries = index.entries.filter((e) => e.family === family);
    if (!entries.length) return [];
    return [{ label: FAMILY_NAMES[family].heading, kind: vscode.QuickPickItemKind.Separator } as LookupPick, ...entries.map(entryPick)];
  });
}

export async function showLookup(deps: LookupDeps, initialValue = ''): Promise<void> {
  const quickPick = vscode.window.createQuickPick<LookupPick>();
  quickPick.title = 'Look Up Mail Error Code';
  quickPick.placeholder = 'A code (550, 5.1.1, 0x800CCC0E), a name (SMTP_550…), words (mailbox full) or a pasted reply';
  quickPick.matchOnDescription = false;
  quickPick.matchOnDetail = false;
  disableLabelSort(quickPick);
  quickPick.busy = true;
  quickPick.show();

  let index: CatalogIndex;
  try {
    index = await deps.catalog.get();
  } catch (error) {
    quickPick.dispose();
    void vscode.window.showErrorMessage(`Mail Error Codes: could not load the catalog from the language server: ${String(error)}`);
    return;
  }

  let pending: vscode.CancellationTokenSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = (value: string, delay: number) => {
    pending?.cancel();
    pending?.dispose();
    if (timer) clearTimeout(timer);
    const source = new vscode.CancellationTokenSource();
    pending = source;
    quickPick.busy = true;
    timer = setTimeout(async () => {
      try {
        const picks = await lookupPicks(deps.server, index, value, source.token);
        if (source.token.isCancellationRequested) return;
        quickPick.items = picks;
        quickPick.activeItems = picks.filter((p) => p.kind !== vscode.QuickPickItemKind.Separator).slice(0, 1);
      } catch (error) {
        if (!source.token.isCancellationRequested) quickPick.items = [{ label: '$(error) Search failed', detail: String(error), alwaysShow: true }];
      } finally {
        if (pending === source) quickPick.busy = false;
      }
    }, delay);
  };

  quickPick.onDidChangeValue((value) => update(value, SEARCH_DELAY_MS));
  quickPick.onDidAccept(() => {
    const [choice] = quickPick.selectedItems;
    if (!choice) return;
    quickPick.hide();
    if (choice.entryId) {
      const entry = index.get(choice.entryId);
      if (entry) void deps.openEntry(entry);
    } else if (choice.explainText) {
      void deps.openText(choice.explainText);
    }
  });
  quickPick.onDidHide(() => {
    pending?.cancel();
    if (timer) clearTimeout(timer);
    quickPick.dispose();
  });
  // What was typed while the catalog loaded is kept, not replaced: the value is only ever set to a selection (setting
  // it, even to "", would overwrite what the window holds but has not yet told the extension).
  if (initialValue && !quickPick.value) quickPick.value = initialValue;
  update(quickPick.value, 0);
}

/**
 * Asks the Quick Pick not to re-sort items by label match. `sortByLabel` is still a proposed API: where it is not
 * enabled, setting it throws, and the server's order survives anyway because every item is `alwaysShow`.
 */
function disableLabelSort(quickPick: vscode.QuickPick<LookupPick>): void {
  try {
    (quickPick as unknown as { sortByLabel: boolean }).sortByLabel = false;
  } catch {
    // Proposed API not available to this extension.
  }
}
