import * as vscode from 'vscode';
import { localize, type Lang } from '../common/text';
import type { ProgressStore } from '../progress/store';
import { loadCatalog, type LessonEntry, type LessonGroup } from './catalog';
import { t } from '../l10n';

type Node = { kind: 'group'; group: LessonGroup } | { kind: 'lesson'; group: LessonGroup; lesson: LessonEntry };

/** The Lessons view: the built-in course and workspace packs, with completion marks and scores. */
export class LessonsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  static readonly viewId = 'tcpTutor.lessons';
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private catalog: Promise<LessonGroup[]> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly progress: ProgressStore,
    private readonly lang: () => Lang,
  ) {
    this.disposables.push(this.changed, progress.onDidChange(() => this.changed.fire(undefined)));
    const watcher = vscode.workspace.createFileSystemWatcher('**/{tcp-tutor.pack.yaml,*.tcp.yaml}');
    const reload = (): void => this.refresh();
    this.disposables.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
  }

  /** Re-reads the course and packs (after a file changed or the language did). */
  refresh(): void {
    this.catalog = undefined;
    this.changed.fire(undefined);
  }

  groups(): Promise<LessonGroup[]> {
    return (this.catalog ??= loadCatalog(this.extensionUri, this.lang()));
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return (await this.groups()).map((group) => ({ kind: 'group', group }));
    if (node.kind === 'group') return node.group.lessons.map((lesson) => ({ kind: 'lesson', group: node.group, lesson }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const lang = this.lang();
    if (node.kind === 'group') {
      const g = node.group;
      const item = new vscode.TreeItem(localize(g.title, lang), vscode.TreeItemCollapsibleState.Expanded);
      item.id = g.id;
      item.contextValue = g.builtIn ? 'course' : 'pack';
      let done = 0;
      for (const l of g.lessons) if (this.isComplete(l)) done++;
      item.description = g.problem ?? t('{0}/{1} done', done, g.lessons.length);
      item.iconPath = new vscode.ThemeIcon(g.problem ? 'error' : g.builtIn ? 'mortar-board' : 'package');
      item.tooltip = g.problem;
      return item;
    }
    const l = node.lesson;
    const item = new vscode.TreeItem(localize(l.title, lang), vscode.TreeItemCollapsibleState.None);
    item.id = l.id;
    item.contextValue = 'lesson';
    item.resourceUri = l.uri;
    if (l.problem) {
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.description = t('cannot be loaded');
      item.tooltip = l.problem;
    } else {
      const s = this.progress.score(l.id, l.questionIds);
      const complete = this.isComplete(l);
      item.iconPath = complete
        ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
        : s.answered > 0
          ? new vscode.ThemeIcon('circle-large-filled')
          : new vscode.ThemeIcon('circle-large-outline');
      item.description = s.total ? t('{0}/{1} correct', s.correct, s.total) : '';
      item.tooltip = complete ? t('Completed') : s.answered ? t('In progress') : t('Not started');
      item.accessibilityInformation = { label: `${localize(l.title, lang)}, ${item.tooltip}, ${item.description}` };
    }
    item.command = { command: 'tcpTutor.openLesson', title: t('Open Lesson'), arguments: [l.uri, l.id] };
    return item;
  }

  private isComplete(l: LessonEntry): boolean {
    if (l.problem || l.questionIds.length === 0) return false;
    const s = this.progress.score(l.id, l.questionIds);
    return s.correct === s.total;
  }

  /** The lesson entry for an exercise file, if it belongs to the course or a pack. */
  async lessonFor(uri: vscode.Uri): Promise<LessonEntry | undefined> {
    for (const g of await this.groups()) for (const l of g.lessons) if (l.uri.toString() === uri.toString()) return l;
    return undefined;
  }

  dispose(): void {
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
