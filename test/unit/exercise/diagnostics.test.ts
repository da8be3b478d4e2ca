import { describe, expect, it } from 'vitest';
import { loadExercise, type Diagnostic } from '../../../src/exercise';
import { file } from './helpers';

function diags(text: string): Diagnostic[] {
  return loadExercise(text, 'lesson.tcp.yaml').diagnostics;
}

/** The one diagnostic of `text`, as `line:col code message`. */
function only(text: string): Diagnostic {
  const ds = diags(text);
  expect(ds, JSON.stringify(ds, null, 1)).toHaveLength(1);
  return ds[0];
}

const at = (d: Diagnostic) => [d.line, d.column];

describe('unknown hosts', () => {
  it('a misspelt connect target on line 9, col 13 (the value), with did-you-mean', () => {
    const d = only(file(`network: { latency: 50ms }
steps:
  - server: listen
  - client: connect sever
`));
    expect(at(d)).toEqual([9, 13]);
    expect([d.endLine, d.endColumn]).toEqual([9, 26]);
    expect(d.code).toBe('unknown-host');
    expect(d.severity).toBe('error');
    expect(d.message).toBe('unknown host `sever`, did you mean `server`?');
    expect(d.file).toBe('lesson.tcp.yaml');
  });
  it('a misspelt host as a step key points at the key', () => {
    const d = only(file('steps:\n  - clinet: close\n'));
    expect(at(d)).toEqual([7, 5]);
    expect(d.message).toContain('did you mean `client`');
  });
  it('in faults, questions and per-direction latency', () => {
    const ds = diags(file(`network: { latency: { "client->sevrer": 10ms } }
steps: []
faults:
  - drop: { from: clint }
questions:
  - { id: a, ask: state, host: srver, after: 0 }
`));
    expect(ds.map((d) => [d.line, d.column, d.code])).toEqual([
      [6, 23, 'unknown-host'],
      [9, 19, 'unknown-host'],
      [11, 32, 'unknown-host'],
    ]);
    expect(ds.map((d) => d.message)).toEqual([
      'unknown host `sevrer`, did you mean `server`?',
      'unknown host `clint`, did you mean `client`?',
      'unknown host `srver`, did you mean `server`?',
    ]);
  });
  it('no suggestion when nothing is close', () => {
    expect(only(file('steps:\n  - client: connect zebra\n')).message).toBe('unknown host `zebra`');
  });
  it('an inject endpoint may be an address:port, otherwise it must be a host', () => {
    expect(diags(file('steps:\n  - inject: { from: 10.0.0.9:666, to: server, flags: [SYN] }\n'))).toEqual([]);
    const d = only(file('steps:\n  - inject: { from: 10.0.0.9, to: server, flags: [SYN] }\n'));
    expect(d.code).toBe('bad-endpoint');
    expect(at(d)).toEqual([7, 21]);
  });
});

describe('misspelt keys', () => {
  it('top level: unknown key `hsots`, did you mean `hosts`?', () => {
    const d = diags(`tcp-tutor: 1\ntitle: t\nhsots:\n  a: { address: 10.0.0.1, port: 1 }\nsteps: []\n`);
    const unknown = d.find((x) => x.code === 'unknown-key')!;
    expect(at(unknown)).toEqual([3, 1]);
    expect(unknown.message).toBe('unknown key `hsots`, did you mean `hosts`?');
    // and the missing `hosts` is reported too
    expect(d.some((x) => x.code === 'schema-required' && x.message.includes('`hosts`'))).toBe(true);
  });
  it('inside a host, a fault and a question', () => {
    const ds = diags(`tcp-tutor: 1
title: t
hosts:
  client: { address: 10.0.0.1, prot: 1, port: 2 }
  server: { address: 10.0.0.2, port: 80 }
steps: []
faults:
  - drpo: { from: client }
questions:
  - { id: a, ask: state, host: client, afer: 1, after: 1 }
`);
    expect(ds.map((d) => [d.line, d.column, d.message])).toEqual([
      [4, 32, 'unknown key `prot`, did you mean `port`?'],
      [8, 5, 'unknown key `drpo`, did you mean `drop`?'],
      [10, 40, 'unknown key `afer`, did you mean `after`?'],
    ]);
  });
});

