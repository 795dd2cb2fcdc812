import type { GitHubLabelOp, GitHubMilestoneOp, GitHubMilestoneSweepOp } from '@circuitboard/core/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubMirror, createWritePacer, fitLabelName, GITHUB_LIMITS } from '../src/index.ts';
import { type GitHubWorld, githubWorld } from './mirror-world.ts';

let w: GitHubWorld;
beforeEach(async () => {
  w = await githubWorld();
});
afterEach(async () => {
  w.gh.assertNoViolations();
  await w.gh.close();
});

const label = (over: Partial<GitHubLabelOp> = {}): GitHubLabelOp => ({
  id: 'l',
  kind: 'github.label',
  target: 'github',
  slug: 'induction-heads',
  name: 'project:induction-heads',
  color: '5319e7',
  description: 'Induction heads across Pythia checkpoints',
  change: 'check',
  ...over,
});
const milestone = (over: Partial<GitHubMilestoneOp> = {}): GitHubMilestoneOp => ({
  id: 'm',
  kind: 'github.milestone',
  target: 'github',
  slug: 'induction-heads',
  milestone: 'replicate',
  title: 'induction-heads: Replicate the phase change',
  dueOn: '2026-11-15T12:00:00Z',
  state: 'open',
  description: 'Milestone "replicate" of induction-heads.\n\ncircuitboard:induction-heads/replicate',
  marker: 'circuitboard:induction-heads/replicate',
  change: 'check',
  ...over,
});

const sweep = (keep: string[], skipSlugs: string[] = []): GitHubMilestoneSweepOp => ({
  id: 'github.milestone-sweep',
  kind: 'github.milestone-sweep',
  target: 'github',
  keep,
  skipSlugs,
  removed: [],
});

describe('GitHub mirror', () => {
  it('creates labels and milestones, then a second run with nothing new makes 0 writes', async () => {
    const first = createGitHubMirror({ octokit: w.octokit, ...w.repo });
    expect(await first.ensureLabel(label())).toBe('created');
    expect(await first.ensureMilestone(milestone())).toBe('created');
    expect(
      await first.ensureMilestone(
        milestone({
          milestone: 'scan',
          title: 'induction-heads: Scan',
          marker: 'circuitboard:induction-heads/scan',
          description: 'x\n\ncircuitboard:induction-heads/scan',
        }),
      ),
    ).toBe('created');
    w.gh.resetRecord();
    const second = createGitHubMirror({ octokit: w.octokit, ...w.repo });
    expect(await second.ensureLabel(label())).toBe('unchanged');
    expect(await second.ensureMilestone(milestone())).toBe('unchanged');
    expect(w.gh.count({ method: 'POST' }) + w.gh.count({ method: 'PATCH' })).toBe(0);
    expect(w.gh.count({ method: 'GET' })).toBe(2);
  });

  it('closes a milestone marked done and keeps its due day', async () => {
    const mirror = createGitHubMirror({ octokit: w.octokit, ...w.repo });
    await mirror.ensureMilestone(milestone());
    expect(await mirror.ensureMilestone(milestone({ state: 'closed', reason: 'done' }))).toBe('updated');
    const [m] = w.gh.state('example/community').milestones;
    expect(m?.state).toBe('closed');
    expect(m?.due_on?.slice(0, 10)).toBe('2026-11-15');
    expect(
      await createGitHubMirror({ octokit: w.octokit, ...w.repo }).ensureMilestone(milestone({ state: 'closed' })),
    ).toBe('unchanged');
  });

  it('finds a renamed milestone again by its marker instead of duplicating it', async () => {
    await createGitHubMirror({ octokit: w.octokit, ...w.repo }).ensureMilestone(milestone());
    expect(
      await createGitHubMirror({ octokit: w.octokit, ...w.repo }).ensureMilestone(
        milestone({ title: 'induction-heads: A new title' }),
      ),
    ).toBe('updated');
    expect(w.gh.state('example/community').milestones.map((m) => m.title)).toEqual(['induction-heads: A new title']);
  });

  it('adopts a milestone a person created with the same title', async () => {
    w.gh.seedMilestone('example/community', { title: 'induction-heads: Replicate the phase change' });
    expect(await createGitHubMirror({ octokit: w.octokit, ...w.repo }).ensureMilestone(milestone())).toBe('updated');
    expect(w.gh.state('example/community').milestones).toHaveLength(1);
  });

  it('a create whose answer was dropped is found again, not made twice', async () => {
    w.gh.faults.next({ kind: 'drop-after-write', method: 'POST', path: /\/milestones$/ });
    w.gh.faults.next({ kind: 'drop-after-write', method: 'POST', path: /\/labels$/ });
    const mirror = createGitHubMirror({ octokit: w.octokit, ...w.repo });
    expect(await mirror.ensureMilestone(milestone())).toBe('created');
    expect(await mirror.ensureLabel(label())).toBe('unchanged');
    const state = w.gh.state('example/community');
    expect(state.milestones).toHaveLength(1);
    expect(state.labels.filter((l) => l.name === 'project:induction-heads')).toHaveLength(1);
  });

  it('a 500 before the write is tried once more after a look', async () => {
    w.gh.faults.next({ kind: '5xx', method: 'POST', path: /\/milestones$/ });
    expect(await createGitHubMirror({ octokit: w.octokit, ...w.repo }).ensureMilestone(milestone())).toBe('created');
    expect(w.gh.state('example/community').milestones).toHaveLength(1);
  });

  it('updates a label whose colour or description changed', async () => {
    await createGitHubMirror({ octokit: w.octokit, ...w.repo }).ensureLabel(label());
    expect(
      await createGitHubMirror({ octokit: w.octokit, ...w.repo }).ensureLabel(
        label({ color: '00ff00', description: 'New title' }),
      ),
    ).toBe('updated');
  });

  it('fits long names within GitHub limits without collisions', async () => {
    const slug = 'a'.repeat(48);
    const a = fitLabelName(`project:${slug}`);
    const b = fitLabelName(`project:${'a'.repeat(47)}b`);
    expect(a.length).toBeLessThanOrEqual(GITHUB_LIMITS.labelName);
    expect(a).not.toBe(b);
    const mirror = createGitHubMirror({ octokit: w.octokit, ...w.repo });
    expect(await mirror.ensureLabel(label({ name: `project:${slug}`, description: 'D'.repeat(300) }))).toBe('created');
    expect(
      await mirror.ensureMilestone(
        milestone({
          title: `${slug}: ${'T'.repeat(300)}`,
          description: `${'x'.repeat(2000)}\n\ncircuitboard:${slug}/m`,
          marker: `circuitboard:${slug}/m`,
        }),
      ),
    ).toBe('created');
    expect(
      await createGitHubMirror({ octokit: w.octokit, ...w.repo }).ensureMilestone(
        milestone({
          title: `${slug}: ${'T'.repeat(300)}`,
          description: `${'x'.repeat(2000)}\n\ncircuitboard:${slug}/m`,
          marker: `circuitboard:${slug}/m`,
        }),
      ),
    ).toBe('unchanged');
  });
});

