/**
 * One test per edge of RFC 9293's state diagram (§3.3.2, Figure 5) and per error a user call
 * meets, grouped by the state the connection starts in. Client ISS 1000, server ISS 5000.
 * Connection factories leave the client in a state; a crashed server (`peerGone`) keeps the
 * client's replies from reaching a real peer while the tests inject the peer's segments.
 */
import { describe, expect, it } from 'vitest';
import { simulate, type Step, type Trace } from '../../../src/engine/index';
import { call, close, connect, inject, injected, listen, replyTo, scenario, send, stateAfter, tcbAfter, transitions, wait } from './helpers';

const crash = (host: string, at?: number): Step => call(host, 'crash', at === undefined ? {} : { at });

/** Client ESTABLISHED (ISS 1000, IRS 5000); the server is then gone. */
const established = (): Step[] => [listen(), connect(), crash('server')];
/** Client SYN-SENT: the server is down, so the SYN goes unanswered. */
const synSent = (): Step[] => [crash('server'), connect('client', 'server', 0)];
/** Client FIN-WAIT-1: its FIN (seq 1001) is unacknowledged. */
const finWait1 = (): Step[] => [...established(), close('client', 0)];
/** Client FIN-WAIT-2: its FIN was acknowledged; the server (in CLOSE-WAIT) then crashed. */
const finWait2 = (): Step[] => [listen(), connect(), close('client'), crash('server')];
/** Client CLOSE-WAIT: the server's FIN (seq 5001) was received. */
const closeWait = (): Step[] => [listen(), connect(), close('server'), crash('server')];
/** Client LAST-ACK: its FIN (seq 1001) is unacknowledged. */
const lastAck = (): Step[] => [...closeWait(), close('client', 0)];
/** Client TIME-WAIT after closing first. */
const timeWait = (): Step[] => [listen(), connect(), close('client'), close('server')];

function run(steps: Step[]): Trace {
  return simulate(scenario(steps));
}

describe('CLOSED', () => {
  it('CLOSED + passive OPEN → LISTEN', () => {
    const t = run([listen()]);
    expect(transitions(t, 'server')).toEqual(['CLOSED → LISTEN']);
    expect(t.final.server).toBe('LISTEN');
  });

  it('CLOSED + active OPEN → SYN-SENT, sends <SEQ=ISS><CTL=SYN> with MSS', () => {
    const t = run(synSent());
    expect(transitions(t, 'client')[0]).toBe('CLOSED → SYN-SENT');
    const syn = t.segments[0]!;
    expect(syn.seg.flags).toEqual(['SYN']);
    expect(syn.seg.seq).toBe(1000);
    expect(syn.seg.options.mss).toBe(1460);
    expect(syn.reason).toBe('active-open');
  });

  it('CLOSED + ACK-bearing segment → <SEQ=SEG.ACK><CTL=RST>', () => {
    const t = run([inject('10.0.0.9:666', 'server', ['ACK'], { seq: 7, ack: 1234 })]);
    const rst = replyTo(t, 1, 'server')!;
    expect(rst.seg.flags).toEqual(['RST']);
    expect(rst.seg.seq).toBe(1234);
    expect(rst.reason).toBe('rst-no-socket');
    expect(t.segments[0]!.disposition).toBe('answered-rst');
  });

  it('CLOSED + SYN with data (ACK off) → <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, SYN counted', () => {
    const t = run([inject('10.0.0.9:666', 'server', ['SYN'], { seq: 100, data: 'abc' })]);
    const rst = replyTo(t, 1, 'server')!;
    expect([...rst.seg.flags].sort()).toEqual(['ACK', 'RST']);
    expect(rst.seg.seq).toBe(0);
    expect(rst.seg.ack).toBe(104);
  });

  it('CLOSED + FIN with data (ACK off) → RST,ACK acknowledging data and FIN', () => {
    const t = run([inject('10.0.0.9:666', 'server', ['FIN'], { seq: 200, data: 10 })]);
    expect(replyTo(t, 1, 'server')!.seg.ack).toBe(211);
  });

  it('CLOSED + RST → discarded, no reply', () => {
    const t = run([inject('10.0.0.9:666', 'server', ['RST'], { seq: 5 })]);
    expect(t.segments).toHaveLength(1);
    expect(t.segments[0]!.disposition).toBe('ignored');
  });

  it.each(['close', 'send', 'receive', 'abort', 'status'] as const)('CLOSED + %s → "connection does not exist"', (c) => {
    const t = run([call('client', c, c === 'send' ? { data: 1 } : {})]);
    expect(t.errors).toEqual([{ t: 0, host: 'client', call: c, error: 'connection does not exist' }]);
    const ev = t.events.find((e) => e.kind === 'call')!;
    expect(ev).toMatchObject({ ok: false, error: 'connection does not exist' });
  });
});

