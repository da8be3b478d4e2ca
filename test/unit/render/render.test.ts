/** What a learner sees in the diagram: arrows, notes, phases, crossings, step-through and paging. */
import { describe, expect, it } from 'vitest';
import { crosses, crossingRuns } from '../../../src/render/crossing';
import { displayNumbers, flagsText, segmentLabel, segmentSummary } from '../../../src/render/labels';
import { pageFor, renderMermaid } from '../../../src/render/mermaid';
import { segmentPhases } from '../../../src/render/phases';
import type { SegmentRecord, Trace } from '../../../src/engine/types';
import { closeTrace, duplicateTrace, handshakeTrace, longTrace, lostTrace, simultaneousOpenTrace, spoofedTrace, TraceBuilder } from './fixtures';
import { decodeEntities, LINETYPE, parseMermaid } from './mermaidParse';

const arrows = (text: string): string[] => text.split('\n').filter((l) => /^\s*h\d+(->>|-x)h\d+: /.test(l));
const notes = (text: string): string[] => text.split('\n').filter((l) => /^\s*Note over /.test(l));
const seg = (trace: Trace, n: number): SegmentRecord => trace.segments[n - 1]!;

describe('arrows', () => {
  it('one arrow per segment, numbered in send order', () => {
    const trace = closeTrace();
    const lines = arrows(renderMermaid(trace));
    expect(lines).toHaveLength(trace.segments.length);
    lines.forEach((l, i) => expect(l).toContain(`: #35;${i + 1} `));
  });

  it('a delivered segment is a solid arrow from sender to receiver', async () => {
    const parsed = await parseMermaid(renderMermaid(handshakeTrace()));
    const msgs = parsed.messages.filter((m) => m.type === LINETYPE.SOLID);
    expect(msgs.map((m) => [m.from, m.to])).toEqual([
      ['h0', 'h1'],
      ['h1', 'h0'],
      ['h0', 'h1'],
    ]);
  });

  it('a lost segment is a cross arrow marked (lost); its retransmission is marked too', async () => {
    const trace = lostTrace();
    const text = renderMermaid(trace);
    const parsed = await parseMermaid(text);
    const crossed = parsed.messages.filter((m) => m.type === LINETYPE.SOLID_CROSS);
    expect(crossed).toHaveLength(trace.segments.filter((s) => s.arrivedAt === null).length);
    expect(decodeEntities(crossed[0]!.message)).toMatch(/^#4 .*\(lost\)$/);
    expect(arrows(text).find((l) => l.includes('#35;5 '))).toContain('(retransmission)');
  });

  it('labels a network duplicate with the segment it copies, localized', () => {
    const trace = duplicateTrace();
    expect(segmentLabel(seg(trace, 5), trace)).toContain('(duplicate of #4)');
    expect(segmentLabel(seg(trace, 5), trace, { lang: 'zh-cn' })).toContain('(#4 的重复)');
  });

  it('a segment that overtakes an earlier one on the same path says so', () => {
    const b = new TraceBuilder({ a: { address: '10.0.0.1', port: 1, isn: 1 }, b: { address: '10.0.0.2', port: 2, isn: 2 } });
    b.seg({ from: 'a', to: 'b', flags: ['ACK'], seq: 2, ack: 3, len: 10, sentAt: 0, arrivedAt: 300 }); // delayed
    b.seg({ from: 'a', to: 'b', flags: ['ACK'], seq: 12, ack: 3, len: 10, sentAt: 1, arrivedAt: 51 });
    b.seg({ from: 'a', to: 'b', flags: ['ACK'], seq: 22, ack: 3, len: 10, sentAt: 400, arrivedAt: 450 });
    const trace = b.build();
    expect(segmentLabel(seg(trace, 2), trace)).toMatch(/\(arrives before #1\)$/);
    expect(segmentLabel(seg(trace, 1), trace)).not.toContain('arrives before');
    expect(segmentLabel(seg(trace, 3), trace)).not.toContain('arrives before');
    expect(segmentLabel(seg(trace, 2), trace, { lang: 'zh-cn' })).toContain('先于 #1 到达');
  });

  it('a reorder at equal arrival times is read from the order of the deliver events', () => {
    const b = new TraceBuilder({ a: { address: '10.0.0.1', port: 1, isn: 1 }, b: { address: '10.0.0.2', port: 2, isn: 2 } });
    b.seg({ from: 'a', to: 'b', flags: ['ACK'], seq: 2, ack: 3, len: 10, sentAt: 0, arrivedAt: 50 });
    b.seg({ from: 'a', to: 'b', flags: ['ACK'], seq: 12, ack: 3, len: 10, sentAt: 0, arrivedAt: 50 });
    const trace = b.build();
    expect(segmentLabel(seg(trace, 2), trace)).not.toContain('arrives before');
    const swapped = { ...trace, events: [...trace.events] };
    const i1 = swapped.events.findIndex((e) => e.kind === 'deliver' && e.n === 1);
    const i2 = swapped.events.findIndex((e) => e.kind === 'deliver' && e.n === 2);
    [swapped.events[i1], swapped.events[i2]] = [swapped.events[i2]!, swapped.events[i1]!];
    expect(segmentLabel(seg(swapped, 2), swapped)).toMatch(/\(arrives before #1\)$/);
  });

  it('a spoofed source gets its own participant, and its segment is marked spoofed', async () => {
    const text = renderMermaid(spoofedTrace());
    const parsed = await parseMermaid(text);
    expect(parsed.actors.map((a) => decodeEntities(a.description))).toEqual([
      'client<br/>10.0.0.1:40000',
      'server<br/>10.0.0.2:80',
      '10.0.0.9:666<br/>(spoofed)',
    ]);
    expect(arrows(text)[0]).toMatch(/^\s*h2->>h1: .*\(spoofed\)$/);
    expect(renderMermaid(spoofedTrace(), { lang: 'zh-cn' })).toContain('(伪造)');
  });

  it('flags print like Wireshark: SYN, ACK / FIN, ACK / PSH, ACK', () => {
    expect(flagsText(['ACK', 'SYN'])).toBe('SYN, ACK');
    expect(flagsText(['ACK', 'FIN'])).toBe('FIN, ACK');
    expect(flagsText(['ACK', 'PSH'])).toBe('PSH, ACK');
    expect(flagsText(['ACK', 'RST'])).toBe('RST, ACK');
  });

  it('ack= only with the ACK flag, len= only with data, win= on request', () => {
    const trace = closeTrace();
    expect(segmentSummary(seg(trace, 1), trace)).toBe(`SYN seq=${seg(trace, 1).seg.seq}`);
    expect(segmentSummary(seg(trace, 4), trace)).toBe(`PSH, ACK seq=${seg(trace, 4).seg.seq} ack=${seg(trace, 4).seg.ack} len=100`);
    expect(segmentSummary(seg(trace, 5), trace, 'absolute', { window: true })).toMatch(/ win=65535$/);
  });
});

describe('relative numbers (like Wireshark)', () => {
  it('seq counts from the sender’s ISS and ack from the receiver’s', () => {
    const trace = closeTrace();
    const iss = (host: string): number => trace.hosts[host]!.isn!;
    for (const rec of trace.segments) {
      const rel = displayNumbers(rec, trace, 'relative');
      expect(rel.seq).toBe((rec.seg.seq - iss(rec.from)) >>> 0);
      if (rec.seg.flags.includes('ACK')) expect(rel.ack).toBe((rec.seg.ack - iss(rec.to)) >>> 0);
      else expect(rel.ack).toBeNull();
    }
    expect(segmentSummary(seg(trace, 2), trace, 'relative')).toBe('SYN, ACK seq=0 ack=1');
  });

  it('wraps around 2^32', () => {
    const b = new TraceBuilder({ a: { address: '10.0.0.1', port: 1, isn: 0xfffffff0 }, b: { address: '10.0.0.2', port: 2, isn: 7 } });
    b.seg({ from: 'a', to: 'b', flags: ['SYN'], seq: 0xfffffff0, sentAt: 0, arrivedAt: 10 });
    b.seg({ from: 'b', to: 'a', flags: ['SYN', 'ACK'], seq: 7, ack: 0xfffffff1, sentAt: 10, arrivedAt: 20 });
    b.seg({ from: 'a', to: 'b', flags: ['ACK', 'PSH'], seq: 0xfffffff1, ack: 8, len: 100, sentAt: 20, arrivedAt: 30 });
    b.seg({ from: 'b', to: 'a', flags: ['ACK'], seq: 8, ack: (0xfffffff1 + 100) >>> 0, sentAt: 30, arrivedAt: 40 });
    const trace = b.build();
    expect(displayNumbers(seg(trace, 4), trace, 'relative')).toEqual({ seq: 1, ack: 101 });
  });

  it('a segment from an address without a SYN keeps its absolute seq', () => {
    const trace = spoofedTrace();
    const rel = displayNumbers(seg(trace, 2), trace, 'relative');
    expect(rel.seq).toBe(0); // server's own SYN,ACK
    expect(rel.ack).toBe(1); // relative to the spoofed SYN's seq
  });
});

describe('state changes and timers', () => {
  it('each state change is a note over its host, in trace order', () => {
    const trace = closeTrace();
    const text = renderMermaid(trace);
    // Notes over one host; their lines that are state names.
    const shown = notes(text).flatMap((l) => {
      const m = /Note over (h\d+): (.*)$/.exec(l);
      return m ? m[2]!.split('<br/>').filter((t) => /^[A-Z][A-Z0-9-]+$/.test(t)).map((t) => `${m[1]} ${t}`) : [];
    });
    const expected = trace.events.flatMap((e) => (e.kind === 'state' ? [`${e.host === 'client' ? 'h0' : 'h1'} ${e.to}`] : []));
    expect(shown).toEqual(expected);
  });

  it('the 2MSL timer shows its duration when set and when it fires', () => {
    const text = renderMermaid(closeTrace());
    expect(text).toContain('2MSL timer#58; 60 s');
    expect(text).toContain('2MSL timer fired');
    expect(renderMermaid(closeTrace(), { lang: 'zh-cn' })).toContain('2MSL 定时器：60 秒');
  });

  it('the RTO firing is shown before the retransmission', () => {
    const text = renderMermaid(lostTrace());
    const fired = text.indexOf('RTO timer fired');
    expect(fired).toBeGreaterThan(text.indexOf('#35;4 '));
    expect(fired).toBeLessThan(text.indexOf('#35;5 '));
  });

  it('a state change a CLOSE call makes goes with the FIN, in the close phase', () => {
    const text = renderMermaid(closeTrace());
    const closeBlock = text.slice(text.indexOf('Connection close'));
    expect(closeBlock.indexOf('FIN-WAIT-1')).toBeGreaterThan(-1);
    expect(closeBlock.indexOf('FIN-WAIT-1')).toBeLessThan(closeBlock.indexOf('#35;6 '));
  });
});

describe('phases', () => {
  it('handshake, data transfer and close of a full connection', () => {
    const phases = [...segmentPhases(closeTrace()).values()];
    expect(phases).toEqual(['handshake', 'handshake', 'handshake', 'data', 'data', 'teardown', 'teardown', 'teardown', 'teardown']);
  });

  it('a RST is its own phase', () => {
    const b = new TraceBuilder({ a: { address: '10.0.0.1', port: 1, isn: 1 }, b: { address: '10.0.0.2', port: 2, isn: 2 } });
    b.seg({ from: 'a', to: 'b', flags: ['SYN'], seq: 1, sentAt: 0, arrivedAt: 10 });
    b.seg({ from: 'b', to: 'a', flags: ['RST', 'ACK'], seq: 0, ack: 2, sentAt: 10, arrivedAt: 20 });
    expect([...segmentPhases(b.build()).values()]).toEqual(['handshake', 'reset']);
  });

  it('each phase is one rect that holds whole messages, labelled with a note', async () => {
    const text = renderMermaid(closeTrace());
    const parsed = await parseMermaid(text);
    const types = parsed.messages.map((m) => m.type);
    expect(types.filter((t) => t === LINETYPE.RECT_START)).toHaveLength(3);
    expect(types.filter((t) => t === LINETYPE.RECT_END)).toHaveLength(3);
    // Every rect opens with its label note.
    types.forEach((t, i) => {
      if (t === LINETYPE.RECT_START) expect(types[i + 1]).toBe(LINETYPE.NOTE);
    });
    expect(text).toContain('Note over h0,h1: Connection setup');
    expect(renderMermaid(closeTrace(), { lang: 'zh-cn' })).toContain('Note over h0,h1: 关闭连接');
  });
});

describe('segments that cross in flight', () => {
  const trace = simultaneousOpenTrace();

  it('opposite segments each sent before the other arrived cross', () => {
    expect(crosses(seg(trace, 1), seg(trace, 2))).toBe(true);
    expect(crosses(seg(trace, 3), seg(trace, 4))).toBe(true);
  });

  it('a reply sent the moment its trigger arrives does not cross it', () => {
    const hs = handshakeTrace();
    expect(crosses(seg(hs, 1), seg(hs, 2))).toBe(false);
    expect(crosses(seg(hs, 2), seg(hs, 3))).toBe(false);
  });

  it('segments in the same direction, or lost ones, never cross', () => {
    expect(crosses(seg(trace, 1), seg(trace, 4))).toBe(false);
    const lost = lostTrace();
    expect(crosses(seg(lost, 4), seg(lost, 6))).toBe(false);
  });

  it('a late network duplicate crosses the ACK sent while it was in flight', () => {
    const dup = duplicateTrace();
    expect(crosses(seg(dup, 5), seg(dup, 6))).toBe(true);
    expect(crosses(seg(dup, 4), seg(dup, 6))).toBe(false);
  });

  it('crossing groups are contiguous runs of the display order', () => {
    expect(crossingRuns(trace.segments)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(crossingRuns(handshakeTrace().segments)).toEqual([]);
  });

  it('crossing segments are drawn in a par block with a note giving their times', async () => {
    const text = renderMermaid(trace);
    const parsed = await parseMermaid(text);
    const types = parsed.messages.map((m) => m.type);
    expect(types.filter((t) => t === LINETYPE.PAR_START)).toHaveLength(2);
    expect(types.filter((t) => t === LINETYPE.PAR_AND)).toHaveLength(2);
    const note = parsed.messages.find((m) => decodeEntities(m.message).startsWith('in flight at the same time'));
    expect(decodeEntities(note!.message)).toBe('in flight at the same time: #1 sent 0 ms, arrived 50 ms; #2 sent 0 ms, arrived 50 ms');
    expect(arrows(text).filter((l) => l.startsWith('      '))).toHaveLength(4); // inside rect + par
  });
});

describe('step-through (upTo) and quiz mode (hide)', () => {
  const trace = closeTrace();

  it.each([0, 1, 3, 5, 9])('upTo %i shows exactly that many segments', (upTo) => {
    expect(arrows(renderMermaid(trace, { upTo }))).toHaveLength(upTo);
  });

  it('upTo shows the events before the next segment is sent, not after', () => {
    const text = renderMermaid(trace, { upTo: 5 });
    expect(text).toContain('FIN-WAIT-1'); // the CLOSE before #6 is sent
    expect(text).not.toContain('CLOSE-WAIT'); // #6 arriving
  });

  it('upTo 0 shows the states before the first segment', () => {
    const text = renderMermaid(trace, { upTo: 0 });
    expect(notes(text).map((l) => l.trim())).toEqual(['Note over h1: LISTEN', 'Note over h0: SYN-SENT']);
  });

  it('hide blanks the asked fields of one segment only', () => {
    const text = renderMermaid(trace, { upTo: 4, hide: { segment: 4, fields: ['seq', 'ack'] } });
    const lines = arrows(text);
    expect(lines[3]).toMatch(/#35;4 PSH, ACK seq=\? ack=\? len=100$/);
    expect(lines[2]).not.toContain('?');
    expect(arrows(renderMermaid(trace, { hide: { segment: 2 } }))[1]).toMatch(/#35;2 \? seq=\? ack=\? len=\?$/);
  });

  it('hideState blanks a host’s state changes after a segment', () => {
    const text = renderMermaid(trace, { upTo: 8, hideState: [{ host: 'client', after: 8 }] });
    expect(text).not.toContain('TIME-WAIT');
    expect(text).toContain('Note over h0: ?');
    expect(text).toContain('FIN-WAIT-2');
  });

  it('hideState also blanks the state a host entered before the stop: that state is the answer', () => {
    // After segment 1 (the SYN) the client is SYN-SENT since its connect call, before the SYN left.
    const text = renderMermaid(trace, { upTo: 1, hideState: [{ host: 'client', after: 1 }] });
    expect(text).not.toContain('SYN-SENT');
    expect(text).toContain('Note over h0: ?');
    expect(text).toContain('LISTEN');
    expect(text).toContain('SYN-RECEIVED');
  });

  it('hideState leaves out the blanked host’s timers: a 2MSL timer would say TIME-WAIT', () => {
    // Segment 8 is the server's FIN; after it the client is in TIME-WAIT with its 2MSL timer set.
    const text = renderMermaid(closeTrace(), { upTo: 8, hideState: [{ host: 'client', after: 8 }] });
    expect(text).not.toContain('2MSL');
    expect(text).not.toContain('TIME-WAIT');
    expect(renderMermaid(closeTrace(), { upTo: 8 })).toContain('2MSL');
  });

  it('a segment with its flags blanked has no phase block: "Connection close" would name the FIN', () => {
    // Segment 6 is the client's FIN: blanked, it sits outside any phase `rect`.
    const text = renderMermaid(closeTrace(), { upTo: 6, hide: { segment: 6, fields: ['flags'] } });
    const lines = text.split('\n');
    const arrow = lines.findIndex((l) => l.includes('#35;6 ?'));
    expect(arrow).toBeGreaterThan(0);
    expect(lines[arrow]).toMatch(/^ {2}h0->>h1/); // depth 1: no enclosing rect
    expect(text).not.toContain('Connection close');
    expect(renderMermaid(closeTrace(), { upTo: 6 })).toContain('Connection close');
  });

  it('a blanked segment is drawn in flight: not lost, nothing after its send', () => {
    const trace = lostTrace();
    const hidden = renderMermaid(trace, { upTo: 4, hide: { segment: 4, fields: ['seq'] } });
    const line = arrows(hidden).find((l) => l.includes('#35;4 '))!;
    expect(line).toMatch(/h0->>h1/);
    expect(line).not.toMatch(/lost/);
    expect(hidden).not.toContain('fired');
    expect(arrows(renderMermaid(trace, { upTo: 4 })).find((l) => l.includes('#35;4 '))).toMatch(/h0-xh1.*lost/);
  });

  it('hideState for two questions at one stop blanks both hosts', () => {
    const text = renderMermaid(trace, { upTo: 1, hideState: [{ host: 'client', after: 1 }, { host: 'server', after: 1 }] });
    for (const state of ['SYN-SENT', 'SYN-RECEIVED']) expect(text).not.toContain(state);
    expect(text).toContain('LISTEN');
  });
});

describe('paging long traces', () => {
  it('pageFor gives the page holding a step', () => {
    expect(pageFor(1, 20)).toEqual({ page: 1, from: 1, to: 20 });
    expect(pageFor(20, 20)).toEqual({ page: 1, from: 1, to: 20 });
    expect(pageFor(21, 20)).toEqual({ page: 2, from: 21, to: 40 });
    expect(pageFor(0, 20)).toEqual({ page: 1, from: 1, to: 20 });
    expect(pageFor(45, 20, 50)).toEqual({ page: 3, from: 41, to: 50 });
  });

  it('a window shows only its segments, keeps every participant and says what is before it', async () => {
    const trace = longTrace(30);
    const text = renderMermaid(trace, { window: { from: 21, to: 40 } });
    const lines = arrows(text);
    expect(lines).toHaveLength(20);
    expect(lines[0]).toContain('#35;21 ');
    expect(lines[19]).toContain('#35;40 ');
    expect(text).toContain('segments #35;1–#35;20 not shown');
    expect(text).toContain('Note over h0: ESTABLISHED');
    expect((await parseMermaid(text)).actors).toHaveLength(2);
  });

  it('window and upTo together: the window ends at upTo', () => {
    const trace = longTrace(30);
    expect(arrows(renderMermaid(trace, { window: { from: 21, to: 40 }, upTo: 25 }))).toHaveLength(5);
  });

  it('rendering 2000 segments stays fast', () => {
    const trace = longTrace(1000);
    const start = performance.now();
    const text = renderMermaid(trace);
    expect(arrows(text)).toHaveLength(2003);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('edge cases', () => {
  it('a trace without segments is still a valid diagram with its participants', async () => {
    const trace = new TraceBuilder({ a: { address: '10.0.0.1', port: 1, isn: null } }).state(0, 'a', 'LISTEN', { type: 'call', call: 'listen' }).build();
    const text = renderMermaid(trace);
    const parsed = await parseMermaid(text);
    expect(parsed.actors).toHaveLength(1);
    expect(text).toContain('Note over h0: LISTEN');
  });

  it('a window past the end shows no segment', () => {
    expect(arrows(renderMermaid(closeTrace(), { window: { from: 50, to: 60 } }))).toHaveLength(0);
  });
});

describe('determinism', () => {
  it('the same trace renders to the same text', () => {
    expect(renderMermaid(closeTrace(), { numbers: 'relative' })).toBe(renderMermaid(closeTrace(), { numbers: 'relative' }));
  });
});
