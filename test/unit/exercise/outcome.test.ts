import { describe, expect, it } from 'vitest';
import { simulate, SimulationLimitError, type Scenario } from '../../../src/engine';
import { callFailures, checkExercise, exerciseToJson, idleFaults, loadExercise } from '../../../src/exercise';
import { file } from './helpers';

const scenarioOf = (text: string): Scenario => loadExercise(text, 'x').exercise!.scenario;
const json = (text: string) => {
  const s = scenarioOf(text);
  return exerciseToJson(simulate(s), s);
};
const show = (text: string, lang: 'en' | 'zh-cn' = 'en') => checkExercise(text, 'x', lang).map((d) => `${d.line}:${d.column} ${d.severity}: ${d.message}`);

describe('simulate --json', () => {
  it('hosts.isn is the fixed ISN the file gives, even when the host never sends a SYN', () => {
    expect(json(file('steps: []\n')).hosts).toEqual({
      client: { address: '10.0.0.1', port: 40000, isn: 1000 },
      server: { address: '10.0.0.2', port: 80, isn: 5000 },
    });
  });
  it('else the first ISN the host used, else null', () => {
    const text = `tcp-tutor: 1\ntitle: t\nhosts:\n  a: { address: 10.0.0.1, port: 1, isn: rfc6528 }\n  b: { address: 10.0.0.2, port: 2 }\nsteps:\n  - b: listen\n  - a: connect b\n`;
    const s = scenarioOf(text);
    const trace = simulate(s);
    const hosts = exerciseToJson(trace, s).hosts;
    expect(hosts.a.isn).toBe(trace.segments[0].seg.seq);
    expect(hosts.b.isn).toBe(trace.segments[1].seg.seq);
    expect(json(text.replace('  - b: listen\n  - a: connect b\n', '  - b: listen\n')).hosts.a.isn).toBeNull();
  });
  it('times carry no floating-point drift: latency 0.1ms gives 0.3, not 0.30000000000000004', () => {
    const j = json(file('network: { latency: 0.1ms }\nsteps:\n  - server: listen\n  - client: connect server\n  - client: close\n'));
    const times = [...j.segments.flatMap((s) => [s.sentAt, s.arrivedAt]), ...j.states.map((s) => s.at)];
    expect(times).toContain(0.3);
    for (const t of times) if (t !== null) expect(String(t)).not.toMatch(/0000000|9999999/);
  });
  it('`errors`: the RFC error of each failed call, with the step that made it (keys appended, old ones kept in order)', () => {
    const j = json(file('steps:\n  - client: send 5\n  - server: listen\n  - client: connect server\n  - client: close\n  - client: close\n'));
    expect(Object.keys(j)).toEqual(['hosts', 'segments', 'states', 'final', 'errors']);
    expect(j.errors).toEqual([
      { host: 'client', call: 'send', error: 'connection does not exist', at: 0, step: 1 },
      { host: 'client', call: 'close', error: 'connection closing', at: 250, step: 5 },
    ]);
    expect(Object.keys(j.errors[0])).toEqual(['host', 'call', 'error', 'at', 'step']);
  });
  it('an error signalled later (a reset connect) goes to the connect that was pending, not the next one', () => {
    const text = file('steps:\n  - client: connect server\n  - client: connect server\n');
    const failures = callFailures(simulate(scenarioOf(text)), scenarioOf(text));
    expect(failures.map((f) => [f.call, f.error, f.step, f.immediate])).toEqual([
      ['connect', 'connection reset', 1, false],
      ['connect', 'connection reset', 2, false],
    ]);
  });
});

describe('check warns about what the run did', () => {
  it('a step whose call fails: a warning at that step, in both languages; the file still passes', () => {
    const text = file('steps:\n  - server: listen\n  - client: connect server\n  - client: close\n  - client: send 5\n');
    expect(show(text)).toEqual(['10:5 warning: step 4 (client: send) fails: connection closing']);
    expect(show(text, 'zh-cn')).toEqual(['10:5 warning: 第 4 步（client: send）会失败：connection closing（连接正在关闭）']);
  });
  it('a fault that never matches a segment, or fewer than its nth', () => {
    const text = file('steps:\n  - server: listen\n  - client: connect server\nfaults:\n  - drop: { flags: [FIN] }\n  - drop: { flags: [SYN], nth: 3 }\n  - duplicate: { flags: [SYN] }\n');
    expect(show(text)).toEqual(['10:5 warning: fault 1 never matches a segment', '11:5 warning: fault 2 never applies: 1 segment matches it, but `nth` is 3']);
    expect(show(text, 'zh-cn')).toEqual(['10:5 warning: 第 1 个故障没有匹配到任何报文段', '11:5 warning: 第 2 个故障从未生效：只有 1 个报文段与它匹配，而 `nth` 是 3']);
  });
  it('idleFaults does not count network duplicates as matches', () => {
    const text = file('steps:\n  - server: listen\n  - client: connect server\nfaults:\n  - duplicate: { flags: [SYN] }\n  - drop: { flags: [SYN], nth: 2 }\n');
    const s = scenarioOf(text);
    expect(idleFaults(simulate(s), s)).toEqual([{ index: 1, matched: 1, nth: 2 }]);
  });
});

describe('a simulation cap', () => {
  it('the engine names the step that takes a scenario past it', () => {
    const s: Scenario = { ...scenarioOf(file('steps:\n  - server: listen\n  - client: connect server\n  - wait: 1s\n  - client: send 10\n  - wait: 1s\n  - client: send 10\n')), limits: { maxSegments: 5 } };
    let error: unknown;
    try {
      simulate(s);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulationLimitError);
    // Handshake (3) + data and its ACK (2) = 5 segments; the second send makes the 6th.
    expect((error as SimulationLimitError).step).toBe(5);
  });
});
