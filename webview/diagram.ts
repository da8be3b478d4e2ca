/**
 * Mermaid in the page: theme from the body class, parse before render, errors inline, stale
 * renders dropped (render token), one Mermaid call at a time, zoom (buttons, Ctrl+wheel) and
 * drag-to-pan, clicks on arrow labels.
 */
import { h } from './dom';
import { segmentFromLabel } from './model';
import { themeFromBody, type ThemeConfig } from './theme';

/**
 * Mermaid (about 0.9 MB) loads while the host prepares the first snapshot: the page says it is
 * ready without waiting for it. Parsing a one-line sequence diagram then fetches that diagram
 * type's chunk too, so the first real render finds everything in place.
 */
const mermaidReady = import('mermaid').then(async ({ default: mermaid }) => {
  await mermaid.parse('sequenceDiagram\n  participant a').catch(() => undefined);
  return mermaid;
});

let queue: Promise<unknown> = Promise.resolve();
/** Mermaid keeps global configuration: one render (and its configuration) at a time. */
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

let renderCount = 0;

/** Thrown instead of rendering when a newer render made this one pointless. */
class Stale extends Error {}

/**
 * Renders `source` with `cfg` to an SVG string; throws the parse error's message. `stale` is asked
 * when the render's turn comes: holding → queues many renders, and only the last one is drawn.
 */
export function renderSvg(source: string, cfg: ThemeConfig, stale: () => boolean = () => false): Promise<string> {
  return serial(async () => {
    const mermaid = await mermaidReady;
    if (stale()) throw new Stale();
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: cfg.theme,
      ...(cfg.themeVariables ? { themeVariables: cfg.themeVariables } : {}),
      sequence: { useMaxWidth: false, showSequenceNumbers: false },
    });
    await mermaid.parse(source); // throws with a readable message on bad input
    const id = `tcp-tutor-diagram-${++renderCount}`;
    try {
      const { svg } = await mermaid.render(id, source);
      return svg;
    } finally {
      // Mermaid leaves a scratch element behind when rendering fails.
      document.getElementById(`d${id}`)?.remove();
    }
  });
}

export interface DiagramViewOptions {
  onSegmentClick: (n: number) => void;
  onZoomChange: (zoom: number | 'fit') => void;
  /** Shown before Mermaid's own message when a diagram cannot be drawn. */
  errorHeading: string;
}

/** The diagram area: viewport (scrolls, pans), the SVG, and an inline error slot. */
export class DiagramView {
  readonly viewport: HTMLElement;
  readonly host: HTMLElement;
  readonly error: HTMLElement;
  private token = 0;
  private svgEl: SVGSVGElement | undefined;
  private natural = { width: 0, height: 0 };
  private zoom: number | 'fit' = 'fit';
  private lastSource = '';
  private lastLabel = '';
  private readonly observers: { disconnect(): void }[] = [];

  constructor(
    container: HTMLElement,
    private readonly opts: DiagramViewOptions,
  ) {
    this.error = h('div', { id: 'diagram-error', class: 'error', role: 'alert', hidden: true });
    this.host = h('div', { id: 'diagram' });
    this.viewport = h('div', { id: 'diagram-viewport', tabindex: 0 }, this.host);
    container.append(this.error, this.viewport);
    this.wirePanAndZoom();
    const resize = new ResizeObserver(() => {
      if (this.zoom === 'fit') this.applyZoom();
    });
    resize.observe(this.viewport);
    // Re-render when VS Code switches theme (it changes the body class).
    const theme = new MutationObserver(() => {
      if (this.lastSource) void this.render(this.lastSource, this.lastLabel);
    });
    theme.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    this.observers.push(resize, theme);
  }

  /** The page is rebuilt (another language, after an error): stop watching and drawing. */
  dispose(): void {
    for (const o of this.observers.splice(0)) o.disconnect();
    this.token++;
  }

  get source(): string {
    return this.lastSource;
  }

  get svg(): SVGSVGElement | undefined {
    return this.svgEl;
  }

  setZoom(zoom: number | 'fit'): void {
    this.zoom = zoom === 'fit' ? 'fit' : Math.max(0.1, Math.min(8, zoom));
    this.applyZoom();
    this.opts.onZoomChange(this.zoom);
  }

  /** The scale the SVG is drawn at now (fit resolves to a number). */
  currentScale(): number {
    if (this.zoom !== 'fit') return this.zoom;
    // Fit to width, but never blow a narrow diagram up past 125 %.
    return this.natural.width > 0 ? Math.max(0.05, Math.min(1.25, (this.viewport.clientWidth - 16) / this.natural.width)) : 1;
  }

  zoomBy(factor: number): void {
    this.setZoom(this.currentScale() * factor);
  }

