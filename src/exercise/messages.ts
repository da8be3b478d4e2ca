/** Every diagnostic message of the exercise format, in each language a learner reads. */
import type { Lang } from '../common/text';

/** How much of a value from the file a message quotes: one short line. */
export const QUOTE_MAX = 40;

/** Text from the file as a message quotes it: its first line, cut to `QUOTE_MAX` characters. */
export function clip(text: string, max = QUOTE_MAX): string {
  const nl = text.search(/[\r\n]/);
  const line = nl >= 0 ? text.slice(0, nl) : text;
  const chars = Array.from(line);
  if (chars.length <= max && nl < 0) return line;
  return `${chars.slice(0, max).join('')}…`;
}

const q = (s: string | number): string => `\`${clip(String(s))}\``;

/** 86400000 → `24 h` (`24 小时`): a duration in the largest unit that divides it. */
export function formatMs(ms: number, lang: Lang = 'en'): string {
  const [h, min, s, milli] = lang === 'zh-cn' ? [' 小时', ' 分钟', ' 秒', ' 毫秒'] : [' h', ' min', ' s', ' ms'];
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}${h}`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}${min}`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}${s}`;
  return `${ms}${milli}`;
}

/**
 * A simulation cap in plain words: "the simulation ran past 24 h of virtual time, the limit".
 * Shared by `tcp-tutor check` and the panel, so both say the same.
 */
export function limitMessage(limit: string, value: number, lang: Lang = 'en'): string {
  const zh = lang === 'zh-cn';
  switch (limit) {
    case 'maxVirtualTime':
      return zh ? `模拟的虚拟时间超过了 ${formatMs(value, lang)}的上限` : `the simulation ran past ${formatMs(value)} of virtual time, the limit`;
    case 'maxSegments':
      return zh ? `模拟发送的报文段超过了 ${value} 个的上限` : `the simulation sent more than ${value} segments, the limit`;
    case 'maxEvents':
      return zh ? `模拟产生的事件超过了 ${value} 个的上限` : `the simulation produced more than ${value} events, the limit`;
    default:
      return zh ? `模拟超过了上限（${limit}：${value}）` : `the simulation went past one of its limits (${limit}: ${value})`;
  }
}

/** The RFC's error strings of user calls (RFC 9293 §3.10), as a Chinese reader glosses them. */
const CALL_ERRORS_ZH: Record<string, string> = {
  'connection does not exist': '连接不存在',
  'connection already exists': '连接已存在',
  'connection closing': '连接正在关闭',
  closing: '连接正在关闭',
  'foreign socket unspecified': '未指定对端套接字',
  'connection reset': '连接被重置',
  'connection refused': '连接被拒绝',
  'connection timed out': '连接超时',
  'connection aborted due to user timeout': '用户超时，连接已中止',
  'host is down': '主机已宕机',
};

/** A call's error string: the RFC's words, glossed in Chinese. */
export function callError(error: string, lang: Lang): string {
  const zh = lang === 'zh-cn' ? CALL_ERRORS_ZH[error] : undefined;
  return zh ? `${error}（${zh}）` : error;
}

const en = {
  yamlSyntax: (m: string) => `YAML syntax: ${m}`,
  quoteHint: () => ' (put text that contains `: ` or ` #` in quotes, or use a block scalar `|`)',
  yamlTag: (tag: string) => `YAML tags are not allowed in exercise files (found ${q(tag)})`,
  fileTooBig: (size: number, max: number) => `file is too large (${size} bytes; the limit is ${max})`,
  tooManyAliases: (max: number) => `too many YAML aliases (more than ${max}): exercise files do not need them`,
  tooDeep: (max: number) => `nesting is too deep (more than ${max} levels)`,
  tooMany: (what: string, n: number, max: number) => `too many ${what} (${n}; the limit is ${max})`,
  notMapping: () => 'an exercise file is a YAML mapping (`tcp-tutor: 1`, `title: ...`, `hosts: ...`, `steps: ...`)',
  type: (key: string, expected: string) => `${q(key)} must be ${expected}`,
  required: (key: string, where: string) => `missing ${q(key)}${where ? ` in ${clip(where, 60)}` : ''}`,
  enumValue: (value: string, allowed: readonly string[], hint?: string) =>
    `${q(value)} is not one of ${allowed.join(', ')}${hint ? `; did you mean ${q(hint)}?` : ''}`,
  unknownKey: (key: string, hint?: string) => `unknown key ${q(key)}${hint ? `, did you mean ${q(hint)}?` : ''}`,
  pattern: (key: string, desc: string) => `${q(key)} must be ${desc}`,
  range: (key: string, op: string, n: number) => `${q(key)} must be ${op} ${n}`,
  constVersion: () => '`tcp-tutor` must be 1 (the only format version)',
  generic: (key: string, m: string) => `${q(key)} ${m}`,
  unknownHost: (name: string, hint?: string) => `unknown host ${q(name)}${hint ? `, did you mean ${q(hint)}?` : ''}`,
  unknownVerb: (verb: string, hint?: string) =>
    `unknown step ${q(verb)}${hint ? `, did you mean ${q(hint)}?` : ''} (listen, accept, connect PEER, send N, send "text", receive, close, abort, status, crash, reboot)`,
  unknownIsn: (text: string, hint?: string) =>
    `${q(text)} is not an ISN generator (rfc793, rfc6528, plus128000) or a number${hint ? `; did you mean ${q(hint)}?` : ''}`,
  unknownTopic: (topic: string, topics: readonly string[], hint?: string) =>
    `no practice generator is called ${q(topic)}${hint ? `; did you mean ${q(hint)}?` : ` (topics: ${topics.join(', ')})`}`,
  connectNeedsPeer: () => '`connect` needs the peer: `connect server`',
  sendNeedsData: () => '`send` needs a byte count or quoted text: `send 100` or `send "hello"`',
  verbTakesNoArgument: (verb: string) => `${q(verb)} takes no argument`,
  connectSelf: (name: string) => `${q(name)} cannot connect to itself`,
  stepShape: (keys: string[]) =>
    keys.length === 0
      ? 'a step needs an action: `host: verb`, `wait: 2s` or `inject: {...}`'
      : `a step does one thing, this one has ${keys.map(q).join(' and ')}`,
  atOnWait: () => '`at` does not apply to `wait` (wait is relative already)',
  badDuration: (text: string) => `${q(text)} is not a duration (50ms, 2s, 1.5s, 2min or a number of milliseconds)`,
  duplicateId: (id: string, line: number) => `duplicate question id ${q(id)} (first used on line ${line})`,
  duplicateAddress: (addr: string, other: string) => `address ${q(addr)} is already used by host ${q(other)}`,
  badState: (text: string, hint?: string) => `${q(text)} is not a TCP state${hint ? `; did you mean ${q(hint)}?` : ''}`,
  badEndpoint: (text: string, hint?: string) =>
    `${q(text)} is neither a host of this file nor an address:port${hint ? `; did you mean ${q(hint)}?` : ''}`,
  delayNeedsBy: () => '`delay` needs `by:` (e.g. `by: 300ms`)',
  byOnlyForDelay: () => '`by` only applies to `delay`',
  keyNotForKind: (key: string, kind: string) => `${q(key)} has no effect on an ${q(`ask: ${kind}`)} question`,
  noSuchSegment: (n: number, count: number) => `segment ${n} does not exist: this scenario sends ${count} segment${count === 1 ? '' : 's'}`,
  engineError: (m: string) => `the scenario cannot run: ${m}`,
  choiceAnswer: (answer: number, count: number) => `\`answer\` ${answer} is not a choice: choices are numbered 0 to ${count - 1}`,
  expectMissingAnswer: () => 'could not compute the answer to compare with `expect`',
  notUtf8: (byte: number) =>
    `the file is not UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} here is not part of a UTF-8 character (save the file as UTF-8)`,
  yamlMultipleDocs: (dashes: boolean): string =>
    dashes
      ? 'a second YAML document starts at this `---`: an exercise file is one document (remove the `---` line, or what follows it)'
      : 'a second YAML document starts here: an exercise file is one document',
  yamlUnclosedQuote: (quote: string) => `this quoted text has no closing ${quote}`,
  keyNotText: () => 'a key must be plain text, not a list or a mapping',
  sendTooBig: (n: number | string, max: number) => `\`send\` sends at most ${max} bytes (${max / 1048576} MiB) in one step, not ${n}`,
  totalTooBig: (total: number, max: number) =>
    `the steps send ${total} bytes by here, more than the ${max} bytes (${max / 1048576} MiB) a scenario may send in all`,
  injectTooBig: (n: number, max: number) => `\`data\` of an injected segment is at most ${max} bytes (what fits in one segment), not ${n}`,
  badEscape: (esc: string) => `${q(esc)} is not an escape in double quotes: write \`\\\\\` for a backslash, or put the text in single quotes`,
  unclosedSendQuote: () => 'the text of `send` has no closing quote',
  badPort: (port: string) => `port ${clip(port)} is out of range (0..65535)`,
  badAddress: (addr: string) => `${q(addr)} is not an IPv4 or IPv6 address`,
  mixedFamilies: () => '`from` and `to` must both be IPv4 or both IPv6 (the hosts of a file have IPv4 addresses)',
  minHosts: (n: number) => `\`hosts\` needs at least ${n} hosts`,
  faultOneKind: () => 'a fault has exactly one kind: drop, duplicate, delay or reorder',
  minProperties: (key: string, n: number) => `${q(key)} needs at least ${n} key${n === 1 ? '' : 's'}`,
  maxProperties: (key: string, n: number) => `${q(key)} has at most ${n} key${n === 1 ? '' : 's'}`,
  duplicateItem: (key: string, value: string) => `${q(key)} lists ${q(value)} twice`,
  minItems: (key: string, n: number) => `${q(key)} needs at least ${n} item${n === 1 ? '' : 's'}`,
  maxItems: (key: string, n: number) => `${q(key)} has at most ${n} item${n === 1 ? '' : 's'}`,
  minLength: (key: string, n: number) => (n <= 1 ? `${q(key)} must not be empty` : `${q(key)} must be at least ${n} characters long`),
  maxLength: (key: string, n: number) => `${q(key)} is too long (more than ${n} characters)`,
  enumOf: (key: string, allowed: readonly string[]) => `${q(key)} must be one of ${allowed.join(', ')}`,
  itemType: (what: 'step' | 'fault' | 'question'): string =>
    what === 'step'
      ? 'a step must be a mapping: `host: verb`, `wait: 2s` or `inject: {...}`'
      : what === 'fault'
        ? 'a fault must be a mapping of its kind: `drop: {...}`, `duplicate: {...}`, `delay: {...}` or `reorder: {...}`'
        : 'a question must be a mapping: `{ id: ..., ask: ..., ... }`',
  acceptedExpect: (value: string, allowed: readonly string[]) =>
    `\`expect\` of an \`accepted\` question says what the receiver does with the segment: one of ${allowed.join(', ')} (not ${q(value)})`,
  stepFails: (n: number, host: string, call: string, error: string) => `step ${n} (${host}: ${call}) fails: ${error}`,
  faultNeverMatches: (n: number) => `fault ${n} never matches a segment`,
  faultNeverApplies: (n: number, count: number, nth: number) =>
    `fault ${n} never applies: ${count} segment${count === 1 ? ' matches' : 's match'} it, but \`nth\` is ${nth}`,
};

