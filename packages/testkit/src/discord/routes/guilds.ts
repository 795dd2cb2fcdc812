import type { FieldError } from '../../discord-limits.ts';
import { CODES, DiscordError, unknown } from '../errors.ts';
import { PERMISSIONS } from '../permissions.ts';
import { type DiscordContext, type DiscordRoute, EVENT, validated, wants } from '../route-kit.ts';
import { type EventCreateBody, type EventPatchBody, REQUEST } from '../spec.ts';
import { CHANNEL_TYPES, type GuildRecord, type ScheduledEventRecord } from '../state.ts';
import { guildOf, requirePermission } from './members.ts';

/** Guild scheduled event entity types and statuses (resources/guild-scheduled-event). */
export const EVENT_ENTITY = { stage: 1, voice: 2, external: 3 } as const;
export const EVENT_STATUS = { scheduled: 1, active: 2, completed: 3, canceled: 4 } as const;

/** At most this many events SCHEDULED or ACTIVE at once in a guild. */
export const MAX_OPEN_EVENTS = 100;

const TRANSITIONS: Record<number, readonly number[]> = {
  [EVENT_STATUS.scheduled]: [EVENT_STATUS.active, EVENT_STATUS.canceled],
  [EVENT_STATUS.active]: [EVENT_STATUS.completed],
};

function eventOf(ctx: DiscordContext): ScheduledEventRecord {
  const event = guildOf(ctx).events.get(ctx.params.event_id ?? '');
  if (!event) throw unknown('Guild Scheduled Event');
  return event;
}

/** The guild and event a change is about; changing events needs Manage Events. */
function eventToChange(ctx: DiscordContext): { guild: GuildRecord; event: ScheduledEventRecord } {
  const guild = guildOf(ctx);
  requirePermission(ctx, guild, PERMISSIONS.manageEvents);
  return { guild, event: eventOf(ctx) };
}

function emitEvent(ctx: DiscordContext, t: string, event: ScheduledEventRecord): void {
  ctx.state.emit(event.guildId, t, ctx.shapes.scheduledEvent(event));
}

interface EventShape {
  entityType: number;
  channelId: string | null;
  location: string | null;
  start: string;
  end: string | null;
}

