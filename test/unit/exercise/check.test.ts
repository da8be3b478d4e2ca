import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { checkExercise, exerciseToJson, loadExercise, STARTER_TEMPLATE } from '../../../src/exercise';
import { file } from './helpers';

const EXAMPLES = join(__dirname, '../../../examples');

describe('checkExercise', () => {
  it.each(readdirSync(EXAMPLES).filter((f) => f.endsWith('.tcp.yaml')))('examples/%s passes', (name) => {
    const text = readFileSync(join(EXAMPLES, name), 'utf8');
    const errors = checkExercise(text, name).filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('the starter template passes in both languages', () => {
    expect(checkExercise(STARTER_TEMPLATE('en'), 'new.tcp.yaml')).toEqual([]);
    expect(checkExercise(STARTER_TEMPLATE('zh-cn'), 'new.tcp.yaml')).toEqual([]);
  });

  it('an expect the engine disagrees with is reported at the expect node', () => {
    const text = file(`steps:
  - server: listen
  - client: connect server
questions:
  - id: q1
    ask: state
    host: client
    after: 2
    expect: CLOSED
`);
    const ds = checkExercise(text, 'x.tcp.yaml');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'expect-mismatch', severity: 'error', line: 14, column: 13 });
    // the message names both answers; the engine's comes from the trace, not from this test
    const state = simulate(loadExercise(text, 'x').exercise!.scenario).final.client;
    expect(ds[0].message).toContain('CLOSED');
    expect(ds[0].message).toContain(state);
  });

  it('an expect that agrees passes', () => {
    const text = file(`steps:\n  - server: listen\n  - client: connect server\nquestions:\n  - { id: q1, ask: state, host: client, after: 2, expect: ESTABLISHED }\n`);
    expect(checkExercise(text, 'x')).toEqual([]);
  });

  it('questions about segments that do not exist', () => {
    const text = file(`steps:
  - server: listen
  - client: connect server
questions:
  - { id: a, ask: seq, segment: 9 }
  - { id: b, ask: state, host: client, after: 12 }
`);
    const trace = simulate(loadExercise(text, 'x').exercise!.scenario);
    const ds = checkExercise(text, 'x');
    expect(ds.map((d) => [d.line, d.column, d.code])).toEqual([
      [10, 33, 'no-such-segment'],
      [11, 47, 'no-such-segment'],
    ]);
    expect(ds[0].message).toBe(`segment 9 does not exist: this scenario sends ${trace.segments.length} segments`);
  });

  it('an engine cap is a diagnostic in plain words, at the step that ran past it', () => {
    const text = file(`steps:\n  - server: listen\n  - client: connect server\n  - wait: 100000min\n`);
    const ds = checkExercise(text, 'x');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'engine-limit', line: 9, column: 5, message: 'the simulation ran past 24 h of virtual time, the limit' });
    expect(checkExercise(text, 'x', 'zh-cn')[0].message).toBe('模拟的虚拟时间超过了 24 小时的上限');
  });

  it('zh-cn messages from check', () => {
    const text = file(`steps:\n  - server: listen\nquestions:\n  - { id: a, ask: seq, segment: 3 }\n`);
    expect(checkExercise(text, 'x', 'zh-cn')[0].message).toContain('报文段 3 不存在');
  });
});

describe('exerciseToJson', () => {
  it('handshake: hosts, segments, states, final in the documented shape', () => {
    const text = readFileSync(join(EXAMPLES, 'handshake.tcp.yaml'), 'utf8');
    const ex = loadExercise(text, 'h').exercise!;
    const trace = simulate(ex.scenario);
    const json = exerciseToJson(trace, ex.scenario);
    expect(Object.keys(json)).toEqual(['hosts', 'segments', 'states', 'final', 'errors']);
    expect(json.hosts.client).toEqual({ address: '10.0.0.1', port: 40000, isn: 1000 });
    const syn = json.segments[0];
    expect(Object.keys(syn)).toEqual(['n', 'from', 'to', 'flags', 'seq', 'ack', 'len', 'window', 'options', 'sentAt', 'arrivedAt', 'fate']);
    expect(syn).toMatchObject({ n: 1, from: 'client', to: 'server', flags: ['SYN'], seq: 1000, ack: null, len: 0, sentAt: 0, fate: 'delivered' });
    expect(syn.arrivedAt).toBe(trace.segments[0].arrivedAt);
    expect(json.segments[1].ack).toBe(1001);
    const connect = json.states.find((s) => s.host === 'client' && s.to === 'SYN-SENT')!;
    expect(connect).toMatchObject({ from: 'CLOSED', cause: 'call:connect', segment: null });
    const established = json.states.find((s) => s.host === 'server' && s.to === 'ESTABLISHED')!;
    expect(established.cause).toBe(`segment:${established.segment}`);
    expect(json.final).toEqual(trace.final);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