describe('LISTEN', () => {
  it('LISTEN + SYN → SYN-RECEIVED, sends <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK>', () => {
    const t = run([listen(), inject('10.0.0.9:666', 'server', ['SYN'], { seq: 300 })]);
    const synAck = replyTo(t, 1, 'server')!;
    expect([...synAck.seg.flags].sort()).toEqual(['ACK', 'SYN']);
    expect(synAck.seg.seq).toBe(5000);
    expect(synAck.seg.ack).toBe(301);
    expect(synAck.reason).toBe('syn-ack');
    expect(transitions(t, 'server')).toContain('LISTEN → SYN-RECEIVED');
  });

  it('LISTEN + ACK → <SEQ=SEG.ACK><CTL=RST>, stays LISTEN', () => {
    const t = run([listen(), inject('10.0.0.9:666', 'server', ['ACK'], { seq: 1, ack: 777 })]);
    const rst = replyTo(t, 1, 'server')!;
    expect(rst.seg.flags).toEqual(['RST']);
    expect(rst.seg.seq).toBe(777);
    expect(t.final.server).toBe('LISTEN');
  });

  it('LISTEN + RST → ignored', () => {
    const t = run([listen(), inject('10.0.0.9:666', 'server', ['RST'], { seq: 1 })]);
    expect(t.segments).toHaveLength(1);
    expect(t.segments[0]!.disposition).toBe('ignored');
  });

  it('LISTEN + CLOSE → CLOSED', () => {
    const t = run([listen(), close('server')]);
    expect(transitions(t, 'server')).toEqual(['CLOSED → LISTEN', 'LISTEN → CLOSED']);
  });

  it('LISTEN + active OPEN → SYN-SENT (Figure 5 "SEND: snd SYN")', () => {
    const t = run([listen('client'), crash('server'), connect()]);
    expect(transitions(t, 'client').slice(0, 2)).toEqual(['CLOSED → LISTEN', 'LISTEN → SYN-SENT']);
    expect(t.segments[0]!.seg.flags).toEqual(['SYN']);
  });

  it('LISTEN + SEND → "foreign socket unspecified"', () => {
    const t = run([listen(), send('server', 10)]);
    expect(t.errors.map((e) => e.error)).toEqual(['foreign socket unspecified']);
  });

  it('LISTEN + OPEN → "connection already exists"', () => {
    const t = run([listen(), listen()]);
    expect(t.errors.map((e) => e.error)).toEqual(['connection already exists']);
  });
});

