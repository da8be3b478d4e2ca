/**
 * The Markdown subset lesson bodies use, parsed into a small tree: headings, paragraphs, bullet
 * and numbered lists, and inline **strong**, *emphasis* and `code`. The webview builds DOM from
 * the tree with text nodes only, so nothing from an exercise file is ever parsed as HTML.
 * Pure: no DOM, no Node.
 */

export type Inline = { t: 'text' | 'strong' | 'em' | 'code'; text: string };
export type Block =
  | { t: 'heading'; level: 1 | 2 | 3; inlines: Inline[] }
  | { t: 'paragraph'; inlines: Inline[] }
  | { t: 'list'; ordered: boolean; items: Inline[][] };

/** Inline spans: `code` first (nothing inside it is special), then **strong** and *em* / _em_. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*|(?<![\w])_([^_\s][^_]*)_(?![\w])/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ t: 'text', text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ t: 'code', text: m[1] });
    else if (m[2] !== undefined || m[3] !== undefined) out.push({ t: 'strong', text: m[2] ?? m[3] ?? '' });
    else out.push({ t: 'em', text: m[4] ?? m[5] ?? '' });
    last = re.lastIndex;
  }
  if (last < text.length) out.push({ t: 'text', text: text.slice(last) });
  return out;
}

/** CJK ideographs and kana, and full-width punctuation (、。，：；！？（）「」《》 …). */
const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
const FULLWIDTH_PUNCTUATION = /[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/;

/**
 * Joins two source lines of one paragraph. A line break is a space in English, but Chinese is
 * written without spaces between characters: a break between two Chinese characters (or after
 * full-width punctuation) joins without one, as CommonMark's CJK-friendly renderers do.
 */
export function joinLines(a: string, b: string): string {
  if (a === '') return b;
  const before = a[a.length - 1] ?? '';
  const after = b.replace(/^[*_`]+/, '')[0] ?? '';
  const tight = FULLWIDTH_PUNCTUATION.test(before) || (WIDE.test(before) && WIDE.test(after));
  return tight ? a + b : `${a} ${b}`;
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;
  const flush = (): void => {
    if (para.length) blocks.push({ t: 'paragraph', inlines: parseInline(para.reduce(joinLines, '')) });
    para = [];
    if (list) blocks.push({ t: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    list = undefined;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) {
      flush();
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\d{1,3}[.)]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ t: 'heading', level: heading[1].length as 1 | 2 | 3, inlines: parseInline(heading[2]) });
    } else if (bullet || numbered) {
      const ordered = !bullet;
      if (para.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)![1]);
    } else if (list && /^\s{2,}/.test(raw)) {
      list.items[list.items.length - 1] = joinLines(list.items[list.items.length - 1], line); // a wrapped list item
    } else {
      if (list) flush();
      para.push(line);
    }
  }
  flush();
  return blocks;
}
