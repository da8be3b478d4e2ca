/**
 * Runs inside VS Code's built-in Markdown preview (contributed as `markdown.previewScripts`).
 * Renders every `figure.tcp-tutor-md` the markdown-it plugin emitted with the bundled Mermaid.
 * Only our own class names are touched, so other Mermaid extensions keep working beside us.
 *
 * Raw HTML in a Markdown file can forge such a figure, so what is drawn is checked: a sequence
 * diagram (the only kind our renderer writes) and no `%%{…}%%` directive (it never writes one).
 */
import mermaid from 'mermaid';
import { themeFromBody } from './theme';

let counter = 0;

async function renderAll(): Promise<void> {
  // The same theme rules as the diagram panel (light, dark, both high-contrast themes).
  const cfg = themeFromBody(document.body);
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: cfg.theme, ...(cfg.themeVariables ? { themeVariables: cfg.themeVariables } : {}), sequence: { useMaxWidth: true } });
  const figures = Array.from(document.querySelectorAll<HTMLElement>('figure.tcp-tutor-md'));
  for (const fig of figures) {
    const source = fig.querySelector('pre.tcp-tutor-md-source')?.textContent ?? '';
    let target = fig.querySelector<HTMLElement>('.tcp-tutor-md-diagram');
    if (!target) {
      target = document.createElement('div');
      target.className = 'tcp-tutor-md-diagram';
      target.setAttribute('role', 'img');
      target.setAttribute('aria-label', fig.dataset.label ?? fig.querySelector('figcaption')?.textContent ?? '');
      fig.insertBefore(target, fig.querySelector('details'));
    }
    try {
      if (source.includes('%%{')) throw new Error('directive');
      const parsed = await mermaid.parse(source);
      if (!parsed || parsed.diagramType !== 'sequence') throw new Error(`not a sequence diagram (${parsed ? parsed.diagramType : '?'})`);
      const { svg } = await mermaid.render(`tcp-tutor-md-${++counter}`, source);
      target.innerHTML = svg; // Mermaid's output under securityLevel 'strict' (sanitised by Mermaid)
    } catch (e) {
      target.textContent = `${fig.dataset.error ?? ''} ${(e as Error).message}`.trim();
      target.classList.add('tcp-tutor-md-error');
    }
  }
}

// The preview re-renders its content in place when the Markdown changes.
window.addEventListener('vscode.markdown.updateContent', () => void renderAll());
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void renderAll());
else void renderAll();
