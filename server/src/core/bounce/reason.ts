// Why a recipient's delivery failed, by the reason names bounce-processing libraries share (userunknown, mailboxfull …),
// and whether the failure is hard (the address will never work) or soft. Decided from the enhanced status code, the
// reply code and, above all, the words of the diagnostic: "550 5.7.1 … User unknown" is user unknown whatever 5.7.1
// says, and a bare "5.0.0" says nothing without its words.
import type { Reason } from './taxonomy';

export { REASONS, REASON_TITLES, isBounce, isHard, isReason, type Reason } from './taxonomy';

export interface ReasonInput {
  /** Enhanced status code (5.1.1). */
  status?: string;
  /** SMTP reply code (550). */
  reply?: string;
  /** The remote server's words, or the reporting MTA's own explanation. */
  diagnostic?: string;
  /** The SMTP command the failure answered (RCPT, MAIL, DATA, CONN, EHLO …), when the bounce says. */
  command?: string;
  /** The DSN action (failed, delayed, delivered …). */
  action?: string;
  /** "smtp", "x-unix" …: the type of the Diagnostic-Code field. */
  diagnosticType?: string;
  /** The reason of the catalog's provider entry that matched the diagnostic, where one did. */
  providerReason?: Reason;
  /** A reason the format reader knows from its MTA's fixed wording ("retry timeout exceeded" is expired). */
  formatReason?: Reason;
}

// What each enhanced status code means as a reason, where the code alone is specific enough to say (RFC 3463 and
// its updates). Codes missing here (X.0.0, X.7.0 …) leave the decision to the words.
const STATUS_REASONS: Record<string, Reason> = {
  '2.1.5': 'delivered',
  '4.1.6': 'hasmoved', '4.1.7': 'rejected', '4.1.8': 'rejected', '4.1.9': 'systemerror',
  '4.2.1': 'blocked', '4.2.2': 'mailboxfull', '4.2.3': 'exceedlimit', '4.2.4': 'filtered',
  '4.3.1': 'systemfull', '4.3.2': 'notaccept', '4.3.3': 'systemerror', '4.3.5': 'systemerror',
  '4.4.1': 'expired', '4.4.2': 'networkerror', '4.4.3': 'systemerror', '4.4.4': 'networkerror', '4.4.5': 'systemfull',
  '4.4.6': 'networkerror', '4.4.7': 'expired', '4.4.8': 'networkerror',
  '4.5.3': 'systemerror', '4.5.5': 'systemerror',
  '4.6.0': 'contenterror', '4.6.2': 'contenterror', '4.6.5': 'contenterror',
  '4.7.1': 'blocked', '4.7.2': 'blocked', '4.7.5': 'securityerror', '4.7.6': 'securityerror', '4.7.7': 'securityerror',
  '4.7.12': 'securityerror', '4.7.15': 'securityerror', '4.7.16': 'mesgtoobig', '4.7.24': 'authfailure',
  '4.7.25': 'requireptr', '4.7.26': 'authfailure',
  '5.1.0': 'userunknown', '5.1.1': 'userunknown', '5.1.2': 'hostunknown', '5.1.3': 'userunknown', '5.1.4': 'filtered',
  '5.1.6': 'hasmoved', '5.1.7': 'rejected', '5.1.8': 'rejected', '5.1.9': 'systemerror', '5.1.10': 'notaccept',
  '5.2.0': 'filtered', '5.2.1': 'filtered', '5.2.2': 'mailboxfull', '5.2.3': 'exceedlimit', '5.2.4': 'filtered',
  '5.3.0': 'systemerror', '5.3.1': 'systemfull', '5.3.2': 'notaccept', '5.3.3': 'systemerror', '5.3.4': 'mesgtoobig',
  '5.3.5': 'systemerror',
  '5.4.0': 'networkerror', '5.4.3': 'systemerror', '5.4.4': 'hostunknown',
  '5.5.2': 'syntaxerror', '5.5.3': 'toomanyconn', '5.5.4': 'systemerror', '5.5.5': 'systemerror', '5.5.6': 'syntaxerror',
  '5.6.0': 'contenterror', '5.6.1': 'contenterror', '5.6.2': 'contenterror', '5.6.3': 'contenterror', '5.6.5': 'contenterror',
  '5.6.6': 'contenterror', '5.6.7': 'contenterror', '5.6.8': 'contenterror', '5.6.9': 'contenterror',
  '5.7.0': 'securityerror', '5.7.1': 'securityerror', '5.7.2': 'securityerror', '5.7.3': 'securityerror',
  '5.7.4': 'securityerror', '5.7.5': 'securityerror', '5.7.6': 'securityerror', '5.7.7': 'securityerror',
  '5.7.8': 'securityerror', '5.7.9': 'securityerror', '5.7.10': 'securityerror', '5.7.11': 'securityerror',
  '5.7.13': 'suspend', '5.7.14': 'securityerror', '5.7.15': 'securityerror', '5.7.16': 'mesgtoobig',
  '5.7.17': 'hasmoved', '5.7.18': 'hasmoved', '5.7.19': 'securityerror',
  '5.7.20': 'authfailure', '5.7.21': 'authfailure', '5.7.22': 'authfailure', '5.7.23': 'authfailure',
  '5.7.24': 'authfailure', '5.7.25': 'requireptr', '5.7.26': 'authfailure', '5.7.27': 'notaccept',
  '5.7.28': 'spamdetected', '5.7.29': 'authfailure', '5.7.30': 'failedstarttls',
};

