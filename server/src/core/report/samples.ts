// The first events of each row of the report, so that a click on a bar or a row can list them (and open the log at
// their line) without reading the log again. Bounded twice: `perKey` events per key, and `maxEvents` in all; an
// event kept for one key is shared by all its keys.
import { own, ownEvent, type MailEvent } from './event';

export class EventSamples {
  private readonly events: MailEvent[] = [];
  private readonly byKey = new Map<string, number[]>();

  constructor(private readonly perKey: number, private readonly maxEvents = 20_000) {}

  get enabled(): boolean {
    return this.perKey > 0;
  }

  add(event: MailEvent, keys: readonly string[]): void {
    if (this.events.length >= this.maxEvents) return;
    let index = -1;
    for (const key of keys) {
      let list = this.byKey.get(key);
      if (!list) this.byKey.set(own(key), (list = []));
      if (list.length >= this.perKey) continue;
      if (index < 0) index = this.events.push(ownEvent(event)) - 1;
      list.push(index);
    }
  }

  /** The kept events of these keys, in log order, at most `limit`. */
  get(keys: readonly string[], limit: number): MailEvent[] {
    const seen = new Set<number>();
    for (const key of keys) for (const i of this.byKey.get(key) ?? []) seen.add(i);
    return [...seen].map((i) => this.events[i]).sort((a, b) => a.source - b.source || a.line - b.line).slice(0, limit);
  }
}
