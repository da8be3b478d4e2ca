/**
 * The `tcp-tutor` command line, runnable in-process: `runCli(argv, io)` returns the exit status
 * (0 ok, 1 problems found, 2 usage). `main.ts` wires it to the process; tests call it directly.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { version } from '../../package.json';
import { langFromLocale, localize, type Lang } from '../common/text';
import { simulate, type Trace } from '../engine';
import { checkExercise, checkExerciseFull, exerciseToJson, loadExercise, STARTER_TEMPLATE, type Diagnostic } from '../exercise';
import { checkAnswer, choiceLabel, computeAnswer, explain, formatAnswer, hints, promptFor, type QuizContext } from '../quiz';
import { askedOrder, questionView, viewRange, type ViewRange } from '../quiz/view';
import type { QuestionSpec } from '../quiz/types';
import { renderMermaid } from '../render/mermaid';
import { traceTable } from '../render/table';
import { cliText, COMMANDS, type Command } from './catalogue';
import { EXERCISE_SUFFIX, expandExercisePaths } from './files';
import { LineReader } from './lines';

export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  /** Answers for `quiz`: a stream of chunks (process.stdin) or the whole input as a string. */
  stdin?: AsyncIterable<string | Uint8Array> | string;
  cwd: string;
  /** True when a person types the answers (a TTY); otherwise `quiz` echoes each answer it reads. */
  interactive?: boolean;
  /** Environment for the default language (LC_ALL, LC_MESSAGES, LANG). */
  env?: Record<string, string | undefined>;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** Options each command accepts, besides the global --lang, --help and --version. */
const COMMAND_OPTIONS: Record<Command, string[]> = {
  simulate: ['json'],
  render: ['numbers'],
  check: [],
  quiz: ['seed'],
  new: [],
  help: [],
};
const VALUE_OPTIONS = new Set(['lang', 'numbers', 'seed']);

interface Parsed {
  positional: string[];
  options: Map<string, string | true>;
  errors: ((t: ReturnType<typeof cliText>) => string)[];
}

function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  const errors: Parsed['errors'] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h') options.set('help', true);
    else if (a === '-V' || a === '-v') options.set('version', true);
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (VALUE_OPTIONS.has(name)) {
        const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined) errors.push((t) => t.missingValue(`--${name}`));
        else options.set(name, value);
      } else if (eq < 0 && ['help', 'version', 'json'].includes(name)) options.set(name, true);
      else errors.push((t) => t.unknownOption(a));
    } else if (a.startsWith('-') && a !== '-') errors.push((t) => t.unknownOption(a));
    else positional.push(a);
  }
  return { positional, options, errors };
}

function envLang(env: CliIo['env']): Lang {
  const e = env ?? {};
  return langFromLocale(e.LC_ALL || e.LC_MESSAGES || e.LANG);
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const out = (s: string) => io.stdout(s.endsWith('\n') ? s : `${s}\n`);
  const err = (s: string) => io.stderr(s.endsWith('\n') ? s : `${s}\n`);
  const args = parseArgs(argv);
  const langOpt = args.options.get('lang');
  let lang = envLang(io.env);
  if (typeof langOpt === 'string') {
    if (langOpt === 'en' || langOpt === 'zh-cn') lang = langOpt;
    else args.errors.push((t) => t.badValue('--lang', langOpt, 'en|zh-cn'));
  }
  const t = cliText(lang);
  const usageError = (message: string): number => {
    err(message);
    err(t.usage);
    return EXIT_USAGE;
  };
  if (args.errors.length > 0) return usageError(args.errors[0](t));
  if (args.options.has('version')) {
    out(version);
    return EXIT_OK;
  }
  const [cmdName, ...rest] = args.positional;
  if (cmdName === undefined) {
    if (args.options.has('help')) {
      out(t.usage);
      return EXIT_OK;
    }
    return usageError(t.missingArg('', 'command').replace('tcp-tutor :', 'tcp-tutor:'));
  }
  if (!(COMMANDS as readonly string[]).includes(cmdName)) return usageError(t.unknownCommand(cmdName));
  const cmd = cmdName as Command;
  for (const name of args.options.keys()) {
    if (['lang', 'help', 'version'].includes(name)) continue;
    if (!COMMAND_OPTIONS[cmd].includes(name)) {
      err(t.unknownOption(`--${name}`));
      err(t.help[cmd]);
      return EXIT_USAGE;
    }
  }
  if (args.options.has('help')) {
    out(t.help[cmd]);
    return EXIT_OK;
  }
  const ctx: Ctx = { io, lang, t, out, err, rest, options: args.options };
  try {
    switch (cmd) {
      case 'help':
        return cmdHelp(ctx);
      case 'simulate':
        return cmdSimulate(ctx);
      case 'render':
        return cmdRender(ctx);
      case 'check':
        return cmdCheck(ctx);
      case 'quiz':
        return await cmdQuiz(ctx);
      case 'new':
        return cmdNew(ctx);
    }
  } catch (e) {
    err(t.internalError(e instanceof Error ? e.message : String(e)));
    return EXIT_PROBLEMS;
  }
}

