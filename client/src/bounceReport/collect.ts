// The files of a folder, walked with workspace.fs (local, remote and virtual workspaces alike), and the messages in
// each: an .eml file is one message, an mbox file is split into its messages.
import * as vscode from 'vscode';
import { isMbox, splitMbox } from '../../../server/src/core/bounce/mbox';
import { looksLikeMessage } from '../../../server/src/core/dsn/mime';

/** Larger files are reported, not read (the editor holds a whole file while it splits it). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
const MAX_MESSAGE_CHARS = 64 * 1024 * 1024;
const SKIPPED_FOLDERS = new Set(['tmp', 'node_modules']);

/** Every file under `root`, in name order; hidden files and folders and Maildir's tmp/ are left out. */
export async function listFiles(root: vscode.Uri, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  const stack = [root];
  while (stack.length && !token.isCancellationRequested) {
    const folder = stack.pop()!;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(folder);
    } catch {
      continue;
    }
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const folders: vscode.Uri[] = [];
    for (const [name, type] of entries) {
      if (name.startsWith('.')) continue;
      const uri = vscode.Uri.joinPath(folder, name);
      if (type & vscode.FileType.Directory) {
        if (!SKIPPED_FOLDERS.has(name)) folders.push(uri);
      } else if (type & vscode.FileType.File) out.push(uri);
    }
    // Depth first, in name order: the report lists files as a file manager would.
    for (let i = folders.length - 1; i >= 0; i--) stack.push(folders[i]);
  }
  return out;
}

export interface FileMessage {
  /** 0-based line of the message's first line in its file. */
  line: number;
  /** "#3" for the third message of an mbox file, "" for a message file. */
  suffix: string;
  text: string;
}

export type ReadFile = { kind: 'messages'; messages: FileMessage[] } | { kind: 'skipped' } | { kind: 'problem'; reason: string };

/** Reads one file: its messages, or why it was skipped or could not be read. */
export async function readMessages(uri: vscode.Uri): Promise<ReadFile> {
  let bytes: Uint8Array;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_FILE_BYTES) return { kind: 'problem', reason: `larger than ${MAX_FILE_BYTES / 1048576} MB, not read` };
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    return { kind: 'problem', reason: error instanceof vscode.FileSystemError ? error.code || error.message : String(error) };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { kind: 'skipped' };
  const text = new TextDecoder('utf-8').decode(bytes);
  if (isMbox(text.slice(0, 4096))) {
    return { kind: 'messages', messages: splitMbox(text, MAX_MESSAGE_CHARS).filter((m) => !m.tooBig).map((m) => ({ line: m.line - 1, suffix: `#${m.index}`, text: m.text })) };
  }
  if (!looksLikeMessage(text.slice(0, 16384)) && !/\.eml$/i.test(uri.path)) return { kind: 'skipped' };
  return { kind: 'messages', messages: [{ line: 0, suffix: '', text: text.length > MAX_MESSAGE_CHARS ? text.slice(0, MAX_MESSAGE_CHARS) : text }] };
}
