import * as vscode from 'vscode';
import { ExerciseDiagnostics, isExerciseDocument } from './authoring/diagnostics';
import { tcpFencePlugin } from './authoring/markdown';
import { STARTER_TEMPLATE } from './exercise/index';
import { currentLang } from './lang';
import { LessonsTree } from './lessons/tree';
import { DiagramPanel } from './panel/diagramPanel';
import { chooseExercise } from './panel/pick';
import { pickPractice } from './practice';
import { ProgressStore, progressToCsv, progressToJson } from './progress/store';
import { t } from './l10n';

/** What VS Code's Markdown preview asks of an extension contributing `markdown.markdownItPlugins`. */
interface MarkdownApi {
  extendMarkdownIt(md: unknown): unknown;
}

export function activate(context: vscode.ExtensionContext): MarkdownApi {
  const progress = new ProgressStore(context.globalState);
  // A reopened lesson (or one restored after a reload) continues where the learner left it.
  DiagramPanel.priorAnswers = (exerciseId, questionId) => {
    const q = progress.exercise(exerciseId)?.questions[questionId];
    return q ? { attempts: q.attempts, done: q.correct || q.revealed } : undefined;
  };
  const lessons = new LessonsTree(context.extensionUri, progress, currentLang);
  const show = async (uri: vscode.Uri, exerciseId?: string): Promise<void> => {
    // A file of the course or a pack keeps its progress under the lesson's id.
    const id = exerciseId ?? (await lessons.lessonFor(uri))?.id;
    await DiagramPanel.show(context.extensionUri, uri, id ? { exerciseId: id } : {});
  };

  context.subscriptions.push(
    lessons,
    vscode.window.createTreeView(LessonsTree.viewId, { treeDataProvider: lessons, showCollapseAll: true }),
    new ExerciseDiagnostics(currentLang),
    DiagramPanel.onQuestionAnswered((e) => {
      progress.record({ ...e, at: new Date() }).catch((err: unknown) => {
        void vscode.window.showErrorMessage(t('TCP Tutor could not save your progress: {0}', err instanceof Error ? err.message : String(err)));
      });
    }),
    vscode.window.registerWebviewPanelSerializer(DiagramPanel.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        await DiagramPanel.revive(panel, context.extensionUri, state);
      },
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('tcpTutor.language')) return;
      lessons.refresh();
      DiagramPanel.languageChanged();
    }),

    vscode.commands.registerCommand('tcpTutor.showDiagram', async (arg?: unknown) => {
      const uri = await chooseExercise(context.extensionUri, arg);
      if (uri) await show(uri);
    }),
    vscode.commands.registerCommand('tcpTutor.openPreviewToSide', async (arg?: unknown) => {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (!uri || !uri.path.endsWith('.tcp.yaml')) {
        void vscode.window.showInformationMessage(t('Open a *.tcp.yaml exercise file to preview it.'));
        return;
      }
      await show(uri);
    }),
    vscode.commands.registerCommand('tcpTutor.openLesson', async (uri: unknown, id: unknown) => {
      if (uri instanceof vscode.Uri) await show(uri, typeof id === 'string' ? id : undefined);
    }),
    vscode.commands.registerCommand('tcpTutor.practice', async () => {
      const picked = await pickPractice(currentLang());
      if (picked) await DiagramPanel.show(context.extensionUri, picked.uri, { exerciseId: `practice:${picked.topic}` });
    }),
    vscode.commands.registerCommand('tcpTutor.newExercise', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: STARTER_TEMPLATE(currentLang()) });
      await vscode.window.showTextDocument(doc);
      void vscode.window.showInformationMessage(t('Save the file with a name ending in .tcp.yaml to check it as you type and preview it.'));
    }),
    vscode.commands.registerCommand('tcpTutor.refreshLessons', () => lessons.refresh()),
    vscode.commands.registerCommand('tcpTutor.resetProgress', async () => {
      const reset = t('Reset');
      const answer = await vscode.window.showWarningMessage(
        t('Forget every answer you have given in TCP Tutor? This cannot be undone.'),
        { modal: true, detail: t('Export your progress first if an instructor needs it.') },
        reset,
      );
      if (answer === reset) await progress.reset();
    }),
    vscode.commands.registerCommand('tcpTutor.exportProgress', async () => {
      const json = t('JSON');
      const csv = t('CSV (spreadsheet)');
      const format = await vscode.window.showQuickPick([json, csv], { title: t('TCP Tutor: Export Progress'), placeHolder: t('Choose a format') });
      if (!format) return;
      const isCsv = format === csv;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `tcp-tutor-progress.${isCsv ? 'csv' : 'json'}`;
      const target = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: isCsv ? { CSV: ['csv'] } : { JSON: ['json'] },
        title: t('Export Progress'),
      });
      if (!target) return;
      const data = progress.snapshot();
      const text = isCsv ? progressToCsv(data) : progressToJson(data, new Date());
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      void vscode.window.showInformationMessage(t('Progress exported to {0}.', vscode.workspace.asRelativePath(target)));
    }),
  );

  // Keep the preview in step with the file being edited (not only on save).
  let pending: ReturnType<typeof setTimeout> | undefined;
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!isExerciseDocument(e.document)) return;
      clearTimeout(pending);
      pending = setTimeout(() => DiagramPanel.documentChanged(e.document.uri), 400);
    }),
    { dispose: () => clearTimeout(pending) },
  );

  return {
    extendMarkdownIt(md: unknown) {
      tcpFencePlugin(currentLang)(md as Parameters<ReturnType<typeof tcpFencePlugin>>[0]);
      return md;
    },
  };
}

export function deactivate(): void {}
