// The built CLI (dist/cli.js) run as a process: explain, scan in every format, bad inputs, pipes, exit statuses.
// Build first: node scripts/build.mjs
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { catalog, located, root } from '../helpers';
import { generateLog } from '../../scripts/generate-log.mjs';

const CLI = join(root, 'dist/cli.js');
const ESC = /\u001b\[/;
let dir = '';

function run(args: string[], options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv } = {}) {
  const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, ...options, env });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function jsonLines(stdout: string) {
  return stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

before(() => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run node scripts/build.mjs first');
  dir = mkdtempSync(join(tmpdir(), 'mec-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('explain: known codes and a whole reply, exit 0', () => {
  const r = run(['explain', '550', '0x800CCC0E', '0×800CCC0E', 'SMTP_550_MAILBOX_NOT_FOUND', "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy"]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^550 — .*mailbox unavailable/im);
  assert.match(r.stdout, /Class: +permanent failure/);
  assert.match(r.stdout, /Likely causes:/);
  assert.match(r.stdout, /What to do:/);
  assert.match(r.stdout, /Sources:\n +- .*<https:\/\//);
  assert.match(r.stdout, /0x800CCC0E — Cannot connect/);
  assert.match(r.stdout, /0x800CCC69 — SMTP 550/, 'the symbolic name is explained');
  assert.match(r.stdout, /DMARC/);
  assert.doesNotMatch(r.stdout, ESC, 'no colour when stdout is not a terminal');
  assert.equal(r.stderr, '');
});

test('explain: an unknown but well-formed code is inferred, marked as such, exit 1', () => {
  const r = run(['explain', '550', '5.9.99']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /5\.9\.99 — not in the catalog \(inferred/);
  assert.match(r.stdout, /Class: +permanent failure.*\(inferred\)/);
  const text = run(['explain', 'definitely not a code']);
  assert.equal(text.status, 1);
  assert.match(text.stdout, /no mail code recognised/);
});

test('explain --format json: one object per argument, with the entries as the catalog has them', () => {
  const reply = "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy";
  const r = run(['explain', '--format', 'json', '550', '5.1.1', reply, '0x800CCC0E']);
  assert.equal(r.status, 0, r.stderr);
  const rows = jsonLines(r.stdout);
  assert.deepEqual(rows.map((x) => [x.input, x.found]), [['550', true], ['5.1.1', true], [reply, true], ['0x800CCC0E', true]]);
  const [e550] = rows[0].entries;
  const entry550 = catalog.get('reply.550')!;
  assert.deepEqual(
    { id: e550.id, family: e550.family, code: e550.code, title: e550.title, class: e550.class, meaning: e550.meaning, causes: e550.causes, sender: e550.actions.sender, sources: e550.sources },
    { id: 'reply.550', family: 'reply', code: '550', title: entry550.title, class: 'permanent', meaning: entry550.meaning, causes: entry550.causes, sender: entry550.actions.sender, sources: entry550.sources },
  );
  assert.equal(rows[1].entries[0].code, '5.1.1', 'the code as asked, not the registry key X.1.1');
  assert.equal(rows[1].entries[0].class, 'permanent');
  const families = rows[2].entries.map((e: { family: string }) => e.family);
  assert.deepEqual(families, ['provider', 'reply', 'enhanced']);
  assert.equal(rows[2].entries[0].provider, 'gmail');
  assert.equal(rows[3].entries[0].family, 'outlook');
  assert.equal(r.stdout.split('\n').filter(Boolean).length, 4, 'JSON Lines: one line per argument');

  const unknown = run(['explain', '-f', 'json', '5.9.99', 'mailbox full']);
  assert.equal(unknown.status, 1);
  const [inferred, none] = jsonLines(unknown.stdout);
  assert.equal(inferred.found, false);
  assert.deepEqual(inferred.entries, []);
  assert.equal(inferred.inferred[0].code, '5.9.99');
  assert.equal(inferred.inferred[0].class, 'permanent');
  assert.deepEqual([none.found, none.inferred], [false, []]);
  assert.ok(none.suggestions.some((x: { id: string }) => x.id === 'enhanced.x.2.2'), 'words get suggestions');

  const mixed = jsonLines(run(['explain', '-f', 'json', '550 4.2.2']).stdout)[0];
  assert.match(mixed.inconsistency, /disagree/);
  assert.equal(run(['explain', '--format', 'yaml', '550']).status, 2);
});

test('usage errors exit 2 with a usage line on stderr; --help and --version', () => {
  for (const args of [[], ['explain'], ['frobnicate'], ['explain', '--bogus', '550'], ['scan'], ['scan', '--format', 'xml', 'a'], ['scan', '--fail-on', 'panic', 'a'], ['--nope']]) {
    const r = run(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^Usage: mail-error-codes/m, args.join(' '));
    assert.equal(r.stdout, '');
  }
  const help = run(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Exit status:/);
  assert.match(help.stdout, /2 +usage error, or an input could not be read/);
  const version = run(['--version']);
  assert.equal(version.status, 0);
  assert.match(version.stdout, new RegExp(`^mail-error-codes ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version.replace(/\./g, '\\.')} \\(catalog `));
});

test('COMMAND --help shows that command; option errors name the option', () => {
  const help = run(['scan', '--help']);
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^Usage: mail-error-codes scan /);
  assert.match(help.stdout, /--fail-on LEVEL/);
  assert.doesNotMatch(help.stdout, /explain CODE/);
  assert.match(run(['help', 'explain']).stdout, /^Usage: mail-error-codes explain /);
  assert.match(run(['scan', '--format']).stderr, /^mail-error-codes: option -f, --format needs a value$/m);
  assert.match(run(['scan', '--summary=yes', 'a']).stderr, /^mail-error-codes: option -s, --summary takes no value$/m);
  assert.match(run(['explain', '-x']).stderr, /^mail-error-codes: unknown option -x \(an argument that starts with - goes after --\)$/m);
  const after = run(['explain', '--', '--help']);
  assert.equal(after.status, 1, 'after --, --help is an argument to explain, not an option');
  assert.match(after.stdout, /no mail code recognised/);
});

test('scan (text): file:line:col: severity code title, 1-based', () => {
  const r = run(['scan', 'test/fixtures/logs/postfix.log']);
  assert.equal(r.status, 1, 'permanent failures found: exit 1 with the default --fail-on error');
  const lines = r.stdout.trim().split('\n');
  assert.ok(lines.length >= 5);
  for (const l of lines) assert.match(l, /^test\/fixtures\/logs\/postfix\.log:\d+:\d+: (error|warning|information) \S+ .+$/);
  const text = readFileSync(join(root, 'test/fixtures/logs/postfix.log'), 'utf8').split('\n');
  const [, line, col] = /:(\d+):(\d+): error 550 /.exec(r.stdout)!;
  assert.equal(text[Number(line) - 1].slice(Number(col) - 1, Number(col) + 2), '550');
  assert.doesNotMatch(r.stdout, ESC);
});

test('scan --format json: one object per finding, positions match the fixtures', () => {
  for (const name of ['postfix.log', 'exim.log', 'sendmail.log']) {
    const file = `test/fixtures/logs/${name}`;
    const r = run(['scan', '--format', 'json', file]);
    const text = readFileSync(join(root, file), 'utf8');
    const lines = text.split('\n');
    const rows = jsonLines(r.stdout);
    assert.ok(rows.length > 0, name);
    for (const row of rows) {
      assert.deepEqual(Object.keys(row).filter((k) => k !== 'id').sort(), ['character', 'class', 'code', 'endCharacter', 'family', 'file', 'line', 'severity', 'title']);
      if (row.id !== undefined) assert.ok(catalog.get(row.id), `${row.id} is a catalog entry`);
      assert.equal(row.file, file);
      assert.ok(['reply', 'enhanced', 'outlook', 'provider', 'dsn-summary'].includes(row.family));
      assert.ok(['error', 'warning', 'information'].includes(row.severity));
      assert.ok(row.line >= 1);
      const found = lines[row.line - 1].slice(row.character, row.endCharacter);
      if (row.family === 'reply' || row.family === 'enhanced') assert.equal(found, row.code, `${name}:${row.line}`);
    }
    // The same findings, at the same places, as the core finds in the whole text (success codes left out).
    const expected = analyze(text, catalog).filter((f) => f.class !== 'success' && f.class !== 'intermediate').map((f) => ({ ...located(text, f), code: f.code }));
    assert.deepEqual(rows.map((r) => ({ line: r.line, character: r.character, text: lines[r.line - 1].slice(r.character, r.endCharacter), code: r.code })), expected);
  }
});

test('scan --format json: UTF-16 columns, CRLF and invalid bytes', () => {
  const r = run(['scan', '-f', 'json', 'test/fixtures/cli/unicode.log']);
  const text = readFileSync(join(root, 'test/fixtures/cli/unicode.log'), 'utf8');
  const rows = jsonLines(r.stdout);
  assert.deepEqual(rows.map((x) => x.code), ['550', '5.1.1', '4.2.2', '452', '4.2.2']);
  const lines = text.split('\n');
  for (const row of rows) assert.equal(lines[row.line - 1].slice(row.character, row.endCharacter), row.code);
  assert.equal(r.stderr, '');
});

test('scan --summary: counts per code (text and json)', () => {
  const r = run(['scan', '--summary', 'test/fixtures/logs/postfix.log', 'test/fixtures/logs/exim.log']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^ +\d+ +error +550 +Requested action not taken/m);
  assert.match(r.stdout, /^\d+ findings of \d+ codes: \d+ error, \d+ warning, \d+ information$/m);
  const rows = jsonLines(run(['scan', '--summary', '-f', 'json', 'test/fixtures/logs/postfix.log']).stdout);
  const each = jsonLines(run(['scan', '-f', 'json', 'test/fixtures/logs/postfix.log']).stdout);
  assert.equal(rows.reduce((n, g) => n + g.count, 0), each.length);
  assert.equal(rows.find((g) => g.code === '550')?.count, each.filter((f) => f.code === '550').length);
});

test('scan --format sarif: one SARIF 2.1.0 log', () => {
  const r = run(['scan', '--format', 'sarif', 'test/fixtures/logs/postfix.log', 'test/fixtures/eml/bounce-postfix.eml']);
  assert.equal(r.status, 1);
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  const run0 = log.runs[0];
  assert.equal(run0.tool.driver.name, 'mail-error-codes');
  const rules = run0.tool.driver.rules;
  const r550 = rules.find((x: { id: string }) => x.id === '550');
  assert.match(r550.helpUri, /^https:\/\//);
  assert.ok(run0.results.length > 0);
  for (const res of run0.results) assert.equal(rules[res.ruleIndex].id, res.ruleId);
  const res = run0.results.find((x: { ruleId: string }) => x.ruleId === '550');
  const loc = res.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'test/fixtures/logs/postfix.log');
  const line = readFileSync(join(root, 'test/fixtures/logs/postfix.log'), 'utf8').split('\n')[loc.region.startLine - 1];
  assert.equal(line.slice(loc.region.startColumn - 1, loc.region.endColumn - 1), '550');
  assert.ok(run0.results.some((x: { ruleId: string }) => x.ruleId === 'dsn-summary'));
});

test('scan - reads standard input', () => {
  const input = readFileSync(join(root, 'test/fixtures/logs/exim.log'));
  const r = run(['scan', '-f', 'json', '-'], { input });
  const file = jsonLines(run(['scan', '-f', 'json', 'test/fixtures/logs/exim.log']).stdout);
  const rows = jsonLines(r.stdout);
  assert.equal(rows.length, file.length);
  assert.ok(rows.every((x) => x.file === '<stdin>'));
  assert.deepEqual(rows.map((x) => [x.line, x.character, x.code]), file.map((x) => [x.line, x.character, x.code]));
  // A bounce on stdin is recognised as a message.
  const eml = run(['scan', '-f', 'json', '-'], { input: readFileSync(join(root, 'test/fixtures/eml/bounce-postfix.eml')) });
  assert.ok(jsonLines(eml.stdout).some((x) => x.family === 'dsn-summary'));
});

test('scan of an .eml bounce gives the delivery status summaries', () => {
  const r = run(['scan', '-f', 'json', 'test/fixtures/eml/bounce-postfix.eml']);
  const rows = jsonLines(r.stdout);
  const dsn = rows.filter((x) => x.family === 'dsn-summary');
  assert.ok(dsn.length >= 1, r.stdout);
  assert.ok(dsn.some((x) => x.severity === 'error' && /bob@example\.org: failed permanently/.test(x.title)));
  const text = readFileSync(join(root, 'test/fixtures/eml/bounce-postfix.eml'), 'utf8');
  const expected = analyze(text, catalog, { message: true }).filter((f) => f.class !== 'success' && f.class !== 'intermediate');
  assert.deepEqual(rows.map((x) => x.line), expected.map((f) => located(text, f).line));
});

test('binary is judged by proportion: a bounce with a stray NUL is scanned, from a file and from stdin', () => {
  const name = 'test/fixtures/real/bounces/trailing-nul.eml';
  for (const r of [run(['scan', '-f', 'json', name]), run(['scan', '-f', 'json', '-'], { input: readFileSync(join(root, name)) })]) {
    assert.equal(r.stderr, '');
    assert.deepEqual(jsonLines(r.stdout).filter((x) => x.family !== 'provider').map((x) => x.code), ['550', '5.1.1']);
  }
  const utf16 = Buffer.from('\ufeffsaid: 550 5.1.1 user unknown\n'.repeat(20), 'utf16le');
  assert.match(run(['scan', '-'], { input: utf16 }).stderr, /binary input, skipped/);
});

function badInputs() {
  const unreadable = join(dir, 'unreadable.log');
  writeFileSync(unreadable, 'Nov 23 mx postfix/smtp[1]: said: 550 5.1.1 user unknown\n');
  chmodSync(unreadable, 0o000);
  const missing = join(dir, 'missing.log');
  const r = run(['scan', '-f', 'json', missing, 'test/fixtures/logs/postfix.log', dir, 'test/fixtures/cli/binary.dat', unreadable, 'test/fixtures/logs/exim.log']);
  return { r, missing, unreadable, errors: r.stderr.trim().split('\n') };
}

test('bad inputs: one line each on stderr, the other files still scanned, exit 2', () => {
  const { r, missing, errors } = badInputs();
  assert.equal(r.status, 2);
  const files = new Set(jsonLines(r.stdout).map((x) => x.file));
  assert.ok(files.has('test/fixtures/logs/postfix.log') && files.has('test/fixtures/logs/exim.log'), 'the readable files are scanned');
  assert.ok(errors.includes(`mail-error-codes: ${missing}: no such file or directory`), r.stderr);
  assert.ok(errors.includes(`mail-error-codes: ${dir}: is a directory`), r.stderr);
  assert.ok(errors.includes('mail-error-codes: test/fixtures/cli/binary.dat: binary file, skipped'), r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.ok(errors.every((e) => e.startsWith('mail-error-codes: ')), r.stderr);
});

test('a file without read permission is reported in one line', (t) => {
  if (process.getuid?.() === 0) {
    t.skip('running as root: chmod 000 does not prevent reading, so the permission error cannot be checked');
    return;
  }
  const { r, unreadable, errors } = badInputs();
  assert.equal(r.status, 2);
  assert.ok(errors.includes(`mail-error-codes: ${unreadable}: permission denied`), r.stderr);
  assert.equal(errors.length, 4);
});

test('a broken pipe (| head -1) ends quietly with status 0', () => {
  const big = join(dir, 'pipe.log');
  writeFileSync(big, generateLog(3e6, 1, { hard: true }));
  const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" scan "${big}" | head -1; exit \${PIPESTATUS[0]}`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.stderr, '', 'nothing on stderr');
  assert.equal(r.status, 0);
  assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
});

test('scan --format json - streams: a line\'s findings are written while standard input stays open', async () => {
  const child = spawn(process.execPath, [CLI, 'scan', '--format', 'json', '--fail-on', 'none', '-'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  /** Resolves once stdout holds `n` lines; fails if the process ends first (the deadline is the test's time-out). */
  const lines = (n: number) => new Promise<unknown[]>((res, rej) => {
    const check = () => {
      const rows = out.split('\n').filter(Boolean);
      if (rows.length >= n) {
        child.stdout.off('data', check);
        res(rows.map((l) => JSON.parse(l)));
      }
    };
    child.stdout.on('data', check);
    child.once('exit', () => rej(new Error(`exited with ${out.split('\n').filter(Boolean).length} lines: ${err}`)));
    check();
  });
  child.stdin.write('Nov 23 10:00:01 mx1 postfix/smtp[1]: A1: to=<a@example.org>, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n');
  child.stdin.write('Nov 23 10:00:02 mx1 postfix/qmgr[2]: A1: removed\n');
  const first = await lines(3);
  assert.deepEqual(first.map((r) => (r as { code: string }).code), ['5.1.1', '550', '5.1.1']);
  assert.equal((first[1] as { id: string }).id, 'reply.550', 'rows carry the catalog id, as catalog export does');
  assert.equal(child.exitCode, null, 'still running: standard input is open');
  child.stdin.write('Nov 23 10:00:03 mx1 postfix/smtp[3]: B2: to=<b@example.net>, dsn=4.2.2, status=deferred (host mx.example.net[192.0.2.2] said: 452 4.2.2 Mailbox full)\n');
  child.stdin.end();
  assert.equal(await exited, 0, err);
  assert.deepEqual(out.trim().split('\n').map((l) => JSON.parse(l).code), ['5.1.1', '550', '5.1.1', '4.2.2', '452', '4.2.2']);
});

test('--fail-on levels', () => {
  const transientOnly = join(dir, 'transient.log');
  writeFileSync(transientOnly, 'Nov 23 10:05:00 mx1 postfix/smtp[2215]: B2: to=<f@example.org>, dsn=4.2.2, status=deferred (host mx.example.org said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))\n');
  assert.equal(run(['scan', transientOnly]).status, 0, 'default: error');
  assert.equal(run(['scan', '--fail-on', 'error', transientOnly]).status, 0);
  assert.equal(run(['scan', '--fail-on', 'warning', transientOnly]).status, 1);
  assert.equal(run(['scan', '--fail-on=information', transientOnly]).status, 1);
  assert.equal(run(['scan', '--fail-on', 'none', 'test/fixtures/logs/postfix.log']).status, 0);
  assert.equal(run(['scan', 'test/fixtures/clean/app.log', 'test/fixtures/clean/nginx-access.log']).status, 0);
  assert.equal(run(['scan', '--fail-on', 'information', 'test/fixtures/clean/nginx-access.log']).stdout, '');
});

test('colour only on request: NO_COLOR and non-TTY output have no escapes, FORCE_COLOR adds them', () => {
  assert.doesNotMatch(run(['scan', 'test/fixtures/logs/postfix.log']).stdout, ESC);
  assert.doesNotMatch(run(['scan', 'test/fixtures/logs/postfix.log'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout, ESC);
  assert.doesNotMatch(run(['explain', '550'], { env: { NO_COLOR: '1' } }).stdout, ESC);
  assert.match(run(['explain', '550'], { env: { FORCE_COLOR: '1' } }).stdout, ESC);
});

test('a 10 MB single line completes', () => {
  const file = join(dir, 'one-line.log');
  writeFileSync(file, `postfix/smtp[1]: said: 550 5.1.1 ${'y'.repeat(10 * 1024 * 1024)} status=bounced said: 452 4.2.2 mailbox full`);
  const r = run(['scan', '-f', 'json', file]);
  assert.equal(r.stderr, '');
  const rows = jsonLines(r.stdout);
  assert.deepEqual(rows.map((x) => x.code), ['550', '5.1.1', '452', '4.2.2']);
  assert.ok(rows.every((x) => x.line === 1));
  assert.ok(rows[2].character > 10 * 1024 * 1024);
});

test('a 20 MB log: the CLI finds exactly what analyze() finds on the whole text (chunk boundaries lose nothing)', () => {
  const text = generateLog(20e6, 1, { hard: true });
  const file = join(dir, 'big.log');
  writeFileSync(file, text);
  const r = run(['scan', '--all', '-f', 'json', file]);
  assert.equal(r.stderr, '');
  const rows = jsonLines(r.stdout);
  const expected = analyze(text, catalog);
  assert.equal(rows.length, expected.length);
  // Spot-check positions all along the file.
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < expected.length; i += 997) {
    const f = expected[i];
    for (let nl = text.indexOf('\n', lineStart); nl >= 0 && nl < f.start; nl = text.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    assert.deepEqual([rows[i].line, rows[i].character, rows[i].code], [line, f.start - lineStart, f.code], `finding ${i}`);
  }
});

test('bin/mail-error-codes.js is executable and runs the built CLI', () => {
  const bin = join(root, 'bin/mail-error-codes.js');
  assert.ok(statSync(bin).mode & 0o111, 'executable bit set');
  assert.match(readFileSync(bin, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  const r = spawnSync(bin, ['explain', '421'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^421 — /);
});
