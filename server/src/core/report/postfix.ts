// Postfix: the message after "postfix/<service>[pid]: ". Recipient attempts are the `to=<…>, relay=…, dsn=…,
// status=…` lines of the delivery agents (smtp, lmtp, local, virtual, pipe, error, retry; qmgr for some deferrals);
// a message expires on qmgr's `from=<…>, status=expired, returned to sender`; rejections are smtpd's, postscreen's
// and cleanup's `reject:` / `milter-reject:` lines (RCPT, MAIL, DATA, END-OF-MESSAGE, header and body checks).
// qmgr's `from=<…>, size=…` names the sender of the queue id, `removed` ends it.
import type { LineContext } from './context';
import type { Outcome } from './event';

const QUEUE_ID = /^([0-9A-Za-z]{5,20}|NOQUEUE): /;
const CLIENT = /^(\S+) from ((?:[^\s[]*)\[[^\]\s]*\](?::[0-9]+)?): /;

const STATUS: Record<string, Outcome | undefined> = {
  sent: 'delivered',
  deferred: 'deferred',
  // soft_bounce=yes turns bounces into deferrals and says so.
  SOFTBOUNCE: 'deferred',
  bounced: 'bounced',
  expired: 'expired',
};

export function postfixLine(msg: string, ctx: LineContext): void {
  ctx.saw('postfix');
  const q = QUEUE_ID.exec(msg);
  if (!q) return;
  const id = q[1];
  const rest = msg.slice(q[0].length);
  if (rest.startsWith('to=<')) delivery(id, rest, ctx);
  else if (rest.startsWith('from=<')) sender(id, rest, ctx);
  else if (rest === 'removed') ctx.messages.close('postfix', id);
  else if (rest.startsWith('reject: ') || rest.startsWith('milter-reject: ')) rejection(id === 'NOQUEUE' ? undefined : id, rest, ctx);
}

function delivery(id: string, rest: string, ctx: LineContext) {
  const close = rest.indexOf('>', 4);
  if (close < 0) return;
  const statusAt = rest.indexOf(', status=', close);
  if (statusAt < 0) return;
  const fields = rest.slice(close + 1, statusAt + 2);
  const after = rest.slice(statusAt + 9);
  const space = after.indexOf(' ');
  const word = space < 0 ? after : after.slice(0, space);
  const outcome = STATUS[word];
  if (!outcome) return; // deliverable / undeliverable: address verification probes, not deliveries
  let text = space < 0 ? '' : after.slice(space + 1);
  if (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1);
  // local(8) forwarding to another address is a new message, delivered (and counted) in its own right.
  if (outcome === 'delivered' && text.startsWith('forwarded as ')) {
    ctx.tally('forwarded');
    return;
  }
  const relay = hostOf(field(fields, 'relay='));
  ctx.emit({
    outcome, time: ctx.time, source: ctx.source, line: ctx.line, mta: 'postfix', id,
    recipient: rest.slice(4, close), relay, status: field(fields, 'dsn='), text: text || undefined,
  });
}

function sender(id: string, rest: string, ctx: LineContext) {
  const close = rest.indexOf('>', 6);
  if (close < 0) return;
  const address = rest.slice(6, close);
  const message = ctx.messages.touch('postfix', id, address);
  if (!rest.startsWith(', status=expired', close + 1)) return;
  // The queue lifetime ran out: every recipient still deferred expires with the reason of its last deferral.
  const text = rest.slice(close + 10);
  let any = false;
  for (const [recipient, state] of message.deferred ?? []) {
    any = true;
    const last = state.last;
    ctx.emit({ outcome: 'expired', time: ctx.time, source: ctx.source, line: ctx.line, mta: 'postfix', id, sender: address, recipient, relay: last.relay, status: last.status, reply: last.reply, text: last.text ?? text });
  }
  if (!any) ctx.emit({ outcome: 'expired', time: ctx.time, source: ctx.source, line: ctx.line, mta: 'postfix', id, sender: address, text });
  ctx.messages.close('postfix', id);
}

function rejection(id: string | undefined, rest: string, ctx: LineContext) {
  const body = rest.slice(rest.indexOf(': ') + 2);
  const tail = body.lastIndexOf('; from=<');
  let sender: string | undefined;
  let recipient: string | undefined;
  let text: string;
  let client: string | undefined;
  if (tail >= 0) {
    sender = between(body, 'from=<', tail);
    recipient = between(body, 'to=<', tail);
  }
  const stage = body.slice(0, body.indexOf(' ') >>> 0);
  if (stage === 'header' || stage === 'body') {
    // cleanup: "header Subject: … from host[ip]; from=<…> to=<…> proto=… helo=<…>: 5.7.1 message content rejected"
    const from = tail >= 0 ? body.lastIndexOf(' from ', tail) : -1;
    client = from >= 0 ? body.slice(from + 6, tail) : undefined;
    const said = tail >= 0 ? body.indexOf('>: ', body.lastIndexOf('helo=<')) : -1;
    text = said >= 0 ? body.slice(said + 3) : body.slice(0, from >= 0 ? from : undefined);
  } else {
    // smtpd, postscreen, milters: "RCPT from host[ip]: 554 5.7.1 <…>: Relay access denied; from=<…> to=<…> …"
    const m = CLIENT.exec(body);
    client = m?.[2];
    // Without sender and recipient the line ends in "; proto=SMTP" (or "; helo=<…>"): not part of the reason.
    const end = tail >= 0 ? tail : body.search(/; (?:proto|helo)=/);
    text = body.slice(m ? m[0].length : 0, end >= 0 ? end : undefined);
  }
  ctx.emit({ outcome: 'rejected', time: ctx.time, source: ctx.source, line: ctx.line, mta: 'postfix', id, sender, recipient, relay: hostOf(client), text });
}

/** ", relay=mx.example.org[203.0.113.5]:25, " → the value of one field of the list (which starts with ", "). */
function field(fields: string, name: string): string | undefined {
  const at = fields.indexOf(`, ${name}`);
  if (at < 0) return undefined;
  const start = at + 2 + name.length;
  const end = fields.indexOf(', ', start);
  return fields.slice(start, end < 0 ? undefined : end);
}

function between(text: string, open: string, from: number): string | undefined {
  const at = text.indexOf(open, from);
  if (at < 0) return undefined;
  const end = text.indexOf('>', at + open.length);
  return end < 0 ? undefined : text.slice(at + open.length, end);
}

/** "mx.example.org[203.0.113.5]:25" → mx.example.org; "unknown[203.0.113.9]" → 203.0.113.9; "none" → nothing. */
function hostOf(relay: string | undefined): string | undefined {
  if (!relay || relay === 'none') return undefined;
  const open = relay.indexOf('[');
  if (open < 0) return relay;
  const name = relay.slice(0, open);
  if (name && name !== 'unknown') return name;
  const close = relay.indexOf(']', open);
  return relay.slice(open + 1, close < 0 ? undefined : close) || undefined;
}
