// The README is a promise: each statement of fact in it is checked here against the product (package.json, the
// catalog, the core), or names the test that checks it where only the language server or a real VS Code can.
// Its shell commands are run by test/cli/readme.test.ts; its performance table is written by `npm run bench`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BEGIN, BENCH_ROWS, END } from '../../scripts/bench-readme.mjs';
import { analyze as analyzeAll } from '../../server/src/core/analyze';
import { EXPORT_COLUMNS } from '../../server/src/core/present/exportRows';
import { catalog, fixture, root } from '../helpers';

/** The codes found (findings); a message's recipients are `analyzeAll(…).recipients`. */
const analyze = (...args: Parameters<typeof analyzeAll>) => analyzeAll(...args).findings;

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const settings: Record<string, { default: unknown }> = pkg.contributes.configuration.properties;
const flat = readme.replace(/\s+/g, ' ');

/** The rows of the first Markdown table under `## heading`, as arrays of cells. */
function table(heading: string): string[][] {
  const start = readme.indexOf(`## ${heading}\n`);
  assert.ok(start >= 0, `README: ## ${heading}`);
  const next = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, next < 0 ? undefined : next);
  const lines = section.split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
  }
  return rows;
}
const ticks = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

test('the catalog table: entries per family, reply code origins, providers, Outlook groups', () => {
  const rows = new Map(table('The catalog').map((r) => [r[0], r]));
  // Mail server software (Postfix's default replies) has its own row: it is no provider.
  const count = (family: string) => catalog.entries.filter((e) => e.family === family && e.providerKind !== 'mta').length;
  const want: [string, string][] = [['SMTP reply codes', 'reply'], ['Enhanced status codes', 'enhanced'], ['Outlook / Windows Mail hex codes', 'outlook'], ['Providers', 'provider']];
  for (const [label, family] of want) assert.equal(Number(rows.get(label)?.[1]), count(family), `README: ${label} — write ${count(family)}`);
  const kinds = (k: string) => catalog.entries.filter((e) => e.family === 'reply' && e.definedBy?.kind === k).length;
  const origins = [`${kinds('rfc')} defined by an RFC`, `${kinds('registry')} listed only in the IANA enhanced-code registry`, `${kinds('folklore')} seen in the wild`];
  for (const origin of origins) assert.ok(rows.get('SMTP reply codes')![2].includes(origin), `README: "${origin}"`);
  assert.equal(kinds('rfc') + kinds('registry') + kinds('folklore') + kinds('vendor'), count('reply'));
  if (kinds('vendor')) assert.ok(rows.get('SMTP reply codes')![2].includes(`${kinds('vendor')} by a vendor`));
  const providers = new Map<string, number>();
  for (const e of catalog.entries.filter((x) => x.family === 'provider' && x.providerKind !== 'mta')) providers.set(e.providerName!, (providers.get(e.providerName!) ?? 0) + 1);
  const providerCell = rows.get('Providers')![2];
  assert.ok(providerCell.startsWith(`${providers.size} mailbox providers, gateways and sending services: `), `README: ${providers.size} providers`);
  const names = providerCell.slice(providerCell.indexOf(': ') + 2, providerCell.indexOf(': recognised')).split(', ');
  // The README names a provider short ("Cisco" for "Cisco Secure Email (IronPort)"): every word of it is in one name.
  const words = (name: string) => name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const named = names.map((n) => {
    const short = n.replace(/ \(\d+\)$/, '');
    const matches = [...providers.keys()].filter((full) => words(short).every((w) => words(full).includes(w)));
    assert.equal(matches.length, 1, `README: "${short}" names ${matches.length} providers (${matches.join(', ')})`);
    const k = /\((\d+)\)$/.exec(n)?.[1];
    if (k) assert.equal(Number(k), providers.get(matches[0]), `${short}: its number of entries`);
    return matches[0];
  });
  assert.deepEqual(named.sort(), [...providers.keys()].sort(), 'every provider named once');
  const software = new Map<string, number>();
  for (const e of catalog.entries.filter((x) => x.providerKind === 'mta')) software.set(e.providerName!, (software.get(e.providerName!) ?? 0) + 1);
  const mta = rows.get('Mail server defaults')!;
  assert.equal(Number(mta[1]), [...software.values()].reduce((a, b) => a + b, 0), 'README: the mail server default entries');
  assert.ok(mta[2].startsWith(`the default reply texts of ${software.size} mail server programs: `), `README: ${software.size} programs`);
  const programs = mta[2].slice(mta[2].indexOf(': ') + 2, mta[2].indexOf(': recognised')).split(', ').map((n) => {
    const name = n.replace(/ \(\d+\)$/, '');
    const k = /\((\d+)\)$/.exec(n)?.[1];
    if (k) assert.equal(Number(k), software.get(name), `${name}: its number of entries`);
    return name;
  });
  assert.deepEqual(programs.sort(), [...software.keys()].sort(), 'every program named once');
  assert.ok(catalog.entries.filter((e) => e.family === 'provider').every((e) => e.reason), 'each with its bounce reason');
  assert.match(flat, new RegExp(`${catalog.entries.length} entries in all\\.`));
  const groups = /groups \(([^)]+)\)/.exec(rows.get('Outlook / Windows Mail hex codes')![2])![1].split(', ').map((g) => g.toLowerCase());
  assert.deepEqual(groups.sort(), catalog.structure.outlookGroups.map((g) => g.id).sort());
  const registry: { code: string }[] = JSON.parse(fixture('iana-registry.json'));
  assert.deepEqual(registry.filter((r) => !catalog.lookup(r.code.replace(/^X/, '5')).known).map((r) => r.code), [], 'every registry code');
  assert.deepEqual(catalog.structure.enhancedClasses.length, 3);
  assert.deepEqual(catalog.structure.enhancedSubjects.length, 8);
  // "the catalog follows the primary source and says so in a note on the entry concerned"
  assert.ok(catalog.get('enhanced.x.2.0')!.notes?.some((n) => /X\.1\.2/.test(n)), 'the X.2.0 title note');
  assert.ok(catalog.entries.every((e) => e.sources.length > 0), 'every entry with its sources');
});

