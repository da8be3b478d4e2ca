/**
 * Hand-built traces for the renderer tests, written the way the engine reports them: segments
 * with their send and arrival times, and events in time order (sends, deliveries, state changes,
 * timers). `TraceBuilder` keeps the bookkeeping (segment numbers, event order, TCB snapshots).
 */
import type {
  Cause,
  Disposition,
  Flag,
  SegmentRecord,
  SendReason,
  TcbSnapshot,
  TcpState,
  TimerName,
  Trace,
  TraceEvent,
  TraceHost,
  UserCall,
} from '../../../src/engine/types';

export interface SegSpec {
  from: string;
  to: string;
  flags: Flag[];
  seq: number;
  ack?: number;
  len?: number;
  window?: number;
  sentAt: number;
  /** null = lost. */
  arrivedAt: number | null;
  reason?: SendReason;
  retransmission?: boolean;
  injected?: boolean;
  duplicateOf?: number;
  disposition?: Disposition;
  /** Address of a host not in the scenario (`from` is then `address:port`). */
}

export class TraceBuilder {
  private readonly segments: SegmentRecord[] = [];
  private readonly pending: { ev: TraceEvent; order: number }[] = [];
  private readonly states = new Map<string, TcpState>();
  private order = 0;

  constructor(private readonly hosts: Record<string, TraceHost>) {
    for (const name of Object.keys(hosts)) this.states.set(name, 'CLOSED');
  }

  private endpoint(name: string): { addr: string; port: number } {
    const h = this.hosts[name];
    if (h) return { addr: h.address, port: h.port };
    const i = name.lastIndexOf(':');
    return { addr: name.slice(0, i), port: Number(name.slice(i + 1)) };
  }

  private push(ev: TraceEvent): void {
    this.pending.push({ ev, order: this.order++ });
  }

  /** Sends a segment (a `send` event, or a `duplicate` event for a network copy) and, unless lost, its delivery. */
  seg(s: SegSpec): number {
    const n = this.segments.length + 1;
    const src = this.endpoint(s.from);
    const dst = this.endpoint(s.to);
    const len = s.len ?? 0;
    const fate = s.duplicateOf !== undefined ? 'duplicate' : s.arrivedAt === null ? 'dropped' : 'delivered';
    const disposition = s.arrivedAt === null ? null : (s.disposition ?? 'accepted');
    this.segments.push({
      n,
      from: s.from,
      to: s.to,
      seg: {
        srcAddr: src.addr,
        srcPort: src.port,
        dstAddr: dst.addr,
        dstPort: dst.port,
        seq: s.seq >>> 0,
        ack: s.flags.includes('ACK') ? (s.ack ?? 0) >>> 0 : 0,
        dataOffset: 5,
        flags: s.flags,
        window: s.window ?? 65535,
        checksum: 0,
        urgentPointer: 0,
        options: {},
        payload: new Uint8Array(len),
      },
      sentAt: s.sentAt,
      arrivedAt: s.arrivedAt,
      fate,
      duplicateOf: s.duplicateOf ?? null,
      reason: s.reason ?? (s.injected ? 'injected' : s.duplicateOf !== undefined ? 'duplicate' : 'data'),
      retransmission: s.retransmission ?? false,
      injected: s.injected ?? false,
      disposition,
    });
    if (s.duplicateOf !== undefined) this.push({ kind: 'duplicate', t: s.sentAt, n, of: s.duplicateOf });
    else this.push({ kind: 'send', t: s.sentAt, n });
    if (s.arrivedAt === null) this.push({ kind: 'drop', t: s.sentAt, n, why: 'fault' });
    else this.push({ kind: 'deliver', t: s.arrivedAt, n, disposition: disposition ?? 'accepted' });
    return n;
  }

  state(t: number, host: string, to: TcpState, cause: Cause): this {
    const from = this.states.get(host) ?? 'CLOSED';
    this.states.set(host, to);
    this.push({ kind: 'state', t, host, conn: host, from, to, cause });
    return this;
  }

