/** Gateway intents (https://discord.com/developers/docs/events/gateway#gateway-intents). */
export const INTENTS = {
  guilds: 1 << 0,
  guildMembers: 1 << 1,
  guildModeration: 1 << 2,
  guildExpressions: 1 << 3,
  guildIntegrations: 1 << 4,
  guildWebhooks: 1 << 5,
  guildInvites: 1 << 6,
  guildVoiceStates: 1 << 7,
  guildPresences: 1 << 8,
  guildMessages: 1 << 9,
  guildMessageReactions: 1 << 10,
  guildMessageTyping: 1 << 11,
  directMessages: 1 << 12,
  directMessageReactions: 1 << 13,
  directMessageTyping: 1 << 14,
  messageContent: 1 << 15,
  guildScheduledEvents: 1 << 16,
  autoModerationConfiguration: 1 << 20,
  autoModerationExecution: 1 << 21,
  guildMessagePolls: 1 << 24,
  directMessagePolls: 1 << 25,
} as const;

/** Every documented bit; anything else is closed with 4013. */
export const KNOWN_INTENTS = Object.values(INTENTS).reduce((all, bit) => all | bit, 0);

export type PrivilegedIntent = 'guildMembers' | 'guildPresences' | 'messageContent';
export const PRIVILEGED: readonly PrivilegedIntent[] = ['guildMembers', 'guildPresences', 'messageContent'];

/** The intent a guild event needs; events not listed are always sent. */
const EVENT_INTENT: Record<string, number> = {
  GUILD_CREATE: INTENTS.guilds,
  GUILD_UPDATE: INTENTS.guilds,
  GUILD_DELETE: INTENTS.guilds,
  GUILD_ROLE_CREATE: INTENTS.guilds,
  GUILD_ROLE_UPDATE: INTENTS.guilds,
  GUILD_ROLE_DELETE: INTENTS.guilds,
  CHANNEL_CREATE: INTENTS.guilds,
  CHANNEL_UPDATE: INTENTS.guilds,
  CHANNEL_DELETE: INTENTS.guilds,
  CHANNEL_PINS_UPDATE: INTENTS.guilds,
  THREAD_CREATE: INTENTS.guilds,
  THREAD_UPDATE: INTENTS.guilds,
  THREAD_DELETE: INTENTS.guilds,
  THREAD_LIST_SYNC: INTENTS.guilds,
  THREAD_MEMBER_UPDATE: INTENTS.guilds,
  GUILD_MEMBER_ADD: INTENTS.guildMembers,
  GUILD_MEMBER_UPDATE: INTENTS.guildMembers,
  GUILD_MEMBER_REMOVE: INTENTS.guildMembers,
  GUILD_BAN_ADD: INTENTS.guildModeration,
  GUILD_BAN_REMOVE: INTENTS.guildModeration,
  WEBHOOKS_UPDATE: INTENTS.guildWebhooks,
  INVITE_CREATE: INTENTS.guildInvites,
  INVITE_DELETE: INTENTS.guildInvites,
  VOICE_STATE_UPDATE: INTENTS.guildVoiceStates,
  PRESENCE_UPDATE: INTENTS.guildPresences,
  MESSAGE_CREATE: INTENTS.guildMessages,
  MESSAGE_UPDATE: INTENTS.guildMessages,
  MESSAGE_DELETE: INTENTS.guildMessages,
  MESSAGE_DELETE_BULK: INTENTS.guildMessages,
  MESSAGE_REACTION_ADD: INTENTS.guildMessageReactions,
  MESSAGE_REACTION_REMOVE: INTENTS.guildMessageReactions,
  TYPING_START: INTENTS.guildMessageTyping,
  GUILD_SCHEDULED_EVENT_CREATE: INTENTS.guildScheduledEvents,
  GUILD_SCHEDULED_EVENT_UPDATE: INTENTS.guildScheduledEvents,
  GUILD_SCHEDULED_EVENT_DELETE: INTENTS.guildScheduledEvents,
  GUILD_SCHEDULED_EVENT_USER_ADD: INTENTS.guildScheduledEvents,
  GUILD_SCHEDULED_EVENT_USER_REMOVE: INTENTS.guildScheduledEvents,
};

/** Whether a session identified with `intents` receives event `t`. */
export function wantsEvent(intents: number, t: string): boolean {
  const needed = EVENT_INTENT[t];
  if (needed === undefined) return true;
  // The current user's member updates come regardless of GUILD_MEMBERS; callers filter those themselves.
  return (intents & needed) !== 0;
}
