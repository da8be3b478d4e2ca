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
 * state: `after`; seq/ack/flags/segment/accepted: `segment - 1` (the segment itself is what is
 * predicted); choice and the static number topics: 0. With `ctx`, `next-isn` stops before the
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
    case 'accepted':
      return Math.max(0, q.segment - 1);
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
