/**
 * What a question shows while it is open, shared by the diagram panel and `tcp-tutor quiz`: where
 * the step-through stops, which segment fields are blanked, whose states read `?`, and how the
 * questions open at one stop combine. Pure; no answers in here.
 */
import { localize, type Lang } from '../common/text';
import type { QuestionView } from '../protocol/messages';
import type { StateHide } from '../render/timeline';
import { promptFor } from './explain';
import { revealAt } from './index';
import type { QuestionSpec, QuizContext } from './types';

/** Tries a question allows when its file does not say. */
export const DEFAULT_TRIES = 3;

/** `q` as the page needs it (localized, no answer); `done` is the session's. */
export function questionView(q: QuestionSpec, ctx: QuizContext, lang: Lang, done = false): QuestionView {
  const segments = ctx.trace.segments.length;
  const at = Math.max(0, Math.min(segments, revealAt(q, ctx)));
  const v: QuestionView = { id: q.id, kind: q.ask, prompt: promptFor(q, ctx, lang), revealAt: at, tries: q.tries ?? DEFAULT_TRIES, done };
  const hide = hiddenSegment(q, segments);
  if (hide) v.hide = hide;
  const rec = 'segment' in q ? ctx.trace.segments.find((r) => r.n === q.segment) : undefined;
  if (q.ask === 'state') v.hideState = { host: q.host, after: at };
  // The sender's state as the segment leaves names its flags (FIN-WAIT-1: a FIN; SYN-RECEIVED: SYN,ACK).
  if ((q.ask === 'flags' || (q.ask === 'segment' && q.fields.includes('flags'))) && rec && rec.from in ctx.trace.hosts) {
    v.hideState = { host: rec.from, after: q.segment - 1 };
  }
  if (q.ask === 'segment') v.fields = [...q.fields];
  if (q.ask === 'choice') v.choices = q.choices.map((c) => localize(c, lang));
  return v;
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

/** The open questions at `step`: the unfinished ones (file order) whose stop is this step. */
export function openQuestions(questions: readonly QuestionView[], step: number, done: ReadonlySet<string>): QuestionView[] {
  return questions.filter((q) => q.revealAt === step && !done.has(q.id));
}

/**
 * Where `q` comes in the order the step-through asks the questions (by stop, then file order), for
 * "Question 2 of 8": a file may list a question about the start after one about the end.
 */
export function askedPosition(questions: readonly QuestionView[], q: QuestionView): number {
  const i = questions.indexOf(q);
  return questions.filter((o, j) => o.revealAt < q.revealAt || (o.revealAt === q.revealAt && j < i)).length;
}

/** The questions in the order they are asked. */
export function askedOrder<T extends QuestionView>(questions: readonly T[]): T[] {
  return questions.map((q, i) => ({ q, i })).sort((a, b) => a.q.revealAt - b.q.revealAt || a.i - b.i).map((x) => x.q);
}

export interface ViewRange {
  upTo: number;
  hide?: { segment: number; fields?: string[] };
  hideState?: StateHide[];
}

/**
 * What the diagram draws at `step`: segments 1..upTo, as far as the question being asked
 * (`open[0]`) needs, with what every open question at the step asks blanked (the next one's answer
 * must not be on screen either). Segment questions stop just before their segment, so those open
 * at one step blank the same one.
 */
export function viewRange(step: number, total: number, open: readonly QuestionView[]): ViewRange {
  const clamp = (n: number): number => Math.max(0, Math.min(total, Math.floor(n)));
  if (open.length === 0) return { upTo: clamp(step) };
  const upTo = clamp(Math.max(step, open[0].hide?.segment ?? 0));
  let hide: ViewRange['hide'];
  const hideState: StateHide[] = [];
  for (const q of open) {
    if (q.hideState) hideState.push(q.hideState);
    if (!q.hide || q.hide.segment > upTo) continue;
    if (!hide) hide = { segment: q.hide.segment, ...(q.hide.fields ? { fields: [...q.hide.fields] } : {}) };
    else if (hide.segment === q.hide.segment) {
      // The union of the fields (no list = every default field).
      hide = hide.fields && q.hide.fields ? { segment: hide.segment, fields: [...new Set([...hide.fields, ...q.hide.fields])] } : { segment: hide.segment };
    }
  }
  return { upTo, ...(hide ? { hide } : {}), ...(hideState.length > 0 ? { hideState } : {}) };
}
