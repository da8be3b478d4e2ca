/** End-to-end scenarios: what a learner watches in the diagram, checked segment by segment. */
import { describe, expect, it } from 'vitest';
import { nextIsnPrediction, simulate, type Step } from '../../../src/engine/index';
import { CLIENT, SERVER, call, close, connect, fault, inject, listen, scenario, send, sentBy, stateAfter, text, transitions, wait } from './helpers';

const crash = (host: string): Step => call(host, 'crash');
const reboot = (host: string): Step => call(host, 'reboot');

describe('three-way handshake', () => {
  it('SYN, SYN-ACK, ACK with the RFC numbers; both ESTABLISHED', () => {
    const t = simulate(scenario([listen(), connect()]));
    expect(t.segments.map((s) => [s.from, s.seg.flags.join(','), s.seg.seq, s.seg.ack])).toEqual([
      ['client', 'SYN', 1000, 0],
      ['server', 'SYN,ACK', 5000, 1001],
      ['client', 'ACK', 1001, 5001],
    ]);
    expect(t.final).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
    expect(t.hosts.client!.isn).toBe(1000);
    expect(t.segments.every((s) => s.arrivedAt === s.sentAt + 50)).toBe(true);
  });
});

describe('four-way close', () => {
  it('FIN, ACK, FIN, ACK: the side that closes first ends in TIME-WAIT', () => {
    const t = simulate(scenario([listen(), connect(), close('client'), close('server')]));
    const close4 = t.segments.slice(3);
    expect(close4.map((s) => [s.from, s.seg.flags.join(','), s.seg.seq, s.seg.ack])).toEqual([
      ['client', 'FIN,ACK', 1001, 5001],
      ['server', 'ACK', 5001, 1002],
      ['server', 'FIN,ACK', 5001, 1002],
      ['client', 'ACK', 1002, 5002],
    ]);
    expect(transitions(t, 'client').slice(-3)).toEqual(['ESTABLISHED → FIN-WAIT-1', 'FIN-WAIT-1 → FIN-WAIT-2', 'FIN-WAIT-2 → TIME-WAIT']);
    expect(transitions(t, 'server').slice(-3)).toEqual(['ESTABLISHED → CLOSE-WAIT', 'CLOSE-WAIT → LAST-ACK', 'LAST-ACK → CLOSED']);
    expect(t.final).toEqual({ client: 'TIME-WAIT', server: 'CLOSED' });
  });
});

describe('half-close', () => {
  it('data keeps flowing from the side that has not closed', () => {
    const t = simulate(scenario([listen(), connect(), send('client', 'request'), close('client'), send('server', 3000), close('server')]));
    expect(text(t.received.server!)).toBe('request');
    expect(t.received.client).toEqual(t.sent.server);
    expect(t.received.client).toHaveLength(3000);
    // 3000 bytes in MSS-sized segments while the client sits in FIN-WAIT-2.
    const data = sentBy(t, 'server').filter((s) => s.seg.payload.length > 0);
    expect(data.map((s) => s.seg.payload.length)).toEqual([1460, 1460, 80]);
    for (const d of data) expect(stateAfter(t, d.n, 'client')).toBe('FIN-WAIT-2');
    expect(t.final).toEqual({ client: 'TIME-WAIT', server: 'CLOSED' });
  });
});

describe('half-open connection', () => {
  it('a crashed and rebooted server answers the old connection with RST; the client resets', () => {
    const t = simulate(scenario([listen(), connect(), crash('server'), reboot('server'), send('client', 10)]));
    const data = t.segments.find((s) => s.seg.payload.length > 0)!;
    const rst = t.segments.find((s) => s.n > data.n && s.from === 'server')!;
    expect(rst.reason).toBe('rst-half-open');
    // The data carried ACK 5001, so the RST is <SEQ=SEG.ACK><CTL=RST>.
    expect([rst.seg.flags, rst.seg.seq]).toEqual([['RST'], 5001]);
    expect(rst.disposition).toBe('reset');
    expect(t.final).toEqual({ client: 'CLOSED', server: 'CLOSED' });
    expect(t.errors.map((e) => e.error)).toContain('connection reset');
    // The crash itself sends nothing.
    expect(t.segments.filter((s) => s.sentAt < data.sentAt)).toHaveLength(3);
  });
});

