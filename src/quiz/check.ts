/**
 * Checking a learner's answer against the engine's, with feedback keyed to the wrong answer when it
 * matches a known misconception, and comparing an author's `expect` with the engine.
 */
import type { Lang, LocalText } from '../common/text';
import type { Flag, SegmentRecord, TcpState } from '../engine/types';
import {
  acknowledgedSegment,
  answerSent,
  computeAnswer,
  deliverIndex,
  findSegment,
  hasFlag,
  isRelative,
  previousFromSender,
  QuizError,
  relativeBases,
  synsFrom,
  tcbAt,
  timeWaitMs,
  u32,
} from './answers';
import { formatAnswer } from './explain';
import { fieldName, msg, sentences } from './messages';
import {
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
import type { Acceptance, Answer, CheckResult, NumberQuestion, QuestionSpec, QuizContext, SegmentField } from './types';
import { SEGMENT_FIELDS } from './types';

const sameFlags = (a: readonly Flag[], b: readonly Flag[]): boolean => a.length === b.length && a.every((f) => b.includes(f));

/**
 * Splits "seq=1001, ack=5001, flags=SYN,ACK" (or "seq=1001 ack=5001 flags=ACK") into fields;
 * unlabelled numbers ("1001 5001") are taken in the order the fields are asked.
 */
export function splitFields(input: string, asked: readonly SegmentField[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (asked.length === 1 && !/^\s*(seq|ack|len|flags|window)\s*[=:]/i.test(input)) {
    out[asked[0]!] = input;
    return out;
  }
  const re = /\b(seq|ack|len|flags|window)\s*[=:：]/gi;
  const marks: { field: string; start: number; end: number }[] = [];
  for (let m = re.exec(input); m; m = re.exec(input)) marks.push({ field: m[1]!.toLowerCase(), start: m.index, end: re.lastIndex });
  if (marks.length === 0 && !asked.includes('flags')) {
    // Unlabelled numbers, in the order the fields are asked: "1001 5001" or "1001, 5001".
    const parts = input.trim().split(/[\s,;，；]+/).filter((x) => x !== '');
    if (parts.length === asked.length) asked.forEach((f, k) => (out[f] = parts[k]!));
    return out;
  }
  marks.forEach((mk, k) => {
    const stop = k + 1 < marks.length ? marks[k + 1]!.start : input.length;
    out[mk.field] = input.slice(mk.end, stop).replace(/[,;，；\s]+$/, '').trim();
  });
  return out;
}

type Verdict = { ok: boolean; misconception?: string; note?: string };

/** The host that sent the first FIN (the active closer), and whether both FINs crossed. */
function closers(ctx: QuizContext): { active: string | null; simultaneous: boolean } {
  const fins = ctx.trace.segments.filter((r) => hasFlag(r, 'FIN') && !r.injected && r.fate !== 'duplicate');
  const first = fins[0];
  if (!first) return { active: null, simultaneous: false };
  const other = fins.find((r) => r.from !== first.from);
  const simultaneous = !!other && first.arrivedAt !== null && other.sentAt < first.arrivedAt;
  return { active: first.from, simultaneous };
}

function stateMisconception(ctx: QuizContext, host: string, after: number, expected: TcpState, given: TcpState, lang: Lang): string | undefined {
  const { simultaneous } = closers(ctx);
  const twSeconds = timeWaitMs(ctx) / 1000;
  const linux = ctx.scenario.profile === 'linux';
  const closingSide: TcpState[] = ['FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSING', 'TIME-WAIT'];
  const passiveSide: TcpState[] = ['CLOSE-WAIT', 'LAST-ACK'];
  if (expected === 'TIME-WAIT' && given === 'CLOSED') return msg(lang, 'msTimeWaitNotClosed', host, twSeconds, linux);
  if (given === 'LAST-ACK' && closingSide.includes(expected)) return msg(lang, 'msLastAckIsPassive', host);
  if (given === 'CLOSE-WAIT' && closingSide.includes(expected)) return msg(lang, 'msCloseWaitIsPassive', host);
  if (passiveSide.includes(expected) && closingSide.includes(given)) return msg(lang, 'msPassiveCloser', host);
  if (expected === 'SYN-RECEIVED' && given === 'ESTABLISHED') return msg(lang, 'msSynReceivedUntilAck', host);
  if (expected === 'SYN-RECEIVED' && given === 'SYN-SENT') return msg(lang, 'msSimultaneousOpen', host);
  if (expected === 'ESTABLISHED' && given === 'SYN-RECEIVED') return msg(lang, 'msActiveOpenerSkipsSynReceived', host);
  if (expected === 'CLOSING' && given === 'FIN-WAIT-2') return msg(lang, 'msClosing', host);
  if (expected === 'CLOSING' && given === 'TIME-WAIT') return msg(lang, 'msClosingNotTimeWait', host);
  if (expected === 'FIN-WAIT-2' && given === 'CLOSING') return msg(lang, 'msFinWait2NotClosing', host);
  if (expected === 'TIME-WAIT' && given === 'CLOSING' && simultaneous) return msg(lang, 'msClosingToTimeWait', host);
  if (expected === 'FIN-WAIT-1' && given === 'FIN-WAIT-2') return msg(lang, 'msFinWait1', host);
  if (expected === 'FIN-WAIT-2' && given === 'FIN-WAIT-1') return msg(lang, 'msFinWait2', host);
  if (expected === 'CLOSE-WAIT' && (given === 'CLOSED' || given === 'LAST-ACK')) return msg(lang, 'msCloseWait', host);
  if (expected === 'CLOSED' && given === 'TIME-WAIT') return msg(lang, 'msTimeWaitExpired', host, twSeconds, linux);
  if (expected === 'LISTEN' && given === 'SYN-RECEIVED') return msg(lang, 'msListenerStays', host);
  if (expected === 'LAST-ACK' && given === 'CLOSE-WAIT') return msg(lang, 'msLastAckAfterClose', host);
  const rec = after > 0 ? ctx.trace.segments.find((r) => r.n === after) : undefined;
  if (expected === 'LAST-ACK' && given === 'CLOSED') return msg(lang, 'msLastAckWaits', host, rec && rec.to === host && rec.fate === 'dropped' ? rec.n : null);
  if (expected === 'TIME-WAIT' && given === 'FIN-WAIT-2' && rec && rec.to === host && rec.fate !== 'dropped' && hasFlag(rec, 'FIN')) {
    const i = deliverIndex(ctx.trace, rec.n);
    const before = i > 0 ? tcbAt(ctx.trace, i - 1, host)?.state : undefined;
    return msg(lang, before === 'FIN-WAIT-1' ? 'msFinAckCombined' : 'msFinEndsFinWait2', host, rec.n);
  }
  if (expected === 'CLOSED' && rec && rec.to === host && hasFlag(rec, 'RST')) return msg(lang, 'msResetCloses', host, after);
  return undefined;
}

/** The misconception behind a wrong seq/ack, comparing in absolute numbers. */
function numberFieldMisconception(
  ctx: QuizContext,
  rec: SegmentRecord,
  field: 'seq' | 'ack',
  relative: boolean,
  expectedAsked: number,
  givenAsked: number,
  lang: Lang,
): string | undefined {
  const bases = relativeBases(ctx, rec);
  const base = field === 'seq' ? bases.seq : bases.ack;
  const absolute = field === 'seq' ? rec.seg.seq : rec.seg.ack;
  if (!relative && base !== null && givenAsked === u32(absolute - base) && givenAsked !== expectedAsked) {
    return msg(lang, 'msRelativeGiven', field, base);
  }
  if (relative && base !== null && givenAsked === absolute && givenAsked !== expectedAsked) {
    return msg(lang, 'msAbsoluteGiven', field, base);
  }
  const given = relative && base !== null ? u32(givenAsked + base) : givenAsked;
  // A reset for no connection is built from the segment it answers (RFC 9293 §3.10.7.1).
  if (field === 'seq' && hasFlag(rec, 'RST') && rec.reason !== 'rst-abort' && !rec.injected && given !== rec.seg.seq) {
    const trigger = ctx.trace.segments.find((r) => r.to === rec.from && r.arrivedAt === rec.sentAt && r.n < rec.n);
    if (trigger && hasFlag(trigger, 'ACK') && given === 0) return msg(lang, 'msRstSeqFromAck', trigger.n, trigger.seg.ack);
    if (trigger && !hasFlag(trigger, 'ACK') && rec.seg.seq === 0) return msg(lang, 'msRstSeqZero', trigger.n);
  }
  if (field === 'ack' && given === rec.seg.seq && rec.seg.seq !== rec.seg.ack) return msg(lang, 'msSwappedSeqAck', 'ack');
  if (field === 'seq' && hasFlag(rec, 'ACK') && given === rec.seg.ack && rec.seg.seq !== rec.seg.ack) return msg(lang, 'msSwappedSeqAck', 'seq');
  if (field === 'ack') {
    const a = acknowledgedSegment(ctx, rec);
    if (a) {
      const len = a.seg.payload.length;
      if (given === u32(rec.seg.ack - 1) && hasFlag(a, 'SYN')) return msg(lang, 'msSynConsumes', a.n, a.seg.seq);
      if (given === u32(rec.seg.ack - 1) && hasFlag(a, 'FIN')) return msg(lang, 'msFinConsumes', a.n, u32(a.seg.seq + len));
      if (len > 0 && given === a.seg.seq) return msg(lang, 'msAckIsNextByte', a.n, a.seg.seq, len);
      if (len > 1 && given === u32(rec.seg.ack - 1)) return msg(lang, 'msAckOffByOne', a.n, a.seg.seq, len);
    }
  } else {
    const p = previousFromSender(ctx, rec);
    if (p && !rec.retransmission) {
      const len = p.seg.payload.length;
      if (given === u32(rec.seg.seq - 1) && hasFlag(p, 'SYN')) return msg(lang, 'msOwnSynConsumes', p.n, p.seg.seq);
      if (given === u32(rec.seg.seq - 1) && hasFlag(p, 'FIN')) return msg(lang, 'msOwnFinConsumes', p.n);
      if (len > 0 && given === p.seg.seq) return msg(lang, 'msSeqAdvancesByLen', p.n, len);
    }
  }
  return undefined;
}

function flagsMisconception(rec: SegmentRecord, expected: Flag[], given: Flag[], lang: Lang): string | undefined {
  const without = (fs: Flag[], f: Flag) => fs.filter((x) => x !== f);
  // An ABORT's reset answers no segment: whether it carries ACK depends on the stack, not on a trigger.
  const abort = rec.reason === 'rst-abort';
  if (expected.includes('ACK') && !given.includes('ACK') && sameFlags(without(expected, 'ACK'), given)) {
    if (expected.includes('RST')) return msg(lang, abort ? 'msAbortRstAck' : 'msRstAck');
    return msg(lang, 'msAckAlwaysSet', rec.n);
  }
  if (!expected.includes('ACK') && given.includes('ACK') && sameFlags(expected, without(given, 'ACK'))) {
    if (expected.includes('SYN')) return msg(lang, 'msFirstSynNoAck');
    return msg(lang, abort ? 'msAbortRstNoAck' : 'msRstNoAck');
  }
  if (sameFlags(without(expected, 'PSH'), without(given, 'PSH'))) return msg(lang, 'msPsh');
  return undefined;
}

function acceptanceMisconception(ctx: QuizContext, rec: SegmentRecord, expected: Acceptance, given: Acceptance, lang: Lang): string | undefined {
  const isRst = hasFlag(rec, 'RST');
  if (expected === 'challenge-ack') return msg(lang, isRst ? 'msChallengeAckRst' : 'msChallengeAckSyn');
  if (expected === 'ignored' && isRst && (given === 'rst' || given === 'ack')) return msg(lang, 'msNeverAnswerRst');
  if (expected === 'ignored' && rec.disposition === 'backlog-full') return msg(lang, 'msBacklogFull');
  if (expected === 'ignored' && rec.disposition === 'accept-queue-full') return msg(lang, 'msAcceptQueueFull');
  if (expected === 'ack' && given === 'ignored') return msg(lang, 'msUnacceptableAck');
  if (expected === 'ack' && given === 'rst') return msg(lang, 'msAckNotRst');
  if (expected === 'rst' && (given === 'ignored' || given === 'ack')) return msg(lang, 'msNoSocketRst');
  if (expected === 'accepted' && isRst && given !== 'accepted') return msg(lang, 'msRstAccepted');
  void ctx;
  return undefined;
}

function numberMisconception(q: NumberQuestion, ctx: QuizContext, expected: number, given: number, lang: Lang): string | undefined {
  switch (q.topic) {
    case 'data-offset':
      return given === expected * 4 ? msg(lang, 'msDataOffsetWords', expected) : undefined;
    case 'header-length':
      return given * 4 === expected ? msg(lang, 'msHeaderBytes', expected) : undefined;
    case 'effective-window': {
      const window = q.window ?? 65535;
      const wscale = q.wscale ?? 0;
      if (given === window && wscale > 0) return msg(lang, 'msWindowNoScale', wscale);
      if (given === window * wscale && wscale > 1) return msg(lang, 'msWindowShift', wscale);
      return undefined;
    }
    case 'time-wait': {
      if (given * 2 === expected) return msg(lang, 'msTimeWaitIsTwoMsl');
      const msl = q.msl ?? ctx.scenario.network.msl;
      // A scenario (or question) with its own MSL: neither the RFC's 4 min nor Linux's 60 s applies.
      if (msl !== undefined) return given === 60_000 || given === 240_000 ? msg(lang, 'msScenarioMsl', msl, expected) : undefined;
      if (ctx.scenario.profile === 'linux' && given === 240_000) return msg(lang, 'msLinuxTimeWait');
      if (ctx.scenario.profile === 'rfc9293' && given === 60_000) return msg(lang, 'msRfcTimeWait');
      return undefined;
    }
    case 'next-isn': {
      const syns = synsFrom(ctx.trace, q.host ?? Object.keys(ctx.scenario.hosts)[0] ?? '');
      const prev = syns[syns.length - 2];
      if (prev && given === u32(prev.seg.seq + 128000) && given !== expected) return msg(lang, 'msIsnClockTicks');
      return undefined;
    }
    case 'close-segments':
      if (given === 4 && expected === 3) return msg(lang, 'msFinPiggyback');
      if (given === 3 && expected === 4) return msg(lang, 'msFourWay');
      return undefined;
    case 'segment-count':
      return undefined;
  }
}

const invalid = (message: string): CheckResult => ({ status: 'invalid', message });

function verdict(v: Verdict): CheckResult {
  const r: CheckResult = { status: v.ok ? 'correct' : 'wrong' };
  if (!v.ok && v.misconception) r.misconception = v.misconception;
  if (v.note) r.note = v.note;
  return r;
}

/** Checks one seq/ack/len/window value. */
function checkNumberField(
  ctx: QuizContext,
  rec: SegmentRecord,
  field: SegmentField,
  relative: boolean,
  expected: number,
  absent: boolean,
  input: string,
  lang: Lang,
): Verdict | { invalid: string } {
  if (absent) {
    if (isNoneWord(input)) return { ok: true };
    const n = parseNumber(input, lang);
    if (!n.ok) return { invalid: n.message };
    if (n.value === 0) return { ok: true, note: msg(lang, 'noteAckZero') };
    return { ok: false, misconception: msg(lang, 'msNoAckField', rec.n) };
  }
  if (isNoneWord(input) && field === 'ack') return { ok: false, misconception: msg(lang, 'msAckPresent', rec.n) };
  const n = parseNumber(input, lang);
  if (!n.ok) return { invalid: n.message };
  if (n.value === expected) return { ok: true };
  const misconception =
    field === 'seq' || field === 'ack' ? numberFieldMisconception(ctx, rec, field, relative, expected, n.value, lang) : undefined;
  return misconception ? { ok: false, misconception } : { ok: false };
}

function checkFlagsValue(rec: SegmentRecord, expected: Flag[], input: string, lang: Lang): Verdict | { invalid: string } {
  const p = parseFlags(input, lang);
  if (!p.ok) return { invalid: p.message };
  if (sameFlags(p.value, expected)) return { ok: true };
  const misconception = flagsMisconception(rec, expected, p.value, lang);
  return misconception ? { ok: false, misconception } : { ok: false };
}

/**
 * Checks `input` against the engine's answer. For `segment` questions `input` maps each asked
 * field to the learner's text (a single string "seq=1, ack=2" is split). `invalid` never counts as a try.
 */
export function checkAnswer(q: QuestionSpec, ctx: QuizContext, input: string | Record<string, string>, lang: Lang): CheckResult {
  let answer: Answer;
  try {
    answer = computeAnswer(q, ctx);
  } catch (e) {
    if (e instanceof QuizError) return invalid(e.describe(lang));
    throw e;
  }
  if (q.ask === 'segment') {
    const map =
      typeof input === 'string' ? splitFields(input, q.fields) : Object.fromEntries(Object.entries(input).map(([k, v]) => [k.trim().toLowerCase(), v]));
    if (answer.kind !== 'fields') throw new Error('unreachable: segment answer');
    const rec = findSegment(ctx, q.segment);
    const fields: Partial<Record<SegmentField, boolean>> = {};
    const missing = q.fields.filter((f) => (map[f] ?? '').trim() === '');
    if (missing.length > 0) return invalid(msg(lang, 'missingFields', missing.join(', ')));
    let misconception: string | undefined;
    const notes: string[] = [];
    for (const f of SEGMENT_FIELDS.filter((x) => q.fields.includes(x))) {
      const expected = answer.fields[f]!;
      const text = map[f]!;
      const v =
        f === 'flags'
          ? checkFlagsValue(rec, expected as Flag[], text, lang)
          : checkNumberField(ctx, rec, f, isRelative(q), expected as number, (answer.absent ?? []).includes(f), text, lang);
      if ('invalid' in v) return invalid(`${fieldName(lang, f)}${lang === 'en' ? ': ' : '：'}${v.invalid}`);
      fields[f] = v.ok;
      if (!v.ok && v.misconception && !misconception) misconception = v.misconception;
      if (v.note) notes.push(v.note);
    }
    const ok = Object.values(fields).every((x) => x);
    const r = verdict({ ok, misconception, note: notes.length > 0 ? sentences(lang, notes) : undefined });
    r.fields = fields;
    return r;
  }
  if (typeof input !== 'string') return invalid(msg(lang, 'expectedText'));
  switch (q.ask) {
    case 'state': {
      if (answer.kind !== 'state') break;
      const p = parseState(input, lang);
      if (!p.ok) return invalid(p.message);
      if (p.value === answer.state) return verdict({ ok: true, note: p.note });
      return verdict({ ok: false, misconception: stateMisconception(ctx, q.host, q.after, answer.state, p.value, lang), note: p.note });
    }
    case 'seq':
    case 'ack': {
      if (answer.kind !== 'number') break;
      const rec = findSegment(ctx, q.segment);
      const v = checkNumberField(ctx, rec, q.ask, isRelative(q), answer.value, answer.absent === true, input, lang);
      return 'invalid' in v ? invalid(v.invalid) : verdict(v);
    }
    case 'flags': {
      if (answer.kind !== 'flags') break;
      const v = checkFlagsValue(findSegment(ctx, q.segment), answer.flags, input, lang);
      return 'invalid' in v ? invalid(v.invalid) : verdict(v);
    }
    case 'accepted': {
      if (answer.kind !== 'acceptance') break;
      const p = parseAcceptance(input, lang);
      if (!p.ok) return invalid(p.message);
      if (p.value === answer.value) return verdict({ ok: true });
      const rec = findSegment(ctx, q.segment);
      // A retransmitted FIN in TIME-WAIT: the host recognises it, re-acknowledges it and restarts its
      // timer (RFC 9293 §3.10.7.4). "Accepted" describes that as fairly as "answered with an ACK".
      if (answer.value === 'ack' && p.value === 'accepted' && answerSent(ctx, rec)?.reason === 'time-wait-ack') {
        return verdict({ ok: true, note: msg(lang, 'noteTimeWaitReack', rec.to) });
      }
      return verdict({ ok: false, misconception: acceptanceMisconception(ctx, rec, answer.value, p.value, lang) });
    }
    case 'number': {
      if (answer.kind !== 'number') break;
      return checkNumberQuestion(q, ctx, answer.value, input, lang);
    }
    case 'choice': {
      if (answer.kind !== 'choice') break;
      const p = parseChoice(input, choiceTexts(q.choices), lang);
      if (!p.ok) return invalid(p.message);
      return verdict({ ok: p.value === answer.index });
    }
  }
  throw new Error(`unreachable: answer kind ${answer.kind} for ${q.ask}`);
}

function choiceTexts(choices: LocalText[]): string[][] {
  return choices.map((c) => (typeof c === 'string' ? [c] : [c.en, ...(c['zh-cn'] ? [c['zh-cn']] : [])]));
}

function parseForTopic(q: NumberQuestion, input: string, lang: Lang): ParseResult<{ value: number; unit: 'bytes' | 'words' | null }> {
  if (q.topic === 'time-wait') {
    const d = parseDuration(input, lang);
    return d.ok ? { ok: true, value: { value: d.value, unit: null } } : d;
  }
  if (q.topic === 'header-length' || q.topic === 'data-offset') return parseSize(input, lang);
  const n = parseNumber(input, lang);
  return n.ok ? { ok: true, value: { value: n.value, unit: null } } : n;
}

function checkNumberQuestion(q: NumberQuestion, ctx: QuizContext, expected: number, input: string, lang: Lang): CheckResult {
  const p = parseForTopic(q, input, lang);
  if (!p.ok) return invalid(p.message);
  const { value, unit } = p.value;
  // An explicit unit converts: "5 words" is a right header length, "20 bytes" a right data offset.
  if (q.topic === 'header-length' && unit === 'words' && value * 4 === expected) return verdict({ ok: true, note: msg(lang, 'noteInBytes', expected) });
  if (q.topic === 'data-offset' && unit === 'bytes' && value === expected * 4) return verdict({ ok: true, note: msg(lang, 'noteInWords', expected) });
  if (value === expected) return verdict({ ok: true });
  return verdict({ ok: false, misconception: numberMisconception(q, ctx, expected, value, lang) });
}

/** An author's `expect` as the learner-facing parser reads it, or an error message. */
function expectAnswer(q: QuestionSpec, ctx: QuizContext, expect: unknown, lang: Lang): { input: string | Record<string, string> } | { error: string } {
  const str = (v: unknown): string | null =>
    typeof v === 'string' ? v : typeof v === 'number' ? String(v) : Array.isArray(v) ? v.map(String).join(',') : v === null ? 'none' : null;
  if (q.ask === 'segment') {
    if (typeof expect !== 'object' || expect === null || Array.isArray(expect)) return { error: msg(lang, 'expectNeedsMap', q.fields.join(', ')) };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(expect as Record<string, unknown>)) {
      const s = str(v);
      if (s === null) return { error: msg(lang, 'expectUnreadable', k) };
      out[k] = s;
    }
    return { input: out };
  }
  if (q.ask === 'choice' && typeof expect === 'number' && Number.isInteger(expect)) {
    // A bare number in `expect` for a choice is the same 0-based index as `answer`.
    return { input: String(expect + 1) };
  }
  const s = str(expect);
  if (s === null) return { error: msg(lang, 'expectUnreadable', q.id) };
  void ctx;
  return { input: s };
}

/**
 * Null when the author's `expect` agrees with the engine (or there is none), else a message saying
 * what the engine computes. Also reports a question the trace cannot answer.
 */
export function compareExpect(q: QuestionSpec, ctx: QuizContext, lang: Lang): string | null {
  let answer: Answer;
  try {
    answer = computeAnswer(q, ctx);
  } catch (e) {
    if (e instanceof QuizError) return msg(lang, 'expectQuestionBroken', q.id, e.describe(lang));
    throw e;
  }
  if (q.expect === undefined) return null;
  const parsed = expectAnswer(q, ctx, q.expect, lang);
  if ('error' in parsed) return parsed.error;
  if (q.ask === 'segment' && typeof parsed.input === 'object') {
    const unknown = Object.keys(parsed.input).filter((k) => !q.fields.includes(k as SegmentField));
    if (unknown.length > 0) return msg(lang, 'expectExtraFields', q.id, unknown.join(', '), q.fields.join(', '));
  }
  const r = checkAnswer(q, ctx, parsed.input, lang);
  if (r.status === 'correct') return null;
  const engine = formatAnswer(q, answer, ctx, lang);
  if (r.status === 'invalid') return msg(lang, 'expectInvalid', q.id, r.message ?? '', engine);
  return msg(lang, 'expectDisagrees', q.id, describeExpect(q.expect), engine);
}

function describeExpect(expect: unknown): string {
  if (typeof expect === 'object' && expect !== null && !Array.isArray(expect)) {
    return Object.entries(expect as Record<string, unknown>)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
      .join(', ');
  }
  return Array.isArray(expect) ? expect.join(',') : String(expect);
}
