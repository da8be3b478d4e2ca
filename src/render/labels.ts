/**
 * Segment labels and the few words the diagram and the table print, in English and Simplified
 * Chinese. Shared by the Mermaid renderer, the text table and the panel's details view.
 * Pure: no vscode, DOM or Node API. Output is plain text; `escapeLabel` makes it Mermaid-safe.
 */
import type { Lang } from '../common/text';
import type { Cause, Disposition, Flag, Millis, Profile, SegmentRecord, TimerName, Trace, TraceEvent } from '../engine/types';

export type NumberMode = 'relative' | 'absolute';

/** Fields a quiz can blank in a label (the `SegmentField` names of `src/quiz/types.ts`). */
export type HideableField = 'seq' | 'ack' | 'len' | 'flags' | 'window';

const WORDS = {
  lost: { en: 'lost', 'zh-cn': '丢失' },
  noHost: { en: 'no such host', 'zh-cn': '无此主机' },
  retransmission: { en: 'retransmission', 'zh-cn': '重传' },
  duplicateOf: { en: 'duplicate of #{n}', 'zh-cn': '#{n} 的重复' },
  overtakes: { en: 'arrives before #{n}', 'zh-cn': '先于 #{n} 到达' },
  spoofed: { en: 'spoofed', 'zh-cn': '伪造' },
  injected: { en: 'injected', 'zh-cn': '注入' },
  unknownHost: { en: 'unknown host', 'zh-cn': '未知主机' },
  timerSet: { en: '{timer}: {d}', 'zh-cn': '{timer}：{d}' },
  timerRestarted: { en: '{timer} restarted: {d}', 'zh-cn': '{timer}重新开始：{d}' },
  timerFired: { en: '{timer} fired', 'zh-cn': '{timer}超时' },
  timerCancelled: { en: '{timer} stopped', 'zh-cn': '{timer}停止' },
  'timer.retransmission': { en: 'RTO timer', 'zh-cn': 'RTO 定时器' },
  'timer.time-wait': { en: '2MSL timer', 'zh-cn': '2MSL 定时器' },
  // Linux's TIME-WAIT is a fixed TCP_TIMEWAIT_LEN (60 s), not two MSLs.
  'timer.time-wait.linux': { en: 'TIME-WAIT timer', 'zh-cn': 'TIME-WAIT 定时器' },
  'timer.user-timeout': { en: 'user timeout', 'zh-cn': '用户超时定时器' },
  'timer.syn-ack-retransmission': { en: 'SYN,ACK RTO timer', 'zh-cn': 'SYN,ACK 重传定时器' },
  'timer.persist': { en: 'persist timer', 'zh-cn': '持续定时器' },
  'phase.handshake': { en: 'Connection setup', 'zh-cn': '建立连接' },
  'phase.data': { en: 'Data transfer', 'zh-cn': '数据传输' },
  'phase.teardown': { en: 'Connection close', 'zh-cn': '关闭连接' },
  'phase.reset': { en: 'Reset', 'zh-cn': '复位' },
  crossing: { en: 'in flight at the same time: {list}', 'zh-cn': '同时在途：{list}' },
  crossingItem: { en: '#{n} sent {sent}, arrived {arrived}', 'zh-cn': '#{n} 发送于 {sent}，到达于 {arrived}' },
  crossingSep: { en: '; ', 'zh-cn': '；' },
  crossingTitle: { en: 'segments cross', 'zh-cn': '报文段交叉' },
  earlier: { en: 'segments #1–#{n} not shown', 'zh-cn': '报文段 #1–#{n} 未显示' },
  arrived: { en: 'arrived {t}', 'zh-cn': '到达于 {t}' },
  onSegment: { en: 'on #{n}', 'zh-cn': '收到 #{n}' },
  onCall: { en: '{call}()', 'zh-cn': '{call}()' },
  onTimer: { en: '{timer} expired', 'zh-cn': '{timer}到期' },
  'col.n': { en: '#', 'zh-cn': '#' },
  'col.time': { en: 'Time', 'zh-cn': '时间' },
  'col.host': { en: 'Host', 'zh-cn': '主机' },
  'col.what': { en: 'Segment / state', 'zh-cn': '报文段 / 状态' },
  'col.notes': { en: 'Notes', 'zh-cn': '备注' },
  'disp.accepted': { en: 'accepted', 'zh-cn': '已接受' },
  'disp.ignored': { en: 'ignored', 'zh-cn': '被忽略' },
  'disp.answered-ack': { en: 'answered with ACK', 'zh-cn': '以 ACK 回应' },
  'disp.answered-challenge-ack': { en: 'answered with a challenge ACK', 'zh-cn': '以挑战 ACK 回应' },
  'disp.answered-rst': { en: 'answered with RST', 'zh-cn': '以 RST 回应' },
  'disp.reset': { en: 'reset the connection', 'zh-cn': '复位了连接' },
  'disp.backlog-full': { en: 'dropped: SYN backlog full', 'zh-cn': '丢弃：SYN 队列已满' },
  'disp.accept-queue-full': { en: 'dropped: accept queue full', 'zh-cn': '丢弃：全连接队列已满' },
  'disp.cookie-rejected': { en: 'SYN cookie rejected', 'zh-cn': 'SYN cookie 无效' },
} as const satisfies Record<string, Record<Lang, string>>;

