/** Choosing which exercise to show: the active editor's, or one bundled with the extension. */
import * as vscode from 'vscode';
import { t } from '../l10n';

export const EXERCISE_SUFFIX = '.tcp.yaml';

export function isExerciseUri(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith(EXERCISE_SUFFIX);
}

interface BundledItem extends vscode.QuickPickItem {
  uri: vscode.Uri;
}

/** The bundled `examples/*.tcp.yaml` and `lessons/*.tcp.yaml` files (read with `workspace.fs`). */
export async function bundledExercises(extensionUri: vscode.Uri): Promise<BundledItem[]> {
  const items: BundledItem[] = [];
  for (const folder of ['examples', 'lessons']) {
    const dir = vscode.Uri.joinPath(extensionUri, folder);
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      continue; // the folder is optional
    }
    for (const [name, type] of entries.sort((a, b) => a[0].localeCompare(b[0]))) {
      if (type === vscode.FileType.File && name.toLowerCase().endsWith(EXERCISE_SUFFIX)) {
        items.push({ label: name.slice(0, -EXERCISE_SUFFIX.length), description: `${folder}/${name}`, uri: vscode.Uri.joinPath(dir, name) });
      }
    }
  }
  return items;
}

/** The exercise the command should show: an explicit URI, the active `*.tcp.yaml` editor, or a pick. */
export async function chooseExercise(extensionUri: vscode.Uri, arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isExerciseUri(active)) return active;
  const items = await bundledExercises(extensionUri);
  if (items.length === 0) {
    void vscode.window.showWarningMessage(t('Open a *.tcp.yaml exercise file to show its diagram.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: t('TCP Tutor: Show Diagram'),
    placeHolder: t('No *.tcp.yaml editor is active: choose a bundled example or lesson'),
    matchOnDescription: true,
  });
  return picked?.uri;
}
