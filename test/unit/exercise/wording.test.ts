import { describe, expect, it } from 'vitest';
import { checkExercise, limitMessage, loadExercise, type Diagnostic } from '../../../src/exercise';
import { file } from './helpers';

const show = (ds: Diagnostic[]) => ds.map((d) => `${d.line}:${d.column} ${d.message}`);
const load = (text: string, lang: 'en' | 'zh-cn' = 'en') => show(loadExercise(text, 'x.tcp.yaml', lang).diagnostics);
const check = (text: string, lang: 'en' | 'zh-cn' = 'en') => show(checkExercise(text, 'x.tcp.yaml', lang));

describe('inject endpoints are validated where they are written', () => {
  it('a port above 65535 is an error at the value (it used to fail later, at 1:1)', () => {
    const text = file('steps:\n  - server: listen\n  - inject: { from: 10.0.0.9:99999, to: server, flags: [SYN] }\n');
    expect(check(text)).toEqual(['8:21 port 99999 is out of range (0..65535)']);
    expect(check(text, 'zh-cn')).toEqual(['8:21 端口 99999 超出范围（0..65535）']);
  });
  it('port 0 and 65535 are fine', () => {
    expect(load(file('steps:\n  - inject: { from: 10.0.0.9:0, to: server, flags: [SYN] }\n  - inject: { from: 10.0.0.9:65535, to: server, flags: [SYN] }\n'))).toEqual([]);
  });
  it('the address must be IPv4 or IPv6', () => {
    expect(load(file('steps:\n  - inject: { from: 10.0.0.256:80, to: server, flags: [SYN] }\n'))).toEqual(['7:21 `10.0.0.256` is not an IPv4 or IPv6 address']);
    expect(load(file('steps:\n  - inject: { from: "fe80::1::2:80", to: "2001:db8::2:80", flags: [SYN] }\n'), 'zh-cn')).toEqual(['7:21 `fe80::1::2` 不是 IPv4 或 IPv6 地址']);
    expect(load(file('steps:\n  - inject: { from: "::1:80", to: "2001:db8::2:80", flags: [SYN] }\n'))).toEqual([]);
  });
  it('IPv6 to a host (IPv4) cannot be sent', () => {
    expect(load(file('steps:\n  - inject: { from: "2001:db8::9:80", to: server, flags: [SYN] }\n'))).toEqual([
      '7:43 `from` and `to` must both be IPv4 or both IPv6 (the hosts of a file have IPv4 addresses)',
    ]);
  });
  it('fault match endpoints too', () => {
    expect(load(file('steps: []\nfaults:\n  - drop: { from: 10.0.0.9:70000 }\n'))).toEqual(['8:19 port 70000 is out of range (0..65535)']);
  });
});

describe('simulation limits in plain words', () => {
  it('limitMessage: the panel and check say the same, in both languages', () => {
    expect(limitMessage('maxVirtualTime', 86_400_000, 'en')).toBe('the simulation ran past 24 h of virtual time, the limit');
    expect(limitMessage('maxVirtualTime', 86_400_000, 'zh-cn')).toBe('模拟的虚拟时间超过了 24 小时的上限');
    expect(limitMessage('maxSegments', 10_000, 'en')).toBe('the simulation sent more than 10000 segments, the limit');
    expect(limitMessage('maxSegments', 10_000, 'zh-cn')).toBe('模拟发送的报文段超过了 10000 个的上限');
    expect(limitMessage('maxEvents', 100_000, 'en')).toBe('the simulation produced more than 100000 events, the limit');
    expect(limitMessage('maxEvents', 100_000, 'zh-cn')).toBe('模拟产生的事件超过了 100000 个的上限');
  });
  it('a `wait` past the virtual-time limit: at that step, not at `steps`', () => {
    expect(check(file('steps:\n  - server: listen\n  - wait: 99999999999min\n'))).toEqual(['8:5 the simulation ran past 24 h of virtual time, the limit']);
  });
  it('an `at` past it: at that step', () => {
    expect(check(file('steps:\n  - server: listen\n  - { client: connect server, at: 100000000000 }\n'), 'zh-cn')).toEqual(['8:7 模拟的虚拟时间超过了 24 小时的上限']);
  });
  it('the segment limit: at the step that took the scenario past it (a SYN flood)', () => {
    const floods = Array.from({ length: 1000 }, (_, i) => `  - inject: { from: 10.9.${i >> 8}.${i & 255}:${1000 + i}, to: server, flags: [SYN], at: ${i} }\n`).join('');
    const text = `tcp-tutor: 1\ntitle: t\nhosts:\n  client: { address: 10.0.0.1, port: 40000 }\n  server: { address: 10.0.0.2, port: 80, backlog: 65535 }\nsteps:\n  - server: listen\n${floods}`;
    const ds = checkExercise(text, 'x');
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toBe('the simulation sent more than 10000 segments, the limit');
    // Somewhere in the flood, at a step's own line (not `steps:` on line 6).
    expect(ds[0].line).toBeGreaterThan(8);
    expect(ds[0].column).toBe(5);
    const step = ds[0].line - 7; // 0-based step index: `- server: listen` is on line 7
    expect(text.split('\n')[ds[0].line - 1]).toContain(`at: ${step - 1} }`);
  });
});

