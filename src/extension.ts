import * as vscode from 'vscode';
import { DiagramPanel } from './panel/diagramPanel';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('tcpTutor.showDiagram', () => {
      DiagramPanel.createOrShow(context.extensionUri);
    }),
    vscode.window.registerWebviewPanelSerializer(DiagramPanel.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        DiagramPanel.revive(panel, context.extensionUri);
      },
    }),
  );
}

export function deactivate(): void {}
