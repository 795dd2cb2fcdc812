// Activity queries for the weekly report: the fewest requests that cover a window. List endpoints only
// (`since` + `per_page=100`, following Link headers), never the search API (it stops at 1,000 results),
// never a request per item; a page fetched again is asked for with If-None-Match and a 304 reuses it.
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { RepositoryRef } from './labels.ts';
import type { Octokit } from './octokit.ts';

export const ACTIVITY_PAGE_SIZE = 100;

/** An issue or pull request as the issues list returns it (pull requests carry merged_at there). */
export interface ActivityIssue {
  number: number;
  kind: 'issue' | 'pull';
  title: string;
  htmlUrl: string;
  author: string | null;
  /** OWNER, MEMBER, CONTRIBUTOR, FIRST_TIME_CONTRIBUTOR, FIRST_TIMER, NONE, … */
  authorAssociation: string | null;
  state: 'open' | 'closed';
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  labels: string[];
  milestone: string | null;
}

export interface ActivityCommit {
  sha: string;
  htmlUrl: string;
  /** Committer date (what GitHub's since/until filter on), ISO 8601. */
  date: string;
  authorName: string;
  authorEmail: string;
  authorLogin: string | null;
  subject: string;
}

export interface ActivityMilestone {
  number: number;
  title: string;
  state: 'open' | 'closed';
  dueOn: string | null;
  closedAt: string | null;
  updatedAt: string;
  htmlUrl: string;
}

export interface RepositoryActivity {
  /** Issues and pull requests updated in [since, until), oldest update first. */
  issues: ActivityIssue[];
  /** Commits on the default branch committed in [since, until), newest first as GitHub lists them. */
  commits: ActivityCommit[];
  /** Every milestone of the repository (GitHub cannot filter them by date). */
  milestones: ActivityMilestone[];
  /** Open issues with the proposal label, however long ago they were updated; empty when not asked for. */
  openProposals: ActivityIssue[];
}

export interface ActivityQuery extends RepositoryRef {
  /** ISO timestamps: the half-open window [since, until). */
  since: string;
  until: string;
  /** The proposal label; when given, the open proposals come with the milestones (same GraphQL request). */
  proposalLabel?: string | null;
  /** Called after each page with what was fetched so far (for progress lines). */
  onPage?: (what: 'issues' | 'commits' | 'milestones' | 'proposals', items: number) => void;
}

/** Cached pages by URL: the ETag GitHub sent and the body to reuse when it answers 304 Not Modified. */
export class EtagCache {
  private readonly pages = new Map<string, { etag: string; data: unknown; link: string | null }>();
  hits = 0;

  get(url: string) {
    return this.pages.get(url);
  }

  set(url: string, etag: string, data: unknown, link: string | null): void {
    this.pages.set(url, { etag, data, link });
  }

  get size(): number {
    return this.pages.size;
  }

  toJSON(): Record<string, { etag: string; data: unknown; link: string | null }> {
    return Object.fromEntries([...this.pages].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /** A cache persisted by {@link EtagCache.save}; an empty one when the file is missing or unreadable. */
  static async load(file: string): Promise<EtagCache> {
    const cache = new EtagCache();
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as Record<
        string,
        { etag: string; data: unknown; link: string | null }
      >;
      for (const [url, page] of Object.entries(parsed)) {
        if (page && typeof page.etag === 'string') cache.set(url, page.etag, page.data, page.link ?? null);
      }
    } catch {
      // A missing or corrupt cache only costs full requests.
    }
    return cache;
  }

  async save(file: string): Promise<void> {
    const temporary = `${file}.tmp`;
    await writeFile(temporary, JSON.stringify(this), 'utf8');
    await rename(temporary, file);
  }
}

/**
 * Makes `octokit` send If-None-Match for GET pages in `cache` and turn a 304 into the cached response, and
 * remember each GET page's ETag.
 */
export function useEtagCache(octokit: Octokit, cache: EtagCache): void {
  octokit.hook.wrap('request', async (request, options) => {
    const method = String(options.method ?? 'GET').toUpperCase();
    if (method !== 'GET' || String(options.url).endsWith('/graphql')) return request(options);
    const url = octokit.request.endpoint.parse(options).url;
    const cached = cache.get(url);
    if (cached) options.headers = { ...options.headers, 'if-none-match': cached.etag };
    try {
      const response = await request(options);
      const etag = response.headers.etag;
      if (typeof etag === 'string')
        cache.set(url, etag, response.data, (response.headers.link as string | undefined) ?? null);
      return response;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 304 && cached) {
        cache.hits++;
        const headers: Record<string, string> = { etag: cached.etag };
        if (cached.link) headers.link = cached.link;
        return { status: 200, url, headers, data: cached.data } as Awaited<ReturnType<typeof request>>;
      }
      throw error;
    }
  });
}

