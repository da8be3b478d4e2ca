/**
 * The one typed protocol for host ⇄ webview traffic. Both sides import this module.
 *
 * Every message is `{ type: 'scope/verb', ...payload }`. Receivers call `parseToHost` /
 * `parseToWebview`, which validate the shape and return `undefined` for anything malformed:
 * the webview is untrusted territory, and a malformed message is dropped, never trusted.
 *
 * This module is pure (no vscode, no DOM, no Node) so the host, the webview and the unit tests
 * share it.
 */
import type { Lang } from '../common/text';
import {
  FLAGS,
  TCP_STATES,
  type Disposition,
  type Flag,
  type SegmentRecord,
  type SendReason,
  type TcbSnapshot,
  type TcpOptions,
  type TcpState,
  type TimerName,
  type Trace,
  type TraceEvent,
  type TraceHost,
  type UserCall,
} from '../engine/types';
import { ACCEPTANCES, QUESTION_KINDS, SEGMENT_FIELDS, type Acceptance, type CheckStatus, type QuestionKind, type SegmentField } from '../quiz/types';

// ---------------------------------------------------------------------------------------------
// Closed vocabularies (listed once here; the validators and both sides read them)
// ---------------------------------------------------------------------------------------------

/**
 * The keys of a record that must name every member of `K`: when the engine adds a send reason,
 * a timer or a call, this stops compiling until the validator knows it too (instead of the page
 * silently dropping every trace that holds the new value).
 */
function keysOf<K extends string>(all: Record<K, true>): readonly K[] {
  return Object.keys(all) as K[];
}

export const SEND_REASONS: readonly SendReason[] = keysOf<SendReason>({
  'active-open': true,
  'syn-ack': true,
  'handshake-ack': true,
  'data': true,
  'ack': true,
  'fin': true,
  'fin-ack-combined': true,
  'retransmission': true,
  'rst-no-socket': true,
  'rst-abort': true,
  'rst-unacceptable': true,
  'rst-half-open': true,
  'challenge-ack': true,
  'ack-unacceptable': true,
  'time-wait-ack': true,
  'syn-cookie': true,
  'injected': true,
  'duplicate': true,
  'window-probe': true,
});

export const DISPOSITIONS: readonly Disposition[] = keysOf<Disposition>({
  'accepted': true,
  'ignored': true,
  'answered-ack': true,
  'answered-challenge-ack': true,
  'answered-rst': true,
  'reset': true,
  'backlog-full': true,
  'cookie-rejected': true,
  'accept-queue-full': true,
});

const CHECK_STATUSES = keysOf<CheckStatus>({ correct: true, wrong: true, invalid: true });
const EVENT_KINDS = keysOf<TraceEvent['kind']>({ call: true, send: true, deliver: true, drop: true, duplicate: true, state: true, timer: true, data: true });
const TIMER_NAMES = keysOf<TimerName>({ retransmission: true, 'time-wait': true, 'user-timeout': true, 'syn-ack-retransmission': true });
const USER_CALLS = keysOf<UserCall>({ listen: true, connect: true, send: true, receive: true, close: true, abort: true, status: true, crash: true, reboot: true, accept: true });

/**
 * Every string the page shows that does not come from the exercise. The host localizes them
 * (one catalogue: `l10n/bundle.l10n.zh-cn.json`) and sends them in the snapshot. `{0}`, `{1}`
 * are placeholders the page fills with `format`.
 */
