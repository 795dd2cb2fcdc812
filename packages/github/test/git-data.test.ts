import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type FakeGitHub, startFakeGitHub } from '@circuitboard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { branchSnapshot, commitFilesOnBase, createOctokit, gitBlobSha } from '../src/index.ts';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub();
});
afterAll(() => gh.close());

const repository = { owner: 'o', repo: 'r' };
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const octokit = () => createOctokit({ token: 't', baseUrl: gh.url, retries: 0, log: quiet });
const FILES = { 'projects/x/project.yml': 'title: X\n', 'projects/x/README.md': '# X — ünïcode 🧠\n' };

describe('gitBlobSha', () => {
  it('is the id git itself gives the content', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cb-blob-'));
    const file = path.join(dir, 'f');
    writeFileSync(file, FILES['projects/x/README.md']);
    expect(gitBlobSha(FILES['projects/x/README.md'])).toBe(
      execFileSync('git', ['hash-object', file], { encoding: 'utf8' }).trim(),
    );
  });
});

describe('commitFilesOnBase', () => {
  let repo: string;
  beforeEach(() => {
    repo = `o/r`;
    if (gh.store.repos.has(repo)) gh.store.repos.delete(repo);
    gh.createRepo('o', 'r', { files: { 'README.md': '# r\n' } });
    gh.resetRecord();
  });

  it('commits the files on top of the base without a checkout, then writes nothing when run again', async () => {
    const base = await branchSnapshot(octokit(), repository, 'main');
    const first = await commitFilesOnBase(octokit(), repository, {
      branch: 'circuitboard/proposal-1',
      base,
      files: FILES,
      message: 'Add x',
    });
    expect(first.outcome).toBe('created');
    expect(gh.readTree(repo, 'circuitboard/proposal-1')).toEqual({ 'README.md': '# r\n', ...FILES });
    gh.resetRecord();
    const again = await commitFilesOnBase(octokit(), repository, {
      branch: 'circuitboard/proposal-1',
      base,
      files: FILES,
      message: 'Add x',
    });
    expect(again).toEqual({ sha: first.sha, outcome: 'unchanged' });
    expect(gh.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    gh.assertNoViolations();
  });

  it('rebuilds the one commit on the new base when the base moved or the files changed', async () => {
    const o = octokit();
    await commitFilesOnBase(o, repository, {
      branch: 'b',
      base: await branchSnapshot(o, repository, 'main'),
      files: FILES,
      message: 'Add x',
    });
    gh.seedCommit(repo, { message: 'other work', files: { 'projects/y/project.yml': 'title: Y\n' } });
    const moved = await commitFilesOnBase(o, repository, {
      branch: 'b',
      base: await branchSnapshot(o, repository, 'main'),
      files: { 'projects/z/project.yml': 'title: Z\n' },
      message: 'Add z',
    });
    expect(moved.outcome).toBe('updated');
    // The folder of the earlier version is gone: the branch is the base plus these files only.
    expect(Object.keys(gh.readTree(repo, 'b')).sort()).toEqual([
      'README.md',
      'projects/y/project.yml',
      'projects/z/project.yml',
    ]);
    gh.assertNoViolations();
  });
});
