// Bounce messages (.eml): each recipient of a delivery status notification (RFC 3464) is one event, read with the
// core's own MIME and delivery-status readers. The bounce goes back to the sender of the failed message: its To:
// is that sender.
import { decodeBody } from '../dsn/decode';
import { parseMessage, type MimePart } from '../dsn/mime';
import { readDeliveryStatus, type RecipientSummary } from '../dsn/summary';
import type { LineContext } from './context';
import type { Outcome } from './event';
import { parseDate } from './time';

const OUTCOME: Record<RecipientSummary['outcome'], Outcome | undefined> = {
  failed: 'bounced',
  delayed: 'deferred',
  delivered: 'delivered',
  relayed: 'delivered',
  expanded: 'delivered',
  unknown: undefined,
};

/** Events of one whole message; `ctx.line` is the line the message starts on. */
export function bounceEvents(text: string, ctx: LineContext): void {
  const root = parseMessage(text);
  const header = (name: string) => root.headers.find((h) => h.name === name)?.value;
  const date = parseDate(header('date'));
  const sender = /<([^<>\s]+@[^<>\s]+)>/.exec(header('to') ?? '')?.[1] ?? /[^\s<>,;]+@[^\s<>,;]+/.exec(header('to') ?? '')?.[0];
  const lineAt = lineCounter(text);
  visit(root, (part) => {
    if (part.contentType !== 'message/delivery-status' && part.contentType !== 'message/global-delivery-status') return;
    const encoded = part.encoding === 'base64' || part.encoding === 'quoted-printable';
    const decoded = encoded ? decodeBody(text, part.bodyStart, part.bodyEnd, part.encoding, part.params.charset) : undefined;
    const blocks = decoded ? readDeliveryStatus(decoded.text) : readDeliveryStatus(text, part.bodyStart, part.bodyEnd);
    for (const block of blocks) {
      const s = block.summary;
      const outcome = OUTCOME[s.outcome];
      if (!outcome) continue;
      ctx.saw('dsn');
      const offset = decoded ? decoded.rawOffset[block.start] : block.start;
      const time = parseDate(s.lastAttempt);
      ctx.emit({
        outcome, time: Number.isFinite(time) ? time : date, source: ctx.source, line: ctx.line + lineAt(offset) - 1, mta: 'dsn',
        sender, recipient: s.recipient, relay: s.remoteMta, status: s.status, reply: s.replyCode,
        text: outcome === 'delivered' ? undefined : s.diagnostic,
      });
    }
  });
}

function visit(part: MimePart, fn: (part: MimePart) => void) {
  fn(part);
  for (const child of part.children) visit(child, fn);
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
