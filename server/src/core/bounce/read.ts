// Every recipient a message reports on, whatever wrote it: the machine-readable parts first (RFC 3464 delivery status,
// ARF complaint reports, Amazon SES notifications), then the readers of each MTA's plain-text or HTML report, then the
// generic reader for bounces no format claims. A forwarded bounce is read inside the message that forwards it.
import type { Catalog } from '../catalog/catalog';
import { decodeBody } from '../dsn/decode';
import { bodyReadsAsText, parseMessage, type Header, type MimePart } from '../dsn/mime';
import { readBracketed } from './bracketed';
import { readDomino } from './domino';
import { readExchange } from './exchange';
import { readExim } from './exim';
import { isFeedbackReport, readAutoReply, readFeedbackReport } from './feedback';
import { readGeneric } from './generic';
import { readGmail } from './gmail';
import { htmlView } from './html';
import { readLabelled } from './labelled';
import { readOpenSmtpd } from './opensmtpd';
import { makeOutcome, reasonOfContext, replyIn, statusIn, type ContextReason, type OutcomeFields, type RecipientOutcome } from './outcome';
import type { Head, PlainReader, Report } from './plain';
import type { Reason } from './reason';
import { readSendmail } from './sendmail';
import { hasDeliveryStatusFields, readDeliveryStatus } from './rfc3464';
import { looksLikeSesJson, readSesJson } from './ses';
import { mappedView, reportEnd, sliceView, type TextView } from './text';

/** Readers of formats with markers of their own, in order. */
const READERS: PlainReader[] = [readExchange, readExim, readBracketed, readSendmail, readOpenSmtpd, readDomino, readGmail];
/** Readers that would find "recipients" in any message: only for messages that present themselves as bounces. */
const BOUNCE_ONLY_READERS: PlainReader[] = [readLabelled, readGeneric];

const MAX_NESTING = 3;

/** The recipients of a message (the whole text of an .eml), each with its outcome and reason. */
export function readRecipients(text: string, catalog?: Catalog, root?: MimePart): RecipientOutcome[] {
  // Old Mac files end lines with CR alone: read them with LF in its place (same length, so offsets stay valid).
  if (!root && text.indexOf('\n') < 0 && text.indexOf('\r') >= 0) text = text.replace(/\r/g, '\n');
  root ??= parseMessage(text);
  // Without a date of its own, an outcome is as old as the report that tells it.
  const date = headerValue(root.headers, 'date');
  // A report's explanation is read once for all its recipients that share a status, a reply and a command.
  const memo = new Map<string, Reason | undefined>();
  const contextReason: ContextReason = (input, context) => {
    const key = `${input.status}|${input.reply}|${input.command}|${input.action}|${input.formatReason}|${context.length}`;
    if (!memo.has(key)) memo.set(key, reasonOfContext(input, context));
    return memo.get(key);
  };
  return readMessage(text, root, 0).map((f) => makeOutcome({ ...f, date: f.date ?? date, providerReason: f.providerReason ?? providerReason(catalog, f) }, contextReason));
}

/** How much of a report's explanation is read for the reason of recipients whose own lines give none. */
const CONTEXT_CHARS = 4000;

/** The report's human-readable text, up to the copy of the original message: what it says of all its recipients. */
function contextOf(views: { part: MimePart; view: TextView }[]): string | undefined {
  const human = views.find((v) => !hasDeliveryStatusFields(v.view.text) && v.part.contentType !== 'text/html') ?? views.find((v) => !hasDeliveryStatusFields(v.view.text));
  if (!human) return undefined;
  const text = human.view.text;
  return text.slice(0, Math.min(reportEnd(text), CONTEXT_CHARS)).replace(/\s+/g, ' ').trim() || undefined;
}

const withContext = (fields: OutcomeFields[], context: string | undefined) => (context ? fields.map((f) => ({ ...f, context })) : fields);

