/**
 * The `linux` profile against this machine's real Linux TCP stack.
 *
 * Each case runs once on loopback (test/kernel/observe.mjs: real sockets, tcpdump) and once in the
 * engine with the `linux` profile, then compares the segments one by one: direction, flags, length,
 * and seq/ack relative to each side's ISN. Run by `npm run test:kernel` (root, tcpdump and python3
 * needed; `.ci/run` installs tcpdump). States a socket program cannot reach alone (a request socket,
 * TIME-WAIT, an undrained accept queue) get crafted segments from test/kernel/craft.py. Prints
 * `kernel: N passed, N failed` and exits non-zero on a mismatch.
 */
import { execFileSync } from 'node:child_process';
import { simulate, type Fault, type Flag, type Scenario, type Step, type Trace } from '../../src/engine/index';

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
  timeWait?: ({ seconds: number | null } | number | null)[];
  /** The scenario itself failed (observe.mjs caught an exception). */
  failure?: string;
}

/** One segment as compared: who sent it to whom, flags in a fixed order, length, relative numbers. */
interface Row {
  dir: string;
  flags: string;
  len: number;
  seq: number | null;
  ack: number | null;
}

const ORDER: Flag[] = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];
const flagText = (flags: readonly Flag[]): string => ORDER.filter((f) => flags.includes(f)).join(',');
const rel = (v: number | null, base: number | undefined): number | null => (v === null || base === undefined ? null : (v - base) >>> 0);
/** A RST carrying SEQ 0 (the form that answers a segment without ACK) has no ISN to be relative to. */
const relSeq = (flags: readonly Flag[], v: number | null, base: number | undefined): number | null => (flags.includes('RST') && v === 0 ? 0 : rel(v, base));
/** Names of the engine's hosts other than `server`, in the order their ports first appear on the wire. */
const PEERS = ['client', 'b', 'c'];

function kernelRows(obs: Observation): Row[] {
  const name: Record<number, string> = { [obs.port]: 'server' };
  let next = 0;
  for (const s of obs.segments) for (const p of [s.src, s.dst]) name[p] ??= PEERS[next++] ?? `port ${p}`;
  // ISNs per direction of a connection (a listener picks one per connection): the first SYN's.
  const isn: Record<string, number> = {};
  for (const s of obs.segments) if (s.flags.includes('SYN') && s.seq !== null) isn[`${s.src}>${s.dst}`] ??= s.seq;
  return obs.segments.map((s) => {
    const base = isn[`${s.src}>${s.dst}`];
    return {
      dir: `${name[s.src]}>${name[s.dst]}`,
      flags: flagText(s.flags),
      len: s.len,
      // A RST for no socket carries seq 0: there is no ISN to be relative to.
      seq: base === undefined ? s.seq : relSeq(s.flags, s.seq, base),
      ack: s.flags.includes('ACK') ? rel(s.ack, isn[`${s.dst}>${s.src}`]) : null,
    };
  });
}

function engineRows(trace: Trace, until = Infinity): Row[] {
  const isn: Record<string, number> = {};
  for (const r of trace.segments) if (r.seg.flags.includes('SYN')) isn[`${r.from}>${r.to}`] ??= r.seg.seq;
  return trace.segments
    .filter((r) => r.sentAt <= until)
    .map((r) => {
      const base = isn[`${r.from}>${r.to}`];
      return {
        dir: `${r.from}>${r.to}`,
        flags: flagText(r.seg.flags),
        len: r.seg.payload.length,
        seq: base === undefined ? r.seg.seq : relSeq(r.seg.flags, r.seg.seq, base),
        ack: r.seg.flags.includes('ACK') ? rel(r.seg.ack, isn[`${r.to}>${r.from}`]) : null,
      };
    });
}

const call = (host: string, c: Extract<Step, { kind: 'call' }>['call'], extra: Partial<Extract<Step, { kind: 'call' }>> = {}): Step => ({ kind: 'call', host, call: c, ...extra });
const inject = (from: string, to: string, flags: Flag[], f: { seq: number; ack?: number; data?: string; at: number }): Step => ({ kind: 'inject', from, to, flags, ...f });

const CLIENT = { address: '127.0.0.1', port: 40000, isn: 1000 };
const SERVER = { address: '127.0.0.2', port: 5555, isn: 5000 };

function scenario(steps: Step[], opts: { faults?: Fault[]; hosts?: Scenario['hosts'] } = {}): Scenario {
  return {
    profile: 'linux',
    seed: 1,
    // Loopback: a few microseconds each way. Two addresses because a scenario host owns one.
    hosts: opts.hosts ?? { client: { ...CLIENT }, server: { ...SERVER } },
    network: { latency: 0.01 },
    steps,
    faults: opts.faults ?? [],
  };
}

