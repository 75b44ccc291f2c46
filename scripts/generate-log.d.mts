// Types of generate-log.mjs, for the TypeScript tests that import it.
export interface LogOptions {
  /** Transcripts, numbers that are not codes, and a very long line every 997 lines (for the tests). */
  hard?: boolean;
}
export function lineMaker(seed?: number, options?: LogOptions): () => string;
export function generateLog(bytes: number, seed?: number, options?: LogOptions): string;
