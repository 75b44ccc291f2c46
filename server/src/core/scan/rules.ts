// What counts as a mail code in which context: the one place that says it. The scanner (./scanner.ts) finds tokens
// shaped like codes (../catalog/codes.ts) and asks these rules about each; it has no rule of its own. Each rule is
// data: patterns around the code, conditions on the line and the message, vetoes, and examples of text where it
// must and must not find the code (test/unit/scanner-rules.test.ts runs every example). Adding a log format means
// adding a rule here and a fixture under test/fixtures/real.
//
// Patterns use bounded repeats only and no nested quantifiers, so no input can make them backtrack badly
// (test/unit/adversarial.test.ts checks it). `before` patterns are matched against the end of the text before the
// code, `after` patterns against the start of the text after it.

export type CodeFamily = 'reply' | 'enhanced' | 'outlook';

/**
 * Conditions a rule can put on the code's surroundings. The scanner works each out at most once per line, and only
 * for lines that hold a candidate:
 *  - `smtp`: the line or the line before speaks SMTP (see smtpEvidence), or the text is a bounce or about mail;
 *  - `bounce`: the text is the report part of a delivery report (analyze() knows it from the message), or about mail;
 *  - `transcript`: the line before or after is a line of an SMTP dialogue (see dialogueLine), or the text is about mail;
 *  - `mail-client`: the line or the line before names a mail client or mail (see mailClientEvidence), or the text is
 *    about mail;
 *  - `known`: the catalog has an entry for the code (a generic context wants a code mail servers really send);
 *  - `reply-before`: what `before` matched starts right where a reply code was found (550 5.1.1, 550-'5.1.1);
 *  - `same-reply-before`: the same reply code stands as a reply earlier on this line or on the line before, with its
 *    enhanced code or opening a multi-line reply (550-5.7.1 … 550 5.7.1; 550-… then "…; 550 see …" on a folded
 *    line; smtp; 550 5.7.1 550 User Unknown);
 *  - `about-mail`: the text is known to be about mail (a reply pasted to be explained).
 */
export type Condition = 'smtp' | 'bounce' | 'transcript' | 'mail-client' | 'known' | 'reply-before' | 'same-reply-before' | 'about-mail';

/** An example for the rule test: scanning `text` finds `code` (by this rule), or does not find it at all. */
export interface Example {
  text: string;
  code: string;
  /** Scan as the report part of a bounce. */
  bounce?: boolean;
  /** Scan as text known to be about mail. */
  aboutMail?: boolean;
}

export interface Rule {
  id: string;
  /** What the rule recognises: for people reading the rules, and the hover's "found by" line. */
  description: string;
  family: CodeFamily;
  /** Text right before the code (case-insensitive; no capturing groups). */
  before?: RegExp;
  /** How many characters before the code `before` can span (default 32): bounds the work per candidate. */
  reach?: number;
  /**
   * The characters one of which ends the text before the code, blanks aside (`before` must agree): lets the scanner
   * skip the rule at once for most candidates. Absent when the context can end in any character.
   */
  endsWith?: string;
  /** Text that must occur within the reach (exact case, as the MTA writes it): a cheap test before a long pattern. */
  needs?: string;
  /** `before` may instead end the line before, when the code opens its line: a reply folded onto the next line. */
  orEndOfLineBefore?: boolean;
  /** The code opens its line (only blanks before it). */
  lineStart?: boolean;
  /** Text right after the code (case-insensitive). */
  after?: RegExp;
  /** The line before must match this. */
  lineBefore?: RegExp;
  /** Codes the rule is about (canonical spelling). */
  codes?: RegExp;
  requires?: Condition[];
  /** Vetoes (ids in `vetoes`) that override the rule. Global vetoes apply to every rule. */
  unless?: string[];
  found: Example[];
  notFound: Example[];
}

export interface Veto {
  id: string;
  description: string;
  families: CodeFamily[];
  /** Applies to every rule of these families, not only to those that list it. */
  global?: boolean;
  before?: RegExp;
  reach?: number;
  after?: RegExp;
  /** The code as written. */
  raw?: RegExp;
  /** The line the code is on. */
  line?: RegExp;
  /** With `line`: a folded line (opening with a blank) belongs to the field it continues, which is tested instead. */
  folded?: boolean;
  /** Examples: scanning finds none of these codes. */
  vetoed: Example[];
}