interface Ctx {
  io: CliIo;
  lang: Lang;
  t: ReturnType<typeof cliText>;
  out(s: string): void;
  err(s: string): void;
  rest: string[];
  options: Map<string, string | true>;
}

function usage(c: Ctx, cmd: Command, message: string): number {
  c.err(message);
  c.err(c.t.help[cmd]);
  return EXIT_USAGE;
}

/** Exactly one FILE argument; undefined (after printing usage) otherwise. */
function oneFile(c: Ctx, cmd: Command, what = 'FILE'): string | number {
  if (c.rest.length === 0) return usage(c, cmd, c.t.missingArg(cmd, what));
  if (c.rest.length > 1) return usage(c, cmd, c.t.extraArg(cmd, c.rest[1]));
  return c.rest[0];
}

function readText(c: Ctx, file: string): string | undefined {
  try {
    return readFileSync(resolve(c.io.cwd, file), 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    c.err(c.t.cannotRead(file, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : e instanceof Error ? e.message : String(e)));
    return undefined;
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

function cmdHelp(c: Ctx): number {
  if (c.rest.length === 0) {
    c.out(c.t.usage);
    return EXIT_OK;
  }
  const topic = c.rest[0];
  if (!(COMMANDS as readonly string[]).includes(topic)) {
    c.err(c.t.unknownCommand(topic));
    c.err(c.t.usage);
    return EXIT_USAGE;
  }
  c.out(c.t.help[topic]);
  return EXIT_OK;
}

/** Loads and runs a file; prints its errors and returns null when it cannot run. */
function runFile(c: Ctx, file: string): { trace: Trace } | number {
  const text = readText(c, file);
  if (text === undefined) return EXIT_USAGE;
  const r = checkExerciseFull(text, file, c.lang);
  if (!r.trace) {
    for (const d of r.diagnostics) c.err(formatDiagnostic(d));
    return EXIT_PROBLEMS;
  }
  return { trace: r.trace };
}

function cmdSimulate(c: Ctx): number {
  const file = oneFile(c, 'simulate');
  if (typeof file === 'number') return file;
  const r = runFile(c, file);
  if (typeof r === 'number') return r;
  if (c.options.has('json')) c.out(JSON.stringify(exerciseToJson(r.trace), null, 2));
  else c.out(simulateTable(r.trace, c));
  return EXIT_OK;
}

function cmdRender(c: Ctx): number {
  const file = oneFile(c, 'render');
  if (typeof file === 'number') return file;
  const numbers = c.options.get('numbers');
  if (numbers !== undefined && numbers !== 'relative' && numbers !== 'absolute') return usage(c, 'render', c.t.badValue('--numbers', String(numbers), 'relative|absolute'));
  const r = runFile(c, file);
  if (typeof r === 'number') return r;
  c.out(renderMermaid(r.trace, { numbers: (numbers as 'relative' | 'absolute' | undefined) ?? 'absolute', lang: c.lang }));
  return EXIT_OK;
}

function cmdCheck(c: Ctx): number {
  if (c.rest.length === 0) return usage(c, 'check', c.t.missingArg('check', 'FILE|DIR'));
  const { files, missing } = expandExercisePaths(c.rest, c.io.cwd);
  for (const m of missing) c.err(c.t.cannotRead(m, 'no such file or directory'));
  if (files.length === 0) {
    if (missing.length === 0) c.err(c.t.noFiles(c.rest.join(', ')));
    return EXIT_USAGE;
  }
  let errors = 0;
  let warnings = 0;
  let failed = 0;
  for (const f of files) {
    const text = readText(c, f);
    if (text === undefined) {
      failed++;
      errors++;
      continue;
    }
    const ds = checkExercise(text, f, c.lang);
    for (const d of ds) c.out(formatDiagnostic(d));
    const e = ds.filter((d) => d.severity === 'error').length;
    errors += e;
    warnings += ds.length - e;
    if (e > 0) failed++;
  }
  if (failed === 0 && missing.length === 0) {
    c.out(c.t.summaryPass(files.length, warnings));
    return EXIT_OK;
  }
  c.out(c.t.summaryFail(files.length, failed, errors, warnings));
  return EXIT_PROBLEMS;
}

function cmdNew(c: Ctx): number {
  const name = oneFile(c, 'new', 'NAME');
  if (typeof name === 'number') return name;
  if (name.trim() === '' || basename(name).startsWith('.') || /[\0]/.test(name)) return usage(c, 'new', c.t.badName(name));
  const file = name.endsWith(EXERCISE_SUFFIX) ? name : `${name.replace(/\.ya?ml$/, '')}${EXERCISE_SUFFIX}`;
  const abs = resolve(c.io.cwd, file);
  if (existsSync(abs)) {
    c.err(c.t.exists(file));
    return EXIT_PROBLEMS;
  }
  try {
    writeFileSync(abs, STARTER_TEMPLATE(c.lang), { encoding: 'utf8', flag: 'wx' });
  } catch (e) {
    c.err(c.t.cannotRead(file, e instanceof Error ? e.message : String(e)));
    return EXIT_PROBLEMS;
  }
  c.out(c.t.created(file));
  return EXIT_OK;
}

async function cmdQuiz(c: Ctx): Promise<number> {
  const file = oneFile(c, 'quiz');
  if (typeof file === 'number') return file;
  const seedOpt = c.options.get('seed');
  let seed: number | undefined;
  if (seedOpt !== undefined) {
    if (typeof seedOpt !== 'string' || !/^[0-9]+$/.test(seedOpt) || Number(seedOpt) > 0xffffffff) return usage(c, 'quiz', c.t.badValue('--seed', String(seedOpt), '0..4294967295'));
    seed = Number(seedOpt);
  }
  const text = readText(c, file);
  if (text === undefined) return EXIT_USAGE;
  const loaded = loadExercise(text, file, c.lang);
  if (!loaded.exercise) {
    for (const d of loaded.diagnostics) c.err(formatDiagnostic(d));
    return EXIT_PROBLEMS;
  }
  const ex = loaded.exercise;
  const scenario = seed === undefined ? ex.scenario : { ...ex.scenario, seed };
  let trace: Trace;
  if (seed === undefined) {
    // Same path as `check`, so engine errors read the same.
    const r = runFile(c, file);
    if (typeof r === 'number') return r;
    trace = r.trace;
  } else {
    try {
      trace = simulate(scenario);
    } catch (e) {
      c.err(`${file}: error: ${e instanceof Error ? e.message : String(e)}`);
      return EXIT_PROBLEMS;
    }
  }
  const quiz: QuizContext = { trace, scenario };
  const { out, t, lang } = c;
  out(localize(ex.title, lang));
  if (ex.description !== undefined) out(localize(ex.description, lang));
  const questions = ex.questions;
  if (questions.length === 0) {
    out(t.noQuestions);
    out(t.score(0, 0));
    return EXIT_OK;
  }
  const reader = new LineReader(c.io.stdin);
  try {
    return await askAll(c, questions, quiz, reader);
  } finally {
    await reader.close();
  }
}

async function askAll(c: Ctx, questions: QuestionSpec[], quiz: QuizContext, reader: LineReader): Promise<number> {
  const { out, t, lang } = c;
  let score = 0;
  // In the order the panel asks them (by stop), each shown as the panel shows it while open.
  const views = askedOrder(questions.map((q) => questionView(q, quiz, lang)));
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (let i = 0; i < views.length; i++) {
    const q = byId.get(views[i].id)!;
    out('');
    out(t.question(i + 1, questions.length, q.id));
    const open = views.slice(i).filter((v) => v.revealAt === views[i].revealAt);
    const table = questionTable(q, quiz, lang, viewRange(views[i].revealAt, quiz.trace.segments.length, open));
    if (table) out(table);
    out(promptFor(q, quiz, lang));
    if (q.ask === 'segment' && q.fields.length > 1) out(t.segmentFormat(q.fields));
    if (q.ask === 'choice') q.choices.forEach((ch, k) => out(`  ${choiceLabel(k)}. ${localize(ch, lang)}`));
    const tries = views[i].tries;
    const hintList = hints(q, quiz, lang);
    let used = 0;
    let right = false;
    while (used < tries) {
      c.io.stdout(t.answerPrompt);
      const line = await reader.next();
      if (line !== null && !c.io.interactive) c.io.stdout(`${line}\n`);
      if (line === null) {
        out('');
        out(t.endOfInput);
        out(t.score(score, questions.length));
        return EXIT_OK;
      }
      const r = checkAnswer(q, quiz, line, lang);
      if (r.status === 'invalid') {
        out(r.message ?? '');
        continue;
      }
      if (r.status === 'correct') {
        out(t.correct + (r.note ? ` ${r.note}` : ''));
        right = true;
        score++;
        break;
      }
      used++;
      out(t.wrong(tries - used));
      if (r.misconception) out(r.misconception);
      if (r.note) out(r.note);
      if (used < tries && hintList[used - 1] !== undefined) out(t.hint(hintList[used - 1]));
    }
    if (!right) out(t.reveal(formatAnswer(q, computeAnswer(q, quiz), quiz, lang)));
    out(explain(q, quiz, lang));
  }
  out('');
  out(t.score(score, questions.length));
  return EXIT_OK;
}

/** The trace as far as the question shows it, blanked as the panel blanks it (`range`). */
function questionTable(q: QuestionSpec, ctx: QuizContext, lang: Lang, range: ViewRange): string {
  if (q.ask === 'choice' || (q.ask === 'number' && ctx.trace.segments.length === 0)) return '';
  const numbers = 'numbers' in q && q.numbers === 'relative' ? 'relative' : 'absolute';
  const table = traceTable(ctx.trace, { lang, numbers, ...range });
  if (table.rows.length === 0) return '';
  return formatColumns([table.columns, ...table.rows.map((r) => r.text)]);
}

/** Pads columns to align (East Asian wide characters count as two). */
export function formatColumns(rows: string[][]): string {
  const width = (s: string) => {
    let w = 0;
    for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
    return w;
  };
  const cols = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i] - width(cell)))).join('  ').trimEnd()).join('\n');
}

