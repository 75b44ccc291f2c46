// One explanation of a whole reply: its reply code, enhanced code, Outlook code and the provider entry whose message
// matches. The codes are found by the scanner's own rules, so the hover, the lookup and the CLI agree with the
// diagnostics on what a text contains.
import type { Catalog, Explanation } from './catalog/catalog';
import { parseCode } from './catalog/codes';
import type { Finding } from './scan/finding';
import { scan } from './scan/scanner';

const MAX_TEXT = 4000;

/** Explains text a person asks about: a bare code, or a reply or log line pasted whole. */
export function explain(catalog: Catalog, text: string): Explanation {
  const sample = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const only = parseCode(sample);
  if (only) {
    const result = catalog.lookup(sample);
    if (only.family === 'name') return { text: sample, outlook: result.known ? result : undefined, providers: [] };
    return { text: sample, [only.family]: result, providers: [] };
  }
  const found = scan(sample, catalog, 0, sample.length, { aboutMail: true });
  const first = found.find((f) => f.family === 'reply' || f.family === 'enhanced' || f.family === 'outlook');
  return explainFindings(catalog, sample, found, first, false);
}

/**
 * The explanation of the reply `focus` belongs to, from the findings of its line: the reply and enhanced codes
 * nearest to it, its Outlook code, and the line's provider entry (or, with `providerFromFindings` false, the best
 * provider entries for the whole text).
 */
export function explainFindings(catalog: Catalog, text: string, onLine: readonly Finding[], focus: Finding | undefined, providerFromFindings = true): Explanation {
  const near = (family: Finding['family']) => {
    if (focus?.family === family) return focus;
    let best: Finding | undefined;
    for (const x of onLine) {
      if (x.family === family && (!best || Math.abs(x.start - (focus?.start ?? 0)) < Math.abs(best.start - (focus?.start ?? 0)))) best = x;
    }
    return best;
  };
  const reply = near('reply');
  const enhanced = near('enhanced');
  const outlook = focus?.family === 'outlook' ? focus : near('outlook');
  const codes = [reply?.code, enhanced?.code].filter((c): c is string => !!c);
  const provider = providerFromFindings ? onLine.find((x) => x.family === 'provider' && x.entryId) : undefined;
  const providers = provider ? [catalog.get(provider.entryId!)!] : catalog.matchProviders(text, codes).slice(0, providerFromFindings ? 1 : undefined);
  const explanation: Explanation = {
    text,
    reply: reply ? catalog.lookup(reply.code) : undefined,
    enhanced: enhanced ? catalog.lookup(enhanced.code) : undefined,
    outlook: outlook ? catalog.lookup(outlook.code) : undefined,
    providers,
    answeredBy: catalog.answeredBy(text),
  };
  if (reply && enhanced && reply.code[0] !== enhanced.code[0]) {
    explanation.inconsistency = `The reply code ${reply.code} and the enhanced code ${enhanced.code} disagree: one says ${classWord(reply.code[0])}, the other ${classWord(enhanced.code[0])}.`;
  }
  return explanation;
}

function classWord(digit: string): string {
  return digit === '2' ? 'success' : digit === '3' ? 'more input needed' : digit === '4' ? 'a temporary failure' : 'a permanent failure';
}
