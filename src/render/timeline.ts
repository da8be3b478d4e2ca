/**
 * The order the diagram and the table show things in: each segment at the moment it is sent,
 * every other event where the trace put it. Also the step-through (`upTo`) and paging (`window`)
 * ranges. Pure.
 */
import type { SegmentRecord, Trace, TraceEvent } from '../engine/types';

export type TimelineItem =
  | { kind: 'segment'; pos: number; rec: SegmentRecord }
  | { kind: 'event'; pos: number; index: number; ev: TraceEvent };

export interface RangeOptions {
  /** Show segments 1..upTo only, and the events before segment upTo+1 is sent. */
  upTo?: number;
  /** Show segments from..to only (inclusive), and the events from `from`'s send to before `to+1`'s. */
  window?: { from: number; to: number };
  /**
   * Quiz mode, a question about segment n: the view ends just before n arrives (or is lost). What
   * the receiver did with it (its answer, its state change) is what the learner is predicting.
   */
  endBeforeArrivalOf?: number;
}

export interface Timeline {
  /** Segments and events in display order. */
  items: TimelineItem[];
  /** First and last segment shown (`last < first` when none). */
  first: number;
  last: number;
  /** Index of the first event shown (events before it are hidden by `window`). */
  startEvent: number;
}

/** The fields a quiz blanks when a question about a segment does not list them. */
export const DEFAULT_HIDDEN_FIELDS: readonly string[] = ['flags', 'seq', 'ack', 'len'];

const anchorCache = new WeakMap<Trace, Map<number, number>>();

/**
 * Position of segment n in `trace.events`: the index of its `send` event (or, for a network
 * duplicate, its `duplicate` event). A segment without one sits just before the first event
 * later than its send time.
 */
export function segmentPosition(trace: Trace, n: number): number {
  let anchors = anchorCache.get(trace);
  if (!anchors) {
    anchors = new Map();
    trace.events.forEach((ev, i) => {
      if ((ev.kind === 'send' || ev.kind === 'duplicate') && !anchors!.has(ev.n)) anchors!.set(ev.n, i);
    });
    for (const rec of trace.segments) {
      if (anchors.has(rec.n)) continue;
      const after = trace.events.findIndex((ev) => ev.t > rec.sentAt);
      anchors.set(rec.n, (after < 0 ? trace.events.length : after) - 0.5);
    }
    anchorCache.set(trace, anchors);
  }
  return anchors.get(n) ?? trace.events.length;
}

export function buildTimeline(trace: Trace, opts: RangeOptions = {}): Timeline {
  const count = trace.segments.length;
  const first = Math.max(1, Math.floor(opts.window?.from ?? 1));
  const last = Math.min(count, Math.floor(opts.window?.to ?? count), Math.floor(opts.upTo ?? count));
  const startEvent = first <= 1 ? 0 : Math.ceil(segmentPosition(trace, first));
  let endPos = last + 1 <= count ? segmentPosition(trace, last + 1) : trace.events.length;
  if (opts.endBeforeArrivalOf !== undefined) {
    const n = opts.endBeforeArrivalOf;
    const arrival = trace.events.findIndex((ev) => (ev.kind === 'deliver' || ev.kind === 'drop') && ev.n === n);
    if (arrival >= 0) endPos = Math.min(endPos, arrival);
  }
  const items: TimelineItem[] = [];
  for (const rec of trace.segments) {
    if (rec.n >= first && rec.n <= last) items.push({ kind: 'segment', pos: segmentPosition(trace, rec.n), rec });
  }
  trace.events.forEach((ev, index) => {
    if (index >= startEvent && index < endPos && ev.kind !== 'send' && ev.kind !== 'duplicate') {
      items.push({ kind: 'event', pos: index, index, ev });
    }
  });
  items.sort((a, b) => a.pos - b.pos || order(a) - order(b));
  return { items, first, last, startEvent };
}

/**
 * Quiz mode for a state question: `host`'s state once segment `after` has been processed is the
 * answer, so the diagram and the table blank that host's state changes from the one it is in at
 * that stop onward (earlier states stay: they are history the learner reasons from).
 */
export interface StateHide {
  host: string;
  after: number;
}

