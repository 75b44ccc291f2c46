// Exim (deliver.c: "This message was created automatically by mail delivery software.") and the services that kept
// its wording: GMX, WEB.DE / 1&1, Mail.ru, Zoho. Recipients are indented by two spaces (Exim), quoted and followed by a
// colon (GMX), alone on a line (1&1) or followed by the error on the same line (Zoho).
import { commandOf } from './reason';
import { findLine, finish, reasonFrom, reportLines, type Pending, type PlainReader } from './plain';
import type { Reason } from './reason';
import { isAddress, trimAddress } from './text';

const START = /This message was created automatically by mail delivery software|A message that you sent (?:could not be delivered|has not yet been delivered|contained one or more recipient addresses)| router encountered the following error\(s\):/;

// Exim's own sentences (deliver.c, retry.c, routers, transports) and what they mean.
const SENTENCES: [RegExp, Reason][] = [
  [/retry timeout exceeded|retry time not reached for any host after a long failure period|have been failing for a long time/i, 'expired'],
  [/Unroute?able address|all host address lookups failed permanently|all relevant MX records point to non-existent hosts/i, 'hostunknown'],
  [/an MX or SRV record indicated no SMTP service|no host found for existing SMTP connection/i, 'notaccept'],
  [/mailbox is full|error: quota exceed/i, 'mailboxfull'],
  [/Too many "Received" headers/i, 'contenterror'],
  [/delivery to (?:file|pipe) forbidden|local delivery failed/i, 'systemerror'],
  [/angle-brackets nested too deep|domain missing in source-routed address|malformed address:/i, 'syntaxerror'],
];

export const readExim: PlainReader = (report) => {
  const lines = reportLines(report);
  const start = findLine(lines, START);
  if (start < 0) return [];
  const delayed = lines.some((l) => /has not yet been delivered|No action is required on your part|Delay reason:/.test(l.text));
  const format = /gmx\.|web\.de|1und1|1and1|ionos/i.test(report.head.from) ? 'gmx' : /mail\.ru/i.test(report.head.from) ? 'mailru' : /zoho/i.test(report.head.from) ? 'zoho' : 'exim';
  // Recipients follow "… failed:" (or the delay warning's "… is:"); "A message sent by <sender>" comes before it.
  const list = findLine(lines, /(?:failed|delivered (?:is|are)|following error\(s\)):\s*$/, start);
  const pending: Pending[] = [];
  let current: Pending | undefined;
  for (let i = (list >= 0 ? list : start) + 1; i < lines.length; i++) {
    const line = lines[i];
    const t = line.text;
    const generated = /^\s+\(?generated (?:from|by) ([^\s()]+@[^\s()]+)\)?/.exec(t);
    if (generated && current && !current.recipient.includes('@')) {
      current.recipient = trimAddress(generated[1]);
      current.at = line.start + t.indexOf(generated[1]);
      continue;
    }
    if (/^ {2}(?:an undisclosed address|pipe to \|)/.test(t)) {
      current = { recipient: t.trim(), at: line.start + 2, lines: [], action: delayed ? 'delayed' : undefined };
      pending.push(current);
      continue;
    }
    const found = recipientOn(t);
    // The explanation may name the recipient again on a line of its own ("    <bob@example.org>:"): not a new one.
    if (found && !(current && current.recipient.toLowerCase() === found.address.toLowerCase() && /^\s{3,}/.test(t))) {
      current = { recipient: found.address, at: line.start + found.index, lines: found.rest ? [found.rest] : [], action: delayed ? 'delayed' : undefined };
      pending.push(current);
      continue;
    }
    if (!current || !t.trim()) continue;
    if (/^(?:For the following reason:|Reason:)\s*$/i.test(t.trim())) continue;
    if (/^No action is required on your part|^The (?:message identifier|subject of the message|date of the message)/.test(t)) continue;
    const host = /^\s*host:?\s+(\S+)/.exec(t);
    if (host && !current.remoteMta) current.remoteMta = host[1].replace(/[:\]]$/, '');
    current.lines.push(t.replace(/^\s*Delay reason:\s*/, ''));
  }
  return finish(report, pending.filter((p) => p.recipient.includes('@')), format, (_p, diagnostic) => ({
    formatReason: reasonFrom(diagnostic, SENTENCES),
    command: /for TEXT command/i.test(diagnostic) ? 'DATA' : (commandOf(diagnostic) ?? (/after (RCPT|MAIL|DATA) command/i.exec(diagnostic)?.[1].toUpperCase())),
  }));
};

/** A line naming a recipient: "  bob@example.org", "\"bob@example.org\":", "bob@example.org", "bob@example.org Invalid Address, …". */
function recipientOn(text: string): { address: string; index: number; rest?: string } | undefined {
  // Exim: two spaces, the address, optionally "<alias>: message" or ": forced freeze".
  let m = /^ {2}(?! )<?([^\s<>"@]+@[^\s<>":]+)>?(?:\s*<[^>]*>)?(?::\s*(.*))?$/.exec(text);
  if (m && isAddress(m[1])) return { address: trimAddress(m[1]), index: text.indexOf(m[1]), rest: m[2] };
  // GMX and 1&1: the address alone at the start of a line, maybe quoted or bracketed, maybe with a colon.
  m = /^\s{0,4}["<]?([^\s<>"@]+@[^\s<>":]+?)[">]?:?\s*$/.exec(text);
  if (m && isAddress(m[1])) return { address: trimAddress(m[1]), index: text.indexOf(m[1]) };
  // Zoho: the address, then the error on the same line.
  m = /^([^\s<>"@]+@[^\s<>":]+)\s+(\S.*)$/.exec(text);
  if (m && isAddress(m[1]) && /\d{3}|invalid|error|unknown|rejected|full/i.test(m[2])) return { address: trimAddress(m[1]), index: 0, rest: m[2] };
  return undefined;
}
