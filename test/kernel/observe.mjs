// Observes what this machine's Linux kernel does on loopback for a few scenarios, with tcpdump,
// and prints it as JSON: the ground truth the engine's `linux` profile is compared with.
//   node test/kernel/observe.mjs [scenario...]     (needs root, tcpdump and python3)
// Loopback only; no iptables rules. compare.ts runs it in a private network namespace when it can
// (its own loopback and default sysctls).
import { spawn, execFileSync } from 'node:child_process';
import net from 'node:net';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function startCapture(port) {
  const proc = spawn('tcpdump', ['-i', 'lo', '-n', '-S', '-tt', '-l', '-vv', `tcp port ${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  const ready = new Promise((resolve, reject) => {
    proc.stderr.on('data', (d) => String(d).includes('listening on') && resolve());
    proc.on('error', reject);
    setTimeout(resolve, 3000);
  });
  return {
    ready,
    async stop() {
      await sleep(150);
      proc.kill('SIGINT');
      await new Promise((r) => proc.on('close', r));
      return parseTcpdump(out);
    },
  };
}

// "1700000000.123456 IP (tos 0x0, ...)\n    127.0.0.1.40000 > 127.0.0.1.5555: Flags [S], cksum ..., seq 1, win 65495, options [...], length 0"
export function parseTcpdump(text) {
  const joined = text.replace(/\n\s+/g, ' ');
  const segs = [];
  for (const line of joined.split('\n')) {
    const m = /^(\d+\.\d+) IP .*? (\d+\.\d+\.\d+\.\d+)\.(\d+) > (\d+\.\d+\.\d+\.\d+)\.(\d+): Flags \[([^\]]*)\](.*)$/.exec(line);
    if (!m) continue;
    const rest = m[7];
    const num = (re) => {
      const x = re.exec(rest);
      return x ? Number(x[1]) : null;
    };
    const letters = m[6];
    const flags = [];
    const map = { S: 'SYN', F: 'FIN', R: 'RST', P: 'PSH', U: 'URG', E: 'ECE', W: 'CWR', '.': 'ACK' };
    for (const ch of letters) if (map[ch]) flags.push(map[ch]);
    const seqRange = /seq (\d+)(?::(\d+))?/.exec(rest);
    segs.push({
      t: Number(m[1]),
      src: Number(m[3]),
      dst: Number(m[5]),
      flags,
      seq: seqRange ? Number(seqRange[1]) : null,
      ack: num(/ack (\d+)/),
      win: num(/win (\d+)/),
      len: num(/length (\d+)/) ?? 0,
      options: (/options \[([^\]]*)\]/.exec(rest) ?? [])[1] ?? '',
    });
  }
  return segs;
}

function listen(port, onConn) {
  return new Promise((resolve) => {
    // allowHalfOpen: the application, not Node, decides when to close after EOF.
    const server = net.createServer({ allowHalfOpen: true }, onConn);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function timeWaitTimers(port) {
  // ss prints e.g. "TIME-WAIT 0 0 127.0.0.1:41234 127.0.0.1:5555 timer:(timewait,59sec,0)"
  const out = execFileSync('ss', ['-tanoH', 'state', 'time-wait', `( sport = :${port} or dport = :${port} )`], { encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const parts = l.trim().split(/\s+/);
      const timer = /timer:\(timewait,([\d.]+)(ms|sec|min)/.exec(l);
      const seconds = timer ? Number(timer[1]) * (timer[2] === 'ms' ? 0.001 : timer[2] === 'min' ? 60 : 1) : null;
      return { local: parts[2], remote: parts[3], seconds };
    });
}

/**
 * Runs a test/kernel/craft.py scenario: resolves with what it printed once it is done, plus a
 * `cleanup` that lets it close its sockets (after the capture has stopped).
 */
function craft(name, port) {
  const proc = spawn('python3', [new URL('./craft.py', import.meta.url).pathname, name, String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => (err += d));
  const exited = new Promise((resolve) => proc.on('close', resolve));
  return new Promise((resolve, reject) => {
    proc.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      resolve({
        ...JSON.parse(out.slice(0, nl)),
        cleanup: async () => {
          proc.stdin.end();
          await exited;
        },
      });
    });
    proc.on('error', reject);
    exited.then((code) => reject(new Error(`craft.py ${name} exited (${code}): ${err.trim()}`)));
  });
}

const scenarios = {
  // Handshake, 100 bytes each way in turn, the client closes first, then the server.
  async 'close-client-first'(port) {
    let serverSock;
    const server = await listen(port, (s) => {
      serverSock = s;
      s.on('data', () => s.write(Buffer.alloc(50, 0x62)));
      s.on('end', () => setTimeout(() => s.end(), 100));
    });
    const client = net.connect(port, '127.0.0.1');
    await new Promise((r) => client.on('connect', r));
    client.write(Buffer.alloc(100, 0x61));
    await new Promise((r) => client.once('data', r));
    await sleep(100);
    client.end();
    await new Promise((r) => client.on('close', r));
    await sleep(100);
    const timers = timeWaitTimers(port);
    server.close();
    void serverSock;
    return { timeWait: timers };
  },
  // The application closes at once on EOF: the FIN rides on the ACK of the peer's FIN.
  async 'close-at-once'(port) {
    const server = await listen(port, (s) => {
      s.on('end', () => s.end());
      s.resume();
    });
    const client = net.connect(port, '127.0.0.1');
    await new Promise((r) => client.on('connect', r));
    await sleep(50);
    client.end();
    await new Promise((r) => client.on('close', r));
    await sleep(100);
    server.close();
    return {};
  },
  // The application closes 300 ms after EOF: the delayed ACK of the FIN goes out on its own first.
  async 'close-late'(port) {
    const server = await listen(port, (s) => {
      s.on('data', () => s.write(Buffer.alloc(50, 0x62)));
      s.on('end', () => setTimeout(() => s.end(), 300));
    });
    const client = net.connect(port, '127.0.0.1');
    await new Promise((r) => client.on('connect', r));
    client.write(Buffer.alloc(100, 0x61));
    await new Promise((r) => client.once('data', r));
    await sleep(50);
    client.end();
    await new Promise((r) => client.on('close', r));
    await sleep(100);
    server.close();
    return {};
  },
  // A SYN to a port nobody listens on: RST,ACK with seq 0 and ack = ISN+1.
  async 'rst-no-socket'(port) {
    const client = net.connect(port, '127.0.0.1');
    const err = await new Promise((r) => client.on('error', r));
    return { error: err.code };
  },
  // Scenarios with crafted segments (test/kernel/craft.py), see there.
  ...Object.fromEntries(
    ['synrecv-dup-syn', 'synrecv-rst-exact', 'synrecv-rst-inwindow', 'synrecv-new-syn', 'tw-rst', 'tw-rst-inwindow', 'tw-syn-no-listener', 'tw-syn-listener', 'syn-data', 'accept-queue'].map((name) => [name, (port) => craft(name, port)]),
  ),
  // ABORT: SO_LINGER 0 then close sends RST.
  async abort(port) {
    const server = await listen(port, (s) => s.on('error', () => {}));
    const client = net.connect(port, '127.0.0.1');
    await new Promise((r) => client.on('connect', r));
    await sleep(50);
    client.resetAndDestroy();
    await sleep(100);
    server.close();
    return {};
  },
};

async function main() {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(scenarios);
  const results = {};
  let port = 47000 + Math.floor(Math.random() * 1000);
  for (const name of names) {
    // Two ports per scenario: some use port + 1 for their second socket.
    port += 2;
    const cap = startCapture(port);
    await cap.ready;
    let extra;
    try {
      extra = await scenarios[name](port);
    } catch (e) {
      extra = { failure: String(e) };
    }
    const segments = await cap.stop();
    if (typeof extra?.cleanup === 'function') await extra.cleanup();
    delete extra?.cleanup;
    results[name] = { port, segments, ...extra };
  }
  console.log(JSON.stringify(results, null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
