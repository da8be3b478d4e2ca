// End-to-end checks of TCP Tutor in a real VS Code: code-server (VS Code's workbench and a real
// extension host) in headless Debian Chromium, driven by playwright-core as a learner would.
//
//   npm run test:e2e                        setup, package the VSIX, run every case
//   npm run bench:e2e                       the same, then time the diagram panel against Mermaid alone
//   node test/e2e/run.mjs [options]
//     --bench          also run the benchmark (10, 100, 500 segments)
//     --bench-only     only the benchmark (no cases)
//     --vsix FILE      install FILE instead of running `npm run package`
//     --no-package     install the VSIX already in the repository root
//     --grep TEXT      only the cases whose name contains TEXT (or any of TEXT's `|`-separated parts)
//     --locale LOCALE  start code-server with VS Code's display language LOCALE (e.g. zh-cn); adds
//                      the display-language case
//     --keep           keep test/e2e/.work/<run>/ (kept anyway when a case fails)
//     --timeout MIN    global timeout in minutes after setup and packaging (default 8; 15 with --bench)
//
// Prints one line `e2e: N passed, N failed` at the end and exits non-zero if any case failed.
// Screenshots (and, for failures, the page's console log) go to test/e2e/screenshots/.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Browser, Checks, CodeServer, freePort, matchesFilter, run, slug } from './lib/harness.mjs';
import { closeAllEditors, openFile, paletteEntries, pickColorTheme, runCommand, setEnumSetting, waitForWorkbench, webviewFrame, workbenchThemeKind } from './lib/workbench.mjs';
import { CHROMIUM, CODE_SERVER_BIN, DEPS, setup } from './setup.mjs';
import { DISPLAY_LANGUAGE_CASE, MORE_CASE_NAMES, moreCases } from './cases-more.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const SHOTS = join(here, 'screenshots');
const FIXTURES = join(here, 'fixtures');
const COMMAND = 'TCP Tutor: Show Diagram';
/** The user's settings.json, seeded before the workbench starts (cases may change and restore it). */
const SETTINGS = {
  'workbench.colorTheme': 'Default Light Modern',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'window.restoreWindows': 'none',
  'workbench.editor.restoreViewState': false,
  'chat.commandCenter.enabled': false,
};

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const opts = {
  bench: flag('--bench') || flag('--bench-only'),
  benchOnly: flag('--bench-only'),
  vsix: option('--vsix'),
  noPackage: flag('--no-package'),
  grep: option('--grep'),
  keep: flag('--keep'),
  locale: option('--locale'),
  timeoutMin: Number(option('--timeout') ?? (flag('--bench') || flag('--bench-only') ? 15 : 8)),
};

// ---------------------------------------------------------------------------------------------
// Everything started is registered here and stopped by `shutdown`, on success, failure,
// global timeout or a signal.
// ---------------------------------------------------------------------------------------------
const startedAt = Date.now();
const runId = `${new Date(startedAt).toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
const work = join(here, '.work', runId);
let codeServer;
let browser;
let benchServer;
let finished = false;
const consoleLog = [];

const checks = new Checks({
  filter: opts.grep,
  onPass: (name) => screenshot(name),
  onFail: async (name, err) => {
    await screenshot(`FAILED ${name}`);
    const lines = [`case: ${name}`, `error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, '', '--- page console (whole run) ---', ...consoleLog];
    writeFileSync(join(SHOTS, `${slug(`FAILED ${name}`)}.console.log`), lines.join('\n') + '\n');
  },
});

