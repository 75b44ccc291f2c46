// The "In This File" view: the codes the server found in the active editor, worst first, one row per code.
// Clicking a row runs revealNext, which walks that code's occurrences one click at a time.
import * as vscode from 'vscode';
import { compareCodes } from '../../../server/src/core/present/summary';
import type { FileSummaryCode } from '../../../server/src/protocol';
import type { ActiveFileSummary } from '../activeFileSummary';
import { severityIcon } from './severityIcon';
import type { TreeSnapshot } from './snapshot';

export const IN_THIS_FILE_VIEW = 'mailErrorCodes.inThisFile';

export function sortCodes(codes: readonly FileSummaryCode[]): FileSummaryCode[] {
  return [...codes].sort(compareCodes);
}

export class InThisFileTree implements vscode.TreeDataProvider<FileSummaryCode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<FileSummaryCode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly summary: ActiveFileSummary) {
    this.view = vscode.window.createTreeView(IN_THIS_FILE_VIEW, { treeDataProvider: this });
    this.disposables.push(
      this.view,
      this.changed,
      summary.onDidChange(() => this.update()),
      // The rows need the codes, which the summary only asks for while the view shows them.
      summary.readCodesWhile(() => this.view.visible),
      this.view.onDidChangeVisibility(({ visible }) => { if (visible) void summary.refreshCodes(); }),
    );
    this.update();
  }

  private update(): void {
    this.view.message = this.message();
    this.changed.fire();
  }

  private message(): string | undefined {
    const state = this.summary.state;
    switch (state.kind) {
      case 'unsupported':
        return 'Open a mail log, a bounce (.eml) or a text file to see the codes it contains.';
      case 'loading':
        return 'Looking for codes…';
      case 'notScanned':
        return 'This file is not scanned: it does not match the mailErrorCodes.files.include setting.';
      case 'failed':
        return `Could not get this file's codes from the language server: ${state.message}`;
      case 'ready':
        if (!state.summary.complete && !state.summary.codes.length) return 'Looking for codes…';
        return state.summary.codes.length ? undefined : 'No mail error codes in this file.';
    }
  }

  getChildren(element?: FileSummaryCode): FileSummaryCode[] {
    const state = this.summary.state;
    if (element || state.kind !== 'ready') return [];
    return sortCodes(state.summary.codes);
  }

  getTreeItem(code: FileSummaryCode): vscode.TreeItem {
    const item = new vscode.TreeItem(code.label ?? code.code, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.summary.uri}#${code.code}`;
    item.description = `${code.count} × ${code.title}`;
    item.tooltip = `${code.label ?? code.code} — ${code.title}\n${code.count} ${code.count === 1 ? 'occurrence' : 'occurrences'} (${code.class}). Click to go to the next one.`;
    item.iconPath = severityIcon(code.class);
    item.contextValue = code.entryId ? 'codeWithEntry' : 'code';
    item.command = { command: 'mailErrorCodes.revealNext', title: 'Reveal Next Occurrence', arguments: [code.code] };
    return item;
  }

  snapshot(): TreeSnapshot[] {
    return this.getChildren().map((code) => {
      const item = this.getTreeItem(code);
      return {
        label: code.label ?? code.code,
        description: item.description as string,
        tooltip: item.tooltip as string,
        icon: (item.iconPath as vscode.ThemeIcon).id,
        command: item.command && { command: item.command.command, arguments: item.command.arguments },
      };
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
