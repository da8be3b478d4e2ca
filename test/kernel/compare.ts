/**
 * The `linux` profile against this machine's real Linux TCP stack.
 *
 * Each case runs once on loopback (test/kernel/observe.mjs: real sockets, tcpdump) and once in the
 * engine with the `linux` profile, then compares the segments one by one: direction, flags, length,
 * and seq/ack relative to each side's ISN. Run by `npm run test:kernel` (root and tcpdump needed;
 * `.ci/run` installs tcpdump). Prints `kernel: N passed, N failed` and exits non-zero on a mismatch.
 */
import { execFileSync } from 'node:child_process';
import { simulate, type Flag, type Scenario, type Step, type Trace } from '../../src/engine/index';

interface Observed {
  src: number;
  dst: number;
  flags: Flag[];
  seq: number | null;
  ack: number | null;
  len: number;
}
interface Observation {
  port: number;
  segments: Observed[];
  timeWait?: { seconds: number | null }[];
}

/** One segment as compared: who sent it, flags in a fixed order, length, relative numbers. */
interface Row {
  dir: 'c>s' | 's>c';
  flags: string;
  len: number;
  seq: number | null;
  ack: number | null;
}

const ORDER: Flag[] = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];
const flagText = (flags: readonly Flag[]): string => ORDER.filter((f) => flags.includes(f)).join(',');
const rel = (v: number | null, base: number | undefined): number | null => (v === null || base === undefined ? null : (v - base) >>> 0);

function kernelRows(obs: Observation): Row[] {
  const clientPort = obs.segments[0].src;
  const isn: Record<number, number> = {};
  for (const s of obs.segments) if (s.flags.includes('SYN') && s.seq !== null) isn[s.src] ??= s.seq;
  return obs.segments.map((s) => {
    const fromClient = s.src === clientPort;
    const other = fromClient ? s.dst : s.src;
    const seq = s.seq;
    return {
      dir: fromClient ? 'c>s' : 's>c',
      flags: flagText(s.flags),
      len: s.len,
      // A RST for no socket carries seq 0: there is no ISN to be relative to.
      seq: isn[s.src] === undefined ? seq : rel(seq, isn[s.src]),
      ack: s.flags.includes('ACK') ? rel(s.ack, isn[fromClient ? other : clientPort]) : null,
    };
  });
}

function engineRows(trace: Trace): Row[] {
  const isn: Record<string, number> = {};
  for (const r of trace.segments) if (r.seg.flags.includes('SYN')) isn[r.from] ??= r.seg.seq;
  return trace.segments.map((r) => ({
    dir: r.from === 'client' ? 'c>s' : 's>c',
    flags: flagText(r.seg.flags),
    len: r.seg.payload.length,
    seq: isn[r.from] === undefined ? r.seg.seq : rel(r.seg.seq, isn[r.from]),
    ack: r.seg.flags.includes('ACK') ? rel(r.seg.ack, isn[r.to]) : null,
  }));
}

const call = (host: string, c: Extract<Step, { kind: 'call' }>['call'], extra: Partial<Extract<Step, { kind: 'call' }>> = {}): Step => ({ kind: 'call', host, call: c, ...extra });

function scenario(steps: Step[]): Scenario {
  return {
    profile: 'linux',
    seed: 1,
    // Loopback: a few microseconds each way. Two addresses because a scenario host owns one.
    hosts: { client: { address: '127.0.0.1', port: 40000, isn: 1000 }, server: { address: '127.0.0.2', port: 5555, isn: 5000 } },
    network: { latency: 0.01 },
    steps,
    faults: [],
  };
}

interface Case {
  name: string;
  what: string;
  engine: Scenario;
  /**
   * Other outcomes the real kernel legitimately produces for the same program (a race inside the
   * kernel, not an engine error), each as the engine scenario that produces it and why.
   */
  alternatives?: { why: string; engine: Scenario }[];
}