/**
 * A handshake whose server side stays a request socket in SYN-RECV: on the kernel the listener has
 * TCP_DEFER_ACCEPT, which drops the bare ACK; in the engine that ACK is lost. Client ISN 1000, server 5000.
 */
const synRecv = (extra: Step[]): Scenario => scenario([call('server', 'listen'), call('client', 'connect', { target: 'server' }), ...extra], { faults: [{ kind: 'drop', match: { from: 'client', flags: ['ACK'] }, nth: 1, count: 1 }] });
/** The client closes first, the server 300 ms later: the client is in TIME-WAIT (RCV.NXT 5002, SND.NXT 1002) from about 350 ms. */
const timeWait = (extra: Step[]): Scenario => scenario([call('server', 'listen'), call('client', 'connect', { target: 'server' }), call('client', 'close', { at: 50 }), call('server', 'close', { at: 350 }), ...extra]);

/** The TIME-WAIT seconds left that ss reported, or null. */
function twSeconds(obs: Observation): number | null {
  const t = obs.timeWait?.[0];
  return t === undefined || t === null ? null : typeof t === 'number' ? t : t.seconds;
}

interface Case {
  name: string;
  what: string;
  engine: Scenario;
  /** Compare only the engine's segments sent up to this time (the capture ends earlier than the scenario). */
  until?: number;
  /** A further comparison of the kernel's observation with the engine's trace: a failure message, or null. */
  check?: (obs: Observation, trace: Trace) => string | null;
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
  {
    name: 'synrecv-dup-syn',
    what: 'SYN-RECEIVED (request socket) + a retransmitted SYN: the SYN,ACK is sent again (tcp_check_req, inet_rtx_syn_ack)',
    engine: synRecv([inject('client', 'server', ['SYN'], { seq: 1000, at: 50 })]),
  },
  {
    name: 'synrecv-rst-exact',
    what: 'SYN-RECEIVED (request socket) + RST at RCV.NXT: dropped silently, the listener then resets the client\'s data',
    engine: synRecv([inject('client', 'server', ['RST'], { seq: 1001, at: 50 }), call('client', 'send', { data: 1, at: 150 })]),
  },
  {
    name: 'synrecv-rst-inwindow',
    what: 'SYN-RECEIVED (request socket) + RST in the window, not at RCV.NXT: challenge ACK, the request lives on',
    engine: synRecv([inject('client', 'server', ['RST'], { seq: 1006, at: 50 }), inject('client', 'server', ['ACK', 'PSH'], { seq: 1001, ack: 5001, data: 'x', at: 150 })]),
  },
  {
    name: 'synrecv-new-syn',
    what: 'SYN-RECEIVED (request socket) + SYN with a new sequence number in the window: RST,ACK and the request dropped',
    engine: synRecv([inject('client', 'server', ['SYN'], { seq: 1010, at: 50 }), call('client', 'send', { data: 1, at: 150 })]),
  },
  {
    name: 'tw-rst',
    what: 'TIME-WAIT + RST at RCV.NXT ends TIME-WAIT (tcp_rfc1337 = 0): a later ACK meets no socket and gets RST',
    engine: timeWait([inject('server', 'client', ['RST'], { seq: 5002, at: 500 }), inject('server', 'client', ['ACK'], { seq: 5002, ack: 1002, at: 600 })]),
    check: (obs, t) => ((obs.timeWait ?? []).length === 0 && t.final.client === 'CLOSED' ? null : `TIME-WAIT sockets left: kernel ${JSON.stringify(obs.timeWait)}, engine client ${t.final.client}`),
  },
  {
    name: 'tw-rst-inwindow',
    what: 'TIME-WAIT + RST in the window, not at RCV.NXT: dropped, no challenge ACK; a bare ACK 2.5 s later restarts the 60 s timer',
    engine: timeWait([inject('server', 'client', ['RST'], { seq: 5102, at: 500 }), inject('server', 'client', ['ACK'], { seq: 5002, ack: 1002, at: 3000 })]),
    check: (obs, t) => {
      const set = t.events.filter((e) => e.kind === 'timer' && e.host === 'client' && e.timer === 'time-wait' && e.action === 'set').pop();
      const engine = set && set.kind === 'timer' && set.expiresAt !== undefined ? (set.expiresAt - set.t) / 1000 : null;
      const kernel = twSeconds(obs);
      // Not restarted, the kernel would show about 57 s.
      return kernel !== null && engine !== null && Math.abs(kernel - engine) <= 1.5 && t.final.client === 'TIME-WAIT' ? null : `TIME-WAIT left after the ACK: kernel ${kernel} s, engine ${engine} s (${t.final.client})`;
    },
  },
  {
    name: 'tw-syn-no-listener',
    what: 'TIME-WAIT + SYN above RCV.NXT, no listener on the port: answered with an ACK (TCP_TW_ACK), which the peer\'s listener resets',
    engine: timeWait([inject('server', 'client', ['SYN'], { seq: 6002, at: 500 })]),
  },
  {
    name: 'tw-syn-listener',
    what: 'TIME-WAIT + SYN above RCV.NXT, a listener on the port: a new connection with ISN = old SND.NXT + 65537 (TCP_TW_SYN)',
    engine: timeWait([call('client', 'listen', { at: 450 }), inject('server', 'client', ['SYN'], { seq: 6002, at: 500 })]),
  },
  {
    name: 'syn-data',
    what: 'LISTEN + SYN carrying text: the SYN,ACK acknowledges the SYN only (the text is not kept)',
    engine: scenario([call('server', 'listen'), inject('client', 'server', ['SYN'], { seq: 1000, data: 'hello', at: 10 })]),
  },
  {
    name: 'accept-queue',
    what: 'listen(fd, 1), no accept(): two connections complete, the third one\'s SYN and its retransmission are dropped',
    engine: scenario([call('server', 'listen'), call('client', 'connect', { target: 'server', at: 0 }), call('b', 'connect', { target: 'server', at: 100 }), call('c', 'connect', { target: 'server', at: 200 })], {
      hosts: { client: { ...CLIENT }, b: { address: '127.0.0.3', port: 40001, isn: 2000 }, c: { address: '127.0.0.4', port: 40002, isn: 3000 }, server: { ...SERVER, acceptBacklog: 1 } },
    }),
    until: 1600,
  },
];