/** Counts the HTTP requests an Octokit makes (every attempt, 304s included), by method and route. */
export interface RequestCounter {
  total: number;
  notModified: number;
  byRoute: Map<string, number>;
}

export function countRequests(octokit: Octokit): RequestCounter {
  const counter: RequestCounter = { total: 0, notModified: 0, byRoute: new Map() };
  octokit.hook.wrap('request', async (request, options) => {
    counter.total++;
    const route = `${String(options.method ?? 'GET').toUpperCase()} ${String(options.url).split('?')[0]}`;
    counter.byRoute.set(route, (counter.byRoute.get(route) ?? 0) + 1);
    try {
      return await request(options);
    } catch (error) {
      if ((error as { status?: number }).status === 304) counter.notModified++;
      throw error;
    }
  });
  return counter;
}

interface RawIssue {
  number: number;
  title: string;
  html_url: string;
  user?: { login?: string | null } | null;
  author_association?: string | null;
  state: string;
  created_at: string;
  updated_at: string;
  closed_at?: string | null;
  pull_request?: { merged_at?: string | null } | null;
  labels?: (string | { name?: string | null })[];
  milestone?: { title?: string | null } | null;
}

export function toActivityIssue(raw: RawIssue): ActivityIssue {
  return {
    number: raw.number,
    kind: raw.pull_request ? 'pull' : 'issue',
    title: raw.title,
    htmlUrl: raw.html_url,
    author: raw.user?.login ?? null,
    authorAssociation: raw.author_association ?? null,
    state: raw.state === 'closed' ? 'closed' : 'open',
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    closedAt: raw.closed_at ?? null,
    mergedAt: raw.pull_request?.merged_at ?? null,
    labels: (raw.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter((l) => l !== ''),
    milestone: raw.milestone?.title ?? null,
  };
}

interface RawCommit {
  sha: string;
  html_url: string;
  commit: {
    message: string;
    author?: { name?: string; email?: string; date?: string } | null;
    committer?: { date?: string } | null;
  };
  author?: { login?: string } | null;
}

function toActivityCommit(raw: RawCommit): ActivityCommit {
  return {
    sha: raw.sha,
    htmlUrl: raw.html_url,
    date: raw.commit.committer?.date ?? raw.commit.author?.date ?? '',
    authorName: raw.commit.author?.name ?? '',
    authorEmail: raw.commit.author?.email ?? '',
    authorLogin: raw.author?.login ?? null,
    subject: raw.commit.message.split('\n')[0] ?? '',
  };
}

/**
 * Everything the report needs from one repository for [since, until): ⌈issues/100⌉ + ⌈commits/100⌉ REST list
 * requests and one GraphQL query for the milestones and the open proposals together (one per 100 of either).
 * The issue list is sorted by update time, so paging stops at the first item updated after the window.
 */
export async function fetchRepositoryActivity(octokit: Octokit, query: ActivityQuery): Promise<RepositoryActivity> {
  const { owner, repo, since, until } = query;
  const untilMs = Date.parse(until);
  const sinceMs = Date.parse(since);
  const issues: ActivityIssue[] = [];
  const issuePages = octokit.paginate.iterator('GET /repos/{owner}/{repo}/issues', {
    owner,
    repo,
    state: 'all',
    since,
    sort: 'updated',
    direction: 'asc',
    per_page: ACTIVITY_PAGE_SIZE,
  });
  let past = false;
  for await (const page of issuePages) {
    for (const raw of page.data as RawIssue[]) {
      const updated = Date.parse(raw.updated_at);
      if (updated >= untilMs) {
        past = true;
        break;
      }
      if (updated >= sinceMs) issues.push(toActivityIssue(raw));
    }
    query.onPage?.('issues', issues.length);
    if (past) break;
  }

  const commits: ActivityCommit[] = [];
  // GitHub's `until` is inclusive; the last millisecond before the window end keeps the window half-open.
  const commitPages = octokit.paginate.iterator('GET /repos/{owner}/{repo}/commits', {
    owner,
    repo,
    since,
    until: new Date(untilMs - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    per_page: ACTIVITY_PAGE_SIZE,
  });
  for await (const page of commitPages) {
    for (const raw of page.data as RawCommit[]) {
      const commit = toActivityCommit(raw);
      const at = Date.parse(commit.date);
      if (Number.isNaN(at) || (at >= sinceMs && at < untilMs)) commits.push(commit);
    }
    query.onPage?.('commits', commits.length);
  }

  const { milestones, openProposals } = await fetchMilestonesAndProposals(
    octokit,
    owner,
    repo,
    query.proposalLabel ?? null,
  );
  query.onPage?.('milestones', milestones.length);
  return { issues, commits, milestones, openProposals };
}

const MILESTONES_AND_PROPOSALS = `
query($owner: String!, $repo: String!, $label: [String!], $withProposals: Boolean!, $milestonesAfter: String, $proposalsAfter: String, $withMilestones: Boolean!) {
  repository(owner: $owner, name: $repo) {
    milestones(first: 100, after: $milestonesAfter, states: [OPEN, CLOSED], orderBy: { field: NUMBER, direction: ASC }) @include(if: $withMilestones) {
      pageInfo { hasNextPage endCursor }
      nodes { number title state dueOn closedAt updatedAt url }
    }
    issues(first: 100, after: $proposalsAfter, labels: $label, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) @include(if: $withProposals) {
      pageInfo { hasNextPage endCursor }
      nodes { number title url state createdAt updatedAt closedAt author { login } labels(first: 50) { nodes { name } } milestone { title } }
    }
  }
}`;

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
interface GraphMilestone {
  number: number;
  title: string;
  state: string;
  dueOn: string | null;
  closedAt: string | null;
  updatedAt: string;
  url: string;
}
interface GraphIssue {
  number: number;
  title: string;
  url: string;
  state: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  author: { login: string } | null;
  labels: { nodes: { name: string }[] } | null;
  milestone: { title: string } | null;
}
interface MilestonesAndProposals {
  repository: {
    milestones?: { pageInfo: PageInfo; nodes: GraphMilestone[] } | null;
    issues?: { pageInfo: PageInfo; nodes: GraphIssue[] } | null;
  } | null;
}

/**
 * Milestones (GitHub cannot filter them by date) and open proposals in one GraphQL query per page: both
 * connections ride in the same request, so together they cost what the milestones alone would over REST.
 */
export async function fetchMilestonesAndProposals(
  octokit: Octokit,
  owner: string,
  repo: string,
  proposalLabel: string | null,
): Promise<{ milestones: ActivityMilestone[]; openProposals: ActivityIssue[] }> {
  const milestones: ActivityMilestone[] = [];
  const openProposals: ActivityIssue[] = [];
  let milestonesAfter: string | null = null;
  let proposalsAfter: string | null = null;
  let wantMilestones = true;
  let wantProposals = proposalLabel !== null;
  while (wantMilestones || wantProposals) {
    const data: MilestonesAndProposals = await octokit.graphql<MilestonesAndProposals>(MILESTONES_AND_PROPOSALS, {
      owner,
      repo,
      label: proposalLabel ? [proposalLabel] : [],
      withMilestones: wantMilestones,
      withProposals: wantProposals,
      milestonesAfter,
      proposalsAfter,
    });
    if (!data.repository) throw new Error(`the repository ${owner}/${repo} was not found, or the token cannot read it`);
    const m = data.repository.milestones;
    if (wantMilestones && m) {
      for (const node of m.nodes) {
        milestones.push({
          number: node.number,
          title: node.title,
          state: node.state === 'CLOSED' ? 'closed' : 'open',
          dueOn: node.dueOn,
          closedAt: node.closedAt,
          updatedAt: node.updatedAt,
          htmlUrl: node.url,
        });
      }
      wantMilestones = m.pageInfo.hasNextPage;
      milestonesAfter = m.pageInfo.endCursor;
    } else wantMilestones = false;
    const p = data.repository.issues;
    if (wantProposals && p) {
      for (const node of p.nodes) {
        openProposals.push({
          number: node.number,
          kind: 'issue',
          title: node.title,
          htmlUrl: node.url,
          author: node.author?.login ?? null,
          authorAssociation: null,
          state: node.state === 'CLOSED' ? 'closed' : 'open',
          createdAt: node.createdAt,
          updatedAt: node.updatedAt,
          closedAt: node.closedAt,
          mergedAt: null,
          labels: (node.labels?.nodes ?? []).map((l) => l.name),
          milestone: node.milestone?.title ?? null,
        });
      }
      wantProposals = p.pageInfo.hasNextPage;
      proposalsAfter = p.pageInfo.endCursor;
    } else wantProposals = false;
  }
  return { milestones, openProposals };
}

/** The fewest REST list requests that can return this much: what the bench compares with. */
export function minimumRequests(counts: { issuesUpdated: number; commits: number; milestones: number }): number {
  const pages = (n: number) => Math.max(1, Math.ceil(n / ACTIVITY_PAGE_SIZE));
  return pages(counts.issuesUpdated) + pages(counts.commits) + pages(counts.milestones);
}