export function statusReason(status: string | undefined): Reason | undefined {
  return status ? STATUS_REASONS[status] : undefined;
}

/** Reasons a status code gives that are only a guess: the words may name something more precise. */
const VAGUE = new Set<Reason>(['undefined', 'onhold', 'systemerror', 'securityerror', 'expired', 'networkerror', 'hostunknown', 'userunknown']);
/**
 * Reasons a format reader's own sentence gives that the words may still refine. An MTA saying "no such user" or "host
 * unknown" of its own accord decides the address like the matching status code would (5.1.1, 5.1.2).
 */
const REFINED = new Set<Reason>(['undefined', 'onhold', 'systemerror', 'securityerror', 'networkerror']);
const AS_STATUS: Partial<Record<Reason, string>> = { userunknown: '5.1.1', hostunknown: '5.1.2' };

const words = (...patterns: string[]) => new RegExp(patterns.join('|'), 'i');

// The words of each reason, as remote servers and MTAs write them (English first, a few other languages MTAs use).
const WORDS: Partial<Record<Reason, RegExp>> = {
  mailboxfull: words(
    'mailbox (?:is |was )?(?:full|over ?quota)', 'mail ?box (?:size )?(?:limit )?exceeded', 'mailbox exceeds', 'mailbox would exceed',
    'mailbox[^.;]{0,40}(?:quota|full|exceeded[^.;]{0,20}limit)', 'over ?quota', 'quota (?:has been |was )?exceeded', 'exceed(?:s|ed|ing) (?:his |her |the |their |its )?quota',
    'exceeded (?:his |her |the |their )?(?:storage|quota)', 'quota violation', 'disk quota', 'maildir (?:over )?quota',
    'account is (?:over|at|full)[^.;]{0,20}quota', '(?:not )?enough (?:disk |storage )?space', 'insufficient (?:disk |storage )?space',
    'not sufficient disk space', 'no space left on device', 'full mailbox', 'mail ?folder is full', 'inbox is (?:full|out of storage)',
    'out of storage space', 'storage (?:quota|limit) (?:exceeded|reached)', 'too many messages (?:on the server|in (?:this|the) mailbox)',
    'user has exceeded', 'space has been used up', 'boite du destinataire pleine', 'postfach (?:ist )?voll', 'casella piena',
    'exceeded storage allocation', 'too much mail data',
  ),
  mesgtoobig: words(
    'message (?:file |size |length )?(?:is )?too (?:big|large)', 'message size exceeds', 'size exceeds (?:the )?(?:fixed )?(?:maximum|limit)',
    'exceeds? (?:the )?(?:maximum|max)(?: allowed)?(?: inbound| incoming)? message size', 'exceeded (?:the )?(?:maximum )?(?:inbound |incoming )?message size',
    'max(?:imum)? message size exceeded', 'message (?:size )?exceeds (?:the )?(?:fixed |administrative )?(?:size )?limit',
    'size limit', 'line limit exceeded', 'taille limite du message', 'mail (?:is )?too (?:big|large)',
  ),
  exceedlimit: words('message header size exceeds limit', 'message length exceeds administrative limit'),
  suspend: words(
    'is (?:currently )?suspended', 'has been suspended', 'account (?:has been |is )?(?:disabled|deactivated|locked|suspended|frozen|inactive)',
    'mailbox (?:is )?(?:currently )?(?:disabled|suspended|frozen|inactive|locked)', 'inactive (?:account|mailbox|user)',
    'invalid/inactive user', 'user (?:is )?(?:suspended|terminated)', 'temporar(?:y|ily) (?:locked|inactive)',
    'this address no longer accepts mail', 'email account that you tried to reach is (?:disabled|inactive)', 'archived recipient',
    'is a deactivated mailbox', 'recipient suspend', 'boite du destinataire archivee', 'mailbox unavailable or access denied',
  ),
  hasmoved: words(' has been replaced by ', 'has moved(?:;| to)', 'no longer (?:at|with) this (?:address|organi[sz]ation)'),
  norelaying: words(
    'relay(?:ing)? (?:access )?(?:denied|not (?:permitted|allowed))', 'not (?:permitted|allowed) to relay', 'unable to relay', 'relaying mail to ',
    'no relaying', 'not an open relay', 'as a relay', 'insecure mail relay', 'not configured to relay', 'relay not permitted',
    "isn't in my list of allowed rcpthosts", 'not in my list of allowed rcpthosts', 'not a gateway', "we don't handle mail for",
    'requires authentication when attempting to send to a non-local', 'specified domain is not allowed',
  ),
  authfailure: words(
    '\\bspf\\b[^.;]{0,40}\\b(?:fail|failed|failure|violation|hard ?fail|softfail|check)', 'sender policy framework', "per its? spf record", "spf record", 'bad spf records', 'dmarc(?:\\s+\\w+){0,3}\\s+(?:policy|reject|fail|failed|failure|record)',
    "domain's dmarc", '\\bdkim\\b[^.;]{0,40}(?:fail|failed|failure|did not pass|does not pass)', 'no (?:passing|valid|acceptable)[^.;]{0,30}dkim signature', 'authenticate with (?:either )?(?:spf|dkim)',
    'fails? to pass (?:spf|dkim|authentication)', 'unauthenticated (?:e-?mail|mail|message)', 'authentication (?:requirements|level)',
    "doesn't meet the required authentication", 'not allowed to send (?:mail )?from[^.;]{0,60}spf', 'aligned with either the authenticated',
    'arc validation', 'not pass (?:spf|dkim|dmarc)',
  ),
  userunknown: words(
    'user(?:name)? (?:is )?unknown', 'unknown (?:user|recipient|mailbox|address|local[- ]?part|e-?mail address)', 'no such (?:user|mailbox|recipient|address|person|account)',
    '(?:user|recipient|mailbox|address|account|e-?mail address)(?: \\S+)? (?:does not|doesn\'t|did not|not) exist', 'does not exist(?: here)?\\.?$',
    '(?:user|recipient|mailbox|address|account)(?: \\S+)? (?:was )?not found', '(?:recipient|mailbox|address|user) (?:is )?(?:invalid|not valid|unavailable|not available)',
    'invalid (?:recipient|mailbox|address|user|e-?mail address)', 'not a valid (?:recipient|mailbox|user|address)', 'is not a known user', 'not a local address',
    'recipient (?:address )?rejected: (?:user unknown|unknown user|invalid|undeliverable|userunknown|access denied|no such)', 'recipient not (?:exist|ok|local|accepted)',
    'address (?:unknown|invalid|does not exist|not present|rejected)', 'mailbox (?:is )?(?:unavailable|inactive|not present|invalid)', 'mailbox unavaiable',
    'bad (?:destination )?(?:recipient|mailbox|address)', 'badrcptto', 'validrcptto', 'non-?existent (?:user|recipient|mailbox|address)',
    'no (?:mailbox|account) (?:by that name|here|found|available)', 'no one at this address', 'no mail ?box available', 'resolver\\.adr\\.recipnotfound',
    'recipnotfound', 'recipient unknown', "doesn't have an? \\S+ account", 'does not have an? \\S+ account', 'unknown or illegal alias', "can't accept user", 'the email account that you tried to reach does not exist',
    'user missing home directory', 'invalid or unknown virtual user', 'utilisateur inconnu', 'destinataire inconnu', 'unbekannte?r? (?:empf|benutzer)',
    'adresse nicht gefunden', 'nessun utente', 'no existe', 'usuario desconocido', 'address lookup failed', 'addressee unknown', 'not listed in domino directory',
    'not listed in (?:the )?(?:public )?(?:name and address book|directory)', 'no such local user', 'account (?:is )?unavailable', 'mailbox not found',
    'user not known', '(?:e-?mail )?address is (?:wrong|invalid|not valid|no longer valid)',
  ),
  filtered: words(
    'message filtered', 'user reject', 'refuses to (?:receive|accept)', 'refused due to recipient preferences', 'blocked by the recipient',
    'only accepting mail from (?:specific|known)', 'account is protected by', 'not accepting any mail', 'restricted sms e-?mail',
    'due to user rules', 'recipient id refuse',
  ),
  requireptr: words(
    'reverse dns', '\\bptr\\b(?: resource)? record', 'rdns', 'cannot find your (?:hostname|host name)', 'unverif[iy]able sending ips?', 'cannot resolve your (?:address|hostname)',
    'ip name lookup failed', 'reverse (?:lookup|dns lookup)', 'unresolvable relay host', 'mismatches client ip', 'unverifiable sending ip',
    'generic dns ptr', 'forward dns entry does not point to the sending ip', 'no ptr record', 'not have a ptr record',
  ),
  notcompliantrfc: words('duplicate header', 'not rfc ?5322 compliant', 'rfc ?5322', 'rfcmessagenoncompliant', 'multiple [a-z-]+ headers?', 'not (?:rfc|standards)[- ]compliant'),
  badreputation: words('reputation', 'user complaints'),
  contenterror: words(
    'duplicate header', 'header size exceeds', 'improper use of 8-?bit', 'invalid mime', 'mime complexity', 'improperly-formatted binary',
    'unnecessary base64', 'too many received: headers', 'header (?:error|syntax)', 'malformed (?:message|header|mime)', 'bare (?:lf|cr|linefeed)',
  ),
  rejected: words(
    'sender (?:address )?(?:rejected|denied|blocked|blacklisted|not (?:allowed|accepted|authorized|pre-approved))', 'sender was rejected', 'invalid sender',
    'sender verify failed', 'sender (?:is )?(?:in my black ?list|spammer)', 'domain of sender address', 'sender domain (?:is )?(?:empty|invalid|unknown|not found|does not exist|must exist|must resolve)',
    'unroutable sender', 'mail from (?:not owned|refused)', '(?:empty|null) (?:envelope )?senders? (?:is )?not allowed', 'bogus mail from', 'no third-party dsns',
    'returned mail not accepted', 'batv', 'backscatter', 'from: domain is invalid', "can't determine purported responsible address", 'administrative prohibition',
    'email address is not verified', 'your email address has been blacklisted', 'sending this from a different address', 'is not a registered gateway user',
    "isn't on the recipient's list of senders", 'not allowed to post to this (?:mailing )?list', 'fully qualified (?:e-?mail )?address required',
    'envelope blocked', 'emetteur invalide', 'this server does not accept mail from', 'unsigned dsn', 'sender address has been blacklisted',
    'access denied \\(in reply to mail from', 'access denied \\(sender blacklisted',
  ),
  hostunknown: words(
    'host (?:or domain name )?(?:not found|unknown)', 'unknown (?:host|domain)', 'domain (?:does not|doesn\'t) exist', 'no such domain', 'domain (?:name )?not found',
    'domain must exist', 'domain is not reachable', 'name or service not known', 'unroute?able address', 'host unreachable', 'nxdomain',
    'mail domain mentioned in email address is unknown', 'the account or domain may not exist', "couldn't find any host named", 'no (?:mx|mail exchanger|a) record(?:s)? (?:found )?for',
    'could not be resolved', 'unknown domain name',
  ),
  spamdetected: words(
    '\\bspam\\b', 'unsolicited', 'bulk (?:e-?mail|mail|advertising)', 'content filter', 'message content rejected', 'rejecting (?:mail |banned )?content',
    'mail content denied', 'spamassassin', 'spam-?like', 'junk', 'uribl', 'surbl', 'phish', 'looks like spam', 'spam score', 'message filtered',
    'recurrent pattern detection', 'unacceptable content', 'blacklisted url', 'sender domain listed at', 'suspicious (?:content|message|url|link)', 'mail score \\(\\d+\\) over',
  ),
  speeding: words(
    'rate limit', 'rate-limit', 'ratelimit', 'try again slower', 'sending (?:too )?fast', 'too many (?:messages|mails|emails)(?! in (?:this|the) mailbox)',
    'throttl', 'prevents additional messages from being delivered', 'unusual rate', 'sending rate', 'exceeded[^.;]{0,30}(?:per hour|per day|per minute|hourly|daily) (?:limit|quota)',
  ),
  toomanyconn: words(
    'too many (?:connections|concurrent|sessions|smtp sessions|errors|recipients)', 'connection (?:rate )?limit', 'maximum connection limit', 'exceeds per-domain connection',
    'max emails per hour', 'daily message quota exceeded', 'maximum sending rate exceeded', 'trop de connexions', 'numerous attempts',
  ),
  blocked: words(
    'block(?:ed|ing)? (?:using|by|due|for)', '(?:black|block|deny|ban)[- ]?list(?:ed)?', '\\bdnsbl\\b', '\\brbl\\b', 'spamhaus', 'spamcop', 'barracuda', 'abuseat', 'sorbs',
    'client host (?:\\S+ )?(?:rejected|blocked)', '(?:ip|host|server|network)(?: address)?(?: \\S+)? (?:is |has been )?(?:blocked|banned|listed|rejected|not allowed)',
    'banned sending ip', 'dynamic ip', 'dynamic/zombied', 'not currently accepting mail from your ip', 'poor reputation', 'helo command rejected',
    'connection refused by', 'connection reset by peer', 'connection (?:was )?dropped', 'not allowed to connect', 'your ip', 'go away', 'open proxy', 'mail server at \\S+ is blocked',
    'refused to talk to me', 'esmtp not accepting connections', 'confirm this mail server', 'please use the smtp server of your isp',
    'extreme bad ip profile', 'temporarily deferred due to', 'too many (?:spams|unwanted messages)', 'sending spam', 'abus detecte', 'was blocked by',
    'service not available, closing transmission channel', 'is in a black list', 'not allowed to send mail from', 'invalid ip for sending mail',
  ),
  virusdetected: words('virus', 'malware', 'potentially executable attachment', 'infected', 'malicious', 'used by recent viruses'),
  policyviolation: words(
    'polic(?:y|ies)(?! framework)', 'illegal attachment', 'members-only list', 'closed mailing list', 'organi[sz]ational settings', 'low priority',
    'messages with multiple addresses', 'protocol violation', 'not subscribed to this group', 'mass mailer', 'images or other attachments',
    'prohibited attachment', 'attachment (?:type )?(?:is )?not allowed', 'without solving a captcha',
  ),
  systemerror: words(
    'system (?:error|problem|config)', 'server error', 'internal error', 'local error', 'configuration error', 'misconfigured', 'would create a mail loop',
    'forwarding loop broken', 'loops back to myself', 'loop was found', 'interrupted system call', 'queue file write error', 'temporary (?:local )?(?:problem|failure|error)',
    'service currently unavailable', 'timeout waiting for input', 'encountered an error', 'no mdb', "can't create user output file",
    'could not load drd', 'unable to connect \\S*\\s*daemon', 'transaction failed ',
  ),
  systemfull: words('mail system full', 'exceeded storage allocation', 'system (?:is )?(?:full|out of (?:disk )?space)', 'insufficient system storage'),
  networkerror: words(
    'no route to host', 'host is unreachable', 'network is unreachable', 'host name lookup failure', 'host not found, try again', 'malformed (?:or unexpected )?name server reply', 'hop count exceeded',
    'dns (?:lookup|query|records)? ?(?:failure|failed|error|timeout)', 'temporary dns', 'malformed (?:or unexpected )?name server reply', 'hop count exceeded',
    'too many hops', 'routing loop', 'mail forwarding loop', 'message looping', 'maximum forwarding loop', 'unable to resolve route', 'unrouteable mail domain',
    'could not connect and send', 'dns records for the destination computer could not be found', 'exceeded \\d+ hops',
  ),
  notaccept: words(
    'does not accept mail', 'accepts no mail', 'null ?mx', 'name server: \\.: host not found', 'mail receiving disabled', 'no mx record found for domain', 'no route for current request',
    'smtp protocol returned a permanent error', 'not accepting (?:any )?(?:network )?(?:mail|messages)',
  ),
  expired: words(
    'delivery (?:time )?expired', 'message expired', 'envelope expired', 'retry time(?:out)? (?:not reached|exceeded)', 'connection timed out', 'message timed out',
    'giving up on', 'delivery failed \\d+ attempts', 'too long in (?:the )?queue', 'in the queue too long', 'could not be delivered (?:for more than|within)', 'delivery attempts will continue',
    'failing for a long time', 'has been delayed', 'not been collected', 'unable to deliver (?:the )?message after', 'queue period',
    'server did not respond', 'could not find a gateway', 'failed to deliver to domain', 'no answer from host', 'not delivered within',
  ),
  failedstarttls: words('starttls', '\\btls (?:is )?(?:required|needed|negotiation failed|handshake)', 'tls required', 'requiretls', 'encryption (?:is )?required', 'must use tls', 'tls/ssl'),
  securityerror: words(
    'authentication (?:required|failure|failed|credentials)', 'auth(?:entication)? required', 'you don\'t authenticate', 'not authori[sz]ed to send',
    'unauthenticated senders not allowed', 'verification failure', 'executable files are not allowed', 'not subscribed to ses', 'is a dead domain',
    'authentication turned on', 'must be authenticated', 'turn on smtp authentication', 'authentification (?:invalide|requise)',
  ),
  mailererror: words('mailer error', 'procmail', 'maildrop', 'command (?:failed|died|output)', 'pipe to \\|', 'x-unix', '\\|\\| exit', 'local delivery failed', 'deliver(?:y)? program'),
  vacation: words('i am (?:away|out of (?:the )?office)', 'out of (?:the )?office', 'on vacation', 'on holiday', 'away until', 'auto(?:matic)?[- ]?reply', 'i will be travel?ling'),
};

