// Real git repositories in temporary folders, with commits at chosen dates, for the git source's tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CommitSpec {
  date: string;
  author?: { name: string; email: string };
  message?: string;
  /** Repository-relative path → content; null deletes the file. */
  files: Record<string, string | null>;
}

export function git(dir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd: dir,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, ...env },
    encoding: 'utf8',
  });
}

/** A repository with one commit per spec, in order; returns its folder and a cleanup function. */
export function makeRepository(commits: CommitSpec[]): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cb-report-git-'));
  git(dir, ['init', '-q', '-b', 'main']);
  for (const commit of commits) {
    for (const [file, content] of Object.entries(commit.files)) {
      const target = path.join(dir, file);
      if (content === null) rmSync(target, { force: true });
      else {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
    }
    git(dir, ['add', '-A']);
    const author = commit.author ?? { name: 'Alice Nguyen', email: 'alice@example.org' };
    git(dir, ['commit', '-q', '--allow-empty', '-m', commit.message ?? 'Update projects'], {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
      GIT_AUTHOR_DATE: commit.date,
      GIT_COMMITTER_DATE: commit.date,
    });
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function projectYaml(fields: {
  title: string;
  status?: string;
  leads?: string[];
  members?: string[];
  started?: string;
  milestones?: string;
}): string {
  const lines = [
    `title: ${fields.title}`,
    `status: ${fields.status ?? 'active'}`,
    'summary: Why it matters, in one paragraph.',
    'leads:',
    ...(fields.leads ?? ['alice-nguyen']).map((l) => `  - github: ${l}`),
  ];
  if (fields.members?.length) lines.push('members:', ...fields.members.map((m) => `  - github: ${m}`));
  if (fields.started) lines.push(`started: ${fields.started}`);
  if (fields.milestones) lines.push('milestones:', fields.milestones.trimEnd());
  return `${lines.join('\n')}\n`;
}
