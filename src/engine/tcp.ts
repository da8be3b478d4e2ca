/**
 * TCP's event processing (RFC 9293 §3.10.7 SEGMENT ARRIVES, §3.10.8 TIMEOUTS) and segment output.
 *
 * Every state change goes through `Simulator.transition`; every segment through `sendSeg` /
 * `sendReset` and `Simulator.transmit`. Checks run in the RFC's order: sequence number, RST,
 * (security), SYN, ACK, (URG), text, FIN.
 */
import { ByteBuf } from './bytes';
import { endpoint, type Conn, type Host, type TimerKey } from './model';
import { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt } from './seq';
import type { Simulator } from './sim';
import { checkCookie, makeCookie } from './syncookie';
import type { Cause, Disposition, Flag, Millis, Segment, SendReason, TcpOptions, TcpState, UserCall } from './types';

const EMPTY = new Uint8Array(0);

/** An arriving segment as the receiving TCP reads it: control bits as booleans, trimmed as it goes. */
interface In {
  seq: number;
  ack: number;
  syn: boolean;
  ackf: boolean;
  rst: boolean;
  fin: boolean;
  payload: Uint8Array;
  window: number;
  options: TcpOptions;
}

function read(s: Segment): In {
  const f = s.flags;
  return {
    seq: s.seq >>> 0,
    ack: s.ack >>> 0,
    syn: f.includes('SYN'),
    ackf: f.includes('ACK'),
    rst: f.includes('RST'),
    fin: f.includes('FIN'),
    payload: s.payload,
    window: s.window,
    options: s.options,
  };
}

