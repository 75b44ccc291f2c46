// The settings as they apply to each document. Every mailErrorCodes.* setting is resource-scoped, so a folder of a
// multi-root workspace can have its own: they are pulled per workspace folder (workspace/configuration with the
// folder as scopeUri), cached until the next configuration change. Clients that cannot be asked push one set for all.
import type { Connection, WorkspaceFolder } from 'vscode-languageserver';
import type { Family } from '../core/types';
import { DEFAULTS, matcherFor, parseSettings, type Settings } from './settings';

export interface ScopedSettings {
  settings: Settings;
  /** Whether a document is ours (files.include), by URI and language. */
  isOurs(uri: string, languageId: string): boolean;
  families: ReadonlySet<Family>;
  /** The folder the settings belong to, as a file system path (relative custom catalog paths start there). */
  folderPath?: string;
}

export class SettingsScopes {
  private folders: string[] = [];
  private readonly cache = new Map<string, Promise<ScopedSettings>>();
  private pull = false;
  private pushed: unknown;

  constructor(private readonly connection: Connection, private readonly report: (problem: string) => void) {}

  initialize(pull: boolean, folders: WorkspaceFolder[] | null | undefined, rootUri: string | null | undefined, pushed?: unknown) {
    this.pull = pull;
    this.pushed = pushed;
    this.setFolders(folders?.map((f) => f.uri) ?? (rootUri ? [rootUri] : []));
  }

  setFolders(uris: string[]) {
    // Longest first: a document belongs to the innermost folder that holds it.
    this.folders = uris.map((u) => u.replace(/\/+$/, '')).sort((a, b) => b.length - a.length);
    this.cache.clear();
  }

  get folderUris(): readonly string[] {
    return this.folders;
  }

  /** A configuration change: forget what was pulled; `pushed` replaces the settings of clients that cannot be asked. */
  invalidate(pushed?: unknown) {
    if (pushed !== undefined) this.pushed = pushed;
    this.cache.clear();
  }

  /** The settings of the folder that holds the document (the window's settings outside every folder). */
  for(uri: string): Promise<ScopedSettings> {
    return this.scope(this.folders.find((f) => uri.startsWith(`${f}/`)));
  }

  /** The window's settings (no folder): for what belongs to no document, such as the catalog the views show. */
  window(): Promise<ScopedSettings> {
    return this.scope(this.folders.length === 1 ? this.folders[0] : undefined);
  }

  private scope(folder: string | undefined): Promise<ScopedSettings> {
    const key = folder ?? '';
    let scoped = this.cache.get(key);
    if (!scoped) {
      scoped = this.read(folder);
      this.cache.set(key, scoped);
    }
    return scoped;
  }

  private async read(folder: string | undefined): Promise<ScopedSettings> {
    let raw = this.pushed;
    if (this.pull) {
      try {
        raw = await this.connection.workspace.getConfiguration({ scopeUri: folder, section: 'mailErrorCodes' });
      } catch (error) {
        // The client could not answer: use what was pushed this time, and ask again next time.
        this.connection.console.warn(`could not read the settings${folder ? ` of ${folder}` : ''}: ${String(error)}`);
        this.cache.delete(folder ?? '');
      }
    }
    const { settings, problems } = raw === undefined || raw === null ? { settings: DEFAULTS, problems: [] } : parseSettings(raw);
    for (const p of problems) this.report(p);
    return {
      settings,
      isOurs: matcherFor(settings.include),
      families: new Set((Object.keys(settings.families) as Family[]).filter((f) => settings.families[f])),
      folderPath: folder ? fileUriToPath(folder) : this.folders.length ? fileUriToPath(this.folders[this.folders.length - 1]) : undefined,
    };
  }
}

/**
 * The file system path of a file: URI, also for Windows: file:///c%3A/Users/x is c:/Users/x, file://server/share
 * is //server/share. Undefined for other schemes (a virtual workspace has no paths to read).
 */
export function fileUriToPath(uri: string): string | undefined {
  const m = /^file:\/\/([^/]*)(\/.*)?$/i.exec(uri);
  if (!m) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(m[2] ?? '/');
  } catch {
    return undefined;
  }
  if (/^\/[A-Za-z]:(?:[\\/]|$)/.test(path)) path = path.slice(1);
  const host = m[1].toLowerCase();
  return host && host !== 'localhost' ? `//${m[1]}${path}` : path;
}

/** Custom catalog paths may be relative to the document's workspace folder, or start with ${workspaceFolder}. */
export function resolveAgainst(dir: string | undefined, path: string): string {
  const p = path.replace(/^\$\{workspaceFolder\}[\\/]?/, '');
  if (!dir || /^(?:[\\/]|[A-Za-z]:[\\/])/.test(p)) return p;
  return `${dir.replace(/[\\/]+$/, '')}${dir.includes('\\') && !dir.includes('/') ? '\\' : '/'}${p}`;
}
