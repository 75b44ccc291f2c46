// Paths of custom catalogs: file URIs of every platform as paths, relative paths against the document's folder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileUriToPath, resolveAgainst } from '../../server/src/lsp/scopedSettings';
import { countFailures } from '../../server/src/core/present/failures';
import { analyze } from '../../server/src/core/analyze';
import { catalog, fixture } from '../helpers';

test('file URIs become paths, Windows drive letters and UNC shares included', () => {
  assert.equal(fileUriToPath('file:///home/me/mail%20logs'), '/home/me/mail logs');
  assert.equal(fileUriToPath('file:///c%3A/Users/me/work'), 'c:/Users/me/work');
  assert.equal(fileUriToPath('file:///C:/Users/me'), 'C:/Users/me');
  assert.equal(fileUriToPath('file://fileserver/share/catalogs'), '//fileserver/share/catalogs');
  assert.equal(fileUriToPath('file://localhost/etc/mail'), '/etc/mail');
  assert.equal(fileUriToPath('vscode-vfs://github/owner/repo'), undefined);
  assert.equal(fileUriToPath('file:///bad%E0%A4%A'), undefined);
});

test('custom catalog paths: absolute ones kept, relative ones and ${workspaceFolder} against the folder', () => {
  assert.equal(resolveAgainst('/home/me/ws', 'catalog/acme.json'), '/home/me/ws/catalog/acme.json');
  assert.equal(resolveAgainst('/home/me/ws', '${workspaceFolder}/acme.json'), '/home/me/ws/acme.json');
  assert.equal(resolveAgainst('/home/me/ws', '/etc/acme.json'), '/etc/acme.json');
  assert.equal(resolveAgainst('c:/Users/me/ws', 'acme.json'), 'c:/Users/me/ws/acme.json');
  assert.equal(resolveAgainst('c:/Users/me/ws', 'D:\\catalogs\\acme.json'), 'D:\\catalogs\\acme.json');
  assert.equal(resolveAgainst('c:/Users/me/ws', '${workspaceFolder}\\acme.json'), 'c:/Users/me/ws/acme.json');
  assert.equal(resolveAgainst(undefined, 'acme.json'), 'acme.json');
});

test('failures are counted as people count them: recipients in a bounce, lines in a log', () => {
  const bounce = fixture('eml/bounce-postfix.eml');
  // Two recipients: bob failed, carol delayed, whatever the number of codes that say so.
  assert.deepEqual(countFailures(analyze(bounce, catalog), (o) => bounce.indexOf('\n', o) + 1 || bounce.length), { unit: 'recipient', permanent: 1, transient: 1 });
  const log = 'a said: 550 5.1.1 unknown\nb said: 451 4.7.1 later\nc said: 550 5.1.1 again, 421 4.4.2 too\nd status=sent (250 2.0.0 Ok)\n';
  const found = analyze(log, catalog);
  assert.ok(found.filter((f) => f.class === 'permanent').length >= 4);
  assert.deepEqual(countFailures(found, (o) => log.indexOf('\n', o) + 1 || log.length), { unit: 'line', permanent: 2, transient: 1 });
});