test('the settings table: every setting, with its default', () => {
  const documented = new Map<string, string>();
  for (const [names, defaults] of table('Settings')) {
    const [first, ...rest] = ticks(names);
    const all = [first, ...rest.map((r) => first.replace(/\.[^.]+$/, '') + r)];
    const values = ticks(defaults);
    all.forEach((name, i) => documented.set(name, values.length === all.length ? values[i] : values.join(', ')));
  }
  assert.deepEqual([...documented.keys()].sort(), Object.keys(settings).sort(), 'every setting in the table');
  for (const [name, shown] of documented) {
    const value = settings[name].default;
    const expected = Array.isArray(value) ? (value.length ? value.join(', ') : '[]') : typeof value === 'object' ? JSON.stringify(value) : String(value);
    assert.equal(shown, expected, name);
  }
});

test('the commands table: every command of the palette, by its title', () => {
  const titles = new Set<string>(table('Commands').flatMap(([cell]) => cell.replace(/^Mail Error Codes: /, '').split(' / ')));
  const hidden = new Set((pkg.contributes.menus.commandPalette as { command: string; when: string }[]).filter((m) => m.when === 'false').map((m) => m.command));
  const commands = (pkg.contributes.commands as { command: string; title: string; category: string }[]).filter((c) => !hidden.has(c.command));
  for (const c of commands) assert.equal(c.category, 'Mail Error Codes', c.command);
  assert.deepEqual([...titles].sort(), commands.map((c) => c.title).sort());
});

