// The documents the extension works on. The manifest's activation events and the server's document selector must
// name the same languages; keep them in step with package.json (contributes.languages, activationEvents).
import type { DocumentSelector } from 'vscode-languageclient';

export const SUPPORTED_LANGUAGES = ['mail-log', 'eml', 'log', 'plaintext'] as const;
// Files and unsaved buffers, also as a web extension host sees them (vscode-remote: files of the machine VS Code
// Server runs on, vscode-vfs: virtual workspaces such as github.dev). Git, output and our own detail pages are not.
export const SUPPORTED_SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'] as const;

export const documentSelector: DocumentSelector = SUPPORTED_LANGUAGES.flatMap((language) =>
  SUPPORTED_SCHEMES.map((scheme) => ({ scheme, language })),
);

export interface DocumentLike {
  languageId: string;
  uri: { scheme: string };
}

export function isSupportedDocument(doc: DocumentLike): boolean {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(doc.languageId)
    && (SUPPORTED_SCHEMES as readonly string[]).includes(doc.uri.scheme);
}
