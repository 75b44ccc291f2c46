// A synthetic Postfix log with whole message flows (received, delivered, deferred and retried, bounced with a
// notification, expired, forwarded, probed) and rejections at every stage, deterministic from a seed. For the
// agreement test with pflogsumm: large enough that every kind of line occurs many times.

interface Line {
  time: number;
  text: string;
}

const DOMAINS = ['example.org', 'example.com', 'gmail.com', 'example.net', 'contoso.com', 'example.edu'];
const RELAYS: Record<string, string> = {
  'example.org': 'mx.example.org[203.0.113.5]:25',
  'example.com': 'mx1.example.com[198.51.100.7]:25',
  'gmail.com': 'gmail-smtp-in.l.google.com[142.250.27.26]:25',
  'example.net': 'mail.example.net[198.51.100.23]:25',
  'contoso.com': 'contoso-com.mail.protection.outlook.com[52.101.1.10]:25',
  'example.edu': 'mx.example.edu[192.0.2.77]:25',
};
const BOUNCES = [
  ['5.1.1', '550 5.1.1 <RCPT>: Recipient address rejected: User unknown in virtual mailbox table'],
  ['5.7.26', "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy."],
  ['5.2.2', '552 5.2.2 Mailbox full'],
];
const DEFERRALS = [
  ['4.2.2', 'host HOST said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)'],
  ['4.7.1', 'host HOST said: 451 4.7.1 Greylisting in action, please come back later (in reply to RCPT TO command)'],
  ['4.4.1', 'connect to HOST: Connection timed out'],
];

export function generatePostfixLog(messages: number, seed = 1): string {
  let s = seed >>> 0;
  const rnd = (n: number) => ((s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0) % n);
  const pick = <T>(xs: T[]) => xs[rnd(xs.length)];
  const lines: Line[] = [];
  let clock = Date.UTC(2026, 10, 20, 0, 0, 0);
  let pid = 1000;
  const emit = (time: number, service: string, text: string) => lines.push({ time, text: `${stamp(time)} mx1 postfix/${service}[${pid++ % 30000}]: ${text}` });
  const qid = () => rnd(0xffffffff).toString(16).toUpperCase().padStart(8, '0') + rnd(256).toString(16).toUpperCase().padStart(2, '0');
  for (let m = 0; m < messages; m++) {
    clock += 1000 * (1 + rnd(90));
    const client = `client${rnd(50)}.example.net[198.51.100.${rnd(250)}]`;
    // Now and then a rejection instead of a message, at one of the stages that reject.
    const r = rnd(100);
    if (r < 6) {
      emit(clock, 'smtpd', `NOQUEUE: reject: RCPT from ${client}: 554 5.7.1 <v${m}@${pick(DOMAINS)}>: Relay access denied; from=<s${m}@example.biz> to=<v${m}@${pick(DOMAINS)}> proto=ESMTP helo=<h>`);
      continue;
    }
    if (r < 8) {
      emit(clock, 'postscreen', `NOQUEUE: reject: RCPT from [198.51.100.${rnd(250)}]:${40000 + rnd(9999)}: 550 5.7.1 Service unavailable; client [198.51.100.${rnd(250)}] blocked using zen.spamhaus.org; from=<p${m}@example.info>, to=<u${m}@example.com>, proto=ESMTP, helo=<x>`);
      continue;
    }
    if (r < 9) {
      emit(clock, 'smtpd', `NOQUEUE: reject_warning: RCPT from ${client}: 450 4.7.1 Client host rejected: cannot find your hostname; from=<w${m}@example.biz> to=<u${m}@example.com> proto=ESMTP helo=<h>`);
    }
    if (r < 10) {
      emit(clock, 'smtpd', `NOQUEUE: reject: CONNECT from unknown[203.0.113.${rnd(250)}]: 554 5.7.1 <unknown[203.0.113.9]>: Client host rejected: Access denied; proto=SMTP`);
      continue;
    }
    const id = qid();
    const sender = `user${rnd(40)}@${pick(['example.com', 'example.net', 'example.org'])}`;
    emit(clock, 'smtpd', `${id}: client=${client}`);
    if (rnd(100) < 2) {
      emit(clock + 500, 'cleanup', `${id}: reject: header Subject: win a prize from ${client}; from=<${sender}> to=<x${m}@example.com> proto=ESMTP helo=<h>: 5.7.1 message content rejected`);
      continue;
    }
    emit(clock + 500, 'cleanup', `${id}: message-id=<${id}@example.net>`);
    const rcpts = 1 + rnd(3);
    emit(clock + 600, 'qmgr', `${id}: from=<${sender}>, size=${1000 + rnd(90000)}, nrcpt=${rcpts} (queue active)`);
    let last = clock + 600;
    let expired = false;
    let bounced = false;
    for (let k = 0; k < rcpts; k++) {
      const domain = pick(DOMAINS);
      const rcpt = `r${m}.${k}@${domain}`;
      const relay = RELAYS[domain];
      const host = relay.replace(/:25$/, '');
      let t = clock + 1000 + rnd(5000);
      const line = (when: number, dsn: string, status: string, why: string, service = 'smtp', relayed = relay) =>
        emit(when, service, `${id}: to=<${rcpt}>, relay=${relayed}, delay=${((when - clock) / 1000).toFixed(1)}, delays=0.1/0/0.3/0.5, dsn=${dsn}, status=${status} (${why})`);
      const o = rnd(100);
      if (o < 70) line(t, '2.0.0', 'sent', `250 2.0.0 Ok: queued as ${qid()}`);
      else if (o < 80) {
        const [dsn, text] = pick(BOUNCES);
        line(t, dsn, 'bounced', `host ${host} said: ${text.replace('RCPT', rcpt)} (in reply to RCPT TO command)`);
        bounced = true;
      } else if (o < 92) {
        for (let retry = 0; retry <= rnd(3); retry++) {
          const [dsn, text] = pick(DEFERRALS);
          line(t, dsn, 'deferred', text.replace('HOST', host), retry % 2 ? 'error' : 'smtp', text.startsWith('connect') ? 'none' : relay);
          t += 60_000 * (5 + rnd(60));
        }
        const end = rnd(10);
        if (end < 7) line(t, '2.0.0', 'sent', '250 2.0.0 Ok');
        else if (end < 9) expired = true;
      } else if (o < 95) line(t, '2.0.0', 'sent', `forwarded as ${qid()}`, 'local', 'local');
      else if (o < 97) line(t, '2.1.5', 'deliverable', '250 2.1.5 Ok');
      else line(t, '2.0.0', 'sent', '250 2.0.0 <x> Saved', 'lmtp', 'mail.example.com[private/dovecot-lmtp]');
      last = Math.max(last, t);
    }
    if (expired) emit(last + 86_400_000 * 5, 'qmgr', `${id}: from=<${sender}>, status=expired, returned to sender`);
    if (bounced) emit(last + 100, 'bounce', `${id}: sender non-delivery notification: ${qid()}`);
    emit(expired ? last + 86_400_000 * 5 + 100 : last + 200, 'qmgr', `${id}: removed`);
  }
  lines.sort((a, b) => a.time - b.time);
  return lines.map((l) => l.text).join('\n') + '\n';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function stamp(time: number): string {
  const d = new Date(time);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
