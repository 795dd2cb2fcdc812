// The GitHub source: issues, pull requests, commits and milestones of the window from GitHub's list endpoints
// (packages/github's fetchRepositoryActivity), plus the checkout's project files when there is a checkout.
import { readProjectTree } from '@circuitboard/checkout';
import { formatDiagnostic, loadRegistry } from '@circuitboard/core';
import {
  type ActivityIssue,
  type EtagCache,
  fetchRepositoryActivity,
  type Octokit,
  useEtagCache,
} from '@circuitboard/github';
import type { Activity, Contributor, IssueEntry } from '../activity.ts';
import { emptyActivity } from '../activity.ts';
import { type ReportWindow, utcDay } from '../window.ts';
import { commitAuthor } from './git.ts';

export interface GitHubSourceOptions {
  octokit: Octokit;
  owner: string;
  repo: string;
  window: ReportWindow;
  /** The checkout with projects/, when there is one; without it the report has no per-project sections. */
  repoDir?: string | null;
  /** Today (YYYY-MM-DD), for the project loader. */
  today: string;
  /** The proposal label (config proposals.labels.proposal); null skips the open-proposals request. */
  proposalLabel?: string | null;
  /** Web address of the repository; derived from the API's answers when absent. */
  repositoryUrl?: string | null;
  /** Pages fetched before are asked for with If-None-Match; a 304 reuses them. */
  etagCache?: EtagCache | null;
  progress?: ((message: string) => void) | undefined;
}

function person(login: string | null): Contributor | null {
  return login ? { key: `github:${login.toLowerCase()}`, name: login, login } : null;
}

function toIssue(issue: ActivityIssue): IssueEntry {
  return {
    number: issue.number,
    kind: issue.kind,
    title: issue.title,
    url: issue.htmlUrl,
    author: person(issue.author),
    authorAssociation: issue.authorAssociation,
    state: issue.state,
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    closedAt: issue.closedAt,
    mergedAt: issue.mergedAt,
    labels: [...issue.labels].sort(),
    milestone: issue.milestone,
  };
}

const FIRST_TIME = new Set(['FIRST_TIME_CONTRIBUTOR', 'FIRST_TIMER']);

export async function collectGitHubActivity(options: GitHubSourceOptions): Promise<Activity> {
  const { octokit, owner, repo, window } = options;
  const activity = emptyActivity('github');
  activity.repository = `${owner}/${repo}`;
  if (options.etagCache) useEtagCache(octokit, options.etagCache);

  if (options.repoDir) {
    const registry = loadRegistry(await readProjectTree(options.repoDir), { today: options.today });
    for (const d of registry.diagnostics) if (d.severity === 'error') activity.notes.push(formatDiagnostic(d));
    activity.projects = registry.projects.map((p) => ({ slug: p.slug, project: p.project, addedOn: null }));
    activity.updates = registry.updates.map((u) => ({
      project: u.project,
      path: u.path,
      date: u.date,
      topic: u.topic,
      ...(u.heading !== undefined ? { heading: u.heading } : {}),
    }));
  }

  options.progress?.(`fetching ${owner}/${repo} activity from GitHub`);
  let lastShown = 0;
  const fetched = await fetchRepositoryActivity(octokit, {
    owner,
    repo,
    since: window.start,
    until: window.end,
    proposalLabel: options.proposalLabel ?? null,
    onPage: (what, items) => {
      if (items - lastShown >= 500) {
        lastShown = items;
        options.progress?.(`  ${items} ${what} so far`);
      }
    },
  });

  const fromIssue = fetched.issues[0]?.htmlUrl ?? fetched.openProposals[0]?.htmlUrl;
  activity.repositoryUrl = options.repositoryUrl ?? (fromIssue ? fromIssue.replace(/\/(issues|pull)\/\d+$/, '') : null);
  activity.issues = fetched.issues.map(toIssue).sort((a, b) => a.number - b.number);
  activity.openProposals = fetched.openProposals.map(toIssue).sort((a, b) => a.number - b.number);
  activity.milestones = fetched.milestones
    .map((m) => ({
      number: m.number,
      title: m.title,
      state: m.state,
      dueOn: m.dueOn,
      closedAt: m.closedAt,
      url: m.htmlUrl,
    }))
    .sort((a, b) => a.number - b.number);
  activity.commits = fetched.commits
    .map((c) => {
      const author = c.authorLogin
        ? (person(c.authorLogin) as Contributor)
        : commitAuthor({ name: c.authorName, email: c.authorEmail });
      if (c.authorLogin && c.authorName) author.name = c.authorName;
      // The list endpoint does not say which files a commit touched; attributing them would take a request each.
      return {
        sha: c.sha,
        date: new Date(Date.parse(c.date)).toISOString(),
        author,
        subject: c.subject,
        projects: [],
        url: c.htmlUrl,
      };
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.sha < b.sha ? -1 : 1));

  // First contributions, as GitHub marks them on the author's issues and pull requests.
  const firstSeen = new Map<string, { contributor: Contributor; firstSeen: string | null }>();
  for (const issue of activity.issues) {
    if (!issue.author) continue;
    const day = issue.authorAssociation && FIRST_TIME.has(issue.authorAssociation) ? utcDay(issue.createdAt) : null;
    const known = firstSeen.get(issue.author.key);
    if (!known || (day !== null && (known.firstSeen === null || day < known.firstSeen)))
      firstSeen.set(issue.author.key, { contributor: issue.author, firstSeen: day });
  }
  activity.contributors = [...firstSeen.values()].sort((a, b) => (a.contributor.key < b.contributor.key ? -1 : 1));
  const covered = { start: window.start, end: window.end };
  activity.coverage = { commits: covered, issues: covered, events: null };
  return activity;
}
