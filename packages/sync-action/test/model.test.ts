/// <reference path="../../testkit/src/discord/discord-api-spec.d.ts" />

import {
  CommunityConfig,
  diffRegistries,
  loadRegistry,
  type ProjectEvent,
  type ProjectTree,
  type Registry,
} from '@circuitboard/core';
import {
  eventMarker,
  NEWS_EVENT_TYPES,
  parseLedger,
  type RepositorySource,
  statusBoardModel,
  syncRepository,
} from '@circuitboard/core/sync';
import {
  createDiscordClient,
  createDiscordDelivery,
  RENDERER_VERSION,
  renderProjectPost,
  renderStatusBoard,
  STATUS_BOARD_THREAD_NAME,
} from '@circuitboard/discord';
import { createGitHubMirror, createGitLedgerStore, createOctokit } from '@circuitboard/github';
import {
  type FakeDiscord,
  type FakeGitHub,
  FaultPlan,
  startFakeDiscord,
  startFakeGitHub,
  withClientTimeouts,
} from '@circuitboard/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Model-based test of the whole sync: random schedules of edits to projects/, sync runs with injected faults
 * (5xx, 429, timeouts, answers dropped after the write) and cancelled runs, against the fake GitHub and Discord
 * with the real adapters, in process. After one last clean run, Discord and GitHub must equal the desired state,
 * with every news event delivered exactly once (webhook only: at most once, the rest recorded as unconfirmed).
 */

const SCHEDULES = Number(process.env.CIRCUITBOARD_MODEL_RUNS ?? 200);
/** Replays one schedule by its index (with CIRCUITBOARD_MODEL_SEED), printing the sync's log. */
const ONLY =
  process.env.CIRCUITBOARD_MODEL_ONLY === undefined ? undefined : Number(process.env.CIRCUITBOARD_MODEL_ONLY);
const SEED = Number(process.env.CIRCUITBOARD_MODEL_SEED ?? 20261124);
const WORKERS = 8;
const TODAY = '2026-11-20';
const SLUGS = ['induction-heads', 'grokking'] as const;
const MILESTONES = ['replicate', 'scan', 'writeup'] as const;
const STATUSES = ['proposed', 'active', 'paused', 'completed', 'archived'] as const;
const REPOSITORY = { url: 'https://github.com/example/community', branch: 'main' };

// ---- the model: project files as plain data ------------------------------------------------------------------

interface ModelMilestone {
  id: string;
  title: string;
  due: string;
  /** removed: taken out of project.yml (it may come back as it was). */
  state: 'open' | 'done' | 'dropped' | 'removed';
  doneDay?: string;
}
interface ModelProject {
  title: string;
  status: (typeof STATUSES)[number];
  members: string[];
  milestones: ModelMilestone[];
}
type Model = Record<string, ModelProject>;

type Edit =
  | { kind: 'done'; project: number; milestone: number; day: number }
  | { kind: 'drop'; project: number; milestone: number }
  | { kind: 'remove'; project: number; milestone: number }
  | { kind: 'restore'; project: number; milestone: number }
  | { kind: 'due'; project: number; milestone: number; day: number }
  | { kind: 'status'; project: number; status: number }
  | { kind: 'join'; project: number; who: number }
  | { kind: 'title'; project: number; title: string };

type DiscordFault = {
  target: 'discord';
  kind: '5xx' | '429' | 'timeout' | 'drop-after-write';
  method: 'POST' | 'PATCH' | 'GET';
};
type GitHubFault = {
  target: 'github';
  kind: '5xx' | '429' | 'drop-after-write';
  method: 'POST' | 'PATCH' | 'PUT' | 'GET';
};
type Fault = DiscordFault | GitHubFault;

type Step =
  | { kind: 'edit'; edits: Edit[] }
  | { kind: 'run'; faults: Fault[]; cancelAfter?: number }
  | { kind: 'concurrent' }
  /** Someone breaks ledger.json by hand (recovered from its history), or deletes the state branch (bot modes). */
  | { kind: 'lose-ledger'; how: 'corrupt' | 'delete' };

