import { Client, Events, GatewayIntentBits, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord, type VirtualClock, virtualClock } from '../src/index.ts';
import type { Json } from './http.ts';

let dc: FakeDiscord;
let clock: VirtualClock;
let guild: string;
let text: string;
let alice: string;

async function send(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { authorization: `Bot ${dc.botToken}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${dc.url}/v10${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const raw = await res.text();
  return { status: res.status, body: raw === '' ? undefined : JSON.parse(raw) };
}

beforeEach(async () => {
  clock = virtualClock('2026-10-01T12:00:00.000Z');
  dc = await startFakeDiscord({ now: clock.now, rateLimits: false });
  guild = dc.createGuild();
  text = dc.createTextChannel(guild);
  alice = dc.addMember(guild, { username: 'alice' }, { nick: 'Alice L.' });
});
afterEach(() => dc.close());

describe('guild members', () => {
  it('gives 10,000 members unique, increasing ids while the virtual clock stands still', () => {
    const ids = dc.seedMembers(guild, 10_000);
    expect(new Set(ids).size).toBe(10_000);
    expect(ids.every((id, i) => i === 0 || BigInt(id) > BigInt(ids[i - 1] as string))).toBe(true);
  });

  it('gets one member, 10007 for someone who is not one', async () => {
    expect((await send('GET', `/guilds/${guild}/members/${alice}`)).body).toMatchObject({
      user: { id: alice, username: 'alice' },
      nick: 'Alice L.',
      roles: [],
    });
    const stranger = dc.createUser({ username: 'stranger' });
    expect((await send('GET', `/guilds/${guild}/members/${stranger}`)).body).toEqual({
      message: 'Unknown Member',
      code: 10007,
    });
  });

  it('lists members by user id with limit and after, and refuses it without the GUILD_MEMBERS intent enabled', async () => {
    const ids = dc.seedMembers(guild, 5);
    const everyone = (await send('GET', `/guilds/${guild}/members?limit=1000`)).body.map((m: Json) => m.user.id);
    expect(everyone).toEqual([...everyone].sort((a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : 1)));
    expect(everyone).toEqual(expect.arrayContaining([alice, dc.botUserId, ...ids]));
    const page = await send('GET', `/guilds/${guild}/members?limit=2&after=${everyone[1]}`);
    expect(page.body.map((m: Json) => m.user.id)).toEqual(everyone.slice(2, 4));
    expect((await send('GET', `/guilds/${guild}/members`)).body).toHaveLength(1);
    expect((await send('GET', `/guilds/${guild}/members?limit=1001`)).status).toBe(400);

    await dc.close();
    dc = await startFakeDiscord({ gateway: { privilegedIntents: { guildMembers: false } } });
    const other = dc.createGuild();
    expect((await send('GET', `/guilds/${other}/members`)).body).toEqual({ message: 'Missing Access', code: 50001 });
  });

  it('searches members whose username or nickname starts with the query', async () => {
    dc.addMember(guild, { username: 'alfred' });
    dc.addMember(guild, { username: 'bob' }, { nick: 'Alpha Bob' });
    const found = await send('GET', `/guilds/${guild}/members/search?query=al&limit=10`);
    expect(found.body.map((m: Json) => m.user.username).sort()).toEqual(['alfred', 'alice', 'bob']);
    expect((await send('GET', `/guilds/${guild}/members/search`)).body.errors.query._errors[0].code).toBe(
      'BASE_TYPE_REQUIRED',
    );
  });
});

describe('roles and the role hierarchy', () => {
  it('creates a role just above @everyone, below the bot, and gives it to a member', async () => {
    const created = await send('POST', `/guilds/${guild}/roles`, {
      name: 'project: induction-heads',
      colors: { primary_color: 0x3498db },
      permissions: '0',
      mentionable: false,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: 'project: induction-heads',
      position: 1,
      color: 0x3498db,
      permissions: '0',
    });
    const botRole = dc.roles(guild).find((r) => r.id === dc.botRoleId(guild));
    expect(botRole?.position).toBeGreaterThan(1);
    expect((await send('PUT', `/guilds/${guild}/members/${alice}/roles/${created.body.id}`)).status).toBe(204);
    expect(dc.member(guild, alice)?.roles).toEqual([created.body.id]);
    expect((await send('DELETE', `/guilds/${guild}/members/${alice}/roles/${created.body.id}`)).status).toBe(204);
    expect(dc.member(guild, alice)?.roles).toEqual([]);
    expect((await send('DELETE', `/guilds/${guild}/roles/${created.body.id}`)).status).toBe(204);
    expect(dc.roles(guild).map((r) => r.name)).not.toContain('project: induction-heads');
  });

  it('refuses with 403 50013 to touch a role at or above its own highest role, its own managed role, or to grant what it lacks', async () => {
    const above = dc.createRole(guild, 'Organisers', { position: dc.roles(guild).length });
    const missing = { message: 'Missing Permissions', code: 50013 };
    expect((await send('PUT', `/guilds/${guild}/members/${alice}/roles/${above}`)).body).toEqual(missing);
    expect((await send('PATCH', `/guilds/${guild}/roles/${above}`, { name: 'Mine now' })).body).toEqual(missing);
    expect((await send('DELETE', `/guilds/${guild}/roles/${above}`)).body).toEqual(missing);
    const own = dc.botRoleId(guild);
    expect((await send('PUT', `/guilds/${guild}/members/${alice}/roles/${own}`)).body).toEqual(missing);
    const admin = (1n << 3n).toString();
    expect((await send('POST', `/guilds/${guild}/roles`, { name: 'root', permissions: admin })).body).toEqual(missing);
    expect((await send('DELETE', `/guilds/${guild}/roles/${guild}`)).body).toEqual({
      message: 'Invalid Role',
      code: 50028,
    });
    expect((await send('PUT', `/guilds/${guild}/members/${alice}/roles/123456789012345678`)).body).toEqual({
      message: 'Unknown Role',
      code: 10011,
    });
    expect(dc.member(guild, alice)?.roles).toEqual([]);
  });

  it('refuses every role change when the bot lacks Manage Roles', async () => {
    await dc.close();
    dc = await startFakeDiscord({ now: clock.now });
    const g = dc.createGuild('No perms', { botPermissions: 0n });
    expect((await send('POST', `/guilds/${g}/roles`, { name: 'x' })).body).toEqual({
      message: 'Missing Permissions',
      code: 50013,
    });
  });

  it('discord.js creates, edits and assigns roles and sees GUILD_ROLE_* and GUILD_MEMBER_UPDATE on the gateway', async () => {
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
      rest: { api: dc.url },
    });
    try {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(dc.botToken);
      await ready;
      const g = client.guilds.cache.get(guild);
      if (!g) throw new Error('guild missing');
      const role = await g.roles.create({ name: 'project: sae', colors: { primaryColor: 0x2ecc71 }, permissions: [] });
      await role.edit({ name: 'project: sparse-autoencoders' });
      const member = await g.members.fetch(alice);
      await member.roles.add(role);
      await dc.until(() => g.roles.cache.get(role.id)?.name === 'project: sparse-autoencoders');
      await dc.until(() => g.members.cache.get(alice)?.roles.cache.has(role.id));
      const tooHigh = dc.createRole(guild, 'Organisers', { position: dc.roles(guild).length });
      const refused = await member.roles.add(tooHigh).catch((e: unknown) => e);
      expect(refused).toMatchObject({ status: 403, code: 50013 });
      dc.assertNoViolations();
    } finally {
      await client.destroy();
    }
  });
});

describe('guild scheduled events', () => {
  const external = (start: string, end: string) => ({
    name: 'Reading group',
    scheduled_start_time: start,
    scheduled_end_time: end,
    privacy_level: 2,
    entity_type: 3,
    entity_metadata: { location: 'https://meet.example/reading' },
  });

  it('creates, lists, edits and deletes an external event', async () => {
    const created = await send(
      'POST',
      `/guilds/${guild}/scheduled-events`,
      external('2026-10-08T18:00:00.000Z', '2026-10-08T19:30:00.000Z'),
    );
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: 1, entity_type: 3, channel_id: null, creator_id: dc.botUserId });
    const patched = await send('PATCH', `/guilds/${guild}/scheduled-events/${created.body.id}`, {
      name: 'Reading group #2',
    });
    expect(patched.body.name).toBe('Reading group #2');
    const list = await send('GET', `/guilds/${guild}/scheduled-events?with_user_count=true`);
    expect(list.body).toEqual([
      expect.objectContaining({
        name: 'Reading group #2',
        user_count: 0,
        entity_metadata: { location: 'https://meet.example/reading' },
      }),
    ]);
    expect((await send('DELETE', `/guilds/${guild}/scheduled-events/${created.body.id}`)).status).toBe(204);
    expect(dc.scheduledEvents(guild)).toEqual([]);
  });

  it('refuses a start in the past, an end before the start, and an external event without location or end', async () => {
    const past = await send(
      'POST',
      `/guilds/${guild}/scheduled-events`,
      external('2026-10-01T11:59:00.000Z', '2026-10-01T13:00:00.000Z'),
    );
    expect(past.body.errors.scheduled_start_time._errors[0]).toEqual({
      code: 'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST',
      message: 'Cannot schedule event in the past.',
    });
    const backwards = await send(
      'POST',
      `/guilds/${guild}/scheduled-events`,
      external('2026-10-08T18:00:00.000Z', '2026-10-08T17:00:00.000Z'),
    );
    expect(backwards.body.errors.scheduled_end_time._errors[0].code).toBe('GUILD_SCHEDULED_EVENT_END_BEFORE_START');
    const { entity_metadata: _, scheduled_end_time: __, ...bare } = external('2026-10-08T18:00:00.000Z', 'x');
    const incomplete = await send('POST', `/guilds/${guild}/scheduled-events`, {
      ...bare,
      entity_metadata: { location: '' },
    });
    expect(incomplete.status).toBe(400);
    expect(dc.scheduledEvents(guild)).toEqual([]);
  });

  it('needs a voice channel of the guild for a voice event', async () => {
    const voice = dc.createVoiceChannel(guild, { name: 'Reading room' });
    const base = { name: 'Talk', scheduled_start_time: '2026-10-09T17:00:00.000Z', privacy_level: 2, entity_type: 2 };
    expect(
      (await send('POST', `/guilds/${guild}/scheduled-events`, { ...base, channel_id: text })).body.errors.channel_id
        ._errors[0].code,
    ).toBe('CHANNEL_TYPE_INVALID');
    const ok = await send('POST', `/guilds/${guild}/scheduled-events`, { ...base, channel_id: voice });
    expect(ok.body).toMatchObject({ channel_id: voice, entity_type: 2, entity_metadata: null });
  });

  it('moves SCHEDULED → ACTIVE → COMPLETED only, refuses a new start once active, and freezes finished events (180000)', async () => {
    const id = (
      await send(
        'POST',
        `/guilds/${guild}/scheduled-events`,
        external('2026-10-01T13:00:00.000Z', '2026-10-01T14:00:00.000Z'),
      )
    ).body.id;
    const path = `/guilds/${guild}/scheduled-events/${id}`;
    expect((await send('PATCH', path, { status: 3 })).body.errors.status._errors[0].code).toBe(
      'GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION',
    );
    expect((await send('PATCH', path, { status: 2 })).body.status).toBe(2);
    clock.advance(30 * 60_000);
    expect(
      (await send('PATCH', path, { scheduled_start_time: '2026-10-01T13:00:00.000Z' })).body.errors.scheduled_start_time
        ._errors[0].code,
    ).toBe('GUILD_SCHEDULED_EVENT_SCHEDULE_INVALID_START_BY_STATUS');
    expect((await send('PATCH', path, { status: 3 })).body.status).toBe(3);
    expect((await send('PATCH', path, { name: 'again' })).body).toEqual({
      message: 'Cannot update a finished event',
      code: 180000,
    });
  });
});

describe('application commands', () => {
  const commandsPath = () => `/applications/${dc.applicationId}/guilds/${guild}/commands`;

  it("accepts what discord.js's SlashCommandBuilder produces and keeps ids across a second bulk overwrite", async () => {
    const join = new SlashCommandBuilder()
      .setName('join')
      .setDescription('Ask to join a project')
      .addStringOption((o) => o.setName('slug').setDescription('Project').setRequired(true).setAutocomplete(true))
      .addStringOption((o) =>
        o.setName('role').setDescription('Role').addChoices({ name: 'Analysis', value: 'analysis' }),
      );
    const approve = new SlashCommandBuilder()
      .setName('approve')
      .setDescription('Approve a proposal')
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .addIntegerOption((o) => o.setName('issue').setDescription('Issue number').setRequired(true).setMinValue(1));
    const first = await send('PUT', commandsPath(), [join.toJSON(), approve.toJSON()]);
    expect(first.status).toBe(200);
    expect(first.body.map((c: Json) => c.name)).toEqual(['join', 'approve']);
    expect(first.body[1].default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    const second = await send('PUT', commandsPath(), [join.toJSON()]);
    expect(second.body[0].id).toBe(first.body[0].id);
    expect((await send('GET', commandsPath())).body.map((c: Json) => c.name)).toEqual(['join']);
    dc.assertNoViolations();
  });

  it.each([
    ['an upper-case name', '0.name', 'STRING_TYPE_REGEX', [{ name: 'Join', description: 'x' }]],
    ['a space in a name', '0.name', 'STRING_TYPE_REGEX', [{ name: 'join project', description: 'x' }]],
    ['no description', '0.description', 'BASE_TYPE_BAD_LENGTH', [{ name: 'join' }]],
    [
      'a required option after an optional one',
      '0.options.1',
      'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
      [
        {
          name: 'join',
          description: 'x',
          options: [
            { type: 3, name: 'a', description: 'a' },
            { type: 3, name: 'b', description: 'b', required: true },
          ],
        },
      ],
    ],
    [
      'autocomplete with choices',
      '0.options.0.autocomplete',
      'APPLICATION_COMMAND_OPTIONS_AUTOCOMPLETE_WITH_CHOICES',
      [
        {
          name: 'join',
          description: 'x',
          options: [{ type: 3, name: 'a', description: 'a', autocomplete: true, choices: [{ name: 'x', value: 'x' }] }],
        },
      ],
    ],
    [
      'two commands with one name',
      '1.name',
      'APPLICATION_COMMANDS_DUPLICATE_NAME',
      [
        { name: 'join', description: 'x' },
        { name: 'join', description: 'y' },
      ],
    ],
    [
      '26 options',
      '0.options',
      'BASE_TYPE_MAX_LENGTH',
      [
        {
          name: 'join',
          description: 'x',
          options: Array.from({ length: 26 }, (_, i) => ({ type: 3, name: `o${i}`, description: 'o' })),
        },
      ],
    ],
    [
      '26 choices',
      '0.options.0.choices',
      'BASE_TYPE_MAX_LENGTH',
      [
        {
          name: 'join',
          description: 'x',
          options: [
            {
              type: 3,
              name: 'a',
              description: 'a',
              choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` })),
            },
          ],
        },
      ],
    ],
    [
      'more than 8000 characters',
      '0',
      'APPLICATION_COMMAND_TOO_LARGE',
      [
        {
          name: 'join',
          description: 'x'.repeat(100),
          options: Array.from({ length: 25 }, (_, i) => ({
            type: 3,
            name: `o${i}`,
            description: 'd'.repeat(100),
            choices: Array.from({ length: 25 }, (_, j) => ({ name: `${j}`.padEnd(100, 'n'), value: `${j}` })),
          })),
        },
      ],
    ],
  ])('refuses %s with 50035 at %s', async (_what, path, code, body) => {
    const res = await send('PUT', commandsPath(), body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(50035);
    let node = res.body.errors;
    for (const part of path.split('.')) node = node?.[part];
    expect(node?._errors?.map((e: Json) => e.code)).toContain(code);
    expect(dc.commands(guild)).toEqual([]);
    dc.resetRecord();
  });

  it('refuses 101 slash commands with 30032 and accepts 100', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c${i}`, description: 'x' }));
    expect((await send('PUT', commandsPath(), many(101))).body).toMatchObject({ code: 30032 });
    expect((await send('PUT', commandsPath(), many(100))).body).toHaveLength(100);
  });

  it('refuses another application id (50001) and an interaction for a command that is not registered', async () => {
    expect((await send('GET', `/applications/123456789012345678/guilds/${guild}/commands`)).body).toEqual({
      message: 'Missing Access',
      code: 50001,
    });
    expect(() => dc.command({ guild, channel: text, user: alice, name: 'join' })).toThrow(
      /register the commands first/,
    );
  });
});
