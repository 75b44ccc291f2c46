// Reports that name each recipient in angle brackets at the start of a line, followed by a colon, then explain it up
// to the next empty line: Postfix (bounce(8) templates), qmail (qmail-send.c "Hi. This is the qmail-send program"),
// Courier, Yahoo and AOL.
import { commandOf, type Reason } from './reason';
import { finish, reasonFrom, reportLines, type Pending, type PlainReader } from './plain';
import { trimAddress } from './text';

const FORMATS: [RegExp, string][] = [
  [/This is the qmail-send program|Hi\. This is the qmail|qmail-send/i, 'qmail'],
  [/This is the mail system at host|This is the Postfix program|I'm sorry to have to inform you that your message could not/i, 'postfix'],
  [/running the Courier mail server|UNDELIVERABLE MAIL/i, 'courier'],
  [/Sorry, we were unable to deliver your message to the following address/i, 'yahoo'],
  [/This Message was undeliverable due to the following reason/i, 'aol'],
  [/I'm afraid I wasn't able to deliver your message|unable to deliver your message to the following address|Your message to the following (?:addresses|recipients)|Unable to deliver message to the following address|Unfortunately, your mail was not delivered/i, 'qmail'],
];

// qmail-remote.c and qmail-local.c sentences: the SMTP command they answered, and the reason they stand for.
const COMMANDS: [RegExp, string][] = [
  [/ but greeting failed/, 'CONN'],
  [/ but my name was rejected/, 'EHLO'],
  [/ but sender was rejected/, 'MAIL'],
  [/ does not like recipient/, 'RCPT'],
  [/ failed on DATA command| failed after I sent the message/, 'DATA'],
];
const SENTENCES: [RegExp, Reason][] = [
  [/Sorry, I couldn't find any host /i, 'hostunknown'],
  [/disk quota exceeded/i, 'mailboxfull'],
  [/Sorry, I wasn't able to establish an SMTP connection|Although I'm listed as a best-preference MX/i, 'networkerror'],
  [/Sorry, I couldn't find a mail exchanger or IP address/i, 'notaccept'],
  [/no mailbox here by that name/i, 'userunknown'],
  [/Mailaddress is administrativ\w* disabled/i, 'suspend'],
  [/The message exeeded the maximum size the user accepts/i, 'exceedlimit'],
];

const RECIPIENT = /^<([^<>\s]+@[^<>\s]+)>(?:\s*\(expanded from[^)]*\))?:\s*(.*)$/;

export const readBracketed: PlainReader = (report) => {
  const lines = reportLines(report);
  const first = lines.findIndex((l) => RECIPIENT.test(l.text));
  if (first < 0) return [];
  const whole = report.view.text.slice(0, report.end);
  const format = FORMATS.find(([re]) => re.test(whole))?.[1];
  if (!format && !/mail ?system|mailer-daemon|postmaster|delivery/i.test(whole + report.head.from + report.head.subject)) return [];
  const delayed = /THIS IS A WARNING ONLY|has been delayed|will (?:be retried|keep trying)|could not be delivered for more than/i.test(whole);
  const pending: Pending[] = [];
  let current: Pending | undefined;
  for (let i = first; i < lines.length; i++) {
    const t = lines[i].text;
    const m = RECIPIENT.exec(t);
    if (m) {
      current = { recipient: trimAddress(m[1]), at: lines[i].start + 1, lines: m[2] ? [m[2]] : [], action: delayed ? 'delayed' : undefined };
      pending.push(current);
      continue;
    }
    if (!current) continue;
    if (!t.trim()) {
      // The explanation ends at the empty line; Courier's and Postfix's reports then say nothing more about it.
      if (current.lines.length) current = undefined;
      continue;
    }
    const sent = /^>>>\s*(.*)$/.exec(t);
    if (sent) {
      current.command ??= commandOf(`after ${sent[1]}`) ?? sent[1].split(/[\s:]/)[0].toUpperCase();
      continue;
    }
    const host = /^\s*([\w.-]+\.[a-z]{2,}) \[[\d.:a-f]+\]:?\s*$/i.exec(t) ?? /(?:Giving up on|Connected to|remote host) ([\w.:-]+)/.exec(t);
    if (host && !current.remoteMta) current.remoteMta = host[1].replace(/\.$/, '');
    current.lines.push(t.replace(/^<<<\s*/, ''));
  }
  return finish(report, pending, format ?? 'plain', (p, diagnostic) => ({
    command: p.command ?? COMMANDS.find(([re]) => re.test(diagnostic))?.[1] ?? commandOf(diagnostic),
    formatReason: p.command === 'EHLO' || / but my name was rejected/.test(diagnostic) ? 'blocked' : /this message has been in the queue too long/.test(diagnostic) && !/ does not like recipient/.test(diagnostic) ? 'expired' : reasonFrom(diagnostic, SENTENCES),
  }));
};

