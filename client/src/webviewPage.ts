// The page of our webviews: a Content Security Policy that admits nothing but what the page names, our one script
// by a fresh nonce, and the page's own main element. Text from the user's files never goes into it: the script
// fills the page from messages.
import type * as vscode from 'vscode';

export interface PageParts {
  title: string;
  script: vscode.Uri;
  /** Sources beyond the script, by directive ("style-src 'nonce-…'", "img-src …"); given the page's nonce. */
  policy: (nonce: string) => string[];
  /** What goes in <head> besides the policy and the title (a stylesheet link, a <style> with the nonce). */
  head: (nonce: string) => string;
  /** The initial <main>, shown until the script has drawn the page. */
  main: string;
}

export function webviewPage(webview: vscode.Webview, parts: PageParts): string {
  const nonce = [...globalThis.crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const policy = [`default-src 'none'`, ...parts.policy(nonce), `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${parts.head(nonce)}
<title>${parts.title}</title>
</head>
<body>
${parts.main}
<script nonce="${nonce}" src="${webview.asWebviewUri(parts.script).toString()}"></script>
</body>
</html>`;
}