  timer(t: number, host: string, timer: TimerName, action: 'set' | 'fired' | 'cancelled', expiresAt?: number): this {
    this.push({ kind: 'timer', t, host, conn: host, timer, action, ...(expiresAt !== undefined ? { expiresAt } : {}) });
    return this;
  }

  call(t: number, host: string, call: UserCall): this {
    this.push({ kind: 'call', t, host, call, ok: true });
    return this;
  }

  build(): Trace {
    // Events in time order, then in the order they were added (the engine's tie order).
    const events = [...this.pending].sort((a, b) => a.ev.t - b.ev.t || a.order - b.order).map((p) => p.ev);
    const current = new Map<string, TcpState>();
    for (const name of Object.keys(this.hosts)) current.set(name, 'CLOSED');
    const tcbs = events.map((ev) => {
      if (ev.kind === 'state') current.set(ev.host, ev.to);
      const snap: Record<string, TcbSnapshot> = {};
      for (const [name, state] of current) {
        const h = this.hosts[name]!;
        snap[name] = {
          state,
          local: `${h.address}:${h.port}`,
          remote: null,
          iss: h.isn,
          irs: null,
          sndUna: null,
          sndNxt: null,
          sndWnd: null,
          rcvNxt: null,
          rcvWnd: null,
          timers: [],
        };
      }
      return snap;
    });
    const final: Record<string, TcpState> = {};
    for (const [name, state] of current) final[name] = state;
    const empty: Record<string, Uint8Array> = {};
    for (const name of Object.keys(this.hosts)) empty[name] = new Uint8Array(0);
    return { profile: 'rfc9293', hosts: this.hosts, segments: this.segments, events, tcbs, final, received: empty, sent: empty, errors: [] };
  }
}

const call = (c: UserCall): Cause => ({ type: 'call', call: c });
const onSeg = (n: number): Cause => ({ type: 'segment', n });
const CLIENT: TraceHost = { address: '10.0.0.1', port: 40000, isn: 1000 };
const SERVER: TraceHost = { address: '10.0.0.2', port: 80, isn: 5000 };
const LAT = 50;

/** Listen, connect and the three-way handshake (RFC 9293 §3.5 Figure 6), ending at time 150. */
function handshake(b: TraceBuilder): void {
  b.state(0, 'server', 'LISTEN', call('listen'));
  b.state(0, 'client', 'SYN-SENT', call('connect'));
  b.seg({ from: 'client', to: 'server', flags: ['SYN'], seq: 1000, sentAt: 0, arrivedAt: LAT, reason: 'active-open' });
  b.timer(0, 'client', 'retransmission', 'set', 1000);
  b.state(LAT, 'server', 'SYN-RECEIVED', onSeg(1));
  b.seg({ from: 'server', to: 'client', flags: ['SYN', 'ACK'], seq: 5000, ack: 1001, sentAt: LAT, arrivedAt: 2 * LAT, reason: 'syn-ack' });
  b.timer(2 * LAT, 'client', 'retransmission', 'cancelled');
  b.state(2 * LAT, 'client', 'ESTABLISHED', onSeg(2));
  b.seg({ from: 'client', to: 'server', flags: ['ACK'], seq: 1001, ack: 5001, sentAt: 2 * LAT, arrivedAt: 3 * LAT, reason: 'handshake-ack' });
  b.state(3 * LAT, 'server', 'ESTABLISHED', onSeg(3));
}

export function handshakeTrace(): Trace {
  const b = new TraceBuilder({ client: { ...CLIENT }, server: { ...SERVER } });
  handshake(b);
  return b.build();
}

/**
 * Handshake, 100 bytes from the client, then the client closes first (RFC 9293 §3.6 Figure 12):
 * FIN, ACK, FIN, ACK and TIME-WAIT for 2*MSL (MSL 30 s here).
 */
