/**
 * The engine's only source of randomness: a seeded, splittable PRNG.
 *
 * xoshiro128** (Blackman & Vigna) seeded through splitmix32. `fork(label)` derives a child stream
 * from the parent's *seed* and the label, never from the parent's position, so adding a consumer
 * (a new fork, or more draws from one stream) does not shift any other stream: a scenario that
 * gains a step keeps the ISNs and secrets it had.
 */

export interface Rng {
  /** Next unsigned 32-bit integer. */
  nextU32(): number;
  /** Next float in [0, 1), 32 bits of precision. */
  nextFloat(): number;
  /** An independent stream named `label`; the same label on the same parent gives the same stream. */
  fork(label: string): Rng;
}

/** splitmix32 step: returns [output, nextState]. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [z >>> 0, next];
}

/** FNV-1a over the UTF-16 code units of `s`, mixed with `seed`. */
function labelHash(seed: number, s: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = Math.imul(h ^ (c & 0xff), 0x01000193);
    h = Math.imul(h ^ (c >>> 8), 0x01000193);
  }
  return h >>> 0;
}

function rotl32(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A stream identified by `id` (a 32-bit value): its state is expanded from `id` by splitmix32. */
function streamFromId(id: number): Rng {
  let sm = id | 0;
  const s = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    const [out, next] = splitmix32(sm);
    s[i] = out;
    sm = next;
  }
  // xoshiro128** must not start from the all-zero state.
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;

  const nextU32 = (): number => {
    const result = Math.imul(rotl32(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2] = s[2]! ^ s[0]!;
    s[3] = s[3]! ^ s[1]!;
    s[1] = s[1]! ^ s[2]!;
    s[0] = s[0]! ^ s[3]!;
    s[2] = s[2]! ^ t;
    s[3] = rotl32(s[3]!, 11);
    return result;
  };
  return {
    nextU32,
    nextFloat: () => nextU32() / 4294967296,
    fork: (label: string) => streamFromId(splitmix32(labelHash(id, label))[0]),
  };
}

/**
 * A PRNG for `seed`. Any finite number works: it is reduced to 32 bits
 * (integers keep their low 32 bits; fractions and large values are folded in).
 */
export function createRng(seed: number): Rng {
  let id: number;
  if (Number.isInteger(seed) && Math.abs(seed) <= 0xffffffff) {
    id = seed >>> 0;
  } else {
    // Fold any other number (fractional, huge, NaN) through its decimal text.
    id = labelHash(0, String(seed));
  }
  return streamFromId(id);
}

/** `n` bytes from `rng` (e.g. a 16-byte secret key for SipHash). */
export function bytesFromRng(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    let w = rng.nextU32();
    for (let k = 0; k < 4 && i + k < n; k++) {
      out[i + k] = w & 0xff;
      w >>>= 8;
    }
  }
  return out;
}
