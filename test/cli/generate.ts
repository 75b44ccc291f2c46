// A synthetic mail log for the CLI tests: realistic Postfix / Exim / Sendmail lines, most without codes, some SMTP
// transcripts (whose "250 OK" lines depend on the lines around them) and now and then a very long line, so that
// chunk boundaries fall everywhere: inside lines, inside codes, between a transcript line and its neighbours.

const LINES: ((i: number) => string)[] = [
  (i) => `Nov 23 10:${pad(i % 60)}:01 mx1 postfix/smtpd[${2000 + (i % 900)}]: connect from mail-${i}.example.net[203.0.113.${i % 250}]`,
  (i) => `Nov 23 10:${pad(i % 60)}:02 mx1 postfix/smtp[${i % 9999}]: ${hex(i)}: to=<u${i}@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=0.4, delays=0.1/0/0.2/0.1, dsn=5.1.1, status=bounced (host mx.example.org[203.0.113.5] said: 550 5.1.1 <u${i}@example.org>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))`,
  (i) => `Nov 23 10:${pad(i % 60)}:03 mx1 postfix/qmgr[1022]: ${hex(i)}: removed`,
  (i) => `Nov 23 10:${pad(i % 60)}:04 mx1 postfix/smtp[${i % 9999}]: ${hex(i)}: to=<c${i}@example.com>, relay=none, delay=3602, dsn=4.4.1, status=deferred (connect to mx.example.com[198.51.100.7]:25: Connection timed out)`,
  (i) => `2026-11-23 10:${pad(i % 60)}:05 1qW${i} ** d${i}@gmail.com R=dnslookup T=remote_smtp H=gmail-smtp-in.l.google.com [142.250.1.27]: SMTP error from remote mail server after end of data: 550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy.`,
  (i) => `Nov 23 10:${pad(i % 60)}:06 mx1 sendmail[${i % 30000}]: x${hex(i)}: to=<s${i}@example.net>, delay=00:00:01, mailer=esmtp, pri=120000, relay=mx.example.net. [192.0.2.10], dsn=4.0.0, stat=Deferred: 421 4.3.0 Temporary System Problem. Try again later`,
  (i) => `Nov 23 10:${pad(i % 60)}:07 mx1 postfix/cleanup[${i % 999}]: ${hex(i)}: message-id=<${i}.${i * 7}@example.com>`,
  (i) => `Nov 23 10:${pad(i % 60)}:08 mx1 dovecot: imap-login: Login: user=<u${i}>, method=PLAIN, rip=192.0.2.${i % 250}, lip=192.0.2.1, mpid=${i}, TLS`,
  () => `<<< 220 mx.example.org ESMTP ready`,
  () => `>>> EHLO client.example.com`,
  () => `250 OK`,
  () => `>>> RCPT TO:<nobody@example.org>`,
  () => `<<< 452 4.2.2 Mailbox full`,
  (i) => `Nov 23 10:${pad(i % 60)}:09 mx1 app[1]: order ${i} shipped, version 5.1.1 released, status=200 in 4.2 ms, error 0x800CCC0E on client`,
];

function pad(n: number) {
  return String(n).padStart(2, '0');
}
function hex(i: number) {
  return (i * 2654435761 >>> 0).toString(16).toUpperCase();
}

/** About `bytes` of log text (ASCII, so bytes = characters); every 997th line is tens of KB long. */
export function generateLog(bytes: number, seed = 1): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = seed; size < bytes; i++) {
    let line = LINES[(i * 7 + (i >> 3)) % LINES.length](i);
    if (i % 997 === 0) line = `${line} ${'x'.repeat(20000 + (i % 50000))} said: 550 5.1.1 at the end`;
    parts.push(line);
    size += line.length + 1;
  }
  return parts.join('\n') + '\n';
}
