import type {
  ChannelRecord,
  DiscordState,
  DiscordUser,
  MessageRecord,
  ScheduledEventRecord,
  WebhookRecord,
} from './state.ts';

type Obj = Record<string, unknown>;

/** JSON shapes of Discord's API v10 for what the fake stores. */
export class DiscordShapes {
  readonly state: DiscordState;
  readonly apiBase: string;

  constructor(state: DiscordState, apiBase: string) {
    this.state = state;
    this.apiBase = apiBase;
  }

  user(user: DiscordUser): Obj {
    return {
      id: user.id,
      username: user.username,
      avatar: null,
      discriminator: user.bot ? '0000' : '0',
      public_flags: 0,
      flags: 0,
      ...(user.bot ? { bot: true } : {}),
      banner: null,
      accent_color: null,
      global_name: user.global_name,
      avatar_decoration_data: null,
      collectibles: null,
      primary_guild: null,
    };
  }

  mentionedUser(id: string): Obj {
    return this.user({ id, username: `user${id.slice(-4)}`, global_name: null });
  }

  message(message: MessageRecord): Obj {
    return {
      type: 0,
      content: message.content,
      mentions: message.mentions.users.map((id) => this.mentionedUser(id)),
      mention_roles: message.mentions.roles,
      attachments: [],
      embeds: message.embeds,
      timestamp: message.timestamp,
      edited_timestamp: message.editedTimestamp,
      flags: message.flags,
      components: message.components,
      id: message.id,
      channel_id: message.channelId,
      author: this.user(message.author),
      pinned: false,
      mention_everyone: message.mentions.everyone || message.mentions.here,
      tts: message.tts,
      ...(message.webhookId ? { webhook_id: message.webhookId } : {}),
      ...(message.nonce !== undefined ? { nonce: message.nonce } : {}),
      ...(message.position !== undefined ? { position: message.position } : {}),
    };
  }

  channel(channel: ChannelRecord): Obj {
    const common = {
      id: channel.id,
      type: channel.type,
      last_message_id: channel.lastMessageId,
      flags: channel.flags,
      guild_id: channel.guildId,
      name: channel.name,
      parent_id: channel.parentId,
      rate_limit_per_user: 0,
    };
    if (channel.thread) {
      const t = channel.thread;
      return {
        ...common,
        owner_id: t.ownerId,
        thread_metadata: {
          archived: t.archived,
          archive_timestamp: t.archiveTimestamp,
          auto_archive_duration: t.autoArchiveDuration,
          locked: t.locked,
          create_timestamp: t.createTimestamp,
        },
        message_count: t.messageCount,
        member_count: 1,
        total_message_sent: t.totalMessageSent,
        applied_tags: t.appliedTags,
      };
    }
    return {
      ...common,
      topic: channel.topic,
      position: channel.position,
      permission_overwrites: [],
      nsfw: false,
      ...(channel.availableTags
        ? {
            available_tags: channel.availableTags,
            default_auto_archive_duration: 4320,
            default_thread_rate_limit_per_user: 0,
            default_reaction_emoji: null,
            default_sort_order: null,
            default_forum_layout: 0,
          }
        : {}),
    };
  }

  webhook(webhook: WebhookRecord, withToken: boolean): Obj {
    return {
      application_id: null,
      avatar: null,
      channel_id: webhook.channelId,
      guild_id: webhook.guildId,
      id: webhook.id,
      name: webhook.name,
      type: 1,
      ...(withToken ? { token: webhook.token, url: this.webhookUrl(webhook) } : {}),
    };
  }

  webhookUrl(webhook: WebhookRecord): string {
    return `${this.apiBase}/webhooks/${webhook.id}/${webhook.token}`;
  }

  scheduledEvent(event: ScheduledEventRecord): Obj {
    return {
      id: event.id,
      guild_id: event.guildId,
      name: event.name,
      description: event.description,
      channel_id: event.channelId,
      creator_id: event.creatorId,
      creator: this.user(this.state.bot),
      image: null,
      scheduled_start_time: event.scheduledStartTime,
      scheduled_end_time: event.scheduledEndTime,
      status: event.status,
      entity_type: event.entityType,
      entity_id: null,
      recurrence_rule: null,
      privacy_level: event.privacyLevel,
      guild_scheduled_event_exceptions: [],
      ...(event.entityType === 3 ? { entity_metadata: { location: event.location ?? '' } } : { entity_metadata: null }),
    };
  }
}