function readMessage(text: string, root: MimePart, depth: number): OutcomeFields[] {
  const head = headOf(root);
  const parts = collect(text, root);
  // Complaint reports.
  const feedback = parts.feedback.flatMap((p) => {
    const original = parts.attached[0];
    return readFeedbackReport(partView(text, p) ?? sliceView(text, p.bodyStart, p.bodyEnd), original && { headers: original.children[0]?.headers ?? [], text, raw: (i) => i });
  });
  if (feedback.length) return feedback;
  const views = parts.text.map((p) => ({ part: p, view: partView(text, p) })).filter((v): v is { part: MimePart; view: TextView } => !!v.view);
  // Delivery status parts, completed by what the human-readable report says of the same recipients.
  const dsn = parts.dsn.flatMap((p) => readDeliveryStatus(partView(text, p) ?? sliceView(text, p.bodyStart, p.bodyEnd)));
  const context = contextOf(views);
  if (dsn.length) return withContext(complete(dsn, views, head), context);
  for (const { view } of views) {
    if (hasDeliveryStatusFields(view.text)) {
      const fields = readDeliveryStatus(view);
      if (fields.length) return withContext(complete(fields, views, head), context);
    }
    if (looksLikeSesJson(view.text)) {
      const ses = readSesJson(view);
      if (ses.length) return ses;
    }
  }
  const plain = readPlain(views, head);
  if (plain.length) return withContext(plain, context);
  const auto = readAutoReply(head, views[0]?.view, root.headerStart);
  if (auto.length) return auto;
  // A forwarded bounce: the report is the attached message.
  if (depth < MAX_NESTING) {
    for (const inner of parts.attached) {
      const child = inner.children[0];
      if (!child || !isBounceHead(headOf(child))) continue;
      const found = readMessage(text, child, depth + 1);
      if (found.length) return found;
    }
  }
  return [];
}

/** The plain-text and HTML readers over the report parts, plain text first; the generic reader only for bounces. */
function readPlain(views: { part: MimePart; view: TextView }[], head: Head): OutcomeFields[] {
  const ordered = [...views].sort((a, b) => Number(a.part.contentType === 'text/html') - Number(b.part.contentType === 'text/html'));
  for (const { view } of ordered) {
    const report: Report = { view, end: reportEnd(view.text), head };
    for (const read of READERS) {
      const found = read(report);
      if (found.length) return found;
    }
  }
  if (!isBounceHead(head) && !ordered.some(({ view }) => BOUNCE_WORDS.test(view.text.slice(0, 2048)))) return [];
  for (const read of BOUNCE_ONLY_READERS) {
    for (const { view } of ordered) {
      const found = read({ view, end: reportEnd(view.text), head });
      if (found.length) return found;
    }
  }
  return [];
}

/** DSN recipients take the SMTP command, and a missing diagnostic, from the report's own lines about them. */
function complete(fields: OutcomeFields[], views: { part: MimePart; view: TextView }[], head: Head): OutcomeFields[] {
  const human = readPlain(views.filter((v) => !hasDeliveryStatusFields(v.view.text)), head);
  if (!human.length) return fields;
  const byRecipient = new Map(human.map((h) => [h.recipient.toLowerCase(), h]));
  return fields.map((f) => {
    const h = byRecipient.get(f.recipient.toLowerCase()) ?? (human.length === 1 && fields.length === 1 ? human[0] : undefined);
    if (!h) return f;
    return { ...f, command: f.command ?? h.command, diagnostic: f.diagnostic ?? h.diagnostic, remoteMta: f.remoteMta ?? h.remoteMta, formatReason: f.formatReason ?? h.formatReason };
  });
}

function providerReason(catalog: Catalog | undefined, f: OutcomeFields) {
  if (!catalog || !f.diagnostic) return undefined;
  const codes = [f.reply ?? replyIn(f.diagnostic), f.status ?? statusIn(f.diagnostic)].filter((c): c is string => !!c);
  return catalog.matchProviders(f.diagnostic, codes).find((e) => e.reason)?.reason;
}

interface Parts {
  dsn: MimePart[];
  feedback: MimePart[];
  /**
   * Text and HTML leaves of the message itself (not of the messages attached to it), parts of other types that hold
   * text all the same (application/octet-stream, "test/plain", a multipart without its boundary), and the text
   * before the first part of a multipart (some MTAs write their report there).
   */
  text: MimePart[];
  attached: MimePart[];
}