export const UI_STRING_KEYS = [
  'lessonHeading',
  'first',
  'back',
  'next',
  'last',
  'play',
  'pause',
  'stepLabel', // "Step {0} of {1}"
  'pageLabel', // "Segments {0}–{1} of {2}"
  'numbersRelative',
  'numbersAbsolute',
  'numbersToggle',
  'zoomIn',
  'zoomOut',
  'zoomFit',
  'copyMermaid',
  'copyMarkdown',
  'saveSvg',
  'savePngLight',
  'savePngDark',
  'exportMenu',
  'tcbCaption',
  'tcbField',
  'tcbState',
  'tcbTimers',
  'noTimers',
  'hiddenDuringQuestion',
  'segmentsCaption',
  'diagramLabel', // "Sequence diagram of {0} segments between {1}"
  'detailsHeading', // "Segment {0}"
  'detailsEmpty',
  'field',
  'value',
  'flagsBits',
  'wireBytes',
  'whySent',
  'whatHappened',
  'lost',
  'retransmitted',
  'injectedNote',
  'noOptions',
  'payloadLength',
  'renderError',
  'quizHeading', // "Question {0} of {1}"
  'quizMode',
  'submit',
  'hint',
  'noMoreHints',
  'skip',
  'continue',
  'correct',
  'wrong',
  'invalid',
  'triesLeft', // "{0} tries left"
  'answerWas', // "Answer: {0}"
  'answerToContinue',
  'allAnswered',
  'chooseState',
  'chooseAcceptance',
  'chooseOne',
  'yourAnswer',
  'keyboardHelp',
  'loading',
  'timerAt', // "{0} (fires at {1} ms)"
  'time',
  'warnings',
  'misconceptionsHeading',
  'fSrcPort',
  'fDstPort',
  'fSeq',
  'fAck',
  'fDataOffset',
  'fReserved',
  'fFlags',
  'fWindow',
  'fChecksum',
  'fUrgent',
  'fOptions',
  'fPadding',
  'fPayload',
  'fLen',
  'pageOf', // "Page {0} of {1}"
  'prevPage',
  'nextPage',
  'stateAfter', // "{0}: {1} → {2}"
] as const;
export type UiStringKey = (typeof UI_STRING_KEYS)[number];
export type UiStrings = Record<UiStringKey, string>;

/** Replaces `{0}`, `{1}`, ... in a localized template. */
export function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? m : String(v);
  });
}

// ---------------------------------------------------------------------------------------------
// The trace on the wire: payload bytes as plain arrays (postMessage carries JSON-like data)
// ---------------------------------------------------------------------------------------------

export type WireSegment = Omit<SegmentRecord['seg'], 'payload'> & { payload: number[] };
export type WireSegmentRecord = Omit<SegmentRecord, 'seg'> & { seg: WireSegment };
/** A `Trace` without the application byte streams (`received`/`sent`), which the page never shows. */
export type WireTrace = Omit<Trace, 'segments' | 'received' | 'sent'> & { segments: WireSegmentRecord[] };

export function toWireTrace(trace: Trace): WireTrace {
  const { received: _received, sent: _sent, segments, ...rest } = trace;
  return {
    ...rest,
    segments: segments.map((r) => ({ ...r, seg: { ...r.seg, flags: [...r.seg.flags], options: { ...r.seg.options }, payload: Array.from(r.seg.payload) } })),
  };
}

export function fromWireTrace(wire: WireTrace): Trace {
  const empty: Record<string, Uint8Array> = {};
  for (const name of Object.keys(wire.hosts)) empty[name] = new Uint8Array(0);
  return {
    ...wire,
    segments: wire.segments.map((r) => ({ ...r, seg: { ...r.seg, payload: Uint8Array.from(r.seg.payload) } })),
    received: { ...empty },
    sent: { ...empty },
  };
}

// ---------------------------------------------------------------------------------------------
// Snapshot and view models
// ---------------------------------------------------------------------------------------------

export type NumbersMode = 'relative' | 'absolute';
export type Zoom = number | 'fit';

/** What the page keeps with `vscode.setState` and the serializer hands back after a reload. */
export interface PanelState {
  uri: string;
  /** The progress key the panel was opened with, when not the URI (kept across reloads). */
  exerciseId?: string;
  step: number;
  numbers: NumbersMode;
  zoom: Zoom;
  /** Quiz mode (the checkbox); absent = on. */
  quiz?: boolean;
  /** The segment whose details are open. */
  selected?: number;
  /** Questions finished on the page (answered or skipped), so a page that comes back does not ask them again. */
  finished?: string[];
}

