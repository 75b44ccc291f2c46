// Web entry (VS Code for the Web): the server runs in a Web Worker (dist/server/browser.js).
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { activateShared } from './activate';
import type { MailErrorCodesApi } from './api';
import { CLIENT_ID, CLIENT_NAME } from './clientOptions';

export function activate(context: vscode.ExtensionContext): MailErrorCodesApi {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server', 'browser.js');
  // A factory rather than one Worker, so "Restart Server" gets a fresh worker after stop() terminated the old one.
  const transports = async (): Promise<MessageTransports> => {
    const worker = await startWorker(serverMain);
    // Transports rather than the Worker itself: the web extension host's own Worker class fails the client's
    // `instanceof Worker` test, and the connection would not be made.
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  return activateShared(context, (options) => new LanguageClient(CLIENT_ID, CLIENT_NAME, transports, options));
}

/**
 * Where the extension is served over http(s) (vscode.dev) the worker starts from its URL. Where it is installed on a
 * remote server (code-server, VS Code Server in a browser), the web extension host refuses workers from
 * vscode-remote: URLs; there the script is read through the file system API and started from a blob: URL.
 */
async function startWorker(serverMain: vscode.Uri): Promise<Worker> {
  try {
    return new Worker(serverMain.toString(true));
  } catch (error) {
    if (serverMain.scheme === 'http' || serverMain.scheme === 'https') throw error;
    const source = await vscode.workspace.fs.readFile(serverMain);
    return new Worker(URL.createObjectURL(new Blob([source.slice()], { type: 'text/javascript' })));
  }
}

export function deactivate(): void {
  // The client is stopped through context.subscriptions.
}
