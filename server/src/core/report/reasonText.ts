// What a failure's reason has in common with others of its kind: the reply without the MTA's wrapping ("host … said:",
// "(in reply to RCPT TO command)", Exim's "SMTP error from remote mail server after …:") and without what differs
// from one message to the next (addresses, host names with their IP, queue ids, long numbers). Reasons are grouped
// by this text and their codes.

const WRAPPERS: [RegExp, string][] = [
  [/^host \S+ (?:said|refused to talk to me): /, ''],
  [/ \(in reply to [^()]{1,80}\)$/, ''],
  [/^SMTP error from remote (?:mail )?server (?:after [^:]{1,40}(?::<[^<>]{0,300}>)?|for [^:]{1,40}): /, ''],
  [/^Deferred: /, ''],
];

const VARIABLE: [RegExp, string][] = [
  // 2026-11-23T12:00:03.123Z (Microsoft's diagnostic stamps)
  [/\b[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?/g, '…'],
  // <bob@example.org>, bob@example.org
  [/<[^<>\s]{0,300}@[^<>\s]{0,300}>/g, '<…>'],
  [/[\w.+=%-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,10}/g, '…@…'],
  // mx.example.org[203.0.113.5]:25, [203.0.113.5], [IPv6:2001:db8::1], 203.0.113.5
  [/(?:[\w-]{1,63}(?:\.[\w-]{1,63}){0,10})?\[(?:IPv6:)?[0-9A-Fa-f.:]{2,45}\](?::[0-9]{1,5})?/g, '…'],
  [/\b[0-9]{1,3}(?:\.[0-9]{1,3}){3}\b/g, '…'],
  // Queue ids, server names with digits (BN8PR12MB3345.namprd12.prod.outlook.com), tracking numbers.
  [/\b(?=[\w.-]{0,80}[0-9])(?=[\w.-]{0,80}[A-Za-z])[\w.-]{8,80}\b/g, '…'],
  [/\b[0-9]{5,}\b/g, '…'],
];

const MAX_REASON = 240;

export function reasonText(text: string): string {
  let t = text.length > 2000 ? text.slice(0, 2000) : text;
  for (const [re, to] of WRAPPERS) t = t.replace(re, to);
  for (const [re, to] of VARIABLE) t = t.replace(re, to);
  t = t.replace(/\s+/g, ' ').trim();
  return t.length > MAX_REASON ? `${t.slice(0, MAX_REASON - 1)}…` : t;
}
