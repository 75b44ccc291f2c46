// The server's summary of the active editor's document, shared by the "In This File" view and the status bar.
// The client never scans: it asks for fileSummary when the active editor changes and again (debounced) when the
// server says that document's summary changed.
import * as vscode from 'vscode';
import type { FileSummary } from '../../server/src/protocol';
import { isSupportedDocument } from './languages';
import type { ServerApi } from './serverApi';

export type SummaryState =
  | { kind: 'unsupported' }
  | { kind: 'loading'; uri: string }
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
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly server: ServerApi, private readonly debounceMs = 250) {
    this.disposables.push(
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      // A language change (plaintext → mail-log) makes a document supported or not.
      // (VS Code closes and reopens the document under the same URI.)
      vscode.workspace.onDidOpenTextDocument((doc) => {
        const editor = vscode.window.activeTextEditor;
        if (editor && doc.uri.toString() === editor.document.uri.toString()) this.follow(editor, true);
      }),
      server.onSummaryChanged((params) => {
        if ('uri' in this.current && params.uri === this.current.uri) this.scheduleRefresh();
      }),
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

  /** Resolves once the state is no longer loading (test API and commands that need a fresh summary). */
  async settled(): Promise<SummaryState> {
    while (this.current.kind === 'loading') await new Promise<void>((resolve) => { const d = this.onDidChange(() => { d.dispose(); resolve(); }); });
    return this.current;
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

  private scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; void this.refresh(); }, this.debounceMs);
  }

  async refresh(): Promise<void> {
    const uri = this.uri;
    if (!uri) return;
    this.cancel();
    const source = new vscode.CancellationTokenSource();
    this.request = source;
    try {
      const summary = await this.server.fileSummary(uri, source.token);
      if (!source.token.isCancellationRequested && this.uri === uri) this.set(summary ? { kind: 'ready', uri, summary } : { kind: 'notScanned', uri });
    } catch (error) {
      if (!source.token.isCancellationRequested && this.uri === uri) this.set({ kind: 'failed', uri, message: String(error) });
    } finally {
      if (this.request === source) this.request = undefined;
      source.dispose();
    }
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
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
