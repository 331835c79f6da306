/**
 * doudi — check, test, evaluate, compile and simulate policies. Dispatches to the commands
 * (commands/index.ts) and turns what they throw into messages and exit codes.
 * Exit codes: 0 success, 1 problems found (diagnostics, failing tests, bad input files), 2 bad usage.
 */
import { InputError, UsageError, type Command, type Io } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { fsReason } from './io.ts';

export type { Io, Command };

const stdio: Io = { out: (s) => void process.stdout.write(s), err: (s) => void process.stderr.write(s) };

/**
 * A reader that stops early (`doudi eval … | head -1`) closes the pipe: the command then ends
 * quietly, with exit code 0, instead of failing on EPIPE with a stack trace.
 */
let quiet = false;
function quietOnClosedPipe(): void {
  if (quiet) return;
  quiet = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(0);
      throw e;
    });
  }
}

/** A file-system error with a path (EACCES, ELOOP, ENOSPC…), which is the input's, not ours. */
const fileSystemError = (e: unknown): e is NodeJS.ErrnoException => e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!) && typeof (e as NodeJS.ErrnoException).path === 'string';

const USAGE = `doudi — the Doudi (兜底) policy rules language and simulator

Usage: doudi <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run "doudi <command> --help" for a command's options.
Exit codes: 0 success, 1 problems found, 2 bad usage.
`;

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  if (io === stdio) quietOnClosedPipe();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out('doudi 0.1.0\n');
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`doudi: unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(cmd.help);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`doudi ${cmd.name}: ${e.message}\nRun "doudi ${cmd.name} --help" for usage.\n`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`doudi ${cmd.name}: ${e.message}\n`);
      return 1;
    }
    if (fileSystemError(e)) {
      io.err(`doudi ${cmd.name}: ${e.path}: ${fsReason(e)}\n`);
      return 1;
    }
    const err = e as Error;
    io.err(`doudi ${cmd.name}: internal error: ${err.message}\n`);
    if (process.env.DOUDI_DEBUG) io.err(`${err.stack}\n`);
    return 1;
  }
}
