import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../src/index.ts';
import { call, type Json, links } from './http.ts';

let gh: FakeGitHub;
let clock: Date;
const R = '/repos/octo/projects';

beforeEach(async () => {
  clock = new Date('2026-10-01T09:00:00Z');
  gh = await startFakeGitHub({ now: () => clock });
  gh.createRepo('octo', 'projects', { files: { 'README.md': '# projects\n', 'projects/a/project.yml': 'title: A\n' } });
});
afterEach(async () => {
  gh.assertNoViolations();
  await gh.close();
});

const tick = (hours: number) => {
  clock = new Date(clock.getTime() + hours * 3_600_000);
};

describe('issues', () => {
  it('filters by state, labels and since, sorts, and lists pull requests with a pull_request key', async () => {
    gh.seedIssue('octo/projects', {
      title: 'old',
      labels: ['proposal'],
      updated_at: '2026-09-01T00:00:00Z',
      created_at: '2026-09-01T00:00:00Z',
    });
    gh.seedIssue('octo/projects', { title: 'closed', state: 'closed', created_at: '2026-09-02T00:00:00Z' });
    gh.seedCommit('octo/projects', { branch: 'feature', message: 'work', files: { 'x.md': 'x\n' } });
    gh.seedIssue('octo/projects', { title: 'a pull', pull: { head: 'feature' }, created_at: '2026-09-03T00:00:00Z' });
    const open = await call(gh.url, 'GET', `${R}/issues`);
    expect(open.body.map((i: { title: string }) => i.title)).toEqual(['a pull', 'old']);
    expect(open.body[0].pull_request).toMatchObject({ url: `${gh.url}${R}/pulls/3` });
    expect(open.body[1].pull_request).toBeUndefined();
    const labelled = await call(gh.url, 'GET', `${R}/issues?labels=Proposal&state=all`);
    expect(labelled.body.map((i: { title: string }) => i.title)).toEqual(['old']);
    const since = await call(
      gh.url,
      'GET',
      `${R}/issues?state=all&since=2026-09-02T00:00:00Z&sort=created&direction=asc`,
    );
    expect(since.body.map((i: { title: string }) => i.title)).toEqual(['closed', 'a pull']);
  });

  it('creates, updates and closes an issue with a reason, stamping times from the clock', async () => {
    const created = await call(gh.url, 'POST', `${R}/issues`, {
      body: { title: 'Proposal', body: 'text', labels: ['proposal'] },
    });
    expect(created.body).toMatchObject({
      number: 1,
      state: 'open',
      user: { login: 'github-actions[bot]', type: 'Bot' },
    });
    expect(created.body.labels[0]).toMatchObject({ name: 'proposal', color: 'ededed' });
    tick(2);
    const closed = await call(gh.url, 'PATCH', `${R}/issues/1`, {
      body: { state: 'closed', state_reason: 'not_planned' },
    });
    expect(closed.body).toMatchObject({
      state: 'closed',
      state_reason: 'not_planned',
      closed_at: '2026-10-01T11:00:00Z',
    });
    expect(closed.body.updated_at).toBe('2026-10-01T11:00:00Z');
    expect((await call(gh.url, 'GET', `${R}/issues/99`)).status).toBe(404);
  });

  it('keeps comments: create, list with since, get, update, delete, list for the repository', async () => {
    gh.seedIssue('octo/projects', { title: 'one' });
    const first = await call(gh.url, 'POST', `${R}/issues/1/comments`, { body: { body: 'first' } });
    tick(1);
    const second = await call(gh.url, 'POST', `${R}/issues/1/comments`, { body: { body: 'second' } });
    expect(first.status).toBe(201);
    expect((await call(gh.url, 'GET', `${R}/issues/1/comments?since=2026-10-01T09:30:00Z`)).body).toHaveLength(1);
    await call(gh.url, 'PATCH', `${R}/issues/comments/${first.body.id}`, { body: { body: 'edited' } });
    expect((await call(gh.url, 'GET', `${R}/issues/comments/${first.body.id}`)).body.body).toBe('edited');
    expect((await call(gh.url, 'DELETE', `${R}/issues/comments/${second.body.id}`)).status).toBe(204);
    const all = await call(gh.url, 'GET', `${R}/issues/comments`);
    expect(all.body.map((c: { body: string }) => c.body)).toEqual(['edited']);
    expect((await call(gh.url, 'GET', `${R}/issues/1`)).body.comments).toBe(1);
  });
});

