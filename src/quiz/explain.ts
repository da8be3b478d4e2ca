/**
 * Words around a question, all derived from this instance's trace: the generated prompt, the
 * answer as text, an explanation that cites segment numbers and the cause of each state change,
 * and hints read from the TCB before the question.
 */
import { localize, type Lang } from '../common/text';
import type { Cause, Flag, SegmentRecord, TcbSnapshot, TcpState, Trace } from '../engine/types';
import {
  acknowledgedSegment,
  computeAnswer,
  deliverIndex,
  findSegment,
  hasFlag,
  indexAfterSegment,
  isRelative,
  previousFromSender,
  QuizError,
  relativeBases,
  sendIndex,
  seqSpace,
  stateAfter,
  synsFrom,
  tcbAt,
  timeWaitMs,
  u32,
  closeSegments,
} from './answers';
import { displayNumbers, timerName } from '../render/labels';
import { msg, transitionText, reasonText, acceptanceText, fieldList, sentences } from './messages';
import { choiceLabel } from './parse';
import type { AcceptedQuestion, Answer, NumberQuestion, QuestionSpec, QuizContext, SegmentField } from './types';

const flagText = (flags: readonly Flag[], lang: Lang): string => (flags.length === 0 ? msg(lang, 'noFlags') : flags.join(', '));

/** "#3 client → server [ACK] seq=1001 ack=5001 len=0" */
export function describeSegment(rec: SegmentRecord, opts: { n?: boolean; flags?: boolean; seq?: boolean; ack?: boolean; len?: boolean } = {}): string {
  const parts = [opts.n === false ? `${rec.from} → ${rec.to}` : `#${rec.n} ${rec.from} → ${rec.to}`];
  if (opts.flags !== false) parts.push(`[${rec.seg.flags.join(', ')}]`);
  if (opts.seq !== false) parts.push(`seq=${rec.seg.seq}`);
  if (opts.ack !== false && hasFlag(rec, 'ACK')) parts.push(`ack=${rec.seg.ack}`);
  if (opts.len !== false) parts.push(`len=${rec.seg.payload.length}`);
  return parts.join(' ');
}

/** The TCB's variables in a line; nothing for CLOSED, where no TCB exists (RFC 9293 §3.3.2). */
function tcbLine(tcb: TcbSnapshot | undefined): string {
  if (!tcb || tcb.state === 'CLOSED') return '';
  const parts: string[] = [];
  if (tcb.sndUna !== null) parts.push(`SND.UNA=${tcb.sndUna}`);
  if (tcb.sndNxt !== null) parts.push(`SND.NXT=${tcb.sndNxt}`);
  if (tcb.rcvNxt !== null) parts.push(`RCV.NXT=${tcb.rcvNxt}`);
  if (tcb.rcvWnd !== null) parts.push(`RCV.WND=${tcb.rcvWnd}`);
  return parts.join(', ');
}

/** Text of one field value: numbers as they are, flags joined. */
export function formatFieldValue(v: number | Flag[] | undefined, lang: Lang): string {
  if (v === undefined) return '?';
  return Array.isArray(v) ? flagText(v, lang) : String(v);
}

/** The engine's answer as a learner reads it. */
export function formatAnswer(q: QuestionSpec, answer: Answer, ctx: QuizContext, lang: Lang): string {
  switch (answer.kind) {
    case 'state':
      return answer.state;
    case 'number': {
      if (answer.absent) return msg(lang, 'answerNoAck');
      if ((q.ask === 'seq' || q.ask === 'ack') && isRelative(q)) {
        try {
          const rec = findSegment(ctx, q.segment);
          return msg(lang, 'answerRelative', answer.value, q.ask === 'seq' ? rec.seg.seq : rec.seg.ack);
        } catch {
          return String(answer.value);
        }
      }
      if (q.ask === 'number') return formatNumberTopic(q, answer.value, lang);
      return String(answer.value);
    }
    case 'flags':
      return flagText(answer.flags, lang);
    case 'fields':
      return Object.entries(answer.fields)
        .map(([k, v]) => `${k}=${(answer.absent ?? []).includes(k as SegmentField) ? msg(lang, 'answerNoAck') : formatFieldValue(v, lang)}`)
        .join(', ');
    case 'acceptance':
      return acceptanceText(lang, answer.value);
    case 'choice':
      return q.ask === 'choice' ? `${choiceLabel(answer.index)}. ${localize(q.choices[answer.index], lang)}` : choiceLabel(answer.index);
  }
}

