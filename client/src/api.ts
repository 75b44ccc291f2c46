// What activate() returns: a small, read-mostly API for the VS Code integration tests (test/vscode) and the e2e
// harness, so they can check what the views, the status bar and the lookup show without scraping the UI.
import type * as vscode from 'vscode';
import type { ReportProblem, ReportProgress, ReportRow } from './bounceReport/messages';
import type { TreeSnapshot } from './views/snapshot';

export interface LookupResultItem {
  label: string;
  description?: string;
  detail?: string;
  entryId?: string;
}

export interface MailErrorCodesApi {
  /** Resolves when the language server is running (rejects if it could not start). */
  readonly ready: Promise<void>;
  /** The Catalog view, every level expanded, as currently filtered. */
  catalogTree(): Promise<TreeSnapshot[]>;
  setCatalogFilter(query: string): Promise<void>;
  /** The "In This File" view for the active editor, once its summary has arrived. */
  inThisFile(): Promise<TreeSnapshot[]>;
  /** The Look Up Code items for a query, in the order the Quick Pick shows them. */
  lookup(query: string): Promise<LookupResultItem[]>;
  statusBar(): { visible: boolean; text: string; tooltip?: string };
  /** The detail page address for an entry id, a code or a text to explain. */
  detailUri(idOrText: string): Promise<vscode.Uri>;
  revealNext(code: string): Promise<vscode.Range | undefined>;
  /** The last bounce report ("Summarize Bounces in Folder…"), once its run ended. */
  bounceReport(): Promise<{ rows: ReportRow[]; problems: ReportProblem[]; progress: ReportProgress } | undefined>;
}
export type { TreeSnapshot };
