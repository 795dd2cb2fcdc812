import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../src/index.ts';

const BODY = `### Project title

SAE feature splitting across dictionary sizes

### Summary

Do sparse autoencoder features split predictably as the dictionary grows?

### Research question and motivation

We train SAEs of 4 sizes on GPT-2 small layer 8.

### Leads

_No response_

### Milestones

2026-12-01 Train the four SAEs

### Tags

sparse-autoencoders

### Links

_No response_

### Help wanted

_No response_

### Expected time commitment

_No response_

### Your Discord user id (optional)

_No response_

### Folder name (optional)

_No response_
`;

function checkout(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cb-propose-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

async function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: {},
    today: () => '2026-11-01',
    isTTY: false,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe('circuitboard propose', () => {
  it('previews the project folder of a good proposal and exits 0', async () => {
    const dir = checkout({ 'issue.md': BODY });
    const { code, stdout, stderr } = await run(
      ['propose', '--body-file', 'issue.md', '--author', '@carol', '--issue', '9'],
      dir,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('==> projects/sae-feature-splitting-across-dictionary-sizes/project.yml <==');
    expect(stdout).toContain('  - github: carol');
    expect(stdout).toContain('proposal: 9');
    expect(stderr).toBe('✓ the proposal is ready: projects/sae-feature-splitting-across-dictionary-sizes/\n');
  });

  it('names the field of every problem and exits 1', async () => {
    const dir = checkout({
      'issue.md': BODY.replace('2026-12-01 Train', '2026-02-30 Train').replace('SAE feature', 'SAE @everyone feature'),
    });
    const { code, stdout, stderr } = await run(['propose', '--body-file', 'issue.md'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('error: Project title: contains `@everyone`');
    expect(stdout).toContain('error: Milestones: line 1: 2026-02-30 is not a real calendar date');
    expect(stderr).toBe('✗ 2 answers to change\n');
  });

  it('refuses a folder name the checkout already has', async () => {
    const dir = checkout({
      'issue.md': BODY.replace('### Folder name (optional)\n\n_No response_', '### Folder name (optional)\n\nsae'),
      'projects/sae/project.yml': 'x',
    });
    const { code, stdout } = await run(['propose', '--body-file', 'issue.md'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain(
      'error: Folder name (optional): `sae` is already used by the existing project projects/sae',
    );
  });

  it('prints the result as JSON and the bot comment as Markdown', async () => {
    const dir = checkout({ 'issue.md': BODY });
    const json = JSON.parse((await run(['propose', '--body-file', 'issue.md', '--format', 'json'], dir)).stdout);
    expect(json.proposal.slug).toBe('sae-feature-splitting-across-dictionary-sizes');
    expect(json.errors).toEqual([]);
    const comment = (await run(['propose', '--body-file', 'issue.md', '--format', 'comment'], dir)).stdout;
    expect(comment).toMatch(
      /^<!-- circuitboard:proposal slug=sae-feature-splitting-across-dictionary-sizes state=ready -->/,
    );
  });

  it('writes the files with --write, and never over existing ones', async () => {
    const dir = checkout({ 'issue.md': BODY });
    expect((await run(['propose', '--body-file', 'issue.md', '--write'], dir)).code).toBe(0);
    const written = readFileSync(
      path.join(dir, 'projects/sae-feature-splitting-across-dictionary-sizes/README.md'),
      'utf8',
    );
    expect(written).toMatch(/^# SAE feature splitting across dictionary sizes\n/);
    const again = await run(['propose', '--body-file', 'issue.md', '--write', '--format', 'json'], dir);
    expect(again.code).toBe(1);
  });

  it('uses the checkout’s own form when it has one', async () => {
    const form = readFileSync(
      path.resolve(import.meta.dirname, '../../../.github/ISSUE_TEMPLATE/propose-project.yml'),
      'utf8',
    );
    const dir = checkout({
      'issue.md': BODY.replace('### Summary', '### Short summary'),
      '.github/ISSUE_TEMPLATE/propose-project.yml': form.replace('label: Summary', 'label: Short summary'),
    });
    expect((await run(['propose', '--body-file', 'issue.md'], dir)).code).toBe(0);
  });

  it('answers bad flags and missing files with exit 2', async () => {
    const dir = checkout({ 'issue.md': BODY });
    const format = await run(['propose', '--body-file', 'issue.md', '--format', 'yaml'], dir);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be text, json or comment, not "yaml"');
    expect((await run(['propose', '--body-file', 'issue.md', '--issue', 'x'], dir)).code).toBe(2);
    expect((await run(['propose', '--body-file', 'missing.md'], dir)).code).toBe(2);
    expect((await run(['propose'], dir)).code).toBe(2);
  });
});
