// What the server knows of each open document: its text and what was found in it, kept up to date incrementally.
// A full analysis runs in time slices and yields between them, and a newer version of the document cancels it; an
// edit to a scanned log rescans only the lines it touched. Until a message's new analysis is done, its previous
// findings (moved with the edits) answer hovers.
import { BlockDocument, type ContentChange } from './blockDocument';
import { analyzeInSteps } from '../core/analyze';
import type { RecipientOutcome } from '../core/bounce/outcome';
import type { Catalog } from '../core/catalog/catalog';
import { looksLikeMessage } from '../core/dsn/mime';
import type { Finding } from '../core/scan/finding';
import { scan, SCAN_REACH } from '../core/scan/scanner';
import { scanInSteps, type Steps } from '../core/steps';
import type { Family } from '../core/types';
import { levelFor } from './diagnostics';
import { DEFAULTS, type Settings } from './settings';

/** Work between two yields of a full analysis: short enough for a hover or a keystroke to wait for it unnoticed. */
export const SLICE_MS = 8;
/** Above this size (in UTF-16 units, about the bytes of a mostly ASCII file) a message is scanned as plain text. */
export const MAX_MESSAGE = 64 * 1024 * 1024;

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
  /** What the findings are (to be) made with: the document's catalog and families. */
  catalog: Catalog;
  families: ReadonlySet<Family>;
  /** The settings of the document's folder, as last read. */
  settings: Settings;
  /** How many findings of each family and class `findings` holds, kept up to date by edits (see tallyOf). */
  tally?: Tally;
}

/** Findings counted by family and class, and their notes: what the diagnostics' cap note counts, without a loop. */
export interface Tally {
  /** The array counted: a tally of another array is stale. */
  of: readonly Finding[];
  counts: Map<string, number>;
  notes: number;
}

const tallyKey = (f: Finding) => `${f.family}:${f.class}`;

function count(tally: Tally, findings: readonly Finding[], from: number, to: number, sign: 1 | -1) {
  for (let i = from; i < to; i++) {
    const f = findings[i];
    const key = tallyKey(f);
    tally.counts.set(key, (tally.counts.get(key) ?? 0) + sign);
    if (f.notes) tally.notes += sign * f.notes.length;
  }
}

/** The document's tally, counted again when its findings were replaced since. */
export function tallyOf(t: TrackedDocument): Tally {
  if (t.tally?.of !== t.findings) {
    t.tally = { of: t.findings, counts: new Map(), notes: 0 };
    count(t.tally, t.findings, 0, t.findings.length, 1);
  }
  return t.tally;
}

export interface ScanHost {
  yieldNow(): Promise<void>;
}

export class DocumentStore {
  private readonly docs = new Map<string, TrackedDocument>();
  /** Full analyses finished (for tests and the benchmark: a republish must not be a rescan). */
  fullScans = 0;

  constructor(private readonly host: ScanHost, private readonly defaultCatalog: Catalog) {}

  get(uri: string): TrackedDocument | undefined {
    return this.docs.get(uri);
  }

  all(): IterableIterator<TrackedDocument> {
    return this.docs.values();
  }

  /** A new document, not yet ours: the caller makes it active once it knows the document's settings. */
  open(uri: string, languageId: string, version: number, text: string): TrackedDocument {
    const doc = new BlockDocument(uri, languageId, version, text);
    const tracked: TrackedDocument = {
      doc, findings: [], recipients: [], complete: false, message: languageId === 'eml' || /\.eml$/i.test(uri) || looksLikeMessage(text), generation: 0, active: false,
      catalog: this.defaultCatalog, families: new Set(), settings: DEFAULTS,
    };
    this.docs.set(uri, tracked);
    return tracked;
  }

  close(uri: string): void {
    const t = this.docs.get(uri);
    if (t) t.generation++;
    this.docs.delete(uri);
  }

  /** Too large to be read as a message: scanned line by line like a log. */
  tooLargeForMessage(t: TrackedDocument): boolean {
    return t.message && t.doc.length > MAX_MESSAGE;
  }

