// `npm run bench:e2e`: how long the diagram panel takes, from the command's Enter to the
// diagram's SVG in the webview's DOM, against Mermaid alone rendering the same text in a bare
// page of the same browser (served from a loopback HTTP server with node_modules/mermaid's
// bundle). Traces of about 10, 100 and 500 segments, each timed a few times (median).
//
// The Mermaid text comes from the project's own modules (loadExercise → simulate →
// renderMermaid), bundled for Node with esbuild into the run's work folder.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

const SIZES = [10, 100, 500];
const REPEATS = 3;

/**
 * The project's pure modules for Node, or undefined (with the reason) when they do not build
 * yet: `{ loadExercise, simulate, renderMermaid, computeAnswer, formatAnswer }`. The e2e quiz
 * case uses them too, so it never hard-codes an answer the engine computes.
 */
export async function projectModules(root, work) {
  // CommonJS: some dependencies (yaml, ajv) require Node built-ins, which an ESM bundle cannot.
  const out = join(work, 'bench-lib.cjs');
  try {
    const esbuild = createRequire(join(root, 'package.json'))('esbuild');
    await esbuild.build({
      stdin: {
        contents: [
          "export { loadExercise } from './src/exercise/index.ts';",
          "export { simulate } from './src/engine/index.ts';",
          "export { renderMermaid } from './src/render/mermaid.ts';",
          "export { computeAnswer, formatAnswer } from './src/quiz/index.ts';",
        ].join('\n'),
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: out,
      logLevel: 'silent',
    });
    return createRequire(import.meta.url)(out);
  } catch (err) {
    return { error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  }
}

/** An exercise with a handshake, `sends` one-way sends (alternating sides) and a close. */
function benchYaml(n, sends) {
  const lines = [
    'tcp-tutor: 1',
    `title: Benchmark, about ${n} segments`,
    'hosts:',
    '  client: { address: 10.0.0.1, port: 40000, isn: 1000 }',
    '  server: { address: 10.0.0.2, port: 80, isn: 5000 }',
    'network: { latency: 1ms }',
    'steps:',
    '  - server: listen',
    '  - client: connect server',
  ];
  for (let i = 0; i < sends; i += 1) lines.push(`  - ${i % 2 === 0 ? 'client' : 'server'}: send 10`);
  lines.push('  - client: close', '  - server: close');
  return lines.join('\n') + '\n';
}

function segmentsOf(lib, yaml, file) {
  const { exercise, diagnostics } = lib.loadExercise(yaml, file);
  if (!exercise) throw new Error(`bench fixture does not load: ${JSON.stringify(diagnostics.slice(0, 2))}`);
  return { exercise, trace: lib.simulate(exercise.scenario) };
}

/**
 * Writes `bench-<n>.tcp.yaml` into the workspace for each size. With the project's modules the
 * number of sends is chosen so the trace has at least n segments (fewest sends that reach it);
 * without them, by the estimate handshake 3 + 2 per send + close 4.
 */
export async function writeBenchFixtures({ folder, work, root }) {
  const lib = await projectModules(root, work);
  const files = [];
  for (const n of SIZES) {
    const file = `bench-${n}.tcp.yaml`;
    let sends = Math.max(1, Math.round((n - 7) / 2));
    let segments;
    if (!lib.error) {
      try {
        // Segments grow with sends; find the fewest sends that reach n (binary search).
        let lo = 0;
        let hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (segmentsOf(lib, benchYaml(n, mid), file).trace.segments.length >= n) hi = mid;
          else lo = mid + 1;
        }
        sends = lo;
        segments = segmentsOf(lib, benchYaml(n, sends), file).trace.segments.length;
      } catch (err) {
        lib.error = err instanceof Error ? err.message.split('\n')[0] : String(err);
      }
    }
    const yaml = benchYaml(n, sends);
    writeFileSync(join(folder, file), yaml);
    files.push({ n, file, path: join(folder, file), yaml, segments });
  }
  return { files, lib };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

/** A loopback server for the bare page: `/` (the page) and `/mermaid.min.js`. */
async function startPageServer(root) {
  const mermaidJs = join(root, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');
  if (!existsSync(mermaidJs)) throw new Error(`${mermaidJs} is missing`);
  const script = readFileSync(mermaidJs);
  const texts = new Map();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/mermaid.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'max-age=3600' });
      res.end(script);
      return;
    }
    const text = texts.get(url.searchParams.get('id') ?? '');
    if (url.pathname !== '/' || text === undefined) {
      res.writeHead(404).end();
      return;
    }
    // The text travels as JSON inside the page; `<` is escaped so it cannot close the script.
    const json = JSON.stringify(text).replace(/</g, '\\u003c');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Mermaid alone</title></head><body>
<div id="diagram"></div>
<script src="/mermaid.min.js"></script>
<script>
(async () => {
  const t0 = performance.now();
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
  const text = ${json};
  await mermaid.parse(text);
  const { svg } = await mermaid.render('bench', text);
  document.getElementById('diagram').innerHTML = svg;
  window.renderMs = performance.now() - t0;
})().catch((err) => { document.body.dataset.error = String(err); });
</script></body></html>`);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, port, texts };
}

/** Segment numbers of the arrows the panel shows (labels start with `#n`). */
function labelNumbers(labels) {
  return labels.map((l) => Number(/#(\d+)/.exec(l)?.[1])).filter((n) => Number.isFinite(n));
}

/** Waits until the panel's diagram stops changing; returns its message labels. */
async function settledLabels(frame, timeoutMs = 30_000) {
  const labels = () => frame.locator('#diagram svg text.messageText').evaluateAll((els) => els.map((el) => el.textContent ?? ''));
  const deadline = performance.now() + timeoutMs;
  let previous = '';
  while (performance.now() < deadline) {
    const now = JSON.stringify(await labels().catch(() => []));
    if (now === previous) return JSON.parse(now);
    previous = now;
    await sleep(100);
  }
  return JSON.parse(previous || '[]');
}

/**
 * Times the panel and Mermaid alone for every bench fixture. Returns the page server (the caller
 * closes it) and a one-line note; prints a table.
 *
 * Panel, per run: "open" = Enter on the command → the first `#diagram svg` (a cold panel: the
 * webview loads its bundle and Mermaid, at step 0); "last" = a click on the last-step control →
 * the arrow of the trace's last segment in the SVG (the panel re-renders the page of segments it
 * shows). Mermaid alone: "page" = navigation → `#diagram svg` (loads mermaid.min.js, parses and
 * renders); "render" = parse + render inside the page. Ratios: open/page and last/render.
 */
export async function runBench({ page, browser, files: written, helpers }) {
  const { files, lib } = written;
  const { closeAllEditors, openFile, runCommand, webviewFrame, pickColorTheme, command, root } = helpers;
  // The bare page renders with Mermaid's default (light) theme; give the panel the light theme too.
  await pickColorTheme(page, 'Light Modern').catch(() => undefined);
  const pageServer = lib.error ? undefined : await startPageServer(root);
  const barePage = pageServer ? await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage() : undefined;
  const rows = [];
  try {
    for (const f of files) {
      const openMs = [];
      const lastMs = [];
      const phases = [];
      let shown = [];
      for (let i = 0; i < REPEATS; i += 1) {
        await closeAllEditors(page);
        await openFile(page, f.file);
        const frame = webviewFrame(page);
        let t0 = 0;
        await runCommand(page, command, {
          beforeEnter: () => {
            t0 = performance.now();
          },
        });
        await frame.locator('#diagram svg').first().waitFor({ state: 'attached', timeout: 60_000 });
        openMs.push(performance.now() - t0);
        // Where the time went, from the page's own marks (its clock starts when the webview's
        // document starts loading): VS Code → page, page → ready, ready → snapshot, → SVG.
        const marks = await frame
          .locator('body')
          .evaluate(() => {
            // From the moment the page's HTML has arrived (VS Code hands it over): what the page does.
            const doc = performance.getEntriesByType('navigation')[0]?.responseEnd ?? 0;
            return Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name.replace('tcp-tutor:', ''), m.startTime - doc]));
          })
          .catch(() => ({}));
        if (marks.svg !== undefined) phases.push(marks);
        await settledLabels(frame);
        const last = frame.locator('[data-action="last"]').first();
        if ((await last.count()) === 0) continue;
        const t1 = performance.now();
        await last.click();
        if (f.segments) {
          const lastArrow = frame.locator('#diagram svg text.messageText', { hasText: new RegExp(`^\\s*#${f.segments}\\b`) });
          await lastArrow.first().waitFor({ state: 'attached', timeout: 60_000 }).catch(() => undefined);
        }
        lastMs.push(performance.now() - t1);
        shown = labelNumbers(await settledLabels(frame));
      }
      const phase = (k) => median(phases.map((m) => m[k]).filter((x) => x !== undefined));
      const row = {
        n: f.n,
        segments: f.segments,
        openMs: median(openMs),
        lastMs: lastMs.length ? median(lastMs) : undefined,
        panelArrows: shown.length,
        // In the page, from its HTML arriving: script runs → ready posted → snapshot arrives → SVG drawn.
        pageJs: phase('script'),
        readyMs: phase('ready'),
        snapshotMs: phase('snapshot'),
        svgMs: phase('svg'),
      };
      if (pageServer && barePage) {
        const { trace } = segmentsOf(lib, f.yaml, f.file);
        // Render what the panel shows at the last step: the whole trace, or its last page.
        const from = shown.length ? Math.min(...shown) : 1;
        const to = shown.length ? Math.max(...shown) : trace.segments.length;
        const whole = from === 1 && to === trace.segments.length;
        const text = whole ? lib.renderMermaid(trace) : lib.renderMermaid(trace, { window: { from, to }, upTo: to });
        pageServer.texts.set(String(f.n), text);
        const pageMs = [];
        const renderMs = [];
        let bareArrows = 0;
        for (let i = 0; i < REPEATS; i += 1) {
          const t0 = performance.now();
          await barePage.goto(`http://127.0.0.1:${pageServer.port}/?id=${f.n}`, { waitUntil: 'commit' });
          await barePage.locator('#diagram svg').first().waitFor({ state: 'attached', timeout: 60_000 });
          pageMs.push(performance.now() - t0);
          renderMs.push(await barePage.evaluate(() => window.renderMs));
          bareArrows = await barePage.locator('#diagram svg text.messageText').count();
        }
        Object.assign(row, { pageMs: median(pageMs), renderMs: median(renderMs), bareArrows, range: whole ? 'all' : `#${from}..#${to}` });
      }
      rows.push(row);
    }
  } finally {
    await barePage?.context().close();
  }

  const fmt = (ms) => (ms === undefined || Number.isNaN(ms) ? '—' : `${Math.round(ms)} ms`);
  const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '—');
  console.log(`  bench, median of ${REPEATS} (panel "open": Enter on "${command}" → #diagram svg; "last": last-step click → last arrow drawn)`);
  for (const r of rows) {
    console.log(
      `    ~${r.n} segments (trace ${r.segments ?? '?'}; panel shows ${r.panelArrows} arrows${r.range ? ` ${r.range}` : ''}): ` +
        `panel open ${fmt(r.openMs)}, last ${fmt(r.lastMs)} | Mermaid alone page ${fmt(r.pageMs)}, render ${fmt(r.renderMs)} (${r.bareArrows ?? '—'} arrows) | ` +
        `open/page ${ratio(r.openMs, r.pageMs)}, last/render ${ratio(r.lastMs, r.renderMs)}`,
    );
    if (r.svgMs !== undefined) {
      // The part of "open" the panel controls: from its HTML arriving to the SVG (bundle, Mermaid,
      // the host's snapshot, rendering). The rest, command → HTML in the webview, is VS Code
      // creating the webview, the same for any extension's panel.
      console.log(
        `      panel's part (HTML arrived → SVG) ${fmt(r.svgMs)}: script runs +${fmt(r.pageJs)}, ready +${fmt(r.readyMs)}, snapshot +${fmt(r.snapshotMs)}; ` +
          `VS Code creating the webview ${fmt(r.openMs - r.svgMs)} | panel's part/Mermaid page ${ratio(r.svgMs, r.pageMs)}`,
      );
    }
  }
  if (lib.error) console.log(`    Mermaid alone not timed: the project's modules do not build for Node yet (${lib.error})`);
  const note = rows.map((r) => `${r.n}: open ${fmt(r.openMs)}, last ${fmt(r.lastMs)} vs render ${fmt(r.renderMs)}`).join('; ');
  return { server: pageServer?.server, note };
}
