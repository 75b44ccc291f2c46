// Opens a detail page in the built-in Markdown preview editor: rendered by VS Code itself (theme, find, web support),
// scripts off, and each related link opens the linked page as its own preview.
import * as vscode from 'vscode';
import type { CatalogEntry } from '../../../server/src/core/types';
import { DETAIL_SCHEME, entryAddress, textAddress, type DetailAddress } from './detailUri';

// The custom editor the Markdown extension registers for "Open With… > Markdown Preview".
const MARKDOWN_PREVIEW_EDITOR = 'vscode.markdown.preview.editor';

export function detailUri(address: DetailAddress): vscode.Uri {
  return vscode.Uri.from({ scheme: DETAIL_SCHEME, path: address.path, query: address.query });
}

export function entryDetailUri(entry: CatalogEntry): vscode.Uri {
  return detailUri(entryAddress(entry));
}

export function textDetailUri(text: string): vscode.Uri {
  return detailUri(textAddress(text));
}

export async function openDetail(uri: vscode.Uri, column: vscode.ViewColumn = vscode.ViewColumn.Active): Promise<void> {
  try {
    await vscode.commands.executeCommand('vscode.openWith', uri, MARKDOWN_PREVIEW_EDITOR, column);
  } catch {
    // The Markdown extension can be disabled: the page source is still readable as a read-only document.
    await vscode.window.showTextDocument(uri, { viewColumn: column, preview: true });
  }
}