export type WordKey = keyof typeof WORDS;

/** The word `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function word(key: WordKey, lang: Lang, params: Record<string, string | number> = {}): string {
  const entry: Record<Lang, string> = WORDS[key];
  return entry[lang].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

const UNITS = {
  ms: { en: 'ms', 'zh-cn': '毫秒' },
  s: { en: 's', 'zh-cn': '秒' },
  min: { en: 'min', 'zh-cn': '分钟' },
} as const satisfies Record<string, Record<Lang, string>>;

/** A duration for people: `50 ms`, `1.5 s`, `2 min`; in Chinese `50 毫秒`, `1.5 秒`, `2 分钟`. */
export function durationText(ms: Millis, lang: Lang = 'en'): string {
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  if (ms < 1000) return `${round(ms)} ${UNITS.ms[lang]}`;
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} ${UNITS.min[lang]}`;
  return `${round(ms / 1000)} ${UNITS.s[lang]}`;
}

/** Flags in the order Wireshark prints them (low bit first): `SYN, ACK`, `FIN, ACK`, `PSH, ACK`. */
const FLAG_ORDER: readonly Flag[] = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];

export function flagsText(flags: readonly Flag[]): string {
  const shown = FLAG_ORDER.filter((f) => flags.includes(f));
  return shown.length === 0 ? '(none)' : shown.join(', ');
}

const endpoint = (addr: string, port: number): string => `${addr}:${port}`;

/**
 * Per direction (`src:port>dst:port`), the ISS a relative number is measured from: the seq of the
 * latest SYN sent in that direction up to each segment (a new SYN with another ISN starts a new
 * connection). Cached per trace.
 */
interface Bases {
  /** By segment n: the base of its seq and of its ack. */
  seq: Map<number, number | null>;
  ack: Map<number, number | null>;
}
const baseCache = new WeakMap<Trace, Bases>();

function relativeBases(trace: Trace): Bases {
  const cached = baseCache.get(trace);
  if (cached) return cached;
  const iss = new Map<string, number>();
  const seq = new Map<number, number | null>();
  const ack = new Map<number, number | null>();
  for (const rec of trace.segments) {
    const s = rec.seg;
    const fwd = `${endpoint(s.srcAddr, s.srcPort)}>${endpoint(s.dstAddr, s.dstPort)}`;
    const rev = `${endpoint(s.dstAddr, s.dstPort)}>${endpoint(s.srcAddr, s.srcPort)}`;
    if (s.flags.includes('SYN')) iss.set(fwd, s.seq);
    seq.set(rec.n, iss.get(fwd) ?? hostIsn(trace, rec.from, s.srcAddr, s.srcPort));
    ack.set(rec.n, iss.get(rev) ?? hostIsn(trace, rec.to, s.dstAddr, s.dstPort));
  }
  const bases = { seq, ack };
  baseCache.set(trace, bases);
  return bases;
}

/**
 * The bases relative numbers are measured from for segment `rec`: the seq of the latest SYN in its
 * direction (for seq) and in the opposite direction (for ack), like Wireshark's per-stream numbers.
 * Null when the trace does not know one. The diagram, the table and the quiz all use this.
 */
export function relativeBase(trace: Trace, rec: SegmentRecord): { seq: number | null; ack: number | null } {
  const bases = relativeBases(trace);
  return { seq: bases.seq.get(rec.n) ?? null, ack: bases.ack.get(rec.n) ?? null };
}

/** The ISN of scenario host `name` when the endpoint is really that host's. */
function hostIsn(trace: Trace, name: string, addr: string, port: number): number | null {
  const h = trace.hosts[name];
  return h && h.address === addr && h.port === port ? h.isn : null;
}

/** Unsigned 32-bit difference (sequence space arithmetic, RFC 9293 §3.4). */
const mod32 = (x: number): number => x >>> 0;

/**
 * seq and ack as displayed. `relative`: seq minus the sender's ISS, ack minus the receiver's ISS
 * (like Wireshark); a number without a known ISS stays absolute. `ack` is null without ACK.
 */
export function displayNumbers(rec: SegmentRecord, trace: Trace, numbers: NumberMode = 'absolute'): { seq: number; ack: number | null } {
  const hasAck = rec.seg.flags.includes('ACK');
  if (numbers === 'absolute') return { seq: rec.seg.seq, ack: hasAck ? rec.seg.ack : null };
  const bases = relativeBases(trace);
  const seqBase = bases.seq.get(rec.n) ?? null;
  const ackBase = bases.ack.get(rec.n) ?? null;
  return {
    seq: seqBase == null ? rec.seg.seq : mod32(rec.seg.seq - seqBase),
    ack: hasAck ? (ackBase == null ? rec.seg.ack : mod32(rec.seg.ack - ackBase)) : null,
  };
}

export interface SummaryOptions {
  /** Fields shown as `?` (quiz mode). */
  hide?: readonly string[];
  /** Add `win=`. Default false. */
  window?: boolean;
}

/**
 * `SYN, ACK seq=5000 ack=1001`, `ACK, PSH seq=1 ack=1 len=100`: flags, then numbers; `ack=` only
 * with ACK, `len=` only with data (or when hidden), `win=` on request.
 */
export function segmentSummary(rec: SegmentRecord, trace: Trace, numbers: NumberMode = 'absolute', opts: SummaryOptions = {}): string {
  const hidden = new Set(opts.hide ?? []);
  const { seq, ack } = displayNumbers(rec, trace, numbers);
  const len = rec.seg.payload.length;
  const parts: string[] = [hidden.has('flags') ? '?' : flagsText(rec.seg.flags)];
  parts.push(`seq=${hidden.has('seq') ? '?' : seq}`);
  if (hidden.has('ack')) parts.push('ack=?');
  else if (ack !== null) parts.push(`ack=${ack}`);
  if (hidden.has('len')) parts.push('len=?');
  else if (len > 0) parts.push(`len=${len}`);
  if (hidden.has('window')) parts.push('win=?');
  else if (opts.window) parts.push(`win=${rec.seg.window}`);
  return parts.join(' ');
}

/** Whether `name` is one of the scenario's hosts (else an `address:port` nobody in it owns). */
export function isScenarioHost(trace: Trace, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(trace.hosts, name);
}

/** Why a lost segment vanished: a fault, or no host owns its destination. */
function lostWord(rec: SegmentRecord, trace: Trace): WordKey {
  const drop = trace.events.find((e) => e.kind === 'drop' && e.n === rec.n);
  return drop && drop.kind === 'drop' && drop.why === 'no-host' ? 'noHost' : 'lost';
}

const overtakeCache = new WeakMap<Trace, Map<number, number>>();

/**
 * Segments that arrive before one sent earlier on the same path (a `reorder` or `delay` fault),
 * by arrival time and then by the order of the trace's `deliver` events: a sequence diagram
 * draws arrows in send order, so the label says it. Maps n → the first
 * segment it overtakes.
 */
export function overtaken(trace: Trace): Map<number, number> {
  const cached = overtakeCache.get(trace);
  if (cached) return cached;
  const out = new Map<number, number>();
  // Arrival order: time, then the order of the `deliver` events (a reorder at equal times).
  const deliverIndex = new Map<number, number>();
  trace.events.forEach((e, i) => {
    if (e.kind === 'deliver' && !deliverIndex.has(e.n)) deliverIndex.set(e.n, i);
  });
  type Flying = { n: number; sentAt: number; arrivedAt: number; order: number };
  const arrivesBefore = (a: Flying, b: Flying): boolean => a.arrivedAt < b.arrivedAt || (a.arrivedAt === b.arrivedAt && a.order < b.order);
  // Per path, the delivered segments still in flight (in send order).
  const inFlight = new Map<string, Flying[]>();
  for (const rec of trace.segments) {
    if (rec.arrivedAt === null) continue;
    const key = `${rec.from}>${rec.to}`;
    const x: Flying = { n: rec.n, sentAt: rec.sentAt, arrivedAt: rec.arrivedAt, order: deliverIndex.get(rec.n) ?? Number.MAX_SAFE_INTEGER };
    const flying = (inFlight.get(key) ?? []).filter((y) => y.arrivedAt >= rec.sentAt);
    const first = flying.find((y) => y.sentAt <= rec.sentAt && arrivesBefore(x, y));
    if (first) out.set(rec.n, first.n);
    flying.push(x);
    inFlight.set(key, flying);
  }
  overtakeCache.set(trace, out);
  return out;
}

/**
 * Markers for a segment, localized: lost, retransmission, duplicate of #n, arrives before #n,
 * spoofed / injected.
 */
export function segmentMarkers(rec: SegmentRecord, trace: Trace, lang: Lang, opts: { fate?: boolean } = {}): string[] {
  const fate = opts.fate ?? true;
  const out: string[] = [];
  if (fate && rec.arrivedAt === null) out.push(word(lostWord(rec, trace), lang));
  if (rec.retransmission) out.push(word('retransmission', lang));
  if (rec.duplicateOf !== null) out.push(word('duplicateOf', lang, { n: rec.duplicateOf }));
  const before = overtaken(trace).get(rec.n);
  if (fate && before !== undefined) out.push(word('overtakes', lang, { n: before }));
  if (rec.injected) out.push(word(isScenarioHost(trace, rec.from) ? 'injected' : 'spoofed', lang));
  return out;
}

export interface LabelOptions {
  numbers?: NumberMode;
  lang?: Lang;
  hide?: readonly string[];
  window?: boolean;
}

/** The diagram label: `#2 SYN, ACK seq=5000 ack=1001 (retransmission)`. Plain text. */
export function segmentLabel(rec: SegmentRecord, trace: Trace, opts: LabelOptions = {}): string {
  const lang = opts.lang ?? 'en';
  const summary = segmentSummary(rec, trace, opts.numbers ?? 'absolute', { hide: opts.hide, window: opts.window });
  // A segment a question blanks is shown in flight: what became of it is not told yet.
  const markers = segmentMarkers(rec, trace, lang, { fate: opts.hide === undefined });
  return `#${rec.n} ${summary}${markers.length > 0 ? ` (${markers.join(', ')})` : ''}`;
}

