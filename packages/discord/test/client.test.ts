import type { ProjectEvent } from '@circuitboard/core';
import {
  DeliveryError,
  type DiscordNewsOp,
  type DiscordProjectPostOp,
  type DiscordStatusBoardOp,
  eventMarker,
} from '@circuitboard/core/sync';
import { FaultPlan, withClientTimeouts } from '@circuitboard/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasMarker, parseWebhookUrl, projectThreadName, redact } from '../src/index.ts';
import { makeProject } from './fixtures.ts';
import { type DiscordWorld, discordWorld } from './world.ts';

let world: DiscordWorld;
beforeEach(async () => {
  world = await discordWorld();
});
afterEach(async () => {
  world.dc.assertNoViolations();
  await world.dc.close();
});

function postOp(overrides: Partial<DiscordProjectPostOp> = {}): DiscordProjectPostOp {
  const project = makeProject();
  return {
    id: 'discord.post:induction-heads',
    kind: 'discord.project-post',
    target: 'discord',
    slug: 'induction-heads',
    project,
    tags: [world.tags.active!],
    hash: 'h1',
    action: 'create',
    url: 'https://github.com/example/community/tree/main/projects/induction-heads',
    ...overrides,
  };
}

function boardOp(overrides: Partial<DiscordStatusBoardOp> = {}): DiscordStatusBoardOp {
  return {
    id: 'b',
    kind: 'discord.status-board',
    target: 'discord',
    hash: 'x',
    action: 'create',
    board: { community: 'MI', rows: [] },
    ...overrides,
  };
}

const done: ProjectEvent = {
  id: 'milestone.completed:induction-heads/replicate:2026-11-12',
  type: 'milestone.completed',
  project: 'induction-heads',
  milestone: 'replicate',
  title: 'Replicate',
  done: '2026-11-12',
};

function newsOp(events: ProjectEvent[] = [done]): DiscordNewsOp {
  return {
    id: 'discord.news:x',
    kind: 'discord.news',
    target: 'discord',
    slug: 'induction-heads',
    events,
    mentions: [],
  };
}

describe.each(['webhook', 'bot', 'webhook+bot'] as const)('%s mode', (mode) => {
  it('creates a forum post with its status tag, edits it, and posts news in its thread', async () => {
    const discord = world.delivery(mode);
    const at = await discord.createProjectPost(postOp());
    const thread = world.dc.channel(at.threadId)!;
    expect(thread.parent_id).toBe(world.forum);
    expect(thread.applied_tags).toEqual([world.tags.active]);
    expect(world.dc.threads(world.forum)).toHaveLength(1);
    await discord.editProjectPost(
      postOp({ project: makeProject({ status: 'paused' }), tags: [world.tags.paused!] }),
      at,
    );
    const { messageId } = await discord.postNews(newsOp(), at.threadId);
    const messages = world.dc.messages(at.threadId);
    expect(messages).toHaveLength(2);
    expect(messages[1]!.id).toBe(messageId);
    expect(hasMarker(messages[1]!.embeds as never, eventMarker(done.id))).toBe(true);
    if (mode !== 'webhook') expect(world.dc.channel(at.threadId)!.applied_tags).toEqual([world.tags.paused]);
    expect(world.dc.pings()).toEqual([]);
  });

  it('a project title of `@everyone <@&1>` pings nobody', async () => {
    const role = world.dc.createRole(world.guild, 'members');
    const discord = world.delivery(mode);
    const project = makeProject({
      title: `@everyone <@&${role}> @here`,
      summary: `<@${world.dc.botUserId}> @everyone`,
    });
    const at = await discord.createProjectPost(postOp({ project }));
    await discord.postNews(newsOp([{ ...done, title: `@everyone <@&${role}>` }]), at.threadId);
    await discord.createStatusBoard({
      id: 'b',
      kind: 'discord.status-board',
      target: 'discord',
      hash: 'x',
      action: 'create',
      board: {
        community: '@everyone',
        rows: [{ slug: 'x', title: `<@&${role}>`, status: 'active', done: 0, total: 1, overdue: 0 }],
      },
    });
    expect(world.dc.pings()).toEqual([]);
  });
});

