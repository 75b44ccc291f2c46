// Activation shared by the Node (desktop) and browser (web) entries: they differ only in how the server starts.
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import type { MailErrorCodesApi } from './api';
import { ActiveFileSummary } from './activeFileSummary';
import { CatalogStore } from './catalogStore';
import { CLIENT_NAME, clientOptions } from './clientOptions';
import { registerCommands } from './commands';
import { DetailFileSystem } from './detail/detailFileSystem';
import { DETAIL_SCHEME } from './detail/detailUri';
import { entryDetailUri, textDetailUri } from './detail/openDetail';
import { lookupPicks } from './lookup';
import { registerReport } from './report/command';
import type { FileStreamer } from './report/inputs';
import { OccurrenceWalker } from './revealOccurrence';
import { createServerApi } from './serverApi';
import { SummaryStatusBar } from './statusBar';
import { CatalogTree } from './views/catalogTree';
import { InThisFileTree } from './views/inThisFileTree';

export type ClientFactory = (options: LanguageClientOptions) => BaseLanguageClient;

export function activateShared(context: vscode.ExtensionContext, createClient: ClientFactory, stream?: FileStreamer): MailErrorCodesApi {
  const outputChannel = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const client = createClient(clientOptions(outputChannel));
  const ready = client.start();
  ready.catch((error: unknown) => {
    outputChannel.error(`The Mail Error Codes language server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage('Mail Error Codes: the language server did not start. See the "Mail Error Codes" output for details.');
  });

  const server = createServerApi(client, ready);
  const catalog = new CatalogStore(server);
  const summary = new ActiveFileSummary(server);
  const catalogTree = new CatalogTree(server, catalog);
  const inThisFile = new InThisFileTree(summary);
  const statusBar = new SummaryStatusBar(summary);
  const walker = new OccurrenceWalker(summary);
  const detailFs = new DetailFileSystem(server, catalog);

  context.subscriptions.push(
    outputChannel,
    // After the server crashed and the client restarted it, the views ask the new server again: no reload needed.
    client.onDidChangeState((event) => {
      if (event.newState !== State.Running) return;
      server.invalidateCatalog();
      void summary.refresh();
    }),
    server,
    summary,
    catalogTree,
    inThisFile,
    statusBar,
    detailFs,
    vscode.workspace.registerFileSystemProvider(DETAIL_SCHEME, detailFs, { isReadonly: true, isCaseSensitive: true }),
    ...registerCommands({
      server,
      catalog,
      catalogTree,
      walker,
      outputChannel,
      restartServer: async () => {
        // stop() then start(): BaseLanguageClient has no restart() (only the Node client does).
        if (client.isRunning()) await client.stop();
        await client.start();
        server.invalidateCatalog();
        void summary.refresh();
      },
    }),
    ...registerReport(context, client, ready, stream),
    // Stopping the client also stops the server process / worker.
    { dispose: () => { void client.stop(); } },
  );

  return {
    ready,
    catalogTree: () => catalogTree.snapshot(),
    setCatalogFilter: (query) => catalogTree.setFilter(query),
    inThisFile: async () => {
      await summary.settled();
      return inThisFile.snapshot();
    },
    lookup: async (query) => {
      const picks = await lookupPicks(server, await catalog.get(), query);
      return picks
        .filter((p) => p.kind !== vscode.QuickPickItemKind.Separator)
        .map(({ label, description, detail, entryId }) => ({ label, description, detail, entryId }));
    },
    statusBar: () => ({
      visible: statusBar.visible,
      text: statusBar.item.text,
      tooltip: typeof statusBar.item.tooltip === 'string' ? statusBar.item.tooltip : statusBar.item.tooltip?.value,
    }),
    detailUri: async (idOrText) => {
      const index = await catalog.get().catch(() => undefined);
      const entry = index?.get(idOrText) ?? index?.resolve(idOrText);
      return entry ? entryDetailUri(entry) : textDetailUri(idOrText);
    },
    revealNext: (code) => walker.reveal(code),
  };
}
