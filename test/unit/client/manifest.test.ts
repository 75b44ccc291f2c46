// The extension manifest agrees with itself and with the code: every command is registered and activates the
// extension, menus name declared commands, grammar and language files exist, settings have the documented defaults.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SUPPORTED_LANGUAGES } from '../../../client/src/languages';
import { root } from '../../helpers';
import { DEFAULT_INCLUDE } from '../../../server/src/lsp/settings';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const commandIds: string[] = contributes.commands.map((c: { command: string }) => c.command);
const clientSources = (function read(dir: string): string {
  return readdirSync(dir).map((n) => (statSync(join(dir, n)).isDirectory() ? read(join(dir, n)) : readFileSync(join(dir, n), 'utf8'))).join('\n');
})(join(root, 'client/src'));

test('every contributed command is registered by the client, activates it and has the category', () => {
  const registered = [...clientSources.matchAll(/register\('([\w.]+)'/g)].map((m) => m[1]);
  assert.deepEqual([...commandIds].sort(), [...new Set(registered)].sort());
  for (const c of contributes.commands) assert.equal(c.category, 'Mail Error Codes', c.command);
  for (const id of commandIds) assert.ok(pkg.activationEvents.includes(`onCommand:${id}`), id);
  const titles = Object.fromEntries(contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]));
  assert.equal(titles['mailErrorCodes.lookup'], 'Look Up Code…');
  assert.equal(titles['mailErrorCodes.explainAtCursor'], 'Explain Code at Cursor');
  assert.equal(titles['mailErrorCodes.copyExplanation'], 'Copy Explanation');
});

test('menus only name declared commands (or a view focus command)', () => {
  for (const [menu, items] of Object.entries(contributes.menus) as [string, { command: string }[]][]) {
    for (const item of items) assert.ok(commandIds.includes(item.command) || item.command.endsWith('.focus'), `${menu}: ${item.command}`);
  }
  assert.ok(contributes.menus['editor/context'].some((m: { command: string; when: string }) => m.command === 'mailErrorCodes.lookupSelection' && m.when === 'editorHasSelection'));
});

test('activation: languages, commands, views and the detail file system; never "*"', () => {
  assert.ok(!pkg.activationEvents.includes('*'));
  for (const language of SUPPORTED_LANGUAGES) assert.ok(pkg.activationEvents.includes(`onLanguage:${language}`), language);
  for (const view of contributes.views.mailErrorCodes) assert.ok(pkg.activationEvents.includes(`onView:${view.id}`), view.id);
  assert.deepEqual(contributes.views.mailErrorCodes.map((v: { id: string }) => v.id).sort(), ['mailErrorCodes.catalog', 'mailErrorCodes.inThisFile']);
  assert.equal(contributes.viewsContainers.activitybar[0].id, 'mailErrorCodes');
  assert.equal(pkg.main, './dist/client/node.js');
  assert.equal(pkg.browser, './dist/client/browser.js');
  // Restricted Mode: everything works but custom catalogs, which a repository could use to replace the advice or to
  // make the server read files (the server also reads them only when told the workspace is trusted).
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['mailErrorCodes.customCatalogs']);
  assert.ok(pkg.capabilities.untrustedWorkspaces.description);
  assert.equal(pkg.capabilities.virtualWorkspaces, true);
});

test('grammar, language configuration and icon files exist and name the scopes the manifest says', () => {
  for (const grammar of contributes.grammars) {
    const file = join(root, grammar.path);
    assert.ok(existsSync(file), grammar.path);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).scopeName, grammar.scopeName, grammar.path);
  }
  for (const language of contributes.languages) assert.ok(existsSync(join(root, language.configuration)), language.configuration);
  assert.ok(existsSync(join(root, pkg.icon)));
  assert.ok(existsSync(join(root, contributes.viewsContainers.activitybar[0].icon)));
  const png = readFileSync(join(root, pkg.icon));
  assert.equal(png.readUInt32BE(16), 128, 'icon width');
  assert.equal(png.readUInt32BE(20), 128, 'icon height');
});

test('settings exist with the documented defaults', () => {
  const p = contributes.configuration.properties;
  for (const f of ['reply', 'enhanced', 'outlook', 'provider']) assert.equal(p[`mailErrorCodes.families.${f}`].default, true);
  assert.equal(p['mailErrorCodes.severity.permanent'].default, 'error');
  assert.equal(p['mailErrorCodes.severity.transient'].default, 'warning');
  assert.equal(p['mailErrorCodes.severity.unknown'].default, 'information');
  assert.deepEqual(p['mailErrorCodes.severity.byFamily'].default, {});
  assert.equal(p['mailErrorCodes.showSuccessCodes'].default, false);
  // The server falls back to the same list when the client sends none.
  assert.deepEqual(p['mailErrorCodes.files.include'].default, DEFAULT_INCLUDE);
  assert.equal(p['mailErrorCodes.maxDiagnosticsPerFile'].default, 1000);
  assert.equal(p['mailErrorCodes.maxDiagnosticsPerFile'].minimum, 0);
  assert.deepEqual(p['mailErrorCodes.customCatalogs'].default, []);
  assert.deepEqual(p['mailErrorCodes.trace.server'].enum, ['off', 'messages', 'verbose']);
  for (const [name, schema] of Object.entries(p) as [string, { markdownDescription?: string; description?: string }][]) {
    assert.ok(schema.markdownDescription || schema.description, `${name} is documented`);
  }
});
