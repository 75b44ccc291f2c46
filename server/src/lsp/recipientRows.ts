// The recipients of a bounce as the views receive them: the file summary, the summaryChanged notification (the
// status bar's hard / soft and reasons) and the bounce report of a folder.
import type { RecipientOutcome } from '../core/bounce/outcome';
import { REASON_TITLES } from '../core/bounce/reason';
import type { FileRecipient, RecipientFields } from '../protocol';
import type { TrackedDocument } from './documents';

/** An outcome as the views show it, with its reason's title. */
export function recipientFields(o: RecipientOutcome): RecipientFields {
  return { recipient: o.recipient, action: o.action, reason: o.reason, reasonTitle: REASON_TITLES[o.reason], bounce: o.bounce, status: o.status, reply: o.reply, diagnostic: o.diagnostic, remoteMta: o.remoteMta };
}

/** The recipients of a document, with where it names each. */
export function fileRecipients(t: TrackedDocument): FileRecipient[] {
  return t.recipients.map((o) => ({ ...recipientFields(o), range: { start: t.doc.positionAt(o.start), end: t.doc.positionAt(o.end) } }));
}
