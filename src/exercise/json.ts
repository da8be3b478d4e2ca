/** The `tcp-tutor simulate --json` shape: a stable, documented view of a trace. */
import type { Cause, Millis, TcpOptions, TcpState, Trace } from '../engine/types';

export interface TraceJson {
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

export function exerciseToJson(trace: Trace): TraceJson {
  const hosts: TraceJson['hosts'] = {};
  for (const [name, h] of Object.entries(trace.hosts)) hosts[name] = { address: h.address, port: h.port, isn: h.isn };
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
    sentAt: r.sentAt,
    arrivedAt: r.arrivedAt,
    fate: r.fate,
  }));
  const states: TraceJson['states'] = [];
  for (const e of trace.events) {
    if (e.kind !== 'state') continue;
    states.push({ host: e.host, from: e.from, to: e.to, at: e.t, cause: causeString(e.cause), segment: e.cause.type === 'segment' ? e.cause.n : null });
  }
  return { hosts, segments, states, final: { ...trace.final } };
}