/** Discord's field requirements by entity type, and start before end. */
function shapeErrors(ctx: DiscordContext, guild: GuildRecord, event: EventShape): FieldError[] {
  const out: FieldError[] = [];
  if (event.entityType === EVENT_ENTITY.external) {
    if (event.channelId !== null) {
      out.push({ path: ['channel_id'], code: 'BASE_TYPE_INVALID', message: 'External events have no channel.' });
    }
    if (!event.location) {
      out.push({
        path: ['entity_metadata', 'location'],
        code: 'BASE_TYPE_REQUIRED',
        message: 'This field is required',
      });
    }
    if (!event.end) {
      out.push({ path: ['scheduled_end_time'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    }
  } else {
    const channel = event.channelId ? ctx.state.channels.get(event.channelId) : undefined;
    const wanted = event.entityType === EVENT_ENTITY.voice ? CHANNEL_TYPES.voice : CHANNEL_TYPES.stageVoice;
    if (!event.channelId) {
      out.push({ path: ['channel_id'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    } else if (!channel || channel.guildId !== guild.id || channel.type !== wanted) {
      out.push({
        path: ['channel_id'],
        code: 'CHANNEL_TYPE_INVALID',
        message: `Channel must be a ${event.entityType === EVENT_ENTITY.voice ? 'voice' : 'stage'} channel in this guild.`,
      });
    }
  }
  if (event.end && Date.parse(event.end) <= Date.parse(event.start)) {
    out.push({
      path: ['scheduled_end_time'],
      code: 'GUILD_SCHEDULED_EVENT_END_BEFORE_START',
      message: 'Cannot schedule event to end before starting.',
    });
  }
  return out;
}

function pastStart(ctx: DiscordContext, start: string): FieldError[] {
  return Date.parse(start) <= ctx.state.now().getTime()
    ? [
        {
          path: ['scheduled_start_time'],
          code: 'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST',
          message: 'Cannot schedule event in the past.',
        },
      ]
    : [];
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
  handle: (ctx) => ({
    status: 200,
    body: {
      ...ctx.shapes.scheduledEvent(eventOf(ctx)),
      ...(wants(ctx.query.with_user_count) ? { user_count: 0 } : {}),
    },
    schema: EVENT,
  }),
};

export const createEvent: DiscordRoute = {
  method: 'POST',
  template: '/guilds/:guild_id/scheduled-events',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const guild = guildOf(ctx);
    requirePermission(ctx, guild, PERMISSIONS.manageEvents);
    const body: EventCreateBody = validated(ctx, REQUEST.eventCreate, (b) => [
      ...(b.name.trim() === ''
        ? [{ path: ['name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }]
        : []),
      ...pastStart(ctx, b.scheduled_start_time),
      ...shapeErrors(ctx, guild, {
        entityType: b.entity_type,
        channelId: b.channel_id ?? null,
        location: b.entity_metadata?.location ?? null,
        start: b.scheduled_start_time,
        end: b.scheduled_end_time ?? null,
      }),
    ]);
    const open = [...guild.events.values()].filter(
      (e) => e.status === EVENT_STATUS.scheduled || e.status === EVENT_STATUS.active,
    ).length;
    if (open >= MAX_OPEN_EVENTS) {
      throw new DiscordError(400, {
        message: `Maximum number of uncompleted guild scheduled events reached (${MAX_OPEN_EVENTS})`,
        code: CODES.maxEvents,
      });
    }
    const event: ScheduledEventRecord = {
      id: ctx.state.snowflake(),
      guildId: guild.id,
      name: body.name,
      description: body.description ?? null,
      channelId: body.entity_type === EVENT_ENTITY.external ? null : (body.channel_id ?? null),
      creatorId: ctx.state.bot.id,
      scheduledStartTime: new Date(body.scheduled_start_time).toISOString(),
      scheduledEndTime: body.scheduled_end_time ? new Date(body.scheduled_end_time).toISOString() : null,
      privacyLevel: body.privacy_level,
      status: EVENT_STATUS.scheduled,
      entityType: body.entity_type,
      location: body.entity_type === EVENT_ENTITY.external ? (body.entity_metadata?.location ?? null) : null,
    };
    guild.events.set(event.id, event);
    emitEvent(ctx, 'GUILD_SCHEDULED_EVENT_CREATE', event);
    return { status: 200, body: ctx.shapes.scheduledEvent(event), schema: EVENT };
  },
};

export const patchEvent: DiscordRoute = {
  method: 'PATCH',
  template: '/guilds/:guild_id/scheduled-events/:event_id',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const { guild, event } = eventToChange(ctx);
    if (event.status === EVENT_STATUS.completed || event.status === EVENT_STATUS.canceled) {
      throw new DiscordError(400, { message: 'Cannot update a finished event', code: CODES.finishedEvent });
    }
    const raw = (ctx.body ?? {}) as Record<string, unknown>;
    const body: EventPatchBody = validated(ctx, REQUEST.eventPatch, (b) => {
      const errors: FieldError[] = [];
      const status = b.status ?? event.status;
      if (status !== event.status && !(TRANSITIONS[event.status] ?? []).includes(status)) {
        errors.push({
          path: ['status'],
          code: 'GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION',
          message: `Cannot change the status from ${event.status} to ${status}.`,
        });
      }
      if (b.scheduled_start_time !== undefined) {
        if (event.status === EVENT_STATUS.active) {
          // Discord refuses any start time on a running event, even the same one.
          errors.push({
            path: ['scheduled_start_time'],
            code: 'GUILD_SCHEDULED_EVENT_SCHEDULE_INVALID_START_BY_STATUS',
            message: 'Cannot change the start time of an event that has started.',
          });
        } else {
          errors.push(...pastStart(ctx, b.scheduled_start_time));
        }
      }
      const entityType = b.entity_type ?? event.entityType;
      errors.push(
        ...shapeErrors(ctx, guild, {
          entityType,
          channelId:
            'channel_id' in raw ? (b.channel_id ?? null) : entityType === event.entityType ? event.channelId : null,
          location: entityType === EVENT_ENTITY.external ? (b.entity_metadata?.location ?? event.location) : null,
          start: b.scheduled_start_time ?? event.scheduledStartTime,
          end: b.scheduled_end_time === undefined ? event.scheduledEndTime : b.scheduled_end_time,
        }),
      );
      return errors;
    });
    if (body.name !== undefined) event.name = body.name;
    if (body.description !== undefined) event.description = body.description ?? null;
    if (body.scheduled_start_time !== undefined) {
      event.scheduledStartTime = new Date(body.scheduled_start_time).toISOString();
    }
    if (body.scheduled_end_time !== undefined) {
      event.scheduledEndTime = body.scheduled_end_time ? new Date(body.scheduled_end_time).toISOString() : null;
    }
    if (body.status !== undefined && body.status !== null) event.status = body.status;
    if (body.privacy_level !== undefined) event.privacyLevel = body.privacy_level;
    if (body.entity_type !== undefined && body.entity_type !== null) event.entityType = body.entity_type;
    if ('channel_id' in raw) event.channelId = body.channel_id ?? null;
    // Discord silently drops entity_metadata of events that are not external.
    if (event.entityType === EVENT_ENTITY.external) {
      if (body.entity_metadata?.location) event.location = body.entity_metadata.location;
      event.channelId = null;
    } else {
      event.location = null;
    }
    emitEvent(ctx, 'GUILD_SCHEDULED_EVENT_UPDATE', event);
    return { status: 200, body: ctx.shapes.scheduledEvent(event), schema: EVENT };
  },
};

export const deleteEvent: DiscordRoute = {
  method: 'DELETE',
  template: '/guilds/:guild_id/scheduled-events/:event_id',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const { guild, event } = eventToChange(ctx);
    guild.events.delete(event.id);
    emitEvent(ctx, 'GUILD_SCHEDULED_EVENT_DELETE', event);
    return { status: 204 };
  },
};
