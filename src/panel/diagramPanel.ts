import * as vscode from 'vscode';
import { parsePanelState, parseToHost, type PanelSnapshot, type PanelState, type ToHost, type ToWebview } from '../protocol/messages';
import { saveExport } from './exporting';
import { webviewHtml } from './html';
import { loadForPanel } from './load';
import type { PriorAnswers, QuestionAnswered, QuizSession } from './quizSession';
import { t } from '../l10n';
import { currentLang } from '../lang';
import { isPracticeUri } from '../practice';

/**
 * The diagram panel: one per window, revived after a reload by its serializer.
 *
 * Lifecycle: the page posts `webview/ready` (with its saved state after a reload or when it is
 * shown again); the host answers with a `trace/show` snapshot, or `trace/error` when the file
 * cannot be shown. Quiz answers are checked here, never in the page.
 */
export class DiagramPanel implements vscode.Disposable {
  static readonly viewType = 'tcpTutor.diagram';
  private static current: DiagramPanel | undefined;
  private static readonly answered = new vscode.EventEmitter<QuestionAnswered>();
  /** Fires for every counted quiz answer in any diagram panel (progress storage listens). */
  static readonly onQuestionAnswered: vscode.Event<QuestionAnswered> = DiagramPanel.answered.event;
  /** What the learner's progress says of a question (set once at activation). */
  static priorAnswers: ((exerciseId: string, questionId: string) => PriorAnswers | undefined) | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private uri: vscode.Uri | undefined;
  private exerciseId: string | undefined;
  private step = 0;
  private stepKnown = false;
  private pageState: PanelState | undefined;
  private snapshot: PanelSnapshot | undefined;
  private lastError: ToWebview | undefined;
  private session: QuizSession | undefined;
  private sessionListener: vscode.Disposable | undefined;
  private ready = false;
  private loadToken = 0;

  /** Opens (or reuses) the panel and shows `uri`. `exerciseId` keys progress (default: the URI). */
  static async show(extensionUri: vscode.Uri, uri: vscode.Uri, opts: { exerciseId?: string } = {}): Promise<DiagramPanel> {
    let p = DiagramPanel.current;
    if (p) {
      p.panel.reveal(undefined, false);
    } else {
      const panel = vscode.window.createWebviewPanel(
        DiagramPanel.viewType,
        t('TCP Tutor'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        DiagramPanel.options(extensionUri),
      );
      p = new DiagramPanel(panel, extensionUri);
      DiagramPanel.current = p;
    }
    await p.open(uri, opts.exerciseId);
    return p;
  }

  /** Serializer entry point: `state` is what the page last stored with `setState`. */
  static async revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, state: unknown): Promise<void> {
    panel.webview.options = DiagramPanel.options(extensionUri);
    DiagramPanel.current?.dispose();
    const p = new DiagramPanel(panel, extensionUri);
    DiagramPanel.current = p;
    const restored = parsePanelState(state);
    // The state comes from the page: reopen only what a panel can show (an exercise file or a
    // practice instance), never any other URI a tampered page might name.
    let uri: vscode.Uri | undefined;
    try {
      uri = restored ? vscode.Uri.parse(restored.uri, true) : undefined;
    } catch {
      uri = undefined; // not a URI at all: show the empty panel
    }
    if (restored && uri && (isPracticeUri(uri) || uri.path.endsWith('.tcp.yaml'))) {
      p.pageState = restored;
      p.step = restored.step;
      await p.open(uri, restored.exerciseId, restored);
    } else {
      p.lastError = {
        type: 'trace/error',
        uri: '',
        title: t('TCP Tutor'),
        heading: t('Nothing to show: run "TCP Tutor: Show Diagram" on an exercise file.'),
        diagnostics: [],
      };
      p.flush();
    }
  }