/** `simulate`'s table: one row per segment (with the state changes it caused) and per other state change. */
function simulateTable(trace: Trace, c: Ctx): string {
  const rows: string[][] = [c.t.tableHead];
  const bySegment = new Map<number, string[]>();
  const segRows = new Map<number, string[]>();
  const ms = (x: number) => `${Number.isInteger(x) ? x : x.toFixed(3)}ms`;
  for (const e of trace.events) {
    if (e.kind === 'send') {
      const r = trace.segments[e.n - 1];
      if (!r || segRows.has(r.n)) continue;
      const row = [
        String(r.n),
        ms(r.sentAt),
        `${r.from} → ${r.to}`,
        r.seg.flags.join(',') || '-',
        String(r.seg.seq),
        r.seg.flags.includes('ACK') ? String(r.seg.ack) : '-',
        String(r.seg.payload.length),
        String(r.seg.window),
        c.t.fate[r.fate] ?? r.fate,
        '',
      ];
      segRows.set(r.n, row);
      bySegment.set(r.n, []);
      rows.push(row);
    } else if (e.kind === 'state') {
      const change = `${e.host} ${e.from}→${e.to}`;
      if (e.cause.type === 'segment' && bySegment.has(e.cause.n)) bySegment.get(e.cause.n)?.push(change);
      else rows.push(['', ms(e.t), '', '', '', '', '', '', '', `${change} (${e.cause.type === 'call' ? e.cause.call : e.cause.type === 'timer' ? e.cause.timer : `segment ${e.cause.n}`})`]);
    }
  }
  for (const [n, changes] of bySegment) {
    const row = segRows.get(n);
    if (row) row[9] = changes.join('; ');
  }
  const final = Object.entries(trace.final)
    .map(([h, s]) => `${h}: ${s}`)
    .join(', ');
  return `${formatColumns(rows)}\n\n${c.t.final}: ${final}`;
}