/** SEG.LEN: the octets the segment occupies, SYN and FIN included (RFC 9293 §3.4). */
export function segLen(a: { payload: Uint8Array; syn: boolean; fin: boolean }): number {
  return a.payload.length + (a.syn ? 1 : 0) + (a.fin ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// Host settings

export function ownMss(host: Host): number {
  return host.cfg.mss ?? 1460;
}

export function ownWscale(sim: Simulator, host: Host): number | undefined {
  return host.cfg.wscale ?? sim.profile.defaultWscale;
}

function windowField(host: Host): number {
  return Math.max(0, Math.min(host.cfg.window ?? 65535, 65535));
}

/** Options of our SYN (synAck false) or SYN,ACK: MSS, plus what the profile adds. */
export function synOptions(sim: Simulator, c: Conn, synAck: boolean): TcpOptions {
  const ws = synAck ? (c.wscaleOk ? c.rcvWscale : undefined) : ownWscale(sim, c.host);
  const o = sim.profile.synOptions(ownMss(c.host), ws, sim.now, synAck ? c.tsRecent : 0);
  if (synAck) {
    // Options are answered only when the SYN offered them (RFC 7323 §2.2, RFC 2018 §2).
    if (!c.peerSack) delete o.sackPermitted;
    if (!c.peerTs) delete o.timestamps;
  }
  return o;
}

/** What the peer's SYN tells us: its MSS (RFC 9293 §3.7.1), window scale (RFC 7323 §2.2), SACK, timestamps. */
function negotiate(sim: Simulator, c: Conn, a: In): void {
  const o = a.options;
  c.mss = Math.min(ownMss(c.host), o.mss ?? sim.profile.defaultMss);
  const own = ownWscale(sim, c.host);
  if (o.wscale !== undefined && own !== undefined) {
    c.wscaleOk = true;
    c.sndWscale = Math.min(o.wscale, 14);
    c.rcvWscale = Math.min(own, 14);
    c.rcvWnd = windowField(c.host) * 2 ** c.rcvWscale;
  }
  c.peerSack = o.sackPermitted === true;
  c.peerTs = o.timestamps !== undefined;
  c.tsRecent = o.timestamps?.tsval ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Sending

interface Out {
  seq: number;
  ack?: number;
  flags: Flag[];
  payload?: Uint8Array;
  options?: TcpOptions;
}

/** Sends a segment of connection `c`, with its addresses and its advertised window. */
function sendSeg(sim: Simulator, c: Conn, f: Out, reason: SendReason, retransmission = false): void {
  const syn = f.flags.includes('SYN');
  // RFC 7323 §2.2: the window field of a SYN is never scaled.
  const window = syn ? windowField(c.host) : Math.min(65535, Math.floor(c.rcvWnd / 2 ** c.rcvWscale));
  const seg = sim.finishSegment({
    srcAddr: c.host.address,
    srcPort: c.host.port,
    dstAddr: c.remoteAddr,
    dstPort: c.remotePort,
    seq: f.seq >>> 0,
    ack: (f.ack ?? 0) >>> 0,
    dataOffset: 5,
    flags: f.flags,
    window,
    checksum: 0,
    urgentPointer: 0,
    options: f.options ?? {},
    payload: f.payload ?? EMPTY,
  });
  // Any segment with ACK carries the acknowledgment a delayed ACK was waiting to send.
  if (f.flags.includes('ACK')) sim.cancelTimer(c, 'delayed-ack');
  sim.transmit(seg, reason, { retransmission });
}

function sendAck(sim: Simulator, c: Conn, reason: SendReason): void {
  sendSeg(sim, c, { seq: c.sndNxt, ack: c.rcvNxt, flags: ['ACK'] }, reason);
}

/** At most one ACK answering unacceptable segments per this interval (Linux tcp_invalid_ratelimit). */
export const OOW_ACK_INTERVAL: Millis = 500;

/**
 * An ACK answering an unacceptable segment `a` (or a challenge ACK), rate-limited to one per 500 ms
 * for bare ACKs (and, linux, SYNs: tcp_oow_rate_limited()), RFC 5961 §7 "ACK throttling": two ends
 * that disagree about the sequence space (an old duplicate accepted, a hijack) would otherwise ACK
 * each other's ACKs forever, an ACK storm. Segments with data or a FIN are always answered (see
 * the profiles). Returns false when the ACK was suppressed.
 */
function sendOowAck(sim: Simulator, c: Conn, a: In, reason: SendReason): boolean {
  if (!oowAllowed(sim, c, a)) return false;
  sendAck(sim, c, reason);
  return true;
}

/** The rate limit of `sendOowAck` (also for a SYN,ACK answering a retransmitted SYN). */
function oowAllowed(sim: Simulator, c: Conn, a: In): boolean {
  const limited = a.syn ? sim.profile.oowRateLimit === 'pure-ack-or-syn' : a.payload.length === 0 && !a.fin;
  if (!limited) return true;
  if (sim.now - c.lastOowAck < OOW_ACK_INTERVAL) return false;
  c.lastOowAck = sim.now;
  return true;
}

/**
 * RFC 9293 §3.10.7.1 reset generation, answering segment `a` that arrived at `host`:
 * "If the ACK bit is off, sequence number zero is used, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>;
 * if the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>". Never called for an arriving RST.
 */
function sendReset(sim: Simulator, host: Host, a: In, seg: Segment, reason: SendReason): void {
  const out = sim.finishSegment({
    srcAddr: host.address,
    srcPort: seg.dstPort,
    dstAddr: seg.srcAddr,
    dstPort: seg.srcPort,
    seq: a.ackf ? a.ack : 0,
    ack: a.ackf ? 0 : seqAdd(a.seq, segLen(a)),
    dataOffset: 5,
    flags: a.ackf ? ['RST'] : ['RST', 'ACK'],
    window: 0,
    checksum: 0,
    urgentPointer: 0,
    options: {},
    payload: EMPTY,
  });
  sim.transmit(out, reason);
}

function rtxName(c: Conn): TimerKey {
  return c.passive && c.parent !== null && c.state === 'SYN-RECEIVED' ? 'syn-ack-retransmission' : 'retransmission';
}

/** Starts the retransmission timer if it is not running (RFC 6298 §5.1), and the user timeout (RFC 9293 §3.8.3). */
export function startRtx(sim: Simulator, c: Conn): void {
  if (!c.timers.has('retransmission') && !c.timers.has('syn-ack-retransmission')) sim.setTimer(c, rtxName(c), c.rto);
  const ut = sim.profile.userTimeout;
  if (ut !== null && !c.timers.has('user-timeout')) sim.setTimer(c, 'user-timeout', ut);
}

/**
 * SND.UNA moved forward: RFC 6298 §5.2/5.3 stop or restart the timer; the RTO returns to its
 * initial value (no RTT sampling). A connection has one retransmission timer (RFC 6298 §5.1-5.3):
 * the timer a passive child started for its SYN,ACK becomes the `retransmission` timer once the
 * SYN is acknowledged (the child may have left SYN-RECEIVED already, by a CLOSE that sent a FIN).
 */
function ackAdvanced(sim: Simulator, c: Conn): void {
  c.retries = 0;
  if (c.synTimedOut) {
    // RFC 6298 §5.7: "If the timer expires awaiting the ACK of a SYN segment and the TCP
    // implementation is using an RTO less than 3 seconds, the RTO MUST be re-initialized to 3
    // seconds when data transmission begins" (Linux tcp_init_metrics(): TCP_TIMEOUT_FALLBACK). This
    // is the acknowledgment of our SYN. With no RTT samples taken, it stays the connection's RTO.
    c.synTimedOut = false;
    c.rtoBase = Math.max(c.rtoBase, sim.profile.rtoSynFallback);
  }
  c.rto = c.rtoBase;
  if (c.sndUna === c.sndNxt) {
    sim.cancelTimer(c, 'retransmission');
    sim.cancelTimer(c, 'syn-ack-retransmission');
    sim.cancelTimer(c, 'user-timeout');
  } else {
    const name = rtxName(c);
    sim.cancelTimer(c, name === 'retransmission' ? 'syn-ack-retransmission' : 'retransmission');
    sim.setTimer(c, name, c.rto);
    if (sim.profile.userTimeout !== null) sim.setTimer(c, 'user-timeout', sim.profile.userTimeout);
  }
}

/** The call whose pending request a connection's asynchronous error answers: CONNECT until the handshake completes. */
function pendingCall(c: Conn): UserCall {
  return c.state === 'SYN-SENT' || (c.state === 'SYN-RECEIVED' && !c.passive) ? 'connect' : 'send';
}

/**
 * Signals an error to the application holding `c`. A listener's child it never had (not accepted
 * yet, or still half-open: SYN,ACK unacknowledged) has nobody to tell.
 */
function connError(sim: Simulator, c: Conn, call: UserCall, error: string): void {
  if (c.passive && (!c.accepted || !seqGt(c.sndUna, c.iss))) return;
  sim.asyncError(c.host, call, error);
}

/** Sequence number just after the last byte the application has queued. */
function dataEnd(c: Conn): number {
  return seqAdd(c.iss, 1 + c.sendBuf.length);
}

const DATA_STATES: ReadonlySet<TcpState> = new Set(['ESTABLISHED', 'CLOSE-WAIT', 'FIN-WAIT-1', 'LAST-ACK']);

/** Data or a FIN the application queued that has not been sent yet. */
function hasUnsent(c: Conn): boolean {
  return DATA_STATES.has(c.state) && c.finSeq === null && (c.finQueued || seqLt(c.sndNxt, dataEnd(c)));
}

/**
 * Sends what the connection may send now: queued data within the peer's window (MSS-sized), then
 * the FIN once all data is out and the window has room for it; else a bare ACK when `ackReason`
 * asks for one. Then starts or stops the persist timer.
 */
export function output(sim: Simulator, c: Conn, ackReason: SendReason | null): void {
  let sent = false;
  if (DATA_STATES.has(c.state) && c.finSeq === null) {
    const end = dataEnd(c);
    const wndEnd = seqAdd(c.sndUna, c.sndWnd);
    while (seqLt(c.sndNxt, end)) {
      const avail = seqDiff(wndEnd, c.sndNxt);
      if (avail <= 0) break;
      const unsent = seqDiff(end, c.sndNxt);
      const len = Math.min(c.mss, unsent, avail);
      const off = seqDiff(c.sndNxt, c.iss) - 1;
      // PSH on the segment that empties the send buffer, as BSD and Linux do.
      const flags: Flag[] = len === unsent ? ['ACK', 'PSH'] : ['ACK'];
      sendSeg(sim, c, { seq: c.sndNxt, ack: c.rcvNxt, flags, payload: c.sendBuf.slice(off, off + len) }, 'data');
      c.sndNxt = seqAdd(c.sndNxt, len);
      startRtx(sim, c);
      sent = true;
    }
    // The FIN takes a sequence number, so it needs room in the window too (a receiver with RCV.WND = 0
    // accepts no FIN, §3.10.7.4; Linux tcp_snd_wnd_test()).
    if (c.finQueued && seqGe(c.sndNxt, end) && seqLt(c.sndNxt, wndEnd)) {
      // RFC 9293 §3.10.4 CLOSE: the FIN follows "all preceding SENDs". It rides on a pending delayed ACK (Linux).
      const reason: SendReason = c.timers.has('delayed-ack') ? 'fin-ack-combined' : 'fin';
      sendSeg(sim, c, { seq: c.sndNxt, ack: c.rcvNxt, flags: ['ACK', 'FIN'] }, reason);
      c.finSeq = c.sndNxt;
      c.sndNxt = seqAdd(c.sndNxt, 1);
      startRtx(sim, c);
      sent = true;
    }
  }
  if (ackReason !== null && !sent) sendAck(sim, c, ackReason);
  if (c.sndWnd === 0 || c.timers.has('persist')) persist(sim, c);
}

/**
 * RFC 9293 §3.8.6.1 zero-window probing (MUST-36): data (or a FIN) is waiting, nothing is in flight
 * and the peer offers a zero window, so no ACK is coming that could open it (and a window update,
 * being a bare ACK, may be lost). "The transmitting host SHOULD send the first zero-window probe
 * when a zero window has existed for the retransmission timeout period (SHLD-29)". The timer stops
 * once the window opens; an octet or FIN a probe carried is then covered by the retransmission timer.
 */
function persist(sim: Simulator, c: Conn): void {
  const running = c.timers.has('persist');
  if (c.sndWnd === 0 && (hasUnsent(c) || (running && c.sndUna !== c.sndNxt))) {
    if (!running && c.sndUna === c.sndNxt) sim.setTimer(c, 'persist', c.rto);
    return;
  }
  if (!running) return;
  sim.cancelTimer(c, 'persist');
  c.probes = 0;
  c.probesUnanswered = 0;
  if (c.sndUna !== c.sndNxt) startRtx(sim, c);
}

/** The persist timer expired: send a zero-window probe and back off (SHLD-30: "increase exponentially the interval"). */
function probe(sim: Simulator, c: Conn): void {
  const p = sim.profile;
  if (c.sndWnd > 0 || !(hasUnsent(c) || c.sndUna !== c.sndNxt)) {
    output(sim, c, null);
    return;
  }
  if (c.probesUnanswered >= p.maxProbes) {
    // Linux tcp_probe_timer(): tcp_write_err() after tcp_retries2 unanswered probes. The probe timer
    // is Linux's retransmission timer (ICSK_TIME_PROBE0 shares icsk_retransmit_timer), hence the cause.
    connError(sim, c, 'send', 'connection timed out');
    sim.transition(c, 'CLOSED', { type: 'timer', timer: 'retransmission' });
    return;
  }
  if (p.windowProbe === 'old-seq') {
    // Linux tcp_xmit_probe_skb(sk, 0): <SEQ=SND.UNA-1><ACK=RCV.NXT><CTL=ACK>, old and empty, so the
    // receiver answers with an ACK carrying its window.
    sendSeg(sim, c, { seq: seqAdd(c.sndUna, -1), ack: c.rcvNxt, flags: ['ACK'] }, 'window-probe');
  } else if (c.sndUna !== c.sndNxt) {
    // The octet (or FIN) of the previous probe is still unacknowledged: send it again.
    if (c.finSeq !== null && c.finSeq === c.sndUna) sendSeg(sim, c, { seq: c.finSeq, ack: c.rcvNxt, flags: ['ACK', 'FIN'] }, 'window-probe', true);
    else sendSeg(sim, c, { seq: c.sndUna, ack: c.rcvNxt, flags: ['ACK'], payload: c.sendBuf.slice(seqDiff(c.sndUna, c.iss) - 1, seqDiff(c.sndUna, c.iss)) }, 'window-probe', true);
  } else if (seqLt(c.sndNxt, dataEnd(c))) {
    // §3.8.6.1: "transmit at least one octet of new data (if available)". It is sent (SND.NXT moves
    // over it): a receiver whose window has opened keeps it.
    const off = seqDiff(c.sndNxt, c.iss) - 1;
    sendSeg(sim, c, { seq: c.sndNxt, ack: c.rcvNxt, flags: ['ACK'], payload: c.sendBuf.slice(off, off + 1) }, 'window-probe');
    c.sndNxt = seqAdd(c.sndNxt, 1);
  } else {
    // Only the FIN is left: it is the probe.
    sendSeg(sim, c, { seq: c.sndNxt, ack: c.rcvNxt, flags: ['ACK', 'FIN'] }, 'window-probe');
    c.finSeq = c.sndNxt;
    c.sndNxt = seqAdd(c.sndNxt, 1);
  }
  c.probes++;
  c.probesUnanswered++;
  // Unanswered probes end with the user timeout (RFC 9293 §3.8.3); an answer restarts it (MUST-37).
  if (p.userTimeout !== null && !c.timers.has('user-timeout')) sim.setTimer(c, 'user-timeout', p.userTimeout);
  sim.setTimer(c, 'persist', Math.min(c.rto * 2 ** c.probes, p.rtoMax));
}

/** The SYN of an active OPEN (RFC 9293 §3.10.1): <SEQ=ISS><CTL=SYN>. */
export function sendSyn(sim: Simulator, c: Conn, retransmission = false): void {
  sendSeg(sim, c, { seq: c.iss, flags: ['SYN'], options: synOptions(sim, c, false) }, retransmission ? 'retransmission' : 'active-open', retransmission);
}

function sendSynAck(sim: Simulator, c: Conn, reason: SendReason, retransmission = false): void {
  sendSeg(sim, c, { seq: c.iss, ack: c.rcvNxt, flags: ['SYN', 'ACK'], options: synOptions(sim, c, true) }, reason, retransmission);
}

/** Sends a FIN at once (CLOSE in SYN-RECEIVED with nothing queued). */
export function sendFinNow(sim: Simulator, c: Conn): void {
  sendSeg(sim, c, { seq: c.sndNxt, ack: c.rcvNxt, flags: ['ACK', 'FIN'] }, 'fin');
  c.finSeq = c.sndNxt;
  c.sndNxt = seqAdd(c.sndNxt, 1);
  startRtx(sim, c);
}

/**
 * ABORT in a synchronized state (RFC 9293 §3.10.5): <SEQ=SND.NXT><CTL=RST>. Linux adds ACK with
 * RCV.NXT (tcp_send_active_reset()); test/kernel/compare.ts checks that against the real stack.
 */
export function sendAbortRst(sim: Simulator, c: Conn): void {
  if (sim.profile.abortRstAck) sendSeg(sim, c, { seq: c.sndNxt, ack: c.rcvNxt, flags: ['RST', 'ACK'] }, 'rst-abort');
  else sendSeg(sim, c, { seq: c.sndNxt, flags: ['RST'] }, 'rst-abort');
}

// ---------------------------------------------------------------------------------------------
// SEGMENT ARRIVES

export function segmentArrives(sim: Simulator, host: Host, seg: Segment, n: number): Disposition {
  const a = read(seg);
  const cause: Cause = { type: 'segment', n };
  if (seg.dstPort === host.port) {
    const c = host.conns.find((x) => x.remoteAddr === seg.srcAddr && x.remotePort === seg.srcPort);
    if (c) {
      if (c.state === 'SYN-SENT') return synSent(sim, c, a, seg, cause);
      if (c.state === 'TIME-WAIT' && sim.profile.timewaitSock) return timewaitSock(sim, c, a, seg, cause);
      return otherStates(sim, c, a, seg, cause);
    }
    if (host.listener) return listen(sim, host.listener, a, seg, cause);
  }
  return closed(sim, host, a, seg);
}

/** RFC 9293 §3.10.7.1: no TCB for the segment. */
function closed(sim: Simulator, host: Host, a: In, seg: Segment): Disposition {
  // "An incoming segment containing a RST is discarded."
  if (a.rst) return 'ignored';
  // "An incoming segment not containing a RST causes a RST to be sent in response."
  const reason: SendReason = host.lostPeers.has(endpoint(seg.srcAddr, seg.srcPort)) ? 'rst-half-open' : 'rst-no-socket';
  sendReset(sim, host, a, seg, reason);
  return 'answered-rst';
}

/** Half-open (SYN-RECEIVED) children of a listener: what its SYN backlog bounds. */
function halfOpenCount(l: Conn): number {
  let n = 0;
  for (const c of l.children) if (c.state === 'SYN-RECEIVED') n++;
  return n;
}

/**
 * Whether a listener's accept queue (`HostConfig.acceptBacklog`) refuses a new SYN. Linux
 * tcp_conn_request(): `if (sk_acceptq_is_full(sk)) goto drop`, full meaning more than the backlog
 * queued; rfc9293 (`reserve`): the queued connections and the handshakes in progress fill it.
 */
function acceptRefusesSyn(sim: Simulator, l: Conn, halfOpen: number): boolean {
  const max = l.host.cfg.acceptBacklog;
  if (max === undefined) return false;
  return sim.profile.acceptOverflow === 'drop-ack' ? l.acceptQueue.length > max : l.acceptQueue.length + halfOpen >= max;
}

/**
 * Whether a child's completed handshake finds the accept queue full. Linux tcp_v4_syn_recv_sock():
 * `if (sk_acceptq_is_full(sk)) goto exit_overflow`, and with tcp_abort_on_overflow = 0
 * tcp_check_req() drops the ACK: the request stays and its SYN,ACK timer runs on. rfc9293 reserved
 * room at the SYN, so only a SYN cookie's connection can find it full.
 */
function acceptRefusesAck(sim: Simulator, l: Conn): boolean {
  const max = l.host.cfg.acceptBacklog;
  if (max === undefined) return false;
  return sim.profile.acceptOverflow === 'drop-ack' ? l.acceptQueue.length > max : l.acceptQueue.length >= max;
}

/** A listener's child completed its handshake: the application takes it (a waiting `accept`), or it joins the accept queue. */
function childEstablished(sim: Simulator, c: Conn): void {
  c.reopened = null;
  // Linux tcp_create_openreq_child(): the full socket starts its own rate limit
  // (newtp->last_oow_ack_time = 0); the request socket's does not carry over.
  if (sim.profile.requestSock) c.lastOowAck = -Infinity;
  const l = c.parent;
  if (l === null || c.accepted) return;
  if (l.pendingAccepts > 0) {
    l.pendingAccepts--;
    c.accepted = true;
  } else {
    l.acceptQueue.push(c);
  }
}

/** RFC 9293 §3.10.7.2: the LISTEN state (with a SYN backlog and, optionally, SYN cookies). */
function listen(sim: Simulator, l: Conn, a: In, seg: Segment, cause: Cause, reopenIss?: number): Disposition {
  const host = l.host;
  // First: "An incoming RST segment could not be valid since it could not have been sent in
  // response to anything sent by this incarnation of the connection ... should be ignored."
  if (a.rst) return 'ignored';
  if (a.ackf) {
    if (host.cfg.syncookies && !a.syn) {
      // RFC 4987 §3.6: a SYN cookie comes back as SEG.ACK-1 of the handshake's last ACK.
      const tuple = { localAddr: host.address, localPort: host.port, remoteAddr: seg.srcAddr, remotePort: seg.srcPort };
      const res = checkCookie({ tuple, peerIsn: seqAdd(a.seq, -1), cookie: seqAdd(a.ack, -1), now: sim.now, secret: host.secret });
      if (res.ok) return acceptRefusesAck(sim, l) ? 'accept-queue-full' : cookieConnection(sim, l, a, seg, res.mss, cause);
      sendReset(sim, host, a, seg, 'rst-no-socket');
      return 'cookie-rejected';
    }
    // Second: "any acknowledgment is bad if it arrives on a connection still in the LISTEN state.
    // An acceptable reset segment should be formed ... <SEQ=SEG.ACK><CTL=RST>".
    sendReset(sim, host, a, seg, 'rst-no-socket');
    return 'answered-rst';
  }
  if (!a.syn) {
    // Fourth: "Any other control or text-bearing segment (not containing SYN) must have an ACK and
    // thus would have been discarded by the ACK processing ... drop the segment and return."
    return 'ignored';
  }
  // Third: SYN. The SYN backlog (Linux tcp_max_syn_backlog) bounds half-open children; the accept
  // queue is checked next (Linux tcp_conn_request() does both, in this order).
  const backlog = host.cfg.backlog ?? 128;
  const halfOpen = halfOpenCount(l);
  const synQueueFull = halfOpen >= backlog;
  if (synQueueFull && !host.cfg.syncookies) return 'backlog-full';
  if (acceptRefusesSyn(sim, l, halfOpen)) return 'accept-queue-full';
  if (synQueueFull) {
    // SYN cookies (RFC 4987 §3.6, Linux cookie_v4_init_sequence): answer without keeping state.
    const tuple = { localAddr: host.address, localPort: host.port, remoteAddr: seg.srcAddr, remotePort: seg.srcPort };
    const mss = Math.min(ownMss(host), a.options.mss ?? sim.profile.defaultMss);
    const cookie = makeCookie({ tuple, peerIsn: a.seq, mss, now: sim.now, secret: host.secret });
    if (host.firstIsn === null) host.firstIsn = cookie;
    // The cookie cannot remember window scaling, SACK or timestamps: the SYN,ACK offers only MSS.
    const out = sim.finishSegment({
      srcAddr: host.address,
      srcPort: host.port,
      dstAddr: seg.srcAddr,
      dstPort: seg.srcPort,
      seq: cookie,
      ack: seqAdd(a.seq, 1),
      dataOffset: 5,
      flags: ['SYN', 'ACK'],
      window: windowField(host),
      checksum: 0,
      urgentPointer: 0,
      options: { mss: ownMss(host) },
      payload: EMPTY,
    });
    sim.transmit(out, 'syn-cookie');
    return 'accepted';
  }
  const c = sim.newConn(host, seg.srcAddr, seg.srcPort, true, l);
  c.state = 'LISTEN';
  host.conns.push(c);
  l.children.push(c);
  synReceived(sim, c, a, cause, reopenIss);
  return 'accepted';
}

/**
 * LISTEN + SYN, for a new child `c` of a listener: "Set RCV.NXT to SEG.SEQ+1, IRS is set to
 * SEG.SEQ, and any other control or text should be queued for processing later. ISS should be
 * selected and a SYN segment sent of the form <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>. SND.NXT is set
 * to ISS+1 and SND.UNA to ISS. The connection state should be changed to SYN-RECEIVED."
 */
function synReceived(sim: Simulator, c: Conn, a: In, cause: Cause, iss?: number): void {
  c.hasIrs = true;
  c.irs = a.seq;
  c.rcvNxt = seqAdd(a.seq, 1);
  negotiate(sim, c, a);
  c.hasIss = true;
  c.iss = iss ?? sim.chooseIsn(c);
  c.sndUna = c.iss;
  c.sndNxt = seqAdd(c.iss, 1);
  c.sndWnd = a.window;
  c.sndWl1 = a.seq;
  c.sndWl2 = 0;
  queueSynText(sim, c, a);
  sim.transition(c, 'SYN-RECEIVED', cause);
  sendSynAck(sim, c, 'syn-ack');
  startRtx(sim, c);
}

/**
 * Text and FIN on a SYN: rfc9293 queues them "for processing after the ESTABLISHED state has been
 * reached" (§3.10.7.2, §3.10.7.3), held like out-of-order data at IRS+1 (unacknowledged until then);
 * linux discards them (no Fast Open), so the peer sends the text again after the handshake.
 */
function queueSynText(sim: Simulator, c: Conn, a: In): void {
  if (!sim.profile.synTextQueued || (a.payload.length === 0 && !a.fin)) return;
  const room = c.rcvWnd;
  if (a.payload.length > room) c.ooo.set(seqAdd(a.seq, 1), { payload: a.payload.subarray(0, room), fin: false });
  else c.ooo.set(seqAdd(a.seq, 1), { payload: a.payload, fin: a.fin });
}

/** A valid SYN cookie in the handshake's last ACK: the connection is created ESTABLISHED. */
function cookieConnection(sim: Simulator, l: Conn, a: In, seg: Segment, mss: number, cause: Cause): Disposition {
  const host = l.host;
  const c = sim.newConn(host, seg.srcAddr, seg.srcPort, true, l);
  c.state = 'LISTEN';
  host.conns.push(c);
  l.children.push(c);
  c.hasIss = true;
  c.hasIrs = true;
  c.iss = seqAdd(a.ack, -1);
  c.sndUna = a.ack;
  c.sndNxt = a.ack;
  c.irs = seqAdd(a.seq, -1);
  c.rcvNxt = a.seq;
  c.sndWnd = a.window;
  c.sndWl1 = a.seq;
  c.sndWl2 = a.ack;
  c.mss = Math.min(ownMss(host), mss);
  sim.transition(c, 'ESTABLISHED', cause);
  childEstablished(sim, c);
  if (a.payload.length > 0 || a.fin) return otherStates(sim, c, a, seg, cause);
  return 'accepted';
}

/** RFC 9293 §3.10.7.3: SYN-SENT. */
function synSent(sim: Simulator, c: Conn, a: In, seg: Segment, cause: Cause): Disposition {
  let ackOk = false;
  if (a.ackf) {
    // First: "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset (unless the RST bit is set, if
    // so drop the segment and return) <SEQ=SEG.ACK><CTL=RST> and discard the segment."
    if (seqLe(a.ack, c.iss) || seqGt(a.ack, c.sndNxt)) {
      if (a.rst) return 'ignored';
      sendReset(sim, c.host, a, seg, 'rst-unacceptable');
      return 'answered-rst';
    }
    // "If SND.UNA < SEG.ACK =< SND.NXT, then the ACK is acceptable."
    ackOk = seqLt(c.sndUna, a.ack) && seqLe(a.ack, c.sndNxt);
  }
  if (a.rst) {
    // Second: "If the ACK was acceptable, then signal to the user 'error: connection reset', drop
    // the segment, enter CLOSED state, delete TCB, and return. Otherwise (no ACK), drop the segment."
    if (!ackOk) return 'ignored';
    sim.asyncError(c.host, 'connect', 'connection reset');
    sim.transition(c, 'CLOSED', cause);
    return 'reset';
  }
  // Third: security (not modelled).
  if (a.syn) {
    // Fourth: "RCV.NXT is set to SEG.SEQ+1, IRS is set to SEG.SEQ. SND.UNA should be advanced to
    // equal SEG.ACK (if there is an ACK)".
    c.hasIrs = true;
    c.irs = a.seq;
    c.rcvNxt = seqAdd(a.seq, 1);
    negotiate(sim, c, a);
    if (ackOk) c.sndUna = a.ack;
    c.sndWnd = a.window;
    c.sndWl1 = a.seq;
    c.sndWl2 = a.ack;
    if (seqGt(c.sndUna, c.iss)) {
      // "If SND.UNA > ISS (our SYN has been ACKed), change the connection state to ESTABLISHED,
      // form an ACK segment <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it."
      ackAdvanced(sim, c);
      sim.transition(c, 'ESTABLISHED', cause);
      sendAck(sim, c, 'handshake-ack');
      // "If there are other controls or text in the segment, then continue processing at the sixth
      // step". (linux: tcp_rcv_synsent_state_process() frees a SYN,ACK's text and FIN.)
      const rest: In = { ...a, syn: false, seq: seqAdd(a.seq, 1) };
      const needAck = sim.profile.synTextQueued && (rest.payload.length > 0 || rest.fin) ? textAndFin(sim, c, rest, cause) : false;
      if (c.state !== 'CLOSED') output(sim, c, needAck ? 'ack' : null);
      return 'accepted';
    }
    // "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>
    // and send it ... If there are other controls or text in the segment, queue them for processing
    // after the ESTABLISHED state has been reached." (Simultaneous open, RFC 9293 Figure 7.)
    queueSynText(sim, c, a);
    sim.transition(c, 'SYN-RECEIVED', cause);
    sendSynAck(sim, c, 'syn-ack');
    return 'accepted';
  }
  // Fifth: "If neither of the SYN or RST bits is set, then drop the segment and return."
  return 'ignored';
}

/** RFC 9293 §3.3.2 "There are four cases for the acceptability test for an incoming segment". */
function acceptable(c: Conn, a: In): boolean {
  const len = segLen(a);
  const wnd = c.rcvWnd;
  const inWindow = (s: number): boolean => seqLe(c.rcvNxt, s) && seqLt(s, seqAdd(c.rcvNxt, wnd));
  if (len === 0 && wnd === 0) return a.seq === c.rcvNxt;
  if (len === 0) return inWindow(a.seq);
  if (wnd === 0) return false;
  return inWindow(a.seq) || inWindow(seqAdd(a.seq, len - 1));
}

/**
 * RFC 9293 §3.10.7.4: "If a segment's contents straddle the boundary between old and new, only the
 * new parts are processed", and text beyond the window is cut (its FIN with it).
 */
function trim(c: Conn, a: In): In {
  let { seq, syn, fin, payload } = a;
  let before = seqDiff(c.rcvNxt, seq);
  if (before > 0 && syn) {
    syn = false;
    seq = seqAdd(seq, 1);
    before--;
  }
  if (before > 0) {
    payload = payload.subarray(Math.min(before, payload.length));
    seq = seqAdd(seq, before);
  }
  const room = seqDiff(seqAdd(c.rcvNxt, c.rcvWnd), seq);
  if (payload.length > room) {
    payload = payload.subarray(0, Math.max(0, room));
    fin = false;
  } else if (fin && payload.length + 1 > room) {
    fin = false;
  }
  if (seq === a.seq && syn === a.syn && fin === a.fin && payload === a.payload) return a;
  return { ...a, seq, syn, fin, payload };
}

const SYNCHRONIZED: ReadonlySet<TcpState> = new Set(['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT']);

/**
 * Simultaneous open (RFC 9293 Figure 7, lines 6-7): in SYN-RECEIVED the peer's SYN,ACK repeats its
 * SYN, already received, and acknowledges ours.
 */
function simultaneousSynAck(c: Conn, a: In): boolean {
  return a.syn && a.ackf && !a.rst && a.seq === c.irs && seqLt(c.sndUna, a.ack) && seqLe(a.ack, c.sndNxt);
}

/**
 * Linux tcp_reset_check(): "If seq num matches RCV.NXT or (RCV.NXT - 1) after a FIN ... RESET the
 * connection" — an RST carrying the sequence number of the peer's FIN, in CLOSE-WAIT, LAST-ACK, CLOSING.
 */
function resetAfterFin(sim: Simulator, c: Conn, a: In): boolean {
  return sim.profile.resetAfterFin && a.seq === seqAdd(c.rcvNxt, -1) && (c.state === 'CLOSE-WAIT' || c.state === 'LAST-ACK' || c.state === 'CLOSING');
}

/** RFC 9293 §3.10.7.4: SYN-RECEIVED and the synchronized states. */
function otherStates(sim: Simulator, c: Conn, a0: In, seg: Segment, cause: Cause): Disposition {
  const p = sim.profile;
  let a = a0;

  if (c.state === 'SYN-RECEIVED' && c.parent !== null && p.requestSock) {
    const d = checkReq(sim, c, a, seg, cause);
    if (d !== null) return d;
  }

  if (a.syn && !a.rst) {
    const l = c.host.listener;
    if (c.state === 'TIME-WAIT' && l !== null && !a.ackf && seqGt(a.seq, c.rcvNxt)) {
      const d = reopen(sim, c, l, a, cause);
      if (d !== null) return d;
    }
    if (p.challengeAck && (SYNCHRONIZED.has(c.state) || (c.state === 'SYN-RECEIVED' && !simultaneousSynAck(c, a)))) {
      // RFC 5961 §4.2 (Linux tcp_validate_incoming, full sockets including a simultaneous open's
      // SYN-RECEIVED): a SYN, whatever its sequence number, gets a challenge ACK
      // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
      return sendOowAck(sim, c, a0, 'challenge-ack') ? 'answered-challenge-ack' : 'ignored';
    }
  }

  // First: sequence number check.
  let refused = false;
  if (!acceptable(c, a)) {
    if (c.state === 'SYN-RECEIVED' && simultaneousSynAck(c, a)) {
      // The SYN is old and trimmed; the ACK is processed, so both ends reach ESTABLISHED with four
      // segments (Linux does the same in tcp_validate_incoming).
      a = { ...a, syn: false, seq: seqAdd(a.seq, 1) };
    } else if (c.rcvWnd === 0 && a.seq === c.rcvNxt && !a.syn && (a.ackf || a.rst)) {
      // "If the RCV.WND is zero, no segments will be acceptable, but special allowance should be
      // made to accept valid ACKs, URGs, and RSTs." The text (and FIN) is refused and acknowledged.
      a = { ...a, payload: EMPTY, fin: false };
      refused = true;
    } else {
      // "If an incoming segment is not acceptable, an acknowledgment should be sent in reply
      // (unless the RST bit is set, if so drop the segment and return): <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>".
      if (a.rst) return resetAfterFin(sim, c, a) ? reset(sim, c, cause) : 'ignored';
      if (c.state === 'TIME-WAIT' && a.fin && seqAdd(a.seq, segLen(a)) === c.rcvNxt) {
        // A retransmitted FIN: "Acknowledge it, and restart the 2 MSL timeout" (eighth step, TIME-WAIT).
        sim.setTimer(c, 'time-wait', 2 * p.msl);
        sendAck(sim, c, 'time-wait-ack');
        return 'answered-ack';
      }
      return sendOowAck(sim, c, a0, 'ack-unacceptable') ? 'answered-ack' : 'ignored';
    }
  } else {
    a = trim(c, a);
  }

  // Second: RST.
  if (a.rst) {
    if (p.challengeAck && a.seq !== c.rcvNxt && !resetAfterFin(sim, c, a)) {
      // RFC 5961 §3.2: "If the RST bit is set and the sequence number does not exactly match the
      // next expected sequence value, yet is within the current receive window, TCP endpoints MUST
      // send an acknowledgment (challenge ACK)".
      return sendOowAck(sim, c, a0, 'challenge-ack') ? 'answered-challenge-ack' : 'ignored';
    }
    return reset(sim, c, cause);
  }

  // Third: security and precedence (not modelled).

  // Fourth: SYN.
  if (a.syn) {
    if (c.state === 'SYN-RECEIVED' && c.passive) {
      // "If the connection was initiated with a passive OPEN, then return this connection to the
      // LISTEN state and return."
      backToListen(sim, c, cause);
      return 'accepted';
    }
    // RFC 9293 §3.10.7.4 for stacks that do not follow RFC 5961 (the RFC 793 behaviour): "If the
    // SYN is in the window it is an error: send a reset, any outstanding RECEIVEs and SEND should
    // receive 'reset' responses ... enter the CLOSED state, delete the TCB, and return." The reset
    // takes the §3.10.7.1 form so that a peer in SYN-SENT accepts it.
    sendReset(sim, c.host, a0, seg, 'rst-unacceptable');
    connError(sim, c, c.state === 'SYN-RECEIVED' ? 'connect' : 'receive', 'connection reset');
    sim.transition(c, 'CLOSED', cause);
    return 'answered-rst';
  }

  // Fifth: ACK. "if the ACK bit is off, drop the segment and return".
  if (!a.ackf) return 'ignored';
  if (c.state === 'SYN-RECEIVED') {
    if (seqLt(c.sndUna, a.ack) && seqLe(a.ack, c.sndNxt)) {
      if (c.parent !== null && acceptRefusesAck(sim, c.parent)) return 'accept-queue-full';
      // "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state and continue processing
      // with the variables below set to: SND.WND <- SEG.WND, SND.WL1 <- SEG.SEQ, SND.WL2 <- SEG.ACK".
      c.sndWnd = a.window * 2 ** c.sndWscale;
      c.sndWl1 = a.seq;
      c.sndWl2 = a.ack;
      sim.transition(c, 'ESTABLISHED', cause);
      if (c.parent !== null) childEstablished(sim, c);
    } else {
      // "If the segment acknowledgment is not acceptable, form a reset segment <SEQ=SEG.ACK><CTL=RST> and send it."
      sendReset(sim, c.host, a, seg, 'rst-unacceptable');
      return 'answered-rst';
    }
  }
  if (c.state !== 'TIME-WAIT') {
    // "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK, drop the segment, and return."
    if (seqGt(a.ack, c.sndNxt)) {
      return sendOowAck(sim, c, a0, 'ack-unacceptable') ? 'answered-ack' : 'ignored';
    }
    const inRange = seqLe(c.sndUna, a.ack);
    // "If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK."
    if (seqLt(c.sndUna, a.ack)) {
      c.sndUna = a.ack;
      ackAdvanced(sim, c);
    }
    // "If SND.UNA =< SEG.ACK =< SND.NXT, the send window should be updated. If (SND.WL1 < SEG.SEQ
    // or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK)), set SND.WND <- SEG.WND, SND.WL1 <- SEG.SEQ, SND.WL2 <- SEG.ACK."
    if (inRange && (seqLt(c.sndWl1, a.seq) || (c.sndWl1 === a.seq && seqLe(c.sndWl2, a.ack)))) {
      c.sndWnd = a.window * 2 ** c.sndWscale;
      c.sndWl1 = a.seq;
      c.sndWl2 = a.ack;
    }
    if (inRange && c.probesUnanswered > 0) {
      // The peer answered a zero-window probe: MUST-37 "the sending TCP peer MUST allow the
      // connection to stay open" (Linux tcp_ack() clears icsk_probes_out).
      c.probesUnanswered = 0;
      if (p.userTimeout !== null && c.timers.has('user-timeout')) sim.setTimer(c, 'user-timeout', p.userTimeout);
    }
    const finAcked = c.finSeq !== null && seqGt(c.sndUna, c.finSeq);
    switch (c.state) {
      case 'FIN-WAIT-1':
        // "if the FIN segment is now acknowledged, then enter FIN-WAIT-2 and continue processing in that state."
        if (finAcked) sim.transition(c, 'FIN-WAIT-2', cause);
        break;
      case 'CLOSING':
        // "if the ACK acknowledges our FIN, then enter the TIME-WAIT state; otherwise, ignore the segment."
        if (finAcked) sim.transition(c, 'TIME-WAIT', cause);
        break;
      case 'LAST-ACK':
        // "If our FIN is now acknowledged, delete the TCB, enter the CLOSED state, and return."
        if (finAcked) {
          sim.transition(c, 'CLOSED', cause);
          return 'accepted';
        }
        break;
      default:
        break;
    }
    if (c.closeQueued && c.state === 'ESTABLISHED') {
      // A CLOSE queued in SYN-RECEIVED (RFC 9293 §3.10.4) takes effect now.
      c.closeQueued = false;
      sim.transition(c, 'FIN-WAIT-1', { type: 'call', call: 'close' });
    }
  }

  // Sixth: URG (not modelled). Seventh and eighth: text and FIN.
  const needAck = textAndFin(sim, c, a, cause);
  if (c.state === 'CLOSED') return 'accepted';
  output(sim, c, refused ? 'ack-unacceptable' : needAck ? 'ack' : null);
  return refused ? 'answered-ack' : 'accepted';
}

/**
 * Linux tcp_check_req(): a listener's half-open child is a request socket, not a full TCB, and
 * answers in its own way (checked in the kernel's order). Returns null for the ACK that completes
 * the handshake, which the common path then processes (SYN-RECEIVED → ESTABLISHED).
 */
function checkReq(sim: Simulator, c: Conn, a: In, seg: Segment, cause: Cause): Disposition | null {
  // "Check for pure retransmitted SYN" (SEG.SEQ = IRS, SYN alone): "Enforce 'SYN-ACK' according to
  // figure 8, figure 6 of RFC793, fixed by RFC1122" — inet_rtx_syn_ack(), rate-limited as any
  // answer to a SYN, and "Reset timer after retransmitting SYNACK" (the backoff is kept).
  if (a.syn && !a.ackf && !a.rst && a.seq === c.irs) {
    if (!oowAllowed(sim, c, a)) return 'ignored';
    sendSynAck(sim, c, 'syn-ack', true);
    if (c.timers.has('syn-ack-retransmission')) sim.setTimer(c, 'syn-ack-retransmission', c.rto);
    return 'answered-ack';
  }
  // "Invalid ACK: reset will be sent by listening socket" (an ACK other than ISS+1; a RST is not answered).
  if (a.ackf && a.ack !== seqAdd(c.iss, 1)) {
    if (a.rst) return 'ignored';
    sendReset(sim, c.host, a, seg, 'rst-unacceptable');
    return 'answered-rst';
  }
  // "RFC793: first check sequence number": "Out of window: send ACK and drop" (a RST is dropped).
  if (!acceptable(c, a)) {
    if (a.rst) return 'ignored';
    return sendOowAck(sim, c, a, 'ack-unacceptable') ? 'answered-ack' : 'ignored';
  }
  // "second check the RST bit": a RST at RCV.NXT frees the request silently (embryonic_reset); one
  // elsewhere in the window gets a challenge ACK (RFC 5961 §3.2) and leaves it, as the Linux 6.18
  // this was checked against does (test/kernel/compare.ts, synrecv-rst-*; older tcp_check_req()
  // freed the request for any in-window RST).
  if (a.rst && a.seq !== c.rcvNxt) return sendOowAck(sim, c, a, 'challenge-ack') ? 'answered-challenge-ack' : 'ignored';
  // "fourth, check the SYN bit" (a SYN at IRS is truncated first): embryonic_reset answers a SYN
  // with RST and frees the request.
  const syn = a.syn && a.seq !== c.irs;
  if (a.rst || syn) {
    if (!a.rst) sendReset(sim, c.host, a, seg, 'rst-unacceptable');
    sim.transition(c, 'LISTEN', cause);
    return a.rst ? 'reset' : 'answered-rst';
  }
  // "If ACK not set, just silently drop the packet."
  if (!a.ackf) return 'ignored';
  return null;
}

/** An acceptable RST (second step of §3.10.7.4), by state. */
function reset(sim: Simulator, c: Conn, cause: Cause): Disposition {
  switch (c.state) {
    case 'SYN-RECEIVED':
      if (c.passive) {
        // "If this connection was initiated with a passive OPEN (i.e., came from the LISTEN
        // state), then return this connection to LISTEN state and return."
        backToListen(sim, c, cause);
        return 'reset';
      }
      // "If this connection was initiated with an active OPEN ... the connection was refused;
      // signal the user 'connection refused' ... enter the CLOSED state and delete the TCB."
      connError(sim, c, 'connect', 'connection refused');
      sim.transition(c, 'CLOSED', cause);
      return 'reset';
    case 'ESTABLISHED':
    case 'FIN-WAIT-1':
    case 'FIN-WAIT-2':
    case 'CLOSE-WAIT':
      // "any outstanding RECEIVEs and SEND should receive 'reset' responses ... Enter the CLOSED
      // state, delete the TCB, and return."
      connError(sim, c, 'receive', 'connection reset');
      sim.transition(c, 'CLOSED', cause);
      return 'reset';
    default:
      // CLOSING, LAST-ACK, TIME-WAIT: "enter the CLOSED state, delete the TCB, and return."
      sim.transition(c, 'CLOSED', cause);
      return 'reset';
  }
}

/**
 * A passive SYN-RECEIVED child returns to LISTEN (the child is deleted, its listener stays). One
 * that reopened a TIME-WAIT connection returns to TIME-WAIT instead: the SYN was an old duplicate
 * (RFC 9293 §3.6.1 MAY-2 (2)).
 */
function backToListen(sim: Simulator, c: Conn, cause: Cause): void {
  const tw = c.reopened;
  if (tw === null) {
    sim.transition(c, 'LISTEN', cause);
    return;
  }
  c.reopened = null;
  c.iss = tw.iss;
  c.irs = tw.irs;
  c.sndUna = tw.sndUna;
  c.sndNxt = tw.sndNxt;
  c.sndWnd = tw.sndWnd;
  c.sndWl1 = tw.sndWl1;
  c.sndWl2 = tw.sndWl2;
  c.rcvNxt = tw.rcvNxt;
  c.finSeq = tw.finSeq;
  c.ooo.clear();
  c.passive = tw.passive;
  c.accepted = true;
  if (tw.parent !== c.parent && c.parent !== null) {
    const i = c.parent.children.indexOf(c);
    if (i >= 0) c.parent.children.splice(i, 1);
  }
  c.parent = tw.parent;
  sim.transition(c, 'TIME-WAIT', cause);
}

/**
 * rfc9293, TIME-WAIT + a SYN above the old RCV.NXT with a listener on the port: RFC 9293 §3.6.1
 * MAY-2 (RFC 1122 §4.2.2.13) "it MAY accept a new SYN from the remote TCP endpoint to reopen the
 * connection directly from TIME-WAIT state, if it: (1) assigns its initial sequence number for the
 * new connection to be larger than the largest sequence number it used on the previous connection
 * incarnation, and (2) returns to TIME-WAIT state if the SYN turns out to be an old duplicate." The
 * TCB becomes the listener's SYN-RECEIVED child (TIME-WAIT → SYN-RECEIVED) and keeps the old
 * variables for (2). null (no room in the listener's queues): the SYN is processed as the base text says.
 */
function reopen(sim: Simulator, c: Conn, l: Conn, a: In, cause: Cause): Disposition | null {
  const halfOpen = halfOpenCount(l);
  if (halfOpen >= (l.host.cfg.backlog ?? 128) || acceptRefusesSyn(sim, l, halfOpen)) return null;
  c.reopened = {
    iss: c.iss,
    irs: c.irs,
    sndUna: c.sndUna,
    sndNxt: c.sndNxt,
    sndWnd: c.sndWnd,
    sndWl1: c.sndWl1,
    sndWl2: c.sndWl2,
    rcvNxt: c.rcvNxt,
    finSeq: c.finSeq,
    passive: c.passive,
    parent: c.parent,
  };
  const oldSndNxt = c.sndNxt;
  sim.cancelTimer(c, 'time-wait');
  c.passive = true;
  if (c.parent !== l) {
    c.parent = l;
    l.children.push(c);
  }
  c.accepted = l.host.cfg.acceptBacklog === undefined;
  c.sendBuf = new ByteBuf();
  c.finQueued = false;
  c.closeQueued = false;
  c.finSeq = null;
  c.ooo.clear();
  c.rto = c.rtoBase = sim.profile.rtoInitial;
  c.synTimedOut = false;
  c.retries = 0;
  c.wscaleOk = false;
  c.sndWscale = 0;
  c.rcvWscale = 0;
  c.rcvWnd = windowField(c.host);
  c.lastOowAck = -Infinity;
  synReceived(sim, c, a, cause, sim.profile.reopenIss(oldSndNxt, sim.chooseIsn(c)));
  return 'accepted';
}

/**
 * Linux TIME-WAIT is a timewait socket: tcp_timewait_state_process() with tcp_rfc1337 = 0, then
 * tcp_v4_rcv() acting on its verdict (TCP_TW_SUCCESS / TCP_TW_ACK / TCP_TW_SYN).
 */
function timewaitSock(sim: Simulator, c: Conn, a: In, seg: Segment, cause: Cause): Disposition {
  const twLen = 2 * sim.profile.msl;
  // "In window segment, it may be only reset or bare ack": SEG.SEQ = RCV.NXT, nothing in it but a RST.
  if (a.seq === c.rcvNxt && (segLen(a) === 0 || a.rst)) {
    if (a.rst) {
      // "This is TIME_WAIT assassination, in two flavors" (RFC 1337): with tcp_rfc1337 = 0 the RST
      // ends TIME-WAIT (inet_twsk_deschedule_put()), silently.
      sim.transition(c, 'CLOSED', cause);
      return 'reset';
    }
    // A bare ACK: inet_twsk_reschedule(tw, TCP_TIMEWAIT_LEN), nothing sent.
    sim.setTimer(c, 'time-wait', twLen);
    return 'accepted';
  }
  // "Out of window segment. All the segments are ACKed immediately. The only exception is new
  // SYN": no ACK, above the old RCV.NXT (TCP_TW_SYN). tcp_v4_rcv() hands it to a listener on the
  // port with isn = tw_snd_nxt + 65535 + 2; with none it falls through to TCP_TW_ACK.
  if (a.syn && !a.rst && !a.ackf && seqGt(a.seq, c.rcvNxt)) {
    const l = c.host.listener;
    if (l !== null) {
      const iss = sim.profile.reopenIss(c.sndNxt, 0);
      sim.transition(c, 'CLOSED', cause);
      return listen(sim, l, a, seg, cause, iss);
    }
    sendAck(sim, c, 'ack-unacceptable');
    return 'answered-ack';
  }
  // Any other RST is dropped (no challenge ACK: a timewait socket sends none).
  if (a.rst) return 'ignored';
  // "In this case we must reset the TIMEWAIT timer ... if (paws_reject || th->ack)".
  if (a.ackf) sim.setTimer(c, 'time-wait', twLen);
  // tcp_timewait_check_oow_rate_limit(): TCP_TW_ACK unless rate-limited (pure ACKs and SYNs).
  const reason: SendReason = a.fin && seqAdd(a.seq, segLen(a)) === c.rcvNxt ? 'time-wait-ack' : 'ack-unacceptable';
  return sendOowAck(sim, c, a, reason) ? 'answered-ack' : 'ignored';
}

/** Seventh (segment text) and eighth (FIN) steps. Returns whether an ACK is due now. */
function textAndFin(sim: Simulator, c: Conn, a: In, cause: Cause): boolean {
  let needAck = false;
  let fin = false;
  const st = c.state;
  // CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: "This should not occur since a FIN has been received
  // from the remote side. Ignore the segment text." (A FIN there is a retransmission, already counted.)
  const open = st === 'SYN-RECEIVED' || st === 'ESTABLISHED' || st === 'FIN-WAIT-1' || st === 'FIN-WAIT-2';
  if (open && (a.payload.length > 0 || a.fin)) {
    if (a.seq === c.rcvNxt) {
      // "Once in the ESTABLISHED state, it is possible to deliver segment data to user RECEIVE
      // buffers ... advances RCV.NXT over the data accepted ... Send an acknowledgment of the form
      // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>".
      if (a.payload.length > 0) {
        c.rcvNxt = seqAdd(c.rcvNxt, a.payload.length);
        sim.deliverData(c.host, a.payload);
        needAck = true;
      }
      fin = a.fin || drainOutOfOrder(sim, c);
    } else if (seqGt(a.seq, c.rcvNxt)) {
      // Above RCV.NXT: held for later; the ACK repeats RCV.NXT (a duplicate ACK).
      if (!c.ooo.has(a.seq)) c.ooo.set(a.seq, { payload: a.payload, fin: a.fin });
      needAck = true;
    }
  } else if (open && st !== 'SYN-RECEIVED' && c.ooo.size > 0 && c.ooo.has(c.rcvNxt)) {
    // Text (or a FIN) that came with the SYN and was queued until ESTABLISHED (§3.10.7.2).
    fin = drainOutOfOrder(sim, c);
    needAck = true;
  }
  if (fin) {
    // Eighth: "If the FIN bit is set, signal the user 'connection closing' ... advance RCV.NXT over
    // the FIN, and send an acknowledgment for the FIN."
    c.rcvNxt = seqAdd(c.rcvNxt, 1);
    needAck = true;
    switch (c.state) {
      case 'SYN-RECEIVED':
      case 'ESTABLISHED':
        // "Enter the CLOSE-WAIT state."
        sim.transition(c, 'CLOSE-WAIT', cause);
        if (sim.profile.finAckDelay !== null) {
          // Linux: the ACK waits in the delayed-ACK timer (TCP_DELACK_MIN); a CLOSE before it
          // fires sends the FIN with that ACK.
          sim.setTimer(c, 'delayed-ack', sim.profile.finAckDelay);
          needAck = false;
        }
        break;
      case 'FIN-WAIT-1':
        // "If our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT, start the
        // time-wait timer, turn off the other timers; otherwise, enter the CLOSING state."
        sim.transition(c, c.finSeq !== null && seqGt(c.sndUna, c.finSeq) ? 'TIME-WAIT' : 'CLOSING', cause);
        break;
      case 'FIN-WAIT-2':
        // "Enter the TIME-WAIT state. Start the time-wait timer, turn off the other timers."
        sim.transition(c, 'TIME-WAIT', cause);
        break;
      case 'TIME-WAIT':
        // "Remain in the TIME-WAIT state. Restart the 2 MSL time-wait timeout."
        sim.setTimer(c, 'time-wait', 2 * sim.profile.msl);
        break;
      default:
        break;
    }
  }
  return needAck;
}

/**
 * Delivers held segments that RCV.NXT has now reached (trimming what was already received).
 * Returns whether the last one delivered carried the FIN.
 */
function drainOutOfOrder(sim: Simulator, c: Conn): boolean {
  let progress = c.ooo.size > 0;
  while (progress) {
    progress = false;
    for (const [seq, e] of c.ooo) {
      if (seqGt(seq, c.rcvNxt)) continue;
      c.ooo.delete(seq);
      const end = seqAdd(seq, e.payload.length);
      if (seqGt(end, c.rcvNxt)) {
        const fresh = e.payload.subarray(seqDiff(c.rcvNxt, seq));
        c.rcvNxt = end;
        sim.deliverData(c.host, fresh);
        progress = true;
      }
      if (e.fin && end === c.rcvNxt) {
        c.ooo.clear();
        return true;
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// TIMEOUTS (RFC 9293 §3.10.8)

export function onTimer(sim: Simulator, c: Conn, name: TimerKey): void {
  switch (name) {
    case 'time-wait':
      // "If the time-wait timeout expires on a connection, delete the TCB, enter the CLOSED state, and return."
      sim.transition(c, 'CLOSED', { type: 'timer', timer: 'time-wait' });
      return;
    case 'user-timeout':
      // "For any state if the user timeout expires, flush all queues, signal the user 'error:
      // connection aborted due to user timeout' ... delete the TCB, enter the CLOSED state".
      if (c.state !== 'CLOSED') {
        connError(sim, c, pendingCall(c), 'connection aborted due to user timeout');
        sim.transition(c, 'CLOSED', { type: 'timer', timer: 'user-timeout' });
      }
      return;
    case 'delayed-ack':
      output(sim, c, 'ack');
      return;
    case 'persist':
      probe(sim, c);
      return;
    case 'retransmission':
    case 'syn-ack-retransmission':
      retransmit(sim, c, name);
      return;
  }
}

/**
 * "For any state if the retransmission timeout expires on a segment in the retransmission queue,
 * send the segment at the front of the retransmission queue again, reinitialize the retransmission
 * timer, and return." RFC 6298 §5.5: the RTO doubles ("back off the timer"), up to the profile's maximum.
 */
function retransmit(sim: Simulator, c: Conn, name: 'retransmission' | 'syn-ack-retransmission'): void {
  const p = sim.profile;
  const synUnacked = !seqGt(c.sndUna, c.iss);
  // Retry limits (Linux): a request socket's SYN,ACK tcp_synack_retries (reqsk_timer_handler()); a
  // SYN-SENT or SYN-RECEIVED socket (simultaneous open) tcp_syn_retries (tcp_write_timeout()); others tcp_retries2.
  const max = name === 'syn-ack-retransmission' ? p.synAckRetries : c.state === 'SYN-SENT' || c.state === 'SYN-RECEIVED' ? p.synRetries : p.dataRetries;
  if (c.retries >= max) {
    // Out of retries (Linux tcp_write_timeout()): give up.
    connError(sim, c, pendingCall(c), 'connection timed out');
    sim.transition(c, 'CLOSED', { type: 'timer', timer: name });
    return;
  }
  c.retries++;
  c.rto = Math.min(c.rto * 2, p.rtoMax);
  if (synUnacked) {
    c.synTimedOut = true;
    if (c.state === 'SYN-SENT') sendSyn(sim, c, true);
    else sendSynAck(sim, c, 'retransmission', true);
  } else {
    const end = c.finSeq ?? c.sndNxt;
    if (seqLt(c.sndUna, end)) {
      const len = Math.min(c.mss, seqDiff(end, c.sndUna));
      const off = seqDiff(c.sndUna, c.iss) - 1;
      const flags: Flag[] = seqAdd(c.sndUna, len) === end ? ['ACK', 'PSH'] : ['ACK'];
      sendSeg(sim, c, { seq: c.sndUna, ack: c.rcvNxt, flags, payload: c.sendBuf.slice(off, off + len) }, 'retransmission', true);
    } else if (c.finSeq !== null) {
      sendSeg(sim, c, { seq: c.finSeq, ack: c.rcvNxt, flags: ['ACK', 'FIN'] }, 'retransmission', true);
    } else {
      return;
    }
  }
  sim.setTimer(c, name, c.rto);
}