describe('simultaneous open', () => {
  it.each(['rfc9293', 'linux'] as const)('%s: two SYNs cross: four segments, both ends via SYN-RECEIVED to ESTABLISHED', (profile) => {
    const t = simulate(scenario([connect('client', 'server', 0), connect('server', 'client', 0)], { profile }));
    expect(t.segments).toHaveLength(4);
    expect(t.segments.map((s) => s.seg.flags.join(','))).toEqual(['SYN', 'SYN', 'SYN,ACK', 'SYN,ACK']);
    for (const h of ['client', 'server']) expect(transitions(t, h)).toEqual(['CLOSED → SYN-SENT', 'SYN-SENT → SYN-RECEIVED', 'SYN-RECEIVED → ESTABLISHED']);
    const fromClient = t.segments.slice(2).find((s) => s.from === 'client')!;
    const fromServer = t.segments.slice(2).find((s) => s.from === 'server')!;
    expect([fromClient.seg.seq, fromClient.seg.ack]).toEqual([1000, 5001]);
    expect([fromServer.seg.seq, fromServer.seg.ack]).toEqual([5000, 1001]);
    expect(t.final).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });
});

describe('simultaneous close', () => {
  it.each(['rfc9293', 'linux'] as const)('%s: two FINs cross: both via CLOSING to TIME-WAIT', (profile) => {
    // Both CLOSE calls at 200 ms (the handshake is done at 150 ms): the FINs cross.
    const t = simulate(scenario([listen(), connect(), close('client', 200), close('server', 200)], { profile }));
    expect(t.segments.slice(3).map((s) => s.seg.flags.join(','))).toEqual(['FIN,ACK', 'FIN,ACK', 'ACK', 'ACK']);
    for (const h of ['client', 'server']) expect(transitions(t, h).slice(-3)).toEqual(['ESTABLISHED → FIN-WAIT-1', 'FIN-WAIT-1 → CLOSING', 'CLOSING → TIME-WAIT']);
    expect(t.final).toEqual({ client: 'TIME-WAIT', server: 'TIME-WAIT' });
  });
});

describe('RST for no socket', () => {
  it('a SYN to a port nobody listens on gets <SEQ=0><ACK=ISS+1><CTL=RST,ACK>; the connect fails', () => {
    const t = simulate(scenario([connect()]));
    const rst = t.segments[1]!;
    expect([rst.from, rst.seg.flags.join(','), rst.seg.seq, rst.seg.ack, rst.reason]).toEqual(['server', 'RST,ACK', 0, 1001, 'rst-no-socket']);
    expect(t.final.client).toBe('CLOSED');
    expect(t.errors).toEqual([{ t: 100, host: 'client', call: 'connect', error: 'connection reset' }]);
  });

  it('another port on a host\'s address is not that host: the trace names it address:port', () => {
    // Spoofed from the client's address but not its port, to a port the server does not use.
    const t = simulate(scenario([listen(), inject('10.0.0.1:40001', '10.0.0.2:81', ['SYN'], { seq: 7 })]));
    const [syn, rst] = t.segments;
    expect([syn!.from, syn!.to]).toEqual(['10.0.0.1:40001', '10.0.0.2:81']);
    expect([rst!.from, rst!.to, rst!.seg.flags.join(',')]).toEqual(['10.0.0.2:81', '10.0.0.1:40001', 'RST,ACK']);
  });

  it('a segment to an address no host owns is dropped (no-host)', () => {
    const t = simulate(scenario([inject('client', '10.9.9.9:80', ['SYN'], { seq: 1 })]));
    expect(t.events.find((e) => e.kind === 'drop')).toMatchObject({ n: 1, why: 'no-host' });
    expect(t.segments[0]!.arrivedAt).toBeNull();
  });
});

