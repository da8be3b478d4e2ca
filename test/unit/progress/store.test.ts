import { describe, expect, it } from 'vitest';
import { PROGRESS_BACKUP_KEY, PROGRESS_KEY, ProgressStore, progressToCsv, progressToJson, type MementoLike } from '../../../src/progress/store';

class Memory implements MementoLike {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, structuredClone(value));
  }
}

const at = new Date('2026-11-23T10:00:00Z');

describe('ProgressStore', () => {
  it('counts attempts and keeps a question correct once it was answered right', async () => {
    const m = new Memory();
    const store = new ProgressStore(m);
    await store.record({ exerciseId: 'builtin:02', questionId: 'q1', correct: false, ms: 1000, at });
    await store.record({ exerciseId: 'builtin:02', questionId: 'q1', correct: true, ms: 500, at });
    await store.record({ exerciseId: 'builtin:02', questionId: 'q1', correct: false, ms: 10, at });
    const q = store.exercise('builtin:02')!.questions.q1;
    expect(q).toMatchObject({ attempts: 3, correct: true, firstTry: false, timeMs: 1510 });
    expect(store.score('builtin:02', ['q1', 'q2'])).toEqual({ correct: 1, total: 2, answered: 1 });
  });

  it('survives a reload: a new store over the same memento sees the same progress', async () => {
    const m = new Memory();
    const a = new ProgressStore(m);
    await a.record({ exerciseId: 'x', exerciseTitle: 'Handshake', questionId: 'q1', correct: true, ms: 42, at });
    const b = new ProgressStore(m);
    expect(b.exercise('x')).toMatchObject({ title: 'Handshake', questions: { q1: { attempts: 1, correct: true, firstTry: true } } });
  });

  it('does not lose an answer when two are recorded without waiting', async () => {
    const m = new Memory();
    const store = new ProgressStore(m);
    const p1 = store.record({ exerciseId: 'x', questionId: 'q1', correct: true, ms: 1, at });
    const p2 = store.record({ exerciseId: 'x', questionId: 'q2', correct: false, ms: 1, at });
    await Promise.all([p1, p2]);
    expect(Object.keys(new ProgressStore(m).exercise('x')!.questions).sort()).toEqual(['q1', 'q2']);
  });

  it('keeps unreadable stored data aside instead of overwriting it', async () => {
    const m = new Memory();
    m.values.set(PROGRESS_KEY, { version: 99, whatever: true });
    const store = new ProgressStore(m);
    await store.record({ exerciseId: 'x', questionId: 'q1', correct: true, ms: 1, at });
    expect(m.values.get(PROGRESS_BACKUP_KEY)).toEqual({ version: 99, whatever: true });
  });

  it('drops malformed entries but keeps the good ones', () => {
    const m = new Memory();
    m.values.set(PROGRESS_KEY, { version: 1, exercises: { a: { questions: { q1: { attempts: 2, correct: true }, q2: 'junk' } }, b: 7 } });
    const store = new ProgressStore(m);
    expect(Object.keys(store.snapshot().exercises)).toEqual(['a']);
    expect(Object.keys(store.exercise('a')!.questions)).toEqual(['q1']);
  });

  it('resets one exercise or everything', async () => {
    const store = new ProgressStore(new Memory());
    await store.record({ exerciseId: 'a', questionId: 'q', correct: true, ms: 1, at });
    await store.record({ exerciseId: 'b', questionId: 'q', correct: true, ms: 1, at });
    await store.reset('a');
    expect(Object.keys(store.snapshot().exercises)).toEqual(['b']);
    await store.reset();
    expect(store.snapshot().exercises).toEqual({});
  });
});

describe('export', () => {
  it('writes CSV with a header, quoted cells and formula-looking cells defused', async () => {
    const store = new ProgressStore(new Memory());
    await store.record({ exerciseId: 'pack:x/1', exerciseTitle: '=HYPERLINK("evil"), "quoted"', questionId: 'q1', correct: true, ms: 12.4, at });
    const csv = progressToCsv(store.snapshot());
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('exercise,title,question,attempts,correct,first_try,revealed,hints,time_ms,last_answered_at');
    expect(lines[1]).toBe(`pack:x/1,"'=HYPERLINK(""evil""), ""quoted""",q1,1,true,true,false,0,12,2026-11-23T10:00:00.000Z`);
  });

  it('keeps the most hints asked for, and says so in the CSV', async () => {
    const store = new ProgressStore(new Memory());
    await store.record({ exerciseId: 'a', questionId: 'q', correct: false, hints: 1, ms: 5, at });
    await store.record({ exerciseId: 'a', questionId: 'q', correct: true, hints: 2, ms: 5, at });
    expect(store.exercise('a')?.questions.q).toMatchObject({ attempts: 2, correct: true, firstTry: false, hints: 2, timeMs: 10 });
    expect(progressToCsv(store.snapshot()).split('\r\n')[1]).toBe('a,,q,2,true,false,false,2,10,2026-11-23T10:00:00.000Z');
  });

  it('a failed write is reported to the caller, and the next write still goes out with everything', async () => {
    let fail = true;
    const saved: unknown[] = [];
    const memento = { get: () => undefined, update: async (_k: string, v: unknown) => { if (fail) throw new Error('disk full'); saved.push(v); } };
    const store = new ProgressStore(memento);
    await expect(store.record({ exerciseId: 'a', questionId: 'q1', correct: true, ms: 1, at })).rejects.toThrow('disk full');
    fail = false;
    await store.record({ exerciseId: 'a', questionId: 'q2', correct: true, ms: 1, at });
    expect(Object.keys((saved[0] as { exercises: { a: { questions: object } } }).exercises.a.questions)).toEqual(['q1', 'q2']);
  });

  it('writes JSON that parses back to the same data', async () => {
    const store = new ProgressStore(new Memory());
    await store.record({ exerciseId: 'a', questionId: 'q', correct: false, ms: 5, at });
    const parsed = JSON.parse(progressToJson(store.snapshot(), at));
    expect(parsed.exportedAt).toBe('2026-11-23T10:00:00.000Z');
    expect(parsed.exercises.a.questions.q.attempts).toBe(1);
  });
});
