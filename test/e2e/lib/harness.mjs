// The pieces of the end-to-end harness that know nothing about TCP Tutor: processes, ports,
// code-server, the browser, and a tiny check runner. run.mjs composes them.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A free TCP port on the loopback interface (the OS picks it; we release it at once). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a process id is alive (signal 0 probes without sending anything). */
export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Direct children of `ppid`, read from /proc (Linux). */
export function childPids(ppid) {
  const out = [];
  let entries = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid ... — comm may hold spaces and parentheses, so split after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === ppid) out.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** Every descendant of `pid` (children, grandchildren, ...). */
export function descendants(pid) {
  const all = [];
  const queue = [pid];
  while (queue.length) {
    const next = childPids(queue.shift());
    all.push(...next);
    queue.push(...next);
  }
  return all;
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Stops a process we started, its process group (when it leads one) and every descendant:
 * SIGTERM, a grace period, then SIGKILL for whatever is left.
 */
export async function killTree(pid, { group = false, graceMs = 3000 } = {}) {
  if (!pid) return;
  const targets = [pid, ...descendants(pid)];
  if (group) signal(-pid, 'SIGTERM');
  for (const p of targets) signal(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && targets.some(alive)) await sleep(100);
  if (group) signal(-pid, 'SIGKILL');
  for (const p of targets) if (alive(p)) signal(p, 'SIGKILL');
}

/** Runs a command to completion, inheriting stdio; returns its exit status. */
export function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Polls `fn` until it returns a truthy value or `ms` pass. */
export async function waitFor(fn, ms, what) {
  const deadline = Date.now() + ms;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    await sleep(200);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}${lastError ? ` (${lastError.message})` : ''}`);
}

/**
 * code-server in its own process group, on 127.0.0.1 only, with every piece of state (config,
 * user data, extensions) inside `work` so runs never share anything.
 */
export class CodeServer {
  constructor({ entry, work, folder, locale }) {
    this.entry = entry;
    this.locale = locale;
    this.work = work;
    this.folder = folder;
    this.userData = join(work, 'user-data');
    this.extensions = join(work, 'extensions');
    this.config = join(work, 'code-server.yaml');
    this.log = join(work, 'code-server.log');
    this.env = { ...process.env, XDG_CONFIG_HOME: join(work, 'xdg-config'), XDG_DATA_HOME: join(work, 'xdg-data'), XDG_CACHE_HOME: join(work, 'xdg-cache') };
    this.proc = undefined;
    this.port = 0;
    for (const dir of [this.userData, this.extensions]) mkdirSync(dir, { recursive: true });
    writeFileSync(this.config, 'auth: none\ncert: false\n');
  }

  common() {
    return ['--config', this.config, '--user-data-dir', this.userData, '--extensions-dir', this.extensions];
  }

  /** Pre-seeds the user's settings.json before the workbench starts. */
  writeSettings(settings) {
    const dir = join(this.userData, 'User');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
  }

  /** `code-server --install-extension file.vsix` (offline, under a second). */
  installExtension(vsix) {
    const result = spawnSync(process.execPath, [this.entry, ...this.common(), '--install-extension', vsix], { encoding: 'utf8', env: this.env, timeout: 120_000 });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    if (result.status !== 0) throw new Error(`--install-extension failed (${result.status}): ${output}`);
    return output;
  }

  installedExtensions() {
    return existsSync(this.extensions) ? readdirSync(this.extensions).filter((name) => !name.startsWith('.') && name !== 'extensions.json') : [];
  }

  async start(port) {
    this.port = port;
    const fd = openSync(this.log, 'a');
    const args = [
      this.entry,
      ...this.common(),
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...(this.locale ? ['--locale', this.locale] : []),
      this.folder,
    ];
    // detached: code-server leads its own process group, so the group can be killed as a whole.
    this.proc = spawn(process.execPath, args, { detached: true, stdio: ['ignore', fd, fd], env: this.env });
    closeSync(fd);
    let exited = false;
    this.proc.on('exit', () => {
      exited = true;
    });
    const url = `http://127.0.0.1:${port}/healthz`;
    await waitFor(
      async () => {
        if (exited) throw new Error(`code-server exited early; see ${this.log}`);
        const res = await fetch(url);
        return res.ok;
      },
      60_000,
      `code-server on port ${port}`,
    );
  }

  url() {
    return `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.folder)}`;
  }

  async stop() {
    if (this.proc?.pid) await killTree(this.proc.pid, { group: true });
    this.proc = undefined;
  }
}

/**
 * Debian's Chromium driven by playwright-core. We remember the browser's process ids (the
 * children playwright spawned) so they can be killed even if `browser.close()` hangs.
 */
export class Browser {
  constructor({ playwright, executablePath }) {
    this.playwright = playwright;
    this.executablePath = executablePath;
    this.browser = undefined;
    this.pids = [];
  }

  async launch() {
    const before = new Set(childPids(process.pid));
    this.browser = await this.playwright.chromium.launch({
      executablePath: this.executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
    this.pids = childPids(process.pid).filter((pid) => !before.has(pid));
    return this.browser;
  }

  async close() {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) {
      await Promise.race([browser.close().catch(() => undefined), sleep(5000)]);
    }
    for (const pid of this.pids) await killTree(pid, { group: true, graceMs: 1000 });
    this.pids = [];
  }
}

/**
 * A tiny check runner: independent named cases, each timed; a failing case does not stop the
 * next one. `onPass` / `onFail` save screenshots and logs.
 */
export class Checks {
  constructor({ onPass, onFail, filter } = {}) {
    this.results = [];
    this.onPass = onPass;
    this.onFail = onFail;
    this.filter = filter;
  }

  /** Runs `fn` as the case `name` with a per-case timeout. Returns whether it passed. */
  async check(name, fn, { timeoutMs = 90_000 } = {}) {
    if (!matchesFilter(name, this.filter)) return undefined;
    const started = Date.now();
    let timer;
    try {
      const note = await Promise.race([
        fn(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`case timed out after ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      const ms = Date.now() - started;
      this.results.push({ name, ok: true, ms });
      console.log(`  ok    ${name} (${ms} ms)${typeof note === 'string' && note ? ` — ${note}` : ''}`);
      await this.onPass?.(name);
      return true;
    } catch (err) {
      const ms = Date.now() - started;
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      this.results.push({ name, ok: false, ms, message });
      console.log(`  FAIL  ${name} (${ms} ms): ${message}`);
      await this.onFail?.(name, err);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Records a case that could not run (e.g. the VSIX did not build) as failed. */
  fail(name, message) {
    this.results.push({ name, ok: false, ms: 0, message });
    console.log(`  FAIL  ${name}: ${message}`);
  }

  get passed() {
    return this.results.filter((r) => r.ok).length;
  }

  get failed() {
    return this.results.filter((r) => !r.ok).length;
  }
}

/** Whether a case name matches `--grep`: any of its `|`-separated parts, case-insensitive. */
export function matchesFilter(name, filter) {
  if (!filter) return true;
  return filter
    .toLowerCase()
    .split('|')
    .some((part) => part && name.toLowerCase().includes(part));
}

/** File-name-safe form of a case name. */
export function slug(name) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}
