/**
 * What a learner reads after the fact-check of the course: misconception feedback, explanations
 * and generated prompts, in both languages where the text differs.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswer, explain, generatePractice, promptFor, type QuestionSpec } from '../../../src/quiz/index';
import { simulate } from '../../../src/engine/index';
import { durationText, timerText } from '../../../src/render/labels';
import { call, close, connect, fourWayClose, handTrace, listen, run, send } from './fixtures';

const abort = (host = 'client') => call(host, 'abort');
const rstOf = (ctx: ReturnType<typeof run>) => ctx.trace.segments.find((r) => r.seg.flags.includes('RST'))!;
/** Handshake, then the client's final ACK is lost, so the server's FIN comes again into TIME-WAIT. */
const lostLastAck = (over: Parameters<typeof fourWayClose>[0] = {}) =>
  fourWayClose({ faults: [{ kind: 'drop', match: { from: 'client', flags: ['ACK'], len: 0 }, nth: 'last', count: 1 }], ...over });

describe('ACK is on every segment except a bare RST (RFC 9293 §3.8)', () => {
  it('"none" for the ack of a segment with ACK', () => {
    const ctx = run([listen(), connect()]);
    const q: QuestionSpec = { id: 'q', ask: 'ack', segment: 2 };
    expect(checkAnswer(q, ctx, 'none', 'en').misconception).toBe(
      'Segment 2 does have the ACK flag set, so its ack number counts. Once a host has the peer\'s SYN, every segment it sends carries ACK, except a bare RST (RFC 9293 §3.8: all segments of an established connection carry current acknowledgment information).',
    );
    expect(checkAnswer(q, ctx, '无', 'zh-cn').misconception).toBe(
      '第 2 个报文段置了 ACK 位，确认号是有效的。一台主机收到对方的 SYN 之后，发出的每个报文段都带 ACK，只有不带 ACK 的 RST 例外（RFC 9293 §3.8：已建立连接上的报文段都要携带最新的确认信息）。',
    );
  });

  it('a FIN given without ACK', () => {
    const ctx = fourWayClose();
    const fin = ctx.trace.segments.find((r) => r.seg.flags.includes('FIN'))!;
    const q: QuestionSpec = { id: 'q', ask: 'flags', segment: fin.n };
    expect(checkAnswer(q, ctx, 'FIN', 'en').misconception).toBe(
      `Segment ${fin.n} also carries ACK: once a host has received the peer's SYN, every segment it sends carries an acknowledgment, except a bare RST (RFC 9293 §3.8).`,
    );
    expect(checkAnswer(q, ctx, 'FIN', 'zh-cn').misconception).toBe(
      `第 ${fin.n} 个报文段还带有 ACK：一旦收到了对方的 SYN，之后发出的每个报文段都带着确认，只有不带 ACK 的 RST 例外（RFC 9293 §3.8）。`,
    );
  });

  it('a data segment is explained as an acknowledgment too, bare RSTs aside', () => {
    const ctx = run([listen(), connect(), send('client', 10)]);
    const data = ctx.trace.segments.find((r) => r.seg.payload.length === 10)!;
    expect(explain({ id: 'q', ask: 'flags', segment: data.n }, ctx, 'en')).toContain('on an established connection every segment but a bare RST carries one');
    expect(explain({ id: 'q', ask: 'flags', segment: data.n }, ctx, 'zh-cn')).toContain('除不带 ACK 的 RST 外，每个报文段都带确认');
  });
});

