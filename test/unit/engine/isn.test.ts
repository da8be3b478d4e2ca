import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash32, siphash24 } from '../../../src/engine/hash';
import {
  createIsnGenerator,
  nextIsnPrediction,
  PLUS128000_STEP,
  RFC793_CYCLE_MS,
  type FourTuple,
} from '../../../src/engine/isn';
import { bytesFromRng, createRng } from '../../../src/engine/prng';

const KEY = Uint8Array.from({ length: 16 }, (_, i) => i);
const secret = (seed: number): Uint8Array => bytesFromRng(createRng(seed), 16);
const tuple = (over: Partial<FourTuple> = {}): FourTuple => ({
  localAddr: '10.0.0.2',
  localPort: 80,
  remoteAddr: '10.0.0.1',
  remotePort: 40000,
  ...over,
});
/** RFC 9293 §3.4 sequence-number order: a is after b when (a - b) mod 2^32 is in (0, 2^31). */
const seqAfter = (a: number, b: number): boolean => {
  const d = (a - b) >>> 0;
  return d !== 0 && d < 2 ** 31;
};

// ---------------------------------------------------------------------------------------------
// SipHash-2-4 (hash.ts), the keyed hash F of RFC 6528
// ---------------------------------------------------------------------------------------------

describe('SipHash-2-4', () => {
  // Reference vectors of the SipHash paper (Aumasson & Bernstein 2012, Appendix A and the
  // reference implementation's vectors.h): key 00 01 .. 0f, message 00 01 .. (len-1).
  const VECTORS: [len: number, hex: string][] = [
    [0, '726fdb47dd0e0e31'],
    [1, '74f839c593dc67fd'],
    [2, '0d6c8009d9a94f5a'],
    [3, '85676696d7fb7e2d'],
    [4, 'cf2794e0277187b7'],
    [5, '18765564cd99a68d'],
    [6, 'cbc9466e58fee3ce'],
    [7, 'ab0200f58b01d137'],
    [8, '93f5f5799a932462'],
    [9, '9e0082df0ba9e4b0'],
    [10, '7a5dbbc594ddb9f3'],
    [11, 'f4b32f46226bada7'],
    [12, '751e8fbc860ee5fb'],
    [13, '14ea5627c0843d90'],
    [14, 'f723ca908e7af2ee'],
    [15, 'a129ca6149be45e5'],
    [16, '3f2acc7f57c29bdb'],
    [23, 'a80c038ccd5ccec8'],
    [31, '32d892fad841c342'],
    [32, '7127512f72f27cce'],
    [47, 'd06c98cd5c0975eb'],
    [63, '958a324ceb064572'],
  ];

  it.each(VECTORS)('message of %i bytes → %s', (len, hex) => {
    const [hi, lo] = siphash24(KEY, Uint8Array.from({ length: len }, (_, i) => i));
    expect(hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0')).toBe(hex);
  });

  it('hash32 folds the two halves', () => {
    const [hi, lo] = siphash24(KEY, new Uint8Array(0));
    expect(hash32(KEY, new Uint8Array(0))).toBe((hi ^ lo) >>> 0);
    expect(hash32(KEY, new Uint8Array(0))).toBe((0x726fdb47 ^ 0xdd0e0e31) >>> 0);
  });

  it('rejects a key that is not 16 bytes', () => {
    expect(() => siphash24(new Uint8Array(8), new Uint8Array(0))).toThrow(/16 bytes/);
  });

  it('agrees with a BigInt implementation written independently (random keys and messages)', () => {
    const M = (1n << 64n) - 1n;
    const rotl = (x: bigint, b: bigint): bigint => ((x << b) | (x >> (64n - b))) & M;
    const le64 = (b: Uint8Array, o: number): bigint => {
      let x = 0n;
      for (let i = 7; i >= 0; i--) x = (x << 8n) | BigInt(b[o + i] ?? 0);
      return x;
    };
    const ref = (key: Uint8Array, m: Uint8Array): bigint => {
      const k0 = le64(key, 0);
      const k1 = le64(key, 8);
      const v = [k0 ^ 0x736f6d6570736575n, k1 ^ 0x646f72616e646f6dn, k0 ^ 0x6c7967656e657261n, k1 ^ 0x7465646279746573n];
      const round = (): void => {
        v[0] = (v[0]! + v[1]!) & M; v[1] = rotl(v[1]!, 13n) ^ v[0]; v[0] = rotl(v[0], 32n);
        v[2] = (v[2]! + v[3]!) & M; v[3] = rotl(v[3]!, 16n) ^ v[2];
        v[0] = (v[0] + v[3]) & M; v[3] = rotl(v[3], 21n) ^ v[0];
        v[2] = (v[2] + v[1]) & M; v[1] = rotl(v[1], 17n) ^ v[2]; v[2] = rotl(v[2], 32n);
      };
      const words: bigint[] = [];
      const full = m.length - (m.length % 8);
      for (let o = 0; o < full; o += 8) words.push(le64(m, o));
      let last = BigInt(m.length & 0xff) << 56n;
      for (let i = full; i < m.length; i++) last |= BigInt(m[i]!) << BigInt(8 * (i - full));
      words.push(last);
      for (const w of words) {
        v[3] = v[3]! ^ w;
        round();
        round();
        v[0] = v[0]! ^ w;
      }
      v[2] = v[2]! ^ 0xffn;
      for (let i = 0; i < 4; i++) round();
      return v[0]! ^ v[1]! ^ v[2]! ^ v[3]!;
    };
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ maxLength: 300 }), (key, m) => {
        const [hi, lo] = siphash24(key, m);
        expect((BigInt(hi) << 32n) | BigInt(lo)).toBe(ref(key, m));
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// ISN generators
// ---------------------------------------------------------------------------------------------

describe('fixed ISN', () => {
  it('returns the number whatever the time and tuple', () => {
    const gen = createIsnGenerator(1000, secret(1));
    expect(gen(0, tuple())).toBe(1000);
    expect(gen(123456, tuple({ remotePort: 1 }))).toBe(1000);
  });

  it('is reduced to an unsigned 32-bit value', () => {
    expect(createIsnGenerator(2 ** 32 + 5, secret(1))(0, tuple())).toBe(5);
    expect(createIsnGenerator(-1, secret(1))(0, tuple())).toBe(0xffffffff);
  });
});

describe('rfc793 (RFC 793 §3.3: a clock ticking every 4 µs)', () => {
  const gen = createIsnGenerator('rfc793', secret(1));

  it('advances 250 per millisecond, 250 000 per second', () => {
    expect(gen(0, tuple())).toBe(0);
    expect(gen(1, tuple())).toBe(250);
    expect(gen(1000, tuple())).toBe(250000);
    expect(gen(0.004, tuple())).toBe(1); // one 4 µs tick
  });

  it('does not depend on the tuple or the secret', () => {
    expect(gen(5000, tuple({ remotePort: 1 }))).toBe(gen(5000, tuple()));
    expect(createIsnGenerator('rfc793', secret(2))(5000, tuple())).toBe(gen(5000, tuple()));
  });

  it('wraps at 2^32 after one cycle of about 4.77 hours (the RFC rounds it to "4.55 hours")', () => {
    expect(RFC793_CYCLE_MS).toBe((2 ** 32 * 4) / 1000);
    expect(RFC793_CYCLE_MS / 3_600_000).toBeGreaterThan(4.5);
    expect(RFC793_CYCLE_MS / 3_600_000).toBeLessThan(4.8);
    expect(gen(RFC793_CYCLE_MS - 0.004, tuple())).toBe(2 ** 32 - 1);
    expect(gen(RFC793_CYCLE_MS, tuple())).toBe(0);
    expect(gen(RFC793_CYCLE_MS + 1, tuple())).toBe(250);
    expect(gen(3 * RFC793_CYCLE_MS + 1000, tuple())).toBe(250000);
  });
});

describe('rfc6528 (RFC 6528 §3: ISN = M + F(4-tuple, secret))', () => {
  it('differs between 4-tuples at the same moment', () => {
    const gen = createIsnGenerator('rfc6528', secret(1));
    const tuples = [
      tuple(),
      tuple({ remotePort: 40001 }),
      tuple({ localPort: 81 }),
      tuple({ remoteAddr: '10.0.0.3' }),
      tuple({ localAddr: '10.0.0.9' }),
      tuple({ localAddr: '2001:db8::2', remoteAddr: '2001:db8::1' }),
    ];
    const isns = tuples.map((t) => gen(1000, t));
    expect(new Set(isns).size).toBe(tuples.length);
  });

  it('differs between secrets (an off-path attacker cannot compute it)', () => {
    expect(createIsnGenerator('rfc6528', secret(1))(0, tuple())).not.toBe(createIsnGenerator('rfc6528', secret(2))(0, tuple()));
  });

  it('for one tuple, increases with time exactly like the RFC 793 clock', () => {
    const gen = createIsnGenerator('rfc6528', secret(3));
    const clock = createIsnGenerator('rfc793', secret(3));
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.double({ min: 1, max: RFC793_CYCLE_MS / 2 - 1, noNaN: true }), (t, dt) => {
        const a = gen(t, tuple());
        const b = gen(t + dt, tuple());
        expect(seqAfter(b, a)).toBe(true);
        expect((b - a) >>> 0).toBe((clock(t + dt, tuple()) - clock(t, tuple())) >>> 0);
      }),
    );
  });

  it('is a pure function of time and tuple (calling it again gives the same value)', () => {
    const gen = createIsnGenerator('rfc6528', secret(4));
    expect(gen(777, tuple())).toBe(gen(777, tuple()));
  });
});

describe('plus128000 (the predictable counter of the Mitnick era)', () => {
  it('each new connection gets the previous ISN + 128000, however much time passed', () => {
    const gen = createIsnGenerator('plus128000', secret(2));
    const isns = [0, 10, 500, 2500, 60000].map((t, i) => gen(t, tuple({ remotePort: 40000 + i })));
    for (let i = 1; i < isns.length; i++) expect((isns[i]! - isns[i - 1]!) >>> 0).toBe(PLUS128000_STEP);
    expect(PLUS128000_STEP).toBe(128000);
  });

  it('starts from a secret-derived value, then is predictable from what an attacker sees', () => {
    const gA = createIsnGenerator('plus128000', secret(5));
    const gB = createIsnGenerator('plus128000', secret(6));
    expect(gA(0, tuple())).not.toBe(gB(0, tuple()));

    const gen = createIsnGenerator('plus128000', secret(7));
    const seen: number[] = [];
    for (let t = 0; t < 5000; t += 500) seen.push(gen(t, tuple({ remotePort: 1000 + t })));
    expect(gen(5000, tuple())).toBe(nextIsnPrediction(seen));
    expect(nextIsnPrediction(seen.slice(-1))).toBe((seen[seen.length - 1]! + 128000) >>> 0);
  });

  it('wraps modulo 2^32', () => {
    const gen = createIsnGenerator('plus128000', secret(8));
    let v = 0;
    for (let i = 0; i < 40000; i++) v = gen(i, tuple());
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThan(2 ** 32);
    expect(Number.isInteger(v)).toBe(true);
  });
});

describe('nextIsnPrediction', () => {
  it('adds the most frequent step to the last ISN, modulo 2^32', () => {
    expect(nextIsnPrediction([100, 228100, 356100])).toBe(484100);
    expect(nextIsnPrediction([2 ** 32 - 64000, 64000])).toBe(192000);
    expect(nextIsnPrediction([0, 128000, 256000, 448000, 576000])).toBe(704000);
  });

  it('with a single observation, predicts one connection increment', () => {
    expect(nextIsnPrediction([5])).toBe(5 + 128000);
  });

  it('needs at least one observation', () => {
    expect(() => nextIsnPrediction([])).toThrow(/at least one/);
  });

  it('cannot predict an rfc6528 host', () => {
    const gen = createIsnGenerator('rfc6528', secret(9));
    const seen: number[] = [];
    for (let p = 0; p < 5; p++) seen.push(gen(p * 600, tuple({ remotePort: 2000 + p })));
    expect(gen(3000, tuple())).not.toBe(nextIsnPrediction(seen));
  });
});
