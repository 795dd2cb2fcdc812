// The offline source: the checkout's projects/ files and the git history of projects/, read with core's git
// helpers — one `git log` over the history of projects/, one diff walk over the window's commits.
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  type CommitInfo,
  eventsBetween,
  listCommits,
  readProjectTree,
  readProjectTreeAt,
} from '@circuitboard/checkout';
import { formatDiagnostic, type LoadedProject, loadRegistry } from '@circuitboard/core';
import type { Activity, CommitEntry, Contributor, ProjectSnapshot } from '../activity.ts';
import { emptyActivity } from '../activity.ts';
import { DAY_MS, type ReportWindow, trendWindows, utcDay } from '../window.ts';

export interface GitSourceOptions {
  /** The repository's working tree (the checkout). */
  repoDir: string;
  window: ReportWindow;
  /** How many windows back the trend charts go (config report.trend_weeks). */
  trendWeeks: number;
  /** Today (YYYY-MM-DD), for the project loader's "done in the future" check. */
  today: string;
  /** https://github.com/owner/name, for links; null when unknown. */
  repositoryUrl?: string | null;
  /** Called with a short line when a slow step starts. */
  progress?: ((message: string) => void) | undefined;
}

// GitHub's no-reply addresses carry the login: 12345+alice@users.noreply.github.com.
const NOREPLY = /^(?:\d+\+)?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})@users\.noreply\.github\.com$/i;

export function commitAuthor(author: { name: string; email: string }): Contributor {
  const login = NOREPLY.exec(author.email)?.[1] ?? null;
  if (login) return { key: `github:${login.toLowerCase()}`, name: author.name || login, login };
  const id = (author.email || author.name).toLowerCase();
  return { key: `git:${id}`, name: author.name || author.email, login: null };
}

