/**
 * User calls (RFC 9293 §3.10.1-3.10.6: OPEN, SEND, RECEIVE, CLOSE, ABORT, STATUS) plus the sockets
 * API's accept (for a listener's accept queue) and host crash and reboot. A call the state does not
 * allow returns the RFC's error string: recorded in the `call` event and `trace.errors`, never thrown.
 */
import { ScenarioError } from './errors';
import { currentConn, endpoint, type Conn, type Host } from './model';
import { seqAdd, seqLt } from './seq';
import type { Simulator } from './sim';
import { output, sendAbortRst, sendFinNow, sendSyn, startRtx } from './tcp';
import type { Cause, Step } from './types';

type CallStep = Extract<Step, { kind: 'call' }>;

/** Not an RFC string: a crashed host has no TCP to call into. */
export const HOST_DOWN = 'host is down';
/** Not an RFC string either: `accept` on a host with no listener. */
export const NOT_LISTENING = 'not listening';

export function userCall(sim: Simulator, host: Host, step: CallStep): void {
  const call = step.call;
  const cause: Cause = { type: 'call', call };
  if (call === 'reboot') {
    sim.callEvent(host, call);
    if (host.up) crash(sim, host, cause);
    host.up = true;
    return;
  }
  if (!host.up) {
    sim.callEvent(host, call, HOST_DOWN);
    return;
  }
  switch (call) {
    case 'listen':
      return listenCall(sim, host, cause);
    case 'connect':
      return connectCall(sim, host, step, cause);
    case 'accept':
      return acceptCall(sim, host);
    case 'send':
      return sendCall(sim, host, step);
    case 'receive':
      return receiveCall(sim, host);
    case 'close':
      return closeCall(sim, host, cause);
    case 'abort':
      return abortCall(sim, host, cause);
    case 'status': {
      const c = currentConn(host);
      // §3.10.6 STATUS in CLOSED: "error: connection does not exist".
      sim.callEvent(host, call, c ? undefined : 'connection does not exist');
      return;
    }
    case 'crash':
      sim.callEvent(host, call);
      crash(sim, host, cause);
      host.up = false;
      return;
  }
}

/** Every socket is lost without a segment: peers are left half-open. */
function crash(sim: Simulator, host: Host, cause: Cause): void {
  for (const c of [...host.conns]) {
    host.lostPeers.add(endpoint(c.remoteAddr, c.remotePort));
    sim.transition(c, 'CLOSED', cause);
  }
  if (host.listener) sim.transition(host.listener, 'CLOSED', cause);
}

/** OPEN, passive (§3.10.1 CLOSED STATE: "create a new transmission control block ... enter LISTEN"). */
function listenCall(sim: Simulator, host: Host, cause: Cause): void {
  // "OPEN Call ... LISTEN ... [any other state]: Return 'error: connection already exists'."
  if (host.listener) {
    sim.callEvent(host, 'listen', 'connection already exists');
    return;
  }
  sim.callEvent(host, 'listen');
  const l = sim.newConn(host, '', 0, true, null);
  host.listener = l;
  sim.transition(l, 'LISTEN', cause);
}

/**
 * accept(2) on the listener (not an RFC 9293 call: its passive OPEN takes one connection; this is
 * the sockets API the accept queue belongs to). With `acceptBacklog` set it takes the oldest
 * connection waiting in the accept queue, or, when none is waiting, the next one to complete (the
 * call blocks). Without, the application has accepted every connection already: nothing to do.
 */
function acceptCall(sim: Simulator, host: Host): void {
  const l = host.listener;
  if (!l) {
    // Not an RFC string: accept(2) on a socket that is not listening fails (EINVAL).
    sim.callEvent(host, 'accept', NOT_LISTENING);
    return;
  }
  sim.callEvent(host, 'accept');
  if (host.cfg.acceptBacklog === undefined) return;
  const c = l.acceptQueue.shift();
  if (c) c.accepted = true;
  else l.pendingAccepts++;
}

