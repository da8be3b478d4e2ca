/**
 * 32-bit modular sequence-number arithmetic (RFC 9293 §3.4).
 *
 * RFC 9293 §3.4: "the sequence number space ranges from 0 to 2^32 - 1 ... all arithmetic dealing
 * with sequence numbers must be performed modulo 2^32". Comparisons use the signed 32-bit
 * difference (like lwIP's TCP_SEQ_LT and Linux's `before()`): `a` is before `b` when `a - b`,
 * taken as a signed 32-bit integer, is negative. The order is consistent for any two numbers less
 * than 2^31 apart; exactly 2^31 apart is ambiguous (each reads as before the other), which a
 * window of at most 2^30 bytes (RFC 7323) never meets. Never compare sequence numbers with `<`.
 */

/** `a + n` modulo 2^32 (`n` may be negative). */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** `a - n` modulo 2^32. */
export function seqSub(a: number, n: number): number {
  return (a - n) >>> 0;
}

/** The signed 32-bit difference `a - b`: how far `a` is ahead of `b` (negative: behind). */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

/** `a` is before `b` (RFC 9293 "<" on sequence numbers). */
export function seqLt(a: number, b: number): boolean {
  return seqDiff(a, b) < 0;
}

/** `a` is before or equal to `b`. */
export function seqLe(a: number, b: number): boolean {
  return seqDiff(a, b) <= 0;
}

/** `a` is after `b`. */
export function seqGt(a: number, b: number): boolean {
  return seqDiff(a, b) > 0;
}

/** `a` is after or equal to `b`. */
export function seqGe(a: number, b: number): boolean {
  return seqDiff(a, b) >= 0;
}