describe('write pacer', () => {
  it('keeps writes under 80 a minute', async () => {
    let now = 0;
    const pacer = createWritePacer({
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    for (let i = 0; i < 200; i++) await pacer.wait();
    expect(pacer.writes).toBe(200);
    expect(now).toBeGreaterThanOrEqual(120_000);
    expect(now).toBeLessThan(180_000);
  });

  it('closes only its own open milestones that left projects/, says why, and reopens one added back', async () => {
    const repo = 'example/community';
    const mirror = createGitHubMirror({ octokit: w.octokit, ...w.repo });
    const scan = milestone({
      milestone: 'scan',
      title: 'induction-heads: Scan',
      marker: 'circuitboard:induction-heads/scan',
      description: 'Milestone "scan".\n\ncircuitboard:induction-heads/scan',
    });
    await mirror.ensureMilestone(milestone());
    await mirror.ensureMilestone(scan);
    await mirror.ensureMilestone(
      milestone({
        milestone: 'write-up',
        title: 'induction-heads: Write-up',
        state: 'closed',
        reason: 'done',
        marker: 'circuitboard:induction-heads/write-up',
        description: 'w\n\ncircuitboard:induction-heads/write-up',
      }),
    );
    await mirror.ensureMilestone(
      milestone({
        slug: 'sae-features',
        milestone: 'train',
        title: 'sae-features: Train',
        marker: 'circuitboard:sae-features/train',
        description: 't\n\ncircuitboard:sae-features/train',
      }),
    );
    w.gh.seedMilestone(repo, { title: 'Hackathon (made by hand)', description: 'not ours: circuitboard:is-a-word' });
    w.gh.resetRecord();

    // scan was removed from its project.yml; sae-features did not load this run, so its milestones stay as they are.
    const keep = ['circuitboard:induction-heads/replicate', 'circuitboard:induction-heads/write-up'];
    expect(await mirror.closeRemovedMilestones(sweep(keep, ['sae-features']))).toEqual(['induction-heads: Scan']);
    const byTitle = () => new Map(w.gh.state(repo).milestones.map((m) => [m.title, m]));
    expect(byTitle().get('induction-heads: Scan')).toMatchObject({ state: 'closed' });
    expect(byTitle().get('induction-heads: Scan')?.description).toBe(
      'Removed from projects/induction-heads/project.yml, so Circuitboard closed it. Add it back there to open it again.\n\nMilestone "scan".\n\ncircuitboard:induction-heads/scan',
    );
    expect(byTitle().get('induction-heads: Replicate the phase change')?.state).toBe('open');
    expect(byTitle().get('sae-features: Train')?.state).toBe('open');
    expect(byTitle().get('Hackathon (made by hand)')?.state).toBe('open');
    expect(w.gh.count({ method: 'PATCH' })).toBe(1);

    // Nothing more to close: a second run writes nothing.
    w.gh.resetRecord();
    const again = createGitHubMirror({ octokit: w.octokit, ...w.repo });
    expect(await again.closeRemovedMilestones(sweep(keep, ['sae-features']))).toEqual([]);
    expect(w.gh.count({ method: 'PATCH' }) + w.gh.count({ method: 'POST' })).toBe(0);

    // Added back to project.yml: the same milestone opens again, with its own description.
    expect(await again.ensureMilestone(scan)).toBe('updated');
    expect(byTitle().get('induction-heads: Scan')).toMatchObject({ state: 'open', description: scan.description });
    expect(w.gh.state(repo).milestones).toHaveLength(5);
  });
});
