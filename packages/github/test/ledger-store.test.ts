import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { emptyLedger, eventMarker } from '@circuitboard/core/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLedgerStore, createGitLedgerStore } from '../src/index.ts';
import { type GitHubWorld, githubWorld } from './mirror-world.ts';

let w: GitHubWorld;
beforeEach(async () => {
  w = await githubWorld();
});
afterEach(async () => {
  w.gh.assertNoViolations();
  await w.gh.close();
});

const delivered = (id: string, messageId: string) => ({
  state: 'delivered' as const,
  project: 'p',
  marker: eventMarker(id),
  messageId,
});

describe('ledger on the state branch', () => {
  it('starts empty, creates the branch, and reads back what it wrote', async () => {
    const store = createGitLedgerStore({ octokit: w.octokit, ...w.repo });
    const state = await store.read();
    expect(state).toEqual(emptyLedger());
    state.events.a = delivered('a', '1');
    state.revision = 'abc';
    await store.write(state, 'first');
    expect(JSON.parse(w.gh.readTree('example/community', 'circuitboard-state')['ledger.json']!)).toMatchObject({
      revision: 'abc',
    });
    expect(await createGitLedgerStore({ octokit: w.octokit, ...w.repo }).read()).toEqual(state);
  });

  it('writing an unchanged ledger makes no request', async () => {
    const store = createGitLedgerStore({ octokit: w.octokit, ...w.repo });
    const state = await store.read();
    state.events.a = delivered('a', '1');
    await store.write(state, 'one');
    w.gh.resetRecord();
    await store.write(state, 'again');
    expect(w.gh.requests).toHaveLength(0);
  });

  it('two writers at once: the second merges instead of overwriting (compare-and-swap)', async () => {
    const a = createGitLedgerStore({ octokit: w.octokit, ...w.repo });
    const b = createGitLedgerStore({ octokit: w.octokit, ...w.repo });
    await a.write(await a.read(), 'init');
    const sa = await a.read();
    const sb = await b.read();
    sa.events.x = delivered('x', '1');
    sb.events.y = delivered('y', '2');
    await a.write(sa, 'a');
    const merged = await b.write(sb, 'b');
    expect(Object.keys(merged.events).sort()).toEqual(['x', 'y']);
    expect(b.stats.conflicts).toBe(1);
    expect(Object.keys((await a.read()).events).sort()).toEqual(['x', 'y']);
  });

  it('each write is one contents-API request; a write whose answer was dropped is checked, not repeated', async () => {
    const store = createGitLedgerStore({ octokit: w.octokit, ...w.repo });
    const state = await store.read();
    await store.write(state, 'init');
    state.events.z = delivered('z', '3');
    w.gh.resetRecord();
    w.gh.faults.next({ kind: 'drop-after-write', method: 'PUT', path: /\/contents\/ledger\.json$/ });
    await store.write(state, 'z');
    expect(w.gh.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.route}`)).toEqual([
      'PUT /repos/{owner}/{repo}/contents/{path}',
    ]);
    expect(Object.keys((await createGitLedgerStore({ octokit: w.octokit, ...w.repo }).read()).events)).toEqual(['z']);
  });

  it('a 502 on starting the branch (tree, commit) is retried: they are harmless to repeat', async () => {
    const store = createGitLedgerStore({ octokit: w.octokit, ...w.repo, sleep: async () => {} });
    const state = await store.read();
    w.gh.faults.next({ kind: '5xx', status: 502, method: 'POST', path: /\/git\/trees$/ });
    w.gh.faults.next({ kind: 'drop-after-write', method: 'POST', path: /\/git\/commits$/ });
    state.events.q = delivered('q', '4');
    await store.write(state, 'q');
    expect(Object.keys((await store.read()).events)).toEqual(['q']);
  });

  it('a ledger.json that does not parse is never read as empty: the last good version is used and said so', async () => {
    const store = createGitLedgerStore({ octokit: w.octokit, ...w.repo });
    const state = await store.read();
    state.events.a = delivered('a', '1');
    state.revision = 'abc';
    await store.write(state, 'one');
    w.gh.seedCommit('example/community', {
      branch: 'circuitboard-state',
      message: 'hand edit',
      files: { 'ledger.json': '{"version":1,"events":{"a":' },
    });
    const later = createGitLedgerStore({ octokit: w.octokit, ...w.repo });
    expect(await later.read()).toEqual(state);
    expect(later.recovery).toMatch(
      /^ledger\.json on the circuitboard-state branch does not parse \(.+\); using its last good version, from commit [0-9a-f]{7}/,
    );
    await later.write({ ...state, revision: 'def' }, 'two');
    expect(JSON.parse(w.gh.readTree('example/community', 'circuitboard-state')['ledger.json']!)).toMatchObject({
      revision: 'def',
      events: { a: { messageId: '1' } },
    });
  });

  it('a broken ledger with no good version stops the run with what to do, and writes nothing', async () => {
    w.gh.seedCommit('example/community', {
      branch: 'circuitboard-state',
      message: 'broken',
      files: { 'ledger.json': '<<<<<<< conflict' },
    });
    w.gh.resetRecord();
    const store = createGitLedgerStore({ octokit: w.octokit, ...w.repo });
    const error = (await store.read().catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/ledger\.json on the circuitboard-state branch does not parse/);
    expect(error.message).toMatch(/delete the circuitboard-state branch/);
    expect(error.message).toMatch(/reconcile: recreate/);
    expect(w.gh.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });
});

describe('ledger in a local file', () => {
  it('writes atomically and merges when the file changed underneath', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cb-ledger-'));
    try {
      const file = path.join(dir, 'ledger.json');
      const a = createFileLedgerStore(file);
      const b = createFileLedgerStore(file);
      const sa = await a.read();
      const sb = await b.read();
      sa.events.x = delivered('x', '1');
      sb.events.y = delivered('y', '2');
      await a.write(sa, 'a');
      expect(Object.keys((await b.write(sb, 'b')).events).sort()).toEqual(['x', 'y']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
