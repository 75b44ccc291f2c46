// The report as one self-contained HTML page: the report view's own script and style (dist/report/, built with the
// extension) and the report's data, all inline, so that the page opens offline and from anywhere. A Content Security
// Policy with a nonce lets only those two inline blocks run; the data sits in a JSON block with "<" escaped, so text
// from the log can neither close it nor become markup.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../core/report/model';

/** Where the built view is: next to the CLI bundle (dist/cli.js → dist/report/). */
const VIEW_DIR = join(__dirname, 'report');

export function reportHtml(report: Report, version: string): string {
  const script = join(VIEW_DIR, 'view.js');
  const style = join(VIEW_DIR, 'view.css');
  if (!existsSync(script) || !existsSync(style)) throw new Error(`the report page's script is missing (${script}): run npm run build`);
  const nonce = randomBytes(16).toString('base64');
  const js = readFileSync(script, 'utf8').replace(/<\/(script)/gi, '<\\/$1');
  const css = readFileSync(style, 'utf8').replace(/<\/(style)/gi, '<\\/$1');
  const data = JSON.stringify(report).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const title = `Mail log report — ${report.sources.map((s) => s.name.split(/[\\/]/).pop()).join(', ')}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'">
<meta name="generator" content="mail-error-codes ${escapeHtml(version)}">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${css}</style>
</head>
<body class="standalone">
<main id="report"></main>
<script type="application/json" id="report-data">${data}</script>
<script nonce="${nonce}">${js}</script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
