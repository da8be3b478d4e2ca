/** The text alternative: the same story as the diagram, as rows a screen reader can walk. */
import { describe, expect, it } from 'vitest';
import { traceTable } from '../../../src/render/table';
import { closeTrace, lostTrace, spoofedTrace } from './fixtures';

describe('traceTable', () => {
  it('has localized column headers', () => {
    expect(traceTable(closeTrace()).columns).toEqual(['#', 'Time', 'Host', 'Segment / state', 'Notes']);
    expect(traceTable(closeTrace(), { lang: 'zh-cn' }).columns).toEqual(['#', '时间', '主机', '报文段 / 状态', '备注']);
  });

  it('every row has one cell per column', () => {
    const t = traceTable(closeTrace());
    for (const row of t.rows) expect(row.text).toHaveLength(t.columns.length);
  });

  it('lists every segment once, in order, and every state change', () => {
    const trace = closeTrace();
    const rows = traceTable(trace).rows;
    expect(rows.filter((r) => r.kind === 'segment').map((r) => r.n)).toEqual(trace.segments.map((s) => s.n));
    const states = rows.filter((r) => r.kind === 'state').map((r) => `${r.text[2]} ${r.text[3]}`);
    expect(states).toEqual(trace.events.flatMap((e) => (e.kind === 'state' ? [`${e.host} ${e.from} → ${e.to}`] : [])));
  });

  it('rows are in time order', () => {
    const times = traceTable(closeTrace()).rows.map((r) => r.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('a segment row says who sent it to whom, its fields, and what happened to it', () => {
    const trace = lostTrace();
    const rows = traceTable(trace).rows.filter((r) => r.kind === 'segment');
    expect(rows[0]!.text).toEqual(['#1', '0 ms', 'client → server', 'SYN seq=1000 win=65535', 'arrived 50 ms; accepted']);
    expect(rows[3]!.text[4]).toBe('lost');
    expect(rows[4]!.text[4]).toMatch(/^retransmission; arrived/);
  });

  it('a state change row gives its cause', () => {
    const rows = traceTable(closeTrace()).rows.filter((r) => r.kind === 'state');
    expect(rows[0]!.text.slice(2)).toEqual(['server', 'CLOSED → LISTEN', 'listen()']);
    expect(rows.find((r) => r.text[3] === 'LISTEN → SYN-RECEIVED')!.text[4]).toBe('on #1');
    expect(rows[rows.length - 1]!.text[4]).toBe('2MSL timer expired');
  });

  it('timer rows: RTO set and fired, 2MSL set', () => {
    const timers = traceTable(lostTrace()).rows.filter((r) => r.kind === 'timer').map((r) => r.text[3]);
    expect(timers).toContain('RTO timer fired');
    expect(traceTable(closeTrace()).rows.filter((r) => r.kind === 'timer').map((r) => r.text[3])).toContain('2MSL timer: 60 s');
  });

  it('upTo stops before the next segment is sent', () => {
    const rows = traceTable(closeTrace(), { upTo: 2 }).rows;
    expect(rows.filter((r) => r.kind === 'segment')).toHaveLength(2);
    expect(rows[rows.length - 1]!.text[3]).toBe('SYN-SENT → ESTABLISHED');
  });

  it('hide blanks fields and the fate of the asked segment', () => {
    const row = traceTable(closeTrace(), { upTo: 3, hide: { segment: 3, fields: ['seq', 'ack'] } }).rows.find((r) => r.n === 3)!;
    expect(row.text[3]).toBe('ACK seq=? ack=? win=65535');
    expect(row.text[4]).toBe('');
  });

  it('marks spoofed segments and foreign addresses', () => {
    const rows = traceTable(spoofedTrace(), { lang: 'zh-cn' }).rows.filter((r) => r.kind === 'segment');
    expect(rows[0]!.text[2]).toBe('10.0.0.9:666 → server');
    expect(rows[0]!.text[4]).toMatch(/^伪造；/);
  });
});

describe('traceTable quiz mode for state questions', () => {
  it('hideState blanks the host’s state changes after the segment, not before', () => {
    const rows = traceTable(closeTrace(), { upTo: 8, hideState: [{ host: 'client', after: 8 }] }).rows.filter((r) => r.kind === 'state');
    const client = rows.filter((r) => r.text[2] === 'client').map((r) => r.text[3]);
    expect(client[client.length - 1]).toBe('?');
    expect(client).toContain('FIN-WAIT-1 → FIN-WAIT-2');
    expect(rows.some((r) => r.text.join(' ').includes('TIME-WAIT'))).toBe(false);
  });
});