/** The commands before DATA: what is refused there cannot be about the message's content. */
const BEFORE_DATA = new Set(['CONN', 'EHLO', 'HELO', 'STARTTLS', 'AUTH', 'MAIL', 'RCPT']);

const has = (reason: Reason, text: string) => !!text && (WORDS[reason]?.test(text) ?? false);

/** Reply codes with a meaning of their own, whatever the words. */
function replyReason(reply: string | undefined): Reason | undefined {
  switch (reply) {
    case '521':
    case '556':
      return 'notaccept';
    case '525':
      return 'suspend';
    case '523':
    case '524':
    case '538':
      return 'failedstarttls';
  }
  return undefined;
}

/** The reason of one recipient's outcome. */
export function classify(input: ReasonInput): Reason {
  const action = input.action?.toLowerCase();
  const status = input.status;
  if (action === 'delivered' || action === 'relayed' || action === 'expanded' || status?.startsWith('2.')) return 'delivered';
  if (input.providerReason && input.providerReason !== 'undefined' && input.providerReason !== 'onhold') {
    // A provider's "no such user" given after DATA, or with neither a command nor a precise status, is its filter's
    // refusal, as for any other server's (see firstPass).
    const cmd = input.command?.toUpperCase();
    if (input.providerReason === 'userunknown' && (cmd === 'DATA' || (!cmd && (!status || /^[45]\.0\.0$/.test(status))))) return 'filtered';
    return input.providerReason;
  }
  const formatReason = input.formatReason;
  if (formatReason && !REFINED.has(formatReason) && !AS_STATUS[formatReason]) return formatReason;
  const text = normalize(input.diagnostic ?? '');
  const command = input.command?.toUpperCase();
  const given = statusReason(status);
  const byStatus = statusReason(formatReason && AS_STATUS[formatReason] && (!given || VAGUE.has(given)) ? AS_STATUS[formatReason] : status);
  const first = firstPass(text, status, byStatus, input.reply, command);
  if (first) return first;
  const second = secondPass(text, byStatus, input.reply, command, input, action);
  if (second) return second;
  if (input.formatReason) return input.formatReason;
  if (has('vacation', text)) return 'vacation';
  return text ? 'onhold' : 'undefined';
}

