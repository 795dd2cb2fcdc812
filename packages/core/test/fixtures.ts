import type { Project } from '../src/model.ts';
import { loadRegistry, type ProjectTree, type Registry } from '../src/registry.ts';

export const TODAY = '2026-11-24';

/** A valid project.yml; tests change one thing at a time. */
export const VALID_YAML = `# yaml-language-server: $schema=../../packages/core/schemas/project.schema.json
title: Induction heads across Pythia checkpoints
status: active
summary: >-
  When do induction heads form during training?
leads:
  - github: alice
    discord: "123456789012345678"
members:
  - github: bob
tags: [induction-heads, pythia]
links:
  repo: https://github.com/example/induction-pythia
started: 2026-10-01
proposal: 42
milestones:
  - id: replicate
    title: Replicate the phase change on Pythia-70m
    due: 2026-11-15
    done: 2026-11-12
  - id: scan-checkpoints
    title: Scan all checkpoints of Pythia-410m
    due: 2026-12-20
`;

/** A Project value with sensible defaults. */
export function project(overrides: Partial<Project> = {}): Project {
  return {
    title: 'Induction heads',
    status: 'active',
    summary: 'When do induction heads form?',
    leads: [{ github: 'alice' }],
    ...overrides,
  };
}

/** A tree of files under projects/. */
export function tree(files: Record<string, string>, extra: Partial<ProjectTree> = {}): ProjectTree {
  return { files: new Map(Object.entries(files)), symlinks: [], ...extra };
}

/** A registry holding exactly these projects (and updates), as if loaded from a valid tree. */
export function registry(projects: Record<string, Project>, updates: Registry['updates'] = []): Registry {
  return {
    projects: Object.entries(projects)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([slug, p]) => ({ slug, path: `projects/${slug}/project.yml`, project: p })),
    updates,
    diagnostics: [],
  };
}

export function load(files: Record<string, string>, extra: Partial<ProjectTree> = {}): Registry {
  return loadRegistry(tree(files, extra), { today: TODAY });
}
