import { describe, expect, it } from 'vitest';
import type { ProjectEvent } from '../../src/index.ts';
import {
  createMemoryLedgerBranch,
  createMemoryLedgerStore,
  describePlan,
  emptyLedger,
  eventMarker,
  type LedgerState,
  type MemoryLedgerBranch,
  planSync,
  previewSync,
  runSync,
  type SyncPorts,
  serialiseLedger,
} from '../../src/sync/index.ts';
import { config, MemoryDiscord, MemoryGitHub, project } from './fakes.ts';

const repository = { url: 'https://github.com/example/community', branch: 'main' };
const today = '2026-11-20';

function desired(overrides: Parameters<typeof project>[0] = {}) {
  return {
    projects: [
      { slug: 'induction-heads', project: project(overrides) },
      { slug: 'grokking', project: project({ title: 'Grokking' }) },
    ],
  };
}

const completed: ProjectEvent = {
  id: 'milestone.completed:induction-heads/replicate',
  type: 'milestone.completed',
  project: 'induction-heads',
  milestone: 'replicate',
  title: 'Replicate',
  done: '2026-11-12',
};

async function sync(
  env: { branch: MemoryLedgerBranch; discord: MemoryDiscord; github: MemoryGitHub },
  input: {
    events?: ProjectEvent[];
    overrides?: Parameters<typeof project>[0];
    run?: string;
    now?: Date;
    signal?: AbortSignal;
    recreate?: boolean;
  },
) {
  const ledger = createMemoryLedgerStore(env.branch);
  const state: LedgerState = await ledger.read();
  const plan = planSync({
    desired: desired(input.overrides),
    events: input.events ?? [],
    ledger: state,
    config,
    today,
    repository,
    revision: 'abc',
  });
  const ports: SyncPorts = {
    github: env.github,
    discord: env.discord,
    ledger,
    runId: input.run ?? 'run-1',
    now: () => input.now ?? new Date('2026-11-20T10:00:00Z'),
    sleep: async () => {},
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.recreate ? { recreate: true } : {}),
  };
  return { plan, result: await runSync(plan, ports) };
}

/** A reconcile run (Discord only): every post and the board, up to date or not. */
async function reconcile(e: ReturnType<typeof env>) {
  const ledger = createMemoryLedgerStore(e.branch);
  const plan = planSync({
    desired: desired(),
    events: [],
    ledger: await ledger.read(),
    config,
    today,
    repository,
    verify: true,
  });
  return runSync(plan, { discord: e.discord, ledger, runId: 'reconcile', sleep: async () => {} });
}

function env(canSearch = true) {
  return { branch: createMemoryLedgerBranch(), discord: new MemoryDiscord(canSearch), github: new MemoryGitHub() };
}