/**
 * Reasons that are precise when their code or their words say so, in order: the more specific first, so that
 * "user unknown" beats a generic 5.7.1, and "mailbox full" beats the 5.1.1 some servers send with it.
 */
function firstPass(text: string, status: string | undefined, byStatus: Reason | undefined, reply: string | undefined, command: string | undefined): Reason | undefined {
  const said = (r: Reason) => byStatus === r || has(r, text);
  if (said('mailboxfull')) return 'mailboxfull';
  if (said('mesgtoobig')) return 'mesgtoobig';
  if (said('exceedlimit')) return 'exceedlimit';
  if (reply === '525' || has('suspend', text) || byStatus === 'suspend') return 'suspend';
  if (has('hasmoved', text) || byStatus === 'hasmoved') return 'hasmoved';
  if (command !== 'CONN' && command !== 'EHLO' && command !== 'HELO' && has('norelaying', text)) return 'norelaying';
  if (said('authfailure')) return 'authfailure';
  // "… does not exist" in answer to MAIL FROM is about the sender's address: the message was refused.
  if (command === 'MAIL' && (byStatus === 'userunknown' || (has('userunknown', text) && !byStatus))) return 'rejected';
  if (byStatus === 'userunknown') {
    // 5.1.1 is trusted, whatever the command, unless the words say the refusal was about something else.
    if (!['norelaying', 'blocked', 'mailboxfull', 'hasmoved', 'rejected', 'notaccept', 'spamdetected'].some((r) => has(r as Reason, text) && !has('userunknown', text))) return 'userunknown';
  } else if ((!byStatus || VAGUE.has(byStatus) || byStatus === 'filtered') && has('userunknown', text) && !has('hostunknown', text) && command === 'RCPT') {
    return 'userunknown';
  }
  // "User unknown" said anywhere else than in answer to RCPT TO, with no status code that says so: the address was not
  // refused as such (after DATA it had been accepted) and the refusal is the recipient's filter, as the reference
  // classification has it. At MAIL FROM or before, it is about the sender or the connection instead.
  const beforeRcpt = command === 'MAIL' || command === 'CONN' || command === 'EHLO' || command === 'HELO';
  if (byStatus === 'filtered' ? has('filtered', text) || has('userunknown', text) : !beforeRcpt && command !== 'RCPT' && byStatus !== 'rejected' && !has('rejected', text) && (has('filtered', text) || (has('userunknown', text) && !has('hostunknown', text)))) return 'filtered';
  if (said('requireptr')) return 'requireptr';
  if (has('notcompliantrfc', text)) return 'notcompliantrfc';
  if (has('badreputation', text)) return 'badreputation';
  if (!has('spamdetected', text) && (byStatus === 'contenterror' || has('contenterror', text))) return 'contenterror';
  if (byStatus === 'rejected' || (has('rejected', text) && (command === 'MAIL' || !byStatus || byStatus === 'securityerror' || byStatus === 'systemerror' || (command === 'DATA' && byStatus !== 'userunknown')))) return 'rejected';
  if (byStatus === 'hostunknown' ? !has('networkerror', text) : has('hostunknown', text) && !has('networkerror', text)) return 'hostunknown';
  const afterData = !(command && BEFORE_DATA.has(command));
  // "prohibited virus or spam content": a virus scanner's refusal names the virus first.
  if (afterData && /\bvirus/i.test(text) && has('virusdetected', text)) return 'virusdetected';
  if (byStatus === 'spamdetected' || (!!status && afterData && has('spamdetected', text))) return 'spamdetected';
  if (said('toomanyconn')) return 'toomanyconn';
  if (has('speeding', text)) return 'speeding';
  if (said('blocked')) return 'blocked';
  return undefined;
}

