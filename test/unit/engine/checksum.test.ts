/** The engine's allocation-free checksum path must agree with wire.ts `tcpChecksum`. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentChecksum } from '../../../src/engine/checksum';
import { FLAGS, tcpChecksum, type Segment } from '../../../src/engine/index';

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((p) => p.join('.'));

const segment: fc.Arbitrary<Segment> = fc.record({
  srcAddr: ipv4,
  srcPort: fc.integer({ min: 0, max: 0xffff }),
  dstAddr: ipv4,
  dstPort: fc.integer({ min: 0, max: 0xffff }),
  seq: fc.integer({ min: 0, max: 0xffffffff }),
  ack: fc.integer({ min: 0, max: 0xffffffff }),
  dataOffset: fc.constant(5),
  flags: fc.subarray([...FLAGS]),
  window: fc.integer({ min: 0, max: 0xffff }),
  checksum: fc.constant(0),
  urgentPointer: fc.integer({ min: 0, max: 0xffff }),
  options: fc.constant({}),
  payload: fc.uint8Array({ maxLength: 64 }),
});

describe('segmentChecksum', () => {
  it('equals tcpChecksum for option-less IPv4 segments (odd and even payload lengths)', () => {
    fc.assert(
      fc.property(segment, (seg) => {
        expect(segmentChecksum(seg)).toBe(tcpChecksum(seg));
      }),
      { numRuns: 500 },
    );
  });

  it('delegates segments with options to tcpChecksum', () => {
    const seg: Segment = { srcAddr: '10.0.0.1', srcPort: 1, dstAddr: '10.0.0.2', dstPort: 2, seq: 1, ack: 0, dataOffset: 6, flags: ['SYN'], window: 100, checksum: 0, urgentPointer: 0, options: { mss: 1460 }, payload: new Uint8Array(0) };
    expect(segmentChecksum(seg)).toBe(tcpChecksum(seg));
  });
});
