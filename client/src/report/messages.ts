// The messages between the report's webview (view/) and the extension (panel.ts). Everything the view sends is
// checked by the extension before use: it runs the log's text, which is never trusted.
import type { Outcome } from '../../../server/src/core/report/event';
import type { Report, ReportEvent } from '../../../server/src/core/report/model';

export type ToView =
  | { type: 'report'; report: Report; interactive: boolean }
  | { type: 'events'; request: number; events: ReportEvent[] }
  | { type: 'notice'; message: string };

export type FromView =
  | { type: 'ready' }
  | { type: 'events'; request: number; ref: string; outcome?: Outcome }
  | { type: 'open'; source: number; line: number }
  | { type: 'export'; format: 'json' | 'csv' }
  | { type: 'explain'; entryId: string };
