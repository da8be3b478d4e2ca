/** Where the `linux` profile differs from `rfc9293`, side by side. */
import { describe, expect, it } from 'vitest';
import { headerLength, simulate, type Profile, type Step } from '../../../src/engine/index';
import { CLIENT, SERVER, call, close, connect, inject, injected, listen, replyTo, scenario, stateAfter, transitions, wait } from './helpers';

const crash = (host: string): Step => call(host, 'crash');
const established = (): Step[] => [listen(), connect(), crash('server')];

function timeWaitLength(profile: Profile, msl?: number): number {
  const t = simulate(scenario([listen(), connect(), close('client'), close('server'), wait(600_000)], { profile, ...(msl === undefined ? {} : { msl }) }));
  const enter = t.events.find((e) => e.kind === 'state' && e.host === 'client' && e.to === 'TIME-WAIT')!;
  const leave = t.events.find((e) => e.kind === 'state' && e.host === 'client' && e.from === 'TIME-WAIT')!;
  return leave.t - enter.t;
}

describe('TIME-WAIT length', () => {
  it('rfc9293: 2 × MSL of 2 minutes = 240 s', () => {
    expect(timeWaitLength('rfc9293')).toBe(240_000);
  });
  it('linux: fixed 60 s (TCP_TIMEWAIT_LEN)', () => {
    expect(timeWaitLength('linux')).toBe(60_000);
  });
  it.each(['rfc9293', 'linux'] as const)('%s: network.msl overrides it (2 × msl)', (p) => {
    expect(timeWaitLength(p, 5000)).toBe(10_000);
  });
});

describe('RST inside the window but not at RCV.NXT', () => {
  const steps = [...established(), inject('server', 'client', ['RST'], { seq: 5100 })];
  it('rfc9293: resets the connection', () => {
    const t = simulate(scenario(steps));
    expect(injected(t).disposition).toBe('reset');
    expect(t.final.client).toBe('CLOSED');
  });
  it('linux: challenge ACK (RFC 5961 §3.2), the connection survives', () => {
    const t = simulate(scenario(steps, { profile: 'linux' }));
    const n = injected(t).n;
    expect(injected(t).disposition).toBe('answered-challenge-ack');
    const ack = replyTo(t, n, 'client')!;
    expect([ack.reason, ack.seg.flags, ack.seg.seq, ack.seg.ack]).toEqual(['challenge-ack', ['ACK'], 1001, 5001]);
    expect(stateAfter(t, n, 'client')).toBe('ESTABLISHED');
  });
  it('linux: a RST exactly at RCV.NXT still resets', () => {
    const t = simulate(scenario([...established(), inject('server', 'client', ['RST'], { seq: 5001 })], { profile: 'linux' }));
    expect(injected(t).disposition).toBe('reset');
    expect(t.final.client).toBe('CLOSED');
  });
});

describe('SYN in a synchronized state', () => {
  const steps = [...established(), inject('server', 'client', ['SYN'], { seq: 5001 })];
  it('rfc9293: reset and CLOSED', () => {
    const t = simulate(scenario(steps));
    expect(injected(t).disposition).toBe('answered-rst');
    expect(t.final.client).toBe('CLOSED');
  });
  it('linux: challenge ACK, ESTABLISHED kept', () => {
    const t = simulate(scenario(steps, { profile: 'linux' }));
    expect(injected(t).disposition).toBe('answered-challenge-ack');
    expect(t.final.client).toBe('ESTABLISHED');
  });
  it('linux: challenge ACKs are throttled (RFC 5961 §7): a burst gets one answer', () => {
    const burst = [0, 1, 2].map(() => inject('server', 'client', ['SYN'], { seq: 5001 }));
    const t = simulate(scenario([...established(), ...burst], { profile: 'linux' }));
    expect(t.segments.filter((s) => s.reason === 'challenge-ack')).toHaveLength(1);
  });
});

