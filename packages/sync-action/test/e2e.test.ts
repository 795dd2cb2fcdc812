import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBundle, projectYaml, runAction, startWorld, type World, ZERO } from './harness.ts';

beforeAll(() => ensureBundle());

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  world.gh.assertNoViolations();
  world.dc.assertNoViolations();
  await world.close();
});

const P = 'projects/induction-heads/project.yml';

function writes(w: World) {
  const gh = w.gh.requests.filter((r) => r.method !== 'GET').length;
  const dc = w.dc.requests.filter((r) => r.method !== 'GET').length;
  return { gh, dc };
}

/** Each Discord mode with the secret that selects it. */
const MODES = [
  ['bot', (w: World) => ({ 'discord-bot-token': w.dc.botToken })],
  ['webhook', (w: World) => ({ 'discord-webhook-url': w.webhookUrl })],
] as const;

const BOARD = '📋 Project status board';

function projectThreads(w: World) {
  return w.dc.threads(w.forum).filter((t) => t.name !== BOARD);
}

function threadMessages(w: World) {
  const [thread] = projectThreads(w);
  return thread ? w.dc.messages(String(thread.id)) : [];
}

/** The status board: a message in the status channel (bot), or a forum post of its own (webhook). */
function boardMessages(w: World) {
  const thread = w.dc.threads(w.forum).find((t) => t.name === BOARD);
  return thread ? w.dc.messages(String(thread.id)) : w.dc.messages(w.status);
}