/** A question as the page needs it: localized, with where the step-through stops. No answers. */
export interface QuestionView {
  id: string;
  kind: QuestionKind;
  prompt: string;
  /** Segments shown when the question is asked. */
  revealAt: number;
  /** The segment drawn blank (or with blank fields) while the question is open. */
  hide?: { segment: number; fields?: string[] };
  /** `state` questions: that host's state changes after segment `after` are drawn as `?`. */
  hideState?: { host: string; after: number };
  tries: number;
  /** Already finished in this session (correct, or out of tries). */
  done: boolean;
  /** `segment` questions: the fields asked for. */
  fields?: SegmentField[];
  /** `choice` questions: the choices, localized. */
  choices?: string[];
}

export interface PanelSnapshot {
  uri: string;
  exerciseId: string;
  title: string;
  description: string;
  /** The lesson text (Markdown subset, see src/common/markdown.ts); empty when the file has none. */
  body: string;
  lang: Lang;
  trace: WireTrace;
  questions: QuestionView[];
  strings: UiStrings;
  /** Why the engine sent a segment, one sentence per reason. */
  reasons: Record<SendReason, string>;
  /** What the receiver did with a segment. */
  dispositions: Record<Disposition, string>;
  /** Labels of the `accepted` answers. */
  acceptances: Record<Acceptance, string>;
  /** Load warnings, already formatted `file:line:col: message`. */
  warnings: string[];
  /** The lesson's common misconceptions, each "the wrong idea. The correction." (Markdown inline). */
  misconceptions: string[];
  /** Where the page should start (after a reload or a file change). */
  restore?: PanelState;
}

export interface DiagnosticView {
  /** `file:line:col` */
  location: string;
  severity: 'error' | 'warning';
  message: string;
  code: string;
}

