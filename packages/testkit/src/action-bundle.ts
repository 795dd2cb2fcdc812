import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export interface BundleRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs an action's bundle (`dist/index.js`, built first when missing) the way the runner starts it: `node` with
 * only the given environment (INPUT_*, GITHUB_*) and PATH, in an empty temporary folder.
 */
export async function runActionBundle(packageDir: string, env: Record<string, string>): Promise<BundleRun> {
  const bundle = path.join(packageDir, 'dist/index.js');
  if (!existsSync(bundle)) {
    const tsup = createRequire(path.join(packageDir, 'package.json')).resolve('tsup/dist/cli-default.js');
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [tsup], { cwd: packageDir }, (error) => (error ? reject(error) : resolve())),
    );
  }
  // An empty working folder, as on a runner before checkout: nothing the action writes lands in the repository.
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'cb-action-'));
  try {
    return await new Promise((resolve) => {
      execFile(
        process.execPath,
        [bundle],
        { env: { PATH: process.env.PATH ?? '', ...env }, cwd },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}

/** The values an action asked the runner to mask (`::add-mask::`), in order, and where the first other line is. */
export function maskedSecrets(stdout: string): { masked: string[]; beforeAnythingElse: boolean } {
  const lines = stdout.split('\n').filter((line) => line !== '');
  const masked = lines.filter((line) => line.startsWith('::add-mask::')).map((line) => line.slice(12));
  const firstOther = lines.findIndex((line) => !line.startsWith('::add-mask::'));
  const lastMask = lines.map((line) => line.startsWith('::add-mask::')).lastIndexOf(true);
  return { masked, beforeAnythingElse: firstOther === -1 || lastMask < firstOther };
}
