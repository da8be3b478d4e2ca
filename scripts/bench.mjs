// `npm run bench`: the engine's throughput and the CLI's speed, as figures and ratios.
// Benchmarks, not timed tests: nothing here fails on a slow machine; it prints what it measured.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const out = resolve('bench/.out');
mkdirSync(out, { recursive: true });
await esbuild.build({ entryPoints: ['bench/engine-bench.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: `${out}/engine-bench.cjs`, logLevel: 'warning' });
const require = createRequire(import.meta.url);
const { benchEngine } = require(`${out}/engine-bench.cjs`);

const connections = Number(process.env.BENCH_CONNECTIONS ?? 10000);
benchEngine(Math.min(1000, connections)); // warm-up: let the JIT settle before measuring
const engine = benchEngine(connections);
const target = 10000;
console.log(`engine: ${connections} complete connections (handshake, 10 data segments each way, close)`);
console.log(`engine: ${Math.round(engine.connsPerSec)} connections/s (${(engine.connsPerSec / target).toFixed(1)}x the 10,000/s goal), peak heap ${engine.peakHeapMB.toFixed(1)} MB`);

// The CLI: `check` over 500 generated files and start-up time against bare Node.
execFileSync(process.execPath, ['scripts/bench-cli.mjs'], { stdio: 'inherit' });