/** Index in `trace.events` from which `hide.host`'s state changes read `?`. */
export function stateHideStart(trace: Trace, hide: StateHide): number {
  if (hide.after <= 0) return 0;
  const afterStop = Math.floor(segmentPosition(trace, hide.after)) + 1;
  // The stop: the events before segment after+1 is sent (what the step-through shows there).
  const stop = hide.after + 1 <= trace.segments.length ? segmentPosition(trace, hide.after + 1) : trace.events.length;
  let current = afterStop;
  for (let i = Math.min(Math.ceil(stop), trace.events.length) - 1; i >= 0; i--) {
    const ev = trace.events[i];
    if (ev.kind === 'state' && ev.host === hide.host) {
      current = i;
      break;
    }
  }
  return Math.min(current, afterStop);
}

/** A test for "does the quiz blank this state change": one per render, for any number of open questions. */
export function stateHider(trace: Trace, hides: readonly StateHide[] | undefined): (host: string, index: number) => boolean {
  if (!hides || hides.length === 0) return () => false;
  const from = new Map<string, number>();
  for (const h of hides) from.set(h.host, Math.min(from.get(h.host) ?? Infinity, stateHideStart(trace, h)));
  return (host, index) => index >= (from.get(host) ?? Infinity);
}

/**
 * For hosts that hold more than one connection in the trace (a listener taking several peers, a
 * SYN flood), the peer a state change belongs to: "SYN-RECEIVED (10.0.0.66:1066)" rather than a
 * bare "SYN-RECEIVED" on the listener's lifeline, which reads as if the listener itself changed.
 * Returns '' where there is nothing to tell apart. Connection ids are the engine's
 * `local-remote` / `local (listen)` (src/engine/sim.ts).
 */
export function connectionPeer(trace: Trace): (ev: Extract<TraceEvent, { kind: 'state' }>) => string {
  const conns = new Map<string, Set<string>>();
  for (const ev of trace.events) {
    if (ev.kind !== 'state' || ev.conn.endsWith(' (listen)')) continue;
    let set = conns.get(ev.host);
    if (!set) conns.set(ev.host, (set = new Set()));
    set.add(ev.conn);
  }
  const names = new Map<string, string>();
  for (const [name, h] of Object.entries(trace.hosts)) names.set(`${h.address}:${h.port}`, name);
  return (ev) => {
    if ((conns.get(ev.host)?.size ?? 0) < 2 || ev.conn.endsWith(' (listen)')) return '';
    const dash = ev.conn.lastIndexOf('-');
    if (dash < 0) return '';
    const peer = ev.conn.slice(dash + 1);
    return names.get(peer) ?? peer;
  };
}

const order = (it: TimelineItem): number => (it.kind === 'segment' ? it.rec.n : Number.MAX_SAFE_INTEGER);

/** The page (1-based) holding segment `step`, and its range, for paging long traces. */
export function pageFor(step: number, pageSize: number, total?: number): { page: number; from: number; to: number } {
  const size = Math.max(1, Math.floor(pageSize));
  const page = Math.floor(Math.max(0, step - 1) / size) + 1;
  const from = (page - 1) * size + 1;
  const to = total === undefined ? from + size - 1 : Math.min(total, from + size - 1);
  return { page, from, to };
}

export type TimerShown = 'set' | 'restarted' | 'fired';
const visibilityCache = new WeakMap<Trace, Map<number, TimerShown>>();

/**
 * Which timer events to show (by event index), so the diagram and the table stay readable:
 * a timer being set when it was not running, the 2MSL timer being restarted (RFC 9293 §3.10.7.4:
 * a retransmitted FIN in TIME-WAIT restarts it), and every expiry. Left out: re-arming a running
 * RTO on each send, cancellations, and setting the user timeout (shown only if it fires).
 */
export function timerVisibility(trace: Trace): Map<number, TimerShown> {
  const cached = visibilityCache.get(trace);
  if (cached) return cached;
  const out = new Map<number, TimerShown>();
  const running = new Set<string>();
  trace.events.forEach((ev, i) => {
    if (ev.kind !== 'timer') return;
    const key = `${ev.host}|${ev.conn}|${ev.timer}`;
    if (ev.action === 'set') {
      if (!running.has(key)) {
        if (ev.timer !== 'user-timeout') out.set(i, 'set');
      } else if (ev.timer === 'time-wait') {
        out.set(i, 'restarted');
      }
      running.add(key);
    } else {
      if (ev.action === 'fired') out.set(i, 'fired');
      running.delete(key);
    }
  });
  visibilityCache.set(trace, out);
  return out;
}
