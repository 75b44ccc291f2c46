// The core's entry point: everything found in a document, whether a log, a transcript or a whole message (.eml):
// the codes (findings) and, for a message, the outcome of each recipient it reports on.
import type { RecipientOutcome } from './bounce/outcome';
import { readRecipients } from './bounce/read';
import type { Catalog } from './catalog/catalog';
import { decodeBodyInSteps, toRaw } from './dsn/decode';
import { bodyReadsAsText, looksLikeMessage, parseMessage, type MimePart } from './dsn/mime';
import type { Finding } from './scan/finding';
import { bounceBody, bounceSender, bounceSubject, returnedMessageStart } from './scan/rules';
import { scan, type ScanOptions } from './scan/scanner';
import { runSteps, scanInSteps, type Steps } from './steps';

export interface AnalyzeOptions extends ScanOptions {
  /** Treat the text as an Internet message (.eml); by default it is detected from the text. */
  message?: boolean;
}

export interface Analysis {
  /** Sorted by start offset. */
  findings: Finding[];
  /** In the order the message (or the messages of an mbox file) reports them; empty for text that is not a message. */
  recipients: RecipientOutcome[];
}

export function analyze(text: string, catalog: Catalog, options: AnalyzeOptions = {}): Analysis {
  return runSteps(analyzeInSteps(text, catalog, options));
}

/** analyze() in steps (./steps.ts), for hosts that must stay responsive: yields between parts and slices of parts. */
export function* analyzeInSteps(text: string, catalog: Catalog, options: AnalyzeOptions = {}): Steps<Analysis> {
  // Old Mac files end lines with CR alone: read them with LF in its place (same length, so offsets stay valid).
  if (text.indexOf('\n') < 0 && text.indexOf('\r') >= 0) text = text.replace(/\r/g, '\n');
  const asMessage = options.message ?? looksLikeMessage(text);
  if (!asMessage) return { findings: yield* scanInSteps(text, catalog, 0, text.length, options), recipients: [] };
  const findings: Finding[] = [];
  const recipients: RecipientOutcome[] = [];
  for (const [start, end] of mboxMessages(text)) {
    const root = parseMessage(text, start, end);
    append(findings, yield* analyzeMessage(text, catalog, options, root));
    yield;
    for (const o of readRecipients(text, catalog, root)) recipients.push(o);
  }
  return { findings, recipients };
}

const MBOX_SEPARATOR = /^From [^\s]{1,256} {1,4}(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) /gm;

/** The messages of a text: one, or each message of an mbox file (its "From sender date" lines separate them). */
function mboxMessages(text: string): [number, number][] {
  if (!text.startsWith('From ')) return [[0, text.length]];
  const starts = [0];
  MBOX_SEPARATOR.lastIndex = 1;
  for (let m = MBOX_SEPARATOR.exec(text); m; m = MBOX_SEPARATOR.exec(text)) starts.push(m.index);
  return starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1] : text.length]);
}

