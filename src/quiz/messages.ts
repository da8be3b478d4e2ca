/**
 * Every sentence the quiz shows a learner, in English and Simplified Chinese. RFC terms (SYN, ACK,
 * FIN, RST, state names, SND.NXT …) stay in English in both; seq/ack are 序号/确认号 in Chinese.
 * Each entry is a pair of functions with the same parameters, so a call cannot miss a language.
 */
import type { Lang } from '../common/text';
import type { SendReason, TcpState } from '../engine/types';
import type { Acceptance } from './types';

function pair<A extends unknown[]>(en: (...a: A) => string, zh: (...a: A) => string): { en: (...a: A) => string; 'zh-cn': (...a: A) => string } {
  return { en, 'zh-cn': zh };
}

/** Seconds for a sentence, as the diagram writes durations: "60 s", "1.5 s", "4 min" (whole minutes from 2 min). */
function secs(s: number): string {
  return s >= 120 && s % 60 === 0 ? `${s / 60} min` : `${s} s`;
}
function secsZh(s: number): string {
  return s >= 120 && s % 60 === 0 ? `${s / 60} 分钟` : `${s} 秒`;
}
const FIELD_ZH: Record<string, string> = { seq: '序号', ack: '确认号', len: '数据长度', flags: '控制位', window: '窗口' };
const fieldZh = (f: string): string => FIELD_ZH[f] ?? f;

/** A segment field's name as a learner reads it: `seq` in English, 序号 in Chinese. */
export function fieldName(lang: Lang, field: string): string {
  return lang === 'en' ? field : fieldZh(field);
}

/** Several field names in one phrase: "seq, ack, flags" / "序号、确认号和控制位". */
export function fieldList(lang: Lang, fields: readonly string[]): string {
  if (lang === 'en') return fields.join(', ');
  const names = fields.map(fieldZh);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join('、')}和${names[names.length - 1]}`;
}

/**
 * Sentences joined as the language writes them: a space after an English full stop, nothing after
 * a Chinese 。 (empty parts are dropped).
 */
export function sentences(lang: Lang, parts: readonly string[]): string {
  return parts.filter((p) => p !== '').join(lang === 'en' ? ' ' : '');
}

/** TIME-WAIT's length for a sentence: "2MSL (4 min here)", or Linux's fixed TCP_TIMEWAIT_LEN. */
function twEn(tw: number, linux: boolean): string {
  return linux ? `Linux's fixed TIME-WAIT of ${secs(tw)}` : `2MSL (${secs(tw)} here)`;
}
function twZh(tw: number, linux: boolean): string {
  return linux ? `Linux 固定的 ${secsZh(tw)}` : `2MSL（这里是 ${secsZh(tw)}）`;
}
const twTimerEn = (tw: number, linux: boolean): string => (linux ? `Linux's TIME-WAIT timer (${secs(tw)})` : `The 2MSL timer (${secs(tw)})`);
const twTimerZh = (tw: number, linux: boolean): string => (linux ? `Linux 的 TIME-WAIT 定时器（${secsZh(tw)}）` : `2MSL 定时器（${secsZh(tw)}）`);
const stateOr = (s: string | null, fallback: string): string => s ?? fallback;

