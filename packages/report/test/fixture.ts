// A fixed activity for golden outputs and section tests: the repository's sample projects in week 2026-W47,
// a few commits, events and GitHub items, and text from people that tries every injection we know.
import { type CommunityConfig, CommunityConfig as CommunityConfigSchema, type Project } from '@circuitboard/core';
import { type Activity, type CommitEntry, type Contributor, emptyActivity, type IssueEntry } from '../src/activity.ts';
import { isoWeekWindow } from '../src/window.ts';

export const WINDOW = isoWeekWindow('2026-W47');

export const HOSTILE = '<script>alert(1)</script> @everyone *bold* [x](javascript:alert(1)) | # `code` &#64;alice';

export function config(overrides: Partial<CommunityConfig['report']> = {}): CommunityConfig {
  return CommunityConfigSchema.parse({
    version: 1,
    community: {
      name: 'Mechanistic Interpretability Discord',
      url: 'https://github.com/mechinterp-community/circuitboard',
      report_url: 'https://mechinterp-community.github.io/circuitboard/reports/latest.html',
    },
    report: overrides,
  });
}

export function person(login: string, name = login): Contributor {
  return { key: `github:${login}`, name, login };
}

export function gitPerson(name: string, email: string): Contributor {
  return { key: `git:${email}`, name, login: null };
}

export const PROJECTS: Record<string, Project> = {
  'induction-heads-pythia': {
    title: 'Induction heads across Pythia checkpoints',
    status: 'active',
    summary: 'When do induction heads form during training?',
    leads: [{ github: 'alice-nguyen', discord: '412345678901234567' }],
    members: [{ github: 'bbaker' }, { github: 'chen-wei' }],
    tags: ['induction-heads'],
    links: { repo: 'https://github.com/mechinterp-community/induction-pythia' },
    started: '2026-09-14',
    proposal: 12,
    milestones: [
      { id: 'replicate', title: 'Replicate the phase change on Pythia-70m', due: '2026-10-20', done: '2026-10-18' },
      { id: 'scan-checkpoints', title: 'Scan all checkpoints of Pythia-410m', due: '2026-11-15', done: '2026-11-19' },
      { id: 'cross-size', title: 'Compare the phase change across five model sizes', due: '2026-12-04' },
      { id: 'writeup', title: 'Draft a LessWrong post with the results', due: '2027-01-15' },
    ],
    help_wanted: [
      {
        role: 'Speed up the checkpoint sweep with TransformerLens hooks',
        skills: ['python', 'transformerlens'],
        hours_per_week: 3,
      },
      {
        role: 'Review the plotting notebook and suggest clearer figures',
        skills: ['matplotlib'],
        hours_per_week: 1,
        newcomer_friendly: true,
      },
    ],
    research: {
      papers: ['arxiv:2209.11895', 'arxiv:2304.01373'],
      models: ['pythia-70m', 'pythia-410m'],
      compute: '1×A100 for about 20 hours, to scan the checkpoints of pythia-1.4b and pythia-2.8b',
    },
    outputs: [
      {
        kind: 'code',
        title: 'Checkpoint-sweep scripts and per-head induction scores',
        url: 'https://github.com/mechinterp-community/induction-pythia/releases/tag/v0.2',
        date: '2026-11-19',
      },
    ],
  },
  'sae-feature-splitting': {
    title: 'Feature splitting in sparse autoencoders on GPT-2 small',
    status: 'active',
    summary: 'Train SAEs of growing size and map how features split.',
    leads: [{ github: 'dana-okafor' }],
    members: [{ github: 'eli-r' }, { github: 'farah-k' }],
    started: '2026-10-05',
    proposal: 17,
    milestones: [
      {
        id: 'train-baselines',
        title: 'Train SAEs with 4k, 16k and 64k latents on layer 8',
        due: '2026-10-31',
        done: '2026-11-03',
      },
      { id: 'split-graph', title: 'Build the feature-splitting graph across dictionary sizes', due: '2026-11-21' },
      { id: 'seed-stability', title: 'Measure which splits are stable across three seeds', due: '2026-12-19' },
    ],
    help_wanted: [
      {
        role: 'Label a sample of split features by reading their top activations',
        skills: ['reading activations'],
        hours_per_week: 2,
        newcomer_friendly: true,
      },
    ],
    research: { compute: 'About 40 A100-hours for the 64k-latent dictionaries on three seeds' },
  },
  'ioi-circuit-replication': {
    title: 'Replicating the IOI circuit in Pythia-160m',
    status: 'paused',
    summary: 'Does the IOI circuit appear in Pythia-160m?',
    leads: [{ github: 'gabriel-m' }],
    members: [{ github: 'hana-s' }],
    started: '2026-08-24',
    proposal: 9,
    milestones: [
      { id: 'dataset', title: 'Port the IOI prompt dataset and baselines', due: '2026-09-10', done: '2026-09-08' },
      { id: 'path-patching', title: 'Path patching to find name-mover heads', due: '2026-10-15' },
      { id: 'role-comparison', title: 'Compare head roles with GPT-2 small', due: '2026-11-30', dropped: true },
    ],
    help_wanted: [{ role: 'Take over path patching on Pythia-160m so the project can restart', hours_per_week: 4 }],
    // Paused: its request is not listed until it restarts.
    research: { compute: 'A few GPU-hours for path patching' },
  },
  'othello-world-model-probes': {
    title: 'Linear probes for the board state in Othello-GPT',
    status: 'proposed',
    summary: 'Is the board state linearly decodable as mine/theirs?',
    leads: [{ github: 'lena-v' }],
    proposal: 21,
    milestones: [{ id: 'train-probes', title: 'Train linear probes at every layer', due: '2026-12-12' }],
    help_wanted: [
      {
        role: 'Train linear probes on Othello-GPT activations',
        skills: ['python', 'pytorch'],
        hours_per_week: 3,
        newcomer_friendly: true,
      },
    ],
  },
  'grokking-modular-addition': {
    title: 'Grokking modular addition, Fourier features over training',
    status: 'completed',
    summary: 'Reproduce grokking on modular addition.',
    leads: [{ github: 'ivan-petrov' }],
    started: '2026-07-06',
    proposal: 4,
    milestones: [
      { id: 'reproduce', title: 'Reproduce grokking at p = 113', due: '2026-07-31', done: '2026-07-27' },
      { id: 'notebook', title: 'Publish a teaching notebook', due: '2026-10-01', done: '2026-09-29' },
    ],
  },
  'steering-vectors-hostile': {
    title: `Steering vectors ${HOSTILE}`.slice(0, 120),
    status: 'active',
    summary: 'A project whose text tries to inject markup.',
    leads: [{ github: 'mallory' }],
    started: '2026-11-18',
    milestones: [{ id: 'first', title: HOSTILE, due: '2026-11-20', done: '2026-11-20' }],
    help_wanted: [{ role: HOSTILE.slice(0, 120), skills: ['<img src=x>', '@here'], newcomer_friendly: true }],
    research: { compute: HOSTILE },
  },
};

