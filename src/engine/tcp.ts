/**
 * TCP's event processing (RFC 9293 §3.10.7 SEGMENT ARRIVES, §3.10.8 TIMEOUTS) and segment output.
 *
 * Every state change goes through `Simulator.transition`; every segment through `sendSeg` /
 * `sendReset` and `Simulator.transmit`. Checks run in the RFC's order: sequence number, RST,
 * (security), SYN, ACK, (URG), text, FIN.
 */
import { endpoint, type Conn, type Host, type TimerKey } from './model';
import { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt } from './seq';
import type { Simulator } from './sim';
import { checkCookie, makeCookie } from './syncookie';
import type { Cause, Disposition, Flag, Millis, Segment, SendReason, TcpOptions, TcpState } from './types';

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
 * An ACK answering an unacceptable segment (or a challenge ACK), throttled: RFC 5961 §7 "ACK
 * throttling" (Linux tcp_oow_rate_limited()). Without it two ends that disagree about the
 * sequence space (an old duplicate accepted, a hijack) would ACK each other forever: an ACK storm.
 * Returns false when the ACK was suppressed.
 */
function sendOowAck(sim: Simulator, c: Conn, reason: SendReason): boolean {
  if (sim.now - c.lastOowAck < OOW_ACK_INTERVAL) return false;
  c.lastOowAck = sim.now;
  sendAck(sim, c, reason);
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

/** SND.UNA moved forward: RFC 6298 §5.2/5.3 stop or restart the timer; the RTO returns to its initial value (no RTT sampling). */
function ackAdvanced(sim: Simulator, c: Conn): void {
  c.retries = 0;
  c.rto = sim.profile.rtoInitial;
  const running = c.timers.has('syn-ack-retransmission') ? 'syn-ack-retransmission' : 'retransmission';
  if (c.sndUna === c.sndNxt) {
    sim.cancelTimer(c, 'retransmission');
    sim.cancelTimer(c, 'syn-ack-retransmission');
    sim.cancelTimer(c, 'user-timeout');
  } else {
    sim.cancelTimer(c, running === 'retransmission' ? 'syn-ack-retransmission' : 'retransmission', false);
    sim.setTimer(c, rtxName(c), c.rto);
    if (sim.profile.userTimeout !== null) sim.setTimer(c, 'user-timeout', sim.profile.userTimeout);
  }
}

/** Sequence number just after the last byte the application has queued. */
function dataEnd(c: Conn): number {
  return seqAdd(c.iss, 1 + c.sendBuf.length);
}

const DATA_STATES: ReadonlySet<TcpState> = new Set(['ESTABLISHED', 'CLOSE-WAIT', 'FIN-WAIT-1', 'LAST-ACK']);

/**
 * Sends what the connection may send now: queued data within the peer's window (MSS-sized), then
 * the FIN once all data is out; else a bare ACK when `ackReason` asks for one.
 */
export function output(sim: Simulator, c: Conn, ackReason: SendReason | null): void {
  let sent = false;
  if (DATA_STATES.has(c.state) && c.finSeq === null) {
    const end = dataEnd(c);
    while (seqLt(c.sndNxt, end)) {
      const avail = seqDiff(seqAdd(c.sndUna, c.sndWnd), c.sndNxt);
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
    if (c.finQueued && seqGe(c.sndNxt, end)) {
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
    if (c) return c.state === 'SYN-SENT' ? synSent(sim, c, a, seg, cause) : otherStates(sim, c, a, seg, cause);
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

/** RFC 9293 §3.10.7.2: the LISTEN state (with a SYN backlog and, optionally, SYN cookies). */
function listen(sim: Simulator, l: Conn, a: In, seg: Segment, cause: Cause): Disposition {
  const host = l.host;
  // First: "An incoming RST segment could not be valid since it could not have been sent in
  // response to anything sent by this incarnation of the connection ... should be ignored."
  if (a.rst) return 'ignored';
  if (a.ackf) {
    if (host.cfg.syncookies && !a.syn) {
      // RFC 4987 §3.6: a SYN cookie comes back as SEG.ACK-1 of the handshake's last ACK.
      const tuple = { localAddr: host.address, localPort: host.port, remoteAddr: seg.srcAddr, remotePort: seg.srcPort };
      const res = checkCookie({ tuple, peerIsn: seqAdd(a.seq, -1), cookie: seqAdd(a.ack, -1), now: sim.now, secret: host.secret });
      if (res.ok) return cookieConnection(sim, l, a, seg, res.mss, cause);
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
  // Third: SYN. The SYN backlog (Linux tcp_max_syn_backlog) bounds half-open children.
  const backlog = host.cfg.backlog ?? 128;
  const halfOpen = l.children.filter((c) => c.state === 'SYN-RECEIVED').length;
  if (halfOpen >= backlog) {
    if (!host.cfg.syncookies) return 'backlog-full';
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
  // "Set RCV.NXT to SEG.SEQ+1, IRS is set to SEG.SEQ ... ISS should be selected and a SYN segment
  // sent of the form <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>. SND.NXT is set to ISS+1 and SND.UNA to
  // ISS. The connection state should be changed to SYN-RECEIVED." (Data on a SYN is not queued
  // here: the peer sends it again once the handshake is done.)
  const c = sim.newConn(host, seg.srcAddr, seg.srcPort, true, l);
  c.state = 'LISTEN';
  host.conns.push(c);
  l.children.push(c);
  c.hasIrs = true;
  c.irs = a.seq;
  c.rcvNxt = seqAdd(a.seq, 1);
  negotiate(sim, c, a);
  c.hasIss = true;
  c.iss = sim.chooseIsn(c);
  c.sndUna = c.iss;
  c.sndNxt = seqAdd(c.iss, 1);
  c.sndWnd = a.window;
  c.sndWl1 = a.seq;
  c.sndWl2 = 0;
  sim.transition(c, 'SYN-RECEIVED', cause);
  sendSynAck(sim, c, 'syn-ack');
  startRtx(sim, c);
  return 'accepted';
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
      // "If there are other controls or text in the segment, then continue processing at the sixth step".
      const rest: In = { ...a, syn: false, seq: seqAdd(a.seq, 1) };
      const needAck = rest.payload.length > 0 || rest.fin ? textAndFin(sim, c, rest, cause) : false;
      if (c.state !== 'CLOSED') output(sim, c, needAck ? 'ack' : null);
      return 'accepted';
    }
    // "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>
    // and send it." (Simultaneous open, RFC 9293 Figure 7.)
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

/** RFC 9293 §3.10.7.4: SYN-RECEIVED and the synchronized states. */
function otherStates(sim: Simulator, c: Conn, a0: In, seg: Segment, cause: Cause): Disposition {
  const p = sim.profile;
  let a = a0;

  if (a.syn && !a.rst && SYNCHRONIZED.has(c.state)) {
    if (c.state === 'TIME-WAIT' && p.name === 'linux' && !a.ackf && seqGt(a.seq, c.rcvNxt)) {
      // Linux tcp_timewait_state_process() (TCP_TW_SYN): a SYN above the old RCV.NXT opens a new
      // incarnation; TIME-WAIT ends early and the listener (if any) takes the SYN.
      sim.transition(c, 'CLOSED', cause);
      return c.host.listener ? listen(sim, c.host.listener, a, seg, cause) : closed(sim, c.host, a, seg);
    }
    if (p.challengeAck) {
      // RFC 5961 §4.2 (Linux tcp_validate_incoming): a SYN in a synchronized state, whatever its
      // sequence number, gets a challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
      return sendOowAck(sim, c, 'challenge-ack') ? 'answered-challenge-ack' : 'ignored';
    }
  }

  // First: sequence number check.
  if (!acceptable(c, a)) {
    if (
      c.state === 'SYN-RECEIVED' &&
      a.syn &&
      a.ackf &&
      !a.rst &&
      a.seq === c.irs &&
      seqLt(c.sndUna, a.ack) &&
      seqLe(a.ack, c.sndNxt)
    ) {
      // Simultaneous open (RFC 9293 Figure 7, lines 6-7): the peer's SYN,ACK repeats its SYN,
      // already received, and acknowledges ours. The SYN is old and trimmed; the ACK is processed,
      // so both ends reach ESTABLISHED with four segments (Linux does the same in tcp_validate_incoming).
      a = { ...a, syn: false, seq: seqAdd(a.seq, 1) };
    } else {
      // "If an incoming segment is not acceptable, an acknowledgment should be sent in reply
      // (unless the RST bit is set, if so drop the segment and return): <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>".
      if (a.rst) return 'ignored';
      if (c.state === 'TIME-WAIT' && a.fin && seqAdd(a.seq, segLen(a)) === c.rcvNxt) {
        // A retransmitted FIN: "Acknowledge it, and restart the 2 MSL timeout" (eighth step, TIME-WAIT).
        sim.setTimer(c, 'time-wait', 2 * p.msl);
        sendAck(sim, c, 'time-wait-ack');
        return 'answered-ack';
      }
      return sendOowAck(sim, c, 'ack-unacceptable') ? 'answered-ack' : 'ignored';
    }
  } else {
    a = trim(c, a);
  }

  // Second: RST.
  if (a.rst) {
    if (p.challengeAck && a.seq !== c.rcvNxt) {
      // RFC 5961 §3.2: "If the RST bit is set and the sequence number does not exactly match the
      // next expected sequence value, yet is within the current receive window, TCP endpoints MUST
      // send an acknowledgment (challenge ACK)".
      return sendOowAck(sim, c, 'challenge-ack') ? 'answered-challenge-ack' : 'ignored';
    }
    switch (c.state) {
      case 'SYN-RECEIVED':
        if (c.passive) {
          // "If this connection was initiated with a passive OPEN (i.e., came from the LISTEN
          // state), then return this connection to LISTEN state and return."
          sim.transition(c, 'LISTEN', cause);
          return 'reset';
        }
        // "If this connection was initiated with an active OPEN ... the connection was refused;
        // signal the user 'connection refused' ... enter the CLOSED state and delete the TCB."
        sim.asyncError(c.host, 'connect', 'connection refused');
        sim.transition(c, 'CLOSED', cause);
        return 'reset';
      case 'ESTABLISHED':
      case 'FIN-WAIT-1':
      case 'FIN-WAIT-2':
      case 'CLOSE-WAIT':
        // "any outstanding RECEIVEs and SEND should receive 'reset' responses ... Enter the CLOSED
        // state, delete the TCB, and return."
        sim.asyncError(c.host, 'receive', 'connection reset');
        sim.transition(c, 'CLOSED', cause);
        return 'reset';
      default:
        // CLOSING, LAST-ACK, TIME-WAIT: "enter the CLOSED state, delete the TCB, and return."
        sim.transition(c, 'CLOSED', cause);
        return 'reset';
    }
  }

  // Third: security and precedence (not modelled).

  // Fourth: SYN.
  if (a.syn) {
    if (c.state === 'SYN-RECEIVED' && c.passive) {
      // "If the connection was initiated with a passive OPEN, then return this connection to the
      // LISTEN state and return."
      sim.transition(c, 'LISTEN', cause);
      return 'accepted';
    }
    // RFC 9293 §3.10.7.4 for stacks that do not follow RFC 5961 (the RFC 793 behaviour): "If the
    // SYN is in the window it is an error: send a reset, any outstanding RECEIVEs and SEND should
    // receive 'reset' responses ... enter the CLOSED state, delete the TCB, and return." The reset
    // takes the §3.10.7.1 form so that a peer in SYN-SENT accepts it.
    sendReset(sim, c.host, a0, seg, 'rst-unacceptable');
    sim.asyncError(c.host, 'receive', 'connection reset');
    sim.transition(c, 'CLOSED', cause);
    return 'answered-rst';
  }

  // Fifth: ACK. "if the ACK bit is off, drop the segment and return".
  if (!a.ackf) return 'ignored';
  if (c.state === 'SYN-RECEIVED') {
    if (seqLt(c.sndUna, a.ack) && seqLe(a.ack, c.sndNxt)) {
      // "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state and continue processing
      // with the variables below set to: SND.WND <- SEG.WND, SND.WL1 <- SEG.SEQ, SND.WL2 <- SEG.ACK".
      c.sndWnd = a.window * 2 ** c.sndWscale;
      c.sndWl1 = a.seq;
      c.sndWl2 = a.ack;
      sim.transition(c, 'ESTABLISHED', cause);
    } else {
      // "If the segment acknowledgment is not acceptable, form a reset segment <SEQ=SEG.ACK><CTL=RST> and send it."
      sendReset(sim, c.host, a, seg, 'rst-unacceptable');
      return 'answered-rst';
    }
  }
  if (c.state !== 'TIME-WAIT') {
    // "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK, drop the segment, and return."
    if (seqGt(a.ack, c.sndNxt)) {
      return sendOowAck(sim, c, 'ack-unacceptable') ? 'answered-ack' : 'ignored';
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
  output(sim, c, needAck ? 'ack' : null);
  return 'accepted';
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
        sim.asyncError(c.host, c.state === 'SYN-SENT' ? 'connect' : 'send', 'connection aborted due to user timeout');
        sim.transition(c, 'CLOSED', { type: 'timer', timer: 'user-timeout' });
      }
      return;
    case 'delayed-ack':
      output(sim, c, 'ack');
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
  const max = c.state === 'SYN-SENT' ? p.synRetries : name === 'syn-ack-retransmission' ? p.synAckRetries : p.dataRetries;
  if (c.retries >= max) {
    // Out of retries (Linux tcp_write_timeout()): give up.
    if (!(c.passive && synUnacked)) sim.asyncError(c.host, c.state === 'SYN-SENT' ? 'connect' : 'send', 'connection timed out');
    sim.transition(c, 'CLOSED', { type: 'timer', timer: name });
    return;
  }
  c.retries++;
  c.rto = Math.min(c.rto * 2, p.rtoMax);
  if (synUnacked) {
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
