import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type FakeDiscord, type FakeDiscordOptions, INTENTS, startFakeDiscord, virtualClock } from '../src/index.ts';
import type { Json } from './http.ts';

// The gateway protocol itself, spoken by hand with a bare WebSocket, for what discord.js never does wrong.

interface Payload {
  op: number;
  d: Json;
  s: number | null;
  t: string | null;
}

class Raw {
  readonly received: Payload[] = [];
  readonly closed: Promise<number>;
  #waiting: Array<() => void> = [];
  readonly #ws: WebSocket;

  constructor(url: string) {
    this.#ws = new WebSocket(url);
    this.#ws.on('message', (data) => {
      this.received.push(JSON.parse(String(data)));
      for (const wake of this.#waiting.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => this.#ws.on('close', (code) => resolve(code)));
    this.closed.then(() => {
      for (const wake of this.#waiting.splice(0)) wake();
    });
  }

  send(op: number, d: unknown): void {
    this.#ws.send(JSON.stringify({ op, d }));
  }

  sendRaw(text: string): void {
    this.#ws.send(text);
  }

  /** The first received payload matching, waiting for it (no timeout: the runner's ends a wait that never comes). */
  async take(match: (p: Payload) => boolean): Promise<Payload> {
    for (;;) {
      const index = this.received.findIndex(match);
      if (index !== -1) return this.received.splice(index, 1)[0] as Payload;
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }

  dispatch(t: string): Promise<Payload> {
    return this.take((p) => p.op === 0 && p.t === t);
  }

  close(code = 1000): void {
    this.#ws.close(code);
  }
}

let dc: FakeDiscord;
let guild: string;
let channel: string;
const sockets: Raw[] = [];

async function fake(options: FakeDiscordOptions = {}): Promise<void> {
  dc = await startFakeDiscord({ rateLimits: false, ...options });
  guild = dc.createGuild('Interpretability');
  channel = dc.createTextChannel(guild);
}

function open(query = '?v=10&encoding=json', path = dc.gateway.url): Raw {
  const raw = new Raw(`${path}${query}`);
  sockets.push(raw);
  return raw;
}

const identity = (intents: number, extra: Record<string, unknown> = {}) => ({
  token: dc.botToken,
  intents,
  properties: { os: 'linux', browser: 'raw-test', device: 'raw-test' },
  ...extra,
});

async function identified(intents: number = INTENTS.guilds, extra: Record<string, unknown> = {}): Promise<Raw> {
  const raw = open();
  await raw.take((p) => p.op === 10);
  raw.send(2, identity(intents, extra));
  await raw.dispatch('READY');
  return raw;
}

afterEach(async () => {
  for (const raw of sockets.splice(0)) raw.close();
  await dc.close();
});

describe('connecting and identifying', () => {
  it('says HELLO with the configured interval, ACKs heartbeats, and numbers dispatches from READY on', async () => {
    await fake({ gateway: { heartbeatIntervalMs: 1234 } });
    const raw = open();
    expect(await raw.take((p) => p.op === 10)).toEqual({ op: 10, d: { heartbeat_interval: 1234 }, s: null, t: null });
    raw.send(1, null);
    expect(await raw.take((p) => p.op === 11)).toEqual({ op: 11, d: null, s: null, t: null });
    raw.send(2, identity(INTENTS.guilds));
    const ready = await raw.dispatch('READY');
    expect(ready.s).toBe(1);
    expect(ready.d).toMatchObject({
      v: 10,
      user: { id: dc.botUserId, bot: true },
      guilds: [{ id: guild, unavailable: true }],
      resume_gateway_url: dc.gateway.resumeUrl,
      application: { id: dc.applicationId },
    });
    const created = await raw.dispatch('GUILD_CREATE');
    expect(created.s).toBe(2);
    expect(created.d).toMatchObject({ id: guild, unavailable: false, large: false, member_count: 2 });
    expect(dc.gateway.stats).toMatchObject({ heartbeats: 1, heartbeatAcks: 1, identifies: 1, ready: 1 });
  });

  it.each([
    ['a wrong token', 4004, () => identity(INTENTS.guilds, { token: 'nope' })],
    ['an undocumented intent bit', 4013, () => identity(1 << 30)],
    ['intents that are not a number', 4013, () => identity(INTENTS.guilds, { intents: '1' })],
    ['a shard outside the shard count', 4010, () => identity(INTENTS.guilds, { shard: [2, 2] })],
    ['no properties', 4002, () => ({ token: 'x', intents: 1 })],
  ])('closes an IDENTIFY with %s with %i', async (_what, code, d) => {
    await fake();
    const raw = open();
    await raw.take((p) => p.op === 10);
    raw.send(2, d());
    expect(await raw.closed).toBe(code);
    expect(dc.violations).toEqual([expect.objectContaining({ kind: 'invalid-gateway-payload' })]);
    dc.resetRecord();
  });

  it('closes with 4014 for a privileged intent the portal did not enable, and accepts it once enabled', async () => {
    await fake({ gateway: { privilegedIntents: { messageContent: false } } });
    const refused = open();
    await refused.take((p) => p.op === 10);
    refused.send(2, identity(INTENTS.guilds | INTENTS.messageContent));
    expect(await refused.closed).toBe(4014);
    dc.resetRecord();
    await (await identified(INTENTS.guilds | INTENTS.guildMembers | INTENTS.guildPresences)).dispatch('GUILD_CREATE');
  });

  it.each([
    ['op 8 before IDENTIFY', 4003, (raw: Raw) => raw.send(8, { guild_id: '1', query: '', limit: 0 })],
    ['an unknown opcode', 4001, (raw: Raw) => raw.send(42, {})],
    ['a payload that is not JSON', 4002, (raw: Raw) => raw.sendRaw('{op: 1')],
    [
      'a payload over 4096 bytes',
      4002,
      (raw: Raw) => raw.sendRaw(JSON.stringify({ op: 1, d: null, padding: 'x'.repeat(5000) })),
    ],
  ])('closes on %s with %i', async (_what, code, act) => {
    await fake();
    const raw = open();
    await raw.take((p) => p.op === 10);
    act(raw);
    expect(await raw.closed).toBe(code);
    dc.resetRecord();
  });

  it('closes a second IDENTIFY with 4005 and a wrong API version with 4012', async () => {
    await fake();
    const raw = await identified();
    raw.send(2, identity(INTENTS.guilds));
    expect(await raw.closed).toBe(4005);
    expect(await open('?v=9&encoding=json').closed).toBe(4012);
    dc.resetRecord();
  });
});

describe('guild members on the gateway', () => {
  it('sends a large guild without offline members who have no role or nickname, and only the bot without GUILD_PRESENCES', async () => {
    await fake();
    const role = dc.createRole(guild, 'project: sae');
    dc.seedMembers(guild, 100, { online: 0.1 });
    dc.seedMembers(guild, 5, { withRole: role });
    const presences = await identified(INTENTS.guilds | INTENTS.guildPresences, { large_threshold: 50 });
    const large = (await presences.dispatch('GUILD_CREATE')).d;
    expect(large).toMatchObject({ large: true, member_count: 107 });
    // 10 online, 5 with a role, the owner (online) and the bot.
    expect(large.members).toHaveLength(17);
    expect(large.presences.every((p: Json) => p.status !== 'offline')).toBe(true);
    const noPresences = await identified(INTENTS.guilds, { large_threshold: 250 });
    const small = (await noPresences.dispatch('GUILD_CREATE')).d;
    expect(small).toMatchObject({ large: false, member_count: 107 });
    expect(small.members.map((m: Json) => m.user.id)).toEqual([dc.botUserId]);
  });

  it('answers REQUEST_GUILD_MEMBERS in chunks of 1000 with the nonce, user_ids with not_found, and a query by prefix', async () => {
    await fake();
    dc.seedMembers(guild, 2_400);
    const raw = await identified(INTENTS.guilds | INTENTS.guildMembers);
    raw.send(8, { guild_id: guild, query: '', limit: 0, nonce: 'all' });
    const chunks = [
      await raw.dispatch('GUILD_MEMBERS_CHUNK'),
      await raw.dispatch('GUILD_MEMBERS_CHUNK'),
      await raw.dispatch('GUILD_MEMBERS_CHUNK'),
    ];
    expect(chunks.map((c) => [c.d.chunk_index, c.d.chunk_count, c.d.members.length, c.d.nonce])).toEqual([
      [0, 3, 1000, 'all'],
      [1, 3, 1000, 'all'],
      [2, 3, 402, 'all'],
    ]);
    const stranger = dc.createUser({ username: 'stranger' });
    raw.send(8, { guild_id: guild, user_ids: [dc.botUserId, stranger] });
    const byId = (await raw.dispatch('GUILD_MEMBERS_CHUNK')).d;
    expect(byId.members.map((m: Json) => m.user.id)).toEqual([dc.botUserId]);
    expect(byId.not_found).toEqual([stranger]);
    dc.addMember(guild, { username: 'alice' });
    raw.send(8, { guild_id: guild, query: 'ALI', limit: 10 });
    expect((await raw.dispatch('GUILD_MEMBERS_CHUNK')).d.members.map((m: Json) => m.user.username)).toEqual(['alice']);
    dc.assertNoViolations();
  });

  it('sends nothing for every member without the GUILD_MEMBERS intent, and records why', async () => {
    await fake();
    const raw = await identified(INTENTS.guilds);
    raw.send(8, { guild_id: guild, query: '', limit: 0 });
    raw.send(1, null);
    await raw.take((p) => p.op === 11);
    expect(raw.received.filter((p) => p.t === 'GUILD_MEMBERS_CHUNK')).toEqual([]);
    expect(dc.violations.map((v) => v.message)).toEqual([expect.stringContaining('needs the GUILD_MEMBERS intent')]);
    dc.resetRecord();
  });
});

describe('events and intents', () => {
  it('sends MESSAGE_CREATE only with GUILD_MESSAGES, with content only with MESSAGE_CONTENT or a mention of the bot', async () => {
    await fake();
    const alice = dc.addMember(guild, { username: 'alice' });
    const noMessages = await identified(INTENTS.guilds);
    const noContent = await identified(INTENTS.guilds | INTENTS.guildMessages);
    const content = await identified(INTENTS.guilds | INTENTS.guildMessages | INTENTS.messageContent);
    dc.userMessage(channel, alice, 'hello');
    dc.userMessage(channel, alice, `<@${dc.botUserId}> hi`);
    expect((await content.dispatch('MESSAGE_CREATE')).d.content).toBe('hello');
    expect((await noContent.dispatch('MESSAGE_CREATE')).d.content).toBe('');
    expect((await noContent.dispatch('MESSAGE_CREATE')).d.content).toBe(`<@${dc.botUserId}> hi`);
    noMessages.send(1, null);
    await noMessages.take((p) => p.op === 11);
    expect(noMessages.received.filter((p) => p.t === 'MESSAGE_CREATE')).toEqual([]);
  });

  it('tells a connected bot about a guild it joins, and channels, roles and forum posts made while it is connected', async () => {
    await fake();
    const raw = await identified(INTENTS.guilds);
    await raw.dispatch('GUILD_CREATE');
    const joined = dc.createGuild('Second');
    expect((await raw.dispatch('GUILD_CREATE')).d).toMatchObject({ id: joined, name: 'Second', unavailable: false });
    const forum = dc.createForumChannel(joined, { name: 'projects' });
    expect((await raw.dispatch('CHANNEL_CREATE')).d).toMatchObject({ id: forum, type: 15 });
    const role = dc.createRole(joined, 'project: sae');
    expect((await raw.dispatch('GUILD_ROLE_CREATE')).d).toMatchObject({ guild_id: joined, role: { id: role } });
    const res = await fetch(`${dc.url}/v10/channels/${forum}/threads`, {
      method: 'POST',
      headers: { authorization: `Bot ${dc.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Induction heads', message: { content: 'Post', allowed_mentions: { parse: [] } } }),
    });
    const thread = (await res.json()) as Json;
    expect((await raw.dispatch('THREAD_CREATE')).d).toMatchObject({
      id: thread.id,
      parent_id: forum,
      newly_created: true,
    });
  });

  it('dispatches member, thread and scheduled-event changes to sessions with the matching intents', async () => {
    await fake();
    const raw = await identified(INTENTS.guilds | INTENTS.guildMembers | INTENTS.guildScheduledEvents);
    const bob = dc.addMember(guild, { username: 'bob' });
    expect((await raw.dispatch('GUILD_MEMBER_ADD')).d).toMatchObject({ guild_id: guild, user: { id: bob } });
    const thread = dc.createThread(channel, { name: 'questions', owner: bob });
    expect((await raw.dispatch('THREAD_CREATE')).d).toMatchObject({ id: thread, newly_created: true });
    dc.updateThread(thread, { archived: true });
    expect((await raw.dispatch('THREAD_UPDATE')).d.thread_metadata.archived).toBe(true);
    dc.deleteThread(thread);
    expect((await raw.dispatch('THREAD_DELETE')).d).toEqual({
      id: thread,
      guild_id: guild,
      parent_id: channel,
      type: 11,
    });
    dc.removeMember(guild, bob);
    expect((await raw.dispatch('GUILD_MEMBER_REMOVE')).d).toMatchObject({ guild_id: guild, user: { id: bob } });
    const start = new Date(Date.now() + 86_400_000).toISOString();
    const res = await fetch(`${dc.url}/v10/guilds/${guild}/scheduled-events`, {
      method: 'POST',
      headers: { authorization: `Bot ${dc.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Reading group',
        privacy_level: 2,
        entity_type: 3,
        scheduled_start_time: start,
        scheduled_end_time: new Date(Date.parse(start) + 3_600_000).toISOString(),
        entity_metadata: { location: 'Online' },
      }),
    });
    const event = (await res.json()) as Json;
    expect((await raw.dispatch('GUILD_SCHEDULED_EVENT_CREATE')).d).toMatchObject({ id: event.id, guild_id: guild });
  });
});

describe('sessions', () => {
  it('resumes on resume_gateway_url, replays what was missed after the given seq, then RESUMED', async () => {
    await fake();
    const alice = dc.addMember(guild, { username: 'alice' });
    const first = await identified(INTENTS.guilds | INTENTS.guildMessages);
    await first.dispatch('GUILD_CREATE');
    const sessionId = dc.gateway.sessions()[0]?.id;
    dc.gateway.drop();
    await first.closed;
    dc.userMessage(channel, alice, 'a');
    dc.userMessage(channel, alice, 'b');
    const second = open('?v=10&encoding=json', dc.gateway.resumeUrl);
    await second.take((p) => p.op === 10);
    second.send(6, { token: dc.botToken, session_id: sessionId, seq: 2 });
    const replayed = [await second.dispatch('MESSAGE_CREATE'), await second.dispatch('MESSAGE_CREATE')];
    expect(replayed.map((p) => [p.s, p.d.channel_id])).toEqual([
      [3, channel],
      [4, channel],
    ]);
    expect((await second.dispatch('RESUMED')).s).toBe(5);
    expect(dc.gateway.stats).toMatchObject({ resumes: 1, resumed: 1, replayed: 2 });
  });

  it('answers a RESUME of an unknown or ended session with INVALID_SESSION false, and a seq from the future with 4007', async () => {
    await fake();
    const raw = await identified();
    const sessionId = dc.gateway.sessions()[0]?.id;
    const future = open();
    await future.take((p) => p.op === 10);
    future.send(6, { token: dc.botToken, session_id: sessionId, seq: 99 });
    expect(await future.closed).toBe(4007);
    raw.close(1000);
    await raw.closed;
    const ended = open();
    await ended.take((p) => p.op === 10);
    ended.send(6, { token: dc.botToken, session_id: sessionId, seq: 1 });
    expect(await ended.take((p) => p.op === 9)).toEqual({ op: 9, d: false, s: null, t: null });
    dc.resetRecord();
  });

  it('fails a late heartbeat only when the test asks, judged by the virtual clock, and the session stays resumable', async () => {
    const clock = virtualClock();
    await fake({ now: clock.now, gateway: { heartbeatIntervalMs: 10_000 } });
    const raw = await identified();
    clock.advance(10_000);
    expect(dc.gateway.expireHeartbeats()).toBe(0);
    raw.send(1, 1);
    await raw.take((p) => p.op === 11);
    clock.advance(10_001);
    expect(dc.gateway.expireHeartbeats()).toBe(1);
    expect(await raw.closed).toBe(4009);
    const again = open('?v=10&encoding=json', dc.gateway.resumeUrl);
    await again.take((p) => p.op === 10);
    again.send(6, { token: dc.botToken, session_id: dc.gateway.sessions()[0]?.id, seq: 2 });
    await again.dispatch('RESUMED');
  });

  it('plans faults: INVALID_SESSION for the next identify, a dropped socket on the next dispatch of a kind', async () => {
    await fake();
    dc.gateway.faults.next({ on: 'identify', kind: 'invalid-session' });
    const raw = open();
    await raw.take((p) => p.op === 10);
    raw.send(2, identity(INTENTS.guilds));
    expect((await raw.take((p) => p.op === 9)).d).toBe(false);
    raw.send(2, identity(INTENTS.guilds | INTENTS.guildMembers));
    await raw.dispatch('READY');
    dc.gateway.faults.next({ on: 'dispatch', event: 'GUILD_MEMBER_ADD', kind: 'drop' });
    dc.addMember(guild, { username: 'carol' });
    expect(await raw.closed).toBe(1006);
    expect(dc.gateway.faults.pending).toEqual([]);
  });
});
