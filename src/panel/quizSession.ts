/**
 * Host-side quiz logic for one exercise shown in a panel: which questions are open, tries,
 * timing, and checking answers with the engine-backed quiz module. No `vscode` import (time and
 * language are injected), so the Lessons/progress code and the unit tests can reuse it.
 *
 * The page never sees an answer before the learner has earned it: `view()` carries prompts and
 * where to stop, and `answer()` reveals the engine's answer only after a correct answer or the
 * last try.
 */
import { localize, type Lang } from '../common/text';
import type { QuestionView, QuizResult } from '../protocol/messages';
import { checkAnswer, computeAnswer, explain, formatAnswer, hints, promptFor, QuizError, revealAt, type QuizContext } from '../quiz/index';
import type { QuestionSpec, SegmentField } from '../quiz/types';

export interface QuestionAnswered {
  exerciseId: string;
  /** The exercise's title in the session's language (for progress listings). */
  exerciseTitle?: string;
  questionId: string;
  correct: boolean;
  /** Counted answers so far (invalid input is not counted). */
  attempts: number;
  /** From the question being shown to this answer. */
  ms: number;
  /** The tries ran out and the answer was revealed. */
  revealed: boolean;
}

export type Listener<T> = (event: T) => void;

interface QuestionProgress {
  attempts: number;
  done: boolean;
  shownAt: number | undefined;
  hintsShown: number;
}

const DEFAULT_TRIES = 3;

export class QuizSession {
  private readonly progress = new Map<string, QuestionProgress>();
  private readonly listeners = new Set<Listener<QuestionAnswered>>();
  private readonly startedAt: number;

  constructor(
    readonly exerciseId: string,
    readonly questions: readonly QuestionSpec[],
    private readonly ctx: QuizContext,
    private readonly lang: Lang,
    private readonly now: () => number,
    private readonly exerciseTitle?: string,
  ) {
    this.startedAt = now();
    for (const q of questions) this.progress.set(q.id, { attempts: 0, done: false, shownAt: undefined, hintsShown: 0 });
  }

  /** Called on every counted answer (not on invalid input); `correct`/`revealed` tell how it ended. */
  onQuestionAnswered(listener: Listener<QuestionAnswered>): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The questions as the page needs them, in file order. */
  view(): QuestionView[] {
    const segments = this.ctx.trace.segments.length;
    return this.questions.map((q) => {
      const at = Math.max(0, Math.min(segments, revealAt(q, this.ctx)));
      const v: QuestionView = {
        id: q.id,
        kind: q.ask,
        prompt: promptFor(q, this.ctx, this.lang),
        revealAt: at,
        tries: q.tries ?? DEFAULT_TRIES,
        done: this.isDone(q.id),
      };
      const hide = hiddenSegment(q, segments);
      if (hide) v.hide = hide;
      if (q.ask === 'state') v.hideState = { host: q.host, after: at };
      if (q.ask === 'accepted') {
        // The receiver's state notes after the segment would give its fate away.
        const rec = this.ctx.trace.segments.find((r) => r.n === q.segment);
        if (rec) v.hideState = { host: rec.to, after: q.segment };
      }
      if (q.ask === 'segment') v.fields = [...q.fields];
      if (q.ask === 'choice') v.choices = q.choices.map((c) => localize(c, this.lang));
      return v;
    });
  }

  /** The page shows the question now: its time starts (only the first time). */
  shown(questionId: string): void {
    const p = this.progress.get(questionId);
    if (p && p.shownAt === undefined) p.shownAt = this.now();
  }

  isDone(questionId: string): boolean {
    return this.progress.get(questionId)?.done ?? false;
  }

