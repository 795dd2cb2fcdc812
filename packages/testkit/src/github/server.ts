import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FaultKind, FaultPlan } from '../faults.ts';
import { listenLocal, type Reply, readJsonRequest, writeReply } from '../http.ts';
import { type RecordedRequest, Recorder, type RequestFilter, type Violation } from '../recorder.ts';
import { GitHubError, invalidRequest, notFound } from './errors.ts';
import type { GitPerson } from './git-objects.ts';
import { executeGraphQL, prepareGraphQL } from './graphql.ts';
import { type GitHubSpec, loadGitHubSpec, type Operation } from './openapi.ts';
import { RateWindow } from './rate-limit.ts';
import type { RouteContext, RouteResult } from './routes/context.ts';
import { RATE_LIMIT_OPERATION, ROUTES } from './routes/index.ts';
import { mergePull } from './routes/pulls.ts';
import { type GitHubActivity, type SeedCommit, type SeedIssue, seedActivity, seedIssue } from './seed.ts';
import { Shapes } from './shapes.ts';
import {
  type CommentRecord,
  GitHubState,
  githubDueOn,
  type IssueRecord,
  type IssueState,
  isoSeconds,
  type LabelRecord,
  type MilestoneRecord,
  type Permission,
  type RepoOptions,
  type RepoRecord,
} from './state.ts';

export interface FakeGitHubOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Clock for every timestamp the fake writes (created_at, commit dates, …). Rate-limit windows use wall time. */
  now?: () => Date;
  /** token → login. When given, only these tokens are accepted; otherwise any non-empty token acts as `actor`. */
  tokens?: Record<string, string>;
  /** Login of the token's user when `tokens` is not given; default `github-actions[bot]`. */
  actor?: string;
  /** Check every response against GitHub's schema and answer 500 on a mismatch; default true. */
  validateResponses?: boolean;
  /**
   * Body keys the operation's schema does not declare: GitHub ignores them ('allow'), the fake records a
   * violation and answers like GitHub ('record', default), or refuses with 422 ('reject').
   */
  unknownBodyFields?: 'allow' | 'record' | 'reject';
  /** Requests (REST) and points (GraphQL) per hour; default 5000 each. */
  rateLimit?: { core?: number; graphql?: number };
}

export type { GitHubActivity, SeedCommit, SeedIssue };

export interface RepoSnapshot {
  defaultBranch: string;
  refs: Record<string, string>;
  issues: IssueRecord[];
  comments: CommentRecord[];
  labels: LabelRecord[];
  milestones: MilestoneRecord[];
  permissions: Record<string, Permission>;
}

export interface FakeGitHub {
  /** REST base, e.g. http://127.0.0.1:PORT (give it to Octokit as baseUrl). */
  readonly url: string;
  /** `${url}/graphql`. */
  readonly graphqlUrl: string;
  readonly port: number;
  readonly faults: FaultPlan<FaultKind>;
  readonly requests: RecordedRequest[];
  readonly violations: Violation[];
  /** The whole in-memory model, for what the helpers below do not cover. */
  readonly store: GitHubState;
  /** Milliseconds this process spent reading and parsing GitHub's OpenAPI description (done once, then cached). */
  readonly specLoadMs: number;
  close(): Promise<void>;
  resetRecord(): void;
  count(filter?: RequestFilter): number;
  assertNoViolations(): void;
  /** Returns "owner/repo". */
  createRepo(owner: string, name: string, options?: RepoOptions): string;
  setPermission(repo: string, user: string, permission: Permission): void;
  seedIssue(repo: string, issue: SeedIssue): IssueRecord;
  seedComment(
    repo: string,
    issue: number,
    comment: { body: string; user?: string; created_at?: string },
  ): CommentRecord;
  seedLabel(repo: string, label: { name: string; color?: string; description?: string }): LabelRecord;
  /** Edits an issue as a person would on github.com; a changed body moves its `lastEditedAt`. */
  editIssue(repo: string, issue: number, fields: { title?: string; body?: string }): IssueRecord;
  /** Adds and removes labels of an issue as `actor`, with the labeled/unlabeled events the timeline shows. */
  labelIssue(repo: string, issue: number, change: { add?: string[]; remove?: string[] }, actor: string): IssueRecord;
  /** Closes or reopens an issue as `actor`, with the event the timeline shows. */
  setIssueState(repo: string, issue: number, state: IssueState, actor: string): IssueRecord;
  seedMilestone(
    repo: string,
    milestone: { title: string; due_on?: string | null; state?: IssueState; description?: string; created_at?: string },
  ): MilestoneRecord;
  /** One commit changing some files on a branch (created from the default branch when missing); returns its sha. */
  seedCommit(repo: string, commit: SeedCommit): string;
  /** One commit whose tree is exactly `files` on `branch`; returns its sha. */
  pushFiles(repo: string, branch: string, files: Record<string, string>, message: string): string;
  /** Files at a branch, tag or sha, as text by path. */
  readTree(repo: string, ref: string): Record<string, string>;
  mergePull(repo: string, number: number, actor?: string): string;
  seedActivity(repo: string, activity: GitHubActivity): void;
  state(repo: string): RepoSnapshot;
}

