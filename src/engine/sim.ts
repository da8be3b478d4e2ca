/**
 * The simulator: hosts, a network on a virtual clock, the scenario's steps, and the trace.
 *
 * Everything happens in one event queue ordered by (virtual time, insertion order): segment
 * arrivals and connection timers. TCP behaviour lives in `tcp.ts` (segments, timers) and
 * `calls.ts` (user calls); this module moves segments, runs the clock and records what happened.
 */
import { ByteBuf, ChunkList, filler, utf8 } from './bytes';
import { ScenarioError } from './errors';
import { createIsnGenerator, type FourTuple } from './isn';
import { closedPlaceholder, endpoint, primaryOf, snapshotCurrent, snapshotOf, type Conn, type Host, type TimerEntry, type TimerKey } from './model';
import { bytesFromRng, createRng } from './prng';
import { profileFor, type ProfileParams } from './profiles';
import type {
  Cause,
  Disposition,
  Fault,
  Flag,
  Limits,
  Millis,
  Scenario,
  Segment,
  SegmentRecord,
  SendReason,
  Step,
  TcbSnapshot,
  TcpState,
  Trace,
  TraceEvent,
  UserCall,
} from './types';
import { FLAG_DISPLAY_ORDER, SimulationLimitError } from './types';
import { segmentChecksum } from './checksum';
import { headerLength, parseAddress } from './wire';

/**
 * The largest `send` (16 MiB): far more than the segment limit lets through, small enough to be
 * held in memory at once.
 */
export const MAX_SEND_BYTES = 16 * 1024 * 1024;
/** The most data an injected segment can carry: an IPv4 datagram of 65,535 octets less a 20-octet IP and TCP header each. */
export const MAX_INJECT_BYTES = 65_535 - 40;

/** A byte count from a step: a non-negative integer not above `max`, or a ScenarioError for the step. */
function byteCount(what: 'send' | 'inject', n: number, max: number, source: unknown): number {
  const count = Math.max(0, Math.floor(n));
  if (!(count <= max)) throw new ScenarioError(`${what}: ${n} bytes is more than one ${what} may carry (at most ${max})`, source);
  return count;
}

export const DEFAULT_LIMITS: Limits = { maxEvents: 100_000, maxSegments: 10_000, maxVirtualTime: 24 * 3600 * 1000 };

/** One-way latency used when a latency map names neither direction of a path. */
export const DEFAULT_LATENCY: Millis = 50;

interface ArrivalEntry {
  t: Millis;
  order: number;
  cancelled: boolean;
  kind: 'arrive';
  rec: SegmentRecord;
}

type Entry = ArrivalEntry | TimerEntry;

interface FaultState {
  fault: Fault;
  nth: number;
  matches: number;
}

/** Hooks the TCP modules provide (kept apart to avoid an import cycle at runtime). */
export interface TcpHooks {
  segmentArrives(sim: Simulator, host: Host, seg: Segment, n: number): Disposition;
  onTimer(sim: Simulator, conn: Conn, name: TimerKey): void;
  userCall(sim: Simulator, host: Host, step: Extract<Step, { kind: 'call' }>): void;
}

export class Simulator {
  now: Millis = 0;
  readonly profile: ProfileParams;
  readonly hosts: Host[] = [];
  readonly hostByName = new Map<string, Host>();
  readonly hostByAddr = new Map<string, Host>();
  private readonly limits: Limits;
  private readonly queue: Entry[] = [];
  private queueOrder = 0;
  private inFlight = 0;
  private blockingTimers = 0;
  /** Segments held back by a `reorder` fault, per path "from->to". */
  private readonly held = new Map<string, SegmentRecord[]>();
  private heldCount = 0;
  private readonly faults: FaultState[];
  private connCounter = 0;

  readonly segments: SegmentRecord[] = [];
  readonly events: TraceEvent[] = [];
  readonly tcbs: Record<string, TcbSnapshot>[] = [];
  readonly errors: Trace['errors'] = [];
  private readonly received = new Map<string, ChunkList>();
  private readonly sent = new Map<string, ChunkList>();
  private lastSnaps: Record<string, TcbSnapshot> | null = null;
  /** The host whose segment, timer or call is being processed (null: none, e.g. an injection). */
  private active: Host | null = null;
  /** The snapshots in `lastSnaps`, by host index. */
  private readonly lastSnapArr: TcbSnapshot[] = [];

