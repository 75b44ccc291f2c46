// The report's webview, beside the editor. Its page (dist/report/view.js and view.css) is loaded from the extension
// under a strict Content Security Policy: no inline code but the one script with this panel's nonce, nothing from the
// network. What the page asks for is checked here before anything is done: it shows the log's text, never trusted.
import * as vscode from 'vscode';
import { reportCsv } from '../../../server/src/core/report/csv';
import { OUTCOMES, type Outcome } from '../../../server/src/core/report/event';
import type { Report } from '../../../server/src/core/report/model';
import type { FromView, ToView } from './messages';
import type { ReportInput } from './inputs';
import type { ReportApi } from './reportApi';
import { webviewPage } from '../webviewPage';

const ENTRY_ID = /^[a-z0-9][a-z0-9._-]{0,199}$/;

export class ReportPanel implements vscode.Disposable {
  static readonly viewType = 'mailErrorCodes.report';
  private static readonly open = new Set<ReportPanel>();
  readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    extensionUri: vscode.Uri,
    private readonly api: ReportApi,
    private readonly session: number,
    private readonly report: Report,
    private readonly inputs: ReportInput[],
    title: string,
  ) {
    const viewRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'report');
    this.panel = vscode.window.createWebviewPanel(ReportPanel.viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: true,
      localResourceRoots: [viewRoot],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'resources', 'mail-codes.svg');
    this.panel.webview.html = html(this.panel.webview, viewRoot);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message as FromView)),
      this.panel.onDidDispose(() => this.dispose()),
    );
    ReportPanel.open.add(this);
  }

  /** The report panels now open (for the extension's test API). */
  static get panels(): readonly ReportPanel[] {
    return [...ReportPanel.open];
  }

  get data(): Report {
    return this.report;
  }

  private post(message: ToView) {
    void this.panel.webview.postMessage(message);
  }

  private async receive(message: FromView) {
    try {
      switch (message?.type) {
        case 'ready':
          // Also after the panel was hidden and shown again: the page starts afresh and asks again.
          this.post({ type: 'report', report: this.report, interactive: true });
          break;
        case 'events': {
          if (!Number.isInteger(message.request) || typeof message.ref !== 'string') return;
          const outcome = OUTCOMES.includes(message.outcome as Outcome) ? message.outcome : undefined;
          const events = await this.api.events(this.session, message.ref.slice(0, 10_000), outcome);
          this.post({ type: 'events', request: message.request, events });
          break;
        }
        case 'open':
          await this.openLine(message.source, message.line);
          break;
        case 'export':
          if (message.format === 'json' || message.format === 'csv') await this.export(message.format);
          break;
        case 'explain':
          if (typeof message.entryId === 'string' && ENTRY_ID.test(message.entryId)) await vscode.commands.executeCommand('mailErrorCodes.showDetail', message.entryId);
          break;
      }
    } catch (error) {
      void vscode.window.showErrorMessage(`Mail Error Codes: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Opens an input at a line (1-based) in the first editor group, the report staying beside it. */
  async openLine(source: unknown, line: unknown): Promise<vscode.TextEditor | undefined> {
    if (typeof source !== 'number' || !Number.isInteger(source) || source < 0 || source >= this.inputs.length) return undefined;
    if (typeof line !== 'number' || !Number.isInteger(line) || line < 1) return undefined;
    const input = this.inputs[source];
    const document = await vscode.workspace.openTextDocument(input.uri);
    const at = new vscode.Position(Math.min(line, document.lineCount) - 1, 0);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at), preserveFocus: false });
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
    return editor;
  }

  private async export(format: 'json' | 'csv') {
    const base = this.inputs[0]?.uri;
    const folder = base ? vscode.Uri.joinPath(base, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `mail-log-report.${format}`;
    const target = await vscode.window.showSaveDialog({
      title: `Export the mail log report as ${format.toUpperCase()}`,
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
    });
    if (!target) return;
    const text = format === 'json' ? `${JSON.stringify(this.report, null, 2)}\n` : reportCsv(this.report);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(`Mail Error Codes: the report was saved to ${vscode.workspace.asRelativePath(target)}.`);
  }

  dispose(): void {
    if (!ReportPanel.open.delete(this)) return;
    this.api.end(this.session);
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function html(webview: vscode.Webview, viewRoot: vscode.Uri): string {
  const style = webview.asWebviewUri(vscode.Uri.joinPath(viewRoot, 'view.css'));
  return webviewPage(webview, {
    title: 'Mail Log Report',
    script: vscode.Uri.joinPath(viewRoot, 'view.js'),
    policy: () => [`img-src ${webview.cspSource} data:`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`],
    head: () => `<link rel="stylesheet" href="${style}">`,
    main: '<main id="report" aria-live="polite"><p class="note">Loading the report…</p></main>',
  });
}
