// Reports that label their fields: Oracle Messaging Server ("Recipient address:", "Reason:", "Diagnostic code:",
// "Remote system:"), Apache James ("Recipient:" and "Error message below:"), and the many gateways that write
// "Recipient: …" / "Reason: …" (or their German, French, Spanish equivalents).
import { finish, reportLines, type Pending, type PlainReader } from './plain';
import { isAddress, trimAddress } from './text';

const RECIPIENT = /^\s*(?:Recipient(?: address)?|Original address|Rcpt|RCPT TO|Empfänger(?:adresse)?|Destinataire|Destinatario|Failed recipient|Undeliverable recipient)\s*:\s*(?:rfc822;\s*)?<?([^\s<>]+@[^\s<>]+?)>?\s*$/i;
const DETAIL = /^\s*(Reason|Diagnostic code|Error|Error message|Status|Remote system|Remote server|Remote host said|Grund|Raison|Motivo|Fehler|Erreur|Response|Server response|Details?)\s*:\s*(.*)$/i;

export const readLabelled: PlainReader = (report) => {
  const lines = reportLines(report);
  const pending: Pending[] = [];
  let current: Pending | undefined;
  let sharedError: string[] | undefined;
  /** Details written before any recipient ("Error: …" then "Message details: … RCPT TO: …"). */
  const orphans: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    const r = RECIPIENT.exec(t);
    if (r && isAddress(r[1])) {
      current = { recipient: trimAddress(r[1]), at: lines[i].start + t.indexOf(r[1]), lines: [] };
      pending.push(current);
      continue;
    }
    // Apache James: "Error message below:" and the reply on the lines that follow, for every recipient listed.
    if (/^\s*Error message below:\s*$/i.test(t)) {
      sharedError = [];
      for (let k = i + 1; k < lines.length && lines[k].text.trim(); k++) sharedError.push(lines[k].text.trim());
      continue;
    }
    const d = DETAIL.exec(t);
    if (!d) continue;
    if (!current) {
      if (/^(?:error|reason|diagnostic code|error message)$/i.test(d[1].trim()) && d[2].trim()) orphans.push(d[2].trim().replace(/^smtp;\s*/i, ''));
      continue;
    }
    const label = d[1].toLowerCase();
    let value = d[2].trim();
    // A label alone on its line ("Reason:") is followed by its text.
    if (!value) for (let k = i + 1; k < lines.length && lines[k].text.trim() && !DETAIL.test(lines[k].text) && !RECIPIENT.test(lines[k].text); k++) value += ` ${lines[k].text.trim()}`;
    if (label.startsWith('remote system') || label.startsWith('remote server')) {
      current.remoteMta ??= /(?:dns;\s*)?([\w.-]+\.[a-z]{2,})/i.exec(value)?.[1];
      continue;
    }
    if (label === 'status') {
      current.status ??= /\b[245]\.\d{1,3}\.\d{1,3}\b/.exec(value)?.[0];
      continue;
    }
    current.lines.push(value.replace(/^smtp;\s*/i, ''));
  }
  if (sharedError) for (const p of pending) if (!p.lines.length) p.lines.push(...sharedError);
  if (orphans.length) for (const p of pending) if (!p.lines.length) p.lines.push(...orphans);
  // Without a reason this is just a list of addresses, not a report.
  const explained = pending.filter((p) => p.lines.length || p.status);
  return finish(report, explained, /This report relates to a message you sent/i.test(report.view.text) ? 'messagingserver' : /James mail server/i.test(report.view.text) ? 'james' : 'labelled');
};
