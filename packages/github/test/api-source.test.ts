// apiSource: the repository read through the GitHub API, for sync runs without a checkout (no `actions/checkout`
// step, or a commit the checkout does not have). Run against the fake GitHub, whose answers are checked against
// GitHub's OpenAPI description, and compared with the checkout reader on a real git repository of the same history.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkoutSource } from '@circuitboard/checkout';
import { type FakeGitHub, runGit, startFakeGitHub } from '@circuitboard/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSource, createOctokit } from '../src/index.ts';

const P = 'projects/induction-heads/project.yml';
const U = 'projects/induction-heads/updates/2026-11-13-first-results.md';
const today = '2026-11-20';

function projectYaml(options: { done?: string; scan?: boolean } = {}): string {
  return `title: Induction heads across Pythia checkpoints
status: active
summary: When do induction heads form during training?
leads:
  - github: alice
milestones:
  - id: replicate
    title: Replicate the phase change on Pythia-70m
    due: 2026-11-15
${options.done ? `    done: ${options.done}\n` : ''}${options.scan ? '  - id: scan\n    title: Scan all checkpoints\n    due: 2026-12-20\n' : ''}`;
}

/** The history both readers see: a project, its first milestone done, then a new milestone and an update. */
const HISTORY: { message: string; date: string; files: Record<string, string> }[] = [
  { message: 'add induction-heads', date: '2026-11-10T10:00:00Z', files: { [P]: projectYaml() } },
  { message: 'replicate done', date: '2026-11-12T10:00:00Z', files: { [P]: projectYaml({ done: '2026-11-12' }) } },
  {
    message: 'scan, and first results',
    date: '2026-11-13T10:00:00Z',
    files: { [P]: projectYaml({ done: '2026-11-12', scan: true }), [U]: '# First results\n\nThe bump is there.\n' },
  },
];

let gh: FakeGitHub;
let shas: string[];
let side: string;
let dir: string;
let local: string[];

beforeAll(async () => {
  gh = await startFakeGitHub();
  gh.createRepo('example', 'community', { files: { 'README.md': '# community\n' } });
  shas = [];
  for (const [i, commit] of HISTORY.entries()) {
    shas.push(gh.seedCommit('example/community', commit));
    // A branch that leaves main after the first commit: a force-push would make it the new main.
    if (i === 0)
      side = gh.seedCommit('example/community', {
        branch: 'rewrite',
        message: 'rewritten',
        date: '2026-11-11T10:00:00Z',
        files: { [P]: projectYaml({ scan: true }) },
      });
  }
  dir = await mkdtemp(path.join(os.tmpdir(), 'cb-api-source-'));
  await runGit(dir, ['init', '--quiet', '--initial-branch=main']);
  local = [];
  for (const commit of HISTORY) {
    for (const [file, text] of Object.entries(commit.files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    await runGit(dir, ['add', '-A']);
    await runGit(dir, ['commit', '--quiet', '-m', commit.message, `--date=${commit.date}`]);
    local.push((await runGit(dir, ['rev-parse', 'HEAD'])).trim());
  }
});

afterAll(async () => {
  gh.assertNoViolations();
  await gh.close();
  await rm(dir, { recursive: true, force: true });
});

const source = () =>
  apiSource(createOctokit({ token: 'ghs_test', baseUrl: gh.url, throttle: false, retries: 0 }), {
    owner: 'example',
    repo: 'community',
  });

describe('apiSource (no checkout)', () => {
  it('reads projects/ and single files at a commit', async () => {
    const api = source();
    const tree = await api.readTree(shas[2]!);
    expect([...tree.files.keys()].sort()).toEqual([P, U]);
    expect(tree.files.get(P)).toBe(projectYaml({ done: '2026-11-12', scan: true }));
    expect(await api.readFile(shas[0]!, P)).toBe(projectYaml());
    expect(await api.readFile(shas[0]!, '.github/circuitboard.yml')).toBeUndefined();
  });

  it('finds the same events as the checkout for the same range, attributed to its last commit', async () => {
    const fromApi = await source().eventsBetween(shas[0]!, shas[2]!, today);
    const fromCheckout = await checkoutSource(dir).eventsBetween(local[0]!, local[2]!, today);
    const ids = (events: { id: string }[]) => events.map((e) => e.id).sort();
    expect(ids(fromApi)).toEqual(ids(fromCheckout));
    expect(fromApi.map((e) => e.type).sort()).toEqual(['milestone.added', 'milestone.completed', 'update.posted']);
    // Dated by what they say (the done day), else by the range's last commit; all from that commit.
    for (const event of fromApi)
      expect(event).toMatchObject({
        revision: shas[2],
        date: event.type === 'milestone.completed' ? '2026-11-12' : '2026-11-13',
      });
  });

  it('knows ancestry and merge bases from the compare API, including after a force-push', async () => {
    const api = source();
    expect(await api.isAncestor(shas[0]!, shas[2]!)).toBe(true);
    expect(await api.isAncestor(shas[2]!, shas[2]!)).toBe(true);
    expect(await api.isAncestor(shas[2]!, shas[0]!)).toBe(false);
    expect(await api.isAncestor(side, shas[2]!)).toBe(false);
    expect(await api.mergeBase(side, shas[2]!)).toBe(shas[0]);
    expect(await api.isAncestor('0123456789abcdef0123456789abcdef01234567', shas[2]!)).toBe(false);
  });
});
