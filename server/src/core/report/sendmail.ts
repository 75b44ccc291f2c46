// Sendmail (op.me, "Logging"): the message after "sendmail[pid]: " / "sm-mta[pid]: ", with its queue id.
//   from=<…>, size=…, class=…, nrcpts=…, msgid=<…>, proto=…, relay=…      the sender of the queue id
//   to=<a>,<b>, ctladdr=…, delay=…, mailer=…, relay=…, dsn=…, stat=…    one attempt for each recipient listed
//   ruleset=check_rcpt, arg1=<…>, relay=…, reject=550 5.7.1 …            a rejection (check_* rule sets)
//   Milter: to=<…>, reject=… · Milter: data, reject=…                    a milter's rejection
// The outcome of an attempt comes from dsn= (2/4/5), or without it from stat= (Sent, Deferred, anything else fails);
// "stat=queued" is not an attempt.
import type { LineContext } from './context';
import type { Outcome } from './event';

const QUEUE_ID = /^([0-9A-Za-z]{8,20}|NOQUEUE): /;
const NEXT_FIELD = /, [a-z][a-z0-9]*=/;

export function sendmailLine(msg: string, ctx: LineContext): void {
  ctx.saw('sendmail');
  const q = QUEUE_ID.exec(msg);
  const id = q && q[1] !== 'NOQUEUE' ? q[1] : undefined;
  const rest = q ? msg.slice(q[0].length) : msg;
  if (id && rest.startsWith('to=')) attempts(id, rest, ctx);
  else if (id && rest.startsWith('from=')) {
    const value = valueOf(rest, 0, 5);
    ctx.messages.touch('sendmail', id, strip(value));
  } else {
    const at = rest.indexOf('reject=');
    if (at >= 0 && (at === 0 || rest.charCodeAt(at - 1) === 32)) rejection(id, rest, at, ctx);
  }
}

function attempts(id: string, rest: string, ctx: LineContext) {
  const statAt = rest.indexOf(', stat=');
  if (statAt < 0) return;
  const stat = rest.slice(statAt + 7);
  const fields = rest.slice(0, statAt);
  const dsn = field(fields, 'dsn=');
  const outcome = outcomeOf(dsn, stat);
  if (!outcome) return;
  const relayValue = field(fields, 'relay=');
  const relay = relayValue ? hostOf(relayValue) : undefined;
  for (const address of valueOf(rest, 0, 3).split(',')) {
    const recipient = strip(address.trim());
    if (!recipient) continue;
    ctx.emit({ outcome, time: ctx.time, source: ctx.source, line: ctx.line, mta: 'sendmail', id, recipient, relay, status: dsn, text: outcome === 'delivered' ? undefined : stat });
  }
}

function outcomeOf(dsn: string | undefined, stat: string): Outcome | undefined {
  const d = dsn?.charCodeAt(0);
  if (d === 50) return 'delivered';
  if (d === 52) return 'deferred';
  if (d === 53) return 'bounced';
  if (/^Sent\b/.test(stat)) return 'delivered';
  if (/^Deferred\b/.test(stat)) return 'deferred';
  if (/^queued\b/i.test(stat)) return undefined;
  return 'bounced';
}

function rejection(id: string | undefined, rest: string, at: number, ctx: LineContext) {
  const fields = ', ' + rest.slice(0, at).replace(/,\s*$/, '');
  const ruleset = field(fields, 'ruleset=');
  const arg1 = field(fields, 'arg1=');
  const milter = rest.startsWith('Milter: ');
  const recipient = ruleset === 'check_rcpt' ? arg1 : milter ? field(', ' + rest.slice(8, at).replace(/,\s*$/, ''), 'to=') : undefined;
  const sender = ruleset === 'check_mail' ? arg1 : milter ? field(', ' + rest.slice(8, at).replace(/,\s*$/, ''), 'from=') : undefined;
  const relayValue = field(fields, 'relay=');
  ctx.emit({
    outcome: 'rejected', time: ctx.time, source: ctx.source, line: ctx.line, mta: 'sendmail', id,
    sender: sender ? strip(sender) : undefined,
    recipient: recipient ? strip(recipient) : undefined,
    relay: relayValue ? hostOf(relayValue) : undefined,
    text: rest.slice(at + 7),
  });
}

/** The value of the field at `at` whose name is `nameLength` long: up to the next ", name=" (values hold commas). */
function valueOf(text: string, at: number, nameLength: number): string {
  const rest = text.slice(at + nameLength);
  const next = NEXT_FIELD.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

function field(fields: string, name: string): string | undefined {
  const at = fields.indexOf(`, ${name}`);
  if (at < 0) return undefined;
  return valueOf(fields, at + 2, name.length);
}

function strip(address: string): string {
  return address.startsWith('<') && address.endsWith('>') ? address.slice(1, -1) : address;
}

/** "mx.example.org. [203.0.113.5]" → mx.example.org; "[203.0.113.5] [203.0.113.5]" → 203.0.113.5. */
function hostOf(relay: string): string | undefined {
  const name = relay.split(' ')[0];
  if (name.startsWith('[')) return name.slice(1, name.indexOf(']') >>> 0) || undefined;
  return name.replace(/\.$/, '') || undefined;
}
