/** Node-side file helpers of the CLI (kept out of `src/exercise/`, which stays pure). */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';

export const EXERCISE_SUFFIX = '.tcp.yaml';

export interface ListedFiles {
  /** Files to check, as the user will read them (relative paths stay relative). */
  files: string[];
  /** Paths that do not exist or cannot be read. */
  missing: string[];
}

/** The exercise files under `paths` (see `expandExercisePaths`); paths that do not exist are skipped. */
export function listExerciseFiles(paths: readonly string[], cwd = '.'): string[] {
  return expandExercisePaths(paths, cwd).files;
}

function realpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * Expands each path: a directory is walked (depth-first, sorted, skipping `node_modules` and dot
 * folders) for `*.tcp.yaml`; a file is taken as it is, whatever its name. Symbolic links are
 * followed, but each real directory is walked once and each real file listed once, so a link
 * back up the tree (a loop) or two names for one file cost nothing.
 */
export function expandExercisePaths(paths: readonly string[], cwd = '.'): ListedFiles {
  const files: string[] = [];
  const missing: string[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const addFile = (shown: string, abs: string) => {
    const real = realpath(abs);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(shown);
  };
  const walk = (shown: string, abs: string, depth: number) => {
    if (depth > 32) return;
    const real = realpath(abs);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let entries: string[];
    try {
      entries = readdirSync(abs).sort();
    } catch {
      missing.push(shown);
      return;
    }
    for (const name of entries) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const childAbs = join(abs, name);
      const childShown = join(shown, name);
      let st: Stats;
      try {
        st = statSync(childAbs);
      } catch {
        continue; // a dangling link
      }
      if (st.isDirectory()) walk(childShown, childAbs, depth + 1);
      // A FIFO or device with the suffix is listed too: reading it refuses it, with a message.
      else if (name.endsWith(EXERCISE_SUFFIX)) addFile(childShown, childAbs);
    }
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st: Stats;
    try {
      st = statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p, abs, 0);
    else addFile(p, abs);
  }
  return { files, missing };
}

export type ReadProblem =
  | { kind: 'missing' }
  | { kind: 'directory' }
  /** A device, FIFO or socket: reading it could block or never end. */
  | { kind: 'not-regular' }
  | { kind: 'too-big'; size: number }
  | { kind: 'denied' }
  | { kind: 'other'; message: string };

const CHUNK = 64 * 1024;

/**
 * The bytes of the regular file `path`, never more than `maxBytes + 1` of them: the size is
 * checked before anything is read (a 50 MB file is refused unread), devices and FIFOs are refused
 * (`/dev/zero` never ends, a FIFO blocks), and a file that grows while it is read stops at the cap.
 */
export function readFileCapped(path: string, maxBytes: number): { bytes: Uint8Array } | { problem: ReadProblem } {
  const fail = (e: unknown): { problem: ReadProblem } => {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: { kind: 'missing' } };
    if (code === 'EISDIR') return { problem: { kind: 'directory' } };
    if (code === 'EACCES' || code === 'EPERM') return { problem: { kind: 'denied' } };
    return { problem: { kind: 'other', message: e instanceof Error ? e.message : String(e) } };
  };
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    return fail(e);
  }
  if (st.isDirectory()) return { problem: { kind: 'directory' } };
  if (!st.isFile()) return { problem: { kind: 'not-regular' } };
  if (st.size > maxBytes) return { problem: { kind: 'too-big', size: st.size } };
  let fd: number;
  try {
    // Non-blocking: if the path was swapped for a FIFO since the stat, opening it does not hang.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return fail(e);
  }
  try {
    if (!fstatSync(fd).isFile()) return { problem: { kind: 'not-regular' } };
    const chunks: Uint8Array[] = [];
    let total = 0;
    while (total <= maxBytes) {
      const buf = new Uint8Array(Math.min(CHUNK, maxBytes + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
    }
    if (total > maxBytes) return { problem: { kind: 'too-big', size: total } };
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return { bytes };
  } catch (e) {
    return fail(e);
  } finally {
    closeSync(fd);
  }
}