function commit(
  sha: string,
  date: string,
  author: Contributor,
  projects: string[],
  subject = 'Update project',
): CommitEntry {
  return {
    sha,
    date,
    author,
    subject,
    projects,
    url: `https://github.com/mechinterp-community/circuitboard/commit/${sha}`,
  };
}

function issue(partial: Partial<IssueEntry> & Pick<IssueEntry, 'number' | 'title' | 'createdAt'>): IssueEntry {
  return {
    kind: 'issue',
    url: `https://github.com/mechinterp-community/circuitboard/issues/${partial.number}`,
    author: null,
    authorAssociation: null,
    state: 'open',
    updatedAt: partial.createdAt,
    closedAt: null,
    mergedAt: null,
    labels: [],
    milestone: null,
    ...partial,
  };
}

/** The fixed activity behind the golden files. */
export function fixtureActivity(): Activity {
  const alice = gitPerson('Alice Nguyen', 'alice@example.org');
  const dana = gitPerson('Dana Okafor', 'dana@example.org');
  const mallory = gitPerson(`Mallory ${HOSTILE}`, 'mallory@example.org');
  const activity = emptyActivity('git');
  return {
    ...activity,
    repository: 'mechinterp-community/circuitboard',
    repositoryUrl: 'https://github.com/mechinterp-community/circuitboard',
    revision: '0123456789abcdef0123456789abcdef01234567',
    projects: Object.entries(PROJECTS).map(([slug, project]) => ({
      slug,
      project,
      addedOn:
        slug === 'othello-world-model-probes'
          ? '2026-11-17'
          : slug === 'steering-vectors-hostile'
            ? '2026-11-18'
            : '2026-07-01',
    })),
    projectsAtStart: null,
    updates: [
      {
        project: 'induction-heads-pythia',
        path: 'projects/induction-heads-pythia/updates/2026-10-18-phase-change-replicated.md',
        date: '2026-10-18',
        topic: 'phase-change-replicated',
        heading: 'Phase change replicated',
      },
      {
        project: 'induction-heads-pythia',
        path: 'projects/induction-heads-pythia/updates/2026-11-19-410m-scan-done.md',
        date: '2026-11-19',
        topic: '410m-scan-done',
        heading: 'The 410m scan is done',
      },
      {
        project: 'sae-feature-splitting',
        path: 'projects/sae-feature-splitting/updates/2026-11-03-baselines-trained.md',
        date: '2026-11-03',
        topic: 'baselines-trained',
      },
      {
        project: 'steering-vectors-hostile',
        path: 'projects/steering-vectors-hostile/updates/2026-11-20-hello.md',
        date: '2026-11-20',
        topic: 'hello',
        heading: HOSTILE,
      },
    ],
    events: [
      {
        id: 'e1',
        type: 'project.created',
        project: 'steering-vectors-hostile',
        title: PROJECTS['steering-vectors-hostile']?.title ?? '',
        status: 'active',
        date: '2026-11-18',
      },
      {
        id: 'e2',
        type: 'project.proposed',
        project: 'othello-world-model-probes',
        issue: 21,
        title: 'Linear probes for the board state in Othello-GPT',
        author: 'lena-v',
        date: '2026-11-17',
      },
      {
        id: 'e3',
        type: 'project.member-joined',
        project: 'induction-heads-pythia',
        github: 'chen-wei',
        role: 'member',
        date: '2026-11-17',
      },
      {
        id: 'e4',
        type: 'milestone.due-changed',
        project: 'induction-heads-pythia',
        milestone: 'cross-size',
        title: 'Compare the phase change across five model sizes',
        from: '2026-12-08',
        to: '2026-12-04',
        date: '2026-11-19',
      },
      {
        id: 'e5',
        type: 'output.added',
        project: 'induction-heads-pythia',
        kind: 'code',
        title: 'Checkpoint-sweep scripts and per-head induction scores',
        url: 'https://github.com/mechinterp-community/induction-pythia/releases/tag/v0.2',
        published: '2026-11-19',
        date: '2026-11-20',
      },
    ],
    commits: [
      commit('a1', '2026-09-15T10:00:00Z', alice, ['induction-heads-pythia']),
      commit('a2', '2026-10-18T10:00:00Z', alice, ['induction-heads-pythia']),
      commit('d1', '2026-10-06T10:00:00Z', dana, ['sae-feature-splitting']),
      commit('d2', '2026-11-03T18:00:00Z', dana, ['sae-feature-splitting']),
      commit('a3', '2026-11-12T09:00:00Z', alice, ['induction-heads-pythia']),
      commit('a4', '2026-11-19T21:30:00Z', alice, ['induction-heads-pythia'], 'Mark the 410m scan done'),
      commit('a5', '2026-11-22T23:59:59Z', alice, ['induction-heads-pythia']),
      commit('m1', '2026-11-18T12:00:00Z', mallory, ['steering-vectors-hostile'], HOSTILE),
      // Exactly at the window end: belongs to next week.
      commit('a6', '2026-11-23T00:00:00Z', alice, ['induction-heads-pythia']),
    ],
    contributors: [
      { contributor: alice, firstSeen: '2026-09-15' },
      { contributor: dana, firstSeen: '2026-10-06' },
      { contributor: mallory, firstSeen: '2026-11-18' },
      { contributor: person('chen-wei'), firstSeen: '2026-11-17' },
    ],
    coverage: {
      commits: { start: '2026-08-31T00:00:00.000Z', end: WINDOW.end },
      events: { start: WINDOW.start, end: WINDOW.end },
      issues: null,
    },
    notes: ['projects/broken/project.yml:3:1: status must be one of proposed, active, paused, completed, archived'],
  };
}

