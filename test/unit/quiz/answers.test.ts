import { describe, expect, it } from 'vitest';
import { FLAGS } from '../../../src/engine/types';
import { headerLength } from '../../../src/engine/wire';
import { indexAfterSegment } from '../../../src/quiz/answers';
import { computeAnswer, QuizError, revealAt, type QuestionSpec } from '../../../src/quiz/index';
import { connect, fourWayClose, handTrace, listen, run, send } from './fixtures';

const handshake = () => run([listen(), connect()]);

/** Segment n's record, looked up so tests compare with the trace instead of typing answers. */
const seg = (ctx: ReturnType<typeof run>, n: number) => ctx.trace.segments.find((r) => r.n === n)!;

describe('state questions', () => {
  it('after the SYN the server is SYN-RECEIVED, after the SYN,ACK the client is ESTABLISHED', () => {
    const ctx = handshake();
    expect(computeAnswer({ id: 'a', ask: 'state', host: 'server', after: 1 }, ctx)).toEqual({ kind: 'state', state: 'SYN-RECEIVED' });
    expect(computeAnswer({ id: 'b', ask: 'state', host: 'client', after: 2 }, ctx)).toEqual({ kind: 'state', state: 'ESTABLISHED' });
    expect(computeAnswer({ id: 'c', ask: 'state', host: 'server', after: 3 }, ctx)).toEqual({ kind: 'state', state: 'ESTABLISHED' });
  });

  it('after: 0 is the state right before the first segment is sent', () => {
    const ctx = handshake();
    expect(computeAnswer({ id: 'a', ask: 'state', host: 'server', after: 0 }, ctx)).toEqual({ kind: 'state', state: 'LISTEN' });
  });

  it('a later user call at the same instant is not part of "after segment n"', () => {
    // The server's CLOSE runs once the client's FIN-WAIT-2 has settled: after the ACK of the
    // client's FIN the server must still be CLOSE-WAIT, not LAST-ACK.
    const ctx = fourWayClose();
    const finAck = ctx.trace.segments.find((r) => r.from === 'server' && r.seg.flags.length === 1 && r.seg.flags[0] === 'ACK' && r.n > 5)!;
    expect(computeAnswer({ id: 'a', ask: 'state', host: 'server', after: finAck.n }, ctx)).toEqual({ kind: 'state', state: 'CLOSE-WAIT' });
    expect(computeAnswer({ id: 'b', ask: 'state', host: 'client', after: finAck.n }, ctx)).toEqual({ kind: 'state', state: 'FIN-WAIT-2' });
  });

  it('the active closer ends in TIME-WAIT, the passive one in CLOSED', () => {
    const ctx = fourWayClose();
    const last = ctx.trace.segments.length;
    expect(computeAnswer({ id: 'a', ask: 'state', host: 'client', after: last }, ctx)).toEqual({ kind: 'state', state: 'TIME-WAIT' });
    expect(computeAnswer({ id: 'b', ask: 'state', host: 'server', after: last }, ctx)).toEqual({ kind: 'state', state: 'CLOSED' });
  });

  it('after a lost segment: the state once it was lost (hand-built trace)', () => {
    const ctx = handTrace({ client: 'FIN-WAIT-2', server: 'LAST-ACK' }, [
      { from: 'server', to: 'client', flags: ['FIN', 'ACK'], seq: 5001, ack: 1102, states: { client: 'TIME-WAIT' } },
      { from: 'client', to: 'server', flags: ['ACK'], seq: 1102, ack: 5002, lost: true },
    ]);
    expect(computeAnswer({ id: 'a', ask: 'state', host: 'server', after: 2 }, ctx)).toEqual({ kind: 'state', state: 'LAST-ACK' });
    expect(computeAnswer({ id: 'b', ask: 'state', host: 'client', after: 2 }, ctx)).toEqual({ kind: 'state', state: 'TIME-WAIT' });
  });
});

describe('the moment "after segment n"', () => {
  it('the engine\'s lastEvent and the quiz\'s own reading of the events agree', () => {
    const ctx = fourWayClose({ faults: [{ kind: 'drop', match: { from: 'client', flags: ['ACK'], len: 0 }, nth: 'last', count: 1 }] });
    expect(ctx.trace.segments.filter((r) => r.lastEvent !== undefined).length).toBeGreaterThan(5);
    const bare = { ...ctx.trace, segments: ctx.trace.segments.map(({ lastEvent: _l, ...r }) => r) };
    for (const r of ctx.trace.segments) {
      if (r.lastEvent === undefined) continue;
      const a = indexAfterSegment(ctx.trace, r.n);
      const b = indexAfterSegment(bare, r.n);
      // The same states for every host, even if the two indices differ by events that change nothing.
      expect(ctx.trace.tcbs[b]!.client!.state, `segment ${r.n}`).toBe(ctx.trace.tcbs[a]!.client!.state);
      expect(ctx.trace.tcbs[b]!.server!.state, `segment ${r.n}`).toBe(ctx.trace.tcbs[a]!.server!.state);
    }
  });
});

