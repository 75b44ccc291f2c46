// The bounce report's webview panel: a strict Content Security Policy (nothing but our own script and style, by
// nonce), VS Code's theme colours, and data passed as messages (the page writes it with textContent, never as HTML).
import * as vscode from 'vscode';
import { BOUNCE_CSV_HEADER, csvRow } from '../../../server/src/core/present/csv';
import type { FromWebview, ReportProblem, ReportProgress, ReportRow, ToWebview } from './messages';
import { webviewPage } from '../webviewPage';

export const REPORT_VIEW_TYPE = 'mailErrorCodes.bounceReport';

/** Where a row's recipient is: the file and the range to select when the row is clicked. */
export interface RowPlace {
  uri: vscode.Uri;
  range: vscode.Range;
  line: number;
}

export class BounceReportPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly rows: ReportRow[] = [];
  private readonly places: RowPlace[] = [];
  private readonly problems: ReportProblem[] = [];
  private progress: ReportProgress = { filesDone: 0, filesTotal: 0, messages: 0, skipped: 0, done: false, cancelled: false };
  private ready = false;
  private disposed = false;
  private readonly cancelled = new vscode.EventEmitter<void>();
  /** The page asked to stop (its Stop button). */
  readonly onDidRequestCancel = this.cancelled.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(extensionUri: vscode.Uri, private readonly folder: vscode.Uri, private readonly start: Extract<ToWebview, { type: 'start' }>) {
    const scripts = vscode.Uri.joinPath(extensionUri, 'dist', 'client');
    this.panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, `Bounces: ${folderName(folder)}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [scripts],
      retainContextWhenHidden: true,
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'resources', 'mail-codes.svg');
    this.panel.webview.html = pageHtml(this.panel.webview, vscode.Uri.joinPath(scripts, 'bounceReport.js'));
    this.disposables.push(
      this.cancelled,
      this.panel.onDidDispose(() => { this.disposed = true; }),
      this.panel.webview.onDidReceiveMessage((m: FromWebview) => void this.receive(m)),
    );
  }

  get onDidDispose(): vscode.Event<void> {
    return this.panel.onDidDispose;
  }

  /** A snapshot for the integration tests: the rows and the progress as the page has them. */
  snapshot(): { rows: ReportRow[]; problems: ReportProblem[]; progress: ReportProgress } {
    return { rows: [...this.rows], problems: [...this.problems], progress: { ...this.progress } };
  }

  addRows(rows: Omit<ReportRow, 'id'>[], places: RowPlace[]): void {
    const added = rows.map((r, i) => ({ ...r, id: this.rows.length + i }));
    for (const r of added) this.rows.push(r);
    for (const p of places) this.places.push(p);
    this.post({ type: 'rows', rows: added });
  }

  addProblem(problem: ReportProblem): void {
    this.problems.push(problem);
    this.post({ type: 'problems', problems: [problem] });
  }

  setProgress(progress: ReportProgress): void {
    this.progress = progress;
    this.post({ type: 'progress', progress });
  }

  private post(message: ToWebview): void {
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        // The page (re)loaded: send it everything so far.
        this.ready = true;
        void this.panel.webview.postMessage(this.start);
        void this.panel.webview.postMessage({ type: 'rows', rows: this.rows } satisfies ToWebview);
        void this.panel.webview.postMessage({ type: 'problems', problems: this.problems } satisfies ToWebview);
        void this.panel.webview.postMessage({ type: 'progress', progress: this.progress } satisfies ToWebview);
        return;
      case 'open':
        await this.open(message.id);
        return;
      case 'export':
        await this.exportCsv(message.ids);
        return;
      case 'cancel':
        this.cancelled.fire();
        return;
    }
  }

  /** Opens the message at its recipient. */
  async open(id: number): Promise<vscode.TextEditor | undefined> {
    const place = Number.isInteger(id) ? this.places[id] : undefined;
    if (!place) return undefined;
    const editor = await vscode.window.showTextDocument(place.uri, { viewColumn: vscode.ViewColumn.Beside, selection: place.range, preview: true });
    editor.revealRange(place.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  /** The rows the page shows (filtered and sorted as there), as CSV, where the user says. */
  async exportCsv(ids: number[]): Promise<vscode.Uri | undefined> {
    const rows = ids.filter((id) => Number.isInteger(id) && this.rows[id]).map((id) => this.rows[id]);
    const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(this.folder, 'bounces.csv'), filters: { CSV: ['csv'] }, title: 'Export the bounce report as CSV' });
    if (!target) return undefined;
    const lines = [csvRow(BOUNCE_CSV_HEADER), ...rows.map((r) => csvRow([r.file, this.places[r.id].line + 1, r.recipient, r.action, r.reason, r.bounce, r.status, r.reply, r.remoteMta, r.date, r.diagnostic]))];
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(lines.join('\r\n') + '\r\n'));
    void vscode.window.showInformationMessage(`Exported ${rows.length} recipient${rows.length === 1 ? '' : 's'} to ${target.path.split('/').pop()}.`);
    return target;
  }

  dispose(): void {
    if (!this.disposed) this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function folderName(folder: vscode.Uri): string {
  return folder.path.split('/').filter(Boolean).pop() ?? folder.toString();
}


/** The page: our script and style only, by nonce; no inline handlers, no remote content. */
function pageHtml(webview: vscode.Webview, script: vscode.Uri): string {
  return webviewPage(webview, {
    title: 'Bounce report',
    script,
    policy: (nonce) => [`style-src 'nonce-${nonce}'`, `img-src ${webview.cspSource}`],
    head: (nonce) => `<style nonce="${nonce}">${STYLE}</style>`,
    main: '<main id="report" aria-busy="true"><p class="status" id="status">Reading the folder…</p></main>',
  });
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; }
h1 { font-size: 1.4em; font-weight: 600; margin: 16px 0 4px; }
h2 { font-size: 1.05em; font-weight: 600; margin: 0 0 6px; }
.status { color: var(--vscode-descriptionForeground); margin: 4px 0 12px; }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 12px 0; }
button { font-family: inherit; font-size: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 12px; cursor: pointer; border-radius: 2px; }
button:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
input, select { font-family: inherit; font-size: inherit; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, var(--vscode-panel-border)); padding: 3px 6px; }
input:focus, select:focus, button:focus-visible, tr:focus-visible, th button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
input[type=search] { min-width: 18em; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 12px; margin: 8px 0 4px; }
.card { border: 1px solid var(--vscode-panel-border); padding: 10px 12px; border-radius: 3px; }
.big { display: flex; gap: 18px; }
.big div { display: flex; flex-direction: column; }
.big strong { font-size: 1.8em; font-weight: 600; }
.hard { color: var(--vscode-errorForeground); }
.soft { color: var(--vscode-editorWarning-foreground); }
.none { color: var(--vscode-descriptionForeground); }
.note { color: var(--vscode-descriptionForeground); font-size: 0.92em; margin: 8px 0 0; }
.counts { width: 100%; border-collapse: collapse; }
.counts td { padding: 1px 4px; }
.counts td.n { text-align: right; width: 4em; font-variant-numeric: tabular-nums; }
.counts tr { cursor: pointer; }
.counts tr:hover, tbody tr:hover { background: var(--vscode-list-hoverBackground); }
.counts tr.active { background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); }
table.recipients { width: 100%; border-collapse: collapse; margin-top: 4px; }
table.recipients th { text-align: left; font-weight: 600; border-bottom: 1px solid var(--vscode-panel-border); padding: 0; white-space: nowrap; position: sticky; top: 0; background: var(--vscode-editor-background); }
table.recipients th button { width: 100%; text-align: left; color: inherit; background: transparent; border: none; padding: 4px 6px; font-weight: 600; }
table.recipients th button:hover { background: var(--vscode-list-hoverBackground); }
table.recipients td { padding: 3px 6px; border-bottom: 1px solid var(--vscode-editorGroup-border, transparent); vertical-align: top; white-space: nowrap; }
.scroll { overflow-x: auto; }
tbody tr { cursor: pointer; }
td.recipient { font-family: var(--vscode-editor-font-family); }
td.file, td.diag { color: var(--vscode-descriptionForeground); }
td.diag { max-width: 40em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.more { color: var(--vscode-descriptionForeground); margin: 8px 0; }
details { margin: 12px 0; }
summary { cursor: pointer; }
`;
