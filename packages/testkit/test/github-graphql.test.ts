import { getNamedType, isInputObjectType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOLVERS, resolverOf } from '../src/github/graphql/resolvers.ts';
import { githubGraphQLSchema } from '../src/github/graphql/schema.ts';
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

  it('answers through interfaces with the concrete type: a bot author is a Bot, a repository owner a User', async () => {
    gh.createRepo('octo', 'actors');
    const issue = gh.seedIssue('octo/actors', {
      title: 'by a bot',
      user: 'github-actions[bot]',
      comments: [{ body: 'hi', user: 'carol' }],
    });
    const { body } = await graphql(`{ repository(owner: "octo", name: "actors") {
      owner { __typename login }
      issue(number: ${issue.number}) {
        author { __typename login ... on Bot { id } }
        comments(first: 1) { edges { cursor node { author { __typename ... on User { login } } } } }
      }
    } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.repository.owner).toEqual({ __typename: 'User', login: 'octo' });
    expect(body.data.repository.issue.author).toMatchObject({ __typename: 'Bot', login: 'github-actions[bot]' });
    expect(body.data.repository.issue.author.id).toMatch(/^BOT_/);
    expect(body.data.repository.issue.comments.edges[0].node.author).toEqual({ __typename: 'User', login: 'carol' });
  });

  it('pages backwards with last and before, and answers edges with cursors', async () => {
    const page = async (args: string) =>
      (
        await graphql(`{ repository(owner: "octo", name: "projects") {
          issues(${args}) { edges { cursor node { number } } pageInfo { hasPreviousPage hasNextPage startCursor } }
        } }`)
      ).body.data.repository.issues;
    const last = await page('last: 2');
    expect(last.edges.map((e: { node: { number: number } }) => e.node.number)).toEqual([4, 5]);
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await page(`last: 2, before: "${last.pageInfo.startCursor}"`);
    expect(before.edges.map((e: { node: { number: number } }) => e.node.number)).toEqual([2, 3]);
  });

  it('filters issues by assignee and milestone the way GitHub reads IssueFilters (a name, * or null)', async () => {
    gh.createRepo('octo', 'filters');
    const milestone = gh.seedMilestone('octo/filters', { title: 'M' }).number;
    gh.seedIssue('octo/filters', { title: 'assigned', assignees: ['bob'], milestone });
    gh.seedIssue('octo/filters', { title: 'nobody' });
    const numbers = async (filter: string) =>
      (
        await graphql(
          `{ repository(owner: "octo", name: "filters") { issues(first: 10, filterBy: ${filter}) { nodes { title } } } }`,
        )
      ).body.data.repository.issues.nodes.map((n: { title: string }) => n.title);
    expect(await numbers('{assignee: "BOB"}')).toEqual(['assigned']);
    expect(await numbers('{assignee: "*"}')).toEqual(['assigned']);
    expect(await numbers('{assignee: null}')).toEqual(['nobody']);
    expect(await numbers(`{milestoneNumber: "${milestone}"}`)).toEqual(['assigned']);
    expect(await numbers('{milestoneNumber: null}')).toEqual(['nobody']);
  });

  it('hides a private repository from a token that cannot read it, as GitHub does', async () => {
    const strict = await startFakeGitHub({ tokens: { mine: 'alice', other: 'mallory' } });
    try {
      strict.createRepo('alice', 'secret', { private: true });
      const ask = async (token: string) => {
        const res = await fetch(strict.graphqlUrl, {
          method: 'POST',
          headers: { authorization: `bearer ${token}` },
          body: JSON.stringify({ query: '{ repository(owner: "alice", name: "secret") { isPrivate } }' }),
        });
        return (await res.json()) as Json;
      };
      expect((await ask('mine')).data).toEqual({ repository: { isPrivate: true } });
      const hidden = await ask('other');
      expect(hidden.data).toEqual({ repository: null });
      expect(hidden.errors[0]).toMatchObject({
        type: 'NOT_FOUND',
        message: "Could not resolve to a Repository with the name 'alice/secret'.",
      });
    } finally {
      await strict.close();
    }
  });

  it('refuses a query over 500,000 possible nodes and a query over the remaining points', async () => {
    const huge =
      await graphql(`{ repository(owner: "octo", name: "projects") { defaultBranchRef { target { ... on Commit {
      history(first: 100) { nodes { parents(first: 100) { nodes { parents(first: 100) { totalCount } } } } }
    } } } } }`);
    expect(huge.body).toEqual({
      errors: [
        {
          type: 'MAX_NODE_LIMIT_EXCEEDED',
          message: 'This query requests up to 1,010,100 possible nodes which exceeds the maximum limit of 500,000.',
        },
      ],
    });
    const poor = await startFakeGitHub({ rateLimit: { graphql: 1 } });
    try {
      const ask = async () =>
        (
          await fetch(poor.graphqlUrl, {
            method: 'POST',
            headers: { authorization: 'bearer t' },
            body: JSON.stringify({ query: '{ viewer { login } }' }),
          })
        ).json();
      expect(await ask()).toEqual({ data: { viewer: { login: 'github-actions[bot]' } } });
      expect(await ask()).toEqual({
        errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }],
      });
    } finally {
      await poor.close();
    }
  });
});

describe("the resolvers and GitHub's schema", () => {
  it('every resolver answers a field GitHub has, and honours only arguments GitHub has', () => {
    const schema = githubGraphQLSchema();
    const problems: string[] = [];
    for (const [typeName, fields] of Object.entries(RESOLVERS)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) {
        problems.push(`${typeName} is not an object type of GitHub's schema`);
        continue;
      }
      for (const fieldName of Object.keys(fields)) {
        const field = type.getFields()[fieldName];
        if (!field) {
          problems.push(`${typeName}.${fieldName} is not in GitHub's schema`);
          continue;
        }
        for (const argument of resolverOf(typeName, fieldName)?.args ?? []) {
          const [name, inner] = argument.split('.');
          const definition = field.args.find((a) => a.name === name);
          const input = definition && getNamedType(definition.type);
          if (!definition || (inner && !(isInputObjectType(input) && input.getFields()[inner])))
            problems.push(`${typeName}.${fieldName}(${argument}) is not in GitHub's schema`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
