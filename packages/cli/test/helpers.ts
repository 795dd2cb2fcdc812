import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { type CliIo, runCli } from '../src/index.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary copy of this repository's projects/, events/ and .github/ — the checkout a member would have. */
export function sampleCheckout(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cb-cli-'));
  made.push(dir);
  cpSync(path.join(repoRoot, 'projects'), path.join(dir, 'projects'), { recursive: true });
  cpSync(path.join(repoRoot, 'events'), path.join(dir, 'events'), { recursive: true });
  cpSync(path.join(repoRoot, '.github'), path.join(dir, '.github'), { recursive: true });
  return dir;
}

export function emptyDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cb-cli-'));
  made.push(dir);
  return dir;
}

/** Runs the CLI in-process with captured output. */
export async function run(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: {},
    today: () => '2026-11-24',
    isTTY: false,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
