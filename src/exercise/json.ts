/** The `tcp-tutor simulate --json` shape: a stable, documented view of a trace. */
import type { Cause, Millis, Scenario, TcpOptions, TcpState, Trace, UserCall } from '../engine/types';
import { callFailures } from './outcome';

export interface TraceJson {
  /** `isn`: the fixed ISN the file gives the host, else the first ISN it chose, else null. */
  hosts: Record<string, { address: string; port: number; isn: number | null }>;
  segments: {
    n: number;
    /** Host name, or `address:port` for a host the file does not name (a spoofed source). */
    from: string;
    to: string;
    flags: string[];
    seq: number;
    /** null when the ACK bit is off. */
    ack: number | null;
    len: number;
    window: number;
    options: TcpOptions;
    sentAt: Millis;
    /** null when the segment was lost. */
    arrivedAt: Millis | null;
    fate: 'delivered' | 'dropped' | 'duplicate';
  }[];
  states: { host: string; from: TcpState; to: TcpState; at: Millis; cause: string; segment: number | null }[];
  final: Record<string, TcpState>;
  /**
   * The RFC error each failed user call returned (`connection closing`, ...), in time order:
   * `step` is the 1-based number of the step that made the call (null when none did).
   */
  errors: { host: string; call: UserCall; error: string; at: Millis; step: number | null }[];
}

/** Virtual times without floating-point drift: 0.1 + 0.2 ms reads 0.3 (rounded to 1e-6 ms). */
export function roundTime(t: Millis): Millis {
  return Math.round(t * 1e6) / 1e6;
}

/** `call:connect`, `segment:3`, `timer:time-wait`. */
export function causeString(cause: Cause): string {
  switch (cause.type) {
    case 'call':
      return `call:${cause.call}`;
    case 'segment':
      return `segment:${cause.n}`;
    case 'timer':
      return `timer:${cause.timer}`;
  }
}

/** `scenario` (the one the trace ran) gives the fixed ISNs and the steps behind failed calls. */
export function exerciseToJson(trace: Trace, scenario?: Scenario): TraceJson {
  const hosts: TraceJson['hosts'] = {};
  for (const [name, h] of Object.entries(trace.hosts)) {
    const fixed = scenario?.hosts[name]?.isn;
    hosts[name] = { address: h.address, port: h.port, isn: typeof fixed === 'number' ? fixed : h.isn };
  }
  const segments = trace.segments.map((r) => ({
    n: r.n,
    from: r.from,
    to: r.to,
    flags: [...r.seg.flags],
    seq: r.seg.seq,
    ack: r.seg.flags.includes('ACK') ? r.seg.ack : null,
    len: r.seg.payload.length,
    window: r.seg.window,
    options: r.seg.options,
    sentAt: roundTime(r.sentAt),
    arrivedAt: r.arrivedAt === null ? null : roundTime(r.arrivedAt),
    fate: r.fate,
  }));
  const states: TraceJson['states'] = [];
  for (const e of trace.events) {
    if (e.kind !== 'state') continue;
    states.push({ host: e.host, from: e.from, to: e.to, at: roundTime(e.t), cause: causeString(e.cause), segment: e.cause.type === 'segment' ? e.cause.n : null });
  }
  const errors: TraceJson['errors'] = scenario
    ? callFailures(trace, scenario).map((f) => ({ host: f.host, call: f.call, error: f.error, at: roundTime(f.at), step: f.step }))
    : (trace.errors ?? []).map((e) => ({ host: e.host, call: e.call, error: e.error, at: roundTime(e.t), step: null }));
  return { hosts, segments, states, final: { ...trace.final }, errors };
}
