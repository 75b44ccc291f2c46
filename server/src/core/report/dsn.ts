// Bounce messages (.eml): each recipient a bounce reports on is one event, read with the core's bounce readers (every
// format they know, not only RFC 3464). The bounce goes back to the sender of the failed message: its To: is that
// sender.
import type { Action } from '../bounce/outcome';
import { readRecipients } from '../bounce/read';
import { parseMessage } from '../dsn/mime';
import type { LineContext } from './context';
import type { Outcome } from './event';
import { parseDate } from './time';

const OUTCOME: Record<Action, Outcome | undefined> = {
  failed: 'bounced',
  delayed: 'deferred',
  delivered: 'delivered',
  relayed: 'delivered',
  expanded: 'delivered',
  // Complaints and automatic replies are not deliveries of this message.
  feedback: undefined,
  vacation: undefined,
  unknown: undefined,
};

/** Events of one whole message; `ctx.line` is the line the message starts on. */
export function bounceEvents(text: string, ctx: LineContext): void {
  const root = parseMessage(text);
  const header = (name: string) => root.headers.find((h) => h.name === name)?.value;
  const date = parseDate(header('date'));
  const sender = /<([^<>\s]+@[^<>\s]+)>/.exec(header('to') ?? '')?.[1] ?? /[^\s<>,;]+@[^\s<>,;]+/.exec(header('to') ?? '')?.[0];
  const lineAt = lineCounter(text);
  const outcomes = readRecipients(text, undefined, root).sort((a, b) => a.start - b.start);
  for (const o of outcomes) {
    const outcome = OUTCOME[o.action];
    if (!outcome) continue;
    ctx.saw('dsn');
    const time = parseDate(o.date);
    ctx.emit({
      outcome, time: Number.isFinite(time) ? time : date, source: ctx.source, line: ctx.line + lineAt(o.start) - 1, mta: 'dsn',
      sender, recipient: o.recipient, relay: o.remoteMta, status: o.status, reply: o.reply,
      text: outcome === 'delivered' ? undefined : o.diagnostic,
    });
  }
}

/** 1-based line of an offset, for offsets asked in increasing order. */
function lineCounter(text: string) {
  let pos = 0;
  let line = 1;
  return (offset: number) => {
    if (offset < pos) {
      pos = 0;
      line = 1;
    }
    for (let nl = text.indexOf('\n', pos); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
      line++;
      pos = nl + 1;
    }
    return line;
  };
}