function formatNumberTopic(q: NumberQuestion, value: number, lang: Lang): string {
  switch (q.topic) {
    case 'header-length':
      return msg(lang, 'unitBytes', value);
    case 'data-offset':
      return msg(lang, 'unitWords', value);
    case 'time-wait':
      return msg(lang, 'unitMs', value);
    default:
      return String(value);
  }
}

/** State of the receiver of `rec` just before it arrived. */
function receiverBefore(ctx: QuizContext, rec: SegmentRecord): TcbSnapshot | undefined {
  const i = deliverIndex(ctx.trace, rec.n);
  return i > 0 ? tcbAt(ctx.trace, i - 1, rec.to) : undefined;
}

/** The learner-facing question: the author's prompt, or one generated from the kind. */
export function promptFor(q: QuestionSpec, ctx: QuizContext, lang: Lang): string {
  if (q.prompt !== undefined) return localize(q.prompt, lang);
  try {
    switch (q.ask) {
      case 'state':
        if (q.after <= 0) return msg(lang, 'promptStateStart', q.host);
        {
          const rec = findSegment(ctx, q.after);
          return msg(lang, 'promptState', q.host, q.after, describeSegment(rec, { n: false }), rec.fate === 'dropped');
        }
      case 'seq':
      case 'ack': {
        const rec = findSegment(ctx, q.segment);
        return msg(lang, q.ask === 'seq' ? 'promptSeq' : 'promptAck', rec.n, rec.from, rec.to, flagText(rec.seg.flags, lang), isRelative(q));
      }
      case 'flags': {
        const rec = findSegment(ctx, q.segment);
        return msg(lang, 'promptFlags', rec.n, rec.from, rec.to);
      }
      case 'segment': {
        const rec = findSegment(ctx, q.segment);
        return msg(lang, 'promptSegment', rec.n, rec.from, rec.to, fieldList(lang, q.fields), isRelative(q));
      }
      case 'accepted': {
        const rec = findSegment(ctx, q.segment);
        const tcb = receiverBefore(ctx, rec);
        return msg(lang, 'promptAccepted', describeSegment(rec), rec.to, tcb?.state ?? null, tcbLine(tcb));
      }
      case 'number':
        return promptNumber(q, ctx, lang);
      case 'choice':
        return msg(lang, 'promptChoice');
    }
  } catch (e) {
    if (e instanceof QuizError) return e.describe(lang);
    throw e;
  }
}

function promptNumber(q: NumberQuestion, ctx: QuizContext, lang: Lang): string {
  switch (q.topic) {
    case 'header-length':
      return msg(lang, 'promptHeaderLength', optionsText(q, lang));
    case 'data-offset':
      return msg(lang, 'promptDataOffset', optionsText(q, lang));
    case 'effective-window':
      return msg(lang, 'promptEffectiveWindow', q.window ?? 65535, q.wscale ?? 0);
    case 'time-wait':
      return msg(lang, 'promptTimeWait', q.msl ?? ctx.scenario.network.msl ?? null, ctx.scenario.profile);
    case 'next-isn':
      return msg(lang, 'promptNextIsn', q.host ?? Object.keys(ctx.scenario.hosts)[0] ?? '?');
    case 'close-segments':
      return msg(lang, 'promptCloseSegments');
    case 'segment-count':
      return msg(lang, 'promptSegmentCount');
  }
}

/** The options of a header question: "MSS 1460, WS 7, SACK-permitted" / "MSS 1460、窗口扩大因子 7、允许 SACK". */
function optionsText(q: NumberQuestion, lang: Lang): string {
  const o = q.options ?? {};
  const parts: string[] = [];
  const en = lang === 'en';
  if (o.mss !== undefined) parts.push(`MSS ${o.mss}`);
  if (o.wscale !== undefined) parts.push(en ? `WS ${o.wscale}` : `窗口扩大因子 ${o.wscale}`);
  if (o.sackPermitted) parts.push(en ? 'SACK-permitted' : '允许 SACK');
  if (o.timestamps) parts.push(en ? 'Timestamps' : '时间戳');
  return parts.join(en ? ', ' : '、');
}

function causeText(ctx: QuizContext, cause: Cause, lang: Lang): string {
  const trace = ctx.trace;
  switch (cause.type) {
    case 'call':
      return msg(lang, 'causeCall', cause.call.toUpperCase());
    case 'timer':
      return msg(lang, 'causeTimer', timerName(cause.timer, lang, ctx.scenario.profile));
    case 'segment': {
      const rec = trace.segments.find((r) => r.n === cause.n);
      return msg(lang, 'causeSegment', rec ? describeSegment(rec) : `#${cause.n}`);
    }
  }
}

