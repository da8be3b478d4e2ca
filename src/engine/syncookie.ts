/**
 * SYN cookies (RFC 4987 §3.6; the idea of Linux `net/ipv4/syncookies.c`, re-derived here).
 *
 * A listener under a SYN flood keeps no state for a SYN: it encodes what it needs into the ISN of
 * its SYN,ACK and recovers it from the acknowledgment number of the final ACK (cookie = ack - 1).
 *
 * The 32-bit cookie is
 *
 *     cookie = H1(tuple, peerIsn) + (minute mod 256) << 24 + low24        (mod 2^32)
 *     low24  = MAC(minute, mssIndex) << 2 | mssIndex                       (22 + 2 bits)
 *
 * - H1 is a keyed hash that makes the cookie look like any other unpredictable ISN and hides the counter;
 * - `minute` = floor(now / 60000), a coarse time counter, so a cookie expires;
 * - `mssIndex` indexes MSS_TABLE (a cookie has no room for the full MSS the client offered);
 * - MAC is 22 bits of a keyed hash over the tuple, the peer's ISN, the absolute minute and the
 *   index, so changing any bit of the cookie, or using it for another connection, fails the check.
 *
 * Linux adds the MSS index unauthenticated; here it is covered by the MAC so that a changed
 * index is reported as forged instead of silently giving another MSS.
 */

import { hash32 } from './hash';
import { tupleBytes, type FourTuple } from './isn';
import type { Millis } from './types';

/** The MSS values a cookie can carry (Linux's IPv4 `msstab`). */
export const MSS_TABLE: readonly number[] = [536, 1300, 1440, 1460];

/** Length of one counter tick. */
export const SYNCOOKIE_TICK_MS = 60000;

/**
 * A cookie is accepted while its counter is less than this many ticks old (like Linux's
 * MAX_SYNCOOKIE_AGE): made in this minute or the previous one, i.e. at most about 2 minutes.
 */
export const MAX_SYNCOOKIE_AGE = 2;

const COUNTER_BITS = 8;
const COUNTER_MOD = 1 << COUNTER_BITS;
const LOW_BITS = 24;
const LOW_MASK = 0xffffff;
const INDEX_BITS = 2;
const INDEX_MASK = (1 << INDEX_BITS) - 1;
const MAC_MASK = (1 << (LOW_BITS - INDEX_BITS)) - 1;

function minuteOf(now: Millis): number {
  return Math.floor(now / SYNCOOKIE_TICK_MS);
}

/** Bytes for the hashes: a label, the tuple, the peer's ISN, then extra 32-bit words. */
function hashInput(label: number, tuple: FourTuple, peerIsn: number, ...words: number[]): Uint8Array {
  const t = tupleBytes(tuple);
  const out = new Uint8Array(1 + t.length + 4 * (1 + words.length));
  const dv = new DataView(out.buffer);
  out[0] = label;
  out.set(t, 1);
  let p = 1 + t.length;
  for (const w of [peerIsn, ...words]) {
    dv.setUint32(p, w >>> 0);
    p += 4;
  }
  return out;
}

function h1(secret: Uint8Array, tuple: FourTuple, peerIsn: number): number {
  return hash32(secret, hashInput(1, tuple, peerIsn));
}

function mac(secret: Uint8Array, tuple: FourTuple, peerIsn: number, minute: number, index: number): number {
  // The minute can exceed 32 bits only after ~8000 years of virtual time; split it anyway.
  return hash32(secret, hashInput(2, tuple, peerIsn, Math.floor(minute / 2 ** 32), minute >>> 0, index)) & MAC_MASK;
}

/** Index of the largest table MSS not above `mss` (0 when `mss` is below every entry, as Linux does). */
export function mssIndexFor(mss: number): number {
  for (let i = MSS_TABLE.length - 1; i > 0; i--) if (mss >= MSS_TABLE[i]!) return i;
  return 0;
}

/** The ISN of a SYN,ACK sent as a SYN cookie for a SYN from `tuple` (local = the listener) with ISN `peerIsn`. */
export function makeCookie(p: { tuple: FourTuple; peerIsn: number; mss: number; now: Millis; secret: Uint8Array }): number {
  const minute = minuteOf(p.now);
  const index = mssIndexFor(p.mss);
  const low = ((mac(p.secret, p.tuple, p.peerIsn, minute, index) << INDEX_BITS) | index) & LOW_MASK;
  return (h1(p.secret, p.tuple, p.peerIsn) + (minute % COUNTER_MOD) * 2 ** LOW_BITS + low) % 2 ** 32 >>> 0;
}

export type CookieCheck = { ok: true; mss: number } | { ok: false; reason: 'forged' | 'stale' };

/**
 * Check a cookie (the final ACK's acknowledgment number minus 1) for `tuple` and the peer's ISN
 * (the ACK's sequence number minus 1). `stale`: a genuine cookie whose counter is MAX_SYNCOOKIE_AGE
 * or more ticks old (up to 255 ticks back; older ones read as forged). `forged`: anything else that
 * does not verify: a guessed value, a changed bit, another connection's cookie.
 */
export function checkCookie(p: { tuple: FourTuple; peerIsn: number; cookie: number; now: Millis; secret: Uint8Array }): CookieCheck {
  const diff = (p.cookie - h1(p.secret, p.tuple, p.peerIsn)) >>> 0;
  const counter = diff >>> LOW_BITS;
  const low = diff & LOW_MASK;
  const nowMinute = minuteOf(p.now);
  const age = (((nowMinute - counter) % COUNTER_MOD) + COUNTER_MOD) % COUNTER_MOD;
  const minute = nowMinute - age;
  const index = low & INDEX_MASK;
  const genuine = minute >= 0 && index < MSS_TABLE.length && low >>> INDEX_BITS === mac(p.secret, p.tuple, p.peerIsn, minute, index);
  if (!genuine) return { ok: false, reason: 'forged' };
  if (age >= MAX_SYNCOOKIE_AGE) return { ok: false, reason: 'stale' };
  return { ok: true, mss: MSS_TABLE[index]! };
}