  /**
   * Applies edits. Findings move with the text (those the edit touched are dropped). For a scanned log, the touched
   * lines are rescanned at once and true is returned; false when the caller must schedule a full analysis.
   */
  change(uri: string, version: number, changes: ContentChange[]): boolean {
    const t = this.docs.get(uri);
    if (!t) return false;
    const ranged = changes.every((c) => 'range' in c);
    const incremental = t.complete && !t.message && ranged;
    let dirtyStart = Infinity;
    let dirtyEnd = -Infinity;
    for (const change of changes) {
      const { start, end, inserted } = t.doc.apply(change);
      if (!ranged) continue;
      const delta = inserted - (end - start);
      t.findings = shiftFindings(t.findings, start, end, delta, t.tally?.of === t.findings ? t.tally : undefined);
      t.recipients = shiftRecipients(t.recipients, start, end, delta);
      // The dirty region moves with later edits like any other text.
      if (dirtyStart !== Infinity) {
        if (dirtyStart >= end) dirtyStart += delta;
        if (dirtyEnd >= end) dirtyEnd += delta;
      }
      dirtyStart = Math.min(dirtyStart, start);
      dirtyEnd = Math.max(dirtyEnd, start + inserted);
    }
    t.doc.version = version;
    if (!ranged) (t.findings = []), (t.recipients = []);
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
   * those lines and the lines the scanner reads around a region (SCAN_REACH) are read: never the whole document.
   * Lines here are the scanner's, which end at \n only (a lone \r ends a line for the editor, not for the rules).
   */
  private rescanRegion(t: TrackedDocument, start: number, end: number) {
    const doc = t.doc;
    const from = linesBefore(doc, lineStartAt(doc, start), 1);
    const to = linesAfter(doc, lineEndAt(doc, end), 1);
    const base = linesBefore(doc, from, SCAN_REACH.linesBefore);
    const limit = linesAfter(doc, to, SCAN_REACH.linesAfter);
    const text = doc.slice(base, limit);
    const fresh = scan(text, t.catalog, from - base, to - base, { families: t.families });
    for (const f of fresh) {
      f.start += base;
      f.end += base;
    }
    const lo = lowerBound(t.findings, from);
    let hi = lo;
    while (hi < t.findings.length && t.findings[hi].start < to) hi++;
    const tally = t.tally?.of === t.findings ? t.tally : undefined;
    if (tally) {
      count(tally, t.findings, lo, hi, -1);
      count(tally, fresh, 0, fresh.length, 1);
    }
    // In place: a big log has many findings, an edit brings a few. A pasted block can bring more than a call can take
    // as arguments: then the array is built anew.
    if (fresh.length < 4096) t.findings.splice(lo, hi - lo, ...fresh);
    else {
      t.findings = t.findings.slice(0, lo).concat(fresh, t.findings.slice(hi));
      if (tally) tally.of = t.findings;
    }
  }

  /**
   * Analyses the whole document (a message above MAX_MESSAGE and any other text: line by line) in slices of about
   * SLICE_MS, yielding between them. Resolves to false when a newer version or a close superseded it.
   *
   * A log is read from the top, and what is found first does not change as the rest is read: once more findings are
   * known than the document shows as diagnostics, `early` is called (with t.findings holding them, t.complete false),
   * so that a large log shows its first diagnostics long before it is read to the end.
   */
  async fullScan(t: TrackedDocument, early?: () => void): Promise<boolean> {
    const generation = ++t.generation;
    const text = t.doc.getText();
    const options = { families: t.families };
    if (t.message && !this.tooLargeForMessage(t)) {
      const analysis = await runInSlices(analyzeInSteps(text, t.catalog, { ...options, message: true }), this.host, () => generation === t.generation);
      if (!analysis) return false;
      t.findings = analysis.findings;
      t.recipients = analysis.recipients;
      t.tally = undefined;
      t.complete = true;
      this.fullScans++;
      return true;
    }
    const found: Finding[] = [];
    let shown = !early || t.settings.maxDiagnosticsPerFile <= 0;
    // Diagnostics the findings so far make (findings at an "off" level make none, a note makes one more).
    let diagnostics = 0;
    let counted = 0;
    const findings = await runInSlices(scanInSteps(text, t.catalog, 0, text.length, options, found), this.host, () => generation === t.generation, () => {
      if (shown) return;
      for (; counted < found.length; counted++) {
        const f = found[counted];
        if (levelFor(t.settings, f.family, f.class) !== 'off') diagnostics++;
        if (f.notes) diagnostics += f.notes.length;
      }
      if (diagnostics <= t.settings.maxDiagnosticsPerFile) return;
      shown = true;
      t.findings = found;
      t.recipients = [];
      t.complete = false;
      early!();
    });
    if (!findings) return false;
    t.recipients = [];
    t.findings = findings;
    // The same array may have been shown (and counted) while it was still growing.
    t.tally = undefined;
    t.complete = true;
    this.fullScans++;
    return true;
  }
}

/**
 * Runs steps for about SLICE_MS at a time, yielding to the host in between; stops (undefined) as soon as the work
 * is no longer wanted.
 */
export async function runInSlices<T>(steps: Steps<T>, host: ScanHost, wanted: () => boolean, afterStep?: () => void): Promise<T | undefined> {
  await host.yieldNow();
  let sliceStart = performance.now();
  for (;;) {
    if (!wanted()) {
      steps.return(undefined as T);
      return undefined;
    }
    const next = steps.next();
    if (next.done) return next.value;
    afterStep?.();
    if (performance.now() - sliceStart >= SLICE_MS) {
      await host.yieldNow();
      sliceStart = performance.now();
    }
  }
}

function lowerBound(findings: readonly Finding[], offset: number): number {
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
function shiftFindings(findings: Finding[], start: number, end: number, delta: number, tally?: Tally): Finding[] {
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
  if (tally) count(tally, findings, first, after, -1);
  findings.splice(first, after - first);
  return findings;
}
/** Recipients named in the edited range are dropped until the next analysis; the ones after it move with the text. */
function shiftRecipients(recipients: RecipientOutcome[], start: number, end: number, delta: number): RecipientOutcome[] {
  if (!recipients.length) return recipients;
  return recipients.filter((o) => o.end <= start || o.start > end).map((o) => (o.start > end ? { ...o, start: o.start + delta, end: o.end + delta } : o));
}
export { lowerBound };

/** How far the lines around an edit are looked for: a line longer than this ends the search (the rules read no further). */
const REACH_BYTES = 64 * 1024;

/** The start of the line (ended by \n) that holds `offset`. */
function lineStartAt(doc: BlockDocument, offset: number): number {
  for (let pos = offset; pos > 0; ) {
    const from = Math.max(0, pos - 4096);
    const i = doc.slice(from, pos).lastIndexOf('\n');
    if (i >= 0) return from + i + 1;
    pos = from;
  }
  return 0;
}

/** The end of the line that holds `offset`, after its \n (the document's end for the last line). */
function lineEndAt(doc: BlockDocument, offset: number): number {
  for (let pos = offset; pos < doc.length; ) {
    const to = Math.min(doc.length, pos + 4096);
    const i = doc.slice(pos, to).indexOf('\n');
    if (i >= 0) return pos + i + 1;
    pos = to;
  }
  return doc.length;
}

/** The start of the `n`th line before the line starting at `lineStart`, or as far as REACH_BYTES allow. */
function linesBefore(doc: BlockDocument, lineStart: number, n: number): number {
  let pos = lineStart;
  for (let k = 0; k < n && pos > 0 && lineStart - pos < REACH_BYTES; k++) pos = lineStartAt(doc, pos - 1);
  return pos;
}

/** The end of the `n`th line after `lineEnd` (a line's end), or as far as REACH_BYTES allow. */
function linesAfter(doc: BlockDocument, lineEnd: number, n: number): number {
  let pos = lineEnd;
  for (let k = 0; k < n && pos < doc.length && pos - lineEnd < REACH_BYTES; k++) pos = lineEndAt(doc, pos);
  return pos;
}