/** Lowercase letters and digits only: how a display name and a login are compared. */
function squash(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The slugs of the project folders a commit touched. */
export function touchedProjects(files: readonly string[]): string[] {
  const slugs = new Set<string>();
  for (const file of files) {
    const match = /^projects\/([^/]+)\//.exec(file);
    if (match?.[1]) slugs.add(match[1]);
  }
  return [...slugs].sort();
}

function snapshots(projects: LoadedProject[], addedOn: Map<string, string>): ProjectSnapshot[] {
  return projects.map((p) => ({ slug: p.slug, project: p.project, addedOn: addedOn.get(p.slug) ?? null }));
}

function people(projects: readonly ProjectSnapshot[]): Set<string> {
  const logins = new Set<string>();
  for (const { project } of projects)
    for (const p of [...project.leads, ...(project.members ?? [])]) logins.add(p.github.toLowerCase());
  return logins;
}

/** The last commit strictly before `instant` (commits oldest first), or undefined. */
function lastBefore(commits: CommitInfo[], instant: number): CommitInfo | undefined {
  let found: CommitInfo | undefined;
  for (const commit of commits) {
    if (Date.parse(commit.date) < instant) found = commit;
    else break;
  }
  return found;
}

export async function collectGitActivity(options: GitSourceOptions): Promise<Activity> {
  const { repoDir, window, today } = options;
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  const length = end - start;
  const trendStart = Date.parse((trendWindows(window, options.trendWeeks)[0] as ReportWindow).start);
  const activity = emptyActivity('git');
  activity.repositoryUrl = options.repositoryUrl ?? null;
  activity.repository = repositoryName(options.repositoryUrl);

  // The checkout as it is: the projects the report describes.
  const registry = loadRegistry(await readProjectTree(repoDir), { today });
  for (const d of registry.diagnostics) if (d.severity === 'error') activity.notes.push(formatDiagnostic(d));

  options.progress?.('reading the git history of projects/');
  // One git log over the whole history of projects/ (first parent): trend, authors, when each project appeared.
  // Commit dates can be out of order (rebases); sort so "before the window" means the date.
  let history: CommitInfo[] = [];
  let hasHistory = true;
  try {
    history = (await listCommits(repoDir, { to: 'HEAD', paths: ['projects'] })).sort(
      (a, b) => Date.parse(a.date) - Date.parse(b.date),
    );
  } catch (error) {
    // Not a repository, or one without commits: the files' own dates still make a report.
    hasHistory = false;
    const reason = (error as Error).message.split('\n')[0]?.replace(/^git .*? failed in [^:]*: /, '') ?? '';
    activity.notes.push(`No git history was read (${reason}); the report uses the dates in the project files only.`);
  }
  const shallow = existsSync(path.join(repoDir, '.git', 'shallow'));
  const head = history.at(-1);
  activity.revision = head?.sha ?? null;

  const addedOn = new Map<string, string>();
  const firstSeen = new Map<string, { contributor: Contributor; day: string }>();
  for (const commit of history) {
    const ms = Date.parse(commit.date);
    if (ms >= end) break;
    const day = utcDay(commit.date);
    for (const file of commit.files) {
      const match = /^projects\/([^/]+)\/project\.yml$/.exec(file);
      if (match?.[1] && !addedOn.has(match[1])) addedOn.set(match[1], day);
    }
    const author = commitAuthor(commit.author);
    if (!firstSeen.has(author.key)) firstSeen.set(author.key, { contributor: author, day });
    if (ms >= trendStart) activity.commits.push(toEntry(commit, author, options.repositoryUrl ?? null));
  }
  activity.projects = snapshots(registry.projects, addedOn);

  // Projects at the window start and at the start of the window before, to tell who is new.
  const atStart = lastBefore(history, start);
  const atPreviousStart = lastBefore(history, start - length);
  const atEnd = lastBefore(history, end);
  const registryAt = async (commit: CommitInfo | undefined) =>
    commit ? snapshots(loadRegistry(await readProjectTreeAt(repoDir, commit.sha), { today }).projects, addedOn) : [];
  activity.projectsAtStart = await registryAt(atStart);
  const previousPeople = people(await registryAt(atPreviousStart));
  const startPeople = people(activity.projectsAtStart);
  const endPeople = atEnd?.sha === atStart?.sha ? startPeople : people(await registryAt(atEnd));

  // Events of the commits in the window, each diffed against its parent.
  if (atEnd && atEnd.sha !== atStart?.sha) {
    options.progress?.('comparing project files across the week’s commits');
    activity.events = await eventsBetween(repoDir, atStart?.sha, atEnd.sha, { today });
  }

  // People listed in a project for the first time: new in the window (or the one before) unless seen earlier.
  const joinedOn = new Map<string, string>();
  for (const event of activity.events) {
    if (event.type === 'project.member-joined' && event.date && !joinedOn.has(event.github.toLowerCase())) {
      joinedOn.set(event.github.toLowerCase(), event.date);
    }
  }
  const listed = new Map<string, string>();
  for (const { project } of activity.projects) {
    for (const p of [...project.leads, ...(project.members ?? [])])
      if (!listed.has(p.github.toLowerCase())) listed.set(p.github.toLowerCase(), p.github);
  }
  for (const lower of endPeople) if (!listed.has(lower)) listed.set(lower, lower);
  for (const [lower, login] of [...listed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const key = `github:${lower}`;
    // Judged from history, not from the checkout: listed at the window end and not at its start.
    let day: string | null = null;
    if (endPeople.has(lower) && !startPeople.has(lower)) day = joinedOn.get(lower) ?? utcDay(window.start);
    else if (startPeople.has(lower) && !previousPeople.has(lower)) day = utcDay(new Date(start - length).toISOString());
    else if (!endPeople.has(lower)) continue;
    const known = firstSeen.get(key);
    if (day === null) {
      // Listed before the window: "not new"; keep a commit-based first day if there is one.
      if (!known) firstSeen.set(key, { contributor: { key, name: login, login }, day: '0000-01-01' });
      continue;
    }
    if (!known || known.day > day) firstSeen.set(key, { contributor: { key, name: login, login }, day });
  }
  // A commit author named "Alice Nguyen" and the login alice-nguyen in project.yml are one person.
  const logins = new Map<string, Contributor>();
  for (const { contributor } of firstSeen.values())
    if (contributor.login) logins.set(squash(contributor.login), contributor);
  const alias = new Map<string, Contributor>();
  for (const [key, entry] of [...firstSeen]) {
    if (entry.contributor.login) continue;
    const same = logins.get(squash(entry.contributor.name));
    if (!same) continue;
    alias.set(key, same);
    const known = firstSeen.get(same.key);
    if (known && (known.day === '0000-01-01' || entry.day < known.day))
      firstSeen.set(same.key, { contributor: same, day: entry.day });
    firstSeen.delete(key);
  }
  for (const commit of activity.commits) commit.author = alias.get(commit.author.key) ?? commit.author;
  activity.contributors = [...firstSeen.values()]
    .map(({ contributor, day }) => ({ contributor, firstSeen: day === '0000-01-01' ? null : day }))
    .sort((a, b) => (a.contributor.key < b.contributor.key ? -1 : a.contributor.key > b.contributor.key ? 1 : 0));

  activity.updates = registry.updates.map((u) => ({
    project: u.project,
    path: u.path,
    date: u.date,
    topic: u.topic,
    ...(u.heading !== undefined ? { heading: u.heading } : {}),
  }));
  // A shallow clone only knows its last commits: commits are counted from the oldest one it has.
  const oldest = history[0] ? Date.parse(history[0].date) : end;
  const coveredFrom = shallow ? Math.max(trendStart, Math.ceil(oldest / DAY_MS) * DAY_MS) : trendStart;
  activity.coverage = hasHistory
    ? {
        commits: { start: new Date(coveredFrom).toISOString(), end: window.end },
        events: { start: window.start, end: window.end },
        issues: null,
      }
    : { commits: null, events: null, issues: null };
  if (shallow)
    activity.notes.push(
      'The checkout is a shallow clone: commits before its oldest one are not counted (use fetch-depth: 0).',
    );
  return activity;
}

function toEntry(commit: CommitInfo, author: Contributor, repositoryUrl: string | null): CommitEntry {
  return {
    sha: commit.sha,
    date: new Date(Date.parse(commit.date)).toISOString(),
    author,
    subject: commit.subject,
    projects: touchedProjects(commit.files),
    url: repositoryUrl ? `${repositoryUrl.replace(/\/+$/, '')}/commit/${commit.sha}` : null,
  };
}

/** `owner/name` from https://github.com/owner/name (any host), else null. */
export function repositoryName(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parts = new URL(url).pathname.split('/').filter(Boolean);
    return parts.length === 2 ? `${parts[0]}/${(parts[1] as string).replace(/\.git$/, '')}` : null;
  } catch {
    return null;
  }
}