describe('step verbs', () => {
  it('`conect` → did you mean connect', () => {
    const d = only(file('steps:\n  - client: conect server\n'));
    expect(d.code).toBe('unknown-verb');
    expect(at(d)).toEqual([7, 13]);
    expect(d.message).toMatch(/^unknown step `conect`, did you mean `connect`\?/);
  });
  it.each([
    ['connect', '`connect` needs the peer'],
    ['send', '`send` needs a byte count'],
    ['send hello', '`send` needs a byte count'],
    ['close now', '`close` takes no argument'],
  ])('%s', (verb, message) => {
    expect(only(file(`steps:\n  - client: ${verb}\n`)).message).toContain(message);
  });
  it('a host cannot connect to itself', () => {
    expect(only(file('steps:\n  - client: connect client\n')).code).toBe('connect-self');
  });
  it('a step does one thing', () => {
    const d = only(file('steps:\n  - { client: close, server: close }\n'));
    expect(d.code).toBe('step-shape');
    expect(d.message).toBe('a step does one thing, this one has `client` and `server`');
  });
});

describe('durations', () => {
  it('a bad duration points at the value', () => {
    const d = only(file('steps:\n  - wait: 2 seconds\n'));
    expect(d.code).toBe('bad-duration');
    expect(at(d)).toEqual([7, 11]);
    expect(d.message).toContain('`2 seconds` is not a duration');
  });
  it('in network, at, faults and questions', () => {
    const ds = diags(file(`network: { latency: 5 ms, msl: forever }
steps:
  - { client: close, at: soon }
faults:
  - delay: { by: lots }
questions:
  - { id: a, ask: number, topic: time-wait, msl: 3h }
`));
    expect(ds.map((d) => [d.line, d.code])).toEqual([
      [6, 'bad-duration'],
      [8, 'bad-duration'],
      [10, 'bad-duration'],
      [12, 'bad-duration'],
    ]);
  });
});

describe('questions', () => {
  it('duplicate ids: the second one, naming the first line', () => {
    const d = only(file('steps: []\nquestions:\n  - { id: q1, ask: number, topic: segment-count }\n  - { id: q1, ask: number, topic: segment-count }\n'));
    expect(d.code).toBe('duplicate-id');
    expect(at(d)).toEqual([9, 11]);
    expect(d.message).toBe('duplicate question id `q1` (first used on line 8)');
  });
  it('a state in expect spelt wrong, with a suggestion; aliases accepted', () => {
    const d = only(file('steps: []\nquestions:\n  - { id: q, ask: state, host: client, after: 0, expect: TIME-WIAT }\n'));
    expect(d.code).toBe('bad-state');
    expect(at(d)).toEqual([8, 58]);
    expect(d.message).toBe('`TIME-WIAT` is not a TCP state; did you mean `TIME-WAIT`?');
    for (const alias of ['time_wait', 'TIME WAIT', 'SYN_RECV', 'FIN_WAIT1', 'established']) {
      expect(diags(file(`steps: []\nquestions:\n  - { id: q, ask: state, host: client, after: 0, expect: ${alias} }\n`))).toEqual([]);
    }
  });
  it('a kind missing its keys, an unknown kind with did-you-mean', () => {
    const ds = diags(file('steps: []\nquestions:\n  - { id: a, ask: segment, segment: 1 }\n  - { id: b, ask: stat }\n'));
    expect(ds.map((d) => [d.line, d.column, d.message])).toEqual([
      [8, 7, 'missing `fields` in questions[0]'],
      [9, 19, '`stat` is not one of state, seq, ack, flags, segment, accepted, number, choice; did you mean `state`?'],
    ]);
  });
  it('a key for another kind is a warning', () => {
    const d = only(file('steps: []\nquestions:\n  - { id: a, ask: flags, segment: 1, fields: [seq] }\n'));
    expect(d.severity).toBe('warning');
    expect(d.code).toBe('key-not-for-kind');
  });
  it('a choice answer beyond the choices', () => {
    const d = only(file('steps: []\nquestions:\n  - { id: a, ask: choice, choices: [x, y], answer: 2 }\n'));
    expect(d.code).toBe('choice-answer');
  });
});