/** A timer's name; under the `linux` profile the TIME-WAIT timer is not called 2MSL (Linux ignores the MSL). */
export function timerName(timer: TimerName, lang: Lang, profile?: Profile): string {
  if (timer === 'time-wait' && profile === 'linux') return word('timer.time-wait.linux', lang);
  return word(`timer.${timer}`, lang);
}

/**
 * Text for a timer event: `2MSL timer: 4 min`, `RTO timer fired`; under the `linux` profile
 * `TIME-WAIT timer: 60 s`. `restarted` marks a `set` while the timer was already running.
 */
export function timerText(ev: Extract<TraceEvent, { kind: 'timer' }>, lang: Lang, restarted = false, profile?: Profile): string {
  const name = timerName(ev.timer, lang, profile);
  switch (ev.action) {
    case 'set': {
      const d = durationText(Math.max(0, (ev.expiresAt ?? ev.t) - ev.t), lang);
      return word(restarted ? 'timerRestarted' : 'timerSet', lang, { timer: name, d });
    }
    case 'fired':
      return word('timerFired', lang, { timer: name });
    case 'cancelled':
      return word('timerCancelled', lang, { timer: name });
  }
}

export function dispositionText(d: Disposition, lang: Lang): string {
  return word(`disp.${d}`, lang);
}

export function causeText(cause: Cause, lang: Lang): string {
  switch (cause.type) {
    case 'call':
      return word('onCall', lang, { call: cause.call });
    case 'segment':
      return word('onSegment', lang, { n: cause.n });
    case 'timer':
      return word('onTimer', lang, { timer: timerName(cause.timer, lang) });
  }
}

/** Display text of a participant: `client` + address, or a foreign `address:port`. */
export function hostDisplay(trace: Trace, name: string): { name: string; address: string | null } {
  const h = trace.hosts[name];
  if (h && isScenarioHost(trace, name)) return { name, address: endpoint(h.address, h.port) };
  return { name, address: null };
}