  /** Draws `source`; a newer call wins over one still rendering. */
  async render(source: string, ariaLabel: string, reveal?: number): Promise<void> {
    const token = ++this.token;
    this.lastSource = source;
    this.lastLabel = ariaLabel;
    let svg: string;
    try {
      svg = await renderSvg(source, themeFromBody(document.body), () => token !== this.token);
    } catch (e) {
      if (token !== this.token || e instanceof Stale) return;
      this.error.hidden = false;
      this.error.replaceChildren(h('strong', {}, this.opts.errorHeading), ' ', e instanceof Error ? e.message : String(e));
      return;
    }
    if (token !== this.token) return; // stale
    this.error.hidden = true;
    this.error.textContent = '';
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const el = doc.documentElement;
    if (el.nodeName.toLowerCase() !== 'svg') return;
    const node = document.importNode(el, true) as unknown as SVGSVGElement;
    node.setAttribute('role', 'img');
    node.setAttribute('aria-label', ariaLabel);
    node.removeAttribute('aria-roledescription');
    const vb = node.viewBox.baseVal;
    this.natural = { width: vb && vb.width > 0 ? vb.width : 800, height: vb && vb.height > 0 ? vb.height : 600 };
    this.host.replaceChildren(node);
    this.svgEl = node;
    if (performance.getEntriesByName('tcp-tutor:svg').length === 0) performance.mark('tcp-tutor:svg');
    this.wireLabels(node);
    this.applyZoom();
    if (reveal !== undefined) this.reveal(reveal);
  }

  /** Scrolls the viewport (only) so that segment `n`'s arrow label is in view. */
  reveal(n: number): void {
    const label = this.svgEl?.querySelector<SVGTextElement>(`text.messageText[data-segment="${n}"]`);
    if (!label) return;
    const box = label.getBoundingClientRect();
    const view = this.viewport.getBoundingClientRect();
    if (box.bottom + 40 > view.bottom) this.viewport.scrollTop += box.bottom + 40 - view.bottom;
    else if (box.top - 40 < view.top) this.viewport.scrollTop -= view.top - (box.top - 40);
  }

  /** Marks arrow labels (`text.messageText`, in order) as clickable and selectable by segment number. */
  private wireLabels(svg: SVGSVGElement): void {
    for (const text of Array.from(svg.querySelectorAll<SVGTextElement>('text.messageText'))) {
      const n = segmentFromLabel(text.textContent);
      if (n === undefined) continue;
      text.dataset.segment = String(n);
      text.classList.add('clickable');
    }
  }

  /** Highlights the arrow label of segment `n` (or none). */
  highlight(n: number | undefined): void {
    if (!this.svgEl) return;
    for (const t of Array.from(this.svgEl.querySelectorAll<SVGTextElement>('text.messageText'))) {
      t.classList.toggle('selected', n !== undefined && t.dataset.segment === String(n));
    }
  }

  private applyZoom(): void {
    const svg = this.svgEl;
    if (!svg) return;
    const scale = this.currentScale();
    svg.style.maxWidth = 'none';
    svg.setAttribute('width', String(Math.round(this.natural.width * scale)));
    svg.setAttribute('height', String(Math.round(this.natural.height * scale)));
    this.viewport.dataset.zoom = this.zoom === 'fit' ? 'fit' : String(Math.round(scale * 100) / 100);
  }

  private wirePanAndZoom(): void {
    const vp = this.viewport;
    vp.addEventListener(
      'wheel',
      (e) => {
        if (!e.ctrlKey && !e.metaKey) return;
        e.preventDefault();
        this.zoomBy(e.deltaY < 0 ? 1.1 : 1 / 1.1);
      },
      { passive: false },
    );
    let drag: { x: number; y: number; left: number; top: number; moved: boolean; id: number } | undefined;
    vp.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, left: vp.scrollLeft, top: vp.scrollTop, moved: false, id: e.pointerId };
    });
    vp.addEventListener('pointermove', (e) => {
      if (!drag || e.pointerId !== drag.id) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!drag.moved) {
        drag.moved = true;
        vp.setPointerCapture(e.pointerId);
        vp.classList.add('panning');
      }
      vp.scrollLeft = drag.left - dx;
      vp.scrollTop = drag.top - dy;
    });
    const end = (e: PointerEvent): void => {
      if (!drag || e.pointerId !== drag.id) return;
      const moved = drag.moved;
      drag = undefined;
      vp.classList.remove('panning');
      if (vp.hasPointerCapture(e.pointerId)) vp.releasePointerCapture(e.pointerId);
      if (moved || e.type !== 'pointerup') return;
      const target = e.target instanceof Element ? e.target.closest('text.messageText') : null;
      const n = target instanceof SVGElement ? Number(target.dataset.segment) : NaN;
      if (Number.isInteger(n) && n > 0) this.opts.onSegmentClick(n);
    };
    vp.addEventListener('pointerup', end);
    vp.addEventListener('pointercancel', end);
  }
}
