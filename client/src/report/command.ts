// "Mail Error Codes: Show Mail Log Report": for the active log, the files or folder chosen in the Explorer, or what
// the person picks. The files are read here and fed to a report session of the language server, with progress and
// cancellation; the report opens in a webview beside the editor.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { TextInput } from '../../../server/src/core/report/decode';
import { bytesOf, inputsOf, nameOf, type FileStreamer, type ReportInput } from './inputs';
import { ReportPanel } from './panel';
import { createReportApi, type ReportApi } from './reportApi';

/** Text sent to the server per request. */
const FEED_CHARS = 1 << 20;

export function registerReport(context: vscode.ExtensionContext, client: BaseLanguageClient, ready: Promise<void>, stream?: FileStreamer): vscode.Disposable[] {
  const api = createReportApi(client, ready);
  const register = (id: string, run: (...args: any[]) => unknown) => vscode.commands.registerCommand(id, run);
  return [
    register('mailErrorCodes.showReport', async (target?: unknown, selected?: unknown) => {
      try {
        return await showReport(context, api, stream, target, selected);
      } catch (error) {
        void vscode.window.showErrorMessage(`Mail Error Codes: the report could not be made: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    }),
    { dispose: () => ReportPanel.panels.forEach((p) => p.dispose()) },
  ];
}

async function showReport(context: vscode.ExtensionContext, api: ReportApi, stream: FileStreamer | undefined, target?: unknown, selected?: unknown): Promise<ReportPanel | undefined> {
  const inputs = await chooseInputs(target, selected);
  if (!inputs) return undefined;
  if (!inputs.length) {
    void vscode.window.showInformationMessage('Mail Error Codes: there is no file to report on there.');
    return undefined;
  }
  const title = `Mail Log Report: ${inputs.length === 1 ? inputs[0].name.split('/').pop() : `${inputs.length} files`}`;
  const built = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Mail log report', cancellable: true },
    (progress, token) => build(api, inputs, stream, progress, token),
  );
  if (!built) return undefined;
  return new ReportPanel(context.extensionUri, api, built.session, built.report, inputs, title);
}

/** The inputs: the Explorer's selection, the URI given, the active editor's document, or a choice in a dialog. */
async function chooseInputs(target: unknown, selected: unknown): Promise<ReportInput[] | undefined> {
  const uris = Array.isArray(selected) && selected.every((u) => u instanceof vscode.Uri) && selected.length ? selected : target instanceof vscode.Uri ? [target] : undefined;
  if (uris) return inputsOf(uris);
  const document = vscode.window.activeTextEditor?.document;
  if (document) {
    // Unsaved changes (or no file at all): the editor's text is the log.
    const text = document.isDirty || document.isUntitled ? document.getText() : undefined;
    if (text !== undefined) return [{ uri: document.uri, name: nameOf(document.uri), size: text.length, text }];
    return inputsOf([document.uri]);
  }
  const chosen = await vscode.window.showOpenDialog({
    title: 'Mail log report: choose log files or a folder of logs',
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: true,
    openLabel: 'Report',
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return chosen ? inputsOf(chosen) : undefined;
}

async function build(
  api: ReportApi, inputs: ReportInput[], stream: FileStreamer | undefined,
  progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken,
) {
  const session = await api.begin(inputs.map((i) => i.name));
  const total = inputs.reduce((sum, i) => sum + i.size, 0) || 1;
  try {
    for (const [source, input] of inputs.entries()) {
      progress.report({ message: input.name });
      const decoder = new TextInput();
      let text = '';
      let note: string | undefined;
      try {
        for await (const bytes of bytesOf(input, stream)) {
          if (token.isCancellationRequested) break;
          text += decoder.decode(bytes);
          progress.report({ increment: (100 * bytes.length) / total, message: input.name });
          if (text.length >= FEED_CHARS) {
            await api.feed({ session, source, text }, token);
            text = '';
          }
        }
        text += decoder.end();
      } catch (error) {
        if (token.isCancellationRequested) break;
        // One unreadable input (binary, gone, no permission) is named in the report; the others are read.
        note = error instanceof Error ? error.message : String(error);
        text = '';
      }
      if (token.isCancellationRequested) break;
      await api.feed({ session, source, text, end: true, note }, token);
    }
    if (token.isCancellationRequested) {
      api.end(session);
      return undefined;
    }
    return { session, report: await api.finish(session) };
  } catch (error) {
    api.end(session);
    if (token.isCancellationRequested) return undefined;
    throw error;
  }
}
