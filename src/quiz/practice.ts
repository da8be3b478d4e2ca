/**
 * Randomised practice: for each course topic, a fresh scenario (random ISNs, data lengths, which
 * side closes first, which segment is lost …) and questions about it. Deterministic for a seed.
 *
 * A generator builds the scenario, runs the engine once, and points its questions at segments it
 * finds in the trace ("the client's first FIN") rather than at numbers it assumes, so a question
 * always refers to a segment that exists. Every question kept has an answer the engine computes.
 */
import type { LocalText } from '../common/text';
import { simulate } from '../engine/index';
import { createRng, type Rng } from '../engine/prng';
import type { Flag, HostConfig, Scenario, SegmentRecord, Step, TcpOptions, Trace } from '../engine/types';
import { computeAnswer, deliverIndex, tcbAt } from './answers';
import { msgBoth } from './messages';
import type { QuestionSpec } from './types';

export const PRACTICE_TOPICS: string[] = [
  'header',
  'handshake',
  'isn',
  'syn-flood',
  'close',
  'time-wait',
  'half-close',
  'half-open',
  'simultaneous-open',
  'simultaneous-close',
  'rst',
  'linux',
];

/** The fewest questions a practice set asks. */
export const MIN_QUESTIONS = 4;

export interface Practice {
  title: LocalText;
  scenario: Scenario;
  questions: QuestionSpec[];
}

const TOPIC_TITLES: Record<string, { en: string; 'zh-cn': string }> = {
  header: { en: 'The TCP header', 'zh-cn': 'TCP 首部' },
  handshake: { en: 'Three-way handshake', 'zh-cn': '三次握手' },
  isn: { en: 'Initial sequence numbers', 'zh-cn': '初始序号' },
  'syn-flood': { en: 'SYN flood', 'zh-cn': 'SYN 洪泛' },
  close: { en: 'Four-way close', 'zh-cn': '四次挥手' },
  'time-wait': { en: 'TIME-WAIT and 2MSL', 'zh-cn': 'TIME-WAIT 与 2MSL' },
  'half-close': { en: 'Half-close', 'zh-cn': '半关闭' },
  'half-open': { en: 'Half-open connections', 'zh-cn': '半打开连接' },
  'simultaneous-open': { en: 'Simultaneous open', 'zh-cn': '同时打开' },
  'simultaneous-close': { en: 'Simultaneous close', 'zh-cn': '同时关闭' },
  rst: { en: 'RST', 'zh-cn': 'RST 复位' },
  linux: { en: 'RFC 9293 vs Linux', 'zh-cn': 'RFC 9293 与 Linux 的差异' },
};

// ---- small random helpers ------------------------------------------------------------------

