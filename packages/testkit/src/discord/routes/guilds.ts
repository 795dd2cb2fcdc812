import { unknown } from '../errors.ts';
import { type DiscordContext, type DiscordRoute, EVENT, validated, wants } from '../route-kit.ts';
import { REQUEST } from '../spec.ts';
import type { ScheduledEventRecord } from '../state.ts';

function guildOf(ctx: DiscordContext) {
  const guild = ctx.state.guilds.get(ctx.params.guild_id ?? '');
  if (!guild) throw unknown('Guild');
  return guild;
}

function eventOf(ctx: DiscordContext): ScheduledEventRecord {
  const event = guildOf(ctx).events.get(ctx.params.event_id ?? '');
  if (!event) throw unknown('Guild Scheduled Event');
  return event;
}

export const listEvents: DiscordRoute = {
  method: 'GET',
  template: '/guilds/:guild_id/scheduled-events',
  auth: 'bot',
  category: 'routes',
  query: { with_user_count: 'boolean' },
  handle(ctx) {
    const events = [...guildOf(ctx).events.values()].map((e) => ({
      ...ctx.shapes.scheduledEvent(e),
      ...(wants(ctx.query.with_user_count) ? { user_count: 0 } : {}),
    }));
    return { status: 200, body: events, schema: EVENT, many: true };
  },
};

export const getEvent: DiscordRoute = {
  method: 'GET',
  template: '/guilds/:guild_id/scheduled-events/:event_id',
  auth: 'bot',
  category: 'routes',
  query: { with_user_count: 'boolean' },
  handle: (ctx) => ({ status: 200, body: ctx.shapes.scheduledEvent(eventOf(ctx)), schema: EVENT }),
};

export const createEvent: DiscordRoute = {
  method: 'POST',
  template: '/guilds/:guild_id/scheduled-events',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const guild = guildOf(ctx);
    const body = validated(ctx, REQUEST.eventCreate, (b) =>
      b.entity_type === 3 && !b.scheduled_end_time
        ? [{ path: ['scheduled_end_time'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]
        : [],
    );
    const event: ScheduledEventRecord = {
      id: ctx.state.snowflake(),
      guildId: guild.id,
      name: body.name,
      description: body.description ?? null,
      channelId: body.channel_id ?? null,
      creatorId: ctx.state.bot.id,
      scheduledStartTime: body.scheduled_start_time,
      scheduledEndTime: body.scheduled_end_time ?? null,
      privacyLevel: body.privacy_level,
      status: 1,
      entityType: body.entity_type,
      location: body.entity_type === 3 ? (body.entity_metadata?.location ?? null) : null,
    };
    guild.events.set(event.id, event);
    return { status: 200, body: ctx.shapes.scheduledEvent(event), schema: EVENT };
  },
};

export const patchEvent: DiscordRoute = {
  method: 'PATCH',
  template: '/guilds/:guild_id/scheduled-events/:event_id',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const event = eventOf(ctx);
    const body = validated(ctx, REQUEST.eventPatch);
    if (body.name !== undefined) event.name = body.name;
    if (body.description !== undefined) event.description = body.description ?? null;
    if (body.scheduled_start_time !== undefined) event.scheduledStartTime = body.scheduled_start_time;
    if (body.scheduled_end_time !== undefined) event.scheduledEndTime = body.scheduled_end_time ?? null;
    if (body.status !== undefined && body.status !== null) event.status = body.status;
    if (body.privacy_level !== undefined) event.privacyLevel = body.privacy_level;
    if (body.entity_metadata?.location) event.location = body.entity_metadata.location;
    return { status: 200, body: ctx.shapes.scheduledEvent(event), schema: EVENT };
  },
};
