/** Scenario builders and trace queries for the engine tests. */
import type { Fault, Flag, HostConfig, Millis, Profile, Scenario, SegmentRecord, Step, TcbSnapshot, TcpState, Trace, UserCall } from '../../../src/engine/index';

export const CLIENT: HostConfig = { address: '10.0.0.1', port: 40000, isn: 1000 };
export const SERVER: HostConfig = { address: '10.0.0.2', port: 80, isn: 5000 };

export function scenario(steps: Step[], opts: { profile?: Profile; faults?: Fault[]; hosts?: Record<string, HostConfig>; latency?: Scenario['network']['latency']; msl?: Millis; seed?: number } = {}): Scenario {
  const network: Scenario['network'] = { latency: opts.latency ?? 50 };
  if (opts.msl !== undefined) network.msl = opts.msl;
  return {
    profile: opts.profile ?? 'rfc9293',
    seed: opts.seed ?? 1,
    hosts: opts.hosts ?? { client: { ...CLIENT }, server: { ...SERVER } },
    network,
    steps,
    faults: opts.faults ?? [],
  };
}

export function call(host: string, c: UserCall, extra: { target?: string; data?: number | string; at?: Millis } = {}): Step {
  return { kind: 'call', host, call: c, ...extra };
}

export const listen = (host = 'server', at?: Millis): Step => call(host, 'listen', at === undefined ? {} : { at });
export const connect = (host = 'client', target = 'server', at?: Millis): Step => call(host, 'connect', at === undefined ? { target } : { target, at });
export const close = (host: string, at?: Millis): Step => call(host, 'close', at === undefined ? {} : { at });
export const send = (host: string, data: number | string, at?: Millis): Step => call(host, 'send', at === undefined ? { data } : { data, at });
export const wait = (duration: Millis): Step => ({ kind: 'wait', duration });

/** A crafted segment sent right away (`at: 0` = now, without waiting for the network to settle). */
export function inject(from: string, to: string, flags: Flag[], f: { seq?: number; ack?: number; data?: number | string; window?: number; at?: Millis } = {}): Step {
  return { kind: 'inject', from, to, flags, at: f.at ?? 0, ...(f.seq !== undefined ? { seq: f.seq } : {}), ...(f.ack !== undefined ? { ack: f.ack } : {}), ...(f.data !== undefined ? { data: f.data } : {}), ...(f.window !== undefined ? { window: f.window } : {}) };
}

export function fault(kind: Fault['kind'], match: Fault['match'], nth: number | 'last' = 1, count = 1, by?: Millis): Fault {
  return by === undefined ? { kind, match, nth, count } : { kind, match, nth, count, by };
}

/** "FROM → TO" for every state change of `host`, in order. */
export function transitions(t: Trace, host: string): string[] {
  const out: string[] = [];
  for (const e of t.events) if (e.kind === 'state' && e.host === host) out.push(`${e.from} → ${e.to}`);
  return out;
}

/** The primary TCB of `host` right after segment n was processed. */
export function tcbAfter(t: Trace, n: number, host: string): TcbSnapshot {
  const rec = t.segments[n - 1]!;
  return t.tcbs[rec.lastEvent!]![host]!;
}

export function stateAfter(t: Trace, n: number, host: string): TcpState {
  return tcbAfter(t, n, host).state;
}

/** Segments sent by `from` (host name), optionally only those with this exact flag set. */
export function sentBy(t: Trace, from: string, flags?: Flag[]): SegmentRecord[] {
  return t.segments.filter((s) => s.from === from && (flags === undefined || sameFlags(s.seg.flags, flags)));
}

export function sameFlags(a: readonly Flag[], b: readonly Flag[]): boolean {
  return a.length === b.length && b.every((f) => a.includes(f));
}

/** The first segment sent after the segment numbered `n`, by `from`. */
export function replyTo(t: Trace, n: number, from: string): SegmentRecord | undefined {
  return t.segments.find((s) => s.n > n && s.from === from);
}

/** The injected segment (last one). */
export function injected(t: Trace): SegmentRecord {
  const r = t.segments.filter((s) => s.injected);
  return r[r.length - 1]!;
}

export function text(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}