const M = {
  // ---- parsing -------------------------------------------------------------------------------
  emptyAnswer: pair(
    () => 'Type an answer first.',
    () => '请先输入答案。',
  ),
  rfcSpelling: pair(
    (input: string, state: string) => `Accepted as ${state}: RFC 9293 spells it ${state}, not "${input}".`,
    (input: string, state: string) => `按 ${state} 处理：RFC 9293 的写法是 ${state}，而不是“${input}”。`,
  ),
  finWaitWhich: pair(
    () => 'Which one: FIN-WAIT-1 or FIN-WAIT-2?',
    () => '是 FIN-WAIT-1 还是 FIN-WAIT-2？请写完整。',
  ),
  notAState: pair(
    (input: string) => `"${input}" is not a TCP state. The 11 states are CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT.`,
    (input: string) => `“${input}”不是 TCP 状态。TCP 共有 11 个状态：CLOSED、LISTEN、SYN-SENT、SYN-RECEIVED、ESTABLISHED、FIN-WAIT-1、FIN-WAIT-2、CLOSE-WAIT、CLOSING、LAST-ACK、TIME-WAIT。`,
  ),
  negativeNumber: pair(
    () => 'Sequence numbers, lengths and windows are never negative: they are unsigned.',
    () => '序号、长度和窗口都是无符号数，不会是负数。',
  ),
  notANumber: pair(
    (input: string) => `"${input}" is not a number. Write it in decimal (1001, 4,294,967,295) or hex (0x3e9).`,
    (input: string) => `“${input}”不是数字。请用十进制（如 1001、4,294,967,295）或十六进制（如 0x3e9）书写。`,
  ),
  notFlags: pair(
    (input: string) => `"${input}" is not a list of flags. Write e.g. SYN, ACK — or "none".`,
    (input: string) => `“${input}”不是控制位列表。请写成 SYN, ACK 这样的形式；一个控制位也没有就写“无”。`,
  ),
  unknownFlag: pair(
    (word: string) => `"${word}" is not a TCP flag. The flags are CWR, ECE, URG, ACK, PSH, RST, SYN, FIN.`,
    (word: string) => `“${word}”不是 TCP 控制位。控制位有 CWR、ECE、URG、ACK、PSH、RST、SYN、FIN。`,
  ),
  notAcceptance: pair(
    (input: string) => `"${input}" is not one of the answers: accept, ignore (drop), ack, challenge ack, rst.`,
    (input: string) => `“${input}”不是可选答案之一：接受（accept）、丢弃（ignore）、回复 ACK（ack）、挑战 ACK（challenge ack）、回复 RST（rst）。`,
  ),
  notADuration: pair(
    (input: string) => `"${input}" is not a duration. Write e.g. 240000 (ms), 240 s or 4 min.`,
    (input: string) => `“${input}”不是时长。请写成 240000（毫秒）、240 s 或 4 min 这样的形式。`,
  ),
  notAChoice: pair(
    (first: string, last: string) => `Answer with a letter from ${first} to ${last}, its number, or the text of a choice.`,
    (first: string, last: string) => `请用 ${first} 到 ${last} 的字母、选项序号或选项原文作答。`,
  ),
  expectedText: pair(
    () => 'This question takes a single answer, not a set of fields.',
    () => '这道题只需要一个答案，不是按字段填写。',
  ),
  missingFields: pair(
    (fields: string) => `Answer every field: ${fields} is still empty.`,
    (fields: string) => `请把每个字段都填上：${fields}还没有填写。`,
  ),

  // ---- questions the trace cannot answer ----------------------------------------------------
  errNoSegment: pair(
    (n: number, total: number) => `There is no segment ${n}: this scenario sends ${total} segment${total === 1 ? '' : 's'}.`,
    (n: number, total: number) => `不存在第 ${n} 个报文段：这个场景一共只发送了 ${total} 个报文段。`,
  ),
  errNoHost: pair(
    (host: string, hosts: string) => `There is no host "${host}" (hosts: ${hosts}).`,
    (host: string, hosts: string) => `没有名为“${host}”的主机（现有主机：${hosts}）。`,
  ),
  errNoIsn: pair(
    (host: string) => `${host} never opens a connection in this scenario, so it chooses no ISN.`,
    (host: string) => `${host} 在这个场景中从未发起连接，因此没有选择 ISN。`,
  ),
  errNoClose: pair(
    () => 'No FIN is sent in this scenario, so there is no close to count.',
    () => '这个场景中没有发送 FIN，也就谈不上统计关闭过程的报文段数。',
  ),
  errSegmentLost: pair(
    (n: number) => `Segment ${n} is lost in the network, so its receiver never sees it.`,
    (n: number) => `第 ${n} 个报文段在网络中丢失了，接收方根本没有收到它。`,
  ),
  errNotArrived: pair(
    (n: number) => `Segment ${n} has not arrived when the scenario ends.`,
    (n: number) => `场景结束时第 ${n} 个报文段还没有到达。`,
  ),

  // ---- misconceptions: states ---------------------------------------------------------------
  msTimeWaitNotClosed: pair(
    (host: string, tw: number, linux: boolean) =>
      `Not yet: ${host} closed first, so after acknowledging the peer's FIN it waits in TIME-WAIT for ${twEn(tw, linux)} before it becomes CLOSED — in case its last ACK is lost and the FIN comes again, and so old duplicates die out.`,
    (host: string, tw: number, linux: boolean) =>
      `还没有关闭：${host} 是先关闭的一方，确认了对方的 FIN 之后要在 TIME-WAIT 状态等待 ${twZh(tw, linux)}才进入 CLOSED。这样如果最后的 ACK 丢了，对方重传的 FIN 还能得到确认，网络中的旧报文段也有时间消失。`,
  ),
  msLastAckIsPassive: pair(
    (host: string) =>
      `LAST-ACK belongs to the side that closed SECOND (it received a FIN first, then sent its own). ${host} sent its FIN first, so it goes through FIN-WAIT-1, FIN-WAIT-2 (or CLOSING) and TIME-WAIT.`,
    (host: string) =>
      `LAST-ACK 属于后关闭的一方（先收到对方的 FIN，再发出自己的 FIN）。${host} 是先发 FIN 的一方，走的是 FIN-WAIT-1、FIN-WAIT-2（或 CLOSING）、TIME-WAIT 这条路。`,
  ),
  msCloseWaitIsPassive: pair(
    (host: string) => `CLOSE-WAIT is where the side that RECEIVES the first FIN waits for its application to close. ${host} sent the first FIN itself.`,
    (host: string) => `CLOSE-WAIT 是先收到 FIN 的一方等待本端应用调用 close 的状态，而 ${host} 自己才是先发 FIN 的一方。`,
  ),
  msPassiveCloser: pair(
    (host: string) =>
      `${host} did not start the close: it received the peer's FIN first, so it is on the passive side (CLOSE-WAIT, then LAST-ACK after its own CLOSE).`,
    (host: string) => `${host} 不是主动关闭的一方：它先收到了对方的 FIN，所以走被动关闭的路径（CLOSE-WAIT，本端 close 之后进入 LAST-ACK）。`,
  ),
  msSynReceivedUntilAck: pair(
    (host: string) =>
      `Not yet ESTABLISHED: ${host} has sent its SYN,ACK, but its own SYN is not acknowledged until the third segment (the ACK) arrives. Until then it is SYN-RECEIVED.`,
    (host: string) => `还不是 ESTABLISHED：${host} 已经发出了 SYN,ACK，但它自己的 SYN 要等第三个报文段（ACK）到达才算被确认，在此之前它处于 SYN-RECEIVED。`,
  ),
  msSimultaneousOpen: pair(
    (host: string) =>
      `${host} was in SYN-SENT, but then received a SYN without an ACK: the peer was opening at the same time. RFC 9293 §3.10.7.3: it sends SYN,ACK and moves to SYN-RECEIVED.`,
    (host: string) =>
      `${host} 原本处于 SYN-SENT，但随后收到了一个不带 ACK 的 SYN：对方同时也在发起连接。按 RFC 9293 §3.10.7.3，它回复 SYN,ACK 并进入 SYN-RECEIVED。`,
  ),
  msActiveOpenerSkipsSynReceived: pair(
    (host: string) => `${host} received a SYN,ACK that acknowledges its SYN, so it goes straight from SYN-SENT to ESTABLISHED; SYN-RECEIVED is only passed on the passive side (or in a simultaneous open).`,
    (host: string) => `${host} 收到的 SYN,ACK 确认了自己的 SYN，所以直接从 SYN-SENT 进入 ESTABLISHED；只有被动打开的一方（或同时打开时）才会经过 SYN-RECEIVED。`,
  ),
  msClosingNotTimeWait: pair(
    (host: string) =>
      `Not TIME-WAIT yet: ${host} has received the peer's FIN, but its own FIN is still unacknowledged, because the peer sent its FIN before ours had arrived. Until that ACK comes, ${host} is in CLOSING (a simultaneous close).`,
    (host: string) =>
      `还没到 TIME-WAIT：${host} 收到了对方的 FIN，但自己的 FIN 还没有被确认，因为对方发出 FIN 时我方的 FIN 还没到。在那个 ACK 到来之前，${host} 处于 CLOSING（同时关闭）。`,
  ),
  msClosing: pair(
    (host: string) =>
      `The FINs crossed: ${host} received the peer's FIN while its own FIN was still unacknowledged. That is CLOSING (a simultaneous close), not FIN-WAIT-2 — FIN-WAIT-2 needs the ACK of our FIN first.`,
    (host: string) =>
      `两个 FIN 在网络中交错而过：${host} 收到对方的 FIN 时，自己的 FIN 还没有被确认，这就是 CLOSING（同时关闭），而不是 FIN-WAIT-2——进入 FIN-WAIT-2 的前提是自己的 FIN 先被确认。`,
  ),
  msFinWait2NotClosing: pair(
    (host: string) => `The peer has acknowledged ${host}'s FIN but has not sent a FIN of its own yet: that is FIN-WAIT-2. CLOSING would need a FIN from the peer before that ACK.`,
    (host: string) => `对方已经确认了 ${host} 的 FIN，但还没有发出自己的 FIN，所以是 FIN-WAIT-2。只有在收到这个 ACK 之前先收到对方的 FIN，才会进入 CLOSING。`,
  ),
  msClosingToTimeWait: pair(
    (host: string) => `${host} was in CLOSING; the ACK of its FIN has now arrived, so it moves on to TIME-WAIT.`,
    (host: string) => `${host} 之前处于 CLOSING；现在它的 FIN 的确认已经到达，于是进入 TIME-WAIT。`,
  ),
  msFinWait1: pair(
    (host: string) => `${host}'s FIN has not been acknowledged yet, so it is still in FIN-WAIT-1.`,
    (host: string) => `${host} 的 FIN 还没有被确认，所以仍处于 FIN-WAIT-1。`,
  ),
  msFinWait2: pair(
    (host: string) => `The ACK of ${host}'s FIN has arrived, so it has left FIN-WAIT-1 for FIN-WAIT-2.`,
    (host: string) => `${host} 的 FIN 已经被确认，所以它已从 FIN-WAIT-1 进入 FIN-WAIT-2。`,
  ),
  msCloseWait: pair(
    (host: string) =>
      `Receiving a FIN only closes the peer's direction: ${host} acknowledges it and stays in CLOSE-WAIT (it can still send) until its own application calls CLOSE.`,
    (host: string) => `收到 FIN 只表示对方那个方向关闭了：${host} 确认这个 FIN 后停在 CLOSE-WAIT（仍然可以发送数据），直到本端应用调用 close。`,
  ),
  msTimeWaitExpired: pair(
    (host: string, tw: number, linux: boolean) => `${twTimerEn(tw, linux)} has already expired, so ${host} has left TIME-WAIT and is CLOSED.`,
    (host: string, tw: number, linux: boolean) => `${twTimerZh(tw, linux)}已经到期，${host} 已离开 TIME-WAIT，进入 CLOSED。`,
  ),
  msListenerStays: pair(
    (host: string) =>
      `${host}'s listening socket itself stays in LISTEN. Each SYN it answers gets a separate entry in SYN-RECEIVED (with SYN cookies, not even that); SYN-RECEIVED belongs to those entries, not to the listener.`,
    (host: string) =>
      `${host} 的监听套接字本身一直处于 LISTEN。它每回应一个 SYN，都另建一个处于 SYN-RECEIVED 的条目（启用 SYN cookie 时连条目都不建）；SYN-RECEIVED 属于这些条目，而不属于监听套接字。`,
  ),
  msFinAckCombined: pair(
    (host: string, n: number) =>
      `Segment ${n} both acknowledged ${host}'s FIN and carried the peer's FIN. RFC 9293 §3.10.7.4 checks the ACK field before the FIN bit, so the same segment takes ${host} from FIN-WAIT-1 to FIN-WAIT-2 and straight on to TIME-WAIT.`,
    (host: string, n: number) =>
      `第 ${n} 个报文段既确认了 ${host} 的 FIN，又带来了对方的 FIN。RFC 9293 §3.10.7.4 先检查确认号、后检查 FIN 位，所以同一个报文段就让 ${host} 从 FIN-WAIT-1 经 FIN-WAIT-2 直接进入 TIME-WAIT。`,
  ),
  msFinEndsFinWait2: pair(
    (host: string, n: number) => `Segment ${n} brought the peer's FIN, the one thing FIN-WAIT-2 waits for: ${host} acknowledges it and moves on to TIME-WAIT.`,
    (host: string, n: number) => `第 ${n} 个报文段带来了对方的 FIN，这正是 FIN-WAIT-2 在等的东西：${host} 确认它之后进入 TIME-WAIT。`,
  ),
  msLastAckAfterClose: pair(
    (host: string) => `${host}'s application has called CLOSE as well: ${host} sent its own FIN and left CLOSE-WAIT for LAST-ACK, where it waits for that FIN to be acknowledged.`,
    (host: string) => `${host} 的应用也已经调用了 CLOSE：${host} 发出了自己的 FIN，离开 CLOSE-WAIT 进入 LAST-ACK，等待对这个 FIN 的确认。`,
  ),
  msLastAckWaits: pair(
    (host: string, lost: number | null) =>
      `Nothing has acknowledged ${host}'s FIN yet${lost !== null ? ` (segment ${lost} was lost on the way)` : ''}, so ${host} is still in LAST-ACK; its retransmission timer will send the FIN again.`,
    (host: string, lost: number | null) =>
      `${host} 的 FIN 还没有得到任何确认${lost !== null ? `（第 ${lost} 个报文段在途中丢失了）` : ''}，所以 ${host} 仍处于 LAST-ACK；它的重传定时器到期后会再发一次 FIN。`,
  ),
  msResetCloses: pair(
    (host: string, n: number) => `Segment ${n} is an acceptable RST: it resets the connection and ${host} goes straight to CLOSED, without any closing handshake.`,
    (host: string, n: number) => `第 ${n} 个报文段是一个可接受的 RST：连接被复位，${host} 直接进入 CLOSED，不经过任何关闭握手。`,
  ),

  // ---- misconceptions: numbers --------------------------------------------------------------
  msRelativeGiven: pair(
    (field: string, base: number) => `That is the relative ${field} (as Wireshark shows it). The question asks for the absolute number: add the ISN ${base}.`,
    (field: string, base: number) => `这是相对${fieldZh(field)}（Wireshark 默认的显示方式）。题目要的是绝对值：请加上 ISN ${base}。`,
  ),
  msAbsoluteGiven: pair(
    (field: string, base: number) => `That is the absolute ${field}. The question asks for the relative number: subtract the ISN ${base}.`,
    (field: string, base: number) => `这是绝对${fieldZh(field)}。题目要的是相对值：请减去 ISN ${base}。`,
  ),
  msSwappedSeqAck: pair(
    (field: string) =>
      field === 'ack'
        ? 'That is the segment\'s seq, not its ack. The seq numbers the sender\'s own bytes; the ack names the next byte it expects FROM THE PEER.'
        : 'That is the segment\'s ack, not its seq. The seq numbers the sender\'s own bytes; the ack names the next byte it expects from the peer.',
    (field: string) =>
      field === 'ack'
        ? '这是该报文段的序号，不是确认号。序号给发送方自己的字节编号；确认号是它期望从对方收到的下一个字节的序号。'
        : '这是该报文段的确认号，不是序号。序号给发送方自己的字节编号；确认号是它期望从对方收到的下一个字节的序号。',
  ),
  msRstSeqFromAck: pair(
    (trigger: number, ack: number) =>
      `Sequence number 0 is for a reset answering a segment without ACK. Segment ${trigger} had ACK set, so the reset takes its seq from that segment's ack: <SEQ=SEG.ACK><CTL=RST>, seq = ${ack} (RFC 9293 §3.10.7.1).`,
    (trigger: number, ack: number) =>
      `序号 0 只用于回应不带 ACK 的报文段的复位。第 ${trigger} 个报文段带有 ACK，所以复位报文的序号取自它的确认号：<SEQ=SEG.ACK><CTL=RST>，序号 = ${ack}（RFC 9293 §3.10.7.1）。`,
  ),
  msRstSeqZero: pair(
    (trigger: number) =>
      `A host without a connection has no sequence numbers of its own to use. Segment ${trigger} had no ACK, so the reset is <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>: seq = 0 (RFC 9293 §3.10.7.1).`,
    (trigger: number) =>
      `没有连接的主机谈不上自己的序号。第 ${trigger} 个报文段不带 ACK，所以复位报文是 <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>：序号 = 0（RFC 9293 §3.10.7.1）。`,
  ),
  msSynConsumes: pair(
    (n: number, seq: number) => `Segment ${n} is a SYN with seq ${seq}, and a SYN consumes one sequence number: the next byte expected is ${seq} + 1.`,
    (n: number, seq: number) => `第 ${n} 个报文段是序号为 ${seq} 的 SYN，而 SYN 要占用一个序号：期望的下一个序号是 ${seq} + 1。`,
  ),
  msFinConsumes: pair(
    (n: number, finSeq: number) => `Segment ${n} carries a FIN (at sequence number ${finSeq}), and a FIN consumes one sequence number: acknowledge ${finSeq} + 1.`,
    (n: number, finSeq: number) => `第 ${n} 个报文段带有 FIN（占用序号 ${finSeq}），FIN 也要占用一个序号：确认号应为 ${finSeq} + 1。`,
  ),
  msAckIsNextByte: pair(
    (n: number, seq: number, len: number) =>
      `The ack does not repeat the seq it acknowledges: it names the NEXT byte expected. Segment ${n} carried ${len} bytes starting at ${seq}, so the next one is ${seq} + ${len}.`,
    (n: number, seq: number, len: number) =>
      `确认号不是重复对方的序号，而是期望收到的“下一个”字节的序号。第 ${n} 个报文段从 ${seq} 开始携带了 ${len} 字节，所以下一个是 ${seq} + ${len}。`,
  ),
  msAckOffByOne: pair(
    (n: number, seq: number, len: number) =>
      `Off by one: ${seq} + ${len} - 1 is the LAST byte received in segment ${n}; the ack names the byte after it, ${seq} + ${len}.`,
    (n: number, seq: number, len: number) => `差了 1：${seq} + ${len} - 1 是第 ${n} 个报文段中最后一个已收到的字节；确认号要写它的下一个字节，即 ${seq} + ${len}。`,
  ),
  msOwnSynConsumes: pair(
    (n: number, seq: number) => `The sender's SYN (segment ${n}, seq ${seq}) consumed one sequence number, so its next seq is ${seq} + 1.`,
    (n: number, seq: number) => `发送方自己的 SYN（第 ${n} 个报文段，序号 ${seq}）占用了一个序号，所以它接下来的序号是 ${seq} + 1。`,
  ),
  msOwnFinConsumes: pair(
    (n: number) => `The sender's FIN (segment ${n}) consumed one sequence number: whatever it sends next starts one later.`,
    (n: number) => `发送方的 FIN（第 ${n} 个报文段）占用了一个序号，之后发送的报文段序号要再加 1。`,
  ),
  msSeqAdvancesByLen: pair(
    (n: number, len: number) => `Segment ${n} already carried ${len} bytes from this sender, so the seq has moved on by ${len}.`,
    (n: number, len: number) => `这个发送方在第 ${n} 个报文段中已经发送了 ${len} 字节，所以序号要向前推进 ${len}。`,
  ),
  msNoAckField: pair(
    (n: number) => `Segment ${n} has no ACK flag, so its ack field means nothing (it is sent as 0): the answer is "none".`,
    (n: number) => `第 ${n} 个报文段没有置 ACK 位，确认号字段没有意义（发送时填 0），答案是“无”。`,
  ),
  msAckPresent: pair(
    (n: number) =>
      `Segment ${n} does have the ACK flag set, so its ack number counts. Once a host has the peer's SYN, every segment it sends carries ACK, except a bare RST (RFC 9293 §3.8: all segments of an established connection carry current acknowledgment information).`,
    (n: number) =>
      `第 ${n} 个报文段置了 ACK 位，确认号是有效的。一台主机收到对方的 SYN 之后，发出的每个报文段都带 ACK，只有不带 ACK 的 RST 例外（RFC 9293 §3.8：已建立连接上的报文段都要携带最新的确认信息）。`,
  ),
  noteAckZero: pair(
    () => 'Right: the field is 0 on the wire, but since ACK is off it carries no meaning.',
    () => '对：这个字段在报文里是 0，但由于没有置 ACK 位，它没有意义。',
  ),

  // ---- misconceptions: flags ----------------------------------------------------------------
  msAckAlwaysSet: pair(
    (n: number) => `Segment ${n} also carries ACK: once a host has received the peer's SYN, every segment it sends carries an acknowledgment, except a bare RST (RFC 9293 §3.8).`,
    (n: number) => `第 ${n} 个报文段还带有 ACK：一旦收到了对方的 SYN，之后发出的每个报文段都带着确认，只有不带 ACK 的 RST 例外（RFC 9293 §3.8）。`,
  ),
  msRstAck: pair(
    () => 'This RST also carries ACK: it answers a segment without ACK, so RFC 9293 §3.10.7.1 sends <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.',
    () => '这个 RST 同时带有 ACK：它回应的是一个不带 ACK 的报文段，按 RFC 9293 §3.10.7.1 发送 <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>。',
  ),
  msAbortRstAck: pair(
    () => 'This RST also carries ACK: it comes from Linux, whose ABORT sends RST,ACK, where RFC 9293 §3.10.5 sends a bare <SEQ=SND.NXT><CTL=RST>.',
    () => '这个 RST 同时带有 ACK：它来自 Linux，Linux 中止连接时发出的是 RST,ACK；按 RFC 9293 §3.10.5，则只发单纯的 <SEQ=SND.NXT><CTL=RST>。',
  ),
  msAbortRstNoAck: pair(
    () => 'This RST has no ACK flag: RFC 9293 §3.10.5\'s ABORT sends a bare <SEQ=SND.NXT><CTL=RST> (Linux would add ACK, making it RST,ACK).',
    () => '这个 RST 不带 ACK：按 RFC 9293 §3.10.5，ABORT 只发单纯的 <SEQ=SND.NXT><CTL=RST>（Linux 则会加上 ACK，成为 RST,ACK）。',
  ),
  msFirstSynNoAck: pair(
    () => 'The first SYN has nothing to acknowledge yet: it carries no ACK.',
    () => '第一个 SYN 还没有任何东西可以确认，所以它不带 ACK。',
  ),
  msRstNoAck: pair(
    () => 'This segment has no ACK flag: an RST answering a segment that had ACK takes its seq from that ack and carries no ACK (RFC 9293 §3.10.7.1).',
    () => '这个报文段不带 ACK：回应带 ACK 的报文段时，RST 的序号取自对方的确认号，且本身不带 ACK（RFC 9293 §3.10.7.1）。',
  ),
  msPsh: pair(
    () => 'Close — only PSH differs. Check whether this segment carries data the sender pushes.',
    () => '很接近，只差 PSH。看看这个报文段是否携带了需要推送的数据。',
  ),

  // ---- misconceptions: what happens to an arriving segment ----------------------------------
  msChallengeAckRst: pair(
    () => 'The RST is inside the window but not exactly at RCV.NXT: RFC 5961 §3.2 (which Linux follows) answers with a challenge ACK instead of resetting, so a blind attacker cannot guess an RST into the window.',
    () => '这个 RST 落在窗口内，但序号不等于 RCV.NXT：按 RFC 5961 §3.2（Linux 的做法），接收方不复位连接，而是回复一个挑战 ACK（challenge ACK），使盲目猜测序号的攻击者难以得逞。',
  ),
  msChallengeAckSyn: pair(
    () => 'A SYN in a synchronized state is answered with a challenge ACK (RFC 9293 §3.10.7.4, RFC 5961 §4.2) rather than resetting the connection.',
    () => '在同步状态下收到 SYN 时，回复挑战 ACK（RFC 9293 §3.10.7.4、RFC 5961 §4.2），而不是复位连接。',
  ),
  msNeverAnswerRst: pair(
    () => 'An RST is never answered: not with an RST, not with an ACK. An unacceptable RST is silently discarded (RFC 9293 §3.10.7).',
    () => 'RST 永远不会被回应：既不回 RST，也不回 ACK。不可接受的 RST 直接被静默丢弃（RFC 9293 §3.10.7）。',
  ),
  msBacklogFull: pair(
    () => 'The SYN backlog is full: the SYN is dropped silently, so the client will simply retransmit it later.',
    () => 'SYN 半连接队列已满：这个 SYN 被静默丢弃，客户端之后会自行重传。',
  ),
  msAcceptQueueFull: pair(
    () => 'The accept queue is full: the segment is dropped silently, not refused, so the peer simply retransmits it later.',
    () => '全连接队列已满：这个报文段被静默丢弃，而不是被拒绝，对方之后会自行重传。',
  ),
  msUnacceptableAck: pair(
    () => 'An unacceptable segment (outside the receive window) is not just dropped: unless it is an RST, the receiver sends an ACK <SEQ=SND.NXT><ACK=RCV.NXT> and then drops it (RFC 9293 §3.10.7.4).',
    () => '不可接受的报文段（不在接收窗口内）并不是简单丢弃：只要它不是 RST，接收方就要回复 ACK <SEQ=SND.NXT><ACK=RCV.NXT>，然后再丢弃它（RFC 9293 §3.10.7.4）。',
  ),
  msAckNotRst: pair(
    () => 'The connection exists, so the answer to an unacceptable segment is an ACK, not an RST: an RST is for a segment that belongs to no connection.',
    () => '连接是存在的，所以对不可接受的报文段回复的是 ACK 而不是 RST：RST 用于不属于任何连接的报文段。',
  ),
  msNoSocketRst: pair(
    () => 'No connection matches this segment (or it acknowledges something never sent), so the receiver answers with an RST (RFC 9293 §3.10.7.1 and §3.10.7.2).',
    () => '没有任何连接与这个报文段匹配（或者它确认了从未发送过的数据），因此接收方回复 RST（RFC 9293 §3.10.7.1、§3.10.7.2）。',
  ),
  msRstAccepted: pair(
    () => 'This RST is acceptable (its seq is in the window), so it is accepted and the connection is reset; nothing is sent back.',
    () => '这个 RST 是可接受的（序号在窗口内），接收方接受它并复位连接，不回复任何报文段。',
  ),

  // ---- misconceptions: number topics --------------------------------------------------------
  msDataOffsetWords: pair(
    (expected: number) => `That is the header length in bytes. The data offset field counts 32-bit words: ${expected * 4} bytes / 4 = ${expected}.`,
    (expected: number) => `这是以字节为单位的首部长度。数据偏移字段以 32 位字（4 字节）为单位：${expected * 4} / 4 = ${expected}。`,
  ),
  msHeaderBytes: pair(
    (expected: number) => `That is the data offset in 32-bit words. In bytes the header is ${expected / 4} × 4 = ${expected}.`,
    (expected: number) => `这是以 32 位字为单位的数据偏移。换算成字节，首部长度是 ${expected / 4} × 4 = ${expected}。`,
  ),
  msWindowNoScale: pair(
    (wscale: number) => `That is the 16-bit window field as sent. With window scale ${wscale}, the receiver shifts it left by ${wscale} bits (multiplies by 2^${wscale}).`,
    (wscale: number) => `这是报文中 16 位窗口字段的原始值。窗口扩大因子（移位数）为 ${wscale} 时，要把它左移 ${wscale} 位（乘以 2^${wscale}）。`,
  ),
  msWindowShift: pair(
    (wscale: number) => `The scale is a shift count: multiply by 2^${wscale} = ${2 ** wscale}, not by ${wscale}.`,
    (wscale: number) => `窗口扩大因子（移位数）表示左移的位数：要乘以 2^${wscale} = ${2 ** wscale}，而不是乘以 ${wscale}。`,
  ),
  msTimeWaitIsTwoMsl: pair(
    () => 'That is one MSL. TIME-WAIT lasts TWO MSL: one for the last ACK to travel, one for a retransmitted FIN to come back.',
    () => '这只是 1 个 MSL。TIME-WAIT 要持续 2MSL：一个 MSL 让最后的 ACK 到达对方，另一个 MSL 让可能重传的 FIN 返回。',
  ),
  msLinuxTimeWait: pair(
    () => 'That is RFC 9293\'s 2 × 2 min. Linux does not use an MSL here: its TIME-WAIT is a fixed 60 s (TCP_TIMEWAIT_LEN).',
    () => '这是 RFC 9293 的 2 × 2 分钟。Linux 并不按 MSL 计算：它的 TIME-WAIT 固定为 60 秒（TCP_TIMEWAIT_LEN）。',
  ),
  msRfcTimeWait: pair(
    () => '60 s is Linux\'s fixed TIME-WAIT. RFC 9293 defines MSL as 2 minutes, so TIME-WAIT is 2MSL = 4 minutes.',
    () => '60 秒是 Linux 固定的 TIME-WAIT 时长。RFC 9293 规定 MSL 为 2 分钟，所以 TIME-WAIT 为 2MSL = 4 分钟。',
  ),
  msScenarioMsl: pair(
    (msl: number, tw: number) => `This scenario sets its own MSL of ${msl} ms, so TIME-WAIT lasts 2 × ${msl} ms = ${tw} ms here — not RFC 9293's 4 minutes or Linux's 60 s.`,
    (msl: number, tw: number) => `本场景自己设定了 MSL = ${msl} 毫秒，所以这里的 TIME-WAIT 是 2 × ${msl} 毫秒 = ${tw} 毫秒，而不是 RFC 9293 的 4 分钟或 Linux 的 60 秒。`,
  ),
  msIsnClockTicks: pair(
    () =>
      '+128,000 is the step Mitnick\'s probes saw: 4.4BSD added 64,000 per connection and 64,000 every half-second, and probes about 0.5 s apart therefore saw +128,000. This host\'s generator works differently: compare its ISNs with the time between them.',
    () =>
      '+128000 是 Mitnick 的探测看到的步长：4.4BSD 每建一个连接加 64000，每半秒再加 64000；相隔约半秒的探测于是看到 +128000。这台主机的生成器不是这样工作的：请对照它的各个 ISN 和其间相隔的时间。',
  ),
  msFinPiggyback: pair(
    () => 'Here the close took only three segments: the passive side\'s FIN rode on its ACK of the first FIN (FIN,ACK).',
    () => '这里关闭只用了三个报文段：被动关闭方把自己的 FIN 和对第一个 FIN 的确认合并在了一起（FIN,ACK）。',
  ),
  msFourWay: pair(
    () => 'Here the ACK of the first FIN and the peer\'s own FIN travel separately: four segments.',
    () => '这里对第一个 FIN 的确认和对方自己的 FIN 是分开发送的：共四个报文段。',
  ),
  noteInBytes: pair(
    (expected: number) => `Right — in bytes that is ${expected}.`,
    (expected: number) => `对——换算成字节就是 ${expected}。`,
  ),
  noteInWords: pair(
    (expected: number) => `Right — the field itself holds ${expected} (32-bit words).`,
    (expected: number) => `对——字段本身的值是 ${expected}（以 32 位字为单位）。`,
  ),

  // ---- expect vs engine ---------------------------------------------------------------------
  expectNeedsMap: pair(
    (fields: string) => `\`expect\` of a segment question must be a map of fields (${fields}).`,
    (fields: string) => `segment 题的 \`expect\` 必须是字段映射（${fields}）。`,
  ),
  expectUnreadable: pair(
    (what: string) => `\`expect\` (${what}) is not a value the quiz can read.`,
    (what: string) => `\`expect\`（${what}）的值无法识别。`,
  ),
  expectQuestionBroken: pair(
    (id: string, why: string) => `Question ${id} cannot be answered from this scenario: ${why}`,
    (id: string, why: string) => `题目 ${id} 无法根据这个场景作答：${why}`,
  ),
  expectExtraFields: pair(
    (id: string, extra: string, fields: string) => `Question ${id}: \`expect\` names ${extra}, which the question does not ask (fields: ${fields}).`,
    (id: string, extra: string, fields: string) => `题目 ${id}：\`expect\` 中的 ${extra} 不在题目所问的字段之中（字段：${fields}）。`,
  ),
  expectInvalid: pair(
    (id: string, why: string, engine: string) => `Question ${id}: \`expect\` is not a valid answer (${why}). The engine computes: ${engine}.`,
    (id: string, why: string, engine: string) => `题目 ${id}：\`expect\` 不是有效答案（${why}）。引擎计算的结果是：${engine}。`,
  ),
  expectDisagrees: pair(
    (id: string, expect: string, engine: string) => `Question ${id}: \`expect\` says ${expect}, but the engine computes ${engine}.`,
    (id: string, expect: string, engine: string) => `题目 ${id}：\`expect\` 写的是 ${expect}，但引擎计算的结果是 ${engine}。`,
  ),

  // ---- answers ------------------------------------------------------------------------------
  noFlags: pair(
    () => 'none',
    () => '无',
  ),
  answerNoAck: pair(
    () => 'none (the ACK flag is off)',
    () => '无（未置 ACK 位）',
  ),
  answerRelative: pair(
    (rel: number, abs: number) => `${rel} (relative; absolute ${abs})`,
    (rel: number, abs: number) => `${rel}（相对值；绝对值为 ${abs}）`,
  ),
  unitBytes: pair(
    (v: number) => `${v} bytes`,
    (v: number) => `${v} 字节`,
  ),
  unitWords: pair(
    (v: number) => `${v} (32-bit words)`,
    (v: number) => `${v}（单位：32 位字）`,
  ),
  unitMs: pair(
    (v: number) => `${v} ms (${secs(v / 1000)})`,
    (v: number) => `${v} 毫秒（${secsZh(v / 1000)}）`,
  ),

  // ---- prompts ------------------------------------------------------------------------------
  promptStateStart: pair(
    (host: string) => `What state is ${host} in before the first segment is sent?`,
    (host: string) => `在第一个报文段发出之前，${host} 处于什么状态？`,
  ),
  promptState: pair(
    (host: string, after: number, desc: string, lost: boolean) =>
      lost
        ? `Segment ${after} (${desc}) is lost on the way. What state is ${host} in after that?`
        : `What state is ${host} in once segment ${after} (${desc}) has been processed?`,
    (host: string, after: number, desc: string, lost: boolean) =>
      lost ? `第 ${after} 个报文段（${desc}）在途中丢失了。此时 ${host} 处于什么状态？` : `第 ${after} 个报文段（${desc}）处理完之后，${host} 处于什么状态？`,
  ),
  promptSeq: pair(
    (n: number, from: string, to: string, flags: string, relative: boolean) =>
      `What is the sequence number of segment ${n} (${from} → ${to}, ${flags})?${relative ? ' Give it relative to the sender\'s ISN, as Wireshark shows it.' : ''}`,
    (n: number, from: string, to: string, flags: string, relative: boolean) =>
      `第 ${n} 个报文段（${from} → ${to}，${flags}）的序号是多少？${relative ? '请给出相对序号（以发送方的 ISN 为 0，与 Wireshark 的显示方式相同）。' : ''}`,
  ),
  promptAck: pair(
    (n: number, from: string, to: string, flags: string, relative: boolean) =>
      `What is the acknowledgment number of segment ${n} (${from} → ${to}, ${flags})?${relative ? ' Give it relative to the peer\'s ISN, as Wireshark shows it.' : ''} If it has none, answer "none".`,
    (n: number, from: string, to: string, flags: string, relative: boolean) =>
      `第 ${n} 个报文段（${from} → ${to}，${flags}）的确认号是多少？${relative ? '请给出相对确认号（以对方的 ISN 为 0，与 Wireshark 的显示方式相同）。' : ''}如果没有确认号，请回答“无”。`,
  ),
  promptFlags: pair(
    (n: number, from: string, to: string) => `Which flags does segment ${n} (${from} → ${to}) carry?`,
    (n: number, from: string, to: string) => `第 ${n} 个报文段（${from} → ${to}）带有哪些控制位？`,
  ),
  promptSegment: pair(
    (n: number, from: string, to: string, fields: string, relative: boolean) =>
      `Predict segment ${n} (${from} → ${to}): ${fields}.${relative ? ' Numbers relative to the ISNs, as Wireshark shows them.' : ''}`,
    (n: number, from: string, to: string, fields: string, relative: boolean) =>
      `请预测第 ${n} 个报文段（${from} → ${to}）的${fields}。${relative ? '序号和确认号使用相对值（以 ISN 为 0，与 Wireshark 相同）。' : ''}`,
  ),
  promptAccepted: pair(
    (desc: string, to: string, state: string | null, tcb: string) =>
      `Segment ${desc} arrives at ${to}${state ? `, which is in ${state}` : ''}${tcb ? ` (${tcb})` : ''}. What does ${to} do with it: accept it, ignore it, answer with an ACK, a challenge ACK, or an RST?`,
    (desc: string, to: string, state: string | null, tcb: string) =>
      `报文段 ${desc} 到达 ${to}${state ? `，此时 ${to} 处于 ${state}` : ''}${tcb ? `（${tcb}）` : ''}。${to} 会怎样处理它：接受、丢弃、回复 ACK、回复挑战 ACK，还是回复 RST？`,
  ),
  promptChoice: pair(
    () => 'Choose the right answer.',
    () => '请选择正确答案。',
  ),
  promptHeaderLength: pair(
    (opts: string) => `How long, in bytes, is a TCP header ${opts ? `with the options ${opts}` : 'without options'}?`,
    (opts: string) => (opts ? `带有以下选项的 TCP 首部有多少字节：${opts}？` : '不带选项的 TCP 首部有多少字节？'),
  ),
  promptDataOffset: pair(
    (opts: string) => `What value does the data offset field hold for a TCP header ${opts ? `with the options ${opts}` : 'without options'}?`,
    (opts: string) => (opts ? `带有以下选项的 TCP 首部，其数据偏移字段的值是多少：${opts}？` : '不带选项的 TCP 首部，其数据偏移字段的值是多少？'),
  ),
  promptEffectiveWindow: pair(
    (w: number, ws: number) =>
      `Both SYNs carried the window scale option, and the sender of this segment announced a shift count of ${ws} in its SYN. The segment's window field is ${w}. How many bytes may the peer send, counted from the acknowledgment number?`,
    (w: number, ws: number) =>
      `双方的 SYN 都带了窗口扩大选项，这个报文段的发送方在自己的 SYN 中声明的窗口扩大因子（移位数）是 ${ws}。该报文段的窗口字段为 ${w}。从确认号算起，对方最多可以发送多少字节？`,
  ),
  promptTimeWait: pair(
    (msl: number | null, profile: string) =>
      `How long does TIME-WAIT last here, in ms (${msl !== null ? `MSL = ${msl} ms` : profile === 'linux' ? 'Linux' : 'RFC 9293'})?`,
    (msl: number | null, profile: string) =>
      `这里 TIME-WAIT 持续多少毫秒（${msl !== null ? `MSL = ${msl} 毫秒` : profile === 'linux' ? 'Linux' : 'RFC 9293'}）？`,
  ),
  promptNextIsn: pair(
    (host: string) => `Which ISN does ${host} choose for its next connection?`,
    (host: string) => `${host} 下一个连接会选用哪个 ISN？`,
  ),
  promptCloseSegments: pair(
    () => 'How many segments does the close take, from the first FIN to the last ACK?',
    () => '从第一个 FIN 到最后一个 ACK，关闭连接一共用了多少个报文段？',
  ),
  promptSegmentCount: pair(
    () => 'How many segments are sent in this scenario in total?',
    () => '这个场景一共发送了多少个报文段？',
  ),

  // ---- explanations -------------------------------------------------------------------------
  causeCall: pair(
    (call: string) => `the application's ${call} call`,
    (call: string) => `应用调用 ${call}`,
  ),
  causeTimer: pair(
    (timer: string) => `the ${timer} expiring`,
    (timer: string) => `${timer}到期`,
  ),
  causeSegment: pair(
    (desc: string) => `segment ${desc}`,
    (desc: string) => `收到报文段 ${desc}`,
  ),
  explainSegmentNoChange: pair(
    (host: string, n: number, state: string) => `Segment ${n} does not change ${host}'s state: it is still ${state}.`,
    (host: string, n: number, state: string) => `第 ${n} 个报文段没有改变 ${host} 的状态：它仍处于 ${state}。`,
  ),
  explainLostNoChange: pair(
    (host: string, n: number, state: string) => `Segment ${n} never reaches ${host}, so ${host} stays ${state}.`,
    (host: string, n: number, state: string) => `第 ${n} 个报文段没有到达 ${host}，所以 ${host} 仍处于 ${state}。`,
  ),
  explainNoChange: pair(
    (host: string, state: string) => `${host} has not changed state yet: it is ${state}.`,
    (host: string, state: string) => `${host} 的状态还没有变化：仍是 ${state}。`,
  ),
  explainTransition: pair(
    (host: string, from: string, to: string, cause: string) => `${host} moved from ${from} to ${to} on ${cause}.`,
    (host: string, from: string, to: string, cause: string) => `${host} 从 ${from} 进入 ${to}，原因：${cause}。`,
  ),
  explainTcb: pair(
    (host: string, line: string) => `${host}'s TCB now: ${line}.`,
    (host: string, line: string) => `此时 ${host} 的 TCB：${line}。`,
  ),
  explainInjected: pair(
    (n: number) => `Segment ${n} was crafted by the scenario (injected): its numbers are whatever the attacker chose.`,
    (n: number) => `第 ${n} 个报文段是场景伪造注入的，它的各个数值都由“攻击者”任意指定。`,
  ),
  explainSeqRetransmission: pair(
    (n: number, seq: number) => `Segment ${n} is a retransmission: it repeats the original's seq, ${seq}.`,
    (n: number, seq: number) => `第 ${n} 个报文段是重传，沿用原报文段的序号 ${seq}。`,
  ),
  explainSeqSyn: pair(
    (n: number, from: string, seq: number) => `seq = ${seq}: segment ${n} is ${from}'s SYN, which carries the initial sequence number (ISS) ${from} chose.`,
    (n: number, from: string, seq: number) => `序号 = ${seq}：第 ${n} 个报文段是 ${from} 的 SYN，携带的是 ${from} 选定的初始序号（ISS）。`,
  ),
  explainRstSeqFromAck: pair(
    (n: number, trigger: number, ack: number) => `seq = ${ack}: the RST (segment ${n}) answers segment ${trigger}, which had ACK set, so RFC 9293 §3.10.7.1 takes its seq from that segment's ack (<SEQ=SEG.ACK><CTL=RST>).`,
    (n: number, trigger: number, ack: number) => `序号 = ${ack}：这个 RST（第 ${n} 个）回应的是带 ACK 的第 ${trigger} 个报文段，按 RFC 9293 §3.10.7.1，其序号取自该报文段的确认号（<SEQ=SEG.ACK><CTL=RST>）。`,
  ),
  explainRstSeqZero: pair(
    (n: number, trigger: number) => `seq = 0: the RST (segment ${n}) answers segment ${trigger}, which had no ACK, so RFC 9293 §3.10.7.1 sends <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.`,
    (n: number, trigger: number) => `序号 = 0：这个 RST（第 ${n} 个）回应的是不带 ACK 的第 ${trigger} 个报文段，按 RFC 9293 §3.10.7.1 发送 <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>。`,
  ),
  explainSeqSndNxt: pair(
    (n: number, from: string, seq: number) => `seq = ${seq}: ${from}'s SND.NXT when it sent segment ${n}.`,
    (n: number, from: string, seq: number) => `序号 = ${seq}：即 ${from} 发送第 ${n} 个报文段时的 SND.NXT。`,
  ),
  explainSeqFromPrevious: pair(
    (n: number, pn: number, pseq: number, plen: number, psyn: boolean, pfin: boolean, seq: number) =>
      `seq = ${seq}: the sender's previous segment ${pn} had seq ${pseq} and ${plen} data byte${plen === 1 ? '' : 's'}${psyn ? ' plus a SYN (one sequence number)' : ''}${pfin ? ' plus a FIN (one sequence number)' : ''}, so segment ${n} continues at ${pseq} + ${plen + (psyn ? 1 : 0) + (pfin ? 1 : 0)} = ${seq}.`,
    (n: number, pn: number, pseq: number, plen: number, psyn: boolean, pfin: boolean, seq: number) =>
      `序号 = ${seq}：发送方上一个报文段（第 ${pn} 个）的序号是 ${pseq}，携带 ${plen} 字节数据${psyn ? '，另有一个 SYN（占 1 个序号）' : ''}${pfin ? '，另有一个 FIN（占 1 个序号）' : ''}，所以第 ${n} 个报文段从 ${pseq} + ${plen + (psyn ? 1 : 0) + (pfin ? 1 : 0)} = ${seq} 开始。`,
  ),
  explainRelative: pair(
    (field: string, abs: number, base: number, rel: number) => `Relative to the ISN ${base}: ${abs} − ${base} = ${rel} (the relative ${field}).`,
    (field: string, abs: number, base: number, rel: number) => `以 ISN ${base} 为基准：${abs} − ${base} = ${rel}（相对${fieldZh(field)}）。`,
  ),
  explainNoAck: pair(
    (n: number) => `Segment ${n} has no ACK flag, so it acknowledges nothing and its ack field is meaningless (sent as 0).`,
    (n: number) => `第 ${n} 个报文段没有置 ACK 位，不确认任何东西，确认号字段没有意义（发送时填 0）。`,
  ),
  explainAckFrom: pair(
    (n: number, ack: number, an: number, aseq: number, alen: number, asyn: boolean, afin: boolean) =>
      `ack = ${ack}: the next byte expected from the peer. Segment ${an} had seq ${aseq} and ${alen} data byte${alen === 1 ? '' : 's'}${asyn ? '; its SYN consumes one sequence number' : ''}${afin ? '; its FIN consumes one sequence number' : ''}: ${aseq} + ${alen + (asyn ? 1 : 0) + (afin ? 1 : 0)} = ${ack}, and segment ${n} acknowledges everything before it.`,
    (n: number, ack: number, an: number, aseq: number, alen: number, asyn: boolean, afin: boolean) =>
      `确认号 = ${ack}：即期望从对方收到的下一个字节的序号。第 ${an} 个报文段的序号是 ${aseq}，携带 ${alen} 字节数据${asyn ? '，其中的 SYN 占用 1 个序号' : ''}${afin ? '，其中的 FIN 占用 1 个序号' : ''}：${aseq} + ${alen + (asyn ? 1 : 0) + (afin ? 1 : 0)} = ${ack}，第 ${n} 个报文段确认了此前的全部字节。`,
  ),
  explainAckRcvNxt: pair(
    (n: number, from: string, ack: number) => `ack = ${ack}: ${from}'s RCV.NXT (the next byte it expects) when it sent segment ${n}.`,
    (n: number, from: string, ack: number) => `确认号 = ${ack}：即 ${from} 发送第 ${n} 个报文段时的 RCV.NXT（期望收到的下一个字节）。`,
  ),
  explainFlags: pair(
    (n: number, flags: string, reason: string, from: string, state: string | null) =>
      `Segment ${n} carries ${flags}: it is ${reason}${state ? ` (${from} is in ${state})` : ''}.`,
    (n: number, flags: string, reason: string, from: string, state: string | null) =>
      `第 ${n} 个报文段带有 ${flags}：它是${reason}${state ? `（此时 ${from} 处于 ${state}）` : ''}。`,
  ),
  explainLen: pair(
    (n: number, len: number) => `Segment ${n} carries ${len} data byte${len === 1 ? '' : 's'}.`,
    (n: number, len: number) => `第 ${n} 个报文段携带 ${len} 字节数据。`,
  ),
  explainWindowField: pair(
    (n: number, w: number) => `Segment ${n}'s window field is ${w}: the receive window its sender offers (before any scaling).`,
    (n: number, w: number) => `第 ${n} 个报文段的窗口字段为 ${w}：即发送方通告的接收窗口（未经扩大）。`,
  ),
  explainHeader: pair(
    (opts: string, value: number, isOffset: boolean) =>
      `The fixed header is 20 bytes${opts ? `; the options (${opts}) are added and padded to a multiple of 4 bytes` : ''}. ${isOffset ? `The data offset counts 32-bit words: ${value * 4} / 4 = ${value}.` : `Total: ${value} bytes (data offset ${value / 4}).`}`,
    (opts: string, value: number, isOffset: boolean) =>
      `固定首部为 20 字节${opts ? `；再加上选项 ${opts}，并填充到 4 字节的整数倍` : ''}。${isOffset ? `数据偏移以 32 位字为单位：${value * 4} / 4 = ${value}。` : `合计 ${value} 字节（数据偏移为 ${value / 4}）。`}`,
  ),
  explainWindow: pair(
    (w: number, ws: number, value: number) => `RFC 7323 §2.2: the window field is shifted left by the sender's shift count: ${w} × 2^${ws} = ${value} bytes.`,
    (w: number, ws: number, value: number) => `RFC 7323 §2.2：窗口字段要按发送方的窗口扩大因子（移位数）左移：${w} × 2^${ws} = ${value} 字节。`,
  ),
  explainTimeWait: pair(
    (value: number, profile: string, msl: number | null) =>
      msl !== null
        ? `TIME-WAIT lasts 2 × MSL = 2 × ${msl} ms = ${value} ms.`
        : profile === 'linux'
          ? `Linux holds TIME-WAIT for a fixed ${secs(value / 1000)} (TCP_TIMEWAIT_LEN), whatever the MSL.`
          : `RFC 9293 §3.4.2 takes MSL = 2 minutes; TIME-WAIT lasts 2MSL = ${secs(value / 1000)}.`,
    (value: number, profile: string, msl: number | null) =>
      msl !== null
        ? `TIME-WAIT 持续 2 × MSL = 2 × ${msl} 毫秒 = ${value} 毫秒。`
        : profile === 'linux'
          ? `Linux 的 TIME-WAIT 固定为 ${secsZh(value / 1000)}（TCP_TIMEWAIT_LEN），与 MSL 无关。`
          : `RFC 9293 §3.4.2 取 MSL = 2 分钟，TIME-WAIT 持续 2MSL = ${secsZh(value / 1000)}。`,
  ),
  explainNextIsn: pair(
    (host: string, value: number, lastN: number | null, prev: number | null, secondsBetween: number | null, spec: string) =>
      `${host} chose ISN ${value}${lastN !== null ? ` (its SYN is segment ${lastN})` : ''}, generator ${spec}.${prev !== null && secondsBetween !== null ? ` The previous ISN was ${prev}, ${secondsBetween} s earlier: a difference of ${(value - prev + 2 ** 32) % 2 ** 32}.` : ''}`,
    (host: string, value: number, lastN: number | null, prev: number | null, secondsBetween: number | null, spec: string) =>
      `${host} 选用的 ISN 是 ${value}${lastN !== null ? `（其 SYN 为第 ${lastN} 个报文段）` : ''}，生成方式为 ${spec}。${prev !== null && secondsBetween !== null ? `上一个 ISN 是 ${prev}，相隔 ${secondsBetween} 秒，差值为 ${(value - prev + 2 ** 32) % 2 ** 32}。` : ''}`,
  ),
  explainCloseSegments: pair(
    (value: number, list: string) => `The close takes ${value} segments: ${list}.`,
    (value: number, list: string) => `关闭过程共 ${value} 个报文段：${list}。`,
  ),
  explainSegmentCount: pair(
    (value: number) => `The trace holds ${value} segments in all.`,
    (value: number) => `整个过程一共有 ${value} 个报文段。`,
  ),
  explainChoice: pair(
    (text: string) => `The right answer is ${text}`,
    (text: string) => `正确答案是 ${text}`,
  ),

  // ---- why a segment met its fate (RFC 9293 §3.10.7) ----------------------------------------
  whyListenSyn: pair(
    (n: number, to: string) => `${to} is listening and segment ${n} is a SYN: RFC 9293 §3.10.7.2 accepts it, records the peer's ISN and answers with a SYN,ACK.`,
    (n: number, to: string) => `${to} 处于监听状态，而第 ${n} 个报文段是 SYN：按 RFC 9293 §3.10.7.2，接受它、记下对方的 ISN，并回复 SYN,ACK。`,
  ),
  whySynSentAccept: pair(
    (n: number, to: string) => `${to} is in SYN-SENT and segment ${n}'s ACK (if any) acknowledges its SYN: RFC 9293 §3.10.7.3 accepts it.`,
    (n: number, to: string) => `${to} 处于 SYN-SENT，第 ${n} 个报文段的 ACK（如果有）确认了它的 SYN：按 RFC 9293 §3.10.7.3 予以接受。`,
  ),
  whyAccepted: pair(
    (n: number, to: string, state: string, line: string) =>
      `Segment ${n} passes RFC 9293 §3.10.7.4's checks in ${state}: its seq is acceptable for the receive window${line ? ` (${line})` : ''} and its ACK acknowledges nothing unsent, so ${to} processes it.`,
    (n: number, to: string, state: string, line: string) =>
      `第 ${n} 个报文段在 ${state} 状态下通过了 RFC 9293 §3.10.7.4 的各项检查：序号落在接收窗口内${line ? `（${line}）` : ''}，ACK 也没有确认尚未发送的数据，所以 ${to} 正常处理它。`,
  ),
  whyReset: pair(
    (n: number, to: string, state: string, line: string) =>
      `Segment ${n} is an RST whose seq is acceptable${line ? ` (${line})` : ''}: RFC 9293 §3.10.7.4's second check resets the connection, and ${to} leaves ${state} for CLOSED.`,
    (n: number, to: string, state: string, line: string) =>
      `第 ${n} 个报文段是序号可接受的 RST${line ? `（${line}）` : ''}：按 RFC 9293 §3.10.7.4 的第二项检查，连接被复位，${to} 从 ${state} 进入 CLOSED。`,
  ),
  whyRstInClosed: pair(
    (n: number, to: string, state: string) => `Segment ${n} is an RST and ${to} is in ${state}: an incoming RST is never answered, so it is simply discarded (RFC 9293 §3.10.7.1–2).`,
    (n: number, to: string, state: string) => `第 ${n} 个报文段是 RST，而 ${to} 处于 ${state}：RST 永远不会被回应，直接丢弃（RFC 9293 §3.10.7.1–2）。`,
  ),
  whyRstOutOfWindow: pair(
    (n: number, to: string, line: string) => `Segment ${n} is an RST outside the receive window${line ? ` (${line})` : ''}: RFC 9293 §3.10.7.4 says an unacceptable RST is dropped without reply, so ${to} ignores it.`,
    (n: number, to: string, line: string) => `第 ${n} 个报文段是落在接收窗口外的 RST${line ? `（${line}）` : ''}：按 RFC 9293 §3.10.7.4，不可接受的 RST 直接丢弃、不作回应，所以 ${to} 忽略它。`,
  ),
  whyIgnored: pair(
    (n: number, to: string, state: string, line: string) => `${to} (in ${state}${line ? `, ${line}` : ''}) drops segment ${n} without answering.`,
    (n: number, to: string, state: string, line: string) => `${to}（处于 ${state}${line ? `，${line}` : ''}）丢弃了第 ${n} 个报文段，不作任何回应。`,
  ),
  whyOther: pair(
    (n: number, to: string, state: string, d: string) => `${to} (in ${state}) handled segment ${n}: ${d}.`,
    (n: number, to: string, state: string, d: string) => `${to}（处于 ${state}）对第 ${n} 个报文段的处理结果：${d}。`,
  ),
  whyBacklogFull: pair(
    (n: number, to: string) => `${to}'s SYN backlog is full of half-open connections, so segment ${n} (a SYN) is dropped silently — this is what a SYN flood aims for.`,
    (n: number, to: string) => `${to} 的 SYN 半连接队列已被占满，所以第 ${n} 个报文段（SYN）被静默丢弃——这正是 SYN 洪泛攻击想要的效果。`,
  ),
  whyAcceptQueueFull: pair(
    (n: number, to: string) =>
      `${to}'s accept queue is full of completed connections its application has not accepted yet, so segment ${n} is dropped without an answer; the peer will retransmit it.`,
    (n: number, to: string) => `${to} 的全连接队列已满，排满了应用还没 accept 的已建立连接，所以第 ${n} 个报文段被直接丢弃、不作回应；对方之后会重传。`,
  ),
  whyTimeWaitReack: pair(
    (n: number, to: string, linux: boolean) =>
      `${to} is in TIME-WAIT and segment ${n} is the peer's retransmitted FIN (its first ACK was lost): RFC 9293 §3.10.7.4 acknowledges it again and restarts the ${linux ? 'TIME-WAIT' : '2MSL'} timer. Nothing new is taken in: the answer is an ACK.`,
    (n: number, to: string, linux: boolean) =>
      `${to} 处于 TIME-WAIT，第 ${n} 个报文段是对方重传的 FIN（之前的 ACK 丢了）：按 RFC 9293 §3.10.7.4，再次确认它并重新启动 ${linux ? 'TIME-WAIT' : '2MSL'} 定时器。没有收下任何新东西，所做的只是回一个 ACK。`,
  ),
  noteTimeWaitReack: pair(
    (host: string) => `Counted as right: ${host} does recognise the FIN, but all it does with it is answer with an ACK and restart its timer; nothing new is accepted.`,
    (host: string) => `算你答对：${host} 确实认出了这个 FIN，但它所做的只是回一个 ACK 并重新启动定时器，并没有收下任何新东西。`,
  ),
  whyAckTooNew: pair(
    (n: number, to: string, ack: number, sndNxt: number) => `Segment ${n} acknowledges ${ack}, beyond what ${to} has sent (SND.NXT = ${sndNxt}): RFC 9293 §3.10.7.4 (the ACK check) sends an ACK and drops the segment.`,
    (n: number, to: string, ack: number, sndNxt: number) => `第 ${n} 个报文段确认到 ${ack}，超出了 ${to} 已发送的范围（SND.NXT = ${sndNxt}）：按 RFC 9293 §3.10.7.4 的 ACK 检查，回复一个 ACK 并丢弃该报文段。`,
  ),
  whyUnacceptable: pair(
    (n: number, to: string, seq: number, line: string) =>
      `Segment ${n}'s seq ${seq} is not acceptable for ${to}'s receive window${line ? ` (${line})` : ''}: RFC 9293 §3.10.7.4's first check sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and drops the segment.`,
    (n: number, to: string, seq: number, line: string) =>
      `第 ${n} 个报文段的序号 ${seq} 不在 ${to} 的接收窗口内${line ? `（${line}）` : ''}：按 RFC 9293 §3.10.7.4 的第一项检查，回复 <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> 并丢弃该报文段。`,
  ),
  whyChallengeSyn: pair(
    (n: number, to: string, line: string) => `Segment ${n} is a SYN on a synchronized connection${line ? ` (${line})` : ''}: ${to} answers with a challenge ACK (RFC 9293 §3.10.7.4, RFC 5961 §4.2); a real peer that restarted will answer it with an RST.`,
    (n: number, to: string, line: string) => `第 ${n} 个报文段是发往已同步连接的 SYN${line ? `（${line}）` : ''}：${to} 回复挑战 ACK（RFC 9293 §3.10.7.4、RFC 5961 §4.2）；如果对方真的重启过，它会用 RST 回应这个 ACK。`,
  ),
  whyChallengeRst: pair(
    (n: number, to: string, line: string) => `Segment ${n} is an RST inside the window but not exactly at RCV.NXT${line ? ` (${line})` : ''}: ${to} answers with a challenge ACK (RFC 5961 §3.2) instead of resetting.`,
    (n: number, to: string, line: string) => `第 ${n} 个报文段是落在窗口内、但序号不等于 RCV.NXT 的 RST${line ? `（${line}）` : ''}：${to} 不复位连接，而是回复挑战 ACK（RFC 5961 §3.2）。`,
  ),
  whyHalfOpen: pair(
    (n: number, to: string) => `${to} has restarted and no longer knows this connection (it is half-open): segment ${n} matches no socket, so ${to} answers with an RST (RFC 9293 §3.10.7.1).`,
    (n: number, to: string) => `${to} 已经重启，不再记得这个连接（这是一个半打开连接）：第 ${n} 个报文段找不到对应的套接字，于是 ${to} 回复 RST（RFC 9293 §3.10.7.1）。`,
  ),
  whyListenAck: pair(
    (n: number, to: string) => `${to} is only listening, and segment ${n} carries an ACK: "any acknowledgment is bad if it arrives on a connection still in the LISTEN state" (RFC 9293 §3.10.7.2), so it answers with an RST.`,
    (n: number, to: string) => `${to} 只是在监听，而第 ${n} 个报文段带有 ACK：“连接仍处于 LISTEN 状态时到达的任何确认都是错误的”（RFC 9293 §3.10.7.2），因此回复 RST。`,
  ),
  whySynSentBadAck: pair(
    (n: number, to: string) => `${to} is in SYN-SENT and segment ${n}'s ACK does not acknowledge its SYN: RFC 9293 §3.10.7.3 answers with an RST.`,
    (n: number, to: string) => `${to} 处于 SYN-SENT，而第 ${n} 个报文段的 ACK 并没有确认它的 SYN：按 RFC 9293 §3.10.7.3 回复 RST。`,
  ),
  whySynRcvdBadAck: pair(
    (n: number, to: string) => `${to} is in SYN-RECEIVED and segment ${n}'s ACK is not acceptable: RFC 9293 §3.10.7.4 forms a reset <SEQ=SEG.ACK><CTL=RST>.`,
    (n: number, to: string) => `${to} 处于 SYN-RECEIVED，而第 ${n} 个报文段的 ACK 不可接受：按 RFC 9293 §3.10.7.4 回复复位报文 <SEQ=SEG.ACK><CTL=RST>。`,
  ),
  whyNoSocket: pair(
    (n: number, to: string) => `No connection on ${to} matches segment ${n}: RFC 9293 §3.10.7.1 (CLOSED) answers any segment that is not itself an RST with an RST.`,
    (n: number, to: string) => `${to} 上没有与第 ${n} 个报文段匹配的连接：按 RFC 9293 §3.10.7.1（CLOSED 状态），只要收到的不是 RST，就回复一个 RST。`,
  ),
  whyCookieRejected: pair(
    (n: number, to: string, cookie: number) => `${to} kept no state for this handshake, so it checks the SYN cookie in segment ${n}'s ack − 1 = ${cookie}: it is forged or too old, so no connection is created.`,
    (n: number, to: string, cookie: number) => `${to} 没有为这次握手保存状态，于是检查第 ${n} 个报文段中确认号 − 1 = ${cookie} 这个 SYN cookie：它是伪造的或已过期，因此不会建立连接。`,
  ),

  // ---- hints --------------------------------------------------------------------------------
  hintStateStart: pair(
    (host: string) => `Which call has ${host}'s application made so far?`,
    (host: string) => `到目前为止，${host} 的应用调用了什么？`,
  ),
  hintStateSegment: pair(
    (n: number, flags: string, from: string, to: string, lost: boolean) =>
      `Segment ${n} (${from} → ${to}) carries ${flags}${lost ? ' — and it is lost on the way' : ''}. What does it change for each side?`,
    (n: number, flags: string, from: string, to: string, lost: boolean) =>
      `第 ${n} 个报文段（${from} → ${to}）带有 ${flags}${lost ? '——而且它在途中丢失了' : ''}。它对双方各有什么影响？`,
  ),
  hintStateBefore: pair(
    (host: string, state: string, line: string) => `Before it, ${host} was in ${state}${line ? ` (${line})` : ''}.`,
    (host: string, state: string, line: string) => `在此之前，${host} 处于 ${state}${line ? `（${line}）` : ''}。`,
  ),
  hintSeqConcept: pair(
    () => 'What has the sender already used up? Data takes its length; a SYN and a FIN take one sequence number each.',
    () => '发送方已经用掉了多少序号？数据按长度计算；SYN 和 FIN 各占一个序号。',
  ),
  hintAckConcept: pair(
    () => 'The ack names the next byte expected from the peer. What does a SYN or a FIN consume?',
    () => '确认号是期望从对方收到的下一个字节的序号。SYN 或 FIN 会占用序号吗？',
  ),
  hintSeqFrom: pair(
    (host: string, n: number, seq: number, flags: string, len: number) =>
      `The last segment ${host} sent that used sequence numbers was #${n}: seq=${seq}, ${flags}, ${len} data byte${len === 1 ? '' : 's'}.`,
    (host: string, n: number, seq: number, flags: string, len: number) => `${host} 上一个占用序号的报文段是第 ${n} 个：seq=${seq}，${flags}，${len} 字节数据。`,
  ),
  hintSeqFirst: pair(
    (host: string) => `Nothing ${host} sent before used sequence numbers: where does its sequence space start?`,
    (host: string) => `${host} 之前发出的报文段都没有占用序号：它的序号空间从哪里开始？`,
  ),
  hintAckFrom: pair(
    (host: string, peer: string, n: number, seq: number, flags: string, len: number) =>
      `The last segment ${host} received from ${peer} that used sequence numbers was #${n}: seq=${seq}, ${flags}, ${len} data byte${len === 1 ? '' : 's'}.`,
    (host: string, peer: string, n: number, seq: number, flags: string, len: number) =>
      `${host} 最近从 ${peer} 收到的、占用序号的报文段是第 ${n} 个：seq=${seq}，${flags}，${len} 字节数据。`,
  ),
  hintAckNothing: pair(
    (host: string, peer: string) => `Has ${host} received anything from ${peer} yet?`,
    (host: string, peer: string) => `${host} 从 ${peer} 那里收到过任何报文段吗？`,
  ),
  hintStateTcb: pair(
    (host: string, line: string) => `Before it, ${host}'s TCB read ${line}.`,
    (host: string, line: string) => `在此之前，${host} 的 TCB 是 ${line}。`,
  ),
  hintRetransmission: pair(
    () => 'This segment is a retransmission: what did the original look like?',
    () => '这是一个重传的报文段：原来的那个报文段是什么样的？',
  ),
  hintFlags: pair(
    (from: string, state: string | null) => `${from} is in ${stateOr(state, 'its current state')}. What must this segment say — and has ${from} seen the peer's SYN yet?`,
    (from: string, state: string | null) => `${from} 处于 ${stateOr(state, '当前状态')}。这个报文段需要表达什么？${from} 收到过对方的 SYN 了吗？`,
  ),
  hintAcceptedOrder: pair(
    () => 'RFC 9293 §3.10.7 checks in order: is there a connection? Is the seq in the window? Then RST, SYN, ACK …',
    () => 'RFC 9293 §3.10.7 依次检查：有没有对应的连接？序号在窗口内吗？然后才是 RST、SYN、ACK……',
  ),
  hintAcceptedTcb: pair(
    (to: string, state: string, line: string, seq: number) => `${to} is in ${state}${line ? ` (${line})` : ''}; the segment's seq is ${seq}.`,
    (to: string, state: string, line: string, seq: number) => `${to} 处于 ${state}${line ? `（${line}）` : ''}；报文段的序号是 ${seq}。`,
  ),
  'hintNumber-header-length': pair(
    () => 'The fixed header is 20 bytes; options are padded to a multiple of 4.',
    () => '固定首部为 20 字节；选项要填充到 4 字节的整数倍。',
  ),
  'hintNumber-data-offset': pair(
    () => 'The data offset counts 32-bit words, not bytes.',
    () => '数据偏移以 32 位字为单位，而不是字节。',
  ),
  'hintNumber-effective-window': pair(
    () => 'The scale is a shift count (RFC 7323).',
    () => '窗口扩大因子（移位数）表示左移多少位（RFC 7323）。',
  ),
  'hintNumber-time-wait': pair(
    () => 'TIME-WAIT lasts 2MSL — unless the profile fixes it.',
    () => 'TIME-WAIT 持续 2MSL——除非所用的实现把它定死了。',
  ),
  'hintNumber-next-isn': pair(
    () => 'Compare the ISNs of the earlier connections, and the time between them.',
    () => '比较之前各个连接的 ISN，以及它们之间相隔的时间。',
  ),
  'hintNumber-close-segments': pair(
    () => 'Can an ACK and a FIN travel in the same segment?',
    () => 'ACK 和 FIN 能否放在同一个报文段里发送？',
  ),
  'hintNumber-segment-count': pair(
    () => 'Count the handshake, the data with its ACKs, and the close.',
    () => '分别数一数握手、数据及其确认、关闭过程中的报文段。',
  ),

  // ---- practice titles ----------------------------------------------------------------------
  practiceTitle: pair(
    (topic: string, seed: number) => `Practice: ${topic} (#${seed})`,
    (topic: string, seed: number) => `练习：${topic}（#${seed}）`,
  ),
} as const;

