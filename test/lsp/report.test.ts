// The report requests of the built language server, over the real protocol: a session fed in pieces by the client,
// the report, the events of a row, bad requests answered with errors, the session dropped when the report closes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Report, ReportEvent } from '../../server/src/core/report/model';
import { ReportBeginRequest, ReportEndNotification, ReportEventsRequest, ReportFeedRequest, ReportFinishRequest } from '../../server/src/protocol';
import { fixture } from '../helpers';
import { TestClient } from './client';

let client: TestClient;
before(async () => {
  client = new TestClient();
  await client.start();
});
after(() => client.stop());

const request = <T>(method: string, params: unknown) => client.request<T>(method, params);

test('a report session: inputs fed in pieces and in order, the report, the events behind a row', async () => {
  const { session } = await request<{ session: number }>(ReportBeginRequest, { names: ['exim.log', 'postfix.log', 'broken.bin'] });
  const exim = fixture('report/exim.log');
  const postfix = fixture('report/postfix.log');
  for (let i = 0; i < exim.length; i += 1000) await request(ReportFeedRequest, { session, source: 0, text: exim.slice(i, i + 1000) });
  // Feeding the second input ends the first.
  for (let i = 0; i < postfix.length; i += 777) await request(ReportFeedRequest, { session, source: 1, text: postfix.slice(i, i + 777), end: i + 777 >= postfix.length });
  await request(ReportFeedRequest, { session, source: 2, text: '', end: true, note: 'binary file, skipped' });
  const report = await request<Report>(ReportFinishRequest, { session });
  assert.deepEqual([report.totals.delivered, report.totals.deferred, report.totals.bounced, report.totals.expired, report.totals.rejected], [12, 10, 4, 2, 10]);
  assert.deepEqual(report.sources.map((s) => [s.name, s.formats, s.events, s.notes]), [
    ['exim.log', ['Exim'], 16, []],
    ['postfix.log', ['Postfix'], 22, []],
    ['broken.bin', [], 0, ['binary file, skipped']],
  ]);
  const edu = report.domains.find((d) => d.key === 'example.edu')!;
  const events = await request<ReportEvent[]>(ReportEventsRequest, { session, ref: edu.ref, outcome: 'expired' });
  assert.deepEqual(events.map((e) => [e.source, e.line, e.recipient]), [[0, 34, 'judy@example.edu'], [1, 50, 'grace@example.edu']]);
  const all = await request<ReportEvent[]>(ReportEventsRequest, { session, ref: edu.ref, outcome: 'not-an-outcome' });
  assert.equal(all.length, edu.total, 'an unknown outcome lists them all');

  client.connection.sendNotification(ReportEndNotification, { session });
  await assert.rejects(request(ReportFinishRequest, { session }), /no report session/);
});

test('bad report requests are answered with an error, never a crash', async () => {
  await assert.rejects(request(ReportFeedRequest, { session: 999, source: 0, text: 'x' }), /no report session 999/);
  const { session } = await request<{ session: number }>(ReportBeginRequest, { names: ['a.log'] });
  await assert.rejects(request(ReportFeedRequest, { session, source: 5, text: 'x' }), /no input 5/);
  await assert.rejects(request(ReportFeedRequest, { session, source: -1, text: 'x' }), /no input -1/);
  assert.deepEqual(await request<ReportEvent[]>(ReportEventsRequest, { session, ref: 'garbage-without-colon' }), []);
  assert.deepEqual(await request<ReportEvent[]>(ReportEventsRequest, { session, ref: 't:x:y' }), []);
  // The server still answers.
  assert.equal((await request<Report>(ReportFinishRequest, { session })).totals.events, 0);
});
