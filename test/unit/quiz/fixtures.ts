/**
 * Fixtures for quiz tests: real scenarios run through the engine, and a small builder of
 * hand-made traces for dispositions that are awkward to provoke (cookie-rejected, backlog-full).
 */
import { simulate } from '../../../src/engine/index';
import type {
  Disposition,
  Flag,
  HostConfig,
  Scenario,
  SegmentRecord,
  SendReason,
  Step,
  TcbSnapshot,
  TcpState,
  Trace,
  TraceEvent,
} from '../../../src/engine/types';
import type { QuizContext } from '../../../src/quiz/index';

export const CLIENT: HostConfig = { address: '10.0.0.1', port: 40000, isn: 1000 };
export const SERVER: HostConfig = { address: '10.0.0.2', port: 80, isn: 5000 };

type CallStep = Extract<Step, { kind: 'call' }>;
export const call = (host: string, c: CallStep['call'], extra: Partial<CallStep> = {}): Step => ({ kind: 'call', host, call: c, ...extra });
export const listen = (host = 'server'): Step => call(host, 'listen');
export const connect = (host = 'client', target = 'server'): Step => call(host, 'connect', { target });
export const send = (host: string, data: number): Step => call(host, 'send', { data });
export const close = (host: string): Step => call(host, 'close');

/** Runs a scenario (client ISN 1000, server ISN 5000, 50 ms latency unless overridden). */
export function run(steps: Step[], over: Partial<Scenario> = {}): QuizContext {
  const scenario: Scenario = {
    profile: 'rfc9293',
    seed: 7,
    hosts: { client: { ...CLIENT }, server: { ...SERVER } },
    network: { latency: 50 },
    steps,
    faults: [],
    ...over,
  };
  return { scenario, trace: simulate(scenario) };
}

/** Handshake, 100 bytes client → server, client closes first, then the server. */
export const fourWayClose = (over: Partial<Scenario> = {}): QuizContext =>
  run([listen(), connect(), send('client', 100), close('client'), close('server')], over);

// ---- hand-built traces ------------------------------------------------------------------------

export interface SegSpec {
  from: string;
  to: string;
  flags: Flag[];
  seq: number;
  ack?: number;
  len?: number;
  lost?: boolean;
  disposition?: Disposition;
  reason?: SendReason;
  /** Send time (default 100 ms × n); arrival is 50 ms later. */
  sentAt?: number;
  /** State changes of scenario hosts when this segment arrives (or, if lost, when it is sent). */
  states?: Record<string, TcpState>;
}

const ADDR: Record<string, { address: string; port: number }> = { client: CLIENT, server: SERVER };

function endpoint(name: string): { address: string; port: number } {
  if (ADDR[name]) return ADDR[name]!;
  const [address, port] = name.split(':');
  return { address: address!, port: Number(port) };
}

/**
 * A trace for hosts `client` and `server`: segment k is sent at 100k ms and arrives 50 ms later.
 * TCBs carry the state and ISS/IRS only.
 */
export function handTrace(initial: Record<'client' | 'server', TcpState>, specs: SegSpec[]): QuizContext {
  const state: Record<string, TcpState> = { ...initial };
  const events: TraceEvent[] = [];
  const tcbs: Record<string, TcbSnapshot>[] = [];
  const snap = () => {
    const out: Record<string, TcbSnapshot> = {};
    for (const h of ['client', 'server'] as const) {
      const me = ADDR[h]!;
      const peer = ADDR[h === 'client' ? 'server' : 'client']!;
      out[h] = {
        state: state[h]!,
        local: `${me.address}:${me.port}`,
        remote: state[h] === 'LISTEN' || state[h] === 'CLOSED' ? null : `${peer.address}:${peer.port}`,
        iss: h === 'client' ? 1000 : 5000,
        irs: h === 'client' ? 5000 : 1000,
        sndUna: null,
        sndNxt: null,
        sndWnd: null,
        rcvNxt: null,
        rcvWnd: null,
        timers: [],
      };
    }
    return out;
  };
  const push = (e: TraceEvent) => {
    events.push(e);
    tcbs.push(snap());
  };
  const sentAt = (k: number) => specs[k]!.sentAt ?? 100 * (k + 1);
  const segments: SegmentRecord[] = specs.map((s, k) => {
    const src = endpoint(s.from);
    const dst = endpoint(s.to);
    return {
      n: k + 1,
      from: s.from,
      to: s.to,
      seg: {
        srcAddr: src.address,
        srcPort: src.port,
        dstAddr: dst.address,
        dstPort: dst.port,
        seq: s.seq,
        ack: s.ack ?? 0,
        dataOffset: 5,
        flags: s.flags,
        window: 65535,
        checksum: 0,
        urgentPointer: 0,
        options: {},
        payload: new Uint8Array(s.len ?? 0),
      },
      sentAt: sentAt(k),
      arrivedAt: s.lost ? null : sentAt(k) + 50,
      fate: s.lost ? 'dropped' : 'delivered',
      duplicateOf: null,
      reason: s.reason ?? 'data',
      retransmission: false,
      injected: false,
      disposition: s.lost ? null : (s.disposition ?? 'accepted'),
    };
  });
  // Sends and arrivals in time order.
  const timeline: { t: number; kind: 'send' | 'arrive'; k: number }[] = [];
  specs.forEach((_, k) => {
    timeline.push({ t: sentAt(k), kind: 'send', k });
    if (!specs[k]!.lost) timeline.push({ t: sentAt(k) + 50, kind: 'arrive', k });
  });
  // Stable sort; at equal times an arrival comes before the answer it causes.
  timeline.sort((a, b) => a.t - b.t || (a.kind === b.kind ? 0 : a.kind === 'arrive' ? -1 : 1));
  for (const item of timeline) {
    const s = specs[item.k]!;
    const n = item.k + 1;
    if (item.kind === 'send') {
      push({ kind: 'send', t: item.t, n });
      if (s.lost) {
        push({ kind: 'drop', t: item.t, n, why: 'fault' });
        applyStates(s, item.t, n);
      }
    } else {
      push({ kind: 'deliver', t: item.t, n, disposition: s.disposition ?? 'accepted' });
      applyStates(s, item.t, n);
    }
  }
  function applyStates(s: SegSpec, t: number, n: number) {
    for (const [host, to] of Object.entries(s.states ?? {})) {
      const from = state[host]!;
      state[host] = to;
      push({ kind: 'state', t, host, conn: host, from, to, cause: { type: 'segment', n } });
    }
  }
  const trace: Trace = {
    profile: 'rfc9293',
    hosts: { client: { ...CLIENT, isn: 1000 }, server: { ...SERVER, isn: 5000 } },
    segments,
    events,
    tcbs,
    final: { client: state.client!, server: state.server! },
    received: { client: new Uint8Array(), server: new Uint8Array() },
    sent: { client: new Uint8Array(), server: new Uint8Array() },
    errors: [],
  };
  const scenario: Scenario = {
    profile: 'rfc9293',
    seed: 1,
    hosts: { client: { ...CLIENT }, server: { ...SERVER } },
    network: { latency: 50 },
    steps: [],
    faults: [],
  };
  return { trace, scenario };
}
