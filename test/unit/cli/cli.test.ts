import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { version } from '../../../package.json';
import { simulate } from '../../../src/engine';
import { loadExercise } from '../../../src/exercise';
import { expandExercisePaths, listExerciseFiles } from '../../../src/cli/files';
import { runCli } from '../../../src/cli/run';
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
    expect(Object.keys(json)).toEqual(['hosts', 'segments', 'states', 'final']);
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
    expect(bad.stderr).toMatch(/^bad\.tcp\.yaml:3:8: error: /m);
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
  it('problems: file:line:col: severity: message, a summary, exit 1', async () => {
    writeFileSync(
      join(tmp, 'typo.tcp.yaml'),
      'tcp-tutor: 1\ntitle: t\nhosts:\n  client: { address: 10.0.0.1, port: 1 }\n  server: { address: 10.0.0.2, port: 2 }\nsteps:\n  - server: listen\n  - client: conect server\n',
    );
    const r = await run(['check', 'typo.tcp.yaml', join(ROOT, 'examples/handshake.tcp.yaml')], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('typo.tcp.yaml:8:13: error: unknown step `conect`, did you mean `connect`?');
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

  // The panel's order: the count (asked before any segment) comes before the state after #2.
  it('asks in the order the panel does: by where the step-through stops, then file order', async () => {
    const r = await run(['quiz', 'quiz.tcp.yaml'], { cwd: tmp, stdin: '' });
    expect(r.stdout).toContain('Question 1/2 (count)');
    expect(r.stdout).not.toContain('(state)');
  });
  it('the trace shown with a question does not give its answer away', async () => {
    const r = await run(['quiz', 'quiz.tcp.yaml'], { cwd: tmp, stdin: `${rightCount}\n` });
    const second = r.stdout.slice(r.stdout.indexOf('Question 2/2 (state)'));
    expect(second).toContain('#2');
    expect(second).not.toContain(rightState);
    expect(second).toContain('?');
  });
  it('junk is re-asked without using a try; right and wrong answers are scored', async () => {
    const input = [String(rightCount + 1), String(rightCount), 'not a state at all', rightState].join('\n') + '\n';
    const r = await run(['quiz', 'quiz.tcp.yaml'], { cwd: tmp, stdin: input });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Question 2/2 (state)');
    expect(r.stdout.match(/Correct\./g)).toHaveLength(2);
    expect(r.stdout).toContain('Not quite. 1 try left.');
    expect(r.stdout.trimEnd().endsWith('Score: 2/2')).toBe(true);
  });
  it('after `tries` wrong answers the answer is revealed', async () => {
    const input = [String(rightCount + 5), String(rightCount + 6), wrongState, wrongState].join('\n');
    const r = await run(['quiz', 'quiz.tcp.yaml'], { cwd: tmp, stdin: input });
    expect(r.code).toBe(0);
    expect(r.stdout.match(/The answer: /g)).toHaveLength(2);
    expect(r.stdout).toContain(rightState);
    expect(r.stdout.trimEnd().endsWith('Score: 0/2')).toBe(true);
  });
  it('EOF ends gracefully with the score so far (stdin as a stream of chunks)', async () => {
    async function* chunks() {
      yield String(rightCount).slice(0, 1);
      yield `${String(rightCount).slice(1)}\n`;
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
