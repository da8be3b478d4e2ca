// Benchmarks the `tcp-tutor` CLI, each figure with a ratio against a baseline measured in the same run:
//   1. `check` over 500 generated exercise files, in-process (files/s);
//   2. start-up of `node dist/cli.js --version` (median of N runs) against `node -e 0`;
//   3. a real one-file `check` as a spawned process (start-up that loads YAML, ajv, the engine and
//      runs one file), median of N runs, against `node -e 0`;
//   4. `check` over the same 500 files as ONE spawned process, against the in-process figure (1.)
//      and against `node -e 0` plus the in-process time (what a process could cost at best).
// Prints a readable summary, then one JSON line with the figures (last line of stdout).
//   node scripts/bench-cli.mjs [--files 500] [--runs 11] [--cli dist/cli.js]
// Without dist/cli.js (no build yet) the CLI is bundled to a temp file with esbuild first. Writes
// only under the system temp dir, never inside the repo.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
};
const FILES = Number(arg('files', 500));
const RUNS = Number(arg('runs', 11));

const work = mkdtempSync(join(tmpdir(), 'tcp-tutor-bench-'));
try {
  // ---- 1. generate exercises (deterministic variety: options, data, faults, questions) ----
  const dir = join(work, 'exercises');
  mkdirSync(dir);
  for (let i = 0; i < FILES; i++) {
    const bytes = 1 + ((i * 37) % 1400);
    const lose = i % 3 === 0 ? `faults:\n  - drop: { from: client, flags: [ACK], len: 0, nth: last }\n` : '';
    const profile = i % 5 === 0 ? 'linux' : 'rfc9293';
    writeFileSync(
      join(dir, `ex-${String(i).padStart(3, '0')}.tcp.yaml`),
      `tcp-tutor: 1
title: { en: Generated ${i}, zh-cn: 生成的练习 ${i} }
profile: ${profile}
seed: ${i}
hosts:
  client: { address: 10.0.${i % 250}.1, port: ${20000 + i}, isn: ${1000 + i * 7} }
  server: { address: 10.1.${i % 250}.2, port: 80, isn: ${i % 2 ? 'rfc6528' : 5000 + i}, wscale: ${i % 15}, mss: 1460 }
network: { latency: ${10 + (i % 90)}ms, msl: ${1 + (i % 4)}s }
steps:
  - server: listen
  - client: connect server
  - client: send ${bytes}
  - server: send "reply ${i}"
  - client: close
  - server: close
  - wait: 30s
${lose}questions:
  - { id: q1, ask: state, host: client, after: 2, expect: ESTABLISHED }
  - { id: q2, ask: seq, segment: 1, expect: ${1000 + i * 7} }
  - { id: q3, ask: number, topic: header-length, options: { mss: 1460, wscale: 7 } }
  - { id: q4, ask: segment, segment: 2, fields: [flags, ack] }
  - { id: q5, ask: choice, choices: [a, b, c], answer: ${i % 3} }
`,
    );
  }

  // ---- 2. check in-process: bundle the pure exercise module once, then time only the checks ----
  const entry = join(work, 'entry.ts');
  writeFileSync(entry, `export { checkExercise } from ${JSON.stringify(join(root, 'src/exercise/index.ts'))};\n`);
  const lib = join(work, 'exercise.cjs');
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: lib, logLevel: 'error' });
  const { checkExercise } = createRequire(import.meta.url)(lib);
  const files = readdirSync(dir).filter((f) => f.endsWith('.tcp.yaml'));
  const texts = files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
  checkExercise(texts[0][1], texts[0][0]); // warm-up (schema compile, JIT)
  let errors = 0;
  const t0 = performance.now();
  for (const [name, text] of texts) errors += checkExercise(text, name).filter((d) => d.severity === 'error').length;
  const checkMs = performance.now() - t0;
  const filesPerSecond = (files.length / checkMs) * 1000;

  // ---- 3. start-up: node dist/cli.js --version vs node -e 0, interleaved ----
  let cli = resolve(root, arg('cli', 'dist/cli.js'));
  let cliSource = arg('cli', 'dist/cli.js');
  if (!existsSync(cli)) {
    cli = join(work, 'cli.js');
    cliSource = 'temp bundle (dist/cli.js missing)';
    await esbuild.build({ entryPoints: [join(root, 'src/cli/main.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: cli, logLevel: 'error' });
  }
  const time = (args, ok = [0]) => {
    const s = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: work, maxBuffer: 64 * 1024 * 1024 });
    const ms = performance.now() - s;
    if (!ok.includes(r.status)) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return ms;
  };
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  // check exits 1 when a file has problems; the generated files pass, but a figure is a figure.
  const oneFile = join(dir, files[0]);
  const checkArgs = [cli, 'check', oneFile];
  time(['-e', '0']);
  time([cli, '--version']);
  time(checkArgs, [0, 1]);
  const base = [];
  const start = [];
  const one = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(time(['-e', '0']));
    start.push(time([cli, '--version']));
    one.push(time(checkArgs, [0, 1]));
  }
  const baselineMs = median(base);
  const startupMs = median(start);
  const oneFileMs = median(one);

  // ---- 4. check over every generated file in one process (the directory, as a user would) ----
  const whole = [];
  for (let i = 0; i < Math.max(3, Math.min(RUNS, 5)); i++) whole.push(time([cli, 'check', dir], [0, 1]));
  const processMs = median(whole);

  const result = {
    files: files.length,
    checkErrors: errors,
    checkMs: Math.round(checkMs),
    checkFilesPerSecond: Math.round(filesPerSecond * 10) / 10,
    runs: RUNS,
    cli: cliSource,
    startupMedianMs: Math.round(startupMs * 10) / 10,
    baselineMedianMs: Math.round(baselineMs * 10) / 10,
    startupRatio: Math.round((startupMs / baselineMs) * 100) / 100,
    checkOneFileMedianMs: Math.round(oneFileMs * 10) / 10,
    checkOneFileRatio: Math.round((oneFileMs / baselineMs) * 100) / 100,
    checkProcessMs: Math.round(processMs),
    checkProcessFilesPerSecond: Math.round((files.length / processMs) * 1000 * 10) / 10,
    checkProcessRatio: Math.round((processMs / checkMs) * 100) / 100,
    checkProcessRatioToFloor: Math.round((processMs / (checkMs + baselineMs)) * 100) / 100,
  };
  console.log(`check in-process: ${files.length} files in ${result.checkMs} ms = ${result.checkFilesPerSecond} files/s (${errors} errors)`);
  console.log(`start-up: tcp-tutor --version ${result.startupMedianMs} ms, node -e 0 ${result.baselineMedianMs} ms, ratio ${result.startupRatio} (median of ${RUNS}, ${cliSource})`);
  console.log(`check one file (spawned): ${result.checkOneFileMedianMs} ms, node -e 0 ${result.baselineMedianMs} ms, ratio ${result.checkOneFileRatio} (median of ${RUNS})`);
  console.log(
    `check ${files.length} files in one spawned process: ${result.checkProcessMs} ms = ${result.checkProcessFilesPerSecond} files/s, ` +
      `ratio ${result.checkProcessRatio} to in-process (${result.checkMs} ms), ${result.checkProcessRatioToFloor} to in-process + node -e 0 (median of ${whole.length})`,
  );
  console.log(JSON.stringify(result));
} finally {
  rmSync(work, { recursive: true, force: true });
}