describe('human messages for the schema', () => {
  it('`hosts` needs at least 2 hosts', () => {
    const text = 'tcp-tutor: 1\ntitle: t\nhosts:\n  client: { address: 10.0.0.1, port: 1 }\nsteps: []\n';
    expect(load(text)).toEqual(['4:3 `hosts` needs at least 2 hosts']);
    expect(load(text, 'zh-cn')).toEqual(['4:3 `hosts` 至少需要 2 个主机']);
  });
  it('a fault has exactly one kind: at the second kind, or at an empty fault', () => {
    const text = file('steps: []\nfaults:\n  - { drop: {}, delay: { by: 1s } }\n  - {}\n');
    expect(load(text)).toEqual(['8:17 a fault has exactly one kind: drop, duplicate, delay or reorder', '9:5 a fault has exactly one kind: drop, duplicate, delay or reorder']);
    expect(load(text, 'zh-cn')[0]).toBe('8:17 每个故障只能有一种类型：drop、duplicate、delay 或 reorder');
  });
  it('uniqueItems names the repeated value, at its second occurrence', () => {
    const text = file('steps:\n  - inject: { from: client, to: server, flags: [SYN, ACK, SYN] }\n');
    expect(load(text)).toEqual(['7:59 `flags` lists `SYN` twice']);
    expect(load(text, 'zh-cn')).toEqual(['7:59 `flags` 中的 `SYN` 重复了']);
  });
  it('an enum given a mapping or a list: one message, never `[object Object]`', () => {
    const text = file('steps: []\nquestions:\n  - { id: q, ask: { a: 1 }, host: client, after: 1 }\nprofile: [linux]\n');
    expect(load(text)).toEqual([
      '8:19 `ask` must be one of state, seq, ack, flags, segment, accepted, number, choice',
      '9:10 `profile` must be one of rfc9293, linux',
    ]);
    expect(load(text, 'zh-cn')[1]).toBe('9:10 `profile` 必须是 rfc9293、linux 之一');
  });
  it('item counts and lengths', () => {
    expect(load(file('steps: []\nquestions:\n  - { id: q, ask: choice, choices: [a], answer: 0 }\n  - { id: r, ask: number, topic: segment-count, hints: [a, b, c] }\n'))).toEqual([
      '8:36 `choices` needs at least 2 items',
      '9:56 `hints` has at most 2 items',
    ]);
    expect(load(file('steps: []\nfaults:\n  - drop: { from: "" }\n'))).toEqual(['8:19 `from` must not be empty']);
    expect(load(file(`description: "${'x'.repeat(100001)}"\nsteps: []\n`), 'zh-cn')).toEqual(['6:14 `description` 太长了（超过 100000 个字符）']);
  });
  it('a step, fault or question that is not a mapping says what it should look like', () => {
    expect(load(file('steps:\n  - listen\nfaults:\n  - drop\n'))).toEqual([
      '7:5 a step must be a mapping: `host: verb`, `wait: 2s` or `inject: {...}`',
      '9:5 a fault must be a mapping of its kind: `drop: {...}`, `duplicate: {...}`, `delay: {...}` or `reorder: {...}`',
    ]);
  });
});

describe('the minor ones', () => {
  it('an `accepted` expect the quiz cannot read lists the values it can', () => {
    const text = file(`steps:\n  - server: listen\n  - client: connect server\nquestions:\n  - { id: a, ask: accepted, segment: 1, expect: true }\n`);
    expect(check(text)).toEqual([
      '10:49 `expect` of an `accepted` question says what the receiver does with the segment: one of accepted, ignored, ack, challenge-ack, rst (not `true`)',
    ]);
    expect(check(text, 'zh-cn')).toEqual(['10:49 `accepted` 问题的 `expect` 表示接收方如何处理该报文段，应为 accepted、ignored、ack、challenge-ack、rst 之一（而不是 `true`）']);
    expect(check(text.replace('expect: true', 'expect: accepted'))).toEqual([]);
  });
  it('`send "a\\q"`: the escape is named', () => {
    const text = file('steps:\n  - client: send "a\\q"\n');
    expect(load(text)).toEqual(['7:13 `\\q` is not an escape in double quotes: write `\\\\` for a backslash, or put the text in single quotes']);
    expect(load(text, 'zh-cn')).toEqual(['7:13 双引号中的 `\\q` 不是合法的转义：反斜杠本身要写成 `\\\\`，或者把文本改用单引号括起来']);
    expect(load(file('steps:\n  - client: send "\\u00e9 \\"ok\\""\n'))).toEqual([]);
  });
  it('`send "text` without its closing quote', () => {
    expect(load(file('steps:\n  - client: send "abc\n'))).toEqual(['7:13 the text of `send` has no closing quote']);
  });
  it.each([
    ['wiat: 2s', '7:5 unknown key `wiat`, did you mean `wait`?', '7:5 未知的键 `wiat`，你是不是想写 `wait`？'],
    ['injct: { from: client, to: server, flags: [SYN] }', '7:5 unknown key `injct`, did you mean `inject`?', '7:5 未知的键 `injct`，你是不是想写 `inject`？'],
    ['{ server: listen, AT: 5ms }', '7:23 unknown key `AT`, did you mean `at`?', '7:23 未知的键 `AT`，你是不是想写 `at`？'],
  ])('a misspelt step key `%s`: one error with did-you-mean, no noise', (step, en, zh) => {
    const text = file(`steps:\n  - ${step}\n`);
    expect(load(text)).toEqual([en]);
    expect(load(text, 'zh-cn')).toEqual([zh]);
  });
  it('a misspelt host is still an unknown host, and its verb is still read', () => {
    expect(load(file('steps:\n  - clinet: conect server\n'))).toEqual([
      '7:5 unknown host `clinet`, did you mean `client`?',
      '7:13 unknown step `conect`, did you mean `connect`? (listen, accept, connect PEER, send N, send "text", receive, close, abort, status, crash, reboot)',
    ]);
  });
});