  constructor(
    readonly scenario: Scenario,
    private readonly hooks: TcpHooks,
    resolvedFaults: Fault[],
  ) {
    this.profile = profileFor(scenario.profile, scenario.network.msl);
    this.limits = { ...DEFAULT_LIMITS, ...(scenario.limits ?? {}) };
    const rng = createRng(scenario.seed);
    for (const [name, cfg] of Object.entries(scenario.hosts)) {
      const secret = bytesFromRng(rng.fork(`host:${name}`), 16);
      const host: Host = {
        name,
        index: this.hosts.length,
        cfg,
        address: cfg.address,
        port: cfg.port,
        up: true,
        listener: null,
        conns: [],
        lastPeerConn: null,
        isnGen: createIsnGenerator(cfg.isn ?? 'rfc6528', secret),
        secret,
        firstIsn: null,
        placeholder: closedPlaceholder({ address: cfg.address, port: cfg.port }),
        lostPeers: new Set(),
        sentCount: 0,
      };
      if (this.hostByAddr.has(cfg.address)) throw new ScenarioError(`hosts "${this.hostByAddr.get(cfg.address)!.name}" and "${name}" share the address ${cfg.address}`);
      this.hosts.push(host);
      this.hostByName.set(name, host);
      this.hostByAddr.set(cfg.address, host);
      this.received.set(name, new ChunkList());
      this.sent.set(name, new ChunkList());
    }
    this.faults = resolvedFaults.map((f) => ({ fault: f, nth: f.nth === 'last' ? 0 : f.nth, matches: 0 }));
  }

  // ------------------------------------------------------------------------------------------
  // Trace recording

  emit(ev: TraceEvent): void {
    if (this.events.length >= this.limits.maxEvents) throw new SimulationLimitError('maxEvents', this.limits.maxEvents);
    this.events.push(ev);
    this.tcbs.push(this.snapshots());
  }

  /**
   * Processing ends with changes no event announces (SND.WND after the last timer event, ...): the
   * snapshot of the last event, emitted by the same processing at the same instant, is brought up to date.
   */
  private refreshLast(): void {
    const i = this.tcbs.length - 1;
    if (i >= 0) this.tcbs[i] = this.snapshots();
  }

  /**
   * Every host's primary TCB; unchanged snapshots (and records) are shared with the previous event.
   * Only the host whose event is being processed (`active`) can have changed: a segment, timer or
   * call touches the TCBs of one host, and sending does not touch the receiver before it arrives.
   */
  private snapshots(): Record<string, TcbSnapshot> {
    const prev = this.lastSnaps;
    const arr = this.lastSnapArr;
    const hosts = this.hosts;
    let changed = prev === null;
    const from = prev === null ? 0 : this.active === null ? hosts.length : this.active.index;
    const to = prev === null ? hosts.length : this.active === null ? hosts.length : this.active.index + 1;
    for (let i = from; i < to; i++) {
      const h = hosts[i]!;
      const c = primaryOf(h);
      const old = arr[i];
      if (old !== undefined && (c ? snapshotCurrent(c, old) : old === h.placeholder)) continue;
      arr[i] = c ? snapshotOf(c) : h.placeholder;
      changed = true;
    }
    if (!changed) return prev!;
    const next: Record<string, TcbSnapshot> = {};
    for (let i = 0; i < hosts.length; i++) next[hosts[i]!.name] = arr[i]!;
    this.lastSnaps = next;
    return next;
  }

  callEvent(host: Host, call: UserCall, error?: string): void {
    if (error === undefined) {
      this.emit({ kind: 'call', t: this.now, host: host.name, call, ok: true });
    } else {
      this.emit({ kind: 'call', t: this.now, host: host.name, call, ok: false, error });
      this.errors.push({ t: this.now, host: host.name, call, error });
    }
  }

  /** An error signalled later to a pending call (connection refused/reset, timeouts). */
  asyncError(host: Host, call: UserCall, error: string): void {
    this.errors.push({ t: this.now, host: host.name, call, error });
  }