describe('SYN-SENT', () => {
  it('SYN-SENT + SYN,ACK (ack=ISS+1) → ESTABLISHED, sends ACK', () => {
    const t = run([listen(), connect()]);
    expect(stateAfter(t, 2, 'client')).toBe('ESTABLISHED');
    const ack = t.segments[2]!;
    expect(ack.seg.flags).toEqual(['ACK']);
    expect([ack.seg.seq, ack.seg.ack]).toEqual([1001, 5001]);
    expect(ack.reason).toBe('handshake-ack');
  });

  it('SYN-SENT + SYN → SYN-RECEIVED, sends <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK>', () => {
    const t = run([...synSent(), inject('server', 'client', ['SYN'], { seq: 7000 })]);
    const n = injected(t).n;
    expect(stateAfter(t, n, 'client')).toBe('SYN-RECEIVED');
    const synAck = replyTo(t, n, 'client')!;
    expect([...synAck.seg.flags].sort()).toEqual(['ACK', 'SYN']);
    expect([synAck.seg.seq, synAck.seg.ack]).toEqual([1000, 7001]);
  });

  it('SYN-SENT + ACK with SEG.ACK =< ISS → <SEQ=SEG.ACK><CTL=RST>, stays SYN-SENT', () => {
    const t = run([...synSent(), inject('server', 'client', ['ACK'], { seq: 1, ack: 999 })]);
    const n = injected(t).n;
    const rst = replyTo(t, n, 'client')!;
    expect(rst.seg.flags).toEqual(['RST']);
    expect(rst.seg.seq).toBe(999);
    expect(rst.reason).toBe('rst-unacceptable');
    expect(stateAfter(t, n, 'client')).toBe('SYN-SENT');
  });

  it('SYN-SENT + RST with acceptable ACK → CLOSED, "connection reset"', () => {
    const t = run([...synSent(), inject('server', 'client', ['RST', 'ACK'], { seq: 0, ack: 1001 })]);
    expect(stateAfter(t, injected(t).n, 'client')).toBe('CLOSED');
    expect(injected(t).disposition).toBe('reset');
    expect(t.errors.map((e) => e.error)).toContain('connection reset');
  });

  it('SYN-SENT + RST without ACK → ignored', () => {
    const t = run([...synSent(), inject('server', 'client', ['RST'], { seq: 0 })]);
    expect(injected(t).disposition).toBe('ignored');
    expect(stateAfter(t, injected(t).n, 'client')).toBe('SYN-SENT');
  });

  it('SYN-SENT + CLOSE → CLOSED', () => {
    const t = run([...synSent(), close('client', 0)]);
    expect(transitions(t, 'client')).toEqual(['CLOSED → SYN-SENT', 'SYN-SENT → CLOSED']);
  });

  it('SYN-SENT + SEND → queued, sent once ESTABLISHED', () => {
    const t = run([listen(), connect('client', 'server', 0), send('client', 'hi', 0)]);
    const data = t.segments.find((s) => s.seg.payload.length > 0)!;
    expect(data.n).toBe(4);
    expect(data.seg.seq).toBe(1001);
    expect(t.received.server).toEqual(t.sent.client);
  });

  it('SYN-SENT + timeout → SYN retransmitted with doubling RTO (RFC 6298)', () => {
    const t = run([...synSent(), wait(20_000)]);
    const syns = t.segments.filter((s) => s.seg.flags.includes('SYN'));
    expect(syns.slice(0, 5).map((s) => s.sentAt)).toEqual([0, 1000, 3000, 7000, 15000]);
    expect(syns.slice(1).every((s) => s.retransmission && s.reason === 'retransmission')).toBe(true);
  });

  it('SYN-SENT + OPEN → "connection already exists"', () => {
    const t = run([...synSent(), connect('client', 'server', 0)]);
    expect(t.errors[0]).toMatchObject({ call: 'connect', error: 'connection already exists' });
  });
});

describe('SYN-RECEIVED', () => {
  it('SYN-RECEIVED + ACK of SYN → ESTABLISHED', () => {
    const t = run([listen(), connect()]);
    expect(transitions(t, 'server')).toEqual(['CLOSED → LISTEN', 'LISTEN → SYN-RECEIVED', 'SYN-RECEIVED → ESTABLISHED']);
    expect(stateAfter(t, 3, 'server')).toBe('ESTABLISHED');
  });

  it('SYN-RECEIVED (passive) + RST → back to LISTEN', () => {
    const t = run([listen(), inject('10.0.0.9:666', 'server', ['SYN'], { seq: 300 }), inject('10.0.0.9:666', 'server', ['RST'], { seq: 301 })]);
    const ev = t.events.filter((e) => e.kind === 'state' && e.host === 'server').map((e) => (e.kind === 'state' ? `${e.from} → ${e.to}` : ''));
    expect(ev).toEqual(['CLOSED → LISTEN', 'LISTEN → SYN-RECEIVED', 'SYN-RECEIVED → LISTEN']);
    expect(t.final.server).toBe('LISTEN');
  });

  it('SYN-RECEIVED (active) + RST → CLOSED, "connection refused"', () => {
    const t = run([...synSent(), inject('server', 'client', ['SYN'], { seq: 7000 }), inject('server', 'client', ['RST'], { seq: 7001, at: 60 })]);
    expect(stateAfter(t, injected(t).n, 'client')).toBe('CLOSED');
    expect(t.errors.map((e) => e.error)).toContain('connection refused');
  });

  it('SYN-RECEIVED + unacceptable ACK → <SEQ=SEG.ACK><CTL=RST>', () => {
    const t = run([listen(), inject('10.0.0.9:666', 'server', ['SYN'], { seq: 300 }), inject('10.0.0.9:666', 'server', ['ACK'], { seq: 301, ack: 9999 })]);
    const n = injected(t).n;
    const rst = t.segments.find((s) => s.n > n && s.seg.flags.includes('RST'))!;
    expect(rst.seg.seq).toBe(9999);
    expect(injected(t).disposition).toBe('answered-rst');
  });

  it('SYN-RECEIVED + CLOSE → FIN-WAIT-1, sends FIN', () => {
    const t = run([...synSent(), inject('server', 'client', ['SYN'], { seq: 7000 }), close('client', 60)]);
    expect(transitions(t, 'client').slice(0, 3)).toEqual(['CLOSED → SYN-SENT', 'SYN-SENT → SYN-RECEIVED', 'SYN-RECEIVED → FIN-WAIT-1']);
    const fin = t.segments.find((s) => s.seg.flags.includes('FIN'))!;
    expect([fin.seg.seq, fin.seg.ack]).toEqual([1001, 7001]);
  });

  it('SYN-RECEIVED (passive) + SYN in window → back to LISTEN', () => {
    const t = run([listen(), inject('10.0.0.9:666', 'server', ['SYN'], { seq: 300 }), inject('10.0.0.9:666', 'server', ['SYN'], { seq: 310 })]);
    const ev = t.events.flatMap((e) => (e.kind === 'state' && e.host === 'server' ? [`${e.from} → ${e.to}`] : []));
    expect(ev).toContain('SYN-RECEIVED → LISTEN');
  });

  it('SYN-RECEIVED + retransmitted SYN (old) → ACK <SEQ=SND.NXT><ACK=RCV.NXT>', () => {
    const t = run([listen(), inject('10.0.0.9:666', 'server', ['SYN'], { seq: 300 }), inject('10.0.0.9:666', 'server', ['SYN'], { seq: 300 })]);
    const n = injected(t).n;
    const ack = t.segments.find((s) => s.n > n && s.from === 'server' && s.seg.flags.join() === 'ACK')!;
    expect(ack.seg.flags).toEqual(['ACK']);
    expect([ack.seg.seq, ack.seg.ack]).toEqual([5001, 301]);
    expect(injected(t).disposition).toBe('answered-ack');
  });
});

