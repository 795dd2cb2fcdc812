import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project, SLUG_MAX_LENGTH, SLUG_PATTERN } from '@circuitboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as YAML from 'yaml';
import {
  generateCommunity,
  generateGitHubActivity,
  PROJECT_SCHEMA_COMMENT,
  renderProjectYaml,
  runGit,
  startFakeGitHub,
  writeGitRepository,
  yamlString,
} from '../src/index.ts';
import { call } from './http.ts';

describe('generateCommunity', () => {
  const community = generateCommunity({
    seed: 42,
    projects: 25,
    milestonesPerProject: 5,
    events: 200,
    weeks: 12,
    start: '2026-09-07',
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateCommunity({ seed: 42, projects: 25, milestonesPerProject: 5, events: 200, weeks: 12 })).toEqual(
      community,
    );
    expect(
      generateCommunity({ seed: 43, projects: 25, milestonesPerProject: 5, events: 200, weeks: 12 }).files,
    ).not.toEqual(community.files);
  });

  it('writes project.yml files core accepts, starting with the schema comment', () => {
    const projectFiles = Object.entries(community.files).filter(([path]) => path.endsWith('/project.yml'));
    expect(projectFiles).toHaveLength(25);
    for (const [path, text] of projectFiles) {
      expect(text.split('\n')[0]).toBe(PROJECT_SCHEMA_COMMENT);
      const parsed = Project.safeParse(YAML.parse(text));
      expect(parsed.success, `${path}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      const slug = path.split('/')[1] as string;
      expect(slug).toMatch(SLUG_PATTERN);
      expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    }
  });

  it('keeps people unique per project, milestone ids unique, and never both done and dropped', () => {
    for (const project of Object.values(community.projects)) {
      const logins = [...project.leads, ...(project.members ?? [])].map((p) => p.github);
      expect(new Set(logins).size).toBe(logins.length);
      const ids = (project.milestones ?? []).map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const m of project.milestones ?? []) expect(m.done !== undefined && m.dropped === true).toBe(false);
    }
  });

  it('has commits in date order that replay to the final files, inside the window once projects exist', () => {
    const replay: Record<string, string> = {};
    let previous = '';
    for (const commit of community.commits) {
      expect(commit.date >= previous).toBe(true);
      previous = commit.date;
      for (const [path, content] of Object.entries(commit.files)) {
        if (content === null) delete replay[path];
        else replay[path] = content;
      }
    }
    expect(replay).toEqual(community.files);
    const events = community.commits.filter((c) => !c.message.startsWith('Add project'));
    expect(events.length).toBeGreaterThan(150);
    for (const e of events) expect(e.date >= '2026-09-07' && e.date < '2026-11-30').toBe(true);
    expect(Object.keys(community.files).some((p) => /\/updates\/2026-\d\d-\d\d-[a-z0-9-]+\.md$/.test(p))).toBe(true);
  });

  it('renders YAML in the order and style of DESIGN.md', () => {
    const text = renderProjectYaml({
      title: 'Replicating IOI: name movers',
      status: 'active',
      summary: 'Short question?',
      leads: [{ github: 'alice', discord: '123456789012345678' }],
      tags: ['ioi', 'circuits'],
      links: { repo: 'https://github.com/x/y' },
      started: '2026-10-01',
      proposal: 42,
      milestones: [{ id: 'replicate', title: 'Replicate', due: '2026-11-15', done: '2026-11-12' }],
    });
    expect(text).toBe(`${PROJECT_SCHEMA_COMMENT}
title: "Replicating IOI: name movers"
status: active
summary: >-
  Short question?
leads:
  - github: alice
    discord: "123456789012345678"
tags: [ioi, circuits]
links:
  repo: https://github.com/x/y
started: 2026-10-01
proposal: 42
milestones:
  - id: replicate
    title: Replicate
    due: 2026-11-15
    done: 2026-11-12
`);
  });

  it.each(['yes', 'null', '1.0', 'a: b', 'trailing ', '#hash', '- dash'])(
    'quotes %j so YAML reads back the same string',
    (value) => {
      expect(YAML.parse(`v: ${yamlString(value)}`)).toEqual({ v: value });
    },
  );
});

describe('writeGitRepository', () => {
  let dir: string;
  const community = generateCommunity({ seed: 5, projects: 4, events: 30 });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cb-testkit-git-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('makes a real repository whose commits carry the generated dates, authors and files', async () => {
    const fixture = await writeGitRepository(dir, community);
    expect(fixture.shas).toHaveLength(community.commits.length);
    const log = (await runGit(dir, ['log', '--reverse', '--format=%aI|%an|%ae|%s'])).trim().split('\n');
    expect(log).toEqual(
      community.commits.map((c) => `${c.date.replace('Z', '+00:00')}|${c.author.name}|${c.author.email}|${c.message}`),
    );
    const tracked = (await runGit(dir, ['ls-files'])).trim().split('\n').sort();
    expect(tracked).toEqual(Object.keys(community.files).sort());
    const [path, content] = Object.entries(community.files)[0] as [string, string];
    expect(await runGit(dir, ['show', `HEAD:${path}`])).toBe(content);
    expect((await runGit(dir, ['status', '--porcelain'])).trim()).toBe('');
  });
});

describe('generateGitHubActivity', () => {
  it('seeds the fake with the asked numbers of issues, window updates and commits', async () => {
    const activity = generateGitHubActivity({
      seed: 9,
      issues: 600,
      updatedInWindow: 120,
      commits: 50,
      window: { since: '2026-11-16', until: '2026-11-22' },
    });
    expect(
      generateGitHubActivity({
        seed: 9,
        issues: 600,
        updatedInWindow: 120,
        commits: 50,
        window: { since: '2026-11-16', until: '2026-11-22' },
      }),
    ).toEqual(activity);
    const gh = await startFakeGitHub({ validateResponses: false });
    try {
      gh.createRepo('octo', 'bench');
      gh.seedActivity('octo/bench', activity);
      const snapshot = gh.state('octo/bench');
      expect(snapshot.issues).toHaveLength(600);
      let inWindow = 0;
      let url: string | undefined = '/repos/octo/bench/issues?state=all&since=2026-11-16T00:00:00Z&per_page=100';
      while (url) {
        const res = await call(gh.url, 'GET', url);
        inWindow += res.body.length;
        const next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
        url = next?.slice(gh.url.length);
      }
      expect(inWindow).toBe(120);
      const commits = await call(
        gh.url,
        'GET',
        '/repos/octo/bench/commits?since=2026-11-16T00:00:00Z&until=2026-11-22T23:59:59Z&per_page=100',
      );
      expect(commits.body).toHaveLength(50);
    } finally {
      await gh.close();
    }
  });
});
