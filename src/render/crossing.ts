/**
 * Segments that cross in flight. A sequence diagram draws each message as a horizontal arrow in
 * statement order, so it cannot draw two arrows crossing; the renderer groups them instead.
 * Pure.
 */
import type { SegmentRecord } from '../engine/types';

/**
 * Segment `x` (A→B) and segment `y` (B→A) cross when each was sent before the other arrived:
 * `x.sentAt < y.arrivedAt && y.sentAt < x.arrivedAt` (both strict). Simultaneous open and close
 * (RFC 9293 §3.5 Figure 8, §3.6 Figure 13) and a late duplicate meeting new traffic are crossings;
 * a reply sent when its trigger arrives is not (equal times). Lost segments never arrive, so they
 * cross nothing. Segments in the same direction never cross.
 */
export function crosses(x: SegmentRecord, y: SegmentRecord): boolean {
  if (x.arrivedAt === null || y.arrivedAt === null) return false;
  if (x.from !== y.to || x.to !== y.from) return false;
  return x.sentAt < y.arrivedAt && y.sentAt < x.arrivedAt;
}

/**
 * Groups of segments to show together, as runs of `ordered` (the display order, by send time):
 * segments linked by `crosses` (transitively) form a group, and a group covers every segment
 * displayed between its first and last member, so each group is one contiguous run.
 * Returns runs of indices into `ordered` as `[start, end]` (inclusive), only for runs of 2 or more.
 */
export function crossingRuns(ordered: readonly SegmentRecord[]): [number, number][] {
  const parent = ordered.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  // Indices sorted by send time: y can only cross x if y was sent before x arrived.
  const bySend = ordered.map((_, i) => i).sort((a, b) => ordered[a].sentAt - ordered[b].sentAt || a - b);
  for (let p = 0; p < bySend.length; p++) {
    const i = bySend[p];
    const x = ordered[i];
    if (x.arrivedAt === null) continue;
    for (let q = p + 1; q < bySend.length; q++) {
      const j = bySend[q];
      const y = ordered[j];
      if (y.sentAt >= x.arrivedAt) break;
      if (crosses(x, y)) parent[find(i)] = find(j);
    }
  }
  // Span of each group in display order, then merge overlapping spans.
  const span = new Map<number, [number, number]>();
  ordered.forEach((_, i) => {
    const r = find(i);
    const s = span.get(r);
    if (s) s[1] = i;
    else span.set(r, [i, i]);
  });
  const spans = [...span.values()].filter(([a, b]) => b > a).sort((a, b) => a[0] - b[0]);
  const runs: [number, number][] = [];
  for (const s of spans) {
    const last = runs[runs.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else runs.push([s[0], s[1]]);
  }
  return runs;
}