export function closeTrace(): Trace {
  const b = new TraceBuilder({ client: { ...CLIENT }, server: { ...SERVER } });
  handshake(b);
  b.seg({ from: 'client', to: 'server', flags: ['ACK', 'PSH'], seq: 1001, ack: 5001, len: 100, sentAt: 200, arrivedAt: 250 });
  b.timer(200, 'client', 'retransmission', 'set', 1200);
  b.seg({ from: 'server', to: 'client', flags: ['ACK'], seq: 5001, ack: 1101, sentAt: 250, arrivedAt: 300, reason: 'ack' });
  b.timer(300, 'client', 'retransmission', 'cancelled');
  b.state(400, 'client', 'FIN-WAIT-1', call('close'));
  b.seg({ from: 'client', to: 'server', flags: ['FIN', 'ACK'], seq: 1101, ack: 5001, sentAt: 400, arrivedAt: 450, reason: 'fin' });
  b.state(450, 'server', 'CLOSE-WAIT', onSeg(6));
  b.seg({ from: 'server', to: 'client', flags: ['ACK'], seq: 5001, ack: 1102, sentAt: 450, arrivedAt: 500, reason: 'ack' });
  b.state(500, 'client', 'FIN-WAIT-2', onSeg(7));
  b.state(600, 'server', 'LAST-ACK', call('close'));
  b.seg({ from: 'server', to: 'client', flags: ['FIN', 'ACK'], seq: 5001, ack: 1102, sentAt: 600, arrivedAt: 650, reason: 'fin' });
  b.state(650, 'client', 'TIME-WAIT', onSeg(8));
  b.timer(650, 'client', 'time-wait', 'set', 60650);
  b.seg({ from: 'client', to: 'server', flags: ['ACK'], seq: 1102, ack: 5002, sentAt: 650, arrivedAt: 700, reason: 'ack' });
  b.state(700, 'server', 'CLOSED', onSeg(9));
  b.timer(60650, 'client', 'time-wait', 'fired');
  b.state(60650, 'client', 'CLOSED', { type: 'timer', timer: 'time-wait' });
  return b.build();
}

/** Handshake, then the client's data segment is lost; the RTO fires and it is retransmitted. */
export function lostTrace(): Trace {
  const b = new TraceBuilder({ client: { ...CLIENT }, server: { ...SERVER } });
  handshake(b);
  b.seg({ from: 'client', to: 'server', flags: ['ACK', 'PSH'], seq: 1001, ack: 5001, len: 100, sentAt: 200, arrivedAt: null });
  b.timer(200, 'client', 'retransmission', 'set', 1200);
  b.timer(1200, 'client', 'retransmission', 'fired');
  b.seg({ from: 'client', to: 'server', flags: ['ACK', 'PSH'], seq: 1001, ack: 5001, len: 100, sentAt: 1200, arrivedAt: 1250, retransmission: true, reason: 'retransmission' });
  b.timer(1200, 'client', 'retransmission', 'set', 3200);
  b.seg({ from: 'server', to: 'client', flags: ['ACK'], seq: 5001, ack: 1101, sentAt: 1250, arrivedAt: 1300, reason: 'ack' });
  b.timer(1300, 'client', 'retransmission', 'cancelled');
  return b.build();
}

/** Handshake, then the network duplicates the client's data segment; the copy is re-ACKed. */
export function duplicateTrace(): Trace {
  const b = new TraceBuilder({ client: { ...CLIENT }, server: { ...SERVER } });
  handshake(b);
  b.seg({ from: 'client', to: 'server', flags: ['ACK', 'PSH'], seq: 1001, ack: 5001, len: 100, sentAt: 200, arrivedAt: 250 });
  b.seg({ from: 'client', to: 'server', flags: ['ACK', 'PSH'], seq: 1001, ack: 5001, len: 100, sentAt: 200, arrivedAt: 260, duplicateOf: 4, disposition: 'answered-ack' });
  b.seg({ from: 'server', to: 'client', flags: ['ACK'], seq: 5001, ack: 1101, sentAt: 250, arrivedAt: 300, reason: 'ack' });
  b.seg({ from: 'server', to: 'client', flags: ['ACK'], seq: 5001, ack: 1101, sentAt: 260, arrivedAt: 310, reason: 'ack-unacceptable' });
  return b.build();
}

/**
 * A SYN spoofed from 10.0.0.9:666 reaches a listening server, which answers with SYN,ACK to an
 * address that has no host (the answer is lost there).
 */
