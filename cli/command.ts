/**
 * The contract every `doudi` command keeps: a name, a one-line summary, its help text, and `run`,
 * which reads its arguments, writes through `Io` and returns the exit code. Commands throw
 * `UsageError` (exit 2) or `InputError` (exit 1) for the user's mistakes; main.ts prints them.
 * Commands import this file, never main.ts, so there is no import circle through the dispatcher.
 */

/** Where a command writes: standard output and standard error (captured in tests). */
export interface Io {
  out(s: string): void;
  err(s: string): void;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** the full `--help` text, "Usage: doudi <name> …" first */
  readonly help: string;
  run(args: string[], io: Io): Promise<number> | number;
}

/** Wrong use of the command (an unknown option, a missing argument): exit code 2. */
export class UsageError extends Error {}

/** A problem with the input (a file, its content, a policy, a setting): exit code 1. */
export class InputError extends Error {}

/** Exit codes: 0 success, 1 problems found (diagnostics, failing tests, bad input), 2 bad usage. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
