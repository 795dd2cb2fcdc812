import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyDir, repoRoot, run } from './helpers.ts';

describe('circuitboard init', () => {
  it('gives an empty git repository a setup that validates', async () => {
    const dir = emptyDir();
    execFileSync('git', ['init', '--quiet', dir]);
    const result = await run(dir, 'init', '.', '--community', 'Hackathon Series');
    expect(result.code).toBe(0);
    for (const file of [
      '.github/circuitboard.yml',
      '.github/ISSUE_TEMPLATE/propose-project.yml',
      '.github/workflows/proposals.yml',
      '.github/workflows/pull-request.yml',
      '.github/workflows/sync.yml',
      '.github/workflows/report.yml',
      'projects/README.md',
    ]) {
      expect(existsSync(path.join(dir, file)), file).toBe(true);
    }
    expect(readFileSync(path.join(dir, '.github/circuitboard.yml'), 'utf8')).toContain('name: "Hackathon Series"');
    expect(readFileSync(path.join(dir, '.github/workflows/sync.yml'), 'utf8')).toContain(
      'uses: mechinterp-community/circuitboard/packages/sync-action@v1',
    );
    expect(result.stdout).toMatch(/Three things are left to do by hand/);
    expect((await run(dir, 'validate')).code).toBe(0);
    expect((await run(dir, 'generate', '--check')).code).toBe(0);
  });

  it('keeps files that already exist unless --force is given', async () => {
    const dir = emptyDir();
    await run(dir, 'init');
    const config = path.join(dir, '.github/circuitboard.yml');
    writeFileSync(config, 'version: 1\ncommunity:\n  name: Mine\n');
    const again = await run(dir, 'init');
    expect(again.stdout).toContain('kept    .github/circuitboard.yml');
    expect(readFileSync(config, 'utf8')).toContain('name: Mine');
    await run(dir, 'init', '--force');
    expect(readFileSync(config, 'utf8')).not.toContain('name: Mine');
  });

  it('ships the same proposal form as this repository', () => {
    expect(readFileSync(path.join(repoRoot, 'packages/cli/templates/ISSUE_TEMPLATE/propose-project.yml'), 'utf8')).toBe(
      readFileSync(path.join(repoRoot, '.github/ISSUE_TEMPLATE/propose-project.yml'), 'utf8'),
    );
  });

  it('asks for a token before creating labels', async () => {
    const result = await run(emptyDir(), 'init', '--labels', '--repo', 'org/projects');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--labels needs a token');
  });
});