/**
 * Why `host` is in its state at event index `i`: the last transition INTO that state (of the
 * connection the TCB shows, when several exist), with its cause. `after` > 0 names the segment the
 * question is about; when it reached `host` without changing its state, that is said first.
 */
function stateStory(ctx: QuizContext, host: string, i: number, after: number, lang: Lang): string {
  const trace = ctx.trace;
  const tcb = tcbAt(trace, i, host);
  const state: TcpState = tcb?.state ?? 'CLOSED';
  type StateEvent = Extract<Trace['events'][number], { kind: 'state' }>;
  let last: StateEvent | undefined;
  let fallback: StateEvent | undefined;
  for (let k = Math.min(i, trace.events.length - 1); k >= 0 && !last; k--) {
    const e = trace.events[k]!;
    if (e.kind !== 'state' || e.host !== host || e.to !== state) continue;
    fallback ??= e;
    // Several connections on one host (a listener and its children): prefer the TCB's own.
    if (!tcb?.remote || e.conn.includes(tcb.remote)) last = e;
  }
  last ??= fallback;
  const parts: string[] = [];
  const rec = after > 0 ? trace.segments.find((r) => r.n === after) : undefined;
  if (rec && rec.to === host && !(last && last.cause.type === 'segment' && last.cause.n === after)) {
    parts.push(msg(lang, rec.fate === 'dropped' ? 'explainLostNoChange' : 'explainSegmentNoChange', host, after, state));
  }
  if (!last) {
    parts.push(msg(lang, 'explainNoChange', host, state));
  } else {
    const cause = last.cause;
    const causeRec = cause.type === 'segment' ? trace.segments.find((r) => r.n === cause.n) : undefined;
    parts.push(
      msg(lang, 'explainTransition', host, last.from, last.to, causeText(ctx, cause, lang)),
      transitionText(lang, last.from, last.to, {
        host,
        ack: causeRec && hasFlag(causeRec, 'ACK') ? causeRec.seg.ack : null,
        rst: causeRec ? hasFlag(causeRec, 'RST') : false,
        call: cause.type === 'call' ? cause.call : null,
        timeWaitSeconds: timeWaitMs(ctx) / 1000,
        linux: ctx.scenario.profile === 'linux',
      }),
    );
  }
  const line = tcbLine(tcb);
  if (line) parts.push(msg(lang, 'explainTcb', host, line));
  return sentences(lang, parts);
}

function explainSeq(ctx: QuizContext, rec: SegmentRecord, relative: boolean, lang: Lang): string {
  const parts: string[] = [];
  if (rec.injected) parts.push(msg(lang, 'explainInjected', rec.n));
  else if (rec.retransmission) parts.push(msg(lang, 'explainSeqRetransmission', rec.n, rec.seg.seq));
  else if (hasFlag(rec, 'SYN')) parts.push(msg(lang, 'explainSeqSyn', rec.n, rec.from, rec.seg.seq));
  else if (hasFlag(rec, 'RST') && rec.reason !== 'rst-abort') {
    const trigger = ctx.trace.segments.find((r) => r.to === rec.from && r.arrivedAt === rec.sentAt && r.n < rec.n);
    if (trigger && hasFlag(trigger, 'ACK')) parts.push(msg(lang, 'explainRstSeqFromAck', rec.n, trigger.n, trigger.seg.ack));
    else if (trigger) parts.push(msg(lang, 'explainRstSeqZero', rec.n, trigger.n));
    else parts.push(msg(lang, 'explainSeqSndNxt', rec.n, rec.from, rec.seg.seq));
  } else {
    const p = previousFromSender(ctx, rec);
    if (p && u32(p.seg.seq + seqSpace(p)) === rec.seg.seq) {
      parts.push(msg(lang, 'explainSeqFromPrevious', rec.n, p.n, p.seg.seq, p.seg.payload.length, hasFlag(p, 'SYN'), hasFlag(p, 'FIN'), rec.seg.seq));
    } else parts.push(msg(lang, 'explainSeqSndNxt', rec.n, rec.from, rec.seg.seq));
  }
  const base = relativeBases(ctx, rec).seq;
  if (relative && base !== null) parts.push(msg(lang, 'explainRelative', 'seq', rec.seg.seq, base, u32(rec.seg.seq - base)));
  return sentences(lang, parts);
}