describe('lost final ACK', () => {
  it('nth: last still drops the final ACK when another fault adds a match (a duplicate draws one more ACK)', () => {
    const steps = [listen(), connect(), send('server', 50), close('client'), close('server'), wait(2000)];
    const dropLast = fault('drop', { from: 'client', flags: ['ACK'], len: 0 }, 'last');
    const t = simulate(scenario(steps, { faults: [fault('duplicate', { from: 'server', flags: ['PSH', 'ACK'] }), dropLast] }));
    const lost = t.segments.find((r) => r.fate === 'dropped')!;
    // The dropped one acknowledges the server's FIN (the last ACK of the close), not the data.
    const serverFin = t.segments.find((r) => r.from === 'server' && r.seg.flags.includes('FIN'))!;
    expect(lost.seg.ack).toBe((serverFin.seg.seq + 1) >>> 0);
    expect(transitions(t, 'server')).toContain('LAST-ACK → CLOSED');
    expect(t.segments.filter((r) => r.from === 'server' && r.seg.flags.includes('FIN')).length).toBe(2); // the FIN retransmitted
  });

  it('the side that closed second retransmits its FIN from LAST-ACK; TIME-WAIT acknowledges it again', () => {
    const t = simulate(
      scenario([listen(), connect(), close('client'), close('server')], { faults: [fault('drop', { from: 'client', flags: ['ACK'], len: 0 }, 'last')] }),
    );
    const lost = t.segments.find((s) => s.fate === 'dropped')!;
    expect([lost.seg.seq, lost.seg.ack]).toEqual([1002, 5002]);
    expect(stateAfter(t, lost.n, 'server')).toBe('LAST-ACK');
    const refin = t.segments.find((s) => s.retransmission)!;
    expect([refin.from, refin.seg.flags.join(','), refin.seg.seq]).toEqual(['server', 'FIN,ACK', 5001]);
    expect(refin.sentAt - t.segments.find((s) => s.from === 'server' && s.seg.flags.includes('FIN'))!.sentAt).toBe(1000);
    const reack = t.segments[refin.n]!;
    expect([reack.from, reack.reason, reack.seg.ack]).toEqual(['client', 'time-wait-ack', 5002]);
    expect(stateAfter(t, refin.n, 'client')).toBe('TIME-WAIT');
    expect(t.final).toEqual({ client: 'TIME-WAIT', server: 'CLOSED' });
  });
});

describe('old duplicate and a new incarnation', () => {
  // A data segment ("OLD", sent at 150 ms) wanders in the network for 5 s and arrives at 5.2 s; the
  // client retransmits it meanwhile. The connection closes at 1.5-1.8 s; the client reconnects
  // from the same port with the same ISNs. Timed steps, so the close does not wait for the straggler.
  const faults = [fault('delay', { from: 'client', len: 3 }, 1, 1, 5000)];
  const steps = (reconnectAt: number): Step[] => [listen(), connect(), send('client', 'OLD'), close('client', 1500), close('server', 1700), connect('client', 'server', 4500), connect('client', 'server', reconnectAt)];

  it('TIME-WAIT cut short (MSL 1 s, less than the delay): the old segment is accepted as new data', () => {
    const t = simulate(scenario(steps(4600), { msl: 1000, faults }));
    const old = t.segments.find((s) => s.seg.payload.length === 3)!;
    expect(old.arrivedAt).toBe(5200);
    expect(old.disposition).toBe('accepted');
    expect(text(t.sent.client!)).toBe('OLD');
    // The new incarnation's stream is corrupted by the previous one's byte.
    expect(text(t.received.server!)).toBe('OLDOLD');
  });

  it('with the full 2MSL wait (MSL 6 s) the reconnect is refused during TIME-WAIT and the duplicate dies', () => {
    const t = simulate(scenario(steps(14_000), { msl: 6000, faults }));
    expect(t.errors[0]).toMatchObject({ t: 4500, call: 'connect', error: 'connection already exists' });
    const old = t.segments.find((s) => s.seg.payload.length === 3)!;
    expect(old.disposition).toBe('answered-rst');
    expect(text(t.received.server!)).toBe('OLD');
    expect(t.final).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });
});

