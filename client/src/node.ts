// Desktop entry: the server runs as a Node process (dist/server/node.js) talking over IPC.
import { createReadStream } from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateShared } from './activate';
import type { MailErrorCodesApi } from './api';
import { CLIENT_ID, CLIENT_NAME } from './clientOptions';

export function activate(context: vscode.ExtensionContext): MailErrorCodesApi {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server', 'node.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    // Only used when the extension host runs in debug mode (F5): attach a debugger to port 6009.
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // The mail log report streams local files from disk rather than reading them whole.
  const stream = (uri: vscode.Uri) => (uri.scheme === 'file' ? createReadStream(uri.fsPath, { highWaterMark: 1 << 20 }) : undefined);
  return activateShared(context, (options) => new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, options), stream);
}

export function deactivate(): void {
  // The client is stopped through context.subscriptions.
}
