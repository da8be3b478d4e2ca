import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FourTuple } from '../../../src/engine/isn';
import { bytesFromRng, createRng } from '../../../src/engine/prng';
import { checkCookie, makeCookie, MAX_SYNCOOKIE_AGE, MSS_TABLE, mssIndexFor, SYNCOOKIE_TICK_MS } from '../../../src/engine/syncookie';

const MINUTE = SYNCOOKIE_TICK_MS;
const secret = (seed: number): Uint8Array => bytesFromRng(createRng(seed), 16);
const tuple = (over: Partial<FourTuple> = {}): FourTuple => ({
  localAddr: '10.0.0.2',
  localPort: 80,
  remoteAddr: '10.0.0.1',
  remotePort: 40000,
  ...over,
});

const base = { tuple: tuple(), peerIsn: 1000, mss: 1460, now: 5 * MINUTE + 1234, secret: secret(1) };
const check = (cookie: number, over: Partial<Parameters<typeof checkCookie>[0]> = {}) =>
  checkCookie({ tuple: base.tuple, peerIsn: base.peerIsn, now: base.now, secret: base.secret, cookie, ...over });

describe('MSS table', () => {
  it('is Linux-like: 536, 1300, 1440, 1460', () => {
    expect(MSS_TABLE).toEqual([536, 1300, 1440, 1460]);
  });

  it('a cookie keeps the largest table MSS not above the offered one', () => {
    const cases: [offered: number, kept: number][] = [
      [1460, 1460],
      [9000, 1460],
      [1459, 1440],
      [1440, 1440],
      [1400, 1300],
      [1300, 1300],
      [1299, 536],
      [536, 536],
      [100, 536], // below the table: the smallest entry, as Linux does
    ];
    for (const [offered, kept] of cases) {
      expect(MSS_TABLE[mssIndexFor(offered)]).toBe(kept);
      const cookie = makeCookie({ ...base, mss: offered });
      expect(check(cookie)).toEqual({ ok: true, mss: kept });
    }
  });
});

describe('round trip', () => {
  it('a cookie checked in the same minute is accepted with its MSS', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 1, max: 65535 }),
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        fc.nat(1000),
        (peerIsn, remotePort, mss, now, seed) => {
          const t = tuple({ remotePort });
          const s = secret(seed);
          const cookie = makeCookie({ tuple: t, peerIsn, mss, now, secret: s });
          expect(cookie).toBeGreaterThanOrEqual(0);
          expect(cookie).toBeLessThan(2 ** 32);
          expect(checkCookie({ tuple: t, peerIsn, cookie, now, secret: s })).toEqual({ ok: true, mss: MSS_TABLE[mssIndexFor(mss)] });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('still accepted in the next minute (the ACK may take a while)', () => {
    const cookie = makeCookie(base);
    const made = Math.floor(base.now / MINUTE) * MINUTE;
    expect(check(cookie, { now: made + MINUTE - 1 })).toEqual({ ok: true, mss: 1460 });
    expect(check(cookie, { now: made + MINUTE + 30000 })).toEqual({ ok: true, mss: 1460 });
  });

  it('works over IPv6 tuples too', () => {
    const t = tuple({ localAddr: '2001:db8::2', remoteAddr: '2001:db8::1' });
    const cookie = makeCookie({ ...base, tuple: t, mss: 1440 });
    expect(check(cookie, { tuple: t })).toEqual({ ok: true, mss: 1440 });
  });

  it('looks unpredictable: cookies for neighbouring connections share no obvious pattern', () => {
    const cookies = Array.from({ length: 64 }, (_, i) => makeCookie({ ...base, tuple: tuple({ remotePort: 40000 + i }) }));
    expect(new Set(cookies).size).toBe(64);
    const highBytes = new Set(cookies.map((c) => c >>> 24));
    expect(highBytes.size).toBeGreaterThan(32); // the time counter is hidden under the hash
  });
});

describe('stale', () => {
  it(`a cookie ${MAX_SYNCOOKIE_AGE} or more minutes old is stale`, () => {
    const cookie = makeCookie(base);
    const made = Math.floor(base.now / MINUTE) * MINUTE;
    expect(check(cookie, { now: made + MAX_SYNCOOKIE_AGE * MINUTE })).toEqual({ ok: false, reason: 'stale' });
    expect(check(cookie, { now: made + 10 * MINUTE })).toEqual({ ok: false, reason: 'stale' });
    expect(check(cookie, { now: made + 200 * MINUTE })).toEqual({ ok: false, reason: 'stale' });
  });

  it('a cookie from the future (clock mismatch) is not accepted', () => {
    const cookie = makeCookie({ ...base, now: base.now + 3 * MINUTE });
    expect(check(cookie).ok).toBe(false);
  });
});

describe('forged', () => {
  it('any single flipped bit is rejected as forged', () => {
    for (const seed of [1, 2, 3]) {
      const s = secret(seed);
      for (const mss of MSS_TABLE) {
        const cookie = makeCookie({ ...base, mss, secret: s });
        for (let bit = 0; bit < 32; bit++) {
          const bad = (cookie ^ (1 << bit)) >>> 0;
          expect(check(bad, { secret: s }), `seed ${seed}, mss ${mss}, bit ${bit}`).toEqual({ ok: false, reason: 'forged' });
        }
      }
    }
  });

  it("another connection's cookie is rejected", () => {
    const cookie = makeCookie(base);
    expect(check(cookie, { tuple: tuple({ remotePort: 40001 }) })).toEqual({ ok: false, reason: 'forged' });
    expect(check(cookie, { tuple: tuple({ remoteAddr: '10.0.0.7' }) })).toEqual({ ok: false, reason: 'forged' });
    expect(check(cookie, { tuple: tuple({ localPort: 8080 }) })).toEqual({ ok: false, reason: 'forged' });
    expect(check(cookie, { peerIsn: base.peerIsn + 1 })).toEqual({ ok: false, reason: 'forged' });
  });

  it('a cookie made with another secret (another host, or after a reboot) is rejected', () => {
    const cookie = makeCookie({ ...base, secret: secret(99) });
    expect(check(cookie)).toEqual({ ok: false, reason: 'forged' });
  });

  it('blind guesses are rejected', () => {
    const rng = createRng(2024);
    let accepted = 0;
    for (let i = 0; i < 20000; i++) if (check(rng.nextU32()).ok) accepted++;
    expect(accepted).toBe(0);
  });
});
