import { randomBytes } from 'node:crypto';
import type { AllowedMentions, Mentions } from './mentions.ts';

export const CHANNEL_TYPES = { text: 0, publicThread: 11, forum: 15 } as const;
export type ChannelType = (typeof CHANNEL_TYPES)[keyof typeof CHANNEL_TYPES];

const DISCORD_EPOCH = 1_420_070_400_000n;

export interface DiscordUser {
  id: string;
  username: string;
  global_name: string | null;
  bot?: boolean;
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
  roles: Map<string, { id: string; name: string }>;
  events: Map<string, ScheduledEventRecord>;
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
  readonly now: () => Date;
  #increment = 0n;

  constructor(now: () => Date) {
    this.now = now;
    this.bot = { id: this.snowflake(), username: 'Circuitboard', global_name: null, bot: true };
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

  createGuild(name = 'Circuitboard Test Guild'): GuildRecord {
    const guild: GuildRecord = { id: this.snowflake(), name, roles: new Map(), events: new Map() };
    // Every guild has an @everyone role whose id is the guild id.
    guild.roles.set(guild.id, { id: guild.id, name: '@everyone' });
    this.guilds.set(guild.id, guild);
    return guild;
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