describe('the reset of an ABORT', () => {
  it('RFC 9293: a bare RST; RST,ACK is answered with ABORT\'s rule, not the reset-generation rule', () => {
    const ctx = run([listen(), connect(), abort()]);
    const q: QuestionSpec = { id: 'q', ask: 'flags', segment: rstOf(ctx).n };
    expect(checkAnswer(q, ctx, 'RST', 'en').status).toBe('correct');
    expect(checkAnswer(q, ctx, 'RST, ACK', 'en').misconception).toBe(
      'This RST has no ACK flag: RFC 9293 §3.10.5\'s ABORT sends a bare <SEQ=SND.NXT><CTL=RST> (Linux would add ACK, making it RST,ACK).',
    );
    expect(checkAnswer(q, ctx, 'RST, ACK', 'zh-cn').misconception).toBe(
      '这个 RST 不带 ACK：按 RFC 9293 §3.10.5，ABORT 只发单纯的 <SEQ=SND.NXT><CTL=RST>（Linux 则会加上 ACK，成为 RST,ACK）。',
    );
  });

  it('Linux: RST,ACK; a bare RST is told about Linux, not about the segment it would answer', () => {
    const ctx = run([listen(), connect(), abort()], { profile: 'linux' });
    const rst = rstOf(ctx);
    expect(rst.seg.flags).toContain('ACK');
    const q: QuestionSpec = { id: 'q', ask: 'flags', segment: rst.n };
    expect(checkAnswer(q, ctx, 'RST', 'en').misconception).toBe(
      'This RST also carries ACK: it comes from Linux, whose ABORT sends RST,ACK, where RFC 9293 §3.10.5 sends a bare <SEQ=SND.NXT><CTL=RST>.',
    );
    expect(checkAnswer(q, ctx, 'RST', 'zh-cn').misconception).toBe(
      '这个 RST 同时带有 ACK：它来自 Linux，Linux 中止连接时发出的是 RST,ACK；按 RFC 9293 §3.10.5，则只发单纯的 <SEQ=SND.NXT><CTL=RST>。',
    );
  });

  it('an RST for no socket keeps the reset-generation feedback', () => {
    const ctx = run([connect()]);
    expect(checkAnswer({ id: 'q', ask: 'flags', segment: 2 }, ctx, 'RST', 'en').misconception).toMatch(/^This RST also carries ACK: it answers a segment without ACK/);
  });

  it('the aborting side\'s state: the TCB is deleted at once; §3.5.2\'s TIME-WAIT is named and set aside', () => {
    const ctx = run([listen(), connect(), abort()]);
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'client', after: rstOf(ctx).n };
    expect(explain(q, ctx, 'en')).toBe(
      'client moved from ESTABLISHED to CLOSED on the application\'s ABORT call. ABORT (RFC 9293 §3.10.5) sends an RST in a synchronized state and deletes the TCB at once, without a FIN. (§3.5.2 suggests that the side issuing a reset enter TIME-WAIT; neither this model nor Linux does.)',
    );
    expect(explain(q, ctx, 'zh-cn')).toBe(
      'client 从 ESTABLISHED 进入 CLOSED，原因：应用调用 ABORT。ABORT（RFC 9293 §3.10.5）在同步状态下发出 RST，并立即删除 TCB，不发 FIN。（§3.5.2 虽建议发出复位的一方进入 TIME-WAIT，但本模型和 Linux 都不这样做。）',
    );
  });
});

