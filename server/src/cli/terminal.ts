// Colour for the terminal: only when the stream is a TTY and NO_COLOR is unset or empty; FORCE_COLOR (not "0") forces it.
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string) => s;

export function styleFor(colour: boolean): Style {
  if (!colour) return { bold: plain, dim: plain, red: plain, yellow: plain, blue: plain, green: plain, cyan: plain };
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), green: wrap(32, 39), cyan: wrap(36, 39) };
}

// C0 and C1 controls but tab and line feed (an ESC starts a terminal escape sequence), and the invisible marks that
// reorder how a line is displayed (bidirectional overrides and isolates), which can make text read as something else.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /[\t\n\u2028\u2029]+/g;

/** Every string from outside (files, their names, arguments, system messages, catalogs) is cleaned before it is printed. */
export function clean(text: string): string {
  return text.replace(CONTROLS, '');
}

/** clean() for one-line messages (a file name, an error): line breaks become spaces, so no line can be forged. */
export function cleanLine(text: string): string {
  return clean(text).replace(LINE_BREAKS, ' ');
}

const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON for output that may be read on a terminal: the same value once parsed, but the characters JSON.stringify
 * leaves raw and a terminal would act on (DEL, C1 controls, display reordering, line separators) are \u-escaped.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
