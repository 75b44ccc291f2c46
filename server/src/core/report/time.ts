// Timestamps as MTAs write them, read as wall-clock time (see MailEvent.time). Syslog's traditional stamp has no
// year: it is taken from `now`, one year earlier for a month later than now's (the log is from last year), as
// pflogsumm does.

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Clock {
  /** The year and month (0-11) of "now", for stamps without a year. */
  year: number;
  month: number;
}

export function clockOf(now: number): Clock {
  const d = new Date(now);
  return { year: d.getFullYear(), month: d.getMonth() };
}

/** "Nov 23 10:01:01" (day space-padded or not), at the start of a syslog line. */
export function syslogTime(monthName: string, day: string, hh: string, mm: string, ss: string, clock: Clock): number {
  const month = MONTHS[monthName];
  if (month === undefined) return NaN;
  const year = month > clock.month ? clock.year - 1 : clock.year;
  return Date.UTC(year, month, Number(day), Number(hh), Number(mm), Number(ss));
}

/** "2026-11-23", "10:01:01" (the zone, if any, is ignored: wall-clock time). */
export function isoTime(y: string, mo: string, d: string, hh: string, mm: string, ss: string): number {
  const month = Number(mo) - 1;
  if (month < 0 || month > 11) return NaN;
  return Date.UTC(Number(y), month, Number(d), Number(hh), Number(mm), Number(ss));
}

const RFC5322 = /(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?/i;

/** A date as mail headers (RFC 5322), DSN fields, ISO 8601 or US-style exports ("11/23/2026 9:12:44 AM") write it. */
export function parseDate(text: string | undefined): number {
  if (!text) return NaN;
  const t = text.trim();
  let m = ISO.exec(t);
  if (m) return isoTime(m[1], m[2], m[3], m[4], m[5], m[6] ?? '0');
  m = RFC5322.exec(t);
  if (m) {
    const month = MONTHS[m[2]];
    return month === undefined ? NaN : Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  }
  m = US.exec(t);
  if (m) {
    let hour = Number(m[4]) % (m[7] ? 12 : 24);
    if (m[7]?.toUpperCase() === 'PM') hour += 12;
    return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), hour, Number(m[5]), Number(m[6] ?? 0));
  }
  return NaN;
}