function explainAck(ctx: QuizContext, rec: SegmentRecord, relative: boolean, lang: Lang): string {
  if (!hasFlag(rec, 'ACK')) return msg(lang, 'explainNoAck', rec.n);
  const parts: string[] = [];
  const a = acknowledgedSegment(ctx, rec);
  if (a) {
    parts.push(msg(lang, 'explainAckFrom', rec.n, rec.seg.ack, a.n, a.seg.seq, a.seg.payload.length, hasFlag(a, 'SYN'), hasFlag(a, 'FIN')));
  } else parts.push(msg(lang, 'explainAckRcvNxt', rec.n, rec.from, rec.seg.ack));
  const base = relativeBases(ctx, rec).ack;
  if (relative && base !== null) parts.push(msg(lang, 'explainRelative', 'ack', rec.seg.ack, base, u32(rec.seg.ack - base)));
  return sentences(lang, parts);
}

function explainFlags(ctx: QuizContext, rec: SegmentRecord, lang: Lang): string {
  const i = sendIndex(ctx.trace, rec.n);
  const state = tcbAt(ctx.trace, i, rec.from)?.state ?? null;
  return msg(lang, 'explainFlags', rec.n, flagText(rec.seg.flags, lang), reasonText(lang, rec.reason), rec.from, state);
}

/** Is seq acceptable by RFC 9293 §3.10.7.4's four-case table? */
function seqAcceptable(rec: SegmentRecord, tcb: TcbSnapshot): boolean | null {
  if (tcb.rcvNxt === null || tcb.rcvWnd === null) return null;
  const len = seqSpace(rec);
  const inWin = (x: number) => u32(x - tcb.rcvNxt!) < tcb.rcvWnd!;
  if (len === 0) return tcb.rcvWnd === 0 ? rec.seg.seq === tcb.rcvNxt : inWin(rec.seg.seq);
  if (tcb.rcvWnd === 0) return false;
  return inWin(rec.seg.seq) || inWin(u32(rec.seg.seq + len - 1));
}

function explainAccepted(ctx: QuizContext, q: AcceptedQuestion, lang: Lang): string {
  const rec = findSegment(ctx, q.segment);
  const tcb = receiverBefore(ctx, rec);
  const state = tcb?.state ?? 'CLOSED';
  const line = tcbLine(tcb);
  const d = rec.disposition;
  const to = rec.to;
  const isRst = hasFlag(rec, 'RST');
  const isSyn = hasFlag(rec, 'SYN');
  const acceptable = tcb ? seqAcceptable(rec, tcb) : null;
  const answer = ctx.trace.segments.find((r) => r.from === to && r.sentAt === rec.arrivedAt && r.n > rec.n);
  switch (d) {
    case 'accepted':
      if (state === 'LISTEN') return msg(lang, 'whyListenSyn', rec.n, to);
      if (state === 'SYN-SENT') return msg(lang, 'whySynSentAccept', rec.n, to);
      return msg(lang, 'whyAccepted', rec.n, to, state, line);
    case 'reset':
      return msg(lang, 'whyReset', rec.n, to, state, line);
    case 'ignored':
      if (isRst && (state === 'CLOSED' || state === 'LISTEN')) return msg(lang, 'whyRstInClosed', rec.n, to, state);
      if (isRst) return msg(lang, 'whyRstOutOfWindow', rec.n, to, line);
      return msg(lang, 'whyIgnored', rec.n, to, state, line);
    case 'backlog-full':
      return msg(lang, 'whyBacklogFull', rec.n, to);
    case 'accept-queue-full':
      return msg(lang, 'whyAcceptQueueFull', rec.n, to);
    case 'answered-ack':
      if (state === 'TIME-WAIT' && hasFlag(rec, 'FIN')) return msg(lang, 'whyTimeWaitReack', rec.n, to, ctx.scenario.profile === 'linux');
      if (acceptable === true && tcb?.sndNxt !== null && tcb?.sndNxt !== undefined && hasFlag(rec, 'ACK'))
        return msg(lang, 'whyAckTooNew', rec.n, to, rec.seg.ack, tcb.sndNxt);
      return msg(lang, 'whyUnacceptable', rec.n, to, rec.seg.seq, line);
    case 'answered-challenge-ack':
      return msg(lang, isSyn ? 'whyChallengeSyn' : 'whyChallengeRst', rec.n, to, line);
    case 'answered-rst':
      if (answer?.reason === 'rst-half-open') return msg(lang, 'whyHalfOpen', rec.n, to);
      if (state === 'LISTEN') return msg(lang, 'whyListenAck', rec.n, to);
      if (state === 'SYN-SENT') return msg(lang, 'whySynSentBadAck', rec.n, to);
      if (state === 'SYN-RECEIVED') return msg(lang, 'whySynRcvdBadAck', rec.n, to);
      return msg(lang, 'whyNoSocket', rec.n, to);
    case 'cookie-rejected':
      return msg(lang, 'whyCookieRejected', rec.n, to, u32(rec.seg.ack - 1));
    case null:
      return msg(lang, 'errSegmentLost', rec.n);
    default:
      return msg(lang, 'whyOther', rec.n, to, state, String(d));
  }
}

