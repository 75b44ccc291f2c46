// The language server on Node (the desktop extension host, and `node dist/server/node.js --stdio` in tests).
import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { loadCustomCatalogs } from './lsp/customCatalogs';
import { startServer } from './lsp/server';

/** A catalog is a few megabytes at most: a path to anything larger (a log, a device) is refused before it is read. */
const MAX_CATALOG_BYTES = 32 * 1024 * 1024;
/** Editors save in several steps (truncate, write; or write a temporary file and rename): one reload after them. */
const SETTLE_MS = 150;

const connection = createConnection(ProposedFeatures.all);
// For the benchmark: the server's own memory, after a collection when node runs with --expose-gc.
connection.onRequest('$/mailErrorCodes/memory', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heapUsedMB: Math.round(m.heapUsed / 1e6), rssMB: Math.round(m.rss / 1e6) };
});
startServer(connection, {
  loadCustomCatalogs: (paths) => loadCustomCatalogs(paths, readCatalogFile),
  watchFiles,
  yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
});

async function readCatalogFile(path: string): Promise<string> {
  const info = await stat(path);
  if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
  if (info.size > MAX_CATALOG_BYTES) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
  return readFile(path, 'utf8');
}

/**
 * Watches the folders that hold the files rather than the files themselves: a file replaced by a rename (how many
 * editors save) or created later is still seen. A folder that cannot be watched is skipped; the "Reload Catalog"
 * command still re-reads every file.
 */
function watchFiles(paths: string[], changed: () => void): { dispose(): void } {
  const byFolder = new Map<string, Set<string>>();
  for (const p of paths) {
    const names = byFolder.get(dirname(p)) ?? new Set<string>();
    names.add(basename(p));
    byFolder.set(dirname(p), names);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watchers: FSWatcher[] = [];
  for (const [folder, names] of byFolder) {
    try {
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        if (name !== null && !names.has(String(name))) return;
        clearTimeout(timer);
        timer = setTimeout(changed, SETTLE_MS);
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // No such folder (yet), or no permission: nothing to watch there.
    }
  }
  return {
    dispose() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
