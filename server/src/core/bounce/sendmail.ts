// Sendmail (savemail.c: "----- The following addresses had permanent fatal errors -----" and "----- Transcript of
// session follows -----"), with or without the DSN part, and the older V5 form that has only the transcript.
import { commandOf } from './reason';
import { finish, reportLines, type Pending, type PlainReader } from './plain';
import { trimAddress } from './text';

const SECTION = /^\s*-{3,}\s*The following addresses had (permanent fatal|transient non-fatal) errors\s*-{3,}/i;
const TRANSCRIPT = /^\s*-{3,}\s*Transcript of session follows\s*-{3,}/i;
const SECTION_END = /^\s*-{3,}/;
// "<bob@example.org>", also as some gateways write it: ">>> bob@example.org <bob@example.org>".
const ADDRESS_LINE = /^\s*(?:>>>\s*)?<?([^\s<>()"]+@[^\s<>()"]+?)>?(?:\s+<[^\s<>()"]+@[^\s<>()"]+>)?\s*$/;
/** "550 5.1.1 <bob@example.org>... User unknown" (the reply sendmail logs for a recipient). */
const RESULT_LINE = /^(?:<<<\s*)?([2-5]\d\d)[ -](?:([245]\.\d{1,3}\.\d{1,3})\s+)?<?([^\s<>]+@[^\s<>]+?)>?\.\.\.\s*(.*)$/;

export const readSendmail: PlainReader = (report) => {
  const lines = reportLines(report);
  const section = lines.findIndex((l) => SECTION.test(l.text));
  const transcript = lines.findIndex((l) => TRANSCRIPT.test(l.text));
  if (section < 0 && transcript < 0) return [];
  const pending: Pending[] = [];
  const byAddress = new Map<string, Pending>();
  const add = (address: string, at: number, delayed: boolean) => {
    const key = address.toLowerCase();
    let p = byAddress.get(key);
    if (!p) {
      p = { recipient: address, at, lines: [], action: delayed ? 'delayed' : undefined };
      byAddress.set(key, p);
      pending.push(p);
    }
    return p;
  };
  if (section >= 0) {
    const delayed = /transient/i.test(SECTION.exec(lines[section].text)![1]);
    let current: Pending | undefined;
    for (let i = section + 1; i < lines.length && !(SECTION_END.test(lines[i].text) && !SECTION.test(lines[i].text)); i++) {
      const t = lines[i].text;
      const a = ADDRESS_LINE.exec(t);
      if (a) {
        current = add(trimAddress(a[1]), lines[i].start + t.indexOf(a[1]), delayed);
        continue;
      }
      const reason = /^\s*\(reason:\s*(.*?)\)?\s*$/.exec(t);
      if (reason && current) current.lines.push(reason[1]);
    }
  }
  if (transcript >= 0) {
    let remote: string | undefined;
    let command: string | undefined;
    let commandFor: Pending | undefined;
    let lastReply: string | undefined;
    let lastBare: string | undefined;
    for (let i = transcript + 1; i < lines.length; i++) {
      const t = lines[i].text;
      const talking = /^\.\.\. while talking to ([^\s:]+?)\.?:\s*$/.exec(t);
      if (talking) {
        remote = talking[1];
        continue;
      }
      const sent = /^>>>\s*(.*)$/.exec(t);
      if (sent) {
        command = commandOf(`after ${sent[1]}`) ?? sent[1].split(/[\s:]/)[0].toUpperCase();
        const to = /<([^<>\s]+@[^<>\s]+)>/.exec(sent[1]);
        commandFor = to ? byAddress.get(to[1].toLowerCase()) : undefined;
        continue;
      }
      const result = RESULT_LINE.exec(t);
      if (result) {
        const p = byAddress.get(result[3].toLowerCase()) ?? (section < 0 ? add(trimAddress(result[3]), lines[i].start + t.indexOf(result[3]), false) : undefined);
        if (p) {
          // The transcript's line, with its status code, says more than "(reason: 550 Host unknown)".
          if (!p.lines.length || (result[2] && !p.lines.some((l) => /\b[245]\.\d{1,3}\.\d{1,3}\b/.test(l)))) p.lines = [t.replace(/^<<<\s*/, '')];
          p.command ??= command;
          p.remoteMta ??= remote;
        }
        continue;
      }
      // A failure line of the transcript's own that names no recipient ("550 sorry, no mailbox here by that name").
      if (/^\s*[45]\d\d[ -]\S/.test(t) && !lastBare) lastBare = t.trim();
      const reply = /^<<<\s*(.*)$/.exec(t);
      if (reply) {
        lastReply = reply[1];
        if (commandFor && !commandFor.lines.length) commandFor.lines.push(lastReply);
        if (commandFor) commandFor.command ??= command;
      }
    }
    // A refusal after DATA answers for every recipient the transcript did not explain otherwise.
    for (const p of pending) {
      p.remoteMta ??= remote;
      if (!p.lines.length && lastReply) {
        p.lines.push(lastReply);
        p.command ??= command;
      } else if (!p.lines.length && lastBare) {
        p.lines.push(lastBare);
      }
    }
  }
  return finish(report, pending, 'sendmail');
};