const cases: Case[] = [
  {
    name: 'close-at-once',
    what: 'the server closes as soon as it reads EOF: its FIN rides on the delayed ACK (3-segment close)',
    engine: scenario([call('server', 'listen'), call('client', 'connect', { target: 'server' }), call('client', 'close', { at: 50 }), call('server', 'close', { at: 50.5 })]),
    alternatives: [
      {
        // When the application's read of EOF races the FIN's processing, tcp_cleanup_rbuf() sends the
        // scheduled ACK at once instead of leaving it to the delayed-ACK timer (seen in about a third
        // of runs on loopback). The engine gives the same segments when the ACK is not delayed.
        why: 'the ACK left early, from tcp_cleanup_rbuf() when the application read EOF',
        engine: scenario([call('server', 'listen'), call('client', 'connect', { target: 'server' }), call('client', 'close', { at: 50 }), call('server', 'close', { at: 200 })]),
      },
    ],
  },
  {
    name: 'close-late',
    what: 'data both ways, then the server closes 300 ms after EOF: the delayed ACK of the FIN goes out alone first',
    engine: scenario([
      call('server', 'listen'),
      call('client', 'connect', { target: 'server' }),
      call('client', 'send', { data: 100 }),
      call('server', 'send', { data: 50 }),
      call('client', 'close', { at: 100 }),
      call('server', 'close', { at: 400 }),
    ]),
  },
  {
    name: 'close-client-first',
    what: 'data both ways, the client closes, the server closes 100 ms after it reads EOF',
    engine: scenario([
      call('server', 'listen'),
      call('client', 'connect', { target: 'server' }),
      call('client', 'send', { data: 100 }),
      call('server', 'send', { data: 50 }),
      call('client', 'close', { at: 100 }),
      call('server', 'close', { at: 200 }),
    ]),
  },
  {
    name: 'rst-no-socket',
    what: 'a SYN to a port nobody listens on is answered RST,ACK seq=0 ack=ISN+1',
    engine: scenario([call('client', 'connect', { target: 'server' })]),
  },
  {
    name: 'abort',
    what: 'ABORT (SO_LINGER 0, close) of an established connection sends a RST',
    engine: scenario([call('server', 'listen'), call('client', 'connect', { target: 'server' }), call('client', 'abort', { at: 50 })]),
  },
];

function show(rows: Row[]): string {
  return rows.map((r, i) => `    ${i + 1}. ${r.dir} ${r.flags.padEnd(11)} seq=${r.seq ?? '-'} ack=${r.ack ?? '-'} len=${r.len}`).join('\n');
}

function main(): number {
  const raw = execFileSync(process.execPath, ['test/kernel/observe.mjs', ...cases.map((c) => c.name)], { encoding: 'utf8', timeout: 60_000 });
  const observed = JSON.parse(raw) as Record<string, Observation>;
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    const kernel = kernelRows(observed[c.name]);
    const engine = engineRows(simulate(c.engine));
    const alt = (c.alternatives ?? []).find((a) => JSON.stringify(kernel) === JSON.stringify(engineRows(simulate(a.engine))));
    const same = JSON.stringify(kernel) === JSON.stringify(engine) || alt !== undefined;
    if (same) passed++;
    else failed++;
    console.log(`${same ? 'ok  ' : 'FAIL'} ${c.name}: ${c.what}${alt ? ` (this run: ${alt.why})` : ''}`);
    if (!same) console.log(`  kernel:\n${show(kernel)}\n  engine (linux profile):\n${show(engine)}`);
  }
  // TIME-WAIT: ss shows the remaining time of the active closer's timer right after the close.
  const tw = observed['close-client-first'].timeWait?.[0]?.seconds ?? null;
  const engineTw = simulate(cases[2].engine).events.find((e) => e.kind === 'timer' && e.timer === 'time-wait' && e.action === 'set');
  const engineSeconds = engineTw && engineTw.kind === 'timer' && engineTw.expiresAt !== undefined ? (engineTw.expiresAt - engineTw.t) / 1000 : null;
  const twOk = tw !== null && engineSeconds !== null && Math.abs(engineSeconds - tw) <= 1.5;
  if (twOk) passed++;
  else failed++;
  console.log(`${twOk ? 'ok  ' : 'FAIL'} time-wait: kernel timer ${tw} s remaining just after the close, engine ${engineSeconds} s`);
  console.log(`kernel: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = main();
