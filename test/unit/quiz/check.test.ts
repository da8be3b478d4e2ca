import { describe, expect, it } from 'vitest';
import { checkAnswer, computeAnswer, type QuestionSpec } from '../../../src/quiz/index';
import { call, connect, fourWayClose, handTrace, listen, run, send } from './fixtures';

const handshake = () => run([listen(), connect()]);
const valueOf = (q: QuestionSpec, ctx: ReturnType<typeof run>) => {
  const a = computeAnswer(q, ctx);
  if (a.kind !== 'number') throw new Error('not a number answer');
  return a.value;
};

describe('checkAnswer verdicts', () => {
  it('right, wrong and invalid answers to a state question', () => {
    const ctx = handshake();
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'server', after: 1 };
    expect(checkAnswer(q, ctx, 'syn_rcvd', 'en').status).toBe('correct');
    expect(checkAnswer(q, ctx, 'LISTEN', 'en').status).toBe('wrong');
    const junk = checkAnswer(q, ctx, 'banana', 'en');
    expect(junk.status).toBe('invalid');
    expect(junk.message).toMatch(/not a TCP state/);
  });

  it('SYN-SEND is right for SYN-SENT, with a note', () => {
    const ctx = handshake();
    const r = checkAnswer({ id: 'q', ask: 'state', host: 'client', after: 0 }, ctx, 'SYN-SEND', 'en');
    expect(r.status).toBe('correct');
    expect(r.note).toMatch(/SYN-SENT/);
  });

  it('numbers in hex count as the same answer', () => {
    const ctx = handshake();
    const q: QuestionSpec = { id: 'q', ask: 'ack', segment: 2 };
    expect(checkAnswer(q, ctx, '0x' + valueOf(q, ctx).toString(16), 'en').status).toBe('correct');
  });

  it('"none" is the right ack for a SYN, and 0 is accepted with a note', () => {
    const ctx = handshake();
    const q: QuestionSpec = { id: 'q', ask: 'ack', segment: 1 };
    expect(checkAnswer(q, ctx, 'none', 'en').status).toBe('correct');
    const zero = checkAnswer(q, ctx, '0', 'en');
    expect(zero.status).toBe('correct');
    expect(zero.note).toBeTruthy();
    const wrong = checkAnswer(q, ctx, '1001', 'en');
    expect(wrong.status).toBe('wrong');
    expect(wrong.misconception).toMatch(/no ACK flag/);
  });

  it('a segment question gives per-field verdicts', () => {
    const ctx = handshake();
    const q: QuestionSpec = { id: 'q', ask: 'segment', segment: 3, fields: ['seq', 'ack', 'flags'] };
    const a = computeAnswer(q, ctx);
    if (a.kind !== 'fields') throw new Error('fields expected');
    const right = checkAnswer(q, ctx, { seq: String(a.fields.seq), ack: String(a.fields.ack), flags: 'ack' }, 'en');
    expect(right).toMatchObject({ status: 'correct', fields: { seq: true, ack: true, flags: true } });
    const oneWrong = checkAnswer(q, ctx, { seq: String(a.fields.seq), ack: String((a.fields.ack as number) - 1), flags: 'ack' }, 'en');
    expect(oneWrong).toMatchObject({ status: 'wrong', fields: { seq: true, ack: false, flags: true } });
    expect(oneWrong.misconception).toMatch(/SYN consumes one sequence number/);
    // a single string is split into fields (the CLI's "seq=… ack=… flags=…" line), keys in any case
    expect(checkAnswer(q, ctx, `seq=${a.fields.seq}, ack=${a.fields.ack}, flags=ACK`, 'en').status).toBe('correct');
    expect(checkAnswer(q, ctx, `seq=${a.fields.seq} ack=${a.fields.ack} flags=ACK`, 'en').status).toBe('correct');
    expect(checkAnswer(q, ctx, { SEQ: String(a.fields.seq), Ack: String(a.fields.ack), flags: 'ACK' }, 'en').status).toBe('correct');
    const two: QuestionSpec = { id: 'q', ask: 'segment', segment: 3, fields: ['seq', 'ack'] };
    expect(checkAnswer(two, ctx, `${a.fields.seq} ${a.fields.ack}`, 'en').status).toBe('correct');
    expect(checkAnswer(two, ctx, `${a.fields.ack} ${a.fields.seq}`, 'en').misconception).toMatch(/ack, not its seq/);
    // a missing field is not a try
    expect(checkAnswer(q, ctx, { seq: String(a.fields.seq) }, 'en').status).toBe('invalid');
    expect(checkAnswer(q, ctx, { seq: 'x', ack: '1', flags: 'ack' }, 'en').status).toBe('invalid');
  });

  it('a choice is answered by letter, number or text', () => {
    const ctx = handshake();
    const q: QuestionSpec = { id: 'q', ask: 'choice', choices: ['two', { en: 'three', 'zh-cn': '三' }], answer: 1 };
    expect(checkAnswer(q, ctx, 'B', 'en').status).toBe('correct');
    expect(checkAnswer(q, ctx, '2', 'en').status).toBe('correct');
    expect(checkAnswer(q, ctx, '三', 'zh-cn').status).toBe('correct');
    expect(checkAnswer(q, ctx, 'A', 'en').status).toBe('wrong');
    expect(checkAnswer(q, ctx, 'Q', 'en').status).toBe('invalid');
  });
});

