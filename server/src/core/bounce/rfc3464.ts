// RFC 3464 delivery status notifications: the machine-readable message/delivery-status part, or the same fields
// written into a text part. One outcome per Final-Recipient (or Original-Recipient) group.
import { readHeaders, type Header } from '../dsn/mime';
import type { Action, OutcomeFields } from './outcome';
import { statusIn } from './outcome';
import type { TextView } from './text';

const MAX_GROUPS = 10000;

/** Field groups of a delivery-status body, separated by empty lines: the per-message group, then one per recipient. */
export function readDeliveryStatus(view: TextView, from = 0, to = view.text.length): OutcomeFields[] {
  const text = view.text;
  const groups: Header[][] = [];
  let pos = from;
  for (let guard = 0; pos < to && guard < MAX_GROUPS; guard++) {
    while (pos < to && (text[pos] === '\n' || text[pos] === '\r' || text[pos] === ' ' || text[pos] === '\t')) pos++;
    if (pos >= to) break;
    const { headers, bodyStart } = readHeaders(text, pos, to);
    if (headers.length) groups.push(headers);
    if (bodyStart <= pos) {
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 || nl >= to ? to : nl + 1;
    } else pos = bodyStart;
  }
  const perMessage = groups.find((g) => !g.some(isRecipientField)) ?? [];
  const reportingMta = typed(field(perMessage, 'reporting-mta'));
  const arrival = field(perMessage, 'arrival-date');
  const out: OutcomeFields[] = [];
  for (const group of groups) {
    // An address without a domain ("rfc822; bob", a local alias) gives way to one with it in the other fields.
    const fields = ['final-recipient', 'original-recipient', 'x-actual-recipient'].flatMap((name) => group.filter((h) => h.name === name));
    if (!fields.length || !group.some(isRecipientField)) continue;
    const anchor = fields.find((h) => addressOf(h.value)?.includes('@')) ?? fields[0];
    const recipient = addressOf(anchor.value);
    // "rfc822; @mx.example.org" names no mailbox: the human-readable report tells who it was.
    if (!recipient || recipient.startsWith('@')) continue;
    const diagnosticField = field(group, 'diagnostic-code');
    // A Status field that holds a reply and words instead of a code ("553 Exceeded maximum inbound message size") is
    // the only diagnostic such a report gives.
    const statusField = field(group, 'status');
    const wordyStatus = statusField && !/^\s*[245]\.\d{1,3}\.\d{1,3}\s*(?:\(.*\))?\s*$/.test(statusField) && /[a-z]{3}/i.test(statusField) ? statusField.trim() : undefined;
    const diagnostic = typed(diagnosticField) ?? wordyStatus;
    const action = actionOf(field(group, 'action'));
    // The address itself, inside the field (folded fields included): that is what the editor points at.
    const at = text.indexOf(recipient, anchor.valueStart);
    const [start, end] = at >= 0 && at < anchor.end ? [at, at + recipient.length] : [anchor.start, anchor.end];
    out.push({
      recipient,
      action,
      status: preferredStatus(field(group, 'status'), diagnostic),
      diagnostic,
      diagnosticType: diagnosticField?.split(';')[0]?.trim().toLowerCase(),
      remoteMta: typed(field(group, 'remote-mta'))?.replace(/\s*\(.*$/, '').replace(/\.$/, ''),
      reportingMta: reportingMta?.replace(/\s*\(.*$/, ''),
      date: field(group, 'last-attempt-date') ?? arrival,
      format: 'rfc3464',
      start: view.raw(start),
      end: view.raw(Math.max(start, end - 1)) + 1,
    });
  }
  return out;
}

/** True when the text carries DSN recipient fields at the start of a line. */
export function hasDeliveryStatusFields(text: string): boolean {
  return /^(?:Final|Original)-Recipient:[ \t]*[\w-]+;/im.test(text) && /^(?:Action|Status):/im.test(text);
}

function isRecipientField(h: Header): boolean {
  return h.name === 'final-recipient' || h.name === 'original-recipient';
}

function field(group: Header[], name: string): string | undefined {
  return group.find((h) => h.name === name)?.value;
}

/** "rfc822; bob@example.org" → "bob@example.org"; "dns; mx.example.org" → "mx.example.org". */
function typed(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const semi = value.indexOf(';');
  return (semi >= 0 && semi < 24 ? value.slice(semi + 1) : value).trim() || undefined;
}

function addressOf(value: string): string | undefined {
  const v = typed(value) ?? '';
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(v);
  const address = (bracketed?.[1] ?? v).trim().replace(/^["']|["']$/g, '');
  return address || undefined;
}

function actionOf(value: string | undefined): Action | undefined {
  const a = value?.trim().toLowerCase().split(/[\s(]/)[0];
  switch (a) {
    case 'failed':
    case 'delayed':
    case 'delivered':
    case 'relayed':
    case 'expanded':
      return a;
  }
  return undefined;
}

/** The Status field, unless it is the vague X.0.0 and the diagnostic names a more precise code of the same class. */
function preferredStatus(value: string | undefined, diagnostic: string | undefined): string | undefined {
  const status = statusIn(value);
  const said = statusIn(diagnostic);
  if (!status) return said;
  if (said && status.endsWith('.0.0') && said[0] === status[0] && !said.endsWith('.0.0')) return said;
  return status;
}
