import catalogData from 'catalog:compiled';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ByteReader } from '../server/src/cli/source';
import { Catalog } from '../server/src/core/catalog/catalog';

export const root = process.cwd();
export const catalog = new Catalog(catalogData);
export const fixture = (name: string) => readFileSync(join(root, 'test/fixtures', name), 'utf8');

/** "text at [line:col]" for findings: easier to read in assertion failures than offsets. */
export function located(text: string, f: { start: number; end: number }) {
  const before = text.slice(0, f.start);
  const line = before.split('\n').length;
  return { line, character: f.start - before.lastIndexOf('\n') - 1, text: text.slice(f.start, f.end) };
}

/** A reader handing out `piece` bytes at a time, as a pipe might. */
export function pieces(bytes: Uint8Array, piece: number): ByteReader {
  let at = 0;
  return {
    async read(buffer, offset, length) {
      const n = Math.min(length, piece, bytes.length - at);
      buffer.set(bytes.subarray(at, at + n), offset);
      at += n;
      return n;
    },
    async close() {},
  };
}
