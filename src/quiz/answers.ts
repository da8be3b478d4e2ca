/**
 * The engine's answer to every question kind, read from the trace. Nothing here is typed by an
 * author: `expect` is only compared with what this module computes.
 */
import type { Lang } from '../common/text';
import type { Disposition, Flag, SegmentRecord, TcbSnapshot, TcpState, Trace } from '../engine/types';
import { profileFor } from '../engine/profiles';
import { effectiveWindow, headerLength } from '../engine/wire';
import { relativeBase } from '../render/labels';
import { msg } from './messages';
import { sortFlags } from './parse';
import type { Acceptance, Answer, NumberQuestion, QuestionSpec, QuizContext, SegmentField } from './types';

/** A question the trace cannot answer (segment n does not exist, was lost, unknown host …). */
export class QuizError extends Error {
  constructor(
    readonly describe: (lang: Lang) => string,
  ) {
    super(describe('en'));
    this.name = 'QuizError';
  }
}

export const u32 = (x: number): number => x >>> 0;

/** Sequence space a segment occupies: its data, plus one for SYN and one for FIN (RFC 9293 §3.4). */
export function seqSpace(rec: SegmentRecord): number {
  return rec.seg.payload.length + (rec.seg.flags.includes('SYN') ? 1 : 0) + (rec.seg.flags.includes('FIN') ? 1 : 0);
}

export const hasFlag = (rec: SegmentRecord, f: Flag): boolean => rec.seg.flags.includes(f);

export function findSegment(ctx: QuizContext, n: number): SegmentRecord {
  const rec = ctx.trace.segments.find((r) => r.n === n);
  if (!rec) throw new QuizError((lang) => msg(lang, 'errNoSegment', n, ctx.trace.segments.length));
  return rec;
}

function eventIndex(trace: Trace, pred: (e: Trace['events'][number]) => boolean): number {
  return trace.events.findIndex(pred);
}

/** Index of the send event of segment n (-1 if missing). */
export function sendIndex(trace: Trace, n: number): number {
  return eventIndex(trace, (e) => e.kind === 'send' && e.n === n);
}

/** Index of the deliver event of segment n (-1 if it never arrived). */
export function deliverIndex(trace: Trace, n: number): number {
  return eventIndex(trace, (e) => e.kind === 'deliver' && e.n === n);
}

/**
 * The event index right after segment `after` was delivered (or lost) and processed: its deliver
 * (or drop) event, extended over the events at the same instant that its processing caused (the
 * receiver's state change, the segments it sent in answer, timers it set). `after: 0` = right
 * before segment 1 was sent. -1 = before the first event.
 */
export function indexAfterSegment(trace: Trace, after: number): number {
  if (after <= 0) {
    const first = trace.segments.length > 0 ? sendIndex(trace, trace.segments[0]!.n) : -1;
    return first >= 0 ? first - 1 : trace.events.length - 1;
  }
  // The engine records where a segment's processing ends; older traces (and hand-built ones) do not.
  const rec = trace.segments.find((r) => r.n === after);
  if (rec?.lastEvent !== undefined && rec.lastEvent >= 0 && rec.lastEvent < trace.events.length) return rec.lastEvent;
  let i = eventIndex(trace, (e) => (e.kind === 'deliver' || e.kind === 'drop') && e.n === after);
  if (i < 0) i = sendIndex(trace, after);
  if (i < 0) return trace.events.length - 1;
  const t = trace.events[i]!.t;
  while (i + 1 < trace.events.length) {
    const e = trace.events[i + 1]!;
    if (e.t !== t) break;
    const caused =
      (e.kind === 'state' && e.cause.type === 'segment' && e.cause.n === after) ||
      e.kind === 'send' ||
      (e.kind === 'timer' && e.action !== 'fired') ||
      e.kind === 'data';
    if (!caused) break;
    i++;
  }
  return i;
}

/** Every host's TCB at event index i (-1: the first snapshot's placeholder state, CLOSED if none). */
export function tcbAt(trace: Trace, i: number, host: string): TcbSnapshot | undefined {
  if (i < 0) return undefined;
  return trace.tcbs[Math.min(i, trace.tcbs.length - 1)]?.[host];
}

function requireHost(ctx: QuizContext, host: string): void {
  if (!(host in ctx.trace.hosts) && !(host in ctx.scenario.hosts)) {
    throw new QuizError((lang) => msg(lang, 'errNoHost', host, Object.keys(ctx.scenario.hosts).join(', ')));
  }
}

