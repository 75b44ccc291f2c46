// Builds a report while the inputs stream through: each event is counted (by outcome, hour, recipient domain,
// provider, sender, reason) and forgotten. Memory depends on the number of distinct hours, domains, senders and
// reasons (each table is bounded) and on the messages still open, never on the size of the log.
import type { Reason } from '../bounce/reason';
import type { Catalog } from '../catalog/catalog';
import { providerLabel } from '../families';
import type { CatalogEntry } from '../types';
import { replyIn, statusIn } from '../bounce/outcome';
import { classifyReason, providerOfHost, type ProviderRef, type ReasonRef } from './attribution';
import { domainOf } from '../bounce/text';
import { MTA_NAMES, own, type MailEvent, type Outcome } from './event';
import { Messages } from './messages';
import { emptyCounts, type Bucket, type CodeNote, type Counts, type DeferredMessage, type Report, type ReportEvent, type ReasonRow, type Row } from './model';
import { SourceReader } from './reader';
import { reasonText } from './reasonText';
import { EventSamples } from './samples';
import { OutcomeTable } from './table';
import { clockOf, DAY, HOUR, type Clock } from './time';

export interface ReportOptions {
  /** "Now", for time stamps without a year (default: Date.now()). */
  now?: number;
  /** The timeline's buckets; by default hours for a log of up to four days, days beyond. */
  by?: 'hour' | 'day';
  /** Rows of each table before "other" (default 10). */
  top?: number;
  /** Events kept per row for listing (default 0: none; the editor keeps some). */
  samples?: number;
}

const MAX_REASONS = 5_000;
const MAX_STILL_DEFERRED = 100;
const MAX_HOUR_BUCKETS = 24 * 60;
const MAX_BUCKETS = 3660;

interface Explained {
  provider?: CatalogEntry;
  reason: ReasonRef;
}

interface ReasonEntry {
  outcome: Outcome;
  reply?: string;
  status?: string;
  text: string;
  example: string;
  /** The host that gave the first reply of this kind: which provider's words to look for. */
  relay?: string;
  count: number;
  key: string;
}

export class ReportBuilder {
  private readonly clock: Clock;
  private readonly messages = new Messages();
  private readonly readers: { name: string; reader: SourceReader }[] = [];
  private readonly totals = emptyCounts();
  private readonly hours = new Map<number, Counts>();
  private untimed = 0;
  private first = Infinity;
  private last = -Infinity;
  private forwarded = 0;
  private readonly domains = new OutcomeTable();
  private readonly providers = new OutcomeTable();
  private readonly senders = new OutcomeTable();
  private readonly reasons = new Map<string, ReasonEntry>();
  private reasonsFolded = false;
  private readonly samples: EventSamples;
  /** Providers of the relay hosts seen (hosts repeat: each is looked up once). */
  private readonly relayProviders = new Map<string, ProviderRef | null>();
  /** The reason of each reason group, once the report has been made (for a category's events). */
  private categoryOf = new Map<string, Reason>();

  constructor(private readonly catalog: Catalog, private readonly options: ReportOptions = {}) {
    this.clock = clockOf(options.now ?? Date.now());
    this.samples = new EventSamples(options.samples ?? 0);
  }

  /** A new input (file) of the report; feed it with push() and end(). Inputs are read in order, one after another. */
  source(name: string): SourceReader {
    const reader = new SourceReader(this.readers.length, {
      clock: this.clock,
      messages: this.messages,
      emit: (event) => this.add(event),
      tally: () => this.forwarded++,
    });
    this.readers.push({ name, reader });
    return reader;
  }

  private add(e: MailEvent) {
    // The sender is logged once per message (qmgr's from=, Exim's <=, Sendmail's from=), not on each attempt.
    if (e.sender === undefined && e.id) e.sender = this.messages.get(e.mta, e.id)?.sender;
    this.totals[e.outcome]++;
    if (Number.isFinite(e.time)) {
      const hour = Math.floor(e.time / HOUR);
      let counts = this.hours.get(hour);
      if (!counts) this.hours.set(hour, (counts = emptyCounts()));
      counts[e.outcome]++;
      if (e.time < this.first) this.first = e.time;
      if (e.time > this.last) this.last = e.time;
    } else {
      this.untimed++;
    }
    if (e.outcome !== 'delivered' && e.text) {
      e.reply ??= replyIn(e.text);
      e.status ??= statusIn(e.text);
    }
    const domain = e.recipient === undefined ? '(no recipient)' : domainOf(e.recipient) || '(local)';
    this.domains.add(domain, e.outcome);
    // A rejection's other side is the client that was refused, not a provider the mail went to.
    const provider = e.relay && e.outcome !== 'rejected' ? this.providerOf(e.relay) : undefined;
    if (provider) this.providers.add(provider.name, e.outcome);
    if (e.sender !== undefined) this.senders.add(e.sender || '<>', e.outcome);
    const reason = e.outcome === 'delivered' ? undefined : this.addReason(e);
    this.messages.attempt(e);
    if (this.samples.enabled) {
      const keys = [`o:${e.outcome}`, `d:${e.outcome}:${domain}`];
      if (Number.isFinite(e.time)) keys.push(`h:${e.outcome}:${Math.floor(e.time / HOUR)}`);
      if (provider) keys.push(`p:${e.outcome}:${provider.name}`);
      if (e.sender !== undefined) keys.push(`s:${e.outcome}:${e.sender || '<>'}`);
      if (reason) keys.push(`r:${reason}`);
      this.samples.add(e, keys);
    }
  }

