import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadRegistry } from '@circuitboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsBetween, listCommits, readProjectTreeAt } from '../src/git.ts';
import { TODAY } from './fixtures.ts';

const run = promisify(execFile);

/** A real repository in a temporary folder; commits get fixed dates so results are reproducible. */
class Repo {
  readonly dir: string;
  private env: Record<string, string> = {};

  constructor(dir: string) {
    this.dir = dir;
  }

  static async create(): Promise<Repo> {
    const repo = new Repo(await mkdtemp(path.join(os.tmpdir(), 'cb-core-git-')));
    await repo.git('init', '-q', '-b', 'main');
    await repo.git('config', 'user.name', 'Test Author');
    await repo.git('config', 'user.email', 'author@example.org');
    await repo.git('config', 'commit.gpgsign', 'false');
    return repo;
  }

  async git(...args: string[]): Promise<string> {
    // Isolated from the machine's git configuration, so hooks or signing settings cannot interfere.
    const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...this.env };
    const { stdout } = await run('git', args, { cwd: this.dir, env });
    return stdout.trim();
  }

  async commit(date: string, message: string, files: Record<string, string | Uint8Array | null>): Promise<string> {
    for (const [file, content] of Object.entries(files)) {
      const target = path.join(this.dir, file);
      if (content === null) await rm(target, { force: true });
      else {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, content);
      }
    }
    this.env = { GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` };
    await this.git('add', '-A');
    await this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }
}

function projectYml(status: string, milestone: string): string {
  return `# yaml-language-server: $schema=../../packages/core/schemas/project.schema.json
title: Induction heads
status: ${status}
summary: When do induction heads form?
leads:
  - github: alice
milestones:
  - id: replicate
    title: Replicate the phase change
    due: 2026-11-15
${milestone}`;
}

describe('git history', () => {
  let repo: Repo;
  type Step =
    | 'readme'
    | 'add'
    | 'done'
    | 'pause'
    | 'unrelated'
    | 'resume'
    | 'update'
    | 'broken'
    | 'fixed'
    | 'feature'
    | 'other'
    | 'merge';
  const sha = {} as Record<Step, string>;

  beforeAll(async () => {
    repo = await Repo.create();
    sha.readme = await repo.commit('2026-10-01', 'Add a README', { 'README.md': '# Community\n' });
    sha.add = await repo.commit('2026-10-02', 'Add alpha', { 'projects/alpha/project.yml': projectYml('active', '') });
    sha.done = await repo.commit('2026-10-05', 'Replicated', {
      'projects/alpha/project.yml': projectYml('active', '    done: 2026-10-04\n'),
    });
    sha.pause = await repo.commit('2026-10-10', 'Pause', {
      'projects/alpha/project.yml': projectYml('paused', '    done: 2026-10-04\n'),
    });
    sha.unrelated = await repo.commit('2026-10-11', 'Docs', { 'docs/x.md': 'x' });
    sha.resume = await repo.commit('2026-10-20', 'Resume', {
      'projects/alpha/project.yml': projectYml('active', '    done: 2026-10-04\n'),
    });
    sha.update = await repo.commit('2026-10-21', 'Post an update', {
      'projects/alpha/updates/2026-10-21-news.md': '# Good news\n\nIt works.\n',
    });
    sha.broken = await repo.commit('2026-10-22', 'Break it', { 'projects/alpha/project.yml': 'title: [' });
    sha.fixed = await repo.commit('2026-10-23', 'Fix it, pause again', {
      'projects/alpha/project.yml': projectYml('paused', '    done: 2026-10-04\n'),
    });
    // A merged pull request: the merge commit brings the change onto main.
    await repo.git('checkout', '-q', '-b', 'feature');
    sha.feature = await repo.commit('2026-10-24', 'Add beta', {
      'projects/beta/project.yml': projectYml('proposed', '').replace('alice', 'bob'),
    });
    await repo.git('checkout', '-q', 'main');
    sha.other = await repo.commit('2026-10-25', 'Unrelated on main', { 'docs/y.md': 'y' });
    await repo.git('merge', '-q', '--no-ff', '-m', 'Merge feature', 'feature');
    sha.merge = await repo.git('rev-parse', 'HEAD');
  });

  afterAll(async () => {
    await rm(repo.dir, { recursive: true, force: true });
  });

  it('walks the whole history into events, one commit at a time', async () => {
    const events = await eventsBetween(repo.dir, undefined, 'main', { today: TODAY });
    expect(events.map((e) => [e.id, e.revision, e.date])).toEqual([
      ['project.created:alpha', sha.add, '2026-10-02'],
      [`project.member-joined:alpha:lead:alice@${sha.add}`, sha.add, '2026-10-02'],
      ['milestone.added:alpha/replicate', sha.add, '2026-10-02'],
      ['milestone.completed:alpha/replicate:2026-10-04', sha.done, '2026-10-04'],
      [`project.status-changed:alpha:active:paused@${sha.pause}`, sha.pause, '2026-10-10'],
      [`project.status-changed:alpha:paused:active@${sha.resume}`, sha.resume, '2026-10-20'],
      ['update.posted:projects/alpha/updates/2026-10-21-news.md', sha.update, '2026-10-21'],
      [`project.status-changed:alpha:active:paused@${sha.fixed}`, sha.fixed, '2026-10-23'],
      ['project.created:beta', sha.merge, '2026-10-25'],
      [`project.member-joined:beta:lead:bob@${sha.merge}`, sha.merge, '2026-10-25'],
      ['milestone.added:beta/replicate', sha.merge, '2026-10-25'],
    ]);
    const update = events.find((e) => e.type === 'update.posted');
    expect(update).toMatchObject({ project: 'alpha', topic: 'news', heading: 'Good news' });
  });

  it('starts after `from`', async () => {
    const events = await eventsBetween(repo.dir, sha.done, sha.update, { today: TODAY });
    expect(events.map((e) => e.type)).toEqual(['project.status-changed', 'project.status-changed', 'update.posted']);
  });

  it('returns nothing for an empty range', async () => {
    expect(await eventsBetween(repo.dir, sha.merge, sha.merge)).toEqual([]);
  });

  it('lists first-parent commits oldest first with their files', async () => {
    const commits = await listCommits(repo.dir, { from: sha.resume, to: 'main', paths: ['projects'] });
    expect(commits.map((c) => c.subject)).toEqual([
      'Post an update',
      'Break it',
      'Fix it, pause again',
      'Merge feature',
    ]);
    expect(commits[0]).toMatchObject({
      sha: sha.update,
      parents: [sha.resume],
      author: { name: 'Test Author', email: 'author@example.org' },
      files: ['projects/alpha/updates/2026-10-21-news.md'],
    });
    expect(commits[0]?.date).toMatch(/^2026-10-21T12:00:00/);
    expect(commits[3]?.files).toEqual(['projects/beta/project.yml']);
    expect(commits[3]?.parents).toHaveLength(2);
  });

  it('filters by date', async () => {
    const commits = await listCommits(repo.dir, {
      to: 'main',
      since: '2026-10-20T00:00:00Z',
      until: '2026-10-22T00:00:00Z',
    });
    expect(commits.map((c) => c.subject)).toEqual(['Resume', 'Post an update']);
  });

  it('reads projects/ at a revision without touching the working tree', async () => {
    const tree = await readProjectTreeAt(repo.dir, sha.add);
    expect([...tree.files.keys()]).toEqual(['projects/alpha/project.yml']);
    const registry = loadRegistry(tree, { today: TODAY });
    expect(registry.projects[0]?.project.status).toBe('active');
  });

  it('reports committed symlinks without following them', async () => {
    const other = await Repo.create();
    try {
      await mkdir(path.join(other.dir, 'projects/alpha'), { recursive: true });
      await symlink('/etc/passwd', path.join(other.dir, 'projects/alpha/README.md'));
      const rev = await other.commit('2026-10-01', 'Symlink', {
        'projects/alpha/project.yml': projectYml('active', ''),
      });
      const tree = await readProjectTreeAt(other.dir, rev);
      expect(tree.symlinks).toEqual(['projects/alpha/README.md']);
      expect(tree.files.has('projects/alpha/README.md')).toBe(false);
    } finally {
      await rm(other.dir, { recursive: true, force: true });
    }
  });

  it('a committed file that is not UTF-8 is an error at its first bad byte; the history keeps the last good state', async () => {
    const other = await Repo.create();
    try {
      const good = await other.commit('2026-10-01', 'Add', { 'projects/alpha/project.yml': projectYml('active', '') });
      const broken = await other.commit('2026-10-02', 'Saved as Latin-1', {
        'projects/alpha/project.yml': Buffer.from(
          projectYml('paused', '').replace('Induction heads', 'Têtes'),
          'latin1',
        ),
      });
      const fixed = await other.commit('2026-10-03', 'Saved as UTF-8 with a byte order mark', {
        'projects/alpha/project.yml': Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from(projectYml('paused', '').replace('Induction heads', 'Têtes')),
        ]),
      });
      const tree = await readProjectTreeAt(other.dir, broken);
      expect(tree.files.has('projects/alpha/project.yml')).toBe(false);
      expect(
        loadRegistry(tree, { today: TODAY }).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`),
      ).toEqual(['projects/alpha/project.yml:2:9 not-utf8']);
      expect((await readProjectTreeAt(other.dir, fixed)).files.get('projects/alpha/project.yml')).toMatch(
        /^# yaml-language-server.*\ntitle: Têtes\n/,
      );
      // The broken commit changes nothing; the fix is one status change, never a second project.created.
      const events = await eventsBetween(other.dir, good, 'main', { today: TODAY });
      expect(events.map((e) => [e.type, e.revision])).toEqual([['project.status-changed', fixed]]);
    } finally {
      await rm(other.dir, { recursive: true, force: true });
    }
  });

  it('refuses a revision that looks like an option', async () => {
    await expect(readProjectTreeAt(repo.dir, '--output=/tmp/x')).rejects.toThrow(/is not a git revision/);
    await expect(listCommits(repo.dir, { to: '-n1' })).rejects.toThrow(/is not a git revision/);
  });

  it('names the command when git fails', async () => {
    await expect(readProjectTreeAt(repo.dir, 'no-such-branch')).rejects.toThrow(/git ls-tree .* failed/);
  });
});
