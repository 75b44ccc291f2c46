// Finds the code under the cursor in a line of text. Pure, so it is the same on desktop and web and easy to test.
// The server does the real recognition (describe with {text}); this only decides which characters to send.

export interface CodeMatch {
  text: string;
  start: number;
  end: number;
}

// Most specific first: "5.1.1" must not be read as the reply code "5", "0x800CCC0E" not as a word.
const PATTERNS: readonly RegExp[] = [
  /(?<![\w.])0[xX\u00d7][0-9a-fA-F]{8}(?!\w)/g,
  /(?<![\w.])8[0-9a-fA-F]{7}(?!\w)/g,
  /(?<![\w.#])#?[245xX]\.\d{1,3}\.\d{1,3}(?![\w]|\.\d)/g,
  /(?<![\w.])[A-Z][A-Z0-9]*_[A-Z0-9_]+(?!\w)/g,
  /(?<![\w.])[2-5]\d{2}(?![\w]|\.\d)/g,
];

export function codeAt(line: string, character: number): CodeMatch | undefined {
  for (const pattern of PATTERNS) {
    for (const match of line.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      // The cursor just after a code (the usual place after a double-click or typing) still counts.
      if (character >= start && character <= end) {
        // A bare 8-digit hex word is only a code when it has a letter: 80000000 alone is just a number.
        if (pattern === PATTERNS[1] && !/[a-fA-F]/.test(match[0])) continue;
        return { text: match[0].replace(/^#/, ''), start, end };
      }
    }
  }
  return undefined;
}

/** What to explain: the selection when there is one (trimmed, bounded), else the code under the cursor. */
export function textToExplain(selected: string, line: string, character: number): string | undefined {
  const selection = selected.trim();
  if (selection) return selection.slice(0, 4000);
  return codeAt(line, character)?.text;
}