  deliverData(host: Host, bytes: Uint8Array): void {
    this.received.get(host.name)!.append(bytes);
    this.emit({ kind: 'data', t: this.now, host: host.name, bytes: bytes.length });
  }

  /** Bytes for a `send` step (a count of filler letters or a string), recorded as sent. */
  appData(host: Host, data: number | string | undefined, source?: unknown): Uint8Array {
    const bytes = typeof data === 'string' ? utf8(data) : filler(byteCount('send', data ?? 0, MAX_SEND_BYTES, source), host.sentCount);
    host.sentCount += bytes.length;
    this.sent.get(host.name)!.append(bytes);
    return bytes;
  }

  // ------------------------------------------------------------------------------------------
  // Connections

  newConn(host: Host, remoteAddr: string, remotePort: number, passive: boolean, parent: Conn | null): Conn {
    const c: Conn = {
      id: remoteAddr === '' ? `${endpoint(host.address, host.port)} (listen)` : `${endpoint(host.address, host.port)}-${endpoint(remoteAddr, remotePort)}`,
      host,
      created: this.connCounter++,
      state: 'CLOSED',
      remoteAddr,
      remotePort,
      localStr: endpoint(host.address, host.port),
      remoteStr: remoteAddr === '' ? null : endpoint(remoteAddr, remotePort),
      peerIsHost: remoteAddr !== '' && this.hostByAddr.has(remoteAddr),
      passive,
      parent,
      children: [],
      hasIss: false,
      hasIrs: false,
      iss: 0,
      irs: 0,
      sndUna: 0,
      sndNxt: 0,
      sndWnd: 0,
      sndWl1: 0,
      sndWl2: 0,
      rcvNxt: 0,
      rcvWnd: Math.min(host.cfg.window ?? 65535, 65535),
      wscaleOk: false,
      sndWscale: 0,
      rcvWscale: 0,
      mss: 0,
      tsRecent: 0,
      peerSack: false,
      peerTs: false,
      ooo: new Map(),
      sendBuf: new ByteBuf(),
      finQueued: false,
      closeQueued: false,
      finSeq: null,
      rto: this.profile.rtoInitial,
      rtoBase: this.profile.rtoInitial,
      synTimedOut: false,
      retries: 0,
      probes: 0,
      probesUnanswered: 0,
      lastOowAck: -Infinity,
      timers: new Map(),
      accepted: !passive || host.cfg.acceptBacklog === undefined,
      acceptQueue: [],
      pendingAccepts: 0,
      reopened: null,
    };
    if (c.peerIsHost) host.lastPeerConn = c;
    return c;
  }

  /** Gives a connection its remote end (a listener turned active by OPEN). */
  setRemote(c: Conn, remoteAddr: string, remotePort: number): void {
    c.remoteAddr = remoteAddr;
    c.remotePort = remotePort;
    c.remoteStr = endpoint(remoteAddr, remotePort);
    c.id = `${endpoint(c.host.address, c.host.port)}-${endpoint(remoteAddr, remotePort)}`;
    c.peerIsHost = this.hostByAddr.has(remoteAddr);
    c.created = this.connCounter++;
    if (c.peerIsHost) c.host.lastPeerConn = c;
  }

  chooseIsn(c: Conn): number {
    const tuple: FourTuple = { localAddr: c.host.address, localPort: c.host.port, remoteAddr: c.remoteAddr, remotePort: c.remotePort };
    const isn = c.host.isnGen(this.now, tuple) >>> 0;
    if (c.host.firstIsn === null) c.host.firstIsn = isn;
    return isn;
  }