/** Words that name a reason the status code could not, then the code, then what the class and the command imply. */
function secondPass(text: string, byStatus: Reason | undefined, reply: string | undefined, command: string | undefined, input: ReasonInput, action: string | undefined): Reason | undefined {
  const code = replyReason(reply);
  if (code) return code;
  if (command === 'STARTTLS') return 'failedstarttls';
  if (!byStatus || VAGUE.has(byStatus)) {
    for (const r of SECOND_ORDER) if (has(r, text) && !(r === 'spamdetected' && command && BEFORE_DATA.has(command)) && !(r === 'virusdetected' && command && BEFORE_DATA.has(command))) return r;
  }
  if (byStatus) return byStatus;
  const status = input.status ?? '';
  if (/^[45]\.6\./.test(status)) return 'contenterror';
  if (/^[45]\.7\./.test(status)) return 'securityerror';
  if (/^x-unix/i.test(input.diagnosticType ?? '')) return 'mailererror';
  if (reply && /^[45]0[1-7]$/.test(reply)) return 'syntaxerror';
  if (action === 'delayed' || action === 'expired') return 'expired';
  // Refused at the greeting or the first commands, for no reason said: the sending host was not welcome.
  if (command === 'EHLO' || command === 'HELO' || command === 'CONN') return 'blocked';
  return undefined;
}

