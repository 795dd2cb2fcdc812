import {
  type ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  MessageFlags,
  Routes,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, type FakeDiscordOptions, startFakeDiscord, virtualClock } from '../src/index.ts';

// The real discord.js client, unchanged but for rest.api, against the fake's REST API and gateway.

let dc: FakeDiscord;
let guild: string;
let channel: string;
let alice: string;
let client: Client | undefined;

const JOIN = {
  name: 'join',
  description: 'Ask to join a project',
  options: [
    { type: 3, name: 'slug', description: 'The project', required: true, autocomplete: true },
    { type: 3, name: 'role', description: 'What you would do', choices: [{ name: 'Analysis', value: 'analysis' }] },
  ],
};

async function fake(options: FakeDiscordOptions = {}): Promise<void> {
  dc = await startFakeDiscord({ rateLimits: false, ...options });
  guild = dc.createGuild('Interpretability');
  channel = dc.createTextChannel(guild, { name: 'general' });
  dc.createForumChannel(guild, { name: 'projects', tags: ['active'] });
  alice = dc.addMember(guild, { username: 'alice' });
  dc.registerCommands(guild, [JOIN]);
}

/** A discord.js client logged in to the fake; resolves once it is ready (READY and every GUILD_CREATE). */
async function connect(intents: GatewayIntentBits[] = [GatewayIntentBits.Guilds]): Promise<Client> {
  const c = new Client({ intents, rest: { api: dc.url } });
  client = c;
  const ready = new Promise<void>((resolve) => c.once(Events.ClientReady, () => resolve()));
  await c.login(dc.botToken);
  await ready;
  return c;
}

/** The next interaction discord.js emits. */
function nextInteraction(c: Client): Promise<Interaction> {
  return new Promise((resolve) => c.once(Events.InteractionCreate, resolve));
}

beforeEach(() => fake());
afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await dc.close();
});

describe('discord.js connects to the fake gateway', () => {
  it('finds the gateway through GET /gateway/bot, identifies with its intents and gets READY then GUILD_CREATE', async () => {
    const c = await connect([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    expect(dc.count({ method: 'GET', path: '/api/v10/gateway/bot' })).toBe(1);
    expect(dc.gateway.stats).toMatchObject({ connections: 1, identifies: 1, ready: 1 });
    const [session] = dc.gateway.sessions();
    expect(session?.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages);
    expect(String(session?.properties.browser)).toContain('@discordjs/ws');
    expect(c.user?.id).toBe(dc.botUserId);
    expect(c.application?.id).toBe(dc.applicationId);
    const cached = c.guilds.cache.get(guild);
    expect(cached?.name).toBe('Interpretability');
    expect(cached?.channels.cache.map((ch) => ch.name).sort()).toEqual(['general', 'projects']);
    expect(cached?.roles.cache.get(dc.botRoleId(guild))?.managed).toBe(true);
    dc.assertNoViolations();
  });

  it('refuses privileged intents the portal has not enabled with close code 4014, and discord.js stops', async () => {
    await dc.close();
    await fake({ gateway: { privilegedIntents: { guildMembers: false } } });
    const c = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
      rest: { api: dc.url },
    });
    client = c;
    const disconnected = new Promise<number>((resolve) =>
      c.once(Events.ShardDisconnect, (event: { code: number }) => resolve(event.code)),
    );
    const login = c.login(dc.botToken).catch((error: unknown) => error);
    expect(await disconnected).toBe(4014);
    expect(dc.gateway.connections()[0]?.closed).toEqual({ code: 4014, by: 'server' });
    expect(dc.violations.map((v) => v.kind)).toEqual(['invalid-gateway-payload']);
    await c.destroy();
    await login;
    dc.resetRecord();
  });
});

