/**
 * A markdown-it plugin for VS Code's built-in Markdown preview: a fenced ```tcp block holding a
 * scenario renders as its sequence diagram, and an invalid block shows its errors in place.
 *
 * Pure (no vscode import) so it can be tested with markdown-it-like stubs. The host side only
 * emits escaped text: the diagram source goes into a <pre> as text, and the preview script
 * (webview/markdownPreview.ts) renders it with the bundled Mermaid. Class names are our own
 * (`tcp-tutor-md-*`), never `.mermaid`, so other Mermaid extensions leave these blocks alone.
 */
import { translate } from '../common/catalogue';
import { localize, type Lang } from '../common/text';
import { simulate } from '../engine/index';
import { loadExercise } from '../exercise/index';
import { renderMermaid } from '../render/mermaid';
import { traceTable } from '../render/table';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** The preview's words, from the UI's catalogue (this module runs without VS Code's l10n). */
function labels(lang: Lang) {
  return {
    error: translate(lang, 'TCP Tutor: this scenario has problems'),
    table: translate(lang, 'Segments and state changes'),
    diagram: translate(lang, 'TCP sequence diagram'),
    drawError: translate(lang, 'The diagram could not be drawn:'),
  };
}

/** HTML for one ```tcp block. `firstLine` is the 1-based line of the block's first content line. */
export function renderTcpBlock(source: string, firstLine: number, lang: Lang): string {
  const t = labels(lang);
  const { exercise, diagnostics } = loadExercise(source, 'markdown', lang);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!exercise || errors.length) {
    const items = errors.map((d) => `<li>${escapeHtml(translate(lang, 'line {0}, column {1}', [d.line + firstLine - 1, d.column]))}: ${escapeHtml(d.message)}</li>`).join('');
    return `<div class="tcp-tutor-md-error" role="alert"><strong>${escapeHtml(t.error)}</strong><ul>${items}</ul></div>\n`;
  }
  let trace;
  try {
    trace = simulate(exercise.scenario);
  } catch (e) {
    return `<div class="tcp-tutor-md-error" role="alert"><strong>${escapeHtml(t.error)}</strong><ul><li>${escapeHtml((e as Error).message)}</li></ul></div>\n`;
  }
  const title = localize(exercise.title, lang);
  const mermaidText = renderMermaid(trace, { lang });
  const table = traceTable(trace, { lang });
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const rows = table.rows.map((r) => `<tr>${r.text.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return (
    `<figure class="tcp-tutor-md" data-lang="${lang}" data-label="${escapeHtml(title || t.diagram)}" data-error="${escapeHtml(t.drawError)}">` +
    `<figcaption>${escapeHtml(title)}</figcaption>` +
    `<pre class="tcp-tutor-md-source" aria-hidden="true">${escapeHtml(mermaidText)}</pre>` +
    `<details class="tcp-tutor-md-table"><summary>${escapeHtml(t.table)}</summary><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></details>` +
    `</figure>\n`
  );
}

/** The subset of markdown-it this plugin uses. */
interface MarkdownItLike {
  renderer: { rules: Record<string, ((tokens: Token[], idx: number, options: unknown, env: unknown, self: unknown) => string) | undefined> };
}
interface Token {
  info: string;
  content: string;
  map: [number, number] | null;
}

export function tcpFencePlugin(lang: () => Lang) {
  return (md: MarkdownItLike): void => {
    const fallback = md.renderer.rules.fence;
    md.renderer.rules.fence = (tokens, idx, options, env, self) => {
      const token = tokens[idx];
      if (token.info.trim().split(/\s+/)[0] === 'tcp') {
        const firstLine = (token.map?.[0] ?? 0) + 2; // the line after the opening fence, 1-based
        return renderTcpBlock(token.content, firstLine, lang());
      }
      return fallback ? fallback(tokens, idx, options, env, self) : `<pre><code>${escapeHtml(token.content)}</code></pre>`;
    };
  };
}
