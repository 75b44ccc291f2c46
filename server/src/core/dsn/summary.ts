// Reads the machine-readable part of a bounce (RFC 3464 message/delivery-status) into one summary per recipient.
import { readHeaders, type Header } from './mime';

export type Outcome = 'delivered' | 'delayed' | 'failed' | 'relayed' | 'expanded' | 'unknown';
export type ReasonCategory =
  | 'user-unknown'
  | 'mailbox-full'
  | 'blocked-spam'
  | 'authentication'
  | 'policy'
  | 'message-too-big'
  | 'host-unknown'
  | 'expired'
  | 'rate-limited'
  | 'system-error'
  | 'other';

export interface RecipientSummary {
  recipient: string;
  outcome: Outcome;
  action?: string;
  status?: string;
  replyCode?: string;
  diagnostic?: string;
  remoteMta?: string;
  reportingMta?: string;
  lastAttempt?: string;
  category: ReasonCategory;
  bounce: 'hard' | 'soft' | 'none';
}

export interface RecipientBlock {
  summary: RecipientSummary;
  /** Offsets (in the text given to readDeliveryStatus) of the Final-Recipient field (or Original-Recipient). */
  start: number;
  end: number;
}

export const CATEGORY_TITLES: Record<ReasonCategory, string> = {
  'user-unknown': 'user unknown',
  'mailbox-full': 'mailbox full',
  'blocked-spam': 'blocked / spam',
  authentication: 'authentication (SPF/DKIM/DMARC)',
  policy: 'policy',
  'message-too-big': 'message too big',
  'host-unknown': 'host unknown',
  expired: 'expired',
  'rate-limited': 'rate limited',
  'system-error': 'system error',
  other: 'other',
};

/** Parses the field groups of a delivery-status body: the per-message group, then one group per recipient. */
export function readDeliveryStatus(text: string, start = 0, end = text.length): RecipientBlock[] {
  const groups: Header[][] = [];
  let pos = start;
  // Groups are separated by empty lines; readHeaders stops at each one.
  for (let guard = 0; pos < end && guard < 10000; guard++) {
    while (pos < end && (text[pos] === '\n' || text[pos] === '\r')) pos++;
    if (pos >= end) break;
    const { headers, bodyStart } = readHeaders(text, pos, end);
    if (headers.length) groups.push(headers);
    if (bodyStart <= pos) {
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 ? end : nl + 1;
    } else pos = bodyStart;
  }
  if (!groups.length) return [];
  const perMessage = groups[0].some((h) => h.name.endsWith('-recipient')) ? [] : groups[0];
  const reportingMta = typed(field(perMessage, 'reporting-mta'));
  const blocks: RecipientBlock[] = [];
  for (const group of groups) {
    const anchor = group.find((h) => h.name === 'final-recipient') ?? group.find((h) => h.name === 'original-recipient');
    if (!anchor) continue;
    const action = field(group, 'action')?.toLowerCase();
    const status = /[245]\.[0-9]{1,3}\.[0-9]{1,3}/.exec(field(group, 'status') ?? '')?.[0];
    const diagnostic = typed(field(group, 'diagnostic-code'));
    const replyCode = /^\s*([2-5][0-9]{2})(?![0-9])/.exec(diagnostic ?? '')?.[1];
    const outcome = outcomeOf(action, status);
    const category = categorize(status, diagnostic, outcome);
    blocks.push({
      start: anchor.start,
      end: anchor.end,
      summary: {
        recipient: typed(anchor.value) ?? anchor.value,
        outcome,
        action,
        status,
        replyCode,
        diagnostic,
        remoteMta: typed(field(group, 'remote-mta')),
        reportingMta,
        lastAttempt: field(group, 'last-attempt-date'),
        category,
        bounce: outcome === 'failed' ? (category === 'mailbox-full' || status?.startsWith('4') ? 'soft' : 'hard') : outcome === 'delayed' ? 'soft' : 'none',
      },
    });
  }
  return blocks;
}

