// A minimal LSP client for protocol tests: starts the built server (`node dist/server/node.js --stdio`) and talks
// to it over the real protocol. Waits are on events (a publishDiagnostics for a version), never on time.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { root } from '../helpers';

export class TestClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  readonly messages: { type: number; message: string }[] = [];
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: { method: string; params: unknown }[] = [];
  settings: Record<string, unknown> = {};
  private waiters: { test: () => boolean; resolve: () => void }[] = [];
  private versions = new Map<string, number>();

  constructor() {
    this.process = spawn(process.execPath, [join(root, 'dist/server/node.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
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
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    this.connection.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => {
      this.messages.push(p);
      this.check();
      return null;
    });
    this.connection.listen();
  }

  async start(rootUri: string | null = null) {
    await this.connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities: { workspace: { configuration: true } } });
    this.connection.sendNotification('initialized', {});
  }

  /** Resolves when the condition holds (checked on every message from the server). */
  waitFor(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
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
    await this.waitFor(() => this.diagnostics.get(uri)?.version === version);
    return this.diagnostics.get(uri)!.diagnostics;
  }

  async edit(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return this.diagnosticsFor(uri, version);
  }

  async close(uri: string) {
    this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await this.waitFor(() => this.diagnostics.get(uri)?.diagnostics.length === 0 && this.diagnostics.get(uri)?.version === undefined);
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  async configure(settings: Record<string, unknown>) {
    this.settings = settings;
    this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { mailErrorCodes: settings } });
  }

  async stop() {
    try {
      await this.connection.sendRequest('shutdown');
      this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) await new Promise((r) => this.process.once('exit', r));
  }
}
