/**
 * What a run did that its file may not have meant: user calls that failed (with the step that
 * made them) and faults that never took effect. Read from the trace; shared by `check` (warnings),
 * `simulate --json` (`errors`) and `simulate`'s table.
 */
import { matches } from '../engine/sim';
import type { Millis, Scenario, Trace, UserCall } from '../engine/types';

export interface CallFailure {
  host: string;
  call: UserCall;
  /** The RFC's error string (RFC 9293 §3.10), e.g. `connection closing`. */
  error: string;
  at: Millis;
  /** 1-based number of the step whose call failed, or null when no step made it. */
  step: number | null;
  /**
   * True when the call itself returned the error; false for an error signalled later to a call
   * still pending (a reset or refused connect, a timeout).
   */
  immediate: boolean;
  /** Index in `trace.events` of the event the error came with (the call, or the state change it ended). */
  event: number;
}

/**
 * The errors the user calls of a run returned, in the order they happened. An error signalled
 * later is put with the host's state change at that instant (the connection it ended) and blamed
 * on the host's last call of that kind before it.
 */
export function callFailures(trace: Trace, scenario: Scenario): CallFailure[] {
  const callSteps: { host: string; call: UserCall; index: number }[] = [];
  scenario.steps.forEach((s, i) => {
    if (s.kind === 'call') callSteps.push({ host: s.host, call: s.call, index: i });
  });
  // Each call step makes one `call` event, in step order.
  const stepOf = new Map<number, number | null>();
  let next = 0;
  trace.events.forEach((e, i) => {
    if (e.kind !== 'call') return;
    let step: number | null = null;
    for (let j = next; j < callSteps.length; j++) {
      if (callSteps[j]!.host === e.host && callSteps[j]!.call === e.call) {
        step = callSteps[j]!.index + 1;
        next = j + 1;
        break;
      }
    }
    stepOf.set(i, step);
  });
  const events = trace.events;
  const used = new Set<number>();
  const out: CallFailure[] = [];
  let cursor = 0;
  const push = (host: string, call: UserCall, error: string, at: Millis, event: number, immediate: boolean) => {
    let step: number | null = null;
    if (immediate) step = stepOf.get(event) ?? null;
    else {
      for (let i = event - 1; i >= 0; i--) {
        const e = events[i]!;
        if (e.kind === 'call' && e.host === host && e.call === call) {
          step = stepOf.get(i) ?? null;
          break;
        }
      }
    }
    out.push({ host, call, error, at, step, immediate, event });
  };
  for (const err of trace.errors ?? []) {
    let event = -1;
    for (let i = cursor; i < events.length; i++) {
      const e = events[i]!;
      if (e.t > err.t) break;
      if (e.kind === 'call' && !e.ok && !used.has(i) && e.host === err.host && e.call === err.call && e.error === err.error && e.t === err.t) {
        event = i;
        break;
      }
    }
    if (event >= 0) {
      used.add(event);
      cursor = event;
      push(err.host, err.call, err.error, err.t, event, true);
      continue;
    }
    // Signalled later: with the host's first state change at that instant, else after that instant.
    let anchor = -1;
    let last = cursor;
    for (let i = cursor; i < events.length; i++) {
      const e = events[i]!;
      if (e.t > err.t) break;
      last = i;
      if (e.t === err.t && e.kind === 'state' && e.host === err.host && e.cause.type !== 'call') {
        anchor = i;
        break;
      }
    }
    if (anchor < 0) anchor = last;
    cursor = anchor;
    push(err.host, err.call, err.error, err.t, anchor, false);
  }
  // A failed call the engine did not list in `errors` (it lists every one today).
  events.forEach((e, i) => {
    if (e.kind === 'call' && !e.ok && !used.has(i)) push(e.host, e.call, e.error ?? '', e.t, i, true);
  });
  return out.sort((a, b) => a.event - b.event);
}

export interface IdleFault {
  /** 0-based index in `scenario.faults`. */
  index: number;
  /** Segments of the run the fault's match keys select. */
  matched: number;
  /** The fault's `nth` (a number), or null for `last`. */
  nth: number | null;
}

/**
 * Faults that changed nothing: no segment matches them, or fewer than their `nth`. Network
 * duplicates are not counted (faults are applied to a segment as it is sent, not to its copies).
 */
export function idleFaults(trace: Trace, scenario: Scenario): IdleFault[] {
  const out: IdleFault[] = [];
  scenario.faults.forEach((f, index) => {
    let matched = 0;
    for (const r of trace.segments) if (r.duplicateOf === null && matches(f, r)) matched++;
    const nth = f.nth === 'last' ? null : f.nth;
    if (matched === 0 || (nth !== null && matched < nth)) out.push({ index, matched, nth });
  });
  return out;
}
