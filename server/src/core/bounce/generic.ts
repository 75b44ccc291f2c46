// Bounces no other reader knows: the recipient named in a sentence ("Your message to X couldn't be delivered",
// "There was an error delivering your mail to <X>"), or standing out on a line of its own, and the lines around it
// that carry a reply or status code. Used only for messages that present themselves as bounces.
import { finish, header, reportLines, type Pending, type PlainReader, type Report } from './plain';
import type { Reason } from './reason';
import { isAddress, isServiceAddress, trimAddress, type Line } from './text';

// An address in running text: it cannot end with the sentence's punctuation.
const A = `[^\\s<>"']+@[^\\s<>"',;:()]*[^\\s<>"',;:().]`;
const SENTENCE = new RegExp(
  [
    `(?:could ?n[o']t|cannot|can't|was not|wasn't|has not been|have not been|could not be) (?:be )?delivere?d? to:?\\s*<?(?<a>${A})>?(?=[\\s.,;:]|$)`,
    `message to <?(?<b>${A})>? (?:was undeliverable|could ?n[o']t be delivered|has been blocked|was (?:automatically )?rejected|failed|bounced)`,
    `error (?:occurred )?(?:while )?delivering your (?:mail|message) to <?(?<c>${A})>?(?=[\\s.,;:]|$)`,
    `(?:delivery|sending) (?:to|failed for|has failed to) <?(?<d>${A})>? (?:failed|has failed|was unsuccessful|is delayed|has been delayed)`,
    `undeliverable\\s+(?:to|recipient):?\\s*<?(?<e>${A})>?(?=[\\s.,;:]|$)`,
    `(?:originally addressed|(?:message|mail),? addressed) to:?\\s*['"<]?(?<i>${A})['">]?(?=[\\s.,;:)]|$)`,
    `(?:unable|not able|failed) to deliver (?:the |your |this )?(?:message|mail|e-?mail) to:?\\s*<?(?<f>${A})>?(?=[\\s.,;:(]|$)`,
    `rejected (?:the )?recipient:?\\s*<?(?<g>${A})>?(?=[\\s.,;:(]|$)`,
    `recipients? returned (?:permanent|temporary) errors?:\\s*<?(?<h>${A})>?(?=[\\s.,;:]|$)`,
  ].join('|'),
  'i',
);
// A reply or status code, not a piece of an IP address.
const LABEL_REASONS: [RegExp, Reason][] = [
  [/unknown (?:user|recipient|mailbox)|no such (?:user|mailbox)|invalid (?:recipient|user|mailbox)|invalid[\w ]{0,20} user ?id/i, 'userunknown'],
  [/unknown (?:host|domain)|no such (?:host|domain)|host not found/i, 'hostunknown'],
  [/mailbox (?:is )?full|over ?quota/i, 'mailboxfull'],
];

/** More recipients than this in one report are not a bounce but a list: the rest are left out. */
const MAX_RECIPIENTS = 1000;
const CODE = /(?<![\d.])[245]\d\d(?![\d.]\d)|\b[245]\.\d{1,3}\.\d{1,3}\b(?!\.\d)/;