describe('misconception feedback: sequence numbers', () => {
  it('ack = ISN instead of ISN + 1 after a SYN: "a SYN consumes one sequence number"', () => {
    const ctx = handshake();
    const q: QuestionSpec = { id: 'q', ask: 'ack', segment: 2 };
    const r = checkAnswer(q, ctx, String(valueOf(q, ctx) - 1), 'en');
    expect(r.status).toBe('wrong');
    expect(r.misconception).toMatch(/SYN consumes one sequence number/);
    expect(checkAnswer(q, ctx, String(valueOf(q, ctx) - 1), 'zh-cn').misconception).toMatch(/SYN 要占用一个序号/);
  });

  it('ack of a FIN off by one: "a FIN consumes one sequence number"', () => {
    const ctx = fourWayClose();
    const fin = ctx.trace.segments.find((r) => r.from === 'client' && r.seg.flags.includes('FIN'))!;
    const ack = ctx.trace.segments.find((r) => r.n > fin.n && r.from === 'server')!;
    const q: QuestionSpec = { id: 'q', ask: 'ack', segment: ack.n };
    expect(checkAnswer(q, ctx, String(valueOf(q, ctx) - 1), 'en').misconception).toMatch(/FIN consumes one sequence number/);
  });

  it('ack = seq of the data (not seq + len), and ack = seq + len − 1', () => {
    const ctx = run([listen(), connect(), send('client', 100)]);
    const data = ctx.trace.segments.find((r) => r.seg.payload.length === 100)!;
    const ack = ctx.trace.segments.find((r) => r.n > data.n && r.from === 'server')!;
    const q: QuestionSpec = { id: 'q', ask: 'ack', segment: ack.n };
    expect(checkAnswer(q, ctx, String(data.seg.seq), 'en').misconception).toMatch(/NEXT byte expected/);
    expect(checkAnswer(q, ctx, String(data.seg.seq + 99), 'en').misconception).toMatch(/Off by one/);
  });

  it('seq that forgets the sender\'s own SYN or its data', () => {
    const ctx = run([listen(), connect(), send('client', 100), send('client', 50)]);
    const q3: QuestionSpec = { id: 'q', ask: 'seq', segment: 3 };
    expect(checkAnswer(q3, ctx, String(valueOf(q3, ctx) - 1), 'en').misconception).toMatch(/SYN .* consumed one sequence number/);
    const second = ctx.trace.segments.filter((r) => r.seg.payload.length > 0)[1]!;
    const q: QuestionSpec = { id: 'q', ask: 'seq', segment: second.n };
    expect(checkAnswer(q, ctx, String(valueOf(q, ctx) - 100), 'en').misconception).toMatch(/already carried 100 bytes/);
  });

  it('seq and ack swapped', () => {
    const ctx = handshake();
    const rec = ctx.trace.segments.find((r) => r.n === 3)!;
    expect(checkAnswer({ id: 'q', ask: 'ack', segment: 3 }, ctx, String(rec.seg.seq), 'en').misconception).toMatch(/seq, not its ack/);
    expect(checkAnswer({ id: 'q', ask: 'seq', segment: 3 }, ctx, String(rec.seg.ack), 'en').misconception).toMatch(/ack, not its seq/);
  });

  it('relative answer when absolute was asked, and the reverse', () => {
    const ctx = handshake();
    const abs: QuestionSpec = { id: 'q', ask: 'ack', segment: 2 };
    const rel: QuestionSpec = { id: 'q', ask: 'ack', segment: 2, numbers: 'relative' };
    expect(checkAnswer(abs, ctx, '1', 'en').misconception).toMatch(/relative ack/);
    expect(checkAnswer(rel, ctx, '1', 'en').status).toBe('correct');
    expect(checkAnswer(rel, ctx, String(valueOf(abs, ctx)), 'en').misconception).toMatch(/absolute ack/);
  });
});

