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
import { checkAnswer, computeAnswer, explain, formatAnswer, hints, QuizError, type QuizContext } from '../quiz/index';
import { DEFAULT_TRIES, questionView } from '../quiz/view';
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
  /** Hints the learner had asked for by this answer. */
  hints: number;
}

/** What an earlier session (kept in the learner's progress) left of a question. */
export interface PriorAnswers {
  attempts: number;
  /** Answered correctly, or the tries ran out. */
  done: boolean;
}

export type Listener<T> = (event: T) => void;

interface QuestionProgress {
  attempts: number;
  done: boolean;
  shownAt: number | undefined;
  /** When the last counted answer came (time is counted from it to the next). */
  lastAnswerAt: number | undefined;
  hintsShown: number;
}


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
    /** Progress from earlier sessions: a reopened lesson neither re-asks a finished question nor gives its tries back. */
    prior?: (questionId: string) => PriorAnswers | undefined,
  ) {
    this.startedAt = now();
    for (const q of questions) {
      const before = prior?.(q.id);
      const attempts = Math.max(0, before?.attempts ?? 0);
      const done = (before?.done ?? false) || attempts >= (q.tries ?? DEFAULT_TRIES);
      this.progress.set(q.id, { attempts, done, shownAt: undefined, lastAnswerAt: undefined, hintsShown: 0 });
    }
  }

  /** Called on every counted answer (not on invalid input); `correct`/`revealed` tell how it ended. */
  onQuestionAnswered(listener: Listener<QuestionAnswered>): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The questions as the page needs them, in file order. */
  view(): QuestionView[] {
    return this.questions.map((q) => questionView(q, this.ctx, this.lang, this.isDone(q.id)));
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
    // Time on the question since it was shown, or since the previous answer: the store adds them up.
    const now = this.now();
    const since = p.lastAnswerAt ?? p.shownAt ?? this.startedAt;
    p.lastAnswerAt = now;
    this.emit({
      exerciseId: this.exerciseId,
      ...(this.exerciseTitle !== undefined ? { exerciseTitle: this.exerciseTitle } : {}),
      questionId,
      correct,
      attempts: p.attempts,
      ms: Math.max(0, now - since),
      revealed: !correct && outOfTries,
      hints: p.hintsShown,
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