/** OPEN, active, to the scenario host `target`. */
function connectCall(sim: Simulator, host: Host, step: CallStep, cause: Cause): void {
  const target = step.target === undefined ? undefined : sim.hostByName.get(step.target);
  if (!target) throw new ScenarioError(`connect: unknown host "${step.target ?? ''}"`, step.source);
  if (target === host) throw new ScenarioError(`connect: host "${host.name}" cannot connect to itself`, step.source);
  if (host.conns.some((c) => c.remoteAddr === target.address && c.remotePort === target.port)) {
    // §3.10.1 OPEN in SYN-SENT ... TIME-WAIT: "Return 'error: connection already exists'."
    sim.callEvent(host, 'connect', 'connection already exists');
    return;
  }
  sim.callEvent(host, 'connect');
  let c: Conn;
  if (host.listener) {
    // §3.10.1 LISTEN STATE: "If the OPEN call is active and the foreign socket is specified, then
    // change the connection from passive to active, select an ISS." (Figure 5: LISTEN → SYN-SENT.)
    c = host.listener;
    host.listener = null;
    sim.setRemote(c, target.address, target.port);
    c.passive = false;
    host.conns.push(c);
  } else {
    c = sim.newConn(host, target.address, target.port, false, null);
    host.conns.push(c);
  }
  // "Send a SYN segment, set SND.UNA to ISS, SND.NXT to ISS+1. Enter SYN-SENT state."
  c.hasIss = true;
  c.iss = sim.chooseIsn(c);
  c.sndUna = c.iss;
  c.sndNxt = seqAdd(c.iss, 1);
  sim.transition(c, 'SYN-SENT', cause);
  sendSyn(sim, c);
  startRtx(sim, c);
}

/** SEND (§3.10.2). */
function sendCall(sim: Simulator, host: Host, step: CallStep): void {
  const c = currentConn(host);
  let error: string | undefined;
  if (!c) error = 'connection does not exist';
  // LISTEN: "If the foreign socket is specified, then change the connection from passive to
  // active ... If the foreign socket is not specified, then return 'error: foreign socket unspecified'."
  else if (c.state === 'LISTEN') error = 'foreign socket unspecified';
  // FIN-WAIT-1 ... TIME-WAIT: "Return 'error: connection closing' and do not service request."
  else if (c.finQueued || !(c.state === 'SYN-SENT' || c.state === 'SYN-RECEIVED' || c.state === 'ESTABLISHED' || c.state === 'CLOSE-WAIT')) error = 'connection closing';
  sim.callEvent(host, 'send', error);
  if (error !== undefined || !c) return;
  // SYN-SENT, SYN-RECEIVED: "Queue the data for transmission after entering ESTABLISHED state."
  // ESTABLISHED, CLOSE-WAIT: "Segmentize the buffer and send it with a piggybacked acknowledgment".
  c.sendBuf.append(sim.appData(host, step.data, step.source));
  output(sim, c, null);
}

/** RECEIVE (§3.10.3). Data is handed to the application as it arrives; the call only checks the state. */
function receiveCall(sim: Simulator, host: Host): void {
  const c = currentConn(host);
  let error: string | undefined;
  if (!c) error = 'connection does not exist';
  // CLOSE-WAIT: "If no text is awaiting delivery, the RECEIVE will get an 'error: connection closing'";
  // CLOSING, LAST-ACK, TIME-WAIT: "Return 'error: connection closing'."
  else if (c.state === 'CLOSE-WAIT' || c.state === 'CLOSING' || c.state === 'LAST-ACK' || c.state === 'TIME-WAIT') error = 'connection closing';
  sim.callEvent(host, 'receive', error);
}

