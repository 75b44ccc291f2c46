// A minimal LSP client for protocol tests: starts the built server (`node dist/server/node.js --stdio`) and talks
// to it over the real protocol. Waits are on events (a publishDiagnostics for a version), never on time; every wait
// and every request has a deadline, so a missing message fails the test with what was awaited instead of hanging.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { root } from '../helpers';

/** How long one wait may take. Generous: CI is a 2-core machine shared with other jobs. */
export const DEADLINE_MS = Number(process.env.MEC_LSP_DEADLINE_MS ?? 20_000);

export interface StartOptions {
  workspaceFolders?: { uri: string; name: string }[];
  initializationOptions?: unknown;
}

export class TestClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  readonly messages: { type: number; message: string }[] = [];
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics, in order: a republish of the same version is visible here. */
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  /** The scopeUri of every workspace/configuration item the server asked for. */
  readonly configurationRequests: (string | undefined)[] = [];
  /** Settings answered for workspace/configuration: by scope (a folder URI), else `settings`. */
  settings: Record<string, unknown> = {};
  readonly scoped = new Map<string, Record<string, unknown>>();
  private waiters: { test: () => boolean; resolve: () => void }[] = [];
  private versions = new Map<string, number>();

  constructor() {
    this.process = spawn(process.execPath, [join(root, 'dist/server/node.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.publishes.push(p);
      this.check();
    });
    this.connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      this.messages.push(p);
      this.check();
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      this.check();
    });
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) => p.items.map((item) => {
      this.configurationRequests.push(item.scopeUri);
      return (item.scopeUri && this.scoped.get(item.scopeUri)) || this.settings;
    }));
    this.connection.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => {
      this.messages.push(p);
      this.check();
      return null;
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async start(options: StartOptions = {}) {
    await this.request('initialize', {
      processId: process.pid,
      rootUri: options.workspaceFolders?.[0]?.uri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      initializationOptions: options.initializationOptions,
      capabilities: { workspace: { configuration: true, workspaceFolders: true } },
    });
    this.connection.sendNotification('initialized', {});
  }

  /** Resolves when the condition holds (checked on every message from the server); rejects after the deadline. */
  waitFor(test: () => boolean, what: string, deadlineMs = DEADLINE_MS): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no answer from the language server within ${deadlineMs} ms: waited for ${what}`));
      }, deadlineMs);
      this.waiters.push(waiter);
    });
  }

  /** A request with a deadline. */
  request<R>(method: string, params?: unknown, deadlineMs = DEADLINE_MS): Promise<R> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the language server within ${deadlineMs} ms to ${method}`)), deadlineMs);
    });
    return Promise.race([this.connection.sendRequest<R>(method, params), deadline]).finally(() => clearTimeout(timer));
  }

  private check() {
    this.waiters = this.waiters.filter((w) => (w.test() ? (w.resolve(), false) : true));
  }

  async open(uri: string, text: string, languageId = 'log'): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    this.diagnostics.delete(uri);
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return this.diagnosticsFor(uri, 1);
  }

  async diagnosticsFor(uri: string, version: number): Promise<Diagnostic[]> {
    await this.waitFor(() => this.diagnostics.get(uri)?.version === version, `diagnostics of ${uri} version ${version}`);
    return this.diagnostics.get(uri)!.diagnostics;
  }

  /** The number of publishes for a document so far; with `publishedAfter`, waits for the next one. */
  publishCount(uri: string): number {
    return this.publishes.filter((p) => p.uri === uri).length;
  }

  async publishedAfter(uri: string, count: number, what = `a new publish for ${uri}`): Promise<Diagnostic[]> {
    await this.waitFor(() => this.publishCount(uri) > count, what);
    return this.diagnostics.get(uri)!.diagnostics;
  }

  /** Sends changes as one didChange (the editor batches edits that way) and waits for that version's diagnostics. */
  async change(uri: string, contentChanges: ({ range: Range; text: string } | { text: string })[]): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return this.diagnosticsFor(uri, version);
  }

  /** Sends a change without waiting for its diagnostics; returns the new version. */
  changeNoWait(uri: string, contentChanges: ({ range: Range; text: string } | { text: string })[]): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return version;
  }

  edit(uri: string, range: Range, text: string): Promise<Diagnostic[]> {
    return this.change(uri, [{ range, text }]);
  }

  async close(uri: string) {
    this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await this.waitFor(() => this.diagnostics.get(uri)?.diagnostics.length === 0 && this.diagnostics.get(uri)?.version === undefined, `the diagnostics of ${uri} to be cleared`);
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  configure(settings: Record<string, unknown>) {
    this.settings = settings;
    this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { mailErrorCodes: settings } });
  }

  async stop() {
    try {
      await this.request('shutdown', undefined, 5000);
      this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null && this.process.signalCode === null) {
      const exited = new Promise((r) => this.process.once('exit', r));
      const timer = setTimeout(() => this.process.kill(), 5000);
      await exited;
      clearTimeout(timer);
    }
  }
}

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
