// Sends what the server found: diagnostics at once, and (debounced) the summaryChanged notification that the status
// bar shows as it is and after which the "In This File" view asks for the whole summary.
import type { Connection } from 'vscode-languageserver';
import { countFailures, type FailureCounts } from '../core/present/failures';
import { totalsOf } from '../core/present/summary';
import { SummaryChangedNotification, type SummaryChangedParams } from '../protocol';
import { diagnosticsFor } from './diagnostics';
import { fileRecipients } from './recipientRows';
import { tallyOf, type DocumentStore, type TrackedDocument } from './documents';

/** Quiet time after the last publish of a document before its summary is sent. */
const SUMMARY_DELAY_MS = 100;

export class Publisher {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly connection: Connection, private readonly store: DocumentStore) {}

  publish(t: TrackedDocument) {
    if (this.store.get(t.doc.uri) !== t) return;
    void this.connection.sendDiagnostics({ uri: t.doc.uri, version: t.doc.version, diagnostics: diagnosticsFor(t.doc, t.findings, t.settings, t.catalog, { recipients: t.recipients, complete: t.complete, tally: tallyOf(t) }) });
    // The first diagnostics of a large log come before it is read to the end: its summary waits for the whole.
    if (t.complete) this.scheduleSummary(t);
  }

  /** The document is no longer ours (closed, or left out by files.include): nothing is reported for it. */
  clear(uri: string) {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private scheduleSummary(t: TrackedDocument) {
    clearTimeout(this.timers.get(t.doc.uri));
    this.timers.set(t.doc.uri, setTimeout(() => {
      this.timers.delete(t.doc.uri);
      if (this.store.get(t.doc.uri) !== t || !t.active) return;
      const params: SummaryChangedParams = { uri: t.doc.uri, version: t.doc.version, complete: t.complete, findings: t.findings.length, totals: totalsOf(t.findings), failures: failuresOf(t), recipients: fileRecipients(t) };
      void this.connection.sendNotification(SummaryChangedNotification, params);
    }, SUMMARY_DELAY_MS));
  }
}

export function failuresOf(t: TrackedDocument): FailureCounts {
  return countFailures(t.findings, (offset) => t.doc.offsetAt({ line: t.doc.positionAt(offset).line + 1, character: 0 }), t.recipients);
}
