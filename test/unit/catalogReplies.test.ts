// Real-shaped provider replies (test/fixtures/provider-replies/*.json, see the README there): each must be explained
// by the entry it names and by no entry of another provider, pasted on its own and inside a Postfix log line.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { scan } from '../../server/src/core/scan/scanner';
import { catalog, root } from '../helpers';

interface Reply {
  reply: string;
  entry: string;
  host?: string;
  note?: string;
}

const dir = join(root, 'test/fixtures/provider-replies');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

/** The reply as Postfix logs a bounce from the host that gave it (a host of no provider when none is given). */
function postfixLine(r: Reply): string {
  const host = r.host ?? 'mx.example.net';
  const dsn = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(r.reply)?.[1] ?? `${r.reply.trim()[0] === '4' ? 4 : 5}.0.0`;
  return `Mar  1 10:00:00 mx1 postfix/smtp[4242]: 4C3A4425049: to=<user@example.com>, relay=${host}[192.0.2.25]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=${dsn}, status=bounced (host ${host}[192.0.2.25] said: ${r.reply} (in reply to RCPT TO command))`;
}

/** What is wrong with how the catalog explains one reply, or undefined when it is explained right. */
function problem(provider: string, r: Reply): string | undefined {
  const expected = catalog.get(r.entry);
  if (!expected) return `no entry ${r.entry}`;
  if (expected.provider !== provider) return `${r.entry} is not an entry of ${provider}`;
  const pasted = r.host ? `host ${r.host}[192.0.2.25] said: ${r.reply}` : r.reply;
  const found = catalog.explain(pasted).providers;
  if (found[0]?.id !== r.entry) return `pasted: ${found[0]?.id ?? 'no provider entry'}`;
  const other = found.find((e) => e.provider !== provider);
  if (other) return `pasted: also ${other.id}`;
  // A reply wrapped over several lines (as a bounce shows it) cannot stand in a one-line log entry.
  if (/[\r\n]/.test(r.reply)) return undefined;
  const line = postfixLine(r);
  const inLog = scan(line, catalog).filter((f) => f.family === 'provider');
  if (inLog[0]?.entryId !== r.entry) return `in a log line: ${inLog[0]?.entryId ?? 'no provider entry'}`;
  return undefined;
}

test('provider replies are explained by the right entry and by no other provider', (t) => {
  assert.ok(files.length >= 2, `fixture files: ${files.length}`);
  const failures: string[] = [];
  let total = 0;
  let right = 0;
  const rows: string[] = [];
  for (const file of files) {
    const provider = file.replace(/\.json$/, '');
    const replies: Reply[] = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    assert.ok(Array.isArray(replies) && replies.length > 0, `${file} holds no replies`);
    assert.ok(catalog.provider(provider), `${file}: no provider block with the id ${provider}`);
    let ok = 0;
    for (const r of replies) {
      assert.ok(typeof r.reply === 'string' && typeof r.entry === 'string', `${file}: malformed item ${JSON.stringify(r)}`);
      const p = problem(provider, r);
      if (p) failures.push(`${file}: ${r.entry} ← ${r.reply.slice(0, 90)} … — ${p}`);
      else ok++;
    }
    total += replies.length;
    right += ok;
    const entries = catalog.entries.filter((e) => e.provider === provider).length;
    rows.push(`${provider.padEnd(16)} ${String(entries).padStart(4)} entries  ${String(replies.length).padStart(4)} replies  ${((100 * ok) / replies.length).toFixed(1).padStart(5)}% explained right`);
  }
  for (const row of rows) t.diagnostic(row);
  t.diagnostic(`all: ${rows.length} providers, ${total} replies, ${((100 * right) / total).toFixed(1)}% explained right`);
  assert.deepEqual(failures, []);
});