describe('the issue timeline and edit time', () => {
  it('lists comments and label and state events in the order they happened, with who did them', async () => {
    gh.seedIssue('octo/projects', { title: 'p', body: 'one', user: 'carol', labels: ['proposal'] });
    tick(1);
    gh.seedComment('octo/projects', 1, { body: '/approve', user: 'maya' });
    gh.labelIssue('octo/projects', 1, { add: ['proposal: approved'] }, 'maya');
    tick(1);
    await call(gh.url, 'DELETE', `${R}/issues/1/labels/proposal`);
    gh.setIssueState('octo/projects', 1, 'closed', 'maya');
    gh.setIssueState('octo/projects', 1, 'open', 'carol');
    const page = await call(gh.url, 'GET', `${R}/issues/1/timeline?per_page=100`);
    expect(page.status).toBe(200);
    expect(
      page.body.map((e: Json) => [e.event, e.actor.login, e.label?.name ?? e.body ?? '', e.created_at.slice(11, 13)]),
    ).toEqual([
      ['labeled', 'carol', 'proposal', '09'],
      ['commented', 'maya', '/approve', '10'],
      ['labeled', 'maya', 'proposal: approved', '10'],
      ['unlabeled', 'github-actions[bot]', 'proposal', '11'],
      ['closed', 'maya', '', '11'],
      ['reopened', 'carol', '', '11'],
    ]);
    const paged = await call(gh.url, 'GET', `${R}/issues/1/timeline?per_page=4&page=2`);
    expect(paged.body.map((e: Json) => e.event)).toEqual(['closed', 'reopened']);
    expect(links(paged.headers.get('link')).first).toContain('page=1');
  });

  it('moves lastEditedAt when the body changes, not on a title, label or comment change', async () => {
    gh.seedIssue('octo/projects', { title: 'p', body: 'one' });
    const edited = async () =>
      (
        await call(gh.url, 'POST', '/graphql', {
          body: { query: '{ repository(owner: "octo", name: "projects") { issue(number: 1) { body lastEditedAt } } }' },
        })
      ).body.data.repository.issue;
    expect(await edited()).toEqual({ body: 'one', lastEditedAt: null });
    tick(1);
    await call(gh.url, 'PATCH', `${R}/issues/1`, { body: { body: 'two' } });
    expect(await edited()).toEqual({ body: 'two', lastEditedAt: '2026-10-01T10:00:00Z' });
    tick(1);
    await call(gh.url, 'PATCH', `${R}/issues/1`, { body: { title: 'renamed', body: 'two' } });
    gh.seedComment('octo/projects', 1, { body: 'hi' });
    gh.labelIssue('octo/projects', 1, { add: ['x'] }, 'maya');
    expect((await edited()).lastEditedAt).toBe('2026-10-01T10:00:00Z');
    tick(1);
    gh.editIssue('octo/projects', 1, { body: 'three' });
    expect(await edited()).toEqual({ body: 'three', lastEditedAt: '2026-10-01T12:00:00Z' });
  });
});

