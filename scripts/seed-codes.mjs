// Reads the seed documents and the IANA registry (../shared/) and writes the fixtures the catalog tests check
// against, so that the tests do not depend on files outside the repository:
//   test/fixtures/seed-codes.json     every code the seeds mention, and every row of seed 000's provider tables
//   test/fixtures/iana-registry.json  code, title, associated reply codes and reference of every registry row
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const shared = join(root, '../shared');
const seeds = Object.fromEntries(readdirSync(join(shared, 'seeds')).sort().map((f) => [f.slice(0, 3), readFileSync(join(shared, 'seeds', f), 'utf8')]));

// Numbers in the seeds that look like reply codes but are not: why each is left out.
const NOT_REPLY_CODES = {
  '365': 'part of "Office 365" in 002',
  '213': '001 uses it as an example of an enhanced code written without dots (2.1.3)',
  '240': 'a stray page heading ("Smtp 240") in 003; no such code is in use',
  '369': 'part of a proxy host name (s_fl369) in 003',
  '404': 'an HTTP "404 not found" in a reader comment in 003',
  '403': 'SendGrid\'s 403 in 000 is an HTTP status of its API (kept as a provider row)',
};

// Enhanced codes in the seeds that are not codes at all: why each is left out.
const NOT_ENHANCED_CODES = {
  '5.0.1': '001 derives it from 501 by its digits ("501 or 5.0.1"); no X.0.1 is registered',
  '5.0.2': '001 derives it from 502 by its digits; no X.0.2 is registered',
  '5.0.3': '001 derives it from 503 by its digits; no X.0.3 is registered',
  '5.0.4': '001 derives it from 504 by its digits; no X.0.4 is registered',
};

const reply = new Set();
const add = (code) => { if (!(code in NOT_REPLY_CODES)) reply.add(code); };
for (const m of seeds['002'].matchAll(/(?:^| )([2-5][0-9]{2}) [–-] /g)) add(m[1]);
for (const m of seeds['003'].matchAll(/(?<![0-9.])([2-5][0-9]{2})(?=[A-Z"“ ]|$)(?![0-9])/gm)) add(m[1]);
for (const m of seeds['001'].matchAll(/(?<![0-9.x×])([2-5][0-9]{2})(?![0-9.])/g)) add(m[1]);

// Seed 000's provider tables: the section a row is in names the provider.
const providerRows = [];
let provider;
for (const line of seeds['000'].split('\n')) {
  const heading = /^### \*\*(Mailgun|Gmail \/ Google Workspace|Outlook|Sendgrid):?\*\*/.exec(line);
  if (heading) provider = { Mailgun: 'mailgun', 'Gmail / Google Workspace': 'gmail', Outlook: 'outlook-client', Sendgrid: 'sendgrid' }[heading[1]];
  if (!provider || provider === 'outlook-client' || !line.startsWith('|')) continue;
  const cells = line.split('|').slice(1, -1).map((c) => c.trim().replace(/\\-/g, '-'));
  if (!/^[2-5][0-9]{2}/.test(cells[0])) continue;
  const codes = [...cells[0].matchAll(/[2-5][0-9]{2}|[245]\.[0-9]{1,3}\.[0-9]{1,3}/g)].map((m) => m[0]);
  const message = (provider === 'gmail' ? cells[1] : cells[1]).replace(/鈥檚/g, '’s').replace(/鈥/g, '’');
  providerRows.push({ provider, codes, message });
  if (provider !== 'mailgun') for (const c of codes) if (!c.includes('.')) add(c); // Mailgun's are HTTP statuses
}

const all = Object.values(seeds).join('\n');
const enhanced = new Set([...all.matchAll(/(?<![0-9.])([245X])\.([0-9])\.([0-9]{1,3})(?![0-9]|\.[0-9])/g)].map((m) => `${m[1]}.${m[2]}.${m[3]}`).filter((c) => !(c in NOT_ENHANCED_CODES)));
const hex = new Set();
const malformed = new Set();
for (const m of all.matchAll(/0[x×]([0-9A-Fa-f]+)/g)) (m[1].length === 8 ? hex : malformed).add(m[1].length === 8 ? `0x${m[1].toUpperCase()}` : m[0]);

const sorted = (s) => [...s].sort();
writeFileSync(join(root, 'test/fixtures/seed-codes.json'), JSON.stringify({
  generatedBy: 'scripts/seed-codes.mjs',
  notReplyCodes: NOT_REPLY_CODES,
  notEnhancedCodes: NOT_ENHANCED_CODES,
  reply: sorted(reply), enhanced: sorted(enhanced), outlook: sorted(hex), malformedHex: sorted(malformed), providerRows,
}, null, 1) + '\n');

// The IANA registry, parsed from its CSV (quoted fields may contain commas and line breaks).
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
const [header, ...rows] = parseCsv(readFileSync(join(shared, 'reference/iana-smtp-enhanced-status-codes.csv'), 'utf8'));
const col = (name) => header.indexOf(name);
const registry = rows.filter((r) => /^X\./.test(r[0] ?? '')).map((r) => ({
  code: r[col('Code')].trim(),
  title: r[col('Sample Text')].trim(),
  paired: [...r[col('Associated basic status code')].matchAll(/[2-5][0-9]{2}/g)].map((m) => m[0]),
  rfc: /RFC ?([0-9]+)/.exec(r[col('Reference')])?.[1] ? `RFC ${/RFC ?([0-9]+)/.exec(r[col('Reference')])[1]}` : undefined,
  deprecated: /deprecated/i.test(r.join(' ')),
}));
writeFileSync(join(root, 'test/fixtures/iana-registry.json'), JSON.stringify(registry, null, 1) + '\n');
console.log(`seed codes: ${reply.size} reply, ${enhanced.size} enhanced, ${hex.size} outlook (${malformed.size} malformed), ${providerRows.length} provider rows; registry: ${registry.length} codes`);