interface Schedule {
  mode: 'bot' | 'webhook' | 'webhook+bot';
  steps: Step[];
}

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('done' as const),
    project: fc.nat(1),
    milestone: fc.nat(2),
    day: fc.integer({ min: 1, max: 19 }),
  }),
  fc.record({ kind: fc.constant('drop' as const), project: fc.nat(1), milestone: fc.nat(2) }),
  fc.record({ kind: fc.constant('remove' as const), project: fc.nat(1), milestone: fc.nat(2) }),
  fc.record({ kind: fc.constant('restore' as const), project: fc.nat(1), milestone: fc.nat(2) }),
  fc.record({
    kind: fc.constant('due' as const),
    project: fc.nat(1),
    milestone: fc.nat(2),
    day: fc.integer({ min: 1, max: 28 }),
  }),
  fc.record({ kind: fc.constant('status' as const), project: fc.nat(1), status: fc.nat(4) }),
  fc.record({ kind: fc.constant('join' as const), project: fc.nat(1), who: fc.nat(3) }),
  fc.record({
    kind: fc.constant('title' as const),
    project: fc.nat(1),
    title: fc.constantFrom('@everyone <@&1> look', 'Induction **heads**', 'Grokking, again'),
  }),
);

const fault: fc.Arbitrary<Fault> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      target: fc.constant('discord' as const),
      kind: fc.constantFrom('5xx' as const, 'drop-after-write' as const, 'timeout' as const),
      method: fc.constantFrom('POST' as const, 'PATCH' as const, 'GET' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      target: fc.constant('discord' as const),
      kind: fc.constant('429' as const),
      method: fc.constantFrom('POST' as const, 'PATCH' as const),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      target: fc.constant('github' as const),
      kind: fc.constantFrom('5xx' as const, 'drop-after-write' as const, '429' as const),
      method: fc.constantFrom('POST' as const, 'PATCH' as const, 'PUT' as const, 'GET' as const),
    }),
  },
);

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('edit' as const), edits: fc.array(edit, { minLength: 1, maxLength: 3 }) }),
  },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        kind: fc.constant('run' as const),
        faults: fc.array(fault, { maxLength: 3 }),
        cancelAfter: fc.integer({ min: 1, max: 40 }),
      },
      { requiredKeys: ['kind', 'faults'] },
    ),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'concurrent' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('lose-ledger' as const),
      how: fc.constantFrom('corrupt' as const, 'delete' as const),
    }),
  },
);

const schedule: fc.Arbitrary<Schedule> = fc.record({
  mode: fc.constantFrom('bot' as const, 'webhook+bot' as const, 'webhook' as const),
  steps: fc.array(step, { minLength: 1, maxLength: 6 }),
});

function initialModel(): Model {
  const model: Model = {};
  for (const slug of SLUGS) {
    model[slug] = {
      title: slug === 'grokking' ? 'Grokking modular addition' : 'Induction heads across Pythia checkpoints',
      status: 'active',
      members: [],
      milestones: MILESTONES.map((id, i) => ({
        id,
        title: `${id} the thing`,
        due: `2026-12-${String(10 + i).padStart(2, '0')}`,
        state: 'open',
      })),
    };
  }
  return model;
}