  private providerOf(host: string): ProviderRef | undefined {
    let p = this.relayProviders.get(host);
    if (p === undefined) {
      p = providerOfHost(host, this.catalog) ?? null;
      if (this.relayProviders.size < 50_000) this.relayProviders.set(own(host), p);
    }
    return p ?? undefined;
  }

  private addReason(e: MailEvent): string {
    const text = e.text ? reasonText(e.text) : '';
    const key = `${e.outcome}\u0001${e.reply ?? ''}\u0001${e.status ?? ''}\u0001${text}`;
    let entry = this.reasons.get(key);
    if (!entry) {
      if (this.reasons.size >= MAX_REASONS) this.foldReasons();
      const k = own(key);
      entry = { outcome: e.outcome, reply: e.reply && own(e.reply), status: e.status && own(e.status), text: own(text), example: own((e.text ?? '').slice(0, 1000)), relay: e.relay && own(e.relay), count: 0, key: k };
      this.reasons.set(k, entry);
    }
    entry.count++;
    return entry.key;
  }

  /** Too many distinct reasons: the rarer half goes (the top ones keep counting). */
  private foldReasons() {
    this.reasonsFolded = true;
    const sorted = [...this.reasons.values()].sort((a, b) => a.count - b.count);
    for (const r of sorted.slice(0, sorted.length / 2)) this.reasons.delete(r.key);
  }

  /** The report of everything read so far (normally called once every input has ended). */
  report(): Report {
    const top = this.options.top ?? 10;
    const timed = Number.isFinite(this.first);
    const spanHours = timed ? (this.last - this.first) / HOUR : 0;
    let by = this.options.by ?? (spanHours <= 96 ? 'hour' : 'day');
    if (by === 'hour' && spanHours > MAX_HOUR_BUCKETS) by = 'day';
    const stillDeferred = [...this.messages.stillDeferred()];
    stillDeferred.sort((a, b) => (a.state.since || 0) - (b.state.since || 0));
    const explained = this.explainReasons();
    return {
      sources: this.readers.map(({ name, reader }) => ({
        name,
        formats: [...reader.stats.formats].map((f) => MTA_NAMES[f]),
        lines: reader.stats.lines,
        events: reader.stats.events,
        notes: reader.stats.notes,
      })),
      span: timed ? { first: stamp(this.first), last: stamp(this.last) } : undefined,
      yearAssumed: this.readers.some(({ reader }) => reader.stats.yearless),
      totals: { ...this.totals, events: sum(this.totals) },
      messages: { deferred: this.messages.deferredMessages, forwarded: this.forwarded },
      timeline: { by, buckets: timed ? this.buckets(by) : [], untimed: this.untimed },
      domains: this.domains.top(top, (k) => `d:${k}`, 'other domains'),
      providers: this.providers.top(top, (k) => `p:${k}`, 'other providers'),
      senders: this.senders.top(top, (k) => `s:${k}`, 'other senders'),
      reasons: this.topReasons(top, explained),
      categories: this.categories(explained),
      stillDeferred: {
        total: stillDeferred.length,
        list: stillDeferred.slice(0, MAX_STILL_DEFERRED).map(({ id, recipient, sender, state }): DeferredMessage => ({
          id, recipient, sender, since: stamp(state.since), last: stamp(state.last.time), attempts: state.attempts,
          reply: state.last.reply, status: state.last.status, text: state.last.text, source: state.last.source, line: state.last.line,
        })),
      },
      approximate: [
        ...(this.domains.approximate ? ['domains'] : []),
        ...(this.senders.approximate ? ['senders'] : []),
        ...(this.reasonsFolded ? ['reasons'] : []),
        ...(this.messages.forgottenDeferred ? ['stillDeferred'] : []),
      ],
    };
  }

