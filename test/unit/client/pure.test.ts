// The client's editor-independent parts: code under the cursor, detail page addresses and Markdown, the Catalog
// view's grouping, plain-text explanations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CatalogIndex, codeKey, entryLabel } from '../../../client/src/catalogIndex';
import { codeAt, textToExplain } from '../../../client/src/codeAtCursor';
import { labelEntryLinks, neutralizeCommandLinks, prepareDetailMarkdown, relativizeDetailLinks } from '../../../client/src/detail/detailMarkdown';
import { entryAddress, entryFileName, parseAddress, textAddress } from '../../../client/src/detail/detailUri';
import { markdownToPlainText } from '../../../client/src/detail/plainText';
import { buildCatalogTree } from '../../../client/src/views/catalogModel';
import { entryPage } from '../../../server/src/core/present/markdown';
import type { CatalogEntry } from '../../../server/src/core/types';
import { catalog } from '../../helpers';

// A few synthetic entries next to the real catalog, so these tests do not depend on which catalog files exist yet.
const synthetic = (id: string, family: CatalogEntry['family'], code: string, extra: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id, family, code, title: `Title of ${code}`, meaning: `Meaning of ${code}, long enough.`, causes: [], actions: { sender: ['x'] },
  severity: 'permanent', sources: [{ title: 'test' }], ...extra,
});
const extra = [
  synthetic('enhanced.x.1.1', 'enhanced', 'X.1.1', { severity: 'both', related: ['550', 'reply.551'] }),
  synthetic('enhanced.x.1.10', 'enhanced', 'X.1.10', { severity: 'both' }),
  synthetic('enhanced.x.1.2', 'enhanced', 'X.1.2', { severity: 'both' }),
  synthetic('enhanced.x.7.1', 'enhanced', 'X.7.1', { severity: 'both' }),
];
const entries = [...catalog.entries.filter((e) => !extra.some((x) => x.id === e.id)), ...extra];
const index = new CatalogIndex(entries, catalog.structure);
const line = 'said: 550 5.1.1 <bob@example.org> and Outlook 0x800CCC0E, 800ccc0f, SMTP_550_MAILBOX_NOT_FOUND, v1.2.3';

test('codeAt picks the most specific code under the cursor, end included', () => {
  const at = (needle: string, delta = 0) => codeAt(line, line.indexOf(needle) + delta)?.text;
  assert.equal(at('550 '), '550');
  assert.equal(at('550 ', 3), '550');
  assert.equal(at('5.1.1', 2), '5.1.1');
  assert.equal(at('0x800CCC0E', 5), '0x800CCC0E');
  assert.equal(at('800ccc0f', 1), '800ccc0f');
  assert.equal(at('SMTP_550', 6), 'SMTP_550_MAILBOX_NOT_FOUND');
  assert.equal(at('bob'), undefined);
  assert.equal(at('1.2.3', 1), undefined, 'a version number is not an enhanced code');
  assert.equal(codeAt('error 80000000 here', 8), undefined, 'a bare hex number needs a letter');
  assert.equal(codeAt('see #5.7.1.', 6)?.text, '5.7.1');
});

test('textToExplain prefers the selection', () => {
  assert.equal(textToExplain('  550 5.7.26 Unauthenticated  ', line, 0), '550 5.7.26 Unauthenticated');
  assert.equal(textToExplain('', line, line.indexOf('5.1.1')), '5.1.1');
  assert.equal(textToExplain('', 'nothing here', 3), undefined);
});

test('codeKey spells codes the way the catalog keys them', () => {
  assert.equal(codeKey('5.1.1'), 'X.1.1');
  assert.equal(codeKey('x.01.1'), 'X.1.1');
  assert.equal(codeKey('800ccc0e'), '0x800CCC0E');
  assert.equal(codeKey('550'), '550');
  assert.equal(index.resolve('5.1.1')?.id, 'enhanced.x.1.1');
  assert.equal(index.resolve('0x800ccc0e')?.id, 'outlook.0x800ccc0e');
  assert.equal(index.resolve('550')?.id, 'reply.550');
});

test('detail addresses round-trip and start with the code (the tab title)', () => {
  for (const entry of entries) {
    const address = entryAddress(entry);
    assert.deepEqual(parseAddress(address), { id: entry.id }, entry.id);
    assert.ok(!address.path.slice(1).includes('/'), `${entry.id}: a single path segment`);
  }
  const x11 = index.get('enhanced.x.1.1')!;
  assert.equal(entryFileName(x11), 'X.1.1 (enhanced.x.1.1).md');
  assert.deepEqual(parseAddress(textAddress('550 5.7.26 a/b "c"')), { text: '550 5.7.26 a/b "c"' });
  assert.ok(textAddress('0x800CCC0E').path.startsWith('/0x800CCC0E'));
  assert.deepEqual(parseAddress({ path: '/reply.550.md', query: '' }), { id: 'reply.550' }, 'the server links pages as <id>.md');
  assert.deepEqual(parseAddress({ path: '/5.1.1.md', query: '' }), { text: '5.1.1' });
  assert.equal(parseAddress({ path: '/', query: '' }), undefined);
});