describe('closing states', () => {
  const crossing = () =>
    handTrace({ client: 'FIN-WAIT-1', server: 'FIN-WAIT-1' }, [
      { from: 'client', to: 'server', flags: ['FIN', 'ACK'], seq: 1001, ack: 5001, states: { server: 'CLOSING' } },
      { from: 'server', to: 'client', flags: ['FIN', 'ACK'], seq: 5001, ack: 1001, sentAt: 120, states: { client: 'CLOSING' } },
    ]);

  it('TIME-WAIT instead of CLOSING: its own FIN is not acknowledged yet', () => {
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'server', after: 1 };
    expect(checkAnswer(q, crossing(), 'TIME-WAIT', 'en').misconception).toBe(
      'Not TIME-WAIT yet: server has received the peer\'s FIN, but its own FIN is still unacknowledged, because the peer sent its FIN before ours had arrived. Until that ACK comes, server is in CLOSING (a simultaneous close).',
    );
    expect(checkAnswer(q, crossing(), 'TIME-WAIT', 'zh-cn').misconception).toBe(
      '还没到 TIME-WAIT：server 收到了对方的 FIN，但自己的 FIN 还没有被确认，因为对方发出 FIN 时我方的 FIN 还没到。在那个 ACK 到来之前，server 处于 CLOSING（同时关闭）。',
    );
    // FIN-WAIT-2 keeps its own rebuttal.
    expect(checkAnswer(q, crossing(), 'FIN-WAIT-2', 'en').misconception).toMatch(/^The FINs crossed/);
  });

  it('TIME-WAIT under Linux is its fixed 60 s, not 2MSL', () => {
    const linux = fourWayClose({ profile: 'linux' });
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'client', after: linux.trace.segments.length };
    expect(checkAnswer(q, linux, 'CLOSED', 'en').misconception).toMatch(/waits in TIME-WAIT for Linux's fixed TIME-WAIT of 60 s before/);
    expect(checkAnswer(q, linux, 'CLOSED', 'zh-cn').misconception).toMatch(/等待 Linux 固定的 60 秒才进入 CLOSED/);
    const text = explain(q, linux, 'en');
    expect(text).toContain('for Linux\'s fixed 60 s');
    expect(text).not.toMatch(/2MSL/);
    const rfc = fourWayClose();
    expect(checkAnswer(q, rfc, 'CLOSED', 'zh-cn').misconception).toMatch(/等待 2MSL（这里是 4 分钟）才进入 CLOSED/);
  });

  it('the end of TIME-WAIT names the timer, under Linux as the TIME-WAIT timer', () => {
    // After TIME-WAIT has run out, a stray SYN reaches the server: the client's last change was the timer's.
    const steps = (wait: number) => [listen(), connect(), close('client'), close('server'), { kind: 'wait' as const, duration: wait }, { kind: 'inject' as const, from: '192.0.2.9:9', to: 'server', flags: ['SYN' as const], seq: 1 }];
    const rfc = run(steps(300_000));
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'client', after: rfc.trace.segments.length };
    expect(explain(q, rfc, 'en')).toContain('on the 2MSL timer expiring. The 2MSL timer (4 min) has run out, so the TCB is deleted.');
    expect(explain(q, rfc, 'zh-cn')).toContain('原因：2MSL 定时器到期。2MSL 定时器（4 分钟）已走完，TCB 被删除。');
    const linux = run(steps(90_000), { profile: 'linux' });
    const ql: QuestionSpec = { ...q, after: linux.trace.segments.length };
    expect(explain(ql, linux, 'en')).toContain('on the TIME-WAIT timer expiring. Linux\'s TIME-WAIT timer (60 s) has run out');
    expect(explain(ql, linux, 'zh-cn')).toContain('原因：TIME-WAIT 定时器到期。Linux 的 TIME-WAIT 定时器（60 秒）已走完');
    expect(checkAnswer(ql, linux, 'TIME-WAIT', 'en').misconception).toBe('Linux\'s TIME-WAIT timer (60 s) has already expired, so client has left TIME-WAIT and is CLOSED.');
    expect(checkAnswer(q, rfc, 'TIME-WAIT', 'zh-cn').misconception).toBe('2MSL 定时器（4 分钟）已经到期，client 已离开 TIME-WAIT，进入 CLOSED。');
  });

  it('timer labels: TIME-WAIT timer under Linux, durations in Chinese units', () => {
    const set = (timer: 'time-wait' | 'retransmission', ms: number) => ({ kind: 'timer' as const, t: 0, host: 'client', conn: 'client', timer, action: 'set' as const, expiresAt: ms });
    expect(timerText(set('time-wait', 60_000), 'en', false, 'linux')).toBe('TIME-WAIT timer: 60 s');
    expect(timerText(set('time-wait', 60_000), 'zh-cn', false, 'linux')).toBe('TIME-WAIT 定时器：60 秒');
    expect(timerText(set('time-wait', 240_000), 'en')).toBe('2MSL timer: 4 min');
    expect(timerText(set('retransmission', 1000), 'zh-cn')).toBe('RTO 定时器：1 秒');
  });
});

