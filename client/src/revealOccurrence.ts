// "Reveal Next Occurrence": each call for the same code in the same file moves to the next range the server
// reported (wrapping around), so clicking a row in "In This File" repeatedly walks through the file.
import * as vscode from 'vscode';
import type { ActiveFileSummary } from './activeFileSummary';

export class OccurrenceWalker {
  private readonly next = new Map<string, number>();

  constructor(private readonly summary: ActiveFileSummary) {
    // Positions refer to one document: start over when the view moves to another file.
    summary.onDidChange((state) => {
      if (state.kind === 'unsupported') this.next.clear();
    });
  }

  async reveal(code: string): Promise<vscode.Range | undefined> {
    const state = await this.summary.settled();
    if (state.kind !== 'ready') return undefined;
    const entry = state.summary.codes.find((c) => c.code === code);
    if (!entry?.ranges.length) return undefined;
    const key = `${state.uri}\u0000${code}`;
    const position = (this.next.get(key) ?? 0) % entry.ranges.length;
    this.next.set(key, position + 1);
    const { start, end } = entry.ranges[position];
    const range = new vscode.Range(start.line, start.character, end.line, end.character);
    const uri = vscode.Uri.parse(state.uri);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === state.uri);
    const document = visible?.document ?? await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn, preserveFocus: false });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return range;
  }
}
