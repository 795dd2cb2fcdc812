import type { Project } from '@circuitboard/core';

/** A valid project with every field, overridable per test (actions/stale's generateIssue style). */
export function makeProject(overrides: Partial<Project> = {}): Project {
  return {
    title: 'Induction heads across Pythia checkpoints',
    status: 'active',
    summary:
      'When do induction heads form during training, and does the phase change look the same at every model size?',
    leads: [{ github: 'alice', discord: '412345678901234567' }],
    members: [{ github: 'bob' }, { github: 'chen-wei' }],
    tags: ['induction-heads', 'pythia'],
    links: { repo: 'https://github.com/example/induction-pythia' },
    started: '2026-09-14',
    proposal: 12,
    milestones: [
      { id: 'replicate', title: 'Replicate the phase change on Pythia-70m', due: '2026-10-20', done: '2026-10-18' },
      { id: 'scan-checkpoints', title: 'Scan all checkpoints of Pythia-410m', due: '2026-11-15' },
      { id: 'old-idea', title: 'Try the old idea', dropped: true },
    ],
    ...overrides,
  };
}