function* analyzeMessage(text: string, catalog: Catalog, options: ScanOptions, root: MimePart): Steps<Finding[]> {
  const report = isDeliveryReport(text, root);
  const findings: Finding[] = [];
  // Generators, so that a large part is read in slices (./steps.ts) between which the host may do other work.
  function* scanText(from: number, to: number, inReport: boolean): Steps<void> {
    // In a report, the text from "--- Below this line is a copy of the message" on is the returned message.
    const cut = inReport ? returnedMessageAt(text, from, to) : to;
    append(findings, yield* scanInSteps(text, catalog, from, cut, { ...options, bounce: inReport }));
    if (cut < to) append(findings, yield* scanInSteps(text, catalog, cut, to, options));
  }
  function* visit(part: MimePart, inOriginal: boolean): Steps<void> {
    yield;
    // Every part's header block is text worth scanning (Subject, X-Failed-Recipients, Diagnostic fields).
    append(findings, scan(text, catalog, part.headerStart, part.bodyStart, options));
    const inReport = report && !inOriginal;
    if (part.contentType.startsWith('multipart/')) {
      // A multipart whose structure cannot be followed (no boundary, or none of its lines) is read as text; the
      // preamble before the first part is text too (some MTAs write the report there).
      const first = part.children[0];
      yield* scanText(part.bodyStart, first ? first.headerStart : part.bodyEnd, inReport);
      for (const child of part.children) yield* visit(child, inOriginal);
      return;
    }
    if (part.children.length) {
      for (const child of part.children) yield* visit(child, true);
      return;
    }
    const textual = isTextual(part.contentType);
    if (!textual && !holdsText(text, part)) return;
    const partReport = inReport && part.contentType !== 'text/rfc822-headers' && !part.contentType.startsWith('message/rfc822');
    const charset = part.params.charset;
    const decoded = textual && (part.encoding === 'base64' || part.encoding === 'quoted-printable') ? yield* decodeBodyInSteps(text, part.bodyStart, part.bodyEnd, part.encoding, charset) : undefined;
    if (decoded) {
      const d = decoded.text;
      const cut = partReport ? returnedMessageAt(d, 0, d.length) : d.length;
      const found = yield* scanInSteps(d, catalog, 0, cut, { ...options, bounce: partReport });
      if (cut < d.length) append(found, yield* scanInSteps(d, catalog, cut, d.length, options));
      for (const f of found) findings.push({ ...f, ...toRaw(decoded, f.start, f.end) });
    } else {
      yield* scanText(part.bodyStart, part.bodyEnd, partReport);
    }
  }
  yield* visit(root, false);
  yield;
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return dedupe(findings);
}

/** push(...items) passes every item as an argument, which overflows the stack for a part with many findings. */
function append(to: Finding[], items: readonly Finding[]) {
  for (const f of items) to.push(f);
}

/** Whether a message is a delivery report (a bounce): its type, a delivery-status part, its sender, subject or first lines. */
function isDeliveryReport(text: string, root: MimePart): boolean {
  if (root.contentType === 'multipart/report' && /delivery-status/i.test(root.params['report-type'] ?? '')) return true;
  const field = (name: string) => root.headers.find((h) => h.name === name)?.value;
  if (field('x-failed-recipients') !== undefined) return true;
  const from = field('from');
  if (from !== undefined && bounceSender.test(from.trim())) return true;
  if (bounceSubject.test(field('subject') ?? '')) return true;
  if (hasPart(root, (p) => isDeliveryStatus(p.contentType))) return true;
  return bounceBody.test(text.slice(root.bodyStart, Math.min(root.bodyEnd, root.bodyStart + 8192)));
}

function hasPart(part: MimePart, test: (p: MimePart) => boolean): boolean {
  return test(part) || part.children.some((c) => hasPart(c, test));
}

/** Where the returned message starts in text[from, to) (to when it does not): looked for in the report's first 256 KB. */
function returnedMessageAt(text: string, from: number, to: number): number {
  const m = returnedMessageStart.exec(text.slice(from, Math.min(to, from + 262144)));
  return m ? from + m.index : to;
}

/** A part of another type that holds text all the same (application/octet-stream, a mistyped text/plain). */
function holdsText(text: string, part: MimePart): boolean {
  return part.encoding !== 'base64' && bodyReadsAsText(text, part);
}

function isTextual(type: string): boolean {
  return type.startsWith('text/') || type.startsWith('message/');
}

function isDeliveryStatus(type: string): boolean {
  return type === 'message/delivery-status' || type === 'message/global-delivery-status';
}

/** A code can be reached twice (a header block scanned as a part and as a message): keep it once. */
function dedupe(findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const last = out[out.length - 1];
    if (last && last.start === f.start && last.end === f.end && last.family === f.family && last.code === f.code) continue;
    out.push(f);
  }
  return out;
}
