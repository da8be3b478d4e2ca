import { parseToWebview, type ToHost } from '../src/protocol/messages';
import { registerControls } from './toolkit';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const post = (message: ToHost): void => vscode.postMessage(message);

registerControls();
const app = document.getElementById('app');

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseToWebview(event.data);
  if (!message || !app) return;
  switch (message.type) {
    case 'view/hello': {
      const p = document.createElement('p');
      p.className = 'hello';
      p.textContent = message.text;
      app.replaceChildren(p);
      break;
    }
  }
});

post({ type: 'webview/ready' });
