/**
 * Forgiving but exact parsing of a learner's answer: every common spelling of a state, numbers in
 * decimal or hex with thousands separators, flag lists in any punctuation, acceptance words.
 * Anything that is not an answer comes back `ok: false` with a message — it never counts as a try.
 */
import type { Lang } from '../common/text';
import { FLAGS, TCP_STATES, type Flag, type TcpState } from '../engine/types';
import type { Acceptance } from './types';
import { msg } from './messages';

export type ParseResult<T> = { ok: true; value: T; note?: string } | { ok: false; message: string };

/** Full-width digits/letters to ASCII, trimmed. */
function normalize(input: string): string {
  return input.normalize('NFKC').trim();
}

/** Upper-case letters and digits only ("syn_rcvd" → "SYNRCVD"); CJK characters are kept. */
function squash(input: string): string {
  return normalize(input)
    .toUpperCase()
    .replace(/[^A-Z0-9\u4e00-\u9fff]/g, '');
}

const STATE_ALIASES: Record<string, TcpState> = (() => {
  const table: Record<string, TcpState> = {};
  for (const s of TCP_STATES) table[s.replace(/-/g, '')] = s;
  const extra: [string, TcpState][] = [
    // BSD/Linux/netstat spellings
    ['SYNRCVD', 'SYN-RECEIVED'],
    ['SYNRECV', 'SYN-RECEIVED'],
    ['SYNRECVD', 'SYN-RECEIVED'],
    ['SYNRCV', 'SYN-RECEIVED'],
    ['SYNRECEIVE', 'SYN-RECEIVED'],
    ['ESTAB', 'ESTABLISHED'],
    ['ESTABLISH', 'ESTABLISHED'],
    ['ESTABLISHE', 'ESTABLISHED'],
    ['LISTENING', 'LISTEN'],
    ['FINWAITONE', 'FIN-WAIT-1'],
    ['FINWAITTWO', 'FIN-WAIT-2'],
    ['FINWAIT1', 'FIN-WAIT-1'],
    ['FINWAIT2', 'FIN-WAIT-2'],
    ['TIMEWAITING', 'TIME-WAIT'],
    ['TIMEDWAIT', 'TIME-WAIT'],
    ['CLOSEDWAIT', 'CLOSE-WAIT'],
    // Chinese names used in textbooks (谢希仁《计算机网络》 and others)
    ['关闭', 'CLOSED'],
    ['已关闭', 'CLOSED'],
    ['监听', 'LISTEN'],
    ['侦听', 'LISTEN'],
    ['同步已发送', 'SYN-SENT'],
    ['同步已发出', 'SYN-SENT'],
    ['同步已接收', 'SYN-RECEIVED'],
    ['同步收到', 'SYN-RECEIVED'],
    ['同步已收到', 'SYN-RECEIVED'],
    ['已建立连接', 'ESTABLISHED'],
    ['连接已建立', 'ESTABLISHED'],
    ['已建立', 'ESTABLISHED'],
    ['建立连接', 'ESTABLISHED'],
    ['终止等待1', 'FIN-WAIT-1'],
    ['终止等待2', 'FIN-WAIT-2'],
    ['关闭等待', 'CLOSE-WAIT'],
    ['同时关闭', 'CLOSING'],
    ['正在关闭', 'CLOSING'],
    ['最后确认', 'LAST-ACK'],
    ['时间等待', 'TIME-WAIT'],
  ];
  for (const [k, v] of extra) table[k] = v;
  return table;
})();

/** Spellings that are common mistakes: accepted, with a note naming the RFC spelling. */
const STATE_MISSPELLINGS: Record<string, TcpState> = {
  SYNSEND: 'SYN-SENT',
  SYNSENDED: 'SYN-SENT',
  SYNRECIEVED: 'SYN-RECEIVED',
  CLOSE: 'CLOSED',
};

/** A TCP state in any common spelling: `SYN_RCVD`, `syn-received`, `ESTAB`, `timewait`, `时间等待` … */
export function parseState(input: string, lang: Lang = 'en'): ParseResult<TcpState> {
  const key = squash(input);
  if (key === '') return { ok: false, message: msg(lang, 'emptyAnswer') };
  const direct = STATE_ALIASES[key];
  if (direct) return { ok: true, value: direct };
  const misspelt = STATE_MISSPELLINGS[key];
  if (misspelt) return { ok: true, value: misspelt, note: msg(lang, 'rfcSpelling', normalize(input), misspelt) };
  if (key === 'FINWAIT') return { ok: false, message: msg(lang, 'finWaitWhich') };
  return { ok: false, message: msg(lang, 'notAState', normalize(input)) };
}

