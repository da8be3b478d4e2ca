import * as vscode from 'vscode';
import type { Lang } from '../common/text';
import { checkExercise, type Diagnostic } from '../exercise/index';
import { t } from '../l10n';

/** Exercise files are recognised by name: `*.tcp.yaml` (they stay plain YAML for YAML tooling). */
export function isExerciseDocument(doc: vscode.TextDocument): boolean {
  return doc.uri.path.endsWith('.tcp.yaml');
}

export function toVscodeDiagnostic(d: Diagnostic): vscode.Diagnostic {
  const start = new vscode.Position(Math.max(0, d.line - 1), Math.max(0, d.column - 1));
  const end = new vscode.Position(Math.max(0, d.endLine - 1), Math.max(0, d.endColumn - 1));
  const range = end.isAfter(start) ? new vscode.Range(start, end) : new vscode.Range(start, start.translate(0, 1));
  const diag = new vscode.Diagnostic(range, d.message, d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error);
  diag.source = 'tcp-tutor';
  diag.code = d.code;
  return diag;
}

/**
 * Reports every problem `tcp-tutor check` finds in open exercise files, as the learner types:
 * debounced per document, and a result that arrives for an older version of the text is dropped.
 */
export class ExerciseDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('tcp-tutor');
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly lang: () => Lang,
    private readonly delayMs = 300,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, this.delayMs)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    );
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isExerciseDocument(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.pending.get(key));
    const version = doc.version;
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        if (doc.isClosed || doc.version !== version) return; // stale: a newer change is scheduled
        this.collection.set(doc.uri, this.check(doc));
      }, delay),
    );
  }

  /** Problems of one document now (also used by the preview to decide what to show). */
  check(doc: vscode.TextDocument): vscode.Diagnostic[] {
    const name = doc.uri.path.split('/').pop() ?? doc.uri.path;
    try {
      return checkExercise(doc.getText(), name, this.lang()).map(toVscodeDiagnostic);
    } catch (e) {
      // A checker bug must not take the editor down; show it where the author will see it.
      return [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), t('TCP Tutor could not check this file: {0}', (e as Error).message))];
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