type Catalogue = typeof en;

const zh: Catalogue = {
  yamlSyntax: (m) => `YAML 语法错误：${m}`,
  quoteHint: () => '（包含 `: ` 或 ` #` 的文本请加引号，或使用块标量 `|`）',
  yamlTag: (tag) => `练习文件中不允许使用 YAML 标签（发现 ${q(tag)}）`,
  fileTooBig: (size, max) => `文件过大（${size} 字节，上限 ${max}）`,
  tooManyAliases: (max) => `YAML 别名过多（超过 ${max} 个）：练习文件不需要别名`,
  tooDeep: (max) => `嵌套过深（超过 ${max} 层）`,
  tooMany: (what, n, max) => `${what}过多（${n} 个，上限 ${max}）`,
  notMapping: () => '练习文件应是一个 YAML 映射（`tcp-tutor: 1`、`title: ...`、`hosts: ...`、`steps: ...`）',
  type: (key, expected) => `${q(key)} 必须是${expected}`,
  required: (key, where) => `${where ? `${clip(where, 60)} 中` : ''}缺少 ${q(key)}`,
  enumValue: (value, allowed, hint) => `${q(value)} 不是 ${allowed.join('、')} 之一${hint ? `；你是不是想写 ${q(hint)}？` : ''}`,
  unknownKey: (key, hint) => `未知的键 ${q(key)}${hint ? `，你是不是想写 ${q(hint)}？` : ''}`,
  pattern: (key, desc) => `${q(key)} 必须是${desc}`,
  range: (key, op, n) => `${q(key)} 必须 ${op} ${n}`,
  constVersion: () => '`tcp-tutor` 必须为 1（唯一的格式版本）',
  generic: (key, m) => `${q(key)}：${m}`,
  unknownHost: (name, hint) => `未知的主机 ${q(name)}${hint ? `，你是不是想写 ${q(hint)}？` : ''}`,
  unknownVerb: (verb, hint) =>
    `未知的步骤 ${q(verb)}${hint ? `，你是不是想写 ${q(hint)}？` : ''}（listen、accept、connect 对端、send N、send "文本"、receive、close、abort、status、crash、reboot）`,
  unknownIsn: (text, hint) => `${q(text)} 不是 ISN 生成器（rfc793、rfc6528、plus128000）也不是数字${hint ? `；你是不是想写 ${q(hint)}？` : ''}`,
  unknownTopic: (topic, topics, hint) => `没有名为 ${q(topic)} 的练习生成器${hint ? `；你是不是想写 ${q(hint)}？` : `（可用：${topics.join('、')}）`}`,
  connectNeedsPeer: () => '`connect` 需要指定对端：`connect server`',
  sendNeedsData: () => '`send` 需要字节数或带引号的文本：`send 100` 或 `send "hello"`',
  verbTakesNoArgument: (verb) => `${q(verb)} 不带参数`,
  connectSelf: (name) => `${q(name)} 不能连接自己`,
  stepShape: (keys) =>
    keys.length === 0 ? '步骤需要一个动作：`主机: 动词`、`wait: 2s` 或 `inject: {...}`' : `每个步骤只能做一件事，这里有 ${keys.map(q).join(' 和 ')}`,
  atOnWait: () => '`at` 不适用于 `wait`（wait 本身就是相对时间）',
  badDuration: (text) => `${q(text)} 不是时长（50ms、2s、1.5s、2min 或毫秒数）`,
  duplicateId: (id, line) => `问题 id ${q(id)} 重复（第 ${line} 行已使用）`,
  duplicateAddress: (addr, other) => `地址 ${q(addr)} 已被主机 ${q(other)} 使用`,
  badState: (text, hint) => `${q(text)} 不是 TCP 状态${hint ? `；你是不是想写 ${q(hint)}？` : ''}`,
  badEndpoint: (text, hint) => `${q(text)} 既不是本文件中的主机，也不是 地址:端口${hint ? `；你是不是想写 ${q(hint)}？` : ''}`,
  delayNeedsBy: () => '`delay` 需要 `by:`（例如 `by: 300ms`）',
  byOnlyForDelay: () => '`by` 只适用于 `delay`',
  keyNotForKind: (key, kind) => `${q(key)} 对 ${q(`ask: ${kind}`)} 问题不起作用`,
  noSuchSegment: (n, count) => `报文段 ${n} 不存在：此场景共发送 ${count} 个报文段`,
  engineError: (m) => `场景无法运行：${m}`,
  choiceAnswer: (answer, count) => `\`answer\` ${answer} 不是有效选项：选项编号为 0 到 ${count - 1}`,
  expectMissingAnswer: () => '无法计算答案以与 `expect` 比较',
  notUtf8: (byte) => `文件不是 UTF-8 编码：此处的字节 0x${byte.toString(16).toUpperCase().padStart(2, '0')} 不属于任何 UTF-8 字符（请将文件另存为 UTF-8）`,
  yamlMultipleDocs: (dashes) =>
    dashes
      ? '这一行 `---` 开始了第二个 YAML 文档：一个练习文件只能有一个文档（删去这一行 `---`，或删去它后面的内容）'
      : '这里开始了第二个 YAML 文档：一个练习文件只能有一个文档',
  yamlUnclosedQuote: (quote) => `这段加引号的文本缺少结尾的 ${quote}`,
  keyNotText: () => '键必须是普通文本，不能是列表或映射',
  sendTooBig: (n, max) => `一次 \`send\` 最多发送 ${max} 字节（${max / 1048576} MiB），这里却是 ${n}`,
  totalTooBig: (total, max) => `到这一步为止各步骤共发送 ${total} 字节，超过了一个场景总共 ${max} 字节（${max / 1048576} MiB）的上限`,
  injectTooBig: (n, max) => `注入报文段的 \`data\` 最多 ${max} 字节（一个报文段装得下的量），这里却是 ${n}`,
  badEscape: (esc) => `双引号中的 ${q(esc)} 不是合法的转义：反斜杠本身要写成 \`\\\\\`，或者把文本改用单引号括起来`,
  unclosedSendQuote: () => '`send` 的文本缺少结尾的引号',
  badPort: (port) => `端口 ${clip(port)} 超出范围（0..65535）`,
  badAddress: (addr) => `${q(addr)} 不是 IPv4 或 IPv6 地址`,
  mixedFamilies: () => '`from` 和 `to` 必须同为 IPv4 或同为 IPv6（文件中的主机都使用 IPv4 地址）',
  minHosts: (n) => `\`hosts\` 至少需要 ${n} 个主机`,
  faultOneKind: () => '每个故障只能有一种类型：drop、duplicate、delay 或 reorder',
  minProperties: (key, n) => `${q(key)} 至少需要 ${n} 个键`,
  maxProperties: (key, n) => `${q(key)} 最多只能有 ${n} 个键`,
  duplicateItem: (key, value) => `${q(key)} 中的 ${q(value)} 重复了`,
  minItems: (key, n) => `${q(key)} 至少需要 ${n} 项`,
  maxItems: (key, n) => `${q(key)} 最多只能有 ${n} 项`,
  minLength: (key, n) => (n <= 1 ? `${q(key)} 不能为空` : `${q(key)} 至少需要 ${n} 个字符`),
  maxLength: (key, n) => `${q(key)} 太长了（超过 ${n} 个字符）`,
  enumOf: (key, allowed) => `${q(key)} 必须是 ${allowed.join('、')} 之一`,
  itemType: (what) =>
    what === 'step'
      ? '步骤必须是一个映射：`主机: 动词`、`wait: 2s` 或 `inject: {...}`'
      : what === 'fault'
        ? '故障必须是以类型为键的映射：`drop: {...}`、`duplicate: {...}`、`delay: {...}` 或 `reorder: {...}`'
        : '问题必须是一个映射：`{ id: ..., ask: ..., ... }`',
  acceptedExpect: (value, allowed) => `\`accepted\` 问题的 \`expect\` 表示接收方如何处理该报文段，应为 ${allowed.join('、')} 之一（而不是 ${q(value)}）`,
  stepFails: (n, host, call, error) => `第 ${n} 步（${host}: ${call}）会失败：${error}`,
  faultNeverMatches: (n) => `第 ${n} 个故障没有匹配到任何报文段`,
  faultNeverApplies: (n, count, nth) => `第 ${n} 个故障从未生效：只有 ${count} 个报文段与它匹配，而 \`nth\` 是 ${nth}`,
};

const TYPE_NAMES: Record<Lang, Record<string, string>> = {
  en: { string: 'a string', number: 'a number', integer: 'an integer', boolean: 'true or false', object: 'a mapping', array: 'a list', null: 'empty' },
  'zh-cn': { string: '字符串', number: '数字', integer: '整数', boolean: 'true 或 false', object: '映射', array: '列表', null: '空值' },
};

export function messages(lang: Lang): Catalogue {
  return lang === 'zh-cn' ? zh : en;
}

export function typeName(lang: Lang, types: string | string[]): string {
  const list = Array.isArray(types) ? types : [types];
  return list.map((t) => TYPE_NAMES[lang][t] ?? t).join(lang === 'zh-cn' ? '或' : ' or ');
}