  /** Checks one answer. `undefined` for an unknown question id. */
  answer(questionId: string, input: string | Record<string, string>): QuizResult | undefined {
    const q = this.find(questionId);
    const p = this.progress.get(questionId);
    if (!q || !p) return undefined;
    const tries = q.tries ?? DEFAULT_TRIES;
    if (p.done) {
      // Answering again after the end changes nothing; repeat the reveal.
      return { questionId, status: 'invalid', attempts: p.attempts, triesLeft: Math.max(0, tries - p.attempts), done: true, ...this.reveal(q) };
    }
    const check = checkAnswer(q, this.ctx, input, this.lang);
    const result: QuizResult = { questionId, status: check.status, attempts: p.attempts, triesLeft: Math.max(0, tries - p.attempts), done: false };
    if (check.message !== undefined) result.message = check.message;
    if (check.misconception !== undefined) result.misconception = check.misconception;
    if (check.note !== undefined) result.note = check.note;
    if (check.fields !== undefined) result.fields = { ...check.fields } as Partial<Record<SegmentField, boolean>>;
    if (check.status === 'invalid') return result;

    p.attempts += 1;
    const correct = check.status === 'correct';
    const outOfTries = p.attempts >= tries;
    p.done = correct || outOfTries;
    result.attempts = p.attempts;
    result.triesLeft = Math.max(0, tries - p.attempts);
    result.done = p.done;
    if (p.done) Object.assign(result, this.reveal(q));
    this.emit({
      exerciseId: this.exerciseId,
      ...(this.exerciseTitle !== undefined ? { exerciseTitle: this.exerciseTitle } : {}),
      questionId,
      correct,
      attempts: p.attempts,
      ms: Math.max(0, this.now() - (p.shownAt ?? this.startedAt)),
      revealed: !correct && outOfTries,
    });
    return result;
  }

  /**
   * Hints for a question, one more per call (author's first, then the engine's). `more` says
   * whether another call would show another.
   */
  hints(questionId: string): { hints: string[]; more: boolean } | undefined {
    const q = this.find(questionId);
    const p = this.progress.get(questionId);
    if (!q || !p) return undefined;
    const all = hints(q, this.ctx, this.lang);
    p.hintsShown = Math.min(all.length, p.hintsShown + 1);
    return { hints: all.slice(0, p.hintsShown), more: p.hintsShown < all.length };
  }

  private reveal(q: QuestionSpec): Pick<QuizResult, 'answer' | 'explanation'> {
    const out: Pick<QuizResult, 'answer' | 'explanation'> = {};
    try {
      out.answer = formatAnswer(q, computeAnswer(q, this.ctx), this.ctx, this.lang);
    } catch (e) {
      out.answer = e instanceof QuizError ? e.describe(this.lang) : e instanceof Error ? e.message : String(e);
    }
    const why = explain(q, this.ctx, this.lang);
    out.explanation = why || localize(q.explain, this.lang);
    return out;
  }

  private find(questionId: string): QuestionSpec | undefined {
    return this.questions.find((q) => q.id === questionId);
  }

  private emit(event: QuestionAnswered): void {
    for (const l of [...this.listeners]) l(event);
  }
}

/**
 * Which segment the diagram blanks while a question is open, and which of its fields: questions
 * about a segment's header draw that segment with those fields as `?`.
 */
export function hiddenSegment(q: QuestionSpec, segments: number): { segment: number; fields?: string[] } | undefined {
  switch (q.ask) {
    case 'seq':
    case 'ack':
      return q.segment <= segments ? { segment: q.segment, fields: [q.ask] } : undefined;
    case 'flags':
      return q.segment <= segments ? { segment: q.segment, fields: ['flags'] } : undefined;
    case 'segment':
      return q.segment <= segments ? { segment: q.segment, fields: [...q.fields] } : undefined;
    case 'accepted':
      // The segment is drawn in full; what became of it (and the answer it drew) stays hidden.
      return q.segment <= segments ? { segment: q.segment, fields: [] } : undefined;
    default:
      // state, number, choice: the diagram stops at the question; nothing after it is drawn.
      return undefined;
  }
}
