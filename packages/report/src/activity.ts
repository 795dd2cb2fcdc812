// The normalised activity both sources produce; the report is a pure function of it.
import type { Project, ProjectEvent } from '@circuitboard/core';

/** A valid project as of the checkout the report reads. */
export interface ProjectSnapshot {
  slug: string;
  project: Project;
  /** The day the project's folder first appeared in the history (git), when known. */
  addedOn?: string | null;
}

/** A file in `projects/<slug>/updates/`, dated by its name. */
export interface UpdateEntry {
  project: string;
  /** Repository path, projects/<slug>/updates/YYYY-MM-DD-<topic>.md */
  path: string;
  date: string;
  topic: string;
  heading?: string | undefined;
}

/** Someone who did something: a GitHub login when known, else the name git recorded. */
export interface Contributor {
  /** Stable key for de-duplication: `github:<login>` or `git:<email or name>`. */
  key: string;
  name: string;
  login: string | null;
}

/** A commit that touched `projects/`. */
export interface CommitEntry {
  sha: string;
  /** ISO timestamp (the author date). */
  date: string;
  author: Contributor;
  subject: string;
  /** Slugs of the projects whose folders it touched, sorted. */
  projects: string[];
  url: string | null;
}

/** An issue or pull request from GitHub, updated in the fetched range. */
export interface IssueEntry {
  number: number;
  kind: 'issue' | 'pull';
  title: string;
  url: string | null;
  author: Contributor | null;
  /** GitHub's author_association: FIRST_TIME_CONTRIBUTOR / FIRST_TIMER mark first contributions. */
  authorAssociation: string | null;
  state: 'open' | 'closed';
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Pull requests only; null when not merged (or unknown). */
  mergedAt: string | null;
  labels: string[];
  milestone: string | null;
}

/** A GitHub milestone. */
export interface GitHubMilestoneEntry {
  number: number;
  title: string;
  state: 'open' | 'closed';
  dueOn: string | null;
  closedAt: string | null;
  url: string | null;
}

/** A half-open time range [start, end) that a source looked at for one kind of item. */
export interface Coverage {
  start: string;
  end: string;
}

export interface Activity {
  source: 'git' | 'github';
  /** `owner/name` when known. */
  repository: string | null;
  /** Web address of the repository (https://github.com/owner/name), for links. */
  repositoryUrl: string | null;
  /** The commit the checkout was at (git), for the record. */
  revision: string | null;
  /** Projects as of the checkout the report reads. */
  projects: ProjectSnapshot[];
  /** Projects as of the window start, or null when the source cannot tell (no history). */
  projectsAtStart: ProjectSnapshot[] | null;
  updates: UpdateEntry[];
  /** Events from core's diff between the window's start and end, each dated. */
  events: ProjectEvent[];
  commits: CommitEntry[];
  issues: IssueEntry[];
  milestones: GitHubMilestoneEntry[];
  /** Open proposal issues (GitHub source), whenever they were last updated. */
  openProposals: IssueEntry[];
  /** Everyone who contributed up to the window end, with the day of their first contribution (null: before what the source can tell). */
  contributors: { contributor: Contributor; firstSeen: string | null }[];
  /** What each time-stamped kind of item covers; null when the source has none of that kind. */
  coverage: { commits: Coverage | null; issues: Coverage | null; events: Coverage | null };
  /** Problems with the input (a project file that does not load), one line each. */
  notes: string[];
}

/** An empty activity to build from in tests and sources. */
export function emptyActivity(source: Activity['source']): Activity {
  return {
    source,
    repository: null,
    repositoryUrl: null,
    revision: null,
    projects: [],
    projectsAtStart: null,
    updates: [],
    events: [],
    commits: [],
    issues: [],
    milestones: [],
    openProposals: [],
    contributors: [],
    coverage: { commits: null, issues: null, events: null },
    notes: [],
  };
}
