/**
 * One test per edge of RFC 9293's state diagram (§3.3.2, Figure 5) and per error a user call
 * meets, grouped by the state the connection starts in. Client ISS 1000, server ISS 5000.
 * Connection factories leave the client in a state; a crashed server (`peerGone`) keeps the
 * client's replies from reaching a real peer while the tests inject the peer's segments.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioError, simulate, type HostConfig, type Profile, type Step, type Trace } from '../../../src/engine/index';
import { CLIENT, SERVER, call, close, connect, fault, inject, injected, listen, replyTo, scenario, send, sentBy, stateAfter, tcbAfter, text, transitions, wait } from './helpers';

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
/** Client CLOSING (from 200 ms): its FIN (seq 1001) is unacknowledged and the peer's FIN (seq 5001) arrived. */
const closing = (): Step[] => [...finWait1(), inject('server', 'client', ['FIN', 'ACK'], { seq: 5001, ack: 1001 })];
/** A step time just after `closing()` reached CLOSING. */
const CLOSING_AT = 250;
/** Client SYN-RECEIVED after an active OPEN (simultaneous open): the peer's SYN (seq 7000) arrived. */
const synReceivedActive = (): Step[] => [...synSent(), inject('server', 'client', ['SYN'], { seq: 7000 })];
/** Server SYN-RECEIVED (passive) for a spoofed peer that never answers; SYN seq 300. */
const synReceivedPassive = (): Step[] => [listen(), inject('10.0.0.9:666', 'server', ['SYN'], { seq: 300 })];

function run(steps: Step[], profile: Profile = 'rfc9293', hosts?: Record<string, HostConfig>): Trace {
  return simulate(scenario(steps, hosts === undefined ? { profile } : { profile, hosts }));
}