/** Lines a person sees in the log: the runner hides ::add-mask:: commands. */
function visible(text: string) {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

describe.each(MODES)('the sync action (%s)', (_mode, secrets) => {
  it('merging a PR that marks a milestone done: one Discord message, post and board updated, milestone closed; a re-run changes nothing', async () => {
    const a = await world.commit({ [P]: projectYaml() }, 'add induction-heads');
    const first = await runAction(world, { before: ZERO, after: a }, secrets(world));
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(projectThreads(world)).toHaveLength(1);
    expect(boardMessages(world)).toHaveLength(1);
    const milestones = () => world.gh.state('example/community').milestones;
    expect(milestones().map((m) => [m.title, m.state])).toEqual([
      ['induction-heads: Replicate the phase change on Pythia-70m', 'open'],
      ['induction-heads: Scan all checkpoints of Pythia-410m', 'open'],
    ]);
    expect(world.gh.state('example/community').labels.map((l) => l.name)).toContain('project:induction-heads');
    expect(threadMessages(world)).toHaveLength(1);

    const b = await world.commit({ [P]: projectYaml({ done: '2026-11-12' }) }, 'replicate done');
    const board = JSON.stringify(boardMessages(world)[0]);
    const post = JSON.stringify(threadMessages(world)[0]);
    world.gh.resetRecord();
    world.dc.resetRecord();
    const second = await runAction(world, { before: a, after: b }, secrets(world));
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(threadMessages(world)).toHaveLength(2);
    expect(JSON.stringify(threadMessages(world)[1])).toMatch(/Milestone done: Replicate the phase change/);
    expect(JSON.stringify(threadMessages(world)[0])).not.toBe(post);
    expect(JSON.stringify(boardMessages(world)[0])).not.toBe(board);
    expect(milestones()[0]!.state).toBe('closed');
    expect(second.outputs.failed).toBe('0');
    expect(second.summary).toMatch(/\| Discord \| 1 \| 2 \| 0 \| 0 \|/);

    world.gh.resetRecord();
    world.dc.resetRecord();
    const again = await runAction(world, { before: a, after: b }, secrets(world));
    expect(again.code).toBe(0);
    expect(writes(world)).toEqual({ gh: 0, dc: 0 });
    expect(world.dc.requests).toHaveLength(0);
    expect(threadMessages(world)).toHaveLength(2);
    expect(world.dc.pings()).toEqual([]);
  });
});

describe('the sync action after faults', () => {
  it('a news POST whose answer was dropped: the re-run finds it and sends nothing twice (bot)', async () => {
    const secrets = { 'discord-bot-token': world.dc.botToken };
    const a = await world.commit({ [P]: projectYaml() }, 'add');
    expect((await runAction(world, { after: a }, secrets)).code).toBe(0);
    const b = await world.commit({ [P]: projectYaml({ done: '2026-11-12' }) }, 'done');
    world.dc.faults.next({ kind: 'drop-after-write', method: 'POST', path: /\/channels\/\d+\/messages$/ });
    const faulty = await runAction(world, { before: a, after: b }, secrets);
    expect(faulty.code, faulty.stdout).toBe(0);
    expect(threadMessages(world)).toHaveLength(2);
    expect((await runAction(world, { before: a, after: b }, secrets)).code).toBe(0);
    expect(threadMessages(world)).toHaveLength(2);
  });

  it('a failed item fails the job after everything else was done, and the next run completes it', async () => {
    const secrets = { 'discord-bot-token': world.dc.botToken };
    const a = await world.commit({ [P]: projectYaml() }, 'add');
    world.dc.faults.next({ kind: '5xx', method: 'POST', path: /\/threads$/, times: 3 });
    const failed = await runAction(world, { after: a }, secrets);
    expect(failed.code).toBe(1);
    expect(failed.outputs.failed).not.toBe('0');
    expect(failed.stdout).toMatch(/::error::/);
    expect(world.dc.messages(world.status)).toHaveLength(1);
    expect(world.gh.state('example/community').milestones).toHaveLength(2);
    const fixed = await runAction(world, { after: a }, secrets);
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(world.dc.threads(world.forum)).toHaveLength(1);
  });

  it('fails fast on an unknown input and never prints a secret (the bundle, as the runner starts it)', async () => {
    const a = await world.commit({ [P]: projectYaml() }, 'add');
    const run = await runAction(
      world,
      { after: a },
      { 'discord-webhook-url': world.webhookUrl, 'discord-webhok-url': 'x' },
      {},
      { bundle: true },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/unknown input "discord-webhok-url"/);
    const token = world.webhookUrl.split('/').pop()!;
    const deleted = await runAction(
      world,
      { after: a },
      { 'discord-webhook-url': `${world.webhookUrl.replace(/\/[^/]+$/, '')}/wrongtoken1234567890` },
    );
    for (const text of [run.stdout, run.stderr, deleted.stdout, deleted.stderr, deleted.summary].map(visible)) {
      expect(text).not.toContain(token);
      expect(text).not.toContain('wrongtoken1234567890');
      expect(text).not.toContain('ghs_testtoken123456');
    }
    expect(deleted.code).toBe(1);
    expect(deleted.summary).toMatch(/DISCORD_WEBHOOK_URL/);
  });

  it('a milestone taken out of project.yml is closed on GitHub, and the job summary says so', async () => {
    const a = await world.commit({ [P]: projectYaml() }, 'add');
    expect((await runAction(world, { after: a })).code).toBe(0);
    const withoutScan = projectYaml().replace(/ {2}- id: scan\n.*\n.*\n/, '');
    const b = await world.commit({ [P]: withoutScan }, 'scan is out of scope');
    const run = await runAction(world, { before: a, after: b });
    expect(run.code, run.stdout).toBe(0);
    expect(world.gh.state('example/community').milestones.map((m) => [m.title, m.state])).toEqual([
      ['induction-heads: Replicate the phase change on Pythia-70m', 'open'],
      ['induction-heads: Scan all checkpoints of Pythia-410m', 'closed'],
    ]);
    expect(run.summary).toContain(
      '### Milestones closed\n\n- closed induction-heads: Scan all checkpoints of Pythia-410m (removed from projects/)',
    );
  });

  it('a dry run prints the plan and writes nothing', async () => {
    const a = await world.commit({ [P]: projectYaml() }, 'add');
    const run = await runAction(world, { after: a }, { 'discord-bot-token': world.dc.botToken, 'dry-run': 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/Discord: create the forum post of \*induction-heads\*/);
    expect(writes(world)).toEqual({ gh: 0, dc: 0 });
  });

  it('a force-push and a reconcile announce nothing twice', async () => {
    const secrets = { 'discord-bot-token': world.dc.botToken };
    const a = await world.commit({ [P]: projectYaml() }, 'add');
    await runAction(world, { after: a }, secrets);
    const b = await world.commit({ [P]: projectYaml({ done: '2026-11-12' }) }, 'done');
    await runAction(world, { before: a, after: b }, secrets);
    const { runGit } = await import('@circuitboard/testkit');
    await runGit(world.dir, ['reset', '--quiet', '--hard', a]);
    const c = await world.commit(
      { [P]: projectYaml({ done: '2026-11-12', status: 'paused' }) },
      'done and paused (rewritten)',
    );
    const forced = await runAction(world, { before: b, after: c }, secrets);
    expect(forced.code, forced.stdout).toBe(0);
    const texts = threadMessages(world).map((m) => JSON.stringify(m));
    expect(texts.filter((t) => /Milestone done/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /Status:/.test(t))).toHaveLength(1);
    const reconcile = await runAction(
      world,
      { after: c, name: 'workflow_dispatch' },
      { ...secrets, mode: 'reconcile' },
    );
    expect(reconcile.code).toBe(0);
    expect(threadMessages(world)).toHaveLength(texts.length);
  });
});

/** Discord requests that create something: forum posts, messages (news, the board), webhook executions. */
function creations(w: World) {
  return w.dc.requests.filter((r) => r.method === 'POST').length;
}

const STATE = 'refs/heads/circuitboard-state';

describe.each(MODES)('a lost ledger (%s)', (mode, secrets) => {
  it('deleted or corrupted between runs: 0 duplicate posts, boards or news', async () => {
    const a = await world.commit({ [P]: projectYaml() }, 'add induction-heads');
    expect((await runAction(world, { after: a }, secrets(world))).code).toBe(0);
    const b = await world.commit({ [P]: projectYaml({ done: '2026-11-12' }) }, 'replicate done');
    expect((await runAction(world, { before: a, after: b }, secrets(world))).code).toBe(0);
    const shown = () => ({
      posts: projectThreads(world).length,
      boards: boardMessages(world).length,
      news: threadMessages(world).length - 1,
    });
    expect(shown()).toEqual({ posts: 1, boards: 1, news: 1 });

    // Corrupted: the last good version is used, nothing is posted again, and the broken file is replaced.
    world.gh.seedCommit('example/community', {
      branch: 'circuitboard-state',
      message: 'hand edit',
      files: { 'ledger.json': '{"version": 1, "events": {' },
    });
    world.dc.resetRecord();
    const corrupt = await runAction(world, { before: a, after: b }, secrets(world));
    expect(creations(world)).toBe(0);
    expect(shown()).toEqual({ posts: 1, boards: 1, news: 1 });
    expect(corrupt.code, corrupt.stdout).toBe(0);
    expect(corrupt.stdout).toMatch(
      /ledger\.json on the circuitboard-state branch does not parse .* using its last good version/,
    );

    // Deleted (the branch is gone), then the same push is run again.
    await fetch(`${world.gh.url}/repos/example/community/git/${STATE}`, {
      method: 'DELETE',
      headers: { authorization: 'token x' },
    });
    world.dc.resetRecord();
    const gone = await runAction(world, { before: a, after: b }, secrets(world));
    expect(creations(world)).toBe(0);
    expect(shown()).toEqual({ posts: 1, boards: 1, news: 1 });
    if (mode === 'bot') {
      expect(gone.code, gone.stdout).toBe(0);
      expect(gone.summary).toMatch(/looked up by their markers before anything is created/);
      expect(gone.summary).toMatch(/\| Discord \| 0 \| 2 \| 1 \| 0 \|/);
      // What was found is on record again: the next run looks nothing up.
      world.dc.resetRecord();
      expect((await runAction(world, { before: a, after: b }, secrets(world))).code).toBe(0);
      expect(world.dc.requests).toHaveLength(0);
    } else {
      expect(gone.code).toBe(1);
      expect(gone.summary).toMatch(/the delivery ledger \(ledger\.json on the state branch\) is gone/);
      expect(gone.summary).toMatch(/`reconcile: recreate`/);
      expect(world.gh.state('example/community').refs[STATE]).toBeUndefined();
      // The maintainer confirms: the post and the board are created again (the old ones are theirs to delete).
      const confirmed = await runAction(
        world,
        { after: b, name: 'workflow_dispatch' },
        { ...secrets(world), mode: 'reconcile', reconcile: 'recreate' },
      );
      expect(confirmed.code, confirmed.stdout).toBe(0);
      expect(shown()).toMatchObject({ posts: 2 });
    }
    expect(world.dc.pings()).toEqual([]);
  });
});

describe('GitHub writes and reads', () => {
  it.each(MODES)('%s: a push that marks one milestone done costs at most 3 GitHub writes', async (_mode, secrets) => {
    const a = await world.commit({ [P]: projectYaml() }, 'add');
    expect((await runAction(world, { after: a }, secrets(world))).code).toBe(0);
    const b = await world.commit({ [P]: projectYaml({ done: '2026-11-12' }) }, 'done');
    world.gh.resetRecord();
    expect((await runAction(world, { before: a, after: b }, secrets(world))).code).toBe(0);
    const writes = world.gh.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.route}`);
    expect(writes.length, writes.join('\n')).toBeLessThanOrEqual(3);
    expect(writes.filter((w) => w.startsWith('PATCH /repos/{owner}/{repo}/milestones/'))).toHaveLength(1);
  });

  it.each(MODES)('%s: a reconcile with nothing to change reads, edits nothing, and says so', async (_mode, secrets) => {
    const a = await world.commit({ [P]: projectYaml() }, 'add');
    expect((await runAction(world, { after: a }, secrets(world))).code).toBe(0);
    world.gh.resetRecord();
    world.dc.resetRecord();
    const run = await runAction(
      world,
      { after: a, name: 'workflow_dispatch' },
      { ...secrets(world), mode: 'reconcile' },
    );
    expect(run.code, run.stdout).toBe(0);
    expect(world.dc.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(world.gh.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(world.dc.requests.length).toBeGreaterThanOrEqual(2);
    expect(run.summary).toMatch(/\| Discord \| 0 \| 0 \| 2 \| 0 \|/);
  });
});

describe('a push that deleted a branch', () => {
  it('(after is forty zeros) is skipped with a notice, reading and writing nothing', async () => {
    const a = await world.commit({ [P]: projectYaml() }, 'add');
    const run = await runAction(
      world,
      { before: a, after: ZERO },
      { 'discord-bot-token': world.dc.botToken },
      {},
      { bundle: true },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /::notice::the push deleted refs\/heads\/main \(its new commit is all zeros\): nothing to sync/,
    );
    expect(run.outputs.summary).toBe('skipped: the push deleted a branch');
    expect(world.gh.requests).toEqual([]);
    expect(world.dc.requests).toEqual([]);
  });
});
