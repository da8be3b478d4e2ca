/**
 * The quiz core (pure: no vscode, DOM or Node): answers computed from the engine's trace, forgiving
 * answer parsing, checking with misconception feedback, explanations and hints, practice generators.
 */
import { closeSegments, synsFrom } from './answers';
import type { QuestionSpec, QuizContext } from './types';

export type { QuizContext } from './types';
export * from './types';
export { computeAnswer, QuizError } from './answers';
export { checkAnswer, compareExpect, splitFields } from './check';
export { explain, formatAnswer, hints, promptFor, describeSegment } from './explain';
export {
  choiceLabel,
  isNoneWord,
  parseAcceptance,
  parseChoice,
  parseDuration,
  parseFlags,
  parseNumber,
  parseSize,
  parseState,
  type ParseResult,
} from './parse';
export { generatePractice, PRACTICE_TOPICS, type Practice } from './practice';

/**
 * How many segments the diagram shows when the question is asked.
 * state: `after`; seq/ack/flags/segment: `segment - 1` (the segment itself is what is predicted);
 * accepted: the last segment sent before it arrives (at least `segment - 1`); choice and the static
 * number topics: 0. With `ctx`, `next-isn` stops before the
 * host's last SYN and `close-segments` before the first FIN (without it: 0).
 */
export function revealAt(q: QuestionSpec, ctx?: QuizContext): number {
  switch (q.ask) {
    case 'state':
      return Math.max(0, q.after);
    case 'seq':
    case 'ack':
    case 'flags':
    case 'segment':
      return Math.max(0, q.segment - 1);
    case 'accepted': {
      // The segment arrives now: everything sent before it arrives is on screen (a delayed
      // duplicate arriving in a new connection shows that connection), nothing after.
      const rec = ctx?.trace.segments.find((r) => r.n === q.segment);
      if (!ctx || !rec || rec.arrivedAt === null) return Math.max(0, q.segment - 1);
      const arrived = rec.arrivedAt;
      const later = ctx.trace.segments.filter((r) => r.n > rec.n && r.sentAt < arrived);
      return Math.max(q.segment - 1, ...later.map((r) => r.n));
    }
    case 'number': {
      if (!ctx) return 0;
      if (q.topic === 'next-isn') {
        const syns = synsFrom(ctx.trace, q.host ?? Object.keys(ctx.scenario.hosts)[0] ?? '');
        const last = syns[syns.length - 1];
        return last ? last.n - 1 : 0;
      }
      if (q.topic === 'close-segments') {
        const first = closeSegments(ctx.trace)[0];
        return first ? first.n - 1 : 0;
      }
      return 0;
    }
    case 'choice':
      return 0;
  }
}