export function spoofedTrace(): Trace {
  const b = new TraceBuilder({ client: { ...CLIENT }, server: { ...SERVER } });
  b.state(0, 'server', 'LISTEN', call('listen'));
  b.seg({ from: '10.0.0.9:666', to: 'server', flags: ['SYN'], seq: 1, sentAt: 10, arrivedAt: 60, injected: true });
  b.state(60, 'server', 'SYN-RECEIVED', onSeg(1));
  b.seg({ from: 'server', to: '10.0.0.9:666', flags: ['SYN', 'ACK'], seq: 5000, ack: 2, sentAt: 60, arrivedAt: null, reason: 'syn-ack' });
  b.timer(60, 'server', 'syn-ack-retransmission', 'set', 1060);
  return b.build();
}

/**
 * Simultaneous open (RFC 9293 §3.5 Figure 8): both SYNs cross, both SYN,ACKs cross.
 * Host `a` then sends a reply that does not cross anything.
 */
export function simultaneousOpenTrace(): Trace {
  const b = new TraceBuilder({ a: { address: '10.0.0.1', port: 1000, isn: 100 }, b: { address: '10.0.0.2', port: 2000, isn: 300 } });
  b.state(0, 'a', 'SYN-SENT', call('connect'));
  b.seg({ from: 'a', to: 'b', flags: ['SYN'], seq: 100, sentAt: 0, arrivedAt: 50, reason: 'active-open' });
  b.state(0, 'b', 'SYN-SENT', call('connect'));
  b.seg({ from: 'b', to: 'a', flags: ['SYN'], seq: 300, sentAt: 0, arrivedAt: 50, reason: 'active-open' });
  b.state(50, 'b', 'SYN-RECEIVED', onSeg(1));
  b.seg({ from: 'b', to: 'a', flags: ['SYN', 'ACK'], seq: 300, ack: 101, sentAt: 50, arrivedAt: 100, reason: 'syn-ack' });
  b.state(50, 'a', 'SYN-RECEIVED', onSeg(2));
  b.seg({ from: 'a', to: 'b', flags: ['SYN', 'ACK'], seq: 100, ack: 301, sentAt: 50, arrivedAt: 100, reason: 'syn-ack' });
  b.state(100, 'a', 'ESTABLISHED', onSeg(3));
  b.state(100, 'b', 'ESTABLISHED', onSeg(4));
  b.seg({ from: 'a', to: 'b', flags: ['ACK', 'PSH'], seq: 101, ack: 301, len: 10, sentAt: 200, arrivedAt: 250 });
  return b.build();
}

/** Handshake then `exchanges` data/ACK pairs: a long trace for paging. */
export function longTrace(exchanges: number): Trace {
  const b = new TraceBuilder({ client: { ...CLIENT }, server: { ...SERVER } });
  handshake(b);
  let t = 200;
  for (let i = 0; i < exchanges; i++) {
    const seq = 1001 + i * 10;
    b.seg({ from: 'client', to: 'server', flags: ['ACK', 'PSH'], seq, ack: 5001, len: 10, sentAt: t, arrivedAt: t + LAT });
    b.seg({ from: 'server', to: 'client', flags: ['ACK'], seq: 5001, ack: seq + 10, sentAt: t + LAT, arrivedAt: t + 2 * LAT, reason: 'ack' });
    t += 200;
  }
  return b.build();
}

/** A handshake whose host names and addresses are hostile text. */
export function hostileTrace(clientName: string, spoofFrom: string): Trace {
  const b = new TraceBuilder({ [clientName]: { ...CLIENT }, server: { ...SERVER } });
  b.state(0, 'server', 'LISTEN', call('listen'));
  b.state(0, clientName, 'SYN-SENT', call('connect'));
  b.seg({ from: clientName, to: 'server', flags: ['SYN'], seq: 1000, sentAt: 0, arrivedAt: 50, reason: 'active-open' });
  b.seg({ from: spoofFrom, to: 'server', flags: ['RST'], seq: 7, sentAt: 10, arrivedAt: 60, injected: true, disposition: 'ignored' });
  return b.build();
}