describe('misconception feedback: states', () => {
  it('CLOSED for the active closer in TIME-WAIT: it waits 2MSL first', () => {
    const ctx = fourWayClose();
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'client', after: ctx.trace.segments.length };
    const r = checkAnswer(q, ctx, 'CLOSED', 'en');
    expect(r.status).toBe('wrong');
    expect(r.misconception).toMatch(/TIME-WAIT for 2MSL \(4 min here\)/);
  });

  it('LAST-ACK for the active closer: LAST-ACK is the side that closed second', () => {
    const ctx = fourWayClose();
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'client', after: ctx.trace.segments.length - 1 };
    expect(checkAnswer(q, ctx, 'LAST-ACK', 'en').misconception).toMatch(/closed SECOND/);
  });

  it('FIN-WAIT for the passive closer', () => {
    const ctx = fourWayClose();
    const fin = ctx.trace.segments.find((r) => r.from === 'client' && r.seg.flags.includes('FIN'))!;
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'server', after: fin.n };
    expect(checkAnswer(q, ctx, 'FIN-WAIT-1', 'en').misconception).toMatch(/did not start the close/);
    expect(checkAnswer(q, ctx, 'CLOSED', 'en').misconception).toMatch(/CLOSE-WAIT/);
  });

  it('ESTABLISHED for the server right after the SYN: it is SYN-RECEIVED until the ACK', () => {
    const ctx = handshake();
    expect(checkAnswer({ id: 'q', ask: 'state', host: 'server', after: 2 }, ctx, 'ESTABLISHED', 'en').misconception).toMatch(/SYN-RECEIVED/);
  });

  it('FIN-WAIT-2 instead of CLOSING when the FINs cross', () => {
    const ctx = handTrace({ client: 'FIN-WAIT-1', server: 'FIN-WAIT-1' }, [
      { from: 'client', to: 'server', flags: ['FIN', 'ACK'], seq: 1001, ack: 5001, states: { server: 'CLOSING' } },
      { from: 'server', to: 'client', flags: ['FIN', 'ACK'], seq: 5001, ack: 1001, sentAt: 120, states: { client: 'CLOSING' } },
    ]);
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'client', after: 2 };
    expect(checkAnswer(q, ctx, 'closing', 'en').status).toBe('correct');
    expect(checkAnswer(q, ctx, 'FIN_WAIT_2', 'en').misconception).toMatch(/FINs crossed/);
  });

  it('CLOSING instead of FIN-WAIT-2 when the peer only acknowledged our FIN', () => {
    const ctx = fourWayClose();
    const fin = ctx.trace.segments.find((r) => r.from === 'client' && r.seg.flags.includes('FIN'))!;
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'client', after: fin.n + 1 };
    expect(checkAnswer(q, ctx, 'CLOSING', 'en').misconception).toMatch(/FIN-WAIT-2/);
  });
});

describe('misconception feedback: number topics', () => {
  const ctx = handshake();
  it('data offset in bytes instead of words, header length in words instead of bytes', () => {
    expect(checkAnswer({ id: 'q', ask: 'number', topic: 'data-offset' }, ctx, '20', 'en').misconception).toMatch(/32-bit words/);
    expect(checkAnswer({ id: 'q', ask: 'number', topic: 'header-length' }, ctx, '5', 'en').misconception).toMatch(/in bytes/i);
    const words = checkAnswer({ id: 'q', ask: 'number', topic: 'header-length' }, ctx, '5 words', 'en');
    expect(words.status).toBe('correct');
    expect(words.note).toMatch(/20/);
  });

  it('window without the scale', () => {
    const r = checkAnswer({ id: 'q', ask: 'number', topic: 'effective-window', window: 1000, wscale: 3 }, ctx, '1000', 'en');
    expect(r.status).toBe('wrong');
    expect(r.misconception).toMatch(/shifts it left by 3 bits/);
  });

  it('TIME-WAIT as one MSL; durations with units', () => {
    const q: QuestionSpec = { id: 'q', ask: 'number', topic: 'time-wait' };
    expect(checkAnswer(q, ctx, '4 min', 'en').status).toBe('correct');
    expect(checkAnswer(q, ctx, '2min', 'en').misconception).toMatch(/TWO MSL/);
    expect(checkAnswer(q, ctx, '60s', 'en').misconception).toMatch(/Linux/);
    const linux = run([listen(), connect()], { profile: 'linux' });
    expect(checkAnswer(q, linux, '240000', 'en').misconception).toMatch(/fixed 60 s/);
  });
});

describe('misconception feedback: what happens to a segment', () => {
  it('an RST is never answered', () => {
    const ctx = run([
      listen(),
      connect(),
      { kind: 'inject', from: 'client', to: 'server', flags: ['RST'], seq: 123 },
      call('client', 'close'),
    ]);
    const rst = ctx.trace.segments.find((r) => r.injected)!;
    const q: QuestionSpec = { id: 'q', ask: 'accepted', segment: rst.n };
    expect(checkAnswer(q, ctx, 'ignore', 'en').status).toBe('correct');
    expect(checkAnswer(q, ctx, 'rst', 'en').misconception).toMatch(/never answered/);
  });

  it('an RST for no socket, not silence', () => {
    const ctx = run([connect()]);
    const r = checkAnswer({ id: 'q', ask: 'accepted', segment: 1 }, ctx, 'drop', 'en');
    expect(r.status).toBe('wrong');
    expect(r.misconception).toMatch(/answers with an RST/);
  });
});