export function stateAfter(ctx: QuizContext, host: string, after: number): TcpState {
  requireHost(ctx, host);
  if (after > 0) findSegment(ctx, after);
  const i = indexAfterSegment(ctx.trace, after);
  return tcbAt(ctx.trace, i, host)?.state ?? 'CLOSED';
}

/** `address:port` of a trace endpoint name (a host name or already `address:port`). */
export function endpoint(trace: Trace, name: string): string {
  const h = trace.hosts[name];
  return h ? `${h.address}:${h.port}` : name;
}

/**
 * The bases for relative numbers: the renderer's (`relativeBase`), so a question graded on
 * relative numbers agrees with the numbers the diagram shows.
 */
export function relativeBases(ctx: QuizContext, rec: SegmentRecord): { seq: number | null; ack: number | null } {
  return relativeBase(ctx.trace, rec);
}

export function isRelative(q: { numbers?: 'relative' | 'absolute' }): boolean {
  return q.numbers === 'relative';
}

/** A field of a segment as the question asks it (relative or absolute). */
export function fieldValue(ctx: QuizContext, rec: SegmentRecord, field: SegmentField, relative: boolean): number | Flag[] {
  switch (field) {
    case 'seq': {
      const base = relative ? relativeBases(ctx, rec).seq : null;
      return base === null ? rec.seg.seq : u32(rec.seg.seq - base);
    }
    case 'ack': {
      const base = relative ? relativeBases(ctx, rec).ack : null;
      return base === null ? rec.seg.ack : u32(rec.seg.ack - base);
    }
    case 'len':
      return rec.seg.payload.length;
    case 'flags':
      return sortFlags(rec.seg.flags);
    case 'window':
      return rec.seg.window;
  }
}

/** Maps a receiver's disposition to what a learner predicts. */
export function acceptanceOf(ctx: QuizContext, rec: SegmentRecord, d: Disposition): Acceptance {
  switch (d) {
    case 'accepted':
    case 'reset': // an acceptable RST is processed: it closes the connection
      return 'accepted';
    case 'ignored':
    case 'backlog-full':
    case 'accept-queue-full':
      return 'ignored';
    case 'answered-ack':
      return 'ack';
    case 'answered-challenge-ack':
      return 'challenge-ack';
    case 'answered-rst':
      return 'rst';
    case 'cookie-rejected':
      return answerSent(ctx, rec, (r) => hasFlag(r, 'RST')) ? 'rst' : 'ignored';
    default:
      // A disposition added to the engine later: judge by what the receiver sent back.
      return answerSent(ctx, rec, (r) => hasFlag(r, 'RST')) ? 'rst' : answerSent(ctx, rec) ? 'ack' : 'accepted';
  }
}

/** The segment the receiver of `rec` sent in answer at the moment it arrived, if any. */
export function answerSent(ctx: QuizContext, rec: SegmentRecord, pred: (r: SegmentRecord) => boolean = () => true): SegmentRecord | undefined {
  if (rec.arrivedAt === null) return undefined;
  return ctx.trace.segments.find((r) => r.n > rec.n && r.from === rec.to && r.sentAt === rec.arrivedAt && r.fate !== 'duplicate' && pred(r));
}

/** The segment whose arrival an ack acknowledges: the peer's latest delivered segment ending at `ack`. */
export function acknowledgedSegment(ctx: QuizContext, rec: SegmentRecord): SegmentRecord | undefined {
  const candidates = ctx.trace.segments.filter(
    (r) => r.from === rec.to && r.to === rec.from && r.n < rec.n && r.arrivedAt !== null && r.arrivedAt <= rec.sentAt && seqSpace(r) > 0,
  );
  for (let k = candidates.length - 1; k >= 0; k--) {
    const r = candidates[k]!;
    if (u32(r.seg.seq + seqSpace(r)) === rec.seg.ack) return r;
  }
  return undefined;
}

/** The sender's previous segment that occupied sequence space (what `seq` continues from). */
export function previousFromSender(ctx: QuizContext, rec: SegmentRecord): SegmentRecord | undefined {
  const candidates = ctx.trace.segments.filter(
    (r) => r.from === rec.from && r.to === rec.to && r.n < rec.n && r.fate !== 'duplicate' && !r.injected && seqSpace(r) > 0,
  );
  return candidates[candidates.length - 1];
}

