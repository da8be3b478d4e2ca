/**
 * Engine throughput: `benchEngine(n)` simulates n complete connections — handshake, 10 data
 * segments each way, four-way close — one `simulate()` per connection, and reports connections per
 * second of wall time and the peak heap seen. Run by `npm run bench` (scripts/bench.mjs).
 */
import { simulate, type Scenario, type Step } from '../src/engine/index';

function connectionScenario(i: number): Scenario {
  const steps: Step[] = [
    { kind: 'call', host: 'server', call: 'listen' },
    { kind: 'call', host: 'client', call: 'connect', target: 'server' },
  ];
  for (let k = 0; k < 10; k++) {
    steps.push({ kind: 'call', host: 'client', call: 'send', data: 100 });
    steps.push({ kind: 'call', host: 'server', call: 'send', data: 200 });
  }
  steps.push({ kind: 'call', host: 'client', call: 'close' }, { kind: 'call', host: 'server', call: 'close' });
  return {
    profile: i % 2 === 0 ? 'rfc9293' : 'linux',
    seed: i,
    hosts: {
      client: { address: '10.0.0.1', port: 40000 + (i % 20000) },
      server: { address: '10.0.0.2', port: 80 },
    },
    network: { latency: 50 },
    steps,
    faults: [],
  };
}

export function benchEngine(connections: number): { connsPerSec: number; peakHeapMB: number } {
  const scenarios = Array.from({ length: Math.min(connections, 64) }, (_, i) => connectionScenario(i));
  let peak = process.memoryUsage().heapUsed;
  let segments = 0;
  const start = performance.now();
  for (let i = 0; i < connections; i++) {
    const trace = simulate(scenarios[i % scenarios.length]!);
    segments += trace.segments.length;
    if ((i & 255) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const seconds = (performance.now() - start) / 1000;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  if (segments === 0) throw new Error('benchEngine: no segments simulated');
  return { connsPerSec: connections / seconds, peakHeapMB: peak / (1024 * 1024) };
}
