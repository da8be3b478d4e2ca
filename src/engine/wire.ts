/**
 * The TCP header on the wire (RFC 9293 §3.1): encoding, decoding, the Internet checksum, and the
 * position of every field so a UI can highlight a field's bytes in a hex dump.
 *
 * ```
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |          Source Port          |       Destination Port        |
 *    |                        Sequence Number                        |
 *    |                    Acknowledgment Number                      |
 *    |  Data |       |C|E|U|A|P|R|S|F|                               |
 *    | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 *    |           Checksum            |         Urgent Pointer        |
 *    |                           [Options]                           |
 *    |                             Data                              |
 * ```
 *
 * Pure TypeScript (Uint8Array/DataView, no Buffer) so the webview and the CLI can use it.
 */

import { FLAGS, type Flag, type Segment, type TcpOptions } from './types';

/** Option kinds (RFC 9293 §3.2; RFC 7323 for window scale and timestamps; RFC 2018 for SACK). */
export const OPTION_KIND = {
  eol: 0,
  nop: 1,
  mss: 2,
  wscale: 3,
  sackPermitted: 4,
  timestamps: 8,
} as const;

/** RFC 7323 §2.3: "the shift.cnt value ... MUST be limited to 14". */
export const MAX_WSCALE = 14;

const MIN_HEADER = 20;
const MAX_HEADER = 60;
const PROTO_TCP = 6;

// ---------------------------------------------------------------------------------------------
// Flags
// ---------------------------------------------------------------------------------------------

/** The control-bits byte (byte 13 of the header): CWR is bit 7, FIN bit 0 (RFC 9293 §3.1). */
export function flagsToByte(flags: readonly Flag[]): number {
  let b = 0;
  for (const f of flags) {
    const i = FLAGS.indexOf(f);
    if (i < 0) throw new Error(`unknown TCP flag: ${String(f)}`);
    b |= 0x80 >>> i;
  }
  return b;
}

/** The flags set in a control-bits byte, in header order (CWR first, FIN last). */
export function flagsFromByte(b: number): Flag[] {
  return FLAGS.filter((_, i) => (b & (0x80 >>> i)) !== 0);
}

// ---------------------------------------------------------------------------------------------
// Window
// ---------------------------------------------------------------------------------------------

/**
 * The window a receiver means: the 16-bit field shifted by the scale it announced.
 * RFC 7323 §2.2: "the window field in a segment ... is left-shifted by Snd.Wind.Shift bits";
 * §2.3: a shift count above 14 is used as 14.
 */
export function effectiveWindow(window: number, wscale?: number): number {
  const shift = Math.min(Math.max(wscale ?? 0, 0), MAX_WSCALE);
  return window * 2 ** shift;
}

// ---------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------

function parseIpv4(s: string): Uint8Array | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

