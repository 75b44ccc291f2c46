// Gmail's plain-text notices: "Delivery to the following recipient failed permanently:" (or "has been delayed:") with
// the addresses indented below, then "Technical details of permanent failure:" and the remote server's reply.
// The "(state N)" Gmail appends tells the SMTP step that failed.
import type { Reason } from './reason';
import { finish, findLine, reasonFrom, reportLines, type Pending, type PlainReader } from './plain';
import { isAddress, trimAddress } from './text';

const STATES: Record<string, [string, Reason]> = {
  '6': ['MAIL', 'failedstarttls'],
  '8': ['AUTH', 'systemerror'],
  '9': ['AUTH', 'failedstarttls'],
  '12': ['AUTH', 'norelaying'],
  '13': ['EHLO', 'blocked'],
  '14': ['RCPT', 'userunknown'],
  '15': ['DATA', 'filtered'],
  '17': ['DATA', 'filtered'],
  '18': ['DATA', 'filtered'],
};
const SENTENCES: [RegExp, Reason][] = [
  [/DNS Error: Domain name not found|DNS Error: DNS server returned answer with no data/i, 'hostunknown'],
  [/DNS Error: Could not contact DNS servers|The recipient server did not accept our requests to connect/i, 'expired'],
];

export const readGmail: PlainReader = (report) => {
  const lines = reportLines(report);
  const start = findLine(lines, /^\s*Delivery to the following recipients? (?:failed permanently|has been delayed|failed)/i);
  if (start < 0) return [];
  const delayed = /has been delayed/i.test(lines[start].text);
  const pending: Pending[] = [];
  const explanation: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const t = lines[i].text;
    const address = /^\s+<?([^\s<>]+@[^\s<>]+?)>?\s*$/.exec(t)?.[1];
    if (address && isAddress(address)) {
      pending.push({ recipient: trimAddress(address), at: lines[i].start + t.indexOf(address), lines: explanation, action: delayed ? 'delayed' : undefined });
      continue;
    }
    if (t.trim() && pending.length) explanation.push(t.trim());
  }
  return finish(report, pending, 'gmail', (p, diagnostic) => {
    // Only the other server's own words are its reply; Gmail's sentences around them are kept for the reason.
    const reply = /(?:The error that the other server returned was|The response from the remote server was):?\s*(.*)$/i.exec(diagnostic)?.[1];
    const state = /\(state (\d+)\)/.exec(diagnostic)?.[1];
    return { diagnostic: reply || diagnostic || undefined, command: state ? STATES[state]?.[0] : undefined, formatReason: (state ? STATES[state]?.[1] : undefined) ?? reasonFrom(diagnostic, SENTENCES) ?? p.formatReason };
  });
};
