// Whether bytes are text at all: one rule for every input (the command line's scan and report, the editor's report).

/** How much of the start of an input is looked at. */
export const BINARY_PROBE = 8192;

/**
 * Not text: more than one byte in twenty of the first 8 KB is a control byte (NUL and the like; tabs, line breaks,
 * form feeds and escapes are text). A stray NUL (a bounce saved with one at its end) leaves a text a text; UTF-16
 * files are half NULs (the report reads them when a byte order mark says so).
 */
export function isBinary(chunk: Uint8Array): boolean {
  const probe = chunk.subarray(0, BINARY_PROBE);
  let control = 0;
  for (let i = 0; i < probe.length; i++) {
    const b = probe[i];
    if ((b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) || b === 127) control++;
  }
  return control * 20 > probe.length;
}
