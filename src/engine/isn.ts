/**
 * Initial sequence number generators (RFC 9293 §3.4.1 "Initial Sequence Number Selection").
 *
 * - a number: a fixed ISN, for exercises that want round numbers;
 * - `rfc793`: the clock-driven ISN of RFC 793 §3.3 (also RFC 9293 §3.4.1): a 32-bit counter
 *   that "is incremented roughly every 4 microseconds";
 * - `rfc6528`: RFC 6528 §3 (RFC 9293 §3.4.1, MUST-8): ISN = M + F(localip, localport, remoteip,
 *   remoteport, secretkey), M the 4 µs clock and F a keyed hash (here SipHash-2-4), so ISNs are
 *   unpredictable off-path yet still increase with time for one 4-tuple;
 * - `plus128000`: the predictable pattern of the Mitnick attack of 1994 (Bellovin 1989, "Security
 *   Problems in the TCP/IP Protocol Suite"): one global counter, and each new connection's ISN is
 *   the previous one plus 128000. That is what the attacker's probes saw. Historically 4.4BSD got
 *   there in two parts — `tcp_iss += TCP_ISSINCR/2` (64000) per connection and 64000 per 500 ms
 *   slow-timer tick — and the probes came about half a second apart; the simulation keeps the
 *   observed step exactly, whatever the timing, so an exercise's numbers do not depend on latency.
 *   RFC 6528 §1 describes why this pattern is dangerous.
 */

import { hash32 } from './hash';
import type { IsnSpec, Millis } from './types';
import { parseAddress } from './wire';

/** A connection's identity as the local host sees it. */
export interface FourTuple {
  localAddr: string;
  localPort: number;
  remoteAddr: string;
  remotePort: number;
}

const TWO_32 = 2 ** 32;

/** The RFC 793 clock ticks every 4 µs: 250 ticks per millisecond. */
export const RFC793_TICKS_PER_MS = 250;

/**
 * How long the RFC 793 clock takes to wrap: 2^32 ticks of 4 µs = 17 179 869.184 ms.
 * RFC 793 §3.3 and RFC 9293 §3.4.1 say "approximately 4.55 hours"; the exact figure is about 4.77 hours.
 */
export const RFC793_CYCLE_MS = TWO_32 / RFC793_TICKS_PER_MS;

/** The `plus128000` generator's step: each new connection's ISN is the previous one + 128000. */
export const PLUS128000_STEP = 128000;

/** The RFC 793 clock at virtual time `now`: floor(now_ms * 1000 / 4) mod 2^32. */
export function rfc793Clock(now: Millis): number {
  return Math.floor(now * RFC793_TICKS_PER_MS) % TWO_32 >>> 0;
}

/** The 4-tuple as bytes (local address, local port, remote address, remote port; network order). */
export function tupleBytes(tuple: FourTuple): Uint8Array {
  const la = parseAddress(tuple.localAddr);
  const ra = parseAddress(tuple.remoteAddr);
  const out = new Uint8Array(la.length + ra.length + 4);
  out.set(la, 0);
  out[la.length] = (tuple.localPort >>> 8) & 0xff;
  out[la.length + 1] = tuple.localPort & 0xff;
  out.set(ra, la.length + 2);
  out[la.length + 2 + ra.length] = (tuple.remotePort >>> 8) & 0xff;
  out[la.length + 3 + ra.length] = tuple.remotePort & 0xff;
  return out;
}

/** Domain-separates the keyed hashes that share one host secret. */
function withLabel(label: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(label.length + data.length);
  for (let i = 0; i < label.length; i++) out[i] = label.charCodeAt(i) & 0xff;
  out.set(data, label.length);
  return out;
}

/**
 * An ISN generator for one host. `secret` (16 bytes, from the scenario's seeded PRNG) keys the
 * hash of `rfc6528` and the starting value of `plus128000`.
 *
 * The `plus128000` generator is stateful, like the kernel variable it models: call it exactly
 * once per new connection, with non-decreasing `now`.
 */
export function createIsnGenerator(spec: IsnSpec, secret: Uint8Array): (now: Millis, tuple: FourTuple) => number {
  if (typeof spec === 'number') {
    const isn = spec >>> 0;
    return () => isn;
  }
  switch (spec) {
    case 'rfc793':
      // RFC 793 §3.3: "the low order bit of [the 32 bit clock] is incremented roughly every 4 microseconds".
      return (now) => rfc793Clock(now);
    case 'rfc6528':
      // RFC 6528 §3: ISN = M + F(localip, localport, remoteip, remoteport, secretkey).
      return (now, tuple) => (rfc793Clock(now) + hash32(secret, withLabel('isn', tupleBytes(tuple)))) >>> 0;
    case 'plus128000': {
      const start = hash32(secret, withLabel('plus128000', new Uint8Array(0)));
      let connections = 0;
      return () => {
        const isn = (start + connections * PLUS128000_STEP) % TWO_32;
        connections++;
        return isn >>> 0;
      };
    }
  }
}

/**
 * What an attacker who saw `observed` (successive ISNs of a `plus128000` host, probed at a steady
 * pace) predicts for the next connection: the last ISN plus the step seen most often between
 * consecutive observations (mod 2^32); with a single observation, the last plus one
 * connection's increment. This is the guess the Mitnick attack relied on.
 */
export function nextIsnPrediction(observed: number[]): number {
  if (observed.length === 0) throw new Error('nextIsnPrediction: needs at least one observed ISN');
  const last = observed[observed.length - 1]! >>> 0;
  if (observed.length === 1) return (last + PLUS128000_STEP) >>> 0;
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (let i = 1; i < observed.length; i++) {
    const d = (observed[i]! - observed[i - 1]!) >>> 0;
    const c = (counts.get(d) ?? 0) + 1;
    counts.set(d, c);
    // Ties go to the most recent step: the pace the attacker is probing at now.
    if (c >= bestCount) {
      best = d;
      bestCount = c;
    }
  }
  return (last + best) >>> 0;
}
