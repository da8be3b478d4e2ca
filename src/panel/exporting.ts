/**
 * Export requests from the page: the page makes the text/SVG/PNG, the host owns the clipboard and
 * the file system (the page has neither).
 */
import * as vscode from 'vscode';
import type { ToHost } from '../protocol/messages';
import { baseName } from './load';
import { t } from '../l10n';

type ExportMessage = Extract<ToHost, { type: 'export/copy' | 'export/svg' | 'export/png' }>;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A default target next to the exercise (or in the first workspace folder for bundled files). */
function defaultTarget(source: vscode.Uri | undefined, extensionUri: vscode.Uri, ext: string, suffix = ''): vscode.Uri | undefined {
  const name = `${source ? baseName(source) : 'diagram'}${suffix}.${ext}`;
  const bundled = source !== undefined && source.scheme === extensionUri.scheme && source.path.startsWith(`${extensionUri.path}/`);
  if (source && source.scheme === 'file' && !bundled) return vscode.Uri.joinPath(source, '..', name);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : undefined;
}

async function saveBytes(bytes: Uint8Array, target: vscode.Uri | undefined, filterName: string, ext: string): Promise<void> {
  const uri = await vscode.window.showSaveDialog({
    ...(target ? { defaultUri: target } : {}),
    filters: { [filterName]: [ext] },
    saveLabel: t('Save'),
  });
  if (!uri) return;
  await vscode.workspace.fs.writeFile(uri, bytes);
  void vscode.window.showInformationMessage(t('Saved {0}.', vscode.workspace.asRelativePath(uri, false)));
}

export async function saveExport(message: ExportMessage, source: vscode.Uri | undefined, extensionUri: vscode.Uri): Promise<void> {
  switch (message.type) {
    case 'export/copy':
      await vscode.env.clipboard.writeText(message.text);
      void vscode.window.showInformationMessage(
        message.format === 'markdown' ? t('Copied the diagram as a Markdown mermaid block.') : t('Copied the Mermaid source.'),
      );
      break;
    case 'export/svg':
      await saveBytes(new TextEncoder().encode(message.svg), defaultTarget(source, extensionUri, 'svg'), t('SVG image'), 'svg');
      break;
    case 'export/png': {
      const bytes = Buffer.from(message.base64, 'base64');
      if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) {
        void vscode.window.showErrorMessage(t('The page did not produce a PNG image.'));
        return;
      }
      await saveBytes(new Uint8Array(bytes), defaultTarget(source, extensionUri, 'png', message.background === 'dark' ? '-dark' : ''), t('PNG image'), 'png');
      break;
    }
  }
}
