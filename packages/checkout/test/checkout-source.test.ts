import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { formatDiagnostic, NotUtf8Error } from '@circuitboard/core';
import { loadConfig } from '@circuitboard/core/sync';
import { describe, expect, it } from 'vitest';
import { checkoutSource, hasCommit } from '../src/git.ts';

const exec = promisify(execFile);
const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.org',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.org',
};
const runGit = async (dir: string, args: string[]) => (await exec('git', args, { cwd: dir, env: GIT_ENV })).stdout;

describe('checkoutSource', () => {
  it('reads files and ancestry from a real git repository', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cb-gateway-'));
    try {
      await runGit(dir, ['init', '--quiet', '--initial-branch=main']);
      const commit = async (text: string) => {
        await writeFile(path.join(dir, 'file.txt'), text);
        await runGit(dir, ['add', '-A']);
        await runGit(dir, ['commit', '--quiet', '-m', text]);
        return (await runGit(dir, ['rev-parse', 'HEAD'])).trim();
      };
      const a = await commit('a');
      const b = await commit('b');
      await runGit(dir, ['checkout', '--quiet', '-b', 'side', a]);
      const c = await commit('c');
      const source = checkoutSource(dir);
      expect(await source.readFile(b, 'file.txt')).toBe('b');
      expect(await source.readFile(b, 'missing.txt')).toBeUndefined();
      expect(await source.isAncestor(a, b)).toBe(true);
      expect(await source.isAncestor(b, c)).toBe(false);
      expect(await source.mergeBase(b, c)).toBe(a);
      expect(await hasCommit(dir, c)).toBe(true);
      expect(await hasCommit(dir, 'f'.repeat(40))).toBe(false);
      await expect(source.readFile('--output=x', 'file.txt')).rejects.toThrow(/not a git revision/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('checkoutSource.readFile on a file that is not UTF-8', () => {
  it('throws a NotUtf8Error at the first bad byte, which the sync turns into a config diagnostic', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cb-gateway-'));
    try {
      await runGit(dir, ['init', '--quiet', '--initial-branch=main']);
      await mkdir(path.join(dir, '.github'));
      await writeFile(
        path.join(dir, '.github/circuitboard.yml'),
        Buffer.concat([Buffer.from('version: 1\ncommunity:\n  name: Caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
      );
      await runGit(dir, ['add', '-A']);
      await runGit(dir, ['commit', '--quiet', '-m', 'config']);
      const source = checkoutSource(dir);
      await expect(source.readFile('HEAD', '.github/circuitboard.yml')).rejects.toBeInstanceOf(NotUtf8Error);
      const { diagnostics } = await loadConfig(source, 'HEAD', '.github/circuitboard.yml', 'community');
      expect(diagnostics.map(formatDiagnostic)).toEqual([
        expect.stringMatching(/^\.github\/circuitboard\.yml:3:12: error: the file is not UTF-8 text: byte 0xE9/),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
