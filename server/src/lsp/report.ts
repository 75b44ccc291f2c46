// Report sessions in the language server: one ReportBuilder per open report, fed by the client, kept (with the first
// events of each row) until the report is closed. At most a few at a time: the oldest is dropped beyond that.
import type { Connection } from 'vscode-languageserver';
import type { Catalog } from '../core/catalog/catalog';
import { ReportBuilder } from '../core/report/builder';
import { OUTCOMES, type Outcome } from '../core/report/event';
import type { Report, ReportEvent } from '../core/report/model';
import type { SourceReader } from '../core/report/reader';
import {
  ReportBeginRequest, ReportEndNotification, ReportEventsRequest, ReportFeedRequest, ReportFinishRequest,
  type ReportBeginParams, type ReportBeginResult, type ReportEventsParams, type ReportFeedParams, type ReportSessionParams,
} from '../protocol';

/** Events kept per row and outcome, for the lists a click on a bar or a row shows. */
const SAMPLES = 50;
const MAX_SESSIONS = 8;
const MAX_LISTED = 200;

interface Session {
  builder: ReportBuilder;
  names: string[];
  readers: (SourceReader | undefined)[];
}

export function registerReportRequests(connection: Connection, catalog: () => Catalog): void {
  const sessions = new Map<number, Session>();
  let next = 1;

  const session = (id: number): Session => {
    const s = sessions.get(id);
    if (!s) throw new Error(`no report session ${id} (it was closed, or the server restarted)`);
    return s;
  };

  connection.onRequest(ReportBeginRequest, ({ names }: ReportBeginParams): ReportBeginResult => {
    if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
    const id = next++;
    sessions.set(id, { builder: new ReportBuilder(catalog(), { samples: SAMPLES }), names: names.map(String), readers: [] });
    return { session: id };
  });

  connection.onRequest(ReportFeedRequest, ({ session: id, source, text, end, note }: ReportFeedParams): null => {
    const s = session(id);
    if (!Number.isInteger(source) || source < 0 || source >= s.names.length) throw new Error(`no input ${source} in report ${id}`);
    // Inputs are read in order: starting the next one ends those before it.
    for (let i = 0; i <= source; i++) s.readers[i] ??= s.builder.source(s.names[i]);
    const reader = s.readers[source]!;
    if (typeof text === 'string' && text) reader.push(text);
    if (note) reader.stats.notes.push(String(note));
    if (end) reader.end();
    return null;
  });

  connection.onRequest(ReportFinishRequest, ({ session: id }: ReportSessionParams): Report => session(id).builder.report());

  connection.onRequest(ReportEventsRequest, ({ session: id, ref, outcome }: ReportEventsParams): ReportEvent[] => {
    const o = OUTCOMES.includes(outcome as Outcome) ? (outcome as Outcome) : undefined;
    return session(id).builder.events(String(ref).slice(0, 10_000), o, MAX_LISTED);
  });

  connection.onNotification(ReportEndNotification, ({ session: id }: ReportSessionParams) => {
    sessions.delete(id);
  });
}