  private buckets(by: 'hour' | 'day'): Bucket[] {
    const size = by === 'hour' ? HOUR : DAY;
    const start = Math.floor(this.first / size) * size;
    // Every bucket from the first to the last, empty ones included (a gap is news); only the ones with events when
    // a stray time stamp makes the span absurd (years of days).
    const dense = (this.last - start) / size < MAX_BUCKETS;
    const buckets = new Map<number, Bucket>();
    const bucket = (t: number) => {
      let b = buckets.get(t);
      if (!b) buckets.set(t, (b = { start: stamp(t), counts: emptyCounts(), total: 0, ref: `t:${t}:${t + size}` }));
      return b;
    };
    if (dense) for (let t = start; t <= this.last; t += size) bucket(t);
    for (const [hour, counts] of this.hours) {
      const b = bucket(Math.floor((hour * HOUR) / size) * size);
      for (const o of Object.keys(counts) as Outcome[]) b.counts[o] += counts[o];
      b.total += sum(counts);
    }
    return [...buckets.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }

  /** Every reason group explained: its provider entry (from the words and the host that answered) and its reason. */
  private explainReasons(): Map<ReasonEntry, Explained> {
    const explained = new Map<ReasonEntry, Explained>();
    this.categoryOf = new Map();
    for (const r of this.reasons.values()) {
      const codes = [r.reply, r.status].filter((c): c is string => !!c);
      // The answering host in the words answeringHost() reads (Postfix's relay=host[…]): its provider's entries first.
      const context = r.relay ? `relay=${r.relay}[] ${r.example}` : r.example;
      const provider = r.example ? this.catalog.matchProviders(r.example, codes, context)[0] : undefined;
      const reason = classifyReason({ outcome: r.outcome, status: r.status, reply: r.reply, text: r.example, providerReason: provider?.reason });
      explained.set(r, { provider, reason });
      this.categoryOf.set(r.key, reason.id);
    }
    return explained;
  }

  private categories(explained: Map<ReasonEntry, Explained>): Row[] {
    const table = new OutcomeTable();
    const ids = new Map<string, string>();
    for (const [r, { reason }] of explained) {
      table.add(reason.title, r.outcome, r.count);
      ids.set(reason.title, reason.id);
    }
    return table.top(Infinity, (title) => `c:${ids.get(title)}`);
  }

  private topReasons(top: number, explained: Map<ReasonEntry, Explained>): ReasonRow[] {
    const byOutcome = new Map<Outcome, ReasonEntry[]>();
    for (const r of this.reasons.values()) {
      const list = byOutcome.get(r.outcome);
      if (list) list.push(r);
      else byOutcome.set(r.outcome, [r]);
    }
    const rows: ReasonRow[] = [];
    for (const outcome of ['deferred', 'bounced', 'expired', 'rejected'] as Outcome[]) {
      const list = (byOutcome.get(outcome) ?? []).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1)).slice(0, top);
      for (const r of list) rows.push(this.reasonRow(r, explained.get(r)!));
    }
    return rows;
  }

  private reasonRow(r: ReasonEntry, { provider, reason }: Explained): ReasonRow {
    const note = (code: string | undefined): CodeNote | undefined => {
      if (!code) return undefined;
      const result = this.catalog.lookup(code);
      const entry = result.entries.find((e) => e.family !== 'provider');
      return { code, title: entry?.title ?? result.classInfo?.title, entryId: entry?.id };
    };
    return {
      outcome: r.outcome,
      count: r.count,
      reply: note(r.reply),
      status: note(r.status),
      provider: provider ? { code: provider.code, title: provider.title, entryId: provider.id, providerName: providerLabel(provider) } : undefined,
      reason,
      text: r.text,
      example: r.example,
      ref: `r:${r.key}`,
    };
  }

  /** The kept events of a row (its `ref`), of one outcome or all; at most `limit`. */
  events(ref: string, outcome?: Outcome, limit = 200): ReportEvent[] {
    const outcomes = outcome ? [outcome] : (['delivered', 'deferred', 'bounced', 'expired', 'rejected'] as Outcome[]);
    const colon = ref.indexOf(':');
    const kind = ref.slice(0, colon);
    const value = ref.slice(colon + 1);
    let keys: string[];
    if (kind === 't') {
      const [from, to] = value.split(':').map(Number);
      keys = [];
      for (let h = Math.floor(from / HOUR); h < Math.floor(to / HOUR) && keys.length < 100_000; h++) for (const o of outcomes) keys.push(`h:${o}:${h}`);
    } else if (kind === 'r') {
      keys = [ref];
    } else if (kind === 'c') {
      keys = [...this.categoryOf].filter(([key, id]) => id === value && (!outcome || key.startsWith(`${outcome}\u0001`))).map(([key]) => `r:${key}`);
    } else if (kind === 'o') {
      keys = [`o:${value}`];
    } else {
      keys = outcomes.map((o) => `${kind}:${o}:${value}`);
    }
    return this.samples.get(keys, limit).map((e) => ({
      outcome: e.outcome, time: Number.isFinite(e.time) ? stamp(e.time) : undefined, source: e.source, line: e.line, id: e.id,
      sender: e.sender, recipient: e.recipient, relay: e.relay, status: e.status, reply: e.reply, text: e.text,
    }));
  }
}

function sum(c: Counts): number {
  return c.delivered + c.deferred + c.bounced + c.expired + c.rejected;
}

/** "2026-11-23T10:01" */
function stamp(time: number): string {
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 16) : '';
}
