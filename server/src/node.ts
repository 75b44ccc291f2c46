// The language server on Node (the desktop extension host, and `node dist/server/node.js --stdio` in tests).
import { readFile } from 'node:fs/promises';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { loadCustomCatalogs } from './lsp/customCatalogs';
import { startServer } from './lsp/server';

const connection = createConnection(ProposedFeatures.all);
// For the benchmark: the server's own memory, after a collection when node runs with --expose-gc.
connection.onRequest('$/mailErrorCodes/memory', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heapUsedMB: Math.round(m.heapUsed / 1e6), rssMB: Math.round(m.rss / 1e6) };
});
startServer(connection, {
  loadCustomCatalogs: (paths) => loadCustomCatalogs(paths, (path) => readFile(path, 'utf8')),
  yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
});
