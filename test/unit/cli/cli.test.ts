import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '../../../package.json';
import { simulate } from '../../../src/engine';
import { loadExercise } from '../../../src/exercise';
import { expandExercisePaths, listExerciseFiles, readFileCapped } from '../../../src/cli/files';
import { exerciseFileName, runCli } from '../../../src/cli/run';
import { computeAnswer } from '../../../src/quiz';

const ROOT = join(__dirname, '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'tcp-tutor-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[], opts: { stdin?: string | AsyncIterable<string>; cwd?: string; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    stdin: opts.stdin,
    cwd: opts.cwd ?? ROOT,
    env: opts.env,
  });
  return { code, stdout, stderr };
}

describe('--version and --help', () => {
  it('--version prints the package version', async () => {
    const r = await run(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
  it('--help and no-argument usage', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const cmd of ['simulate', 'render', 'check', 'quiz', 'new']) expect(help.stdout).toContain(cmd);
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: tcp-tutor');
  });
  it.each(['simulate', 'render', 'check', 'quiz', 'new', 'help'])('%s --help and help %s', async (cmd) => {
    const a = await run([cmd, '--help']);
    const b = await run(['help', cmd]);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain(`Usage: tcp-tutor ${cmd}`);
    expect(b).toEqual(a);
  });
  it('unknown command and unknown option: a message, the usage, exit 2, no stack trace', async () => {
    const c = await run(['simulat', 'x']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain("unknown command 'simulat'");
    expect(c.stderr).toContain('Usage: tcp-tutor');
    const o = await run(['check', '--fast', 'examples']);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain("unknown option '--fast'");
    const wrongCmd = await run(['check', '--json', 'examples']);
    expect(wrongCmd.code).toBe(2);
    expect(`${c.stderr}${o.stderr}${wrongCmd.stderr}`).not.toMatch(/\n\s+at /);
  });
  it('--lang zh-cn and LANG select Chinese', async () => {
    const a = await run(['--lang', 'zh-cn', '--help']);
    expect(a.stdout).toContain('用法');
    const b = await run(['--help'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(b.stdout).toBe(a.stdout);
    const c = await run(['--lang=en', '--help'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(c.stdout).toContain('Usage');
    expect((await run(['--lang', 'fr', '--help'])).code).toBe(2);
  });
});

describe('simulate', () => {
  it('--json on the handshake example: the documented shape', async () => {
    const r = await run(['simulate', 'examples/handshake.tcp.yaml', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const trace = simulate(loadExercise(readFileSync(join(ROOT, 'examples/handshake.tcp.yaml'), 'utf8'), 'h').exercise!.scenario);
    expect(Object.keys(json)).toEqual(['hosts', 'segments', 'states', 'final', 'errors']);
    expect(json.hosts).toEqual({ client: { address: '10.0.0.1', port: 40000, isn: 1000 }, server: { address: '10.0.0.2', port: 80, isn: 5000 } });
    expect(json.segments).toHaveLength(trace.segments.length);
    for (const s of json.segments) {
      expect(Object.keys(s).sort()).toEqual(['ack', 'arrivedAt', 'fate', 'flags', 'from', 'len', 'n', 'options', 'sentAt', 'seq', 'to', 'window']);
      expect(s.ack === null).toBe(!s.flags.includes('ACK'));
    }
    expect(json.segments[0]).toMatchObject({ n: 1, from: 'client', to: 'server', flags: ['SYN'], seq: 1000, ack: null, fate: 'delivered' });
    for (const st of json.states) {
      expect(Object.keys(st).sort()).toEqual(['at', 'cause', 'from', 'host', 'segment', 'to']);
      expect(st.cause).toMatch(/^(call:[a-z]+|segment:\d+|timer:[a-z-]+)$/);
    }
    expect(json.final).toEqual(trace.final);
  });
  it('a spoofed source appears as address:port', async () => {
    const r = await run(['simulate', 'examples/syn-flood.tcp.yaml', '--json']);
    expect(JSON.parse(r.stdout).segments[0].from).toBe('10.0.0.66:1111');
  });
  it('the table has a header, one row per segment and the final states', async () => {
    const r = await run(['simulate', 'examples/handshake.tcp.yaml']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^#\s+time\s+from → to\s+flags\s+seq\s+ack\s+len\s+win\s+fate\s+state changes$/);
    expect(lines.some((l) => /^1\s+0ms\s+client → server\s+SYN\s+1000\s+-\s+0\s/.test(l))).toBe(true);
    expect(r.stdout).toContain('Final states: client: ESTABLISHED, server: ESTABLISHED');
  });
  it('a file with errors: diagnostics on stderr, exit 1; a missing file: exit 2', async () => {
    writeFileSync(join(tmp, 'bad.tcp.yaml'), 'tcp-tutor: 1\ntitle: t\nhosts: {}\nsteps: []\n');
    const bad = await run(['simulate', 'bad.tcp.yaml'], { cwd: tmp });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^bad\.tcp\.yaml:3:8: `hosts` needs at least 2 hosts$/m);
    const missing = await run(['simulate', 'nope.tcp.yaml'], { cwd: tmp });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read nope.tcp.yaml');
  });
});

describe('render', () => {
  it('prints a Mermaid sequence diagram; --numbers is checked', async () => {
    const r = await run(['render', 'examples/handshake.tcp.yaml', '--numbers', 'relative']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sequenceDiagram/m);
    expect((await run(['render', 'examples/handshake.tcp.yaml', '--numbers', 'sideways'])).code).toBe(2);
  });
});

describe('check', () => {
  it('examples/ passes: exit 0 and a summary', async () => {
    const r = await run(['check', 'examples']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^13 files checked: all passed/m);
  });
  it('problems: file:line:col: message, a summary, exit 1', async () => {
    writeFileSync(
      join(tmp, 'typo.tcp.yaml'),
      'tcp-tutor: 1\ntitle: t\nhosts:\n  client: { address: 10.0.0.1, port: 1 }\n  server: { address: 10.0.0.2, port: 2 }\nsteps:\n  - server: listen\n  - client: conect server\n',
    );
    const r = await run(['check', 'typo.tcp.yaml', join(ROOT, 'examples/handshake.tcp.yaml')], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('typo.tcp.yaml:8:13: unknown step `conect`, did you mean `connect`?');
    expect(r.stdout).not.toContain(': error:');
    expect(r.stdout).toMatch(/2 files checked: 1 failed \(1 error, 0 warnings\)/);
  });
  it('usage errors exit 2', async () => {
    expect((await run(['check'])).code).toBe(2);
    expect((await run(['check', 'does-not-exist'])).code).toBe(2);
  });
});

describe('new', () => {
  it('writes NAME.tcp.yaml that passes check, and refuses to overwrite', async () => {
    const r = await run(['new', 'my-lesson'], { cwd: tmp });
    expect(r.code).toBe(0);
    expect(existsSync(join(tmp, 'my-lesson.tcp.yaml'))).toBe(true);
    expect((await run(['check', 'my-lesson.tcp.yaml'], { cwd: tmp })).code).toBe(0);
    const again = await run(['new', 'my-lesson.tcp.yaml'], { cwd: tmp });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });
  it('the Chinese template passes too', async () => {
    expect((await run(['new', 'zh', '--lang', 'zh-cn'], { cwd: tmp })).code).toBe(0);
    expect(readFileSync(join(tmp, 'zh.tcp.yaml'), 'utf8')).toContain('# 被动打开');
    expect((await run(['check', 'zh.tcp.yaml'], { cwd: tmp })).code).toBe(0);
  });
});

describe('quiz', () => {
  const QUIZ = `tcp-tutor: 1
title: Quiz
hosts:
  client: { address: 10.0.0.1, port: 40000, isn: 1000 }
  server: { address: 10.0.0.2, port: 80, isn: 5000 }
steps:
  - server: listen
  - client: connect server
questions:
  - { id: state, ask: state, host: client, after: 2, tries: 2 }
  - { id: count, ask: number, topic: segment-count, tries: 2 }
`;
  writeFileSync(join(tmp, 'quiz.tcp.yaml'), QUIZ);
  const ex = loadExercise(QUIZ, 'quiz').exercise!;
  const ctx = { trace: simulate(ex.scenario), scenario: ex.scenario };
  const a0 = computeAnswer(ex.questions[0], ctx);
  const a1 = computeAnswer(ex.questions[1], ctx);
  const rightState = a0.kind === 'state' ? a0.state : '';
  const rightCount = a1.kind === 'number' ? a1.value : -1;
  const wrongState = rightState === 'CLOSED' ? 'LISTEN' : 'CLOSED';

  // File order, as acceptance tests pipe the answers: the state (after #2) is the file's first
  // question even though the panel's step-through reaches the count (before any segment) first.
  it('asks in file order, numbered Question i/N in file order', async () => {
    const r = await run(['quiz', 'quiz.tcp.yaml'], { cwd: tmp, stdin: '' });
    expect(r.stdout).toContain('Question 1/2 (state)');
    expect(r.stdout).not.toContain('(count)');
    const both = await run(['quiz', 'quiz.tcp.yaml'], { cwd: tmp, stdin: `${rightState}\n` });
    expect(both.stdout.indexOf('Question 1/2 (state)')).toBeLessThan(both.stdout.indexOf('Question 2/2 (count)'));
  });
  it('the trace shown with a question does not give its answer away', async () => {
    const r = await run(['quiz', 'quiz.tcp.yaml'], { cwd: tmp, stdin: '' });
    const first = r.stdout.slice(r.stdout.indexOf('Question 1/2 (state)'));
    expect(first).toContain('#2');
    expect(first).not.toContain(rightState);
    expect(first).toContain('?');
  });
  it('junk is re-asked without using a try; right and wrong answers are scored', async () => {
    const input = ['not a state at all', rightState, String(rightCount + 1), String(rightCount)].join('\n') + '\n';
    const r = await run(['quiz', 'quiz.tcp.yaml'], { cwd: tmp, stdin: input });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Question 1/2 (state)');
    expect(r.stdout.match(/Correct\./g)).toHaveLength(2);
    expect(r.stdout).toContain('Not quite. 1 try left.');
    expect(r.stdout.trimEnd().endsWith('Score: 2/2')).toBe(true);
  });
  it('after `tries` wrong answers the answer is revealed', async () => {
    const input = [wrongState, wrongState, String(rightCount + 5), String(rightCount + 6)].join('\n');
    const r = await run(['quiz', 'quiz.tcp.yaml'], { cwd: tmp, stdin: input });
    expect(r.code).toBe(0);
    expect(r.stdout.match(/The answer: /g)).toHaveLength(2);
    expect(r.stdout).toContain(rightState);
    expect(r.stdout.trimEnd().endsWith('Score: 0/2')).toBe(true);
  });
  it('EOF ends gracefully with the score so far (stdin as a stream of chunks)', async () => {
    async function* chunks() {
      yield rightState.slice(0, 3);
      yield `${rightState.slice(3)}\n`;
    }
    const r = await run(['quiz', 'quiz.tcp.yaml'], { cwd: tmp, stdin: chunks() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('End of input.');
    expect(r.stdout.trimEnd().endsWith('Score: 1/2')).toBe(true);
  });
  it('--seed must be a number', async () => {
    expect((await run(['quiz', 'quiz.tcp.yaml', '--seed', 'abc'], { cwd: tmp })).code).toBe(2);
    expect((await run(['quiz', 'quiz.tcp.yaml', '--seed', '5'], { cwd: tmp, stdin: '' })).code).toBe(0);
  });
});

describe('listExerciseFiles', () => {
  it('walks directories for *.tcp.yaml, sorted, skipping dot folders and node_modules; files are taken as given', () => {
    const base = mkdtempSync(join(tmp, 'walk-'));
    for (const d of ['a/deep', '.hidden', 'node_modules/x']) mkdirSync(join(base, d), { recursive: true });
    for (const f of ['b.tcp.yaml', 'a/deep/c.tcp.yaml', 'a/notes.yaml', '.hidden/h.tcp.yaml', 'node_modules/x/n.tcp.yaml', 'plain.yaml']) writeFileSync(join(base, f), '');
    expect(listExerciseFiles(['.', 'plain.yaml', 'missing'], base)).toEqual([join('.', 'a/deep/c.tcp.yaml'), join('.', 'b.tcp.yaml'), 'plain.yaml']);
    expect(expandExercisePaths(['missing'], base)).toEqual({ files: [], missing: ['missing'] });
  });
});

const HOSTS = `tcp-tutor: 1
title: t
hosts:
  client: { address: 10.0.0.1, port: 40000, isn: 1000 }
  server: { address: 10.0.0.2, port: 80, isn: 5000 }
`;

describe('check output (the contract)', () => {
  it('errors are file:line:col: message; warnings file:line:col: warning: message; warnings still pass', async () => {
    writeFileSync(join(tmp, 'warns.tcp.yaml'), `${HOSTS}steps:\n  - server: listen\n  - client: connect server\n  - client: close\n  - client: send 5\nfaults:\n  - drop: { flags: [RST] }\n`);
    const r = await run(['check', 'warns.tcp.yaml'], { cwd: tmp });
    expect(r.stdout).toBe(
      [
        'warns.tcp.yaml:10:5: warning: step 4 (client: send) fails: connection closing',
        'warns.tcp.yaml:12:5: warning: fault 1 never matches a segment',
        '1 file checked: all passed (2 warnings)',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    const zh = await run(['check', 'warns.tcp.yaml', '--lang', 'zh-cn'], { cwd: tmp });
    expect(zh.stdout).toContain('warns.tcp.yaml:10:5: warning: 第 4 步（client: send）会失败：connection closing（连接正在关闭）');
  });
  it('a missing file named on the command line counts as a failed file', async () => {
    writeFileSync(join(tmp, 'fine.tcp.yaml'), `${HOSTS}steps: []\n`);
    const r = await run(['check', 'fine.tcp.yaml', 'nope.tcp.yaml'], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('2 files checked: 1 failed (1 error, 0 warnings)\n');
    expect(r.stderr).toBe('tcp-tutor: cannot read nope.tcp.yaml: no such file or directory\n');
    const only = await run(['check', 'nope.tcp.yaml', '--lang', 'zh-cn'], { cwd: tmp });
    expect(only.code).toBe(2);
    expect(only.stdout).toBe('已检查 1 个文件：1 个未通过（1 个错误，0 个警告）\n');
    expect(only.stderr).toBe('tcp-tutor：无法读取 nope.tcp.yaml：文件或目录不存在\n');
  });
});

describe('simulate: what the table and the JSON show', () => {
  it('network duplicates have their rows: numbering runs 1, 2, 3 ... without a gap', async () => {
    writeFileSync(join(tmp, 'dup.tcp.yaml'), `${HOSTS}steps:\n  - server: listen\n  - client: connect server\n  - client: send 100\nfaults:\n  - duplicate: { from: client, flags: [PSH, ACK] }\n`);
    const r = await run(['simulate', 'dup.tcp.yaml'], { cwd: tmp });
    const numbers = r.stdout.split('\n').map((l) => /^(\d+)\s/.exec(l)?.[1]).filter((n) => n !== undefined).map(Number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(r.stdout).toMatch(/^5\s+150ms\s+client → server\s+PSH,ACK\s+1001\s+5001\s+100\s+65535\s+duplicate of #4/m);
    const zh = await run(['simulate', 'dup.tcp.yaml', '--lang', 'zh-cn'], { cwd: tmp });
    expect(zh.stdout).toContain('#4 的副本');
  });
  it('a failed call is a row naming its step and the RFC error', async () => {
    writeFileSync(join(tmp, 'fail.tcp.yaml'), `${HOSTS}steps:\n  - server: listen\n  - client: send 5\n`);
    const r = await run(['simulate', 'fail.tcp.yaml'], { cwd: tmp });
    expect(r.stdout).toMatch(/^\s+0ms\s+client\s+failed\s+send: connection does not exist \(step 2\)$/m);
    const zh = await run(['simulate', 'fail.tcp.yaml', '--lang', 'zh-cn'], { cwd: tmp });
    expect(zh.stdout).toMatch(/client\s+失败\s+send：connection does not exist（连接不存在）（第 2 步）$/m);
    const j = JSON.parse((await run(['simulate', 'fail.tcp.yaml', '--json'], { cwd: tmp })).stdout);
    expect(j.errors).toEqual([{ host: 'client', call: 'send', error: 'connection does not exist', at: 0, step: 2 }]);
    expect(j.hosts.client.isn).toBe(1000);
  });
  it('--json times are rounded: latency 0.1ms gives 0.3', async () => {
    writeFileSync(join(tmp, 'frac.tcp.yaml'), `${HOSTS}network: { latency: 0.1ms }\nsteps:\n  - server: listen\n  - client: connect server\n  - client: send 100\n`);
    const r = await run(['simulate', 'frac.tcp.yaml', '--json'], { cwd: tmp });
    expect(r.stdout).not.toMatch(/\d\.\d*(0000000|9999999)\d*/);
    expect(JSON.parse(r.stdout).segments[3].sentAt).toBe(0.3);
    const table = await run(['simulate', 'frac.tcp.yaml'], { cwd: tmp });
    expect(table.stdout).toMatch(/^4\s+0\.3ms\s/m);
  });
});

describe('hostile input files', () => {
  it('the size is checked before reading: a 50 MB file is refused at once, unread', async () => {
    const big = join(tmp, 'big.tcp.yaml');
    writeFileSync(big, '');
    truncateSync(big, 50 * 1024 * 1024); // sparse: costs no disk
    const t0 = performance.now();
    const r = await run(['check', 'big.tcp.yaml'], { cwd: tmp });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.stdout).toContain('big.tcp.yaml:1:1: file is too large (52428800 bytes; the limit is 1048576)');
    expect(r.code).toBe(1);
    expect(readFileCapped(big, 1024)).toEqual({ problem: { kind: 'too-big', size: 52428800 } });
  });
  it('never reads more than the limit + 1 byte', () => {
    writeFileSync(join(tmp, 'small.bin'), 'x'.repeat(100));
    expect(readFileCapped(join(tmp, 'small.bin'), 100)).toMatchObject({ bytes: new Uint8Array(100).fill(0x78) });
    expect(readFileCapped(join(tmp, 'small.bin'), 99)).toEqual({ problem: { kind: 'too-big', size: 100 } });
  });
  it.skipIf(process.platform === 'win32' || !existsSync('/dev/zero'))('a device (/dev/zero) and a FIFO are refused, without hanging', async () => {
    const zero = await run(['check', '/dev/zero'], { cwd: tmp });
    expect(zero.stderr).toBe('tcp-tutor: cannot read /dev/zero: not a regular file (a device, pipe or socket)\n');
    expect(zero.code).toBe(1);
    const fifo = join(tmp, 'fifo.tcp.yaml');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      const r = await run(['simulate', 'fifo.tcp.yaml', '--lang', 'zh-cn'], { cwd: tmp });
      expect(r.stderr).toBe('tcp-tutor：无法读取 fifo.tcp.yaml：不是普通文件（而是设备、管道或套接字）\n');
      expect(r.code).toBe(2);
      // Found by a directory walk: refused the same way, and counted as a failed file.
      const dir = mkdtempSync(join(tmp, 'fifo-dir-'));
      spawnSync('mkfifo', [join(dir, 'pipe.tcp.yaml')]);
      const walked = await run(['check', dir]);
      expect(walked.stderr).toBe(`tcp-tutor: cannot read ${join(dir, 'pipe.tcp.yaml')}: not a regular file (a device, pipe or socket)\n`);
      expect(walked.stdout).toBe('1 file checked: 1 failed (1 error, 0 warnings)\n');
      rmSync(fifo);
    }
  });
  it('bytes that are not UTF-8: an error at the line and column of the first bad byte', async () => {
    writeFileSync(join(tmp, 'latin1.tcp.yaml'), Buffer.concat([Buffer.from(`${HOSTS}description: "caf`), Buffer.from([0xe9]), Buffer.from('"\nsteps: []\n')]));
    const r = await run(['check', 'latin1.tcp.yaml'], { cwd: tmp });
    expect(r.stdout).toContain('latin1.tcp.yaml:6:18: the file is not UTF-8: byte 0xE9 here is not part of a UTF-8 character (save the file as UTF-8)\n');
    expect(r.code).toBe(1);
    const zh = await run(['simulate', 'latin1.tcp.yaml', '--lang', 'zh-cn'], { cwd: tmp });
    expect(zh.stderr).toBe('latin1.tcp.yaml:6:18: 文件不是 UTF-8 编码：此处的字节 0xE9 不属于任何 UTF-8 字符（请将文件另存为 UTF-8）\n');
  });
  it('a UTF-8 BOM is dropped (positions as the editor shows them)', async () => {
    writeFileSync(join(tmp, 'bom.tcp.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HOSTS}steps:\n  - clinet: close\n`)]));
    expect((await run(['check', 'bom.tcp.yaml'], { cwd: tmp })).stdout).toContain('bom.tcp.yaml:7:5: unknown host `clinet`, did you mean `client`?');
  });
  it.skipIf(process.platform === 'win32')('check DIR follows no symlink loop and checks each real file once', async () => {
    const base = mkdtempSync(join(tmp, 'links-'));
    mkdirSync(join(base, 'a/b'), { recursive: true });
    writeFileSync(join(base, 'a/b/one.tcp.yaml'), `${HOSTS}steps: []\n`);
    symlinkSync('..', join(base, 'a/b/up'));
    symlinkSync('../..', join(base, 'a/b/top'));
    symlinkSync('one.tcp.yaml', join(base, 'a/b/same.tcp.yaml'));
    expect(listExerciseFiles(['.', 'a/b/one.tcp.yaml'], base)).toEqual([join('.', 'a/b/one.tcp.yaml')]);
    const r = await run(['check', '.'], { cwd: base });
    expect(r.stdout).toBe('1 file checked: all passed\n');
  });
});

describe('new: names and messages', () => {
  it('`new sub.tcp` writes sub.tcp.yaml (not sub.tcp.tcp.yaml)', async () => {
    expect(exerciseFileName('sub.tcp')).toBe('sub.tcp.yaml');
    expect(exerciseFileName('sub.yml')).toBe('sub.tcp.yaml');
    expect(exerciseFileName('sub.tcp.yaml')).toBe('sub.tcp.yaml');
    expect(exerciseFileName('lesson')).toBe('lesson.tcp.yaml');
    const r = await run(['new', 'sub.tcp'], { cwd: tmp });
    expect(r.stdout).toBe('Created sub.tcp.yaml. Check it with: tcp-tutor check sub.tcp.yaml\n');
    expect(existsSync(join(tmp, 'sub.tcp.yaml'))).toBe(true);
  });
  it('`new nodir/x` says it cannot write, in both languages', async () => {
    const r = await run(['new', 'nodir/x'], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('tcp-tutor new: cannot write nodir/x.tcp.yaml: no such directory\n');
    expect((await run(['new', 'nodir/x', '--lang', 'zh-cn'], { cwd: tmp })).stderr).toBe('tcp-tutor new：无法写入 nodir/x.tcp.yaml：目录不存在\n');
  });
  it('"no such file" in Chinese', async () => {
    expect((await run(['simulate', 'nope.tcp.yaml', '--lang', 'zh-cn'], { cwd: tmp })).stderr).toBe('tcp-tutor：无法读取 nope.tcp.yaml：文件不存在\n');
  });
});

describe('quiz: questions open at one stop', () => {
  it('while one is asked, what the ones still to come at its stop ask is blanked too; answered ones are not', async () => {
    writeFileSync(
      join(tmp, 'two.tcp.yaml'),
      `${HOSTS}steps:\n  - server: listen\n  - client: connect server\nquestions:\n  - { id: seq2, ask: seq, segment: 2, tries: 1 }\n  - { id: ack2, ask: ack, segment: 2, tries: 1 }\n`,
    );
    const r = await run(['quiz', 'two.tcp.yaml'], { cwd: tmp, stdin: '5000\n1001\n' });
    const first = r.stdout.slice(r.stdout.indexOf('Question 1/2 (seq2)'), r.stdout.indexOf('Question 2/2'));
    const second = r.stdout.slice(r.stdout.indexOf('Question 2/2 (ack2)'));
    expect(first).toMatch(/#2 .*seq=\? ack=\?/);
    expect(second).toMatch(/#2 .*seq=5000 ack=\?/);
    expect(r.stdout.trimEnd().endsWith('Score: 2/2')).toBe(true);
  });
});

describe('a closed or full stdout (the bundled CLI as a process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-cli-bin-'));
  const cli = join(dir, 'cli.js');
  beforeAll(async () => {
    await esbuild.build({ entryPoints: [join(ROOT, 'src/cli/main.ts')], bundle: true, platform: 'node', outfile: cli, logLevel: 'error' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.skipIf(!existsSync('/dev/full'))('> /dev/full (ENOSPC): exits non-zero, quietly, no stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [cli, 'simulate', 'examples/handshake.tcp.yaml'], { cwd: ROOT, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toBe('');
    } finally {
      closeSync(full);
    }
  });
  it('| head -1 (EPIPE): exits non-zero, quietly, no stack trace', async () => {
    const child = spawn(process.execPath, [cli, 'check', 'examples', 'lessons', 'examples'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Close the pipe at once, like `head -1` after its first line.
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(stderr).not.toMatch(/\n\s+at |Error/);
    expect(code).not.toBe(0);
  });
});
