/**
 * The step-through's rules, free of the DOM so they can be unit-tested: which question is open at
 * a step, how far forward the learner may go, which page of a long trace is shown, and which TCB
 * snapshot belongs to a step.
 */
import type { TcbSnapshot, Trace } from '../src/engine/types';
import type { QuestionView } from '../src/protocol/messages';
import { pageFor, segmentPosition } from '../src/render/index';
import { openQuestions as openAt } from '../src/quiz/view';

export { askedPosition, viewRange, type ViewRange } from '../src/quiz/view';

/** Segments per diagram page for long traces. */
export const PAGE_SIZE = 40;

export interface QuizProgress {
  /** Quiz mode on: the step-through stops at questions. */
  enabled: boolean;
  /** Questions finished (correct, out of tries, or skipped). */
  done: ReadonlySet<string>;
}

export function clampStep(step: number, total: number): number {
  if (!Number.isFinite(step)) return 0;
  return Math.max(0, Math.min(total, Math.floor(step)));
}

/** The open questions at `step` (none when quiz mode is off). */
export function openQuestions(questions: readonly QuestionView[], step: number, quiz: QuizProgress): QuestionView[] {
  return quiz.enabled ? openAt(questions, step, quiz.done) : [];
}

/** The question the form asks at `step`: the first open one. */
export function openQuestion(questions: readonly QuestionView[], step: number, quiz: QuizProgress): QuestionView | undefined {
  return openQuestions(questions, step, quiz)[0];
}

/** How far forward the learner may go from `step`: the next unfinished question's stop, or the end. */
export function forwardLimit(questions: readonly QuestionView[], step: number, total: number, quiz: QuizProgress): number {
  if (!quiz.enabled) return total;
  let limit = total;
  for (const q of questions) {
    if (!quiz.done.has(q.id) && q.revealAt >= step && q.revealAt < limit) limit = q.revealAt;
  }
  return limit;
}

/** A move to `target`, stopped at the next open question. */
export function moveTo(target: number, step: number, questions: readonly QuestionView[], total: number, quiz: QuizProgress): number {
  const t = clampStep(target, total);
  if (t <= step) return t;
  return Math.min(t, forwardLimit(questions, step, total, quiz));
}

/** The page of a long trace holding `upTo` (1-based page, segments from..to). */
export function pageOf(upTo: number, total: number, size = PAGE_SIZE): { page: number; pages: number; from: number; to: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  const p = pageFor(Math.max(1, upTo), size, total);
  return { page: Math.min(p.page, pages), pages, from: p.from, to: Math.max(p.from, p.to) };
}

/**
 * Index in `trace.events` of the last event the diagram shows at `step` (the events before
 * segment step+1 is sent), or -1 before the first event.
 */
export function eventIndexAtStep(trace: Trace, step: number): number {
  const total = trace.segments.length;
  if (step >= total) return trace.events.length - 1;
  const next = trace.segments[step];
  if (!next) return trace.events.length - 1;
  return Math.ceil(segmentPosition(trace, next.n)) - 1;
}

/** Every scenario host's TCB at `step` (undefined entries before the first event). */
export function tcbsAtStep(trace: Trace, step: number): Record<string, TcbSnapshot | undefined> {
  const i = eventIndexAtStep(trace, step);
  const row = i >= 0 ? trace.tcbs[Math.min(i, trace.tcbs.length - 1)] : undefined;
  const out: Record<string, TcbSnapshot | undefined> = {};
  for (const host of Object.keys(trace.hosts)) out[host] = row?.[host];
  return out;
}

/** Virtual time at `step`: when the last shown event happened. */
export function timeAtStep(trace: Trace, step: number): number {
  const i = eventIndexAtStep(trace, step);
  return i >= 0 ? (trace.events[i]?.t ?? 0) : 0;
}

/** Segment number an arrow label names: Mermaid message texts start with `#n `. */
export function segmentFromLabel(text: string | null): number | undefined {
  const m = /^\s*#(\d+)\b/.exec(text ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Bytes of an encoded segment that a field (bit range) covers. */
export function bytesOfField(field: { byteOffset: number; bitOffset: number; bitLength: number }): number[] {
  const start = field.byteOffset * 8 + field.bitOffset;
  const end = start + field.bitLength; // exclusive
  const out: number[] = [];
  for (let b = Math.floor(start / 8); b * 8 < end; b++) out.push(b);
  return out;
}