const DOCS = 'https://docs.github.com/rest';
const IMPLEMENTED = new Set([...Object.keys(ROUTES), RATE_LIMIT_OPERATION]);

/**
 * Why a response breaks GitHub's OpenAPI description for the operation `method path` resolves to, or undefined.
 * For tests that want to check a recorded response themselves (the fake already checks its own).
 */
export function checkGitHubResponse(method: string, path: string, status: number, body: unknown): string | undefined {
  const spec = loadGitHubSpec(IMPLEMENTED);
  const match = spec.match(method.toUpperCase(), new URL(path, 'http://fake').pathname);
  if (!('operation' in match)) return `GitHub's REST API has no route ${method} ${path}`;
  if (!match.operation.raw) return `the fake GitHub kept no schema for ${match.operation.id}`;
  return spec.checkResponse(match.operation, status, body);
}

function pickRepo(state: GitHubState, name: string): RepoRecord {
  return state.requireRepo(name);
}

function pickIssue(state: GitHubState, repo: string, number: number): IssueRecord {
  const issue = state.requireRepo(repo).issues.get(number);
  if (!issue) throw new Error(`the fake GitHub has no issue #${number} in ${repo}`);
  return issue;
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const spec: GitHubSpec = loadGitHubSpec(IMPLEMENTED);
  const store = new GitHubState(options.now ?? (() => new Date()));
  const recorder = new Recorder();
  const faults = new FaultPlan<FaultKind>();
  const rates = {
    core: new RateWindow(options.rateLimit?.core ?? 5000),
    graphql: new RateWindow(options.rateLimit?.graphql ?? 5000),
  };
  const validateResponses = options.validateResponses ?? true;
  const unknownFields = options.unknownBodyFields ?? 'record';
  const defaultActor = options.actor ?? 'github-actions[bot]';
  let shapes: Shapes | undefined;
  let base = '';

  const reply = (
    status: number,
    body: unknown,
    resource: 'core' | 'graphql',
    extra: Record<string, string> = {},
  ): Reply => ({
    status,
    headers: {
      ...rates[resource].headers(resource),
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': randomUUID().toUpperCase(),
      'x-github-media-type': 'github.v3; format=json',
      ...extra,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

  const errorReply = (error: GitHubError, resource: 'core' | 'graphql'): Reply =>
    reply(error.status, error.body, resource, error.headers);

  const actorFor = (req: IncomingMessage): string | undefined => {
    const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const token = match?.[1];
    if (!token) return undefined;
    if (options.tokens) return options.tokens[token];
    return defaultActor;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { method, path, query: rawQuery, body, badJson } = await readJsonRequest(req, base);
    const record = recorder.record({ method, path, query: rawQuery, body, status: 0, at: new Date() });
    const send = (r: Reply) => {
      record.status = r.status;
      writeReply(res, r);
    };
    const isGraphQL = path === '/graphql';
    const match = isGraphQL ? undefined : spec.match(method, path);
    const operation = match && 'operation' in match ? match.operation : undefined;
    if (operation) record.route = operation.template;
    else if (isGraphQL) record.route = '/graphql';
    const resource = isGraphQL ? 'graphql' : 'core';

    const fault = faults.take(method, path, record.route);
    if (fault) {
      record.fault = fault.kind;
      if (fault.kind === 'timeout') return; // hangs until the client gives up or the server closes
      if (fault.kind === '5xx') {
        const status = fault.status ?? 500;
        send(
          reply(
            status,
            { message: status === 502 ? 'Bad Gateway' : 'Server Error', documentation_url: DOCS },
            resource,
          ),
        );
        return;
      }
      if (fault.kind === '429') {
        const reset = Math.ceil(Date.now() / 1000) + fault.retryAfter;
        send(
          reply(
            fault.status ?? 429,
            {
              message: 'API rate limit exceeded for user ID 1.',
              documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
            },
            resource,
            {
              'retry-after': String(fault.retryAfter),
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': String(reset),
            },
          ),
        );
        return;
      }
      if (fault.kind === 'secondary-rate-limit') {
        send(
          reply(
            fault.status ?? 403,
            {
              message:
                'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
              documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
            },
            resource,
            { 'retry-after': String(fault.retryAfter) },
          ),
        );
        return;
      }
    }
    const dropAfterWrite = fault?.kind === 'drop-after-write';
    const finish = (r: Reply) => {
      if (dropAfterWrite) {
        // The change is made; the client only sees a connection reset.
        res.socket?.destroy();
        return;
      }
      send(r);
    };

    const actor = actorFor(req);
    if (!actor) {
      send(
        reply(
          401,
          {
            message: isGraphQL ? 'This endpoint requires you to be authenticated.' : 'Bad credentials',
            documentation_url: DOCS,
            status: '401',
          },
          resource,
        ),
      );
      return;
    }

    if (isGraphQL) {
      finish(graphql(method, path, body, badJson, actor));
      return;
    }
    if (!match || !operation) {
      const unknown = match && 'unknown' in match ? match.unknown : 'path';
      recorder.violation(
        'unknown-route',
        method,
        path,
        unknown === 'method'
          ? `GitHub's REST API has no ${method} on ${path}`
          : `GitHub's REST API has no route ${method} ${path}`,
      );
      send(reply(404, notFound().body, resource));
      return;
    }
    finish(rest(operation, 'params' in match ? match.params : {}, method, path, rawQuery, body, badJson, actor, req));
  };

  const rest = (
    operation: Operation,
    params: Record<string, string>,
    method: string,
    path: string,
    rawQuery: Record<string, string>,
    body: unknown,
    badJson: boolean,
    actor: string,
    req: IncomingMessage,
  ): Reply => {
    const handler = ROUTES[operation.id];
    if (!handler && operation.id !== RATE_LIMIT_OPERATION) {
      recorder.violation(
        'not-implemented',
        method,
        path,
        `the fake GitHub does not implement ${operation.id} (${operation.method} ${operation.template}); add it under packages/testkit/src/github/routes`,
      );
      return reply(404, notFound().body, 'core');
    }
    const pathCheck = spec.validatePathParams(operation, params);
    if (pathCheck.problems.length > 0) {
      recorder.violation('invalid-path', method, path, pathCheck.problems.map((p) => p.message).join(' '));
      return reply(404, notFound().body, 'core');
    }
    const queryCheck = spec.validateQuery(operation, rawQuery);
    const resourceName = resourceOf(operation.id);
    if (queryCheck.problems.length > 0) {
      recorder.violation('invalid-query', method, path, queryCheck.problems.map((p) => p.message).join(' '));
      return errorReply(invalidRequest(resourceName, queryCheck.problems), 'core');
    }
    if (badJson) {
      recorder.violation('invalid-body', method, path, 'the body is not valid JSON');
      return reply(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' }, 'core');
    }
    if (operation.raw?.requestBody) {
      const problems = spec.validateBody(operation, body);
      if (problems.length > 0) {
        recorder.violation('invalid-body', method, path, problems.map((p) => p.message).join(' '));
        return errorReply(invalidRequest(resourceName, problems), 'core');
      }
      const extra = unknownFields === 'allow' ? [] : spec.unknownBodyFields(operation, body);
      if (extra.length > 0) {
        const message = extra.map((key) => `"${key}" is not a permitted key.`).join(' ');
        recorder.violation('unknown-body-field', method, path, `${message} (GitHub ignores it; check for a typo)`);
        if (unknownFields === 'reject') {
          return errorReply(
            invalidRequest(
              resourceName,
              extra.map((field) => ({
                field,
                code: 'unprocessable' as const,
                message: `"${field}" is not a permitted key.`,
              })),
            ),
            'core',
          );
        }
      }
    }
    if (operation.id === RATE_LIMIT_OPERATION) {
      const core = rates.core.json();
      const graphql = rates.graphql.json();
      const other = (limit: number) => ({ limit, remaining: limit, reset: core.reset, used: 0 });
      return reply(
        200,
        {
          resources: {
            core,
            graphql,
            search: other(30),
            code_search: other(10),
            integration_manifest: other(5000),
            source_import: other(100),
          },
          rate: core,
        },
        'core',
      );
    }
    rates.core.roll();
    if (rates.core.remaining === 0) {
      return reply(
        403,
        {
          message: 'API rate limit exceeded for user ID 1.',
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
        },
        'core',
      );
    }
    rates.core.used += 1;
    const ctx: RouteContext = {
      state: store,
      shapes: shapes as Shapes,
      params,
      query: queryCheck.values,
      rawQuery,
      body,
      actor,
      path,
      base,
    };
    let result: RouteResult;
    try {
      result = (handler as NonNullable<typeof handler>)(ctx);
    } catch (error) {
      if (error instanceof GitHubError) return errorReply(error, 'core');
      throw error;
    }
    const headers: Record<string, string> = { ...(result.headers ?? {}) };
    if (method === 'GET' && result.status === 200) {
      const etag = `W/"${createHash('sha1')
        .update(JSON.stringify(result.body ?? null))
        .digest('hex')}"`;
      headers.etag = etag;
      headers['cache-control'] = 'private, max-age=60, s-maxage=60';
      const wanted = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
      if (wanted.includes(etag.replace(/^W\//, '')) || wanted.includes('*')) {
        // Conditional requests answered 304 do not count against the rate limit.
        rates.core.used -= 1;
        return reply(304, undefined, 'core', { etag });
      }
    }
    if (validateResponses) {
      const problem = spec.checkResponse(operation, result.status, result.body);
      if (problem) {
        recorder.violation('invalid-response', method, path, problem);
        return reply(500, { message: `the fake GitHub broke GitHub's OpenAPI description: ${problem}` }, 'core');
      }
    }
    return reply(result.status, result.body, 'core', headers);
  };

  const graphql = (method: string, path: string, body: unknown, badJson: boolean, actor: string): Reply => {
    if (method !== 'POST') {
      recorder.violation('unknown-route', method, path, 'GitHub answers GraphQL on POST /graphql only');
      return reply(404, notFound().body, 'graphql');
    }
    if (badJson || body === null || typeof body !== 'object') {
      recorder.violation('invalid-body', method, path, 'the GraphQL request is not a JSON object');
      return reply(400, { message: 'Problems parsing JSON', documentation_url: DOCS }, 'graphql');
    }
    // GitHub answers every GraphQL error with 200 and an `errors` array, even a query it cannot parse.
    const prepared = prepareGraphQL(body as Record<string, unknown>);
    if ('refused' in prepared) {
      recorder.violation(prepared.refused, method, path, prepared.errors.map((e) => e.message).join(' | '));
      return reply(200, { errors: prepared.errors }, 'graphql');
    }
    const window = rates.graphql;
    window.roll();
    if (window.remaining < prepared.cost) {
      return reply(
        200,
        { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] },
        'graphql',
      );
    }
    window.used += prepared.cost;
    const outcome = executeGraphQL(prepared, {
      state: store,
      base,
      actor,
      rate: {
        limit: window.limit,
        remaining: window.remaining,
        used: window.used,
        resetAt: isoSeconds(new Date(window.resetAt)),
      },
    });
    for (const error of outcome.errors) {
      if (error.type !== 'NOT_FOUND') recorder.violation('invalid-graphql', method, path, error.message);
    }
    return reply(
      200,
      outcome.errors.length > 0 ? { data: outcome.data, errors: outcome.errors } : { data: outcome.data },
      'graphql',
    );
  };

  const server = await listenLocal(handle, options.port ?? 0);
  base = server.origin;
  shapes = new Shapes(base, store);

  const fake: FakeGitHub = {
    url: base,
    graphqlUrl: `${base}/graphql`,
    port: server.port,
    faults,
    requests: recorder.requests,
    violations: recorder.violations,
    store,
    specLoadMs: spec.loadMs,
    close: () => server.close(),
    resetRecord: () => recorder.reset(),
    count: (filter) => recorder.count(filter),
    assertNoViolations: () => recorder.assertNoViolations(),
    createRepo(owner, name, repoOptions) {
      store.createRepo(owner, name, repoOptions);
      return `${owner}/${name}`;
    },
    setPermission(repo, user, permission) {
      pickRepo(store, repo).permissions.set(user.toLowerCase(), permission);
      store.user(user);
    },
    seedIssue(repo, seed) {
      return seedIssue(store, pickRepo(store, repo), seed);
    },
    seedComment(repo, number, comment) {
      const record = pickRepo(store, repo);
      const issue = record.issues.get(number);
      if (!issue) throw new Error(`${repo} has no issue #${number}`);
      return store.addComment(
        record,
        issue,
        comment.body,
        comment.user ?? defaultActor,
        comment.created_at ?? store.timestamp(),
      );
    },
    editIssue(repo, number, fields) {
      const issue = pickIssue(store, repo, number);
      store.editIssue(issue, fields);
      return issue;
    },
    labelIssue(repo, number, change, actor) {
      const record = pickRepo(store, repo);
      const issue = pickIssue(store, repo, number);
      const remove = new Set((change.remove ?? []).map((n) => n.toLowerCase()));
      const kept = issue.labels.filter((n) => !remove.has(n.toLowerCase()));
      store.setIssueLabels(record, issue, [...kept, ...(change.add ?? [])], actor);
      issue.updated_at = store.timestamp();
      return issue;
    },
    setIssueState(repo, number, state, actor) {
      const issue = pickIssue(store, repo, number);
      store.setIssueState(issue, state, actor, state === 'closed' ? 'not_planned' : undefined);
      issue.updated_at = store.timestamp();
      return issue;
    },
    seedLabel(repo, label) {
      const record = pickRepo(store, repo);
      const created = store.ensureLabel(record, label.name);
      if (label.color) created.color = label.color;
      if (label.description !== undefined) created.description = label.description;
      return created;
    },
    seedMilestone(repo, milestone) {
      const record = pickRepo(store, repo);
      const at = milestone.created_at ?? store.timestamp();
      return store.createMilestone(record, {
        title: milestone.title,
        creator: defaultActor,
        due_on: milestone.due_on ? githubDueOn(milestone.due_on) : null,
        state: milestone.state ?? 'open',
        closed_at: milestone.state === 'closed' ? at : null,
        description: milestone.description ?? null,
        created_at: at,
        updated_at: at,
      });
    },
    seedCommit(repo, commit) {
      const record = pickRepo(store, repo);
      return store.commitFiles(record, commit.branch ?? record.defaultBranch, commit.files, commit.message, {
        ...(commit.date ? { date: commit.date } : {}),
        ...(commit.author ? { author: commit.author satisfies Partial<GitPerson> } : {}),
      });
    },
    pushFiles(repo, branch, files, message) {
      return store.commitFiles(pickRepo(store, repo), branch, files, message, { replace: true });
    },
    readTree(repo, ref) {
      return store.readTree(pickRepo(store, repo), ref);
    },
    mergePull(repo, number, actor) {
      const record = pickRepo(store, repo);
      const issue = record.issues.get(number);
      if (!issue?.pull) throw new Error(`${repo} has no pull request #${number}`);
      return mergePull(store, record, issue, actor ?? defaultActor);
    },
    seedActivity(repo, activity) {
      seedActivity(store, pickRepo(store, repo), activity, defaultActor);
    },
    state(repo) {
      const record = pickRepo(store, repo);
      return structuredClone({
        defaultBranch: record.defaultBranch,
        refs: Object.fromEntries(record.refs),
        issues: [...record.issues.values()],
        comments: [...record.comments.values()],
        labels: [...record.labels.values()],
        milestones: [...record.milestones.values()],
        permissions: Object.fromEntries(record.permissions),
      });
    },
  };
  return fake;
}

/** "issues/create-milestone" → "Milestone", the resource named in GitHub's 422 errors. */
function resourceOf(operationId: string): string {
  const words: Record<string, string> = {
    issues: 'Issue',
    comment: 'IssueComment',
    label: 'Label',
    labels: 'Label',
    milestone: 'Milestone',
    pulls: 'PullRequest',
    ref: 'Reference',
    tree: 'Tree',
    commit: 'Commit',
    blob: 'Blob',
  };
  const [group = '', action = ''] = operationId.split('/');
  const last = action.split('-').pop() ?? '';
  return words[last] ?? words[group] ?? (last.charAt(0).toUpperCase() + last.slice(1) || 'Resource');
}
