import { describe, expect, it } from 'vitest';
import { compareExpect, computeAnswer, explain, formatAnswer, hints, promptFor, type QuestionSpec } from '../../../src/quiz/index';
import { connect, fourWayClose, listen, run, send } from './fixtures';

const handshake = () => run([listen(), connect()]);
const seg = (ctx: ReturnType<typeof run>, n: number) => ctx.trace.segments.find((r) => r.n === n)!;

describe('explain', () => {
  it('an ack explanation names the SYN, its seq and the result', () => {
    const ctx = handshake();
    const syn = seg(ctx, 1);
    const text = explain({ id: 'q', ask: 'ack', segment: 2 }, ctx, 'en');
    expect(text).toContain(`ack = ${syn.seg.seq + 1}`);
    expect(text).toContain(`Segment 1 had seq ${syn.seg.seq}`);
    expect(text).toMatch(/SYN consumes one sequence number/);
    expect(explain({ id: 'q', ask: 'ack', segment: 2 }, ctx, 'zh-cn')).toContain(`确认号 = ${syn.seg.seq + 1}`);
  });

  it('a data ack explanation adds the data length', () => {
    const ctx = run([listen(), connect(), send('client', 100)]);
    const data = ctx.trace.segments.find((r) => r.seg.payload.length === 100)!;
    const ack = ctx.trace.segments.find((r) => r.n > data.n && r.from === 'server')!;
    expect(explain({ id: 'q', ask: 'ack', segment: ack.n }, ctx, 'en')).toContain(`${data.seg.seq} + 100 = ${data.seg.seq + 100}`);
  });

  it('a state explanation cites the segment that caused the change and the TCB', () => {
    const ctx = fourWayClose();
    const fin = ctx.trace.segments.find((r) => r.from === 'client' && r.seg.flags.includes('FIN'))!;
    const ackOfFin = seg(ctx, fin.n + 1);
    const text = explain({ id: 'q', ask: 'state', host: 'client', after: ackOfFin.n }, ctx, 'en');
    expect(text).toContain('from FIN-WAIT-1 to FIN-WAIT-2');
    expect(text).toContain(`#${ackOfFin.n}`);
    expect(text).toContain(`(ack ${ackOfFin.seg.ack})`);
    expect(text).toMatch(/SND\.NXT=\d+/);
  });

  it('a listener\'s story is its own, not a half-open child\'s', () => {
    const ctx = run([listen(), { kind: 'inject', from: '192.0.2.9:666', to: 'server', flags: ['SYN'], seq: 1 }]);
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'server', after: 1 };
    expect(computeAnswer(q, ctx)).toEqual({ kind: 'state', state: 'LISTEN' });
    const text = explain(q, ctx, 'en');
    expect(text).toContain('from CLOSED to LISTEN');
    expect(text).not.toContain('SYN-RECEIVED');
  });

  it('says when the segment asked about did not change the state', () => {
    const ctx = run([listen(), connect(), send('client', 10)]);
    const data = ctx.trace.segments.find((r) => r.seg.payload.length === 10)!;
    const text = explain({ id: 'q', ask: 'state', host: 'server', after: data.n }, ctx, 'en');
    expect(text).toMatch(new RegExp(`^Segment ${data.n} does not change server's state: it is still ESTABLISHED\\.`));
    expect(text).toContain('from SYN-RECEIVED to ESTABLISHED');
  });

  it('an ABORT explains the RST and the missing TIME-WAIT', () => {
    const ctx = run([listen(), connect(), { kind: 'call', host: 'client', call: 'abort' }]);
    const rst = ctx.trace.segments.find((r) => r.seg.flags.includes('RST'))!;
    const text = explain({ id: 'q', ask: 'state', host: 'client', after: rst.n }, ctx, 'en');
    expect(text).toMatch(/ABORT call\. ABORT \(RFC 9293 §3\.10\.5\) sends an RST/);
    // RFC 9293 contradicts itself here (§3.5.2 vs §3.10.5): the explanation says which rule is modelled.
    expect(text).toContain('§3.5.2 suggests that the side issuing a reset enter TIME-WAIT; neither this model nor Linux does.');
  });

  it('a TIME-WAIT explanation gives this scenario\'s 2MSL', () => {
    const ctx = fourWayClose({ network: { latency: 50, msl: 15_000 } });
    const text = explain({ id: 'q', ask: 'state', host: 'client', after: ctx.trace.segments.length }, ctx, 'en');
    expect(text).toMatch(/TIME-WAIT/);
    expect(text).toContain('30 s');
  });

  it('an accepted explanation names the RFC 9293 §3.10.7 check', () => {
    const noListener = run([connect()]);
    expect(explain({ id: 'q', ask: 'accepted', segment: 1 }, noListener, 'en')).toMatch(/§3\.10\.7\.1/);
    const tw = fourWayClose({ faults: [{ kind: 'drop', match: { from: 'client', flags: ['ACK'], len: 0 }, nth: 'last', count: 1 }] });
    const again = tw.trace.segments.find((r) => r.retransmission && r.seg.flags.includes('FIN'))!;
    expect(explain({ id: 'q', ask: 'accepted', segment: again.n }, tw, 'en')).toMatch(/TIME-WAIT.*retransmitted FIN.*§3\.10\.7\.4/);
  });

  it('an RST seq explanation follows the reset-generation rule', () => {
    const ctx = run([connect()]);
    expect(explain({ id: 'q', ask: 'seq', segment: 2 }, ctx, 'en')).toMatch(/seq = 0.*<SEQ=0><ACK=SEG\.SEQ\+SEG\.LEN><CTL=RST,ACK>/);
  });

  it('the author\'s explain follows the generated one', () => {
    const ctx = handshake();
    const text = explain({ id: 'q', ask: 'flags', segment: 2, explain: { en: 'Author words.', 'zh-cn': '作者的话。' } }, ctx, 'zh-cn');
    expect(text.endsWith('作者的话。')).toBe(true);
    expect(text).toMatch(/第 2 个报文段/);
  });
});

