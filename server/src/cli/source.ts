// Inputs as bytes: a file or standard input read into the caller's buffer. Problems become one clear reason.
import { open } from 'node:fs/promises';
import { BINARY_PROBE, isBinary } from '../core/binary';
import { cleanLine } from './terminal';

/** An input that cannot be scanned: the reason is printed as `mail-error-codes: FILE: reason`. */
export class InputError extends Error {}

export interface Input {
  /** The name shown in output ("<stdin>" for -). */
  name: string;
  /** True when the name says it is a message (.eml). */
  isMessage: boolean;
  /** A file's path (files can be read in parts, by several threads); absent for standard input. */
  path?: string;
  /** Opens the input. Throws InputError (or a file system error) when it cannot be read. */
  open(): Promise<ByteReader>;
}

export interface ByteReader {
  /** Size in bytes when known up front (a regular file). */
  readonly size?: number;
  /** Fills buffer[offset, offset + length) as far as the input goes; 0 at its end. */
  read(buffer: Uint8Array, offset: number, length: number): Promise<number>;
  close(): Promise<void>;
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
};

/** Why an input could not be read, in words, ready for a terminal (a system message can quote the file name). */
export function reasonOf(error: unknown): string {
  if (error instanceof InputError) return cleanLine(error.message);
  const code = (error as NodeJS.ErrnoException)?.code;
  return cleanLine((code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error)));
}

/**
 * Reads the input's first bytes and refuses binary input. They are judged as a whole once 8 KB are there (however a
 * stream cuts them), or once a line is complete: a live stream (tail -F) may send far less than 8 KB for a long time,
 * and its lines must go through as they come.
 */
export async function readHead(input: Input, reader: ByteReader, buffer: Uint8Array): Promise<number> {
  let filled = 0;
  for (;;) {
    const n = await reader.read(buffer, filled, buffer.length - filled);
    filled += n;
    if (!n || filled >= BINARY_PROBE || buffer.subarray(filled - n, filled).includes(10)) break;
  }
  if (isBinary(buffer.subarray(0, filled))) throw new InputError(input.path === undefined ? 'binary input, skipped' : 'binary file, skipped');
  return filled;
}

export function fileInput(path: string): Input {
  return {
    name: path,
    path,
    isMessage: /\.eml$/i.test(path),
    async open() {
      const handle = await open(path, 'r');
      try {
        const stat = await handle.stat();
        if (stat.isDirectory()) throw new InputError('is a directory');
        return fileReader(handle, stat.isFile() ? stat.size : undefined, 0);
      } catch (error) {
        await handle.close();
        throw error;
      }
    },
  };
}

type Handle = Awaited<ReturnType<typeof open>>;

function fileReader(handle: Handle, size: number | undefined, position: number): ByteReader {
  return {
    size,
    async read(buffer, offset, length) {
      const { bytesRead } = await handle.read(buffer, offset, length, position);
      position += bytesRead;
      return bytesRead;
    },
    close: () => handle.close(),
  };
}

/** Bytes [start, end) of a file (to its end by default), for one thread's part of a big file. */
export async function fileRange(path: string, start: number, end = Infinity): Promise<ByteReader> {
  const handle = await open(path, 'r');
  const size = Number.isFinite(end) ? end - start : undefined;
  const reader = fileReader(handle, size, start);
  let left = end - start;
  return {
    size,
    async read(buffer, offset, length) {
      const n = await reader.read(buffer, offset, Math.min(length, left));
      left -= n;
      return n;
    },
    close: () => reader.close(),
  };
}

export function stdinInput(stream: NodeJS.ReadableStream = process.stdin): Input {
  return {
    name: '<stdin>',
    isMessage: false,
    async open() {
      return streamReader(stream);
    },
  };
}

/** A stream's chunks copied into the reader's buffer as it asks for them; a read returns what has arrived. */
function streamReader(stream: NodeJS.ReadableStream): ByteReader {
  const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let rest: Uint8Array | undefined;
  return {
    async read(buffer, offset, length) {
      if (!rest?.length) {
        const next = await chunks.next();
        if (next.done) return 0;
        rest = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      }
      const n = Math.min(length, rest.length);
      buffer.set(rest.subarray(0, n), offset);
      rest = rest.subarray(n);
      return n;
    },
    async close() {
      await chunks.return?.();
    },
  };
}

/** Bytes already read, then the rest of the reader. */
export function prefixed(first: Uint8Array[], reader: ByteReader): ByteReader {
  let i = 0;
  return {
    size: reader.size,
    async read(buffer, offset, length) {
      while (i < first.length && !first[i].length) i++;
      if (i === first.length) return reader.read(buffer, offset, length);
      const n = Math.min(length, first[i].length);
      buffer.set(first[i].subarray(0, n), offset);
      first[i] = first[i].subarray(n);
      return n;
    },
    close: () => reader.close(),
  };
}