describe('ESTABLISHED', () => {
  it('ESTABLISHED + CLOSE → FIN-WAIT-1, sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK>', () => {
    const t = run(finWait1());
    expect(transitions(t, 'client')).toContain('ESTABLISHED → FIN-WAIT-1');
    const fin = t.segments.find((s) => s.from === 'client' && s.seg.flags.includes('FIN'))!;
    expect([fin.seg.seq, fin.seg.ack]).toEqual([1001, 5001]);
    expect(fin.reason).toBe('fin');
  });

  it('ESTABLISHED + FIN → CLOSE-WAIT, ACKs the FIN (SEG.SEQ+1)', () => {
    const t = run([...established(), inject('server', 'client', ['FIN', 'ACK'], { seq: 5001, ack: 1001 })]);
    const n = injected(t).n;
    expect(stateAfter(t, n, 'client')).toBe('CLOSE-WAIT');
    const ack = replyTo(t, n, 'client')!;
    expect([ack.seg.flags, ack.seg.seq, ack.seg.ack]).toEqual([['ACK'], 1001, 5002]);
  });

  it('ESTABLISHED + data → delivered to the application and acknowledged', () => {
    const t = run([...established(), inject('server', 'client', ['ACK', 'PSH'], { seq: 5001, ack: 1001, data: 'hello' })]);
    const n = injected(t).n;
    expect(new TextDecoder().decode(t.received.client)).toBe('hello');
    expect(replyTo(t, n, 'client')!.seg.ack).toBe(5006);
    expect(tcbAfter(t, n, 'client').rcvNxt).toBe(5006);
  });

  it('ESTABLISHED + in-window RST → CLOSED, "connection reset" (rfc9293)', () => {
    const t = run([...established(), inject('server', 'client', ['RST'], { seq: 5100 })]);
    expect(injected(t).disposition).toBe('reset');
    expect(stateAfter(t, injected(t).n, 'client')).toBe('CLOSED');
    expect(t.errors.map((e) => e.error)).toContain('connection reset');
  });

  it('ESTABLISHED + RST outside the window → ignored', () => {
    const t = run([...established(), inject('server', 'client', ['RST'], { seq: 4000 })]);
    expect(injected(t).disposition).toBe('ignored');
    expect(t.final.client).toBe('ESTABLISHED');
  });

  it('ESTABLISHED + segment outside the window → ACK <SEQ=SND.NXT><ACK=RCV.NXT>, dropped', () => {
    const t = run([...established(), inject('server', 'client', ['ACK'], { seq: 4000, ack: 1001, data: 5 })]);
    const n = injected(t).n;
    expect(injected(t).disposition).toBe('answered-ack');
    const ack = replyTo(t, n, 'client')!;
    expect([ack.seg.seq, ack.seg.ack, ack.reason]).toEqual([1001, 5001, 'ack-unacceptable']);
    expect(t.received.client).toHaveLength(0);
  });

  it('ESTABLISHED + SYN in window → RST and CLOSED (rfc9293, RFC 793 behaviour)', () => {
    const t = run([...established(), inject('server', 'client', ['SYN'], { seq: 5001 })]);
    const n = injected(t).n;
    expect(injected(t).disposition).toBe('answered-rst');
    expect(replyTo(t, n, 'client')!.seg.flags).toContain('RST');
    expect(stateAfter(t, n, 'client')).toBe('CLOSED');
  });

  it('ESTABLISHED + ACK of unsent data → ACK, segment dropped', () => {
    const t = run([...established(), inject('server', 'client', ['ACK'], { seq: 5001, ack: 2000 })]);
    expect(injected(t).disposition).toBe('answered-ack');
    expect(tcbAfter(t, injected(t).n, 'client').sndUna).toBe(1001);
  });

  it('ESTABLISHED + ABORT → sends <SEQ=SND.NXT><CTL=RST>, CLOSED', () => {
    const t = run([listen(), connect(), call('client', 'abort')]);
    const rst = t.segments[3]!;
    expect([rst.seg.flags, rst.seg.seq, rst.reason]).toEqual([['RST'], 1001, 'rst-abort']);
    expect(stateAfter(t, 4, 'server')).toBe('CLOSED');
    expect(t.final.client).toBe('CLOSED');
  });

  it('ESTABLISHED + STATUS → ok', () => {
    const t = run([listen(), connect(), call('client', 'status')]);
    expect(t.errors).toEqual([]);
  });
});

