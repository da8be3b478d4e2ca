// One summary line over every suite `.ci/run` ran: the vitest counts (its JSON report), the e2e and
// kernel counts (the `e2e: N passed, N failed` / `kernel: N passed, N failed` lines of their logs),
// and one failure for each failed step that has no test counts of its own (npm ci, package, ...).
//
//   node scripts/ci-summary.mjs --vitest FILE --e2e-log FILE --kernel-log FILE [--failed-step NAME]...
//
// Prints a line per suite, then `N passed, N failed` alone on the last line.
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const values = (name) => args.flatMap((a, i) => (a === name && i + 1 < args.length ? [args[i + 1]] : []));
const vitestFile = values('--vitest')[0];
const e2eLog = values('--e2e-log')[0];
const unitStep = values('--unit-step')[0] ?? 'npm test';
const e2eStep = values('--e2e-step')[0] ?? 'npm run test:e2e';
const failedSteps = values('--failed-step');

let passed = 0;
let failed = 0;
const lines = [];

// vitest --reporter=json writes Jest-style totals.
let unitFailed = -1; // -1: no report
if (vitestFile && existsSync(vitestFile)) {
  try {
    const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
    const p = Number(report.numPassedTests ?? 0);
    // A test file that fails to load has no tests but counts as a failed suite.
    const loadFailures = (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
    const f = Number(report.numFailedTests ?? 0) + loadFailures;
    passed += p;
    failed += f;
    unitFailed = f;
    lines.push(`unit (vitest): ${p} passed, ${f} failed${loadFailures ? ` (${loadFailures} test files did not load)` : ''}`);
  } catch (err) {
    lines.push(`unit (vitest): unreadable report ${vitestFile}: ${err instanceof Error ? err.message : String(err)}`);
  }
} else {
  lines.push('unit (vitest): no report (vitest did not run)');
}

/** Adds the counts of a suite whose log ends with `<prefix>: N passed, N failed`; -1 when it has none. */
function countsFromLog(file, prefix, title) {
  if (!file || !existsSync(file)) {
    lines.push(`${prefix}: did not run`);
    return -1;
  }
  const re = new RegExp(`^${prefix}: (\\d+) passed, (\\d+) failed$`, 'gm');
  const matches = [...readFileSync(file, 'utf8').matchAll(re)];
  const last = matches[matches.length - 1];
  if (!last) {
    lines.push(`${prefix}: no summary line in its log`);
    return -1;
  }
  passed += Number(last[1]);
  failed += Number(last[2]);
  lines.push(`${title}: ${last[1]} passed, ${last[2]} failed`);
  return Number(last[2]);
}

const e2eFailed = countsFromLog(e2eLog, 'e2e', 'e2e (code-server + Chromium)');
const kernelFailed = countsFromLog(values('--kernel-log')[0], 'kernel', 'kernel (linux profile vs this machine\'s TCP stack)');
const kernelStep = 'npm run test:kernel';

// A failed step counts once unless its suite already reported a failure.
for (const step of failedSteps) {
  if (step === unitStep && unitFailed > 0) continue;
  if (step === e2eStep && e2eFailed > 0) continue;
  if (step === kernelStep && kernelFailed > 0) continue;
  failed += 1;
  lines.push(`step failed: ${step}`);
}

for (const line of lines) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
