// What a report reads: the active log (its unsaved text when it has changes), chosen files, or every file of a folder,
// oldest first. Files are read through vscode.workspace.fs (VS Code for the Web included) or, on the desktop, streamed
// from disk; gzip-compressed ones (rotated logs) are decompressed on the way.
import * as vscode from 'vscode';
import { isGzip } from '../../../server/src/core/report/decode';
import { compareLogAge } from '../../../server/src/core/report/order';

export interface ReportInput {
  uri: vscode.Uri;
  /** The name shown in the report: the path relative to the workspace (or the folder chosen). */
  name: string;
  /** Bytes to read (0 when unknown), for the progress. */
  size: number;
  /** Unsaved text of an open document, read instead of the file. */
  text?: string;
}

/** Streams a file's bytes where the platform can (the desktop: file: URIs); undefined elsewhere. */
export type FileStreamer = (uri: vscode.Uri) => AsyncIterable<Uint8Array> | undefined;

const MAX_FILES = 1000;
const MAX_DEPTH = 4;

/** The inputs of the target: a file, several, or a folder (recursively, without hidden folders). */
export async function inputsOf(targets: vscode.Uri[]): Promise<ReportInput[]> {
  const inputs: ReportInput[] = [];
  for (const target of targets) {
    const stat = await vscode.workspace.fs.stat(target);
    if (stat.type & vscode.FileType.Directory) {
      const files: { uri: vscode.Uri; size: number }[] = [];
      await walk(target, 0, files);
      files.sort((a, b) => compareLogAge(a.uri.path, b.uri.path));
      for (const f of files) inputs.push({ uri: f.uri, name: nameOf(f.uri), size: f.size });
    } else {
      inputs.push({ uri: target, name: nameOf(target), size: stat.size });
    }
  }
  if (targets.length > 1) inputs.sort((a, b) => compareLogAge(a.uri.path, b.uri.path));
  return inputs;
}

async function walk(dir: vscode.Uri, depth: number, out: { uri: vscode.Uri; size: number }[]) {
  const entries = await vscode.workspace.fs.readDirectory(dir);
  for (const [name, type] of entries) {
    if (out.length >= MAX_FILES) return;
    if (name.startsWith('.') || name === 'node_modules') continue;
    const uri = vscode.Uri.joinPath(dir, name);
    if (type & vscode.FileType.Directory) {
      if (depth < MAX_DEPTH) await walk(uri, depth + 1, out);
    } else if (type & vscode.FileType.File) {
      const stat = await vscode.workspace.fs.stat(uri).then((s) => s.size, () => 0);
      out.push({ uri, size: stat });
    }
  }
}

export function nameOf(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
}

/** The bytes of an input: streamed where possible, in pieces otherwise; decompressed when they are gzip data. */
export async function* bytesOf(input: ReportInput, stream: FileStreamer | undefined): AsyncGenerator<Uint8Array> {
  if (input.text !== undefined) {
    yield new TextEncoder().encode(input.text);
    return;
  }
  const source = stream?.(input.uri) ?? wholeFile(input.uri);
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const rest = { [Symbol.asyncIterator]: () => iterator };
  if (!isGzip(first.value)) {
    yield first.value;
    yield* rest;
    return;
  }
  // DecompressionStream: in browsers and in the desktop extension host's Node alike.
  const compressed = new ReadableStream<BufferSource>({
    async start(controller) {
      controller.enqueue(first.value as Uint8Array<ArrayBuffer>);
      for await (const chunk of rest) controller.enqueue(chunk as Uint8Array<ArrayBuffer>);
      controller.close();
    },
  });
  const reader = compressed.pipeThrough(new DecompressionStream('gzip')).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

async function* wholeFile(uri: vscode.Uri): AsyncGenerator<Uint8Array> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  // In pieces, so that progress and cancellation work for a big file too.
  for (let i = 0; i < bytes.length; i += 1 << 20) yield bytes.subarray(i, i + (1 << 20));
}