describe('bot mode', () => {
  it('finds a forum post and a news message whose answers were dropped after the write', async () => {
    const discord = world.delivery('bot');
    world.dc.faults.next({ kind: 'drop-after-write', method: 'POST', path: /\/threads$/ });
    const error = await discord.createProjectPost(postOp()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).kind).toBe('ambiguous');
    const found = await discord.findProjectPost('induction-heads', { thorough: true });
    expect(found?.threadId).toBe(world.dc.threads(world.forum)[0]!.id);
    world.dc.faults.next({ kind: 'drop-after-write', method: 'POST', path: /\/messages$/ });
    await expect(discord.postNews(newsOp(), found!.threadId)).rejects.toMatchObject({ kind: 'ambiguous' });
    const markers = await discord.findMessages(found!.threadId, [eventMarker(done.id), eventMarker('other')]);
    expect([...markers.keys()]).toEqual([eventMarker(done.id)]);
  });

  it('never retries a POST after a 5xx by itself', async () => {
    const discord = world.delivery('bot');
    const at = await discord.createProjectPost(postOp());
    world.dc.resetRecord();
    world.dc.faults.next({ kind: '5xx', status: 502, method: 'POST' });
    await expect(discord.postNews(newsOp(), at.threadId)).rejects.toMatchObject({ kind: 'ambiguous' });
    expect(world.dc.count({ method: 'POST' })).toBe(1);
  });

  it('waits out a 429 and then sends once', async () => {
    const discord = world.delivery('bot');
    const at = await discord.createProjectPost(postOp());
    world.dc.faults.next({ kind: '429', method: 'POST', retryAfter: 0.05 });
    await discord.postNews(newsOp(), at.threadId);
    expect(world.dc.messages(at.threadId)).toHaveLength(2);
    expect(discord.client.stats.rateLimited).toBeGreaterThanOrEqual(1);
  });

  it('a request with no answer times out as "maybe sent"', async () => {
    const timeouts = new FaultPlan<'timeout'>();
    const discord = world.delivery('bot', {
      makeRequest: withClientTimeouts(timeouts, (url, init) => fetch(url, init as RequestInit)) as never,
    });
    const at = await discord.createProjectPost(postOp());
    timeouts.next({ kind: 'timeout', method: 'POST' });
    await expect(discord.postNews(newsOp(), at.threadId)).rejects.toMatchObject({
      kind: 'ambiguous',
      message: expect.stringMatching(/no answer from Discord in time; it may have been done anyway/),
    });
    expect(timeouts.pending).toEqual([]);
  });

  it('before creating a post, looks only at unknown posts with its title; a thorough look-up reads the others once', async () => {
    const discord = world.delivery('bot');
    const other = await discord.createProjectPost(
      postOp({ slug: 'grokking', project: makeProject({ title: 'Grokking' }) }),
    );
    const mine = await discord.createProjectPost(postOp());
    const fresh = world.delivery('bot');
    world.dc.resetRecord();
    const title = makeProject().title;
    expect(await fresh.findProjectPost('induction-heads', { title })).toEqual(mine);
    const reads = () => world.dc.count({ method: 'GET', path: /\/messages\/\d+$/ });
    expect(reads()).toBe(1);
    // A post the ledger knows is never read, and without `thorough` no post with another title is.
    world.dc.resetRecord();
    expect(
      await world.delivery('bot').findProjectPost('grokking', { title: 'Renamed', known: new Set([mine.threadId]) }),
    ).toBeUndefined();
    expect(reads()).toBe(0);
    expect(
      await world.delivery('bot').findProjectPost('grokking', { known: new Set([mine.threadId]), thorough: true }),
    ).toEqual(other);
    expect(reads()).toBe(1);
    expect(projectThreadName(title)).toBe(world.dc.channel(mine.threadId)!.name);
  });

  it('a look-up lists at most archivedPages pages of archived posts, and says when it stopped short', async () => {
    const forum = world.dc.store.channels.get(world.forum)!;
    for (let i = 0; i < 150; i++) {
      const old = world.dc.store.createThread(forum, `old ${i}`, world.dc.botUserId, [], 1440);
      old.thread!.archived = true;
      old.thread!.archiveTimestamp = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
    }
    const lines: string[] = [];
    const discord = world.delivery('bot', {}, { archivedPages: 1, log: (line) => lines.push(line) });
    world.dc.resetRecord();
    expect(await discord.findProjectPost('induction-heads', { title: 'Nothing like it' })).toBeUndefined();
    expect(world.dc.count({ method: 'GET', path: /\/threads\/archived\/public$/ })).toBe(1);
    expect(world.dc.count({ method: 'GET', path: /\/messages\/\d+$/ })).toBe(0);
    expect(lines.join('\n')).toMatch(/more than 100 archived posts; only the newest were looked at/);
  });

  it('a look-up lists the forum once per run however many posts it looks for', async () => {
    const discord = world.delivery('bot');
    for (const slug of ['a', 'b', 'c'])
      await discord.createProjectPost(postOp({ slug, project: makeProject({ title: slug }) }));
    const fresh = world.delivery('bot');
    world.dc.resetRecord();
    for (const slug of ['a', 'b', 'c', 'd']) await fresh.findProjectPost(slug, { title: slug });
    expect(world.dc.count({ method: 'GET', path: /\/threads\/active$/ })).toBe(1);
    expect(world.dc.count({ method: 'GET', path: /\/threads\/archived\/public$/ })).toBe(1);
    expect(world.dc.count({ method: 'GET', path: /\/messages\/\d+$/ })).toBe(3);
  });

  it('a channel the bot may not see stops with what permission to give', async () => {
    world.dc.denyAccess(world.forum);
    const error = (await world
      .delivery('bot')
      .createProjectPost(postOp())
      .catch((e: unknown) => e)) as DeliveryError;
    expect(error.kind).toBe('target');
    expect(error.message).toMatch(/Send Messages in Threads/);
    expect(error.message).not.toContain(world.dc.botToken);
  });

  it('posts the status board in the status channel and edits it in place', async () => {
    const discord = world.delivery('bot');
    const board = { community: 'MI', rows: [] };
    const at = await discord.createStatusBoard({
      id: 'b',
      kind: 'discord.status-board',
      target: 'discord',
      hash: 'x',
      action: 'create',
      board,
    });
    expect(at.channelId).toBe(world.status);
    await discord.editStatusBoard(
      {
        id: 'b',
        kind: 'discord.status-board',
        target: 'discord',
        hash: 'y',
        action: 'edit',
        board: { ...board, community: 'MI 2' },
      },
      at,
    );
    expect(world.dc.messages(world.status)).toHaveLength(1);
    expect(await discord.findStatusBoard()).toEqual(at);
  });
});

