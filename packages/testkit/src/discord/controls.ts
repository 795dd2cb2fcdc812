import type { Changes } from '../changes.ts';
import { type CommandInputError, storeCommands } from './commands.ts';
import type { GatewayFaultPlan } from './gateway/faults.ts';
import type { GatewayConnectionInfo, GatewayServer, GatewaySessionInfo, GatewayStats } from './gateway/server.ts';
import type {
  AutocompleteInput,
  CommandInput,
  ComponentInput,
  InteractionRecord,
  InteractionStore,
  ModalSubmitInput,
} from './interactions.ts';
import { effectiveMentions } from './mentions.ts';
import type { DiscordShapes } from './shapes.ts';
import {
  CHANNEL_TYPES,
  type DiscordState,
  type GuildRecord,
  type MemberRecord,
  type MessageRecord,
  type PresenceStatus,
} from './state.ts';

/** The fake's WebSocket gateway, as tests drive it. */
export interface FakeGateway {
  /** What GET /gateway/bot hands out: ws://127.0.0.1:PORT/gateway. */
  readonly url: string;
  /** READY's resume_gateway_url. */
  readonly resumeUrl: string;
  readonly heartbeatIntervalMs: number;
  /** Counters: connections, identifies, ready, resumes, resumed, replayed, invalidSessions, heartbeats... */
  readonly stats: Readonly<GatewayStats>;
  readonly faults: GatewayFaultPlan;
  sessions(): GatewaySessionInfo[];
  connections(): GatewayConnectionInfo[];
  /** A raw dispatch to every session in the guild (null: shard 0), filtered by intents like Discord. */
  dispatch(guildId: string | null, t: string, d: unknown): void;
  /** Destroys every open socket without a close frame (or closes it with `code`); returns how many. */
  drop(options?: { code?: number }): number;
  /** Sends RECONNECT (op 7). */
  reconnect(): number;
  /** Sends INVALID_SESSION (op 9); `resumable: false` (default) ends the session. */
  invalidateSession(options?: { resumable?: boolean }): number;
  /** Sends a heartbeat request (op 1). */
  requestHeartbeat(): number;
  /** Closes (4009) connections whose last heartbeat is older than the interval by the fake's clock. */
  expireHeartbeats(): number;
}

export interface MemberOptions {
  roles?: string[];
  nick?: string | null;
  status?: PresenceStatus;
  pending?: boolean;
}

export interface DiscordControls {
  /** The bot's application id (also the id in interaction webhook URLs). */
  readonly applicationId: string;
  readonly gateway: FakeGateway;
  /**
   * Resolves with the first truthy value of `check`, re-evaluated after every request and gateway payload the
   * fake handles. No timeout: a wait that never ends is ended by the test runner.
   */
  until<T>(check: () => T | undefined | null | false): Promise<T>;
  createUser(fields: { username: string; globalName?: string | null; bot?: boolean }): string;
  /** Adds a member and dispatches GUILD_MEMBER_ADD. `user` is a user id or a new user's name. */
  addMember(guildId: string, user: string | { username: string; globalName?: string }, options?: MemberOptions): string;
  /** Many members at once, without events (fill a large guild before the bot connects); returns their ids. */
  seedMembers(guildId: string, count: number, options?: { online?: number; withRole?: string }): string[];
  /** Removes a member and dispatches GUILD_MEMBER_REMOVE. */
  removeMember(guildId: string, userId: string): void;
  /** Changes a member (nick, roles, status) and dispatches GUILD_MEMBER_UPDATE. */
  updateMember(guildId: string, userId: string, options: MemberOptions): void;
  /** A member as the API shapes it, or undefined. */
  member(guildId: string, userId: string): Record<string, unknown> | undefined;
  /** The guild's roles, lowest first, as the API shapes them. */
  roles(guildId: string): Array<Record<string, unknown>>;
  /** The id of the bot's own managed role. */
  botRoleId(guildId: string): string;
  createVoiceChannel(guildId: string, options?: { name?: string; stage?: boolean }): string;
  /** A member writes a message: stored, then MESSAGE_CREATE (content only for sessions that may read it). */
  userMessage(channelId: string, userId: string, content: string): string;
  /** A member opens a thread in a text channel: THREAD_CREATE. */
  createThread(parentId: string, options: { name: string; owner?: string }): string;
  /** Archives, locks or renames a thread: THREAD_UPDATE. */
  updateThread(threadId: string, options: { archived?: boolean; locked?: boolean; name?: string }): void;
  /** Deletes a thread: THREAD_DELETE. */
  deleteThread(threadId: string): void;
  /**
   * Stores commands as if `PUT /applications/{id}/guilds/{guild}/commands` had run (same validation; throws
   * with Discord's errors when Discord would refuse them). Without a guild: the global commands.
   */
  registerCommands(guildId: string | null, commands: unknown[]): Array<Record<string, unknown>>;
  /** The application's commands in a guild (or global), as the API shapes them. */
  commands(guildId: string | null): Array<Record<string, unknown>>;
  /** A member runs a slash command: INTERACTION_CREATE with the options typed and resolved as Discord does. */
  command(input: CommandInput): InteractionRecord;
  /** A member types into an autocomplete option. */
  autocomplete(input: AutocompleteInput): InteractionRecord;
  /** A member clicks a button on a message (it must be there and enabled). */
  clickButton(input: Omit<ComponentInput, 'values'>): InteractionRecord;
  /** A member picks values in a select menu on a message. */
  selectMenu(input: ComponentInput & { values: string[] }): InteractionRecord;
  /** A member submits the modal an interaction was answered with. */
  submitModal(input: ModalSubmitInput): InteractionRecord;
  /** A sent interaction's live record: callback, original response, follow-ups, refusals. */
  interaction(id: string): InteractionRecord;
  /** Every interaction sent, oldest first. */
  interactionsSent(): InteractionRecord[];
  /** Callback latency (ms, by the fake's clock) of every answered interaction, in the order they were sent. */
  interactionLatencies(): number[];
  /** Any message as the API shapes it (ephemeral ones too), or undefined. */
  message(id: string): Record<string, unknown> | undefined;
  /** An interaction's original response and follow-ups, as the API shapes them. */
  responses(id: string): { original?: Record<string, unknown>; followups: Array<Record<string, unknown>> };
}

