import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLAGS, type Flag, type Segment, type TcpOptions } from '../../../src/engine/types';
import {
  decodeSegment,
  effectiveWindow,
  encodeSegment,
  fieldLayout,
  flagsFromByte,
  flagsToByte,
  headerLength,
  parseAddress,
  tcpChecksum,
  verifyChecksum,
} from '../../../src/engine/wire';

// ---------------------------------------------------------------------------------------------
// Factories and an independent reference checksum (plain sum of 16-bit words, written from
// RFC 1071 §1 without looking at wire.ts)
// ---------------------------------------------------------------------------------------------

function segment(over: Partial<Segment> = {}): Segment {
  const options = over.options ?? {};
  return {
    srcAddr: '10.0.0.1',
    srcPort: 40000,
    dstAddr: '10.0.0.2',
    dstPort: 80,
    seq: 1000,
    ack: 0,
    dataOffset: headerLength(options) / 4,
    flags: ['SYN'],
    window: 65535,
    checksum: 0,
    urgentPointer: 0,
    payload: new Uint8Array(0),
    ...over,
    options,
  };
}

function referenceSum(parts: number[][]): number {
  const bytes = parts.flat();
  if (bytes.length % 2) bytes.push(0);
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += bytes[i]! * 256 + bytes[i + 1]!;
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return sum;
}

function referenceChecksum(pseudo: number[], tcpBytes: Uint8Array): number {
  const t = [...tcpBytes];
  t[16] = 0;
  t[17] = 0;
  return 0xffff - referenceSum([pseudo, t]);
}

const be16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const be32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

// ---------------------------------------------------------------------------------------------

describe('flags', () => {
  it('SYN is 0x02, ACK 0x10, FIN 0x01, CWR 0x80 (RFC 9293 §3.1 header order)', () => {
    expect(flagsToByte(['SYN'])).toBe(0x02);
    expect(flagsToByte(['ACK'])).toBe(0x10);
    expect(flagsToByte(['FIN'])).toBe(0x01);
    expect(flagsToByte(['CWR'])).toBe(0x80);
    expect(flagsToByte(['SYN', 'ACK'])).toBe(0x12);
    expect(flagsToByte([])).toBe(0);
  });

  it('flagsFromByte inverts flagsToByte for all 256 bytes, in header order', () => {
    for (let b = 0; b < 256; b++) {
      const flags = flagsFromByte(b);
      expect(flagsToByte(flags)).toBe(b);
      expect(flags).toEqual(FLAGS.filter((f) => flags.includes(f)));
    }
  });

  it('rejects an unknown flag', () => {
    expect(() => flagsToByte(['NS' as Flag])).toThrow(/unknown TCP flag/);
  });
});

describe('effectiveWindow', () => {
  it('shifts the window field by the scale (RFC 7323 §2.2)', () => {
    expect(effectiveWindow(1000)).toBe(1000);
    expect(effectiveWindow(1000, 0)).toBe(1000);
    expect(effectiveWindow(1000, 7)).toBe(128000);
    expect(effectiveWindow(65535, 14)).toBe(65535 * 16384);
  });

  it('caps the shift at 14 (RFC 7323 §2.3)', () => {
    expect(effectiveWindow(65535, 15)).toBe(effectiveWindow(65535, 14));
    expect(effectiveWindow(2, 255)).toBe(2 * 16384);
  });
});

