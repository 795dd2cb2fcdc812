import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, InteractionInputError, startFakeDiscord, virtualClock } from '../src/index.ts';
import type { Json } from './http.ts';

// Interactions over plain HTTP: what Discord refuses in a callback or a follow-up, and what a member cannot send.

let dc: FakeDiscord;
let guild: string;
let channel: string;
let alice: string;
let bob: string;

async function post(path: string, body: unknown, query = ''): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${dc.url}/v10${path}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const raw = await res.text();
  return { status: res.status, body: raw === '' ? undefined : JSON.parse(raw) };
}

const callback = (i: { id: string; token: string }, body: unknown, query = '') =>
  post(`/interactions/${i.id}/${i.token}/callback`, body, query);
const followUp = (i: { token: string }, body: unknown) =>
  post(`/webhooks/${dc.applicationId}/${i.token}`, body, '?wait=true');

const COMMANDS = [
  {
    name: 'projects',
    description: 'Browse projects',
    options: [
      { type: 3, name: 'tag', description: 'Tag', autocomplete: true },
      { type: 4, name: 'page', description: 'Page', min_value: 1, max_value: 50 },
      { type: 3, name: 'status', description: 'Status', choices: [{ name: 'Active', value: 'active' }] },
      { type: 6, name: 'lead', description: 'Lead' },
    ],
  },
  {
    name: 'project',
    description: 'One project',
    options: [
      {
        type: 1,
        name: 'show',
        description: 'Show one',
        options: [{ type: 3, name: 'slug', description: 'Slug', required: true, max_length: 48 }],
      },
    ],
  },
  { name: 'approve', description: 'Approve', default_member_permissions: '32', options: [] },
];

/** Alice typing "s" into /projects tag. */
const typing = () =>
  dc.autocomplete({ guild, channel, user: alice, name: 'projects', options: { tag: 's' }, focused: 'tag' });

beforeEach(async () => {
  // Virtual time: however slow the machine, a callback is late only when a test says so.
  dc = await startFakeDiscord({ rateLimits: false, now: virtualClock().now });
  guild = dc.createGuild();
  channel = dc.createTextChannel(guild);
  alice = dc.addMember(guild, { username: 'alice' });
  bob = dc.addMember(guild, { username: 'bob' });
  dc.registerCommands(guild, COMMANDS);
});
afterEach(() => dc.close());