const SECOND_ORDER: Reason[] = [
  'mailboxfull', 'authfailure', 'badreputation', 'speeding', 'spamdetected', 'virusdetected', 'policyviolation', 'norelaying', 'mailererror',
  'systemerror', 'networkerror', 'suspend', 'contenterror', 'systemfull', 'notaccept', 'expired', 'failedstarttls', 'securityerror',
];

/** One line of lower-case words: folded diagnostics and HTML-ish spacing should not split a phrase. */
function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The SMTP command a diagnostic says it answered: "(in reply to RCPT TO command)", "after RCPT TO:", "SMTP error from remote mail server after MAIL FROM:". */
export function commandOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = /\b(?:in reply to|after|while (?:sending|talking)[^:]*?|at|following|for)\s+(?:the\s+)?(RCPT(?:\s+TO)?|MAIL(?:\s+FROM)?|DATA|end of data|end of DATA|EHLO|HELO|LHLO|STARTTLS|AUTH|initial connection|banner|greeting|connect|pipelined DATA)\b/i.exec(text)
    ?? /\bSMTP:(RCPT|MAIL|DATA|EHLO|HELO)\b|\[(RCPT_TO|MAIL_FROM|DATA)\]/.exec(text)
    // A transcript's last command sent (">>> RCPT TO:<…>"), or "RCPT TO generated following response: …".
    ?? [...text.matchAll(/>>>\s*(RCPT|MAIL|DATA|EHLO|HELO)\b/gi)].pop()
    ?? /\b(RCPT TO|MAIL FROM)\b[^.;:]{0,12}\b(?:generated|returned|got|received)\b/i.exec(text);
  const raw = m?.[1] ?? m?.[2];
  if (!raw) return undefined;
  const c = raw.toUpperCase().replace('_', ' ');
  if (c.startsWith('RCPT')) return 'RCPT';
  if (c.startsWith('MAIL')) return 'MAIL';
  if (c.includes('DATA')) return 'DATA';
  if (c === 'LHLO') return 'EHLO';
  if (c === 'INITIAL CONNECTION' || c === 'BANNER' || c === 'GREETING' || c === 'CONNECT') return 'CONN';
  return c;
}
