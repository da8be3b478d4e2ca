/**
 * Phases of a connection, for shading a diagram: setup (handshake), data transfer, close
 * (teardown) and reset. Pure.
 */
import type { SegmentRecord, Trace } from '../engine/types';

export type Phase = 'handshake' | 'data' | 'teardown' | 'reset';
export const PHASES: readonly Phase[] = ['handshake', 'data', 'teardown', 'reset'];

/**
 * Background colours of the phase blocks. Translucent, so the theme's background shows through:
 * they read on light, dark and high-contrast themes (where the label note carries the meaning).
 */
export const PHASE_COLORS: Readonly<Record<Phase, string>> = {
  handshake: 'rgba(66, 133, 244, 0.14)',
  data: 'rgba(52, 168, 83, 0.14)',
  teardown: 'rgba(251, 140, 0, 0.16)',
  reset: 'rgba(229, 57, 53, 0.16)',
};

interface ConnState {
  syn: boolean;
  data: boolean;
  fin: boolean;
  rst: boolean;
}

const connKey = (rec: SegmentRecord): string => {
  const a = `${rec.seg.srcAddr}:${rec.seg.srcPort}`;
  const b = `${rec.seg.dstAddr}:${rec.seg.dstPort}`;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
};

/**
 * The phase of each segment (by `n`), from its flags and what its connection (the endpoint pair)
 * has seen before it:
 * - RST → reset; SYN → handshake (RFC 9293 §3.5); FIN → teardown (§3.6);
 * - data → data transfer;
 * - a bare ACK: teardown once a FIN was sent on the connection, handshake while only SYNs were
 *   (the third segment of the three-way handshake), else data transfer.
 * A SYN after the connection was closed or reset starts a new one.
 */
export function segmentPhases(trace: Trace): Map<number, Phase> {
  const conns = new Map<string, ConnState>();
  const out = new Map<number, Phase>();
  for (const rec of trace.segments) {
    const key = connKey(rec);
    let c = conns.get(key);
    const flags = rec.seg.flags;
    if (!c || (flags.includes('SYN') && !flags.includes('ACK') && (c.fin || c.rst))) {
      c = { syn: false, data: false, fin: false, rst: false };
      conns.set(key, c);
    }
    let phase: Phase;
    if (flags.includes('RST')) {
      phase = 'reset';
      c.rst = true;
    } else if (flags.includes('SYN')) {
      phase = 'handshake';
      c.syn = true;
    } else if (flags.includes('FIN')) {
      phase = 'teardown';
      c.fin = true;
      if (rec.seg.payload.length > 0) c.data = true;
    } else if (rec.seg.payload.length > 0) {
      phase = 'data';
      c.data = true;
    } else if (c.fin) {
      phase = 'teardown';
    } else if (c.syn && !c.data) {
      phase = 'handshake';
    } else {
      phase = 'data';
    }
    out.set(rec.n, phase);
  }
  return out;
}