describe('FIN-WAIT-1', () => {
  it('FIN-WAIT-1 + ACK of FIN → FIN-WAIT-2', () => {
    const t = run([listen(), connect(), close('client')]);
    expect(stateAfter(t, 5, 'client')).toBe('FIN-WAIT-2');
  });

  it('FIN-WAIT-1 + FIN (our FIN not acknowledged) → CLOSING, sends ACK', () => {
    const t = run([...finWait1(), inject('server', 'client', ['FIN', 'ACK'], { seq: 5001, ack: 1001 })]);
    const n = injected(t).n;
    expect(stateAfter(t, n, 'client')).toBe('CLOSING');
    expect(replyTo(t, n, 'client')!.seg.ack).toBe(5002);
  });

  it('FIN-WAIT-1 + FIN,ACK acknowledging our FIN → FIN-WAIT-2 then TIME-WAIT on one segment', () => {
    const t = run([...finWait1(), inject('server', 'client', ['FIN', 'ACK'], { seq: 5001, ack: 1002 })]);
    const n = injected(t).n;
    expect(transitions(t, 'client').slice(-2)).toEqual(['FIN-WAIT-1 → FIN-WAIT-2', 'FIN-WAIT-2 → TIME-WAIT']);
    expect(stateAfter(t, n, 'client')).toBe('TIME-WAIT');
  });

  it.each(['close', 'send'] as const)('FIN-WAIT-1 + %s → "connection closing"', (c) => {
    const t = run([...finWait1(), call('client', c, { data: 1, at: 0 })]);
    expect(t.errors.map((e) => e.error)).toContain('connection closing');
  });
});

describe('FIN-WAIT-2', () => {
  it('FIN-WAIT-2 + FIN → TIME-WAIT, sends ACK, starts 2MSL', () => {
    const t = run([...finWait2(), inject('server', 'client', ['FIN', 'ACK'], { seq: 5001, ack: 1002 })]);
    const n = injected(t).n;
    const tcb = tcbAfter(t, n, 'client');
    expect(tcb.state).toBe('TIME-WAIT');
    expect(tcb.timers).toEqual([{ name: 'time-wait', expiresAt: t.segments[n - 1]!.arrivedAt! + 240_000 }]);
    expect(replyTo(t, n, 'client')!.seg.ack).toBe(5002);
  });

  it('FIN-WAIT-2 + data → still delivered (half-close)', () => {
    const t = run([...finWait2(), inject('server', 'client', ['ACK'], { seq: 5001, ack: 1002, data: 'late' })]);
    expect(new TextDecoder().decode(t.received.client)).toBe('late');
    expect(t.final.client).toBe('FIN-WAIT-2');
  });
});