export type { CommandInputError };

export function discordControls(deps: {
  state: DiscordState;
  shapes: DiscordShapes;
  interactions: InteractionStore;
  gateway: GatewayServer;
  changes: Changes;
}): DiscordControls {
  const { state, shapes, interactions, gateway, changes } = deps;
  const guildOf = (id: string): GuildRecord => state.requireGuild(id);
  const memberOf = (guild: GuildRecord, userId: string): MemberRecord => {
    const member = guild.members.get(userId);
    if (!member) throw new Error(`user ${userId} is not a member of guild ${guild.id}`);
    return member;
  };
  const memberEvent = (guild: GuildRecord, member: MemberRecord) => ({ ...shapes.member(member), guild_id: guild.id });
  const applyMember = (member: MemberRecord, options: MemberOptions) => {
    if (options.roles !== undefined) member.roles = [...options.roles];
    if (options.nick !== undefined) member.nick = options.nick;
    if (options.status !== undefined) member.status = options.status;
    if (options.pending !== undefined) member.pending = options.pending;
  };
  const threadOf = (id: string) => {
    const thread = state.channels.get(id);
    if (!thread?.thread) throw new Error(`the fake Discord has no thread ${id}`);
    return thread;
  };
  const after = <T>(value: T): T => {
    changes.notify();
    return value;
  };

  return {
    applicationId: state.application.id,
    gateway: {
      get url() {
        return gateway.url;
      },
      get resumeUrl() {
        return gateway.resumeUrl;
      },
      heartbeatIntervalMs: gateway.heartbeatIntervalMs,
      stats: gateway.stats,
      faults: gateway.faults,
      sessions: () => gateway.sessions(),
      connections: () => gateway.connections(),
      dispatch: (guildId, t, d) => gateway.dispatch(guildId, t, d),
      drop: (options) => gateway.drop(options),
      reconnect: () => gateway.reconnect(),
      invalidateSession: (options) => gateway.invalidateSession(options),
      requestHeartbeat: () => gateway.requestHeartbeat(),
      expireHeartbeats: () => gateway.expireHeartbeats(),
    },
    until: (check) => changes.until(check),
    createUser: (fields) => state.createUser(fields).id,
    addMember(guildId, user, options = {}) {
      const guild = guildOf(guildId);
      const record =
        typeof user === 'string'
          ? state.users.get(user)
          : state.createUser({ username: user.username, globalName: user.globalName ?? null });
      if (!record) throw new Error(`the fake Discord has no user ${String(user)}`);
      const member = state.addMember(guild, record);
      applyMember(member, options);
      state.emit(guild.id, 'GUILD_MEMBER_ADD', memberEvent(guild, member));
      return after(record.id);
    },
    seedMembers(guildId, count, options = {}) {
      const guild = guildOf(guildId);
      const online = options.online ?? 0;
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const user = state.createUser({ username: `member${guild.members.size + 1}` });
        state.addMember(guild, user, {
          status: i < Math.round(count * online) ? 'online' : 'offline',
          ...(options.withRole ? { roles: [options.withRole] } : {}),
        });
        ids.push(user.id);
      }
      return ids;
    },
    removeMember(guildId, userId) {
      const guild = guildOf(guildId);
      memberOf(guild, userId);
      guild.members.delete(userId);
      const user = state.users.get(userId);
      state.emit(guild.id, 'GUILD_MEMBER_REMOVE', {
        guild_id: guild.id,
        user: user ? shapes.user(user) : { id: userId },
      });
      changes.notify();
    },
    updateMember(guildId, userId, options) {
      const guild = guildOf(guildId);
      const member = memberOf(guild, userId);
      applyMember(member, options);
      state.emit(guild.id, 'GUILD_MEMBER_UPDATE', memberEvent(guild, member));
      changes.notify();
    },
    member(guildId, userId) {
      const member = state.guilds.get(guildId)?.members.get(userId);
      return member ? shapes.member(member) : undefined;
    },
    roles: (guildId) => state.rolesOf(guildOf(guildId)).map((r) => shapes.role(r)),
    botRoleId: (guildId) => state.botRole(guildOf(guildId)).id,
    createVoiceChannel(guildId, options = {}) {
      guildOf(guildId);
      return state.createChannel(guildId, {
        type: options.stage ? CHANNEL_TYPES.stageVoice : CHANNEL_TYPES.voice,
        name: options.name ?? (options.stage ? 'stage' : 'voice'),
      }).id;
    },
    userMessage(channelId, userId, content) {
      const channel = state.channels.get(channelId);
      if (!channel) throw new Error(`the fake Discord has no channel ${channelId}`);
      const guild = guildOf(channel.guildId);
      const member = memberOf(guild, userId);
      const author = state.users.get(userId);
      if (!author) throw new Error(`the fake Discord has no user ${userId}`);
      const message: MessageRecord = {
        id: state.snowflake(),
        channelId,
        content,
        embeds: [],
        components: [],
        author,
        timestamp: state.timestamp(),
        editedTimestamp: null,
        allowedMentions: null,
        mentions: effectiveMentions(content, null),
        flags: 0,
        tts: false,
      };
      state.messages.set(message.id, message);
      channel.lastMessageId = message.id;
      state.recordPings(message, 'create');
      const { user: _user, ...partialMember } = shapes.member(member);
      state.emit(guild.id, 'MESSAGE_CREATE', {
        ...shapes.message(message),
        guild_id: guild.id,
        channel_type: channel.type,
        member: partialMember,
      });
      return after(message.id);
    },
    createThread(parentId, options) {
      const parent = state.channels.get(parentId);
      if (!parent || parent.thread) throw new Error(`the fake Discord has no channel ${parentId} to start a thread in`);
      const thread = state.createThread(parent, options.name, options.owner ?? state.bot.id, [], 4320);
      state.emit(parent.guildId, 'THREAD_CREATE', { ...shapes.channel(thread), newly_created: true });
      return after(thread.id);
    },
    updateThread(threadId, options) {
      const thread = threadOf(threadId);
      const meta = thread.thread as NonNullable<typeof thread.thread>;
      if (options.name !== undefined) thread.name = options.name;
      if (options.locked !== undefined) meta.locked = options.locked;
      if (options.archived !== undefined && options.archived !== meta.archived) {
        meta.archived = options.archived;
        meta.archiveTimestamp = state.timestamp();
      }
      state.emit(thread.guildId, 'THREAD_UPDATE', shapes.channel(thread));
      changes.notify();
    },
    deleteThread(threadId) {
      const thread = threadOf(threadId);
      state.channels.delete(threadId);
      state.emit(thread.guildId, 'THREAD_DELETE', {
        id: thread.id,
        guild_id: thread.guildId,
        parent_id: thread.parentId,
        type: thread.type,
      });
      changes.notify();
    },
    registerCommands(guildId, commands) {
      const stored = storeCommands(state, guildId === null ? null : guildOf(guildId), commands);
      return after(stored.map((c) => shapes.command(c)));
    },
    commands(guildId) {
      const source = guildId === null ? state.globalCommands : guildOf(guildId).commands;
      return [...source.values()].map((c) => shapes.command(c));
    },
    command: (input) => after(interactions.command(input)),
    autocomplete: (input) => after(interactions.autocomplete(input)),
    clickButton: (input) => after(interactions.component(input)),
    selectMenu: (input) => after(interactions.component(input)),
    submitModal: (input) => after(interactions.modalSubmit(input)),
    interaction(id) {
      const record = interactions.byId.get(id);
      if (!record) throw new Error(`the fake Discord sent no interaction ${id}`);
      return record;
    },
    interactionsSent: () => [...interactions.byId.values()],
    interactionLatencies: () =>
      [...interactions.byId.values()].flatMap((r) => (r.callback ? [r.callback.latencyMs] : [])),
    message(id) {
      const message = state.messages.get(id);
      return message ? shapes.message(message) : undefined;
    },
    responses(id) {
      const record = interactions.byId.get(id);
      if (!record) throw new Error(`the fake Discord sent no interaction ${id}`);
      const shape = (messageId: string | undefined): Record<string, unknown> | undefined => {
        const message = messageId ? state.messages.get(messageId) : undefined;
        return message ? shapes.message(message) : undefined;
      };
      const original = shape(record.originalId);
      return {
        ...(original ? { original } : {}),
        followups: record.followupIds.flatMap((mid): Array<Record<string, unknown>> => {
          const message = shape(mid);
          return message ? [message] : [];
        }),
      };
    },
  };
}
