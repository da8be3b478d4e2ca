/**
 * `loadExercise`: YAML text → `Exercise`, or diagnostics with exact 1-based positions.
 * Order: size cap, YAML syntax, hostile-YAML caps (aliases, tags, depth), counts, JSON Schema,
 * meaning (hosts, verbs, durations, ids, states), then conversion.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { Lang } from '../common/text';
import { toExercise } from './convert';
import { clip, messages } from './messages';
import { schemaDiagnostics } from './schema';
import { semanticDiagnostics } from './semantic';
import { SourceMap, START, type Path } from './source';
import { EXERCISE_LIMITS, type Diagnostic, type LoadResult } from './types';
import { utf8Length } from './util';

export interface LoadedDocument {
  result: LoadResult;
  map: SourceMap;
  data?: Record<string, unknown>;
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Parses and validates an exercise file. `file` is only copied into the diagnostics. */
export function loadExercise(text: string, file: string, lang: Lang = 'en'): LoadResult {
  return loadDocument(text, file, lang).result;
}

export function loadDocument(text: string, file: string, lang: Lang = 'en'): LoadedDocument {
  const m = messages(lang);
  const lines = new LineCounter();
  const size = utf8Length(text);
  if (size > EXERCISE_LIMITS.maxFileSize) {
    const map = new SourceMap(file, undefined, lines);
    return { map, result: { diagnostics: [map.diag(START, 'error', 'limit-size', m.fileTooBig(size, EXERCISE_LIMITS.maxFileSize))] } };
  }

  // Billion laughs: count alias tokens with the lexer first, stopping at the cap, so a hostile
  // file is refused before the (much slower) parse builds thousands of nodes. The same pass finds
  // flow collections nested too deep for the parser (`[[[[...`), and where quoted scalars start.
  let offset = 0;
  let aliasTokens = 0;
  let flowDepth = 0;
  let deepAt = -1;
  const quotes: { offset: number; quote: string }[] = [];
  const lexed = (at: number): LineCounter => {
    lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
    return lines;
  };
  for (const token of new Lexer().lex(text)) {
    if (token[0] === '*' && ++aliasTokens > EXERCISE_LIMITS.maxAliases) {
      const map = new SourceMap(file, undefined, lexed(offset));
      return { map, result: { diagnostics: [map.diag(map.span(offset, offset + token.length), 'error', 'limit-aliases', m.tooManyAliases(EXERCISE_LIMITS.maxAliases))] } };
    }
    if (token === '[' || token === '{') {
      if (++flowDepth === EXERCISE_LIMITS.maxDepth) deepAt = offset;
      if (flowDepth > EXERCISE_LIMITS.maxDepth) {
        const map = new SourceMap(file, undefined, lexed(deepAt));
        return { map, result: { diagnostics: [map.diag(map.span(deepAt, deepAt + 1), 'error', 'limit-depth', m.tooDeep(EXERCISE_LIMITS.maxDepth))] } };
      }
    } else if (token === ']' || token === '}') flowDepth = Math.max(0, flowDepth - 1);
    else if (token[0] === '"' || token[0] === "'") quotes.push({ offset, quote: token[0] });
    // The lexer also yields one-character control tokens (document start, scalar, flow end) that
    // are not in the source.
    if (!(token.length === 1 && token < ' ' && token !== '\n' && token !== '\t' && token !== '\r')) offset += token.length;
  }

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, schema: 'core', uniqueKeys: true, merge: false, strict: true });
  } catch {
    // The parser recursing out of stack on absurd nesting.
    const map = new SourceMap(file, undefined, lines);
    return { map, result: { diagnostics: [map.diag(START, 'error', 'limit-depth', m.tooDeep(EXERCISE_LIMITS.maxDepth))] } };
  }
  const map = new SourceMap(file, doc, lines);
  const diags: Diagnostic[] = [];
  const done = () => ({ map, result: { diagnostics: sortDiagnostics(diags) } });

  // Nesting deep enough to exhaust the parser's stack: one error, not the parser's echoes of it.
  const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION' || /call stack/i.test(e.message));
  if (exhausted) {
    diags.push(map.diag(map.span(exhausted.pos[0], exhausted.pos[1]), 'error', 'limit-depth', m.tooDeep(EXERCISE_LIMITS.maxDepth)));
    return done();
  }
  for (const e of doc.errors) {
    if (e.code === 'MULTIPLE_DOCS') {
      // At the second document's `---` (its range starts there when it has one).
      const at = e.pos[0];
      const dashes = /^---(?:[ \t\r\n]|$)/.test(text.slice(at, at + 4));
      diags.push(map.diag(map.span(at, dashes ? at + 3 : e.pos[1]), 'error', 'yaml-multiple-documents', m.yamlMultipleDocs(dashes)));
      continue;
    }
    const unclosed = e.code === 'MISSING_CHAR' ? /Missing closing (["'])quote/.exec(e.message) : null;
    if (unclosed) {
      // The parser reports the end of the text; the quote that was never closed is more use.
      const open = quotes.filter((x) => x.quote === unclosed[1] && x.offset < e.pos[0]).pop();
      const at = open ? open.offset : e.pos[0];
      diags.push(map.diag(map.span(at, at + 1), 'error', 'yaml-syntax', m.yamlUnclosedQuote(unclosed[1])));
      continue;
    }
    const hint = /Nested mappings are not allowed|Implicit keys need to be/.test(e.message) ? m.quoteHint() : '';
    diags.push(map.diag(map.span(e.pos[0], e.pos[1]), 'error', 'yaml-syntax', m.yamlSyntax(firstLine(e.message)) + hint));
  }
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED') continue; // reported by the walk below, at the tag
    diags.push(map.diag(map.span(w.pos[0], w.pos[1]), 'warning', 'yaml-warning', m.yamlSyntax(firstLine(w.message))));
  }
  if (diags.some((d) => d.severity === 'error')) return done();

  // Hostile YAML: aliases (billion laughs), tags (`!!js/function`), nesting depth.
  let aliases = 0;
  let stop = false;
  const walk = (node: unknown, depth: number): void => {
    if (stop || node === null || node === undefined) return;
    if (isAlias(node)) {
      aliases++;
      if (aliases > EXERCISE_LIMITS.maxAliases) {
        diags.push(map.diag(map.nodeRange(node) ?? START, 'error', 'limit-aliases', m.tooManyAliases(EXERCISE_LIMITS.maxAliases)));
        stop = true;
      }
      return;
    }
    if (isPair(node)) {
      if (isMap(node.key) || isSeq(node.key)) {
        // `? [a, b]: 1`: JavaScript objects have text keys only.
        diags.push(map.diag(map.nodeRange(node.key) ?? START, 'error', 'yaml-key', m.keyNotText()));
        return;
      }
      walk(node.key, depth);
      walk(node.value, depth);
      return;
    }
    const n = node as YamlNode;
    if (n.tag !== undefined && (isScalar(n) || isMap(n) || isSeq(n))) {
      const r = n.range;
      // The node's range starts after its tag; report from the `!`.
      let bang = r ? text.lastIndexOf('!', r[0]) : -1;
      while (bang > 0 && text[bang - 1] === '!') bang--;
      diags.push(map.diag(r ? map.span(bang >= 0 ? bang : r[0], r[1]) : START, 'error', 'yaml-tag', m.yamlTag(shortTag(n.tag))));
    }
    if (isMap(n) || isSeq(n)) {
      if (depth >= EXERCISE_LIMITS.maxDepth) {
        diags.push(map.diag(map.nodeRange(n) ?? START, 'error', 'limit-depth', m.tooDeep(EXERCISE_LIMITS.maxDepth)));
        stop = true;
        return;
      }
      for (const item of n.items as unknown[]) walk(item, depth + 1);
    }
  };
  try {
    walk(doc.contents, 0);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    diags.push(map.diag(START, 'error', 'limit-depth', m.tooDeep(EXERCISE_LIMITS.maxDepth)));
  }
  if (diags.some((d) => d.severity === 'error')) return done();

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: EXERCISE_LIMITS.maxAliases });
  } catch (e) {
    if (e instanceof RangeError) diags.push(map.diag(START, 'error', 'limit-depth', m.tooDeep(EXERCISE_LIMITS.maxDepth)));
    else diags.push(map.diag(START, 'error', 'limit-aliases', m.tooManyAliases(EXERCISE_LIMITS.maxAliases)));
    return done();
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    diags.push(map.diag(map.nodeRange(doc.contents ?? undefined) ?? START, 'error', 'not-mapping', m.notMapping()));
    return done();
  }
  const obj = data as Record<string, unknown>;

  // Counts first: a file over a cap gets one clear message and no further work.
  const caps: [string, unknown, number, string, string][] = [
    ['hosts', obj.hosts && typeof obj.hosts === 'object' ? Object.keys(obj.hosts).length : 0, EXERCISE_LIMITS.maxHosts, 'hosts', '主机'],
    ['steps', Array.isArray(obj.steps) ? obj.steps.length : 0, EXERCISE_LIMITS.maxSteps, 'steps', '步骤'],
    ['questions', Array.isArray(obj.questions) ? obj.questions.length : 0, EXERCISE_LIMITS.maxQuestions, 'questions', '问题'],
    ['faults', Array.isArray(obj.faults) ? obj.faults.length : 0, EXERCISE_LIMITS.maxFaults, 'faults', '故障'],
  ];
  for (const [key, count, max, enWord, zhWord] of caps) {
    if ((count as number) > max) diags.push(map.diag(map.keyRange([key]), 'error', `limit-${key}`, m.tooMany(lang === 'zh-cn' ? zhWord : enWord, count as number, max)));
  }
  if (diags.length > 0) return done();

  // Meaning first, then the schema's errors where meaning did not already explain the node.
  const suppressed: Path[] = [];
  const semantic = semanticDiagnostics(obj, map, lang, suppressed);
  const taken = new Set(semantic.map((d) => `${d.line}:${d.column}`));
  const schema = schemaDiagnostics(obj, map, lang, suppressed).filter((d) => !taken.has(`${d.line}:${d.column}`));
  diags.push(...semantic, ...schema);
  if (diags.some((d) => d.severity === 'error')) return { ...done(), data: obj };

  const exercise = toExercise(obj, map);
  return { map, data: obj, result: { exercise, diagnostics: sortDiagnostics(diags) } };
}

/** The first line of a parser message, at most one short line long. */
function firstLine(s: string): string {
  return clip(s.split('\n')[0].trim(), 160);
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}