describe('CLOSE-WAIT', () => {
  it('CLOSE-WAIT + CLOSE → LAST-ACK, sends FIN', () => {
    const t = run(lastAck());
    expect(transitions(t, 'client')).toContain('CLOSE-WAIT → LAST-ACK');
    const fin = t.segments.find((s) => s.from === 'client' && s.seg.flags.includes('FIN'))!;
    expect([fin.seg.seq, fin.seg.ack]).toEqual([1001, 5002]);
  });

  it('CLOSE-WAIT + SEND → data still flows to the peer', () => {
    const t = run([listen(), connect(), close('server'), send('client', 30)]);
    expect(t.received.server).toEqual(t.sent.client);
    expect(t.final.client).toBe('CLOSE-WAIT');
  });

  it('CLOSE-WAIT + RECEIVE → "connection closing"', () => {
    const t = run([...closeWait(), call('client', 'receive')]);
    expect(t.errors.map((e) => e.error)).toEqual(['connection closing']);
  });
});

describe('CLOSING', () => {
  it('CLOSING + ACK of FIN → TIME-WAIT', () => {
    const t = run([
      ...finWait1(),
      inject('server', 'client', ['FIN', 'ACK'], { seq: 5001, ack: 1001 }),
      inject('server', 'client', ['ACK'], { seq: 5002, ack: 1002, at: 60 }),
    ]);
    const n = injected(t).n;
    expect(stateAfter(t, n, 'client')).toBe('TIME-WAIT');
    expect(transitions(t, 'client')).toContain('CLOSING → TIME-WAIT');
  });
});

describe('LAST-ACK', () => {
  it('LAST-ACK + ACK of FIN → CLOSED', () => {
    const t = run([listen(), connect(), close('client'), close('server')]);
    const last = t.segments[t.segments.length - 1]!;
    expect(stateAfter(t, last.n, 'server')).toBe('CLOSED');
    expect(transitions(t, 'server').slice(-1)).toEqual(['LAST-ACK → CLOSED']);
  });

  it('LAST-ACK + RST → CLOSED', () => {
    const t = run([...lastAck(), inject('server', 'client', ['RST'], { seq: 5002 })]);
    expect(stateAfter(t, injected(t).n, 'client')).toBe('CLOSED');
  });
});

describe('TIME-WAIT', () => {
  it('TIME-WAIT + 2MSL timeout → CLOSED (MSL 2 min: 4 minutes)', () => {
    const t = run([...timeWait(), wait(300_000)]);
    const ev = t.events.find((e) => e.kind === 'state' && e.host === 'client' && e.to === 'CLOSED')!;
    const enter = t.events.find((e) => e.kind === 'state' && e.host === 'client' && e.to === 'TIME-WAIT')!;
    expect(ev.t - enter.t).toBe(240_000);
    expect(ev).toMatchObject({ cause: { type: 'timer', timer: 'time-wait' } });
    expect(t.final.client).toBe('CLOSED');
  });

  it('TIME-WAIT + retransmitted FIN → ACK again, 2MSL restarted', () => {
    const t = run([...timeWait(), wait(10_000), inject('server', 'client', ['FIN', 'ACK'], { seq: 5001, ack: 1002 })]);
    const n = injected(t).n;
    const ack = replyTo(t, n, 'client')!;
    expect([ack.reason, ack.seg.ack]).toEqual(['time-wait-ack', 5002]);
    const tcb = tcbAfter(t, n, 'client');
    expect(tcb.timers[0]!.expiresAt).toBe(t.segments[n - 1]!.arrivedAt! + 240_000);
  });

  it('TIME-WAIT + RST → CLOSED', () => {
    const t = run([...timeWait(), inject('server', 'client', ['RST'], { seq: 5002 })]);
    expect(stateAfter(t, injected(t).n, 'client')).toBe('CLOSED');
  });

  it('TIME-WAIT + CLOSE → "connection closing"; + OPEN → "connection already exists"', () => {
    const t = run([...timeWait(), close('client'), connect()]);
    expect(t.errors.map((e) => e.error)).toEqual(['connection closing', 'connection already exists']);
  });
});

describe('crash and reboot', () => {
  it('a crash closes every TCB silently; calls on the crashed host fail until reboot', () => {
    const t = run([listen(), connect(), crash('server'), call('server', 'listen'), call('server', 'reboot'), listen()]);
    expect(t.segments).toHaveLength(3);
    expect(transitions(t, 'server')).toContain('ESTABLISHED → CLOSED');
    expect(t.errors.map((e) => e.error)).toEqual(['host is down']);
    expect(t.final).toEqual({ client: 'ESTABLISHED', server: 'LISTEN' });
  });
});