  static options(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
  ) {
    panel.webview.html = webviewHtml(panel.webview, extensionUri, { title: t('TCP Tutor'), lang: currentLang() === 'zh-cn' ? 'zh-CN' : 'en', loading: t('Loading…') });
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw), null, this.disposables);
    // Without retainContextWhenHidden the page is torn down when hidden; it says ready again when shown.
    panel.onDidChangeViewState(() => {
      if (!panel.visible) this.ready = false;
    }, null, this.disposables);
    // Saving the exercise redraws it at the same step.
    vscode.workspace.onDidSaveTextDocument(
      (doc) => {
        if (this.uri && doc.uri.toString() === this.uri.toString()) void this.open(this.uri, this.exerciseId, this.currentState());
      },
      null,
      this.disposables,
    );
  }

  /**
   * The exercise file changed in an editor (not yet saved): redraw it, keeping the learner's step
   * where it still exists. Called debounced by the extension.
   */
  static documentChanged(uri: vscode.Uri): void {
    const p = DiagramPanel.current;
    if (p?.uri && p.uri.toString() === uri.toString()) void p.open(p.uri, p.exerciseId, p.currentState());
  }

  /** `tcpTutor.language` changed: redraw the panel in the new language at the same step. */
  static languageChanged(): void {
    const p = DiagramPanel.current;
    if (p?.uri) void p.open(p.uri, p.exerciseId, p.currentState());
  }

  /** The exercise on show, if any. */
  get documentUri(): vscode.Uri | undefined {
    return this.uri;
  }

  private currentState(): PanelState | undefined {
    // Only what the page reported (or the serializer kept): a fresh file opens where the page decides.
    if (!this.uri || !this.stepKnown) return undefined;
    const base = this.pageState && this.pageState.uri === this.uri.toString() ? this.pageState : undefined;
    const state: PanelState = { uri: this.uri.toString(), step: this.step, numbers: base?.numbers ?? 'absolute', zoom: base?.zoom ?? 'fit' };
    if (this.exerciseId !== undefined) state.exerciseId = this.exerciseId;
    if (base?.quiz !== undefined) state.quiz = base.quiz;
    if (base?.selected !== undefined) state.selected = base.selected;
    if (base?.finished !== undefined) state.finished = base.finished;
    return state;
  }

  private async open(uri: vscode.Uri, exerciseId: string | undefined, restore?: PanelState): Promise<void> {
    const token = ++this.loadToken;
    const sameFile = this.uri?.toString() === uri.toString();
    this.uri = uri;
    this.exerciseId = exerciseId;
    if (!sameFile) {
      this.step = restore?.step ?? 0;
      this.stepKnown = restore !== undefined;
    }
    const prior = DiagramPanel.priorAnswers;
    const loaded = await loadForPanel(uri, { exerciseId, restore, now: () => Date.now(), ...(prior ? { prior } : {}) });
    if (token !== this.loadToken) return; // a newer load won
    this.panel.title = t('TCP Tutor: {0}', loaded.ok ? loaded.snapshot.title : loaded.error.title);
    this.sessionListener?.dispose();
    this.sessionListener = undefined;
    if (loaded.ok) {
      this.snapshot = loaded.snapshot;
      this.lastError = undefined;
      this.session = loaded.session;
      this.sessionListener = loaded.session.onQuestionAnswered((e) => DiagramPanel.answered.fire(e));
    } else {
      this.snapshot = undefined;
      this.session = undefined;
      this.lastError = loaded.error;
    }
    this.flush();
  }

  /** Posts the current snapshot (or error) once the page is ready. */
  private flush(): void {
    if (!this.ready) return;
    if (this.snapshot) {
      const restore = this.currentState();
      const snapshot: PanelSnapshot = { ...this.snapshot, questions: this.session?.view() ?? this.snapshot.questions };
      if (restore) snapshot.restore = restore;
      this.post({ type: 'trace/show', snapshot });
    } else if (this.lastError) {
      this.post(this.lastError);
    }
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    const message = parseToHost(raw);
    if (!message) return;
    void this.handle(message).catch((e: unknown) => {
      void vscode.window.showErrorMessage(t('TCP Tutor: {0}', e instanceof Error ? e.message : String(e)));
    });
  }

  private async handle(message: ToHost): Promise<void> {
    switch (message.type) {
      case 'webview/ready':
        // The page (re)loaded: after a hide/show it sends the state it kept.
        this.ready = true;
        if (message.state && this.uri && message.state.uri === this.uri.toString()) {
          this.pageState = message.state;
          this.step = message.state.step;
          this.stepKnown = true;
        }
        this.flush();
        break;
      case 'webview/error':
        void vscode.window.showErrorMessage(t('TCP Tutor: {0}', message.message));
        break;
      case 'step/changed':
        this.step = message.step;
        this.stepKnown = true;
        break;
      case 'quiz/shown':
        this.session?.shown(message.questionId);
        break;
      case 'quiz/answer': {
        const result = this.session?.answer(message.questionId, message.input);
        if (result) this.post({ type: 'quiz/result', result });
        break;
      }
      case 'quiz/hint': {
        const h = this.session?.hints(message.questionId);
        if (h) this.post({ type: 'quiz/hints', questionId: message.questionId, hints: h.hints, more: h.more });
        break;
      }
      case 'export/copy':
      case 'export/svg':
      case 'export/png':
        await saveExport(message, this.uri, this.extensionUri);
        break;
    }
  }

  dispose(): void {
    if (DiagramPanel.current === this) DiagramPanel.current = undefined;
    this.sessionListener?.dispose();
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
