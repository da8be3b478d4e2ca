/**
 * The simulator's runtime objects: hosts and connections (TCBs, RFC 9293 §3.3.1).
 *
 * A TCB is one record whose `state` field says which of its fields are meaningful (`hasIss`,
 * `hasIrs` guard the numbers that do not exist yet). A tagged union per state would make them
 * unreadable where they do not exist, but nearly every field lives from SYN-SENT to TIME-WAIT and
 * every transition would copy it; the snapshot (`snapshotOf`) is where "does not exist" shows
 * (null) to every reader of the trace.
 */
import type { ByteBuf } from './bytes';
import type { FourTuple } from './isn';
import type { HostConfig, Millis, TcbSnapshot, TcpState, TimerInfo, TimerName } from './types';

/**
 * Timers of a connection: the trace's four plus two internal ones (no timer events, not in
 * snapshots): Linux's delayed ACK, and the persist timer that sends zero-window probes (RFC 9293
 * §3.8.6.1; the probes themselves are in the trace with reason `window-probe`).
 */
export type TimerKey = TimerName | 'delayed-ack' | 'persist';

export interface TimerEntry {
  t: Millis;
  order: number;
  cancelled: boolean;
  kind: 'timer';
  conn: Conn;
  name: TimerKey;
  blocking: boolean;
}

export interface Host {
  name: string;
  /** Position in the scenario's host list. */
  index: number;
  cfg: HostConfig;
  address: string;
  port: number;
  /** false between `crash` and `reboot`. */
  up: boolean;
  /** The passive-OPEN TCB, if any (not in `conns`). */
  listener: Conn | null;
  /** Connections that exist (not CLOSED), including a listener's children. */
  conns: Conn[];
  /** The most recent connection with another scenario host (kept after it closes, for the snapshot). */
  lastPeerConn: Conn | null;
  isnGen: (now: Millis, tuple: FourTuple) => number;
  secret: Uint8Array;
  firstIsn: number | null;
  /** The shared CLOSED placeholder snapshot of this host. */
  placeholder: TcbSnapshot;
  /** "address:port" of peers whose connections a crash lost (for `rst-half-open`). */
  lostPeers: Set<string>;
  /** Bytes this host's application asked to send so far (numbers the filler). */
  sentCount: number;
}

export interface Conn {
  id: string;
  host: Host;
  /** Creation order among all TCBs of the run. */
  created: number;
  state: TcpState;
  /** '' and 0 for a listener. */
  remoteAddr: string;
  remotePort: number;
  /** "address:port" of both ends (remote null for a listener), as the snapshot shows them. */
  localStr: string;
  remoteStr: string | null;
  /** The peer is a scenario host (not a spoofed or unknown address). */
  peerIsHost: boolean;
  /** Came from a passive OPEN (a listener's child). */
  passive: boolean;
  parent: Conn | null;
  children: Conn[];

  hasIss: boolean;
  hasIrs: boolean;
  iss: number;
  irs: number;
  sndUna: number;
  sndNxt: number;
  /** Send window in bytes (scaled). */
  sndWnd: number;
  sndWl1: number;
  sndWl2: number;
  rcvNxt: number;
  /** Receive window in bytes (scaled). */
  rcvWnd: number;
  /** Both SYNs carried the window scale option (RFC 7323 §2.2). */
  wscaleOk: boolean;
  /** Window scale shifts once both SYNs carried the option, else 0. */
  sndWscale: number;
  rcvWscale: number;
  /** Effective send MSS. */
  mss: number;
  /** Timestamp value last received (echoed on a SYN,ACK). */
  tsRecent: number;
  /** Whether the peer's SYN offered SACK / timestamps (Linux answers with them only then). */
  peerSack: boolean;
  peerTs: boolean;

  /**
   * Segments that arrived above RCV.NXT, by sequence number, held until the gap fills (RFC 9293
   * §3.10.7.4: "Segments with higher beginning sequence numbers may be held for later processing").
   */
  ooo: Map<number, { payload: Uint8Array; fin: boolean }>;
  /** The application's bytes for this connection; index 0 is sequence number ISS+1. */
  sendBuf: ByteBuf;
  /** CLOSE was called: a FIN follows the queued data. */
  finQueued: boolean;
  /** CLOSE in SYN-RECEIVED with data queued: enter FIN-WAIT-1 once ESTABLISHED (RFC 9293 §3.10.4). */
  closeQueued: boolean;
  /** Sequence number of our FIN once sent. */
  finSeq: number | null;

  rto: Millis;
  /**
   * The RTO that new data's acknowledgment returns the timer to: the profile's initial RTO, or 3 s
   * once a handshake whose SYN (or SYN,ACK) timed out has completed (RFC 6298 §5.7).
   */
  rtoBase: Millis;
  /** Our SYN or SYN,ACK was retransmitted by the timer (RFC 6298 §5.7). */
  synTimedOut: boolean;
  retries: number;
  /** Zero-window probes sent since the window closed (the persist timer's backoff, RFC 9293 §3.8.6.1). */
  probes: number;
  /** Probes sent since the peer last answered one (Linux icsk_probes_out). */
  probesUnanswered: number;
  /** When this connection last answered an unacceptable segment with an ACK (for throttling). */
  lastOowAck: Millis;
  timers: Map<TimerKey, TimerEntry>;

