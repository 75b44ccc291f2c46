// Finds the code under the cursor in a line of text. Pure, so it is the same on desktop and web and easy to test.
// What a code looks like is the core's one recogniser (codeTokens, shared with the scanner and parseCode); the
// server does the explaining (describe with {text}), this only decides which characters to send.
import { codeTokens } from '../../server/src/core/catalog/codes';

export interface CodeMatch {
  text: string;
  start: number;
  end: number;
}

export function codeAt(line: string, character: number): CodeMatch | undefined {
  for (const token of codeTokens(line)) {
    // The cursor just after a code (the usual place after a double-click or typing) still counts.
    if (character >= token.start && character <= token.end) return { text: line.slice(token.start, token.end), start: token.start, end: token.end };
    if (token.start > character) break;
  }
  return undefined;
}

/** What to explain: the selection when there is one (trimmed, bounded), else the code under the cursor. */
export function textToExplain(selected: string, line: string, character: number): string | undefined {
  const selection = selected.trim();
  if (selection) return selection.slice(0, 4000);
  return codeAt(line, character)?.text;
}
