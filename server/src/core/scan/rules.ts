// When a number in a log is a mail code. Each rule is one readable pattern with an example; the scanner composes
// them into a single pass over the text. Patterns use no nested quantifiers and bounded repeats only, so no input
// can make them backtrack catastrophically (test/unit/adversarial.test.ts checks it).

export interface ContextRule {
  id: string;
  /** What the rule recognises, for people reading the rules and for the hover's "found by" line. */
  description: string;
  example: string;
  /** Text that comes right before the code. Case-insensitive; must not contain capturing groups. */
  before: RegExp;
  /** How many characters before the code the rule can span (default 32): bounds the work per candidate. */
  reach?: number;
  /** Text (exact case, as the MTA writes it) that must occur within the reach: a cheap test before a long pattern. */
  needs?: string;
}

/** A bare three-digit number is a reply code only after one of these. */
export const replyContexts: ContextRule[] = [
  { id: 'transcript', description: 'a server line of an SMTP transcript', example: '<<< 550 5.1.1 User unknown', before: /(?:<<<|<-|\bS:)[ \t]{0,8}/ },
  { id: 'said', description: 'Postfix: host … said:', example: 'host mx.example.org[203.0.113.5] said: 550 5.1.1', before: /\bsaid:[ \t]{0,8}/ },
  { id: 'reply', description: 'reply: / response: / answer:', example: 'reply: 421 Service not available', before: /\b(?:reply|response|answer|replied)(?: was)?[ \t]{0,4}[:=][ \t]{0,8}/ },
  { id: 'smtp-error', description: 'Exim: SMTP error from remote mail server after …:', example: 'SMTP error from remote mail server after RCPT TO:<bob@example.org>: 550 5.1.1', before: /\bSMTP error from remote (?:mail )?server after [A-Za-z ]{1,24}(?::<[^>\n]{0,256}>)?(?:[ \t][^:\n]{0,64})?:[ \t]{0,8}/, reach: 400, needs: 'error from remote' },
  { id: 'smtp-word', description: 'SMTP error / SMTP code / SMTP reply', example: 'SMTP error 421', before: /\bSMTP[ \t](?:error|code|reply|status)[ \t]{0,4}(?:code[ \t]{0,4})?[:=#]?[ \t]{0,8}/ },
  { id: 'diagnostic-code', description: 'DSN Diagnostic-Code: smtp;', example: 'Diagnostic-Code: smtp; 550 5.1.1', before: /\bsmtp;[ \t]{0,8}/ },
  { id: 'key-value', description: 'status=, stat=, code= and the like', example: 'stat=550', before: /\b(?:status|stat|code|reply[-_]?code|smtp[-_]?code|response[-_]?code)[ \t]{0,4}[=:][ \t]{0,4}['"(]?/ },
  { id: 'remote-server-returned', description: "Exchange: Remote Server returned '…'", example: "Remote Server returned '550 5.7.1 Unable to relay'", before: /\breturned[ \t]{0,4}'/ },
  { id: 'exchange-hash', description: 'Exchange: #550 5.1.1', example: '#550 5.1.1 RESOLVER.ADR.RecipNotFound', before: /#/ },
  { id: 'exchange-led', description: 'Exchange message trace: the last error (LED=)', example: '{LED=550 5.7.708 Service unavailable. Access denied…}', before: /\bLED=/ },
];

/** Enhanced codes outside an obvious pairing are accepted after these (otherwise the line must look like mail). */
export const enhancedContexts: ContextRule[] = [
  { id: 'dsn', description: 'Postfix/Sendmail dsn=', example: 'dsn=5.1.1', before: /\bdsn=/ },
  { id: 'status-field', description: 'DSN Status: field or status=', example: 'Status: 5.1.1', before: /\bstatus[ \t]{0,4}[:=][ \t]{0,8}/ },
  { id: 'smtp-semicolon', description: 'Diagnostic-Code: smtp;', example: 'smtp; 5.1.1', before: /\bsmtp;[ \t]{0,8}/ },
  { id: 'hash', description: 'Exchange: #5.1.1', example: '#5.1.1', before: /#/ },
];

/** Words that make a line about mail: an enhanced code with no other context is accepted on such a line. */
export const mailEvidence = /smtp|e-?mail|mailbox|mail server|bounce|recipient|sender|relay|postfix|exim|sendmail|dsn|rcpt|ndr|deliver|mx\b|queue|message|spf|dkim|dmarc|blocked|rejected/i;

/** Words right before a dotted number that make it a version, not a status code. */
export const versionWords = /(?:version|release|ver\.?|build|firmware|kernel|node|python|openssl|tls|v)[ \t]{0,2}$/i;

/** Outlook / Windows error numbers without 0x count only after one of these on the same line. */
export const bareHexContext = /error|fehler|erreur|code|number|hresult/i;

/** A line of an SMTP dialogue: what makes a bare "250 …" at a line start a reply code. */
export const transcriptLine = /^[ \t]*(?:[2-5][0-9]{2}[ -]|(?:EHLO|HELO|MAIL FROM|RCPT TO|DATA|QUIT|RSET|STARTTLS|AUTH|BDAT|NOOP|VRFY|EXPN)\b)/i;
