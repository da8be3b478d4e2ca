// Entry point of the `tcp-tutor` command (bundled to dist/cli.js). All logic is in run.ts, loaded
// lazily so `--version` answers without initialising YAML, ajv and the engine.
import { version } from '../../package.json';

const argv = process.argv.slice(2);

// `tcp-tutor simulate x | head`: the reader went away; stop quietly instead of a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw e;
  });
}

if (argv.length === 1 && ['--version', '-V', '-v'].includes(argv[0])) {
  process.stdout.write(`${version}\n`);
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
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
        stdin,
        cwd: process.cwd(),
        env: process.env,
        interactive: process.stdin.isTTY === true,
      }),
    )
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e: unknown) => {
        process.stderr.write(`tcp-tutor: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
      },
    );
}