test('highlighting, install id, file associations', () => {
  const mailLog = (pkg.contributes.languages as { id: string; filenames?: string[]; extensions?: string[] }[]).find((l) => l.id === 'mail-log')!;
  const line = /a `mail-log` language for (.+?), an `eml` language/.exec(flat)![1];
  assert.deepEqual(ticks(line).sort(), [...mailLog.filenames!, ...mailLog.extensions!.map((e) => `*${e}`)].sort());
  assert.ok(pkg.contributes.languages.some((l: { id: string; extensions?: string[] }) => l.id === 'eml' && l.extensions?.includes('.eml')));
  assert.ok((pkg.contributes.grammars as { injectTo?: string[] }[]).some((g) => g.injectTo?.includes('text.log')), 'codes coloured inside Log files');
  assert.match(flat, new RegExp(`Marketplace / Open VSX id: \`${pkg.publisher}\\.${pkg.name}\``));
  for (const [, image] of readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) assert.ok(existsSync(join(root, image)), image);
  for (const [, link] of readme.matchAll(/\]\(((?!https?:)[^)#]+)\)/g)) assert.ok(existsSync(join(root, link)), link);
});

test('diagnostics: defaults, and the pairs, deprecated and unregistered codes that are flagged', () => {
  assert.equal(settings['mailErrorCodes.severity.permanent'].default, 'error');
  assert.equal(settings['mailErrorCodes.severity.transient'].default, 'warning');
  assert.equal(settings['mailErrorCodes.showSuccessCodes'].default, false);
  assert.match(flat, new RegExp(`A cap \\(${settings['mailErrorCodes.maxDiagnosticsPerFile'].default} per file by default\\)`));
  const note = (text: string, code: string) => analyze(`host mx.example.org said: ${text}`, catalog).find((f) => f.code === code)?.notes ?? [];
  assert.match(note('550 4.2.2 over quota', '4.2.2').join(' '), /different classes/);
  assert.match(note('550 5.6.10 bad', '5.6.10').join(' '), /deprecated/);
  assert.match(note('550 5.1.99 odd', '5.1.99').join(' '), /not a registered/);
  assert.match(flat, /Inconsistent pairs \(`550 4\.2\.2`\), deprecated codes \(`X\.6\.10`\) and unregistered details \(`5\.1\.99`\)/);
});

test('hover: the whole DMARC reply is its reply code, enhanced code and the Gmail entry, with causes, actions and sources', () => {
  const e = catalog.explain("550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy");
  assert.equal(e.reply?.code, '550');
  assert.equal(e.enhanced?.code, '5.7.26');
  const gmail = e.providers[0];
  assert.equal(gmail?.provider, 'gmail');
  assert.ok(gmail.causes.length && gmail.actions.sender.length && gmail.actions.admin?.length && gmail.sources.some((s) => s.url));
  assert.ok(e.reply!.entries[0].sources.some((s) => /rfc-editor\.org\/rfc\/rfc5321#section-/.test(s.url ?? '')), 'linked to the RFC section');
});

test('Look Up: each example of the README finds what it names first', () => {
  const first = (q: string) => catalog.search(q, 3).map((h) => h.entry);
  assert.equal(first('550')[0].id, 'reply.550');
  assert.equal(first('5.1.1')[0].id, 'enhanced.x.1.1');
  assert.equal(first('5 1 1')[0].id, 'enhanced.x.1.1');
  assert.equal(first('0x800ccc0e')[0].code, '0x800CCC0E');
  assert.equal(first('800CCC0E')[0].code, '0x800CCC0E');
  assert.match(first('SMTP_550')[0].name ?? '', /^SMTP_550/);
  assert.ok(first('mailbox full').some((e) => e.id === 'enhanced.x.2.2'));
  const dmarc = first('gmail dmarc')[0];
  assert.ok(dmarc.provider === 'gmail' && /DMARC/.test(`${dmarc.title} ${dmarc.meaning}`), dmarc.id);
  assert.match(flat, /type `550`, `5\.1\.1`, `5 1 1`, `0x800ccc0e`, `800CCC0E`, `SMTP_550`, `mailbox full`, `gmail dmarc`/);
});

test('bounces: every recipient with why it failed and hard or soft', () => {
  const text = readFileSync(join(root, 'samples/bounce.eml'), 'utf8');
  const recipients = analyzeAll(text, catalog).recipients;
  assert.deepEqual(recipients.map((o) => o.recipient), ['j.doe@example.org', 'anna.berg@gmail.com']);
  const unknown = recipients[0];
  assert.deepEqual([unknown.action, unknown.status, unknown.reply, unknown.remoteMta, unknown.reason, unknown.bounce], ['failed', '5.1.1', '550', 'mx.example.org', 'userunknown', 'hard']);
  assert.ok(analyzeAll(fixture('eml/bounce-encoded.eml'), catalog).recipients.length > 0, 'quoted-printable / base64 delivery-status parts are read');
  assert.match(flat, /35 in all, each with a short title/);
  assert.match(flat, /a bounce is \*hard\* only when the address itself will never work/);
});

test('precise: numbers that are not mail codes are not found', () => {
  const noise = 'Nov 24 10:00:00 app[4242]: listening on port 587, pid 4242, size 550 bytes, date 2005.11.09, ip 10.5.1.1, v2.4.1, nginx/1.25.3, sha 5501a2f3';
  assert.deepEqual(analyze(noise, catalog).map((f) => f.code), []);
  assert.deepEqual(analyze(fixture('clean/nginx-access.log'), catalog).map((f) => f.code), [], 'HTTP statuses of an access log');
  assert.deepEqual(analyze('host mx.example.org said: 550 unknown user', catalog).map((f) => f.code), ['550'], 'said: is an SMTP context');
  assert.ok(existsSync(join(root, 'server/src/core/scan/rules.ts')));
  const none = (text: string) => assert.deepEqual(analyze(text, catalog).map((f) => f.code), [], text);
  none('Received: from mail.example.net (CommuniGate Pro SMTP 4.1.8) by mx.example.org');
  none('2026/11/24 10:00:00 [error] 1234#0: *5 upstream response: 503 Service Unavailable');
  none('Windows Update failed with error 0x80004005, retrying at 10:00');
  assert.deepEqual(analyze("Outlook: Sending' reported error (0x80004005) : 'The operation failed.'", catalog).map((f) => f.code), ['0x80004005'], 'where the text speaks of mail');
  const mbox = analyzeAll(fixture('real/bounces/mbox-two-bounces.eml'), catalog);
  for (const code of ['552', '5.2.2', '5.7.606']) assert.ok(mbox.findings.some((f) => f.code === code), `each message of an mbox file: ${code}`);
  assert.ok(mbox.recipients.some((o) => o.recipient === 'member45@example.org'), 'the second message\'s delivery report');
});

test('the samples npm start opens are the four the README names', () => {
  for (const name of ['postfix.log', 'exim.log', 'bounce.eml', 'ticket.txt']) {
    const text = readFileSync(join(root, 'samples', name), 'utf8');
    assert.ok(analyze(text, catalog).length > 0, `${name} has codes to show`);
  }
  assert.match(flat, /four sample files open: a Postfix log, an Exim log, a bounce and a pasted support ticket/);
  const codeServer = /CODE_SERVER_VERSION = '([\d.]+)'/.exec(readFileSync(join(root, 'scripts/e2e/setup.mjs'), 'utf8'))![1];
  assert.ok(flat.includes(`code-server ${codeServer} = VS Code `), 'the code-server version of the e2e setup');
  assert.equal(pkg.scripts.start, 'node scripts/start.mjs');
  assert.equal(pkg.scripts.prepare, 'node scripts/build.mjs', '`npm install` builds, so that the command-line tool works at once');
  assert.ok(readFileSync(join(root, 'scripts/build.mjs'), 'utf8').includes("cli: 'server/src/cli/main.ts'"), 'the build makes dist/cli.js, which the bin runs');
});

test('the performance table is the one npm run bench writes', () => {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  assert.ok(begin > 0 && end > begin, 'the bench markers are in the README');
  const section = readme.slice(begin, end);
  assert.match(section, /Measured by `npm run bench` on \d{4}-\d{2}-\d{2}, on \d+ cores \(.+\), Node v\d+/);
  const labels = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| What')).map((l) => l.split(' | ')[0].slice(2));
  assert.deepEqual(labels, BENCH_ROWS.map((r) => r.what));
});

test('coverage of each family, the pipelines section, the developer notes', () => {
  const rows = new Map(table('The catalog').map((r) => [r[0], r[2]]));
  const rfcs = new Set(catalog.entries.filter((e) => e.family === 'reply' && e.definedBy?.rfc).map((e) => e.definedBy!.rfc!.replace(/^RFC ?/i, '')));
  const listed = ['5321', ...(/add reply codes \(([\d, ]+)\)/.exec(rows.get('SMTP reply codes')!)![1].split(', '))];
  assert.deepEqual(listed.sort(), [...rfcs].sort(), 'the RFCs that define the catalog\'s reply codes');
  const outlook = catalog.entries.filter((e) => e.family === 'outlook');
  assert.ok(outlook.some((e) => e.name === 'SMTP_550_MAILBOX_NOT_FOUND'));
  for (const prefix of ['0x800CCC', '0x8004', '0x8007']) assert.ok(outlook.some((e) => e.code.startsWith(prefix)), prefix);
  const providers = catalog.entries.filter((e) => e.family === 'provider');
  assert.ok(providers.every((e) => e.codes?.length || e.phrases?.length || e.markers?.length), 'recognised by markers, phrases and codes');
  assert.deepEqual(catalog.structure.replyCategories.map((c) => c.digit), ['0', '1', '2', '3', '4', '5']);
  for (const e of catalog.entries.filter((x) => x.family === 'reply')) {
    assert.ok(catalog.structure.replyClasses.some((c) => c.digit === e.code[0]), `${e.code}: its first digit`);
    if (e.code[1] <= '5') assert.ok(catalog.structure.replyCategories.some((c) => c.digit === e.code[1]), `${e.code}: its second digit`);
  }
  // In log pipelines
  const columns = /Columns: (.+?)\. Formats:/.exec(flat)![1];
  assert.deepEqual(ticks(columns).filter((c) => /^[a-z_]+$/.test(c) && !['success', 'intermediate', 'transient', 'permanent', 'both', 'userunknown', 'mailboxfull', 'blocked', 'hard', 'soft'].includes(c)), [...EXPORT_COLUMNS]);
  const replyCodes = new Set(catalog.entries.filter((e) => e.family === 'reply').map((e) => e.code));
  for (const provider of ['sendgrid', 'mailgun']) assert.ok(providers.some((e) => e.provider === provider && replyCodes.has(e.code)), `a ${provider} row keyed by a reply code`);
  // For developers
  assert.match(pkg.scripts.package, /-o dist\/mail-error-codes\.vsix/);
  assert.match(readFileSync(join(root, 'scripts/test-vscode.mjs'), 'utf8'), /SKIPPED/);
  const ci = readFileSync(join(root, '.ci/run'), 'utf8');
  for (const step of ['npm install', 'npm test', 'npm run test:e2e', 'apt-get install -y -qq --no-install-recommends sqlite3']) assert.ok(ci.includes(step), step);
  const setup = readFileSync(join(root, 'scripts/e2e/setup.mjs'), 'utf8');
  assert.ok(/'libkrb5-dev'/.test(setup) && /isRoot\(\)/.test(setup) && /'apt-get', \['install'/.test(setup), 'the e2e setup installs the -dev packages with apt-get as root');
  const layout = /Layout, in the spirit of .+?`test\/`\./.exec(flat)![0];
  for (const path of ticks(layout).filter((p) => p.includes('/'))) assert.ok(existsSync(join(root, path)), path);
});

/** Statements only the language server or a real VS Code can check, and the test that does. */
const CHECKED_ELSEWHERE: [claim: string, file: string, testName: string][] = [
  ['the sidebar still counts everything', 'test/lsp/readmeClaims.test.ts', 'the diagnostics cap leaves the file summary (the sidebar) counting everything'],
  ['hovers and diagnostics work there all the same', 'test/lsp/readmeClaims.test.ts', 'Plain Text: a pasted ticket (.txt) gets diagnostics and hovers'],
  ['relative to the workspace folder', 'test/lsp/readmeClaims.test.ts', 'custom catalogs: a path relative to the workspace folder'],
  ['read again when they change (or with **Reload Catalog**)', 'test/lsp/robustness.test.ts', 'custom catalog files are watched: a change applies without touching the settings; Reload Catalog re-reads them'],
  ['They are read only in a trusted workspace (never in Restricted Mode)', 'test/lsp/robustness.test.ts', 'custom catalogs are not read in Restricted Mode; trusting the workspace reads them'],
  ['the JSON path of the problem (never its content)', 'test/lsp/robustness.test.ts', 'a custom catalog error never quotes the file'],
  ['failed and delayed recipients of a bounce', 'test/lsp/robustness.test.ts', 'summaryChanged carries what the status bar shows: failed recipients of a bounce, failed deliveries of a log'],
  ['failed and deferred deliveries (one per line) of a log', 'test/lsp/robustness.test.ts', 'summaryChanged carries what the status bar shows: failed recipients of a bounce, failed deliveries of a log'],
  ['(with hard / soft and the reasons in its tooltip)', 'test/unit/client/statusText.test.ts', 'a bounce\\\'s tooltip gives hard / soft and the reasons of its recipients'],
  // Bounces
  ['"not reachable within the allowed queue period" is `expired` for every recipient it names', 'test/unit/bounces.test.ts', 'each format yields the expected recipients, reasons, hard/soft and status'],
  ['Complaint reports (ARF) and automatic replies (vacation) are recognised and labelled, never counted as bounces', 'test/cli/bounces.test.ts', 'table: a row per recipient, then totals by hard/soft, reason and domain, with what hard means'],
  ['Clicking a row opens the message with its recipient selected', 'test/e2e/bounces.e2e.ts', 'sorting, filtering, and a click opens the message at its recipient'],
  ['it works in VS Code for the Web too', 'test/e2e/bounces-web.e2e.ts', 'in the web worker extension host, Summarize Bounces in Folder… reads the folder and opens a row'],
  ['`bounces` exits 2 when a file could not be read', 'test/cli/bounces.test.ts', 'unreadable and unsuitable inputs: one line each on stderr, the others still read, exit 2'],
  ['A file that cannot be read is reported on standard error and the others are read', 'test/cli/bounces.test.ts', 'unreadable and unsuitable inputs: one line each on stderr, the others still read, exit 2'],
  ['An invalid file is reported once, with its path and the JSON path of the problem', 'test/lsp/server.test.ts', 'invalid settings and custom catalogs give one clear message and fall back'],
  ['A changed setting applies at once, without a reload', 'test/lsp/server.test.ts', 'settings apply without restart: the cap on diagnostics, success codes, severities'],
  ['choosing one opens its detail page with related codes as links', 'test/e2e/extension.e2e.ts', '4. "Look Up Code…" finds 0x800CCC0E and opens its detail page'],
  ['click to jump to each occurrence in turn', 'test/e2e/extension.e2e.ts', '5. the Mail Codes sidebar: Catalog families, In This File codes, click walks occurrences'],
  ['the web entry runs the same language server in a web worker', 'test/e2e/web-extension.e2e.ts', 'in the web worker extension host, a hover on "550 5.1.1" explains the reply'],
  ['Custom catalogs need a file system and are not available there', 'test/e2e/browser-server.e2e.ts', 'custom catalogs say clearly that they need a file system in the browser'],
  ['no network access, no telemetry', 'test/unit/package.test.ts', 'the bundles make no network requests and collect no telemetry'],
  ['it listens on the loopback interface only and asks for no password', 'test/e2e/start.e2e.ts', 'npm start -- --port N prints a loopback address on that port and serves the workbench without a password'],
  ['Ctrl+C stops it and everything it started', 'test/e2e/start.e2e.ts', 'Ctrl+C ends code-server and everything it started, and removes the temporary profile'],
  ['`npm start` says why and shows the command-line tool on the samples instead', 'test/cli/start.test.ts', 'where code-server cannot be set up, it says why and shows the command line instead'],
  ['with the same output in the same order as one thread', 'test/cli/parallel.test.ts', 'one file cut into parts on 2 and 3 threads: the same output as on one thread, in every format'],
  ['Big inputs (from 64 MB, one big log or many files)', 'test/cli/parallel.test.ts', 'threads only from 64 MB of input: a 40 MB log is one job, a 70 MB log parts cut at line starts'],
  ['reads standard input as it comes', 'test/cli/cli.test.ts', 'scan --format json - streams: a line\\\'s findings are written while standard input stays open'],
  ['RFC 4180 quoting', 'test/cli/catalogExport.test.ts', 'csv quoting: commas, double quotes, line breaks and outer spaces survive csv-parse'],
  ['`id` (stable)', 'test/cli/catalogExport.test.ts', 'csv: every entry once, each field as the catalog has it, read back by csv-parse'],
  ["finds its row once its first digit is replaced by `X`", 'test/cli/catalogExport.test.ts', 'csv loads into SQLite with sqlite3 .import and answers queries'],
  ['the catalog follows the primary source and says so in a note on the entry concerned', 'test/unit/catalog.test.ts', "the seeds\\' known mistakes are not in the catalog"],
  ['reply codes by class, enhanced codes by subject, Outlook codes by group, providers by name', 'test/unit/client/pure.test.ts', 'the Catalog view groups replies by class, enhanced codes by subject, providers by name'],
  ['Invalid values fall back to their default with one message', 'test/lsp/server.test.ts', 'invalid settings and custom catalogs give one clear message and fall back'],
  ['`explain` exits 0 when every code was found, 1 when one was unknown, 2 on a usage error', 'test/cli/cli.test.ts', 'explain: an unknown but well-formed code is inferred, marked as such, exit 1'],
  ['`scan` exits 1 when something at or above `--fail-on` (default `error`) was found', 'test/cli/cli.test.ts', '--fail-on levels'],
  ['The rules are data, each with its examples', 'test/unit/scanner-rules.test.ts', 'every rule finds its code in each of its examples, by itself'],
  ['CR or CRLF line endings', 'test/unit/scanner-recall.test.ts', 'line endings change nothing: LF, CRLF and (for messages) CR alone give the same codes on the same lines'],
  ['a missing or wrong MIME boundary', 'test/unit/dsn.test.ts', 'broken MIME: a missing closing boundary, truncated base64 and garbage still give what can be found'],
  ['folded and multi-line replies', 'test/unit/catalogProviders.test.ts', 'a reply wrapped over indented lines in a bounce is read whole, once'],
  ['Phrases are matched however a log writes a reply', 'test/unit/catalogProviders.test.ts', 'phrases and texts are compared in one normal form: case, white space, quotes and repeated codes'],
  ['and by the mail host that answered', 'test/unit/catalogProviders.test.ts', 'the host that answered chooses the provider and names it'],
  ['they explain a reply only when no provider entry does, and the host that answered stays named', 'test/unit/catalogProviders.test.ts', "a mail server\\'s default reply explains what no provider entry does, says so, and keeps who answered"],
  ['shown as “Postfix default reply” — never as a provider', 'test/unit/catalogProviders.test.ts', "a mail server\\'s default reply explains what no provider entry does, says so, and keeps who answered"],
  // Mail log report
  ['click a bar or a row for the events behind it, and an event for its line in the log', 'test/e2e/report.e2e.ts', 'the report of the active log: totals, a bar and a cell list their events, an event opens the log at its line'],
  ['rotated files read oldest first', 'test/cli/report.test.ts', 'rotated logs are read oldest first whatever the order given, compressed ones decompressed'],
  ['A recipient deferred three times and then delivered is three deferrals and one delivery', 'test/unit/report.test.ts', 'Postfix: totals counted by hand (and by pflogsumm), deferred messages, forwards, what is still deferred'],
  ['a CSV record may span lines', 'test/unit/report.test.ts', 'Microsoft 365 message traces: the extended report and Get-MessageTrace; a record over two lines is one event'],
  ['colours are the theme\'s (light, dark, high contrast)', 'test/e2e/report.e2e.ts', 'the charts take the colours of the theme: light, dark and high contrast'],
  ['Export**: JSON (the whole report) or CSV (its tables)', 'test/unit/report.test.ts', 'the CSV export: every table, quoted where needed, and no cell a spreadsheet would run as a formula'],
  ['everything from the log is shown as text, never as markup or a link', 'test/e2e/report.e2e.ts', 'text from the log is shown as text in the report, never as markup or a link'],
  ['Large logs show progress and can be cancelled', 'test/e2e/report.e2e.ts', 'a large log shows progress, and Cancel stops the report without opening it'],
  ['the ones `pflogsumm` gives for the same log', 'test/unit/report.test.ts', 'Postfix: totals counted by hand (and by pflogsumm), deferred messages, forwards, what is still deferred'],
  ['The HTML page is self-contained', 'test/cli/report.test.ts', 'html: one self-contained page: the view inline, a CSP with a nonce, the data escaped'],
  ['keep the biggest and say they are approximate', 'test/unit/report.test.ts', 'tables are bounded: past the cap the rarer half folds into "other", totals are kept, the table says approximate'],
  ['with four sample files open', 'test/e2e/start.e2e.ts', 'the extension is installed, and a sample log shows its diagnostics in the workbench'],
  ['`npm start -- --folder /var/log` opens a folder of yours instead of the samples', 'test/e2e/start.e2e.ts', 'npm start -- --folder DIR opens that folder'],
  ['`npm start -- --cli` shows that at once', 'test/cli/start.test.ts', '--cli shows the command-line tool on the samples'],
  ['where `MEC_E2E_CACHE` says', 'test/cli/start.test.ts', 'where code-server cannot be set up, it says why and shows the command line instead'],
];

test('statements checked by the language-server, CLI and VS Code tests name tests that exist', () => {
  for (const [claim, file, name] of CHECKED_ELSEWHERE) {
    assert.ok(flat.includes(claim), `README: "${claim}"`);
    assert.ok(readFileSync(join(root, file), 'utf8').includes(`test('${name}'`), `${file}: test '${name}'`);
  }
});
