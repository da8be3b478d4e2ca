// Installs what the end-to-end harness needs into test/e2e/.deps/ (its own package.json, gitignored):
// code-server (VS Code's own workbench and extension host, served to a browser) and playwright-core
// (drives Debian's /usr/bin/chromium; never `npx playwright install`, which downloads a browser).
//
//   node test/e2e/setup.mjs          install when missing or at another version (idempotent, fast when done)
//
// Needs Debian's chromium, libkrb5-dev (a native module of code-server builds against it) and ripgrep
// (see below). Works as root: npm then needs --unsafe-perm for the native post-install scripts.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3'; // VS Code 1.100.3: the newest code-server that runs on Node 20
export const PLAYWRIGHT_VERSION = '1.65.1';
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

const here = dirname(fileURLToPath(import.meta.url));
export const DEPS = join(here, '.deps');
export const CODE_SERVER_BIN = join(DEPS, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function installedVersion(name) {
  const file = join(DEPS, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** True when both packages are installed at the pinned versions (and code-server's entry exists). */
export function isInstalled() {
  return installedVersion('code-server') === CODE_SERVER_VERSION && installedVersion('playwright-core') === PLAYWRIGHT_VERSION && existsSync(CODE_SERVER_BIN);
}

/**
 * code-server's install runs @vscode/ripgrep's post-install, which downloads `rg` from GitHub (not
 * reachable here). It first looks in its cache, so put Debian's /usr/bin/rg there as the tarball it
 * expects (`rg` at the archive's root).
 */
function seedRipgrepCache() {
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => existsSync(p));
  if (!rg) throw new Error('ripgrep is missing: apt-get install -y ripgrep');
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch];
  if (!target) throw new Error(`no ripgrep cache name known for ${process.arch}`);
  const cache = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const tarball = join(cache, `ripgrep-v13.0.0-10-${target}.tar.gz`);
  if (existsSync(tarball)) return;
  mkdirSync(cache, { recursive: true });
  execFileSync('tar', ['-czf', tarball, '-C', dirname(rg), 'rg'], { stdio: 'inherit' });
}

/**
 * `npm <args>` in .deps/, in its own process group so a timeout stops the native builds too.
 * Resolves to the exit code.
 */
function npmInstall(args, quiet, timeoutMs = 10 * 60_000) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npm', args, {
      cwd: DEPS,
      detached: true,
      stdio: quiet ? ['ignore', 'ignore', 'inherit'] : ['ignore', 'inherit', 'inherit'],
      // npm_config_yes: node-pty's post-install runs `npx node-gyp`, which would otherwise prompt.
      // JOBS: node-gyp builds the native modules (node-pty, spdlog, kerberos, ...) with make -jN.
      env: { ...process.env, npm_config_yes: 'true', npm_config_update_notifier: 'false', JOBS: process.env.JOBS ?? String(availableParallelism()) },
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      reject(new Error(`npm ${args[0]} took longer than ${timeoutMs / 60_000} min`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      resolvePromise(code ?? (sig ? 1 : 0));
    });
  });
}

export async function setup({ quiet = false } = {}) {
  const log = (line) => {
    if (!quiet) console.log(`[e2e setup] ${line}`);
  };
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set E2E_CHROMIUM)`);
  if (isInstalled()) {
    log(`code-server ${CODE_SERVER_VERSION} and playwright-core ${PLAYWRIGHT_VERSION} already installed`);
    return;
  }
  mkdirSync(DEPS, { recursive: true });
  const pkg = join(DEPS, 'package.json');
  if (!existsSync(pkg)) {
    writeFileSync(pkg, JSON.stringify({ name: 'tcp-tutor-e2e-deps', private: true, description: 'Installed by test/e2e/setup.mjs; not part of the extension.' }, null, 2) + '\n');
  }
  seedRipgrepCache();
  log(`installing code-server@${CODE_SERVER_VERSION} playwright-core@${PLAYWRIGHT_VERSION} into ${DEPS} (about a minute)`);
  const started = Date.now();
  const code = await npmInstall(['install', '--no-audit', '--no-fund', '--unsafe-perm', `code-server@${CODE_SERVER_VERSION}`, `playwright-core@${PLAYWRIGHT_VERSION}`], quiet);
  if (code !== 0) throw new Error(`npm install exited with ${code}`);
  if (!isInstalled()) throw new Error('code-server or playwright-core did not install at the expected version');
  log(`installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  setup().catch((err) => {
    console.error(`[e2e setup] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
