/**
 * Learner progress: per exercise and question, attempts, correctness and time spent.
 *
 * Kept in the extension's `globalState` (a `Memento`), never in the learner's workspace, so it
 * survives reloads and updates. No `vscode` import here: the store takes any Memento-like object,
 * which keeps it testable in plain Node.
 */

export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

export interface QuestionProgress {
  /** Answers counted (invalid input is not an attempt). */
  attempts: number;
  correct: boolean;
  /** Right on the first attempt. */
  firstTry: boolean;
  /** Time from the question being shown to its last counted answer, summed over sessions (ms). */
  timeMs: number;
  /** ISO time of the last counted answer. */
  lastAnsweredAt: string;
  /** The answer was revealed after the tries ran out. */
  revealed: boolean;
  /** Hints asked for (the most by any answer). */
  hints: number;
}

export interface ExerciseProgress {
  title?: string;
  questions: Record<string, QuestionProgress>;
}

export interface ProgressData {
  version: 1;
  exercises: Record<string, ExerciseProgress>;
}

export interface AnswerRecord {
  exerciseId: string;
  exerciseTitle?: string;
  questionId: string;
  correct: boolean;
  /** The answer was revealed because the tries ran out. */
  revealed?: boolean;
  /** Hints the learner had asked for by this answer. */
  hints?: number;
  /** Time since the question was shown or since the previous answer to it. */
  ms: number;
  at: Date;
}

export const PROGRESS_KEY = 'tcpTutor.progress.v1';
/** Where an unreadable value is moved so that nothing a learner earned is ever overwritten. */
export const PROGRESS_BACKUP_KEY = 'tcpTutor.progress.unreadable';

const empty = (): ProgressData => ({ version: 1, exercises: {} });

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Accepts only well-formed data; drops malformed entries one by one rather than everything. */
export function sanitize(raw: unknown): ProgressData | undefined {
  if (!isRecord(raw) || raw.version !== 1 || !isRecord(raw.exercises)) return undefined;
  const out = empty();
  for (const [id, ex] of Object.entries(raw.exercises)) {
    if (!isRecord(ex) || !isRecord(ex.questions)) continue;
    const questions: Record<string, QuestionProgress> = {};
    for (const [qid, q] of Object.entries(ex.questions)) {
      if (!isRecord(q)) continue;
      if (typeof q.attempts !== 'number' || typeof q.correct !== 'boolean') continue;
      questions[qid] = {
        attempts: Math.max(0, Math.floor(q.attempts)),
        correct: q.correct,
        firstTry: q.firstTry === true,
        timeMs: typeof q.timeMs === 'number' && q.timeMs >= 0 ? q.timeMs : 0,
        lastAnsweredAt: typeof q.lastAnsweredAt === 'string' ? q.lastAnsweredAt : '',
        revealed: q.revealed === true,
        hints: typeof q.hints === 'number' && q.hints >= 0 ? Math.floor(q.hints) : 0,
      };
    }
    out.exercises[id] = { questions, ...(typeof ex.title === 'string' ? { title: ex.title } : {}) };
  }
  return out;
}

export class ProgressStore {
  private data: ProgressData;
  /** Writes are chained so that two quick answers never race and drop one. */
  private writing: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly memento: MementoLike) {
    const raw = memento.get<unknown>(PROGRESS_KEY);
    const parsed = raw === undefined ? empty() : sanitize(raw);
    if (parsed) {
      this.data = parsed;
    } else {
      // Unreadable (a future version, or damaged): keep it aside, start fresh, never overwrite it.
      this.data = empty();
      void memento.update(PROGRESS_BACKUP_KEY, raw);
    }
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  snapshot(): ProgressData {
    return structuredClone(this.data);
  }

  exercise(id: string): ExerciseProgress | undefined {
    return this.data.exercises[id];
  }

  /** Counts one answer. Once a question is answered correctly it stays correct. */
  record(answer: AnswerRecord): Promise<void> {
    const ex = (this.data.exercises[answer.exerciseId] ??= { questions: {} });
    if (answer.exerciseTitle) ex.title = answer.exerciseTitle;
    const prev = ex.questions[answer.questionId];
    const attempts = (prev?.attempts ?? 0) + 1;
    ex.questions[answer.questionId] = {
      attempts,
      correct: (prev?.correct ?? false) || answer.correct,
      firstTry: prev ? prev.firstTry : answer.correct,
      timeMs: (prev?.timeMs ?? 0) + Math.max(0, answer.ms),
      lastAnsweredAt: answer.at.toISOString(),
      revealed: (prev?.revealed ?? false) || (answer.revealed ?? false),
      hints: Math.max(prev?.hints ?? 0, answer.hints ?? 0),
    };
    return this.persist();
  }

  /** Forgets one exercise, or everything when `exerciseId` is omitted. */
  reset(exerciseId?: string): Promise<void> {
    if (exerciseId === undefined) this.data = empty();
    else delete this.data.exercises[exerciseId];
    return this.persist();
  }

  /** Correct answers out of `total` questions (the exercise's question count). */
  score(exerciseId: string, questionIds: readonly string[]): { correct: number; total: number; answered: number } {
    const ex = this.data.exercises[exerciseId];
    let correct = 0;
    let answered = 0;
    for (const id of questionIds) {
      const q = ex?.questions[id];
      if (!q) continue;
      answered++;
      if (q.correct) correct++;
    }
    return { correct, total: questionIds.length, answered };
  }

  private persist(): Promise<void> {
    const value = this.snapshot();
    // A failed write rejects this call (the caller tells the learner) but not the chain: the next
    // write still goes out, and it carries everything, this answer included.
    const write = this.writing.then(() => this.memento.update(PROGRESS_KEY, value));
    this.writing = write.catch(() => undefined);
    for (const l of this.listeners) l();
    return write;
  }
}

/** JSON export for an instructor: the data plus when it was exported. */
export function progressToJson(data: ProgressData, exportedAt: Date): string {
  return JSON.stringify({ exportedAt: exportedAt.toISOString(), ...data }, null, 2) + '\n';
}

const CSV_COLUMNS = ['exercise', 'title', 'question', 'attempts', 'correct', 'first_try', 'revealed', 'hints', 'time_ms', 'last_answered_at'];

/** RFC 4180 CSV; a cell that starts with = + - @ is prefixed with ' so spreadsheets do not run it. */
export function progressToCsv(data: ProgressData): string {
  const cell = (v: string | number | boolean): string => {
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const id of Object.keys(data.exercises).sort()) {
    const ex = data.exercises[id];
    for (const qid of Object.keys(ex.questions).sort()) {
      const q = ex.questions[qid];
      lines.push([id, ex.title ?? '', qid, q.attempts, q.correct, q.firstTry, q.revealed, q.hints, Math.round(q.timeMs), q.lastAnsweredAt].map(cell).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}