  /**
   * The one function that changes a connection's state (RFC 9293 §3.3.2), emitting the `state`
   * event with its cause. Entering CLOSED deletes the TCB; entering TIME-WAIT starts the 2MSL timer.
   */
  transition(c: Conn, to: TcpState, cause: Cause): void {
    const from = c.state;
    if (from === to) return;
    c.state = to;
    const host = c.host;
    const gone = to === 'CLOSED' || (to === 'LISTEN' && c.parent !== null);
    if (gone) {
      // Delete the TCB: stop its timers and forget it.
      for (const name of [...c.timers.keys()]) this.cancelTimer(c, name, false);
      const i = host.conns.indexOf(c);
      if (i >= 0) host.conns.splice(i, 1);
      if (host.listener === c) host.listener = null;
      if (c.parent) {
        const j = c.parent.children.indexOf(c);
        if (j >= 0) c.parent.children.splice(j, 1);
        const k = c.parent.acceptQueue.indexOf(c);
        if (k >= 0) c.parent.acceptQueue.splice(k, 1);
      }
    }
    this.emit({ kind: 'state', t: this.now, host: host.name, conn: c.id, from, to, cause });
    if (to === 'TIME-WAIT') {
      for (const name of [...c.timers.keys()]) this.cancelTimer(c, name);
      // RFC 9293 §3.10.7.4 (eighth, FIN-WAIT-2 / FIN-WAIT-1): "Start the time-wait timer" of 2 MSL.
      this.setTimer(c, 'time-wait', 2 * this.profile.msl);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Timers

  /**
   * (Re)starts a timer. Retransmission timers and the delayed ACK hold back settling; TIME-WAIT, the
   * user timeout and the persist timer do not (a window that stays closed would never settle).
   */
  setTimer(c: Conn, name: TimerKey, delay: Millis): void {
    const old = c.timers.get(name);
    if (old) this.dropEntry(old);
    const blocking = name === 'retransmission' || name === 'syn-ack-retransmission' || name === 'delayed-ack';
    const e: TimerEntry = { t: this.now + delay, order: 0, cancelled: false, kind: 'timer', conn: c, name, blocking };
    if (blocking) this.blockingTimers++;
    c.timers.set(name, e);
    this.push(e);
    if (name !== 'delayed-ack' && name !== 'persist') this.emit({ kind: 'timer', t: this.now, host: c.host.name, conn: c.id, timer: name, action: 'set', expiresAt: e.t });
  }

  cancelTimer(c: Conn, name: TimerKey, record = true): void {
    const e = c.timers.get(name);
    if (!e) return;
    this.dropEntry(e);
    c.timers.delete(name);
    if (record && name !== 'delayed-ack' && name !== 'persist') this.emit({ kind: 'timer', t: this.now, host: c.host.name, conn: c.id, timer: name, action: 'cancelled' });
  }

  private dropEntry(e: TimerEntry): void {
    if (e.cancelled) return;
    e.cancelled = true;
    if (e.blocking) this.blockingTimers--;
  }

  // ------------------------------------------------------------------------------------------
  // Network

  private push(e: Entry): void {
    e.order = this.queueOrder++;
    const h = this.queue;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!entryBefore(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): Entry | undefined {
    const h = this.queue;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && entryBefore(h[l]!, h[m]!)) m = l;
        if (r < h.length && entryBefore(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }

  /** Name of an endpoint in the trace: the scenario host owning the address, else "address:port". */
  /**
   * How the trace names an endpoint: a scenario host's name for its own address and port, else
   * `address:port` — also for another port on a host's address (a segment spoofed from the
   * client's address but not its port is not the client's).
   */
  nameOf(addr: string, port: number): string {
    const host = this.hostByAddr.get(addr);
    return host && host.port === port ? host.name : endpoint(addr, port);
  }

  latency(from: string, to: string): Millis {
    const l = this.scenario.network.latency;
    if (typeof l === 'number') return l;
    return l[`${from}->${to}`] ?? l[`${to}->${from}`] ?? DEFAULT_LATENCY;
  }

  /** Fills the derived header fields (data offset, checksum) of a segment. */
  finishSegment(seg: Segment): Segment {
    if (!inDisplayOrder(seg.flags)) seg.flags = FLAG_DISPLAY_ORDER.filter((f) => seg.flags.includes(f));
    if (!(seg.flags as Flag[]).includes('ACK')) seg.ack = 0;
    seg.dataOffset = isEmpty(seg.options) ? 5 : headerLength(seg.options) / 4;
    seg.checksum = 0;
    seg.checksum = segmentChecksum(seg);
    return seg;
  }

  /** Sends a segment into the network: numbers it, records it, applies faults, schedules its arrival. */
  transmit(seg: Segment, reason: SendReason, opts: { retransmission?: boolean; injected?: boolean; from?: string } = {}): SegmentRecord {
    if (this.segments.length >= this.limits.maxSegments) throw new SimulationLimitError('maxSegments', this.limits.maxSegments);
    const from = opts.from ?? this.nameOf(seg.srcAddr, seg.srcPort);
    const to = this.nameOf(seg.dstAddr, seg.dstPort);
    const rec: SegmentRecord = {
      n: this.segments.length + 1,
      from,
      to,
      seg,
      sentAt: this.now,
      arrivedAt: null,
      fate: 'delivered',
      duplicateOf: null,
      reason,
      retransmission: opts.retransmission ?? false,
      injected: opts.injected ?? false,
      disposition: null,
    };
    this.segments.push(rec);
    this.emit({ kind: 'send', t: this.now, n: rec.n });

    let drop = false;
    let duplicate = false;
    let reorder = false;
    let delay = this.latency(from, to);
    for (const fs of this.faults) {
      if (!matches(fs.fault, rec)) continue;
      fs.matches++;
      if (fs.nth < 1 || fs.matches < fs.nth || fs.matches >= fs.nth + Math.max(1, fs.fault.count)) continue;
      switch (fs.fault.kind) {
        case 'drop':
          drop = true;
          break;
        case 'duplicate':
          duplicate = true;
          break;
        case 'delay':
          delay += fs.fault.by ?? 0;
          break;
        case 'reorder':
          reorder = true;
          break;
      }
    }
    if (drop) {
      rec.fate = 'dropped';
      this.emit({ kind: 'drop', t: this.now, n: rec.n, why: 'fault' });
      rec.lastEvent = this.events.length - 1;
      return rec;
    }
    const path = reorder || this.heldCount > 0 ? `${from}->${to}` : '';
    if (reorder) {
      // Held until the next segment on the same path has been sent, then delivered right after it.
      const list = this.held.get(path) ?? [];
      list.push(rec);
      this.held.set(path, list);
      this.heldCount++;
    } else {
      this.scheduleArrival(rec, this.now + delay);
      if (this.heldCount > 0) this.releaseHeld(path, this.now + delay);
    }
    if (duplicate) {
      if (this.segments.length >= this.limits.maxSegments) throw new SimulationLimitError('maxSegments', this.limits.maxSegments);
      const dup: SegmentRecord = { ...rec, n: this.segments.length + 1, seg: { ...seg }, fate: 'duplicate', duplicateOf: rec.n, reason: 'duplicate', retransmission: false };
      this.segments.push(dup);
      this.emit({ kind: 'duplicate', t: this.now, n: dup.n, of: rec.n });
      this.scheduleArrival(dup, this.now + delay);
    }
    return rec;
  }

  private scheduleArrival(rec: SegmentRecord, t: Millis): void {
    this.inFlight++;
    this.push({ t, order: 0, cancelled: false, kind: 'arrive', rec });
  }

  private releaseHeld(path: string, t: Millis): void {
    const list = this.held.get(path);
    if (!list) return;
    this.held.delete(path);
    this.heldCount -= list.length;
    for (const r of list) this.scheduleArrival(r, Math.max(t, r.sentAt + this.latency(r.from, r.to)));
  }

  /** Nothing else is on the way: held segments go out as they are. */
  private releaseAllHeld(): void {
    for (const path of [...this.held.keys()]) this.releaseHeld(path, this.now);
  }

  private arrive(rec: SegmentRecord): void {
    this.inFlight--;
    const seg = rec.seg;
    const host = this.hostByAddr.get(seg.dstAddr);
    this.active = host !== undefined && host.up ? host : null;
    if (!host || !host.up) {
      // No host owns the address (or it is down): the segment goes nowhere.
      if (rec.fate !== 'duplicate') rec.fate = 'dropped';
      this.emit({ kind: 'drop', t: this.now, n: rec.n, why: 'no-host' });
      rec.lastEvent = this.events.length - 1;
      return;
    }
    rec.arrivedAt = this.now;
    const ev: Extract<TraceEvent, { kind: 'deliver' }> = { kind: 'deliver', t: this.now, n: rec.n, disposition: 'accepted' };
    this.emit(ev);
    const d = this.hooks.segmentArrives(this, host, seg, rec.n);
    ev.disposition = d;
    rec.disposition = d;
    this.refreshLast();
    rec.lastEvent = this.events.length - 1;
  }

  // ------------------------------------------------------------------------------------------
  // The clock

  private advance(t: Millis): void {
    if (t > this.limits.maxVirtualTime) throw new SimulationLimitError('maxVirtualTime', this.limits.maxVirtualTime);
    if (t > this.now) this.now = t;
  }

  /** Runs the earliest queued event. false when the queue is empty. */
  private step(): boolean {
    const e = this.pop();
    if (!e) return false;
    if (e.cancelled) return true;
    this.advance(e.t);
    if (e.kind === 'arrive') {
      this.arrive(e.rec);
    } else {
      e.cancelled = true;
      if (e.blocking) this.blockingTimers--;
      this.active = e.conn.host;
      e.conn.timers.delete(e.name);
      if (e.name !== 'delayed-ack' && e.name !== 'persist') this.emit({ kind: 'timer', t: this.now, host: e.conn.host.name, conn: e.conn.id, timer: e.name, action: 'fired' });
      this.hooks.onTimer(this, e.conn, e.name);
      this.refreshLast();
    }
    return true;
  }

  /**
   * Runs events until the network has settled: no segment in flight or held, no retransmission or
   * delayed-ACK timer pending. TIME-WAIT and user timeouts stay queued (they fire when time passes).
   * When the next step is a call on a host whose ACK of a FIN is being delayed, that step runs
   * before the delayed ACK goes out: an application reacting to end-of-file within TCP_DELACK_MIN,
   * which is what lets the Linux FIN ride on that ACK.
   */
  settle(nextHost?: string): void {
    for (;;) {
      if (this.inFlight === 0 && this.heldCount > 0) this.releaseAllHeld();
      if (this.inFlight === 0 && this.heldCount === 0) {
        if (this.blockingTimers === 0) return;
        if (nextHost !== undefined && this.hasDelayedAck(nextHost)) return;
      }
      if (!this.step()) return;
    }
  }

  private hasDelayedAck(hostName: string): boolean {
    const h = this.hostByName.get(hostName);
    return h !== undefined && h.conns.some((c) => c.timers.has('delayed-ack'));
  }

  /** Runs every event due at or before `t`, then sets the clock to `t`. */
  runUntil(t: Millis): void {
    if (t > this.limits.maxVirtualTime) throw new SimulationLimitError('maxVirtualTime', this.limits.maxVirtualTime);
    for (;;) {
      if (this.inFlight === 0 && this.heldCount > 0) this.releaseAllHeld();
      const top = this.queue[0];
      if (!top || top.t > t) break;
      this.step();
    }
    this.now = Math.max(this.now, t);
  }

  // ------------------------------------------------------------------------------------------
  // Steps

  run(): Trace {
    // The step whose effects are running: a cap hit while they run names it (editors point there).
    let current: number | undefined;
    try {
      return this.runSteps((i) => (current = i));
    } catch (e) {
      if (e instanceof SimulationLimitError) e.step = current;
      throw e;
    }
  }

  private runSteps(started: (i: number) => void): Trace {
    const steps = this.scenario.steps;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      if (step.kind === 'wait') {
        this.settle();
        started(i);
        this.runUntil(this.now + Math.max(0, step.duration));
        continue;
      }
      // Running up to a step's `at` is that step's doing; settling the previous step's effects is not.
      if (step.at !== undefined) {
        started(i);
        this.runUntil(Math.max(this.now, step.at));
      } else {
        this.settle(step.kind === 'call' ? step.host : undefined);
        started(i);
      }
      if (step.kind === 'call') {
        const host = this.hostByName.get(step.host);
        if (!host) throw new ScenarioError(`unknown host "${step.host}"`, step.source);
        this.active = host;
        this.hooks.userCall(this, host, step);
        this.refreshLast();
      } else {
        this.active = null;
        this.inject(step);
      }
    }
    this.settle();
    return this.trace();
  }

  private endpointOf(spec: string, source: unknown): { addr: string; port: number; name: string } {
    const h = this.hostByName.get(spec);
    if (h) return { addr: h.address, port: h.port, name: h.name };
    const m = /^(.+):(\d+)$/.exec(spec);
    if (!m) throw new ScenarioError(`"${spec}" is neither a host of the scenario nor address:port`, source);
    const addr = m[1]!;
    const port = Number(m[2]);
    if (port > 65535) throw new ScenarioError(`inject: port ${m[2]} of "${spec}" is out of range (0..65535)`, source);
    try {
      parseAddress(addr);
    } catch {
      throw new ScenarioError(`inject: "${addr}" of "${spec}" is not an IPv4 or IPv6 address`, source);
    }
    return { addr, port, name: this.nameOf(addr, port) };
  }

  /** A crafted segment, sent as the scenario wrote it (from any address, spoofed or not). */
  private inject(step: Extract<Step, { kind: 'inject' }>): void {
    const from = this.endpointOf(step.from, step.source);
    const to = this.endpointOf(step.to, step.source);
    if (from.addr.includes(':') !== to.addr.includes(':')) throw new ScenarioError(`inject: "${step.from}" and "${step.to}" are not both IPv4 or both IPv6`, step.source);
    const payload = step.data === undefined ? new Uint8Array(0) : typeof step.data === 'string' ? utf8(step.data) : filler(byteCount('inject', step.data, MAX_INJECT_BYTES, step.source), 0);
    if (payload.length > MAX_INJECT_BYTES) throw new ScenarioError(`inject: ${payload.length} bytes of data do not fit in one segment (at most ${MAX_INJECT_BYTES})`, step.source);
    const seg = this.finishSegment({
      srcAddr: from.addr,
      srcPort: from.port,
      dstAddr: to.addr,
      dstPort: to.port,
      seq: (step.seq ?? 0) >>> 0,
      ack: (step.ack ?? 0) >>> 0,
      dataOffset: 5,
      flags: [...step.flags],
      window: step.window ?? 65535,
      checksum: 0,
      urgentPointer: 0,
      options: {},
      payload,
    });
    this.transmit(seg, 'injected', { injected: true, from: from.name });
  }

  private trace(): Trace {
    const hosts: Trace['hosts'] = {};
    const final: Trace['final'] = {};
    const received: Trace['received'] = {};
    const sent: Trace['sent'] = {};
    for (const h of this.hosts) {
      hosts[h.name] = { address: h.address, port: h.port, isn: h.firstIsn };
      final[h.name] = primaryOf(h)?.state ?? 'CLOSED';
      received[h.name] = this.received.get(h.name)!.bytes();
      sent[h.name] = this.sent.get(h.name)!.bytes();
    }
    return { profile: this.scenario.profile, hosts, segments: this.segments, events: this.events, tcbs: this.tcbs, final, received, sent, errors: this.errors };
  }
}

/** Flags listed once each, in display order (FIN, SYN, RST, PSH, ACK, ...), as the trace shows them. */
function inDisplayOrder(flags: readonly Flag[]): boolean {
  let last = -1;
  for (const f of flags) {
    const i = FLAG_DISPLAY_ORDER.indexOf(f);
    if (i <= last) return false;
    last = i;
  }
  return true;
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

function entryBefore(a: Entry, b: Entry): boolean {
  return a.t < b.t || (a.t === b.t && a.order < b.order);
}

/** Whether a fault's match keys select this segment (from/to by host name or address:port, exact flag set, length). */
export function matches(f: Fault, rec: SegmentRecord): boolean {
  const m = f.match;
  const seg = rec.seg;
  if (m.from !== undefined && m.from !== rec.from && m.from !== endpoint(seg.srcAddr, seg.srcPort)) return false;
  if (m.to !== undefined && m.to !== rec.to && m.to !== endpoint(seg.dstAddr, seg.dstPort)) return false;
  if (m.flags !== undefined) {
    if (m.flags.length !== seg.flags.length) return false;
    for (const fl of m.flags) if (!seg.flags.includes(fl)) return false;
  }
  if (m.len !== undefined && m.len !== seg.payload.length) return false;
  return true;
}

