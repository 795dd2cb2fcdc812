import { formatDiagnostic, NotUtf8Error } from '@circuitboard/core';
import { Command, CommanderError } from 'commander';
import type { CliIo } from './io.ts';
import { EXIT, UsageError } from './io.ts';

/** A command module adds itself to the program; its action resolves to an exit code. */
export type CommandModule = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

const commands: CommandModule[] = [];

export function registerCommand(module: CommandModule): void {
  commands.push(module);
}

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('circuitboard')
    .description('Community research projects: GitHub as the source of truth, Discord as the town square.')
    .showHelpAfterError('(run circuitboard --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const module of commands) module(program, io, setExit);
  return program;
}

/** Runs the CLI and returns the exit code; user errors become one line on stderr. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = Math.max(code, c);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`circuitboard: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof NotUtf8Error) {
      io.stderr(`${formatDiagnostic(error.diagnostic)}\n`);
      return EXIT.invalid;
    }
    const err = error as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code)) {
      io.stderr(`circuitboard: ${err.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`circuitboard: internal error: ${err?.message ?? String(error)}\n`);
    if (io.env.CIRCUITBOARD_DEBUG) io.stderr(`${err?.stack ?? ''}\n`);
    else io.stderr('This is a bug in Circuitboard; rerun with CIRCUITBOARD_DEBUG=1 for details and report it.\n');
    return 70;
  }
}