describe('retry counts', () => {
  const unanswered = [crash('server'), connect()];
  it('rfc9293: SYN retransmitted with the RTO doubling up to 60 s until the 5-minute user timeout', () => {
    const t = simulate(scenario(unanswered));
    expect(t.segments.map((s) => s.sentAt / 1000)).toEqual([0, 1, 3, 7, 15, 31, 63, 123, 183, 243]);
    const closed = t.events.find((e) => e.kind === 'state' && e.to === 'CLOSED')!;
    expect(closed).toMatchObject({ t: 300_000, cause: { type: 'timer', timer: 'user-timeout' } });
    expect(t.errors).toEqual([{ t: 300_000, host: 'client', call: 'connect', error: 'connection aborted due to user timeout' }]);
  });
  it('linux: 6 SYN retries (tcp_syn_retries), then the connect fails at 127 s', () => {
    const t = simulate(scenario(unanswered, { profile: 'linux' }));
    expect(t.segments.map((s) => s.sentAt / 1000)).toEqual([0, 1, 3, 7, 15, 31, 63]);
    const closed = t.events.find((e) => e.kind === 'state' && e.to === 'CLOSED')!;
    expect(closed).toMatchObject({ t: 127_000, cause: { type: 'timer', timer: 'retransmission' } });
    expect(t.errors[0]).toMatchObject({ call: 'connect', error: 'connection timed out' });
  });
  it('linux: a half-open child retransmits its SYN,ACK 5 times (tcp_synack_retries), then is dropped', () => {
    const t = simulate(scenario([listen(), inject('10.6.6.6:999', 'server', ['SYN'], { seq: 1 })], { profile: 'linux' }));
    const synAcks = t.segments.filter((s) => s.from === 'server');
    expect(synAcks.map((s) => (s.sentAt - 50) / 1000)).toEqual([0, 1, 3, 7, 15, 31]);
    const gone = t.events.find((e) => e.kind === 'state' && e.from === 'SYN-RECEIVED')!;
    expect(gone).toMatchObject({ to: 'CLOSED', t: 63_050, cause: { type: 'timer', timer: 'syn-ack-retransmission' } });
    expect(t.final.server).toBe('LISTEN');
  });
});

describe('close with a delayed ACK', () => {
  it('rfc9293: four segments (FIN, ACK, FIN, ACK)', () => {
    const t = simulate(scenario([listen(), connect(), close('client'), close('server')]));
    expect(t.segments.slice(3).map((s) => s.seg.flags.join(','))).toEqual(['FIN,ACK', 'ACK', 'FIN,ACK', 'ACK']);
  });
  it('linux: the server closes within 40 ms, so its FIN rides on the delayed ACK: three segments', () => {
    const t = simulate(scenario([listen(), connect(), close('client'), close('server')], { profile: 'linux' }));
    const close3 = t.segments.slice(3);
    expect(close3.map((s) => [s.from, s.seg.flags.join(','), s.reason])).toEqual([
      ['client', 'FIN,ACK', 'fin'],
      ['server', 'FIN,ACK', 'fin-ack-combined'],
      ['client', 'ACK', 'ack'],
    ]);
    expect(close3[1]!.seg.ack).toBe(close3[0]!.seg.seq + 1);
    expect(t.final).toEqual({ client: 'TIME-WAIT', server: 'CLOSED' });
  });
  it('linux: an application that closes later gets the ACK 40 ms after the FIN, then its own FIN', () => {
    const t = simulate(scenario([listen(), connect(), close('client'), wait(1000), close('server')], { profile: 'linux' }));
    const [fin, ack, fin2] = t.segments.slice(3);
    expect(ack!.sentAt - fin!.arrivedAt!).toBe(40);
    expect(ack!.seg.flags).toEqual(['ACK']);
    expect(fin2!.reason).toBe('fin');
  });
});

describe('SYN options', () => {
  it('rfc9293: MSS only (plus window scale when the host config names one)', () => {
    const t = simulate(scenario([listen(), connect()], { hosts: { client: { ...CLIENT }, server: { ...SERVER, wscale: 2 } } }));
    expect(t.segments[0]!.seg.options).toEqual({ mss: 1460 });
    // The server may not offer window scaling the client's SYN did not offer (RFC 7323 §2.2).
    expect(t.segments[1]!.seg.options).toEqual({ mss: 1460 });
    expect(t.segments[2]!.seg.options).toEqual({});
  });
  it('linux: MSS, SACK-permitted, timestamps, window scale 7; none after the handshake', () => {
    const t = simulate(scenario([listen(), connect()], { profile: 'linux' }));
    const syn = t.segments[0]!.seg;
    expect(syn.options).toMatchObject({ mss: 1460, sackPermitted: true, wscale: 7 });
    expect(syn.options.timestamps).toBeDefined();
    expect(syn.dataOffset).toBe(headerLength(syn.options) / 4);
    expect(syn.dataOffset).toBeGreaterThan(5);
    expect(t.segments[1]!.seg.options.timestamps!.tsecr).toBe(syn.options.timestamps!.tsval);
    expect(t.segments[2]!.seg.options).toEqual({});
    expect(t.segments[2]!.seg.dataOffset).toBe(5);
  });
  it('window scaling: after the handshake the window field is the receive window >> shift', () => {
    const t = simulate(scenario([listen(), connect(), call('client', 'send', { data: 10 })], { profile: 'linux', hosts: { client: { ...CLIENT, window: 1000 }, server: { ...SERVER, window: 1000 } } }));
    expect(t.segments[0]!.seg.window).toBe(1000);
    // SND.WND = window field << peer's shift.
    const ack = t.segments.find((s) => s.from === 'server' && s.n > 3)!;
    const tcbClient = t.tcbs[ack.lastEvent!]!.client!;
    expect(tcbClient.sndWnd).toBe(ack.seg.window * 2 ** 7);
  });
});

