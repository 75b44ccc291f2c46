// The nonce a webview's Content Security Policy allows its own script (and style) by: fresh for each page.
export function webviewNonce(): string {
  return [...globalThis.crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
