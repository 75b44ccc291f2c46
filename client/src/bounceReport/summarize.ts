// "Mail Error Codes: Summarize Bounces in Folder…": reads every message under a folder (workspace.fs), has the language
// server read their recipients in batches, and fills the report as it goes, with progress and cancel.
import * as vscode from 'vscode';
import { HARD_SOFT_NOTE, REASON_TITLES } from '../../../server/src/core/bounce/taxonomy';
import { domainOf } from '../../../server/src/core/bounce/text';
import type { ServerApi } from '../serverApi';
import { listFiles, readMessages } from './collect';
import type { ReportProgress, ReportRow } from './messages';
import { BounceReportPanel, type RowPlace } from './panel';

/** Messages sent to the server at once, and the text they may add up to. */
const BATCH_MESSAGES = 64;
const BATCH_CHARS = 4 * 1024 * 1024;

export interface SummarizeResult {
  panel: BounceReportPanel;
  /** Resolves when the run ended (finished or cancelled). */
  done: Promise<ReportProgress>;
}

/** Asks for a folder when none is given (the palette), then opens the report and fills it. */
export async function summarizeBounces(server: ServerApi, extensionUri: vscode.Uri, target?: vscode.Uri): Promise<SummarizeResult | undefined> {
  const folder = target instanceof vscode.Uri ? target : await pickFolder();
  if (!folder) return undefined;
  try {
    const stat = await vscode.workspace.fs.stat(folder);
    if (!(stat.type & vscode.FileType.Directory)) {
      void vscode.window.showErrorMessage(`Mail Error Codes: ${folder.path.split('/').pop()} is not a folder.`);
      return undefined;
    }
  } catch (error) {
    void vscode.window.showErrorMessage(`Mail Error Codes: cannot read ${folder.path}: ${String(error)}`);
    return undefined;
  }
  const panel = new BounceReportPanel(extensionUri, folder, { type: 'start', folder: vscode.workspace.asRelativePath(folder, true) || folder.path, hardSoftNote: HARD_SOFT_NOTE, reasonTitles: REASON_TITLES });
  const done = run(server, folder, panel);
  return { panel, done };
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    openLabel: 'Summarize Bounces',
    title: 'Folder of bounces (.eml files, mbox files, Maildir)',
  });
  return picked?.[0];
}

function run(server: ServerApi, folder: vscode.Uri, panel: BounceReportPanel): Promise<ReportProgress> {
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Summarizing bounces', cancellable: true }, async (progress, token) => {
    const stop = new vscode.CancellationTokenSource();
    const subscriptions = [token.onCancellationRequested(() => stop.cancel()), panel.onDidDispose(() => stop.cancel()), panel.onDidRequestCancel(() => stop.cancel())];
    const state: ReportProgress = { filesDone: 0, filesTotal: 0, messages: 0, skipped: 0, done: false, cancelled: false };
    try {
      progress.report({ message: 'listing files…' });
      const files = await listFiles(folder, stop.token);
      state.filesTotal = files.length;
      panel.setProgress({ ...state });
      let batch: { id: number; text: string }[] = [];
      let batchChars = 0;
      let meta: { uri: vscode.Uri; file: string; line: number }[] = [];
      let lastReport = 0;
      let reportedPercent = 0;
      const flush = async () => {
        if (!batch.length) return;
        const sent = batch;
        const places = meta;
        batch = [];
        batchChars = 0;
        meta = [];
        const { results } = await server.readRecipients(sent, stop.token);
        const rows: Omit<ReportRow, 'id'>[] = [];
        const rowPlaces: RowPlace[] = [];
        for (const result of results) {
          const where = places[result.id];
          if (!where) continue;
          if (result.error) panel.addProblem({ file: where.file, reason: result.error });
          for (const r of result.recipients) {
            rows.push({
              file: where.file,
              recipient: r.recipient,
              domain: domainOf(r.recipient),
              action: r.action,
              reason: r.reason,
              reasonTitle: r.reasonTitle,
              bounce: r.bounce,
              status: r.status ?? '',
              reply: r.reply ?? '',
              remoteMta: r.remoteMta ?? '',
              date: r.date ?? '',
              diagnostic: r.diagnostic ?? '',
            });
            const line = where.line + r.line;
            rowPlaces.push({ uri: where.uri, line, range: new vscode.Range(line, r.character, line, r.character + r.length) });
          }
        }
        panel.addRows(rows, rowPlaces);
      };
      for (const uri of files) {
        if (stop.token.isCancellationRequested) break;
        // Named from the folder summarized: the report's title already says which folder that is.
        const file = uri.path.startsWith(`${folder.path.replace(/\/$/, '')}/`) ? uri.path.slice(folder.path.replace(/\/$/, '').length + 1) : vscode.workspace.asRelativePath(uri, true);
        const read = await readMessages(uri);
        state.filesDone++;
        if (read.kind === 'problem') panel.addProblem({ file, reason: read.reason });
        else if (read.kind === 'skipped') state.skipped++;
        else {
          for (const m of read.messages) {
            state.messages++;
            meta.push({ uri, file: `${file}${m.suffix}`, line: m.line });
            batch.push({ id: meta.length - 1, text: m.text });
            batchChars += m.text.length;
            if (batch.length >= BATCH_MESSAGES || batchChars >= BATCH_CHARS) await flush();
          }
        }
        const now = Date.now();
        if (now - lastReport > 250) {
          lastReport = now;
          const percent = (100 * state.filesDone) / Math.max(1, state.filesTotal);
          progress.report({ message: `${state.filesDone} of ${state.filesTotal} files, ${state.messages} messages`, increment: percent - reportedPercent });
          reportedPercent = percent;
          panel.setProgress({ ...state });
        }
      }
      if (!stop.token.isCancellationRequested) await flush();
    } catch (error) {
      if (!stop.token.isCancellationRequested) void vscode.window.showErrorMessage(`Mail Error Codes: the bounce report stopped: ${String(error)}`);
    } finally {
      state.done = true;
      state.cancelled = stop.token.isCancellationRequested;
      panel.setProgress({ ...state });
      for (const s of subscriptions) s.dispose();
      stop.dispose();
    }
    return state;
  }));
}