describe('interactions through discord.js', () => {
  it('a slash command is deferred ephemerally, the follow-up replaces "thinking…" and a second follow-up is new', async () => {
    const c = await connect();
    const received = nextInteraction(c);
    const sent = dc.command({ guild, channel, user: alice, name: 'join', options: { slug: 'induction-heads' } });
    const interaction = (await received) as ChatInputCommandInteraction;
    expect(interaction.isChatInputCommand()).toBe(true);
    expect(interaction.commandName).toBe('join');
    expect(interaction.options.getString('slug')).toBe('induction-heads');
    expect(interaction.user.id).toBe(alice);
    expect(interaction.appPermissions?.has('ManageRoles')).toBe(true);

    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    expect(dc.interaction(sent.id).callback?.type).toBe(5);
    expect(dc.responses(sent.id).original?.flags).toBe(64 | 128);

    const first = await interaction.followUp({ content: 'Asked the leads', allowedMentions: { parse: [] } });
    const second = await interaction.followUp({ content: 'One more thing', flags: MessageFlags.Ephemeral });
    const responses = dc.responses(sent.id);
    expect(first.id).toBe(responses.original?.id);
    expect(responses.original).toMatchObject({ content: 'Asked the leads', flags: 64 });
    expect(responses.followups).toEqual([
      expect.objectContaining({ id: second.id, content: 'One more thing', flags: 64 }),
    ]);
    expect(dc.pings()).toEqual([]);
    dc.assertNoViolations();
  });

  it('editReply edits @original, fetchReply reads it, deleteReply removes it', async () => {
    const c = await connect();
    const received = nextInteraction(c);
    const sent = dc.command({ guild, channel, user: alice, name: 'join', options: { slug: 'x' } });
    const interaction = (await received) as ChatInputCommandInteraction;
    await interaction.deferReply();
    await interaction.editReply({ content: 'Opened a pull request', allowedMentions: { parse: [] } });
    expect((await interaction.fetchReply()).content).toBe('Opened a pull request');
    expect(dc.responses(sent.id).original).toMatchObject({ content: 'Opened a pull request', flags: 0, type: 20 });
    await interaction.deleteReply();
    expect(dc.responses(sent.id).original).toBeUndefined();
    dc.assertNoViolations();
  });

  it('answers autocomplete with choices and a button click with an update of its message', async () => {
    const c = await connect();
    let received = nextInteraction(c);
    const typed = dc.autocomplete({
      guild,
      channel,
      user: alice,
      name: 'join',
      options: { slug: 'ind' },
      focused: 'slug',
    });
    const auto = await received;
    if (!auto.isAutocomplete()) throw new Error('expected autocomplete');
    expect(auto.options.getFocused(true)).toEqual({ name: 'slug', type: 3, value: 'ind', focused: true });
    await auto.respond([{ name: 'Induction heads', value: 'induction-heads' }]);
    expect(dc.interaction(typed.id).choices).toEqual([{ name: 'Induction heads', value: 'induction-heads' }]);

    received = nextInteraction(c);
    const run = dc.command({ guild, channel, user: alice, name: 'join', options: { slug: 'induction-heads' } });
    const command = (await received) as ChatInputCommandInteraction;
    await command.reply({
      content: 'Join induction-heads?',
      components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'join:induction-heads', label: 'Join' }] }],
      allowedMentions: { parse: [] },
    });
    const messageId = dc.interaction(run.id).originalId as string;
    received = nextInteraction(c);
    dc.clickButton({ message: messageId, customId: 'join:induction-heads', user: alice });
    const click = await received;
    if (!click.isButton()) throw new Error('expected a button');
    expect(click.customId).toBe('join:induction-heads');
    await click.update({ content: 'Asked to join induction-heads', components: [] });
    expect(dc.message(messageId)).toMatchObject({ content: 'Asked to join induction-heads', components: [] });
    expect(() => dc.clickButton({ message: messageId, customId: 'join:induction-heads', user: alice })).toThrow(
      /no component/,
    );
    dc.assertNoViolations();
  });

  it('shows a modal and receives what the member typed in it', async () => {
    const c = await connect();
    let received = nextInteraction(c);
    const run = dc.command({ guild, channel, user: alice, name: 'join', options: { slug: 'x' } });
    const command = (await received) as ChatInputCommandInteraction;
    await command.showModal({
      custom_id: 'propose',
      title: 'Propose a project',
      components: [
        {
          type: 1,
          components: [{ type: 4, custom_id: 'title', label: 'Title', style: 1, max_length: 80, required: true }],
        },
      ],
    });
    expect(() => dc.submitModal({ interaction: run.id, values: { title: 'x'.repeat(81) } })).toThrow(/80/);
    received = nextInteraction(c);
    dc.submitModal({ interaction: run.id, values: { title: 'Induction heads in Pythia' } });
    const submit = await received;
    if (!submit.isModalSubmit()) throw new Error('expected a modal submit');
    expect(submit.fields.getTextInputValue('title')).toBe('Induction heads in Pythia');
    await submit.reply({ content: 'Proposed', flags: MessageFlags.Ephemeral });
    dc.assertNoViolations();
  });

  it('refuses a second callback with 400 40060 "Interaction has already been acknowledged"', async () => {
    const c = await connect();
    const received = nextInteraction(c);
    dc.command({ guild, channel, user: alice, name: 'join', options: { slug: 'x' } });
    const interaction = (await received) as ChatInputCommandInteraction;
    await interaction.reply({ content: 'Done', flags: MessageFlags.Ephemeral });
    const again = await c.rest
      .post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 5 }, auth: false })
      .catch((error: unknown) => error);
    expect(again).toBeInstanceOf(DiscordAPIError);
    expect(again).toMatchObject({ status: 400, code: 40060, message: 'Interaction has already been acknowledged.' });
    expect(dc.violations.map((v) => v.kind)).toEqual(['interaction-refused']);
    dc.resetRecord();
  });
});

