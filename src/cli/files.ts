/** Node-side file helpers of the CLI (kept out of `src/exercise/`, which stays pure). */
import { readdirSync, statSync } from 'node:fs';
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

/**
 * Expands each path: a directory is walked (depth-first, sorted, skipping `node_modules` and dot
 * folders) for `*.tcp.yaml`; a file is taken as it is, whatever its name.
 */
export function expandExercisePaths(paths: readonly string[], cwd = '.'): ListedFiles {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (shown: string, abs: string, depth: number) => {
    if (depth > 32) return;
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
      let st;
      try {
        st = statSync(childAbs);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(childShown, childAbs, depth + 1);
      else if (st.isFile() && name.endsWith(EXERCISE_SUFFIX)) files.push(childShown);
    }
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p, abs, 0);
    else files.push(p);
  }
  return { files, missing };
}
