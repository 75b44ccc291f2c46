// The core's entry point: everything found in a document, whether a log, a transcript or a whole message (.eml).
import type { Catalog } from './catalog/catalog';
import { decodeBodyInSteps, toRaw } from './dsn/decode';
import { looksLikeMessage, parseMessage, type MimePart } from './dsn/mime';
import { CATEGORY_TITLES, readDeliveryStatus, type RecipientBlock } from './dsn/summary';
import { makeFinding, type Finding } from './scan/finding';
import { scan, type ScanOptions } from './scan/scanner';
import { runSteps, scanInSteps, type Steps } from './steps';

export interface AnalyzeOptions extends ScanOptions {
  /** Treat the text as an Internet message (.eml); by default it is detected from the text. */
  message?: boolean;
}

export function analyze(text: string, catalog: Catalog, options: AnalyzeOptions = {}): Finding[] {
  return runSteps(analyzeInSteps(text, catalog, options));
}

/** analyze() in steps (./steps.ts), for hosts that must stay responsive: yields between parts and slices of parts. */
export function* analyzeInSteps(text: string, catalog: Catalog, options: AnalyzeOptions = {}): Steps<Finding[]> {
  const asMessage = options.message ?? looksLikeMessage(text);
  if (!asMessage) return yield* scanInSteps(text, catalog, 0, text.length, options);
  return yield* analyzeMessage(text, catalog, options);
}

function* analyzeMessage(text: string, catalog: Catalog, options: ScanOptions): Steps<Finding[]> {
  const root = parseMessage(text);
  const findings: Finding[] = [];
  for (const [part, isLeaf] of parts(root)) {
    yield;
    // Every part's header block is text worth scanning (Subject, X-Failed-Recipients, Diagnostic fields).
    append(findings, scan(text, catalog, part.headerStart, part.bodyStart, options));
    if (!isLeaf) continue;
    if (!isTextual(part.contentType)) continue;
    const charset = part.params.charset;
    const decoded = part.encoding === 'base64' || part.encoding === 'quoted-printable' ? yield* decodeBodyInSteps(text, part.bodyStart, part.bodyEnd, part.encoding, charset) : undefined;
    if (decoded) {
      for (const f of yield* scanInSteps(decoded.text, catalog, 0, decoded.text.length, options)) {
        findings.push({ ...f, ...toRaw(decoded, f.start, f.end) });
      }
    } else {
      append(findings, yield* scanInSteps(text, catalog, part.bodyStart, part.bodyEnd, options));
    }
    if (isDeliveryStatus(part.contentType)) {
      const blocks = decoded ? readDeliveryStatus(decoded.text) : readDeliveryStatus(text, part.bodyStart, part.bodyEnd);
      for (const block of blocks) {
        const { start, end } = decoded ? toRaw(decoded, block.start, block.end) : block;
        findings.push(summaryFinding(block, start, end));
      }
    }
  }
  yield;
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return dedupe(findings);
}

/** push(...items) passes every item as an argument, which overflows the stack for a part with many findings. */
function append(to: Finding[], items: readonly Finding[]) {
  for (const f of items) to.push(f);
}

/** Every part, depth first, and whether it is a leaf. */
function* parts(part: MimePart): Generator<[MimePart, boolean]> {
  yield [part, part.children.length === 0];
  for (const child of part.children) yield* parts(child);
}

function isTextual(type: string): boolean {
  return type.startsWith('text/') || type.startsWith('message/');
}

function isDeliveryStatus(type: string): boolean {
  return type === 'message/delivery-status' || type === 'message/global-delivery-status';
}

function summaryFinding(block: RecipientBlock, start: number, end: number): Finding {
  const s = block.summary;
  const cls = s.outcome === 'failed' ? 'permanent' : s.outcome === 'delayed' ? 'transient' : s.outcome === 'unknown' ? 'unknown' : 'success';
  const codes = [s.replyCode, s.status].filter(Boolean).join(' ');
  const title = `${s.recipient}: ${outcomeWords(s.outcome)}${codes ? ` (${codes})` : ''}${s.outcome === 'failed' || s.outcome === 'delayed' ? ` — ${CATEGORY_TITLES[s.category]}, ${s.bounce} bounce` : ''}`;
  return makeFinding({ start, end, family: 'dsn-summary', code: s.recipient, title, class: cls, rule: 'dsn', summary: s });
}

export function outcomeWords(outcome: string): string {
  return outcome === 'failed' ? 'failed permanently' : outcome === 'delayed' ? 'delayed' : outcome === 'delivered' ? 'delivered' : outcome;
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