describe('SYN flood', () => {
  const flood: Step[] = [0, 1, 2, 3].map((i) => inject(`10.6.6.${i}:${1000 + i}`, 'server', ['SYN'], { seq: 100 * i }));
  const hosts = (syncookies: boolean) => ({ client: { ...CLIENT }, server: { ...SERVER, backlog: 4, syncookies } });

  it('spoofed SYNs fill the backlog; the legitimate client is dropped (backlog-full) and never connects', () => {
    const t = simulate(scenario([listen(), ...flood, connect('client', 'server', 10)], { hosts: hosts(false) }));
    const clientSyns = sentBy(t, 'client').filter((s) => s.seg.flags.includes('SYN'));
    expect(clientSyns[0]!.disposition).toBe('backlog-full');
    expect(clientSyns.length).toBeGreaterThan(3);
    expect(clientSyns.every((s) => s.disposition === 'backlog-full')).toBe(true);
    expect(transitions(t, 'client')).not.toContain('SYN-SENT → ESTABLISHED');
    expect(t.final.client).toBe('CLOSED');
    // SYN,ACKs to the spoofed addresses go nowhere and are retransmitted.
    expect(t.segments.some((s) => s.reason === 'retransmission' && s.from === 'server')).toBe(true);
  });

  it('with SYN cookies the client still connects and its data arrives', () => {
    const t = simulate(scenario([listen(), ...flood, connect('client', 'server', 10), send('client', 'hi')], { hosts: hosts(true) }));
    const cookie = t.segments.find((s) => s.reason === 'syn-cookie')!;
    expect(cookie.to).toBe('client');
    expect(transitions(t, 'server')).toContain('LISTEN → ESTABLISHED');
    expect(t.final.client).toBe('ESTABLISHED');
    expect(text(t.received.server!)).toBe('hi');
  });

  it('a forged cookie is rejected with RST', () => {
    const t = simulate(
      scenario([listen(), inject('10.6.6.6:999', 'server', ['ACK'], { seq: 77, ack: 123456 })], { hosts: { client: { ...CLIENT }, server: { ...SERVER, backlog: 0, syncookies: true } } }),
    );
    expect(t.segments[0]!.disposition).toBe('cookie-rejected');
    expect([t.segments[1]!.seg.flags, t.segments[1]!.seg.seq]).toEqual([['RST'], 123456]);
    expect(t.final.server).toBe('LISTEN');
  });

  it('a stale cookie (handshake ACK lost, data minutes later) is rejected and the client reset', () => {
    const t = simulate(
      scenario([listen(), connect(), wait(200_000), send('client', 'late')], {
        hosts: { client: { ...CLIENT }, server: { ...SERVER, backlog: 0, syncookies: true } },
        faults: [fault('drop', { from: 'client', flags: ['ACK'], len: 0 })],
      }),
    );
    const data = t.segments.find((s) => s.seg.payload.length > 0)!;
    expect(data.disposition).toBe('cookie-rejected');
    expect(t.final.client).toBe('CLOSED');
  });
});

