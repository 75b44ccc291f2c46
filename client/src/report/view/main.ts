// The report view: the same page in the editor's webview and in the standalone HTML file of the command line. In the
// editor, bars and rows list their events and an event opens the log at its line (messages to the extension); the
// standalone page reads its data from the page itself and shows the charts and tables only.
import type { Chart } from 'chart.js';
import { OUTCOMES, type Outcome } from '../../../../server/src/core/report/event';
import type { ReasonRow, Report, ReportEvent, Row } from '../../../../server/src/core/report/model';
import type { FromView, ToView } from '../messages';
import { outcomeChart, type BarSeries } from './charts';
import { h, n, when } from './dom';

interface VsCodeApi {
  postMessage(message: FromView): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode: VsCodeApi | undefined = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
const root = document.getElementById('report')!;
const charts: { chart: Chart<'bar'>; redraw: () => Chart<'bar'> }[] = [];
let report: Report | undefined;
let interactive = false;
let nextRequest = 1;
const pending = new Map<number, (events: ReportEvent[]) => void>();

const TITLES: Record<Outcome, string> = { delivered: 'Delivered', deferred: 'Deferred', bounced: 'Bounced', expired: 'Expired', rejected: 'Rejected' };
const REASON_TITLES: Partial<Record<Outcome, string>> = { deferred: 'Deferrals', bounced: 'Bounces', expired: 'Expiries', rejected: 'Rejections' };

function send(message: FromView) {
  vscode?.postMessage(message);
}

window.addEventListener('message', (event: MessageEvent<ToView>) => {
  const message = event.data;
  if (message?.type === 'report') {
    interactive = message.interactive;
    show(message.report);
  } else if (message?.type === 'events') {
    pending.get(message.request)?.(message.events);
    pending.delete(message.request);
  } else if (message?.type === 'notice') {
    notice(message.message);
  }
});

// Redraw the charts in the new theme's colours (VS Code changes the body's classes).
new MutationObserver(() => {
  for (const c of charts) {
    c.chart.destroy();
    c.chart = c.redraw();
  }
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

const embedded = document.getElementById('report-data');
if (embedded?.textContent) show(JSON.parse(embedded.textContent) as Report);
else send({ type: 'ready' });

function show(data: Report) {
  report = data;
  for (const c of charts) c.chart.destroy();
  charts.length = 0;
  root.replaceChildren(
    header(data),
    totals(data),
    timeline(data),
    rowsSection('domains', 'Recipient domains', 'Domain', data.domains, 'No recipient in the log.'),
    rowsSection('providers', 'Providers', 'Provider', data.providers, 'No relay host was recognised as a provider’s.'),
    rowsSection('categories', 'Failures by reason', 'Reason', data.categories, 'No deferral, bounce or rejection in the log.'),
    reasons(data),
    rowsSection('senders', 'Senders', 'Sender', data.senders, 'No sender in the log.', false),
    stillDeferred(data),
    sources(data),
    h('section', { id: 'events', class: 'events', hidden: true, 'aria-live': 'polite' }),
  );
  // Charts are drawn once their canvas is in the page (Chart.js measures it).
  for (const c of charts) c.chart = c.redraw();
}

function header(data: Report) {
  const lines = data.sources.reduce((sum, s) => sum + s.lines, 0);
  const names = data.sources.map((s) => s.name.split(/[\\/]/).pop()).join(', ');
  const span = data.span ? ` · ${when(data.span.first, !data.yearAssumed)} – ${when(data.span.last, !data.yearAssumed)}` : '';
  return h('header', {},
    h('h1', {}, 'Mail log report'),
    h('p', { class: 'meta' }, `${names} — ${n(lines)} ${lines === 1 ? 'line' : 'lines'}, ${n(data.totals.events)} ${data.totals.events === 1 ? 'event' : 'events'}${span}`),
    interactive && h('div', { class: 'actions' },
      button('Export JSON', () => send({ type: 'export', format: 'json' })),
      button('Export CSV', () => send({ type: 'export', format: 'csv' })),
    ),
    data.approximate.length ? h('p', { class: 'note' }, `Approximate: ${data.approximate.join(', ')} (too many distinct entries to keep them all).`) : undefined,
  );
}

function totals(data: Report) {
  return h('section', { id: 'totals', 'aria-label': 'Totals' },
    h('ul', { class: 'totals' }, OUTCOMES.map((o) => {
      const detail = o === 'deferred' && data.totals.deferred ? `${n(data.messages.deferred)} ${data.messages.deferred === 1 ? 'message' : 'messages'}` : undefined;
      const content = [h('span', { class: 'count' }, n(data.totals[o])), h('span', { class: 'label' }, o), detail && h('span', { class: 'detail' }, detail)];
      return h('li', { class: `total ${o}`, 'data-outcome': o },
        interactive && data.totals[o] ? button(content, () => list(`o:${o}`, undefined, `${TITLES[o]}`, data.totals[o]), `List the ${o} events`) : h('span', {}, content),
      );
    })),
  );
}

function timeline(data: Report) {
  const buckets = data.timeline.buckets;
  const byHour = data.timeline.by === 'hour';
  const label = (start: string) => (byHour ? when(start, false) : when(start, false, false));
  const section = h('section', { id: 'timeline' }, h('h2', {}, byHour ? 'Outcomes per hour' : 'Outcomes per day'));
  if (!buckets.length) {
    section.append(h('p', { class: 'empty' }, 'No event with a time.'));
    return section;
  }
  const series: BarSeries = { labels: buckets.map((b) => label(b.start)), counts: buckets.map((b) => b.counts) };
  section.append(chartBox(series, false, `Stacked bars of outcomes ${byHour ? 'per hour' : 'per day'}; the table below has the same numbers.`, (i, o) => {
    const b = buckets[i];
    list(b.ref, o, `${byHour ? 'Hour' : 'Day'} ${label(b.start)}`, o ? b.counts[o] : b.total);
  }));
  const rows = buckets.filter((b) => b.total).map((b): Row => ({ key: label(b.start), counts: b.counts, total: b.total, ref: b.ref }));
  section.append(countsTable(byHour ? 'Hour' : 'Day', rows, byHour ? 'Hours without events are left out.' : 'Days without events are left out.'));
  if (data.timeline.untimed) section.append(h('p', { class: 'note' }, `${n(data.timeline.untimed)} events have no time.`));
  return section;
}

function rowsSection(id: string, title: string, keyTitle: string, rows: Row[], empty: string, chart = true) {
  const section = h('section', { id }, h('h2', {}, title));
  if (!rows.length) {
    section.append(h('p', { class: 'empty' }, empty));
    return section;
  }
  if (chart) {
    const series: BarSeries = { labels: rows.map((r) => short(r.key)), counts: rows.map((r) => r.counts) };
    section.append(chartBox(series, true, `Stacked bars of outcomes by ${keyTitle.toLowerCase()}; the table below has the same numbers.`, (i, o) => {
      const r = rows[i];
      if (r.ref) list(r.ref, o, `${keyTitle} ${r.key}`, o ? r.counts[o] : r.total);
    }, rows.length));
  }
  section.append(countsTable(keyTitle, rows));
  return section;
}

function chartBox(series: BarSeries, horizontal: boolean, description: string, onClick: (index: number, outcome: Outcome | undefined) => void, bars = 0) {
  const canvas = h('canvas', { role: 'img', 'aria-label': description });
  const box = h('div', { class: horizontal ? 'chart horizontal' : 'chart' }, canvas);
  if (horizontal) box.style.height = `${Math.max(120, 40 + bars * 26)}px`;
  const redraw = () => outcomeChart(canvas, series, horizontal, (i, o) => {
    if (interactive) onClick(i, o);
  });
  charts.push({ chart: undefined as unknown as Chart<'bar'>, redraw });
  return box;
}

function countsTable(keyTitle: string, rows: Row[], caption?: string) {
  return h('table', { class: 'counts' },
    caption && h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, keyTitle), OUTCOMES.map((o) => h('th', { scope: 'col', class: `num ${o}` }, o)), h('th', { scope: 'col', class: 'num' }, 'total'))),
    h('tbody', {}, rows.map((r) => h('tr', { class: r.other ? 'other' : undefined },
      h('th', { scope: 'row', title: r.key }, interactive && r.ref ? button(short(r.key), () => list(r.ref!, undefined, `${keyTitle} ${r.key}`, r.total), `List the events of ${r.key}`) : short(r.key)),
      OUTCOMES.map((o) => h('td', { class: `num ${o}` }, interactive && r.ref && r.counts[o] ? button(n(r.counts[o]), () => list(r.ref!, o, `${keyTitle} ${r.key}`, r.counts[o]), `List the ${o} events of ${r.key}`) : n(r.counts[o]))),
      h('td', { class: 'num' }, n(r.total)),
    ))),
  );
}

