// The language server on Node (the desktop extension host, and `node dist/server/node.js --stdio` in tests).
import { readFile } from 'node:fs/promises';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, {
  readFile: (path) => readFile(path, 'utf8'),
  yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
});
