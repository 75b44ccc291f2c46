// Typed access to the server's report requests (server/src/protocol.ts, server/src/lsp/report.ts).
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { Outcome } from '../../../server/src/core/report/event';
import type { Report, ReportEvent } from '../../../server/src/core/report/model';
import {
  ReportBeginRequest, ReportEndNotification, ReportEventsRequest, ReportFeedRequest, ReportFinishRequest,
  type ReportBeginResult, type ReportFeedParams,
} from '../../../server/src/protocol';

export interface ReportApi {
  begin(names: string[]): Promise<number>;
  feed(params: ReportFeedParams, token?: vscode.CancellationToken): Promise<void>;
  finish(session: number): Promise<Report>;
  events(session: number, ref: string, outcome?: Outcome): Promise<ReportEvent[]>;
  end(session: number): void;
}

export function createReportApi(client: BaseLanguageClient, ready: Promise<void>): ReportApi {
  return {
    async begin(names) {
      await ready;
      return (await client.sendRequest<ReportBeginResult>(ReportBeginRequest, { names })).session;
    },
    async feed(params, token) {
      await client.sendRequest(ReportFeedRequest, params, token);
    },
    finish: (session) => client.sendRequest<Report>(ReportFinishRequest, { session }),
    events: (session, ref, outcome) => client.sendRequest<ReportEvent[]>(ReportEventsRequest, { session, ref, outcome }),
    end(session) {
      if (client.isRunning()) void client.sendNotification(ReportEndNotification, { session });
    },
  };
}
