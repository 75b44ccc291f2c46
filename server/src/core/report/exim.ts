// Exim's main log (the spec's chapter "Log files"): after the time stamp (and [pid]), a message id and a flag.
//   <=  arrival (the sender)           =>  delivery      ->  another address of the same delivery
//   >>  cut-through delivery           *>  suppressed by -N (not a delivery)
//   **  failed: the address bounced    ==  deferred: a temporary problem
// "Completed" ends the message. Rejections (ACLs) are logged without a flag: "H=… F=<…> rejected RCPT <…>: …",
// "temporarily rejected …", "rejected after DATA: …", "rejected EHLO or HELO …", "rejected connection …".
import type { LineContext } from './context';
import type { Outcome } from './event';

/** 1rABCd-0003Xy-2K, and the longer ids of Exim 4.97 and later (6-11-4). */
const MESSAGE_ID = /^([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}) /;
const REJECTED = /(?:^|\s)(?:temporarily )?rejected (RCPT|MAIL|after DATA|DATA|EHLO|HELO|connection|VRFY|EXPN|ETRN|AUTH)\b/;
const HOST = / H=(\S+)(?: \[([^\]\s]+)\])?/;

const FLAGS: Record<string, Outcome | null | undefined> = {
  '=>': 'delivered',
  '->': 'delivered',
  '>>': 'delivered',
  '**': 'bounced',
  '==': 'deferred',
  '*>': null,
};

export function eximLine(msg: string, ctx: LineContext): void {
  const m = MESSAGE_ID.exec(msg);
  const id = m?.[1];
  const rest = m ? msg.slice(m[0].length) : msg;
  const flag = rest.slice(0, 2);
  if (m && rest.charCodeAt(2) === 32) {
    if (flag === '<=') {
      ctx.saw('exim');
      const end = rest.indexOf(' ', 3);
      ctx.messages.touch('exim', id!, rest.slice(3, end < 0 ? undefined : end));
      return;
    }
    const outcome = FLAGS[flag];
    if (outcome !== undefined) {
      ctx.saw('exim');
      if (outcome) attempt(id!, outcome, rest.slice(3), ctx);
      return;
    }
  }
  if (m && rest === 'Completed') {
    ctx.saw('exim');
    ctx.messages.close('exim', id!);
    return;
  }
  const r = REJECTED.exec(rest);
  if (r) {
    ctx.saw('exim');
    rejection(id, rest, r, ctx);
  }
}

function attempt(id: string, logged: Outcome, rest: string, ctx: LineContext) {
  // "bob@example.org <alias@example.org> R=… T=… H=host [ip] …: reason": the address, the one it came from.
  const space = rest.indexOf(' ');
  const first = space < 0 ? rest : rest.slice(0, space);
  let recipient = first.endsWith(':') ? first.slice(0, -1) : first;
  const parent = space < 0 ? undefined : /^<([^>\s]*)>/.exec(rest.slice(space + 1))?.[1];
  // A local delivery logs the local part or a file/pipe first and the address it was for in angle brackets.
  if (parent && !recipient.includes('@')) recipient = parent;
  let text: string | undefined;
  if (logged !== 'delivered') {
    const colon = rest.indexOf(': ', recipient.length);
    text = colon < 0 ? undefined : rest.slice(colon + 2);
    // A queue run passing over an address whose retry time has not come: no attempt was made.
    if (logged === 'deferred' && text?.startsWith('retry time not reached')) return;
  }
  // Exim gives up on an address that failed for longer than its retry rules allow: the queue lifetime ran out.
  const outcome: Outcome = logged === 'bounced' && text && /retry timeout exceeded|have been failing for a long time/.test(text) ? 'expired' : logged;
  const host = HOST.exec(rest);
  ctx.emit({
    outcome, time: ctx.time, source: ctx.source, line: ctx.line, mta: 'exim', id, recipient,
    relay: host ? (host[1].startsWith('[') ? host[1].slice(1, host[1].indexOf(']') >>> 0) || host[2] : host[1]) : undefined,
    text,
  });
}

function rejection(id: string | undefined, rest: string, r: RegExpExecArray, ctx: LineContext) {
  const after = rest.slice(r.index + r[0].length);
  const recipient = r[1] === 'RCPT' ? /^ <([^>\s]*)>/.exec(after)?.[1] : undefined;
  const colon = after.indexOf(': ');
  const host = HOST.exec(' ' + rest.slice(0, r.index));
  ctx.emit({
    outcome: 'rejected', time: ctx.time, source: ctx.source, line: ctx.line, mta: 'exim', id, recipient,
    sender: / F=<([^>\s]*)>/.exec(' ' + rest.slice(0, r.index))?.[1],
    // "H=(helo) [ip]": the client's name is unknown, its address is what identifies it.
    relay: host ? (host[1].startsWith('(') || host[1].startsWith('[') ? host[2] ?? host[1].replace(/^\[|\]$/g, '') : host[1]) : undefined,
    text: colon < 0 ? r[0].trim() : after.slice(colon + 2),
  });
}