describe('runSync', () => {
  it('first sync creates posts, milestones, labels and the board; a second run with nothing new makes 0 writes', async () => {
    const e = env();
    const first = await sync(e, {});
    expect(first.result.ok).toBe(true);
    expect(first.result.counts.discord).toEqual({ created: 3, updated: 0, skipped: 0, failed: 0 });
    expect(first.result.counts.github.created).toBe(6);
    const writes = { discord: e.discord.writes, github: e.github.writes, ledger: e.branch.writes };
    const second = await sync(e, {});
    expect(second.plan.operations.filter((op) => op.target === 'discord')).toEqual([]);
    expect({ discord: e.discord.writes, github: e.github.writes, ledger: e.branch.writes }).toEqual(writes);
    expect(describePlan(second.plan)).toEqual([
      'GitHub: check 2 labels and 4 milestones that should already match (written only where they differ)',
    ]);
  });

  it('a milestone marked done: one news message, the post and board updated, the milestone closed; a re-run changes nothing', async () => {
    const e = env();
    await sync(e, {});
    const done = {
      milestones: [
        { id: 'replicate', title: 'Replicate', due: '2026-11-15', done: '2026-11-12' },
        { id: 'scan', title: 'Scan', due: '2026-12-20' },
      ],
    };
    const { result } = await sync(e, { events: [completed], overrides: done });
    expect(result.counts.discord).toEqual({ created: 1, updated: 2, skipped: 0, failed: 0 });
    expect(result.counts.github.updated).toBe(1);
    expect(e.discord.deliveries().get(eventMarker(completed.id))).toBe(1);
    const before = { d: e.discord.writes, g: e.github.writes, l: e.branch.writes };
    await sync(e, { events: [completed], overrides: done });
    expect({ d: e.discord.writes, g: e.github.writes, l: e.branch.writes }).toEqual(before);
  });

  it('an output added: announced once in the thread, the post updated, and the pull request preview says so', async () => {
    const e = env();
    await sync(e, {});
    const output = {
      kind: 'post' as const,
      title: 'Induction heads form in a phase change',
      url: 'https://www.lesswrong.com/posts/abc',
      date: '2026-11-19',
    };
    const added: ProjectEvent = {
      id: `output.added:induction-heads:${output.url}`,
      type: 'output.added',
      project: 'induction-heads',
      kind: output.kind,
      title: output.title,
      url: output.url,
      published: output.date,
    };
    const { plan, result } = await sync(e, { events: [added], overrides: { outputs: [output] } });
    expect(describePlan(plan)).toContain(
      'Discord: post 1 message in the thread of *induction-heads*: post `Induction heads form in a phase change` added to the outputs of *induction-heads* (2026-11-19)',
    );
    expect(result.counts.discord).toEqual({ created: 1, updated: 1, skipped: 0, failed: 0 });
    expect(e.discord.deliveries().get(eventMarker(added.id))).toBe(1);
    const before = e.discord.writes;
    await sync(e, { events: [added], overrides: { outputs: [output] } });
    expect(e.discord.writes).toBe(before);
  });

  it('a re-run after a dropped response posts nothing twice (bot)', async () => {
    const e = env(true);
    await sync(e, {});
    e.discord.faults = ['after'];
    const { result } = await sync(e, { events: [completed] });
    expect(result.ok).toBe(true);
    expect(e.discord.deliveries().get(eventMarker(completed.id))).toBe(1);
    await sync(e, { events: [completed] });
    expect(e.discord.deliveries().get(eventMarker(completed.id))).toBe(1);
  });

  it('a 502 before the write is retried once after a lookup finds nothing (bot)', async () => {
    const e = env(true);
    await sync(e, {});
    e.discord.faults = ['before'];
    const { result } = await sync(e, { events: [completed] });
    expect(result.ok).toBe(true);
    expect(e.discord.deliveries().get(eventMarker(completed.id))).toBe(1);
  });

  it('webhook mode never sends a message twice after a lost answer, and says so', async () => {
    const e = env(false);
    await sync(e, {});
    e.discord.faults = ['after'];
    const { result } = await sync(e, { events: [completed] });
    expect(result.ok).toBe(false);
    expect(result.items.find((i) => i.outcome === 'failed')?.detail).toMatch(/not sent again/);
    await sync(e, { events: [completed] });
    expect(e.discord.deliveries().get(eventMarker(completed.id))).toBe(1);
  });

  it('a run cancelled after every possible call, then a re-run: nothing twice, nothing lost (bot)', async () => {
    for (let cut = 0; cut < 12; cut++) {
      const e = env(true);
      const controller = new AbortController();
      const original = e.discord.postNews.bind(e.discord);
      let calls = 0;
      const wrap =
        <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
        async (...a: A) => {
          const out = await fn(...a);
          if (++calls === cut) controller.abort(new Error('cancelled'));
          return out;
        };
      e.discord.postNews = wrap(original);
      e.discord.createProjectPost = wrap(e.discord.createProjectPost.bind(e.discord));
      e.discord.createStatusBoard = wrap(e.discord.createStatusBoard.bind(e.discord));
      await sync(e, { events: [completed], signal: controller.signal }).catch(() => undefined);
      await sync(e, { events: [completed], run: 'run-2', now: new Date('2026-11-20T11:00:00Z') });
      expect(e.discord.deliveries().get(eventMarker(completed.id)), `cut at ${cut}`).toBe(1);
      expect(
        [...e.discord.posts.values()].map((p) => p.length),
        `cut at ${cut}`,
      ).toEqual([1, 1]);
    }
  });

  it('webhook mode: a run cancelled at any point, then a re-run, sends nothing twice and leaves at most the message in flight in doubt', async () => {
    const second: ProjectEvent = { ...completed, id: 'milestone.completed:grokking/replicate', project: 'grokking' };
    for (let cut = 1; cut < 8; cut++) {
      const e = env(false);
      await sync(e, {});
      const controller = new AbortController();
      let calls = 0;
      const original = e.discord.postNews.bind(e.discord);
      e.discord.postNews = async (...a) => {
        const out = await original(...a);
        if (++calls === cut) controller.abort(new Error('cancelled'));
        return out;
      };
      await sync(e, { events: [completed, second], signal: controller.signal }).catch(() => undefined);
      e.discord.postNews = original;
      const again = await sync(e, { events: [completed, second], run: 'run-2', now: new Date('2026-11-20T11:00:00Z') });
      const counts = [completed, second].map((ev) => e.discord.deliveries().get(eventMarker(ev.id)) ?? 0);
      expect(Math.max(...counts), `cut at ${cut}`).toBe(1);
      expect(counts.filter((c) => c === 0).length, `cut at ${cut}`).toBeLessThanOrEqual(0);
      expect(again.result.ok).toBe(true);
    }
  });

  it('two runs at once never send the same news twice', async () => {
    const e = env(true);
    await sync(e, {});
    const now = new Date('2026-11-20T10:00:00Z');
    await Promise.all([
      sync(e, { events: [completed], run: 'a', now }),
      sync(e, { events: [completed], run: 'b', now }),
    ]);
    await sync(e, { events: [completed], run: 'c', now: new Date('2026-11-20T12:00:00Z') });
    expect(e.discord.deliveries().get(eventMarker(completed.id))).toBe(1);
  });

  it('a deleted webhook stops all Discord calls with a message that says what to fix', async () => {
    const e = env(false);
    e.discord.faults = ['target'];
    const { result } = await sync(e, {});
    expect(e.discord.writes).toBe(1);
    expect(result.counts.discord.failed).toBe(3);
    expect(
      result.items.filter((i) => i.outcome === 'failed').every((i) => /webhook was deleted/.test(i.detail ?? '')),
    ).toBe(true);
    expect(result.counts.github.created).toBe(6);
  });

  it('a rejected item fails the run but the others are still done', async () => {
    const e = env(true);
    e.discord.faults = ['rejected'];
    const { result } = await sync(e, {});
    expect(result.ok).toBe(false);
    expect(result.counts.discord).toEqual({ created: 2, updated: 0, skipped: 0, failed: 1 });
    const again = await sync(e, {});
    expect(again.result.ok).toBe(true);
    expect(again.result.counts.discord.created).toBe(1);
  });

  it('a forum post deleted in Discord is created again', async () => {
    const e = env(true);
    await sync(e, {});
    const [at] = e.discord.posts.get('induction-heads')!;
    e.discord.threads.delete(at!.threadId);
    e.discord.posts.delete('induction-heads');
    const { result } = await sync(e, { overrides: { status: 'paused' } });
    expect(result.ok).toBe(true);
    expect(e.discord.posts.get('induction-heads')).toHaveLength(1);
  });

  it('a reconcile creates again a post deleted in Discord even when nothing changed', async () => {
    const e = env(true);
    await sync(e, {});
    const [at] = e.discord.posts.get('grokking')!;
    e.discord.threads.delete(at!.threadId);
    e.discord.posts.delete('grokking');
    expect((await sync(e, {})).result.counts.discord.created).toBe(0);
    const result = await reconcile(e);
    expect(result.counts.discord).toMatchObject({ created: 1, failed: 0 });
    expect(e.discord.posts.get('grokking')).toHaveLength(1);
  });

  it('the ledger records the revision only when everything succeeded', async () => {
    const e = env(true);
    e.discord.faults = ['rejected'];
    const { result } = await sync(e, {});
    expect(result.ledger.revision).toBeUndefined();
    const again = await sync(e, {});
    expect(again.result.ledger.revision).toBe('abc');
  });

  it('a dry run calls nothing and says what it would do', async () => {
    const e = env(true);
    const ledger = createMemoryLedgerStore(e.branch);
    const done = {
      milestones: [
        { id: 'replicate', title: 'Replicate', due: '2026-11-15', done: '2026-11-12' },
        { id: 'scan', title: 'Scan' },
      ],
    };
    const plan = planSync({
      desired: desired(done),
      events: [completed],
      ledger: await ledger.read(),
      config,
      today,
      repository,
    });
    const result = await runSync(plan, { discord: e.discord, github: e.github, ledger, runId: 'x' }, { dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(e.discord.writes + e.github.writes + e.branch.writes).toBe(0);
    expect(describePlan(plan)).toMatchInlineSnapshot(`
      [
        "GitHub: close the milestone \`induction-heads: Replicate\` (done)",
        "GitHub: check 2 labels and 3 milestones that should already match (written only where they differ)",
        "Discord: create the forum post of *induction-heads* (\`Induction heads\`)",
        "Discord: create the forum post of *grokking* (\`Grokking\`)",
        "Discord: post 1 message in the thread of *induction-heads*: milestone *replicate* of *induction-heads* done (2026-11-12)",
        "Discord: create the status board (2 projects)",
      ]
    `);
  });

  it('a milestone removed from project.yml, or a project folder deleted, closes its milestones; one that did not load keeps them', async () => {
    const e = env();
    await sync(e, {});
    const ledger = createMemoryLedgerStore(e.branch);
    const run = async (projects: { slug: string; project: ReturnType<typeof project> }[], invalid: string[] = []) => {
      const plan = planSync({ desired: { projects, invalid }, events: [], ledger: await ledger.read(), config, today });
      return { plan, result: await runSync(plan, { github: e.github, ledger, runId: 'r' }) };
    };
    const open = () =>
      [...e.github.milestones].filter(([, v]) => JSON.parse(v)[1] === 'open').map(([marker]) => marker);

    // grokking did not load this run: nothing of it is closed. induction-heads dropped "scan" from its file.
    const onlyReplicate = project({ milestones: [{ id: 'replicate', title: 'Replicate', due: '2026-11-15' }] });
    const first = await run([{ slug: 'induction-heads', project: onlyReplicate }], ['grokking']);
    expect(first.result.items.find((i) => i.id === 'github.milestone-sweep')).toEqual({
      id: 'github.milestone-sweep',
      target: 'github',
      outcome: 'updated',
      detail: 'closed induction-heads: Scan (removed from projects/)',
    });
    expect(open().sort()).toEqual([
      'circuitboard:grokking/replicate',
      'circuitboard:grokking/scan',
      'circuitboard:induction-heads/replicate',
    ]);

    // grokking's folder is deleted: its milestones close too. A re-run writes nothing more.
    await run([{ slug: 'induction-heads', project: onlyReplicate }]);
    expect(open()).toEqual(['circuitboard:induction-heads/replicate']);
    const writes = e.github.writes;
    await run([{ slug: 'induction-heads', project: onlyReplicate }]);
    expect(e.github.writes).toBe(writes);
  });

  it('the preview of a pull request that removes a milestone says it will be closed', () => {
    const registry = (d: ReturnType<typeof desired>) => ({
      projects: d.projects.map((p) => ({ ...p, path: `projects/${p.slug}/project.yml` })),
      updates: [],
      diagnostics: [],
    });
    const before = registry(desired());
    const after = registry(desired({ milestones: [{ id: 'replicate', title: 'Replicate', due: '2026-11-15' }] }));
    const lines = previewSync({ before, after, events: [], config, today }).lines;
    expect(lines).toContain(
      'GitHub: close the milestone `induction-heads: Scan` (removed from projects/induction-heads/project.yml)',
    );
  });
});

const done = {
  milestones: [
    { id: 'replicate', title: 'Replicate', due: '2026-11-15', done: '2026-11-12' },
    { id: 'scan', title: 'Scan', due: '2026-12-20' },
  ],
};

/** What deleting ledger.json (or the state branch) does: the next run reads an empty ledger. */
function loseLedger(e: { branch: MemoryLedgerBranch }) {
  e.branch.text = serialiseLedger(emptyLedger());
  e.branch.version += 1;
}

describe('a lost ledger', () => {
  it('bot mode: after the ledger is lost, a re-run of the push finds the posts, the board and the news by their markers and creates nothing twice', async () => {
    const e = env(true);
    let boards = 0;
    const createBoard = e.discord.createStatusBoard.bind(e.discord);
    e.discord.createStatusBoard = () => {
      boards += 1;
      return createBoard();
    };
    await sync(e, {});
    await sync(e, { events: [completed], overrides: done });
    loseLedger(e);
    const again = await sync(e, { events: [completed], overrides: done, run: 'run-2' });
    expect(again.result.ok).toBe(true);
    expect(again.result.counts.discord.created).toBe(0);
    expect([...e.discord.posts.values()].map((p) => p.length)).toEqual([1, 1]);
    expect(boards).toBe(1);
    expect(e.discord.deliveries().get(eventMarker(completed.id))).toBe(1);
    expect(again.result.warnings.join('\n')).toMatch(/looked up by their markers before anything is created/);
    // What was found is on record again: the next run has nothing to look up.
    const reads = e.discord.reads;
    await sync(e, { events: [completed], overrides: done, run: 'run-3' });
    expect(e.discord.reads).toBe(reads);
  });

  it('webhook mode: refuses to post anything again, leaves the ledger alone and says how to confirm; `recreate` confirms', async () => {
    const e = env(false);
    await sync(e, {});
    loseLedger(e);
    const writes = { discord: e.discord.writes, ledger: e.branch.writes };
    for (const run of ['run-2', 'run-3']) {
      const refused = await sync(e, { run });
      expect(refused.result.ok).toBe(false);
      expect(refused.result.counts.discord).toMatchObject({ created: 0, failed: 3 });
      expect(refused.result.items.find((i) => i.outcome === 'failed')?.detail).toMatch(/`reconcile: recreate`/);
      expect({ discord: e.discord.writes, ledger: e.branch.writes }).toEqual(writes);
    }
    const confirmed = await sync(e, { run: 'run-4', recreate: true });
    expect(confirmed.result.ok).toBe(true);
    expect(confirmed.result.counts.discord.created).toBe(3);
  });

  it('an empty ledger in a repository never synced (no Circuitboard milestones) is a first sync, not a lost ledger', async () => {
    const e = env(false);
    const first = await sync(e, {});
    expect(first.result.ok).toBe(true);
    expect(first.result.counts.discord.created).toBe(3);
  });
});

describe('ledger writes', () => {
  it.each([
    ['bot', true],
    ['webhook', false],
  ])(
    '%s: a push that marks one milestone done commits the ledger twice (the claims with the first send, then what was delivered)',
    async (_mode, canSearch) => {
      const e = env(canSearch);
      await sync(e, {});
      const before = e.branch.writes;
      await sync(e, { events: [completed], overrides: done });
      expect(e.branch.writes - before).toBe(2);
    },
  );
});

describe('reconcile', () => {
  it('checks posts and the board that are up to date with reads only, and reports them as skipped', async () => {
    const e = env(true);
    await sync(e, {});
    const writes = e.discord.writes;
    const reads = e.discord.reads;
    const result = await reconcile(e);
    expect(result.counts.discord).toEqual({ created: 0, updated: 0, skipped: 3, failed: 0 });
    expect(e.discord.writes).toBe(writes);
    expect(e.discord.reads - reads).toBe(3);
  });
});
