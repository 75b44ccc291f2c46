// The words of the status bar item (statusBar.ts), apart from the editor API so that they can be tested alone.
import type { FileRecipient, FileSummary } from '../../server/src/protocol';

/** The item's text and tooltip for a summary: failures as a person counts them, in words, with our own icon. */
export function describe(summary: Pick<FileSummary, 'failures' | 'findings' | 'complete'> & { recipients?: readonly FileRecipient[] }): { text: string; tooltip: string } {
  const { unit, permanent, transient } = summary.failures;
  const bounce = unit === 'recipient';
  const later = bounce ? 'delayed' : 'deferred';
  const parts = [permanent ? `${permanent} failed` : '', transient ? `${transient} ${later}` : ''].filter(Boolean);
  const text = `$(mail) ${parts.length ? parts.join(', ') : summary.findings ? 'no failures' : 'no mail codes'}${summary.complete ? '' : ' …'}`;
  const what = bounce
    ? `${plural(permanent, 'recipient')} failed permanently, ${transient} delayed (will be retried)`
    : `${plural(permanent, 'delivery', 'deliveries')} failed permanently, ${transient} deferred (transient failures), counted once per line`;
  const recipients = summary.recipients ?? [];
  const tooltip = `Mail Error Codes — ${bounce ? 'this bounce' : 'this file'}: ${what}; ${plural(summary.findings, 'mail code')} in all.`
    + `${recipients.length ? `\nRecipients: ${recipientCounts(recipients)}${reasonCounts(recipients)}.` : ''}`
    + `${summary.complete ? '' : '\nStill analysing: these are the last counts.'}\nClick to show them in In This File.`;
  return { text, tooltip };
}

function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** "1 failed · 1 delayed · 1 hard, 1 soft": what a bounce's recipients come to. */
export function recipientCounts(recipients: readonly FileRecipient[]): string {
  const failed = recipients.filter((r) => r.action === 'failed').length;
  const delayed = recipients.filter((r) => r.action === 'delayed').length;
  const hard = recipients.filter((r) => r.bounce === 'hard').length;
  const soft = recipients.filter((r) => r.bounce === 'soft').length;
  const complaints = recipients.filter((r) => r.action === 'feedback').length;
  const replies = recipients.filter((r) => r.action === 'vacation').length;
  const parts = [
    failed && `${failed} failed`,
    delayed && `${delayed} delayed`,
    hard + soft ? `${hard} hard, ${soft} soft` : '',
    complaints && `${complaints} complaint${complaints === 1 ? '' : 's'}`,
    replies && `${replies} automatic repl${replies === 1 ? 'y' : 'ies'}`,
  ].filter(Boolean);
  return parts.join(' · ') || `${recipients.length} delivered`;
}

/** " (user unknown ×2, mailbox full)": the reasons of the bounced recipients, most frequent first. */
function reasonCounts(recipients: readonly FileRecipient[]): string {
  const counts = new Map<string, number>();
  for (const r of recipients) if (r.bounce !== 'none') counts.set(r.reasonTitle, (counts.get(r.reasonTitle) ?? 0) + 1);
  if (!counts.size) return '';
  return ` (${[...counts].sort((a, b) => b[1] - a[1]).map(([t, n]) => (n > 1 ? `${t} ×${n}` : t)).join(', ')})`;
}