describe.each(['webhook', 'bot'] as const)('checking a post or the board (%s)', (mode) => {
  it('is reads only; a deleted post is reported missing', async () => {
    const discord = world.delivery(mode);
    const at = await discord.createProjectPost(postOp());
    const board = await discord.createStatusBoard(boardOp());
    world.dc.resetRecord();
    expect(await discord.verifyProjectPost(postOp(), at)).toBe('unchanged');
    await discord.verifyStatusBoard(boardOp({ action: 'edit' }), board);
    expect(world.dc.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(world.dc.requests.length).toBeGreaterThanOrEqual(2);
    world.dc.store.messages.delete(at.messageId);
    await expect(discord.verifyProjectPost(postOp(), at)).rejects.toMatchObject({ kind: 'missing' });
  });
});

describe('bot mode: a thread whose title or tag was changed by hand', () => {
  it('is put right by the check, which says so', async () => {
    const discord = world.delivery('bot');
    const at = await discord.createProjectPost(postOp());
    await world.delivery('bot').client.editThread(at.threadId, { name: 'changed by hand' }, 'test');
    expect(await discord.verifyProjectPost(postOp(), at)).toBe('updated');
    expect(world.dc.channel(at.threadId)!.name).toBe(projectThreadName(makeProject().title));
  });
});

describe('webhook mode', () => {
  it('a deleted webhook stops with what to fix, and the token appears nowhere', async () => {
    const { id, token } = parseWebhookUrl(world.webhookUrl);
    world.dc.store.webhooks.delete(id);
    const error = (await world
      .delivery('webhook')
      .createProjectPost(postOp())
      .catch((e: unknown) => e)) as DeliveryError;
    expect(error.kind).toBe('target');
    expect(error.message).toMatch(
      /create a new webhook in the forum channel and update the DISCORD_WEBHOOK_URL secret/,
    );
    expect(error.message).not.toContain(token);
  });

  it('cannot look anything up', () => {
    expect(world.delivery('webhook').canSearch).toBe(false);
    expect(world.delivery('webhook+bot').canSearch).toBe(true);
  });

  it('puts the status board in a forum post of its own', async () => {
    const at = await world.delivery('webhook').createStatusBoard(boardOp());
    expect(world.dc.channel(at.threadId!)?.parent_id).toBe(world.forum);
  });
});

describe('redact', () => {
  it('removes webhook tokens and secrets', () => {
    expect(redact('POST https://discord.com/api/webhooks/123/abcDEF-_.xyz?wait=true')).toBe(
      'POST https://discord.com/api/webhooks/123/***?wait=true',
    );
    expect(redact('Bot abcdefghijklmnopqrstuvwxyz.123')).toBe('Bot ***');
    expect(redact('token=supersecret123', ['supersecret123'])).toBe('token=***');
  });
});