describe('more state feedback', () => {
  const flood = () => run([listen(), { kind: 'inject', from: '192.0.2.9:666', to: 'server', flags: ['SYN'], seq: 1 }]);

  it('the listener is not its half-open entry', () => {
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'server', after: 1 };
    expect(checkAnswer(q, flood(), 'SYN-RECEIVED', 'en').misconception).toBe(
      'server\'s listening socket itself stays in LISTEN. Each SYN it answers gets a separate entry in SYN-RECEIVED (with SYN cookies, not even that); SYN-RECEIVED belongs to those entries, not to the listener.',
    );
    expect(checkAnswer(q, flood(), 'SYN-RECEIVED', 'zh-cn').misconception).toBe(
      'server 的监听套接字本身一直处于 LISTEN。它每回应一个 SYN，都另建一个处于 SYN-RECEIVED 的条目（启用 SYN cookie 时连条目都不建）；SYN-RECEIVED 属于这些条目，而不属于监听套接字。',
    );
  });

  it('LAST-ACK: not CLOSE-WAIT once the application closed, not CLOSED while the last ACK is missing', () => {
    const ctx = lostLastAck();
    const lost = ctx.trace.segments.find((r) => r.fate === 'dropped')!;
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'server', after: lost.n };
    expect(checkAnswer(q, ctx, 'CLOSED', 'en').misconception).toBe(
      `Nothing has acknowledged server's FIN yet (segment ${lost.n} was lost on the way), so server is still in LAST-ACK; its retransmission timer will send the FIN again.`,
    );
    expect(checkAnswer(q, ctx, 'CLOSED', 'zh-cn').misconception).toBe(
      `server 的 FIN 还没有得到任何确认（第 ${lost.n} 个报文段在途中丢失了），所以 server 仍处于 LAST-ACK；它的重传定时器到期后会再发一次 FIN。`,
    );
    expect(checkAnswer(q, ctx, 'CLOSE-WAIT', 'en').misconception).toBe(
      'server\'s application has called CLOSE as well: server sent its own FIN and left CLOSE-WAIT for LAST-ACK, where it waits for that FIN to be acknowledged.',
    );
    expect(checkAnswer(q, ctx, 'CLOSE-WAIT', 'zh-cn').misconception).toBe('server 的应用也已经调用了 CLOSE：server 发出了自己的 FIN，离开 CLOSE-WAIT 进入 LAST-ACK，等待对这个 FIN 的确认。');
  });

  it('FIN-WAIT-2 instead of TIME-WAIT: the FIN has arrived (on its own, or riding on the ACK)', () => {
    const ctx = fourWayClose();
    const fin = ctx.trace.segments.find((r) => r.from === 'server' && r.seg.flags.includes('FIN'))!;
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'client', after: fin.n };
    expect(checkAnswer(q, ctx, 'FIN-WAIT-2', 'en').misconception).toBe(
      `Segment ${fin.n} brought the peer's FIN, the one thing FIN-WAIT-2 waits for: client acknowledges it and moves on to TIME-WAIT.`,
    );
    const linux = run([listen(), connect(), call('client', 'close', { at: 1000 }), call('server', 'close', { at: 1070 })], { profile: 'linux' });
    const combined = linux.trace.segments.find((r) => r.from === 'server' && r.seg.flags.includes('FIN'))!;
    const ql: QuestionSpec = { id: 'q', ask: 'state', host: 'client', after: combined.n };
    expect(checkAnswer(ql, linux, 'FIN-WAIT-2', 'en').misconception).toBe(
      `Segment ${combined.n} both acknowledged client's FIN and carried the peer's FIN. RFC 9293 §3.10.7.4 checks the ACK field before the FIN bit, so the same segment takes client from FIN-WAIT-1 to FIN-WAIT-2 and straight on to TIME-WAIT.`,
    );
    expect(checkAnswer(ql, linux, 'FIN-WAIT-2', 'zh-cn').misconception).toBe(
      `第 ${combined.n} 个报文段既确认了 client 的 FIN，又带来了对方的 FIN。RFC 9293 §3.10.7.4 先检查确认号、后检查 FIN 位，所以同一个报文段就让 client 从 FIN-WAIT-1 经 FIN-WAIT-2 直接进入 TIME-WAIT。`,
    );
  });
});