describe('TIME-WAIT and a new SYN', () => {
  // The server closes first and sits in TIME-WAIT; the client reconnects from the same port.
  const hosts = { client: { ...CLIENT, isn: 'rfc793' as const }, server: { ...SERVER } };
  const steps = [listen(), connect(), close('server'), close('client'), connect()];
  it('linux: a SYN above the old RCV.NXT ends TIME-WAIT early and opens the new connection', () => {
    const t = simulate(scenario(steps, { profile: 'linux', hosts }));
    const tw = t.events.find((e) => e.kind === 'state' && e.host === 'server' && e.from === 'TIME-WAIT')!;
    expect(tw).toMatchObject({ to: 'CLOSED', cause: { type: 'segment' } });
    expect(t.final).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
    expect(t.segments.some((s) => s.retransmission)).toBe(false);
  });
  it('rfc9293: the SYN reopens the connection from TIME-WAIT (§3.6.1 MAY-2), the ISS above the old SND.NXT', () => {
    const t = simulate(scenario(steps, { hosts }));
    expect(transitions(t, 'server')).toContain('TIME-WAIT → SYN-RECEIVED');
    expect(t.segments.some((s) => s.retransmission)).toBe(false);
    expect(t.final).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });
  it.each([
    ['rfc9293', 5002 + 128_000],
    ['linux', 5002 + 65_537],
  ] as const)('%s: the new ISS (old SND.NXT 5002, fixed ISN 5000 not larger)', (profile, iss) => {
    const t = simulate(scenario(steps, { profile, hosts }));
    expect(t.segments.filter((s) => s.from === 'server' && s.seg.flags.includes('SYN')).map((s) => s.seg.seq)).toEqual([5000, iss]);
  });
  it('rfc9293: the generator\'s ISN is kept when it is already larger than the old SND.NXT', () => {
    // rfc793 clock ISNs: 12500 at 50 ms for the first connection, 100000 at 400 ms for the reopened one.
    const t = simulate(scenario(steps, { hosts: { client: { ...CLIENT, isn: 'rfc793' }, server: { ...SERVER, isn: 'rfc793' } } }));
    expect(t.segments.filter((s) => s.from === 'server' && s.seg.flags.includes('SYN')).map((s) => [s.sentAt, s.seg.seq])).toEqual([
      [50, 12_500],
      [400, 100_000],
    ]);
  });
});

describe('ACKs answering unacceptable segments', () => {
  // Two out-of-window data segments 100 ms apart, then two out-of-window bare ACKs 100 ms apart.
  const steps = [
    ...established(),
    inject('server', 'client', ['ACK'], { seq: 4000, ack: 1001, data: 5 }),
    inject('server', 'client', ['ACK'], { seq: 4005, ack: 1001, data: 5, at: 250 }),
    inject('server', 'client', ['ACK'], { seq: 4000, ack: 1001, at: 1000 }),
    inject('server', 'client', ['ACK'], { seq: 4000, ack: 1001, at: 1100 }),
    inject('server', 'client', ['FIN', 'ACK'], { seq: 4000, ack: 1001, at: 1200 }),
  ];
  it.each(['rfc9293', 'linux'] as const)('%s: segments with data or FIN are always answered, a second bare ACK within 500 ms is not', (profile) => {
    const t = simulate(scenario(steps, { profile }));
    expect(t.segments.filter((s) => s.injected).map((s) => s.disposition)).toEqual(['answered-ack', 'answered-ack', 'answered-ack', 'ignored', 'answered-ack']);
  });
  it('linux: SYNs are rate-limited as well (tcp_oow_rate_limited)', () => {
    const t = simulate(scenario([...established(), inject('server', 'client', ['SYN'], { seq: 9000 }), inject('server', 'client', ['SYN'], { seq: 9001, at: 250 })], { profile: 'linux' }));
    expect(t.segments.filter((s) => s.injected).map((s) => s.disposition)).toEqual(['answered-challenge-ack', 'ignored']);
  });
});

describe('ABORT of an established connection', () => {
  const abortRst = (profile: Profile) => {
    const t = simulate(scenario([listen(), connect(), call('client', 'abort')], { profile }));
    const rst = t.segments[t.segments.length - 1]!;
    return { t, rst };
  };
  it('rfc9293 (§3.10.5): <SEQ=SND.NXT><CTL=RST>, and the peer is reset to CLOSED', () => {
    const { t, rst } = abortRst('rfc9293');
    expect([rst.from, rst.seg.flags.join(','), rst.seg.seq, rst.reason]).toEqual(['client', 'RST', 1001, 'rst-abort']);
    expect(t.final).toEqual({ client: 'CLOSED', server: 'CLOSED' });
  });
  it('linux (tcp_send_active_reset): RST,ACK carrying RCV.NXT, as the real stack sends it', () => {
    const { t, rst } = abortRst('linux');
    expect([rst.from, rst.seg.flags.join(','), rst.seg.seq, rst.seg.ack, rst.reason]).toEqual(['client', 'RST,ACK', 1001, 5001, 'rst-abort']);
    expect(t.final).toEqual({ client: 'CLOSED', server: 'CLOSED' });
  });
});
