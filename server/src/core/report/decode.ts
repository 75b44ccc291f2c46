// Bytes of an input to text. Most logs are UTF-8; Exchange admin center exports (message traces) are often UTF-16
// with a byte order mark. Without one, bytes that are not text (core/binary.ts) are refused.
import { isBinary } from '../binary';

export class BinaryInputError extends Error {
  constructor() {
    super('binary file, skipped');
  }
}

export class TextInput {
  private decoder?: TextDecoder;

  /** Text of the next bytes (a character cut between two chunks comes out with the next one). */
  decode(bytes: Uint8Array): string {
    if (!this.decoder) {
      const bom16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
      if (!bom16 && isBinary(bytes)) throw new BinaryInputError();
      this.decoder = new TextDecoder(bom16 ?? 'utf-8');
    }
    return this.decoder.decode(bytes, { stream: true });
  }

  end(): string {
    return this.decoder?.decode() ?? '';
  }
}

/** True for gzip data (rotated logs: mail.log.2.gz): the hosts decompress it before decoding. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}