describe('parseAddress', () => {
  it('parses IPv4 dotted quads', () => {
    expect([...parseAddress('10.0.0.1')]).toEqual([10, 0, 0, 1]);
    expect([...parseAddress('255.255.255.255')]).toEqual([255, 255, 255, 255]);
  });

  it('parses IPv6, with :: anywhere and an embedded IPv4 tail', () => {
    expect([...parseAddress('::')]).toEqual(new Array(16).fill(0));
    expect([...parseAddress('::1')]).toEqual([...new Array(15).fill(0), 1]);
    expect([...parseAddress('2001:db8::1')]).toEqual([0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1]);
    expect([...parseAddress('fe80::')]).toEqual([0xfe, 0x80, ...new Array(14).fill(0)]);
    expect([...parseAddress('1:2:3:4:5:6:7:8')]).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
    expect([...parseAddress('::ffff:10.0.0.1')]).toEqual([...new Array(10).fill(0), 0xff, 0xff, 10, 0, 0, 1]);
    expect([...parseAddress('[2001:db8::1]')]).toEqual([...parseAddress('2001:db8::1')]);
  });

  it.each(['', '10.0.0', '10.0.0.256', '10.0.0.1.2', 'a.b.c.d', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', '1:2:3:4:5:6:7::8', 'server'])(
    'rejects %j',
    (bad) => {
      expect(() => parseAddress(bad)).toThrow(/not an IPv4 or IPv6 address/);
    },
  );
});

describe('headerLength', () => {
  it('is 20 without options and grows by each option, padded to 4 bytes', () => {
    expect(headerLength({})).toBe(20);
    expect(headerLength({ mss: 1460 })).toBe(24); // 4
    expect(headerLength({ wscale: 7 })).toBe(24); // 3 → 4
    expect(headerLength({ sackPermitted: true })).toBe(24); // 2 → 4
    expect(headerLength({ timestamps: { tsval: 1, tsecr: 0 } })).toBe(32); // 10 → 12
    expect(headerLength({ mss: 1460, wscale: 7 })).toBe(28); // 7 → 8
    expect(headerLength({ mss: 1460, sackPermitted: true, timestamps: { tsval: 1, tsecr: 0 }, wscale: 7 })).toBe(40); // 19 → 20
    expect(headerLength({ sackPermitted: false })).toBe(20);
  });

  it('matches the data offset of the encoded segment for every option combination', () => {
    const combos: TcpOptions[] = [];
    for (let m = 0; m < 16; m++) {
      combos.push({
        ...(m & 1 ? { mss: 1460 } : {}),
        ...(m & 2 ? { wscale: 7 } : {}),
        ...(m & 4 ? { sackPermitted: true } : {}),
        ...(m & 8 ? { timestamps: { tsval: 5, tsecr: 6 } } : {}),
      });
    }
    for (const options of combos) {
      const sizes = (options.mss ? 4 : 0) + (options.wscale !== undefined ? 3 : 0) + (options.sackPermitted ? 2 : 0) + (options.timestamps ? 10 : 0);
      const len = headerLength(options);
      expect(len).toBe(20 + Math.ceil(sizes / 4) * 4);
      const bytes = encodeSegment(segment({ options }));
      expect(bytes.length).toBe(len);
      expect((bytes[12]! >> 4) * 4).toBe(len);
    }
  });
});

describe('encodeSegment', () => {
  it('lays out a SYN with MSS and window scale like a capture (built by hand)', () => {
    const seg = segment({ seq: 0x01020304, window: 29200, checksum: 0xabcd, options: { mss: 1460, wscale: 7 } });
    const expected = [
      ...be16(40000), ...be16(80),
      ...be32(0x01020304),
      ...be32(0),
      0x70, 0x02, ...be16(29200), // data offset 7 words, SYN
      0xab, 0xcd, 0, 0, // checksum as given, urgent pointer
      2, 4, ...be16(1460), // MSS
      1, 3, 3, 7, // NOP, window scale 7
    ];
    expect([...encodeSegment(seg)]).toEqual(expected);
  });

  it('puts the payload after the options', () => {
    const payload = new TextEncoder().encode('hello');
    const bytes = encodeSegment(segment({ flags: ['ACK', 'PSH'], payload }));
    expect(bytes.length).toBe(25);
    expect(new TextDecoder().decode(bytes.subarray(20))).toBe('hello');
    expect(bytes[13]).toBe(0x18);
  });

  it('fills a data offset larger than the options with zeros (End of Option List)', () => {
    const bytes = encodeSegment(segment({ dataOffset: 7, options: { mss: 536 } }));
    expect(bytes.length).toBe(28);
    expect([...bytes.subarray(24)]).toEqual([0, 0, 0, 0]);
    expect(decodeSegment(bytes, { srcAddr: '10.0.0.1', dstAddr: '10.0.0.2' }).options).toEqual({ mss: 536 });
  });

  it('rejects a data offset too small for the options, and out-of-range fields', () => {
    expect(() => encodeSegment(segment({ dataOffset: 5, options: { mss: 536 } }))).toThrow(/too small for the options/);
    expect(() => encodeSegment(segment({ dataOffset: 16 }))).toThrow(/data offset out of range/);
    expect(() => encodeSegment(segment({ srcPort: 70000 }))).toThrow(/source port out of range/);
    expect(() => encodeSegment(segment({ seq: 2 ** 32 }))).toThrow(/sequence number out of range/);
    expect(() => encodeSegment(segment({ window: -1 }))).toThrow(/window out of range/);
  });
});

// ---------------------------------------------------------------------------------------------

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((a) => a.join('.'));
const ipv6 = fc.array(u16, { minLength: 8, maxLength: 8 }).map((w) => w.map((x) => x.toString(16)).join(':'));
const addrPair = fc.oneof(fc.tuple(ipv4, ipv4), fc.tuple(ipv6, ipv6));
const flagsArb = fc.subarray([...FLAGS]).map((fs) => FLAGS.filter((f) => fs.includes(f)));
const optionsArb: fc.Arbitrary<TcpOptions> = fc.record(
  {
    mss: u16,
    wscale: fc.nat(255),
    sackPermitted: fc.constant(true),
    timestamps: fc.record({ tsval: u32, tsecr: u32 }),
  },
  { requiredKeys: [] },
);
const segmentArb: fc.Arbitrary<Segment> = fc
  .record({
    addrs: addrPair,
    srcPort: u16,
    dstPort: u16,
    seq: u32,
    ack: u32,
    flags: flagsArb,
    window: u16,
    checksum: u16,
    urgentPointer: u16,
    options: optionsArb,
    payload: fc.uint8Array({ maxLength: 64 }),
    extraWords: fc.nat(3),
  })
  .map(({ addrs, extraWords, options, ...rest }) => ({
    ...rest,
    options,
    srcAddr: addrs[0],
    dstAddr: addrs[1],
    dataOffset: Math.min(15, headerLength(options) / 4 + extraWords),
  }));

describe('decodeSegment', () => {
  it('decode(encode(seg)) gives seg back', () => {
    fc.assert(
      fc.property(segmentArb, (seg) => {
        const back = decodeSegment(encodeSegment(seg), { srcAddr: seg.srcAddr, dstAddr: seg.dstAddr });
        expect(back).toEqual(seg);
      }),
      { numRuns: 500 },
    );
  });

  it('reads options in any order, skips NOP and unknown kinds, stops at End of Option List', () => {
    const opts = [
      1, 1, 8, 10, ...be32(7), ...be32(9), // NOP NOP timestamps
      30, 4, 0xde, 0xad, // unknown kind 30 (MPTCP), skipped
      3, 3, 2, // window scale 2
      2, 4, ...be16(1200), // MSS
      0, 2, 4, 0xff, 0xff, // EOL, then bytes that look like an MSS but come after EOL
    ];
    expect(opts.length % 4).toBe(0);
    const bytes = new Uint8Array([...be16(1), ...be16(2), ...be32(3), ...be32(4), ((20 + opts.length) / 4) << 4, 0x12, ...be16(5), 0, 0, 0, 0, ...opts]);
    const seg = decodeSegment(bytes, { srcAddr: '10.0.0.1', dstAddr: '10.0.0.2' });
    expect(seg.options).toEqual({ timestamps: { tsval: 7, tsecr: 9 }, wscale: 2, mss: 1200 });
    expect(seg.flags).toEqual(['ACK', 'SYN']);
    expect(seg.payload.length).toBe(0);
  });

  describe('malformed input', () => {
    const header = (dataOffsetWords: number, opts: number[] = []): Uint8Array =>
      new Uint8Array([0, 1, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, dataOffsetWords << 4, 0x02, 0xff, 0xff, 0, 0, 0, 0, ...opts]);
    const addrs = { srcAddr: '10.0.0.1', dstAddr: '10.0.0.2' };

    it('too short', () => {
      expect(() => decodeSegment(new Uint8Array(19), addrs)).toThrow(/19 bytes is too short/);
      expect(() => decodeSegment(new Uint8Array(0), addrs)).toThrow(/too short/);
    });

    it('data offset below 5 words', () => {
      expect(() => decodeSegment(header(4), addrs)).toThrow(/data offset 4 is below the minimum/);
    });

    it('data offset beyond the bytes', () => {
      expect(() => decodeSegment(header(6), addrs)).toThrow(/header is 24 bytes, but the segment has only 20/);
    });

    it('an option whose length runs past the header', () => {
      expect(() => decodeSegment(header(6, [2, 8, 5, 0xb4]), addrs)).toThrow(/length 8, running past the header end at byte 24/);
    });

    it('an option with no length byte', () => {
      expect(() => decodeSegment(header(6, [1, 1, 1, 2]), addrs)).toThrow(/option kind 2 at byte 23 has no length byte/);
    });

    it('an option length below 2', () => {
      expect(() => decodeSegment(header(6, [30, 1, 0, 0]), addrs)).toThrow(/length 1 \(minimum 2\)/);
    });

    it('a known option with the wrong length', () => {
      expect(() => decodeSegment(header(6, [2, 3, 5, 0]), addrs)).toThrow(/MSS option at byte 20 has length 3 \(must be 4\)/);
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('tcpChecksum', () => {
  it('matches a hand-computed IPv4 SYN', () => {
    // 10.0.0.1:40000 → 10.0.0.2:80, seq 1000, SYN, window 65535, no options.
    // Pseudo-header words: 0a00 0001 0a00 0002 0006 0014                → sum 0x141d
    // Header words: 9c40 0050 0000 03e8 0000 0000 5002 ffff 0000 0000  → sum 0x1f079
    // 0x141d + 0x1f079 = 0x20496 → fold: 0x0496 + 0x2 = 0x0498 → checksum ~0x0498 = 0xfb67
    expect(tcpChecksum(segment())).toBe(0xfb67);
  });

  it('matches the reference sum for IPv4 segments (RFC 9293 §3.1 pseudo-header)', () => {
    fc.assert(
      fc.property(segmentArb, ipv4, ipv4, (seg0, src, dst) => {
        const seg = { ...seg0, srcAddr: src, dstAddr: dst };
        const bytes = encodeSegment(seg);
        const pseudo = [...src.split('.').map(Number), ...dst.split('.').map(Number), 0, 6, ...be16(bytes.length)];
        expect(tcpChecksum(seg)).toBe(referenceChecksum(pseudo, bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('matches the reference sum for IPv6 segments (RFC 8200 §8.1 pseudo-header)', () => {
    const src = [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 1];
    const dst = [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 2];
    fc.assert(
      fc.property(segmentArb, (seg0) => {
        const seg = { ...seg0, srcAddr: '2001:db8::1', dstAddr: '2001:db8::2' };
        const bytes = encodeSegment(seg);
        const pseudo = [...src, ...dst, ...be32(bytes.length), 0, 0, 0, 6];
        expect(tcpChecksum(seg)).toBe(referenceChecksum(pseudo, bytes));
      }),
      { numRuns: 200 },
    );
  });

  it('covers the addresses: the same segment between other hosts has another checksum', () => {
    expect(tcpChecksum(segment())).not.toBe(tcpChecksum(segment({ dstAddr: '10.0.0.3' })));
    expect(tcpChecksum(segment({ srcAddr: '::1', dstAddr: '::2' }))).not.toBe(tcpChecksum(segment()));
  });

  it('ignores the checksum field of its input', () => {
    expect(tcpChecksum(segment({ checksum: 0x1234 }))).toBe(tcpChecksum(segment({ checksum: 0 })));
  });

  it('refuses mixed IPv4/IPv6 addresses', () => {
    expect(() => tcpChecksum(segment({ dstAddr: '::1' }))).toThrow(/not the same IP version/);
  });
});

describe('verifyChecksum', () => {
  it('a segment carrying its computed checksum sums to 0xFFFF', () => {
    fc.assert(
      fc.property(segmentArb, (seg0) => {
        const seg = { ...seg0, checksum: tcpChecksum(seg0) };
        const bytes = encodeSegment(seg);
        expect(verifyChecksum(bytes, seg.srcAddr, seg.dstAddr)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('any single flipped bit is detected', () => {
    fc.assert(
      fc.property(segmentArb, fc.nat(), fc.nat(7), (seg0, at, bit) => {
        const bytes = encodeSegment({ ...seg0, checksum: tcpChecksum(seg0) });
        bytes[at % bytes.length] ^= 1 << bit;
        expect(verifyChecksum(bytes, seg0.srcAddr, seg0.dstAddr)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a wrong address (a misdelivered segment) is detected', () => {
    const seg = segment();
    const bytes = encodeSegment({ ...seg, checksum: tcpChecksum(seg) });
    expect(verifyChecksum(bytes, '10.0.0.1', '10.0.0.2')).toBe(true);
    expect(verifyChecksum(bytes, '10.0.0.1', '10.0.0.9')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

describe('fieldLayout', () => {
  const bitsOf = (f: { byteOffset: number; bitOffset: number; bitLength: number }): [number, number] => [
    f.byteOffset * 8 + f.bitOffset,
    f.byteOffset * 8 + f.bitOffset + f.bitLength,
  ];

  it('covers every bit of the encoded segment exactly once, in order', () => {
    fc.assert(
      fc.property(segmentArb, (seg) => {
        const layout = fieldLayout(seg);
        let at = 0;
        for (const f of layout) {
          const [start, end] = bitsOf(f);
          expect(start).toBe(at);
          expect(end).toBeGreaterThan(start);
          at = end;
        }
        expect(at).toBe(encodeSegment(seg).length * 8);
      }),
      { numRuns: 300 },
    );
  });

  it('names every header field, each flag and each option', () => {
    const seg = segment({
      options: { mss: 1460, sackPermitted: true, timestamps: { tsval: 1, tsecr: 2 }, wscale: 7 },
      payload: new Uint8Array([1, 2, 3]),
    });
    const names = fieldLayout(seg).map((f) => f.name);
    expect(names).toEqual([
      'srcPort', 'dstPort', 'seq', 'ack', 'dataOffset', 'reserved',
      ...FLAGS.map((f) => `flag:${f}`),
      'window', 'checksum', 'urgentPointer',
      'option:mss', 'option:sackPermitted', 'option:timestamps', 'option:nop', 'option:wscale',
      'payload',
    ]);
  });

  it('each position holds the value it names', () => {
    fc.assert(
      fc.property(segmentArb, (seg) => {
        const bytes = encodeSegment(seg);
        const read = (name: string): number => {
          const f = fieldLayout(seg).find((x) => x.name === name)!;
          let v = 0;
          for (let b = 0; b < f.bitLength; b++) {
            const bit = f.byteOffset * 8 + f.bitOffset + b;
            v = v * 2 + ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1);
          }
          return v;
        };
        expect(read('srcPort')).toBe(seg.srcPort);
        expect(read('dstPort')).toBe(seg.dstPort);
        expect(read('seq')).toBe(seg.seq);
        expect(read('ack')).toBe(seg.ack);
        expect(read('dataOffset')).toBe(seg.dataOffset);
        expect(read('reserved')).toBe(0);
        for (const flag of FLAGS) expect(read(`flag:${flag}`)).toBe(seg.flags.includes(flag) ? 1 : 0);
        expect(read('window')).toBe(seg.window);
        expect(read('checksum')).toBe(seg.checksum);
        expect(read('urgentPointer')).toBe(seg.urgentPointer);
        const kinds: Record<string, number> = { 'option:mss': 2, 'option:wscale': 3, 'option:sackPermitted': 4, 'option:timestamps': 8, 'option:nop': 1, 'option:eol': 0 };
        for (const f of fieldLayout(seg)) {
          if (f.name in kinds) expect(bytes[f.byteOffset]).toBe(kinds[f.name]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('shows End of Option List and padding when the data offset is larger than the options', () => {
    const layout = fieldLayout(segment({ dataOffset: 7, options: { mss: 536 } }));
    expect(layout.slice(-3).map((f) => [f.name, f.byteOffset, f.bitLength])).toEqual([
      ['option:mss', 20, 32],
      ['option:eol', 24, 8],
      ['padding', 25, 24],
    ]);
  });
});