const int = (rng: Rng, lo: number, hi: number): number => lo + (rng.nextU32() % (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.nextU32() % xs.length]!;
const coin = (rng: Rng): boolean => (rng.nextU32() & 1) === 1;

const call = (host: string, c: Extract<Step, { kind: 'call' }>['call'], extra: Partial<Extract<Step, { kind: 'call' }>> = {}): Step => ({
  kind: 'call',
  host,
  call: c,
  ...extra,
});

function twoHosts(rng: Rng, a = 'client', b = 'server'): Record<string, HostConfig> {
  return {
    [a]: { address: '10.0.0.1', port: int(rng, 32768, 60999), isn: rng.nextU32() },
    [b]: { address: '10.0.0.2', port: pick(rng, [80, 443, 8080, 25, 22]), isn: rng.nextU32() },
  };
}

function baseScenario(rng: Rng, seed: number, hosts: Record<string, HostConfig>, steps: Step[], extra: Partial<Scenario> = {}): Scenario {
  return {
    profile: 'rfc9293',
    seed,
    hosts,
    network: { latency: int(rng, 2, 10) * 10 },
    steps,
    faults: [],
    ...extra,
  };
}

// ---- trace finders -------------------------------------------------------------------------

const exactly = (r: SegmentRecord, flags: Flag[]): boolean => r.seg.flags.length === flags.length && flags.every((f) => r.seg.flags.includes(f));
const has = (r: SegmentRecord, f: Flag): boolean => r.seg.flags.includes(f);
const original = (r: SegmentRecord): boolean => r.fate !== 'duplicate' && !r.retransmission;

function find(trace: Trace, pred: (r: SegmentRecord) => boolean, from = 0): SegmentRecord | undefined {
  return trace.segments.find((r) => r.n > from && pred(r));
}

type Q = QuestionSpec | undefined;

// ---- generators ----------------------------------------------------------------------------

interface Draft {
  scenario: Scenario;
  /** Questions built from the trace (undefined ones are dropped). */
  questions: (trace: Trace) => Q[];
}

type Generator = (rng: Rng, seed: number) => Draft;

function handshakeSteps(client = 'client', server = 'server'): Step[] {
  return [call(server, 'listen'), call(client, 'connect', { target: server })];
}

const header: Generator = (rng, seed) => {
  const hosts = twoHosts(rng);
  hosts.server!.wscale = int(rng, 0, 9);
  const scenario = baseScenario(rng, seed, hosts, handshakeSteps());
  const opts = (): TcpOptions => {
    const o: TcpOptions = {};
    if (coin(rng)) o.mss = pick(rng, [536, 1220, 1440, 1460]);
    if (coin(rng)) o.wscale = int(rng, 0, 14);
    if (coin(rng)) o.sackPermitted = true;
    if (coin(rng)) o.timestamps = { tsval: rng.nextU32(), tsecr: 0 };
    return o;
  };
  const window = int(rng, 1000, 65535);
  const wscale = int(rng, 1, 10);
  return {
    scenario,
    questions: (trace) => [
      { id: 'header-1', ask: 'number', topic: 'header-length', options: opts() },
      { id: 'header-2', ask: 'number', topic: 'data-offset', options: opts() },
      { id: 'header-3', ask: 'number', topic: 'effective-window', window, wscale },
      find(trace, (r) => r.from === 'server' && has(r, 'SYN')) && {
        id: 'header-4',
        ask: 'flags',
        segment: find(trace, (r) => r.from === 'server' && has(r, 'SYN'))!.n,
      },
    ],
  };
};

const handshake: Generator = (rng, seed) => {
  const data = coin(rng) ? int(rng, 1, 1460) : 0;
  const steps = handshakeSteps();
  if (data > 0) steps.push(call('client', 'send', { data }));
  const scenario = baseScenario(rng, seed, twoHosts(rng), steps);
  const numbers = coin(rng) ? 'relative' : 'absolute';
  return {
    scenario,
    questions: (trace) => {
      const syn = find(trace, (r) => r.from === 'client' && exactly(r, ['SYN']) && original(r));
      const synAck = find(trace, (r) => r.from === 'server' && has(r, 'SYN') && has(r, 'ACK') && original(r));
      const ack = synAck && find(trace, (r) => r.from === 'client' && has(r, 'ACK') && original(r), synAck.n);
      return [
        syn && { id: 'handshake-1', ask: 'state', host: 'server', after: syn.n },
        synAck && { id: 'handshake-2', ask: 'ack', segment: synAck.n, numbers },
        synAck && { id: 'handshake-3', ask: 'state', host: 'client', after: synAck.n },
        ack && { id: 'handshake-4', ask: 'segment', segment: ack.n, fields: ['seq', 'ack', 'flags'], numbers },
        syn && { id: 'handshake-5', ask: 'flags', segment: syn.n },
      ];
    },
  };
};

const isn: Generator = (rng, seed) => {
  const clients = int(rng, 3, 4);
  // Port 514 (rsh), the port Mitnick's probes targeted.
  const hosts: Record<string, HostConfig> = { server: { address: '10.0.0.2', port: 514, isn: 'plus128000' } };
  const steps: Step[] = [call('server', 'listen')];
  for (let k = 1; k <= clients; k++) {
    hosts[`c${k}`] = { address: `10.0.1.${k}`, port: int(rng, 1000, 1023), isn: rng.nextU32() };
    if (k > 1) steps.push({ kind: 'wait', duration: int(rng, 0, 3) * 1000 });
    steps.push(call(`c${k}`, 'connect', { target: 'server' }));
  }
  const scenario = baseScenario(rng, seed, hosts, steps);
  return {
    scenario,
    questions: (trace) => {
      const synAcks = trace.segments.filter((r) => r.from === 'server' && has(r, 'SYN') && original(r));
      const first = synAcks[0];
      const lastAck = first && find(trace, (r) => r.to === 'server' && exactly(r, ['ACK']) && original(r), first.n);
      return [
        { id: 'isn-1', ask: 'number', topic: 'next-isn', host: 'server' },
        first && { id: 'isn-2', ask: 'seq', segment: first.n },
        lastAck && { id: 'isn-3', ask: 'ack', segment: lastAck.n },
        {
          id: 'isn-4',
          ask: 'choice',
          prompt: { en: 'What makes these ISNs dangerous?', 'zh-cn': '这样的 ISN 有什么危险？' },
          choices: [
            { en: 'They wrap around too soon.', 'zh-cn': '它们回绕得太快。' },
            { en: 'An attacker who sees one can predict the next, and forge a connection without seeing the replies.', 'zh-cn': '攻击者看到一个 ISN 就能推算出下一个，从而在看不到回复的情况下伪造连接。' },
            { en: 'They use too many bits.', 'zh-cn': '它们占用的位数太多。' },
          ],
          answer: 1,
        },
      ];
    },
  };
};

const synFlood: Generator = (rng, seed) => {
  const backlog = int(rng, 2, 4);
  const cookies = coin(rng);
  const hosts = twoHosts(rng);
  hosts.server = { ...hosts.server!, backlog, syncookies: cookies };
  const spoofed = backlog + int(rng, 0, 2);
  const steps: Step[] = [call('server', 'listen', { at: 0 })];
  for (let k = 0; k < spoofed; k++) {
    steps.push({ kind: 'inject', at: 1 + k, from: `198.51.100.${int(rng, 1, 254)}:${int(rng, 1024, 65535)}`, to: 'server', flags: ['SYN'], seq: rng.nextU32() });
  }
  steps.push(call('client', 'connect', { target: 'server', at: 100 }));
  const scenario = baseScenario(rng, seed, hosts, steps);
  return {
    scenario,
    questions: (trace) => {
      const syn = find(trace, (r) => r.from === 'client' && exactly(r, ['SYN']) && original(r));
      const answer = syn && find(trace, (r) => r.from === 'server' && r.to === 'client' && has(r, 'SYN'), syn.n);
      return [
        syn && { id: 'syn-flood-1', ask: 'accepted', segment: syn.n },
        syn && { id: 'syn-flood-2', ask: 'state', host: 'client', after: syn.n },
        // The listener itself, not the half-open entries the spoofed SYNs made (lesson 4a).
        syn && {
          id: 'syn-flood-5',
          ask: 'state',
          host: 'server',
          after: syn.n,
          prompt: {
            en: `The backlog is full of half-open entries for the spoofed SYNs. Leaving those aside, which state is the server's listening socket itself in once segment ${syn.n} has arrived?`,
            'zh-cn': `半连接队列已被伪造 SYN 的条目占满。不算这些条目，第 ${syn.n} 个报文段到达之后，服务器的监听套接字本身处于什么状态？`,
          },
        },
        answer && { id: 'syn-flood-3', ask: 'flags', segment: answer.n },
        {
          id: 'syn-flood-4',
          ask: 'choice',
          prompt: { en: 'What does a SYN cookie let the server avoid?', 'zh-cn': 'SYN cookie 让服务器可以不做什么？' },
          choices: [
            { en: 'Keeping any state for a half-open connection until the final ACK arrives.', 'zh-cn': '在最后的 ACK 到达之前，为半连接保存任何状态。' },
            { en: 'Sending a SYN,ACK at all.', 'zh-cn': '发送 SYN,ACK。' },
            { en: 'Choosing an ISN.', 'zh-cn': '选择 ISN。' },
          ],
          answer: 0,
        },
      ];
    },
  };
};

/** Handshake, some data, then a close started by `first`. */
function closeScenario(rng: Rng, seed: number, extra: Partial<Scenario> = {}): { scenario: Scenario; first: string; second: string } {
  const first = coin(rng) ? 'client' : 'server';
  const second = first === 'client' ? 'server' : 'client';
  const steps = handshakeSteps();
  if (coin(rng)) steps.push(call('client', 'send', { data: int(rng, 1, 1000) }));
  if (coin(rng)) steps.push(call('server', 'send', { data: int(rng, 1, 1000) }));
  steps.push(call(first, 'close'), call(second, 'close'));
  return { scenario: baseScenario(rng, seed, twoHosts(rng), steps, extra), first, second };
}

const close: Generator = (rng, seed) => {
  const { scenario, first, second } = closeScenario(rng, seed);
  return {
    scenario,
    questions: (trace) => {
      const fin1 = find(trace, (r) => r.from === first && has(r, 'FIN') && original(r));
      const ack1 = fin1 && find(trace, (r) => r.from === second && has(r, 'ACK') && original(r), fin1.n);
      const fin2 = find(trace, (r) => r.from === second && has(r, 'FIN') && original(r));
      const ack2 = fin2 && find(trace, (r) => r.from === first && exactly(r, ['ACK']) && original(r), fin2.n);
      return [
        fin1 && { id: 'close-1', ask: 'state', host: second, after: fin1.n },
        ack1 && { id: 'close-2', ask: 'ack', segment: ack1.n },
        ack1 && { id: 'close-3', ask: 'state', host: first, after: ack1.n },
        fin2 && { id: 'close-4', ask: 'state', host: first, after: fin2.n },
        ack2 && { id: 'close-5', ask: 'segment', segment: ack2.n, fields: ['seq', 'ack'] },
        { id: 'close-6', ask: 'number', topic: 'close-segments' },
      ];
    },
  };
};

const timeWait: Generator = (rng, seed) => {
  const msl = int(rng, 1, 30) * 1000;
  const { scenario, first, second } = closeScenario(rng, seed, {});
  scenario.network.msl = msl;
  if (coin(rng)) {
    // Lose the active closer's final ACK: the passive closer retransmits its FIN into TIME-WAIT.
    scenario.faults.push({ kind: 'drop', match: { from: first, flags: ['ACK'], len: 0 }, nth: 'last', count: 1 });
  } else {
    // Lose the passive closer's FIN: the active closer waits in FIN-WAIT-2 until it comes again.
    scenario.faults.push({ kind: 'drop', match: { from: second, flags: ['ACK', 'FIN'] }, nth: 1, count: 1 });
  }
  return {
    scenario,
    questions: (trace) => {
      const fin2 = find(trace, (r) => r.from === second && has(r, 'FIN') && original(r));
      const lost = trace.segments.find((r) => r.fate === 'dropped');
      const again = find(trace, (r) => r.from === second && has(r, 'FIN') && r.retransmission);
      return [
        fin2 && { id: 'time-wait-1', ask: 'state', host: first, after: fin2.n },
        lost && { id: 'time-wait-2', ask: 'state', host: second, after: lost.n },
        again && { id: 'time-wait-3', ask: 'accepted', segment: again.n },
        { id: 'time-wait-4', ask: 'number', topic: 'time-wait' },
      ];
    },
  };
};

const halfClose: Generator = (rng, seed) => {
  const steps = handshakeSteps();
  steps.push(call('client', 'send', { data: int(rng, 1, 500) }), call('client', 'close'), call('server', 'send', { data: int(rng, 1, 1400) }), call('server', 'close'));
  const scenario = baseScenario(rng, seed, twoHosts(rng), steps);
  return {
    scenario,
    questions: (trace) => {
      const fin = find(trace, (r) => r.from === 'client' && has(r, 'FIN') && original(r));
      const finAck = fin && find(trace, (r) => r.from === 'server' && has(r, 'ACK') && original(r), fin.n);
      const data = fin && find(trace, (r) => r.from === 'server' && r.seg.payload.length > 0 && original(r), fin.n);
      const dataAck = data && find(trace, (r) => r.from === 'client' && has(r, 'ACK') && original(r), data.n);
      return [
        fin && { id: 'half-close-1', ask: 'state', host: 'server', after: fin.n },
        finAck && { id: 'half-close-2', ask: 'state', host: 'client', after: finAck.n },
        data && { id: 'half-close-3', ask: 'accepted', segment: data.n },
        dataAck && { id: 'half-close-4', ask: 'ack', segment: dataAck.n },
      ];
    },
  };
};

const halfOpen: Generator = (rng, seed) => {
  const steps = handshakeSteps();
  if (coin(rng)) steps.push(call('client', 'send', { data: int(rng, 1, 500) }));
  steps.push(call('server', 'crash'), call('server', 'reboot'), call('client', 'send', { data: int(rng, 1, 500) }));
  const scenario = baseScenario(rng, seed, twoHosts(rng), steps);
  return {
    scenario,
    questions: (trace) => {
      const rst = find(trace, (r) => r.from === 'server' && has(r, 'RST'));
      const trigger = rst && [...trace.segments].reverse().find((r) => r.n < rst.n && r.from === 'client' && r.arrivedAt === rst.sentAt);
      return [
        trigger && { id: 'half-open-1', ask: 'accepted', segment: trigger.n },
        rst && { id: 'half-open-2', ask: 'seq', segment: rst.n },
        rst && { id: 'half-open-3', ask: 'flags', segment: rst.n },
        rst && { id: 'half-open-4', ask: 'state', host: 'client', after: rst.n },
      ];
    },
  };
};

const simultaneousOpen: Generator = (rng, seed) => {
  const hosts: Record<string, HostConfig> = {
    a: { address: '10.0.0.1', port: int(rng, 1024, 9999), isn: rng.nextU32() },
    b: { address: '10.0.0.2', port: int(rng, 1024, 9999), isn: rng.nextU32() },
  };
  const scenario = baseScenario(rng, seed, hosts, [call('a', 'connect', { target: 'b', at: 0 }), call('b', 'connect', { target: 'a', at: 0 })]);
  const who = coin(rng) ? 'a' : 'b';
  return {
    scenario,
    questions: (trace) => {
      const synIn = find(trace, (r) => r.to === who && exactly(r, ['SYN']) && original(r));
      const synAck = find(trace, (r) => r.from === who && has(r, 'SYN') && has(r, 'ACK') && original(r));
      const synAckIn = find(trace, (r) => r.to === who && has(r, 'SYN') && has(r, 'ACK') && original(r));
      return [
        synIn && { id: 'simultaneous-open-1', ask: 'state', host: who, after: synIn.n },
        synAck && { id: 'simultaneous-open-2', ask: 'segment', segment: synAck.n, fields: ['seq', 'ack', 'flags'] },
        synAckIn && { id: 'simultaneous-open-3', ask: 'state', host: who, after: synAckIn.n },
        synAckIn && { id: 'simultaneous-open-4', ask: 'ack', segment: synAckIn.n },
        { id: 'simultaneous-open-5', ask: 'number', topic: 'segment-count' },
      ];
    },
  };
};

const simultaneousClose: Generator = (rng, seed) => {
  const hosts = twoHosts(rng);
  // Every step is timed: both CLOSE calls happen at the same instant, so the FINs cross.
  const steps: Step[] = [call('server', 'listen', { at: 0 }), call('client', 'connect', { target: 'server', at: 1 })];
  if (coin(rng)) steps.push(call('client', 'send', { data: int(rng, 1, 1000), at: 2000 }));
  const at = 5000;
  steps.push(call('client', 'close', { at }), call('server', 'close', { at }));
  const scenario = baseScenario(rng, seed, hosts, steps);
  const who = coin(rng) ? 'client' : 'server';
  return {
    scenario,
    questions: (trace) => {
      const finIn = find(trace, (r) => r.to === who && has(r, 'FIN') && original(r));
      const ackIn = finIn && find(trace, (r) => r.to === who && exactly(r, ['ACK']) && original(r), finIn.n);
      const ackOut = finIn && find(trace, (r) => r.from === who && exactly(r, ['ACK']) && original(r), finIn.n);
      return [
        finIn && { id: 'simultaneous-close-1', ask: 'state', host: who, after: finIn.n },
        ackOut && { id: 'simultaneous-close-2', ask: 'ack', segment: ackOut.n },
        ackIn && { id: 'simultaneous-close-3', ask: 'state', host: who, after: ackIn.n },
        { id: 'simultaneous-close-4', ask: 'number', topic: 'close-segments' },
      ];
    },
  };
};

const rst: Generator = (rng, seed) => {
  const variant = pick(rng, ['no-listener', 'abort'] as const);
  const steps: Step[] =
    variant === 'no-listener'
      ? [call('client', 'connect', { target: 'server' })]
      : [...handshakeSteps(), call('client', 'send', { data: int(rng, 1, 800) }), call(pick(rng, ['client', 'server']), 'abort')];
  const scenario = baseScenario(rng, seed, twoHosts(rng), steps);
  return {
    scenario,
    questions: (trace) => {
      const r = find(trace, (x) => has(x, 'RST'));
      const victim = r?.to;
      // An ABORT's RST answers no segment; an RST for no socket answers the one that just arrived.
      const trigger =
        r && r.reason !== 'rst-abort' ? [...trace.segments].reverse().find((x) => x.n < r.n && x.to === r.from && x.arrivedAt === r.sentAt) : undefined;
      return [
        trigger && { id: 'rst-1', ask: 'accepted', segment: trigger.n },
        r && { id: 'rst-2', ask: 'segment', segment: r.n, fields: ['seq', 'ack', 'flags'] },
        r && victim !== undefined && victim in scenario.hosts ? { id: 'rst-3', ask: 'state', host: victim, after: r.n } : undefined,
        r && { id: 'rst-4', ask: 'accepted', segment: r.n },
        // ABORT deletes the aborting side's TCB at once (RFC 9293 §3.10.5): no FIN, no TIME-WAIT.
        r && r.reason === 'rst-abort' ? { id: 'rst-5', ask: 'state', host: r.from, after: r.n } : undefined,
      ];
    },
  };
};

const linux: Generator = (rng, seed) => {
  const hosts = twoHosts(rng);
  const clientIsn = hosts.client!.isn as number;
  const sent = int(rng, 1, 1000);
  // Mostly in the window but off RCV.NXT (challenge ACK); sometimes exactly RCV.NXT (the RST resets).
  const offset = rng.nextU32() % 4 === 0 ? 0 : int(rng, 1, 1000);
  // Now and then the same off-RCV.NXT RST under the base rules of RFC 9293 (lesson 12c): it resets.
  const profile = offset !== 0 && rng.nextU32() % 3 === 0 ? 'rfc9293' : 'linux';
  const steps: Step[] = [
    ...handshakeSteps(),
    call('client', 'send', { data: sent }),
    // RFC 5961 §3.2: an RST inside the window but not exactly at RCV.NXT gets a challenge ACK on Linux;
    // one exactly at RCV.NXT resets the connection.
    { kind: 'inject', from: 'client', to: 'server', flags: ['RST'], seq: (clientIsn + 1 + sent + offset) >>> 0 },
    call('client', 'close'),
    call('server', 'close'),
  ];
  const scenario = baseScenario(rng, seed, hosts, steps, { profile });
  return {
    scenario,
    questions: (trace) => {
      const forged = find(trace, (r) => r.injected && has(r, 'RST'));
      const fin = find(trace, (r) => r.from === 'client' && has(r, 'FIN') && original(r));
      const answer = fin && find(trace, (r) => r.from === 'server' && original(r), fin.n);
      const reset = trace.segments.some((r) => r.disposition === 'reset');
      // The rules in force decide the answer, so the prompt names them.
      const before = forged ? tcbAt(trace, deliverIndex(trace, forged.n) - 1, 'server') : undefined;
      const window = before?.rcvNxt != null && before.rcvWnd != null ? { en: ` (RCV.NXT=${before.rcvNxt}, RCV.WND=${before.rcvWnd})`, zh: `（RCV.NXT=${before.rcvNxt}，RCV.WND=${before.rcvWnd}）` } : { en: '', zh: '' };
      const rules =
        profile === 'linux'
          ? { en: 'The server runs Linux, which applies the checks of RFC 5961.', zh: '服务器运行的是 Linux，采用 RFC 5961 的检查。' }
          : { en: 'The server follows the base rules of RFC 9293, without the optional checks of RFC 5961.', zh: '服务器按 RFC 9293 的基本规则处理，不做可选的 RFC 5961 检查。' };
      return [
        forged && {
          id: 'linux-1',
          ask: 'accepted',
          segment: forged.n,
          prompt: {
            en: `Segment ${forged.n} is a forged RST with seq ${forged.seg.seq}; the server is in ${before?.state ?? 'ESTABLISHED'}${window.en}. ${rules.en} What does the server do with it: accept it, ignore it, answer with an ACK, a challenge ACK, or an RST?`,
            'zh-cn': `第 ${forged.n} 个报文段是伪造的 RST，序号为 ${forged.seg.seq}；服务器处于 ${before?.state ?? 'ESTABLISHED'}${window.zh}。${rules.zh}服务器会怎样处理它：接受、丢弃、回复 ACK、回复挑战 ACK，还是回复 RST？`,
          },
        },
        // A reset at the server is not reported to the client: the connection is half-open (lesson 12c).
        forged && reset ? { id: 'linux-6', ask: 'state', host: 'client', after: forged.n } : undefined,
        { id: 'linux-2', ask: 'number', topic: 'time-wait' },
        fin && { id: 'linux-3', ask: 'state', host: 'server', after: fin.n },
        answer && { id: 'linux-5', ask: 'flags', segment: answer.n },
        // Only when the forged RST did not reset the connection: then the close is an orderly one.
        reset ? undefined : { id: 'linux-4', ask: 'number', topic: 'close-segments' },
      ];
    },
  };
};

const GENERATORS: Record<string, Generator> = {
  header,
  handshake,
  isn,
  'syn-flood': synFlood,
  close,
  'time-wait': timeWait,
  'half-close': halfClose,
  'half-open': halfOpen,
  'simultaneous-open': simultaneousOpen,
  'simultaneous-close': simultaneousClose,
  rst,
  linux,
};

/**
 * A fresh practice set for `topic`, the same for the same seed. Throws for an unknown topic.
 * Every returned question has an answer the engine computes for the returned scenario.
 */
export function generatePractice(topic: string, seed: number): Practice {
  const gen = GENERATORS[topic];
  if (!gen) throw new Error(`unknown practice topic "${topic}" (topics: ${PRACTICE_TOPICS.join(', ')})`);
  const rng = createRng(seed >>> 0).fork(`practice:${topic}`);
  const draft = gen(rng, seed >>> 0);
  const trace = simulate(draft.scenario);
  const ctx = { trace, scenario: draft.scenario };
  const questions = draft.questions(trace).filter((q): q is QuestionSpec => {
    if (!q) return false;
    try {
      computeAnswer(q, ctx);
      return true;
    } catch {
      return false;
    }
  });
  // Every practice set asks at least four questions: top up with trace-wide ones if a finder missed.
  const fillers: QuestionSpec[] = [
    { id: `${topic}-count`, ask: 'number', topic: 'segment-count' },
    ...Object.keys(draft.scenario.hosts).map((h, k): QuestionSpec => ({ id: `${topic}-final-${k}`, ask: 'state', host: h, after: trace.segments.length })),
  ];
  for (const f of fillers) if (questions.length < MIN_QUESTIONS) questions.push(f);
  const base = TOPIC_TITLES[topic]!;
  const title = msgBoth('practiceTitle', base.en, seed >>> 0);
  title['zh-cn'] = msgBoth('practiceTitle', base['zh-cn'], seed >>> 0)['zh-cn'];
  return { title, scenario: draft.scenario, questions };
}