export interface QuizResult {
  questionId: string;
  status: CheckStatus;
  message?: string;
  misconception?: string;
  note?: string;
  fields?: Partial<Record<SegmentField, boolean>>;
  attempts: number;
  triesLeft: number;
  /** Correct, or out of tries: the step-through may go on. */
  done: boolean;
  /** After a correct answer or the last try: the engine's answer, formatted. */
  answer?: string;
  /** After a correct answer or the last try: why. */
  explanation?: string;
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

/** Messages the webview sends to the extension host. */
export type ToHost =
  | { type: 'webview/ready'; state?: PanelState }
  | { type: 'webview/error'; message: string }
  | { type: 'step/changed'; step: number }
  | { type: 'quiz/shown'; questionId: string }
  | { type: 'quiz/answer'; questionId: string; input: string | Record<string, string> }
  | { type: 'quiz/hint'; questionId: string }
  | { type: 'export/copy'; format: 'mermaid' | 'markdown'; text: string }
  | { type: 'export/svg'; svg: string }
  | { type: 'export/png'; background: 'light' | 'dark'; base64: string };

/** Messages the extension host sends to the webview. */
export type ToWebview =
  | { type: 'trace/show'; snapshot: PanelSnapshot }
  | { type: 'trace/error'; uri: string; title: string; heading: string; diagnostics: DiagnosticView[] }
  | { type: 'quiz/result'; result: QuizResult }
  | { type: 'quiz/hints'; questionId: string; hints: string[]; more: boolean };

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

type Validator<T> = (value: Record<string, unknown>) => T | undefined;
type Obj = Record<string, unknown>;

/** Caps on what the page may send: a 16 MB PNG, an 8 MB SVG, a 1 MB text. */
export const MAX_TEXT = 1_000_000;
export const MAX_SVG = 8_000_000;
export const MAX_PNG_BASE64 = 16_000_000;
const MAX_ID = 200;
const MAX_INPUT = 1000;

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNullOr =
  <T>(guard: (v: unknown) => v is T) =>
  (v: unknown): v is T | null =>
    v === null || guard(v);
const oneOf =
  <T extends string>(list: readonly T[]) =>
  (v: unknown): v is T =>
    isString(v) && (list as readonly string[]).includes(v);
const arrayOf =
  <T>(guard: (v: unknown) => v is T) =>
  (v: unknown): v is T[] =>
    Array.isArray(v) && v.every(guard);
const recordOf =
  <T>(guard: (v: unknown) => v is T) =>
  (v: unknown): v is Record<string, T> =>
    isObj(v) && Object.values(v).every(guard);
const optional =
  <T>(guard: (v: unknown) => v is T) =>
  (v: unknown): v is T | undefined =>
    v === undefined || guard(v);
const isByte = (v: unknown): v is number => isInt(v) && v >= 0 && v <= 255;
const isState = oneOf<TcpState>(TCP_STATES);
const isFlag = oneOf<Flag>(FLAGS);
const isShortString = (v: unknown): v is string => isString(v) && v.length > 0 && v.length <= MAX_ID;

function isOptions(v: unknown): v is TcpOptions {
  if (!isObj(v)) return false;
  if (!optional(isInt)(v.mss) || !optional(isInt)(v.wscale) || !optional(isBool)(v.sackPermitted)) return false;
  if (v.timestamps !== undefined && !(isObj(v.timestamps) && isInt(v.timestamps.tsval) && isInt(v.timestamps.tsecr))) return false;
  return true;
}

function isWireSegment(v: unknown): v is WireSegment {
  return (
    isObj(v) &&
    isString(v.srcAddr) &&
    isInt(v.srcPort) &&
    isString(v.dstAddr) &&
    isInt(v.dstPort) &&
    isInt(v.seq) &&
    isInt(v.ack) &&
    isInt(v.dataOffset) &&
    arrayOf(isFlag)(v.flags) &&
    isInt(v.window) &&
    isInt(v.checksum) &&
    isInt(v.urgentPointer) &&
    isOptions(v.options) &&
    arrayOf(isByte)(v.payload)
  );
}

function isWireRecord(v: unknown): v is WireSegmentRecord {
  return (
    isObj(v) &&
    isInt(v.n) &&
    isString(v.from) &&
    isString(v.to) &&
    isWireSegment(v.seg) &&
    isNumber(v.sentAt) &&
    isNullOr(isNumber)(v.arrivedAt) &&
    oneOf(['delivered', 'dropped', 'duplicate'] as const)(v.fate) &&
    isNullOr(isInt)(v.duplicateOf) &&
    oneOf(SEND_REASONS)(v.reason) &&
    isBool(v.retransmission) &&
    isBool(v.injected) &&
    isNullOr(oneOf(DISPOSITIONS))(v.disposition)
  );
}

function isEvent(v: unknown): v is TraceEvent {
  if (!isObj(v) || !oneOf(EVENT_KINDS)(v.kind) || !isNumber(v.t)) return false;
  switch (v.kind) {
    case 'call':
      return isString(v.host) && oneOf(USER_CALLS)(v.call) && isBool(v.ok) && optional(isString)(v.error);
    case 'send':
      return isInt(v.n);
    case 'deliver':
      return isInt(v.n) && oneOf(DISPOSITIONS)(v.disposition);
    case 'drop':
      return isInt(v.n) && oneOf(['fault', 'no-host'] as const)(v.why);
    case 'duplicate':
      return isInt(v.n) && isInt(v.of);
    case 'state':
      return isString(v.host) && isString(v.conn) && isState(v.from) && isState(v.to) && isObj(v.cause) && isString(v.cause.type);
    case 'timer':
      return isString(v.host) && isString(v.conn) && oneOf(TIMER_NAMES)(v.timer) && oneOf(['set', 'fired', 'cancelled'] as const)(v.action) && optional(isNumber)(v.expiresAt);
    case 'data':
      return isString(v.host) && isInt(v.bytes);
  }
}

function isTcb(v: unknown): v is TcbSnapshot {
  const n = isNullOr(isInt);
  return (
    isObj(v) &&
    isState(v.state) &&
    isString(v.local) &&
    isNullOr(isString)(v.remote) &&
    n(v.iss) &&
    n(v.irs) &&
    n(v.sndUna) &&
    n(v.sndNxt) &&
    n(v.sndWnd) &&
    n(v.rcvNxt) &&
    n(v.rcvWnd) &&
    arrayOf((t: unknown): t is TcbSnapshot['timers'][number] => isObj(t) && oneOf(TIMER_NAMES)(t.name) && isNumber(t.expiresAt))(v.timers)
  );
}

const isTraceHost = (v: unknown): v is TraceHost => isObj(v) && isString(v.address) && isInt(v.port) && isNullOr(isInt)(v.isn);

export function isWireTrace(v: unknown): v is WireTrace {
  return (
    isObj(v) &&
    oneOf(['rfc9293', 'linux'] as const)(v.profile) &&
    recordOf(isTraceHost)(v.hosts) &&
    arrayOf(isWireRecord)(v.segments) &&
    arrayOf(isEvent)(v.events) &&
    arrayOf(recordOf(isTcb))(v.tcbs) &&
    recordOf(isState)(v.final) &&
    arrayOf((e: unknown): e is Trace['errors'][number] => isObj(e) && isNumber(e.t) && isString(e.host) && oneOf(USER_CALLS)(e.call) && isString(e.error))(v.errors)
  );
}

function isRecordWith<K extends string>(keys: readonly K[]) {
  return (v: unknown): v is Record<K, string> => isObj(v) && keys.every((k) => isString(v[k]));
}

const isZoom = (v: unknown): v is Zoom => v === 'fit' || (isNumber(v) && v >= 0.05 && v <= 20);
const isNumbersMode = oneOf(['relative', 'absolute'] as const);

/** Validates the page state kept by `setState` (also what the serializer receives). */
export function parsePanelState(v: unknown): PanelState | undefined {
  if (!isObj(v) || !isShortUri(v.uri) || !isInt(v.step) || v.step < 0 || !isNumbersMode(v.numbers) || !isZoom(v.zoom)) return undefined;
  if (v.exerciseId !== undefined && !isShortUri(v.exerciseId)) return undefined;
  if (v.quiz !== undefined && typeof v.quiz !== 'boolean') return undefined;
  if (v.selected !== undefined && (!isInt(v.selected) || v.selected < 1)) return undefined;
  if (v.finished !== undefined && !(Array.isArray(v.finished) && v.finished.length <= 1000 && v.finished.every(isShortString))) return undefined;
  const state: PanelState = { uri: v.uri, step: v.step, numbers: v.numbers, zoom: v.zoom };
  if (v.exerciseId !== undefined) state.exerciseId = v.exerciseId;
  if (v.quiz !== undefined) state.quiz = v.quiz;
  if (v.selected !== undefined) state.selected = v.selected;
  if (v.finished !== undefined) state.finished = [...(v.finished as string[])];
  return state;
}
function isShortUri(v: unknown): v is string {
  return isString(v) && v.length > 0 && v.length <= 4096;
}

function isQuestionView(v: unknown): v is QuestionView {
  return (
    isObj(v) &&
    isShortString(v.id) &&
    oneOf(QUESTION_KINDS)(v.kind) &&
    isString(v.prompt) &&
    isInt(v.revealAt) &&
    isInt(v.tries) &&
    isBool(v.done) &&
    (v.hide === undefined || (isObj(v.hide) && isInt(v.hide.segment) && optional(arrayOf(isString))(v.hide.fields))) &&
    (v.hideState === undefined || (isObj(v.hideState) && isString(v.hideState.host) && isInt(v.hideState.after))) &&
    optional(arrayOf(oneOf(SEGMENT_FIELDS)))(v.fields) &&
    optional(arrayOf(isString))(v.choices)
  );
}

function isSnapshot(v: unknown): v is PanelSnapshot {
  return (
    isObj(v) &&
    isShortUri(v.uri) &&
    isString(v.exerciseId) &&
    isString(v.title) &&
    isString(v.description) &&
    isString(v.body) &&
    oneOf(['en', 'zh-cn'] as const)(v.lang) &&
    isWireTrace(v.trace) &&
    arrayOf(isQuestionView)(v.questions) &&
    isRecordWith(UI_STRING_KEYS)(v.strings) &&
    isRecordWith(SEND_REASONS)(v.reasons) &&
    isRecordWith(DISPOSITIONS)(v.dispositions) &&
    isRecordWith(ACCEPTANCES)(v.acceptances) &&
    arrayOf(isString)(v.warnings) &&
    arrayOf(isString)(v.misconceptions) &&
    (v.restore === undefined || parsePanelState(v.restore) !== undefined)
  );
}

const isDiagnosticView = (v: unknown): v is DiagnosticView =>
  isObj(v) && isString(v.location) && oneOf(['error', 'warning'] as const)(v.severity) && isString(v.message) && isString(v.code);

function isQuizResult(v: unknown): v is QuizResult {
  return (
    isObj(v) &&
    isShortString(v.questionId) &&
    oneOf(CHECK_STATUSES)(v.status) &&
    optional(isString)(v.message) &&
    optional(isString)(v.misconception) &&
    optional(isString)(v.note) &&
    optional(recordOf(isBool))(v.fields) &&
    isInt(v.attempts) &&
    isInt(v.triesLeft) &&
    isBool(v.done) &&
    optional(isString)(v.answer) &&
    optional(isString)(v.explanation)
  );
}

function isAnswerInput(v: unknown): v is string | Record<string, string> {
  if (isString(v)) return v.length <= MAX_INPUT;
  return isObj(v) && Object.keys(v).length <= SEGMENT_FIELDS.length && Object.entries(v).every(([k, x]) => oneOf(SEGMENT_FIELDS)(k) && isString(x) && x.length <= MAX_INPUT);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const toHost: Record<ToHost['type'], Validator<ToHost>> = {
  'webview/ready': (v) => {
    if (v.state === undefined) return { type: 'webview/ready' };
    const state = parsePanelState(v.state);
    return state ? { type: 'webview/ready', state } : { type: 'webview/ready' };
  },
  'webview/error': (v) => (isString(v.message) ? { type: 'webview/error', message: v.message.slice(0, 2000) } : undefined),
  'step/changed': (v) => (isInt(v.step) && v.step >= 0 ? { type: 'step/changed', step: v.step } : undefined),
  'quiz/shown': (v) => (isShortString(v.questionId) ? { type: 'quiz/shown', questionId: v.questionId } : undefined),
  'quiz/answer': (v) => (isShortString(v.questionId) && isAnswerInput(v.input) ? { type: 'quiz/answer', questionId: v.questionId, input: v.input } : undefined),
  'quiz/hint': (v) => (isShortString(v.questionId) ? { type: 'quiz/hint', questionId: v.questionId } : undefined),
  'export/copy': (v) =>
    oneOf(['mermaid', 'markdown'] as const)(v.format) && isString(v.text) && v.text.length <= MAX_TEXT ? { type: 'export/copy', format: v.format, text: v.text } : undefined,
  'export/svg': (v) => (isString(v.svg) && v.svg.length <= MAX_SVG && /^\s*<svg[\s>]/.test(v.svg) ? { type: 'export/svg', svg: v.svg } : undefined),
  'export/png': (v) =>
    oneOf(['light', 'dark'] as const)(v.background) && isString(v.base64) && v.base64.length > 0 && v.base64.length <= MAX_PNG_BASE64 && BASE64.test(v.base64)
      ? { type: 'export/png', background: v.background, base64: v.base64 }
      : undefined,
};

const toWebview: Record<ToWebview['type'], Validator<ToWebview>> = {
  'trace/show': (v) => (isSnapshot(v.snapshot) ? { type: 'trace/show', snapshot: v.snapshot } : undefined),
  'trace/error': (v) =>
    isString(v.uri) && isString(v.title) && isString(v.heading) && arrayOf(isDiagnosticView)(v.diagnostics)
      ? { type: 'trace/error', uri: v.uri, title: v.title, heading: v.heading, diagnostics: v.diagnostics }
      : undefined,
  'quiz/result': (v) => (isQuizResult(v.result) ? { type: 'quiz/result', result: v.result } : undefined),
  'quiz/hints': (v) => (isShortString(v.questionId) && arrayOf(isString)(v.hints) && isBool(v.more) ? { type: 'quiz/hints', questionId: v.questionId, hints: v.hints, more: v.more } : undefined),
};

function parseWith<T>(table: Record<string, Validator<T>>, raw: unknown): T | undefined {
  if (!isObj(raw)) return undefined;
  if (!isString(raw.type) || !Object.prototype.hasOwnProperty.call(table, raw.type)) return undefined;
  return table[raw.type](raw);
}

export const parseToHost = (raw: unknown): ToHost | undefined => parseWith(toHost, raw);
export const parseToWebview = (raw: unknown): ToWebview | undefined => parseWith(toWebview, raw);
