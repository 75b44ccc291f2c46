// The messages in files and folders, one at a time: .eml files, mbox files (split at their "From " lines) and Maildir
// folders, walked in order without listing a whole tree in memory. A file that cannot be read is reported and the
// walk goes on.
import { opendir, open, readFile as readWhole, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isMbox, MboxSplitter, type MboxMessage } from '../core/bounce/mbox';
import { looksLikeMessage } from '../core/dsn/mime';
import { isBinary } from '../core/binary';
import { reasonOf } from './source';

export interface Message {
  /** Where it came from: the file, or "file.mbox#3" for the third message of an mbox file. */
  name: string;
  /** The file it is in (for an mbox message, the mbox file). */
  file: string;
  /** 1-based line of the message's first line in its file. */
  line: number;
  text: string;
}

export type Walked = { kind: 'message'; message: Message } | { kind: 'problem'; file: string; reason: string } | { kind: 'skipped'; file: string };

/** Messages larger than this are reported, not read. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const PROBE = 4096;
const CHUNK = 1024 * 1024;
/** Files of a folder read ahead of the one being analysed (the disk works while the core reads): at most this many… */
const AHEAD = 16;
/** …and only files up to this size (mbox files and larger messages are streamed when their turn comes). */
const SMALL = 1024 * 1024;

/**
 * Walks the arguments in order. Named files must be messages or mbox files; inside folders, files that are neither
 * (a README, an index) are skipped without an error, and hidden files and folders (Maildir's tmp/) are left out.
 */
export async function* walk(paths: string[]): AsyncGenerator<Walked> {
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      yield { kind: 'problem', file: path, reason: reasonOf(error) };
      continue;
    }
    if (info.isDirectory()) yield* walkFolder(path);
    else yield* readFile(path, true);
  }
}

async function* walkFolder(folder: string): AsyncGenerator<Walked> {
  let dir;
  try {
    dir = await opendir(folder);
  } catch (error) {
    yield { kind: 'problem', file: folder, reason: reasonOf(error) };
    return;
  }
  // Sorted within each folder so that runs are repeatable; only one folder's names are held at a time.
  const names: { name: string; folder: boolean }[] = [];
  try {
    for await (const entry of dir) {
      if (entry.name.startsWith('.') || entry.name === 'tmp') continue;
      if (entry.isDirectory()) names.push({ name: entry.name, folder: true });
      else if (entry.isFile() || entry.isSymbolicLink()) names.push({ name: entry.name, folder: false });
    }
  } catch (error) {
    yield { kind: 'problem', file: folder, reason: reasonOf(error) };
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // The next few small files are read while this one is analysed; what they yield comes out in order.
  const ahead = new Map<number, Promise<Walked[] | undefined>>();
  let next = 0;
  for (let k = 0; k < names.length; k++) {
    while (ahead.size < AHEAD && next < names.length) {
      const j = next++;
      if (!names[j].folder) ahead.set(j, readSmall(join(folder, names[j].name)));
    }
    const entry = names[k];
    const path = join(folder, entry.name);
    if (entry.folder) {
      yield* walkFolder(path);
      continue;
    }
    const read = await ahead.get(k);
    ahead.delete(k);
    if (read) yield* read;
    else yield* readFile(path, false);
  }
}

/**
 * A small file of a folder, read whole: what it yields (a message, or nothing for a file that is not one), or
 * undefined for a file to stream (an mbox file, a large one) or to read again for its error.
 */
async function readSmall(path: string): Promise<Walked[] | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > SMALL) return undefined;
    const bytes = await readWhole(path);
    const head = bytes.subarray(0, PROBE);
    if (isBinary(head)) return [{ kind: 'skipped', file: path }];
    const text = new TextDecoder('utf-8').decode(bytes);
    if (isMbox(text.slice(0, PROBE))) return undefined;
    if (!looksLikeMessage(text.slice(0, PROBE)) && !/\.eml$/i.test(path)) return [{ kind: 'skipped', file: path }];
    return [{ kind: 'message', message: { name: path, file: path, line: 1, text } }];
  } catch {
    return undefined;
  }
}

/** One file: a message, or an mbox file split into its messages. */
async function* readFile(path: string, named: boolean): AsyncGenerator<Walked> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    yield { kind: 'problem', file: path, reason: reasonOf(error) };
    return;
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) {
      yield { kind: 'problem', file: path, reason: 'is a directory' };
      return;
    }
    const probe = Buffer.alloc(Math.min(PROBE, info.size));
    const { bytesRead } = await handle.read(probe, 0, probe.length, 0);
    const head = probe.subarray(0, bytesRead);
    if (isBinary(head)) {
      if (named) yield { kind: 'problem', file: path, reason: 'binary file, not a message' };
      else yield { kind: 'skipped', file: path };
      return;
    }
    const start = new TextDecoder('utf-8').decode(head);
    if (isMbox(start)) {
      yield* readMbox(handle, path);
      return;
    }
    if (!looksLikeMessage(start) && !/\.eml$/i.test(path)) {
      if (named) yield { kind: 'problem', file: path, reason: 'not a message (.eml) or mbox file' };
      else yield { kind: 'skipped', file: path };
      return;
    }
    if (info.size > MAX_MESSAGE_BYTES) {
      yield { kind: 'problem', file: path, reason: `larger than ${MAX_MESSAGE_BYTES / 1048576} MB, not read` };
      return;
    }
    const bytes = Buffer.alloc(info.size);
    let read = 0;
    while (read < bytes.length) {
      const r = await handle.read(bytes, read, bytes.length - read, read);
      if (r.bytesRead === 0) break;
      read += r.bytesRead;
    }
    yield { kind: 'message', message: { name: path, file: path, line: 1, text: new TextDecoder('utf-8').decode(bytes.subarray(0, read)) } };
  } catch (error) {
    yield { kind: 'problem', file: path, reason: reasonOf(error) };
  } finally {
    await handle.close();
  }
}

/** An mbox file, streamed: a message ends where a line starting with "From " follows an empty line. */
async function* readMbox(handle: Awaited<ReturnType<typeof open>>, path: string): AsyncGenerator<Walked> {
  const decoder = new TextDecoder('utf-8');
  const buffer = Buffer.allocUnsafe(CHUNK);
  const splitter = new MboxSplitter(MAX_MESSAGE_BYTES);
  const walked = (m: MboxMessage): Walked => {
    const name = `${path}#${m.index}`;
    return m.tooBig ? { kind: 'problem', file: name, reason: `message larger than ${MAX_MESSAGE_BYTES / 1048576} MB, not read` } : { kind: 'message', message: { name, file: path, line: m.line, text: m.text } };
  };
  let pending = '';
  for (let position = 0; ; ) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    position += bytesRead;
    pending += decoder.decode(buffer.subarray(0, bytesRead), { stream: bytesRead > 0 });
    let from = 0;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n', from)) {
      const done = splitter.push(pending.slice(from, nl + 1));
      from = nl + 1;
      if (done) yield walked(done);
    }
    pending = pending.slice(from);
    if (bytesRead === 0) break;
  }
  if (pending) {
    const done = splitter.push(pending);
    if (done) yield walked(done);
  }
  const last = splitter.end();
  if (last) yield walked(last);
}
