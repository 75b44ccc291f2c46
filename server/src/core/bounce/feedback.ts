// Automated mail that is not a bounce: complaint reports (ARF, RFC 5965) and automatic replies (RFC 3834 vacation
// and out-of-office notices). Both are recognised and labelled for what they are.
import { readHeaders, type Header, type MimePart } from '../dsn/mime';
import type { OutcomeFields } from './outcome';
import type { Head } from './plain';
import { addressesIn, isServiceAddress, trimAddress, type TextView } from './text';

/** Recipients a complaint report is about: Original-Rcpt-To, else the To of the attached original message. */
export function readFeedbackReport(report: TextView, original: { headers: Header[]; raw(i: number): number; text: string } | undefined): OutcomeFields[] {
  const { headers } = readHeaders(report.text, 0, report.text.length);
  const get = (name: string) => headers.find((h) => h.name === name);
  const type = get('feedback-type')?.value.trim() || 'abuse';
  const date = get('arrival-date')?.value ?? get('received-date')?.value;
  const reportingMta = get('reporting-mta')?.value.replace(/^dns;\s*/i, '');
  const out: OutcomeFields[] = [];
  for (const h of headers.filter((x) => x.name === 'original-rcpt-to' || x.name === 'removal-recipient')) {
    for (const a of addressesIn(h.value)) {
      const i = report.text.indexOf(a.address, h.valueStart);
      out.push({ recipient: a.address, action: 'feedback', diagnostic: `complaint (${type})`, date, reportingMta, format: 'arf', start: report.raw(i), end: report.raw(i + a.address.length - 1) + 1 });
    }
  }
  if (!out.length && original) {
    const to = original.headers.find((h) => h.name === 'to');
    for (const a of to ? addressesIn(to.value) : []) {
      const i = original.text.indexOf(a.address, to!.valueStart);
      out.push({ recipient: a.address, action: 'feedback', diagnostic: `complaint (${type})`, date, reportingMta, format: 'arf', start: original.raw(i), end: original.raw(i + a.address.length - 1) + 1 });
    }
  }
  return out;
}

export function isFeedbackReport(part: MimePart): boolean {
  return part.contentType === 'message/feedback-report';
}

const AUTO_SUBJECT = /^(?:auto(?:matic)? ?(?:reply|response|answer)|auto:|out of (?:the )?office|abwesenheit|automatische antwort|réponse automatique|respuesta automática|risposta automatica|on vacation|away from (?:my|the) office|I am away)/i;
const AUTO_BODY = /\b(?:I am|I'm|I will be) (?:currently )?(?:out of (?:the )?office|away|on (?:vacation|holiday|leave|annual leave)|travel?ling)|\bout of (?:the )?office (?:until|from|till)|\bauto(?:matic|mated)? ?reply\b|\bvacation\b|\bholiday\b|limited access to (?:e-?mail|my email)/i;

/**
 * An automatic reply (RFC 3834 Auto-Submitted: auto-replied, the X-Autoreply family, Precedence: auto_reply, or an
 * out-of-office subject) that is not a bounce: its sender is a person, who is the recipient it is about.
 */
export function readAutoReply(head: Head, body: TextView | undefined, start: number): OutcomeFields[] {
  const get = (name: string) => head.headers.find((h) => h.name === name)?.value ?? '';
  const from = addressesIn(head.from)[0];
  if (!from || isServiceAddress(from.address)) return [];
  const auto = /auto-replied|auto-notified/i.test(get('auto-submitted')) || !!get('x-autoreply') || !!get('x-autorespond') || /^auto[_-]reply$/i.test(get('precedence').trim());
  const subjectSays = AUTO_SUBJECT.test(head.subject.trim());
  const bodySays = body ? AUTO_BODY.test(body.text.slice(0, 4096)) : false;
  if (!(auto && (subjectSays || bodySays)) && !(subjectSays && bodySays)) return [];
  const fromHeader = head.headers.find((h) => h.name === 'from');
  const at = fromHeader ? fromHeader.valueStart + fromHeader.value.indexOf(from.address) : start;
  const words = body?.text.replace(/\s+/g, ' ').trim().slice(0, 300);
  return [{ recipient: trimAddress(from.address), action: 'vacation', diagnostic: words || head.subject, date: get('date') || undefined, format: 'rfc3834', start: at, end: at + from.address.length }];
}