describe('the 3-second rule, in virtual time', () => {
  it('answers a callback 3001 ms after the interaction with 404 Unknown interaction (10062); 3000 ms is in time', async () => {
    await dc.close();
    const clock = virtualClock();
    await fake({ now: clock.now });
    const c = await connect();
    let received = nextInteraction(c);
    const onTime = dc.command({ guild, channel, user: alice, name: 'join', options: { slug: 'a' } });
    let interaction = (await received) as ChatInputCommandInteraction;
    clock.advance(3_000);
    await interaction.deferReply();
    expect(dc.interaction(onTime.id).callback?.latencyMs).toBe(3_000);

    received = nextInteraction(c);
    const late = dc.command({ guild, channel, user: alice, name: 'join', options: { slug: 'b' } });
    interaction = (await received) as ChatInputCommandInteraction;
    clock.advance(3_001);
    const error = await interaction.deferReply().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, code: 10062, message: 'Unknown interaction' });
    expect(dc.interaction(late.id).callback).toBeUndefined();
    expect(dc.interaction(late.id).refusals).toEqual([expect.objectContaining({ status: 404, code: 10062 })]);
    // The token died with the deadline: no follow-up either.
    const followUp = await c.rest
      .post(Routes.webhook(dc.applicationId, interaction.token), { body: { content: 'late' }, auth: false })
      .catch((e: unknown) => e);
    expect(followUp).toMatchObject({ status: 404, code: 10015 });
    expect(dc.violations.map((v) => v.kind)).toEqual(['interaction-refused', 'interaction-refused']);
    dc.resetRecord();
  });

  it('keeps the token for follow-ups 15 minutes, then answers 401 Invalid Webhook Token', async () => {
    await dc.close();
    const clock = virtualClock();
    await fake({ now: clock.now });
    const c = await connect();
    const received = nextInteraction(c);
    dc.command({ guild, channel, user: alice, name: 'join', options: { slug: 'a' } });
    const interaction = (await received) as ChatInputCommandInteraction;
    await interaction.deferReply();
    clock.advance(14 * 60_000);
    await interaction.editReply('Still here');
    clock.advance(60_001);
    const error = await interaction.followUp('Too late').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 50027 });
    dc.resetRecord();
  });
});

describe('gateway faults discord.js survives', () => {
  it('resumes after a dropped socket, on resume_gateway_url, and gets the events it missed, in order, once', async () => {
    const c = await connect([
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
    ]);
    const seen: string[] = [];
    c.on(Events.MessageCreate, (message: Message) => void seen.push(message.content));
    expect(dc.gateway.drop()).toBe(1);
    dc.userMessage(channel, alice, 'first while away');
    dc.userMessage(channel, alice, 'second while away');
    await dc.until(() => dc.gateway.stats.resumed === 1 && seen.length === 2);
    dc.userMessage(channel, alice, 'after the resume');
    await dc.until(() => seen.length === 3);
    expect(seen).toEqual(['first while away', 'second while away', 'after the resume']);
    expect(dc.gateway.stats).toMatchObject({ identifies: 1, resumes: 1, resumed: 1, replayed: 2 });
    expect(dc.gateway.connections().map((x) => x.path)).toEqual(['/gateway', '/gateway/resume']);
    dc.assertNoViolations();
  });

  it('resumes when told to RECONNECT (op 7)', async () => {
    const c = await connect();
    const resumed = new Promise<void>((resolve) => c.once(Events.ShardResume, () => resolve()));
    dc.gateway.reconnect();
    await resumed;
    expect(dc.gateway.stats).toMatchObject({ identifies: 1, resumed: 1, reconnectsSent: 1 });
  });

  it('identifies afresh after INVALID_SESSION that cannot be resumed, with a new session', async () => {
    const c = await connect();
    const [first] = dc.gateway.sessions();
    dc.gateway.invalidateSession({ resumable: false });
    await dc.until(() => dc.gateway.stats.ready === 2);
    const sessions = dc.gateway.sessions();
    expect(sessions.map((s) => s.invalidated)).toEqual([true, false]);
    expect(sessions[1]?.id).not.toBe(first?.id);
    expect(dc.gateway.stats).toMatchObject({ identifies: 2, resumes: 0, invalidSessions: 1 });
    // Interactions reach the new session.
    const received = nextInteraction(c);
    dc.command({ guild, channel, user: alice, name: 'join', options: { slug: 'x' } });
    expect((await received).isChatInputCommand()).toBe(true);
  });

  it('an interaction dropped with the socket is replayed on resume and still answered', async () => {
    const c = await connect();
    dc.gateway.faults.next({ on: 'dispatch', event: 'INTERACTION_CREATE', kind: 'drop' });
    const received = nextInteraction(c);
    const sent = dc.command({ guild, channel, user: alice, name: 'join', options: { slug: 'x' } });
    const interaction = (await received) as ChatInputCommandInteraction;
    await interaction.reply({ content: 'Got it', flags: MessageFlags.Ephemeral });
    expect(dc.interaction(sent.id).callback?.type).toBe(4);
    expect(dc.gateway.stats).toMatchObject({ resumed: 1, replayed: 1 });
  });

  it('a zombie connection (a heartbeat without ACK) is closed by discord.js and resumed', async () => {
    await client?.destroy();
    await dc.close();
    await fake({ gateway: { heartbeatIntervalMs: 250 } });
    await connect();
    dc.gateway.faults.next({ on: 'heartbeat', kind: 'ignore' });
    await dc.until(() => dc.gateway.stats.resumed === 1);
    expect(dc.gateway.connections()[0]?.closed?.by).toBe('client');
    expect(dc.gateway.stats.identifies).toBe(1);
  });
});