describe('hints', () => {
  it('for a seq: the concept, then the segment it continues from, never the answer itself', () => {
    const ctx = handshake();
    const h = hints({ id: 'q', ask: 'seq', segment: 3 }, ctx, 'en');
    expect(h).toHaveLength(2);
    const syn = seg(ctx, 1);
    expect(h[1]).toBe(`The last segment client sent that used sequence numbers was #1: seq=${syn.seg.seq}, SYN, 0 data bytes.`);
    expect(h.join(' ')).not.toContain(String(seg(ctx, 3).seg.seq));
  });

  it('for an ack: the last segment received from the peer, never the answer itself', () => {
    const ctx = handshake();
    const h = hints({ id: 'q', ask: 'ack', segment: 3 }, ctx, 'en');
    const synAck = seg(ctx, 2);
    expect(h[1]).toBe(`The last segment client received from server that used sequence numbers was #2: seq=${synAck.seg.seq}, SYN, ACK, 0 data bytes.`);
    expect(h.join(' ')).not.toContain(String(seg(ctx, 3).seg.ack));
    // Nothing received yet: the hint says so (the first SYN has no ack at all).
    expect(hints({ id: 'q', ask: 'ack', segment: 1 }, ctx, 'en')[1]).toBe('Has client received anything from server yet?');
  });

  it('a state hint names the state before only when the segment changes it (otherwise it is the answer)', () => {
    const ctx = handshake();
    // After #1 the server moves LISTEN → SYN-RECEIVED: "before it, LISTEN" is a fair hint.
    expect(hints({ id: 'q', ask: 'state', host: 'server', after: 1 }, ctx, 'en')[1]).toMatch(/^Before it, server was in LISTEN/);
    // After #1 the client is still SYN-SENT: the hint gives its numbers, not the state's name.
    const client = hints({ id: 'q', ask: 'state', host: 'client', after: 1 }, ctx, 'en');
    expect(client.join(' ')).not.toContain('SYN-SENT');
  });

  it('the author\'s hints win', () => {
    expect(hints({ id: 'q', ask: 'seq', segment: 3, hints: [{ en: 'Think.', 'zh-cn': '想一想。' }] }, handshake(), 'zh-cn')).toEqual(['想一想。']);
  });
});