test('detail Markdown: no command links, related pages linked relatively with their code as name', () => {
  assert.equal(neutralizeCommandLinks('[run](command:workbench.action.quit) <a href="command:x">'), 'run <a href="#x">');
  assert.equal(relativizeDetailLinks('[550](mail-error-codes:/reply.550.md)'), '[550](<reply.550.md>)');
  assert.equal(labelEntryLinks('[5.1.1](enhanced.x.1.1.md)', index), '[5.1.1](<X.1.1 (enhanced.x.1.1).md>)');
  const withRelated = catalog.entries.find((e) => e.related?.some((r) => index.resolve(r) && index.resolve(r) !== e));
  if (withRelated) {
    const page = prepareDetailMarkdown(entryPage(withRelated, catalog, (e) => `${e.id}.md`), withRelated, index);
    assert.match(page, /\]\(<[^>]+ \([a-z0-9._-]+\)\.md>\)/, 'the server\'s related links get their code as name');
    assert.doesNotMatch(page, /command:/);
  }
  const x11 = index.get('enhanced.x.1.1')!;
  const withoutLinks = prepareDetailMarkdown('# X.1.1\n\nText.', x11, index);
  assert.match(withoutLinks, /\*\*Related:\*\* \[550\]\(<550 \(reply\.550\)\.md>\)/);
});

test('plain-text explanations carry no Markdown syntax', () => {
  const text = markdownToPlainText('# 550 — Mailbox unavailable\n\n**Class:** permanent  \n- [RFC 5321](https://www.rfc-editor.org/rfc/rfc5321) section `4.2.3`\n- *see* [5.1.1](<X.1.1 (enhanced.x.1.1).md>)\n\n| a | b |\n|---|---|\n');
  assert.doesNotMatch(text, /\*\*|^#|\]\(|`/m);
  assert.match(text, /^550 — Mailbox unavailable/);
  assert.match(text, /RFC 5321 \(https:\/\/www\.rfc-editor\.org\/rfc\/rfc5321\) section 4\.2\.3/);
  assert.match(text, /- see 5\.1\.1/);
});

test('the Catalog view groups replies by class, enhanced codes by subject, providers by name', () => {
  const tree = buildCatalogTree(entries, catalog.structure);
  assert.deepEqual(tree.map((f) => f.family), ['reply', 'enhanced', 'outlook', 'provider']);
  const reply = tree[0];
  assert.deepEqual(reply.groups.map((g) => g.label), ['2xx', '3xx', '4xx', '5xx']);
  assert.ok(reply.groups.every((g) => g.entries.every((e) => e.code[0] === g.label[0])));
  assert.ok(reply.groups.every((g) => g.description), 'class titles come from the catalog structure');
  const enhanced = tree[1];
  assert.deepEqual(enhanced.groups.map((g) => g.label), [...new Set(enhanced.groups.map((g) => g.label))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  assert.ok(enhanced.groups.some((g) => g.label === 'X.1.x' && g.description), 'subject titles come from the catalog structure');
  const x1 = enhanced.groups.find((g) => g.label === 'X.1.x')!;
  // Numeric order of the detail: X.1.2 before X.1.10.
  const details = x1.entries.map((e) => Number(e.code.split('.')[2]));
  assert.deepEqual(details, [...details].sort((a, b) => a - b));
  assert.ok(details.includes(10) && details.indexOf(2) < details.indexOf(10));
  assert.ok(tree[3].groups.every((g) => g.entries.every((e) => (e.providerKind === 'mta' ? `${e.providerName} default replies` : e.providerName) === g.label)));
  // Mail server software is no provider: its group says so.
  assert.ok(tree[3].groups.some((g) => g.label === 'Postfix default replies'));
  assert.equal(tree.reduce((n, f) => n + f.count, 0), entries.length, 'every entry is in the tree once');
  assert.equal(tree.reduce((n, f) => n + f.groups.reduce((m, g) => m + g.entries.length, 0), 0), entries.length);
  const filtered = buildCatalogTree(entries, catalog.structure, new Set(['enhanced.x.1.1']));
  assert.equal(filtered.length, 1);
  assert.equal(entryLabel(filtered[0].groups[0].entries[0]), 'X.1.1');
});