describe('seq / ack questions', () => {
  it('ack of segment 2 = client ISN + 1; seq of segment 3 = client ISN + 1', () => {
    const ctx = handshake();
    const isn = ctx.trace.hosts.client!.isn!;
    expect(computeAnswer({ id: 'a', ask: 'ack', segment: 2 }, ctx)).toEqual({ kind: 'number', value: (isn + 1) >>> 0 });
    expect(computeAnswer({ id: 'b', ask: 'seq', segment: 3 }, ctx)).toEqual({ kind: 'number', value: (isn + 1) >>> 0 });
  });

  it('relative numbers are counted from the sender ISS (seq) and the sender IRS (ack), like Wireshark', () => {
    const ctx = run([listen(), connect(), send('client', 100), send('server', 30)]);
    expect(computeAnswer({ id: 'a', ask: 'seq', segment: 1, numbers: 'relative' }, ctx)).toEqual({ kind: 'number', value: 0 });
    expect(computeAnswer({ id: 'b', ask: 'ack', segment: 2, numbers: 'relative' }, ctx)).toEqual({ kind: 'number', value: 1 });
    const ackOfData = ctx.trace.segments.find((r) => r.from === 'server' && r.n > 4)!;
    expect(computeAnswer({ id: 'c', ask: 'ack', segment: ackOfData.n, numbers: 'relative' }, ctx)).toEqual({ kind: 'number', value: 101 });
  });

  it('relative numbers wrap at 2^32', () => {
    const ctx = run([listen(), connect(), send('client', 10)], {
      hosts: { client: { address: '10.0.0.1', port: 40000, isn: 0xfffffffe }, server: { address: '10.0.0.2', port: 80, isn: 5000 } },
    });
    const data = ctx.trace.segments.find((r) => r.seg.payload.length > 0)!;
    expect(data.seg.seq).toBe(0xffffffff);
    expect(computeAnswer({ id: 'a', ask: 'seq', segment: data.n, numbers: 'relative' }, ctx)).toEqual({ kind: 'number', value: 1 });
    const ack = ctx.trace.segments.find((r) => r.n > data.n && r.from === 'server')!;
    expect(computeAnswer({ id: 'b', ask: 'ack', segment: ack.n }, ctx)).toEqual({ kind: 'number', value: 9 });
  });

  it('the ack of a segment without ACK is "absent"', () => {
    const ctx = handshake();
    expect(computeAnswer({ id: 'a', ask: 'ack', segment: 1 }, ctx)).toMatchObject({ kind: 'number', absent: true });
  });

  it('a segment that does not exist throws a QuizError with a message in both languages', () => {
    const ctx = handshake();
    try {
      computeAnswer({ id: 'a', ask: 'seq', segment: 99 }, ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(QuizError);
      expect((e as QuizError).describe('en')).toMatch(/no segment 99.*3 segments/);
      expect((e as QuizError).describe('zh-cn')).toMatch(/第 99 个报文段/);
    }
  });
});

describe('flags and segment questions', () => {
  it('flags come sorted in header order', () => {
    const ctx = handshake();
    expect(computeAnswer({ id: 'a', ask: 'flags', segment: 2 }, ctx)).toEqual({ kind: 'flags', flags: ['ACK', 'SYN'] });
  });

  it('a segment question answers every asked field', () => {
    const ctx = run([listen(), connect(), send('client', 100)]);
    const rec = seg(ctx, 4);
    const a = computeAnswer({ id: 'a', ask: 'segment', segment: 4, fields: ['seq', 'ack', 'len', 'flags', 'window'] }, ctx);
    expect(a).toEqual({
      kind: 'fields',
      fields: { seq: rec.seg.seq, ack: rec.seg.ack, len: 100, flags: FLAGS.filter((f) => rec.seg.flags.includes(f)), window: rec.seg.window },
    });
  });

  it('a segment question on a SYN lists ack as absent', () => {
    const ctx = handshake();
    expect(computeAnswer({ id: 'a', ask: 'segment', segment: 1, fields: ['seq', 'ack'] }, ctx)).toMatchObject({ absent: ['ack'] });
  });
});

describe('accepted questions', () => {
  it('a SYN to a host with no listener is answered with an RST', () => {
    const ctx = run([connect()]);
    expect(computeAnswer({ id: 'a', ask: 'accepted', segment: 1 }, ctx)).toEqual({ kind: 'acceptance', value: 'rst' });
  });

  it('the RST itself is accepted (an acceptable RST resets the connection)', () => {
    const ctx = run([connect()]);
    expect(seg(ctx, 2).disposition).toBe('reset');
    expect(computeAnswer({ id: 'a', ask: 'accepted', segment: 2 }, ctx)).toEqual({ kind: 'acceptance', value: 'accepted' });
  });

  it('a FIN retransmitted into TIME-WAIT is answered with an ACK', () => {
    const ctx = fourWayClose({ faults: [{ kind: 'drop', match: { from: 'client', flags: ['ACK'], len: 0 }, nth: 'last', count: 1 }] });
    const again = ctx.trace.segments.find((r) => r.from === 'server' && r.retransmission && r.seg.flags.includes('FIN'))!;
    expect(computeAnswer({ id: 'a', ask: 'accepted', segment: again.n }, ctx)).toEqual({ kind: 'acceptance', value: 'ack' });
  });

  it('maps backlog-full to ignored and cookie-rejected to rst only when an RST was sent', () => {
    const flood = handTrace({ client: 'SYN-SENT', server: 'LISTEN' }, [{ from: 'client', to: 'server', flags: ['SYN'], seq: 1000, disposition: 'backlog-full' }]);
    expect(computeAnswer({ id: 'a', ask: 'accepted', segment: 1 }, flood)).toEqual({ kind: 'acceptance', value: 'ignored' });
    const withRst = handTrace({ client: 'ESTABLISHED', server: 'LISTEN' }, [
      { from: 'client', to: 'server', flags: ['ACK'], seq: 1001, ack: 777, disposition: 'cookie-rejected' },
      { from: 'server', to: 'client', flags: ['RST'], seq: 777, sentAt: 150, reason: 'rst-no-socket' },
    ]);
    expect(computeAnswer({ id: 'b', ask: 'accepted', segment: 1 }, withRst)).toEqual({ kind: 'acceptance', value: 'rst' });
    const silent = handTrace({ client: 'ESTABLISHED', server: 'LISTEN' }, [{ from: 'client', to: 'server', flags: ['ACK'], seq: 1001, ack: 777, disposition: 'cookie-rejected' }]);
    expect(computeAnswer({ id: 'c', ask: 'accepted', segment: 1 }, silent)).toEqual({ kind: 'acceptance', value: 'ignored' });
  });

  it('a lost segment cannot be asked about', () => {
    const ctx = handTrace({ client: 'ESTABLISHED', server: 'ESTABLISHED' }, [{ from: 'client', to: 'server', flags: ['ACK'], seq: 1001, ack: 5001, lost: true }]);
    expect(() => computeAnswer({ id: 'a', ask: 'accepted', segment: 1 }, ctx)).toThrow(/lost/);
  });
});

describe('number questions', () => {
  const ctx = handshake();
  const num = (q: Partial<Extract<QuestionSpec, { ask: 'number' }>>, c = ctx) =>
    computeAnswer({ id: 'n', ask: 'number', topic: 'segment-count', ...q } as QuestionSpec, c);

  it('header length and data offset follow the wire encoder', () => {
    const options = { mss: 1460, wscale: 7, sackPermitted: true, timestamps: { tsval: 1, tsecr: 0 } };
    expect(num({ topic: 'header-length', options })).toEqual({ kind: 'number', value: headerLength(options) });
    expect(num({ topic: 'data-offset', options })).toEqual({ kind: 'number', value: headerLength(options) / 4 });
    expect(num({ topic: 'header-length' })).toEqual({ kind: 'number', value: 20 });
  });

  it('effective window = window << wscale', () => {
    expect(num({ topic: 'effective-window', window: 1000, wscale: 3 })).toEqual({ kind: 'number', value: 8000 });
  });

  it('TIME-WAIT: 2 × the question MSL, else 2 × the scenario MSL, else the profile', () => {
    expect(num({ topic: 'time-wait', msl: 1500 })).toEqual({ kind: 'number', value: 3000 });
    expect(num({ topic: 'time-wait' }, run([listen(), connect()], { network: { latency: 50, msl: 10_000 } }))).toEqual({ kind: 'number', value: 20_000 });
    expect(num({ topic: 'time-wait' })).toEqual({ kind: 'number', value: 240_000 });
    expect(num({ topic: 'time-wait' }, run([listen(), connect()], { profile: 'linux' }))).toEqual({ kind: 'number', value: 60_000 });
  });

  it('TIME-WAIT agrees with the timer the engine sets', () => {
    const c = fourWayClose({ network: { latency: 50, msl: 7000 } });
    const set = c.trace.events.find((e) => e.kind === 'timer' && e.timer === 'time-wait' && e.action === 'set');
    expect(set && set.kind === 'timer' ? set.expiresAt! - set.t : null).toBe((num({ topic: 'time-wait' }, c) as { value: number }).value);
  });

  it('segment-count and close-segments count the trace', () => {
    const c = fourWayClose();
    expect(num({ topic: 'segment-count' }, c)).toEqual({ kind: 'number', value: c.trace.segments.length });
    expect(num({ topic: 'close-segments' }, c)).toEqual({ kind: 'number', value: 4 });
    expect(() => num({ topic: 'close-segments' })).toThrow(QuizError);
  });

  it('next-isn is the ISN of the host\'s last SYN, revealed just before it', () => {
    const c = run([listen(), connect('c1'), connect('c2')], {
      hosts: {
        server: { address: '10.0.0.2', port: 513, isn: 'plus128000' },
        c1: { address: '10.0.1.1', port: 1001, isn: 1 },
        c2: { address: '10.0.1.2', port: 1002, isn: 2 },
      },
    });
    const q: QuestionSpec = { id: 'n', ask: 'number', topic: 'next-isn', host: 'server' };
    const synAcks = c.trace.segments.filter((r) => r.from === 'server' && r.seg.flags.includes('SYN'));
    expect(synAcks).toHaveLength(2);
    expect(computeAnswer(q, c)).toEqual({ kind: 'number', value: synAcks[1]!.seg.seq });
    expect(revealAt(q, c)).toBe(synAcks[1]!.n - 1);
  });
});

describe('choice and revealAt', () => {
  it('a choice question answers the author\'s index', () => {
    expect(computeAnswer({ id: 'c', ask: 'choice', choices: ['a', 'b'], answer: 1 }, handshake())).toEqual({ kind: 'choice', index: 1 });
  });

  it('reveals up to the question: state → after, segment kinds → segment − 1, choice → 0', () => {
    expect(revealAt({ id: 'a', ask: 'state', host: 'client', after: 4 })).toBe(4);
    expect(revealAt({ id: 'a', ask: 'ack', segment: 4 })).toBe(3);
    expect(revealAt({ id: 'a', ask: 'segment', segment: 1, fields: ['seq'] })).toBe(0);
    expect(revealAt({ id: 'a', ask: 'accepted', segment: 6 })).toBe(5);
    expect(revealAt({ id: 'a', ask: 'choice', choices: ['x'], answer: 0 })).toBe(0);
    const c = fourWayClose();
    const firstFin = c.trace.segments.find((r) => r.seg.flags.includes('FIN'))!;
    expect(revealAt({ id: 'a', ask: 'number', topic: 'close-segments' }, c)).toBe(firstFin.n - 1);
  });
});

describe('relative numbers', () => {
  it('a relative seq/ack question is graded on the numbers the diagram shows, in every built-in scenario', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { loadExercise } = await import('../../../src/exercise/index');
    const { simulate } = await import('../../../src/engine/index');
    const { displayNumbers } = await import('../../../src/render/labels');
    let compared = 0;
    for (const dir of ['lessons', 'examples']) {
      for (const f of readdirSync(new URL(`../../../${dir}/`, import.meta.url)).filter((x) => x.endsWith('.tcp.yaml'))) {
        const { exercise } = loadExercise(readFileSync(new URL(`../../../${dir}/${f}`, import.meta.url), 'utf8'), f);
        if (!exercise) continue;
        const ctx = { trace: simulate(exercise.scenario), scenario: exercise.scenario };
        for (const rec of ctx.trace.segments) {
          const shown = displayNumbers(rec, ctx.trace, 'relative');
          const seq = computeAnswer({ id: 's', ask: 'seq', segment: rec.n, numbers: 'relative' }, ctx);
          expect(seq, `${f} #${rec.n}`).toEqual({ kind: 'number', value: shown.seq });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
  });
});
