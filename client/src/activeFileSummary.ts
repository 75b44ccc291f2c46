// The server's summary of the active editor's document, shared by the "In This File" view and the status bar.
// The client never scans: it asks for fileSummary when the active editor changes. After that, the server's
// summaryChanged notification carries the counts the status bar shows, which are applied as they come; the codes
// (the view's rows) are asked for again only while someone needs them (the view is visible, a command walks them).
import * as vscode from 'vscode';
import type { FileSummary, SummaryChangedParams } from '../../server/src/protocol';
import { isSupportedDocument } from './languages';
import type { ServerApi } from './serverApi';

export type SummaryState =
  | { kind: 'unsupported' }
  | { kind: 'loading'; uri: string }
  /** `summary.codes` may be older than its counts until they are asked for (codesCurrent). */
  | { kind: 'ready'; uri: string; summary: FileSummary }
  /** The server does not track the document (it does not match mailErrorCodes.files.include). */
  | { kind: 'notScanned'; uri: string }
  | { kind: 'failed'; uri: string; message: string };

// Editors that take focus without being "the file you are looking at": keep showing the previous file's summary.
const TRANSIENT_SCHEMES = new Set(['output', 'debug', 'vscode-terminal', 'comment']);

export class ActiveFileSummary implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SummaryState>();
  readonly onDidChange = this.changed.event;
  private current: SummaryState = { kind: 'unsupported' };
  private request: vscode.CancellationTokenSource | undefined;
  /** Whether the codes of the current summary are those of its counts. */
  private codesCurrent = true;
  private readonly codeReaders = new Set<() => boolean>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly server: ServerApi) {
    this.disposables.push(
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      // A language change (plaintext → mail-log) makes a document supported or not.
      // (VS Code closes and reopens the document under the same URI.)
      vscode.workspace.onDidOpenTextDocument((doc) => {
        const editor = vscode.window.activeTextEditor;
        if (editor && doc.uri.toString() === editor.document.uri.toString()) this.follow(editor, true);
      }),
      server.onSummaryChanged((params) => this.apply(params)),
    );
    this.follow(vscode.window.activeTextEditor);
  }

  get state(): SummaryState {
    return this.current;
  }

  /** The document the state is about, while it is a supported one. */
  get uri(): string | undefined {
    return 'uri' in this.current ? this.current.uri : undefined;
  }

  /**
   * Registers a reader of the codes (the "In This File" view): while `active()` says it shows them, every change
   * of the summary brings the codes too. Call refreshCodes() when it starts showing them.
   */
  readCodesWhile(active: () => boolean): vscode.Disposable {
    this.codeReaders.add(active);
    return new vscode.Disposable(() => this.codeReaders.delete(active));
  }

  /** Resolves once the state is no longer loading and its codes are current (test API and commands that walk them). */
  async settled(): Promise<SummaryState> {
    if (this.current.kind === 'ready' && !this.codesCurrent) await this.refresh();
    while (this.current.kind === 'loading') await new Promise<void>((resolve) => { const d = this.onDidChange(() => { d.dispose(); resolve(); }); });
    return this.current;
  }

  /** Asks for the codes when the counts have moved on since they were last asked for. */
  async refreshCodes(): Promise<void> {
    if (this.current.kind === 'ready' && !this.codesCurrent) await this.refresh();
  }

  private follow(editor: vscode.TextEditor | undefined, force = false): void {
    if (editor && TRANSIENT_SCHEMES.has(editor.document.uri.scheme)) return;
    if (!editor || !isSupportedDocument(editor.document)) {
      this.cancel();
      this.set({ kind: 'unsupported' });
      return;
    }
    const uri = editor.document.uri.toString();
    if (!force && this.uri === uri && this.current.kind !== 'failed') return;
    this.set({ kind: 'loading', uri });
    void this.refresh();
  }

  /** The notification carries the counts: shown at once; the codes follow only if someone reads them. */
  private apply(params: SummaryChangedParams): void {
    const state = this.current;
    if (!('uri' in state) || params.uri !== state.uri) return;
    if (state.kind !== 'ready') {
      // No summary yet (loading, or the server did not scan it before): the whole summary is needed.
      if (state.kind !== 'loading') void this.refresh();
      return;
    }
    const { version, complete, findings, totals, failures, recipients } = params;
    this.codesCurrent = false;
    this.set({ kind: 'ready', uri: state.uri, summary: { ...state.summary, version, complete, findings, totals, failures, recipients } });
    if ([...this.codeReaders].some((active) => active())) void this.refresh();
  }

  async refresh(): Promise<void> {
    const uri = this.uri;
    if (!uri) return;
    this.cancel();
    const source = new vscode.CancellationTokenSource();
    this.request = source;
    try {
      const summary = await this.server.fileSummary(uri, source.token);
      if (!source.token.isCancellationRequested && this.uri === uri) {
        this.codesCurrent = true;
        this.set(summary ? { kind: 'ready', uri, summary } : { kind: 'notScanned', uri });
      }
    } catch (error) {
      if (!source.token.isCancellationRequested && this.uri === uri) this.set({ kind: 'failed', uri, message: String(error) });
    } finally {
      if (this.request === source) this.request = undefined;
      source.dispose();
    }
  }

  private cancel(): void {
    this.request?.cancel();
    this.request = undefined;
  }

  private set(state: SummaryState): void {
    this.current = state;
    this.changed.fire(state);
  }

  dispose(): void {
    this.cancel();
    for (const d of this.disposables) d.dispose();
  }
}
