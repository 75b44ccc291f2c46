// The status bar item: permanent and transient finding counts of the active supported file; hidden elsewhere.
import * as vscode from 'vscode';
import type { ActiveFileSummary, SummaryState } from './activeFileSummary';
import { recipientCounts } from './views/inThisFileTree';

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
      const { permanent = 0, transient = 0, unknown = 0 } = state.summary.totals;
      const recipients = state.summary.recipients ?? [];
      const bounced = recipients.filter((r) => r.bounce !== 'none').length;
      this.item.text = `$(error) ${permanent} $(warning) ${transient}${recipients.length ? ` $(mail) ${bounced}` : ''}`;
      this.item.tooltip = `Mail Error Codes: ${plural(permanent, 'permanent failure')}, ${plural(transient, 'transient failure')}`
        + `${unknown ? `, ${plural(unknown, 'code')} of unknown class` : ''} in this file.${state.summary.complete ? '' : ' (still scanning)'}`
        + `${recipients.length ? `\n${plural(bounced, 'recipient')} bounced: ${recipientCounts(recipients)}.` : ''}\nClick to show them.`;
    } else if (state.kind === 'loading') {
      this.item.text = '$(sync~spin) Mail codes';
      this.item.tooltip = 'Mail Error Codes: looking for codes in this file…';
    } else {
      this.item.text = '$(error) ? $(warning) ?';
      this.item.tooltip = `Mail Error Codes: could not get this file's codes: ${state.message}`;
    }
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