function reasons(data: Report) {
  const section = h('section', { id: 'reasons' }, h('h2', {}, 'Reasons'));
  const outcomes = (['deferred', 'bounced', 'expired', 'rejected'] as Outcome[]).filter((o) => data.reasons.some((r) => r.outcome === o));
  if (!outcomes.length) section.append(h('p', { class: 'empty' }, 'No deferral, bounce or rejection in the log.'));
  for (const o of outcomes) {
    const rows = data.reasons.filter((r) => r.outcome === o);
    section.append(
      h('h3', {}, REASON_TITLES[o]),
      h('table', { class: `reasons ${o}` },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, 'events'), h('th', { scope: 'col' }, 'codes'), h('th', { scope: 'col' }, 'reason'), h('th', { scope: 'col' }, 'what the codes mean'))),
        h('tbody', {}, rows.map((r) => reasonRow(r))),
      ),
    );
  }
  return section;
}

function reasonRow(r: ReasonRow) {
  const codes = [r.reply, r.status].filter((c) => !!c);
  const meaning = [
    ...codes.filter((c) => c!.title).map((c) => h('div', {}, codeLink(c!.code, c!.entryId), ' ', c!.title!)),
    r.provider && h('div', {}, codeLink(r.provider.providerName ?? r.provider.code, r.provider.entryId), ' ', r.provider.title ?? ''),
    h('div', { class: 'category' }, `reason: ${r.reason.title}${r.outcome === 'bounced' || r.outcome === 'expired' ? ` (${r.reason.hard ? 'hard' : 'soft'} bounce)` : ''}`),
  ];
  return h('tr', {},
    h('td', { class: 'num' }, interactive ? button(n(r.count), () => list(r.ref, undefined, r.text || 'reason', r.count), 'List these events') : n(r.count)),
    h('td', { class: 'codes' }, codes.map((c) => c!.code).join(' ')),
    h('td', { class: 'reason', title: r.example }, r.text || h('em', {}, 'no reason logged')),
    h('td', { class: 'meaning' }, meaning),
  );
}

