import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRegistry } from '@circuitboard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { readProjectTree } from '../src/fs.ts';
import { TODAY, VALID_YAML } from './fixtures.ts';

const dirs: string[] = [];
function checkout(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cb-core-fs-'));
  dirs.push(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('readProjectTree', () => {
  it('reads every file under projects/ with repository-relative POSIX paths', async () => {
    const root = checkout({
      'projects/alpha/project.yml': VALID_YAML,
      'projects/alpha/updates/2026-11-01-news.md': '# News\n',
      'projects/README.md': '# Projects\n',
      'outside.txt': 'not read',
      'projects/alpha/.DS_Store': 'litter',
    });
    const tree = await readProjectTree(root);
    expect([...tree.files.keys()]).toEqual([
      'projects/README.md',
      'projects/alpha/project.yml',
      'projects/alpha/updates/2026-11-01-news.md',
    ]);
    expect(tree.files.get('projects/alpha/project.yml')).toBe(VALID_YAML);
    expect(tree.symlinks).toEqual([]);
  });

  it('reports symlinks to files and folders without following them', async () => {
    const root = checkout({ 'projects/alpha/project.yml': VALID_YAML, 'secret.txt': 'secret' });
    symlinkSync(path.join(root, 'secret.txt'), path.join(root, 'projects/alpha/README.md'));
    symlinkSync(path.join(root, 'projects/alpha'), path.join(root, 'projects/beta'));
    symlinkSync('/', path.join(root, 'projects/root'));
    const tree = await readProjectTree(root);
    expect(tree.symlinks).toEqual(['projects/alpha/README.md', 'projects/beta', 'projects/root']);
    expect([...tree.files.values()].join('')).not.toContain('secret');
    expect(loadRegistry(tree, { today: TODAY }).diagnostics.map((d) => d.rule)).toEqual([
      'symlink',
      'symlink',
      'symlink',
    ]);
  });

  it('reports a named pipe instead of blocking on it', async (context) => {
    const root = checkout({ 'projects/alpha/project.yml': VALID_YAML });
    try {
      execFileSync('mkfifo', [path.join(root, 'projects/alpha/pipe')]);
    } catch {
      context.skip();
    }
    const tree = await readProjectTree(root);
    expect(tree.other).toEqual(['projects/alpha/pipe']);
  });

  it('does not read files over the size cap', async () => {
    const root = checkout({
      'projects/alpha/project.yml': VALID_YAML,
      'projects/alpha/README.md': 'x'.repeat(1024 * 1024 + 1),
    });
    const tree = await readProjectTree(root);
    expect(tree.files.has('projects/alpha/README.md')).toBe(false);
    expect(tree.tooLarge?.get('projects/alpha/README.md')).toBe(1024 * 1024 + 1);
  });

  it('gives an empty tree when there is no projects/ folder', async () => {
    const tree = await readProjectTree(checkout({ 'README.md': 'x' }));
    expect(tree.files.size).toBe(0);
  });
});
