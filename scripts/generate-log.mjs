// Realistic mail log lines (mixed Postfix, Exim, Sendmail and Dovecot; about one in six carries a code),
// deterministic from `seed`. The one log generator: the benchmarks (scripts/bench.mjs, scripts/bench-cli.mjs), the
// large-file e2e test and the CLI tests.
// `hard: true` mixes in what makes a streaming scanner's life hard (for the tests, not the benchmarks): SMTP
// transcripts, whose "250 OK" lines depend on the lines around them; lines full of numbers that are not mail codes;
// and every 997th line tens of KB long with a code at its end, so that chunk boundaries fall everywhere.
const TRANSCRIPT = ['<<< 220 mx.example.org ESMTP ready', '>>> EHLO client.example.com', '250 OK', '>>> RCPT TO:<nobody@example.org>', '<<< 452 4.2.2 Mailbox full'];

export function lineMaker(seed = 1, { hard = false } = {}) {
  let s = seed >>> 0;
  const rnd = (n) => ((s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0) % n);
  const pick = (xs) => xs[rnd(xs.length)];
  const hosts = ['mx.example.org', 'gmail-smtp-in.l.google.com', 'mx1.example.com', 'example-com.mail.protection.outlook.com', 'mx.mailgun.org'];
  const users = ['bob', 'carol', 'dave', 'erin', 'frank', 'grace'];
  const domains = ['example.org', 'example.com', 'gmail.com', 'example.net'];
  const replies = [
    '550 5.1.1 <USER>: Recipient address rejected: User unknown in virtual mailbox table',
    "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy.",
    '452 4.2.2 The email account that you tried to reach is over quota',
    '421 4.7.0 Try again later, closing connection.',
    '550 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org',
    '554 5.7.1 <USER>: Relay access denied',
  ];
  const time = () => `Nov ${10 + rnd(20)} ${String(rnd(24)).padStart(2, '0')}:${String(rnd(60)).padStart(2, '0')}:${String(rnd(60)).padStart(2, '0')}`;
  const qid = () => rnd(0xffffffff).toString(16).toUpperCase().padStart(10, '0');
  const addr = () => `${pick(users)}@${pick(domains)}`;
  let n = 0;
  const plain = () => {
    const k = rnd(100);
    const ip = `203.0.113.${rnd(255)}`;
    if (k < 30) return `${time()} mx1 postfix/smtpd[${1000 + rnd(9000)}]: connect from unknown[${ip}]`;
    if (k < 50) return `${time()} mx1 postfix/cleanup[${1000 + rnd(9000)}]: ${qid()}: message-id=<${qid()}@example.net>`;
    if (k < 62) return `${time()} mx1 postfix/qmgr[${1000 + rnd(9000)}]: ${qid()}: from=<${addr()}>, size=${rnd(90000)}, nrcpt=1 (queue active)`;
    if (k < 72) return `${time()} mx1 postfix/smtp[${1000 + rnd(9000)}]: ${qid()}: to=<${addr()}>, relay=${pick(hosts)}[${ip}]:25, delay=${rnd(9)}.${rnd(9)}, delays=0.1/0/0.${rnd(9)}/0.${rnd(9)}, dsn=2.0.0, status=sent (250 2.0.0 OK ${qid()})`;
    if (k < 76) { const r = pick(replies).replace('<USER>', `<${addr()}>`); return `${time()} mx1 postfix/smtp[${1000 + rnd(9000)}]: ${qid()}: to=<${addr()}>, relay=${pick(hosts)}[${ip}]:25, delay=1.2, delays=0.1/0/0.4/0.7, dsn=${r.slice(4, 9).replace(/[^0-9.]/g, '')}, status=${r[0] === '4' ? 'deferred' : 'bounced'} (host ${pick(hosts)}[${ip}] said: ${r} (in reply to RCPT TO command))`; }
    if (k < 84) return `2026-11-${10 + rnd(20)} ${String(rnd(24)).padStart(2, '0')}:${String(rnd(60)).padStart(2, '0')}:00 1r${qid().slice(0, 5)}-000${rnd(9)}Xy-2K <= ${addr()} H=client.example.net [${ip}] P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 S=${rnd(9000)}`;
    if (k < 86) return `2026-11-${10 + rnd(20)} 09:14:02 1r${qid().slice(0, 5)}-0003Xy-2K ** ${addr()} R=dnslookup T=remote_smtp H=${pick(hosts)} [${ip}]: SMTP error from remote mail server after RCPT TO:<${addr()}>: ${pick(replies).replace('<USER>', `<${addr()}>`)}`;
    if (k < 95) return `${time()} relay sendmail[${1000 + rnd(9000)}]: ${qid()}: from=<${addr()}>, size=${rnd(9000)}, class=0, nrcpts=1, msgid=<${qid()}@example.net>, proto=ESMTP, daemon=MTA, relay=client.example.net [${ip}]`;
    if (k < 97) return `${time()} relay sendmail[${1000 + rnd(9000)}]: ${qid()}: to=<${addr()}>, delay=00:00:0${rnd(9)}, xdelay=00:00:01, mailer=esmtp, pri=120345, relay=${pick(hosts)}. [${ip}], dsn=5.1.1, stat=User unknown`;
    return `${time()} mx1 dovecot: imap-login: Login: user=<${addr()}>, method=PLAIN, rip=${ip}, lip=10.5.1.1, mpid=${rnd(99999)}, TLS, session=<${qid()}>`;
  };
  if (!hard) return plain;
  return () => {
    n++;
    if (n % 997 === 0) return `${plain()} ${'x'.repeat(20000 + (n % 50000))} said: 550 5.1.1 at the end`;
    const k = rnd(100);
    if (k < 8) return TRANSCRIPT[n % TRANSCRIPT.length];
    if (k < 11) return `${time()} mx1 app[1]: order ${n} shipped, version 5.1.1 released, status=200 in 4.2 ms, error 0x800CCC0E on client`;
    return plain();
  };
}

/** A whole log of about `bytes` bytes (ASCII: bytes = characters). */
export function generateLog(bytes, seed = 1, options = {}) {
  const line = lineMaker(seed, options);
  const out = [];
  let size = 0;
  while (size < bytes) {
    const l = line();
    out.push(l);
    size += l.length + 1;
  }
  return out.join('\n') + '\n';
}
