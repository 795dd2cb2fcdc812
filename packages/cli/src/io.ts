/** Everything a command touches outside itself; tests pass their own. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Today's date in UTC as YYYY-MM-DD; injectable so output is reproducible. */
  today: () => string;
  /** Whether stderr is a terminal (progress lines are shown only then, or when forced). */
  isTTY: boolean;
}

/** A user or environment error: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exit codes: 0 valid/done, 1 invalid input found, 2 usage or environment error. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export function defaultIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    today: () => new Date().toISOString().slice(0, 10),
    isTTY: Boolean(process.stderr.isTTY),
  };
}
