// Which provider answered: the host an MTA names in its log line or bounce, and the provider whose mail hosts it is.
import type { ProviderInfo } from '../types';

const HOST = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}';

// The places MTAs name the server that gave a reply, first match wins:
//   Postfix log and Sendmail log     relay=gmail-smtp-in.l.google.com[142.250.27.27]:25   relay=mx.example.com. [192.0.2.1]
//   Postfix bounce, Exim bounce      host mx.example.com[192.0.2.1] said:   host mx.example.com [192.0.2.1]:
//   Exim log                         H=mx.example.com [192.0.2.1]
//   DSN (RFC 3464)                   Remote-MTA: dns; mx.example.com
//   Sendmail bounce                  ... while talking to mx.example.com.:
//   Postfix deferral                 connect to mx.example.com[192.0.2.1]:25: Connection timed out
//   Exchange / Microsoft 365 NDR     Remote server at mx.example.com (192.0.2.1) returned ...
//   Gmail bounce                     ... rejected by the server for the recipient domain example.com by mx.example.com. [192.0.2.1].
const ANSWERING = new RegExp(
  [
    `\\brelay=(${HOST})\\.?\\s?\\[`,
    `\\bhost (${HOST})\\.?\\s?\\[`,
    `\\bH=(${HOST})\\.?\\s`,
    `\\bRemote-MTA:\\s*dns;\\s*(${HOST})`,
    `\\bwhile talking to (${HOST})\\.?:`,
    `\\bconnect to (${HOST})\\.?\\[`,
    `\\bserver at (${HOST})\\s\\(`,
    `\\bby (${HOST})\\.\\s\\[`,
  ].join('|'),
  'i',
);

/** The host that gave the reply, as the MTA wrote it (lower case, no trailing dot), or undefined. */
export function answeringHost(text: string): string | undefined {
  // Only lines that name a host by one of the forms above can match: most log lines fail the cheap test.
  if (!/relay=|host |H=|Remote-MTA|talking to|connect to|server at|by /i.test(text)) return undefined;
  const m = ANSWERING.exec(text);
  if (!m) return undefined;
  for (let i = 1; i < m.length; i++) if (m[i]) return m[i].toLowerCase();
  return undefined;
}

/** The providers' mail host suffixes: a host belongs to the provider with the longest suffix it ends in. */
export class HostTable {
  private readonly bySuffix = new Map<string, ProviderInfo>();
  /** "a b" for providers that share mail hosts (see kin()). */
  private readonly kinPairs = new Set<string>();

  constructor(providers: readonly ProviderInfo[]) {
    for (const p of providers) for (const host of p.hosts ?? []) this.bySuffix.set(host.toLowerCase(), p);
    for (const [suffix, p] of this.bySuffix) {
      for (let h = suffix, dot = h.indexOf('.'); dot >= 0; dot = h.indexOf('.')) {
        h = h.slice(dot + 1);
        const outer = this.bySuffix.get(h);
        if (outer && outer.id !== p.id) {
          this.kinPairs.add(`${p.id} ${outer.id}`);
          this.kinPairs.add(`${outer.id} ${p.id}`);
        }
      }
    }
  }

  providerOf(host: string): ProviderInfo | undefined {
    if (!this.bySuffix.size) return undefined;
    let h = host.toLowerCase();
    if (h.endsWith('.')) h = h.slice(0, -1);
    for (;;) {
      const p = this.bySuffix.get(h);
      if (p) return p;
      const dot = h.indexOf('.');
      if (dot < 0) return undefined;
      h = h.slice(dot + 1);
    }
  }

  /**
   * Providers that share mail hosts: one's suffix lies inside another's (Outlook.com's olc.protection.outlook.com
   * within Microsoft's outlook.com). A reply from one may carry the other's words.
   */
  kin(a: string, b: string): boolean {
    return a === b || this.kinPairs.has(`${a} ${b}`);
  }
}
