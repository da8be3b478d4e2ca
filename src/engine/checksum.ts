/**
 * The engine's checksum: `tcpChecksum` (wire.ts) for every segment, with an allocation-free fast
 * path for the common case (IPv4, no options, data offset 5) that the simulator hits thousands of
 * times per run. The tests check the fast path against `tcpChecksum` on random segments.
 */
import type { Flag, Segment } from './types';
import { FLAGS } from './types';
import { tcpChecksum } from './wire';

const FLAG_BIT = new Map<Flag, number>(FLAGS.map((f, i) => [f, 0x80 >>> i]));

/** IPv4 address → its two 16-bit words summed, or null when not a dotted quad. Cached: scenarios reuse a few addresses. */
const ipv4Sums = new Map<string, number | null>();

function ipv4Sum(addr: string): number | null {
  let v = ipv4Sums.get(addr);
  if (v !== undefined) return v;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  if (m && m.slice(1).every((p) => Number(p) <= 255)) {
    const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
    v = ((a << 8) | b) + ((c << 8) | d);
  } else {
    v = null;
  }
  if (ipv4Sums.size < 4096) ipv4Sums.set(addr, v);
  return v;
}

function hasOptions(seg: Segment): boolean {
  for (const _ in seg.options) return true;
  return false;
}

/** RFC 1071 Internet checksum of `seg` over the RFC 9293 §3.1 pseudo-header, header (checksum 0) and payload. */
export function segmentChecksum(seg: Segment): number {
  const src = ipv4Sum(seg.srcAddr);
  const dst = ipv4Sum(seg.dstAddr);
  if (src === null || dst === null || seg.dataOffset !== 5 || hasOptions(seg)) return tcpChecksum(seg);
  const p = seg.payload;
  let flags = 0;
  for (const f of seg.flags) {
    const bit = FLAG_BIT.get(f);
    if (bit === undefined) return tcpChecksum(seg); // let wire.ts report the bad flag
    flags |= bit;
  }
  // Pseudo-header: addresses, zero + protocol 6, TCP length.
  let sum = src + dst + 6 + 20 + p.length;
  // Header words (checksum field zero).
  sum += seg.srcPort + seg.dstPort;
  sum += (seg.seq >>> 16) + (seg.seq & 0xffff) + (seg.ack >>> 16) + (seg.ack & 0xffff);
  sum += (5 << 12) | flags;
  sum += seg.window + seg.urgentPointer;
  const n = p.length;
  for (let i = 0; i + 1 < n; i += 2) sum += (p[i]! << 8) | p[i + 1]!;
  if (n % 2 === 1) sum += p[n - 1]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}
