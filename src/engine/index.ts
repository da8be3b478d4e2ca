/**
 * The protocol engine: `simulate(scenario)` runs a scenario on simulated hosts and a simulated
 * network with a virtual clock and returns its trace. Pure and deterministic: the same scenario
 * gives the same trace.
 *
 * Modules: `seq.ts` sequence arithmetic; `profiles.ts` rfc9293 / linux parameters; `model.ts`
 * hosts, TCBs, snapshots; `sim.ts` network, clock, steps, trace; `tcp.ts` SEGMENT ARRIVES,
 * output and timeouts; `calls.ts` user calls. Readings of the RFC worth knowing:
 * - A listener keeps a list of children (one TCB per SYN), bounded by `backlog` half-open
 *   (SYN-RECEIVED) entries like Linux's SYN queue; a child shows LISTEN → SYN-RECEIVED and, on a
 *   RST, SYN-RECEIVED → LISTEN (and is then deleted). The application accepts every connection at
 *   once, unless the host sets `acceptBacklog`: then completed children wait in an accept queue
 *   until an `accept` call takes them (linux: a full queue drops SYNs and the handshake's last ACK;
 *   rfc9293: a full queue, counting handshakes in progress, drops SYNs). A child the application
 *   has not accepted gets no user calls and reports no errors.
 * - linux: a half-open child is a request socket (tcp_check_req: a retransmitted SYN gets the
 *   SYN,ACK again, a RST at RCV.NXT or an in-window new SYN drops it) and TIME-WAIT a timewait socket
 *   (tcp_timewait_state_process). A SYN above RCV.NXT reopens TIME-WAIT when the port has a
 *   listener: linux TIME-WAIT → CLOSED and a new child with ISS old SND.NXT + 65537; rfc9293
 *   (§3.6.1 MAY-2) TIME-WAIT → SYN-RECEIVED with an ISS above the old SND.NXT, back to TIME-WAIT if
 *   the SYN was an old duplicate.
 * - SYN cookies are used only when the backlog is full (Linux's default, tcp_syncookies = 1);
 *   `backlog: 0` with `syncookies: true` answers every SYN with a cookie. A valid cookie ACK makes
 *   a child LISTEN → ESTABLISHED directly.
 * - Simultaneous open takes four segments (RFC 9293 Figure 7): a SYN,ACK in SYN-RECEIVED whose
 *   SEQ is the IRS and whose ACK is acceptable has its old SYN trimmed and its ACK processed.
 * - rfc9293: a SYN in a synchronized state follows the RFC 793 text kept in RFC 9293 §3.10.7.4
 *   (reset, CLOSED); an in-window RST resets. linux: RFC 5961 challenge ACKs for both, throttled.
 * - Segments above RCV.NXT are held and delivered when the gap fills; text on a SYN is held the same
 *   way until ESTABLISHED (rfc9293; linux discards it). Every unacceptable segment with data or a
 *   FIN is answered with an ACK; bare ACKs (linux: and SYNs) get at most one answer per 500 ms per
 *   connection (RFC 5961 §7), which ends ACK storms.
 * - No RTT sampling: the RTO starts at 1 s (3 s once a handshake whose SYN timed out completes,
 *   RFC 6298 §5.7), doubles on each timeout, and returns to that base when new data is
 *   acknowledged. A zero send window starts the persist timer (internal, like the delayed ACK):
 *   zero-window probes, reason `window-probe`, at doubling intervals. No congestion control, no
 *   FIN-WAIT-2 timeout.
 * - Settling: a step without `at` waits until no segment is in flight and no retransmission or
 *   delayed-ACK timer is pending (the persist timer, like TIME-WAIT's, does not hold it back), except that a call on a host whose ACK of a FIN is being
 *   delayed (linux) runs at once, so its FIN rides on that ACK (`fin-ack-combined`).
 * - Trace: the `deliver` event of segment n comes before the events its processing causes;
 *   `SegmentRecord.lastEvent` is the index after which it has been processed. A network duplicate
 *   has a `duplicate` event instead of a `send` event. The Linux delayed ACK is internal (no timer
 *   event, not in snapshots). A host's primary TCB is its live connection with another scenario
 *   host, else its last such connection if newer than its listener (CLOSED), else the listener.
 */
import { userCall } from './calls';
import { Simulator, matches } from './sim';
import { onTimer, segmentArrives } from './tcp';
import type { Fault, Scenario, Trace } from './types';

export * from './types';
export * from './seq';
export * from './wire';
export * from './isn';
export * from './syncookie';
export { ScenarioError } from './errors';
export { PROFILES, profileFor, type ProfileParams } from './profiles';
export { DEFAULT_LIMITS, DEFAULT_LATENCY, MAX_INJECT_BYTES, MAX_SEND_BYTES } from './sim';

const HOOKS = { segmentArrives, onTimer, userCall };

/**
 * Simulates `scenario`. Throws `SimulationLimitError` when a cap (events, segments, virtual time)
 * is hit and `ScenarioError` for a scenario that cannot run (e.g. a connect to an unknown host).
 */
export function simulate(scenario: Scenario): Trace {
  return new Simulator(scenario, HOOKS, resolveFaults(scenario)).run();
}

/**
 * `nth: 'last'` means the segment that would be the fault's last match: a dry run decides, and it
 * becomes that match's number (0, never, when nothing matches). The dry run leaves out this fault
 * but keeps the others (the `last` ones before it already resolved): a duplicated segment that
 * draws one more ACK must not make a "drop the last ACK" fault hit an earlier one. With one fault,
 * that is a fault-free run.
 */
function resolveFaults(scenario: Scenario): Fault[] {
  if (!scenario.faults.some((f) => f.nth === 'last')) return scenario.faults;
  const resolved: Fault[] = [...scenario.faults];
  scenario.faults.forEach((f, i) => {
    if (f.nth !== 'last') return;
    const others = resolved.filter((g, j) => j !== i && g.nth !== 'last');
    const dry = new Simulator({ ...scenario, faults: others }, HOOKS, others).run();
    let count = 0;
    // Faults see what is transmitted: a network's duplicate copy never meets them.
    for (const rec of dry.segments) if (rec.fate !== 'duplicate' && matches(f, rec)) count++;
    resolved[i] = { ...f, nth: count };
  });
  return resolved;
}
