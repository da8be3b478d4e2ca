/**
 * The `tcp-tutor` command line, runnable in-process: `runCli(argv, io)` returns the exit status
 * (0 ok, 1 problems found, 2 usage). `main.ts` wires it to the process; tests call it directly.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { version } from '../../package.json';
import { decodeUtf8 } from '../common/decode';
import { langFromLocale, localize, type Lang } from '../common/text';
import { ScenarioError, simulate, SimulationLimitError, type Scenario, type Trace } from '../engine';
import { callError, callFailures, checkExerciseFull, EXERCISE_LIMITS, exerciseToJson, limitMessage, roundTime, STARTER_TEMPLATE, type Diagnostic, type Exercise } from '../exercise';
import { messages } from '../exercise/messages';
import { checkAnswer, choiceLabel, computeAnswer, explain, formatAnswer, hints, promptFor, type QuizContext } from '../quiz';
import { questionView, viewRange, type ViewRange } from '../quiz/view';
import type { QuestionSpec } from '../quiz/types';
import { renderMermaid } from '../render/mermaid';
import { traceTable } from '../render/table';
import { cliText, COMMANDS, type Command } from './catalogue';
import { EXERCISE_SUFFIX, expandExercisePaths, readFileCapped, type ReadProblem } from './files';
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

function why(c: Ctx, p: ReadProblem): string {
  switch (p.kind) {
    case 'missing':
      return c.t.why.missing;
    case 'directory':
      return c.t.why.directory;
    case 'not-regular':
      return c.t.why.notRegular;
    case 'denied':
      return c.t.why.denied;
    case 'too-big':
      return messages(c.lang).fileTooBig(p.size, EXERCISE_LIMITS.maxFileSize);
    case 'other':
      return p.message;
  }
}

/** A file's text; or the problems that stop it being read (`cannot` when it could not be opened at all). */
type Read = { text: string } | { diagnostics: Diagnostic[] } | { cannot: string };

/**
 * Reads an exercise file as the format wants it: at most the size cap (checked before reading),
 * regular files only, UTF-8 (a BOM is dropped; a byte that is not UTF-8 is an error at its line).
 */
function readExercise(c: Ctx, file: string): Read {
  const r = readFileCapped(resolve(c.io.cwd, file), EXERCISE_LIMITS.maxFileSize);
  const m = messages(c.lang);
  const at1 = { line: 1, column: 1, endLine: 1, endColumn: 1 };
  if ('problem' in r) {
    if (r.problem.kind === 'too-big') {
      return { diagnostics: [{ file, ...at1, severity: 'error', code: 'limit-size', message: m.fileTooBig(r.problem.size, EXERCISE_LIMITS.maxFileSize) }] };
    }
    return { cannot: c.t.cannotRead(file, why(c, r.problem)) };
  }
  const d = decodeUtf8(r.bytes);
  if ('error' in d) {
    const { line, column, byte } = d.error;
    return { diagnostics: [{ file, line, column, endLine: line, endColumn: column + 1, severity: 'error', code: 'not-utf8', message: m.notUtf8(byte) }] };
  }
  return { text: d.text };
}

