import type { Block, Inline } from '../src/common/markdown';
/** A tiny element builder: text goes in with `textContent`, never as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing`);
  return el as T;
}

/** DOM for a parsed lesson body: elements and text nodes only, never HTML from the file. */
export function markdownToDom(blocks: Block[]): HTMLElement[] {
  const inline = (spans: Inline[]): (Node | string)[] =>
    spans.map((sp) => (sp.t === 'text' ? sp.text : h(sp.t === 'strong' ? 'strong' : sp.t === 'em' ? 'em' : 'code', {}, sp.text)));
  return blocks.map((b) => {
    if (b.t === 'heading') return h(b.level === 1 ? 'h2' : b.level === 2 ? 'h3' : 'h4', {}, ...inline(b.inlines));
    if (b.t === 'paragraph') return h('p', {}, ...inline(b.inlines));
    return h(b.ordered ? 'ol' : 'ul', {}, ...b.items.map((item) => h('li', {}, ...inline(item))));
  });
}
