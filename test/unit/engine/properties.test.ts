/**
 * Properties over random networks: whatever the loss, duplication, delay and reordering, the byte
 * streams arrive intact and both ends finish closed. Plus determinism and the safety caps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioError, SimulationLimitError, encodeSegment, headerLength, simulate, verifyChecksum, type Fault, type Flag, type Profile, type Scenario } from '../../../src/engine/index';
import { CLIENT, SERVER, close, connect, listen, scenario, send, wait } from './helpers';

const flagSets: (Flag[] | undefined)[] = [undefined, ['SYN'], ['ACK', 'SYN'], ['ACK'], ['ACK', 'PSH'], ['ACK', 'FIN']];

const faultArb: fc.Arbitrary<Fault> = fc.record({
  kind: fc.constantFrom<Fault['kind']>('drop', 'duplicate', 'delay', 'reorder'),
  from: fc.constantFrom<string | undefined>(undefined, 'client', 'server'),
  flags: fc.constantFrom(...flagSets),
  nth: fc.integer({ min: 1, max: 5 }),
  count: fc.integer({ min: 1, max: 3 }),
  by: fc.integer({ min: 0, max: 3000 }),
}).map(({ kind, from, flags, nth, count, by }) => {
  const match: Fault['match'] = {};
  if (from !== undefined) match.from = from;
  if (flags !== undefined) match.flags = flags;
  const f: Fault = { kind, match, nth, count };
  if (kind === 'delay') f.by = by;
  return f;
});

function exchange(profile: Profile, a: number, b: number, faults: Fault[], seed: number): Scenario {
  return scenario([listen(), connect(), send('client', a), send('server', b), close('client'), close('server'), wait(600_000)], { profile, faults, seed, hosts: { client: { ...CLIENT, isn: 'rfc6528' }, server: { ...SERVER, isn: 'rfc6528' } } });
}

describe('random faults', () => {
  it.each(['rfc9293', 'linux'] as const)('%s: both streams arrive intact and both ends close', (profile) => {
    const stats = { runs: 0, faulty: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), fc.array(faultArb, { minLength: 1, maxLength: 4 }), fc.integer(), (a, b, faults, seed) => {
        const t = simulate(exchange(profile, a, b, faults, seed));
        expect(t.received.server).toEqual(t.sent.client);
        expect(t.received.client).toEqual(t.sent.server);
        expect(t.sent.client).toHaveLength(a);
        expect(t.final.client).toBe('CLOSED');
        // The server's listener stays open: a stray SYN (a delayed duplicate) may have opened and
        // reset a fresh child, leaving the listener as its primary TCB.
        expect(['CLOSED', 'LISTEN']).toContain(t.final.server);
        expect(t.errors).toEqual([]);
        stats.runs++;
        if (t.segments.some((s) => s.fate !== 'delivered' || s.retransmission || (s.arrivedAt !== null && s.arrivedAt - s.sentAt !== 50))) stats.faulty++;
      }),
      { numRuns: Number(process.env.ENGINE_PROP_RUNS ?? 150) },
    );
    // The generator really exercises the network: many runs lose, copy, delay or retransmit something.
    expect(stats.faulty).toBeGreaterThan(stats.runs / 5);
  });
});

describe('determinism', () => {
  it('the same scenario gives the same trace', () => {
    const faults: Fault[] = [{ kind: 'drop', match: { from: 'client', flags: ['ACK'] }, nth: 2, count: 1 }, { kind: 'duplicate', match: { from: 'server' }, nth: 3, count: 2 }];
    const s = exchange('linux', 3000, 2000, faults, 42);
    expect(simulate(s)).toEqual(simulate(structuredClone(s)));
  });

  it('the seed decides the generated ISNs', () => {
    const a = simulate(exchange('rfc9293', 10, 10, [], 1));
    const b = simulate(exchange('rfc9293', 10, 10, [], 2));
    expect(a.hosts.client!.isn).not.toBe(b.hosts.client!.isn);
  });
});

describe('safety caps', () => {
  it('too many segments → SimulationLimitError(maxSegments)', () => {
    const s = { ...exchange('rfc9293', 50_000, 0, [], 1), limits: { maxSegments: 20 } };
    expect(() => simulate(s)).toThrow(SimulationLimitError);
    try {
      simulate(s);
    } catch (e) {
      expect((e as SimulationLimitError).limit).toBe('maxSegments');
    }
  });

  it('too many events → SimulationLimitError(maxEvents)', () => {
    expect(() => simulate({ ...exchange('rfc9293', 1000, 0, [], 1), limits: { maxEvents: 10 } })).toThrow(/maxEvents/);
  });

  it('waiting past the virtual-time cap → SimulationLimitError(maxVirtualTime)', () => {
    expect(() => simulate({ ...scenario([wait(3_600_000)]), limits: { maxVirtualTime: 60_000 } })).toThrow(/maxVirtualTime/);
  });

  it('a connect to an unknown host is a ScenarioError carrying the step source', () => {
    const s = scenario([{ kind: 'call', host: 'client', call: 'connect', target: 'nobody', source: { line: 9 } }]);
    try {
      simulate(s);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).source).toEqual({ line: 9 });
    }
  });

  it('every segment has its header fields filled: data offset from the options, a checksum', () => {
    const t = simulate(exchange('linux', 100, 100, [], 3));
    for (const s of t.segments) {
      expect(s.seg.dataOffset).toBe(headerLength(s.seg.options) / 4);
      expect(verifyChecksum(encodeSegment(s.seg), s.seg.srcAddr, s.seg.dstAddr)).toBe(true);
    }
    // Snapshots are shared when nothing changed, and there is one per event.
    expect(t.tcbs).toHaveLength(t.events.length);
  });
});
