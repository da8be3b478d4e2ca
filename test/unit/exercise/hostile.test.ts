import { describe, expect, it } from 'vitest';
import { checkExercise, EXERCISE_LIMITS, loadExercise, type Diagnostic } from '../../../src/exercise';
import { file } from './helpers';

const show = (ds: Diagnostic[]) => ds.map((d) => `${d.line}:${d.column} ${d.message}`);
const load = (text: string, lang: 'en' | 'zh-cn' = 'en') => show(loadExercise(text, 'x.tcp.yaml', lang).diagnostics);

const CONNECTED = 'steps:\n  - server: listen\n  - client: connect server\n';

describe('send sizes are capped (a `send 4000000000` no longer eats gigabytes)', () => {
  it('more than 1 MiB in one step: an error at the step value, in both languages', () => {
    const text = file(`${CONNECTED}  - client: send 4000000000\n`);
    const t0 = performance.now();
    expect(load(text)).toEqual(['9:13 `send` sends at most 1048576 bytes (1 MiB) in one step, not 4000000000']);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(load(text, 'zh-cn')).toEqual(['9:13 一次 `send` 最多发送 1048576 字节（1 MiB），这里却是 4000000000']);
  });
  it('a count too big for a number (1e23) is the same error, not an internal one', () => {
    expect(show(checkExercise(file(`${CONNECTED}  - client: send 99999999999999999999999\n`), 'x'))).toEqual([
      '9:13 `send` sends at most 1048576 bytes (1 MiB) in one step, not 99999999999999999999999',
    ]);
  });
  it('exactly 1 MiB is allowed', () => {
    expect(load(file(`${CONNECTED}  - client: send 1048576\n`))).toEqual([]);
    expect(EXERCISE_LIMITS.maxSendBytes).toBe(1048576);
  });
  it('more than 8 MiB over the whole scenario: an error at the step that goes over', () => {
    const text = file(`${CONNECTED}${'  - client: send 1048576\n'.repeat(8)}  - server: send "x"\n`);
    expect(load(text)).toEqual(['17:13 the steps send 8388609 bytes by here, more than the 8388608 bytes (8 MiB) a scenario may send in all']);
    expect(load(text, 'zh-cn')).toEqual(['17:13 到这一步为止各步骤共发送 8388609 字节，超过了一个场景总共 8388608 字节（8 MiB）的上限']);
  });
  it('an injected segment carries at most what fits in one segment', () => {
    expect(load(file('steps:\n  - inject: { from: client, to: server, flags: [ACK], data: 65496 }\n'))).toEqual([
      '7:61 `data` of an injected segment is at most 65495 bytes (what fits in one segment), not 65496',
    ]);
  });
});

describe('deep nesting gives the depth-limit message, never a stack overflow', () => {
  it('10,000 `[`: the limit message at the bracket 32 levels down', () => {
    const ds = loadExercise(file(`description: ${'['.repeat(10000)}\nsteps: []\n`), 'x').diagnostics;
    expect(show(ds)).toEqual(['6:45 nesting is too deep (more than 32 levels)']);
    expect(ds[0].code).toBe('limit-depth');
    expect(JSON.stringify(ds)).not.toMatch(/call stack/i);
  });
  it('10,000 `{a: ` and 10,000 nested block sequences too', () => {
    expect(load(file(`description: ${'{a: '.repeat(10000)}\nsteps: []\n`))).toEqual(['6:138 nesting is too deep (more than 32 levels)']);
    const block = loadExercise(file(`x:\n${'- '.repeat(10000)}1\nsteps: []\n`), 'x').diagnostics;
    expect(block.map((d) => d.message)).toEqual(['nesting is too deep (more than 32 levels)']);
  });
  it('in Chinese', () => {
    expect(load(file(`description: ${'['.repeat(10000)}\nsteps: []\n`), 'zh-cn')).toEqual(['6:45 嵌套过深（超过 32 层）']);
  });
});

describe('YAML problems in our own words', () => {
  it('a second document: at its `---`, not "use YAML.parseAllDocuments()"', () => {
    const text = file('steps: []\n---\ntcp-tutor: 1\n');
    expect(load(text)).toEqual(['7:1 a second YAML document starts at this `---`: an exercise file is one document (remove the `---` line, or what follows it)']);
    expect(load(text, 'zh-cn')).toEqual(['7:1 这一行 `---` 开始了第二个 YAML 文档：一个练习文件只能有一个文档（删去这一行 `---`，或删去它后面的内容）']);
  });
  it('an unclosed quote is reported at the quote, not at the end of the file', () => {
    expect(load(file('description: "never closed\nsteps: []\n'))).toEqual(['6:14 this quoted text has no closing "']);
    expect(load(file("description: 'never closed\nsteps: []\n"), 'zh-cn')).toEqual(["6:14 这段加引号的文本缺少结尾的 '"]);
  });
  it('text quoted from the file is cut to one short line', () => {
    const [d] = loadExercise(file(`steps:\n  - client: ${'x'.repeat(5000)}\n`), 'x').diagnostics;
    expect(d.message).toBe(`unknown step \`${'x'.repeat(40)}…\` (listen, accept, connect PEER, send N, send "text", receive, close, abort, status, crash, reboot)`);
    const [multi] = loadExercise(file('steps:\n  - wait: "2 seconds\\nor so"\n'), 'x').diagnostics;
    expect(multi.message).toBe('`2 seconds…` is not a duration (50ms, 2s, 1.5s, 2min or a number of milliseconds)');
  });
  it('a list or mapping used as a key is refused (not stringified with a Node warning)', () => {
    expect(load(file('steps: []\n? [a, b]\n: 1\n'))).toEqual(['7:3 a key must be plain text, not a list or a mapping']);
  });
});