describe('labels and milestones', () => {
  it('creates labels once (case-insensitively) and adds, sets and removes them on issues', async () => {
    expect((await call(gh.url, 'POST', `${R}/labels`, { body: { name: 'project: a', color: '5319e7' } })).status).toBe(
      201,
    );
    const dup = await call(gh.url, 'POST', `${R}/labels`, { body: { name: 'Project: A' } });
    expect(dup.status).toBe(422);
    expect(dup.body.errors[0]).toMatchObject({ resource: 'Label', code: 'already_exists', field: 'name' });
    expect((await call(gh.url, 'GET', `${R}/labels/${encodeURIComponent('project: a')}`)).body.color).toBe('5319e7');
    gh.seedIssue('octo/projects', { title: 'x' });
    const added = await call(gh.url, 'POST', `${R}/issues/1/labels`, { body: { labels: ['project: a', 'new'] } });
    expect(added.body.map((l: { name: string }) => l.name)).toEqual(['project: a', 'new']);
    const removed = await call(gh.url, 'DELETE', `${R}/issues/1/labels/new`);
    expect(removed.body.map((l: { name: string }) => l.name)).toEqual(['project: a']);
    expect((await call(gh.url, 'DELETE', `${R}/issues/1/labels/new`)).status).toBe(404);
    const set = await call(gh.url, 'PUT', `${R}/issues/1/labels`, { body: { labels: ['bug'] } });
    expect(set.body.map((l: { name: string }) => l.name)).toEqual(['bug']);
    const renamed = await call(gh.url, 'PATCH', `${R}/labels/bug`, { body: { new_name: 'defect', color: '#d73a4a' } });
    expect(renamed.body).toMatchObject({ name: 'defect', color: 'd73a4a' });
    expect((await call(gh.url, 'GET', `${R}/issues/1`)).body.labels[0].name).toBe('defect');
  });

  it('lists milestones by state and due date and counts their issues', async () => {
    gh.seedMilestone('octo/projects', { title: 'later', due_on: '2026-12-20T12:00:00Z' });
    gh.seedMilestone('octo/projects', { title: 'sooner', due_on: '2026-11-15T12:00:00Z' });
    gh.seedMilestone('octo/projects', { title: 'closed', state: 'closed' });
    gh.seedIssue('octo/projects', { title: 'x', milestone: 2, state: 'closed' });
    const open = await call(gh.url, 'GET', `${R}/milestones`);
    expect(open.body.map((m: { title: string }) => m.title)).toEqual(['sooner', 'later']);
    expect(open.body[0]).toMatchObject({ closed_issues: 1, open_issues: 0 });
    const all = await call(gh.url, 'GET', `${R}/milestones?state=all&direction=desc`);
    expect(all.body).toHaveLength(3);
    const closed = await call(gh.url, 'PATCH', `${R}/milestones/1`, {
      body: { state: 'closed', due_on: '2027-01-10T12:00:00Z' },
    });
    expect(closed.body).toMatchObject({
      state: 'closed',
      due_on: '2027-01-10T08:00:00Z',
      closed_at: '2026-10-01T09:00:00Z',
    });
    // GitHub's description types due_on as a string: clearing it with null is refused.
    expect((await call(gh.url, 'PATCH', `${R}/milestones/1`, { body: { due_on: null } })).status).toBe(422);
    gh.resetRecord();
  });
});

