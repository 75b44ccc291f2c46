// The messages between the bounce report's webview and the extension. Both sides import this file.
import type { Action } from '../../../server/src/core/bounce/outcome';
import type { Reason } from '../../../server/src/core/bounce/taxonomy';

/** One recipient as the report table shows it. Everything but `id` comes from the files: untrusted text. */
export interface ReportRow {
  id: number;
  file: string;
  recipient: string;
  domain: string;
  action: Action;
  reason: Reason;
  reasonTitle: string;
  bounce: 'hard' | 'soft' | 'none';
  status: string;
  reply: string;
  remoteMta: string;
  date: string;
  diagnostic: string;
}

export interface ReportProblem {
  file: string;
  reason: string;
}

export interface ReportProgress {
  filesDone: number;
  filesTotal: number;
  messages: number;
  skipped: number;
  /** True once the run ended; `cancelled` says whether it was stopped before the end. */
  done: boolean;
  cancelled: boolean;
}

export type ToWebview =
  | { type: 'start'; folder: string; hardSoftNote: string; reasonTitles: Record<string, string> }
  | { type: 'rows'; rows: ReportRow[] }
  | { type: 'problems'; problems: ReportProblem[] }
  | { type: 'progress'; progress: ReportProgress };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'open'; id: number }
  | { type: 'export'; ids: number[] }
  | { type: 'cancel' };
