/// <reference path="../../testkit/src/discord/discord-api-spec.d.ts" />
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runGit } from '@circuitboard/testkit';
import { describe, expect, it } from 'vitest';
import { checkoutSource, classifyGitHubError, hasCommit, parseRepository } from '../src/index.ts';

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

describe('GitHub errors in words', () => {
  const error = (status: number, message = 'x', headers: Record<string, string> = {}) =>
    Object.assign(new Error(message), { status, response: { data: { message }, headers } });
  it.each([
    [error(401), 'target', /refused the token/],
    [
      error(403, 'Resource not accessible by integration'),
      'target',
      /permissions: \{ contents: write, issues: write \}/,
    ],
    [error(403, 'You have exceeded a secondary rate limit'), 'rejected', /rate limit/],
    [error(404), 'target', /GITHUB_REPOSITORY/],
    [error(422, 'Validation Failed'), 'rejected', /refused it \(422/],
    [error(502), 'ambiguous', /may have been done anyway/],
    [new TypeError('fetch failed'), 'ambiguous', /connection failed/],
  ])('%s → %s', (input, kind, words) => {
    const classified = classifyGitHubError(input, 'do it');
    expect(classified.kind).toBe(kind);
    expect(classified.message).toMatch(words);
  });
  it('parses GITHUB_REPOSITORY', () => {
    expect(parseRepository('mechinterp/circuitboard')).toEqual({ owner: 'mechinterp', repo: 'circuitboard' });
    expect(() => parseRepository('nope')).toThrow(/owner\/name/);
  });
});
