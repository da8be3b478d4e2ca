/** RFC 9293 §3.4 sequence arithmetic: modulo 2^32, compared by signed difference. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt, seqSub } from '../../../src/engine/index';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const HALF = 2 ** 31;

describe('sequence numbers', () => {
  it('wrap around 2^32: 2^32-16 is before 16', () => {
    expect(seqLt(0xfffffff0, 0x10)).toBe(true);
    expect(seqGt(0x10, 0xfffffff0)).toBe(true);
    expect(seqAdd(0xffffffff, 1)).toBe(0);
    expect(seqSub(0, 1)).toBe(0xffffffff);
    expect(seqDiff(0x10, 0xfffffff0)).toBe(32);
  });

  it('seqAdd and seqSub are inverse and stay unsigned 32-bit', () => {
    fc.assert(
      fc.property(u32, fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (a, n) => {
        const b = seqAdd(a, n);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThanOrEqual(0xffffffff);
        expect(seqSub(b, n)).toBe(a);
      }),
    );
  });

  it('the order is total and antisymmetric for numbers less than 2^31 apart', () => {
    fc.assert(
      fc.property(u32, u32, (a, b) => {
        fc.pre(Math.abs(seqDiff(a, b)) !== HALF);
        const lt = seqLt(a, b);
        const gt = seqGt(a, b);
        const eq = a === b;
        expect([lt, gt, eq].filter(Boolean)).toHaveLength(1);
        expect(seqLt(b, a)).toBe(gt);
        expect(seqLe(a, b)).toBe(lt || eq);
        expect(seqGe(a, b)).toBe(gt || eq);
      }),
    );
  });

  it('adding a positive distance below 2^31 always moves forward, across the wrap too', () => {
    fc.assert(
      fc.property(u32, fc.integer({ min: 1, max: HALF - 1 }), (a, d) => {
        expect(seqGt(seqAdd(a, d), a)).toBe(true);
        expect(seqDiff(seqAdd(a, d), a)).toBe(d);
      }),
    );
  });

  it('is transitive inside a window', () => {
    fc.assert(
      fc.property(u32, fc.integer({ min: 0, max: 2 ** 30 }), fc.integer({ min: 0, max: 2 ** 30 }), (a, d1, d2) => {
        const b = seqAdd(a, d1);
        const c = seqAdd(b, d2);
        expect(seqLe(a, b) && seqLe(b, c) && seqLe(a, c)).toBe(true);
      }),
    );
  });
});