/** CLOSE (§3.10.4). */
function closeCall(sim: Simulator, host: Host, cause: Cause): void {
  const c = currentConn(host);
  if (!c) {
    sim.callEvent(host, 'close', 'connection does not exist');
    return;
  }
  switch (c.state) {
    case 'LISTEN':
    case 'SYN-SENT':
      // "Delete the TCB and return 'error: closing' responses to any queued SENDs, or RECEIVEs."
      // (RECEIVE never waits here: data is handed over as it arrives.)
      sim.callEvent(host, 'close');
      if (c.sendBuf.length > 0) sim.asyncError(host, 'send', 'closing');
      sim.transition(c, 'CLOSED', cause);
      return;
    case 'SYN-RECEIVED':
      sim.callEvent(host, 'close');
      c.finQueued = true;
      if (c.sendBuf.length === 0) {
        // "If no SENDs have been issued and there is no pending data to send, then form a FIN
        // segment and send it, and enter FIN-WAIT-1 state"
        sim.transition(c, 'FIN-WAIT-1', cause);
        sendFinNow(sim, c);
      } else {
        // "otherwise, queue for processing after entering ESTABLISHED state."
        c.closeQueued = true;
      }
      return;
    case 'ESTABLISHED':
      // "Queue this until all preceding SENDs have been segmentized, then form a FIN segment and
      // send it. In any case, enter FIN-WAIT-1 state."
      sim.callEvent(host, 'close');
      c.finQueued = true;
      sim.transition(c, 'FIN-WAIT-1', cause);
      output(sim, c, null);
      return;
    case 'CLOSE-WAIT':
      // "Queue this request until all preceding SENDs have been segmentized; then send a FIN
      // segment, enter LAST-ACK state."
      sim.callEvent(host, 'close');
      c.finQueued = true;
      sim.transition(c, 'LAST-ACK', cause);
      output(sim, c, null);
      return;
    default:
      // FIN-WAIT-1/2: "Strictly speaking, this is an error and should receive an 'error:
      // connection closing' response"; CLOSING, LAST-ACK, TIME-WAIT: "Respond with 'error: connection closing'."
      sim.callEvent(host, 'close', 'connection closing');
      return;
  }
}

/** ABORT (§3.10.5). */
function abortCall(sim: Simulator, host: Host, cause: Cause): void {
  const c = currentConn(host);
  if (!c) {
    sim.callEvent(host, 'abort', 'connection does not exist');
    return;
  }
  sim.callEvent(host, 'abort');
  switch (c.state) {
    case 'SYN-RECEIVED':
    case 'ESTABLISHED':
    case 'FIN-WAIT-1':
    case 'FIN-WAIT-2':
    case 'CLOSE-WAIT':
      // "Send a reset segment: <SEQ=SND.NXT><CTL=RST>. All queued SENDs and RECEIVEs should be
      // given 'connection reset' notification ... Delete the TCB, enter CLOSED state, and return."
      sendAbortRst(sim, c);
      resetQueuedSends(sim, c);
      sim.transition(c, 'CLOSED', cause);
      return;
    case 'SYN-SENT':
      // "All queued SENDs and RECEIVEs should be given 'connection reset' notification. Delete the
      // TCB, enter CLOSED state, and return." No segment: the peer knows nothing yet.
      resetQueuedSends(sim, c);
      sim.transition(c, 'CLOSED', cause);
      return;
    default:
      // LISTEN: "Any outstanding RECEIVEs should be returned with 'error: connection reset'
      // responses. Delete TCB, enter CLOSED state, and return." CLOSING, LAST-ACK, TIME-WAIT:
      // "Respond with 'ok' and delete the TCB, enter CLOSED state, and return." No reset either.
      sim.transition(c, 'CLOSED', cause);
      return;
  }
}

/**
 * The 'connection reset' notification of queued SENDs: data the application gave that the peer has
 * not acknowledged. (RECEIVE never waits in this model: data is handed over as it arrives.)
 */
function resetQueuedSends(sim: Simulator, c: Conn): void {
  if (c.sendBuf.length > 0 && seqLt(c.sndUna, seqAdd(c.iss, 1 + c.sendBuf.length))) sim.asyncError(c.host, 'send', 'connection reset');
}
