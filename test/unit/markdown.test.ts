// Hostile text from a file never becomes a link, HTML, an image or a command in what we render.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryPage, escape, explanationMarkdown } from '../../server/src/core/present/markdown';
import { catalog } from '../helpers';

const hostile = "550 5.1.1 [click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> <script>alert(1)</script> ![i](https://evil.example/x.png) `code` **bold** https://evil.example";

test('escape() neutralises Markdown, HTML and links', () => {
  const e = escape(hostile);
  assert.doesNotMatch(e, /(?<!\\)[[\]()<>`*!]/);
  assert.doesNotMatch(e, /(?<!\\):/);
});

test('an explanation of hostile text contains no live link, HTML or command', () => {
  const md = explanationMarkdown(catalog.explain(hostile));
  assert.ok(md.length > 100);
  assert.doesNotMatch(md, /\]\(command:/);
  assert.doesNotMatch(md, /<script|<img/);
  for (const m of md.matchAll(/\]\(([^)]*)\)/g)) assert.match(m[1], /^https:\/\/(www\.rfc-editor\.org|www\.iana\.org|learn\.microsoft\.com|support\.google\.com|[a-z.]+)\//, m[1]);
});

test('a custom entry with hostile text renders inert on its detail page', () => {
  const custom = catalog.withCustom([{ id: 'custom.evil', family: 'provider', provider: 'acme', providerName: 'Acme <b>', code: '550 [x](command:evil)', title: '<script>alert(1)</script>', meaning: '[click me](command:workbench.action.files.delete) please', causes: ['<img src=x>'], actions: { sender: ['`rm -rf`'] }, severity: 'permanent', codes: ['550'], sources: [{ title: 'x](command:evil)' }], origin: '/tmp/c.json' }]);
  const page = entryPage(custom.get('custom.evil')!, custom, (e) => `${e.id}.md`);
  assert.doesNotMatch(page, /(?<!\\)\]\(command:|(?<!\\)<(?:script|img|b)/);
});
