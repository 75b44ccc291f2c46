// The TextMate grammars, tokenized by the same engine VS Code uses (vscode-textmate + Oniguruma).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';
import { analyze } from '../../server/src/core/analyze';
import { catalog, fixture, root } from '../helpers';

const files: Record<string, string> = {
  'source.mail-log': 'syntaxes/mail-log.tmLanguage.json',
  'text.eml': 'syntaxes/eml.tmLanguage.json',
  'mail-codes.injection': 'syntaxes/mail-codes.injection.tmLanguage.json',
  // A stand-in for VS Code's built-in Log grammar, so the injection has a host to inject into.
  'text.log': '',
};
let registry: Registry;

before(async () => {
  const wasm = readFileSync(join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      if (scope === 'text.log') return parseRawGrammar(JSON.stringify({ scopeName: 'text.log', patterns: [] }), 'log.json');
      const file = files[scope];
      return file ? parseRawGrammar(readFileSync(join(root, file), 'utf8'), file) : null;
    },
    getInjections: (scope) => (scope === 'text.log' || scope === 'text.eml' ? ['mail-codes.injection'] : undefined),
  });
});

function scopesOf(grammar: IGrammar, line: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of grammar.tokenizeLine(line, INITIAL).tokens) out.set(line.slice(t.startIndex, t.endIndex), t.scopes.join(' '));
  return out;
}
const scopeFor = (scopes: Map<string, string>, text: string) => [...scopes].find(([k]) => k.includes(text))?.[1] ?? '';

test('mail-log colours timestamps, hosts, queue ids, addresses, status values and codes', async () => {
  const grammar = (await registry.loadGrammar('source.mail-log'))!;
  const line = 'Nov 23 10:01:02 mx1 postfix/smtp[2211]: 4F3A21C0: to=<bob@example.org>, relay=mx.example.org[203.0.113.5]:25, dsn=5.1.1, status=bounced (host mx.example.org[203.0.113.5] said: 550 5.1.1 <bob@example.org>: User unknown (in reply to RCPT TO command))';
  const s = scopesOf(grammar, line);
  assert.match(scopeFor(s, 'Nov 23 10:01:02'), /source\.mail-log .+/);
  assert.notEqual(scopeFor(s, '4F3A21C0'), 'source.mail-log');
  assert.notEqual(scopeFor(s, 'bob@example.org'), 'source.mail-log');
  assert.match(scopeFor(s, 'bounced'), /invalid|deleted|error/);
  assert.notEqual(scopeFor(s, '550'), 'source.mail-log');
  const sent = scopesOf(grammar, line.replace('status=bounced', 'status=sent'));
  assert.notEqual(scopeFor(sent, 'sent'), scopeFor(s, 'bounced'), 'sent and bounced look different');
});

test('the injection colours codes inside log files, and leaves other numbers alone', async () => {
  const grammar = (await registry.loadGrammar('text.log'))!;
  const s = scopesOf(grammar, 'host said: 550 5.1.1 unknown; error 0x800CCC0E; size: 500 version 2.4.1');
  assert.match(scopeFor(s, '550'), /mail-codes|invalid/);
  assert.match(scopeFor(s, '5.1.1'), /mail-codes|invalid/);
  assert.match(scopeFor(s, '0x800CCC0E'), /mail-codes|invalid|constant/);
  assert.equal(scopeFor(s, '500'), 'text.log');
});

/** Where the scanner finds codes in a fixture, as "line:start-end" (0-based line and columns). */
function scannerRanges(text: string, name: string): Set<string> {
  const starts = [0];
  for (const m of text.matchAll(/\r\n?|\n/g)) starts.push(m.index + m[0].length);
  const out = new Set<string>();
  for (const f of analyze(text, catalog, name.endsWith('.eml') ? { message: true } : {})) {
    if (f.family !== 'reply' && f.family !== 'enhanced' && f.family !== 'outlook') continue;
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= f.start) line++;
    out.add(`${line}:${f.start - starts[line]}-${f.end - starts[line]}`);
  }
  return out;
}

test('the grammars colour no code the scanner does not find, on every fixture', async () => {
  const fixtures = ['logs', 'eml', 'clean', 'real/logs', 'real/bounces', 'real/nonmail'].flatMap((dir) =>
    readdirSync(join(root, 'test/fixtures', dir)).filter((n) => !n.endsWith('.expected') && !n.endsWith('.md')).map((n) => `${dir}/${n}`));
  const differences: string[] = [];
  let coloured = 0;
  for (const name of fixtures) {
    const text = fixture(name);
    const found = scannerRanges(text, name);
    const scopes = name.endsWith('.eml') ? ['text.eml'] : ['text.log', 'source.mail-log'];
    for (const scope of scopes) {
      const grammar = (await registry.loadGrammar(scope))!;
      let stack = INITIAL;
      text.split(/\r\n?|\n/).forEach((line, n) => {
        const result = grammar.tokenizeLine(line, stack);
        stack = result.ruleStack;
        for (const t of result.tokens) {
          if (!t.scopes.some((s) => s.includes('.mail-code.'))) continue;
          coloured++;
          if (!found.has(`${n}:${t.startIndex}-${t.endIndex}`)) differences.push(`${name}:${n + 1} ${scope} colours ${JSON.stringify(line.slice(t.startIndex, t.endIndex))}`);
        }
      });
    }
  }
  assert.ok(coloured > 300, `the grammars colour codes at all (${coloured})`);
  assert.deepEqual(differences, []);
});
