// What the report remembers between lines: the messages still open (their sender, the recipients whose last attempt
// was a deferral). Everything else is counted and forgotten. Bounded: at `cap` open messages the older half is
// forgotten (a busy log whose MTA never logs the end of a message must not grow without limit), and the report
// says its list of deferred messages is then incomplete. Half at a time: a Map walked from its start after many
// deletions is slow, once per half is cheap.
import { own, ownEvent, type MailEvent, type Mta } from './event';

export interface DeferredRecipient {
  /** The last deferral (its reason, codes, line). */
  last: MailEvent;
  /** Time of the first deferral seen. */
  since: number;
  attempts: number;
}

export interface OpenMessage {
  sender?: string;
  /** Recipients whose last attempt was a deferral, by address. */
  deferred?: Map<string, DeferredRecipient>;
  everDeferred: boolean;
}

export const MAX_OPEN_MESSAGES = 50_000;

export class Messages {
  private readonly open = new Map<string, OpenMessage>();
  /** Messages with at least one deferral (pflogsumm's "deferred", next to its count of deferrals). */
  deferredMessages = 0;
  /** Open messages forgotten because of the cap, and how many of them had recipients still deferred. */
  forgotten = 0;
  forgottenDeferred = 0;

  constructor(private readonly cap = MAX_OPEN_MESSAGES) {}

  get(mta: Mta, id: string): OpenMessage | undefined {
    return this.open.get(key(mta, id));
  }

  /** The message, opened if needed; `sender` is kept when given (the first one logged wins). */
  touch(mta: Mta, id: string, sender?: string): OpenMessage {
    const k = key(mta, id);
    let m = this.open.get(k);
    if (!m) {
      if (this.open.size >= this.cap) this.forgetOlderHalf();
      m = { everDeferred: false };
      this.open.set(own(k), m);
    }
    if (sender !== undefined && m.sender === undefined) m.sender = own(sender);
    return m;
  }

  close(mta: Mta, id: string): void {
    this.open.delete(key(mta, id));
  }

  /** Follows an attempt: a deferral opens (or renews) the recipient's deferred state, any other outcome ends it. */
  attempt(event: MailEvent): void {
    if (!event.id || event.outcome === 'rejected') return;
    const m = event.outcome === 'deferred' ? this.touch(event.mta, event.id) : this.get(event.mta, event.id);
    if (!m) return;
    const rcpt = event.recipient ?? '';
    if (event.outcome === 'deferred') {
      if (!m.everDeferred) {
        m.everDeferred = true;
        this.deferredMessages++;
      }
      m.deferred ??= new Map();
      const before = m.deferred.get(rcpt);
      m.deferred.set(before ? rcpt : own(rcpt), { last: ownEvent(event), since: before?.since ?? event.time, attempts: (before?.attempts ?? 0) + 1 });
    } else {
      m.deferred?.delete(rcpt);
    }
  }

  /** Recipients still deferred, with their message id: what is left in the queue at the end of the log. */
  *stillDeferred(): Generator<{ id: string; recipient: string; sender?: string; state: DeferredRecipient }> {
    for (const [k, m] of this.open) {
      if (!m.deferred) continue;
      for (const [recipient, state] of m.deferred) yield { id: k.slice(k.indexOf(' ') + 1), recipient, sender: m.sender, state };
    }
  }

  private forgetOlderHalf() {
    let n = Math.max(1, Math.floor(this.open.size / 2));
    for (const [k, m] of this.open) {
      if (n-- <= 0) break;
      this.forgotten++;
      if (m.deferred?.size) this.forgottenDeferred++;
      this.open.delete(k);
    }
  }
}

function key(mta: Mta, id: string) {
  return `${mta} ${id}`;
}
