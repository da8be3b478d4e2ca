import * as vscode from 'vscode';
import { parseToHost, type ToWebview } from '../protocol/messages';
import { webviewHtml } from './html';

/** The diagram panel: one per window, revived after a reload by its serializer. */
export class DiagramPanel implements vscode.Disposable {
  static readonly viewType = 'tcpTutor.diagram';
  private static current: DiagramPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static createOrShow(extensionUri: vscode.Uri): DiagramPanel {
    if (DiagramPanel.current) {
      DiagramPanel.current.panel.reveal(vscode.ViewColumn.Beside);
      return DiagramPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(DiagramPanel.viewType, vscode.l10n.t('TCP Tutor'), vscode.ViewColumn.Beside, DiagramPanel.options(extensionUri));
    DiagramPanel.current = new DiagramPanel(panel, extensionUri);
    return DiagramPanel.current;
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
    panel.webview.options = DiagramPanel.options(extensionUri);
    DiagramPanel.current = new DiagramPanel(panel, extensionUri);
  }

  static options(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
  ) {
    panel.webview.html = webviewHtml(panel.webview, extensionUri, { title: 'TCP Tutor', lang: vscode.env.language });
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw), null, this.disposables);
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    const message = parseToHost(raw);
    if (!message) return;
    switch (message.type) {
      case 'webview/ready':
        this.post({ type: 'view/hello', text: vscode.l10n.t('TCP Tutor is ready.') });
        break;
      case 'webview/error':
        void vscode.window.showErrorMessage(message.message);
        break;
    }
  }

  dispose(): void {
    DiagramPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
