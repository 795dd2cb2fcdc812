import './commands/index.ts';

export type { CliIo } from './io.ts';
export { defaultIo, EXIT, UsageError } from './io.ts';
export { buildProgram, runCli } from './program.ts';
