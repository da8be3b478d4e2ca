import { describe, expect, it } from 'vitest';
import { bytesFromRng, createRng, type Rng } from '../../../src/engine/prng';

function draw(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextU32());
}

describe('createRng', () => {
  it('the same seed gives the same sequence', () => {
    expect(draw(createRng(42), 20)).toEqual(draw(createRng(42), 20));
  });

  it('different seeds give different sequences', () => {
    const seqs = [0, 1, 2, 7, 42, 0xffffffff].map((s) => draw(createRng(s), 4).join(','));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('accepts any finite number as a seed, deterministically', () => {
    for (const seed of [1.5, -3, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      expect(draw(createRng(seed), 5)).toEqual(draw(createRng(seed), 5));
    }
    expect(draw(createRng(1.5), 5)).not.toEqual(draw(createRng(1), 5));
  });

  it('nextU32 returns unsigned 32-bit integers', () => {
    const rng = createRng(9);
    for (let i = 0; i < 1000; i++) {
      const x = rng.nextU32();
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(2 ** 32);
    }
  });

  it('nextFloat is in [0, 1) and spread evenly over 16 buckets', () => {
    const rng = createRng(123);
    const buckets = new Array<number>(16).fill(0);
    const n = 32000;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = rng.nextFloat();
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
      buckets[Math.floor(x * 16)]!++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeGreaterThan(0.49);
    expect(sum / n).toBeLessThan(0.51);
    for (const b of buckets) {
      expect(b).toBeGreaterThan((n / 16) * 0.9);
      expect(b).toBeLessThan((n / 16) * 1.1);
    }
  });

  it('every bit of nextU32 is used (each bit set about half the time)', () => {
    const rng = createRng(5);
    const ones = new Array<number>(32).fill(0);
    const n = 8000;
    for (let i = 0; i < n; i++) {
      const x = rng.nextU32();
      for (let b = 0; b < 32; b++) if ((x >>> b) & 1) ones[b]!++;
    }
    for (const c of ones) {
      expect(c).toBeGreaterThan(n * 0.45);
      expect(c).toBeLessThan(n * 0.55);
    }
  });
});

describe('fork', () => {
  it('a fork does not depend on how much the parent has been used', () => {
    const fresh = draw(createRng(7).fork('isn'), 10);
    const used = createRng(7);
    draw(used, 100);
    used.fork('other');
    expect(draw(used.fork('isn'), 10)).toEqual(fresh);
  });

  it('adding a consumer does not shift the others', () => {
    const a = createRng(7);
    const before = draw(a.fork('client'), 5);
    const b = createRng(7);
    draw(b.fork('new-consumer'), 50);
    expect(draw(b.fork('client'), 5)).toEqual(before);
  });

  it('different labels and different seeds give different streams', () => {
    const streams = [
      draw(createRng(7).fork('client'), 4),
      draw(createRng(7).fork('server'), 4),
      draw(createRng(8).fork('client'), 4),
      draw(createRng(7), 4),
      draw(createRng(7).fork('client').fork('client'), 4),
    ].map((s) => s.join(','));
    expect(new Set(streams).size).toBe(streams.length);
  });

  it('labels differing only above the low byte of a character still differ', () => {
    expect(draw(createRng(1).fork('\u0141'), 4)).not.toEqual(draw(createRng(1).fork('\u0041'), 4));
  });

  it('drawing from a fork does not change the parent', () => {
    const a = createRng(3);
    const b = createRng(3);
    draw(a.fork('x'), 30);
    expect(draw(a, 5)).toEqual(draw(b, 5));
  });
});

describe('bytesFromRng', () => {
  it('returns n bytes, deterministic for the seed', () => {
    for (const n of [0, 1, 3, 4, 5, 16, 33]) {
      const bytes = bytesFromRng(createRng(11), n);
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(bytes.length).toBe(n);
      expect(bytes).toEqual(bytesFromRng(createRng(11), n));
    }
  });

  it('a 16-byte key is not constant and differs between seeds', () => {
    const k1 = bytesFromRng(createRng(1), 16);
    const k2 = bytesFromRng(createRng(2), 16);
    expect(new Set(k1).size).toBeGreaterThan(4);
    expect(k1).not.toEqual(k2);
  });
});
