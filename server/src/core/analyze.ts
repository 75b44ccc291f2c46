// The core's entry point: everything found in a document, whether a log, a transcript or a whole message (.eml):
// the codes (findings) and, for a message, the outcome of each recipient it reports on.
import { readRecipients } from './bounce/read';
import type { RecipientOutcome } from './bounce/outcome';
import type { Catalog } from './catalog/catalog';
import { decodeBody } from './dsn/decode';
import { looksLikeMessage, parseMessage, type MimePart } from './dsn/mime';
import type { Finding } from './scan/finding';
import { scan, type ScanOptions } from './scan/scanner';

export interface AnalyzeOptions extends ScanOptions {
  /** Treat the text as an Internet message (.eml); by default it is detected from the text. */
  message?: boolean;
}

export interface Analysis {
  /** Sorted by start offset. */
  findings: Finding[];
  /** In the order the message reports them; empty for text that is not a message. */
  recipients: RecipientOutcome[];
}

export function analyze(text: string, catalog: Catalog, options: AnalyzeOptions = {}): Analysis {
  const asMessage = options.message ?? looksLikeMessage(text);
  if (!asMessage) return { findings: scan(text, catalog, 0, text.length, options), recipients: [] };
  const root = parseMessage(text);
  return { findings: messageFindings(text, root, catalog, options), recipients: readRecipients(text, catalog, root) };
}

function messageFindings(text: string, root: MimePart, catalog: Catalog, options: ScanOptions): Finding[] {
  const findings: Finding[] = [];
  visit(root, (part, isLeaf) => {
    // Every part's header block is text worth scanning (Subject, X-Failed-Recipients, Diagnostic fields).
    append(findings, scan(text, catalog, part.headerStart, part.bodyStart, options));
    if (!isLeaf) return;
    if (!isTextual(part.contentType)) return;
    const charset = part.params.charset;
    const decoded = part.encoding === 'base64' || part.encoding === 'quoted-printable' ? decodeBody(text, part.bodyStart, part.bodyEnd, part.encoding, charset) : undefined;
    if (decoded) {
      for (const f of scan(decoded.text, catalog, 0, decoded.text.length, options)) {
        findings.push({ ...f, start: decoded.rawOffset[f.start], end: Math.max(decoded.rawOffset[f.end - 1] + 1, decoded.rawOffset[f.end]) });
      }
    } else {
      append(findings, scan(text, catalog, part.bodyStart, part.bodyEnd, options));
    }
  });
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return dedupe(findings);
}

/** push(...items) passes every item as an argument, which overflows the stack for a part with many findings. */
function append(to: Finding[], items: readonly Finding[]) {
  for (const f of items) to.push(f);
}

function visit(part: MimePart, fn: (part: MimePart, isLeaf: boolean) => void) {
  fn(part, part.children.length === 0);
  for (const child of part.children) visit(child, fn);
}

function isTextual(type: string): boolean {
  return type.startsWith('text/') || type.startsWith('message/');
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