describe('the seq of a reset for no connection', () => {
  it('0 only when the arriving segment had no ACK', () => {
    const half = run([listen(), connect(), send('client', 10), call('server', 'crash'), call('server', 'reboot'), send('client', 10)]);
    const rst = rstOf(half);
    const trigger = half.trace.segments.find((r) => r.n < rst.n && r.from === 'client' && r.arrivedAt === rst.sentAt)!;
    const q: QuestionSpec = { id: 'q', ask: 'seq', segment: rst.n };
    expect(checkAnswer(q, half, '0', 'en').misconception).toBe(
      `Sequence number 0 is for a reset answering a segment without ACK. Segment ${trigger.n} had ACK set, so the reset takes its seq from that segment's ack: <SEQ=SEG.ACK><CTL=RST>, seq = ${trigger.seg.ack} (RFC 9293 §3.10.7.1).`,
    );
    expect(checkAnswer(q, half, '0', 'zh-cn').misconception).toBe(
      `序号 0 只用于回应不带 ACK 的报文段的复位。第 ${trigger.n} 个报文段带有 ACK，所以复位报文的序号取自它的确认号：<SEQ=SEG.ACK><CTL=RST>，序号 = ${trigger.seg.ack}（RFC 9293 §3.10.7.1）。`,
    );
    const refused = run([connect()]);
    expect(checkAnswer({ id: 'q', ask: 'seq', segment: 2 }, refused, '5000', 'en').misconception).toBe(
      'A host without a connection has no sequence numbers of its own to use. Segment 1 had no ACK, so the reset is <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>: seq = 0 (RFC 9293 §3.10.7.1).',
    );
    expect(checkAnswer({ id: 'q', ask: 'seq', segment: 2 }, refused, '5000', 'zh-cn').misconception).toBe(
      '没有连接的主机谈不上自己的序号。第 1 个报文段不带 ACK，所以复位报文是 <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>：序号 = 0（RFC 9293 §3.10.7.1）。',
    );
  });
});

describe('durations in Chinese', () => {
  it('durationText writes 毫秒, 秒 and 分钟 in Chinese', () => {
    expect(durationText(50, 'zh-cn')).toBe('50 毫秒');
    expect(durationText(1500, 'zh-cn')).toBe('1.5 秒');
    expect(durationText(240_000, 'zh-cn')).toBe('4 分钟');
    expect(durationText(1500)).toBe('1.5 s');
  });
});

