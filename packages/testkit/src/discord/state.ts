import { randomBytes } from 'node:crypto';
import type { AllowedMentions, Mentions } from './mentions.ts';
import { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE } from './permissions.ts';

export const CHANNEL_TYPES = { text: 0, voice: 2, publicThread: 11, stageVoice: 13, forum: 15 } as const;
export type ChannelType = (typeof CHANNEL_TYPES)[keyof typeof CHANNEL_TYPES];

const DISCORD_EPOCH = 1_420_070_400_000n;

export interface DiscordUser {
  id: string;
  username: string;
  global_name: string | null;
  bot?: boolean;
}

export interface RoleRecord {
  id: string;
  name: string;
  color: number;
  hoist: boolean;
  /** @everyone is 0; higher is more powerful. */
  position: number;
  permissions: bigint;
  /** Managed by an integration (the bot's own role): nobody can assign or edit it. */
  managed: boolean;
  mentionable: boolean;
  unicodeEmoji: string | null;
  /** The bot a managed role belongs to. */
  botId?: string;
}

export type PresenceStatus = 'online' | 'idle' | 'dnd' | 'offline';

export interface MemberRecord {
  userId: string;
  nick: string | null;
  roles: string[];
  joinedAt: string;
  pending: boolean;
  /** Only visible with the GUILD_PRESENCES intent. */
  status: PresenceStatus;
}

export interface ForumTag {
  id: string;
  name: string;
  moderated: boolean;
  emoji_id: string | null;
  emoji_name: string | null;
}

export interface ThreadMeta {
  ownerId: string;
  archived: boolean;
  locked: boolean;
  autoArchiveDuration: 60 | 1440 | 4320 | 10080;
  archiveTimestamp: string;
  createTimestamp: string;
  appliedTags: string[];
  messageCount: number;
  totalMessageSent: number;
}

export interface ChannelRecord {
  id: string;
  type: ChannelType;
  guildId: string;
  name: string;
  position: number;
  parentId: string | null;
  topic: string | null;
  availableTags?: ForumTag[];
  thread?: ThreadMeta;
  lastMessageId: string | null;
  flags: number;
}

export interface MessageRecord {
  id: string;
  channelId: string;
  content: string;
  embeds: Record<string, unknown>[];
  components: unknown[];
  author: DiscordUser;
  webhookId?: string;
  nonce?: string | number;
  timestamp: string;
  editedTimestamp: string | null;
  allowedMentions: AllowedMentions | null;
  mentions: Mentions;
  flags: number;
  tts: boolean;
  /** Position in a thread (0 for the starter message). */
  position?: number;
  /** Discord's message type: 0 default, 20 a slash command's reply. */
  type?: number;
  /** The interaction this message answers (original response or follow-up). */
  interaction?: { id: string; type: number; name?: string; userId: string; sourceMessageId?: string };
}

export interface WebhookRecord {
  id: string;
  token: string;
  channelId: string;
  guildId: string;
  name: string;
}

export interface ScheduledEventRecord {
  id: string;
  guildId: string;
  name: string;
  description: string | null;
  channelId: string | null;
  creatorId: string;
  scheduledStartTime: string;
  scheduledEndTime: string | null;
  privacyLevel: number;
  status: number;
  entityType: number;
  location: string | null;
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  roles: Map<string, RoleRecord>;
  events: Map<string, ScheduledEventRecord>;
  members: Map<string, MemberRecord>;
  /** The application's guild commands, by id. */
  commands: Map<string, CommandRecord>;
  joinedAt: string;
  locale: string;
}

/** An application command as stored: the body Discord accepted plus what it adds. */
export interface CommandRecord {
  id: string;
  guildId: string | null;
  version: string;
  body: Record<string, unknown> & { name: string; type: number };
}

/** One gateway event for a guild (or for no guild, `guildId: null`), before intents and shards filter it. */
export interface GuildEvent {
  guildId: string | null;
  t: string;
  d: unknown;
}

/** One notification a message would cause; tests assert this list stays empty when nobody should be pinged. */
export interface Ping {
  messageId: string;
  channelId: string;
  kind: 'user' | 'role' | 'everyone' | 'here';
  id?: string;
  /** 'edit' when an edit made the mention appear (Discord highlights it without a push notification). */
  on: 'create' | 'edit';
}

/** Discord timestamps as zod's `iso.datetime()` accepts them (Z, milliseconds). */
export function discordTime(date: Date): string {
  return date.toISOString();
}

