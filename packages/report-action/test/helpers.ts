import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commitFolder } from '@circuitboard/testkit';
import { afterEach } from 'vitest';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'cb-report-action-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** This repository's sample projects and config as a fresh git repository, history starting on `date`. */
export function sampleRepository(date = '2026-10-01T12:00:00Z'): string {
  const dir = tempDir();
  cpSync(path.join(repoRoot, 'projects'), path.join(dir, 'projects'), { recursive: true });
  cpSync(path.join(repoRoot, '.github'), path.join(dir, '.github'), { recursive: true });
  commitFolder(dir, { date });
  return dir;
}
