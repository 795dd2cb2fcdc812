import { notFound } from '../errors.ts';
import type { Shapes } from '../shapes.ts';
import type { GitHubState, RepoRecord } from '../state.ts';

export interface RouteContext {
  state: GitHubState;
  shapes: Shapes;
  /** Path parameters, decoded. */
  params: Record<string, string>;
  /** Query parameters coerced to the types of GitHub's description (per_page is a number, …). */
  query: Record<string, unknown>;
  /** The query as sent, to build Link headers. */
  rawQuery: Record<string, string>;
  /** The JSON body, already checked against the operation's schema. */
  body: unknown;
  /** Login of the token's user. */
  actor: string;
  /** Request path without the query string. */
  path: string;
  /** Fake's REST base URL. */
  base: string;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult;

export function repoOf(ctx: RouteContext): RepoRecord {
  const { owner, repo } = ctx.params;
  const found = owner !== undefined && repo !== undefined ? ctx.state.repo(`${owner}/${repo}`) : undefined;
  if (!found) throw notFound();
  return found;
}

export function numberParam(ctx: RouteContext, name: string): number {
  return Number(ctx.params[name]);
}

export function ok(body: unknown, headers?: Record<string, string>): RouteResult {
  return headers ? { status: 200, body, headers } : { status: 200, body };
}

export function created(body: unknown, location: string): RouteResult {
  return { status: 201, body, headers: { location } };
}

export const noContent: RouteResult = { status: 204 };

/** A page of a list with GitHub's Link header (prev, next, last, first — in GitHub's order). */
export function paginate<T>(ctx: RouteContext, items: readonly T[], render: (item: T) => unknown): RouteResult {
  const perPage = Math.min(Math.max(Number(ctx.query.per_page ?? 30), 1), 100);
  const page = Math.max(Number(ctx.query.page ?? 1), 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const slice = items.slice((page - 1) * perPage, page * perPage).map(render);
  const link = (to: number, rel: string) => {
    const params = new URLSearchParams();
    let placed = false;
    for (const [key, value] of Object.entries(ctx.rawQuery)) {
      if (key === 'page') {
        params.set('page', String(to));
        placed = true;
      } else params.set(key, value);
    }
    if (!placed) params.set('page', String(to));
    return `<${ctx.base}${ctx.path}?${params.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return links.length > 0 ? ok(slice, { link: links.join(', ') }) : ok(slice);
}

/** Sorts by a timestamp or number field; GitHub breaks ties by number/id so pages are stable. */
export function sortBy<T>(
  items: T[],
  key: (item: T) => string | number,
  direction: unknown,
  tie: (item: T) => number,
): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return items.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x < y) return -sign;
    if (x > y) return sign;
    return (tie(a) - tie(b)) * sign;
  });
}
