// What every extractor is given for one line: where it is, its time, and where events and message state go.
import type { MailEvent, Mta } from './event';
import type { Messages } from './messages';

export interface LineContext {
  source: number;
  /** 1-based line number. */
  line: number;
  /** The line's time (see MailEvent.time); NaN when it has none. */
  time: number;
  messages: Messages;
  emit(event: MailEvent): void;
  /** Notes which MTA wrote the line (the report lists the formats of each input). */
  saw(mta: Mta): void;
  /** Counts something that is not an event (Postfix's "forwarded as …"). */
  tally(what: 'forwarded'): void;
}