describe('ISN prediction', () => {
  // Three SYNs from an off-path prober, a second apart, from different ports.
  const probes = (): Step[] => [0, 1000, 2000].map((at, i) => inject(`10.6.6.6:${2000 + i}`, 'server', ['SYN'], { seq: 1, at }));

  it('plus128000: successive ISNs step by a constant, so the next one is predictable', () => {
    const t = simulate(scenario([listen(), ...probes()], { hosts: { client: { ...CLIENT }, server: { ...SERVER, isn: 'plus128000' } } }));
    const isns = t.segments.filter((s) => s.reason === 'syn-ack').map((s) => s.seg.seq);
    expect(isns).toHaveLength(3);
    // Each probe saw the same step, so the attacker's guess for the next connection is exact.
    expect((isns[2]! - isns[1]!) >>> 0).toBe((isns[1]! - isns[0]!) >>> 0);
    expect(nextIsnPrediction(isns.slice(0, 2))).toBe(isns[2]);
  });

  it('rfc6528: the same probes do not predict the next ISN', () => {
    const t = simulate(scenario([listen(), ...probes()], { hosts: { client: { ...CLIENT }, server: { ...SERVER, isn: 'rfc6528' } } }));
    const isns = t.segments.filter((s) => s.reason === 'syn-ack').map((s) => s.seg.seq);
    expect(nextIsnPrediction(isns.slice(0, 2))).not.toBe(isns[2]);
  });
});

describe('faults', () => {
  it('drop: the SYN is lost and retransmitted after 1 s', () => {
    const t = simulate(scenario([listen(), connect()], { faults: [fault('drop', { flags: ['SYN'] })] }));
    expect(t.segments[0]!.fate).toBe('dropped');
    expect(t.events).toContainEqual({ kind: 'drop', t: 0, n: 1, why: 'fault' });
    expect([t.segments[1]!.sentAt, t.segments[1]!.retransmission]).toEqual([1000, true]);
    expect(t.final.client).toBe('ESTABLISHED');
  });

  it('duplicate: a second copy with its own number; the receiver answers it as old', () => {
    const t = simulate(scenario([listen(), connect(), send('client', 5)], { faults: [fault('duplicate', { from: 'client', len: 5 })] }));
    const dup = t.segments.find((s) => s.fate === 'duplicate')!;
    expect(dup.duplicateOf).toBe(dup.n - 1);
    expect(dup.reason).toBe('duplicate');
    expect(dup.disposition).toBe('answered-ack');
    expect(t.received.server).toEqual(t.sent.client);
  });

  it('reorder: two data segments swap on the way; the early one is held until the gap fills', () => {
    const t = simulate(scenario([listen(), connect(), send('client', 3000)], { faults: [fault('reorder', { from: 'client', len: 1460 })] }));
    const [a, b] = t.segments.filter((s) => s.from === 'client' && s.seg.payload.length > 0);
    expect(a!.arrivedAt!).toBeGreaterThanOrEqual(b!.arrivedAt!);
    expect(t.segments.findIndex((s) => s === b)).toBeGreaterThan(t.segments.findIndex((s) => s === a));
    // The second segment arrived above RCV.NXT: a duplicate ACK of the first byte, no loss.
    const dupAck = t.segments.find((s) => s.from === 'server' && s.seg.ack === a!.seg.seq)!;
    expect(dupAck).toBeDefined();
    expect(t.segments.some((s) => s.retransmission)).toBe(false);
    expect(t.received.server).toEqual(t.sent.client);
  });

  it('nth and count select which matches a fault hits', () => {
    const t = simulate(scenario([listen(), connect(), send('client', 1), send('client', 1), send('client', 1), send('client', 1)], { faults: [fault('drop', { from: 'client', len: 1 }, 2, 2)] }));
    const firsts = t.segments.filter((s) => s.from === 'client' && s.seg.payload.length === 1 && !s.retransmission);
    expect(firsts.map((s) => s.fate)).toEqual(['delivered', 'dropped', 'delivered', 'delivered']);
    expect(t.segments.filter((s) => s.fate === 'dropped')).toHaveLength(2);
    expect(t.received.server).toEqual(t.sent.client);
  });

  it('latency per direction', () => {
    const t = simulate(scenario([listen(), connect()], { latency: { 'client->server': 10, 'server->client': 90 } }));
    expect(t.segments.map((s) => s.arrivedAt! - s.sentAt)).toEqual([10, 90, 10]);
  });
});