function field(group: Header[], name: string): string | undefined {
  return group.find((h) => h.name === name)?.value;
}

/** "rfc822; bob@example.org" → "bob@example.org"; "dns; mx.example.org" → "mx.example.org". */
function typed(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const semi = value.indexOf(';');
  return (semi >= 0 && semi < 24 ? value.slice(semi + 1) : value).trim();
}

function outcomeOf(action: string | undefined, status: string | undefined): Outcome {
  switch (action) {
    case 'failed': return 'failed';
    case 'delayed': return 'delayed';
    case 'delivered': return 'delivered';
    case 'relayed': return 'relayed';
    case 'expanded': return 'expanded';
  }
  if (status?.startsWith('5')) return 'failed';
  if (status?.startsWith('4')) return 'delayed';
  if (status?.startsWith('2')) return 'delivered';
  return 'unknown';
}

// Ordered: the first rule that matches names the reason. Status codes decide first, the diagnostic's words refine.
const RULES: { category: ReasonCategory; status?: RegExp; words?: RegExp }[] = [
  { category: 'authentication', status: /^[45]\.7\.(?:2[0-9]|30)$/, words: /\b(?:spf|dkim|dmarc|unauthenticated|authentication failed|arc validation)\b/i },
  { category: 'user-unknown', status: /^5\.1\.[1036]$/, words: /user unknown|unknown user|no such (?:user|mailbox|recipient)|does not exist|recipient not found|address rejected|invalid recipient|mailbox unavailable|recipnotfound/i },
  { category: 'mailbox-full', status: /^[45]\.2\.2$/, words: /mailbox (?:is )?full|over ?quota|quota exceeded|insufficient storage|storage (?:limit|quota)/i },
  { category: 'message-too-big', status: /^[45]\.(?:3\.4|2\.3)$/, words: /too (?:big|large)|size limit|exceeds? (?:the )?(?:maximum )?(?:message )?size|message length/i },
  { category: 'host-unknown', status: /^[45]\.(?:1\.2|4\.4|1\.10)$/, words: /host (?:not found|unknown)|domain (?:not found|does not exist)|unrouteable|no mx|name or service not known|nxdomain|null mx/i },
  { category: 'expired', status: /^[45]\.4\.7$/, words: /expired|too old|delivery time|retry timeout|gave up/i },
  { category: 'rate-limited', words: /rate limit|too many|throttl|try again later|unusual rate|exceeded.*(?:limit|threshold)|4\.7\.(?:5[0-9]{2}|6[0-9]{2})/i },
  { category: 'blocked-spam', words: /spam|blocked|block ?list|black ?list|blacklisted|reputation|listed|rbl|spamhaus|banned|junk/i },
  { category: 'policy', status: /^[45]\.7\.[0-9]{1,3}$/, words: /policy|not (?:permitted|allowed|authori[sz]ed)|relay (?:access )?denied|access denied|forbidden|rejected by/i },
  { category: 'system-error', status: /^[45]\.(?:3|4)\.[0-9]{1,3}$/, words: /system (?:error|problem)|local error|internal error|temporar(?:y|ily)|service (?:not )?available|connection (?:timed out|refused|lost)/i },
];

export function categorize(status: string | undefined, diagnostic: string | undefined, outcome: Outcome): ReasonCategory {
  if (outcome === 'delivered' || outcome === 'relayed' || outcome === 'expanded') return 'other';
  const text = diagnostic ?? '';
  // Specific status codes decide first; then the words of the diagnostic; the broad codes (X.7.*, X.3.*) come last
  // so that "550 5.7.1 … listed on a blocklist" is blocked / spam, not just policy.
  for (const rule of RULES) if (status && !BROAD.has(rule.category) && rule.status?.test(status)) return rule.category;
  for (const rule of RULES) if (rule.words?.test(text)) return rule.category;
  for (const rule of RULES) if (status && rule.status?.test(status)) return rule.category;
  return 'other';
}

const BROAD = new Set<ReasonCategory>(['policy', 'system-error']);