export type MessageKey = keyof typeof M;
type Args<K extends MessageKey> = Parameters<(typeof M)[K]['en']>;

/** The message `key` in `lang`. */
export function msg<K extends MessageKey>(lang: Lang, key: K, ...args: Args<K>): string {
  const f = M[key][lang] as (...a: unknown[]) => string;
  return f(...args);
}

/** Both languages of a message, as LocalText for data that outlives one language (practice titles). */
export function msgBoth<K extends MessageKey>(key: K, ...args: Args<K>): { en: string; 'zh-cn': string } {
  return { en: msg('en', key, ...args), 'zh-cn': msg('zh-cn', key, ...args) };
}

const ACCEPTANCE_TEXT: Record<Acceptance, { en: string; 'zh-cn': string }> = {
  accepted: { en: 'accepted', 'zh-cn': '接受' },
  ignored: { en: 'ignored (dropped silently)', 'zh-cn': '丢弃（不作回应）' },
  ack: { en: 'answered with an ACK', 'zh-cn': '回复 ACK' },
  'challenge-ack': { en: 'answered with a challenge ACK', 'zh-cn': '回复挑战 ACK' },
  rst: { en: 'answered with an RST', 'zh-cn': '回复 RST' },
};

export function acceptanceText(lang: Lang, a: Acceptance): string {
  return ACCEPTANCE_TEXT[a][lang];
}

