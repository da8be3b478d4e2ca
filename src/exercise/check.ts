/**
 * `checkExercise`: everything `loadExercise` checks, then a run of the engine: engine errors and
 * caps, questions about segments that do not exist, and each `expect` compared with the engine.
 */
import type { Lang } from '../common/text';
import { ScenarioError, simulate, SimulationLimitError, type Trace } from '../engine';
import { compareExpect, type QuizContext } from '../quiz';
import { loadDocument, sortDiagnostics } from './load';
import { callError, limitMessage, messages } from './messages';
import { callFailures, idleFaults } from './outcome';
import { START, type SourceMap } from './source';
import type { Diagnostic, Exercise, SourceRange } from './types';

function isRange(x: unknown): x is SourceRange {
  const r = x as Partial<SourceRange> | null;
  return typeof r === 'object' && r !== null && typeof r.line === 'number' && typeof r.column === 'number';
}

export interface CheckOutcome {
  diagnostics: Diagnostic[];
  exercise?: Exercise;
  trace?: Trace;
}

/** Loads, simulates and checks an exercise; returns the trace too (for the CLI and the panel). */
export function checkExerciseFull(text: string, file: string, lang: Lang = 'en'): CheckOutcome {
  const { result, map } = loadDocument(text, file, lang);
  const diags = [...result.diagnostics];
  const ex = result.exercise;
  if (!ex) return { diagnostics: diags };
  const m = messages(lang);
  let trace: Trace;
  try {
    trace = simulate(ex.scenario);
  } catch (e) {
    if (e instanceof SimulationLimitError) {
      const source = (e as { source?: unknown }).source;
      const step = isRange(source) ? undefined : e.step;
      const range = isRange(source) ? source : step !== undefined ? map.mapRange(['steps', step]) : map.keyRange(['steps']);
      diags.push(map.diag(range, 'error', 'engine-limit', limitMessage(e.limit, e.value, lang)));
    } else if (e instanceof ScenarioError) {
      diags.push(map.diag(isRange(e.source) ? e.source : START, 'error', 'engine-error', m.engineError(e.message)));
    } else {
      diags.push(map.diag(START, 'error', 'engine-error', m.engineError(e instanceof Error ? e.message : String(e))));
    }
    return { diagnostics: sortDiagnostics(diags), exercise: ex };
  }
  diags.push(...questionDiagnostics(ex, trace, map, lang));
  diags.push(...outcomeDiagnostics(ex, trace, map, lang));
  return { diagnostics: sortDiagnostics(diags), exercise: ex, trace };
}

/** Warnings about what the run did: steps whose call failed, faults that changed nothing. */
function outcomeDiagnostics(ex: Exercise, trace: Trace, map: SourceMap, lang: Lang): Diagnostic[] {
  const m = messages(lang);
  const out: Diagnostic[] = [];
  for (const f of callFailures(trace, ex.scenario)) {
    if (!f.immediate || f.step === null) continue;
    out.push(map.diag(map.mapRange(['steps', f.step - 1]), 'warning', 'step-fails', m.stepFails(f.step, f.host, f.call, callError(f.error, lang))));
  }
  for (const f of idleFaults(trace, ex.scenario)) {
    const message = f.matched === 0 || f.nth === null ? m.faultNeverMatches(f.index + 1) : m.faultNeverApplies(f.index + 1, f.matched, f.nth);
    out.push(map.diag(map.mapRange(['faults', f.index]), 'warning', 'fault-idle', message));
  }
  return out;
}

/** Every problem in an exercise file, sorted by position. No diagnostics of severity error = it passes. */
export function checkExercise(text: string, file: string, lang: Lang = 'en'): Diagnostic[] {
  return checkExerciseFull(text, file, lang).diagnostics;
}

function questionDiagnostics(ex: Exercise, trace: Trace, map: SourceMap, lang: Lang): Diagnostic[] {
  const m = messages(lang);
  const out: Diagnostic[] = [];
  const count = trace.segments.length;
  const ctx: QuizContext = { trace, scenario: ex.scenario };
  ex.questions.forEach((q, i) => {
    const base = ['questions', i];
    let missing = false;
    if ('segment' in q && typeof q.segment === 'number' && q.segment > count) {
      out.push(map.diag(map.valueRange([...base, 'segment']), 'error', 'no-such-segment', m.noSuchSegment(q.segment, count)));
      missing = true;
    }
    if (q.ask === 'state' && q.after > count) {
      out.push(map.diag(map.valueRange([...base, 'after']), 'error', 'no-such-segment', m.noSuchSegment(q.after, count)));
      missing = true;
    }
    if (missing || q.expect === undefined) return;
    let problem: string | null;
    try {
      problem = compareExpect(q, ctx, lang);
    } catch (e) {
      problem = `${m.expectMissingAnswer()}: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (problem !== null) out.push(map.diag(map.valueRange([...base, 'expect']), 'error', 'expect-mismatch', problem));
  });
  return out;
}