/** `file:line:col: message` for an error, `file:line:col: warning: message` for a warning. */
export function formatDiagnostic(d: Diagnostic): string {
  return d.severity === 'warning' ? `${d.file}:${d.line}:${d.column}: warning: ${d.message}` : `${d.file}:${d.line}:${d.column}: ${d.message}`;
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

/** Loads and runs a file; prints its errors and returns the exit status when it cannot run. */
function runFile(c: Ctx, file: string): { trace: Trace; exercise: Exercise } | number {
  const read = readExercise(c, file);
  if ('cannot' in read) {
    c.err(read.cannot);
    return EXIT_USAGE;
  }
  if ('diagnostics' in read) {
    for (const d of read.diagnostics) c.err(formatDiagnostic(d));
    return EXIT_PROBLEMS;
  }
  const r = checkExerciseFull(read.text, file, c.lang);
  if (!r.trace || !r.exercise) {
    for (const d of r.diagnostics) c.err(formatDiagnostic(d));
    return EXIT_PROBLEMS;
  }
  return { trace: r.trace, exercise: r.exercise };
}

function cmdSimulate(c: Ctx): number {
  const file = oneFile(c, 'simulate');
  if (typeof file === 'number') return file;
  const r = runFile(c, file);
  if (typeof r === 'number') return r;
  if (c.options.has('json')) c.out(JSON.stringify(exerciseToJson(r.trace, r.exercise.scenario), null, 2));
  else c.out(simulateTable(r.trace, r.exercise.scenario, c));
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
  for (const m of missing) c.err(c.t.cannotRead(m, c.t.why.missingPath));
  if (files.length === 0 && missing.length === 0) {
    c.err(c.t.noFiles(c.rest.join(', ')));
    return EXIT_USAGE;
  }
  // A path that does not exist is a file that failed.
  let errors = missing.length;
  let warnings = 0;
  let failed = missing.length;
  for (const f of files) {
    const read = readExercise(c, f);
    if ('cannot' in read) {
      c.err(read.cannot);
      failed++;
      errors++;
      continue;
    }
    const ds = 'diagnostics' in read ? read.diagnostics : checkExerciseFull(read.text, f, c.lang).diagnostics;
    for (const d of ds) c.out(formatDiagnostic(d));
    const e = ds.filter((d) => d.severity === 'error').length;
    errors += e;
    warnings += ds.length - e;
    if (e > 0) failed++;
  }
  const checked = files.length + missing.length;
  if (failed === 0) {
    c.out(c.t.summaryPass(checked, warnings));
    return EXIT_OK;
  }
  c.out(c.t.summaryFail(checked, failed, errors, warnings));
  // Nothing named on the command line exists: a usage error.
  return files.length === 0 ? EXIT_USAGE : EXIT_PROBLEMS;
}

/** `lesson` → `lesson.tcp.yaml`; `lesson.tcp`, `lesson.yaml` and `lesson.tcp.yml` too. */
export function exerciseFileName(name: string): string {
  return name.endsWith(EXERCISE_SUFFIX) ? name : `${name.replace(/(\.tcp)?(\.ya?ml)?$/, '')}${EXERCISE_SUFFIX}`;
}

function cmdNew(c: Ctx): number {
  const name = oneFile(c, 'new', 'NAME');
  if (typeof name === 'number') return name;
  if (name.trim() === '' || basename(name).startsWith('.') || /[\0]/.test(name)) return usage(c, 'new', c.t.badName(name));
  const file = exerciseFileName(name);
  const abs = resolve(c.io.cwd, file);
  if (existsSync(abs)) {
    c.err(c.t.exists(file));
    return EXIT_PROBLEMS;
  }
  try {
    writeFileSync(abs, STARTER_TEMPLATE(c.lang), { encoding: 'utf8', flag: 'wx' });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const reason =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? c.t.why.noDirectory
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? c.t.why.denied
          : code === 'EISDIR'
            ? c.t.why.directory
            : e instanceof Error
              ? e.message
              : String(e);
    c.err(c.t.cannotWrite(file, reason));
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
  // Same path as `check`, so problems read the same.
  const r = runFile(c, file);
  if (typeof r === 'number') return r;
  const ex = r.exercise;
  let scenario: Scenario = ex.scenario;
  let trace = r.trace;
  if (seed !== undefined) {
    scenario = { ...ex.scenario, seed };
    try {
      trace = simulate(scenario);
    } catch (e) {
      const message =
        e instanceof SimulationLimitError
          ? limitMessage(e.limit, e.value, c.lang)
          : messages(c.lang).engineError(e instanceof ScenarioError || e instanceof Error ? e.message : String(e));
      c.err(`${file}: ${message}`);
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
  // In file order (answers are piped in that order), each shown as the panel shows it while it is
  // open: with what the questions still to come at the same stop ask blanked too.
  const views = questions.map((q) => questionView(q, quiz, lang));
  for (let i = 0; i < questions.length; i++) {
    const q = questions[i]!;
    const view = views[i]!;
    out('');
    out(t.question(i + 1, questions.length, q.id));
    const open = [view, ...views.slice(i + 1).filter((v) => v.revealAt === view.revealAt)];
    const table = questionTable(q, quiz, lang, viewRange(view.revealAt, quiz.trace.segments.length, open));
    if (table) out(table);
    out(promptFor(q, quiz, lang));
    if (q.ask === 'segment' && q.fields.length > 1) out(t.segmentFormat(q.fields));
    if (q.ask === 'choice') q.choices.forEach((ch, k) => out(`  ${choiceLabel(k)}. ${localize(ch, lang)}`));
    const tries = view.tries;
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

/**
 * `simulate`'s table: one row per segment (a network duplicate too, with the state changes it
 * caused), per other state change, and per user call that failed.
 */
function simulateTable(trace: Trace, scenario: Scenario, c: Ctx): string {
  const rows: string[][] = [c.t.tableHead];
  const bySegment = new Map<number, string[]>();
  const segRows = new Map<number, string[]>();
  const ms = (x: number) => `${roundTime(x)}ms`;
  const failures = callFailures(trace, scenario);
  const failureRow = (f: (typeof failures)[number]) =>
    rows.push(['', ms(f.at), f.host, '', '', '', '', '', c.t.failed, c.t.callFailed(f.call, callError(f.error, c.lang), f.step)]);
  let nextFailure = 0;
  trace.events.forEach((e, i) => {
    if (e.kind === 'send' || e.kind === 'duplicate') {
      const r = trace.segments[e.n - 1];
      if (r && !segRows.has(r.n)) {
        const row = [
          String(r.n),
          ms(r.sentAt),
          `${r.from} → ${r.to}`,
          r.seg.flags.join(',') || '-',
          String(r.seg.seq),
          r.seg.flags.includes('ACK') ? String(r.seg.ack) : '-',
          String(r.seg.payload.length),
          String(r.seg.window),
          r.fate === 'duplicate' && r.duplicateOf !== null ? c.t.duplicateOf(r.duplicateOf) : (c.t.fate[r.fate] ?? r.fate),
          '',
        ];
        segRows.set(r.n, row);
        bySegment.set(r.n, []);
        rows.push(row);
      }
    } else if (e.kind === 'state') {
      const change = `${e.host} ${e.from}→${e.to}`;
      if (e.cause.type === 'segment' && bySegment.has(e.cause.n)) bySegment.get(e.cause.n)?.push(change);
      else rows.push(['', ms(e.t), '', '', '', '', '', '', '', `${change} (${e.cause.type === 'call' ? e.cause.call : e.cause.type === 'timer' ? e.cause.timer : `segment ${e.cause.n}`})`]);
    }
    // A failed call right after its call event; an error signalled later, after the state change it came with.
    while (nextFailure < failures.length && failures[nextFailure]!.event <= i) failureRow(failures[nextFailure++]!);
  });
  while (nextFailure < failures.length) failureRow(failures[nextFailure++]!);
  for (const [n, changes] of bySegment) {
    const row = segRows.get(n);
    if (row) row[9] = changes.join('; ');
  }
  const final = Object.entries(trace.final)
    .map(([h, s]) => `${h}: ${s}`)
    .join(', ');
  return `${formatColumns(rows)}\n\n${c.t.final}: ${final}`;
}