describe('schema errors map to the YAML node', () => {
  it('wrong type, out of range, bad enum, bad address, version', () => {
    const ds = diags(`tcp-tutor: 2
title: t
profile: bsd
hosts:
  client: { address: 10.0.0.300, port: 70000 }
  server: { address: 10.0.0.2, port: eighty }
steps: []
`);
    expect(ds.map((d) => [d.line, d.column, d.message])).toEqual([
      [1, 12, '`tcp-tutor` must be 1 (the only format version)'],
      [3, 10, '`bsd` is not one of rfc9293, linux'],
      [5, 22, '`address` must be an IPv4 address like 10.0.0.1'],
      [5, 40, '`port` must be <= 65535'],
      [6, 38, '`port` must be an integer'],
    ]);
  });
  it('an ISN generator spelt wrong', () => {
    const d = only(`tcp-tutor: 1\ntitle: t\nhosts:\n  a: { address: 10.0.0.1, port: 1, isn: rfc6582 }\n  b: { address: 10.0.0.2, port: 2 }\nsteps: []\n`);
    expect(d.code).toBe('unknown-isn');
    expect(at(d)).toEqual([4, 41]);
    expect(d.message).toContain('did you mean `rfc6528`?');
  });
  it('a practice topic that does not exist is a warning', () => {
    const d = only(file('topic: handshak\nsteps: []\n'));
    expect(d).toMatchObject({ code: 'unknown-topic', severity: 'warning', line: 6, column: 8 });
    expect(d.message).toContain('did you mean `handshake`?');
  });
  it('a flag spelt wrong', () => {
    const d = only(file('steps: []\nfaults:\n  - drop: { flags: [SYNN] }\n'));
    expect(d.code).toBe('schema-enum');
    expect(at(d)).toEqual([8, 21]);
    expect(d.message).toContain('did you mean `SYN`?');
  });
  it('duplicate host addresses', () => {
    const d = only(`tcp-tutor: 1\ntitle: t\nhosts:\n  a: { address: 10.0.0.1, port: 1 }\n  b: { address: 10.0.0.1, port: 2 }\nsteps: []\n`);
    expect(d.code).toBe('duplicate-address');
    expect(at(d)).toEqual([5, 17]);
  });
  it('a file that is not a mapping', () => {
    expect(only('- just\n- a list\n').code).toBe('not-mapping');
  });
});

describe('YAML syntax', () => {
  it('a syntax error has a position and a code', () => {
    const d = diags('tcp-tutor: 1\ntitle: [unclosed\nhosts: {}\n')[0];
    expect(d.code).toBe('yaml-syntax');
    expect(d.line).toBeGreaterThanOrEqual(2);
  });
  it('an unquoted ": " inside text gets a quoting hint', () => {
    const d = diags(file('description: note: this breaks: YAML\nsteps: []\n'))[0];
    expect(d.code).toBe('yaml-syntax');
    expect(d.message).toContain('quotes');
  });
  it('duplicate keys', () => {
    expect(diags(file('steps: []\nsteps: []\n'))[0].code).toBe('yaml-syntax');
  });
});

describe('language', () => {
  it('zh-cn messages', () => {
    const d = loadExercise(file('steps:\n  - client: connect sever\n'), 'x', 'zh-cn').diagnostics[0];
    expect(d.message).toBe('未知的主机 `sever`，你是不是想写 `server`？');
  });
});
