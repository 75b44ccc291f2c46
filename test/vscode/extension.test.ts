// Integration tests in a real VS Code: activation, diagnostics, hovers, the views, the status bar, the lookup and
// the detail pages. Run with `npm run test:vscode`.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MailErrorCodesApi } from '../../client/src/api';
import { activateExtension, eventually, fixture, hoverText, openFixture, positionOf, tabLabels } from './helpers';
import { suite, suiteSetup, test } from './mocha';

suite('Mail Error Codes extension', () => {
  let api: MailErrorCodesApi;

  suiteSetup(async () => {
    api = await activateExtension();
  });

  test('mail.log is a Mail Log, .eml an Email Message', async () => {
    assert.equal((await vscode.workspace.openTextDocument(fixture('mail.log'))).languageId, 'mail-log');
    assert.equal((await vscode.workspace.openTextDocument(fixture('bounce.eml'))).languageId, 'eml');
  });

  test('diagnostics: 5xx as errors, 4xx as warnings, 2xx not reported', async () => {
    const editor = await openFixture('mail.log');
    const diagnostics = await eventually('diagnostics on mail.log', () => {
      const d = vscode.languages.getDiagnostics(editor.document.uri);
      return d.length ? d : undefined;
    });
    const bounced = diagnostics.filter((d) => d.range.start.line === 0);
    assert.ok(bounced.some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'line 1 (550 5.1.1) has an error');
    const deferred = diagnostics.filter((d) => d.range.start.line === 1);
    assert.ok(deferred.some((d) => d.severity === vscode.DiagnosticSeverity.Warning), 'line 2 (451 4.7.1) has a warning');
    const sent = diagnostics.filter((d) => d.range.start.line === 2);
    assert.ok(!sent.some((d) => /^250\b/.test(d.message) || d.severity === vscode.DiagnosticSeverity.Error), 'line 3 (250 2.0.0) is not reported by default');
  });

  test('hover explains the code under the mouse', async () => {
    const editor = await openFixture('mail.log');
    const position = positionOf(editor.document, '550 5.1.1').translate(0, 1);
    const hovers = await eventually('a hover on 550', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
      return h?.length ? h : undefined;
    });
    assert.match(hoverText(hovers), /550/);
  });

  test('In This File lists the codes, worst first, with counts', async () => {
    await openFixture('mail.log');
    const items = await eventually('In This File items', async () => {
      const i = await api.inThisFile();
      return i.length ? i : undefined;
    });
    assert.equal(items[0].icon, 'error');
    assert.ok(items.some((i) => i.icon === 'warning'), 'the transient code has a warning icon');
    const permanent = items.find((i) => i.label === '550');
    assert.ok(permanent, '550 is listed');
    assert.equal(permanent.icon, 'error');
    assert.match(permanent.description ?? '', /^2 ×/, 'two lines say 550');
    assert.equal(permanent.command?.command, 'mailErrorCodes.revealNext');
  });

  test('Reveal Next Occurrence walks through the occurrences of a code', async () => {
    const editor = await openFixture('mail.log');
    const items = await api.inThisFile();
    const code = items[0].label;
    const first = await api.revealNext(code);
    const second = await api.revealNext(code);
    assert.ok(first && second);
    assert.ok(!first.start.isEqual(second.start), 'the second click goes to another occurrence');
    assert.ok(editor.selection.start.isEqual(second.start), 'the occurrence is selected');
  });

  test('the status bar counts failed and deferred deliveries (one per line), only for supported files', async () => {
    await openFixture('mail.log');
    const shown = await eventually('status bar counts', () => {
      const s = api.statusBar();
      return s.visible && /^\$\(mail\) \d+ failed, \d+ deferred$/.test(s.text) ? s : undefined;
    });
    assert.equal(shown.text, '$(mail) 2 failed, 1 deferred');
    await openFixture('notes.md');
    await eventually('status bar hidden for Markdown', () => !api.statusBar().visible);
  });

  test('the Catalog view groups families and classes, and filters', async () => {
    const families = await api.catalogTree();
    const labels = families.map((f) => f.label);
    for (const label of ['SMTP Reply Codes', 'Enhanced Status Codes', 'Outlook Error Codes', 'Provider Bounces']) assert.ok(labels.includes(label), label);
    const reply = families.find((f) => f.label === 'SMTP Reply Codes');
    assert.deepEqual(reply?.children?.map((g) => g.label), ['2xx', '3xx', '4xx', '5xx']);
    const x550 = reply?.children?.find((g) => g.label === '5xx')?.children?.find((e) => e.label === '550');
    assert.ok(x550?.tooltip && x550.tooltip.length > 20, '550 has its meaning as tooltip');
    assert.equal(x550?.command?.command, 'mailErrorCodes.showDetail');

    await api.setCatalogFilter('5.1.1');
    const filtered = await api.catalogTree();
    const enhanced = filtered.find((f) => f.label === 'Enhanced Status Codes');
    assert.ok(enhanced?.children?.some((g) => g.children?.some((e) => e.label.startsWith('X.1.1'))), 'X.1.1 survives the filter');
    await api.setCatalogFilter('');
  });

  test('Look Up Code ranks the right entry first however the code is typed', async () => {
    const first = async (query: string) => (await api.lookup(query))[0]?.entryId;
    assert.equal(await first('550'), 'reply.550');
    assert.equal(await first('5.1.1'), 'enhanced.x.1.1');
    assert.equal(await first('5 1 1'), 'enhanced.x.1.1');
    assert.equal(await first('0x800ccc0e'), 'outlook.0x800ccc0e');
    assert.equal(await first('800CCC0E'), 'outlook.0x800ccc0e');
    assert.match((await api.lookup('SMTP_550'))[0]?.label ?? '', /SMTP_550/);
    assert.match(await first('gmail dmarc') ?? '', /^provider\.gmail\..*dmarc/);
    const items = await api.lookup('mailbox full');
    assert.match(`${items[0]?.label} ${items[0]?.description}`, /full|quota|storage/i);
  });

  test('detail pages open as Markdown previews titled with the code', async () => {
    await vscode.commands.executeCommand('mailErrorCodes.showDetail', 'reply.550');
    await eventually('a tab for 550', () => tabLabels().some((l) => l.includes('550')));
    const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(await api.detailUri('reply.550')));
    assert.match(page, /550/);
    assert.doesNotMatch(page, /\]\(\s*<?command:/i, 'no command links');
  });

  test('Explain Code at Cursor and Copy Explanation use the code under the cursor', async () => {
    const editor = await openFixture('ticket.txt');
    const position = positionOf(editor.document, '0x800CCC0E').translate(0, 3);
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('mailErrorCodes.explainAtCursor');
    await eventually('a tab for 0x800CCC0E', () => tabLabels().some((l) => l.toUpperCase().includes('0X800CCC0E')));

    await vscode.window.showTextDocument(editor.document);
    editor.selection = new vscode.Selection(position, position);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('mailErrorCodes.copyExplanation');
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /800CCC0E/i);
    assert.doesNotMatch(copied, /\*\*|^#/m, 'plain text, no Markdown');
  });
});
