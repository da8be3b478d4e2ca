/**
 * Public types of the exercise format layer: what `loadExercise` returns and how problems are
 * reported. Positions are 1-based (line and column), like an editor shows them.
 */
import type { LocalText } from '../common/text';
import type { Scenario } from '../engine/types';
import type { QuestionSpec } from '../quiz/types';

/** A span of source text, 1-based, end exclusive. Attached as `source` to steps, faults and questions. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Diagnostic extends SourceRange {
  file: string;
  severity: 'error' | 'warning';
  message: string;
  /** Stable identifier of the kind of problem (e.g. `unknown-host`, `yaml-syntax`). */
  code: string;
}

export interface Exercise {
  title: LocalText;
  description?: LocalText;
  body?: LocalText;
  topic?: string;
  misconceptions?: LocalText[];
  scenario: Scenario;
  questions: QuestionSpec[];
}

export interface LoadResult {
  /** Present when the file has no errors (warnings allowed). */
  exercise?: Exercise;
  diagnostics: Diagnostic[];
}

/** Caps against hostile or runaway files. Each has its own diagnostic. */
export const EXERCISE_LIMITS = {
  /** Bytes of UTF-8. */
  maxFileSize: 1024 * 1024,
  maxHosts: 16,
  maxSteps: 2000,
  maxQuestions: 200,
  maxFaults: 200,
  /** YAML alias nodes (`*name`) in the file; a billion-laughs file has thousands. */
  maxAliases: 100,
  /** Nesting depth of YAML collections. */
  maxDepth: 32,
  /** Bytes one `send` step may send (1 MiB). */
  maxSendBytes: 1024 * 1024,
  /** Bytes all the `send` and `inject` steps of a scenario may send together (8 MiB). */
  maxTotalBytes: 8 * 1024 * 1024,
  /** Data of one injected segment: what fits in one IPv4 datagram after the IP and TCP headers. */
  maxInjectBytes: 65535 - 40,
} as const;