/** TIME-WAIT length (2*MSL) in ms for this scenario, or for the question's own `msl`. */
export function timeWaitMs(ctx: QuizContext, msl?: number): number {
  // RFC 9293 §3.3.2 / §3.4.2: TIME-WAIT lasts 2*MSL; the profile holds the MSL (Linux's fixed 60 s
  // TIME-WAIT is modelled there as MSL 30 s) and the scenario's `network.msl` overrides it.
  if (msl !== undefined) return 2 * msl;
  return 2 * profileFor(ctx.scenario.profile, ctx.scenario.network.msl).msl;
}

/** The SYNs `host` sent to open connections (not retransmissions, duplicates or injected). */
export function synsFrom(trace: Trace, host: string): SegmentRecord[] {
  return trace.segments.filter((r) => r.from === host && hasFlag(r, 'SYN') && !r.retransmission && r.fate !== 'duplicate' && !r.injected);
}

/** The segments of the close: from the first FIN until a new connection starts. */
export function closeSegments(trace: Trace): SegmentRecord[] {
  const first = trace.segments.find((r) => hasFlag(r, 'FIN') && !r.injected);
  if (!first) return [];
  const out: SegmentRecord[] = [];
  for (const r of trace.segments) {
    if (r.n < first.n || r.fate === 'duplicate') continue;
    if (hasFlag(r, 'SYN')) break;
    out.push(r);
  }
  return out;
}

export function numberAnswer(q: NumberQuestion, ctx: QuizContext): number {
  switch (q.topic) {
    case 'header-length':
      return headerLength(q.options ?? {});
    case 'data-offset':
      return headerLength(q.options ?? {}) / 4;
    case 'effective-window':
      return effectiveWindow(q.window ?? 65535, q.wscale ?? 0);
    case 'time-wait':
      return timeWaitMs(ctx, q.msl);
    case 'next-isn': {
      const host = q.host ?? Object.keys(ctx.scenario.hosts)[0] ?? '';
      requireHost(ctx, host);
      const syns = synsFrom(ctx.trace, host);
      const last = syns[syns.length - 1];
      if (last) return last.seg.seq;
      const isn = ctx.trace.hosts[host]?.isn;
      if (isn === null || isn === undefined) throw new QuizError((lang) => msg(lang, 'errNoIsn', host));
      return isn;
    }
    case 'close-segments': {
      const segs = closeSegments(ctx.trace);
      if (segs.length === 0) throw new QuizError((lang) => msg(lang, 'errNoClose'));
      return segs.length;
    }
    case 'segment-count':
      return ctx.trace.segments.length;
  }
}

/** The engine's answer to `q`. Throws `QuizError` when the trace cannot answer it. */
export function computeAnswer(q: QuestionSpec, ctx: QuizContext): Answer {
  switch (q.ask) {
    case 'state':
      return { kind: 'state', state: stateAfter(ctx, q.host, q.after) };
    case 'seq':
    case 'ack': {
      const rec = findSegment(ctx, q.segment);
      const value = fieldValue(ctx, rec, q.ask, isRelative(q)) as number;
      return q.ask === 'ack' && !hasFlag(rec, 'ACK') ? { kind: 'number', value: rec.seg.ack, absent: true } : { kind: 'number', value };
    }
    case 'flags':
      return { kind: 'flags', flags: sortFlags(findSegment(ctx, q.segment).seg.flags) };
    case 'segment': {
      const rec = findSegment(ctx, q.segment);
      const fields: Partial<Record<SegmentField, number | Flag[]>> = {};
      const absent: SegmentField[] = [];
      for (const f of q.fields) {
        fields[f] = fieldValue(ctx, rec, f, isRelative(q));
        if (f === 'ack' && !hasFlag(rec, 'ACK')) absent.push('ack');
      }
      return absent.length > 0 ? { kind: 'fields', fields, absent } : { kind: 'fields', fields };
    }
    case 'accepted': {
      const rec = findSegment(ctx, q.segment);
      if (rec.disposition === null) {
        throw new QuizError((lang) => msg(lang, rec.fate === 'dropped' ? 'errSegmentLost' : 'errNotArrived', rec.n));
      }
      return { kind: 'acceptance', value: acceptanceOf(ctx, rec, rec.disposition) };
    }
    case 'number':
      return { kind: 'number', value: numberAnswer(q, ctx) };
    case 'choice':
      return { kind: 'choice', index: q.answer };
  }
}