function show(rows: Row[]): string {
  return rows.map((r, i) => `    ${i + 1}. ${r.dir} ${r.flags.padEnd(11)} seq=${r.seq ?? '-'} ack=${r.ack ?? '-'} len=${r.len}`).join('\n');
}

/**
 * Runs observe.mjs, in a private network namespace when unshare(1) allows it: a loopback of its own,
 * so nothing else on this machine's loopback meets the crafted segments, and default sysctls.
 */
function observe(names: string[]): string {
  const args = ['test/kernel/observe.mjs', ...names];
  const opts = { encoding: 'utf8' as const, timeout: 120_000 };
  let netns = true;
  try {
    execFileSync('unshare', ['-n', 'true'], { stdio: 'ignore' });
  } catch {
    netns = false;
  }
  if (!netns) return execFileSync(process.execPath, args, opts);
  return execFileSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, ...args], opts);
}

function main(): number {
  const observed = JSON.parse(observe(cases.map((c) => c.name))) as Record<string, Observation>;
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    const obs = observed[c.name]!;
    const kernel = kernelRows(obs);
    const trace = simulate(c.engine);
    const engine = engineRows(trace, c.until);
    const alt = (c.alternatives ?? []).find((a) => JSON.stringify(kernel) === JSON.stringify(engineRows(simulate(a.engine), c.until)));
    const problem = obs.failure ?? c.check?.(obs, trace) ?? null;
    const same = (JSON.stringify(kernel) === JSON.stringify(engine) || alt !== undefined) && problem === null;
    if (same) passed++;
    else failed++;
    console.log(`${same ? 'ok  ' : 'FAIL'} ${c.name}: ${c.what}${alt ? ` (this run: ${alt.why})` : ''}`);
    if (problem !== null) console.log(`  ${problem}`);
    if (!same) console.log(`  kernel:\n${show(kernel)}\n  engine (linux profile):\n${show(engine)}`);
  }
  // TIME-WAIT: ss shows the remaining time of the active closer's timer right after the close.
  const tw = twSeconds(observed['close-client-first']!);
  const engineTw = simulate(cases[2]!.engine).events.find((e) => e.kind === 'timer' && e.timer === 'time-wait' && e.action === 'set');
  const engineSeconds = engineTw && engineTw.kind === 'timer' && engineTw.expiresAt !== undefined ? (engineTw.expiresAt - engineTw.t) / 1000 : null;
  const twOk = tw !== null && engineSeconds !== null && Math.abs(engineSeconds - tw) <= 1.5;
  if (twOk) passed++;
  else failed++;
  console.log(`${twOk ? 'ok  ' : 'FAIL'} time-wait: kernel timer ${tw} s remaining just after the close, engine ${engineSeconds} s`);
  console.log(`kernel: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = main();
