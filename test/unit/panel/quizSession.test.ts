import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TCP_STATES } from '../../../src/engine/types';
import { simulate } from '../../../src/engine/index';
import { loadExercise } from '../../../src/exercise/index';
import { QuizSession, type QuestionAnswered } from '../../../src/panel/quizSession';
import { computeAnswer, revealAt, type QuizContext } from '../../../src/quiz/index';
import type { QuestionSpec, StateQuestion } from '../../../src/quiz/types';

function session(file: string, clock = { t: 1000 }) {
  const loaded = loadExercise(readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8'), file);
  if (!loaded.exercise) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const ctx: QuizContext = { trace: simulate(loaded.exercise.scenario), scenario: loaded.exercise.scenario };
  const s = new QuizSession('lesson-06a', loaded.exercise.questions, ctx, 'en', () => clock.t, 'TIME-WAIT');
  const events: QuestionAnswered[] = [];
  s.onQuestionAnswered((e) => events.push(e));
  return { s, ctx, events, clock, questions: loaded.exercise.questions };
}

const FILE = 'lessons/06a-time-wait-lost-ack.tcp.yaml';

function firstState(questions: readonly QuestionSpec[]): StateQuestion {
  const q = questions.find((x): x is StateQuestion => x.ask === 'state');
  if (!q) throw new Error('lesson has no state question');
  return q;
}

function rightAndWrongState(q: StateQuestion, ctx: QuizContext): { right: string; wrong: string } {
  const a = computeAnswer(q, ctx);
  if (a.kind !== 'state') throw new Error('not a state answer');
  return { right: a.state, wrong: TCP_STATES.find((s) => s !== a.state)! };
}

describe('QuizSession.view', () => {
  it('gives the page prompts and stops, in file order, without answers', () => {
    const { s, ctx, questions } = session(FILE);
    const view = s.view();
    expect(view.map((v) => v.id)).toEqual(questions.map((q) => q.id));
    for (const [i, v] of view.entries()) {
      expect(v.prompt.length).toBeGreaterThan(0);
      expect(v.revealAt).toBe(Math.min(ctx.trace.segments.length, revealAt(questions[i], ctx)));
      expect(v.done).toBe(false);
      expect(Object.keys(v)).not.toContain('answer');
      expect(Object.keys(v)).not.toContain('expect');
    }
  });

  it('blanks the asked fields of a segment question and hides the asked host\'s later states', () => {
    const { s, questions } = session(FILE);
    const view = s.view();
    for (const [i, q] of questions.entries()) {
      if (q.ask === 'segment') expect(view[i].hide).toEqual({ segment: q.segment, fields: q.fields });
      if (q.ask === 'state') expect(view[i].hideState).toEqual({ host: q.host, after: view[i].revealAt });
    }
  });
});

describe('QuizSession.answer', () => {
  it('a right answer finishes the question, reveals the answer and reports the time since it was shown', () => {
    const { s, ctx, events, clock, questions } = session(FILE);
    const q = firstState(questions);
    const { right } = rightAndWrongState(q, ctx);
    s.shown(q.id);
    clock.t += 4200;
    const r = s.answer(q.id, right)!;
    expect(r.status).toBe('correct');
    expect(r.done).toBe(true);
    expect(r.answer).toContain(right);
    expect(r.explanation?.length).toBeGreaterThan(0);
    expect(events).toEqual([{ exerciseId: 'lesson-06a', exerciseTitle: 'TIME-WAIT', questionId: q.id, correct: true, attempts: 1, ms: 4200, revealed: false, hints: 0 }]);
    expect(s.view().find((v) => v.id === q.id)?.done).toBe(true);
  });

  it('keeps the answer back until the last try, then reveals it', () => {
    const { s, ctx, events, questions } = session(FILE);
    const q = firstState(questions);
    const { wrong } = rightAndWrongState(q, ctx);
    const tries = q.tries ?? 3;
    for (let i = 1; i < tries; i++) {
      const r = s.answer(q.id, wrong)!;
      expect(r.status).toBe('wrong');
      expect(r.done).toBe(false);
      expect(r.triesLeft).toBe(tries - i);
      expect(r.answer).toBeUndefined();
    }
    const last = s.answer(q.id, wrong)!;
    expect(last.done).toBe(true);
    expect(last.triesLeft).toBe(0);
    expect(last.answer).toBeDefined();
    expect(events.map((e) => [e.correct, e.attempts, e.revealed])).toEqual(Array.from({ length: tries }, (_, i) => [false, i + 1, i + 1 === tries]));
  });

  it('counts time from the previous answer, so the store’s sum is the time spent', () => {
    const { s, ctx, events, clock, questions } = session(FILE);
    const q = firstState(questions);
    const { right, wrong } = rightAndWrongState(q, ctx);
    s.shown(q.id);
    clock.t += 10_000;
    s.answer(q.id, wrong);
    clock.t += 5_000;
    s.hints(q.id);
    s.answer(q.id, right);
    expect(events.map((e) => [e.ms, e.hints])).toEqual([
      [10_000, 0],
      [5_000, 1],
    ]);
  });

  it('continues from earlier progress: a finished question stays finished, used tries stay used', () => {
    const loaded = loadExercise(readFileSync(new URL(`../../../${FILE}`, import.meta.url), 'utf8'), FILE);
    const questions = loaded.exercise!.questions;
    const ctx = { trace: simulate(loaded.exercise!.scenario), scenario: loaded.exercise!.scenario };
    const [first, second] = questions.filter((x) => x.ask === 'state');
    const prior = (id: string) => (id === first!.id ? { attempts: 3, done: true } : id === second!.id ? { attempts: 1, done: false } : undefined);
    const s = new QuizSession('lesson-06a', questions, ctx, 'en', () => 0, 'TIME-WAIT', prior);
    expect(s.view().find((v) => v.id === first!.id)?.done).toBe(true);
    expect(s.answer(first!.id, rightAndWrongState(first!, ctx).right)?.status).toBe('invalid'); // finished: nothing changes
    const r = s.answer(second!.id, rightAndWrongState(second!, ctx).wrong)!;
    expect(r.attempts).toBe(2);
    expect(r.triesLeft).toBe((second!.tries ?? 3) - 2);
  });

  it('does not count input that is not an answer', () => {
    const { s, events, questions } = session(FILE);
    const q = firstState(questions);
    const r = s.answer(q.id, 'banana')!;
    expect(r.status).toBe('invalid');
    expect(r.message?.length).toBeGreaterThan(0);
    expect(r.attempts).toBe(0);
    expect(events).toEqual([]);
  });

  it('answers nothing for a question the exercise does not have', () => {
    const { s } = session(FILE);
    expect(s.answer('no-such-question', 'CLOSED')).toBeUndefined();
    expect(s.hints('no-such-question')).toBeUndefined();
  });

  it('gives one more hint per request', () => {
    const { s, questions } = session(FILE);
    const q = firstState(questions);
    const first = s.hints(q.id)!;
    expect(first.hints.length).toBe(1);
    if (first.more) expect(s.hints(q.id)!.hints.length).toBe(2);
  });
});
