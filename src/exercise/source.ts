/** Maps paths in the parsed YAML (`['steps', 3, 'client']`) back to 1-based source ranges. */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node as YamlNode } from 'yaml';
import type { Diagnostic, SourceRange } from './types';

export type Path = readonly (string | number)[];

interface Found {
  /** The node at the path, when it exists and has a value. */
  node?: YamlNode;
  /** The key node of the last path element, when it is a mapping key. */
  key?: YamlNode;
  /** The deepest existing node along the path. */
  deepest?: YamlNode;
}

export class SourceMap {
  constructor(
    readonly file: string,
    readonly doc: Document.Parsed | undefined,
    readonly lines: LineCounter,
  ) {}

  /** Converts offsets to a 1-based range (end exclusive). */
  span(start: number, end: number): SourceRange {
    const a = this.lines.linePos(start);
    const b = this.lines.linePos(Math.max(start, end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  nodeRange(node: YamlNode | undefined): SourceRange | undefined {
    const r = node?.range;
    return r ? this.span(r[0], r[1]) : undefined;
  }

  find(path: Path): Found {
    let cur: unknown = this.doc?.contents ?? undefined;
    let key: YamlNode | undefined;
    let deepest = cur as YamlNode | undefined;
    for (const seg of path) {
      key = undefined;
      if (isMap(cur)) {
        const pair = cur.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return { deepest };
        key = pair.key as YamlNode;
        deepest = key;
        cur = pair.value ?? undefined;
        if (cur) deepest = cur as YamlNode;
      } else if (isSeq(cur)) {
        const item = cur.items[Number(seg)];
        if (item === undefined) return { deepest };
        cur = item;
        deepest = cur as YamlNode;
      } else {
        return { deepest };
      }
    }
    return { node: (cur as YamlNode | null | undefined) ?? undefined, key, deepest };
  }

  /** Range of the value at `path` (its key when the value is empty; else the closest ancestor). */
  valueRange(path: Path): SourceRange {
    const f = this.find(path);
    return this.nodeRange(f.node) ?? this.nodeRange(f.key) ?? this.nodeRange(f.deepest) ?? START;
  }

  /** Range of the key naming the last element of `path` (the value's range when it has no key). */
  keyRange(path: Path): SourceRange {
    const f = this.find(path);
    return this.nodeRange(f.key) ?? this.nodeRange(f.node) ?? this.nodeRange(f.deepest) ?? START;
  }

  /** Where to report something about the mapping at `path` as a whole: its key, else its first key. */
  mapRange(path: Path): SourceRange {
    const f = this.find(path);
    if (f.key) return this.nodeRange(f.key) ?? START;
    if (isMap(f.node) && f.node.items.length > 0) return this.nodeRange(f.node.items[0].key as YamlNode) ?? START;
    return this.nodeRange(f.node) ?? this.nodeRange(f.deepest) ?? START;
  }

  diag(range: SourceRange, severity: Diagnostic['severity'], code: string, message: string): Diagnostic {
    return { file: this.file, ...range, severity, message, code };
  }
}

export const START: SourceRange = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** `['questions', 0, 'after']` → `questions[0].after` (for messages). */
export function pathLabel(path: Path): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number' || /^[0-9]+$/.test(String(seg))) s += `[${seg}]`;
    else s += s ? `.${seg}` : String(seg);
  }
  return s;
}

/** The last key of a path, for short messages (`port` rather than `hosts.client.port`). */
export function lastKey(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i];
    if (typeof seg === 'string' && !/^[0-9]+$/.test(seg)) return pathLabel(path.slice(i));
  }
  return pathLabel(path);
}