describe('promptFor and formatAnswer', () => {
  it('generates a prompt naming the segment and its direction', () => {
    const ctx = handshake();
    expect(promptFor({ id: 'q', ask: 'ack', segment: 3 }, ctx, 'en')).toMatch(/^What is the acknowledgment number of segment 3 \(client → server, ACK\)\?/);
    expect(promptFor({ id: 'q', ask: 'ack', segment: 3 }, ctx, 'zh-cn')).toMatch(/^第 3 个报文段（client → server，ACK）的确认号是多少？/);
    expect(promptFor({ id: 'q', ask: 'state', host: 'server', after: 1, prompt: 'Mine?' }, ctx, 'en')).toBe('Mine?');
  });

  it('an accepted prompt shows the segment and the receiver\'s state (the segment is not drawn yet)', () => {
    const ctx = run([connect()]);
    expect(promptFor({ id: 'q', ask: 'accepted', segment: 1 }, ctx, 'en')).toMatch(/#1 client → server \[SYN\] seq=1000.*arrives at server/);
  });

  it('formats every kind', () => {
    const ctx = handshake();
    const f = (q: QuestionSpec, lang: 'en' | 'zh-cn' = 'en') => formatAnswer(q, computeAnswer(q, ctx), ctx, lang);
    expect(f({ id: 'q', ask: 'state', host: 'server', after: 1 })).toBe('SYN-RECEIVED');
    expect(f({ id: 'q', ask: 'flags', segment: 2 })).toBe('ACK, SYN');
    expect(f({ id: 'q', ask: 'ack', segment: 1 })).toMatch(/none/);
    expect(f({ id: 'q', ask: 'ack', segment: 1 }, 'zh-cn')).toMatch(/无/);
    expect(f({ id: 'q', ask: 'ack', segment: 2, numbers: 'relative' })).toBe(`1 (relative; absolute ${seg(ctx, 2).seg.ack})`);
    expect(f({ id: 'q', ask: 'number', topic: 'header-length' })).toBe('20 bytes');
    expect(f({ id: 'q', ask: 'choice', choices: ['x', { en: 'y', 'zh-cn': '乙' }], answer: 1 }, 'zh-cn')).toBe('B. 乙');
    expect(f({ id: 'q', ask: 'accepted', segment: 1 })).toBe('accepted');
  });
});

describe('compareExpect', () => {
  const ctx = handshake();
  const q = (extra: Partial<QuestionSpec>) => ({ id: 'q1', ask: 'state', host: 'server', after: 1, ...extra }) as QuestionSpec;

  it('is null without expect or when the expect agrees (read by the learner-facing parser)', () => {
    expect(compareExpect(q({}), ctx, 'en')).toBeNull();
    expect(compareExpect(q({ expect: 'SYN_RCVD' }), ctx, 'en')).toBeNull();
    const isn = ctx.trace.hosts.client!.isn!;
    expect(compareExpect({ id: 'q2', ask: 'ack', segment: 2, expect: isn + 1 }, ctx, 'en')).toBeNull();
    expect(compareExpect({ id: 'q3', ask: 'flags', segment: 2, expect: ['SYN', 'ACK'] }, ctx, 'en')).toBeNull();
    expect(compareExpect({ id: 'q4', ask: 'segment', segment: 3, fields: ['seq', 'flags'], expect: { seq: isn + 1, flags: ['ACK'] } }, ctx, 'en')).toBeNull();
    expect(compareExpect({ id: 'q5', ask: 'choice', choices: ['a', 'b'], answer: 1, expect: 1 }, ctx, 'en')).toBeNull();
  });

  it('says what the engine computes when they disagree', () => {
    expect(compareExpect(q({ expect: 'ESTABLISHED' }), ctx, 'en')).toBe('Question q1: `expect` says ESTABLISHED, but the engine computes SYN-RECEIVED.');
    expect(compareExpect(q({ expect: 'ESTABLISHED' }), ctx, 'zh-cn')).toMatch(/引擎计算的结果是 SYN-RECEIVED/);
    expect(compareExpect(q({ expect: 'SYNRCVDX' }), ctx, 'en')).toMatch(/not a valid answer/);
  });

  it('reports a question the trace cannot answer', () => {
    expect(compareExpect({ id: 'q9', ask: 'seq', segment: 42 }, ctx, 'en')).toMatch(/q9 cannot be answered.*no segment 42/);
  });
});
