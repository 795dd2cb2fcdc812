import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../src/index.ts';
import type { Json } from './http.ts';

let gh: FakeGitHub;

async function graphql(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(gh.graphqlUrl, {
    method: 'POST',
    headers: { authorization: 'bearer test', 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  gh = await startFakeGitHub();
  gh.createRepo('octo', 'projects');
  for (let i = 1; i <= 5; i++) {
    const day = String(i).padStart(2, '0');
    gh.seedIssue('octo/projects', {
      title: `issue ${i}`,
      user: 'alice',
      labels: i % 2 === 0 ? ['even'] : [],
      created_at: `2026-10-${day}T10:00:00Z`,
      updated_at: `2026-10-${day}T12:00:00Z`,
      comments: i === 5 ? [{ body: 'hi', user: 'bob', created_at: '2026-10-06T00:00:00Z' }] : [],
    });
  }
  gh.seedCommit('octo/projects', {
    branch: 'topic',
    message: 'topic work',
    files: { 'a.md': 'a' },
    date: '2026-10-07T00:00:00Z',
  });
  gh.seedIssue('octo/projects', { title: 'a pull', pull: { head: 'topic' }, created_at: '2026-10-07T00:00:00Z' });
  gh.seedMilestone('octo/projects', { title: 'M1', due_on: '2026-11-15T12:00:00Z' });
  for (const day of ['10', '11', '12']) {
    gh.seedCommit('octo/projects', {
      message: `commit ${day}`,
      files: { [`notes/${day}.md`]: day },
      date: `2026-10-${day}T00:00:00Z`,
      author: { name: 'Alice', email: 'alice@users.noreply.github.com' },
    });
  }
});
afterAll(() => gh.close());

describe('GraphQL', () => {
  it('pages issues updated since a date, with cursors, totalCount and nested connections', async () => {
    const query = `query Issues($owner: String!, $name: String!, $after: String, $since: DateTime) {
      repository(owner: $owner, name: $name) {
        issues(first: 2, after: $after, filterBy: {since: $since}, orderBy: {field: UPDATED_AT, direction: ASC}) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { number title state author { login } labels(first: 5) { nodes { name } } comments(first: 1) { totalCount } }
        }
      }
    }`;
    const vars = { owner: 'octo', name: 'projects', since: '2026-10-02T00:00:00Z' };
    const first = await graphql(query, vars);
    expect(first.status).toBe(200);
    const issues = first.body.data.repository.issues;
    expect(issues.totalCount).toBe(4);
    expect(issues.nodes.map((n: { number: number }) => n.number)).toEqual([2, 3]);
    expect(issues.nodes[0]).toMatchObject({
      state: 'OPEN',
      author: { login: 'alice' },
      labels: { nodes: [{ name: 'even' }] },
    });
    const second = await graphql(query, { ...vars, after: issues.pageInfo.endCursor });
    const rest = second.body.data.repository.issues;
    expect(rest.nodes.map((n: { number: number }) => n.number)).toEqual([4, 5]);
    expect(rest.nodes[1].comments.totalCount).toBe(1);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('keeps pull requests out of issues and serves them under pullRequests', async () => {
    const { body } = await graphql(`{ repository(owner: "octo", name: "projects") {
      issues(first: 100) { totalCount }
      pullRequests(first: 10, states: [OPEN]) { nodes { number headRefName baseRefName merged changedFiles files(first: 5) { nodes { path additions changeType } } } }
    } }`);
    expect(body.data.repository.issues.totalCount).toBe(5);
    expect(body.data.repository.pullRequests.nodes).toEqual([
      {
        number: 6,
        headRefName: 'topic',
        baseRefName: 'main',
        merged: false,
        changedFiles: 1,
        files: { nodes: [{ path: 'a.md', additions: 1, changeType: 'ADDED' }] },
      },
    ]);
  });

  it('walks the default branch history between since and until, with rateLimit', async () => {
    const { body } = await graphql(`query {
      repository(owner: "octo", name: "projects") {
        milestones(first: 5, states: [OPEN]) { nodes { title dueOn state } }
        defaultBranchRef { name target { ... on Commit { history(first: 10, since: "2026-10-10T12:00:00Z", until: "2026-10-12T12:00:00Z") {
          totalCount nodes { messageHeadline committedDate author { name email user { login } } }
        } } } }
      }
      rateLimit { cost remaining limit }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.repository.milestones.nodes).toEqual([
      { title: 'M1', dueOn: '2026-11-15T08:00:00Z', state: 'OPEN' },
    ]);
    const history = body.data.repository.defaultBranchRef.target.history;
    expect(history.nodes.map((n: { messageHeadline: string }) => n.messageHeadline)).toEqual([
      'commit 12',
      'commit 11',
    ]);
    expect(history.nodes[0].author).toEqual({
      name: 'Alice',
      email: 'alice@users.noreply.github.com',
      user: { login: 'alice' },
    });
    expect(body.data.rateLimit).toMatchObject({ cost: 1, limit: 5000 });
  });

  it('computes cost like GitHub: nested connections multiply', async () => {
    const { body } = await graphql(`{ repository(owner: "octo", name: "projects") {
      issues(first: 100) { nodes { labels(first: 100) { nodes { name } } comments(first: 100) { totalCount } } }
    } rateLimit { cost } }`);
    // 1 request for issues + 100 for labels + 100 for comments = 201 → cost 2.
    expect(body.data.rateLimit.cost).toBe(2);
  });

  it('answers NOT_FOUND for a missing repository like GitHub (200 with errors)', async () => {
    const { status, body } = await graphql('{ repository(owner: "octo", name: "nope") { name } }');
    expect(status).toBe(200);
    expect(body.data.repository).toBeNull();
    expect(body.errors[0]).toMatchObject({ type: 'NOT_FOUND', path: ['repository'] });
  });

  it('refuses a connection without first or last, and more than 100 per page', async () => {
    const missing = await graphql('{ repository(owner: "octo", name: "projects") { issues { totalCount } } }');
    expect(missing.body.errors[0].type).toBe('MISSING_PAGINATION_BOUNDARIES');
    const tooMany = await graphql(
      '{ repository(owner: "octo", name: "projects") { issues(first: 101) { totalCount } } }',
    );
    expect(tooMany.body.errors[0].message).toBe(
      'Requesting 101 records on the `issues` connection exceeds the `first` limit of 100 records.',
    );
    expect(gh.violations.filter((v) => v.kind === 'invalid-graphql')).toHaveLength(2);
  });

  // GitHub answers every GraphQL error with HTTP 200 and graphql-ruby's words; the old fake answered 400.
  it("answers an unknown field with GitHub's undefinedField error", async () => {
    const { status, body } = await graphql('query Q { repository(owner: "octo", name: "projects") { nme } }');
    expect(status).toBe(200);
    expect(body).toEqual({
      errors: [
        {
          message: "Field 'nme' doesn't exist on type 'Repository'",
          locations: [{ line: 1, column: 57 }],
          path: ['query Q', 'repository', 'nme'],
          extensions: { code: 'undefinedField', typeName: 'Repository', fieldName: 'nme' },
        },
      ],
    });
    expect(gh.violations.at(-1)).toMatchObject({ kind: 'invalid-graphql' });
  });

  it("answers an argument of the wrong type with GitHub's argumentLiteralsIncompatible error", async () => {
    const { status, body } = await graphql(
      '{ repository(owner: "octo", name: "projects") { issues(first: "ten") { totalCount } } }',
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      errors: [
        {
          message: `Argument 'first' on Field 'issues' has an invalid value ("ten"). Expected type 'Int'.`,
          locations: [{ line: 1, column: 49 }],
          path: ['query', 'repository', 'issues', 'first'],
          extensions: { code: 'argumentLiteralsIncompatible', typeName: 'Field', argumentName: 'first' },
        },
      ],
    });
  });

  it("answers an undeclared variable with GitHub's variableNotDefined error", async () => {
    const { status, body } = await graphql(
      'query Page { repository(owner: "octo", name: "projects") { issues(first: 5, after: $cursor) { totalCount } } }',
      { cursor: null },
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      errors: [
        {
          message: 'Variable $cursor is used by Page but not declared',
          locations: [{ line: 1, column: 84 }],
          path: ['query Page'],
          extensions: { code: 'variableNotDefined', variableName: 'cursor' },
        },
      ],
    });
  });

  it.each([
    [
      'an unknown argument',
      '{ repository(owner: "o", name: "r", bogus: 1) { name } }',
      "Field 'repository' doesn't accept argument 'bogus'",
      'argumentNotAccepted',
    ],
    [
      'a missing required argument',
      '{ repository(owner: "o") { name } }',
      "Field 'repository' is missing required arguments: name",
      'missingRequiredArguments',
    ],
    [
      'an object field without selections',
      '{ repository(owner: "o", name: "r") { owner } }',
      "Field must have selections (field 'owner' returns RepositoryOwner but has no selections. Did you mean 'owner { ... }'?)",
      'selectionMismatch',
    ],
    [
      'a bad enum value',
      '{ repository(owner: "o", name: "r") { issues(first: 1, states: [DONE]) { totalCount } } }',
      "Argument 'states' on Field 'issues' has an invalid value ([DONE]). Expected type '[IssueState!]'.",
      'argumentLiteralsIncompatible',
    ],
    [
      'an unused variable',
      'query Q($n: Int) { viewer { login } }',
      'Variable $n is declared by Q but not used',
      'variableNotUsed',
    ],
    [
      'a fragment that is not defined',
      '{ repository(owner: "o", name: "r") { ...Missing } }',
      'Fragment Missing was used, but not defined',
      'useAndDefineFragment',
    ],
  ])('answers %s as GitHub does: 200 with its error', async (_what, query, message, code) => {
    const before = gh.violations.length;
    const { status, body } = await graphql(query);
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([expect.objectContaining({ message, extensions: expect.objectContaining({ code }) })]);
    expect(gh.violations.slice(before)).toEqual([expect.objectContaining({ kind: 'invalid-graphql' })]);
  });

  it("answers a query that does not parse with GitHub's parse error", async () => {
    const { status, body } = await graphql('{ repository(owner: "o", name: "r") { name }');
    expect(status).toBe(200);
    expect(body).toEqual({ errors: [{ message: 'Unexpected end of document', locations: [{ line: 1, column: 45 }] }] });
    const token = await graphql('{ repository(owner: "o", name: "r") { } }');
    expect(token.body.errors[0].message).toBe('Parse error on "}" (RCURLY) at [1, 39]');
  });

  it.each([
    ['a field', '{ repository(owner: "octo", name: "projects") { stargazerCount } }', 'Repository.stargazerCount'],
    ['a mutation', 'mutation { addStar(input: {starrableId: "x"}) { clientMutationId } }', 'Mutation.addStar'],
    [
      'a filter',
      '{ repository(owner: "octo", name: "projects") { issues(first: 1, filterBy: {mentioned: "bob"}) { totalCount } } }',
      'the argument filterBy.mentioned of Repository.issues',
    ],
  ])('refuses %s that GitHub has but the fake does not answer, naming it', async (_what, query, named) => {
    const before = gh.violations.length;
    const { status, body } = await graphql(query);
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(`does not answer ${named}`),
        extensions: expect.objectContaining({ code: 'notImplementedByFakeGitHub' }),
      }),
    ]);
    expect(gh.violations.slice(before)).toEqual([expect.objectContaining({ kind: 'unsupported-graphql' })]);
  });

  it('checks variable types against the arguments they feed, and variable values against their types', async () => {
    const mismatch = await graphql(
      'query($since: String) { repository(owner: "octo", name: "projects") { issues(first: 1, filterBy: {since: $since}) { totalCount } } }',
      { since: '2026-10-01T00:00:00Z' },
    );
    expect(mismatch.status).toBe(200);
    expect(mismatch.body.errors[0]).toMatchObject({
      message: 'Type mismatch on variable $since and argument since (String / DateTime)',
      extensions: { code: 'variableMismatch', variableName: 'since', argumentName: 'since' },
    });
    const bad = await graphql(
      'query($since: DateTime) { repository(owner: "octo", name: "projects") { issues(first: 1, filterBy: {since: $since}) { totalCount } } }',
      { since: 'yesterday' },
    );
    expect(bad.status).toBe(200);
    expect(bad.body.errors).toEqual([
      {
        message: 'Variable $since of type DateTime was provided invalid value',
        locations: [{ line: 1, column: 7 }],
        extensions: {
          value: 'yesterday',
          problems: [{ path: [], explanation: 'Could not coerce value "yesterday" to DateTime' }],
        },
      },
    ]);
    const order = await graphql(
      'query($order: IssueOrder) { repository(owner: "octo", name: "projects") { issues(first: 1, orderBy: $order) { totalCount } } }',
      { order: { field: 'TITLE' } },
    );
    expect(order.body.errors[0].message).toBe(
      'Variable $order of type IssueOrder was provided invalid value for direction (Expected value to not be null), field (Expected "TITLE" to be one of: COMMENTS, CREATED_AT, UPDATED_AT)',
    );
  });

  it('supports aliases, fragments, __typename and @include', async () => {
    const { body } = await graphql(
      `query($withTitle: Boolean!) {
      a: repository(owner: "octo", name: "projects") { ...Repo }
    }
    fragment Repo on Repository { __typename nameWithOwner first: issue(number: 1) { title @include(if: $withTitle) number } }`,
      { withTitle: false },
    );
    expect(body.data).toEqual({
      a: { __typename: 'Repository', nameWithOwner: 'octo/projects', first: { number: 1 } },
    });
  });

  it('counts points against the graphql rate-limit resource', async () => {
    const res = await fetch(gh.graphqlUrl, {
      method: 'POST',
      headers: { authorization: 'bearer test' },
      body: JSON.stringify({ query: '{ rateLimit { remaining } }' }),
    });
    expect(res.headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(Number(res.headers.get('x-ratelimit-used'))).toBeGreaterThan(0);
  });
});
