// The reason taxonomy (the names bounce-processing libraries share), their short titles, and which failures are hard
// bounces: the part of ./reason.ts that the views need without the classifier's word lists (the extension's client
// and the bounce report import it from here; ./reason.ts re-exports it).

export const REASONS = [
  'userunknown', 'mailboxfull', 'filtered', 'rejected', 'blocked', 'spamdetected', 'expired', 'hostunknown', 'mesgtoobig',
  'exceedlimit', 'norelaying', 'securityerror', 'policyviolation', 'systemerror', 'systemfull', 'networkerror',
  'mailererror', 'toomanyconn', 'speeding', 'suspend', 'hasmoved', 'notaccept', 'authfailure', 'requireptr',
  'notcompliantrfc', 'badreputation', 'virusdetected', 'contenterror', 'syntaxerror', 'failedstarttls', 'onhold',
  'undefined', 'delivered', 'feedback', 'vacation',
] as const;

export type Reason = (typeof REASONS)[number];

export const REASON_TITLES: Record<Reason, string> = {
  userunknown: 'user unknown',
  mailboxfull: 'mailbox full',
  filtered: 'refused by the recipient’s filter',
  rejected: 'sender address rejected',
  blocked: 'sending host blocked',
  spamdetected: 'detected as spam',
  expired: 'delivery time expired',
  hostunknown: 'domain unknown',
  mesgtoobig: 'message too big',
  exceedlimit: 'over the recipient’s size limit',
  norelaying: 'relaying denied',
  securityerror: 'security error',
  policyviolation: 'policy violation',
  systemerror: 'remote system error',
  systemfull: 'mail system full',
  networkerror: 'network or routing error',
  mailererror: 'local delivery program failed',
  toomanyconn: 'too many connections',
  speeding: 'rate limited',
  suspend: 'mailbox suspended',
  hasmoved: 'address has moved',
  notaccept: 'domain accepts no mail',
  authfailure: 'SPF / DKIM / DMARC failure',
  requireptr: 'no reverse DNS (PTR)',
  notcompliantrfc: 'not RFC compliant',
  badreputation: 'poor sender reputation',
  virusdetected: 'virus detected',
  contenterror: 'content or format refused',
  syntaxerror: 'SMTP syntax error',
  failedstarttls: 'TLS required or failed',
  onhold: 'not determined',
  undefined: 'unknown reason',
  delivered: 'delivered',
  feedback: 'complaint report',
  vacation: 'automatic reply',
};

export function isReason(value: unknown): value is Reason {
  return typeof value === 'string' && (REASONS as readonly string[]).includes(value);
}

/**
 * Hard bounce: the address itself will never work (no such user, no such domain, moved, a domain that accepts no
 * mail). Everything else is soft, permanent spam and policy rejections included: fixing the sending side makes
 * them pass, so suppressing those addresses would drop good ones. A transient (4xx) "accepts no mail" is soft.
 */
export function isHard(reason: Reason, code?: string): boolean {
  if (reason === 'userunknown' || reason === 'hostunknown' || reason === 'hasmoved') return true;
  if (reason === 'notaccept') return !code?.startsWith('4');
  return false;
}

/** Failures only: delivered, feedback and automatic replies are not bounces. */
export function isBounce(reason: Reason): boolean {
  return reason !== 'delivered' && reason !== 'feedback' && reason !== 'vacation';
}

/** What hard and soft mean, wherever outcomes are shown. */
export const HARD_SOFT_NOTE =
  'Hard bounce: the address will never work (user unknown, domain unknown, moved, domain accepts no mail) and can be removed from your lists. Every other failure is soft, permanent spam and policy refusals included: fixing the sending side makes them pass.';