function explainNumber(q: NumberQuestion, ctx: QuizContext, value: number, lang: Lang): string {
  switch (q.topic) {
    case 'header-length':
    case 'data-offset':
      return msg(lang, 'explainHeader', optionsText(q, lang), value, q.topic === 'data-offset');
    case 'effective-window':
      return msg(lang, 'explainWindow', q.window ?? 65535, q.wscale ?? 0, value);
    case 'time-wait':
      return msg(lang, 'explainTimeWait', value, ctx.scenario.profile, q.msl ?? ctx.scenario.network.msl ?? null);
    case 'next-isn': {
      const host = q.host ?? Object.keys(ctx.scenario.hosts)[0] ?? '';
      const syns = synsFrom(ctx.trace, host);
      const last = syns[syns.length - 1];
      const prev = syns[syns.length - 2];
      const spec = ctx.scenario.hosts[host]?.isn;
      return msg(lang, 'explainNextIsn', host, value, last?.n ?? null, prev ? prev.seg.seq : null, prev && last ? (last.sentAt - prev.sentAt) / 1000 : null, spec === undefined ? 'rfc6528' : String(spec));
    }
    case 'close-segments': {
      const segs = closeSegments(ctx.trace);
      return msg(lang, 'explainCloseSegments', value, segs.map((r) => `#${r.n} ${r.from}→${r.to} [${r.seg.flags.join(',')}]`).join(lang === 'en' ? '; ' : '；'));
    }
    case 'segment-count':
      return msg(lang, 'explainSegmentCount', value);
  }
}

/** An explanation of this instance's answer (then the author's own `explain`, if any). */
export function explain(q: QuestionSpec, ctx: QuizContext, lang: Lang): string {
  let text: string;
  try {
    text = generatedExplanation(q, ctx, lang);
  } catch (e) {
    if (!(e instanceof QuizError)) throw e;
    text = e.describe(lang);
  }
  const author = localize(q.explain, lang);
  return author ? `${text}\n\n${author}` : text;
}

function generatedExplanation(q: QuestionSpec, ctx: QuizContext, lang: Lang): string {
  switch (q.ask) {
    case 'state':
      return stateStory(ctx, q.host, indexAfterSegment(ctx.trace, q.after), q.after, lang);
    case 'seq':
      return explainSeq(ctx, findSegment(ctx, q.segment), isRelative(q), lang);
    case 'ack':
      return explainAck(ctx, findSegment(ctx, q.segment), isRelative(q), lang);
    case 'flags':
      return explainFlags(ctx, findSegment(ctx, q.segment), lang);
    case 'segment': {
      const rec = findSegment(ctx, q.segment);
      const parts: string[] = [];
      if (q.fields.includes('seq')) parts.push(explainSeq(ctx, rec, isRelative(q), lang));
      if (q.fields.includes('ack')) parts.push(explainAck(ctx, rec, isRelative(q), lang));
      if (q.fields.includes('flags')) parts.push(explainFlags(ctx, rec, lang));
      if (q.fields.includes('len')) parts.push(msg(lang, 'explainLen', rec.n, rec.seg.payload.length));
      if (q.fields.includes('window')) parts.push(msg(lang, 'explainWindowField', rec.n, rec.seg.window));
      return sentences(lang, parts);
    }
    case 'accepted':
      return explainAccepted(ctx, q, lang);
    case 'number': {
      const a = computeAnswer(q, ctx);
      return explainNumber(q, ctx, a.kind === 'number' ? a.value : 0, lang);
    }
    case 'choice':
      return msg(lang, 'explainChoice', `${choiceLabel(q.answer)}. ${localize(q.choices[q.answer], lang)}`);
  }
}