describe('what a member can send', () => {
  it('types options and resolves a user option, a subcommand nests its options', () => {
    const browse = dc.command({ guild, channel, user: alice, name: 'projects', options: { page: 2, lead: bob } });
    const data = browse.payload.data as Json;
    expect(data.options).toEqual([
      { type: 4, name: 'page', value: 2 },
      { type: 6, name: 'lead', value: bob },
    ]);
    expect(data.resolved.users[bob].username).toBe('bob');
    expect(browse.payload).toMatchObject({
      type: 2,
      guild_id: guild,
      channel_id: channel,
      member: { user: { id: alice } },
    });
    const show = dc.command({ guild, channel, user: alice, name: 'project show', options: { slug: 'sae' } });
    expect((show.payload.data as Json).options).toEqual([
      { type: 1, name: 'show', options: [{ type: 3, name: 'slug', value: 'sae' }] },
    ]);
  });

  it.each([
    ['an unknown option', { name: 'projects', options: { colour: 'x' } }, /no option "colour"/],
    ['a value outside the choices', { name: 'projects', options: { status: 'paused' } }, /not one of the choices/],
    ['a number below min_value', { name: 'projects', options: { page: 0 } }, /at least 1/],
    ['a string where an integer goes', { name: 'projects', options: { page: '2' } }, /integer/],
    ['a missing required option', { name: 'project show', options: {} }, /required/],
    ['a slug longer than max_length', { name: 'project show', options: { slug: 'x'.repeat(49) } }, /at most 48/],
    ['a command without its subcommand', { name: 'project', options: {} }, /needs a subcommand/],
    ['a command the member lacks permissions for', { name: 'approve' }, /cannot see it/],
  ])('refuses %s', (_what, input, why) => {
    expect(() => dc.command({ guild, channel, user: alice, ...(input as { name: string }) })).toThrow(
      InteractionInputError,
    );
    expect(() => dc.command({ guild, channel, user: alice, ...(input as { name: string }) })).toThrow(why);
  });

  it('hides a command with default_member_permissions "0" from everyone but administrators', () => {
    dc.registerCommands(guild, [
      ...COMMANDS,
      { name: 'admin', description: 'Admins only', default_member_permissions: '0' },
    ]);
    expect(() => dc.command({ guild, channel, user: alice, name: 'admin' })).toThrow(/cannot see it/);
    const admins = dc.createRole(guild, 'Admins', { permissions: 1n << 3n });
    dc.updateMember(guild, bob, { roles: [admins] });
    expect(dc.command({ guild, channel, user: bob, name: 'admin' }).name).toBe('admin');
  });

  it('allows a command with default_member_permissions to a member who has them (the owner)', () => {
    const ownerId = dc.store.guilds.get(guild)?.ownerId as string;
    expect(dc.command({ guild, channel, user: ownerId, name: 'approve' }).name).toBe('approve');
  });

  it('offers components only as they are: the right message, enabled, the owner of an ephemeral one, values among options', async () => {
    const run = dc.command({ guild, channel, user: alice, name: 'projects' });
    await callback(run, {
      type: 4,
      data: {
        content: 'Pick',
        flags: 64,
        components: [
          { type: 1, components: [{ type: 2, style: 1, custom_id: 'next', label: 'Next', disabled: true }] },
          {
            type: 1,
            components: [
              { type: 3, custom_id: 'tag', options: [{ label: 'SAE', value: 'sae' }], min_values: 1, max_values: 1 },
            ],
          },
        ],
      },
    });
    const message = dc.interaction(run.id).originalId as string;
    expect(() => dc.clickButton({ message, customId: 'next', user: alice })).toThrow(/disabled/);
    expect(() => dc.selectMenu({ message, customId: 'tag', user: bob, values: ['sae'] })).toThrow(/ephemeral/);
    expect(() => dc.selectMenu({ message, customId: 'tag', user: alice, values: ['gpt'] })).toThrow(/no option gpt/);
    expect(() => dc.selectMenu({ message, customId: 'tag', user: alice, values: [] })).toThrow(/1 to 1/);
    const picked = dc.selectMenu({ message, customId: 'tag', user: alice, values: ['sae'] });
    expect(picked.payload.data).toEqual({ custom_id: 'tag', component_type: 3, values: ['sae'] });
    expect((picked.payload.message as Json).id).toBe(message);
  });
});

