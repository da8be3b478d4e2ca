// Entry point of the `tcp-tutor` command (bundled to dist/cli.js). All logic is in run.ts, loaded
// lazily so `--version` answers without initialising YAML, ajv and the engine.
import { version } from '../../package.json';

const argv = process.argv.slice(2);

/** Exit status when the output cannot be written (the reader went away, the disk is full). */
const EXIT_OUTPUT_FAILED = 1;

// `tcp-tutor simulate x | head -1` (EPIPE), `> /dev/full` (ENOSPC), a closed descriptor: the
// output is lost, so stop at once, quietly (no stack trace, nothing more written), non-zero.
let outputFailed = false;
function outputFailure(): never {
  outputFailed = true;
  process.exit(EXIT_OUTPUT_FAILED);
}
for (const stream of [process.stdout, process.stderr]) stream.on('error', outputFailure);

function write(stream: NodeJS.WriteStream, s: string): void {
  if (outputFailed) return;
  try {
    stream.write(s);
  } catch {
    outputFailure();
  }
}

if (argv.length === 1 && ['--version', '-V', '-v'].includes(argv[0])) {
  write(process.stdout, `${version}\n`);
} else {
  // stdin is touched only when a command reads it (`quiz`), so other commands start fast and exit.
  const stdin: AsyncIterable<string> = {
    [Symbol.asyncIterator]: () => {
      process.stdin.setEncoding('utf8');
      return process.stdin[Symbol.asyncIterator]() as AsyncIterator<string>;
    },
  };
  import('./run')
    .then(({ runCli }) =>
      runCli(argv, {
        stdout: (s) => write(process.stdout, s),
        stderr: (s) => write(process.stderr, s),
        stdin,
        cwd: process.cwd(),
        env: process.env,
        interactive: process.stdin.isTTY === true,
      }),
    )
    .then(
      (code) => {
        if (!outputFailed) process.exitCode = code;
      },
      (e: unknown) => {
        write(process.stderr, `tcp-tutor: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
      },
    );
}