/**
 * A non-negative integer: decimal (`1001`, `4,294,967,295`, `1 000`, `1_000`) or hex (`0x3e9`).
 * A leading field name is tolerated (`ack=1001`, `seq: 5000`).
 */
export function parseNumber(input: string, lang: Lang = 'en'): ParseResult<number> {
  let s = normalize(input).replace(/^(seq|ack|len|window|win|wnd|序号|确认号)\s*[=:：]?\s*/i, '');
  if (s === '') return { ok: false, message: msg(lang, 'emptyAnswer') };
  s = s.replace(/^\+/, '');
  let value: number;
  if (/^0x[0-9a-f]+(?:_[0-9a-f]+)*$/i.test(s)) {
    value = parseInt(s.slice(2).replace(/_/g, ''), 16);
  } else if (/^\d+$/.test(s) || /^\d{1,3}(?:([,_' ])\d{3})(?:\1\d{3})*$/.test(s)) {
    value = parseInt(s.replace(/[,_' ]/g, ''), 10);
  } else if (/^-/.test(s)) {
    return { ok: false, message: msg(lang, 'negativeNumber') };
  } else {
    return { ok: false, message: msg(lang, 'notANumber', normalize(input)) };
  }
  if (!Number.isSafeInteger(value)) return { ok: false, message: msg(lang, 'notANumber', normalize(input)) };
  return { ok: true, value };
}

/** Words that mean "there is no such field" (for an ack number when the ACK bit is off). */
export function isNoneWord(input: string): boolean {
  const s = normalize(input).toLowerCase().replace(/[.!。]/g, '');
  return /^(none|no|no ack|noack|n\/a|na|-|—|nil|null|absent|not set|unset|无|没有|不存在|无确认号|没有确认号|不适用)$/.test(s);
}

/** Splits a word like "SYNACK" into flag names, or returns null. */
function splitFlagWord(word: string): Flag[] | null {
  if (word === '') return [];
  for (const f of FLAGS) {
    if (word.startsWith(f)) {
      const rest = splitFlagWord(word.slice(f.length));
      if (rest) return [f, ...rest];
    }
  }
  return null;
}

/** Sorts flags in header order (CWR … FIN) without duplicates. */
export function sortFlags(flags: readonly Flag[]): Flag[] {
  return FLAGS.filter((f) => flags.includes(f));
}

/** A set of flags: `SYN,ACK`, `syn ack`, `[SYN, ACK]`, `SYN+ACK`, `synack`. `none` = no flag. */
export function parseFlags(input: string, lang: Lang = 'en'): ParseResult<Flag[]> {
  const s = normalize(input);
  if (s === '') return { ok: false, message: msg(lang, 'emptyAnswer') };
  if (isNoneWord(s)) return { ok: true, value: [] };
  const words = s
    .toUpperCase()
    .replace(/[[\](){}"']/g, ' ')
    .split(/[^A-Z]+/)
    .filter((w) => w !== '');
  if (words.length === 0) return { ok: false, message: msg(lang, 'notFlags', s) };
  const flags: Flag[] = [];
  for (const w of words) {
    const alias = w === 'RESET' ? ['RST' as Flag] : w === 'PUSH' ? ['PSH' as Flag] : w === 'URGENT' ? ['URG' as Flag] : splitFlagWord(w);
    if (!alias) return { ok: false, message: msg(lang, 'unknownFlag', w) };
    flags.push(...alias);
  }
  return { ok: true, value: sortFlags(flags) };
}

const ACCEPTANCE_WORDS: [RegExp, Acceptance][] = [
  [/^(challenge|challengeack|chalack|sendchallengeack|replychallengeack|挑战ack|挑战确认|发送挑战ack|回复挑战ack)$/, 'challenge-ack'],
  [/^(accept|accepted|accepts|ok|process|processed|acceptable|接受|接收|接受并处理|正常处理|处理)$/, 'accepted'],
  [/^(drop|dropped|drops|ignore|ignored|ignores|discard|discarded|silentlydrop|silentlydropped|丢弃|忽略|静默丢弃|丢掉)$/, 'ignored'],
  [/^(ack|answerack|answeredack|sendack|sendsack|replyack|replywithack|ackit|reack|dupack|duplicateack|回复ack|发送ack|回ack|回应ack|回复确认|发送确认)$/, 'ack'],
  [/^(rst|reset|sendrst|sendsrst|replyrst|replywithrst|answerrst|answeredrst|sendreset|回复rst|发送rst|回rst|重置|复位|发送复位)$/, 'rst'],
];

/** What a host does with an arriving segment: `accept`, `drop`/`ignore`, `ack`, `challenge ack`, `rst`/`reset`. */
export function parseAcceptance(input: string, lang: Lang = 'en'): ParseResult<Acceptance> {
  const s = normalize(input)
    .toLowerCase()
    .replace(/[^a-z\u4e00-\u9fff]/g, '')
    .replace(/^(it|the(server|client|host))/, '');
  if (s === '') return { ok: false, message: msg(lang, 'emptyAnswer') };
  for (const [re, value] of ACCEPTANCE_WORDS) if (re.test(s)) return { ok: true, value };
  return { ok: false, message: msg(lang, 'notAcceptance', normalize(input)) };
}

/** A duration in ms: a bare number is ms; units ms, s, min (and 毫秒/秒/分钟). */
export function parseDuration(input: string, lang: Lang = 'en'): ParseResult<number> {
  const s = normalize(input).toLowerCase().replace(/\s+/g, '');
  const m = /^(\d+(?:\.\d+)?)(ms|毫秒|s|sec|secs|second|seconds|秒|m|min|mins|minute|minutes|分|分钟)?$/.exec(s);
  if (!m) {
    const n = parseNumber(input, lang);
    return n.ok ? n : { ok: false, message: msg(lang, 'notADuration', normalize(input)) };
  }
  const x = Number(m[1]);
  const unit = m[2] ?? 'ms';
  const factor = /^(ms|毫秒)$/.test(unit) ? 1 : /^(s|sec|secs|second|seconds|秒)$/.test(unit) ? 1000 : 60_000;
  return { ok: true, value: Math.round(x * factor) };
}

/** A byte count with an optional unit: `20`, `20 bytes`, `20B`, `20 字节`; `5 words` is reported as words. */
export function parseSize(input: string, lang: Lang = 'en'): ParseResult<{ value: number; unit: 'bytes' | 'words' | null }> {
  const s = normalize(input).toLowerCase();
  const m = /^(.*?)\s*(bytes?|b|octets?|字节|words?|32-bit words?|个32位字|32位字|字)$/.exec(s);
  const num = parseNumber(m ? m[1]! : s, lang);
  if (!num.ok) return num;
  const unit = m ? (/^(words?|32-bit words?|个32位字|32位字|字)$/.test(m[2]!) ? 'words' : 'bytes') : null;
  return { ok: true, value: { value: num.value, unit } };
}

/** A choice: a letter (`B`), a 1-based number (`2`), or the text of a choice. Returns the 0-based index. */
export function parseChoice(input: string, choiceTexts: string[][], lang: Lang = 'en'): ParseResult<number> {
  const s = normalize(input);
  if (s === '') return { ok: false, message: msg(lang, 'emptyAnswer') };
  const n = choiceTexts.length;
  const letter = /^\(?([a-z])[).]?$/i.exec(s);
  if (letter) {
    const i = letter[1]!.toLowerCase().charCodeAt(0) - 97;
    if (i < n) return { ok: true, value: i };
  }
  if (/^\d+$/.test(s)) {
    const i = parseInt(s, 10) - 1;
    if (i >= 0 && i < n) return { ok: true, value: i };
  }
  const lower = s.toLowerCase();
  for (let i = 0; i < n; i++) if (choiceTexts[i]!.some((t) => t.trim().toLowerCase() === lower)) return { ok: true, value: i };
  return { ok: false, message: msg(lang, 'notAChoice', choiceLabel(0), choiceLabel(Math.max(0, n - 1))) };
}

/** The label shown for choice `index`: A, B, C … */
export function choiceLabel(index: number): string {
  return String.fromCharCode(65 + index);
}
