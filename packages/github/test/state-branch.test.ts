import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createStateBranch,
  createStateDocument,
  type StateBranch,
  type StateDocumentSpec,
  StateFileUnreadableError,
} from '../src/index.ts';
import { type GitHubWorld, githubWorld } from './mirror-world.ts';

let w: GitHubWorld;
beforeEach(async () => {
  w = await githubWorld();
});
afterEach(async () => {
  w.gh.assertNoViolations();
  await w.gh.close();
});

const REPO = 'example/community';

/** A small JSON document: a set of names, merged by union. */
const people: StateDocumentSpec<{ names: string[] }> = {
  path: 'people.json',
  empty: () => ({ names: [] }),
  parse(text) {
    const value = JSON.parse(text) as { names?: unknown };
    if (!Array.isArray(value.names)) throw new Error('names is not a list');
    return { names: value.names.map(String) };
  },
  serialise: (value) => `${JSON.stringify({ names: [...value.names].sort() })}\n`,
  merge: (stored, mine) => ({ names: [...new Set([...stored.names, ...mine.names])] }),
};

function branch(): StateBranch {
  const slept: number[] = [];
  return Object.assign(createStateBranch({ octokit: w.octokit, ...w.repo, sleep: async (ms) => void slept.push(ms) }), {
    slept,
  });
}

const writes = () => w.gh.requests.filter((r) => r.method !== 'GET');

