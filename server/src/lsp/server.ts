// The language server, independent of where it runs: the Node and browser hosts pass a connection and their few
// platform services. This file only wires the parts, each with one concern: the documents (documentSync.ts), the
// settings of each folder (scopedSettings.ts), the catalogs (catalogs.ts), what is sent (publisher.ts), the
// requests (requests.ts) and the mail log report (report.ts). Everything else (scanning, catalog, Markdown) is the
// pure core.
import { TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { WorkspaceTrustedNotification, type InitializationOptions } from '../protocol';
import { Catalogs, type CatalogHost } from './catalogs';
import { DocumentSync } from './documentSync';
import { DocumentStore, type ScanHost } from './documents';
import { Publisher } from './publisher';
import { registerReportRequests } from './report';
import { registerRequests } from './requests';
import { SettingsScopes } from './scopedSettings';

export interface ServerHost extends CatalogHost, ScanHost {}

export function startServer(connection: Connection, host: ServerHost): void {
  /** A problem (a bad setting, an invalid custom catalog) shown to the user. */
  const warn = (message: string) => {
    connection.console.warn(message);
    void connection.window.showWarningMessage(`Mail Error Codes: ${message}`);
  };
  // Each distinct problem of the settings is shown once, not on every change.
  const reported = new Set<string>();
  const warnOnce = (message: string) => {
    if (reported.has(message)) return;
    reported.add(message);
    warn(message);
  };

  const catalogs = new Catalogs(host, warn, (message) => connection.console.info(message), (before, after) => sync.catalogReplaced(before, after));
  const scopes = new SettingsScopes(connection, warnOnce);
  const store = new DocumentStore(host, catalogs.builtIn);
  const publisher = new Publisher(connection, store);
  const sync = new DocumentSync(connection, store, scopes, catalogs, publisher, warnOnce);
  let folderChanges = false;

  connection.onInitialize((params): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as InitializationOptions & { settings?: unknown };
    catalogs.setTrusted(init.trusted === true);
    scopes.initialize(!!params.capabilities.workspace?.configuration, params.workspaceFolders, params.rootUri, init.settings);
    folderChanges = !!params.capabilities.workspace?.workspaceFolders;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: folderChanges } },
      },
      serverInfo: { name: 'mail-error-codes', version: catalogs.builtIn.version },
    };
  });

  connection.onInitialized(() => {
    if (folderChanges) {
      connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        const gone = new Set(removed.map((f) => f.uri.replace(/\/+$/, '')));
        scopes.setFolders([...scopes.folderUris.filter((f) => !gone.has(f)), ...added.map((f) => f.uri)]);
        void sync.refreshAll();
      });
    }
    void sync.refreshAll();
  });

  connection.onDidChangeConfiguration((change) => {
    scopes.invalidate((change.settings as { mailErrorCodes?: unknown } | undefined)?.mailErrorCodes);
    void sync.refreshAll();
  });

  connection.onNotification(WorkspaceTrustedNotification, () => {
    catalogs.setTrusted(true);
    void sync.refreshAll();
  });

  sync.listen();
  registerRequests(connection, {
    store,
    windowCatalog: () => sync.windowCatalog(),
    reloadCatalogs: () => catalogs.reloadAll(),
  });
  registerReportRequests(connection, () => sync.currentWindowCatalog());
  // For tests and the benchmark: what the server did (a settings change that only republishes must not rescan).
  connection.onRequest('$/mailErrorCodes/stats', () => ({ fullScans: store.fullScans, catalogBuilds: catalogs.builds }));
  connection.onShutdown(() => catalogs.dispose());
  connection.listen();
}
