import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

/** A fresh nonce for each page load (crypto, never Math.random). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The webview page's HTML with a strict CSP: nothing by default, scripts only by nonce, no remote
 * origins. The page is an ES module; the chunks it imports (Mermaid's diagram code among them)
 * inherit its nonce, so no script is allowed merely for sitting in the extension's folder.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, opts: { title: string; lang: string; loading: string }): string {
  const nonce = makeNonce();
  const dist = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'main.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data: blob:`,
    `font-src ${webview.cspSource}`,
    // Mermaid injects <style> elements while rendering, so inline styles must be allowed.
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttr(opts.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeAttr(opts.title)}</title>
</head>
<body>
<main id="app" data-loading="${escapeAttr(opts.loading)}"></main>
<script type="module" nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

function escapeAttr(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
