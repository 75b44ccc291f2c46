// The words of the status bar item (statusBar.ts), apart from the editor API so that they can be tested alone.
import type { FileSummary } from '../../server/src/protocol';

/** The item's text and tooltip for a summary: failures as a person counts them, in words, with our own icon. */
export function describe(summary: Pick<FileSummary, 'failures' | 'findings' | 'complete'>): { text: string; tooltip: string } {
  const { unit, permanent, transient } = summary.failures;
  const bounce = unit === 'recipient';
  const later = bounce ? 'delayed' : 'deferred';
  const parts = [permanent ? `${permanent} failed` : '', transient ? `${transient} ${later}` : ''].filter(Boolean);
  const text = `$(mail) ${parts.length ? parts.join(', ') : summary.findings ? 'no failures' : 'no mail codes'}${summary.complete ? '' : ' …'}`;
  const what = bounce
    ? `${plural(permanent, 'recipient')} failed permanently, ${transient} delayed (will be retried)`
    : `${plural(permanent, 'delivery', 'deliveries')} failed permanently, ${transient} deferred (transient failures), counted once per line`;
  const tooltip = `Mail Error Codes — ${bounce ? 'this bounce' : 'this file'}: ${what}; ${plural(summary.findings, 'mail code')} in all.`
    + `${summary.complete ? '' : '\nStill analysing: these are the last counts.'}\nClick to show them in In This File.`;
  return { text, tooltip };
}

function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
