// Web entry (VS Code for the Web): the server runs in a Web Worker (dist/server/browser.js).
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateShared } from './activate';
import type { MailErrorCodesApi } from './api';
import { CLIENT_ID, CLIENT_NAME } from './clientOptions';

export function activate(context: vscode.ExtensionContext): MailErrorCodesApi {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server', 'browser.js');
  // A factory rather than one Worker, so "Restart Server" gets a fresh worker after stop() terminated the old one.
  const startWorker = async () => new Worker(serverMain.toString(true));
  return activateShared(context, (options) => new LanguageClient(CLIENT_ID, CLIENT_NAME, startWorker, options));
}

export function deactivate(): void {
  // The client is stopped through context.subscriptions.
}
