import { appliedTagsErrors, DISCORD_LIMITS, threadNameErrors } from '../../discord-limits.ts';
import { CODES, DiscordError, invalidFormBody, unknown } from '../errors.ts';
import {
  assertWritable,
  autoArchive,
  channelOf,
  checkTags,
  createMessage,
  type DiscordContext,
  type DiscordRoute,
  EPHEMERAL,
  editMessage,
  emitChannel,
  GUILD_CHANNEL,
  MESSAGE,
  messageBodyErrors,
  removeMessage,
  requireContent,
  THREAD,
  THREADS,
  validated,
} from '../route-kit.ts';
import { REQUEST } from '../spec.ts';
import { CHANNEL_TYPES, compareIds, type MessageRecord } from '../state.ts';

export const getChannel: DiscordRoute = {
  method: 'GET',
  template: '/channels/:channel_id',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const channel = channelOf(ctx);
    return { status: 200, body: ctx.shapes.channel(channel), schema: channel.thread ? THREAD : GUILD_CHANNEL };
  },
};

export const patchChannel: DiscordRoute = {
  method: 'PATCH',
  template: '/channels/:channel_id',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const channel = channelOf(ctx);
    const meta = channel.thread;
    if (meta) {
      const parent = ctx.state.channels.get(channel.parentId ?? '');
      const body = validated(ctx, REQUEST.threadPatch, (b) => [
        ...threadNameErrors(b.name, ['name']),
        ...appliedTagsErrors(b.applied_tags, ['applied_tags']),
        ...(parent && b.applied_tags ? checkTags(parent, b.applied_tags, ['applied_tags']) : []),
      ]);
      const changesOtherThanArchive = Object.keys(body).some((key) => key !== 'archived' && key !== 'locked');
      if (meta.archived && body.archived !== false && changesOtherThanArchive) {
        throw new DiscordError(400, { message: 'Thread is archived', code: CODES.threadArchived });
      }
      if (body.name !== undefined && body.name !== null) channel.name = body.name;
      if (body.applied_tags !== undefined && body.applied_tags !== null) meta.appliedTags = body.applied_tags;
      if (body.locked !== undefined && body.locked !== null) meta.locked = body.locked;
      if (body.auto_archive_duration !== undefined && body.auto_archive_duration !== null) {
        meta.autoArchiveDuration = autoArchive(body.auto_archive_duration);
      }
      if (body.archived !== undefined && body.archived !== null && body.archived !== meta.archived) {
        meta.archived = body.archived;
        meta.archiveTimestamp = ctx.state.timestamp();
      }
      emitChannel(ctx, channel, 'THREAD_UPDATE');
      return { status: 200, body: ctx.shapes.channel(channel), schema: THREAD };
    }
    const body = validated(ctx, REQUEST.channelPatch, (b) =>
      b.name !== undefined && b.name !== null && (b.name.length < 1 || b.name.length > 100)
        ? [{ path: ['name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }]
        : [],
    );
    if (body.name !== undefined && body.name !== null) channel.name = body.name;
    if (body.topic !== undefined) channel.topic = body.topic ?? null;
    emitChannel(ctx, channel, 'CHANNEL_UPDATE');
    return { status: 200, body: ctx.shapes.channel(channel), schema: GUILD_CHANNEL };
  },
};

export const postMessage: DiscordRoute = {
  method: 'POST',
  template: '/channels/:channel_id/messages',
  auth: 'bot',
  category: 'messages',
  handle(ctx) {
    const channel = channelOf(ctx);
    const body = validated(ctx, REQUEST.messageCreate, (b) => messageBodyErrors(b));
    if (channel.type === CHANNEL_TYPES.forum) {
      throw new DiscordError(400, {
        message: 'Cannot send messages in a non-text channel',
        code: CODES.nonTextChannel,
      });
    }
    requireContent(body);
    if (body.enforce_nonce && body.nonce !== undefined && body.nonce !== null) {
      const key = `${channel.id}:${String(body.nonce)}`;
      const seen = ctx.state.nonces.get(key);
      const existing = seen ? ctx.state.messages.get(seen.messageId) : undefined;
      if (seen && existing && Date.now() - seen.at < DISCORD_LIMITS.nonceWindowMs) {
        return { status: 200, body: ctx.shapes.message(existing), schema: MESSAGE };
      }
    }
    assertWritable(channel);
    const message = createMessage(ctx, channel, body, ctx.state.bot);
    if (body.nonce !== undefined && body.nonce !== null) {
      ctx.state.nonces.set(`${channel.id}:${String(body.nonce)}`, { messageId: message.id, at: Date.now() });
    }
    return { status: 200, body: ctx.shapes.message(message), schema: MESSAGE };
  },
};

export const listMessages: DiscordRoute = {
  method: 'GET',
  template: '/channels/:channel_id/messages',
  auth: 'bot',
  category: 'messages',
  query: { limit: 'int', before: 'snowflake', after: 'snowflake', around: 'snowflake' },
  handle(ctx) {
    const channel = channelOf(ctx);
    const limit = ctx.query.limit === undefined ? 50 : Number(ctx.query.limit);
    if (limit < 1 || limit > 100) {
      throw invalidFormBody([
        { path: ['limit'], code: 'NUMBER_TYPE_MAX', message: 'int value should be between 1 and 100.' },
      ]);
    }
    // Ephemeral messages belong to one member's client, never to the channel's history.
    const all = ctx.state.messagesIn(channel.id).filter((m) => (m.flags & EPHEMERAL) === 0);
    let picked: MessageRecord[];
    const { before, after, around } = ctx.query;
    if (after !== undefined) picked = all.filter((m) => compareIds(m.id, after) > 0).slice(0, limit);
    else if (around !== undefined) {
      const index = all.findIndex((m) => compareIds(m.id, around) >= 0);
      const start = Math.max((index === -1 ? all.length : index) - Math.floor(limit / 2), 0);
      picked = all.slice(start, start + limit);
    } else {
      const older = before === undefined ? all : all.filter((m) => compareIds(m.id, before) < 0);
      picked = older.slice(-limit);
    }
    return { status: 200, body: picked.reverse().map((m) => ctx.shapes.message(m)), schema: MESSAGE, many: true };
  },
};

function channelMessage(ctx: DiscordContext): MessageRecord {
  const channel = channelOf(ctx);
  const message = ctx.state.messages.get(ctx.params.message_id ?? '');
  if (!message || message.channelId !== channel.id || (message.flags & EPHEMERAL) !== 0) throw unknown('Message');
  return message;
}

export const getMessage: DiscordRoute = {
  method: 'GET',
  template: '/channels/:channel_id/messages/:message_id',
  auth: 'bot',
  category: 'messages',
  handle: (ctx) => ({ status: 200, body: ctx.shapes.message(channelMessage(ctx)), schema: MESSAGE }),
};

export const patchMessage: DiscordRoute = {
  method: 'PATCH',
  template: '/channels/:channel_id/messages/:message_id',
  auth: 'bot',
  category: 'messages',
  handle(ctx) {
    const body = validated(ctx, REQUEST.messageEdit, (b) => messageBodyErrors(b));
    const message = channelMessage(ctx);
    if (message.author.id !== ctx.state.bot.id) {
      throw new DiscordError(403, {
        message: 'Cannot edit a message authored by another user',
        code: CODES.cannotEditOthers,
      });
    }
    editMessage(ctx, message, body);
    return { status: 200, body: ctx.shapes.message(message), schema: MESSAGE };
  },
};

export const deleteMessage: DiscordRoute = {
  method: 'DELETE',
  template: '/channels/:channel_id/messages/:message_id',
  auth: 'bot',
  category: 'messages',
  handle(ctx) {
    removeMessage(ctx, channelMessage(ctx));
    return { status: 204 };
  },
};

export const startThread: DiscordRoute = {
  method: 'POST',
  template: '/channels/:channel_id/threads',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const parent = channelOf(ctx);
    if (parent.thread)
      throw new DiscordError(400, { message: 'Cannot create a thread inside a thread', code: CODES.nonTextChannel });
    if (parent.type === CHANNEL_TYPES.forum) {
      const body = validated(ctx, REQUEST.forumThread, (b) => [
        ...threadNameErrors(b.name, ['name']),
        ...appliedTagsErrors(b.applied_tags, ['applied_tags']),
        ...checkTags(parent, b.applied_tags, ['applied_tags']),
        ...messageBodyErrors(b.message, ['message']),
      ]);
      requireContent(body.message);
      const thread = ctx.state.createThread(
        parent,
        body.name,
        ctx.state.bot.id,
        body.applied_tags ?? [],
        autoArchive(body.auto_archive_duration),
      );
      emitChannel(ctx, thread, 'THREAD_CREATE');
      const message = createMessage(ctx, thread, body.message, ctx.state.bot, { id: thread.id });
      return {
        status: 201,
        body: { ...ctx.shapes.channel(thread), message: ctx.shapes.message(message) },
        schema: THREAD,
      };
    }
    const body = validated(ctx, REQUEST.textThread, (b) => threadNameErrors(b.name, ['name']));
    const thread = ctx.state.createThread(
      parent,
      body.name,
      ctx.state.bot.id,
      [],
      autoArchive(body.auto_archive_duration),
    );
    emitChannel(ctx, thread, 'THREAD_CREATE');
    return { status: 201, body: ctx.shapes.channel(thread), schema: THREAD };
  },
};

export const archivedThreads: DiscordRoute = {
  method: 'GET',
  template: '/channels/:channel_id/threads/archived/public',
  auth: 'bot',
  category: 'routes',
  query: { before: 'timestamp', limit: 'int' },
  handle(ctx) {
    const parent = channelOf(ctx);
    const limit = Math.min(Math.max(Number(ctx.query.limit ?? 50), 2), 100);
    const before = ctx.query.before === undefined ? undefined : Date.parse(ctx.query.before) || undefined;
    const archived = ctx.state
      .threadsOf(parent.id)
      .filter((t) => t.thread?.archived)
      .filter((t) => before === undefined || Date.parse(t.thread?.archiveTimestamp ?? '') < before)
      .sort((a, b) => Date.parse(b.thread?.archiveTimestamp ?? '') - Date.parse(a.thread?.archiveTimestamp ?? ''));
    const threads = archived.slice(0, limit).map((t) => ctx.shapes.channel(t));
    return { status: 200, body: { threads, members: [], has_more: archived.length > limit }, schema: THREADS };
  },
};

export const activeThreads: DiscordRoute = {
  method: 'GET',
  template: '/guilds/:guild_id/threads/active',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    if (!ctx.state.guilds.has(ctx.params.guild_id ?? '')) throw unknown('Guild');
    const threads = [...ctx.state.channels.values()]
      .filter(
        (c) =>
          c.guildId === ctx.params.guild_id &&
          c.thread &&
          !c.thread.archived &&
          !ctx.state.denied.has(c.parentId ?? ''),
      )
      .map((c) => ctx.shapes.channel(c));
    // discord-api-spec's ThreadsResponse requires has_more here too; the guild's active threads come in one page.
    return { status: 200, body: { threads, members: [], has_more: false }, schema: THREADS };
  },
};