/** The same community seen through GitHub: issues, pull requests and open proposals. */
export function fixtureGitHubActivity(): Activity {
  const base = fixtureActivity();
  return {
    ...base,
    source: 'github',
    revision: null,
    events: [],
    projectsAtStart: null,
    issues: [
      issue({
        number: 101,
        kind: 'pull',
        title: 'Add the 410m scan results',
        createdAt: '2026-11-18T10:00:00Z',
        mergedAt: '2026-11-19T20:00:00Z',
        closedAt: '2026-11-19T20:00:00Z',
        state: 'closed',
        author: person('alice-nguyen'),
        labels: ['project:induction-heads-pythia'],
      }),
      issue({
        number: 102,
        title: HOSTILE,
        createdAt: '2026-11-20T10:00:00Z',
        author: person('mallory'),
        authorAssociation: 'FIRST_TIME_CONTRIBUTOR',
        labels: ['project:steering-vectors-hostile'],
      }),
    ],
    openProposals: [
      issue({
        number: 21,
        title: 'Linear probes for the board state in Othello-GPT',
        createdAt: '2026-11-02T09:00:00Z',
        author: person('lena-v'),
        labels: ['proposal', 'proposal: approved'],
      }),
      issue({
        number: 30,
        title: 'Attention sinks in Llama',
        createdAt: '2026-11-20T09:00:00Z',
        author: person('omar-z'),
        labels: ['proposal', 'proposal: ready for review'],
      }),
      issue({
        number: 25,
        title: 'Tokenization artefacts',
        createdAt: '2026-10-01T09:00:00Z',
        author: person('pia'),
        labels: ['proposal', 'proposal: needs changes'],
      }),
    ],
    coverage: {
      commits: { start: WINDOW.start, end: WINDOW.end },
      issues: { start: WINDOW.start, end: WINDOW.end },
      events: null,
    },
  };
}