function apply(model: Model, e: Edit): void {
  const project = model[SLUGS[e.project]!]!;
  const m = 'milestone' in e ? project.milestones[e.milestone]! : undefined;
  const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}`;
  if (e.kind === 'done' && m?.state === 'open') {
    m.state = 'done';
    m.doneDay = day(e.day);
  }
  if (e.kind === 'drop' && m?.state === 'open') m.state = 'dropped';
  if (e.kind === 'remove' && m?.state === 'open') m.state = 'removed';
  if (e.kind === 'restore' && m?.state === 'removed') m.state = 'open';
  if (e.kind === 'due' && m?.state === 'open') m.due = `2026-12-${String(e.day).padStart(2, '0')}`;
  if (e.kind === 'status') project.status = STATUSES[e.status]!;
  if (e.kind === 'join' && !project.members.includes(`member-${e.who}`)) project.members.push(`member-${e.who}`);
  if (e.kind === 'title') project.title = e.title;
}

function yaml(p: ModelProject): string {
  const lines = [
    `title: ${JSON.stringify(p.title)}`,
    `status: ${p.status}`,
    'summary: A question worth asking.',
    'leads:',
    '  - github: alice',
    '    discord: "412345678901234567"',
  ];
  if (p.members.length > 0) lines.push('members:', ...p.members.map((m) => `  - github: ${m}`));
  lines.push('milestones:');
  for (const m of p.milestones.filter((x) => x.state !== 'removed')) {
    lines.push(`  - id: ${m.id}`, `    title: ${m.title}`, `    due: ${m.due}`);
    if (m.state === 'done') lines.push(`    done: ${m.doneDay}`);
    if (m.state === 'dropped') lines.push('    dropped: true');
  }
  return `${lines.join('\n')}\n`;
}

function tree(model: Model): ProjectTree {
  return {
    files: new Map(Object.entries(model).map(([slug, p]) => [`projects/${slug}/project.yml`, yaml(p)])),
    symlinks: [],
  };
}

/** The repository as a list of commits, read like a checkout would be. */
class MemoryRepository implements RepositorySource {
  readonly commits: { sha: string; registry: Registry; tree: ProjectTree }[] = [];
  constructor(private readonly config: string) {}
  commit(model: Model): string {
    const sha = (this.commits.length + 1).toString(16).padStart(40, '0');
    const t = tree(model);
    this.commits.push({ sha, tree: t, registry: loadRegistry(t, { today: TODAY }) });
    return sha;
  }
  private index(rev: string): number {
    const i = this.commits.findIndex((c) => c.sha === rev);
    if (i < 0) throw new Error(`no commit ${rev}`);
    return i;
  }
  async readTree(rev: string) {
    return this.commits[this.index(rev)]!.tree;
  }
  async readFile(_rev: string, path: string) {
    return path === '.github/circuitboard.yml' ? this.config : undefined;
  }
  async eventsBetween(from: string, to: string) {
    return this.eventsOf(this.index(from) + 1, this.index(to));
  }
  eventsOf(first: number, last: number): ProjectEvent[] {
    const events: ProjectEvent[] = [];
    for (let i = Math.max(first, 1); i <= last; i++) {
      events.push(
        ...diffRegistries(this.commits[i - 1]!.registry, this.commits[i]!.registry, {
          revision: this.commits[i]!.sha,
          date: TODAY,
        }),
      );
    }
    return events;
  }
  async isAncestor(a: string, b: string) {
    return this.index(a) <= this.index(b);
  }
  async mergeBase(a: string, b: string) {
    return this.commits[Math.min(this.index(a), this.index(b))]!.sha;
  }
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

// ---- the world: one fake GitHub and Discord per worker -------------------------------------------------------

interface Worker {
  gh: FakeGitHub;
  dc: FakeDiscord;
}

let workers: Worker[] = [];

beforeAll(async () => {
  workers = await Promise.all(
    Array.from({ length: WORKERS }, async () => ({
      gh: await startFakeGitHub(),
      dc: await startFakeDiscord({
        rateLimits: {
          messages: { limit: 5, windowMs: 50 },
          webhooks: { limit: 5, windowMs: 50 },
          routes: { limit: 5, windowMs: 50 },
        },
      }),
    })),
  );
});

afterAll(async () => {
  await Promise.all(workers.flatMap((w) => [w.gh.close(), w.dc.close()]));
});

interface Outcome {
  runs: number;
  faults: number;
  cancelled: number;
  messages: number;
  /** Discord writes whose answer may have been lost (5xx, timeout, dropped, cancelled run). */
  doubts: number;
}

async function play(worker: Worker, index: number, plan: Schedule): Promise<Outcome> {
  const { gh, dc } = worker;
  const repoName = `c${index}`;
  gh.createRepo('example', repoName, { files: { 'README.md': '#\n' } });
  const repo = { owner: 'example', repo: repoName };
  const guild = dc.createGuild(`g${index}`);
  const forum = dc.createForumChannel(guild, { name: 'projects', tags: [...STATUSES] });
  const status = dc.createTextChannel(guild, { name: 'status' });
  const webhook = dc.createWebhook(forum, 'Circuitboard');
  const timeouts = new FaultPlan<'timeout'>();
  const tags = Object.fromEntries(dc.tags(forum).map((t) => [t.name, t.id]));
  const configText = `version: 1\ncommunity:\n  name: Test\ndiscord:\n  forum_channel: "${forum}"\n  status_channel: "${status}"\n  mention_leads: true\n  tags:\n${Object.entries(
    tags,
  )
    .map(([k, v]) => `    ${k}: "${v}"`)
    .join('\n')}\n`;
  const config = CommunityConfig.parse({
    version: 1,
    community: { name: 'Test' },
    discord: { forum_channel: forum, status_channel: status, mention_leads: true, tags },
  });
  const source = new MemoryRepository(configText);
  const model = initialModel();
  let head = source.commit(model);
  let pushedBefore = '0'.repeat(40);
  let clock = Date.parse('2026-11-20T08:00:00Z');
  const outcome: Outcome = { runs: 0, faults: 0, cancelled: 0, messages: 0, doubts: 0 };

  let firstRunHead: number | undefined;
  /** Pushes whose run did not finish cleanly: a maintainer re-runs those jobs at the end. */
  const failed: { before: string; to: string }[] = [];
  const sync = async (
    faults: Fault[],
    cancelAfter?: number,
    runId = `run-${outcome.runs}`,
    advance = true,
    rerun?: { before: string; to: string },
  ) => {
    outcome.runs += 1;
    firstRunHead ??= source.commits.length - 1;
    if (advance) clock += 10 * 60_000; // runs are minutes apart: a cancelled run's claims have expired by the next one
    const now = new Date(clock);
    for (const f of faults) {
      const path =
        f.target === 'github'
          ? f.method === 'GET'
            ? undefined
            : /\/(labels|milestones|git\/\w+|contents\/ledger\.json)/
          : undefined;
      const spec = {
        kind: f.kind,
        method: f.method,
        ...(path ? { path } : {}),
        ...(f.kind === '429' ? { retryAfter: 0.01 } : {}),
      };
      if (f.target === 'github') gh.faults.next(spec as never);
      // A timeout is the client giving up: decided here, never by a clock racing a slow machine.
      else if (f.kind === 'timeout') timeouts.next(spec as never);
      else dc.faults.next(spec as never);
    }
    outcome.faults += faults.length;
    // What can leave a Discord write unrecorded: a lost answer, a cancelled run, a ledger write that keeps failing.
    outcome.doubts +=
      faults.filter((f) => f.method !== 'GET' && (f.target === 'github' || f.kind !== '429')).length +
      (cancelAfter === undefined ? 0 : 1);
    const controller = new AbortController();
    let requests = 0;
    const count = () => {
      requests += 1;
      if (cancelAfter !== undefined && requests >= cancelAfter) controller.abort(new Error('cancelled'));
    };
    const octokit = createOctokit({ token: 'ghs_model', baseUrl: gh.url, log: quiet, retries: 0, throttle: false });
    octokit.hook.before('request', count);
    const client = createDiscordClient({
      apiBase: dc.url,
      // Never reached: timeouts are injected by the plan above, so a slow machine can neither cause nor miss one.
      timeoutMs: 600_000,
      ...(plan.mode !== 'bot' ? { webhookUrl: webhook.url } : {}),
      ...(plan.mode !== 'webhook' ? { botToken: dc.botToken } : {}),
      makeRequest: withClientTimeouts(timeouts, async (url, init) => {
        count();
        return fetch(url, init as unknown as RequestInit);
      }) as never,
    });
    const before = rerun?.before ?? pushedBefore;
    const to = rerun?.to ?? head;
    if (!rerun) pushedBefore = head;
    let clean = false;
    try {
      const report = await syncRepository(
        {
          mode: 'push',
          to,
          before,
          configPath: '.github/circuitboard.yml',
          today: TODAY,
          repository: REPOSITORY,
          rendererVersion: RENDERER_VERSION,
        },
        {
          source,
          ledger: createGitLedgerStore({ octokit, ...repo, sleep: async () => {} }),
          github: createGitHubMirror({ octokit, ...repo }),
          discord: (c) => createDiscordDelivery({ client, config: c.discord, repository: REPOSITORY }),
          runId,
          now: () => now,
          sleep: async () => {},
          signal: controller.signal,
          ...(ONLY !== undefined ? { log: (line: string) => console.log(`[${runId}] ${line}`) } : {}),
        },
      );
      clean = report.result.ok;
      if (ONLY !== undefined)
        console.log(`[${runId}] ${JSON.stringify(report.result.items.filter((i) => i.outcome !== 'skipped'))}`);
    } catch (error) {
      // A cancelled run stops anywhere; a faulty one may fail before it starts (the ledger unreadable).
      if (!controller.signal.aborted && faults.length === 0) throw error;
      if (controller.signal.aborted) outcome.cancelled += 1;
    } finally {
      gh.faults.clear();
      dc.faults.clear();
      timeouts.clear();
    }
    if (!clean && !rerun) failed.push({ before, to });
  };

  for (const s of plan.steps) {
    if (s.kind === 'edit') {
      for (const e of s.edits) apply(model, e);
      head = source.commit(model);
    } else if (s.kind === 'run') {
      await sync(s.faults, s.cancelAfter);
    } else if (s.kind === 'lose-ledger') {
      const state = gh.state(`example/${repoName}`).refs['refs/heads/circuitboard-state'];
      if (!state) continue;
      if (s.how === 'corrupt')
        gh.seedCommit(`example/${repoName}`, {
          branch: 'circuitboard-state',
          message: 'a hand edit that breaks it',
          files: { 'ledger.json': '{"version": 1, "events": {"' },
        });
      // Webhook mode cannot find its posts again: there a deleted ledger needs a maintainer's `reconcile: recreate`.
      else if (plan.mode !== 'webhook')
        gh.store.requireRepo(`example/${repoName}`).refs.delete('refs/heads/circuitboard-state');
    } else {
      // Two runs at once on the same push (no concurrency group): the ledger's compare-and-swap keeps them apart.
      const before = pushedBefore;
      await Promise.all([
        sync([], undefined, `a-${outcome.runs}`),
        (async () => {
          pushedBefore = before;
          await sync([], undefined, `b-${outcome.runs}`, false);
        })(),
      ]);
    }
  }
  // The maintainer re-runs the failed jobs (oldest first), then the last push's job once more: all clean.
  for (const push of failed) await sync([], undefined, `rerun-${outcome.runs}`, true, push);
  await sync([], undefined, `last-${outcome.runs}`, true, {
    before: pushedBefore === head ? (failed.at(-1)?.before ?? pushedBefore) : pushedBefore,
    to: head,
  });

  // ---- the checks ------------------------------------------------------------------------------------------------
  const desired = source.commits[source.commits.length - 1]!.registry;
  const threads = dc.threads(forum);
  const boardThreads = threads.filter((t) => t.name === STATUS_BOARD_THREAD_NAME);
  const postThreads = threads.filter((t) => t.name !== STATUS_BOARD_THREAD_NAME);
  const ledger = parseLedger(gh.readTree(`example/${repoName}`, 'circuitboard-state')['ledger.json'] ?? '{}');
  // Webhook only: a post whose creation may have happened is created again (at least once), and posts go on record
  // ten at a time, so a lost answer or runner may leave extra posts; with a bot token every creation is looked up,
  // so there is exactly one.
  const doubts = plan.mode === 'webhook' ? outcome.doubts * desired.projects.length : 0;
  expect(postThreads.length, 'one forum post per project').toBeGreaterThanOrEqual(desired.projects.length);
  expect(postThreads.length - desired.projects.length, 'extra forum posts').toBeLessThanOrEqual(doubts);
  for (const { slug, project } of desired.projects) {
    const statusTag = config.discord.tags[project.status];
    const rendered = renderProjectPost({
      slug,
      project,
      tags: statusTag ? [statusTag] : [],
      url: `${REPOSITORY.url}/tree/main/projects/${slug}`,
    });
    const thread = postThreads.find((t) => String(t.id) === ledger.posts[slug]?.threadId);
    expect(thread, `the forum post of ${slug}`).toBeDefined();
    const starter = dc.messages(String(thread!.id))[0]!;
    expect(starter.embeds, `the post of ${slug} shows the desired project`).toEqual(
      rendered.message.embeds.map(normaliseEmbed),
    );
    if (plan.mode !== 'webhook') {
      expect(thread!.applied_tags, `the status tag of ${slug}`).toEqual(rendered.appliedTags);
      expect(thread!.name).toBe(rendered.threadName);
    }
  }
  const board = renderStatusBoard(statusBoardModel(desired, config, TODAY, REPOSITORY));
  const boardMessages =
    plan.mode === 'webhook' ? boardThreads.flatMap((t) => dc.messages(String(t.id))) : dc.messages(status);
  expect(boardMessages.length, 'one status board').toBeGreaterThanOrEqual(1);
  expect(boardMessages.length - 1, 'extra status boards').toBeLessThanOrEqual(doubts);
  const current = boardMessages.find((m) => m.id === ledger.board?.messageId);
  expect(current?.embeds, 'the board shows the desired projects').toEqual(board.embeds.map(normaliseEmbed));

  // The first run announces nothing older than the commit it synced; everything after is news.
  const expected = source
    .eventsOf((firstRunHead ?? 0) + 1, source.commits.length - 1)
    .filter((e) => NEWS_EVENT_TYPES.has(e.type));
  const seen = new Map<string, number>();
  for (const t of postThreads) {
    for (const m of dc.messages(String(t.id)).slice(1)) {
      outcome.messages += 1;
      for (const e of (m.embeds ?? []) as { footer?: { text?: string } }[]) {
        const marker = (e.footer?.text ?? '').split(' ').pop() ?? '';
        seen.set(marker, (seen.get(marker) ?? 0) + 1);
      }
    }
  }
  for (const e of expected) {
    const n = seen.get(eventMarker(e.id)) ?? 0;
    if (plan.mode === 'webhook' && n === 0) {
      expect(ledger.events[e.id]?.state, `${e.id} was lost without being recorded as maybe-sent`).toBe('unconfirmed');
    } else {
      expect(n, `${e.id} delivered exactly once`).toBe(1);
    }
  }
  expect(
    [...seen.values()].every((n) => n === 1),
    'no duplicates',
  ).toBe(true);
  expect(seen.size, 'nothing announced that did not happen').toBeLessThanOrEqual(expected.length);
  expect(
    dc.pings().filter((p) => p.kind !== 'user'),
    'nobody pinged but opted-in leads',
  ).toEqual([]);

  const state = gh.state(`example/${repoName}`);
  for (const { slug, project } of desired.projects) {
    expect(
      state.labels.filter((l) => l.name === `project:${slug}`),
      `label of ${slug}`,
    ).toHaveLength(1);
    for (const m of project.milestones ?? []) {
      const found = state.milestones.filter((x) => (x.description ?? '').includes(`circuitboard:${slug}/${m.id}`));
      expect(found, `milestone ${slug}/${m.id}`).toHaveLength(1);
      expect(found[0]!.title).toBe(`${slug}: ${m.title}`);
      expect(found[0]!.state).toBe(m.done || m.dropped ? 'closed' : 'open');
      expect(found[0]!.due_on?.slice(0, 10)).toBe(m.due);
    }
  }
  // A milestone taken out of project.yml is closed, never deleted or made twice; put back, it is the same one.
  const markerOf = (x: { description: string | null }) => /circuitboard:\S+/.exec(x.description ?? '')?.[0];
  const markers = state.milestones.map(markerOf);
  expect(new Set(markers).size, 'no milestone twice').toBe(markers.length);
  const wanted = new Set(
    desired.projects.flatMap(({ slug, project }) =>
      (project.milestones ?? []).map((m) => `circuitboard:${slug}/${m.id}`),
    ),
  );
  for (const x of state.milestones.filter((m) => !wanted.has(markerOf(m) ?? '')))
    expect(x.state, `milestone ${markerOf(x)} left projects/`).toBe('closed');
  gh.assertNoViolations();
  dc.assertNoViolations();
  return outcome;
}

/** Discord stores embeds with `type: "rich"` and without undefined keys. */
function normaliseEmbed(embed: object): object {
  return { type: 'rich', ...JSON.parse(JSON.stringify(embed)) };
}

describe('sync model', () => {
  it(`${SCHEDULES} random schedules of edits, faults and cancelled runs end equal to the desired state, with 0 duplicates and 0 lost events`, async () => {
    const schedules = fc.sample(schedule, { numRuns: SCHEDULES, seed: SEED });
    const totals: Outcome = { runs: 0, faults: 0, cancelled: 0, messages: 0, doubts: 0 };
    let next = ONLY ?? 0;
    const end = ONLY === undefined ? schedules.length : ONLY + 1;
    await Promise.all(
      workers.map(async (worker) => {
        for (let i = next++; i < end; i = next++) {
          try {
            const o = await play(worker, i, schedules[i]!);
            for (const k of Object.keys(totals) as (keyof Outcome)[]) totals[k] += o[k];
          } catch (error) {
            (error as Error).message =
              `schedule ${i} (seed ${SEED}) failed: ${(error as Error).message}\n${JSON.stringify(schedules[i])}`;
            throw error;
          }
        }
      }),
    );
    if (ONLY === undefined) expect(totals.runs).toBeGreaterThan(SCHEDULES);
    console.log(
      `model: ${SCHEDULES} schedules, ${totals.runs} runs, ${totals.faults} faults, ${totals.cancelled} cancelled, ${totals.messages} news messages`,
    );
  });
});
