import type { IssueTimeline, TimelineItem } from '@circuitboard/core/proposal';
import { tokenLogin, writtenBy } from './comments.ts';
import type { RepositoryRef } from './labels.ts';
import type { Octokit } from './octokit.ts';

/** Pages of 100 read from one issue's timeline at most: the first page and the newest ones. */
export const TIMELINE_PAGE_BUDGET = 20;
const PER_PAGE = 100;

export interface TimelineOptions {
  /** Label events kept (case-insensitive); the others are left out. */
  labels?: readonly string[];
  /** Pages read at most (default TIMELINE_PAGE_BUDGET, at least 2). */
  pages?: number;
  /** The login this token writes as, looked up only when a kept entry was written by a person. */
  self?: () => Promise<string | undefined>;
}

interface RawEntry {
  event?: string;
  id?: number;
  body?: string | null;
  created_at?: string;
  user?: { login?: string; type?: string } | null;
  actor?: { login?: string; type?: string } | null;
  label?: { name?: string } | null;
}

/** The page number of `rel="last"` in a Link header, when there is one. */
function lastPage(link: string | undefined): number | undefined {
  const match = /<[^>]*[?&]page=(\d+)[^>]*>;\s*rel="last"/.exec(link ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * An issue's comments, label events and reopenings, oldest first (GET …/issues/{n}/timeline). Bounded: when the
 * timeline has more pages than the budget, the first page (where the bot's own comment lives) and the newest
 * pages (where the latest commands are) are read, and `truncated` says how much was left out.
 */
export async function readIssueTimeline(
  octokit: Octokit,
  repository: RepositoryRef,
  issue: number,
  options: TimelineOptions = {},
): Promise<IssueTimeline> {
  const budget = Math.max(options.pages ?? TIMELINE_PAGE_BUDGET, 2);
  const page = async (n: number) =>
    octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/timeline', {
      ...repository,
      issue_number: issue,
      per_page: PER_PAGE,
      page: n,
    });
  const first = await page(1);
  const last = lastPage(first.headers.link) ?? 1;
  const pages = [first.data as RawEntry[]];
  const from = last <= budget ? 2 : last - budget + 2;
  for (let n = from; n <= last; n += 1) pages.push((await page(n)).data as RawEntry[]);

  const wanted = new Set((options.labels ?? []).map((l) => l.toLowerCase()));
  const seen = new Set<string>();
  const kept: { item: TimelineItem; type: string; login: string }[] = [];
  for (const entry of pages.flat()) {
    const key = `${entry.event}:${entry.id}`;
    if (typeof entry.id !== 'number' || seen.has(key)) continue;
    seen.add(key);
    const at = entry.created_at ?? '';
    if (entry.event === 'commented') {
      const login = entry.user?.login ?? '';
      const type = entry.user?.type ?? 'User';
      kept.push({
        item: {
          kind: 'comment',
          id: entry.id,
          body: entry.body ?? '',
          author: login,
          bot: type === 'Bot',
          mine: false,
          at,
        },
        type,
        login,
      });
    } else if (entry.event === 'labeled' || entry.event === 'unlabeled') {
      const label = entry.label?.name ?? '';
      if (!wanted.has(label.toLowerCase())) continue;
      const login = entry.actor?.login ?? '';
      const type = entry.actor?.type ?? 'User';
      kept.push({
        item: { kind: entry.event, id: entry.id, label, actor: login, bot: type === 'Bot', mine: false, at },
        type,
        login,
      });
    } else if (entry.event === 'reopened') {
      kept.push({ item: { kind: 'reopened', id: entry.id, actor: entry.actor?.login ?? '', at }, type: '', login: '' });
    }
  }
  // Whose entries are this run's own: a bot's when the token has no user, else the token's login (looked up
  // only when a person wrote a marked comment or added a kept label, so most runs never ask).
  const needsSelf = kept.some(
    ({ item, type }) =>
      type !== 'Bot' &&
      ((item.kind === 'comment' && item.body.startsWith('<!-- circuitboard:')) || item.kind === 'labeled'),
  );
  const self = needsSelf ? await (options.self ?? (() => tokenLogin(octokit)))() : undefined;
  for (const { item, type, login } of kept) {
    if (item.kind === 'reopened') continue;
    item.mine = writtenBy({ id: item.id, body: '', author: login, authorType: type }, self);
  }
  const items = kept.map(({ item }) => item);
  if (last <= budget) return { items };
  const lastCount = (pages.at(-1) ?? []).length;
  return { items, truncated: { total: (last - 1) * PER_PAGE + lastCount, read: pages.flat().length } };
}
