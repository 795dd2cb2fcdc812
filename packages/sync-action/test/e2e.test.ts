import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBundle, projectYaml, runAction, startWorld, type World, ZERO } from './harness.ts';

beforeAll(() => ensureBundle(), 120_000);

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

describe.each([
  ['bot', (w: World) => ({ 'discord-bot-token': w.dc.botToken })],
  ['webhook', (w: World) => ({ 'discord-webhook-url': w.webhookUrl })],
] as const)('the sync action (%s)', (_mode, secrets) => {
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

  it('fails fast on an unknown input and never prints a secret', async () => {
    const a = await world.commit({ [P]: projectYaml() }, 'add');
    const run = await runAction(
      world,
      { after: a },
      { 'discord-webhook-url': world.webhookUrl, 'discord-webhok-url': 'x' },
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