function codeLink(code: string, entryId: string | undefined) {
  if (!interactive || !entryId) return h('code', {}, code);
  return button(h('code', {}, code), () => send({ type: 'explain', entryId }), `Explain ${code}`, 'link code');
}

function stillDeferred(data: Report) {
  const d = data.stillDeferred;
  const section = h('section', { id: 'deferred' }, h('h2', {}, `Still deferred at the end of the log (${n(d.total)})`));
  if (!d.total) {
    section.append(h('p', { class: 'empty' }, 'Nothing was left deferred.'));
    return section;
  }
  section.append(h('table', { class: 'deferred' },
    h('thead', {}, h('tr', {}, ['recipient', 'since', 'attempts', 'codes', 'last reason', 'where'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, d.list.map((m) => h('tr', {},
      h('td', {}, m.recipient),
      h('td', {}, when(m.since, !data.yearAssumed)),
      h('td', { class: 'num' }, n(m.attempts)),
      h('td', { class: 'codes' }, [m.reply, m.status].filter(Boolean).join(' ')),
      h('td', { class: 'reason' }, m.text ?? ''),
      h('td', {}, where(data, m.source, m.line)),
    ))),
  ));
  if (d.total > d.list.length) section.append(h('p', { class: 'note' }, `… and ${n(d.total - d.list.length)} more.`));
  return section;
}

function sources(data: Report) {
  return h('section', { id: 'sources' }, h('h2', {}, 'Inputs'),
    h('table', {},
      h('thead', {}, h('tr', {}, ['input', 'format', 'lines', 'events', 'notes'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, data.sources.map((s) => h('tr', {},
        h('td', {}, s.name), h('td', {}, s.formats.join(', ') || 'no mail log lines recognised'),
        h('td', { class: 'num' }, n(s.lines)), h('td', { class: 'num' }, n(s.events)), h('td', {}, s.notes.join('; ')),
      ))),
    ),
  );
}

function where(data: Report, source: number, line: number) {
  const name = `${data.sources[source]?.name.split(/[\\/]/).pop() ?? '?'}:${line}`;
  return interactive ? button(name, () => send({ type: 'open', source, line }), `Open ${name}`, 'link where') : name;
}

/** Lists the events behind a bar or a row in the events panel. */
function list(ref: string, outcome: Outcome | undefined, title: string, total: number) {
  if (!interactive || !report) return;
  const panel = document.getElementById('events')!;
  const data = report;
  const request = nextRequest++;
  const heading = `${title}${outcome ? ` — ${outcome}` : ''}`;
  panel.hidden = false;
  panel.replaceChildren(panelHeader(heading, panel), h('p', { class: 'note' }, 'Loading…'));
  pending.set(request, (events) => {
    const shown = events.length < total ? `the first ${n(events.length)} of ${n(total)} events` : `${n(events.length)} ${events.length === 1 ? 'event' : 'events'}`;
    panel.replaceChildren(
      panelHeader(heading, panel),
      h('p', { class: 'note' }, events.length ? `Showing ${shown}. Choose a place to open the log at its line.` : 'The events of this row were not kept: only the first 50 of each row are, 20 000 in all.'),
      ...(events.length ? [h('table', { class: 'event-list' },
        h('thead', {}, h('tr', {}, ['where', 'time', 'outcome', 'recipient', 'sender', 'relay', 'codes'].map((t) => h('th', { scope: 'col' }, t)))),
        // Each event on two rows: its fields, then its reason across the whole width (reasons are long).
        h('tbody', {}, events.flatMap((e) => [
          h('tr', { class: `event ${e.outcome}` },
            h('td', { class: 'where' }, where(data, e.source, e.line)),
            h('td', { class: 'time' }, when(e.time, !data.yearAssumed)),
            h('td', { class: `outcome ${e.outcome}` }, e.outcome),
            h('td', {}, e.recipient ?? ''),
            h('td', {}, e.sender === '' ? '<>' : e.sender ?? ''),
            h('td', {}, e.relay ?? ''),
            h('td', { class: 'codes' }, [e.reply, e.status].filter(Boolean).join(' ')),
          ),
          h('tr', { class: 'event-reason' }, h('td', { colspan: 7, class: 'reason' }, e.text ?? '')),
        ])),
      )] : []),
    );
    panel.querySelector<HTMLElement>('h2')?.focus();
  });
  send({ type: 'events', request, ref, outcome });
}

function panelHeader(title: string, panel: HTMLElement) {
  return h('div', { class: 'panel-header' },
    h('h2', { tabindex: -1 }, `Events: ${title}`),
    button('Close', () => { panel.hidden = true; }, 'Close the list of events', 'close'),
  );
}

function notice(message: string) {
  root.prepend(h('p', { class: 'note', role: 'status' }, message));
}

function button(content: string | Node | (Node | string | undefined | false)[], onClick: () => void, label?: string, cls = 'link') {
  const b = h('button', { type: 'button', class: cls, title: label, 'aria-label': label }, ...(Array.isArray(content) ? content : [content]));
  b.addEventListener('click', onClick);
  return b;
}

function short(key: string) {
  return key.length > 48 ? `${key.slice(0, 47)}…` : key;
}