const REASON_TEXT: Partial<Record<SendReason, { en: string; 'zh-cn': string }>> = {
  'active-open': { en: 'the SYN of an active OPEN', 'zh-cn': '主动打开时发出的 SYN' },
  'syn-ack': { en: 'the SYN,ACK answering a SYN', 'zh-cn': '回应 SYN 的 SYN,ACK' },
  'handshake-ack': { en: 'the ACK that completes the three-way handshake', 'zh-cn': '完成三次握手的 ACK' },
  data: {
    en: 'a data segment (and an acknowledgment: on an established connection every segment but a bare RST carries one)',
    'zh-cn': '数据报文段（同时也是确认：已建立的连接上，除不带 ACK 的 RST 外，每个报文段都带确认）',
  },
  ack: { en: 'a pure acknowledgment of data or a FIN', 'zh-cn': '对数据或 FIN 的纯确认' },
  fin: { en: 'the FIN of a CLOSE', 'zh-cn': '应用调用 close 后发出的 FIN' },
  'fin-ack-combined': { en: 'a FIN that also acknowledges the peer\'s FIN (it rode on the delayed ACK)', 'zh-cn': '同时确认了对方 FIN 的 FIN（搭上了延迟确认的便车）' },
  retransmission: { en: 'a retransmission after the retransmission timer expired', 'zh-cn': '重传定时器到期后的重传' },
  'rst-no-socket': { en: 'an RST for a segment that matches no connection (RFC 9293 §3.10.7.1)', 'zh-cn': '针对找不到对应连接的报文段发出的 RST（RFC 9293 §3.10.7.1）' },
  'rst-abort': { en: 'the RST of an ABORT', 'zh-cn': '应用调用 abort 后发出的 RST' },
  'rst-unacceptable': { en: 'an RST for an unacceptable ACK', 'zh-cn': '针对不可接受的 ACK 发出的 RST' },
  'rst-half-open': { en: 'an RST from a host that no longer knows the connection (half-open)', 'zh-cn': '已不记得该连接的主机发出的 RST（半打开连接）' },
  'challenge-ack': { en: 'a challenge ACK (RFC 5961)', 'zh-cn': '挑战 ACK（RFC 5961）' },
  'ack-unacceptable': { en: 'an ACK answering an unacceptable segment (RFC 9293 §3.10.7.4)', 'zh-cn': '回应不可接受报文段的 ACK（RFC 9293 §3.10.7.4）' },
  'time-wait-ack': { en: 'the ACK re-acknowledging a retransmitted FIN in TIME-WAIT', 'zh-cn': '在 TIME-WAIT 中对重传 FIN 的再次确认' },
  'syn-cookie': { en: 'a SYN,ACK whose ISN is a SYN cookie', 'zh-cn': '一个以 SYN cookie 作为 ISN 的 SYN,ACK' },
  'window-probe': { en: 'a zero-window probe sent by the persist timer (RFC 9293 §3.8.6.1)', 'zh-cn': '持续定时器发出的零窗口探测（RFC 9293 §3.8.6.1）' },
  injected: { en: 'a crafted (injected) segment', 'zh-cn': '伪造注入的报文段' },
  duplicate: { en: 'a copy the network made', 'zh-cn': '网络复制出的重复报文段' },
};