describe('callbacks Discord refuses', () => {
  it('refuses a callback type the interaction cannot take, with 50035 and no acknowledgement', async () => {
    const run = dc.command({ guild, channel, user: alice, name: 'projects' });
    const refused = await callback(run, { type: 7, data: { content: 'x' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.type._errors[0].code).toBe('INTERACTION_RESPONSE_TYPE_INVALID');
    const typed = typing();
    expect((await callback(typed, { type: 4, data: { content: 'x' } })).status).toBe(400);
    expect((await callback(run, { type: 4, data: { content: 'ok' } })).status).toBe(204);
    dc.resetRecord();
  });

  it('refuses flags other than EPHEMERAL on a deferred reply, an empty reply (50006) and 2001 characters', async () => {
    const run = dc.command({ guild, channel, user: alice, name: 'projects' });
    expect((await callback(run, { type: 5, data: { flags: 4 } })).body.errors.data.flags._errors[0].code).toBe(
      'MESSAGE_FLAGS_INVALID',
    );
    expect((await callback(run, { type: 4, data: {} })).body).toEqual({
      message: 'Cannot send an empty message',
      code: 50006,
    });
    const long = await callback(run, { type: 4, data: { content: 'x'.repeat(2001) } });
    expect(long.body.errors.data.content._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    expect(dc.interaction(run.id).callback).toBeUndefined();
    dc.resetRecord();
  });

  it('checks autocomplete choices: at most 25, values of the option type', async () => {
    const typed = typing();
    const many = Array.from({ length: 26 }, (_, i) => ({ name: `t${i}`, value: `t${i}` }));
    expect((await callback(typed, { type: 8, data: { choices: many } })).status).toBe(400);
    expect((await callback(typed, { type: 8, data: { choices: [{ name: 'one', value: 1 }] } })).status).toBe(400);
    expect((await callback(typed, { type: 8, data: { choices: many.slice(0, 25) } })).status).toBe(204);
    expect(dc.interaction(typed.id).choices).toHaveLength(25);
    dc.resetRecord();
  });

  it('answers 10062 for an unknown interaction, 10015 for a follow-up before any callback', async () => {
    const run = dc.command({ guild, channel, user: alice, name: 'projects' });
    expect((await callback({ id: run.id, token: 'forged' }, { type: 5 })).body).toEqual({
      message: 'Unknown interaction',
      code: 10062,
    });
    expect((await followUp(run, { content: 'too early' })).body).toEqual({ message: 'Unknown Webhook', code: 10015 });
    expect(dc.violations.map((v) => v.kind)).toEqual(['interaction-refused', 'interaction-refused']);
    dc.resetRecord();
  });

  it('returns the interaction callback response with with_response=true, checked against the spec', async () => {
    const run = dc.command({ guild, channel, user: alice, name: 'projects' });
    const answered = await callback(run, { type: 4, data: { content: 'Here', flags: 64 } }, '?with_response=true');
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      interaction: { id: run.id, type: 2, response_message_ephemeral: true },
      resource: { type: 4, message: { content: 'Here', flags: 64, interaction_metadata: { id: run.id } } },
    });
    dc.assertNoViolations();
  });
});

describe('replies as members see them', () => {
  it('keeps ephemeral replies out of the channel history', async () => {
    const run = dc.command({ guild, channel, user: alice, name: 'projects' });
    await callback(run, { type: 4, data: { content: 'only alice', flags: 64 } });
    const res = await fetch(`${dc.url}/v10/channels/${channel}/messages`, {
      headers: { authorization: `Bot ${dc.botToken}` },
    });
    expect(await res.json()).toEqual([]);
    expect(dc.responses(run.id).original?.content).toBe('only alice');
  });

  it('counts the pings of replies and follow-ups as the existing pings() does, and none with allowed_mentions {parse: []}', async () => {
    const run = dc.command({ guild, channel, user: alice, name: 'projects' });
    await callback(run, { type: 4, data: { content: `<@${bob}> joined`, allowed_mentions: { parse: [] } } });
    expect(dc.pings()).toEqual([]);
    await followUp(run, { content: `<@${bob}> again` });
    expect(dc.pings()).toEqual([expect.objectContaining({ kind: 'user', id: bob, on: 'create' })]);
  });

  it('with requireAllowedMentions, records every reply, follow-up or edit with text but no allowed_mentions', async () => {
    await dc.close();
    dc = await startFakeDiscord({ rateLimits: false, requireAllowedMentions: true, now: virtualClock().now });
    guild = dc.createGuild();
    channel = dc.createTextChannel(guild);
    alice = dc.addMember(guild, { username: 'alice' });
    dc.registerCommands(guild, COMMANDS);
    const run = dc.command({ guild, channel, user: alice, name: 'projects' });
    await callback(run, { type: 4, data: { content: 'explicit', allowed_mentions: { parse: [] } } });
    expect(dc.violations).toEqual([]);
    await followUp(run, { content: 'implicit' });
    expect(dc.violations).toEqual([expect.objectContaining({ kind: 'implicit-mentions' })]);
    dc.resetRecord();
  });

  it('refuses thread_id, username and avatar_url on interaction follow-ups', async () => {
    const run = dc.command({ guild, channel, user: alice, name: 'projects' });
    await callback(run, { type: 5 });
    const withName = await followUp(run, { content: 'x', username: 'Someone else' });
    expect(withName.body.errors.username._errors[0].code).toBe('BASE_TYPE_INVALID');
    const inThread = await post(
      `/webhooks/${dc.applicationId}/${run.token}`,
      { content: 'x' },
      `?thread_id=${channel}`,
    );
    expect(inThread.status).toBe(400);
    dc.resetRecord();
  });
});
