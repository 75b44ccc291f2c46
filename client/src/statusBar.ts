// The status bar item: the failures of the active supported file, counted as a person counts them (recipients that
// failed in a bounce, deliveries that failed in a log: one per line, whatever the number of codes on it), with its
// own icon and words so that it never looks like VS Code's Problems counter beside it; hidden elsewhere.
import * as vscode from 'vscode';
import type { ActiveFileSummary, SummaryState } from './activeFileSummary';
import { describe } from './statusText';

export class SummaryStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  /** StatusBarItem has no visibility getter; the test API reads this. */
  visible = false;
  private readonly subscription: vscode.Disposable;

  constructor(summary: ActiveFileSummary) {
    this.item = vscode.window.createStatusBarItem('mailErrorCodes.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Mail Error Codes';
    this.item.command = { command: 'mailErrorCodes.inThisFile.focus', title: 'Show In This File' };
    this.subscription = summary.onDidChange((state) => this.render(state));
    this.render(summary.state);
  }

  private render(state: SummaryState): void {
    if (state.kind === 'unsupported' || state.kind === 'notScanned') {
      this.item.hide();
      this.visible = false;
      return;
    }
    if (state.kind === 'ready') {
      const { text, tooltip } = describe(state.summary);
      this.item.text = text;
      this.item.tooltip = tooltip;
    } else if (state.kind === 'loading') {
      this.item.text = '$(sync~spin) Mail codes';
      this.item.tooltip = 'Mail Error Codes: looking for mail codes in this file…';
    } else {
      this.item.text = '$(mail) Mail codes ?';
      this.item.tooltip = `Mail Error Codes: could not get this file's mail codes: ${state.message}`;
    }
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
