import { unknown } from '../errors.ts';
import { type DiscordRoute, GUILD_CHANNEL, wants } from '../route-kit.ts';
import { RESPONSE } from '../spec.ts';
import { guildOf } from './members.ts';

/** GET /users/@me: the bot's own user (discord.js fetches it for client.user). */
export const getCurrentUser: DiscordRoute = {
  method: 'GET',
  template: '/users/@me',
  auth: 'bot',
  category: 'routes',
  handle: (ctx) => ({
    status: 200,
    body: { ...ctx.shapes.user(ctx.state.bot), mfa_enabled: false, locale: 'en-US', verified: true, email: null },
    schema: RESPONSE.currentUser,
  }),
};

export const getUser: DiscordRoute = {
  method: 'GET',
  template: '/users/:user_id',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const user = ctx.state.users.get(ctx.params.user_id ?? '');
    if (!user) throw unknown('User');
    return { status: 200, body: ctx.shapes.user(user), schema: RESPONSE.user };
  },
};

export const getGuild: DiscordRoute = {
  method: 'GET',
  template: '/guilds/:guild_id',
  auth: 'bot',
  category: 'routes',
  query: { with_counts: 'boolean' },
  handle(ctx) {
    const guild = guildOf(ctx);
    const counts = wants(ctx.query.with_counts)
      ? {
          approximate_member_count: guild.members.size,
          approximate_presence_count: [...guild.members.values()].filter((m) => m.status !== 'offline').length,
        }
      : {};
    return { status: 200, body: { ...ctx.shapes.guild(guild), ...counts }, schema: RESPONSE.guild };
  },
};

export const listGuildChannels: DiscordRoute = {
  method: 'GET',
  template: '/guilds/:guild_id/channels',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const guild = guildOf(ctx);
    const channels = [...ctx.state.channels.values()].filter((c) => c.guildId === guild.id && !c.thread);
    return { status: 200, body: channels.map((c) => ctx.shapes.channel(c)), schema: GUILD_CHANNEL, many: true };
  },
};

export const USER_ROUTES: readonly DiscordRoute[] = [getCurrentUser, getUser, getGuild, listGuildChannels];
