/**
 * Questions as an exercise file states them (after validation), and the results of checking an
 * answer. The exercise format parses into `QuestionSpec`; `src/quiz/` computes every answer from
 * the engine's trace — an author's `expect` is only compared with it.
 */
import type { LocalText } from '../common/text';
import type { Flag, Scenario, TcpOptions, Trace } from '../engine/types';

export type QuestionKind = 'state' | 'seq' | 'ack' | 'flags' | 'segment' | 'accepted' | 'number' | 'choice';
export const QUESTION_KINDS: readonly QuestionKind[] = ['state', 'seq', 'ack', 'flags', 'segment', 'accepted', 'number', 'choice'];

/** Fields of a segment a `segment` question can ask for. */
export type SegmentField = 'seq' | 'ack' | 'len' | 'flags' | 'window';
export const SEGMENT_FIELDS: readonly SegmentField[] = ['seq', 'ack', 'len', 'flags', 'window'];

/** What an arriving segment meets (answer of an `accepted` question). */
export type Acceptance = 'accepted' | 'ignored' | 'ack' | 'challenge-ack' | 'rst';
export const ACCEPTANCES: readonly Acceptance[] = ['accepted', 'ignored', 'ack', 'challenge-ack', 'rst'];

/** Quantities a `number` question can ask the engine to compute. */
export type NumberTopic =
  | 'header-length' // bytes of TCP header for `options` (20 + options, padded to 32 bits)
  | 'data-offset' // the data offset field for `options` (header length / 4)
  | 'effective-window' // `window` << `wscale`
  | 'time-wait' // 2 * MSL in ms (msl given, else the scenario's/profile's)
  | 'next-isn' // the ISN a generator gives `host` for its next connection (from the trace)
  | 'close-segments' // how many segments the close took in this trace (first FIN to last ACK)
  | 'segment-count'; // how many segments the trace holds

interface QuestionBase {
  id: string;
  /** Prompt shown to the learner; a default is generated from the kind when absent. */
  prompt?: LocalText;
  /** Extra text shown after answering. */
  explain?: LocalText;
  /** Up to two hints written by the author; the engine adds its own from the TCB when absent. */
  hints?: LocalText[];
  /** Tries before the answer is revealed. Default 3. */
  tries?: number;
  /** The author's own answer, compared with the engine's by `tcp-tutor check`. */
  expect?: unknown;
  /** Source position in the exercise file (opaque here). */
  source?: unknown;
}

/** State of `host` after segment `after` was delivered (or lost) and processed. `after: 0` = before any segment. */
export interface StateQuestion extends QuestionBase {
  ask: 'state';
  host: string;
  after: number;
}

/** seq / ack (or several fields) of segment `segment`, asked before it is shown. */
export interface SeqQuestion extends QuestionBase {
  ask: 'seq' | 'ack';
  segment: number;
  /** `relative` (to the sender's ISS / receiver's IRS) or `absolute`. Default absolute. */
  numbers?: 'relative' | 'absolute';
}

export interface FlagsQuestion extends QuestionBase {
  ask: 'flags';
  segment: number;
}

export interface SegmentQuestion extends QuestionBase {
  ask: 'segment';
  segment: number;
  fields: SegmentField[];
  numbers?: 'relative' | 'absolute';
}

/** What the receiver of segment `segment` does with it. */
export interface AcceptedQuestion extends QuestionBase {
  ask: 'accepted';
  segment: number;
}

export interface NumberQuestion extends QuestionBase {
  ask: 'number';
  topic: NumberTopic;
  options?: TcpOptions;
  window?: number;
  wscale?: number;
  /** ms */
  msl?: number;
  host?: string;
}

/** A conceptual multiple-choice question: the one kind whose answer the author states. */
export interface ChoiceQuestion extends QuestionBase {
  ask: 'choice';
  choices: LocalText[];
  /** 0-based index of the right choice. */
  answer: number;
}

export type QuestionSpec =
  | StateQuestion
  | SeqQuestion
  | FlagsQuestion
  | SegmentQuestion
  | AcceptedQuestion
  | NumberQuestion
  | ChoiceQuestion;

/** The engine's answer to a question, in a form every kind can share. */
export type Answer =
  | { kind: 'state'; state: import('../engine/types').TcpState }
  /** `absent`: the field does not exist on this segment (an ack number when the ACK bit is off); `value` is then the raw field. */
  | { kind: 'number'; value: number; absent?: boolean }
  | { kind: 'flags'; flags: Flag[] }
  /** `absent`: asked fields that do not exist on this segment (`ack` when the ACK bit is off). */
  | { kind: 'fields'; fields: Partial<Record<SegmentField, number | Flag[]>>; absent?: SegmentField[] }
  | { kind: 'acceptance'; value: Acceptance }
  | { kind: 'choice'; index: number };

export type CheckStatus = 'correct' | 'wrong' | 'invalid';

export interface CheckResult {
  status: CheckStatus;
  /** For `invalid`: why the input is not an answer (does not count as a try). */
  message?: string;
  /** For `wrong`: feedback keyed to a known misconception, when the answer matches one. */
  misconception?: string;
  /** A note even on a correct answer (e.g. "the RFC spells it SYN-SENT"). */
  note?: string;
  /** Per-field verdicts for multi-field questions. */
  fields?: Partial<Record<SegmentField, boolean>>;
}

/** What every quiz function reads: the scenario and the trace the engine made from it. */
export interface QuizContext {
  trace: Trace;
  scenario: Scenario;
}