export function reasonText(lang: Lang, r: SendReason): string {
  return REASON_TEXT[r]?.[lang] ?? r;
}

interface TransitionInfo {
  host: string;
  /** The user call that caused it, if a call did. */
  call: string | null;
  /** The ack number of the segment that caused it, if it had ACK. */
  ack: number | null;
  rst: boolean;
  timeWaitSeconds: number;
  /** Linux profile: TIME-WAIT is a fixed TCP_TIMEWAIT_LEN, not 2MSL. */
  linux?: boolean;
}

/** Why a transition from → to happens, in a sentence (empty when there is nothing to add). */
export function transitionText(lang: Lang, from: TcpState, to: TcpState, i: TransitionInfo): string {
  const en = lang === 'en';
  const ackEn = i.ack !== null ? ` (ack ${i.ack})` : '';
  const ackZh = i.ack !== null ? `（确认号 ${i.ack}）` : '';
  if (i.rst && to === 'CLOSED') return en ? 'An acceptable RST aborts the connection at once.' : '可接受的 RST 立即终止了连接。';
  if (i.call === 'abort')
    return en
      ? 'ABORT (RFC 9293 §3.10.5) sends an RST in a synchronized state and deletes the TCB at once, without a FIN. (§3.5.2 suggests that the side issuing a reset enter TIME-WAIT; neither this model nor Linux does.)'
      : 'ABORT（RFC 9293 §3.10.5）在同步状态下发出 RST，并立即删除 TCB，不发 FIN。（§3.5.2 虽建议发出复位的一方进入 TIME-WAIT，但本模型和 Linux 都不这样做。）';
  const linux = i.linux === true;
  const waitEn = linux ? `stays in TIME-WAIT for Linux's fixed ${secs(i.timeWaitSeconds)}` : `waits 2MSL (${secs(i.timeWaitSeconds)})`;
  const waitZh = linux ? `在 TIME-WAIT 中停留 Linux 固定的 ${secsZh(i.timeWaitSeconds)}` : `等待 2MSL（${secsZh(i.timeWaitSeconds)}）`;
  if (i.call === 'crash') return en ? 'The host crashed: every connection vanished without a segment being sent.' : '主机崩溃：所有连接都消失了，没有发出任何报文段。';
  if (i.rst && to === 'LISTEN') return en ? 'An RST in SYN-RECEIVED returns a passively opened connection to LISTEN (RFC 9293 §3.10.7.4).' : '被动打开的连接在 SYN-RECEIVED 收到 RST 后回到 LISTEN（RFC 9293 §3.10.7.4）。';
  const key = `${from}>${to}`;
  switch (key) {
    case 'CLOSED>LISTEN':
      return en ? 'A passive OPEN: it waits for a SYN.' : '被动打开：等待对方的 SYN。';
    case 'CLOSED>SYN-SENT':
      return en ? 'An active OPEN: it sends a SYN carrying its ISS.' : '主动打开：发出携带 ISS 的 SYN。';
    case 'LISTEN>SYN-RECEIVED':
      return en ? 'It received a SYN, recorded the peer\'s ISN as IRS and answered with SYN,ACK.' : '收到 SYN，把对方的 ISN 记为 IRS，并回复 SYN,ACK。';
    case 'SYN-SENT>ESTABLISHED':
      return en ? `The SYN,ACK acknowledged its SYN${ackEn}; it sends the final ACK of the handshake.` : `SYN,ACK 确认了它的 SYN${ackZh}，它发出握手的最后一个 ACK。`;
    case 'SYN-SENT>SYN-RECEIVED':
      return en ? 'A SYN without ACK arrived while its own SYN was out: a simultaneous open. It answers with SYN,ACK.' : '自己的 SYN 已发出，却收到一个不带 ACK 的 SYN：这是同时打开，它回复 SYN,ACK。';
    case 'LISTEN>ESTABLISHED':
      return en ? `The ACK carried a valid SYN cookie in ack − 1${ackEn}: the listener kept no state for the handshake and creates the connection directly in ESTABLISHED.` : `这个 ACK 的“确认号 − 1”是有效的 SYN cookie${ackZh}：监听方在握手期间没有保存状态，此时直接以 ESTABLISHED 状态建立连接。`;
    case 'SYN-RECEIVED>ESTABLISHED':
      return en ? `The ACK of its SYN arrived${ackEn}: the handshake is complete.` : `它的 SYN 得到了确认${ackZh}：握手完成。`;
    case 'ESTABLISHED>FIN-WAIT-1':
    case 'SYN-RECEIVED>FIN-WAIT-1':
      return en ? 'The application closed: it sent a FIN and waits for it to be acknowledged.' : '应用调用了 close：发出 FIN，等待对方确认。';
    case 'FIN-WAIT-1>FIN-WAIT-2':
      return en ? `The peer acknowledged its FIN${ackEn} but has not sent its own FIN yet.` : `对方确认了它的 FIN${ackZh}，但还没有发出自己的 FIN。`;
    case 'FIN-WAIT-1>CLOSING':
      return en ? 'The peer\'s FIN arrived before the ACK of its own FIN: the FINs crossed (simultaneous close).' : '在自己的 FIN 被确认之前就收到了对方的 FIN：两个 FIN 交错而过（同时关闭）。';
    case 'FIN-WAIT-1>TIME-WAIT':
      return en ? `One segment both acknowledged its FIN${ackEn} and carried the peer's FIN; it acknowledges that FIN and ${waitEn}.` : `一个报文段既确认了它的 FIN${ackZh}，又带来了对方的 FIN；它确认这个 FIN，然后${waitZh}。`;
    case 'FIN-WAIT-2>TIME-WAIT':
      return en ? `The peer's FIN arrived; it acknowledges it and ${waitEn} in case that ACK is lost.` : `对方的 FIN 到了；它确认这个 FIN，并${waitZh}，以防这个 ACK 丢失。`;
    case 'CLOSING>TIME-WAIT':
      return en ? `The ACK of its FIN arrived${ackEn}; both directions are closed, and it ${waitEn}.` : `它的 FIN 得到了确认${ackZh}；两个方向都已关闭，它${waitZh}。`;
    case 'ESTABLISHED>CLOSE-WAIT':
    case 'SYN-RECEIVED>CLOSE-WAIT':
      return en ? 'The peer\'s FIN arrived: it acknowledged it and waits for its own application to close (it may still send).' : '收到了对方的 FIN：确认之后等待本端应用调用 close（期间仍可发送数据）。';
    case 'CLOSE-WAIT>LAST-ACK':
      return en ? 'Its application closed too: it sent its FIN and waits for the last ACK.' : '本端应用也调用了 close：发出自己的 FIN，等待最后一个 ACK。';
    case 'LAST-ACK>CLOSED':
      return en ? `The ACK of its FIN arrived${ackEn}: the connection is gone.` : `它的 FIN 得到了确认${ackZh}：连接彻底关闭。`;
    case 'TIME-WAIT>CLOSED':
      return en ? `${twTimerEn(i.timeWaitSeconds, linux)} has run out, so the TCB is deleted.` : `${twTimerZh(i.timeWaitSeconds, linux)}已走完，TCB 被删除。`;
    case 'SYN-SENT>CLOSED':
      return en ? 'The connection attempt failed or was given up.' : '连接尝试失败或被放弃。';
    default:
      return '';
  }
}