describe('TIME-WAIT', () => {
  it('a retransmitted FIN in TIME-WAIT: "accepted" counts, with a note; the ACK is the answer', () => {
    const ctx = lostLastAck();
    const again = ctx.trace.segments.find((r) => r.retransmission && r.seg.flags.includes('FIN'))!;
    const q: QuestionSpec = { id: 'q', ask: 'accepted', segment: again.n };
    expect(checkAnswer(q, ctx, 'ack', 'en')).toEqual({ status: 'correct' });
    const en = checkAnswer(q, ctx, 'accept', 'en');
    expect(en.status).toBe('correct');
    expect(en.note).toBe('Counted as right: client does recognise the FIN, but all it does with it is answer with an ACK and restart its timer; nothing new is accepted.');
    expect(checkAnswer(q, ctx, '接受', 'zh-cn').note).toBe('算你答对：client 确实认出了这个 FIN，但它所做的只是回一个 ACK 并重新启动定时器，并没有收下任何新东西。');
    expect(checkAnswer(q, ctx, 'rst', 'en').status).toBe('wrong');
    expect(explain(q, ctx, 'zh-cn')).toContain('再次确认它并重新启动 2MSL 定时器。没有收下任何新东西，所做的只是回一个 ACK。');
  });

  it('an old segment accepted by a new incarnation is not counted as right for a TIME-WAIT FIN', () => {
    // Only a retransmitted FIN in TIME-WAIT gets the leniency: an out-of-window segment stays "ack".
    const ctx = run([
      listen(),
      connect(),
      { kind: 'inject', from: 'client', to: 'server', flags: ['ACK'], seq: 900_000, ack: 5001 },
      close('client'),
    ]);
    const forged = ctx.trace.segments.find((r) => r.injected)!;
    const q: QuestionSpec = { id: 'q', ask: 'accepted', segment: forged.n };
    expect(checkAnswer(q, ctx, 'ack', 'en').status).toBe('correct');
    expect(checkAnswer(q, ctx, 'accepted', 'en').status).toBe('wrong');
  });

  it('a scenario with its own MSL: 60 s and 4 min are neither Linux nor the RFC here', () => {
    const ctx = fourWayClose({ network: { latency: 50, msl: 50 } });
    const q: QuestionSpec = { id: 'q', ask: 'number', topic: 'time-wait' };
    expect(checkAnswer(q, ctx, '100', 'en').status).toBe('correct');
    for (const given of ['60000', '240000']) {
      const r = checkAnswer(q, ctx, given, 'en');
      expect(r.misconception).toBe('This scenario sets its own MSL of 50 ms, so TIME-WAIT lasts 2 × 50 ms = 100 ms here — not RFC 9293\'s 4 minutes or Linux\'s 60 s.');
      expect(r.misconception).not.toMatch(/RFC 9293 defines MSL/);
    }
    expect(checkAnswer(q, ctx, '60000', 'zh-cn').misconception).toBe('本场景自己设定了 MSL = 50 毫秒，所以这里的 TIME-WAIT 是 2 × 50 毫秒 = 100 毫秒，而不是 RFC 9293 的 4 分钟或 Linux 的 60 秒。');
    // With the default MSL the RFC and Linux rebuttals still apply.
    expect(checkAnswer(q, fourWayClose(), '60000', 'en').misconception).toMatch(/60 s is Linux's fixed TIME-WAIT/);
  });
});

describe('ISN: the +128,000 step', () => {
  it('explains the 4.4BSD counter the right way round', () => {
    const ctx = run(
      [listen(), connect(), abort(), { kind: 'wait', duration: 700 }, connect(), abort(), { kind: 'wait', duration: 700 }, connect()],
      { hosts: { client: { address: '10.0.0.1', port: 40000, isn: 1000 }, server: { address: '10.0.0.2', port: 80, isn: 'rfc793' } } },
    );
    const q: QuestionSpec = { id: 'q', ask: 'number', topic: 'next-isn', host: 'server' };
    const syns = ctx.trace.segments.filter((r) => r.from === 'server' && r.seg.flags.includes('SYN'));
    const prev = syns[syns.length - 2]!;
    const given = String((prev.seg.seq + 128000) >>> 0);
    const en = checkAnswer(q, ctx, given, 'en');
    expect(en.status).toBe('wrong');
    expect(en.misconception).toBe(
      '+128,000 is the step Mitnick\'s probes saw: 4.4BSD added 64,000 per connection and 64,000 every half-second, and probes about 0.5 s apart therefore saw +128,000. This host\'s generator works differently: compare its ISNs with the time between them.',
    );
    expect(checkAnswer(q, ctx, given, 'zh-cn').misconception).toBe(
      '+128000 是 Mitnick 的探测看到的步长：4.4BSD 每建一个连接加 64000，每半秒再加 64000；相隔约半秒的探测于是看到 +128000。这台主机的生成器不是这样工作的：请对照它的各个 ISN 和其间相隔的时间。',
    );
  });
});

describe('generated prompts', () => {
  it('a lost segment is not "processed"', () => {
    const ctx = lostLastAck();
    const lost = ctx.trace.segments.find((r) => r.fate === 'dropped')!;
    const q: QuestionSpec = { id: 'q', ask: 'state', host: 'server', after: lost.n };
    expect(promptFor(q, ctx, 'en')).toMatch(new RegExp(`^Segment ${lost.n} \\(.*\\) is lost on the way\\. What state is server in after that\\?$`));
    expect(promptFor(q, ctx, 'zh-cn')).toMatch(new RegExp(`^第 ${lost.n} 个报文段（.*）在途中丢失了。此时 server 处于什么状态？$`));
    expect(promptFor({ ...q, after: 1 }, ctx, 'en')).toMatch(/has been processed\?$/);
  });

  it('Chinese prompts name the fields and options in Chinese', () => {
    const ctx = run([listen(), connect()]);
    expect(promptFor({ id: 'q', ask: 'segment', segment: 3, fields: ['seq', 'ack', 'flags'] }, ctx, 'zh-cn')).toBe(
      '请预测第 3 个报文段（client → server）的序号、确认号和控制位。',
    );
    expect(promptFor({ id: 'q', ask: 'segment', segment: 3, fields: ['seq', 'ack', 'flags'] }, ctx, 'en')).toBe('Predict segment 3 (client → server): seq, ack, flags.');
    const opts: QuestionSpec = { id: 'q', ask: 'number', topic: 'header-length', options: { mss: 1460, wscale: 7, sackPermitted: true, timestamps: { tsval: 1, tsecr: 0 } } };
    expect(promptFor(opts, ctx, 'zh-cn')).toBe('带有以下选项的 TCP 首部有多少字节：MSS 1460、窗口扩大因子 7、允许 SACK、时间戳？');
    expect(explain(opts, ctx, 'zh-cn')).toBe('固定首部为 20 字节；再加上选项 MSS 1460、窗口扩大因子 7、允许 SACK、时间戳，并填充到 4 字节的整数倍。合计 40 字节（数据偏移为 10）。');
    expect(promptFor(opts, ctx, 'en')).toBe('How long, in bytes, is a TCP header with the options MSS 1460, WS 7, SACK-permitted, Timestamps?');
    expect(promptFor({ id: 'q', ask: 'flags', segment: 2 }, ctx, 'zh-cn')).toBe('第 2 个报文段（server → client）带有哪些控制位？');
  });

  it('the window scale is a shift count the sender announced, not a negotiated value', () => {
    const q: QuestionSpec = { id: 'q', ask: 'number', topic: 'effective-window', window: 65535, wscale: 7 };
    const ctx = run([listen(), connect()]);
    expect(promptFor(q, ctx, 'en')).toBe(
      'Both SYNs carried the window scale option, and the sender of this segment announced a shift count of 7 in its SYN. The segment\'s window field is 65535. How many bytes may the peer send, counted from the acknowledgment number?',
    );
    expect(promptFor(q, ctx, 'zh-cn')).toBe(
      '双方的 SYN 都带了窗口扩大选项，这个报文段的发送方在自己的 SYN 中声明的窗口扩大因子（移位数）是 7。该报文段的窗口字段为 65535。从确认号算起，对方最多可以发送多少字节？',
    );
    expect(promptFor(q, ctx, 'en')).not.toMatch(/negotiated/);
    expect(checkAnswer(q, ctx, '65535', 'zh-cn').misconception).toBe('这是报文中 16 位窗口字段的原始值。窗口扩大因子（移位数）为 7 时，要把它左移 7 位（乘以 2^7）。');
  });
});

describe('Chinese wording', () => {
  it('no space after 。 when sentences are joined', () => {
    const ctx = fourWayClose();
    for (let n = 1; n <= ctx.trace.segments.length; n++) {
      for (const host of ['client', 'server']) {
        expect(explain({ id: 'q', ask: 'state', host, after: n }, ctx, 'zh-cn')).not.toMatch(/。 /);
      }
      expect(explain({ id: 'q', ask: 'segment', segment: n, fields: ['seq', 'ack', 'flags'] }, ctx, 'zh-cn')).not.toMatch(/。 /);
    }
  });

  it('the RST action is 复位; 半打开连接; 控制位 and 定时器', () => {
    const ctx = run([listen(), connect(), send('client', 10), call('server', 'crash'), call('server', 'reboot'), send('client', 10)]);
    const rst = rstOf(ctx);
    const trigger = ctx.trace.segments.find((r) => r.n < rst.n && r.from === 'client' && r.arrivedAt === rst.sentAt)!;
    expect(explain({ id: 'q', ask: 'accepted', segment: trigger.n }, ctx, 'zh-cn')).toContain('这是一个半打开连接');
    expect(explain({ id: 'q', ask: 'flags', segment: rst.n }, ctx, 'zh-cn')).toContain('（半打开连接）');
    const closed: QuestionSpec = { id: 'q', ask: 'state', host: 'client', after: rst.n };
    expect(checkAnswer(closed, ctx, 'ESTABLISHED', 'zh-cn').misconception).toBe(`第 ${rst.n} 个报文段是一个可接受的 RST：连接被复位，client 直接进入 CLOSED，不经过任何关闭握手。`);
    expect(checkAnswer({ id: 'q', ask: 'flags', segment: 2 }, ctx, 'XYZ', 'zh-cn').message).toBe('“XYZ”不是 TCP 控制位。控制位有 CWR、ECE、URG、ACK、PSH、RST、SYN、FIN。');
    expect(checkAnswer({ id: 'q', ask: 'ack', segment: 1 }, ctx, '1001', 'zh-cn').misconception).toBe('第 1 个报文段没有置 ACK 位，确认号字段没有意义（发送时填 0），答案是“无”。');
  });

  it('a host without a connection shows no TCB: the rebooted server is CLOSED, with no stale numbers', () => {
    const ctx = run([listen(), connect(), send('client', 10), call('server', 'crash'), call('server', 'reboot'), send('client', 10)]);
    const rst = rstOf(ctx);
    const trigger = ctx.trace.segments.find((r) => r.n < rst.n && r.from === 'client' && r.arrivedAt === rst.sentAt)!;
    const prompt = promptFor({ id: 'q', ask: 'accepted', segment: trigger.n }, ctx, 'en');
    expect(prompt).toContain('which is in CLOSED.');
    expect(prompt).not.toMatch(/SND\.UNA|RCV\.NXT/);
    expect(explain({ id: 'q', ask: 'state', host: 'client', after: rst.n }, ctx, 'en')).not.toMatch(/TCB now/);
  });
});

describe('practice', () => {
  it('the linux topic also practises the base-rule reset of lesson 12c, and says which rules apply', () => {
    const sets = Array.from({ length: 40 }, (_, k) => generatePractice('linux', k + 1));
    const base = sets.find((p) => p.scenario.profile === 'rfc9293');
    const challenged = sets.find((p) => p.scenario.profile === 'linux');
    expect(base && challenged).toBeTruthy();
    const ctx = { scenario: base!.scenario, trace: simulate(base!.scenario) };
    const q = base!.questions.find((x) => x.id === 'linux-1')!;
    expect(checkAnswer(q, ctx, 'accepted', 'en').status).toBe('correct');
    expect(promptFor(q, ctx, 'en')).toContain('base rules of RFC 9293');
    expect(promptFor(q, ctx, 'zh-cn')).toContain('RFC 9293 的基本规则');
    // The client is never told: the connection is half-open.
    const half = base!.questions.find((x) => x.id === 'linux-6')!;
    expect(checkAnswer(half, ctx, 'ESTABLISHED', 'en').status).toBe('correct');
    const linuxCtx = { scenario: challenged!.scenario, trace: simulate(challenged!.scenario) };
    expect(promptFor(challenged!.questions.find((x) => x.id === 'linux-1')!, linuxCtx, 'en')).toContain('applies the checks of RFC 5961');
  });

  it('syn-flood practice asks about the listener itself, not its half-open entries', () => {
    const p = generatePractice('syn-flood', 3);
    const ctx = { scenario: p.scenario, trace: simulate(p.scenario) };
    const q = p.questions.find((x) => x.id === 'syn-flood-5')!;
    expect(checkAnswer(q, ctx, 'LISTEN', 'en').status).toBe('correct');
    expect(promptFor(q, ctx, 'en')).toMatch(/listening socket itself/);
  });

  it('the half-open practice topic is 半打开连接 in Chinese', () => {
    expect(generatePractice('half-open', 1).title).toMatchObject({ 'zh-cn': '练习：半打开连接（#1）' });
  });
});
