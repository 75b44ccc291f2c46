// Inputs as chunks of bytes: files read with one reusable buffer, or stdin. Problems become one clear reason.
import { open } from 'node:fs/promises';
import { BINARY_PROBE, isBinary } from '../core/binary';
import { cleanLine } from './terminal';

export const CHUNK_BYTES = 1024 * 1024;

/** An input that cannot be scanned: the reason is printed as `mail-error-codes: FILE: reason`. */
export class InputError extends Error {}

export interface Input {
  /** The name shown in output ("<stdin>" for -). */
  name: string;
  /** True when the name says it is a message (.eml). */
  isMessage: boolean;
  /** Chunks of bytes; each is only valid until the next one is asked for. */
  chunks(): AsyncGenerator<Uint8Array>;
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

export function fileInput(path: string): Input {
  return {
    name: path,
    isMessage: /\.eml$/i.test(path),
    async *chunks() {
      const handle = await open(path, 'r');
      try {
        if ((await handle.stat()).isDirectory()) throw new InputError('is a directory');
        const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
        let first = true;
        for (;;) {
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
          if (bytesRead === 0) return;
          const chunk = buffer.subarray(0, bytesRead);
          if (first && isBinary(chunk)) throw new InputError('binary file, skipped');
          first = false;
          yield chunk;
        }
      } finally {
        await handle.close();
      }
    },
  };
}

export function stdinInput(stream: NodeJS.ReadableStream = process.stdin): Input {
  return {
    name: '<stdin>',
    isMessage: false,
    async *chunks() {
      // The first 8 KB are held back until they can be judged as a whole, however the stream cuts them, or until a
      // line is complete: a live stream (tail -F) may send far less than 8 KB for a long time, and its lines must go
      // through as they come.
      let held: Buffer[] | undefined = [];
      let heldBytes = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (!held) {
          yield chunk;
          continue;
        }
        held.push(chunk);
        heldBytes += chunk.length;
        if (heldBytes < BINARY_PROBE && !chunk.includes(10)) continue;
        const probe = Buffer.concat(held);
        held = undefined;
        if (isBinary(probe)) throw new InputError('binary input, skipped');
        yield probe;
      }
      if (held?.length) {
        const probe = Buffer.concat(held);
        if (isBinary(probe)) throw new InputError('binary input, skipped');
        yield probe;
      }
    },
  };
}

export { isBinary };
