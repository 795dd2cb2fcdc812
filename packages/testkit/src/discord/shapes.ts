import {
  CHANNEL_TYPES,
  type ChannelRecord,
  type CommandRecord,
  type DiscordState,
  type DiscordUser,
  type GuildRecord,
  type MemberRecord,
  type MessageRecord,
  type RoleRecord,
  type ScheduledEventRecord,
  type WebhookRecord,
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
    return this.user(this.state.users.get(id) ?? { id, username: `user${id.slice(-4)}`, global_name: null });
  }

  role(role: RoleRecord): Obj {
    return {
      id: role.id,
      name: role.name,
      permissions: role.permissions.toString(),
      position: role.position,
      color: role.color,
      colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
      hoist: role.hoist,
      managed: role.managed,
      mentionable: role.mentionable,
      icon: null,
      unicode_emoji: role.unicodeEmoji,
      flags: 0,
      ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
    };
  }

  member(member: MemberRecord): Obj {
    const user = this.state.users.get(member.userId) ?? { id: member.userId, username: 'unknown', global_name: null };
    return {
      avatar: null,
      banner: null,
      communication_disabled_until: null,
      flags: 0,
      joined_at: member.joinedAt,
      nick: member.nick,
      pending: member.pending,
      premium_since: null,
      roles: [...member.roles],
      user: this.user(user),
      mute: false,
      deaf: false,
    };
  }

  /** A guild member as an interaction carries it: with the member's permissions in the channel. */
  interactionMember(guild: GuildRecord, member: MemberRecord): Obj {
    return { ...this.member(member), permissions: this.state.permissionsOf(guild, member.userId).toString() };
  }

  presence(guild: GuildRecord, member: MemberRecord): Obj {
    return {
      user: { id: member.userId },
      guild_id: guild.id,
      status: member.status,
      activities: [],
      client_status: member.status === 'offline' ? {} : { desktop: member.status },
    };
  }

  command(command: CommandRecord): Obj {
    const { body } = command;
    return {
      id: command.id,
      application_id: this.state.application.id,
      version: command.version,
      default_member_permissions: (body.default_member_permissions as string | null | undefined) ?? null,
      type: body.type,
      name: body.name,
      description: (body.description as string | undefined) ?? '',
      ...(command.guildId ? { guild_id: command.guildId } : {}),
      dm_permission: command.guildId === null ? ((body.dm_permission as boolean | undefined) ?? true) : true,
      contexts: (body.contexts as number[] | null | undefined) ?? null,
      integration_types: (body.integration_types as number[] | undefined) ?? [0],
      nsfw: (body.nsfw as boolean | undefined) ?? false,
      ...(body.options ? { options: body.options } : {}),
      ...(body.name_localizations ? { name_localizations: body.name_localizations } : {}),
      ...(body.description_localizations ? { description_localizations: body.description_localizations } : {}),
    };
  }

  /** The guild object of GUILD_CREATE, without the member list (the gateway picks which members to send). */
  guild(guild: GuildRecord): Obj {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: this.state.rolesOf(guild).map((r) => this.role(r)),
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      max_presences: null,
      max_members: 500000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: guild.locale,
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: 0,
      stickers: [],
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      incidents_data: null,
    };
  }

  message(message: MessageRecord): Obj {
    const interaction = message.interaction;
    const invoker = interaction ? this.state.users.get(interaction.userId) : undefined;
    return {
      type: message.type ?? 0,
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
      ...(interaction && invoker
        ? {
            application_id: this.state.application.id,
            interaction_metadata: {
              id: interaction.id,
              type: interaction.type,
              user: this.user(invoker),
              authorizing_integration_owners: { '0': this.state.channels.get(message.channelId)?.guildId ?? '0' },
              ...(interaction.sourceMessageId ? { interacted_message_id: interaction.sourceMessageId } : {}),
            },
            ...(interaction.name
              ? {
                  interaction: {
                    id: interaction.id,
                    type: interaction.type,
                    name: interaction.name,
                    user: this.user(invoker),
                  },
                }
              : {}),
          }
        : {}),
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
    if (channel.type === CHANNEL_TYPES.voice || channel.type === CHANNEL_TYPES.stageVoice) {
      return {
        ...common,
        position: channel.position,
        permission_overwrites: [],
        nsfw: false,
        bitrate: 64000,
        user_limit: 0,
        rtc_region: null,
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
