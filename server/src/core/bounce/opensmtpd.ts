// OpenSMTPD (smtpd/bounce.c): "This is the MAILER-DAEMON, please DO NOT REPLY to this email." then one line per
// recipient, "address: error". Early versions wrote "Recipient: address" and "Reason:" on lines of their own.
import { finish, findLine, reportLines, type Pending, type PlainReader } from './plain';
import { trimAddress } from './text';

export const readOpenSmtpd: PlainReader = (report) => {
  const lines = reportLines(report);
  const start = findLine(lines, /This is the MAILER-DAEMON, please DO NOT REPLY/i);
  if (start < 0) return [];
  const delayed = findLine(lines, /A message is delayed for more than|only a temporary failure report/i, start) >= 0;
  const pending: Pending[] = [];
  let current: Pending | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const t = lines[i].text;
    const m = /^\s*(?:Recipient:\s*)?<?([^\s<>:]+@[^\s<>:]+?)>?:?(?:\s+(\S.*))?$/.exec(t);
    if (m && !/^\s{2,}\S/.test(t.replace(/^\s*Recipient:/, ''))) {
      current = { recipient: trimAddress(m[1]), at: lines[i].start + t.indexOf(m[1]), lines: m[2] ? [m[2]] : [], action: delayed ? 'delayed' : undefined };
      pending.push(current);
      continue;
    }
    if (current && /^Reason:\s*$/.test(t.trim())) continue;
    if (current && !current.lines.length && t.trim() && !/^\s{4}/.test(t)) current.lines.push(t);
    else if (!t.trim() || /^\s{4}\S/.test(t)) current = current?.lines.length ? undefined : current;
  }
  return finish(report, pending, 'opensmtpd');
};
