// Options shared by the Node and browser language clients.
import type * as vscode from 'vscode';
import type { LanguageClientOptions } from 'vscode-languageclient';
import { documentSelector } from './languages';

/** Also the settings prefix: the client reads `${CLIENT_ID}.trace.server` for protocol tracing. */
export const CLIENT_ID = 'mailErrorCodes';
export const CLIENT_NAME = 'Mail Error Codes';

export function clientOptions(outputChannel: vscode.LogOutputChannel): LanguageClientOptions {
  return {
    documentSelector,
    // Pushes didChangeConfiguration for our section; the server also pulls workspace/configuration per document.
    synchronize: { configurationSection: 'mailErrorCodes' },
    outputChannel,
    // Hovers quote log and bounce text: never trusted, no HTML, so no command links can come out of a document.
    markdown: { isTrusted: false, supportHtml: false },
  };
}