export const readGeneric: PlainReader = (report) => {
  const lines = reportLines(report);
  const sender = senderAddresses(report);
  const pending: Pending[] = [];
  const seen = new Set<string>();
  // The report's lines with a code, found once (a hostile report may name thousands of addresses).
  const coded = lines.filter((l) => CODE.test(l.text)).slice(0, 6).map((l) => l.text.trim());
  const add = (address: string, line: Line, index: number) => {
    const a = trimAddress(address);
    const key = a.toLowerCase();
    if (pending.length >= MAX_RECIPIENTS || seen.has(key) || sender.has(key) || isServiceAddress(a) || !isAddress(a)) return;
    seen.add(key);
    pending.push({ recipient: a, at: line.start + index, lines: explanationNear(lines, lineIndex.get(line) ?? -1, coded) });
  };
  const lineIndex = new Map(lines.map((l, i) => [l, i]));
  for (const line of lines) {
    const m = SENTENCE.exec(line.text);
    if (m?.groups) {
      const a = m.groups.a ?? m.groups.b ?? m.groups.c ?? m.groups.d ?? m.groups.e ?? m.groups.f ?? m.groups.g ?? m.groups.h ?? m.groups.i;
      if (a) add(a, line, line.text.indexOf(a));
    }
  }
  if (!pending.length) {
    // An address standing out: alone on its line (maybe indented, bulleted, bracketed or quoted, maybe followed by
    // a colon), followed by its reason in brackets ("bob@example.org [User unknown]"), or after a short label
    // ("Unknown user: bob@example.org").
    for (const line of lines) {
      // Also with a display name before it ("Bob" <bob@example.org>), or its reason after " ... " or " - ".
      const m = /^\s*(?:[*•-]\s+)?(?:"[^"<>]{0,80}"\s+)?["<]?([^\s<>"]+@[^\s<>"]+?)[">]?:?(?:\s+\[[^\]]{2,200}\]|\s+(?:\.{3}|-)\s+\S.{0,200})?\s*$/.exec(line.text);
      const labelled = m ? null : /^\s{0,4}([A-Za-z][\w '-]{2,40}):\s+<?([^\s<>"]+@[^\s<>"]+?)>?\s*$/.exec(line.text);
      if (m) add(m[1], line, line.text.indexOf(m[1]));
      else if (labelled && !/^\s*(?:From|To|Cc|Reply-To|Sender|Return-Path|Message-I[dD])$/i.test(labelled[1])) {
        const before = pending.length;
        add(labelled[2], line, line.text.indexOf(labelled[2]));
        // The MTA's own verdict on the address ("Unknown user: bob@example.org"), not a remote server's words.
        if (pending.length > before) pending[before].formatReason = LABEL_REASONS.find(([re]) => re.test(labelled[1]))?.[1];
      }
    }
  }
  if (!pending.length) {
    // A transcript names the recipient in what was sent: ">>> RCPT TO:<bob@example.org>", "Sent <<< RCPT TO:<…>".
    for (const line of lines) {
      const m = /RCPT TO:\s*<([^\s<>]+@[^\s<>]+)>/i.exec(line.text);
      if (m) add(m[1], line, line.text.indexOf(m[1]));
    }
  }
  if (!pending.length) {
    // The failed addresses an MTA lists in its own header (Exim and many others).
    const failed = header(report.head, 'x-failed-recipients');
    if (failed) for (const a of failed.split(/[,\s]+/).filter((x) => isAddress(x)).slice(0, MAX_RECIPIENTS)) pending.push({ recipient: trimAddress(a), at: -1, lines: explanationNear(lines, -1, coded) });
  }
  if (!pending.length) {
    // The subject says it: "Your message to bob@example.org could not be delivered."
    const m = SENTENCE.exec(report.head.subject);
    const a = m?.groups && (m.groups.a ?? m.groups.b ?? m.groups.c ?? m.groups.d ?? m.groups.e ?? m.groups.f ?? m.groups.g ?? m.groups.h ?? m.groups.i);
    if (a && isAddress(trimAddress(a)) && !sender.has(trimAddress(a).toLowerCase())) pending.push({ recipient: trimAddress(a), at: -1, lines: explanationNear(lines, -1, coded.length ? coded : lines.map((l) => l.text.trim()).filter(Boolean).slice(0, 6)) });
  }
  if (!pending.length) {
    // Last: the one address the returned message was sent to (its To: field), when the report names none.
    const to = returnedTo(report);
    if (to && !sender.has(to.address.toLowerCase()) && !isServiceAddress(to.address)) {
      pending.push({ recipient: to.address, at: to.at, lines: explanationNear(lines, -1, coded.length ? coded : lines.map((l) => l.text.trim()).filter(Boolean).slice(0, 6)) });
    }
  }
  // "-------SMTP command" then the command on the next line (m-FILTER and others).
  const commandAt = lines.findIndex((l) => /^-*\s*SMTP command\s*:?\s*$/i.test(l.text));
  const command = commandAt >= 0 ? /^(RCPT|MAIL|DATA|EHLO|HELO|CONN)/i.exec(lines[commandAt + 1]?.text.trim() ?? '')?.[1].toUpperCase() : undefined;
  for (const p of pending) p.command ??= command;
  const out = finish(report, pending, 'generic');
  // A recipient from a header has no place in the report: point at the start of the message.
  for (const o of out) if (o.start < 0 || o.end <= 0) (o.start = 0), (o.end = 0);
  return out;
};

/** The lines that explain a recipient: its paragraph (a few lines), or else the report's lines with a code. */
function explanationNear(lines: Line[], at: number, coded: string[]): string[] {
  const own: string[] = [];
  if (at >= 0) {
    for (let i = at; i < lines.length && own.length < 8 && (i === at || lines[i].text.trim()); i++) own.push(lines[i].text.trim());
    for (let i = at + 1; i < lines.length && own.length < 2; i++) if (lines[i].text.trim()) own.push(lines[i].text.trim());
  }
  if (own.some((l) => CODE.test(l))) return own;
  return coded.length ? [...own, ...coded] : own;
}

/**
 * The To: field of the copy of the returned message (a header block with a From or Subject field next to it), when
 * it names exactly one address.
 */
function returnedTo(report: Report): { address: string; at: number } | undefined {
  const text = report.view.text;
  const re = /^[ \t]*To:[ \t]*(.{1,400})$/gim;
  re.lastIndex = 0;
  for (let m = re.exec(text), n = 0; m && n < 20; m = re.exec(text), n++) {
    const around = text.slice(Math.max(0, m.index - 400), m.index + m[0].length + 400);
    if (!/^[ \t]*(?:From|Subject):/im.test(around)) continue;
    const found = [...m[1].matchAll(/[^\s<>"',;:]+@[^\s<>"',;:]+/g)];
    if (found.length !== 1) return undefined;
    const address = trimAddress(found[0][0]);
    return isAddress(address) ? { address, at: m.index + m[0].indexOf(found[0][0]) } : undefined;
  }
  return undefined;
}

/** The bounce's own addresses (its sender and the mailbox it returns to) are never the failed recipient. */
function senderAddresses(report: Report): Set<string> {
  const out = new Set<string>();
  for (const v of [report.head.from, report.head.to, header(report.head, 'return-path') ?? '']) {
    for (const m of v.matchAll(/[^\s<>"',;:]+@[^\s<>"',;:]+/g)) out.add(trimAddress(m[0]).toLowerCase());
  }
  return out;
}
