/** Every diagnostic message of the exercise format, in each language a learner reads. */
import type { Lang } from '../common/text';

const q = (s: string | number): string => `\`${s}\``;

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
  required: (key: string, where: string) => `missing ${q(key)}${where ? ` in ${where}` : ''}`,
  enumValue: (value: string, allowed: readonly string[], hint?: string) =>
    `${q(value)} is not one of ${allowed.join(', ')}${hint ? `; did you mean ${q(hint)}?` : ''}`,
  unknownKey: (key: string, hint?: string) => `unknown key ${q(key)}${hint ? `, did you mean ${q(hint)}?` : ''}`,
  pattern: (key: string, desc: string) => `${q(key)} must be ${desc}`,
  range: (key: string, op: string, n: number) => `${q(key)} must be ${op} ${n}`,
  constVersion: () => '`tcp-tutor` must be 1 (the only format version)',
  generic: (key: string, m: string) => `${q(key)} ${m}`,
  unknownHost: (name: string, hint?: string) => `unknown host ${q(name)}${hint ? `, did you mean ${q(hint)}?` : ''}`,
  unknownVerb: (verb: string, hint?: string) =>
    `unknown step ${q(verb)}${hint ? `, did you mean ${q(hint)}?` : ''} (listen, connect PEER, send N, send "text", receive, close, abort, status, crash, reboot)`,
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
  engineLimit: (m: string) => `the simulation hit a limit: ${m}`,
  engineError: (m: string) => `the scenario cannot run: ${m}`,
  choiceAnswer: (answer: number, count: number) => `\`answer\` ${answer} is not a choice: choices are numbered 0 to ${count - 1}`,
  expectMissingAnswer: () => 'could not compute the answer to compare with `expect`',
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
  required: (key, where) => `${where ? `${where} 中` : ''}缺少 ${q(key)}`,
  enumValue: (value, allowed, hint) => `${q(value)} 不是 ${allowed.join('、')} 之一${hint ? `；你是不是想写 ${q(hint)}？` : ''}`,
  unknownKey: (key, hint) => `未知的键 ${q(key)}${hint ? `，你是不是想写 ${q(hint)}？` : ''}`,
  pattern: (key, desc) => `${q(key)} 必须是${desc}`,
  range: (key, op, n) => `${q(key)} 必须 ${op} ${n}`,
  constVersion: () => '`tcp-tutor` 必须为 1（唯一的格式版本）',
  generic: (key, m) => `${q(key)}：${m}`,
  unknownHost: (name, hint) => `未知的主机 ${q(name)}${hint ? `，你是不是想写 ${q(hint)}？` : ''}`,
  unknownVerb: (verb, hint) =>
    `未知的步骤 ${q(verb)}${hint ? `，你是不是想写 ${q(hint)}？` : ''}（listen、connect 对端、send N、send "文本"、receive、close、abort、status、crash、reboot）`,
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
  engineLimit: (m) => `模拟达到上限：${m}`,
  engineError: (m) => `场景无法运行：${m}`,
  choiceAnswer: (answer, count) => `\`answer\` ${answer} 不是有效选项：选项编号为 0 到 ${count - 1}`,
  expectMissingAnswer: () => '无法计算答案以与 `expect` 比较',
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
