import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatDiagnostic, loadRegistry, NotUtf8Error } from '@circuitboard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { readCheckoutFile } from '../src/file.ts';
import { readProjectTree } from '../src/fs.ts';
import { TODAY, VALID_YAML } from './fixtures.ts';

const dirs: string[] = [];
function checkout(files: Record<string, string | Uint8Array>): string {
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

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('files on disk that are not UTF-8', () => {
  it('a project.yml saved as Latin-1 is an error at its first bad byte, and the other projects load', async () => {
    const root = checkout({
      'projects/alpha/project.yml': latin1(VALID_YAML.replace('Induction heads', 'Têtes')),
      'projects/beta/project.yml': VALID_YAML,
    });
    const registry = loadRegistry(await readProjectTree(root), { today: TODAY });
    expect(registry.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /^projects\/alpha\/project\.yml:1:9: error: the file is not UTF-8 text: byte 0xEA here .* re-save the file as UTF-8/,
      ),
    ]);
    expect(registry.projects.map((p) => p.slug)).toEqual(['beta']);
    expect(registry.invalid).toEqual(['alpha']);
  });

  it('a file with a UTF-8 byte order mark reads the same as without', async () => {
    const root = checkout({
      'projects/alpha/project.yml': Buffer.concat([BOM, Buffer.from(VALID_YAML)]),
      'projects/alpha/updates/2026-11-01-news.md': Buffer.concat([BOM, Buffer.from('# News\n\nWe began.\n')]),
    });
    const tree = await readProjectTree(root);
    expect(tree.files.get('projects/alpha/project.yml')).toBe(VALID_YAML);
    const registry = loadRegistry(tree, { today: TODAY });
    expect(registry.diagnostics).toEqual([]);
    expect(registry.updates[0]?.heading).toBe('News');
  });

  it('readCheckoutFile decodes one file strictly: its text, undefined when absent, a NotUtf8Error when not UTF-8', () => {
    const root = checkout({
      '.github/circuitboard.yml': Buffer.concat([BOM, Buffer.from('version: 1\n')]),
      '.github/CODEOWNERS': Buffer.from([0x2a, 0x20, 0x40, 0x61, 0x0a, 0x23, 0x20, 0x96, 0x0a]),
    });
    expect(readCheckoutFile(root, '.github/circuitboard.yml')).toBe('version: 1\n');
    expect(readCheckoutFile(root, '.github/missing.yml')).toBeUndefined();
    expect(() => readCheckoutFile(root, '.github/CODEOWNERS')).toThrow(NotUtf8Error);
    expect(() => readCheckoutFile(root, '.github/CODEOWNERS')).toThrow(
      /^\.github\/CODEOWNERS:2:3: the file is not UTF-8/,
    );
  });
});