/** Every state of the client, in order. */
const clientStates = (t: Trace): string[] => transitions(t, 'client');
/** The last state change of `host`. */
const lastTransition = (t: Trace, host = 'client'): string => transitions(t, host).slice(-1)[0]!;

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

  it('LISTEN + SYN carrying text → SYN-RECEIVED, the text queued and delivered once ESTABLISHED (rfc9293 §3.10.7.2)', () => {
    const t = run([listen(), inject('10.0.0.9:666', 'server', ['SYN'], { seq: 300, data: 'hello' }), inject('10.0.0.9:666', 'server', ['ACK'], { seq: 306, ack: 5001, at: 200 })]);
    // The SYN,ACK acknowledges the SYN only; the queued text is acknowledged once processed.
    expect(t.segments[1]!.seg.ack).toBe(301);
    expect(text(t.received.server!)).toBe('hello');
    const ack = replyTo(t, injected(t).n, 'server')!;
    expect([ack.seg.flags, ack.seg.ack]).toEqual([['ACK'], 306]);
  });

  it('LISTEN + SYN carrying text and FIN → the FIN is processed too once ESTABLISHED: CLOSE-WAIT (rfc9293)', () => {
    const t = run([listen(), inject('10.0.0.9:666', 'server', ['SYN', 'FIN'], { seq: 300, data: 'hi' }), inject('10.0.0.9:666', 'server', ['ACK'], { seq: 304, ack: 5001, at: 200 })]);
    expect(text(t.received.server!)).toBe('hi');
    expect(transitions(t, 'server')).toContain('ESTABLISHED → CLOSE-WAIT');
  });

  it('LISTEN + SYN carrying text → text discarded, the peer must send it again (linux tcp_conn_request)', () => {
    const t = run([listen(), inject('10.0.0.9:666', 'server', ['SYN'], { seq: 300, data: 'hello' }), inject('10.0.0.9:666', 'server', ['ACK'], { seq: 306, ack: 5001, at: 200 })], 'linux');
    expect(t.segments[1]!.seg.ack).toBe(301);
    expect(t.received.server).toHaveLength(0);
  });

  it('LISTEN + ABORT → CLOSED, no segment', () => {
    const t = run([listen(), call('server', 'abort')]);
    expect(transitions(t, 'server')).toEqual(['CLOSED → LISTEN', 'LISTEN → CLOSED']);
    expect(t.segments).toHaveLength(0);
    expect(t.errors).toEqual([]);
  });

  it('LISTEN + STATUS → ok', () => {
    expect(run([listen(), call('server', 'status')]).errors).toEqual([]);
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

  it('SYN-SENT + SYN,ACK carrying data → ESTABLISHED, the data delivered and acknowledged (rfc9293 §3.10.7.3 sixth step)', () => {
    const t = run([...synSent(), inject('server', 'client', ['SYN', 'ACK'], { seq: 7000, ack: 1001, data: 'abc' })]);
    const n = injected(t).n;
    expect(stateAfter(t, n, 'client')).toBe('ESTABLISHED');
    expect(text(t.received.client!)).toBe('abc');
    expect(tcbAfter(t, n, 'client').rcvNxt).toBe(7004);
    expect(sentBy(t, 'client').slice(-1)[0]!.seg.ack).toBe(7004);
  });

  it('SYN-SENT + SYN,ACK carrying FIN → ESTABLISHED then CLOSE-WAIT, the FIN acknowledged', () => {
    const t = run([...synSent(), inject('server', 'client', ['SYN', 'ACK', 'FIN'], { seq: 7000, ack: 1001 })]);
    const n = injected(t).n;
    expect(clientStates(t).slice(-2)).toEqual(['SYN-SENT → ESTABLISHED', 'ESTABLISHED → CLOSE-WAIT']);
    expect(tcbAfter(t, n, 'client').rcvNxt).toBe(7002);
    expect(sentBy(t, 'client').slice(-1)[0]!.seg.ack).toBe(7002);
  });

  it('SYN-SENT + SYN,ACK carrying data → ESTABLISHED, the text discarded (linux tcp_rcv_synsent_state_process)', () => {
    const t = run([...synSent(), inject('server', 'client', ['SYN', 'ACK'], { seq: 7000, ack: 1001, data: 'abc' })], 'linux');
    expect(stateAfter(t, injected(t).n, 'client')).toBe('ESTABLISHED');
    expect(t.received.client).toHaveLength(0);
    expect(tcbAfter(t, injected(t).n, 'client').rcvNxt).toBe(7001);
  });

  it('SYN-SENT + SYN carrying text (simultaneous open) → SYN-RECEIVED, the text delivered once ESTABLISHED (rfc9293)', () => {
    const t = run([...synSent(), inject('server', 'client', ['SYN'], { seq: 7000, data: 'xy' }), inject('server', 'client', ['ACK'], { seq: 7003, ack: 1001, at: 100 })]);
    expect(stateAfter(t, t.segments.find((s) => s.injected)!.n, 'client')).toBe('SYN-RECEIVED');
    expect(stateAfter(t, injected(t).n, 'client')).toBe('ESTABLISHED');
    expect(text(t.received.client!)).toBe('xy');
  });

  it('SYN-SENT + ABORT → CLOSED, no RST; a queued SEND gets "connection reset" (§3.10.5)', () => {
    const t = run([...synSent(), send('client', 'queued', 0), call('client', 'abort', { at: 0 })]);
    expect(clientStates(t)).toEqual(['CLOSED → SYN-SENT', 'SYN-SENT → CLOSED']);
    expect(t.segments.every((s) => !s.seg.flags.includes('RST'))).toBe(true);
    expect(t.errors).toEqual([{ t: 0, host: 'client', call: 'send', error: 'connection reset' }]);
  });

  it('SYN-SENT + CLOSE with a queued SEND → CLOSED, "closing" (§3.10.4)', () => {
    const t = run([...synSent(), send('client', 'queued', 0), close('client', 0)]);
    expect(lastTransition(t)).toBe('SYN-SENT → CLOSED');
    expect(t.errors).toEqual([{ t: 0, host: 'client', call: 'send', error: 'closing' }]);
  });

  it('SYN-SENT + STATUS → ok', () => {
    expect(run([...synSent(), call('client', 'status', { at: 0 })]).errors.filter((e) => e.call === 'status')).toEqual([]);
  });

  it('SYN-SENT + retry exhaustion → CLOSED, "connection timed out" (linux tcp_syn_retries 6)', () => {
    const t = run(synSent(), 'linux');
    expect(lastTransition(t)).toBe('SYN-SENT → CLOSED');
    expect(t.events.find((e) => e.kind === 'state' && e.to === 'CLOSED')).toMatchObject({ t: 127_000, cause: { type: 'timer', timer: 'retransmission' } });
    expect(t.errors).toEqual([{ t: 127_000, host: 'client', call: 'connect', error: 'connection timed out' }]);
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

  it('SYN-RECEIVED (passive) + CLOSE → FIN-WAIT-1, sends FIN; after the ACK of the SYN one retransmission timer resends it once (RFC 6298 §5.3)', () => {
    const t = run([listen(), connect('client', 'server', 0), close('server', 60), wait(10_000)], 'rfc9293');
    expect(transitions(t, 'server')).toContain('SYN-RECEIVED → FIN-WAIT-1');
    // The FIN (5001) was dropped; the ACK of the SYN arrives at 150 ms.
    const faulted = simulate(scenario([listen(), connect('client', 'server', 0), close('server', 60), wait(10_000)], { faults: [fault('drop', { from: 'server', flags: ['ACK', 'FIN'] })] }));
    const fins = sentBy(faulted, 'server', ['ACK', 'FIN']);
    expect(fins.map((s) => [s.sentAt, s.reason])).toEqual([
      [60, 'fin'],
      [1150, 'retransmission'],
    ]);
    const tcb = tcbAfter(faulted, 4, 'server');
    expect(tcb.timers.map((x) => x.name)).toEqual(['retransmission', 'user-timeout']);
    expect(t.final.server).toBe('FIN-WAIT-2');
  });

  it('SYN-RECEIVED (passive) + CLOSE, peer gone after the ACK of the SYN → the FIN retried with tcp_retries2, not killed by the SYN,ACK limit (linux)', () => {
    const t = simulate(scenario([listen(), connect('client', 'server', 0), close('server', 60), call('client', 'crash', { at: 101 }), wait(1000)], { profile: 'linux', faults: [fault('drop', { from: 'server', flags: ['ACK', 'FIN'] })] }));
    const fins = sentBy(t, 'server', ['ACK', 'FIN']);
    expect(fins.map((s) => s.sentAt)).toEqual([60, 1150, 3150, 7150, 15150, 31150, 63150, 127150, 247150, 367150, 487150, 607150, 727150, 847150, 967150, 1087150]);
    expect(t.errors).toEqual([{ t: 1207150, host: 'server', call: 'send', error: 'connection timed out' }]);
  });

  it('SYN-RECEIVED (passive) + CLOSE with data pending → FIN-WAIT-1 once ESTABLISHED, the FIN after the data', () => {
    const t = run([listen(), connect('client', 'server', 0), send('server', 'data', 60), close('server', 60)]);
    expect(transitions(t, 'server')).toEqual(['CLOSED → LISTEN', 'LISTEN → SYN-RECEIVED', 'SYN-RECEIVED → ESTABLISHED', 'ESTABLISHED → FIN-WAIT-1', 'FIN-WAIT-1 → FIN-WAIT-2']);
    const fromServer = sentBy(t, 'server').slice(1);
    expect(fromServer.map((s) => [s.seg.flags.join(','), s.seg.seq])).toEqual([
      ['PSH,ACK', 5001],
      ['FIN,ACK', 5005],
    ]);
    expect(text(t.received.client!)).toBe('data');
  });

  it('SYN-RECEIVED + FIN (acknowledging our SYN) → ESTABLISHED then CLOSE-WAIT', () => {
    const t = run([...synReceivedPassive(), inject('10.0.0.9:666', 'server', ['FIN', 'ACK'], { seq: 301, ack: 5001, at: 100 })]);
    expect(transitions(t, 'server').slice(-2)).toEqual(['SYN-RECEIVED → ESTABLISHED', 'ESTABLISHED → CLOSE-WAIT']);
    const ack = replyTo(t, injected(t).n, 'server')!;
    expect([ack.seg.flags, ack.seg.ack]).toEqual([['ACK'], 302]);
  });

  it('SYN-RECEIVED (active) + in-window SYN → RST and CLOSED, "connection reset" (rfc9293)', () => {
    const t = run([...synReceivedActive(), inject('server', 'client', ['SYN'], { seq: 7100, at: 60 })]);
    const n = injected(t).n;
    expect(injected(t).disposition).toBe('answered-rst');
    expect(replyTo(t, n, 'client')!.seg.flags).toEqual(['RST', 'ACK']);
    expect(lastTransition(t)).toBe('SYN-RECEIVED → CLOSED');
    expect(t.errors.map((e) => [e.call, e.error])).toEqual([['connect', 'connection reset']]);
  });

  it('SYN-RECEIVED (active) + in-window SYN → challenge ACK, SYN-RECEIVED kept (linux tcp_validate_incoming)', () => {
    const t = run([...synReceivedActive(), inject('server', 'client', ['SYN'], { seq: 7100, at: 60 })], 'linux');
    expect(injected(t).disposition).toBe('answered-challenge-ack');
    expect(stateAfter(t, injected(t).n, 'client')).toBe('SYN-RECEIVED');
  });

  it('SYN-RECEIVED (active) + timeout → SYN,ACK retried tcp_syn_retries (6) times, then CLOSED (linux)', () => {
    const t = run([...synReceivedActive(), wait(1000)], 'linux');
    const synAcks = sentBy(t, 'client', ['SYN', 'ACK']);
    // The first answers the SYN (at 50 ms); the timer started with the SYN at 0 retransmits it.
    expect(synAcks.map((s) => s.sentAt / 1000)).toEqual([0.05, 1, 3, 7, 15, 31, 63]);
    expect(t.events.find((e) => e.kind === 'state' && e.to === 'CLOSED')).toMatchObject({ t: 127_000 });
    expect(t.errors).toEqual([{ t: 127_000, host: 'client', call: 'connect', error: 'connection timed out' }]);
  });

  it('SYN-RECEIVED (active) + ABORT → <SEQ=SND.NXT><CTL=RST>, CLOSED', () => {
    const t = run([...synReceivedActive(), call('client', 'abort', { at: 60 })]);
    const rst = sentBy(t, 'client').slice(-1)[0]!;
    expect([rst.seg.flags, rst.seg.seq, rst.reason]).toEqual([['RST'], 1001, 'rst-abort']);
    expect(lastTransition(t)).toBe('SYN-RECEIVED → CLOSED');
  });

  it('SYN-RECEIVED (passive) + ABORT → <SEQ=SND.NXT><CTL=RST>, the child CLOSED, the listener kept', () => {
    const t = run([listen(), connect('client', 'server', 0), call('server', 'abort', { at: 60 })]);
    const rst = sentBy(t, 'server').find((s) => s.seg.flags.includes('RST'))!;
    expect([rst.seg.seq, rst.reason]).toEqual([5001, 'rst-abort']);
    expect(transitions(t, 'server')).toContain('SYN-RECEIVED → CLOSED');
  });

  it('SYN-RECEIVED + OPEN → "connection already exists"', () => {
    const t = run([...synReceivedActive(), connect('client', 'server', 60)]);
    expect(t.errors[0]).toEqual({ t: 60, host: 'client', call: 'connect', error: 'connection already exists' });
  });

  it('SYN-RECEIVED + STATUS → ok', () => {
    expect(run([...synReceivedActive(), call('client', 'status', { at: 60 })]).errors.filter((e) => e.call === 'status')).toEqual([]);
  });

  it('SYN-RECEIVED (passive, spoofed peer) + user timeout → CLOSED, no error to the application that never had it', () => {
    const t = run(synReceivedPassive());
    expect(transitions(t, 'server').slice(-1)).toEqual(['SYN-RECEIVED → CLOSED']);
    expect(t.events.find((e) => e.kind === 'state' && e.to === 'CLOSED')).toMatchObject({ cause: { type: 'timer', timer: 'user-timeout' } });
    expect(t.errors).toEqual([]);
  });

  it('retransmitted SYN → SYN,ACK again, timer restarted (linux tcp_check_req inet_rtx_syn_ack)', () => {
    const t = run([...synReceivedPassive(), inject('10.0.0.9:666', 'server', ['SYN'], { seq: 300, at: 600 })], 'linux');
    const n = injected(t).n;
    const again = replyTo(t, n, 'server')!;
    expect([again.seg.flags.join(','), again.seg.seq, again.seg.ack, again.retransmission]).toEqual(['SYN,ACK', 5000, 301, true]);
    expect(injected(t).disposition).toBe('answered-ack');
    // Restarted at 650 ms with the RTO of 1 s; the backoff continues from there.
    const timers = t.events.filter((e) => e.kind === 'timer' && e.timer === 'syn-ack-retransmission' && e.action === 'set').map((e) => (e.kind === 'timer' ? e.expiresAt : 0));
    expect(timers.slice(0, 3)).toEqual([1050, 1650, 3650]);
  });

  it('RST at RCV.NXT → request dropped silently, listener stays LISTEN (linux tcp_check_req)', () => {
    const t = run([...synReceivedPassive(), inject('10.0.0.9:666', 'server', ['RST'], { seq: 301, at: 200 })], 'linux');
    expect(injected(t).disposition).toBe('reset');
    expect(replyTo(t, injected(t).n, 'server')).toBeUndefined();
    expect(transitions(t, 'server').slice(-1)).toEqual(['SYN-RECEIVED → LISTEN']);
    expect(t.final.server).toBe('LISTEN');
  });

  it('in-window RST not at RCV.NXT → challenge ACK, the request kept (linux 6.18 tcp_check_req, RFC 5961 §3.2)', () => {
    const t = run([...synReceivedPassive(), inject('10.0.0.9:666', 'server', ['RST'], { seq: 305, at: 200 })], 'linux');
    expect(injected(t).disposition).toBe('answered-challenge-ack');
    expect(replyTo(t, injected(t).n, 'server')).toMatchObject({ reason: 'challenge-ack', seg: { flags: ['ACK'], seq: 5001, ack: 301 } });
    expect(transitions(t, 'server').slice(-2)).toEqual(['LISTEN → SYN-RECEIVED', 'SYN-RECEIVED → CLOSED']);
  });

  it('in-window SYN with a new sequence number → RST, request dropped (linux tcp_check_req embryonic_reset)', () => {
    const t = run([...synReceivedPassive(), inject('10.0.0.9:666', 'server', ['SYN'], { seq: 350, at: 200 })], 'linux');
    const rst = replyTo(t, injected(t).n, 'server')!;
    expect([rst.seg.flags.join(','), rst.seg.seq, rst.seg.ack, rst.reason]).toEqual(['RST,ACK', 0, 351, 'rst-unacceptable']);
    expect(injected(t).disposition).toBe('answered-rst');
    expect(transitions(t, 'server').slice(-1)).toEqual(['SYN-RECEIVED → LISTEN']);
    expect(t.final.server).toBe('LISTEN');
  });

  it('ESTABLISHED from a request socket → the child\'s first answer to an unacceptable ACK is not rate-limited by the request\'s challenge ACK (linux tcp_create_openreq_child)', () => {
    const steps = [
      ...synReceivedPassive(),
      inject('10.0.0.9:666', 'server', ['RST'], { seq: 305, at: 200 }),
      inject('10.0.0.9:666', 'server', ['ACK'], { seq: 301, ack: 5001, data: 'x', at: 300 }),
      inject('10.0.0.9:666', 'server', ['ACK'], { seq: 301, ack: 5001, at: 400 }),
    ];
    const t = run(steps, 'linux');
    expect(t.segments.filter((s) => s.injected).map((s) => s.disposition)).toEqual(['accepted', 'answered-challenge-ack', 'accepted', 'answered-ack']);
  });

  it('ACK other than ISS+1 → RST from the listener, the request kept (linux tcp_check_req)', () => {
    const t = run([...synReceivedPassive(), inject('10.0.0.9:666', 'server', ['ACK'], { seq: 301, ack: 4000, at: 200 })], 'linux');
    const rst = replyTo(t, injected(t).n, 'server')!;
    expect([rst.seg.flags.join(','), rst.seg.seq]).toEqual(['RST', 4000]);
    // The request lives on: no state change, its SYN,ACK retransmitted.
    expect(transitions(t, 'server').slice(-2)).toEqual(['LISTEN → SYN-RECEIVED', 'SYN-RECEIVED → CLOSED']);
    expect(t.segments.some((s) => s.n > injected(t).n && s.reason === 'retransmission')).toBe(true);
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

  it('ESTABLISHED + OPEN → "connection already exists"', () => {
    expect(run([...established(), connect()]).errors.map((e) => [e.call, e.error])).toEqual([['connect', 'connection already exists']]);
  });

  it('ESTABLISHED + STATUS → ok', () => {
    const t = run([listen(), connect(), call('client', 'status')]);
    expect(t.errors).toEqual([]);
  });

  it('ESTABLISHED + ABORT with unacknowledged data → RST, CLOSED, "connection reset" to the SEND (§3.10.5)', () => {
    const t = run([...established(), send('client', 'lost', 0), call('client', 'abort', { at: 10 })]);
    expect(sentBy(t, 'client').slice(-1)[0]!.reason).toBe('rst-abort');
    expect(lastTransition(t)).toBe('ESTABLISHED → CLOSED');
    expect(t.errors).toEqual([{ t: t.errors[0]!.t, host: 'client', call: 'send', error: 'connection reset' }]);
  });

  it('ESTABLISHED + user timeout → CLOSED, "connection aborted due to user timeout" (rfc9293 5 min)', () => {
    const t = run([...established(), send('client', 10, 0)]);
    const closed = t.events.find((e) => e.kind === 'state' && e.host === 'client' && e.to === 'CLOSED')!;
    expect(closed).toMatchObject({ from: 'ESTABLISHED', t: 150 + 300_000, cause: { type: 'timer', timer: 'user-timeout' } });
    expect(t.errors).toEqual([{ t: 300_150, host: 'client', call: 'send', error: 'connection aborted due to user timeout' }]);
  });

  it('ESTABLISHED + retry exhaustion → CLOSED, "connection timed out" (linux tcp_retries2 15)', () => {
    const t = run([...established(), send('client', 10, 0)], 'linux');
    expect(sentBy(t, 'client', ['ACK', 'PSH'])).toHaveLength(16);
    expect(lastTransition(t)).toBe('ESTABLISHED → CLOSED');
    expect(t.errors.map((e) => [e.call, e.error])).toEqual([['send', 'connection timed out']]);
  });

  it('ESTABLISHED after a SYN timeout → the data RTO starts at 3 s (RFC 6298 §5.7)', () => {
    const t = simulate(scenario([listen(), connect(), send('client', 10), wait(10_000)], { faults: [fault('drop', { from: 'client', flags: ['SYN'] }), fault('drop', { from: 'client', flags: ['ACK', 'PSH'] })] }));
    const data = sentBy(t, 'client', ['ACK', 'PSH']);
    expect(data[1]!.sentAt - data[0]!.sentAt).toBe(3000);
  });

  it('ESTABLISHED after a SYN,ACK timeout (passive) → the data RTO starts at 3 s (RFC 6298 §5.7)', () => {
    const t = simulate(scenario([listen(), connect(), send('server', 10), wait(10_000)], { faults: [fault('drop', { from: 'server', flags: ['ACK', 'SYN'] }), fault('drop', { from: 'client', flags: ['SYN'], nth: 2 } as never), fault('drop', { from: 'server', flags: ['ACK', 'PSH'] })] }));
    const data = sentBy(t, 'server', ['ACK', 'PSH']);
    expect(data[1]!.sentAt - data[0]!.sentAt).toBe(3000);
  });

  it('ESTABLISHED without a handshake timeout → the data RTO starts at 1 s', () => {
    const t = simulate(scenario([listen(), connect(), send('client', 10), wait(10_000)], { faults: [fault('drop', { from: 'client', flags: ['ACK', 'PSH'] })] }));
    const data = sentBy(t, 'client', ['ACK', 'PSH']);
    expect(data[1]!.sentAt - data[0]!.sentAt).toBe(1000);
  });

  it('ESTABLISHED + second unacceptable data segment → ACK again: every one is answered (rfc9293 §3.10.7.4)', () => {
    const t = run([...established(), inject('server', 'client', ['ACK'], { seq: 4000, ack: 1001, data: 5 }), inject('server', 'client', ['ACK'], { seq: 4005, ack: 1001, data: 5, at: 250 })]);
    expect(t.segments.filter((s) => s.reason === 'ack-unacceptable')).toHaveLength(2);
  });

  it('ESTABLISHED + peer window 0 → zero-window probes with backoff (persist timer), the data sent when the window opens (RFC 9293 §3.8.6.1)', () => {
    const t = run([...established(), inject('server', 'client', ['ACK'], { seq: 5001, ack: 1001, window: 0 }), send('client', 'hello'), wait(8000), inject('server', 'client', ['ACK'], { seq: 5001, ack: 1001, window: 1000 })]);
    const probes = t.segments.filter((s) => s.reason === 'window-probe');
    // rfc9293: one octet of new data, first one RTO after the SEND at 200 ms, then at doubling intervals.
    expect(probes.map((s) => [s.sentAt - 200, s.seg.seq, s.seg.payload.length])).toEqual([
      [1000, 1001, 1],
      [3000, 1001, 1],
      [7000, 1001, 1],
    ]);
    const rest = t.segments.filter((s) => s.reason === 'data');
    expect(rest.map((s) => [s.seg.seq, s.seg.payload.length])).toEqual([[1002, 4]]);
  });

  it('ESTABLISHED + peer window 0 → probes <SEQ=SND.UNA-1><CTL=ACK> without data (linux tcp_xmit_probe_skb)', () => {
    const t = run([...established(), inject('server', 'client', ['ACK'], { seq: 5001, ack: 1001, window: 0 }), send('client', 'hello'), wait(4000)], 'linux');
    const probes = t.segments.filter((s) => s.reason === 'window-probe');
    expect(probes.map((s) => [s.sentAt - 200, s.seg.flags.join(','), s.seg.seq, s.seg.payload.length])).toEqual([
      [1000, 'ACK', 1000, 0],
      [3000, 'ACK', 1000, 0],
    ]);
  });

  it('ESTABLISHED + zero window that never opens, peer answering → probes keep the connection open past the user timeout (MUST-37)', () => {
    const t = simulate(scenario([listen(), connect(), send('server', 10), close('server'), wait(600_000)], { hosts: { client: { ...CLIENT, window: 0 }, server: { ...SERVER } } }));
    expect(t.final).toEqual({ client: 'ESTABLISHED', server: 'FIN-WAIT-1' });
    expect(t.errors).toEqual([]);
    const probes = t.segments.filter((s) => s.reason === 'window-probe');
    expect(probes.length).toBeGreaterThan(8);
    // The receiver answers each probe with an ACK showing its window, still 0.
    for (const p of probes) expect(replyTo(t, p.n, 'client')).toMatchObject({ reason: 'ack-unacceptable', seg: { window: 0 } });
  });

  it('ESTABLISHED + zero window and the peer gone → unanswered probes end with the user timeout (rfc9293)', () => {
    const t = run([...established(), inject('server', 'client', ['ACK'], { seq: 5001, ack: 1001, window: 0 }), send('client', 'hello'), wait(600_000)]);
    expect(lastTransition(t)).toBe('ESTABLISHED → CLOSED');
    expect(t.errors.map((e) => [e.call, e.error])).toEqual([['send', 'connection aborted due to user timeout']]);
  });

  it('ESTABLISHED + RCV.WND 0 and a data segment carrying a valid ACK → the ACK processed, the text refused and acknowledged (§3.10.7.4)', () => {
    const hosts = { client: { ...CLIENT, window: 0 }, server: { ...SERVER } };
    const t = run([listen(), connect(), crash('server'), send('client', 10, 200), inject('server', 'client', ['ACK'], { seq: 5001, ack: 1011, data: 1, at: 300 })], 'rfc9293', hosts);
    const n = injected(t).n;
    expect(tcbAfter(t, n, 'client').sndUna).toBe(1011);
    expect(t.received.client).toHaveLength(0);
    expect(injected(t).disposition).toBe('answered-ack');
    expect(replyTo(t, n, 'client')).toMatchObject({ reason: 'ack-unacceptable', seg: { seq: 1011, ack: 5001 } });
    expect(t.errors).toEqual([]);
  });

  it('ESTABLISHED + RCV.WND 0 and a RST at RCV.NXT carrying data → CLOSED (§3.10.7.4 special allowance)', () => {
    const hosts = { client: { ...CLIENT, window: 0 }, server: { ...SERVER } };
    const t = run([listen(), connect(), crash('server'), inject('server', 'client', ['RST'], { seq: 5001, data: 3, at: 300 })], 'rfc9293', hosts);
    expect(injected(t).disposition).toBe('reset');
    expect(t.final.client).toBe('CLOSED');
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

  it('FIN-WAIT-1 + in-window RST → CLOSED, "connection reset"', () => {
    const t = run([...finWait1(), inject('server', 'client', ['RST'], { seq: 5001 })]);
    expect(lastTransition(t)).toBe('FIN-WAIT-1 → CLOSED');
    expect(t.errors.map((e) => e.error)).toEqual(['connection reset']);
  });

  it('FIN-WAIT-1 + in-window SYN → RST and CLOSED (rfc9293)', () => {
    const t = run([...finWait1(), inject('server', 'client', ['SYN'], { seq: 5100 })]);
    expect(injected(t).disposition).toBe('answered-rst');
    expect(lastTransition(t)).toBe('FIN-WAIT-1 → CLOSED');
  });

  it('FIN-WAIT-1 + in-window SYN → challenge ACK, FIN-WAIT-1 kept (linux)', () => {
    const t = run([...finWait1(), inject('server', 'client', ['SYN'], { seq: 5100 })], 'linux');
    expect(injected(t).disposition).toBe('answered-challenge-ack');
    expect(stateAfter(t, injected(t).n, 'client')).toBe('FIN-WAIT-1');
  });

  it('FIN-WAIT-1 + ABORT → <SEQ=SND.NXT><CTL=RST>, CLOSED', () => {
    const t = run([...finWait1(), call('client', 'abort', { at: 0 })]);
    const rst = sentBy(t, 'client').slice(-1)[0]!;
    expect([rst.seg.flags, rst.seg.seq]).toEqual([['RST'], 1002]);
    expect(lastTransition(t)).toBe('FIN-WAIT-1 → CLOSED');
    expect(t.errors).toEqual([]);
  });

  it('FIN-WAIT-1 + timeout → FIN retransmitted', () => {
    const t = run(finWait1());
    const fins = sentBy(t, 'client', ['ACK', 'FIN']);
    expect(fins.slice(0, 3).map((s) => [s.sentAt - fins[0]!.sentAt, s.seg.seq, s.reason])).toEqual([
      [0, 1001, 'fin'],
      [1000, 1001, 'retransmission'],
      [3000, 1001, 'retransmission'],
    ]);
  });

  it('FIN-WAIT-1 + OPEN → "connection already exists"', () => {
    expect(run([...finWait1(), connect('client', 'server', 0)]).errors.map((e) => e.error)[0]).toBe('connection already exists');
  });

  it('FIN-WAIT-1 + STATUS → ok', () => {
    const t = run([...finWait1(), call('client', 'status', { at: 0 })]);
    expect(t.errors.filter((e) => e.call === 'status')).toEqual([]);
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

  it('FIN-WAIT-2 + in-window RST → CLOSED, "connection reset"', () => {
    const t = run([...finWait2(), inject('server', 'client', ['RST'], { seq: 5001 })]);
    expect(lastTransition(t)).toBe('FIN-WAIT-2 → CLOSED');
    expect(t.errors.map((e) => e.error)).toEqual(['connection reset']);
  });

  it('FIN-WAIT-2 + in-window SYN → RST and CLOSED (rfc9293)', () => {
    const t = run([...finWait2(), inject('server', 'client', ['SYN'], { seq: 5100 })]);
    expect(injected(t).disposition).toBe('answered-rst');
    expect(lastTransition(t)).toBe('FIN-WAIT-2 → CLOSED');
  });

  it('FIN-WAIT-2 + ABORT → <SEQ=SND.NXT><CTL=RST>, CLOSED', () => {
    const t = run([...finWait2(), call('client', 'abort')]);
    const rst = sentBy(t, 'client').slice(-1)[0]!;
    expect([rst.seg.flags, rst.seg.seq]).toEqual([['RST'], 1002]);
    expect(lastTransition(t)).toBe('FIN-WAIT-2 → CLOSED');
  });

  it.each(['send', 'close'] as const)('FIN-WAIT-2 + %s → "connection closing"', (c) => {
    const t = run([...finWait2(), call('client', c, { data: 1 })]);
    expect(t.errors.map((e) => [e.call, e.error])).toEqual([[c, 'connection closing']]);
  });

  it('FIN-WAIT-2 + RECEIVE → ok (data can still arrive)', () => {
    expect(run([...finWait2(), call('client', 'receive')]).errors).toEqual([]);
  });

  it('FIN-WAIT-2 + OPEN → "connection already exists"', () => {
    expect(run([...finWait2(), connect()]).errors.map((e) => e.error)).toEqual(['connection already exists']);
  });

  it('FIN-WAIT-2 + STATUS → ok', () => {
    expect(run([...finWait2(), call('client', 'status')]).errors).toEqual([]);
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

  it('CLOSE-WAIT + in-window RST → CLOSED, "connection reset"', () => {
    const t = run([...closeWait(), inject('server', 'client', ['RST'], { seq: 5002 })]);
    expect(lastTransition(t)).toBe('CLOSE-WAIT → CLOSED');
    expect(t.errors.map((e) => e.error)).toEqual(['connection reset']);
  });

  it('CLOSE-WAIT + RST with SEQ = RCV.NXT-1 → ignored (rfc9293: outside the window)', () => {
    const t = run([...closeWait(), inject('server', 'client', ['RST'], { seq: 5001 })]);
    expect(injected(t).disposition).toBe('ignored');
    expect(t.final.client).toBe('CLOSE-WAIT');
  });

  it('CLOSE-WAIT + RST with SEQ = RCV.NXT-1 → CLOSED (linux tcp_reset_check)', () => {
    const t = run([listen(), connect(), close('server'), wait(1000), crash('server'), inject('server', 'client', ['RST'], { seq: 5001 })], 'linux');
    expect(injected(t).disposition).toBe('reset');
    expect(lastTransition(t)).toBe('CLOSE-WAIT → CLOSED');
  });

  it('CLOSE-WAIT + in-window SYN → RST and CLOSED (rfc9293)', () => {
    const t = run([...closeWait(), inject('server', 'client', ['SYN'], { seq: 5100 })]);
    expect(injected(t).disposition).toBe('answered-rst');
    expect(lastTransition(t)).toBe('CLOSE-WAIT → CLOSED');
  });

  it('CLOSE-WAIT + in-window SYN → challenge ACK (linux)', () => {
    const t = run([listen(), connect(), close('server'), wait(1000), crash('server'), inject('server', 'client', ['SYN'], { seq: 5100 })], 'linux');
    expect(injected(t).disposition).toBe('answered-challenge-ack');
    expect(t.final.client).toBe('CLOSE-WAIT');
  });

  it('CLOSE-WAIT + ABORT → <SEQ=SND.NXT><CTL=RST>, CLOSED', () => {
    const t = run([...closeWait(), call('client', 'abort')]);
    const rst = sentBy(t, 'client').slice(-1)[0]!;
    expect([rst.seg.flags, rst.seg.seq]).toEqual([['RST'], 1001]);
    expect(lastTransition(t)).toBe('CLOSE-WAIT → CLOSED');
  });

  it('CLOSE-WAIT + OPEN → "connection already exists"', () => {
    expect(run([...closeWait(), connect()]).errors.map((e) => e.error)).toEqual(['connection already exists']);
  });

  it('CLOSE-WAIT + STATUS → ok', () => {
    expect(run([...closeWait(), call('client', 'status')]).errors).toEqual([]);
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

  it('CLOSING + RST → CLOSED, no error', () => {
    const t = run([...closing(), inject('server', 'client', ['RST'], { seq: 5002, at: CLOSING_AT })]);
    expect(lastTransition(t)).toBe('CLOSING → CLOSED');
    expect(injected(t).disposition).toBe('reset');
  });

  it('CLOSING + RST with SEQ = RCV.NXT-1 → CLOSED (linux tcp_reset_check)', () => {
    const t = run([...closing(), inject('server', 'client', ['RST'], { seq: 5001, at: CLOSING_AT })], 'linux');
    expect(injected(t).disposition).toBe('reset');
    expect(lastTransition(t)).toBe('CLOSING → CLOSED');
  });

  it('CLOSING + in-window SYN → RST and CLOSED (rfc9293)', () => {
    const t = run([...closing(), inject('server', 'client', ['SYN'], { seq: 5100, at: CLOSING_AT })]);
    expect(injected(t).disposition).toBe('answered-rst');
    expect(lastTransition(t)).toBe('CLOSING → CLOSED');
  });

  it('CLOSING + ABORT → CLOSED, no RST ("Respond with ok and delete the TCB")', () => {
    const t = run([...closing(), call('client', 'abort', { at: CLOSING_AT })]);
    expect(lastTransition(t)).toBe('CLOSING → CLOSED');
    expect(t.segments.some((s) => s.reason === 'rst-abort')).toBe(false);
    expect(t.errors).toEqual([]);
  });

  it('CLOSING + timeout → FIN retransmitted', () => {
    const t = run(closing());
    const fins = sentBy(t, 'client', ['ACK', 'FIN']);
    expect(fins.length).toBeGreaterThan(2);
    expect(fins.slice(1).every((s) => s.reason === 'retransmission' && s.seg.seq === 1001 && s.seg.ack === 5002)).toBe(true);
    expect(transitions(t, 'client')).toContain('FIN-WAIT-1 → CLOSING');
  });

  it.each(['send', 'receive', 'close'] as const)('CLOSING + %s → "connection closing"', (c) => {
    const t = run([...closing(), call('client', c, { data: 1, at: CLOSING_AT })]);
    expect(t.errors[0]).toEqual({ t: CLOSING_AT, host: 'client', call: c, error: 'connection closing' });
  });

  it('CLOSING + OPEN → "connection already exists"', () => {
    const t = run([...closing(), connect('client', 'server', CLOSING_AT)]);
    expect(t.errors[0]).toMatchObject({ call: 'connect', error: 'connection already exists' });
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

  it('LAST-ACK + RST with SEQ = RCV.NXT-1 → CLOSED (linux tcp_reset_check)', () => {
    const t = run([listen(), connect(), close('server'), wait(1000), crash('server'), close('client'), inject('server', 'client', ['RST'], { seq: 5001 })], 'linux');
    expect(injected(t).disposition).toBe('reset');
    expect(lastTransition(t)).toBe('LAST-ACK → CLOSED');
  });

  it('LAST-ACK + in-window SYN → RST and CLOSED (rfc9293)', () => {
    const t = run([...lastAck(), inject('server', 'client', ['SYN'], { seq: 5100 })]);
    expect(injected(t).disposition).toBe('answered-rst');
    expect(lastTransition(t)).toBe('LAST-ACK → CLOSED');
  });

  it('LAST-ACK + ABORT → CLOSED, no RST', () => {
    const t = run([...lastAck(), call('client', 'abort', { at: 0 })]);
    expect(lastTransition(t)).toBe('LAST-ACK → CLOSED');
    expect(t.segments.some((s) => s.reason === 'rst-abort')).toBe(false);
  });

  it('LAST-ACK + timeout → FIN retransmitted', () => {
    const t = run(lastAck());
    const fins = sentBy(t, 'client', ['ACK', 'FIN']);
    expect(fins.slice(0, 3).map((s) => [s.sentAt - fins[0]!.sentAt, s.seg.seq, s.seg.ack, s.reason])).toEqual([
      [0, 1001, 5002, 'fin'],
      [1000, 1001, 5002, 'retransmission'],
      [3000, 1001, 5002, 'retransmission'],
    ]);
  });

  it.each(['send', 'receive', 'close'] as const)('LAST-ACK + %s → "connection closing"', (c) => {
    const t = run([...lastAck(), call('client', c, { data: 1, at: 0 })]);
    expect(t.errors[0]).toMatchObject({ host: 'client', call: c, error: 'connection closing' });
  });

  it('LAST-ACK + OPEN → "connection already exists"', () => {
    const t = run([...lastAck(), connect('client', 'server', 0)]);
    expect(t.errors[0]).toMatchObject({ call: 'connect', error: 'connection already exists' });
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

  it('TIME-WAIT + ABORT → CLOSED, no RST', () => {
    const t = run([...timeWait(), call('client', 'abort')]);
    expect(lastTransition(t)).toBe('TIME-WAIT → CLOSED');
    expect(t.segments.some((s) => s.reason === 'rst-abort')).toBe(false);
    expect(t.errors).toEqual([]);
  });

  it.each(['send', 'receive'] as const)('TIME-WAIT + %s → "connection closing"', (c) => {
    const t = run([...timeWait(), call('client', c, { data: 1 })]);
    expect(t.errors.map((e) => [e.call, e.error])).toEqual([[c, 'connection closing']]);
  });

  it('TIME-WAIT + STATUS → ok', () => {
    expect(run([...timeWait(), call('client', 'status')]).errors).toEqual([]);
  });

  it('TIME-WAIT + SYN above RCV.NXT, listener on the port → SYN-RECEIVED with ISS above the old SND.NXT (rfc9293 §3.6.1 MAY-2)', () => {
    const hosts = { client: { ...CLIENT, isn: 'rfc793' as const }, server: { ...SERVER } };
    const t = run([listen(), connect(), close('server'), close('client'), connect()], 'rfc9293', hosts);
    expect(transitions(t, 'server')).toContain('TIME-WAIT → SYN-RECEIVED');
    const synAck = sentBy(t, 'server', ['ACK', 'SYN']).slice(-1)[0]!;
    // The old connection used up to 5001 (its FIN): the generator's 5000 is not larger, so 5002 + 128000.
    expect(synAck.seg.seq).toBe(5002 + 128_000);
    expect(t.final).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
    expect(t.segments.some((s) => s.retransmission || s.seg.flags.includes('RST'))).toBe(false);
  });

  it('TIME-WAIT reopened + RST (the SYN was an old duplicate) → back to TIME-WAIT (rfc9293 §3.6.1 MAY-2 (2))', () => {
    const steps = [listen(), connect(), close('server'), close('client'), crash('client'), inject('client', 'server', ['SYN'], { seq: 90_000 }), inject('client', 'server', ['RST'], { seq: 90_001, at: 100 })];
    const t = run(steps);
    expect(transitions(t, 'server').slice(-2)).toEqual(['TIME-WAIT → SYN-RECEIVED', 'SYN-RECEIVED → TIME-WAIT']);
    const tcb = tcbAfter(t, injected(t).n, 'server');
    expect([tcb.state, tcb.iss, tcb.sndNxt, tcb.rcvNxt]).toEqual(['TIME-WAIT', 5000, 5002, 1002]);
    expect(tcb.timers.map((x) => x.name)).toEqual(['time-wait']);
  });

  it('RST with SEQ = RCV.NXT → CLOSED, TIME-WAIT assassinated (linux tcp_timewait_state_process, tcp_rfc1337 = 0)', () => {
    const t = run([...timeWait(), wait(1000), inject('server', 'client', ['RST'], { seq: 5002 })], 'linux');
    expect(injected(t).disposition).toBe('reset');
    expect(lastTransition(t)).toBe('TIME-WAIT → CLOSED');
  });

  it('RST in the window but not at RCV.NXT → dropped silently, no challenge ACK (linux tcp_timewait_state_process)', () => {
    const t = run([...timeWait(), wait(1000), inject('server', 'client', ['RST'], { seq: 5100 })], 'linux');
    expect(injected(t).disposition).toBe('ignored');
    expect(replyTo(t, injected(t).n, 'client')).toBeUndefined();
    expect(t.final.client).toBe('TIME-WAIT');
  });

  it('bare ACK at RCV.NXT → 60 s timer restarted, nothing sent (linux inet_twsk_reschedule)', () => {
    const t = run([...timeWait(), inject('server', 'client', ['ACK'], { seq: 5002, ack: 1002, at: 30_000 })], 'linux');
    expect(injected(t).disposition).toBe('accepted');
    expect(replyTo(t, injected(t).n, 'client')).toBeUndefined();
    expect(tcbAfter(t, injected(t).n, 'client').timers).toEqual([{ name: 'time-wait', expiresAt: 30_050 + 60_000 }]);
  });

  it('out-of-window segment with ACK → ACK, 60 s timer restarted (linux tcp_timewait_state_process)', () => {
    const t = run([...timeWait(), inject('server', 'client', ['ACK'], { seq: 9000, ack: 1002, data: 3, at: 30_000 })], 'linux');
    expect(replyTo(t, injected(t).n, 'client')).toMatchObject({ reason: 'ack-unacceptable', seg: { seq: 1002, ack: 5002 } });
    expect(tcbAfter(t, injected(t).n, 'client').timers).toEqual([{ name: 'time-wait', expiresAt: 30_050 + 60_000 }]);
  });

  it('SYN above RCV.NXT, no listener → ACK, TIME-WAIT kept (linux tcp_v4_rcv TCP_TW_SYN → TCP_TW_ACK)', () => {
    const t = run([...timeWait(), crash('server'), inject('server', 'client', ['SYN'], { seq: 9000 })], 'linux');
    expect(injected(t).disposition).toBe('answered-ack');
    expect(replyTo(t, injected(t).n, 'client')).toMatchObject({ seg: { flags: ['ACK'], seq: 1002, ack: 5002 } });
    expect(t.final.client).toBe('TIME-WAIT');
  });

  it('SYN above RCV.NXT, listener on the port → new connection with ISS = old SND.NXT + 65537 (linux tcp_timewait_state_process TCP_TW_SYN)', () => {
    const hosts = { client: { ...CLIENT, isn: 'rfc793' as const }, server: { ...SERVER } };
    const t = run([listen(), connect(), close('server'), close('client'), connect()], 'linux', hosts);
    expect(transitions(t, 'server')).toEqual(expect.arrayContaining(['TIME-WAIT → CLOSED', 'LISTEN → SYN-RECEIVED']));
    const synAck = sentBy(t, 'server', ['ACK', 'SYN']).slice(-1)[0]!;
    expect(synAck.seg.seq).toBe(5002 + 65_535 + 2);
    expect(t.final).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });
});

describe('LISTEN with an accept queue', () => {
  const three = (profile: Profile, extra: Step[] = []): Trace =>
    simulate({
      ...scenario([listen(), connect('a', 'server', 0), connect('b', 'server', 10), connect('c', 'server', 20), ...extra], { profile }),
      hosts: { a: { address: '10.0.0.1', port: 40001, isn: 1000 }, b: { address: '10.0.0.3', port: 40002, isn: 2000 }, c: { address: '10.0.0.4', port: 40003, isn: 3000 }, server: { ...SERVER, acceptBacklog: 1 } },
    });

  it('no acceptBacklog → every completed connection is accepted at once', () => {
    const t = simulate({ ...scenario([listen(), connect('a', 'server', 0), connect('b', 'server', 10)]), hosts: { a: { address: '10.0.0.1', port: 40001, isn: 1000 }, b: { address: '10.0.0.3', port: 40002, isn: 2000 }, server: { ...SERVER, backlog: 1 } } });
    expect(t.final).toEqual({ a: 'ESTABLISHED', b: 'ESTABLISHED', server: 'ESTABLISHED' });
    expect(t.segments.every((s) => s.disposition !== 'accept-queue-full')).toBe(true);
  });

  it('accept queue full → the handshake\'s last ACK dropped, the child stays SYN-RECEIVED and retransmits its SYN,ACK (linux tcp_abort_on_overflow = 0)', () => {
    const t = three('linux');
    // acceptBacklog 1 holds two (sk_acceptq_is_full: more than the backlog).
    const lastAck = t.segments.find((s) => s.from === 'c' && s.reason === 'handshake-ack')!;
    expect(lastAck.disposition).toBe('accept-queue-full');
    expect(t.segments.filter((s) => s.to === 'c' && s.reason === 'retransmission' && s.seg.flags.includes('SYN'))).toHaveLength(5);
    expect(t.events.filter((e) => e.kind === 'state' && e.host === 'server' && e.to === 'ESTABLISHED')).toHaveLength(2);
    expect(t.final.c).toBe('ESTABLISHED');
  });

  it('accept queue full → new SYNs dropped (linux tcp_conn_request)', () => {
    const t = simulate({
      ...scenario([listen(), connect('a'), connect('b'), connect('c', 'server', 300)], { profile: 'linux' }),
      hosts: { a: { address: '10.0.0.1', port: 40001, isn: 1000 }, b: { address: '10.0.0.3', port: 40002, isn: 2000 }, c: { address: '10.0.0.4', port: 40003, isn: 3000 }, server: { ...SERVER, acceptBacklog: 1 } },
    });
    const syns = t.segments.filter((s) => s.from === 'c');
    expect(syns.map((s) => s.disposition)).toEqual(['accept-queue-full', 'accept-queue-full', 'accept-queue-full', 'accept-queue-full', 'accept-queue-full', 'accept-queue-full', 'accept-queue-full']);
    expect(t.final.c).toBe('CLOSED');
  });

  it('accept queue full → SYNs dropped, half-open handshakes counted so every begun one completes (rfc9293, room reserved)', () => {
    const t = three('rfc9293');
    expect(t.segments.filter((s) => (s.from === 'b' || s.from === 'c') && s.seg.flags.join() === 'SYN').every((s) => s.disposition === 'accept-queue-full')).toBe(true);
    expect(t.final).toMatchObject({ a: 'ESTABLISHED', b: 'CLOSED', c: 'CLOSED' });
  });

  it('accept → the application takes the oldest waiting connection; user calls then reach it', () => {
    const t = three('linux', [call('server', 'send', { data: 'x' }), call('server', 'accept'), call('server', 'send', { data: 'y' })]);
    // Before the accept the server's calls reach the listener only.
    expect(t.errors.map((e) => [e.call, e.error])).toEqual([['send', 'foreign socket unspecified']]);
    expect(text(t.received.a!)).toBe('y');
  });

  it('accept with nothing waiting → waits; the next connection to complete is the application\'s', () => {
    const t = simulate({ ...scenario([listen(), call('server', 'accept'), connect('a'), send('server', 'hi')]), hosts: { a: { address: '10.0.0.1', port: 40001, isn: 1000 }, server: { ...SERVER, acceptBacklog: 1 } } });
    expect(t.errors).toEqual([]);
    expect(text(t.received.a!)).toBe('hi');
  });

  it('accept without a listener → "not listening"', () => {
    expect(run([call('server', 'accept')]).errors.map((e) => e.error)).toEqual(['not listening']);
  });
});

describe('scenario input checks', () => {
  it('an injected segment from port 99999 → ScenarioError naming the inject\'s port', () => {
    expect(() => run([listen(), inject('10.0.0.9:99999', 'server', ['SYN'], { seq: 1 })])).toThrow(ScenarioError);
    expect(() => run([listen(), inject('10.0.0.9:99999', 'server', ['SYN'], { seq: 1 })])).toThrow(/port 99999 of "10\.0\.0\.9:99999" is out of range/);
  });

  it('an injected segment from a name that is no address → ScenarioError', () => {
    expect(() => run([listen(), inject('attacker:666', 'server', ['SYN'], { seq: 1 })])).toThrow(/"attacker" of "attacker:666" is not an IPv4 or IPv6 address/);
  });

  it('send 9999999999 → ScenarioError with the size limit, not a typed-array error', () => {
    expect(() => run([listen(), connect(), send('client', 9_999_999_999)])).toThrow(ScenarioError);
    expect(() => run([listen(), connect(), send('client', 9_999_999_999)])).toThrow(/send: 9999999999 bytes is more than one send may carry \(at most 16777216\)/);
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
