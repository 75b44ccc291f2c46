// One recipient's outcome as a bounce (or a delivery report, a complaint, an automatic reply) tells it: its own type,
// not a Finding, because it is about an address, not a code found at a place in the text.
import { classify, commandOf, isBounce, isHard, REASON_TITLES, type Reason, type ReasonInput } from './reason';
export { HARD_SOFT_NOTE } from './taxonomy';

/** What happened to the message for this recipient. */
export type Action = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded' | 'feedback' | 'vacation' | 'unknown';

export interface RecipientOutcome {
  recipient: string;
  action: Action;
  /** Enhanced status code (5.1.1). */
  status?: string;
  /** SMTP reply code (550). */
  reply?: string;
  /** The remote server's reply or the reporting MTA's explanation, on one line. */
  diagnostic?: string;
  /** The SMTP command the failure answered (RCPT, MAIL, DATA …), where the bounce says. */
  command?: string;
  remoteMta?: string;
  reportingMta?: string;
  /** Last-Attempt-Date, Arrival-Date or the report's Date, as written. */
  date?: string;
  reason: Reason;
  /** hard: the address will never work; soft: any other failure; none: not a failure. */
  bounce: 'hard' | 'soft' | 'none';
  /** The format that told it: rfc3464, exim, qmail, sendmail, postfix … */
  format: string;
  /** Offsets of the recipient (or of its report line) in the text that was analysed. */
  start: number;
  end: number;
}

export interface OutcomeFields extends Omit<RecipientOutcome, 'reason' | 'bounce' | 'action' | 'start' | 'end'> {
  action?: Action;
  start: number;
  end: number;
  diagnosticType?: string;
  providerReason?: Reason;
  formatReason?: Reason;
  /**
   * The report's own explanation, for every recipient it names ("not reachable within the allowed queue period"): it
   * decides the reason of a recipient whose lines say nothing that does.
   */
  context?: string;
}

/** The reason a report's explanation gives, for the given status, reply and command; undefined when it names none. */
export type ContextReason = (input: ReasonInput, context: string) => Reason | undefined;

const STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
// Not the first number of an IP address (203.0.113.5) or a version: a dot after it ends a sentence, not a number.
const REPLY = /(?:^|[\s(:;'"])([245][0-5]\d)(?=[\s\-:,;)'"]|\.(?!\d)|$)/;

/** The first enhanced status code in a text (5.1.1), without leading zeros. */
export function statusIn(text: string | undefined): string | undefined {
  const m = text ? STATUS.exec(text) : null;
  return m ? `${m[1]}.${Number(m[2])}.${Number(m[3])}` : undefined;
}

/** The first reply code in a text, where it stands as a code ("550 5.1.1", "said: 550-…", "(550)"). */
export function replyIn(text: string | undefined): string | undefined {
  const m = text ? REPLY.exec(text) : null;
  return m?.[1];
}

/** Builds an outcome: fills what can be read from the diagnostic, then decides the reason and hard / soft. */
export function makeOutcome(f: OutcomeFields, contextReason: ContextReason = reasonOfContext): RecipientOutcome {
  const diagnostic = f.diagnostic ? oneLine(f.diagnostic) : undefined;
  const reply = f.reply ?? replyIn(diagnostic);
  const status = f.status ?? statusIn(diagnostic);
  const command = f.command ?? commandOf(diagnostic);
  const action: Action = f.action ?? (status?.startsWith('2') ? 'delivered' : status?.startsWith('4') || (!status && reply?.startsWith('4')) ? 'delayed' : 'failed');
  const input: ReasonInput = { status, reply, diagnostic, command, action, diagnosticType: f.diagnosticType, providerReason: f.providerReason, formatReason: f.formatReason };
  let reason: Reason = action === 'feedback' ? 'feedback' : action === 'vacation' ? 'vacation' : classify(input);
  if ((reason === 'onhold' || reason === 'undefined') && f.context) reason = contextReason(input, f.context) ?? reason;
  const code = status ?? reply;
  const bounce = !isBounce(reason) ? 'none' : isHard(reason, code) ? 'hard' : 'soft';
  return {
    recipient: f.recipient,
    action,
    status,
    reply,
    diagnostic,
    command,
    remoteMta: f.remoteMta,
    reportingMta: f.reportingMta,
    date: f.date,
    reason,
    bounce,
    format: f.format,
    start: f.start,
    end: f.end,
  };
}

/** The reason the words of a report's explanation give, if they give one. */
export function reasonOfContext(input: ReasonInput, context: string): Reason | undefined {
  const r = classify({ ...input, diagnostic: context });
  return r === 'onhold' || r === 'undefined' ? undefined : r;
}

/** Diagnostics are shown on one line: folded and wrapped text is joined with single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 4000);
}

/** How the outcome reads in a sentence ("failed permanently", "delayed", "complaint" …). */
export function actionWords(action: Action): string {
  switch (action) {
    case 'failed': return 'failed permanently';
    case 'delayed': return 'delayed (a transient failure)';
    case 'feedback': return 'complaint report (not a bounce)';
    case 'vacation': return 'automatic reply (not a bounce)';
    default: return action;
  }
}

export function bounceWords(bounce: RecipientOutcome['bounce']): string {
  return bounce === 'hard' ? 'hard: the address itself will never work' : bounce === 'soft' ? 'soft: the address may work once the cause is fixed' : 'not a bounce';
}


/** One line about an outcome: "bob@example.org: failed permanently (550 5.1.1) — user unknown, hard bounce". */
export function outcomeLine(o: RecipientOutcome): string {
  const codes = [o.reply, o.status].filter(Boolean).join(' ');
  const what = o.action === 'failed' ? 'failed permanently' : o.action === 'feedback' ? 'complaint' : o.action === 'vacation' ? 'automatic reply' : o.action;
  const why = o.bounce === 'none' ? '' : ` — ${REASON_TITLES[o.reason]}, ${o.bounce} bounce`;
  return `${o.recipient}: ${what}${codes ? ` (${codes})` : ''}${why}`;
}