/** Header fields that never carry a delivery status (a Received: line names MTA versions, not replies), also where a report quotes them indented or after >. */
const FIELDS_WITHOUT_CODES = /^(?:[ \t]{1,8}|>[ \t>]{0,8})?(?:Received|X-Received|Return-Path|Delivered-To|X-Original-To|Envelope-to|Delivery-date|Date|Message-I[Dd]|References|In-Reply-To|Resent-[A-Za-z-]{1,20}|DKIM-Signature|DomainKey-Signature|ARC-[A-Za-z-]{1,30}|Authentication-Results|Received-SPF|X-Mailer|User-Agent|X-Mailman-Version|X-MimeOLE|MIME-Version|Content-[A-Za-z-]{1,30}|X-MS-[A-Za-z-]{1,60}|X-Microsoft-[A-Za-z-]{1,60}|X-Forefront-[A-Za-z-]{1,60}|X-Google-[A-Za-z-]{1,60}|X-Gm-[A-Za-z-]{1,60}|X-Originating-IP|X-Virus-[A-Za-z-]{1,30}|X-Spam-[A-Za-z-]{1,30}|Thread-[A-Za-z-]{1,20}|X-OriginalArrivalTime|List-[A-Za-z-]{1,20}|X-DSNContext|X-SenderID|X-[A-Za-z0-9-]{0,60}Version|X-Proofpoint-[A-Za-z-]{1,40}|X-IronPort-[A-Za-z-]{1,40}|X-Barracuda-[A-Za-z-]{1,40}|X-Sophos-[A-Za-z-]{1,40}|X-CTCH-[A-Za-z-]{1,30}|X-ML[A-Za-z-]{0,20}|X-Scanned-By|X-AntiAbuse|X-YMail-OSG|X-Apparently-To):/i;
/** An enhanced code right after a reply code (550 5.1.1, 550-5.7.26, 550: 5.1.1, 550-'5.1.1, 550 #5.1.0). */
const PAIRED_ENHANCED = /^(?::? |-|-'| ['"]?#?)[245]\.[0-7]\.[0-9]{1,3}(?![0-9A-Za-z]|\.[0-9]|-[0-9A-Za-z])/;
/** Text that reads like the rest of a reply: a blank (or the dash of a multi-line reply) and then not a number. */
const REPLY_TEXT = /^(?:[ \t]{1,4}|-)['"]?[^\s0-9.,;:)\]}>=/]/;
const GENERIC = ['http-line', 'http-phrase', 'quantity', 'unit'];
const VERSION = ['version-word', 'product-name', 'joined-to-word', 'version-list', 'leading-zero'];

export const rules: Rule[] = [
  // ---- reply codes (550) ----
  {
    id: 'transcript',
    description: 'a server line of an SMTP transcript (<<< , <- , <** , S: , SMTP<<)',
    family: 'reply',
    before: /(?:<<<|<-|<~|<\*\*|\bS:|SMTP<<)[ \t]{0,8}/,
    endsWith: '<-~*:',
    found: [{ text: '<<< 550 5.1.1 <bob@example.org>... User unknown', code: '550' }, { text: '<** 550 5.7.1 Relaying denied', code: '550' }, { text: '[outbound] S: 250-8BITMIME', code: '250' }],
    notFound: [{ text: 'C: RCPT TO:<bob@example.org> 550', code: '550' }],
  },
  {
    id: 'arrow-transcript',
    description: 'a server line marked <-- (MDaemon and SecurityGateway session logs, msmtp --debug), a code mail servers send',
    family: 'reply',
    before: /<--[ \t]{0,8}/,
    endsWith: '-',
    requires: ['known'],
    unless: [...GENERIC, 'http-client-line'],
    found: [{ text: 'Wed 2024-03-06 08:01:30: <-- 500 Message rejected', code: '500' }, { text: ' Tue 2024-03-05 07:47:32: <-- 250-mx.example.org', code: '250' }],
    notFound: [{ text: 'D/OkHttp: <-- 500 https://api.example.com/v1/sync (212ms, unknown-length body)', code: '500' }, { text: 'D/OkHttp: <-- 503 Service Unavailable https://api.example.com/v1/sync (88ms)', code: '503' }],
  },
  {
    id: 'exchange-protocol-log',
    description: 'Exchange SMTP protocol log: the reply after the ,<, or ,>, direction field',
    family: 'reply',
    before: /,[<>],"?/,
    endsWith: ',"',
    found: [{ text: '2024-03-03T09:00:01.999Z,Outbound,08DC3B2A1F0A1B2C,10,192.0.2.10:51234,203.0.113.5:25,<,550 5.1.1 User unknown,', code: '550' }, { text: '08DC3B2B00000001,2,192.0.2.10:25,203.0.113.40:53211,>,"220 mail.contoso.com Microsoft ESMTP MAIL Service ready",', code: '220' }],
    notFound: [{ text: 'a,b,550,c', code: '550' }],
  },
  {
    id: 'said',
    description: 'Postfix and qmail: … said: (also at the end of the line before)',
    family: 'reply',
    before: /\bsaid:[ \t]{0,8}/,
    endsWith: ':',
    orEndOfLineBefore: true,
    found: [
      { text: 'host mx.example.org[203.0.113.5] said: 550 5.1.1 <bob@example.org>: User unknown', code: '550' },
      { text: '<bob@example.org>: host mx.example.org[203.0.113.5] said:\n    550 5.1.1 <bob@example.org>: Recipient address rejected', code: '550' },
      { text: 'Remote host said:\n550 sorry, no mailbox here by that name (#5.1.1 - chkusr)', code: '550' },
      { text: 'Error-Text: Mailer mail.example.com said:\n            "554 Message looping (received 6 times)"', code: '554' },
      { text: '<bob@example.org>:\n192.0.2.35_does_not_like_recipient./Remote_host_said:_550_5.7.1_<bob@example.org>..._Rejected/Giving_up_on_192.0.2.35./', code: '550' },
    ],
    notFound: [{ text: 'he said 550 people came', code: '550' }],
  },
  {
    id: 'postfix-status',
    description: 'Postfix: the reply that status=sent (…), status=deferred (…) or status=bounced (…) opens with',
    family: 'reply',
    before: /\bstatus=(?:sent|deferred|bounced|expired|undeliverable|deliverable|softbounce) \(/,
    endsWith: '(',
    after: REPLY_TEXT,
    unless: GENERIC,
    found: [{ text: 'postfix/smtp[12345]: ABC123DEF: to=<user@example.com>, relay=mx.example.com[192.0.2.4]:25, delay=0.5, dsn=2.0.0, status=sent (250 OK)', code: '250' }],
    notFound: [{ text: 'job status=queued (250, 251)', code: '250' }, { text: 'webhook delivery status=failed (500 upstream timed out)', code: '500' }],
  },
  {
    id: 'refused-to-talk',
    description: 'Postfix: host … refused to talk to me: (the greeting reply, whatever its number)',
    family: 'reply',
    before: /\brefused to talk to me:[ \t]{1,4}/,
    reach: 40,
    endsWith: ':',
    needs: 'to talk to me',
    after: REPLY_TEXT,
    found: [{ text: 'dsn=4.0.0, status=deferred (host relay.example.net[192.0.2.11] refused to talk to me: 571 Email from 198.51.100.138 is currently blocked)', code: '571' }],
    notFound: [{ text: 'refused to talk to me: 571, 572', code: '571' }],
  },
  {
    id: 'smtp-error',
    description: 'Exim: SMTP error from remote mail server after …: (also at the end of the line before)',
    family: 'reply',
    before: /\bSMTP error from remote (?:mail server|mailer|server|host) after [A-Za-z ]{1,24}(?::<[^>\n]{0,256}>)?(?:[ \t][^:\n]{0,64})?:[ \t]{0,8}(?:host [^\s\[]{1,255} \[[0-9a-fA-F.:]{2,45}\]:[ \t]{0,8})?/,
    reach: 700,
    endsWith: ':',
    needs: 'rror from remote',
    orEndOfLineBefore: true,
    found: [
      { text: 'SMTP error from remote mail server after RCPT TO:<bob@example.org>: 550 5.1.1 User unknown', code: '550' },
      { text: 'SMTP error from remote mail server after pipelined MAIL FROM:<a@example.net> SIZE=2342: 552 Message size exceeds maximum permitted', code: '552' },
      { text: '    SMTP error from remote mail server after end of data:\n    550 Unroutable address', code: '550' },
      { text: 'SMTP error from remote mailer after RCPT TO:<x@example.com>: host mx.example.com [198.51.100.7]: 553 sorry (#5.7.1)', code: '553' },
    ],
    notFound: [{ text: 'SMTP error from remote mail server after RCPT TO:<bob@example.org>: host mx.example.org [203.0.113.5] 550', code: '550' }],
  },
  {
    id: 'exim-host',
    description: 'Exim: host NAME [IP]: on the line after SMTP error from remote mailer …:',
    family: 'reply',
    before: /^[ \t]{0,16}host [^\s\[]{1,255} \[[0-9a-fA-F.:]{2,45}\]:[ \t]{0,8}/,
    reach: 320,
    endsWith: ':',
    lineBefore: /SMTP error from remote (?:mail server|mailer|server|host)\b/,
    found: [{ text: '    SMTP error from remote mailer after RCPT TO:<carol@example.com>:\n    host mx.example.com [198.51.100.7]: 550-Verification failed for <carol@example.com>', code: '550' }],
    notFound: [{ text: 'deliver to\n    host mx.example.com [198.51.100.7]: 550 x', code: '550' }],
  },
  {
    id: 'exim-auth',
    description: 'Exim: … authenticator failed for … : 535 …',
    family: 'reply',
    before: /\bauthenticator failed for [^\n]{1,300}:[ \t]{1,4}/,
    reach: 400,
    endsWith: ':',
    needs: 'authenticator failed',
    found: [{ text: '2024-03-03 10:01:17 dovecot_login authenticator failed for (User) [203.0.113.66]:61234 I=[192.0.2.10]:587: 535 Incorrect authentication data', code: '535' }],
    notFound: [{ text: 'dovecot_login authenticator failed for (User) [203.0.113.66]:535', code: '535' }],
  },
  {
    id: 'exim-confirmation',
    description: 'Exim: the remote server\'s confirmation C="…" on a delivery line',
    family: 'reply',
    before: /\bC="/,
    endsWith: '"',
    requires: ['smtp'],
    found: [{ text: '=> bob@example.org R=dnslookup T=remote_smtp H=mx.example.org [203.0.113.5] C="250 OK id=1rgYhO-0001-AB"', code: '250' }],
    notFound: [{ text: 'style C="250 px"', code: '250' }],
  },
  {
    id: 'sendmail-stat',
    description: 'Sendmail: stat=Deferred: 451 …',
    family: 'reply',
    before: /\bstat=[A-Za-z ]{1,24}:[ \t]{0,4}/,
    reach: 40,
    endsWith: ':',
    found: [{ text: 'mailer=esmtp, dsn=4.0.0, stat=Deferred: 451 Requested action aborted: local error in processing', code: '451' }],
    notFound: [{ text: 'stat=Deferred: 4 retries, 451 left', code: '451' }],
  },
  {
    id: 'sendmail-ellipsis',
    description: 'Sendmail: <address>... 550 Host unknown (the reply after the address and ...)',
    family: 'reply',
    before: /\.\.\.[ \t]{1,4}/,
    endsWith: '.',
    after: REPLY_TEXT,
    requires: ['smtp', 'known'],
    found: [{ text: '554 <kijitora@neko.example.org>... 550 Host unknown (Authoritative answer from name server)', code: '550', bounce: true }],
    notFound: [{ text: 'Loading... 550 items done', code: '550' }],
  },
  {
    id: 'smtp-word',
    description: 'SMTP error / SMTP code / SMTP reply / SMTP status 421, SMTP Error (550):, Error SMTP: [550]',
    family: 'reply',
    before: /\b(?:SMTP[ \t](?:error|code|reply|status|response)(?:[ \t]code)?|error[ \t]SMTP)[ \t]{0,4}[:=#]?[ \t]{0,8}[[(]?/,
    endsWith: ':=#rReEyYsSpP[(',
    found: [
      { text: 'Error: SMTP error 421 - Service not available', code: '421' },
      { text: '[SMTP Error Code 550] The recipient address does not exist', code: '550' },
      { text: 'SMTP reply: 554 Transaction failed', code: '554' },
      { text: 'SMTP Error (550): Failed to add recipient "bob@example.org"', code: '550' },
      { text: 'webmail says "Error SMTP: [550] Incorrect sender header (LOCAL)"', code: '550' },
    ],
    notFound: [{ text: 'SMTP errors 550', code: '550' }],
  },
  {
    id: 'diagnostic-code',
    description: 'DSN Diagnostic-Code: smtp; (also X-Postfix; and the like)',
    family: 'reply',
    before: /\b(?:e?smtp|lmtp|x-[a-z0-9-]{1,20})[ \t]{0,2};[ \t]{0,8}/,
    endsWith: ';',
    orEndOfLineBefore: true,
    found: [{ text: 'Diagnostic-Code: smtp; 550 5.1.1 <bob@example.org>... User unknown', code: '550' }, { text: '"diagnosticCode":"smtp; 552 5.2.2 Mailbox full"', code: '552' }, { text: '<mx.example.org #5.1.1 smtp;550 5.1.1 <bob@example.org>... User unknown>', code: '550' }],
    notFound: [{ text: 'by smtp.example.net with ESMTPS; 250 bytes', code: '250' }],
  },
  {
    id: 'server-returned',
    description: "Exchange: Remote Server returned '550 …'; MailEnable: Remote SMTP Server Returned: 550 …",
    family: 'reply',
    before: /\breturned(?::|[ \t]{1,4}(?:'|&#39;|&quot;))[ \t]{0,4}'?/,
    endsWith: ":';",
    requires: ['known'],
    unless: GENERIC,
    found: [
      { text: "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found'", code: '550' },
      { text: 'Reason: Remote SMTP Server Returned: 550 SPF: 192.0.2.80 is not allowed to send mail', code: '550' },
      { text: '<p>Remote Server returned &#39;554 Transaction failed&#39;</p>', code: '554' },
      { text: "Remote Server returned '554 Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org'", code: '554' },
    ],
    notFound: [{ text: 'the parcel was returned 550 times', code: '550' }, { text: "fetch of https://cdn.example.com/app.js failed: server returned '502 Bad Gateway'", code: '502' }],
  },
  {
    id: 'returned-was',
    description: 'Gmail: The error that the other server returned was: (also at the end of the line before)',
    family: 'reply',
    before: /\b(?:returned|response(?: from the remote server)?) was:[ \t]{0,8}/,
    reach: 64,
    endsWith: ':',
    orEndOfLineBefore: true,
    requires: ['known'],
    unless: GENERIC,
    found: [{ text: 'The error that the other server returned was: 421 4.7.0 Temporary System Problem', code: '421' }, { text: 'The response from the remote server was:\n550 Mailbox unavailable', code: '550' }],
    notFound: [{ text: 'What it returned was 550 bytes', code: '550' }, { text: 'health check of the api pool failed, the response was: 503 Service Unavailable', code: '503' }],
  },
  {
    id: 'returned-error',
    description: 'Domino: SMTP Protocol Returned a Permanent / Transient Error 550 …',
    family: 'reply',
    before: /\breturned an? (?:permanent|transient) error[ \t]{1,4}/,
    reach: 48,
    endsWith: 'rR',
    found: [{ text: 'Router: Unable to transfer mail to domain example.net via SMTP: SMTP Protocol Returned a Transient Error 421 Service not available', code: '421' }],
    notFound: [{ text: 'Returned a Permanent Error: see 550', code: '550' }],
  },
  {
    id: 'exchange-hash',
    description: 'Exchange: #550 5.1.1',
    family: 'reply',
    before: /#/,
    endsWith: '#',
    after: PAIRED_ENHANCED,
    found: [{ text: '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##', code: '550' }],
    notFound: [{ text: 'ticket #550 closed', code: '550' }],
  },
  {
    id: 'exchange-led',
    description: 'Exchange message trace: the last error (LED=)',
    family: 'reply',
    before: /\bLED=/,
    endsWith: '=',
    found: [{ text: 'Reason: [{LED=550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.};{MSG=}]', code: '550' }],
    notFound: [{ text: 'BLED=550', code: '550' }],
  },
  {
    id: 'paired',
    description: 'a reply code followed by its enhanced code (550 5.1.1, 550-5.7.26, 550: 5.1.1, 550-\'5.1.1)',
    family: 'reply',
    after: PAIRED_ENHANCED,
    found: [
      { text: 'sendmail[2203]: ruleset=check_rcpt, arg1=<spam@example.com>, reject=550 5.7.1 <spam@example.com>... Relaying denied', code: '550' },
      { text: '550: 5.7.1 <carol@example.com>: Recipient address rejected: Access denied [RCPT_TO]', code: '550' },
      { text: 'Delivery failed with 550 #5.1.0 Address rejected', code: '550' },
    ],
    notFound: [{ text: 'build-550 5.1.1', code: '550' }],
  },
  {
    id: 'repeated-reply',
    description: 'a line of a multi-line reply: the same code again (550-5.7.1 … 550 5.7.1, …; 550 see …)',
    family: 'reply',
    after: /^[ -]/,
    requires: ['same-reply-before'],
    unless: GENERIC,
    found: [
      { text: 'Diagnostic-Code: smtp; 550-Message rejected by our mail filter because of content of the mail\n system; 550 see https://mailfilter.example.com/rejected', code: '550' },
      { text: '  Diagnostic code: smtp; 550 5.7.1 550 User Unknown: sabineko@example.org', code: '550' },
      { text: '  510   SMTP<< 250-mx.example.org Hello [192.0.2.7]\n  510          250-SIZE 52428800\n  510          250-PIPELINING', code: '250' },
    ],
    notFound: [{ text: 'Diagnostic-Code: smtp; 550-Message rejected\n system; 551 see https://example.com/', code: '551' }, { text: 'Job 552 failed, 552 retries left', code: '552' }],
  },
  {
    id: 'ses-quoted',
    description: "Amazon SES: the remote reply quoted after the reason (… problem 550-'Unknown user …')",
    family: 'reply',
    after: /^-'/,
    requires: ['smtp'],
    found: [{ text: "5.3.0 - Other mail system problem 550-'Unknown user bob@example.org'", code: '550', bounce: true }],
    notFound: [{ text: "price 550-'special'", code: '550' }],
  },
  {
    id: 'key-value',
    description: 'status=, code:, reject=, result="…", lr="…", "code":550 and the like, on a line about SMTP',
    family: 'reply',
    before: /\b(?:status|stat|code|reject|result|lr|msg|message|error|reason|response|smtp[-_ ]?response|(?:reply|smtp|response|error|status)[-_ ]?code)"?[ \t]{0,4}[=:][ \t]{0,4}["'(]?/,
    endsWith: '=:"\'(',
    requires: ['smtp', 'known'],
    unless: GENERIC,
    found: [
      { text: 'courieresmtpd: error,relay=::ffff:203.0.113.51,msg="535 Authentication failed.",cmd: AUTH LOGIN', code: '535' },
      { text: 'smtpd[4411]: 8f1c2d3e4a5b6c7d smtp failed-command command="RCPT TO:<nobody@example.org>" result="550 Invalid recipient"', code: '550' },
      { text: 'bob@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :Requested action not taken', code: '550', bounce: true },
      { text: '{"event":"failed","recipient":"frank@example.org","delivery-status":{"code":550,"message":"No such user"}}', code: '550' },
      { text: '14/12/2012 18:04:33 [0A44:000F-080C] SMTPClient: ReceiveResponse: Server: 192.0.2.7 Command:EODT Error:554 delivery error: dd This user doesn\'t have an account', code: '554' },
      { text: '{"eventType":"Delivery","delivery":{"processingTimeMillis":812,"recipients":["bob@example.org"],"smtpResponse":"250 OK","reportingMTA":"a8-50.smtp-out.amazonses.com"}}', code: '250' },
    ],
    notFound: [
      { text: 'level=info msg="upstream responded" status=502 upstream=10.5.1.1:8080', code: '502' },
      { text: 'msg="message queue consumer reply" code=550 queue=orders', code: '550' },
      { text: 'postfix/smtpd: "GET /x?code=550 HTTP/1.1" 200', code: '550' },
    ],
  },
  {
    id: 'code-word',
    description: 'ResponseCode 421 / error code 550 without a separator, on a line about SMTP',
    family: 'reply',
    before: /\b(?:reply|response|error|smtp|status)[-_ ]?code[ \t]{1,4}/,
    endsWith: 'eE',
    requires: ['smtp', 'known'],
    unless: GENERIC,
    found: [{ text: 'Delivery error: ResponseCode 421, Too many concurrent SMTP connections', code: '421' }],
    notFound: [{ text: 'Request failed with status code 429', code: '429' }],
  },
  {
    id: 'reply-word',
    description: 'reply: / response: / answer: / replied: on a line about SMTP',
    family: 'reply',
    before: /\b(?:reply|response|answer|replied)(?: was)?[ \t]{0,4}[:=][ \t]{0,8}["']?/,
    endsWith: ':="\'',
    requires: ['smtp', 'known'],
    unless: GENERIC,
    found: [{ text: 'postfix/smtp[123]: reply: 421 Service not available', code: '421' }, { text: 'Remote server replied: 554 Message rejected', code: '554', bounce: true }],
    notFound: [{ text: 'level=warn msg="upstream response: 503 Service Unavailable"', code: '503' }, { text: 'http client: reply=502', code: '502' }, { text: 'api gateway answer: 504 Gateway Timeout', code: '504' }],
  },
  {
    id: 'after-colon',
    description: 'NNN text right after a colon, on a line about SMTP (to=<…>: 550 User unknown, rblsmtpd: …: 451 …)',
    family: 'reply',
    before: /:[ \t]{1,8}["']?/,
    endsWith: ':"\'',
    after: REPLY_TEXT,
    requires: ['smtp', 'known'],
    unless: GENERIC,
    found: [
      { text: 'courieresmtpd: error,relay=::ffff:203.0.113.50,from=<spammer@example.biz>,to=<bob@example.org>: 513 Relaying denied.', code: '513' },
      { text: '@400000006604b2ab0d1e9290 rblsmtpd: 203.0.113.9 pid 12345: 451 http://www.spamhaus.org/query/bl?ip=203.0.113.9', code: '451' },
      { text: 'qmail-smtpd[5512]: 553 sorry, that domain isn\'t in my list of allowed rcpthosts (#5.7.1)', code: '553' },
      { text: '2024-03-03 10:00:00 1rXc00-000333-44 ** nobody@example.net R=dnslookup T=remote_smtp: host mx.example.net [203.0.113.2]: 550 No such user', code: '550' },
      { text: 'carol@example.com: 550 unknown user', code: '550', bounce: true },
    ],
    notFound: [
      { text: 'Could not connect to SMTP host: smtp.example.com, port: 587 refused', code: '587' },
      { text: '<td style="font-weight: 400 !important">Delivery to the following recipient failed</td>', code: '400', bounce: true },
      { text: 'cups[2404]: client 550: Error: Unable to open print file', code: '550' },
      { text: 'shop-api[2211]: courier tracking update failed: 503 temporarily unavailable, retrying', code: '503' },
      { text: 'E: Failed to fetch http://deb.debian.org/debian/pool/main/p/postfix/postfix.deb: 503  Service Unavailable', code: '503' },
    ],
  },
  {
    id: 'after-timestamp',
    description: 'a reply opening the message after a qmail log timestamp (@4000… or 1157520767.475077), on a line about SMTP',
    family: 'reply',
    before: /(?:@[0-9a-f]{24}|\b[0-9]{9,10}\.[0-9]{6})[ \t]{1,4}/,
    endsWith: '0123456789abcdef',
    after: REPLY_TEXT,
    requires: ['smtp', 'known'],
    unless: GENERIC,
    found: [{ text: 'Mar  3 13:00:05 mail qmail: 1709470805.475077 421 badiprbl: ip 203.0.113.19 rbl: zen.spamhaus.org', code: '421' }],
    notFound: [{ text: '@400000006604b2ab0d1e9290 421 records processed by the indexer', code: '421' }],
  },
  {
    id: 'line-start-continued',
    description: 'a reply code opening a line that another line of the same reply follows (250-PIPELINING)',
    family: 'reply',
    lineStart: true,
    after: /^-[A-Za-z0-9]/,
    requires: ['known'],
    found: [{ text: '250-PIPELINING', code: '250' }, { text: '250-mx.example.org', code: '250' }],
    notFound: [{ text: '200-300 people', code: '200' }, { text: '250 people', code: '250' }],
  },
  {
    id: 'line-start-dialogue',
    description: 'a reply code opening its line next to a line of an SMTP dialogue (a telnet session)',
    family: 'reply',
    lineStart: true,
    after: /^(?:[ -]|$)/,
    requires: ['known', 'transcript'],
    found: [
      { text: 'Escape character is \'^]\'.\n220 mx.example.org ESMTP Postfix\nEHLO client.example.net', code: '220' },
      { text: 'MAIL FROM:<alice@example.net>\n250 Ok', code: '250' },
      { text: 'data                          \n354 Enter mail, end with "." on a line by itself', code: '354' },
      { text: 'Subject: test\n.\n550 message rejected', code: '550' },
    ],
    notFound: [{ text: '250 users are on the new cluster, 421 still on the old one.\n550 EUR was the quote for the extra disks.', code: '250' }],
  },
  {
    id: 'line-start-about-mail',
    description: 'a reply code opening text known to be about mail (a reply pasted to be explained)',
    family: 'reply',
    lineStart: true,
    after: /^(?:[ \t-]|$)/,
    requires: ['about-mail'],
    found: [{ text: '599 Custom rejection by our filter', code: '599', aboutMail: true }],
    notFound: [{ text: '599 Custom rejection by our filter', code: '599' }],
  },
  {
    id: 'line-start-bounce',
    description: 'a reply code opening a line of a delivery report (550 <bob@…>... User unknown, 554 Too many hops)',
    family: 'reply',
    lineStart: true,
    after: REPLY_TEXT,
    requires: ['known', 'bounce'],
    unless: GENERIC,
    found: [{ text: '552 Quota violation for <grace@example.com>', code: '552', bounce: true }, { text: '451 cuda_nsu 4.4.3 Temporary failure in recipient verification', code: '451', bounce: true }],
    notFound: [{ text: '552 Quota violation for <grace@example.com>', code: '552' }, { text: '200 people are coming to lunch.', code: '200', bounce: true }],
  },

  // ---- enhanced status codes (5.1.1) ----
  {
    id: 'paired',
    description: 'an enhanced code right after its reply code (550 5.1.1, 550-5.7.26, 550: 5.1.1, 550 #5.1.0, 550 cuda_nsu 5.1.1)',
    family: 'enhanced',
    before: /(?<!(?<!\\)[A-Za-z0-9.])[2-5][0-9]{2}(?::? |-|-'| ['"]?#?| [a-z][a-z0-9_]{1,15}[ \t])/,
    reach: 24,
    requires: ['reply-before'],
    found: [{ text: 'host mx.example.org[203.0.113.5] said: 550 cuda_nsu 5.1.1 <pat@example.org>: Recipient address rejected', code: '5.1.1' }, { text: "problem 550-'5.1.1 <bob@example.org>", code: '5.1.1', bounce: true }],
    notFound: [{ text: 'pool size 250 4.0.5-beta', code: '4.0.5' }],
  },
  {
    id: 'dsn',
    description: 'Postfix and Sendmail: dsn=',
    family: 'enhanced',
    before: /\bdsn=/,
    endsWith: '=',
    found: [{ text: 'to=<bob@example.org>, relay=mx.example.org[203.0.113.5]:25, dsn=5.1.1, status=bounced', code: '5.1.1' }],
    notFound: [{ text: 'fdsn=5.1.1', code: '5.1.1' }],
  },
  {
    id: 'status-field',
    description: 'DSN Status: field, status= and "status":"…"',
    family: 'enhanced',
    before: /\bstatus"?[ \t]{0,4}[:=][ \t]{0,8}"?/,
    endsWith: ':="',
    found: [{ text: 'Status: 5.1.1', code: '5.1.1' }, { text: '{"emailAddress":"bob@example.org","action":"failed","status":"5.1.1"}', code: '5.1.1' }],
    notFound: [{ text: 'status 5.1.1 of the project', code: '5.1.1' }],
  },
  {
    id: 'smtp-semicolon',
    description: 'Diagnostic-Code: smtp; (Amazon SES: smtp; 5.3.0 - …)',
    family: 'enhanced',
    before: /\b(?:e?smtp|lmtp|x-[a-z0-9-]{1,20})[ \t]{0,2};[ \t]{0,8}/,
    endsWith: ';',
    found: [{ text: "Diagnostic-Code: smtp; 5.3.0 - Other mail system problem 550-'Unknown user'", code: '5.3.0' }],
    notFound: [{ text: 'kernel: cpu; 4.2.1 MHz', code: '4.2.1' }],
  },
  {
    id: 'hash',
    description: 'Exchange and qmail: #5.1.1, (#5.1.1), (#5.1.1 - chkusr)',
    family: 'enhanced',
    before: /#/,
    endsWith: '#',
    found: [{ text: 'Sorry, no mailbox here by that name. (#5.1.1)', code: '5.1.1' }, { text: '<mx.example.org #5.4.14 Hop count exceeded - possible mail loop>', code: '5.4.14' }],
    notFound: [{ text: 'see section #5.1.1.2 of the manual', code: '5.1.1' }],
  },
  {
    id: 'key-value',
    description: '"enhanced-code":"5.1.1", "message":"5.1.1 …", ERROR_CODE :5.2.1 on a line about SMTP',
    family: 'enhanced',
    before: /\b(?:enhanced[-_ ]?code|error[-_ ]?code|code|message|msg|reason)"?[ \t]{0,4}[:=][ \t]{0,4}["']?/,
    endsWith: ':="\'',
    requires: ['smtp'],
    found: [{ text: '{"recipient":"frank@example.org","delivery-status":{"code":550,"message":"5.1.1 No such user","enhanced-code":"5.1.1"}}', code: '5.1.1' }],
    notFound: [{ text: '{"app":"shop","message":"5.1.1 released"}', code: '5.1.1' }],
  },
  {
    id: 'line-start-bounce',
    description: 'an enhanced code opening a line of a delivery report (5.1.1 <heidi@…>... User Unknown; 5.1.0 - Unknown address error)',
    family: 'enhanced',
    lineStart: true,
    after: /^[ \t]{1,4}[^\s0-9]/,
    requires: ['bounce'],
    unless: VERSION,
    found: [{ text: '5.1.1 <heidi@example.org>... User Unknown', code: '5.1.1', bounce: true }, { text: '5.1.0 - Unknown address error', code: '5.1.0', bounce: true }],
    notFound: [{ text: '5.1.1 Installing the agent', code: '5.1.1' }],
  },
  {
    id: 'mail-line',
    description: 'an enhanced code elsewhere on a line about SMTP, or in a delivery report, unless it reads as a version',
    family: 'enhanced',
    requires: ['smtp'],
    unless: VERSION,
    found: [
      { text: 'postfix/cleanup[11845]: 6A1B2C3D4E: milter-reject: END-OF-MESSAGE from mail.example.net[198.51.100.9]: 5.7.1 Spam message rejected', code: '5.7.1' },
      { text: "Information MTA '192.0.2.133' gives error message 5.7.1 Unable to relay for bob@example.org", code: '5.7.1', bounce: true },
    ],
    notFound: [{ text: 'Started service 5.7.1 on host app-1', code: '5.7.1' }],
  },

  // ---- Outlook / Windows error numbers (0x800CCC0E) ----
  {
    id: 'outlook-range',
    description: "Outlook's own error ranges: 0x800CCCxx (Internet mail) and 0x8004xxxx (MAPI), found anywhere",
    family: 'outlook',
    codes: /^0x800(?:CCC|4)/,
    unless: ['bare-hex-without-word'],
    found: [{ text: "Sending reported error (0x800CCC0E) : 'Cannot connect to the server.'", code: '0x800CCC0E' }, { text: 'the user pasted error 800CCC92 from Outlook Express', code: '0x800CCC92' }],
    notFound: [{ text: 'X-DSNContext: 335a7efd - 4523 - 00000001 - 80040546', code: '0x80040546' }],
  },
  {
    id: 'mail-client',
    description: 'a generic Windows error (0x80004005, 0x80070005, 0x8007000E …) where the line or the one before speaks of a mail client',
    family: 'outlook',
    codes: /^0x800[037]/,
    requires: ['mail-client'],
    unless: ['bare-hex-without-word'],
    found: [{ text: "Task 'bob@example.org - Sending' reported error (0x80070005) : 'You do not have permission to send to this recipient.'", code: '0x80070005' }, { text: 'Outlook then shows "The operation failed" with error code 0x80004005 when sending', code: '0x80004005' }, { text: 'Outlook also fails to open the archive .pst: 0x80070005 access denied.', code: '0x80070005' }],
    notFound: [
      { text: 'CBS    SQM: Failed to start standard sample upload. [HRESULT = 0x80004005 - E_FAIL]', code: '0x80004005' },
      { text: 'DownloadManager Error 0x80070005 occurred while downloading update', code: '0x80070005' },
      { text: 'WinHttp: error 0x80072EFD sending the request to the update server', code: '0x80072EFD' },
    ],
  },
  {
    id: 'mail-client-known',
    description: 'another Windows error the catalog lists for mail clients (0x800C0133, 0xC0000005 …), where the line or the one before speaks of a mail client',
    family: 'outlook',
    requires: ['known', 'mail-client'],
    unless: ['bare-hex-without-word'],
    found: [{ text: 'Outlook crashed with exception 0xC0000005 while sending', code: '0xC0000005' }],
    notFound: [{ text: 'CBS Failed to process single phase execution. [HRESULT = 0xc0000005 - STATUS_ACCESS_VIOLATION]', code: '0xC0000005' }, { text: 'mail relay hash 0xdeadbeef', code: '0xDEADBEEF' }],
  },
];

export const vetoes: Veto[] = [
  {
    id: 'header-field',
    description: 'a trace or structure header field (Received:, DKIM-Signature:, X-Mailer: …), folded lines included: never a delivery status',
    families: ['reply', 'enhanced', 'outlook'],
    global: true,
    line: FIELDS_WITHOUT_CODES,
    folded: true,
    vetoed: [
      { text: 'Received: from mail.example.net by mail.example.net\n\t(8.8.8/8.8.8/AOL-5.0.0) with ESMTP id KAA01234', code: '5.0.0' },
      { text: 'X-Mailman-Version: 2.0.12', code: '2.0.12' },
      { text: 'The original message headers were:\n    Received: from relay.example.net by mx.example.org\n\t(4.1.2/4.1.2) with ESMTP id 0A1B2C3D for <bob@example.org>', code: '4.1.2', bounce: true },
      { text: 'Diagnostic-Code: smtp; 550 5.1.1 <bob@example.org>: Recipient address rejected\nX-Proofpoint-Virus-Version: vendor=fsecure engine=2.50.10434:4.1.6, 2.0.16', code: '4.1.6' },
    ],
  },
  {
    id: 'http-line',
    description: 'a line of an HTTP request or response (HTTP/1.1, "GET /…)',
    families: ['reply'],
    line: /\bHTTP\/[0-9]|"(?:GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) \//,
    vetoed: [{ text: 'smtp relay: "GET /mail/inbox HTTP/1.1" status=502', code: '502' }],
  },
  {
    id: 'http-phrase',
    description: 'the status phrase of an HTTP response right after an HTTP status number (503 Service Unavailable, 504 Gateway Timeout; 550 Service unavailable is a mail server\'s)',
    families: ['reply'],
    raw: /^(?:4[0-2][0-9]|431|451|50[0-9]|511)$/,
    after: /^[ \t]{1,4}(?:Service Unavailable|Bad Gateway|Gateway Time-?out|Internal Server Error|Not Found|Forbidden|Unauthorized|Bad Request|Too Many Requests|Request Time-?out|Not Implemented|Misdirected Request|Unavailable For Legal Reasons|Payload Too Large|Method Not Allowed)\b/,
    vetoed: [{ text: 'postfix mirror: 503  Service Unavailable [IP: 151.101.2.132 80]', code: '503' }],
  },
  {
    id: 'http-client-line',
    description: 'an HTTP client\'s response line: the status, maybe its phrase, then the URL and the time taken (<-- 500 https://… (212ms))',
    families: ['reply'],
    after: /^(?:[ \t][A-Za-z][A-Za-z -]{0,40})?[ \t]https?:\/\/[^\s]{1,2000}[ \t]\([0-9]{1,9}ms\b/,
    vetoed: [{ text: 'D/OkHttp: <-- 500 https://api.example.com/v1/sync (212ms, unknown-length body)', code: '500' }],
  },
  {
    id: 'quantity',
    description: 'a number labelled as a quantity (port: 587, pid 550, size=552)',
    families: ['reply'],
    before: /\b(?:port|pid|uid|gid|size|count|bytes|len|length|time|delay|id|line|nrcpts?|qp|attempt|retries)"?[ \t]{0,2}[:=#]?[ \t]{0,4}["']?$/,
    reach: 24,
    vetoed: [{ text: 'SMTP session: port: 465 blocked', code: '465' }],
  },
  {
    id: 'unit',
    description: 'a number followed by a unit is a quantity (250 ms, 421 bytes, 550 KB, 500 items): no reply opens with a unit',
    families: ['reply'],
    after: /^[ \t]{0,2}(?:ms|msec|s|secs?|seconds?|mins?|minutes?|h|hours?|days?|bytes?|[kKMGT]i?B|kb|px|pt|dpi|[kMG]?Hz|fps|%|times|items?|records?|rows?|files?|entries|objects?|lines?|pages?|points?)\b/,
    vetoed: [{ text: 'smtp pool: done: 250 ms, 421 bytes queued for <bob@example.org>', code: '250' }, { text: 'smtp pool: done: 250 ms, 421 bytes queued for <bob@example.org>', code: '421' }],
  },
  {
    id: 'version-word',
    description: 'a dotted number after version, release, build, upgraded to … is a version',
    families: ['enhanced'],
    before: /(?:version|release|ver\.?|build|firmware|kernel|node|python|openssl|tls|v|(?:upgraded|updated|upgrade|update|downgraded) to)"?[ \t]{0,2}[:=]?[ \t]{0,2}$/,
    reach: 24,
    vetoed: [{ text: 'postfix: upgraded to 5.2.1 (queue manager restarted)', code: '5.2.1' }, { text: 'smtp relay running version 4.0.0', code: '4.0.0' }],
  },
  {
    id: 'product-name',
    description: 'a dotted number right after a name is its version (CommuniGate Pro SMTP 4.1.8, RabbitMQ 4.0.5, Mailman 2.0.12)',
    families: ['enhanced'],
    before: /(?:^|[\s(/;,[{])(?!(?:error|code|status|reason|reply|response|answer|message|msg|text|said|says|gives|gave|returned|reports|result|failure|failed|rejected|denied|deferred|bounced|blocked|with|was|is|of|see|dsn|stat)[ \t]$)[A-Za-z][A-Za-z0-9]{0,30}[ \t]$/,
    reach: 40,
    vetoed: [
      { text: 'by client.example.net (CommuniGate Pro SMTP 4.1.8) with ESMTP', code: '4.1.8' },
      { text: 'RabbitMQ 4.0.5 message broker started for mail', code: '4.0.5' },
      { text: 'Mailing list server for <list@example.org>: [fml 4.0.3 release]', code: '4.0.3' },
    ],
  },
  {
    id: 'in-a-name',
    description: 'three digits joined on the left to a word or number by - or / are part of a name (a host 189-30-205-74.dsl.example, build-550)',
    families: ['reply'],
    global: true,
    before: /[A-Za-z0-9][-/]$/,
    reach: 2,
    vetoed: [
      { text: 'ruleset=check_relay, arg1=189-30-205-74.dsl.example.net, relay=189-30-205-74.dsl.example.net [189.30.205.74], reject=421 4.3.2 Connection rate limit exceeded.', code: '205' },
      { text: 'build-550 5.1.1', code: '550' },
    ],
  },
  {
    id: 'joined-to-word',
    description: 'a dotted number joined to a word by - or / is part of a name (AOL-5.0.0, mail-api-2.1.1)',
    families: ['enhanced'],
    before: /[A-Za-z0-9][-/]$/,
    reach: 2,
    vetoed: [{ text: 'Received mail via relay (8.8.8/8.8.8/AOL-5.0.0) for <bob@example.org>', code: '5.0.0' }],
  },
  {
    id: 'version-list',
    description: 'a dotted number joined by , or : to another (engine=1.12.8161:2.4.5,1.2.40,4.0.166) is one of a list of versions',
    families: ['enhanced'],
    before: /[0-9]\.[0-9]{1,10}[,:]$/,
    reach: 16,
    vetoed: [{ text: 'mail filter for <bob@example.org>: engine=1.12.8161:2.4.5,1.2.40,4.0.166', code: '2.4.5' }, { text: 'mail filter for <bob@example.org>: engine=1.12.8161:2.4.5,1.2.40,4.0.166', code: '4.0.166' }],
  },
  {
    id: 'leading-zero',
    description: 'a dotted number with a leading zero (NPlex 5.1.053) is not a status code',
    families: ['enhanced'],
    raw: /\.0[0-9]/,
    vetoed: [{ text: 'mail relay (NPlex 5.1.053) id 3F1A2B3C', code: '5.1.53' }],
  },
  {
    id: 'bare-hex-without-word',
    description: 'an error number written without 0x counts only after error, code, number or HRESULT on its line',
    families: ['outlook'],
    raw: /^[0-9a-fA-F]{8}$/,
    before: /^(?![^\n]{0,300}?(?:error|fehler|erreur|code|number|hresult))[^\n]{0,300}$/,
    reach: 300,
    vetoed: [{ text: 'X-DSNContext: 335a7efd - 4523 - 00000001 - 80040546', code: '0x80040546' }],
  },
];


/**
 * Words that make a line about SMTP: a mail program, an SMTP command or term, an address in angle brackets. Not the
 * words message, queue, reply, response or code: web servers and brokers use those too; nor courier alone (a parcel's),
 * only Courier's programs (courieresmtpd, courierlocal …).
 */
export const smtpEvidence = /smtp|lmtp|postfix|exim|sendmail|sm-mta|qmail|\bcourier(?:esmtpd?|local|d|tcpd|filter|pop3d|pop3login|imapd|-mta)\b|haraka|opensmtpd|zimbra|amavis|mailer-daemon|postmaster|mail server|mail system|mailbox|mail from|rcpt|\bhelo\b|\behlo\b|recipient|\brelay=|\bdsn=|\bbounced?\b|undeliver|<[^\s<>@]{1,64}@[^\s<>]{1,255}>/i;

/**
 * Words that make a line about a mail client: what a generic Windows error number needs to count as a mail error. Not
 * sending or receiving alone: Windows Update and HTTP clients send and receive too (Outlook's task lines say
 * "Task '…- Sending' reported error").
 */
export const mailClientEvidence = /outlook|send\/receive|(?:^|[-'] ?)(?:sending|receiving)\b[' ]{0,2}reported error|\btask '[^'\n]{1,200}' reported error|e-?mail|\bmail\b|\.pst\b|\.ost\b|mailbox|inbox|exchange|smtp|\bpop3?\b|\bimap\b|thunderbird|windows live mail/i;

/** A line of an SMTP dialogue: a command, a continued reply (250-…), a reply with its enhanced code, a marked line. */
export const dialogueLine = /^[ \t]{0,8}(?:(?:EHLO|HELO|LHLO) [^\s]|(?:MAIL FROM|RCPT TO):|(?:DATA|QUIT|RSET|NOOP|STARTTLS|\.)[ \t]{0,80}$|(?:AUTH|BDAT|VRFY|EXPN) [^\s]|[2-5][0-9]{2}-[^\s]|[2-5][0-9]{2} [245]\.[0-9]{1,3}\.[0-9]{1,3}\b|<<<|>>>|[SC]: )/i;

/**
 * A qmail-send log line ("delivery 88: failure: …") writes blanks as _ and line breaks as /; so does its text where
 * it is quoted on its own (…_does_not_like_recipient./Remote_host_said:_550_5.7.1_…).
 */
export const underscoresAreBlanks = /\bdelivery [0-9]{1,10}: (?:success|failure|deferral): |Remote_host_said:_|_does_not_like_recipient\.\/|_accepted_message\.\//;

/**
 * A message is a delivery report when its header or the start of its body says so: these are matched against the
 * From and Subject fields and the first lines of the body (analyze() decides; the report parts get `bounce`).
 */
export const bounceSender = /mailer[-_]?daemon|post[-_]?master|mail delivery|microsoftexchange|^<?>?$/i;
export const bounceSubject = /undeliver|unzustellbar|non remis|delivery (?:status|failure|failed|has failed|notification|report)|delivery failure|failure notice|returned mail|mail delivery failed|returned to sender|could not be delivered|not delivered|warning: could not send|delayed mail|non-?delivery|message you sent blocked|notice: mail delivery status/i;
export const bounceBody = /transcript of session follows|this is the qmail-send program|could not be delivered|delivery has failed|had permanent fatal errors|did not reach some or all|smtp error from remote|could not be reached|was not delivered|wasn't delivered|delivery to the following recipient|an error has occurred while|unable to deliver|message delivery failure|undeliverable mail|mail delivery system|delivery status notification|\b(?:RCPT TO|MAIL FROM):|\bremote (?:host|server|mta)\b/i;

/** Where a delivery report's own text ends and the returned message begins (that copy is not the report). */
export const returnedMessageStart = /^[ \t]{0,8}(?:-{2,}[ \t]{0,4}(?:Below this line is a copy of the message|This is a copy of the message|Original message|Unsent message follows|Returned message|Forwarded message)|Original message headers:|-{2,} ?Original Message ?-{2,}|Message headers follow:)/im;
