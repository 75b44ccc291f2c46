// Amazon SES event notifications (JSON, delivered by SNS as e-mail or fetched as files): Bounce, Complaint and Delivery
// objects, bare or wrapped in the SNS envelope whose "Message" field holds the notification as a string.
import type { OutcomeFields } from './outcome';
import type { Reason } from './reason';
import type { TextView } from './text';

const SUBTYPES: Record<string, Reason> = {
  MailboxFull: 'mailboxfull',
  MessageTooLarge: 'mesgtoobig',
  ContentRejected: 'contenterror',
  AttachmentRejected: 'securityerror',
};

const MAX_JSON = 4 * 1024 * 1024;

export function looksLikeSesJson(text: string): boolean {
  return text.includes('notificationType') || text.includes('eventType');
}

export function readSesJson(view: TextView): OutcomeFields[] {
  const text = view.text.length > MAX_JSON ? view.text.slice(0, MAX_JSON) : view.text;
  const start = text.indexOf('{');
  if (start < 0) return [];
  const notification = parseNotification(text, start);
  if (!notification) return [];
  const type = String(notification.notificationType ?? notification.eventType ?? '');
  const out: OutcomeFields[] = [];
  const at = (address: string) => {
    const i = view.text.indexOf(address);
    return i < 0 ? { start: view.raw(start), end: view.raw(start) + 1 } : { start: view.raw(i), end: view.raw(i + address.length - 1) + 1 };
  };
  if (type === 'Bounce') {
    const b = object(notification.bounce);
    for (const r of array(b.bouncedRecipients)) {
      const rec = object(r);
      const address = String(rec.emailAddress ?? '').trim();
      if (!address) continue;
      const diagnostic = typeof rec.diagnosticCode === 'string' ? rec.diagnosticCode.replace(/^smtp;\s*/i, '') : undefined;
      const transient = b.bounceType === 'Transient';
      out.push({
        recipient: address,
        action: rec.action === 'delayed' || (transient && !rec.action) ? 'delayed' : 'failed',
        status: typeof rec.status === 'string' ? rec.status : undefined,
        diagnostic,
        reportingMta: typeof b.reportingMTA === 'string' ? b.reportingMTA.replace(/^dns;\s*/i, '') : undefined,
        remoteMta: typeof b.remoteMtaIp === 'string' ? b.remoteMtaIp : undefined,
        date: typeof b.timestamp === 'string' ? b.timestamp : undefined,
        formatReason: SUBTYPES[String(b.bounceSubType)],
        format: 'amazonses',
        ...at(address),
      });
    }
  } else if (type === 'Complaint') {
    const c = object(notification.complaint);
    for (const r of array(c.complainedRecipients)) {
      const address = String(object(r).emailAddress ?? '').trim();
      if (!address) continue;
      out.push({ recipient: address, action: 'feedback', diagnostic: typeof c.complaintFeedbackType === 'string' ? `complaint: ${c.complaintFeedbackType}` : 'complaint', date: typeof c.timestamp === 'string' ? c.timestamp : undefined, format: 'amazonses', ...at(address) });
    }
  } else if (type === 'Delivery') {
    const d = object(notification.delivery);
    for (const r of array(d.recipients)) {
      const address = String(r ?? '').trim();
      if (!address) continue;
      out.push({ recipient: address, action: 'delivered', diagnostic: typeof d.smtpResponse === 'string' ? d.smtpResponse : undefined, date: typeof d.timestamp === 'string' ? d.timestamp : undefined, format: 'amazonses', ...at(address) });
    }
  }
  return out;
}

/** The notification: the JSON object itself, or the SNS envelope's "Message" string parsed in turn. */
function parseNotification(text: string, start: number): Record<string, unknown> | undefined {
  const end = text.lastIndexOf('}');
  if (end <= start) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
  const o = object(value);
  if (o.notificationType || o.eventType) return o;
  if (typeof o.Message === 'string') {
    try {
      const inner = object(JSON.parse(o.Message));
      if (inner.notificationType || inner.eventType) return inner;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function object(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function array(v: unknown): unknown[] {
  return Array.isArray(v) ? v.slice(0, 10000) : [];
}
