/**
 * Exercise packs: a folder an instructor shares, holding `tcp-tutor.pack.yaml` and its exercises.
 *
 * ```yaml
 * tcp-tutor-pack: 1
 * title: { en: Networks 101, zh-cn: 计算机网络 101 }
 * languages: [en, zh-cn]
 * exercises:                # in the order learners should take them
 *   - handshake.tcp.yaml
 *   - { file: close/four-way.tcp.yaml, title: Closing }
 * ```
 * The built-in course is a pack too (`lessons/tcp-tutor.pack.yaml`). Pure: no vscode, no Node.
 * Problems are in the learner's language (the UI catalogue, `translate`).
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { translate } from '../common/catalogue';
import { LANGS, type Lang, type LocalText } from '../common/text';

export const PACK_FILE = 'tcp-tutor.pack.yaml';

export interface PackEntry {
  /** Path relative to the pack folder, with `/` separators. */
  file: string;
  title?: LocalText;
}

export interface Pack {
  title: LocalText;
  languages: Lang[];
  exercises: PackEntry[];
}

export interface PackProblem {
  line: number;
  column: number;
  message: string;
}

const MAX_PACK_BYTES = 256 * 1024;
const MAX_EXERCISES = 500;

function position(lc: LineCounter, node: YamlNode | null | undefined): { line: number; column: number } {
  const offset = node?.range?.[0] ?? 0;
  const p = lc.linePos(offset);
  return { line: p.line, column: p.col };
}

function localText(value: unknown): LocalText | undefined {
  if (typeof value === 'string' && value.trim()) return value;
  if (value && typeof value === 'object' && typeof (value as { en?: unknown }).en === 'string') {
    const v = value as { en: string; 'zh-cn'?: unknown };
    return typeof v['zh-cn'] === 'string' ? { en: v.en, 'zh-cn': v['zh-cn'] } : { en: v.en };
  }
  return undefined;
}

/** A relative path inside the pack: no absolute paths, no `..`, no backslashes or drive letters. */
export function isSafeRelativePath(p: string): boolean {
  if (!p || p.length > 512 || p.startsWith('/') || p.includes('\\') || /^[a-zA-Z]:/.test(p) || p.includes('\0')) return false;
  return p.split('/').every((seg) => seg !== '..' && seg !== '');
}

export function parsePack(text: string, lang: Lang = 'en'): { pack?: Pack; problems: PackProblem[] } {
  const tr = (message: string, ...args: (string | number)[]): string => translate(lang, message, args);
  const problems: PackProblem[] = [];
  if (text.length > MAX_PACK_BYTES) return { problems: [{ line: 1, column: 1, message: tr('the pack file is larger than {0} KiB', MAX_PACK_BYTES / 1024) }] };
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) {
    const p = lc.linePos(e.pos[0]);
    problems.push({ line: p.line, column: p.col, message: e.message.split('\n')[0] });
  }
  if (problems.length) return { problems };
  const root = doc.contents;
  if (!isMap(root)) return { problems: [{ ...position(lc, root), message: tr('a pack file is a mapping with tcp-tutor-pack, title and exercises') }] };

  const known = new Set(['tcp-tutor-pack', 'title', 'languages', 'exercises', 'description']);
  for (const item of root.items) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    if (!known.has(key)) problems.push({ ...position(lc, item.key as YamlNode), message: tr('unknown key `{0}` (expected one of {1})', key, [...known].join(', ')) });
  }
  const versionNode = root.get('tcp-tutor-pack', true);
  if (!isScalar(versionNode) || (versionNode.value as unknown) !== 1) problems.push({ ...position(lc, root), message: tr('`tcp-tutor-pack: 1` is required (the pack format version)') });
  let title: LocalText | undefined;
  try {
    const titleNode = root.get('title', true) as YamlNode | undefined;
    title = localText(isScalar(titleNode) ? titleNode.value : isMap(titleNode) ? titleNode.toJS(doc, { maxAliasCount: 50 }) : undefined);
  } catch (e) {
    // yaml refuses alias expansions that would blow up memory; report it instead of crashing.
    return { problems: [{ ...position(lc, root), message: (e as Error).message }] };
  }
  if (!title) problems.push({ ...position(lc, root), message: tr('`title` is required: a string or { en: ..., zh-cn: ... }') });

  let languages: Lang[] = ['en'];
  const langNode = root.get('languages', true);
  if (langNode !== undefined) {
    if (!isSeq(langNode)) problems.push({ ...position(lc, langNode as YamlNode), message: tr('`languages` is a list, e.g. [en, zh-cn]') });
    else {
      languages = [];
      for (const l of langNode.items) {
        const v = isScalar(l) ? String(l.value) : '';
        if ((LANGS as readonly string[]).includes(v)) languages.push(v as Lang);
        else problems.push({ ...position(lc, l as YamlNode), message: tr('unknown language `{0}` (supported: {1})', v, LANGS.join(', ')) });
      }
    }
  }

  const exercises: PackEntry[] = [];
  const exNode = root.get('exercises', true);
  if (!isSeq(exNode)) {
    problems.push({ ...position(lc, (exNode as YamlNode) ?? root), message: tr('`exercises` is required: the ordered list of exercise files') });
  } else {
    if (exNode.items.length > MAX_EXERCISES) problems.push({ ...position(lc, exNode), message: tr('a pack holds at most {0} exercises', MAX_EXERCISES) });
    const seen = new Set<string>();
    for (const item of exNode.items.slice(0, MAX_EXERCISES)) {
      const node = item as YamlNode;
      let file: string | undefined;
      let entryTitle: LocalText | undefined;
      if (isScalar(node) && typeof node.value === 'string') file = node.value;
      else if (isMap(node)) {
        const f = node.get('file');
        file = typeof f === 'string' ? f : undefined;
        const t = node.get('title', true) as YamlNode | undefined;
        entryTitle = localText(isScalar(t) ? t.value : isMap(t) ? t.toJS(doc, { maxAliasCount: 50 }) : undefined);
      }
      if (!file) {
        problems.push({ ...position(lc, node), message: tr('an exercise entry is a file name or { file: ..., title: ... }') });
        continue;
      }
      if (!isSafeRelativePath(file)) {
        problems.push({ ...position(lc, node), message: tr('`{0}` must be a relative path inside the pack folder', file) });
        continue;
      }
      if (!file.endsWith('.tcp.yaml')) problems.push({ ...position(lc, node), message: tr('`{0}` is not an exercise file (*.tcp.yaml)', file) });
      if (seen.has(file)) problems.push({ ...position(lc, node), message: tr('`{0}` is listed twice', file) });
      seen.add(file);
      exercises.push(entryTitle ? { file, title: entryTitle } : { file });
    }
  }
  if (problems.length || !title) return { problems };
  return { pack: { title, languages, exercises }, problems };
}