function collect(text: string, root: MimePart): Parts {
  const parts: Parts = { dsn: [], feedback: [], text: [], attached: [] };
  const walk = (part: MimePart, inAttached: boolean) => {
    const type = part.contentType;
    if (type === 'message/delivery-status' || type === 'message/global-delivery-status') {
      if (!inAttached) parts.dsn.push(part);
      return;
    }
    if (isFeedbackReport(part)) {
      if (!inAttached) parts.feedback.push(part);
      return;
    }
    if (type === 'message/rfc822' || type === 'message/global') {
      if (!inAttached) parts.attached.push(part);
      return;
    }
    if (part.children.length) {
      // The preamble ends where the first part's delimiter line ("--boundary") starts.
      const first = part.children[0].headerStart;
      const delimiter = text.lastIndexOf('\n--', first);
      const preamble = delimiter >= part.bodyStart ? delimiter + 1 : first;
      if (!inAttached && /\S[\s\S]*@/.test(text.slice(part.bodyStart, Math.min(preamble, part.bodyStart + 65536)))) {
        parts.text.push({ ...part, contentType: 'text/plain', encoding: '7bit', bodyEnd: preamble, children: [] });
      }
      for (const c of part.children) walk(c, inAttached);
      return;
    }
    if (inAttached || /attachment/i.test(headerValue(part.headers, 'content-disposition') ?? '')) return;
    if (type === 'text/plain' || type === 'text/html') parts.text.push(part);
    else if (!type.startsWith('image/') && !type.startsWith('audio/') && !type.startsWith('video/') && type !== 'text/rfc822-headers' && holdsText(text, part)) parts.text.push({ ...part, contentType: 'text/plain' });
  };
  walk(root, false);
  return parts;
}

/** A part that holds text: base64 (decoded before it is read), or a body whose first 4 KB read as text. */
function holdsText(text: string, part: MimePart): boolean {
  return part.bodyEnd > part.bodyStart && (part.encoding === 'base64' || bodyReadsAsText(text, part));
}

/** A part's body as text: decoded when it is base64 or quoted-printable, HTML turned into lines. */
function partView(text: string, part: MimePart): TextView | undefined {
  let view: TextView;
  if (part.encoding === 'base64' || part.encoding === 'quoted-printable') {
    const decoded = decodeBody(text, part.bodyStart, part.bodyEnd, part.encoding, part.params.charset);
    if (!decoded) return undefined;
    view = mappedView(decoded.text, decoded.rawOffset);
  } else {
    view = sliceView(text, part.bodyStart, part.bodyEnd);
  }
  return part.contentType === 'text/html' ? htmlView(view) : view;
}

function headOf(part: MimePart): Head {
  const value = (name: string) => headerValue(part.headers, name) ?? '';
  return { headers: part.headers, from: value('from'), to: value('to'), subject: value('subject') };
}

function headerValue(headers: Header[], name: string): string | undefined {
  return headers.find((h) => h.name === name)?.value;
}

const BOUNCE_SUBJECT = /undeliver|undelivered|delivery (?:status )?notification|delivery (?:has )?failed|delivery failure|failure notice|returned mail|returning message|mail delivery|non[- ]?deliver|could not be delivered|delivery problem|rejected|bounce|unzustellbar|non remis|no entregado|niet bezorgd|nicht zugestellt|mail system error|message (?:not delivered|blocked)/i;
const BOUNCE_WORDS = /could not be delivered|couldn't be delivered|was not delivered|undeliverable|delivery (?:has )?failed|permanent error|permanent failure|returned to sender|mail delivery (?:system|subsystem|software)|error message below/i;

function isBounceHead(head: Head): boolean {
  return /mailer-daemon|post_?master|mail delivery|mail-daemon|mdaemon|mail administrator/i.test(head.from) || BOUNCE_SUBJECT.test(head.subject) || head.headers.some((h) => h.name === 'x-failed-recipients') || /multipart\/report/i.test(headerValue(head.headers, 'content-type') ?? '');
}