describe('state branch files', () => {
  it('a missing file reads as empty; the first write starts the branch with that file alone, later writes are one request', async () => {
    const doc = createStateDocument(branch(), people);
    expect(await doc.read()).toEqual({ names: [] });
    expect(doc.origin).toEqual({ kind: 'absent', branch: false });
    await doc.write({ names: ['alice'] }, 'link alice');
    expect(w.gh.readTree(REPO, 'circuitboard-state')).toEqual({ 'people.json': '{"names":["alice"]}\n' });
    const head = w.gh.state(REPO).refs['refs/heads/circuitboard-state']!;
    expect((await w.octokit.rest.git.getCommit({ ...w.repo, commit_sha: head })).data.parents).toEqual([]);

    w.gh.resetRecord();
    await doc.write({ names: ['alice', 'bob'] }, 'link bob');
    expect(writes().map((r) => `${r.method} ${r.route}`)).toEqual(['PUT /repos/{owner}/{repo}/contents/{path}']);
    const metrics = createStateDocument(branch(), { ...people, path: 'metrics/2026-W47.json' });
    await metrics.write({ names: ['x'] }, 'week 47');
    expect(Object.keys(w.gh.readTree(REPO, 'circuitboard-state')).sort()).toEqual([
      'metrics/2026-W47.json',
      'people.json',
    ]);
    expect(w.gh.readTree(REPO, 'main')['people.json']).toBeUndefined();
  });

  it('writing what is already stored makes no request', async () => {
    const doc = createStateDocument(branch(), people);
    await doc.write({ names: ['alice'] }, 'one');
    w.gh.resetRecord();
    await doc.write({ names: ['alice'] }, 'again');
    expect(w.gh.requests).toHaveLength(0);
  });

  it('two writers at once: the second is refused (409), reads again and merges, so nothing is lost', async () => {
    const a = createStateDocument(branch(), people);
    const b = createStateDocument(branch(), people);
    await a.write({ names: ['alice'] }, 'a');
    await b.read();
    await a.write({ names: ['alice', 'carol'] }, 'a again');
    const stored = await b.write({ names: ['alice', 'bob'] }, 'b');
    expect(stored.names.sort()).toEqual(['alice', 'bob', 'carol']);
    expect(w.gh.count({ method: 'PUT', status: 409 })).toBe(1);
    expect((await createStateDocument(branch(), people).read()).names.sort()).toEqual(['alice', 'bob', 'carol']);
  });

  it('update makes its change again on what another writer stored', async () => {
    const a = createStateDocument(branch(), people);
    const { merge: _union, ...withoutMerge } = people;
    const b = createStateDocument(branch(), withoutMerge);
    await a.write({ names: ['alice'] }, 'a');
    await b.read();
    await a.write({ names: ['alice', 'carol'] }, 'a again');
    await b.update((current) => ({ names: [...current.names, 'dave'] }), 'b');
    expect((await a.read()).names.sort()).toEqual(['alice', 'carol', 'dave']);
  });

  it('a write whose answer was dropped is checked by reading the file, not sent again', async () => {
    const doc = createStateDocument(branch(), people);
    await doc.write({ names: ['alice'] }, 'one');
    w.gh.faults.next({ kind: 'drop-after-write', method: 'PUT' });
    w.gh.resetRecord();
    await doc.write({ names: ['alice', 'bob'] }, 'two');
    expect(w.gh.count({ method: 'PUT' })).toBe(1);
    expect((await createStateDocument(branch(), people).read()).names).toEqual(['alice', 'bob']);
  });

  it('a 502 is tried again after a wait on the injected clock; a lasting one fails with what it was doing', async () => {
    const b = branch() as StateBranch & { slept: number[] };
    const doc = createStateDocument(b, people);
    await doc.write({ names: ['alice'] }, 'one');
    w.gh.faults.next({ kind: '5xx', status: 502, method: 'PUT' });
    await doc.write({ names: ['alice', 'bob'] }, 'two');
    expect(b.slept).toEqual([1000]);
    w.gh.faults.next({ kind: '5xx', status: 502, method: 'PUT', times: 3 });
    await expect(doc.write({ names: ['x'] }, 'three')).rejects.toThrow(
      /could not write people\.json to the circuitboard-state branch/,
    );
  });

  it('a file that does not parse is never read as empty: the newest good version in its history is used, and the next write replaces the broken one', async () => {
    const doc = createStateDocument(branch(), people);
    await doc.write({ names: ['alice'] }, 'one');
    await doc.write({ names: ['alice', 'bob'] }, 'two');
    w.gh.seedCommit(REPO, {
      branch: 'circuitboard-state',
      message: 'hand edit',
      files: { 'people.json': '{"names": [' },
    });
    w.gh.seedCommit(REPO, { branch: 'circuitboard-state', message: 'worse', files: { 'people.json': '{"names": 5}' } });
    const later = createStateDocument(branch(), people);
    expect(await later.read()).toEqual({ names: ['alice', 'bob'] });
    expect(later.origin).toMatchObject({ kind: 'recovered', error: 'names is not a list' });
    await later.write({ names: ['alice', 'bob'] }, 'repair');
    expect(w.gh.readTree(REPO, 'circuitboard-state')['people.json']).toBe('{"names":["alice","bob"]}\n');
  });

  it('a broken file with no good version in its history stops with an error that names it', async () => {
    w.gh.seedCommit(REPO, { branch: 'circuitboard-state', message: 'bad', files: { 'people.json': 'nope' } });
    const doc = createStateDocument(branch(), people);
    const error = await doc.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateFileUnreadableError);
    expect((error as Error).message).toMatch(/^people\.json on the circuitboard-state branch does not parse \(/);
    await expect(doc.write({ names: ['a'] }, 'x')).rejects.toThrow(StateFileUnreadableError);
    expect(writes()).toHaveLength(0);
  });

  it('a branch deleted between a read and a write is started again', async () => {
    const doc = createStateDocument(branch(), people);
    await doc.write({ names: ['alice'] }, 'one');
    await w.octokit.rest.git.deleteRef({ ...w.repo, ref: 'heads/circuitboard-state' });
    await doc.write({ names: ['alice', 'bob'] }, 'two');
    expect(w.gh.readTree(REPO, 'circuitboard-state')).toEqual({ 'people.json': '{"names":["alice","bob"]}\n' });
  });
});