/** The sender's last segment that used sequence space, as a hint for a seq question. */
function seqFromHint(ctx: QuizContext, rec: SegmentRecord, relative: boolean, lang: Lang): string {
  const prev = previousFromSender(ctx, rec);
  if (!prev) return msg(lang, 'hintSeqFirst', rec.from);
  const { seq } = displayNumbers(prev, ctx.trace, relative ? 'relative' : 'absolute');
  return msg(lang, 'hintSeqFrom', rec.from, prev.n, seq, flagText(prev.seg.flags, lang), prev.seg.payload.length);
}

/** The last segment the sender received from its peer that used sequence space, for an ack question. */
function ackFromHint(ctx: QuizContext, rec: SegmentRecord, relative: boolean, lang: Lang): string {
  const got = ctx.trace.segments.filter((r) => r.from === rec.to && r.to === rec.from && r.n < rec.n && r.arrivedAt !== null && r.arrivedAt <= rec.sentAt && seqSpace(r) > 0);
  const last = got[got.length - 1];
  if (!last) return msg(lang, 'hintAckNothing', rec.from, rec.to);
  const { seq } = displayNumbers(last, ctx.trace, relative ? 'relative' : 'absolute');
  return msg(lang, 'hintAckFrom', rec.from, rec.to, last.n, seq, flagText(last.seg.flags, lang), last.seg.payload.length);
}

/** One or two hints: the author's, or generated from the trace and the TCB before the question. */
export function hints(q: QuestionSpec, ctx: QuizContext, lang: Lang): string[] {
  if (q.hints && q.hints.length > 0) return q.hints.map((h) => localize(h, lang));
  try {
    return generatedHints(q, ctx, lang);
  } catch (e) {
    if (e instanceof QuizError) return [];
    throw e;
  }
}

function generatedHints(q: QuestionSpec, ctx: QuizContext, lang: Lang): string[] {
  const trace = ctx.trace;
  switch (q.ask) {
    case 'state': {
      if (q.after <= 0) return [msg(lang, 'hintStateStart', q.host)];
      const rec = findSegment(ctx, q.after);
      const before = indexAfterSegment(trace, q.after - 1);
      const tcb = tcbAt(trace, before, q.host);
      const out = [msg(lang, 'hintStateSegment', rec.n, flagText(rec.seg.flags, lang), rec.from, rec.to, rec.fate === 'dropped')];
      // Naming the state before is a hint only when the segment changes it; otherwise it is the answer.
      if (tcb && tcb.state !== stateAfter(ctx, q.host, q.after)) out.push(msg(lang, 'hintStateBefore', q.host, tcb.state, tcbLine(tcb)));
      else if (tcb && tcbLine(tcb)) out.push(msg(lang, 'hintStateTcb', q.host, tcbLine(tcb)));
      return out;
    }
    case 'seq':
    case 'ack':
    case 'segment': {
      const rec = findSegment(ctx, q.segment);
      const tcb = tcbAt(trace, sendIndex(trace, rec.n) - 1, rec.from);
      if (q.ask === 'segment' && !q.fields.some((f) => f === 'seq' || f === 'ack')) {
        return [msg(lang, 'hintFlags', rec.from, tcb?.state ?? null)];
      }
      const wantsAck = q.ask === 'ack' || (q.ask === 'segment' && q.fields.includes('ack'));
      const out = [msg(lang, wantsAck ? 'hintAckConcept' : 'hintSeqConcept')];
      // The second hint is the fact to reason from (the segment the number continues from), never
      // the TCB variable that holds the answer.
      if (rec.retransmission) out.push(msg(lang, 'hintRetransmission'));
      else if (!rec.injected) out.push(wantsAck ? ackFromHint(ctx, rec, isRelative(q), lang) : seqFromHint(ctx, rec, isRelative(q), lang));
      return out;
    }
    case 'flags': {
      const rec = findSegment(ctx, q.segment);
      const tcb = tcbAt(trace, sendIndex(trace, rec.n) - 1, rec.from);
      return [msg(lang, 'hintFlags', rec.from, tcb?.state ?? null)];
    }
    case 'accepted': {
      const rec = findSegment(ctx, q.segment);
      const tcb = receiverBefore(ctx, rec);
      return [msg(lang, 'hintAcceptedOrder'), msg(lang, 'hintAcceptedTcb', rec.to, tcb?.state ?? 'CLOSED', tcbLine(tcb), rec.seg.seq)];
    }
    case 'number':
      return [msg(lang, `hintNumber-${q.topic}`)];
    case 'choice':
      return [];
  }
}
