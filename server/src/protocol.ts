// The custom requests and notifications between the extension (client/) and the language server.
// Method names and payload types only: both sides import this file, so they cannot drift apart. The data types are
// the core's: the protocol depends on the core, never the reverse.
import type { Action } from './core/bounce/outcome';
import type { Reason } from './core/bounce/taxonomy';
import type { FailureCounts } from './core/present/failures';
import type { FileSummaryCode } from './core/present/summary';
import type { CatalogEntry, CatalogStructure, FindingClass, Range } from './core/types';

export type { FileSummaryCode, FindingClass };

/** `mailErrorCodes/fileSummary`: the "In This File" view, aggregated by the server; null for a file it does not scan. */
export const FileSummaryRequest = 'mailErrorCodes/fileSummary';
export interface FileSummaryParams { uri: string }
/** Failures as a person counts them: failed recipients in a bounce, failed deliveries (lines) in a log. */
export type { FailureCounts };

export interface FileSummary {
  uri: string;
  version: number | null;
  /** False while the first scan of the document is still running. */
  complete: boolean;
  totals: Record<FindingClass, number>;
  findings: number;
  failures: FailureCounts;
  /** Sorted by class (permanent, transient, unknown, intermediate, success), then by count, descending. */
  codes: FileSummaryCode[];
  /** The recipients a bounce (or complaint report, or automatic reply) reports on, in the message's order. */
  recipients: FileRecipient[];
}

/** What is said of one recipient of a bounce: what happened, why (the reason taxonomy) and hard or soft. */
export interface RecipientFields {
  recipient: string;
  action: Action;
  reason: Reason;
  /** "user unknown", "mailbox full" … */
  reasonTitle: string;
  bounce: 'hard' | 'soft' | 'none';
  status?: string;
  reply?: string;
  diagnostic?: string;
  remoteMta?: string;
}

/** A recipient of the bounce in an editor, and where it is named. */
export interface FileRecipient extends RecipientFields {
  range: Range;
}

/** `mailErrorCodes/summaryChanged` (server → client): the summary of this document changed. */
export const SummaryChangedNotification = 'mailErrorCodes/summaryChanged';
export interface SummaryChangedParams {
  uri: string;
  version: number | null;
  /** False while the document's analysis is still running (the counts are those of the last one). */
  complete: boolean;
  findings: number;
  totals: Record<FindingClass, number>;
  failures: FailureCounts;
  /** The recipients of a bounce (few): the status bar shows their hard / soft and reasons. */
  recipients: FileRecipient[];
}

/** `mailErrorCodes/reloadCatalogs`: re-read the custom catalog files ("Reload Catalog"); resolves when done. */
export const ReloadCatalogsRequest = 'mailErrorCodes/reloadCatalogs';

/** `mailErrorCodes/workspaceTrusted` (client → server): the user trusted the workspace; custom catalogs may be read. */
export const WorkspaceTrustedNotification = 'mailErrorCodes/workspaceTrusted';

/** initializationOptions the client sends. */
export interface InitializationOptions {
  /** Whether the workspace is trusted (VS Code's workspace trust); custom catalogs are read only then. */
  trusted?: boolean;
}

/** `mailErrorCodes/catalogChanged` (server → client): the catalog changed (custom catalogs reloaded); ask again. */
export const CatalogChangedNotification = 'mailErrorCodes/catalogChanged';

/** `mailErrorCodes/catalog`: every entry, built-in and custom, for the tree view and the lookup Quick Pick. */
export const CatalogRequest = 'mailErrorCodes/catalog';
export interface CatalogResult { entries: CatalogEntry[]; structure: CatalogStructure }

/** `mailErrorCodes/search`: ranked entries for a query (a code, a symbolic name, words or a whole pasted reply). */
export const SearchRequest = 'mailErrorCodes/search';
export interface SearchParams { query: string; limit?: number }
export interface SearchResult { entries: { id: string; score: number }[] }

/** `mailErrorCodes/describe`: the Markdown detail page of an entry (or of a code / whole reply, explained). */
export const DescribeRequest = 'mailErrorCodes/describe';
export interface DescribeParams { id?: string; text?: string }
export interface DescribeResult { title: string; markdown: string; found: boolean }

/**
 * `mailErrorCodes/readRecipients`: the recipients of whole messages the client read (the bounce report of a folder).
 * The client reads the files (workspace.fs works for every kind of workspace); the server parses them.
 */
export const ReadRecipientsRequest = 'mailErrorCodes/readRecipients';
export interface ReadRecipientsParams { messages: { id: number; text: string }[] }
export interface ReadRecipientsResult { results: { id: number; recipients: MessageRecipient[]; error?: string }[] }
/** A recipient of a message of a folder, with the SMTP command and the date of the attempt. */
export interface MessageRecipient extends RecipientFields {
  command?: string;
  date?: string;
  /** Where the message names the recipient: 0-based line and UTF-16 character in the message text, and the length. */
  line: number;
  character: number;
  length: number;
}

// The mail log report. The client reads the files (vscode.workspace.fs, so that it works in VS Code for the Web) and
// feeds their text, in order, to a report session of the server, which counts it with the core's ReportBuilder.
/** `mailErrorCodes/reportBegin`: a new report of these inputs (display names, in reading order). */
export const ReportBeginRequest = 'mailErrorCodes/reportBegin';
export interface ReportBeginParams { names: string[] }
export interface ReportBeginResult { session: number }
/** `mailErrorCodes/reportFeed`: the next text of input `source` (inputs one after another); `end` closes it. */
export const ReportFeedRequest = 'mailErrorCodes/reportFeed';
export interface ReportFeedParams { session: number; source: number; text: string; end?: boolean; note?: string }
/** `mailErrorCodes/reportFinish`: the report (server/src/core/report/model.ts) once every input has ended. */
export const ReportFinishRequest = 'mailErrorCodes/reportFinish';
export interface ReportSessionParams { session: number }
/** `mailErrorCodes/reportEvents`: the kept events of a bar or row (its ref), of one outcome or all. */
export const ReportEventsRequest = 'mailErrorCodes/reportEvents';
export interface ReportEventsParams { session: number; ref: string; outcome?: string }
/** `mailErrorCodes/reportEnd` (notification): the report was closed; the session is dropped. */
export const ReportEndNotification = 'mailErrorCodes/reportEnd';
