// What the server knows of each open document: its text and what was found in it, kept up to date incrementally.
// A full scan runs in chunks and yields between them; an edit to a scanned document rescans only the lines it touched.
import { BlockDocument, type ContentChange } from './blockDocument';
import { analyze } from '../core/analyze';
import type { RecipientOutcome } from '../core/bounce/outcome';
import type { Catalog } from '../core/catalog/catalog';
import { looksLikeMessage } from '../core/dsn/mime';
import type { Finding } from '../core/scan/finding';
import { scan } from '../core/scan/scanner';
import type { Family } from '../core/types';

/** Characters scanned between two yields of a full scan. */
export const CHUNK = 1 << 20;

export interface TrackedDocument {
  doc: BlockDocument;
  /** Sorted by start offset. */
  findings: Finding[];
  /** The recipients a message reports on (bounces, complaint reports, automatic replies); empty for logs. */
  recipients: RecipientOutcome[];
  /** False until the first full scan of the current content finished. */
  complete: boolean;
  /** Messages (.eml) are analysed whole: their MIME structure does not allow a line-local update. */
  message: boolean;
  /** Increases whenever a scan starts; a scan that sees another number has been superseded. */
  generation: number;
  /** Whether the settings make it ours (files.include). Other open documents are only kept up to date, not scanned. */
  active: boolean;
}

export interface ScanEnvironment {
  catalog(): Catalog;
  families(): ReadonlySet<Family>;
  yieldNow(): Promise<void>;
}

export class DocumentStore {
  private readonly docs = new Map<string, TrackedDocument>();

  constructor(private readonly env: ScanEnvironment) {}

  get(uri: string): TrackedDocument | undefined {
    return this.docs.get(uri);
  }

  all(): IterableIterator<TrackedDocument> {
    return this.docs.values();
  }

  open(uri: string, languageId: string, version: number, text: string, active: boolean): TrackedDocument {
    const doc = new BlockDocument(uri, languageId, version, text);
    const tracked: TrackedDocument = { doc, findings: [], recipients: [], complete: false, message: languageId === 'eml' || /\.eml$/i.test(uri) || looksLikeMessage(text), generation: 0, active };
    this.docs.set(uri, tracked);
    return tracked;
  }

  close(uri: string): void {
    const t = this.docs.get(uri);
    if (t) t.generation++;
    this.docs.delete(uri);
  }

  /**
   * Applies edits. For a scanned log, findings are shifted and the touched lines rescanned at once; returns true
   * when that was possible, false when the caller must schedule a full scan.
   */
  change(uri: string, version: number, changes: ContentChange[]): boolean {
    const t = this.docs.get(uri);
    if (!t) return false;
    const incremental = t.complete && !t.message && changes.every((c) => 'range' in c);
    let dirtyStart = Infinity;
    let dirtyEnd = -Infinity;
    for (const change of changes) {
      const { start, end, inserted } = t.doc.apply(change);
      if (!incremental) continue;
      const delta = inserted - (end - start);
      t.findings = shiftFindings(t.findings, start, end, delta);
      // The dirty region moves with later edits like any other text.
      if (dirtyStart !== Infinity) {
        if (dirtyStart >= end) dirtyStart += delta;
        if (dirtyEnd >= end) dirtyEnd += delta;
      }
      dirtyStart = Math.min(dirtyStart, start);
      dirtyEnd = Math.max(dirtyEnd, start + inserted);
    }
    t.doc.version = version;
    if (!incremental) {
      t.complete = false;
      t.generation++;
      return false;
    }
    this.rescanRegion(t, dirtyStart, dirtyEnd);
    return true;
  }

  /**
   * Rescans the lines around [start, end): one line more on each side, since context can span a line break. Only
   * those lines (and one more on each side for the scanner's context) are read: never the whole document.
   */
  private rescanRegion(t: TrackedDocument, start: number, end: number) {
    const doc = t.doc;
    const startLine = Math.max(0, doc.positionAt(start).line - 1);
    const endLine = doc.positionAt(end).line + 2;
    const from = doc.offsetAt({ line: startLine, character: 0 });
    const to = endLine >= doc.lineCount ? doc.length : doc.offsetAt({ line: endLine, character: 0 });
    const base = doc.offsetAt({ line: Math.max(0, startLine - 1), character: 0 });
    const limit = endLine + 1 >= doc.lineCount ? doc.length : doc.offsetAt({ line: endLine + 1, character: 0 });
    const text = doc.slice(base, limit);
    const fresh = scan(text, this.env.catalog(), from - base, to - base, { families: this.env.families() });
    for (const f of fresh) {
      f.start += base;
      f.end += base;
    }
    const lo = lowerBound(t.findings, from);
    let hi = lo;
    while (hi < t.findings.length && t.findings[hi].start < to) hi++;
    // concat, not splice(...fresh): a pasted block can bring more findings than a call can take as arguments.
    t.findings = t.findings.slice(0, lo).concat(fresh, t.findings.slice(hi));
  }

  /**
   * Scans the whole document in chunks of lines, yielding between them. Resolves to false when a newer version or
   * a close superseded it.
   */
  async fullScan(t: TrackedDocument): Promise<boolean> {
    const generation = ++t.generation;
    const text = t.doc.getText();
    const catalog = this.env.catalog();
    const families = this.env.families();
    if (t.message) {
      await this.env.yieldNow();
      if (generation !== t.generation) return false;
      const analysis = analyze(text, catalog, { message: true, families });
      t.findings = analysis.findings;
      t.recipients = analysis.recipients;
      t.complete = true;
      return true;
    }
    const findings: Finding[] = [];
    let from = 0;
    while (from < text.length) {
      let to = Math.min(text.length, from + CHUNK);
      if (to < text.length) {
        const nl = text.indexOf('\n', to);
        to = nl < 0 ? text.length : nl + 1;
      }
      for (const f of scan(text, catalog, from, to, { families })) findings.push(f);
      from = to;
      if (from < text.length) {
        await this.env.yieldNow();
        if (generation !== t.generation) return false;
      }
    }
    t.findings = findings;
    t.complete = true;
    return true;
  }
}

function lowerBound(findings: Finding[], offset: number): number {
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (findings[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Drops findings that touch the edited range and moves the ones after it (in place: a big log has many). */
function shiftFindings(findings: Finding[], start: number, end: number, delta: number): Finding[] {
  let first = lowerBound(findings, start);
  // A finding that starts before the edit but reaches into it is dropped too.
  while (first > 0 && findings[first - 1].end > start) first--;
  let after = first;
  while (after < findings.length && findings[after].start <= end) after++;
  if (delta !== 0) {
    for (let k = after; k < findings.length; k++) {
      findings[k].start += delta;
      findings[k].end += delta;
    }
  }
  findings.splice(first, after - first);
  return findings;
}
export { lowerBound };