/** Everything the fake Discord knows. */
export class DiscordState {
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly messages = new Map<string, MessageRecord>();
  readonly webhooks = new Map<string, WebhookRecord>();
  readonly pings: Ping[] = [];
  /** Channels the bot may not see (403 Missing Access). */
  readonly denied = new Set<string>();
  /** `${channelId}:${nonce}` → message id and when it was sent. */
  readonly nonces = new Map<string, { messageId: string; at: number }>();
  readonly bot: DiscordUser;
  readonly users = new Map<string, DiscordUser>();
  /** The bot's application; its id is also the webhook id of interaction follow-ups. */
  readonly application: { id: string; name: string; flags: number };
  readonly globalCommands = new Map<string, CommandRecord>();
  readonly now: () => Date;
  readonly #listeners = new Set<(event: GuildEvent) => void>();
  #increment = 0n;

  constructor(now: () => Date) {
    this.now = now;
    this.bot = { id: this.snowflake(), username: 'Circuitboard', global_name: null, bot: true };
    this.users.set(this.bot.id, this.bot);
    // A bot's application id is its user id, as for every bot created since 2016.
    this.application = { id: this.bot.id, name: 'Circuitboard', flags: 0 };
  }

  /** Sends an event to every gateway session that should see it. */
  emit(guildId: string | null, t: string, d: unknown): void {
    for (const listener of this.#listeners) listener({ guildId, t, d });
  }

  onEvent(listener: (event: GuildEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  createUser(fields: { username: string; globalName?: string | null; bot?: boolean; id?: string }): DiscordUser {
    const user: DiscordUser = {
      id: fields.id ?? this.snowflake(),
      username: fields.username,
      global_name: fields.globalName ?? null,
      ...(fields.bot ? { bot: true } : {}),
    };
    this.users.set(user.id, user);
    return user;
  }

  requireGuild(id: string): GuildRecord {
    const guild = this.guilds.get(id);
    if (!guild) throw new Error(`the fake Discord has no guild ${id}`);
    return guild;
  }

  /** Roles of a guild, lowest first (position, then id, as Discord sorts them). */
  rolesOf(guild: GuildRecord): RoleRecord[] {
    return [...guild.roles.values()].sort((a, b) => a.position - b.position || compareIds(a.id, b.id));
  }

  /** Inserts a role at `position` (default 1, just above @everyone), moving the roles at or above it up. */
  addRole(guild: GuildRecord, fields: Partial<RoleRecord> & { name: string }): RoleRecord {
    const position = Math.max(1, Math.min(fields.position ?? 1, guild.roles.size));
    for (const role of guild.roles.values()) if (role.position >= position && role.id !== guild.id) role.position++;
    const role: RoleRecord = {
      id: this.snowflake(),
      color: 0,
      hoist: false,
      permissions: DEFAULT_EVERYONE,
      managed: false,
      mentionable: false,
      unicodeEmoji: null,
      ...fields,
      position,
    };
    guild.roles.set(role.id, role);
    return role;
  }

  /** The highest position among a member's roles (0 for @everyone only). */
  highestPosition(guild: GuildRecord, userId: string): number {
    const member = guild.members.get(userId);
    if (!member) return -1;
    return Math.max(0, ...member.roles.map((id) => guild.roles.get(id)?.position ?? 0));
  }

  /** A member's guild-level permissions: @everyone's and every role's, or everything for the owner. */
  permissionsOf(guild: GuildRecord, userId: string): bigint {
    if (guild.ownerId === userId) return (1n << 52n) - 1n;
    const member = guild.members.get(userId);
    let granted = guild.roles.get(guild.id)?.permissions ?? 0n;
    for (const id of member?.roles ?? []) granted |= guild.roles.get(id)?.permissions ?? 0n;
    return granted;
  }

  addMember(guild: GuildRecord, user: DiscordUser, fields: Partial<MemberRecord> = {}): MemberRecord {
    this.users.set(user.id, user);
    const member: MemberRecord = {
      userId: user.id,
      nick: null,
      roles: [],
      joinedAt: this.timestamp(),
      pending: false,
      status: 'offline',
      ...fields,
    };
    guild.members.set(user.id, member);
    return member;
  }

  /** Time-ordered ids like Discord's (timestamp << 22 | counter). */
  snowflake(): string {
    const ms = BigInt(this.now().getTime());
    this.#increment = (this.#increment + 1n) & 0xfffn;
    return (((ms - DISCORD_EPOCH) << 22n) | (1n << 17n) | this.#increment).toString();
  }

  timestamp(): string {
    return discordTime(this.now());
  }

  createGuild(name = 'Circuitboard Test Guild', options: { botPermissions?: bigint } = {}): GuildRecord {
    const id = this.snowflake();
    const owner = this.createUser({ username: `owner${id.slice(-4)}` });
    const guild: GuildRecord = {
      id,
      name,
      ownerId: owner.id,
      roles: new Map(),
      events: new Map(),
      members: new Map(),
      commands: new Map(),
      joinedAt: this.timestamp(),
      locale: 'en-US',
    };
    // Every guild has an @everyone role whose id is the guild id.
    guild.roles.set(guild.id, {
      id: guild.id,
      name: '@everyone',
      color: 0,
      hoist: false,
      position: 0,
      permissions: DEFAULT_EVERYONE,
      managed: false,
      mentionable: false,
      unicodeEmoji: null,
    });
    this.guilds.set(guild.id, guild);
    this.addMember(guild, owner, { status: 'online' });
    // The bot joins with its managed role, which starts above every other role (Discord puts it on top).
    const botRole = this.addRole(guild, {
      name: this.bot.username,
      permissions: options.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
      managed: true,
      botId: this.bot.id,
    });
    this.addMember(guild, this.bot, { roles: [botRole.id], status: 'online' });
    return guild;
  }

  /** The bot's managed role in a guild. */
  botRole(guild: GuildRecord): RoleRecord {
    const role = [...guild.roles.values()].find((r) => r.managed && r.botId === this.bot.id);
    if (!role) throw new Error(`the bot has no role in guild ${guild.id}`);
    return role;
  }

  createChannel(guildId: string, fields: Partial<ChannelRecord> & { type: ChannelType; name: string }): ChannelRecord {
    if (!this.guilds.has(guildId)) throw new Error(`the fake Discord has no guild ${guildId}`);
    const channel: ChannelRecord = {
      id: this.snowflake(),
      guildId,
      position: [...this.channels.values()].filter((c) => c.guildId === guildId && !c.thread).length,
      parentId: null,
      topic: null,
      lastMessageId: null,
      flags: 0,
      ...fields,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  createThread(
    parent: ChannelRecord,
    name: string,
    ownerId: string,
    appliedTags: string[],
    autoArchive: ThreadMeta['autoArchiveDuration'],
    id = this.snowflake(),
  ): ChannelRecord {
    const at = this.timestamp();
    const thread: ChannelRecord = {
      id,
      type: CHANNEL_TYPES.publicThread,
      guildId: parent.guildId,
      name,
      position: 0,
      parentId: parent.id,
      topic: null,
      lastMessageId: null,
      flags: 0,
      thread: {
        ownerId,
        archived: false,
        locked: false,
        autoArchiveDuration: autoArchive,
        archiveTimestamp: at,
        createTimestamp: at,
        appliedTags,
        messageCount: 0,
        totalMessageSent: 0,
      },
    };
    this.channels.set(thread.id, thread);
    return thread;
  }

  createWebhook(channelId: string, name = 'Circuitboard'): WebhookRecord {
    const channel = this.channels.get(channelId);
    if (!channel || channel.thread)
      throw new Error(`the fake Discord cannot add a webhook to ${channelId}: not a text or forum channel`);
    const webhook: WebhookRecord = {
      id: this.snowflake(),
      token: randomBytes(34).toString('base64url'),
      channelId,
      guildId: channel.guildId,
      name,
    };
    this.webhooks.set(webhook.id, webhook);
    return webhook;
  }

  /** Messages of a channel or thread, oldest first. */
  messagesIn(channelId: string): MessageRecord[] {
    return [...this.messages.values()].filter((m) => m.channelId === channelId).sort((a, b) => compareIds(a.id, b.id));
  }

  threadsOf(parentId: string): ChannelRecord[] {
    return [...this.channels.values()]
      .filter((c) => c.parentId === parentId && c.thread)
      .sort((a, b) => compareIds(a.id, b.id));
  }

  recordPings(message: MessageRecord, on: Ping['on']): void {
    const { users, roles, everyone, here } = message.mentions;
    const base = { messageId: message.id, channelId: message.channelId, on };
    for (const id of users) this.pings.push({ ...base, kind: 'user', id });
    for (const id of roles) this.pings.push({ ...base, kind: 'role', id });
    if (everyone) this.pings.push({ ...base, kind: 'everyone' });
    if (here) this.pings.push({ ...base, kind: 'here' });
  }
}

export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