let page;
async function screenshot(name) {
  if (!page) return;
  try {
    await page.screenshot({ path: join(SHOTS, `${slug(name)}.png`), timeout: 10_000 });
  } catch (err) {
    console.log(`        (no screenshot: ${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
}

async function shutdown() {
  const jobs = [];
  if (browser) jobs.push(browser.close());
  if (codeServer) jobs.push(codeServer.stop());
  if (benchServer) jobs.push(new Promise((res) => benchServer.close(() => res())));
  browser = undefined;
  codeServer = undefined;
  benchServer = undefined;
  await Promise.allSettled(jobs);
}

function summary() {
  const secs = ((Date.now() - startedAt) / 1000).toFixed(0);
  console.log(`e2e: total ${secs} s; work dir ${existsSync(work) ? work : '(removed)'}`);
  console.log(`e2e: ${checks.passed} passed, ${checks.failed} failed`);
}

async function finish(code) {
  if (finished) return;
  finished = true;
  await shutdown();
  const failed = checks.failed > 0 || code !== 0;
  if (!failed && !opts.keep) rmSync(work, { recursive: true, force: true });
  summary();
  process.exit(failed ? 1 : 0);
}

// The global timeout starts after setup and packaging (they have their own limits): it bounds
// everything that starts processes of ours.
let globalTimer;
function startGlobalTimer() {
  globalTimer = setTimeout(() => {
    checks.fail('global timeout', `the run took longer than ${opts.timeoutMin} min after setup; everything started was stopped`);
    void finish(1);
  }, opts.timeoutMin * 60_000);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    checks.fail('interrupted', `received ${sig}`);
    void finish(1);
  });
}

// ---------------------------------------------------------------------------------------------
// Preparation: deps, VSIX, throwaway VS Code profile, workspace
// ---------------------------------------------------------------------------------------------
function step(name) {
  console.log(`[e2e] ${name} (+${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
}

function packageVsix() {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const file = join(root, `${name}-${version}.vsix`);
  if (opts.vsix) return resolve(opts.vsix);
  if (!opts.noPackage) {
    step('npm run package');
    const status = run('npm', ['run', 'package'], { cwd: root });
    if (status !== 0) throw new Error(`npm run package exited with ${status}`);
  }
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  return file;
}

/** Keeps only the latest few runs' work folders (failed runs are kept for their logs). */
function pruneOldRuns(keep = 3) {
  const dir = join(here, '.work');
  if (!existsSync(dir)) return;
  const runs = readdirSync(dir)
    .map((name) => ({ name, time: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const old of runs.slice(keep)) rmSync(join(dir, old.name), { recursive: true, force: true });
}

function prepareWorkspace() {
  const folder = join(work, 'workspace');
  mkdirSync(folder, { recursive: true });
  cpSync(FIXTURES, folder, { recursive: true });
  return folder;
}

// ---------------------------------------------------------------------------------------------
// What the cases look at inside the panel
// ---------------------------------------------------------------------------------------------

/**
 * Waits for content the panel's script rendered: the diagram's SVG (the real panel) or, from
 * the skeleton, `p.hello`. Returns which one it found.
 */
async function panelContent(timeoutMs = 30_000) {
  const frame = webviewFrame(page);
  const svg = frame.locator('#diagram svg');
  const hello = frame.locator('p.hello');
  await svg.or(hello).first().waitFor({ state: 'visible', timeout: timeoutMs });
  if ((await svg.count()) > 0) return 'svg';
  // The skeleton answers with p.hello at once; a real panel may still be rendering its SVG.
  try {
    await svg.first().waitFor({ state: 'visible', timeout: 2000 });
    return 'svg';
  } catch {
    return 'hello';
  }
}

/** What a sequence diagram's SVG shows: participant names and message labels, in order. */
async function diagramFacts() {
  const frame = webviewFrame(page);
  return frame.locator('#diagram svg').first().evaluate((svg) => {
    const text = (el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    // Mermaid draws each participant twice (a top and a bottom box, each with one text element
    // per label line); the top boxes name them once: "client 10.0.0.1:40000".
    // Left to right, as the learner reads them.
    const tops = [...svg.querySelectorAll('rect.actor-top')].sort((a, b) => Number(a.getAttribute('x')) - Number(b.getAttribute('x')));
    const actors = tops.map((rect) =>
      [...(rect.parentElement?.querySelectorAll('text.actor') ?? [])]
        .map(text)
        .join(' ')
        .trim(),
    );
    const messages = [...svg.querySelectorAll('text.messageText')].map(text);
    const lines = svg.querySelectorAll('[class*="messageLine"]').length;
    return { actors, messages, lines };
  });
}

/**
 * Steps to the end of the trace (the panel starts at step 0): the "last" control, as a learner
 * would click it; then waits until the diagram stops changing.
 */
async function showWholeTrace() {
  const frame = webviewFrame(page);
  const last = frame.locator('[data-action="last"]');
  if ((await last.count()) > 0) await last.first().click();
  let previous = '';
  for (let i = 0; i < 25; i += 1) {
    await sleep(200);
    const now = JSON.stringify(await diagramFacts().catch(() => null));
    if (now === previous && now !== 'null') return;
    previous = now;
  }
}

/** Opens `file` from the workspace and runs the command; returns what the panel rendered. */
async function showDiagramFor(file) {
  await closeAllEditors(page);
  await openFile(page, file);
  await runCommand(page, COMMAND);
  return panelContent();
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// WCAG relative luminance and contrast ratio of two CSS colours `rgb(r, g, b)` / `rgba(...)`.
function parseRgb(css) {
  const m = /rgba?\(([^)]+)\)/.exec(css ?? '');
  if (!m) return undefined;
  const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  return { r, g, b, a };
}
function luminance({ r, g, b }) {
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The colours a learner sees in the panel: the page background and the diagram's text. */
async function panelColours() {
  const frame = webviewFrame(page);
  return frame.locator('body').evaluate((body) => {
    const bg = window.getComputedStyle(body).backgroundColor;
    const htmlBg = window.getComputedStyle(document.documentElement).backgroundColor;
    const editorBg = window.getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background').trim();
    const label = document.querySelector('#diagram svg text.messageText') ?? document.querySelector('#diagram svg text') ?? document.querySelector('p.hello');
    const fg = label ? (label instanceof window.SVGElement ? window.getComputedStyle(label).fill : window.getComputedStyle(label).color) : '';
    // Notes (state changes, timers, phase labels): their text on their own box.
    const notes = [...document.querySelectorAll('#diagram svg text.noteText')].map((t) => {
      const box = t.parentElement?.querySelector('rect.note');
      return { text: (t.textContent ?? '').trim(), fg: window.getComputedStyle(t).fill, bg: box ? window.getComputedStyle(box).fill : '' };
    });
    return { cls: body.className, bg, htmlBg, editorBg, fg, notes };
  });
}

/** One line per distinct contrast problem, with how many labels have it and examples. */
function summarizeProblems(problems) {
  const byKey = new Map();
  for (const p of problems) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p.example].filter(Boolean));
  return [...byKey]
    .map(([key, examples]) => (examples.length ? `${key} — ${examples.length} notes, e.g. ${examples.slice(0, 3).map((e) => `"${e}"`).join(', ')}` : key))
    .join('; ');
}

function hexToRgb(hex) {
  const m = /^#([0-9a-f]{6})/i.exec(hex);
  if (!m) return undefined;
  const n = parseInt(m[1], 16);
  return { r: n >> 16, g: (n >> 8) & 255, b: n & 255, a: 1 };
}

// ---------------------------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------------------------
const CASE_NAMES = [
  'workbench opens the fixture folder',
  'extension activates: its command is in the palette',
  'Show Diagram opens a webview whose script ran',
  'handshake diagram: two participants, three arrows SYN / SYN, ACK / ACK',
  'themes: the panel follows light, dark and high contrast',
  'a broken exercise shows its error with file:line, not a blank panel',
  'the diagram fits the panel width: no participant is cut off',
  'tcpTutor.language zh-cn: the panel shows the exercise and diagram in Chinese',
  'with no exercise open, Show Diagram offers the bundled examples',
  'lost final ACK: drawn as lost, the FIN retransmitted and acknowledged again',
  'quiz: the panel stops at the question; a wrong answer is marked wrong, the engine\'s answer correct',
  ...MORE_CASE_NAMES,
  ...(opts.locale ? [DISPLAY_LANGUAGE_CASE] : []),
];

/** The project's loader, engine and quiz modules bundled for Node (once per run). */
let projectLibPromise;
async function projectLib() {
  projectLibPromise ??= import(pathToFileURL(join(here, 'bench.mjs')).href).then((bench) => bench.projectModules(root, work));
  const lib = await projectLibPromise;
  if (lib.error) throw new Error(`the project's modules do not build for Node: ${lib.error}`);
  return lib;
}

async function cases() {
  await checks.check(CASE_NAMES[0], async () => {
    await waitForWorkbench(page);
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'handshake.tcp.yaml' });
    await row.first().waitFor({ state: 'visible', timeout: 20_000 });
    return `${await page.locator('.explorer-folders-view .monaco-list-row').count()} explorer rows`;
  });

  await checks.check(CASE_NAMES[1], async () => {
    const labels = await paletteEntries(page, COMMAND);
    expect(
      labels.some((l) => l.includes(COMMAND)),
      `palette rows for "${COMMAND}": ${JSON.stringify(labels)}`,
    );
  });

  await checks.check(CASE_NAMES[2], async () => {
    const found = await showDiagramFor('handshake.tcp.yaml');
    const frame = webviewFrame(page);
    if (found === 'svg') {
      const facts = await diagramFacts();
      expect(facts.actors.length > 0, 'the diagram SVG has no participants');
      return `diagram SVG rendered (${facts.actors.length} participants, ${facts.messages.length} arrows)`;
    }
    const text = (await frame.locator('p.hello').innerText()).trim();
    expect(text.length > 0, 'p.hello is empty');
    return `skeleton panel: "${text}" (no #diagram svg yet)`;
  });

  await checks.check(CASE_NAMES[3], async () => {
    const found = await showDiagramFor('handshake.tcp.yaml');
    expect(found === 'svg', 'the panel shows no #diagram svg (still the skeleton?)');
    await showWholeTrace();
    const facts = await diagramFacts();
    const detail = JSON.stringify(facts);
    expect(facts.actors.length === 2, `expected 2 participants, got ${facts.actors.length}: ${detail}`);
    expect(facts.messages.length === 3, `expected 3 arrows, got ${facts.messages.length}: ${detail}`);
    const flags = (label) => {
      const words = new Set(label.toUpperCase().match(/\b(SYN|ACK|FIN|RST|PSH|URG)\b/g) ?? []);
      return [...words].sort().join(',');
    };
    const got = facts.messages.map(flags);
    expect(JSON.stringify(got) === JSON.stringify(['SYN', 'ACK,SYN', 'ACK']), `arrow flags ${JSON.stringify(got)} from labels ${JSON.stringify(facts.messages)}`);
    expect(facts.lines >= 3, `expected 3 message lines, found ${facts.lines}`);
    const [first, second] = facts.actors;
    expect(/client/.test(first) && /10\.0\.0\.1/.test(first) && /server/.test(second) && /10\.0\.0\.2/.test(second), `participants, left to right: ${JSON.stringify(facts.actors)} (expected the client, then the server)`);
    return `${facts.actors.join(' / ')}: ${facts.messages.join(' | ')}`;
  });

  await checks.check(
    CASE_NAMES[4],
    async () => {
      if ((await webviewFrame(page).locator('body').count()) === 0) await showDiagramFor('handshake.tcp.yaml');
      const themes = [
        { label: 'Light Modern', kind: 'light', body: 'vscode-light' },
        { label: 'Dark Modern', kind: 'dark', body: 'vscode-dark' },
        { label: 'Dark High Contrast', kind: 'hc-dark', body: 'vscode-high-contrast' },
      ];
      const notes = [];
      // Contrast problems are collected so every theme still gets its screenshot.
      const problems = [];
      for (const theme of themes) {
        await pickColorTheme(page, theme.label);
        await page.waitForFunction((kind) => {
          const cls = document.querySelector('.monaco-workbench')?.className ?? '';
          return kind === 'hc-dark' ? cls.includes('hc-black') : kind === 'dark' ? cls.includes('vs-dark') : !cls.includes('vs-dark') && !cls.includes('hc-');
        }, theme.kind);
        expect((await workbenchThemeKind(page)) === theme.kind, `workbench did not switch to ${theme.label}`);
        const body = webviewFrame(page).locator(`body.${theme.body}`);
        await body.waitFor({ state: 'attached', timeout: 10_000 });
        // The panel re-renders its diagram when the body class changes: let it settle.
        await panelContent();
        await sleep(800);
        const colours = await panelColours();
        const fg = parseRgb(colours.fg);
        const bgRaw = parseRgb(colours.bg);
        const bg = bgRaw && bgRaw.a > 0 ? bgRaw : (hexToRgb(colours.editorBg) ?? parseRgb(colours.htmlBg));
        if (fg && bg) {
          const ratio = contrast(fg, bg);
          notes.push(`${theme.label} ${ratio.toFixed(1)}:1`);
          if (ratio < 4.5) problems.push({ key: `${theme.label}: diagram text ${colours.fg} on ${colours.bg}/${colours.editorBg} has contrast ${ratio.toFixed(2)}:1 (< 4.5:1)`, example: '' });
        } else {
          notes.push(`${theme.label} (colours unread: ${JSON.stringify(colours)})`);
        }
        // Every note's text must read on its box as well (WCAG AA, 4.5:1).
        for (const note of colours.notes) {
          const nf = parseRgb(note.fg);
          const nb = parseRgb(note.bg);
          if (!nf || !nb || nb.a === 0) continue;
          const ratio = contrast(nf, nb);
          if (ratio < 4.5) problems.push({ key: `${theme.label}: note text ${note.fg} on ${note.bg} has contrast ${ratio.toFixed(2)}:1 (< 4.5:1)`, example: note.text });
        }
        await screenshot(`theme ${theme.kind}`);
      }
      expect(problems.length === 0, summarizeProblems(problems));
      return `text contrast ${notes.join(', ')}`;
    },
    { timeoutMs: 120_000 },
  );

  await checks.check(CASE_NAMES[5], async () => {
    const file = 'broken.tcp.yaml';
    const source = readFileSync(join(FIXTURES, file), 'utf8').split('\n');
    const badLine = source.findIndex((l) => l.includes('connect nowhere')) + 1;
    await closeAllEditors(page);
    await openFile(page, file);
    await runCommand(page, COMMAND);
    const error = webviewFrame(page).locator('#load-error');
    await error.first().waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await error.first().innerText()).replace(/\s+/g, ' ').trim();
    const at = /broken\.tcp\.yaml:(\d+):(\d+)/.exec(text);
    expect(at, `no file:line:column in the error: "${text}"`);
    expect(Number(at[1]) === badLine, `the error points at line ${at[1]}, the unknown host is on line ${badLine}: "${text}"`);
    return text.slice(0, 160);
  });

  await checks.check(CASE_NAMES[6], async () => {
    // The panel opens beside the editor (half the window): fit-to-width is its default zoom.
    const found = await showDiagramFor('handshake.tcp.yaml');
    expect(found === 'svg', 'the panel shows no #diagram svg');
    await showWholeTrace();
    const boxes = await webviewFrame(page)
      .locator('#diagram svg')
      .first()
      .evaluate((svg) => {
        const width = document.documentElement.clientWidth;
        const actors = [...svg.querySelectorAll('rect.actor-top')].map((r) => {
          const b = r.getBoundingClientRect();
          return { name: r.getAttribute('name'), left: Math.round(b.left), right: Math.round(b.right) };
        });
        return { width, actors: actors.sort((a, b) => a.left - b.left) };
      });
    expect(boxes.actors.length >= 2, `participants: ${JSON.stringify(boxes.actors)}`);
    const cut = boxes.actors.filter((a) => a.left < 0 || a.right > boxes.width + 1);
    expect(cut.length === 0, `participants outside the panel (width ${boxes.width}px): ${JSON.stringify(cut)}`);
    return `panel ${boxes.width}px wide; participants at ${boxes.actors.map((a) => `${a.left}..${a.right}`).join(', ')}`;
  });

  await checks.check(CASE_NAMES[7], async () => {
    // The learner picks Simplified Chinese in the Settings editor; restored afterwards.
    const chosen = await setEnumSetting(page, 'tcpTutor.language', 'zh-cn');
    expect(chosen === '' || chosen.includes('zh-cn'), `the settings dropdown shows "${chosen}"`);
    try {
      const found = await showDiagramFor('handshake.tcp.yaml');
      expect(found === 'svg', 'the panel shows no #diagram svg');
      await showWholeTrace();
      const frame = webviewFrame(page);
      const han = /[\u4e00-\u9fff]/;
      const body = await frame.locator('body').innerText();
      expect(body.includes('三次握手'), `the panel does not show the exercise's zh-cn title 三次握手: "${body.slice(0, 200)}"`);
      const svgText = await frame.locator('#diagram svg').first().evaluate((svg) => svg.textContent ?? '');
      expect(han.test(svgText), `the diagram has no Chinese text: "${svgText.slice(0, 200)}"`);
      await screenshot('language zh-cn');
      return `title 三次握手; diagram text "${svgText.replace(/\s+/g, ' ').slice(0, 80)}"`;
    } finally {
      await closeAllEditors(page);
      await setEnumSetting(page, 'tcpTutor.language', 'auto').catch(() => undefined);
    }
  });

  await checks.check(CASE_NAMES[8], async () => {
    // A first-time learner with nothing open: the command lists the bundled examples and lessons.
    await closeAllEditors(page);
    await runCommand(page, COMMAND);
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
    const labels = await rows.evaluateAll((els) => els.map((el) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim()));
    expect(labels.some((l) => /\.tcp\.yaml/.test(l)), `the quick pick lists no *.tcp.yaml files: ${JSON.stringify(labels.slice(0, 5))}`);
    await screenshot('bundled examples quick pick');
    const first = labels[0];
    await page.keyboard.press('Enter');
    const found = await panelContent();
    expect(found === 'svg', `choosing "${first}" showed no diagram`);
    return `${labels.length} entries shown; opened "${first.slice(0, 60)}"`;
  });

  await checks.check(CASE_NAMES[9], async () => {
    const found = await showDiagramFor('lost-final-ack.tcp.yaml');
    expect(found === 'svg', 'the panel shows no #diagram svg');
    await showWholeTrace();
    const { messages } = await diagramFacts();
    const has = (label, word) => new RegExp(`\\b${word}\\b`, 'i').test(label);
    const lost = messages.findIndex((l) => has(l, 'lost'));
    expect(lost >= 0, `no arrow is marked lost: ${JSON.stringify(messages)}`);
    expect(has(messages[lost], 'ACK') && !has(messages[lost], 'FIN'), `the lost arrow is not the final ACK: "${messages[lost]}"`);
    const again = messages.findIndex((l, i) => i > lost && has(l, 'FIN') && has(l, 'retransmission'));
    expect(again > lost, `no FIN retransmission after the lost ACK: ${JSON.stringify(messages.slice(lost))}`);
    const reAck = messages.findIndex((l, i) => i > again && has(l, 'ACK') && !has(l, 'FIN') && !has(l, 'lost'));
    expect(reAck > again, `the retransmitted FIN is not acknowledged again: ${JSON.stringify(messages.slice(again))}`);
    return [messages[lost], messages[again], messages[reAck]].join(' → ');
  });

  await checks.check(CASE_NAMES[10], async () => {
    const file = 'quiz-ack.tcp.yaml';
    // The expected answer comes from the project's own engine and quiz modules, never a literal.
    const bench = await import(pathToFileURL(join(here, 'bench.mjs')).href);
    const lib = await bench.projectModules(root, work);
    expect(!lib.error, `the quiz modules do not build for Node: ${lib.error}`);
    const { exercise } = lib.loadExercise(readFileSync(join(FIXTURES, file), 'utf8'), file);
    expect(exercise, `${file} does not load`);
    const ctx = { trace: lib.simulate(exercise.scenario), scenario: exercise.scenario };
    const q = exercise.questions[0];
    const right = lib.formatAnswer(q, lib.computeAnswer(q, ctx), ctx, 'en').trim();
    const number = Number(/\d+/.exec(right)?.[0]);
    expect(Number.isFinite(number), `the engine's answer "${right}" has no number`);
    const wrong = String(number + 1);

    await showDiagramFor(file);
    const frame = webviewFrame(page);
    const form = frame.locator('#quiz-form');
    await form.waitFor({ state: 'visible', timeout: 20_000 });
    // The question hides segment 3: the diagram shows at most the two segments before it.
    const shown = (await diagramFacts()).messages;
    expect(!shown.some((l) => /#3\b/.test(l) && new RegExp(`ack=${number}\\b`).test(l)), `the answer is visible in the diagram: ${JSON.stringify(shown)}`);
    const input = frame.locator('#quiz-form vscode-text-field input').first();
    const submit = frame.locator('[data-action="quiz-submit"]').first();
    const verdict = frame.locator('#quiz-feedback .verdict');

    await input.fill(wrong);
    await submit.click();
    await verdict.first().waitFor({ state: 'visible', timeout: 15_000 });
    const first = (await verdict.first().getAttribute('class')) ?? '';
    expect(first.includes('wrong'), `answer ${wrong} got verdict "${first}": ${await verdict.first().innerText()}`);

    await input.fill(number === Number(right) ? right : String(number));
    await submit.click();
    await frame.locator('#quiz-feedback .verdict.correct').first().waitFor({ state: 'visible', timeout: 15_000 });
    const feedback = (await frame.locator('#quiz-feedback').innerText()).replace(/\s+/g, ' ').trim();
    await screenshot('quiz answered');
    return `wrong ${wrong} → wrong; ${right} → correct: "${feedback.slice(0, 120)}"`;
  });
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------
async function main() {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  pruneOldRuns();
  mkdirSync(work, { recursive: true });
  const planned = opts.benchOnly ? [] : CASE_NAMES.filter((n) => matchesFilter(n, opts.grep));
  const failAll = (why) => {
    for (const name of planned) checks.fail(name, `not run: ${why}`);
    if (opts.bench) checks.fail('bench', `not run: ${why}`);
  };

  try {
    step('setup (code-server, playwright-core)');
    await setup();
  } catch (err) {
    failAll(`setup failed: ${err instanceof Error ? err.message : String(err)}`);
    return finish(1);
  }

  let vsix;
  try {
    vsix = packageVsix();
  } catch (err) {
    failAll(`no VSIX: ${err instanceof Error ? err.message : String(err)}`);
    return finish(1);
  }

  startGlobalTimer();
  const require = createRequire(join(DEPS, 'package.json'));
  const playwright = require('playwright-core');
  const folder = prepareWorkspace();
  let benchFiles = [];
  if (opts.bench) {
    const bench = await import(pathToFileURL(join(here, 'bench.mjs')).href);
    benchFiles = await bench.writeBenchFixtures({ folder, work, root });
  }

  try {
    step(`install ${relative(root, vsix)} into a throwaway profile`);
    codeServer = new CodeServer({ entry: CODE_SERVER_BIN, work, folder, locale: opts.locale });
    codeServer.installExtension(vsix);
    const installed = codeServer.installedExtensions();
    if (!installed.some((name) => name.startsWith('tcp-tutor.'))) throw new Error(`extension not found after install: ${JSON.stringify(installed)}`);
    codeServer.writeSettings(SETTINGS);
    const port = await freePort();
    step(`start code-server on 127.0.0.1:${port}`);
    await codeServer.start(port);

    step('launch Chromium');
    browser = new Browser({ playwright, executablePath: CHROMIUM });
    const b = await browser.launch();
    const context = await b.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('console', (msg) => consoleLog.push(`[${((Date.now() - startedAt) / 1000).toFixed(1)} s] ${msg.type()}: ${msg.text()}`));
    page.on('pageerror', (err) => consoleLog.push(`[${((Date.now() - startedAt) / 1000).toFixed(1)} s] pageerror: ${err.message}`));
    const t0 = Date.now();
    await page.goto(codeServer.url(), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await waitForWorkbench(page);
    step(`workbench ready in ${Date.now() - t0} ms`);
  } catch (err) {
    failAll(`could not start VS Code: ${err instanceof Error ? err.message : String(err)}`);
    await screenshot('FAILED startup');
    writeFileSync(join(SHOTS, 'failed-startup.console.log'), consoleLog.join('\n') + '\n');
    return finish(1);
  }

  if (!opts.benchOnly) {
    step('cases');
    await cases();
    await moreCases({ page, checks, screenshot, panelContent, diagramFacts, showDiagramFor, projectLib, FIXTURES, root, consoleLog, locale: opts.locale });
  }
  if (opts.bench) {
    step('bench');
    const bench = await import(pathToFileURL(join(here, 'bench.mjs')).href);
    await checks.check(
      'bench: panel vs Mermaid alone (10, 100, 500 segments)',
      async () => {
        const result = await bench.runBench({ page, browser: browser.browser, files: benchFiles, root, helpers: { closeAllEditors, openFile, runCommand, webviewFrame, pickColorTheme, command: COMMAND, root } });
        benchServer = result.server;
        return result.note;
      },
      { timeoutMs: 10 * 60_000 },
    );
  }
  clearTimeout(globalTimer);
  return finish(0);
}

main().catch(async (err) => {
  checks.fail('harness', err instanceof Error ? (err.stack ?? err.message) : String(err));
  await finish(1);
});
