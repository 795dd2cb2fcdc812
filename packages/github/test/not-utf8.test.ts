// Files read through the GitHub API (git blobs and the contents API) are decoded like files on disk: bytes that
// are not UTF-8 are an error at the first bad byte, never U+FFFD. The commit is made through the Git Data API
// with base64 blobs, so the fake GitHub holds exactly these bytes.
import { formatDiagnostic, loadRegistry, NotUtf8Error } from '@circuitboard/core';
import { loadConfig } from '@circuitboard/core/sync';
import { type FakeGitHub, startFakeGitHub } from '@circuitboard/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSource, createOctokit, createProposalGitHub, type Octokit } from '../src/index.ts';

const repository = { owner: 'example', repo: 'community' };
const PROJECT = 'projects/alpha/project.yml';
const UPDATE = 'projects/alpha/updates/2026-11-01-news.md';
const OTHER = 'projects/beta/project.yml';
const CONFIG = '.github/circuitboard.yml';
const yaml = (title: string) => `title: ${title}\nstatus: active\nsummary: Why.\nleads:\n  - github: alice\n`;

const FILES: Record<string, Buffer> = {
  // "Têtes" saved as Latin-1: ê is the single byte 0xEA, at line 1, column 9.
  [PROJECT]: Buffer.from(yaml('Têtes'), 'latin1'),
  [UPDATE]: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# News\n\nWe began.\n')]),
  [OTHER]: Buffer.from(yaml('Beta')),
  [CONFIG]: Buffer.from('version: 1\ncommunity:\n  name: Caf\xe9\n', 'latin1'),
};

let gh: FakeGitHub;
let octokit: Octokit;
let commit: string;

beforeAll(async () => {
  gh = await startFakeGitHub();
  gh.createRepo(repository.owner, repository.repo, { files: { 'README.md': '# community\n' } });
  octokit = createOctokit({ token: 'ghs_test', baseUrl: gh.url, throttle: false, retries: 0 });
  const { data: ref } = await octokit.rest.git.getRef({ ...repository, ref: 'heads/main' });
  const { data: parent } = await octokit.rest.git.getCommit({ ...repository, commit_sha: ref.object.sha });
  const tree = [];
  for (const [path, bytes] of Object.entries(FILES)) {
    const { data: blob } = await octokit.rest.git.createBlob({
      ...repository,
      content: bytes.toString('base64'),
      encoding: 'base64',
    });
    tree.push({ path, mode: '100644' as const, type: 'blob' as const, sha: blob.sha });
  }
  const { data: created } = await octokit.rest.git.createTree({ ...repository, base_tree: parent.tree.sha, tree });
  const { data: made } = await octokit.rest.git.createCommit({
    ...repository,
    message: 'files from an editor that does not save UTF-8',
    tree: created.sha,
    parents: [parent.sha],
  });
  await octokit.rest.git.updateRef({ ...repository, ref: 'heads/main', sha: made.sha });
  commit = made.sha;
});

afterAll(async () => {
  gh.assertNoViolations();
  await gh.close();
});

describe('files that are not UTF-8, read through the GitHub API', () => {
  it('apiSource.readTree reports a blob that is not UTF-8 at its first bad byte, and reads the others', async () => {
    const tree = await apiSource(octokit, repository).readTree(commit);
    expect(tree.files.has(PROJECT)).toBe(false);
    // The byte order mark is dropped, as on disk and from git.
    expect(tree.files.get(UPDATE)).toBe('# News\n\nWe began.\n');
    const registry = loadRegistry(tree, { today: '2026-11-24' });
    expect(registry.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^projects\/alpha\/project\.yml:1:9: error: the file is not UTF-8 text: byte 0xEA here/),
    ]);
    expect(registry.projects.map((p) => p.slug)).toEqual(['beta']);
  });

  it('apiSource.readFile (contents API) throws a NotUtf8Error, which the sync reports as a config diagnostic', async () => {
    const source = apiSource(octokit, repository);
    await expect(source.readFile(commit, CONFIG)).rejects.toBeInstanceOf(NotUtf8Error);
    const { diagnostics } = await loadConfig(source, commit, CONFIG, 'community');
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      '.github/circuitboard.yml:3:12 not-utf8',
    ]);
    expect(await source.readFile(commit, OTHER)).toBe(yaml('Beta'));
  });

  it("the proposal flow's reader refuses the config the same way and leaves the project.yml out", async () => {
    const port = createProposalGitHub({ octokit, repository, defaultBranch: 'main' });
    await expect(port.readFile(CONFIG)).rejects.toThrow(/^\.github\/circuitboard\.yml:3:12: the file is not UTF-8/);
    expect([...(await port.readProjectFiles()).keys()]).toEqual([OTHER]);
  });
});