function parseIpv6(s: string): Uint8Array | null {
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      if (i === items.length - 1 && it.includes('.')) {
        // An embedded IPv4 address in the last 32 bits (RFC 4291 §2.2, form 3).
        const v4 = parseIpv4(it);
        if (!v4) return null;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(it)) return null;
        out.push(parseInt(it, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  let words: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return null; // "::" stands for at least one group of zeros
    words = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else {
    words = head;
  }
  if (words.length !== 8) return null;
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >>> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

/**
 * The bytes of an IP address: 4 for IPv4 dotted quad (`10.0.0.1`), 16 for IPv6
 * (`2001:db8::1`, `::ffff:10.0.0.1`, optionally in brackets). Throws on anything else.
 */
export function parseAddress(addr: string): Uint8Array {
  const out = addr.includes(':') ? parseIpv6(addr) : parseIpv4(addr);
  if (!out) throw new Error(`not an IPv4 or IPv6 address: "${addr}"`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Options layout
// ---------------------------------------------------------------------------------------------

/** One item of the options area, in order. */
type OptionItem =
  | { kind: 'mss'; value: number }
  | { kind: 'wscale'; value: number }
  | { kind: 'sackPermitted' }
  | { kind: 'timestamps'; tsval: number; tsecr: number }
  | { kind: 'nop' };

const OPTION_SIZE: Record<OptionItem['kind'], number> = {
  mss: 4,
  wscale: 3,
  sackPermitted: 2,
  timestamps: 10,
  nop: 1,
};

/**
 * The options in the order Linux writes them on a SYN (`tcp_options_write`), NOPs included, so a
 * hex dump looks like a real capture: MSS; then SACK-permitted + timestamps (or NOP NOP + timestamps,
 * or NOP NOP + SACK-permitted); then NOP + window scale. Each group is a multiple of 4 bytes, so the
 * total equals "sum of option sizes rounded up to a multiple of 4" and no trailing padding is needed.
 * `sackPermitted: false` is the same as no SACK-permitted option.
 */
function optionItems(o: TcpOptions): OptionItem[] {
  const items: OptionItem[] = [];
  if (o.mss !== undefined) items.push({ kind: 'mss', value: o.mss });
  if (o.timestamps) {
    if (o.sackPermitted) items.push({ kind: 'sackPermitted' });
    else items.push({ kind: 'nop' }, { kind: 'nop' });
    items.push({ kind: 'timestamps', tsval: o.timestamps.tsval, tsecr: o.timestamps.tsecr });
  } else if (o.sackPermitted) {
    items.push({ kind: 'nop' }, { kind: 'nop' }, { kind: 'sackPermitted' });
  }
  if (o.wscale !== undefined) items.push({ kind: 'nop' }, { kind: 'wscale', value: o.wscale });
  return items;
}

function optionsSize(items: OptionItem[]): number {
  return items.reduce((n, it) => n + OPTION_SIZE[it.kind], 0);
}

/**
 * Header length in bytes for these options: 20 plus the options, padded to a multiple of 4
 * (RFC 9293 §3.1: "The TCP header length [is] an integral number of 32 bits"). At most 60.
 */
export function headerLength(options: TcpOptions): number {
  const len = MIN_HEADER + Math.ceil(optionsSize(optionItems(options)) / 4) * 4;
  if (len > MAX_HEADER) throw new Error(`TCP options too long: header would be ${len} bytes (max 60)`);
  return len;
}

// ---------------------------------------------------------------------------------------------
// Encode / decode
// ---------------------------------------------------------------------------------------------

function checkRange(name: string, v: number, max: number): void {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new Error(`TCP ${name} out of range: ${v} (0..${max})`);
}

/**
 * The header's length in bytes as `seg.dataOffset` says (at least what the options need:
 * any extra is filled with zeros, which read as End of Option List).
 */
function encodedHeaderLength(seg: Segment): number {
  const needed = headerLength(seg.options);
  const declared = seg.dataOffset * 4;
  if (!Number.isInteger(seg.dataOffset) || seg.dataOffset < 5 || seg.dataOffset > 15) {
    throw new Error(`TCP data offset out of range: ${seg.dataOffset} (5..15 words)`);
  }
  if (declared < needed) {
    throw new Error(`TCP data offset ${seg.dataOffset} (${declared} bytes) is too small for the options (${needed} bytes)`);
  }
  return declared;
}

function writeHeader(seg: Segment, out: Uint8Array, hlen: number, checksum: number): void {
  checkRange('source port', seg.srcPort, 0xffff);
  checkRange('destination port', seg.dstPort, 0xffff);
  checkRange('sequence number', seg.seq, 0xffffffff);
  checkRange('acknowledgment number', seg.ack, 0xffffffff);
  checkRange('window', seg.window, 0xffff);
  checkRange('checksum', checksum, 0xffff);
  checkRange('urgent pointer', seg.urgentPointer, 0xffff);
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  dv.setUint16(0, seg.srcPort);
  dv.setUint16(2, seg.dstPort);
  dv.setUint32(4, seg.seq);
  dv.setUint32(8, seg.ack);
  out[12] = (hlen / 4) << 4; // data offset; the 4 reserved bits are zero
  out[13] = flagsToByte(seg.flags);
  dv.setUint16(14, seg.window);
  dv.setUint16(16, checksum);
  dv.setUint16(18, seg.urgentPointer);
  let p = MIN_HEADER;
  for (const it of optionItems(seg.options)) {
    switch (it.kind) {
      case 'nop':
        out[p] = OPTION_KIND.nop;
        break;
      case 'mss':
        checkRange('MSS option', it.value, 0xffff);
        out[p] = OPTION_KIND.mss;
        out[p + 1] = 4;
        dv.setUint16(p + 2, it.value);
        break;
      case 'wscale':
        checkRange('window scale option', it.value, 0xff);
        out[p] = OPTION_KIND.wscale;
        out[p + 1] = 3;
        out[p + 2] = it.value;
        break;
      case 'sackPermitted':
        out[p] = OPTION_KIND.sackPermitted;
        out[p + 1] = 2;
        break;
      case 'timestamps':
        checkRange('TSval', it.tsval, 0xffffffff);
        checkRange('TSecr', it.tsecr, 0xffffffff);
        out[p] = OPTION_KIND.timestamps;
        out[p + 1] = 10;
        dv.setUint32(p + 2, it.tsval);
        dv.setUint32(p + 6, it.tsecr);
        break;
    }
    p += OPTION_SIZE[it.kind];
  }
  // Bytes p..hlen stay zero: End of Option List, then padding (RFC 9293 §3.2).
}

/** The segment's bytes: header, options, payload, with the checksum field as in `seg`. */
export function encodeSegment(seg: Segment): Uint8Array {
  const hlen = encodedHeaderLength(seg);
  const out = new Uint8Array(hlen + seg.payload.length);
  writeHeader(seg, out, hlen, seg.checksum);
  out.set(seg.payload, hlen);
  return out;
}

function malformed(msg: string): Error {
  return new Error(`malformed TCP segment: ${msg}`);
}

/**
 * Parse a TCP segment's bytes (header, options, payload). The IP addresses come from outside
 * (they live in the IP header). Recognises MSS, window scale, SACK-permitted and timestamps,
 * skips NOP and unknown options, stops at End of Option List. Throws an Error saying what is
 * wrong on malformed input (too short, bad data offset, an option running past the header).
 */
export function decodeSegment(bytes: Uint8Array, addrs: { srcAddr: string; srcPort?: never; dstAddr: string }): Segment {
  if (bytes.length < MIN_HEADER) {
    throw malformed(`${bytes.length} bytes is too short (a TCP header has at least 20)`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataOffset = bytes[12]! >>> 4;
  const hlen = dataOffset * 4;
  if (dataOffset < 5) throw malformed(`data offset ${dataOffset} is below the minimum of 5 words (20 bytes)`);
  if (hlen > bytes.length) {
    throw malformed(`data offset ${dataOffset} says the header is ${hlen} bytes, but the segment has only ${bytes.length}`);
  }
  const options: TcpOptions = {};
  let p = MIN_HEADER;
  while (p < hlen) {
    const kind = bytes[p]!;
    if (kind === OPTION_KIND.eol) break;
    if (kind === OPTION_KIND.nop) {
      p += 1;
      continue;
    }
    if (p + 1 >= hlen) throw malformed(`option kind ${kind} at byte ${p} has no length byte`);
    const len = bytes[p + 1]!;
    if (len < 2) throw malformed(`option kind ${kind} at byte ${p} has length ${len} (minimum 2)`);
    if (p + len > hlen) {
      throw malformed(`option kind ${kind} at byte ${p} has length ${len}, running past the header end at byte ${hlen}`);
    }
    const expectLen = (n: number, name: string): void => {
      if (len !== n) throw malformed(`${name} option at byte ${p} has length ${len} (must be ${n})`);
    };
    switch (kind) {
      case OPTION_KIND.mss:
        expectLen(4, 'MSS');
        options.mss = dv.getUint16(p + 2);
        break;
      case OPTION_KIND.wscale:
        expectLen(3, 'window scale');
        options.wscale = bytes[p + 2]!;
        break;
      case OPTION_KIND.sackPermitted:
        expectLen(2, 'SACK-permitted');
        options.sackPermitted = true;
        break;
      case OPTION_KIND.timestamps:
        expectLen(10, 'timestamps');
        options.timestamps = { tsval: dv.getUint32(p + 2), tsecr: dv.getUint32(p + 6) };
        break;
      default:
        // RFC 9293 §3.2: "A TCP implementation MUST ignore without error any TCP option it does
        // not implement, assuming that the option has a length field." (MUST-68)
        break;
    }
    p += len;
  }
  return {
    srcAddr: addrs.srcAddr,
    srcPort: dv.getUint16(0),
    dstAddr: addrs.dstAddr,
    dstPort: dv.getUint16(2),
    seq: dv.getUint32(4),
    ack: dv.getUint32(8),
    dataOffset,
    flags: flagsFromByte(bytes[13]!),
    window: dv.getUint16(14),
    checksum: dv.getUint16(16),
    urgentPointer: dv.getUint16(18),
    options,
    payload: bytes.slice(hlen),
  };
}

// ---------------------------------------------------------------------------------------------
// Checksum
// ---------------------------------------------------------------------------------------------

/**
 * The pseudo-header the checksum covers. RFC 9293 §3.1 (IPv4): source address, destination
 * address, zero, PTCL = 6, TCP length. RFC 8200 §8.1 (IPv6): source, destination, 32-bit
 * upper-layer packet length, three zero bytes, next header = 6.
 */
function pseudoHeader(srcAddr: string, dstAddr: string, tcpLength: number): Uint8Array {
  const src = parseAddress(srcAddr);
  const dst = parseAddress(dstAddr);
  if (src.length !== dst.length) {
    throw new Error(`checksum: source ${srcAddr} and destination ${dstAddr} are not the same IP version`);
  }
  if (src.length === 4) {
    const ph = new Uint8Array(12);
    ph.set(src, 0);
    ph.set(dst, 4);
    ph[9] = PROTO_TCP;
    new DataView(ph.buffer).setUint16(10, tcpLength);
    return ph;
  }
  const ph = new Uint8Array(40);
  ph.set(src, 0);
  ph.set(dst, 16);
  new DataView(ph.buffer).setUint32(32, tcpLength);
  ph[39] = PROTO_TCP;
  return ph;
}

/** RFC 1071: 32-bit accumulation of 16-bit big-endian words (an odd last byte is padded with zero). */
function sumWords(sum: number, b: Uint8Array): number {
  const n = b.length;
  for (let i = 0; i + 1 < n; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  if (n % 2 === 1) sum += b[n - 1]! << 8;
  // Fold now and then so the sum stays well inside a double's exact integers.
  return (sum & 0xffff) + Math.floor(sum / 0x10000);
}

/** RFC 1071: fold the carries back in (end-around carry) to a 16-bit ones' complement sum. */
function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/**
 * The Internet checksum (RFC 1071) of a segment: the ones' complement of the ones' complement sum
 * of the pseudo-header, the header with its checksum field zero, the options and the payload.
 * RFC 9293 §3.1: "The checksum field is the 16-bit ones' complement of the ones' complement sum
 * of all 16-bit words in the header and text."
 */
export function tcpChecksum(seg: Segment): number {
  const hlen = encodedHeaderLength(seg);
  const header = new Uint8Array(hlen);
  writeHeader(seg, header, hlen, 0);
  let sum = sumWords(0, pseudoHeader(seg.srcAddr, seg.dstAddr, hlen + seg.payload.length));
  sum = sumWords(sum, header);
  sum = sumWords(sum, seg.payload);
  return ~fold(sum) & 0xffff;
}

/**
 * Whether a received segment's checksum is right: the ones' complement sum over the
 * pseudo-header and the whole segment (checksum field included) must be 0xFFFF.
 */
export function verifyChecksum(bytes: Uint8Array, srcAddr: string, dstAddr: string): boolean {
  let sum = sumWords(0, pseudoHeader(srcAddr, dstAddr, bytes.length));
  sum = sumWords(sum, bytes);
  return fold(sum) === 0xffff;
}

// ---------------------------------------------------------------------------------------------
// Field layout (for hex dumps)
// ---------------------------------------------------------------------------------------------

/**
 * Where one field sits in the encoded segment. `byteOffset` is the byte the field starts in,
 * `bitOffset` the bit inside that byte where it starts, counted from the most significant bit
 * (0..7), `bitLength` its size in bits. The field covers bytes `byteOffset` ..
 * `byteOffset + ceil((bitOffset + bitLength) / 8) - 1`.
 */
export interface FieldPosition {
  name: FieldName;
  byteOffset: number;
  bitOffset: number;
  bitLength: number;
}

/**
 * Field names: the `Segment` property for header fields, `flag:<FLAG>` for each control bit,
 * `option:<kind>` for each option (`option:nop` for every NOP; `option:eol` for an End of Option
 * List), `padding` for zero bytes after it, `payload` for the data.
 */
export type FieldName =
  | 'srcPort'
  | 'dstPort'
  | 'seq'
  | 'ack'
  | 'dataOffset'
  | 'reserved'
  | `flag:${Flag}`
  | 'window'
  | 'checksum'
  | 'urgentPointer'
  | `option:${OptionItem['kind'] | 'eol'}`
  | 'padding'
  | 'payload';

/**
 * Every field of `seg` as `encodeSegment` lays it out, in byte order: the fixed header fields,
 * the 8 control bits, each option (NOPs included), End of Option List and padding when the header
 * is longer than the options, and the payload (omitted when empty).
 */
export function fieldLayout(seg: Segment): FieldPosition[] {
  const hlen = encodedHeaderLength(seg);
  const f = (name: FieldName, byteOffset: number, bitOffset: number, bitLength: number): FieldPosition => ({
    name,
    byteOffset,
    bitOffset,
    bitLength,
  });
  const out: FieldPosition[] = [
    f('srcPort', 0, 0, 16),
    f('dstPort', 2, 0, 16),
    f('seq', 4, 0, 32),
    f('ack', 8, 0, 32),
    f('dataOffset', 12, 0, 4),
    f('reserved', 12, 4, 4),
    ...FLAGS.map((flag, i) => f(`flag:${flag}`, 13, i, 1)),
    f('window', 14, 0, 16),
    f('checksum', 16, 0, 16),
    f('urgentPointer', 18, 0, 16),
  ];
  let p = MIN_HEADER;
  for (const it of optionItems(seg.options)) {
    const size = OPTION_SIZE[it.kind];
    out.push(f(`option:${it.kind}`, p, 0, size * 8));
    p += size;
  }
  if (p < hlen) {
    out.push(f('option:eol', p, 0, 8));
    p += 1;
    if (p < hlen) out.push(f('padding', p, 0, (hlen - p) * 8));
  }
  if (seg.payload.length > 0) out.push(f('payload', hlen, 0, seg.payload.length * 8));
  return out;
}
