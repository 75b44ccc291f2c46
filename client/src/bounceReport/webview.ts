// The bounce report page (runs in the webview, bundled as dist/client/bounceReport.js). Everything from the files is
// put into the page with textContent or as a form value, never as HTML. Totals by hard/soft, reason and domain; a
// sortable, filterable table; a click (or Enter) on a row opens the message at its recipient.
import type { FromWebview, ReportProblem, ReportProgress, ReportRow, ToWebview } from './messages';

// The project compiles against the WebWorker library (the core also runs in a worker): this one script that works
// on a page declares the little of the DOM it uses.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const acquireVsCodeApi: () => { postMessage(message: FromWebview): void };
declare const document: any;
type El = any;

const vscode = acquireVsCodeApi();
const MAX_SHOWN = 1000;

type SortKey = 'recipient' | 'reason' | 'bounce' | 'status' | 'reply' | 'remoteMta' | 'date' | 'file' | 'id';
const COLUMNS: { key: SortKey; title: string }[] = [
  { key: 'recipient', title: 'Recipient' },
  { key: 'reason', title: 'Reason' },
  { key: 'bounce', title: 'Bounce' },
  { key: 'status', title: 'Status' },
  { key: 'reply', title: 'Reply' },
  { key: 'remoteMta', title: 'Remote MTA' },
  { key: 'date', title: 'Date' },
  { key: 'file', title: 'File' },
];

const state = {
  folder: '',
  note: '',
  titles: {} as Record<string, string>,
  rows: [] as ReportRow[],
  problems: [] as ReportProblem[],
  progress: undefined as ReportProgress | undefined,
  text: '',
  reason: '',
  bounce: '',
  domain: '',
  sort: 'id' as SortKey,
  descending: false,
};

