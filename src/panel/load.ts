/**
 * Turns an exercise file into what the panel shows: the snapshot and a quiz session, or the
 * problems (file:line:col) when it cannot be loaded or simulated. Never throws.
 */
import * as vscode from 'vscode';
import { localize } from '../common/text';
import { ScenarioError, SimulationLimitError, simulate } from '../engine/index';
import { decodeUtf8, type DecodeResult } from '../common/decode';
import { limitMessage, loadExercise, type Diagnostic } from '../exercise/index';
import { messages } from '../exercise/messages';
import { toWireTrace, type DiagnosticView, type PanelSnapshot, type PanelState, type ToWebview } from '../protocol/messages';
import { currentLang } from '../lang';
import { isPracticeUri, practiceExercise } from '../practice';
import { QuizSession, type PriorAnswers } from './quizSession';
import { acceptanceTexts, dispositionTexts, reasonTexts, uiStrings } from './strings';
import { t } from '../l10n';

export type Loaded =
  | { ok: true; snapshot: PanelSnapshot; session: QuizSession }
  | { ok: false; error: Extract<ToWebview, { type: 'trace/error' }> };

/**
 * The text of `uri`: the open editor's (unsaved edits included) or the file's, read as the CLI
 * reads it (bytes that are not UTF-8 are an error at their place, never U+FFFD).
 */
export async function readExerciseText(uri: vscode.Uri): Promise<DecodeResult> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return { text: open.getText() };
  return decodeUtf8(await vscode.workspace.fs.readFile(uri));
}


/** A short name for messages and default export file names: `handshake.tcp.yaml` → `handshake`. */
export function baseName(uri: vscode.Uri): string {
  const last = uri.path.split('/').pop() ?? 'diagram';
  return last.replace(/\.tcp\.ya?ml$/i, '').replace(/\.ya?ml$/i, '') || 'diagram';
}

function displayPath(uri: vscode.Uri): string {
  if (isPracticeUri(uri)) return `${t('practice')}:${uri.path.replace(/^\//, '')}`;
  return uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri, false) : uri.toString(true);
}

export function diagnosticView(d: Diagnostic): DiagnosticView {
  return { location: `${d.file}:${d.line}:${d.column}`, severity: d.severity, message: d.message, code: d.code };
}

/** The position a step's opaque `source` carries, when it carries one (the exercise loader's doing). */
function sourceLocation(file: string, source: unknown): string {
  if (typeof source === 'object' && source !== null) {
    const s = source as Record<string, unknown>;
    if (typeof s.line === 'number') return `${file}:${s.line}:${typeof s.column === 'number' ? s.column : 1}`;
  }
  return `${file}:1:1`;
}

export async function loadForPanel(
  uri: vscode.Uri,
  opts: { exerciseId?: string; restore?: PanelState; now: () => number; prior?: (exerciseId: string, questionId: string) => PriorAnswers | undefined },
): Promise<Loaded> {
  const file = displayPath(uri);
  const lang = currentLang();
  const fail = (diagnostics: DiagnosticView[]): Loaded => ({
    ok: false,
    error: {
      type: 'trace/error',
      uri: uri.toString(),
      title: baseName(uri),
      heading: t('{0} could not be shown:', file),
      diagnostics,
    },
  });

  let loaded: ReturnType<typeof loadExercise>;
  if (isPracticeUri(uri)) {
    // A generated practice instance: no file, the generator and its seed make the exercise.
    try {
      loaded = { exercise: practiceExercise(uri), diagnostics: [] };
    } catch (e) {
      return fail([{ location: `${file}:1:1`, severity: 'error', message: errorText(e), code: 'practice' }]);
    }
  } else {
    let read: DecodeResult;
    try {
      read = await readExerciseText(uri);
    } catch (e) {
      return fail([{ location: `${file}:1:1`, severity: 'error', message: errorText(e), code: 'read-failed' }]);
    }
    if ('error' in read) {
      return fail([{ location: `${file}:${read.error.line}:${read.error.column}`, severity: 'error', message: messages(lang).notUtf8(read.error.byte), code: 'not-utf8' }]);
    }
    loaded = loadExercise(read.text, file, lang);
  }
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.exercise || errors.length > 0) {
    const shown = errors.length > 0 ? errors : loaded.diagnostics;
    return fail(
      shown.length > 0
        ? shown.map(diagnosticView)
        : [{ location: `${file}:1:1`, severity: 'error', message: t('The file is not a TCP Tutor exercise.'), code: 'not-exercise' }],
    );
  }
  const exercise = loaded.exercise;

  let trace;
  try {
    trace = simulate(exercise.scenario);
  } catch (e) {
    if (e instanceof ScenarioError) {
      return fail([{ location: sourceLocation(file, e.source), severity: 'error', message: e.message, code: 'scenario' }]);
    }
    if (e instanceof SimulationLimitError) {
      // The same words and place as `tcp-tutor check` (the step that ran into the limit, when known).
      const step = e.step;
      const at = step === undefined ? undefined : exercise.scenario.steps[step]?.source;
      return fail([{ location: at ? sourceLocation(file, at) : `${file}:1:1`, severity: 'error', message: limitMessage(e.limit, e.value, lang), code: 'limit' }]);
    }
    return fail([{ location: `${file}:1:1`, severity: 'error', message: errorText(e), code: 'engine' }]);
  }

  const title = localize(exercise.title, lang) || baseName(uri);
  const exerciseId = opts.exerciseId ?? uri.toString();
  const prior = opts.prior;
  const session = new QuizSession(exerciseId, exercise.questions, { trace, scenario: exercise.scenario }, lang, opts.now, title, prior ? (qid) => prior(exerciseId, qid) : undefined);
  let questions;
  try {
    questions = session.view();
  } catch (e) {
    return fail([{ location: `${file}:1:1`, severity: 'error', message: errorText(e), code: 'quiz' }]);
  }
  const snapshot: PanelSnapshot = {
    uri: uri.toString(),
    exerciseId,
    title,
    description: localize(exercise.description, lang),
    body: localize(exercise.body, lang),
    lang,
    trace: toWireTrace(trace),
    questions,
    strings: uiStrings(),
    reasons: reasonTexts(),
    dispositions: dispositionTexts(),
    acceptances: acceptanceTexts(),
    misconceptions: (exercise.misconceptions ?? []).map((m) => localize(m, lang)),
    warnings: loaded.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`),
  };
  if (opts.restore) snapshot.restore = opts.restore;
  return { ok: true, snapshot, session };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