describe('lost handshake segments', () => {
  it('a lost SYN,ACK: the server retransmits it (syn-ack-retransmission), the client completes the handshake', () => {
    const t = simulate(scenario([listen(), connect()], { faults: [fault('drop', { from: 'server', flags: ['ACK', 'SYN'] })] }));
    const again = t.segments.find((s) => s.retransmission && s.from === 'server')!;
    expect([again.seg.seq, again.seg.ack]).toEqual([5000, 1001]);
    expect(t.events).toContainEqual(expect.objectContaining({ kind: 'timer', host: 'server', timer: 'syn-ack-retransmission', action: 'fired' }));
    expect(t.final).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });

  it('a lost handshake ACK: the retransmitted SYN,ACK is old to the client, which ACKs it again', () => {
    const t = simulate(scenario([listen(), connect()], { faults: [fault('drop', { from: 'client', flags: ['ACK'], len: 0 })] }));
    const again = t.segments.find((s) => s.retransmission && s.from === 'server')!;
    expect(again.disposition).toBe('answered-ack');
    expect(t.final).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });

  it('data arriving before the handshake ACK completes the server side (ACK on the data)', () => {
    // The client is ESTABLISHED at 100 ms and sends at 120 ms, before the server retransmits its SYN,ACK.
    const t = simulate(scenario([listen(), connect('client', 'server', 0), send('client', 'early', 120)], { faults: [fault('drop', { from: 'client', flags: ['ACK'], len: 0 })] }));
    const data = t.segments.find((s) => s.seg.payload.length > 0)!;
    expect(transitions(t, 'server')).toContain('SYN-RECEIVED → ESTABLISHED');
    expect(t.events.find((e) => e.kind === 'state' && e.to === 'ESTABLISHED' && e.host === 'server')).toMatchObject({ cause: { type: 'segment', n: data.n } });
    expect(text(t.received.server!)).toBe('early');
  });
});

describe('trace shape', () => {
  it('an injected segment is flagged; a network copy has a duplicate event and no send event', () => {
    const t = simulate(scenario([listen(), inject('10.6.6.6:1', 'server', ['SYN'], { seq: 9 })], { faults: [fault('duplicate', { from: '10.6.6.6:1' })] }));
    expect(t.segments[0]).toMatchObject({ injected: true, reason: 'injected', from: '10.6.6.6:1', to: 'server' });
    const dup = t.segments.find((s) => s.fate === 'duplicate')!;
    expect(t.events.filter((e) => e.kind === 'send' && e.n === dup.n)).toHaveLength(0);
    expect(t.events).toContainEqual({ kind: 'duplicate', t: 0, n: dup.n, of: 1 });
  });

  it('lastEvent points after the effects of a segment: deliver first, then the state change and the reply', () => {
    const t = simulate(scenario([listen(), connect()]));
    const rec = t.segments[1]!;
    const deliver = t.events.findIndex((e) => e.kind === 'deliver' && e.n === 2);
    expect(t.tcbs[deliver]!.client!.state).toBe('SYN-SENT');
    expect(rec.lastEvent!).toBeGreaterThan(deliver);
    expect(t.tcbs[rec.lastEvent!]!.client!.state).toBe('ESTABLISHED');
    expect(t.events.slice(deliver, rec.lastEvent! + 1).map((e) => e.kind)).toContain('send');
  });

  it('events are ordered by time', () => {
    const t = simulate(scenario([listen(), connect(), send('client', 5000), close('client'), close('server'), wait(300_000)]));
    for (let i = 1; i < t.events.length; i++) expect(t.events[i]!.t).toBeGreaterThanOrEqual(t.events[i - 1]!.t);
  });
});
