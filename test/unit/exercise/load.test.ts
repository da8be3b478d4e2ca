import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../../src/exercise';
import { parseDuration } from '../../../src/exercise/util';
import { file, HANDSHAKE } from './helpers';

function load(text: string) {
  const r = loadExercise(text, 'x.tcp.yaml');
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  return { ...r, errors };
}

describe('durations', () => {
  it.each([
    ['50ms', 50],
    ['2s', 2000],
    ['1.5s', 1500],
    ['2min', 120000],
    [100, 100],
    ['100', 100],
    [' 3 s ', 3000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each(['2x', '-1s', 'ms', '1.s', '', 'fast'])('%s is not a duration', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('every key of the format', () => {
  const full = `tcp-tutor: 1
title: { en: Lost final ACK, zh-cn: 最后的 ACK 丢失 }
description: Why the side that closes first waits.
body: |
  Some **Markdown**.
topic: time-wait
misconceptions: [ "A myth", { en: Another, zh-cn: 另一个 } ]
profile: linux
seed: 7
hosts:
  client: { address: 10.0.0.1, port: 40000, isn: 1000 }
  server: { address: 10.0.0.2, port: 80, isn: rfc6528, backlog: 4, syncookies: true, window: 1024, mss: 1460, wscale: 7 }
network: { latency: { "client->server": 50ms, "server->client": 2s }, msl: 1.5s }
steps:
  - server: listen
  - { client: connect server, at: 10ms }
  - client: send 100
  - server: send "hello"
  - client: receive
  - client: status
  - client: close
  - server: abort
  - server: crash
  - server: reboot
  - wait: 2min
  - inject: { from: 10.0.0.9:666, to: server, flags: [SYN], seq: 1, ack: 2, window: 3, data: "x", at: 5s }
  - { inject: { from: client, to: server, flags: [RST] }, at: 6s }
faults:
  - drop: { from: client, to: server, flags: [ACK], len: 0, nth: last }
  - duplicate: { from: server, nth: 2, count: 3 }
  - delay: { flags: [FIN, ACK], by: 300ms }
  - reorder: { from: client }
questions:
  - { id: q1, ask: state, host: client, after: 6, expect: time_wait, tries: 2, prompt: P, explain: E, hints: [h1, h2] }
  - { id: q2, ask: seq, segment: 2, numbers: relative }
  - { id: q3, ask: ack, segment: 2 }
  - { id: q4, ask: flags, segment: 1 }
  - { id: q5, ask: segment, segment: 4, fields: [seq, ack, len, flags, window], numbers: absolute }
  - { id: q6, ask: accepted, segment: 3 }
  - { id: q7, ask: number, topic: header-length, options: { mss: 1460, wscale: 7, sackPermitted: true, timestamps: { tsval: 1, tsecr: 0 } } }
  - { id: q8, ask: number, topic: effective-window, window: 512, wscale: 7 }
  - { id: q9, ask: number, topic: time-wait, msl: 30s }
  - { id: q10, ask: number, topic: next-isn, host: client }
  - { id: q11, ask: choice, choices: [a, { en: b, zh-cn: 乙 }], answer: 1 }
`;
  const r = load(full);

  it('loads without diagnostics', () => {
    expect(r.diagnostics).toEqual([]);
  });
  it('keeps the texts and metadata', () => {
    const ex = r.exercise!;
    expect(ex.title).toEqual({ en: 'Lost final ACK', 'zh-cn': '最后的 ACK 丢失' });
    expect(ex.description).toBe('Why the side that closes first waits.');
    expect(ex.body).toBe('Some **Markdown**.\n');
    expect(ex.topic).toBe('time-wait');
    expect(ex.misconceptions).toEqual(['A myth', { en: 'Another', 'zh-cn': '另一个' }]);
  });
  it('converts profile, seed, hosts and network (durations in ms)', () => {
    const s = r.exercise!.scenario;
    expect(s.profile).toBe('linux');
    expect(s.seed).toBe(7);
    expect(s.hosts.server).toEqual({ address: '10.0.0.2', port: 80, isn: 'rfc6528', backlog: 4, syncookies: true, window: 1024, mss: 1460, wscale: 7 });
    expect(s.network).toEqual({ latency: { 'client->server': 50, 'server->client': 2000 }, msl: 1500 });
  });
  it('converts every step kind', () => {
    const steps = r.exercise!.scenario.steps.map(({ source: _s, ...rest }) => rest);
    expect(steps).toEqual([
      { kind: 'call', host: 'server', call: 'listen' },
      { kind: 'call', host: 'client', call: 'connect', target: 'server', at: 10 },
      { kind: 'call', host: 'client', call: 'send', data: 100 },
      { kind: 'call', host: 'server', call: 'send', data: 'hello' },
      { kind: 'call', host: 'client', call: 'receive' },
      { kind: 'call', host: 'client', call: 'status' },
      { kind: 'call', host: 'client', call: 'close' },
      { kind: 'call', host: 'server', call: 'abort' },
      { kind: 'call', host: 'server', call: 'crash' },
      { kind: 'call', host: 'server', call: 'reboot' },
      { kind: 'wait', duration: 120000 },
      { kind: 'inject', from: '10.0.0.9:666', to: 'server', flags: ['SYN'], seq: 1, ack: 2, window: 3, data: 'x', at: 5000 },
      { kind: 'inject', from: 'client', to: 'server', flags: ['RST'], at: 6000 },
    ]);
  });
  it('attaches the source line of each step', () => {
    const lines = r.exercise!.scenario.steps.map((s) => (s.source as { line: number }).line);
    expect(lines[0]).toBe(15);
    expect(lines[12]).toBe(27);
  });
  it('converts faults with defaults', () => {
    const faults = r.exercise!.scenario.faults.map(({ source: _s, ...rest }) => rest);
    expect(faults).toEqual([
      { kind: 'drop', match: { from: 'client', to: 'server', flags: ['ACK'], len: 0 }, nth: 'last', count: 1 },
      { kind: 'duplicate', match: { from: 'server' }, nth: 2, count: 3 },
      { kind: 'delay', match: { flags: ['FIN', 'ACK'] }, nth: 1, count: 1, by: 300 },
      { kind: 'reorder', match: { from: 'client' }, nth: 1, count: 1 },
    ]);
  });
  it('converts questions (msl in ms, source attached)', () => {
    const qs = r.exercise!.questions;
    expect(qs.map((q) => q.ask)).toEqual(['state', 'seq', 'ack', 'flags', 'segment', 'accepted', 'number', 'number', 'number', 'number', 'choice']);
    expect(qs[0]).toMatchObject({ id: 'q1', host: 'client', after: 6, expect: 'time_wait', tries: 2, prompt: 'P', explain: 'E', hints: ['h1', 'h2'] });
    expect(qs[8]).toMatchObject({ topic: 'time-wait', msl: 30000 });
    expect((qs[10].source as { line: number }).line).toBe(44);
  });
});

describe('defaults', () => {
  it('profile rfc9293, seed 0, latency 50ms, no faults or questions', () => {
    const s = load(HANDSHAKE).exercise!.scenario;
    expect(s.profile).toBe('rfc9293');
    expect(s.seed).toBe(0);
    expect(s.faults).toEqual([]);
    const noNetwork = load(file('steps: []\n')).exercise!;
    expect(noNetwork.scenario.network.latency).toBe(50);
    expect(noNetwork.questions).toEqual([]);
  });
  it('send with single quotes and escapes', () => {
    const ex = load(file(`steps:\n  - client: send 'it''s'\n  - client: send "a\\"b"\n`)).exercise!;
    expect(ex.scenario.steps.map((s) => (s.kind === 'call' ? s.data : undefined))).toEqual(["it's", 'a"b']);
  });
});

describe('the accept queue in a file', () => {
  const FILE = `tcp-tutor: 1
title: Full accept queue
profile: linux
hosts:
  a: { address: 10.0.0.1, port: 40000, isn: 1000 }
  b: { address: 10.0.0.3, port: 40001, isn: 3000 }
  server: { address: 10.0.0.2, port: 80, isn: 5000, acceptBacklog: 0 }
steps:
  - server: listen
  - a: connect server
  - b: connect server
  - { server: accept, at: 2s }
  - wait: 3s
`;

  it('acceptBacklog and `host: accept` load, and a full queue drops the next SYN until the application accepts', async () => {
    const { exercise, diagnostics } = loadExercise(FILE, 'queue.tcp.yaml');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(exercise!.scenario.hosts.server!.acceptBacklog).toBe(0);
    const { simulate } = await import('../../../src/engine/index');
    const trace = simulate(exercise!.scenario);
    const bSyns = trace.segments.filter((r) => r.from === 'b' && r.seg.flags.join() === 'SYN');
    expect(bSyns[0]!.disposition).toBe('accept-queue-full');
    // After the accept at 2 s there is room: b's next SYN is answered and b gets in.
    expect(trace.final.b).toBe('ESTABLISHED');
  });

  it('misspelt `accept` gets a did-you-mean', () => {
    const { diagnostics } = loadExercise(FILE.replace('server: accept', 'server: acept'), 'queue.tcp.yaml');
    expect(diagnostics.some((d) => /did you mean `accept`/.test(d.message))).toBe(true);
  });
});
