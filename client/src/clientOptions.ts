// Options shared by the Node and browser language clients.
import * as vscode from 'vscode';
import type { LanguageClientOptions } from 'vscode-languageclient';
import type { InitializationOptions } from '../../server/src/protocol';
import { documentSelector } from './languages';

/** Also the settings prefix: the client reads `${CLIENT_ID}.trace.server` for protocol tracing. */
export const CLIENT_ID = 'mailErrorCodes';
export const CLIENT_NAME = 'Mail Error Codes';

export function clientOptions(outputChannel: vscode.LogOutputChannel): LanguageClientOptions {
  return {
    documentSelector,
    // Pushes didChangeConfiguration for our section; the server then pulls workspace/configuration for each
    // workspace folder (every setting is resource-scoped: a folder can have its own).
    synchronize: { configurationSection: 'mailErrorCodes' },
    // Asked at each (re)start of the server. The server reads custom catalogs only in a trusted workspace; trust
    // granted later is sent by serverApi.ts.
    initializationOptions: (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted }),
    outputChannel,
    // Hovers quote log and bounce text: never trusted, no HTML, so no command links can come out of a document.
    markdown: { isTrusted: false, supportHtml: false },
  };
}
