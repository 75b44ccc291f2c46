// The "In This File" view: for a bounce, the recipients it reports on (failed, delayed, complaints, automatic
// replies) with their reason and hard / soft; then the codes the server found in the active editor, worst first, one
// row per code. Clicking a recipient selects it in the message; clicking a code walks its occurrences.
import * as vscode from 'vscode';
import { HARD_SOFT_NOTE } from '../../../server/src/core/bounce/taxonomy';
import { compareCodes } from '../../../server/src/core/present/summary';
import type { FileRecipient, FileSummaryCode } from '../../../server/src/protocol';
import type { ActiveFileSummary } from '../activeFileSummary';
import { recipientCounts } from '../statusText';
import { severityIcon } from './severityIcon';
import type { TreeSnapshot } from './snapshot';

export const IN_THIS_FILE_VIEW = 'mailErrorCodes.inThisFile';

export function sortCodes(codes: readonly FileSummaryCode[]): FileSummaryCode[] {
  return [...codes].sort(compareCodes);
}

type Node = { kind: 'recipients'; recipients: FileRecipient[] } | { kind: 'recipient'; recipient: FileRecipient; index: number } | { kind: 'code'; code: FileSummaryCode };

export class InThisFileTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
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
        return state.summary.codes.length || state.summary.recipients?.length ? undefined : 'No mail error codes in this file.';
    }
  }

  getChildren(element?: Node): Node[] {
    const state = this.summary.state;
    if (state.kind !== 'ready') return [];
    if (element?.kind === 'recipients') return element.recipients.map((recipient, index) => ({ kind: 'recipient', recipient, index }));
    if (element) return [];
    const recipients = state.summary.recipients ?? [];
    const codes: Node[] = sortCodes(state.summary.codes).map((code) => ({ kind: 'code', code }));
    return recipients.length ? [{ kind: 'recipients', recipients }, ...codes] : codes;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'recipients') return this.groupItem(node.recipients);
    if (node.kind === 'recipient') return this.recipientItem(node.recipient, node.index);
    const code = node.code;
    const item = new vscode.TreeItem(code.label ?? code.code, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.summary.uri}#${code.code}`;
    item.description = `${code.count} × ${code.title}`;
    item.tooltip = `${code.label ?? code.code} — ${code.title}\n${code.count} ${code.count === 1 ? 'occurrence' : 'occurrences'} (${code.class}). Click to go to the next one.`;
    item.iconPath = severityIcon(code.class);
    item.contextValue = code.entryId ? 'codeWithEntry' : 'code';
    item.command = { command: 'mailErrorCodes.revealNext', title: 'Reveal Next Occurrence', arguments: [code.code] };
    return item;
  }

  private groupItem(recipients: FileRecipient[]): vscode.TreeItem {
    const item = new vscode.TreeItem('Recipients', vscode.TreeItemCollapsibleState.Expanded);
    item.id = `${this.summary.uri}#recipients`;
    item.description = recipientCounts(recipients);
    item.tooltip = `The recipients this message reports on.\n\n${HARD_SOFT_NOTE}`;
    item.iconPath = new vscode.ThemeIcon('mail');
    item.contextValue = 'recipients';
    return item;
  }

  private recipientItem(r: FileRecipient, index: number): vscode.TreeItem {
    const item = new vscode.TreeItem(r.recipient, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.summary.uri}#recipient-${index}`;
    const codes = [r.reply, r.status].filter(Boolean).join(' ');
    item.description = r.bounce === 'none' ? r.reasonTitle : `${r.reasonTitle} · ${r.bounce}${codes ? ` · ${codes}` : ''}`;
    item.tooltip = [
      `${r.recipient}: ${r.action === 'failed' ? 'failed permanently' : r.action}`,
      `Reason: ${r.reasonTitle} (${r.reason})${r.bounce === 'none' ? '' : `, ${r.bounce} bounce`}`,
      r.remoteMta ? `Remote MTA: ${r.remoteMta}` : '',
      r.diagnostic ? `Diagnostic: ${r.diagnostic}` : '',
      r.bounce === 'none' ? '' : `\n${HARD_SOFT_NOTE}`,
    ].filter(Boolean).join('\n');
    item.iconPath = r.action === 'failed' ? severityIcon('permanent') : r.action === 'delayed' ? severityIcon('transient') : severityIcon('unknown');
    item.contextValue = 'recipient';
    const uri = this.summary.uri;
    if (uri) {
      const range = new vscode.Range(r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character);
      item.command = { command: 'vscode.open', title: 'Show Recipient', arguments: [vscode.Uri.parse(uri), { selection: range, preserveFocus: false }] };
    }
    return item;
  }

  snapshot(): TreeSnapshot[] {
    const picture = (node: Node): TreeSnapshot => {
      const item = this.getTreeItem(node);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const children = node.kind === 'recipients' ? this.getChildren(node).map(picture) : undefined;
      return {
        label,
        description: item.description as string,
        tooltip: item.tooltip as string,
        icon: (item.iconPath as vscode.ThemeIcon).id,
        command: item.command && { command: item.command.command, arguments: node.kind === 'recipient' ? undefined : item.command.arguments },
        ...(children ? { children } : {}),
      };
    };
    return this.getChildren().map(picture);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** "2 failed (1 hard, 1 soft), 1 delayed": what the status bar and the view say of a message's recipients. */
