/**
 * SipHash-2-4 (Aumasson & Bernstein, "SipHash: a fast short-input PRF", 2012), the keyed hash
 * behind the engine's RFC 6528 ISNs and SYN cookies. Linux uses SipHash for the same jobs
 * (`secure_tcp_seq`, `cookie_v4_hash`).
 *
 * Pure TypeScript on 32-bit halves: JavaScript numbers cannot hold 64-bit integers exactly and
 * BigInt is slow, so each 64-bit word is a (hi, lo) pair of unsigned 32-bit numbers.
 */

/** The SipHash state: v0..v3 as hi/lo pairs, in one typed array so rounds allocate nothing. */
type SipState = Uint32Array; // [v0hi, v0lo, v1hi, v1lo, v2hi, v2lo, v3hi, v3lo]

/** a += b (mod 2^64), on state words i and j. */
function add(v: SipState, i: number, j: number): void {
  const lo = v[i + 1]! + v[j + 1]!;
  v[i] = v[i]! + v[j]! + (lo > 0xffffffff ? 1 : 0);
  v[i + 1] = lo;
}

/** Rotate state word i left by r bits (0 < r < 64). */
function rotl(v: SipState, i: number, r: number): void {
  let hi = v[i]!;
  let lo = v[i + 1]!;
  if (r >= 32) {
    const t = hi;
    hi = lo;
    lo = t;
    r -= 32;
  }
  if (r > 0) {
    const nhi = (hi << r) | (lo >>> (32 - r));
    const nlo = (lo << r) | (hi >>> (32 - r));
    hi = nhi;
    lo = nlo;
  }
  v[i] = hi;
  v[i + 1] = lo;
}

/** a ^= b on state words i and j. */
function xor(v: SipState, i: number, j: number): void {
  v[i] = v[i]! ^ v[j]!;
  v[i + 1] = v[i + 1]! ^ v[j + 1]!;
}

const V0 = 0;
const V1 = 2;
const V2 = 4;
const V3 = 6;

/** One SipRound (paper §2.1). */
function sipRound(v: SipState): void {
  add(v, V0, V1);
  rotl(v, V1, 13);
  xor(v, V1, V0);
  rotl(v, V0, 32);
  add(v, V2, V3);
  rotl(v, V3, 16);
  xor(v, V3, V2);
  add(v, V0, V3);
  rotl(v, V3, 21);
  xor(v, V3, V0);
  add(v, V2, V1);
  rotl(v, V1, 17);
  xor(v, V1, V2);
  rotl(v, V2, 32);
}

/** Little-endian 32-bit read of up to 4 bytes starting at `off` (missing bytes are zero). */
function le32(b: Uint8Array, off: number, end: number): number {
  let x = 0;
  for (let k = 3; k >= 0; k--) {
    const idx = off + k;
    x = (x << 8) | (idx < end ? b[idx]! : 0);
  }
  return x >>> 0;
}

/**
 * SipHash-2-4 of `data` under the 128-bit `key`.
 * Returns the 64-bit result as two unsigned 32-bit halves `[hi, lo]`,
 * e.g. key 00..0f and the empty message give `[0x726fdb47, 0xdd0e0e31]`.
 */
export function siphash24(key: Uint8Array, data: Uint8Array): [hi: number, lo: number] {
  if (key.length !== 16) throw new Error(`siphash24: the key must be 16 bytes, got ${key.length}`);
  const k0lo = le32(key, 0, 16);
  const k0hi = le32(key, 4, 16);
  const k1lo = le32(key, 8, 16);
  const k1hi = le32(key, 12, 16);
  // Initialisation constants: "somepseudorandomlygeneratedbytes".
  const v: SipState = new Uint32Array([
    k0hi ^ 0x736f6d65, k0lo ^ 0x70736575,
    k1hi ^ 0x646f7261, k1lo ^ 0x6e646f6d,
    k0hi ^ 0x6c796765, k0lo ^ 0x6e657261,
    k1hi ^ 0x74656462, k1lo ^ 0x79746573,
  ]);
  const len = data.length;
  const full = len - (len % 8);
  const compress = (mhi: number, mlo: number): void => {
    v[V3] = v[V3]! ^ mhi;
    v[V3 + 1] = v[V3 + 1]! ^ mlo;
    sipRound(v);
    sipRound(v);
    v[V0] = v[V0]! ^ mhi;
    v[V0 + 1] = v[V0 + 1]! ^ mlo;
  };
  for (let off = 0; off < full; off += 8) {
    compress(le32(data, off + 4, len), le32(data, off, len));
  }
  // Last word: the remaining 0..7 bytes, with the message length mod 256 in the top byte.
  const lastLo = le32(data, full, len);
  const lastHi = (le32(data, full + 4, len) | ((len & 0xff) << 24)) >>> 0;
  compress(lastHi, lastLo);
  // Finalisation.
  v[V2 + 1] = v[V2 + 1]! ^ 0xff;
  sipRound(v);
  sipRound(v);
  sipRound(v);
  sipRound(v);
  const hi = (v[V0]! ^ v[V1]! ^ v[V2]! ^ v[V3]!) >>> 0;
  const lo = (v[V0 + 1]! ^ v[V1 + 1]! ^ v[V2 + 1]! ^ v[V3 + 1]!) >>> 0;
  return [hi, lo];
}

/** A 32-bit keyed hash: SipHash-2-4 folded to 32 bits (hi XOR lo), unsigned. */
export function hash32(key: Uint8Array, data: Uint8Array): number {
  const [hi, lo] = siphash24(key, data);
  return (hi ^ lo) >>> 0;
}