describe('git data, the way packages/github commits files', () => {
  it('reads a branch, writes blob → tree (base_tree) → commit, and moves the ref fast-forward only', async () => {
    const ref = await call(gh.url, 'GET', `${R}/git/ref/heads/main`);
    const base = ref.body.object.sha;
    const head = await call(gh.url, 'GET', `${R}/git/commits/${base}`);
    const blob = await call(gh.url, 'POST', `${R}/git/blobs`, { body: { content: 'title: B\n', encoding: 'utf-8' } });
    const b64 = await call(gh.url, 'POST', `${R}/git/blobs`, {
      body: { content: Buffer.from('raw').toString('base64'), encoding: 'base64' },
    });
    expect((await call(gh.url, 'GET', `${R}/git/blobs/${b64.body.sha}`)).body.content).toBe(
      `${Buffer.from('raw').toString('base64')}\n`,
    );
    const tree = await call(gh.url, 'POST', `${R}/git/trees`, {
      body: {
        base_tree: head.body.tree.sha,
        tree: [
          { path: 'projects/b/project.yml', mode: '100644', type: 'blob', sha: blob.body.sha },
          { path: 'projects/a/project.yml', mode: '100644', type: 'blob', sha: null },
          { path: 'notes/readme.md', mode: '100644', type: 'blob', content: 'hello' },
        ],
      },
    });
    expect(tree.status).toBe(201);
    const commit = await call(gh.url, 'POST', `${R}/git/commits`, {
      body: { message: 'Add b', tree: tree.body.sha, parents: [base] },
    });
    expect(commit.body).toMatchObject({
      message: 'Add b',
      parents: [{ sha: base }],
      verification: { verified: false },
    });
    const moved = await call(gh.url, 'PATCH', `${R}/git/refs/heads/main`, { body: { sha: commit.body.sha } });
    expect(moved.body.object.sha).toBe(commit.body.sha);
    expect(gh.readTree('octo/projects', 'main')).toEqual({
      'README.md': '# projects\n',
      'notes/readme.md': 'hello',
      'projects/b/project.yml': 'title: B\n',
    });
    const sideways = await call(gh.url, 'POST', `${R}/git/commits`, {
      body: { message: 'side', tree: tree.body.sha, parents: [base] },
    });
    const refused = await call(gh.url, 'PATCH', `${R}/git/refs/heads/main`, { body: { sha: sideways.body.sha } });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe('Update is not a fast forward');
    expect(
      (await call(gh.url, 'PATCH', `${R}/git/refs/heads/main`, { body: { sha: sideways.body.sha, force: true } }))
        .status,
    ).toBe(200);
  });

  it('creates, lists and deletes refs, refusing duplicates and unknown objects', async () => {
    const main = gh.store.branchSha(gh.store.requireRepo('octo/projects'), 'main') as string;
    expect(
      (await call(gh.url, 'POST', `${R}/git/refs`, { body: { ref: 'refs/heads/feature/x', sha: main } })).status,
    ).toBe(201);
    expect(
      (await call(gh.url, 'POST', `${R}/git/refs`, { body: { ref: 'refs/heads/feature/x', sha: main } })).body.message,
    ).toBe('Reference already exists');
    expect(
      (await call(gh.url, 'POST', `${R}/git/refs`, { body: { ref: 'refs/heads/y', sha: 'f'.repeat(40) } })).status,
    ).toBe(422);
    const matching = await call(gh.url, 'GET', `${R}/git/matching-refs/heads/feature`);
    expect(matching.body.map((r: { ref: string }) => r.ref)).toEqual(['refs/heads/feature/x']);
    // Octokit sends the ref with its slash percent-encoded.
    expect((await call(gh.url, 'GET', `${R}/git/ref/heads%2Ffeature%2Fx`)).status).toBe(200);
    expect((await call(gh.url, 'DELETE', `${R}/git/refs/heads/feature/x`)).status).toBe(204);
    expect((await call(gh.url, 'GET', `${R}/git/ref/heads/feature/x`)).status).toBe(404);
  });

  it('lists a tree recursively (for any value of recursive, as GitHub does) or one level', async () => {
    const flat = await call(gh.url, 'GET', `${R}/git/trees/main`);
    expect(flat.body.tree.map((e: { path: string }) => e.path)).toEqual(['README.md', 'projects']);
    const deep = await call(gh.url, 'GET', `${R}/git/trees/main?recursive=false`);
    expect(deep.body.tree.map((e: { path: string; type: string }) => `${e.type} ${e.path}`)).toEqual([
      'blob README.md',
      'tree projects',
      'tree projects/a',
      'blob projects/a/project.yml',
    ]);
  });

  it('serves file and directory contents at a ref, base64 wrapped at 60 characters', async () => {
    const long = 'x'.repeat(100);
    gh.seedCommit('octo/projects', { branch: 'topic', message: 'long', files: { 'projects/a/long.md': long } });
    const file = await call(gh.url, 'GET', `${R}/contents/projects/a/long.md?ref=topic`);
    expect(file.body).toMatchObject({ type: 'file', encoding: 'base64', path: 'projects/a/long.md', size: 100 });
    expect(file.body.content.split('\n')[0]).toHaveLength(60);
    expect(Buffer.from(file.body.content, 'base64').toString()).toBe(long);
    const dir = await call(gh.url, 'GET', `${R}/contents/projects?ref=topic`);
    expect(dir.body.map((e: { type: string; name: string }) => `${e.type} ${e.name}`)).toEqual(['dir a']);
    expect((await call(gh.url, 'GET', `${R}/contents/projects/a/long.md`)).status).toBe(404);
  });

  it('writes a file with the contents API: the blob sha it was read at is a compare-and-swap (409 stale, 422 missing)', async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const path = `${R}/contents/state/ledger.json`;
    const unknownBranch = await call(gh.url, 'PUT', path, {
      body: { message: 'x', content: b64('{}'), branch: 'circuitboard-state' },
    });
    expect(unknownBranch.status).toBe(404);
    expect(unknownBranch.body.message).toBe('Branch circuitboard-state not found');
    gh.seedCommit('octo/projects', { branch: 'circuitboard-state', message: 'start', files: { 'x.md': 'x' } });
    const first = await call(gh.url, 'PUT', path, {
      body: { message: 'first', content: b64('{"a":1}'), branch: 'circuitboard-state' },
    });
    expect(first.status).toBe(201);
    expect(first.body.content).toMatchObject({ path: 'state/ledger.json', type: 'file', size: 7 });
    const again = await call(gh.url, 'PUT', path, {
      body: { message: 'no sha', content: b64('{"a":2}'), branch: 'circuitboard-state' },
    });
    expect(again.status).toBe(422);
    expect(again.body.message).toMatch(/"sha" wasn't supplied/);
    const second = await call(gh.url, 'PUT', path, {
      body: { message: 'second', content: b64('{"a":2}'), sha: first.body.content.sha, branch: 'circuitboard-state' },
    });
    expect(second.status).toBe(200);
    expect(second.body.commit.parents[0].sha).toBe(first.body.commit.sha);
    const stale = await call(gh.url, 'PUT', path, {
      body: { message: 'stale', content: b64('{"a":3}'), sha: first.body.content.sha, branch: 'circuitboard-state' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe(`state/ledger.json does not match ${first.body.content.sha}`);
    expect(gh.readTree('octo/projects', 'circuitboard-state')).toMatchObject({
      'x.md': 'x',
      'state/ledger.json': '{"a":2}',
    });
    expect(gh.readTree('octo/projects', 'main')['state/ledger.json']).toBeUndefined();
    const bad = await call(gh.url, 'PUT', path, {
      body: { message: 'bad', content: 'not base64!', sha: second.body.content.sha, branch: 'circuitboard-state' },
    });
    expect(bad.status).toBe(422);
  });

  it('lists commits newest first with since, until, sha and path filters', async () => {
    gh.seedCommit('octo/projects', {
      message: 'one',
      files: { 'projects/a/one.md': '1' },
      date: '2026-10-02T00:00:00Z',
    });
    gh.seedCommit('octo/projects', { message: 'two', files: { 'other.md': '2' }, date: '2026-10-03T00:00:00Z' });
    gh.seedCommit('octo/projects', {
      message: 'three',
      files: { 'projects/a/one.md': '3' },
      date: '2026-10-04T00:00:00Z',
      author: { name: 'Alice', email: 'alice@users.noreply.github.com' },
    });
    const messages = async (query: string) =>
      (await call(gh.url, 'GET', `${R}/commits${query}`)).body.map(
        (c: { commit: { message: string } }) => c.commit.message,
      );
    expect(await messages('')).toEqual(['three', 'two', 'one', 'Initial commit']);
    expect(await messages('?since=2026-10-02T12:00:00Z&until=2026-10-03T12:00:00Z')).toEqual(['two']);
    expect(await messages('?path=projects/a')).toEqual(['three', 'one', 'Initial commit']);
    expect(await messages('?per_page=1&page=2')).toEqual(['two']);
    const [latest] = (await call(gh.url, 'GET', `${R}/commits?per_page=1`)).body;
    expect(latest.author.login).toBe('alice');
  });
});

describe('pull requests', () => {
  it('opens a pull request from a branch, finds it by head, lists its files and merges it', async () => {
    gh.seedIssue('octo/projects', { title: 'Proposal: b' });
    gh.seedCommit('octo/projects', {
      branch: 'propose/b',
      message: 'Add b',
      files: { 'projects/b/project.yml': 'title: B\nstatus: active\n' },
    });
    const created = await call(gh.url, 'POST', `${R}/pulls`, {
      body: { title: 'Add project b', head: 'propose/b', base: 'main', body: 'Closes #1' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      number: 2,
      state: 'open',
      merged: false,
      changed_files: 1,
      additions: 2,
      commits: 1,
    });
    const again = await call(gh.url, 'POST', `${R}/pulls`, {
      body: { title: 'again', head: 'propose/b', base: 'main' },
    });
    expect(again.body.errors[0].message).toBe('A pull request already exists for octo:propose/b.');
    const byHead = await call(gh.url, 'GET', `${R}/pulls?head=octo:propose/b&state=open`);
    expect(byHead.body.map((p: { number: number }) => p.number)).toEqual([2]);
    expect((await call(gh.url, 'GET', `${R}/pulls?head=octo:other`)).body).toEqual([]);
    const files = await call(gh.url, 'GET', `${R}/pulls/2/files`);
    expect(files.body).toEqual([
      expect.objectContaining({ filename: 'projects/b/project.yml', status: 'added', additions: 2 }),
    ]);
    gh.mergePull('octo/projects', 2);
    expect(gh.readTree('octo/projects', 'main')['projects/b/project.yml']).toBe('title: B\nstatus: active\n');
    const merged = await call(gh.url, 'GET', `${R}/pulls/2`);
    expect(merged.body).toMatchObject({ state: 'closed', merged: true });
    expect((await call(gh.url, 'GET', `${R}/issues/1`)).body.state).toBe('closed');
  });

  it('refuses a pull request without commits or with a missing branch', async () => {
    const none = await call(gh.url, 'POST', `${R}/pulls`, { body: { title: 't', head: 'main', base: 'main' } });
    expect(none.body.errors[0].message).toBe('No commits between main and main');
    const missing = await call(gh.url, 'POST', `${R}/pulls`, { body: { title: 't', head: 'nope', base: 'main' } });
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'head', code: 'invalid' })]);
  });

  it('updates and closes a pull request', async () => {
    gh.seedCommit('octo/projects', { branch: 'topic', message: 'x', files: { 'x.md': 'x' } });
    await call(gh.url, 'POST', `${R}/pulls`, { body: { title: 't', head: 'topic', base: 'main' } });
    const closed = await call(gh.url, 'PATCH', `${R}/pulls/1`, { body: { title: 'renamed', state: 'closed' } });
    expect(closed.body).toMatchObject({ title: 'renamed', state: 'closed', merged: false });
  });
});

describe('repository, permissions, user', () => {
  it('answers GET /repos/{owner}/{repo} with the default branch and the caller’s permissions', async () => {
    const res = await call(gh.url, 'GET', R);
    expect(res.body).toMatchObject({ full_name: 'octo/projects', default_branch: 'main', private: false });
  });

  it.each([
    ['admin', 'admin', 'admin'],
    ['maintain', 'write', 'maintain'],
    ['write', 'write', 'write'],
    ['triage', 'read', 'triage'],
    ['read', 'read', 'read'],
    ['none', 'none', 'none'],
  ] as const)('maps the %s role to permission %s like GitHub', async (role, permission, roleName) => {
    gh.setPermission('octo/projects', 'bob', role);
    const res = await call(gh.url, 'GET', `${R}/collaborators/bob/permission`);
    expect(res.body).toMatchObject({ permission, role_name: roleName, user: { login: 'bob' } });
  });

  it('gives strangers read on a public repository', async () => {
    expect((await call(gh.url, 'GET', `${R}/collaborators/stranger/permission`)).body.permission).toBe('read');
  });

  it('answers GET /user for the token’s account', async () => {
    expect((await call(gh.url, 'GET', '/user')).body.login).toBe('github-actions[bot]');
  });
});