function el(tag: string, attrs: Record<string, string> = {}, ...children: (El | string)[]): El {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

const n = (count: number) => count.toLocaleString('en-US');
const plural = (count: number, noun: string) => `${n(count)} ${noun}${count === 1 ? '' : 's'}`;

function filtered(): ReportRow[] {
  const text = state.text.trim().toLowerCase();
  const rows = state.rows.filter((r) =>
    (!state.reason || r.reason === state.reason)
    && (!state.bounce || r.bounce === state.bounce)
    && (!state.domain || r.domain === state.domain)
    && (!text || `${r.recipient} ${r.file} ${r.diagnostic} ${r.remoteMta} ${r.status} ${r.reply}`.toLowerCase().includes(text)));
  const key = state.sort;
  const sign = state.descending ? -1 : 1;
  return rows.sort((a, b) => {
    // The reason column shows titles: sort by what is shown.
    const x = key === 'reason' ? a.reasonTitle : a[key];
    const y = key === 'reason' ? b.reasonTitle : b[key];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
    return c * sign || a.id - b.id;
  });
}

function counts(rows: ReportRow[], key: (r: ReportRow) => string): [string, number][] {
  const map = new Map<string, number>();
  for (const r of rows) map.set(key(r), (map.get(key(r)) ?? 0) + 1);
  return [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function countsTable(title: string, noun: string, entries: [string, number][], label: (k: string) => string, active: string, pick: (k: string) => void, limit: number): El {
  const body = el('tbody');
  for (const [k, count] of entries.slice(0, limit)) {
    const tr = el('tr', { tabindex: '0', title: `Show only ${label(k)}`, class: k === active ? 'active' : '' }, el('td', { class: 'n' }, n(count)), el('td', {}, label(k)));
    tr.addEventListener('click', () => pick(k === active ? '' : k));
    tr.addEventListener('keydown', (e: any) => { if (e.key === 'Enter') pick(k === active ? '' : k); });
    body.append(tr);
  }
  const rest = entries.slice(limit).reduce((s, [, c]) => s + c, 0);
  if (rest) body.append(el('tr', {}, el('td', { class: 'n' }, n(rest)), el('td', {}, `in ${plural(entries.length - limit, `other ${noun}`)}`)));
  return el('div', { class: 'card' }, el('h2', {}, title), el('table', { class: 'counts' }, body));
}

function render(): void {
  const root = document.getElementById('report');
  const focusId = document.activeElement?.id;
  const all = state.rows;
  const bounces = all.filter((r) => r.bounce !== 'none');
  const hard = all.filter((r) => r.bounce === 'hard').length;
  const soft = all.filter((r) => r.bounce === 'soft').length;
  const notBounces = all.length - hard - soft;
  const p = state.progress;
  const status = !p ? 'Reading the folder…'
    : `${plural(all.length, 'recipient')} in ${plural(p.messages, 'message')} · ${n(p.filesDone)} of ${plural(p.filesTotal, 'file')} read`
      + `${p.skipped ? ` · ${plural(p.skipped, 'file')} skipped (not messages)` : ''}${state.problems.length ? ` · ${plural(state.problems.length, 'file')} unreadable` : ''}`
      + `${p.done ? (p.cancelled ? ' · stopped before the end' : '') : ' · reading…'}`;

  const search = el('input', { type: 'search', id: 'filter-text', placeholder: 'Filter recipients, files, diagnostics', 'aria-label': 'Filter' });
  search.value = state.text;
  search.addEventListener('input', () => { state.text = search.value; schedule(); });
  const reasonSelect = el('select', { id: 'filter-reason', 'aria-label': 'Reason' }, el('option', { value: '' }, 'All reasons'));
  for (const [reason, count] of counts(all, (r) => r.reason)) reasonSelect.append(el('option', { value: reason }, `${state.titles[reason] ?? reason} (${n(count)})`));
  reasonSelect.value = state.reason;
  reasonSelect.addEventListener('change', () => { state.reason = reasonSelect.value; render(); });
  const bounceSelect = el('select', { id: 'filter-bounce', 'aria-label': 'Hard or soft' }, el('option', { value: '' }, 'Hard and soft'), el('option', { value: 'hard' }, 'Hard only'), el('option', { value: 'soft' }, 'Soft only'), el('option', { value: 'none' }, 'Not bounces'));
  bounceSelect.value = state.bounce;
  bounceSelect.addEventListener('change', () => { state.bounce = bounceSelect.value; render(); });
  const rows = filtered();
  const exportButton = el('button', { id: 'export', title: 'Save the recipients shown (with the filter) as a CSV file' }, 'Export CSV');
  exportButton.addEventListener('click', () => vscode.postMessage({ type: 'export', ids: rows.map((r) => r.id) }));
  const toolbar = el('div', { class: 'toolbar', role: 'search' }, search, reasonSelect, bounceSelect, exportButton);
  if (state.domain) {
    const clear = el('button', { class: 'secondary', id: 'clear-domain' }, `Domain: ${state.domain} ✕`);
    clear.addEventListener('click', () => { state.domain = ''; render(); });
    toolbar.append(clear);
  }
  if (p && !p.done) {
    const stop = el('button', { class: 'secondary', id: 'stop' }, 'Stop');
    stop.addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
    toolbar.append(stop);
  }

  const totals = el('div', { class: 'card' }, el('h2', {}, 'Recipients'),
    el('div', { class: 'big' },
      el('div', {}, el('strong', { class: 'hard', id: 'total-hard' }, n(hard)), 'hard'),
      el('div', {}, el('strong', { class: 'soft', id: 'total-soft' }, n(soft)), 'soft'),
      el('div', {}, el('strong', { class: 'none', id: 'total-none' }, n(notBounces)), 'not bounces')),
    el('p', { class: 'note' }, state.note));
  const cards = el('section', { class: 'cards', 'aria-label': 'Totals' },
    totals,
    countsTable('By reason', 'reason', counts(all, (r) => r.reason), (k) => `${state.titles[k] ?? k} (${k})`, state.reason, (k) => { state.reason = k; render(); }, 12),
    countsTable('By recipient domain', 'domain', counts(bounces, (r) => r.domain), (k) => k, state.domain, (k) => { state.domain = k; render(); }, 12));

  const head = el('tr');
  for (const c of COLUMNS) {
    const arrow = state.sort === c.key ? (state.descending ? ' ▼' : ' ▲') : '';
    const button = el('button', { 'data-sort': c.key, title: `Sort by ${c.title.toLowerCase()}` }, c.title + arrow);
    button.addEventListener('click', () => {
      state.descending = state.sort === c.key ? !state.descending : false;
      state.sort = c.key;
      render();
    });
    head.append(el('th', { 'aria-sort': state.sort === c.key ? (state.descending ? 'descending' : 'ascending') : 'none' }, button));
  }
  head.append(el('th', {}, el('button', { disabled: '' }, 'Diagnostic')));
  const body = el('tbody');
  for (const r of rows.slice(0, MAX_SHOWN)) {
    const tr = el('tr', { tabindex: '0', 'data-id': String(r.id), title: 'Open the message at this recipient' },
      el('td', { class: 'recipient' }, r.recipient),
      el('td', { title: r.reason }, r.reasonTitle),
      el('td', { class: r.bounce }, r.bounce === 'none' ? (r.action === 'feedback' ? 'complaint' : r.action === 'vacation' ? 'auto-reply' : r.action) : r.bounce),
      el('td', {}, r.status),
      el('td', {}, r.reply),
      el('td', {}, r.remoteMta),
      el('td', {}, r.date),
      el('td', { class: 'file' }, r.file),
      el('td', { class: 'diag', title: r.diagnostic }, r.diagnostic));
    tr.addEventListener('click', () => vscode.postMessage({ type: 'open', id: r.id }));
    tr.addEventListener('keydown', (e: any) => { if (e.key === 'Enter') vscode.postMessage({ type: 'open', id: r.id }); });
    body.append(tr);
  }
  const table = el('table', { class: 'recipients', id: 'recipients' }, el('thead', {}, head), body);
  const parts: El[] = [el('h1', {}, `Bounces in ${state.folder}`), el('p', { class: 'status', id: 'status', role: 'status' }, status), cards, toolbar, el('div', { class: 'scroll' }, table)];
  if (rows.length > MAX_SHOWN) parts.push(el('p', { class: 'more' }, `Showing the first ${n(MAX_SHOWN)} of ${plural(rows.length, 'recipient')}: filter to narrow them down, or export them all as CSV.`));
  else if (!rows.length && p?.done) parts.push(el('p', { class: 'more' }, all.length ? 'No recipient matches the filter.' : 'No bounces in this folder.'));
  if (state.problems.length) {
    const list = el('ul');
    for (const problem of state.problems.slice(0, 500)) list.append(el('li', {}, `${problem.file}: ${problem.reason}`));
    parts.push(el('details', {}, el('summary', {}, `${plural(state.problems.length, 'file')} could not be read`), list));
  }
  root.replaceChildren(...parts);
  root.setAttribute('aria-busy', p?.done ? 'false' : 'true');
  if (focusId) {
    const again = document.getElementById(focusId);
    if (again) {
      again.focus();
      if (focusId === 'filter-text') again.setSelectionRange(again.value.length, again.value.length);
    }
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;
/** Rows arrive in batches while the folder is read: render at most a few times a second. */
function schedule(): void {
  if (timer) return;
  timer = setTimeout(() => { timer = undefined; render(); }, 150);
}

addEventListener('message', (event: any) => {
  const message = event.data as ToWebview;
  switch (message.type) {
    case 'start':
      // The extension sends everything again after a 'ready': start over.
      state.rows = [];
      state.problems = [];
      state.folder = message.folder;
      state.note = message.hardSoftNote;
      state.titles = message.reasonTitles;
      break;
    case 'rows':
      for (const r of message.rows) state.rows[r.id] = r;
      break;
    case 'problems':
      for (const p of message.problems) state.problems.push(p);
      break;
    case 'progress':
      state.progress = message.progress;
      break;
  }
  schedule();
});

vscode.postMessage({ type: 'ready' });
