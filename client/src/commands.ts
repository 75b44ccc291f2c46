// The command palette / menu commands. Ids are fixed (package.json and the e2e tests use them).
import * as vscode from 'vscode';
import type { CatalogEntry } from '../../server/src/core/types';
import type { CatalogStore } from './catalogStore';
import { textToExplain } from './codeAtCursor';
import { entryDetailUri, openDetail, textDetailUri } from './detail/openDetail';
import { markdownToPlainText } from './detail/plainText';
import { showLookup, type LookupDeps } from './lookup';
import type { OccurrenceWalker } from './revealOccurrence';
import type { ServerApi } from './serverApi';
import type { CatalogTree } from './views/catalogTree';

export interface CommandDeps {
  server: ServerApi;
  catalog: CatalogStore;
  catalogTree: CatalogTree;
  walker: OccurrenceWalker;
  outputChannel: vscode.OutputChannel;
  restartServer(): Promise<void>;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const lookupDeps: LookupDeps = {
    server: deps.server,
    catalog: deps.catalog,
    openEntry: (entry) => openDetail(entryDetailUri(entry)),
    openText: (text) => openDetail(textDetailUri(text)),
  };
  const register = (id: string, run: (...args: any[]) => unknown) => vscode.commands.registerCommand(id, run);

  return [
    register('mailErrorCodes.lookup', (initial?: unknown) => showLookup(lookupDeps, typeof initial === 'string' ? initial : '')),
    register('mailErrorCodes.lookupSelection', () => {
      const editor = vscode.window.activeTextEditor;
      return showLookup(lookupDeps, editor ? editor.document.getText(editor.selection).trim().slice(0, 4000) : '');
    }),
    register('mailErrorCodes.explainAtCursor', async () => {
      const text = explainTarget();
      if (text) await openDetail(textDetailUri(text), vscode.ViewColumn.Beside);
    }),
    register('mailErrorCodes.copyExplanation', async () => {
      const text = explainTarget();
      if (!text) return;
      const result = await deps.server.describe({ text });
      await vscode.env.clipboard.writeText(markdownToPlainText(result.markdown));
      const message = result.found ? `Copied the explanation of ${result.title || text}.` : `No catalog entry matches “${text}”; copied what is known.`;
      void vscode.window.setStatusBarMessage(`$(copy) ${message}`, 4000);
      if (!result.found) void vscode.window.showInformationMessage(message);
    }),
    register('mailErrorCodes.showDetail', async (target?: unknown) => {
      const uri = await detailTarget(deps.catalog, target);
      if (uri) await openDetail(uri);
    }),
    register('mailErrorCodes.revealNext', (code?: unknown) => {
      const value = typeof code === 'string' ? code : (code as { code?: string } | undefined)?.code;
      return value ? deps.walker.reveal(value) : undefined;
    }),
    register('mailErrorCodes.filterCatalog', async () => {
      const query = await vscode.window.showInputBox({
        title: 'Filter the Mail Codes catalog',
        prompt: 'A code, a name or words, e.g. 5.1.1, 0x800CCC0E, mailbox full, gmail',
        value: deps.catalogTree.filterQuery ?? '',
      });
      if (query !== undefined) await deps.catalogTree.setFilter(query);
    }),
    register('mailErrorCodes.clearCatalogFilter', () => deps.catalogTree.clearFilter()),
    register('mailErrorCodes.refreshCatalog', () => deps.server.reloadCatalogs()),
    register('mailErrorCodes.showOutput', () => deps.outputChannel.show(true)),
    register('mailErrorCodes.restartServer', () => deps.restartServer()),
  ];
}

/** The selection, or the code under the cursor; tells the user when there is neither. */
function explainTarget(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Mail Error Codes: open a file and put the cursor on a code first.');
    return undefined;
  }
  const { selection, document } = editor;
  const text = textToExplain(document.getText(selection), document.lineAt(selection.active.line).text, selection.active.character);
  if (!text) void vscode.window.showInformationMessage('Mail Error Codes: there is no SMTP, enhanced status or Outlook code at the cursor. Select the text to explain, or use “Look Up Code…”.');
  return text;
}

/** showDetail takes an entry id (tree items, tests), an entry, or an "In This File" row. */
async function detailTarget(catalog: CatalogStore, target: unknown): Promise<vscode.Uri | undefined> {
  if (target instanceof vscode.Uri) return target;
  const index = await catalog.get().catch(() => undefined);
  if (typeof target === 'string') {
    const entry = index?.get(target) ?? index?.resolve(target);
    return entry ? entryDetailUri(entry) : textDetailUri(target);
  }
  const value = target as { entry?: CatalogEntry; entryId?: string; code?: string; id?: string } | undefined;
  const entry = value?.entry ?? (value?.entryId ? index?.get(value.entryId) : undefined) ?? (value?.id ? index?.get(value.id) : undefined);
  if (entry) return entryDetailUri(entry);
  return value?.code ? textDetailUri(value.code) : undefined;
}