  /**
   * The application holds this connection: an active OPEN, or a listener's child it has accepted.
   * A child waiting in its listener's accept queue is not the application's yet: user calls do not
   * reach it and its errors are not reported.
   */
  accepted: boolean;
  /** A listener's completed children waiting for the application's `accept`, oldest first. */
  acceptQueue: Conn[];
  /** A listener's `accept` calls waiting for a connection to complete (accept(2) blocks). */
  pendingAccepts: number;
  /**
   * rfc9293: this passive child reopened a TIME-WAIT connection (RFC 9293 §3.6.1 MAY-2); the old
   * connection's variables, to return to TIME-WAIT if the SYN turns out to be an old duplicate.
   */
  reopened: TimeWaitTcb | null;
}

/** The sequence variables of a TIME-WAIT connection, kept while a reopened incarnation is half-open. */
export type TimeWaitTcb = Pick<Conn, 'iss' | 'irs' | 'sndUna' | 'sndNxt' | 'sndWnd' | 'sndWl1' | 'sndWl2' | 'rcvNxt' | 'finSeq' | 'passive' | 'parent'>;

export function endpoint(addr: string, port: number): string {
  return `${addr}:${port}`;
}

const TIMER_ORDER: TimerName[] = ['retransmission', 'syn-ack-retransmission', 'user-timeout', 'time-wait'];

export function snapshotOf(c: Conn): TcbSnapshot {
  const timers: TimerInfo[] = [];
  for (const name of TIMER_ORDER) {
    const t = c.timers.get(name);
    if (t) timers.push({ name, expiresAt: t.t });
  }
  const listening = c.state === 'LISTEN';
  return {
    state: c.state,
    local: c.localStr,
    remote: c.remoteStr,
    iss: c.hasIss ? c.iss : null,
    irs: c.hasIrs ? c.irs : null,
    sndUna: c.hasIss ? c.sndUna : null,
    sndNxt: c.hasIss ? c.sndNxt : null,
    sndWnd: c.hasIrs ? c.sndWnd : null,
    rcvNxt: c.hasIrs ? c.rcvNxt : null,
    rcvWnd: listening ? null : c.rcvWnd,
    timers,
  };
}

/**
 * Whether `s` still describes `c` (what `snapshotOf(c)` would build), checked without building
 * anything: most events leave most TCBs unchanged, and their snapshot object is then shared.
 */
export function snapshotCurrent(c: Conn, s: TcbSnapshot): boolean {
  if (s.state !== c.state || s.remote !== c.remoteStr || s.local !== c.localStr) return false;
  if (s.iss !== (c.hasIss ? c.iss : null) || s.sndUna !== (c.hasIss ? c.sndUna : null) || s.sndNxt !== (c.hasIss ? c.sndNxt : null)) return false;
  if (s.irs !== (c.hasIrs ? c.irs : null) || s.rcvNxt !== (c.hasIrs ? c.rcvNxt : null) || s.sndWnd !== (c.hasIrs ? c.sndWnd : null)) return false;
  if (s.rcvWnd !== (c.state === 'LISTEN' ? null : c.rcvWnd)) return false;
  let k = 0;
  for (const name of TIMER_ORDER) {
    const t = c.timers.get(name);
    if (!t) continue;
    const st = s.timers[k++];
    if (!st || st.name !== name || st.expiresAt !== t.t) return false;
  }
  return k === s.timers.length;
}

export function closedPlaceholder(h: { address: string; port: number }): TcbSnapshot {
  return {
    state: 'CLOSED',
    local: endpoint(h.address, h.port),
    remote: null,
    iss: null,
    irs: null,
    sndUna: null,
    sndNxt: null,
    sndWnd: null,
    rcvNxt: null,
    rcvWnd: null,
    timers: [],
  };
}

/**
 * The connection user calls address: the newest live connection with another scenario host that
 * the application holds (not one waiting in an accept queue), else the listener. (`primaryOf`,
 * what the snapshot shows, also counts those and a closed one; see there.)
 */
export function currentConn(h: Host): Conn | null {
  let best: Conn | null = null;
  for (const c of h.conns) if (c.peerIsHost && c.accepted && (best === null || c.created > best.created)) best = c;
  return best ?? h.listener;
}

/**
 * The host's primary TCB for the trace: its live connection with another scenario host; else its
 * last such connection, now CLOSED, if that is newer than the listener (a server whose connection
 * just closed shows CLOSED, one that listens again after a reboot shows LISTEN); else the listener.
 * null: a CLOSED placeholder.
 */
export function primaryOf(h: Host): Conn | null {
  let best: Conn | null = null;
  for (const c of h.conns) if (c.peerIsHost && (best === null || c.created > best.created)) best = c;
  if (best) return best;
  const last = h.lastPeerConn;
  if (last && (h.listener === null || last.created > h.listener.created)) return last;
  return h.listener;
}
