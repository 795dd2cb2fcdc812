import type * as z from 'zod/mini';
import { type FieldError, isEmptyMessage, type MessageLike, messageLimitErrors } from '../discord-limits.ts';
import type { ViolationKind } from '../recorder.ts';
import { CODES, DiscordError, invalidFormBody, unknown } from './errors.ts';
import type { GatewayServer } from './gateway/server.ts';
import type { InteractionRecord, InteractionStore } from './interactions.ts';
import { type AllowedMentions, allowedMentionsErrors, effectiveMentions } from './mentions.ts';
import type { DiscordShapes } from './shapes.ts';
import { type MessageBody, RESPONSE } from './spec.ts';
import type { ChannelRecord, DiscordState, DiscordUser, MessageRecord, ThreadMeta, WebhookRecord } from './state.ts';
import { checkBody } from './validate.ts';

export type Schema = z.core.$ZodType;
export type QueryType = 'boolean' | 'snowflake' | 'int' | 'timestamp' | 'string';

export interface DiscordContext {
  state: DiscordState;
  shapes: DiscordShapes;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  /** The webhook of a webhook route, already authenticated. */
  webhook?: WebhookRecord;
  /** The interaction of an interaction webhook route (follow-ups, @original), already authenticated. */
  interaction?: InteractionRecord;
  interactions: InteractionStore;
  gateway: GatewayServer;
  unknownFields: 'allow' | 'record' | 'reject';
  /** Record a violation for every message sent or edited without an explicit allowed_mentions. */
  requireAllowedMentions: boolean;
  violation(kind: ViolationKind, message: string): void;
}

export interface DiscordResult {
  status: number;
  body?: unknown;
  /** Schema the response must satisfy (each item when `many`). */
  schema?: Schema;
  many?: boolean;
}

export interface DiscordRoute {
  method: string;
  /** Path after /api/v10, with :params. */
  template: string;
  /**
   * bot: `Authorization: Bot <token>`; webhook: id and token in the path; interaction: an interaction token
   * in the path (`/webhooks/{application.id}/{interaction.token}`); none: no authentication (the callback).
   */
  auth: 'bot' | 'webhook' | 'interaction' | 'none';
  category: 'messages' | 'webhooks' | 'routes';
  query?: Record<string, QueryType>;
  handle(ctx: DiscordContext): DiscordResult;
}

export const MESSAGE = RESPONSE.message;
export const THREAD = RESPONSE.thread;
export const THREADS = RESPONSE.threads;
export const GUILD_CHANNEL = RESPONSE.guildChannel;
export const WEBHOOK = RESPONSE.webhook;
export const EVENT = RESPONSE.scheduledEvent;
export const ROLE = RESPONSE.role;
export const MEMBER = RESPONSE.member;
export const COMMAND = RESPONSE.command;

export const EPHEMERAL = 64;
/** The flag of a deferred reply that still shows "thinking…". */
export const LOADING = 128;

/**
 * Message fields Discord accepts and ignores where its schema lacks them: discord.js sends `tts: false` and
 * `enforce_nonce: false` with every interaction reply, follow-up and edit (`tts` is even documented there).
 */
const ACCEPTED_UNDECLARED = new Set(['tts', 'nonce', 'enforce_nonce']);

function acceptedUndeclared(path: Array<string | number>): boolean {
  const last = path[path.length - 1];
  return (
    typeof last === 'string' &&
    ACCEPTED_UNDECLARED.has(last) &&
    (path.length === 1 || (path.length === 2 && path[0] === 'data'))
  );
}

/** Validates a body: schema, Discord's limits, then keys the schema does not know (a typo'd allowed_mentions must not pass). */
export function validated<T>(
  ctx: DiscordContext,
  schema: z.ZodMiniType<T>,
  extra: (data: T) => FieldError[] = () => [],
): T {
  const check = checkBody(schema, ctx.body ?? {});
  const errors = [...check.errors];
  if (check.data !== undefined) errors.push(...extra(check.data));
  if (errors.length > 0) {
    ctx.violation('invalid-body', errors.map((e) => `${e.path.join('.') || '(body)'}: ${e.message}`).join('; '));
    throw invalidFormBody(errors);
  }
  const undeclared = check.unknown.filter((path) => !acceptedUndeclared(path));
  if (undeclared.length > 0 && ctx.unknownFields !== 'allow') {
    const names = undeclared.map((path) => path.join('.'));
    ctx.violation('unknown-body-field', `Discord's schema has no field ${names.join(', ')}`);
    if (ctx.unknownFields === 'reject') {
      throw invalidFormBody(
        undeclared.map((path) => ({
          path,
          code: 'UNKNOWN_FIELD',
          message: 'This field is not part of the request schema.',
        })),
      );
    }
  }
  return check.data as T;
}

export function channelOf(ctx: DiscordContext, id = ctx.params.channel_id ?? ''): ChannelRecord {
  const channel = ctx.state.channels.get(id);
  if (!channel) throw unknown('Channel');
  return channel;
}

export function messageBodyErrors(
  body: MessageLike & { allowed_mentions?: AllowedMentions | null },
  prefix: Array<string | number> = [],
) {
  return [...messageLimitErrors(body, prefix), ...allowedMentionsErrors(body.allowed_mentions, prefix)];
}

export function requireContent(body: MessageLike): void {
  if (isEmptyMessage(body))
    throw new DiscordError(400, { message: 'Cannot send an empty message', code: CODES.emptyMessage });
}

/** Discord answers embeds with a `type` and without the nulls a request may carry. */
export function storedEmbeds(embeds: unknown[] | null | undefined): Record<string, unknown>[] {
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== null && v !== undefined)
          .map(([k, v]) => [k, clean(v)]),
      );
    }
    return value;
  };
  return (embeds ?? []).map((embed) => ({ type: 'rich', ...(clean(embed) as Record<string, unknown>) }));
}

export function assertWritable(thread: ChannelRecord): void {
  const meta = thread.thread;
  if (!meta) return;
  if (meta.locked && meta.archived)
    throw new DiscordError(400, { message: 'Thread is locked', code: CODES.threadArchived });
  // Sending into an archived (unlocked) thread unarchives it, as on Discord.
  meta.archived = false;
}

export type NewMessage = MessageBody;

/** `id` is given for a forum post's starter message, whose id is the thread's id on Discord. */
export function createMessage(
  ctx: DiscordContext,
  channel: ChannelRecord,
  body: NewMessage,
  author: DiscordUser,
  options: { webhookId?: string; id?: string } = {},
): MessageRecord {
  const content = body.content ?? '';
  const { webhookId } = options;
  checkAllowedMentions(ctx, body, 'sent');
  const message: MessageRecord = {
    id: options.id ?? ctx.state.snowflake(),
    channelId: channel.id,
    content,
    embeds: storedEmbeds(body.embeds),
    components: body.components ?? [],
    author,
    timestamp: ctx.state.timestamp(),
    editedTimestamp: null,
    allowedMentions: body.allowed_mentions ?? null,
    mentions: effectiveMentions(content, body.allowed_mentions),
    flags: body.flags ?? 0,
    tts: body.tts ?? false,
    ...(webhookId ? { webhookId } : {}),
    ...(body.nonce !== undefined && body.nonce !== null ? { nonce: body.nonce } : {}),
  };
  if (channel.thread) {
    message.position = channel.thread.totalMessageSent;
    channel.thread.totalMessageSent++;
    channel.thread.messageCount++;
  }
  channel.lastMessageId = message.id;
  if (channel.parentId) {
    const parent = ctx.state.channels.get(channel.parentId);
    if (parent) parent.lastMessageId = channel.id;
  }
  ctx.state.messages.set(message.id, message);
  ctx.state.recordPings(message, 'create');
  emitMessage(ctx, message, 'MESSAGE_CREATE');
  return message;
}

/** Without allowed_mentions, every mention written in the content notifies: tests can ask the fake to refuse that habit. */
function checkAllowedMentions(ctx: DiscordContext, body: NewMessage, what: 'sent' | 'edited'): void {
  if (!ctx.requireAllowedMentions || (body.allowed_mentions !== undefined && body.allowed_mentions !== null)) return;
  if ((body.content ?? '') === '') return;
  ctx.violation('implicit-mentions', `a message ${what} without allowed_mentions: any mention in its text would ping`);
}

/** THREAD_CREATE (with newly_created), THREAD_UPDATE or CHANNEL_UPDATE on the gateway. */
export function emitChannel(
  ctx: DiscordContext,
  channel: ChannelRecord,
  t: 'THREAD_CREATE' | 'THREAD_UPDATE' | 'CHANNEL_CREATE' | 'CHANNEL_UPDATE',
): void {
  ctx.state.emit(channel.guildId, t, {
    ...ctx.shapes.channel(channel),
    ...(t === 'THREAD_CREATE' ? { newly_created: true } : {}),
  });
}

/** MESSAGE_CREATE / MESSAGE_UPDATE on the gateway; ephemeral messages are seen by one member only and never dispatched. */
export function emitMessage(ctx: DiscordContext, message: MessageRecord, t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE'): void {
  if ((message.flags & EPHEMERAL) !== 0) return;
  const channel = ctx.state.channels.get(message.channelId);
  if (!channel) return;
  const guild = ctx.state.guilds.get(channel.guildId);
  const author = guild?.members.get(message.author.id);
  const { user: _user, ...member } = author && !message.webhookId ? ctx.shapes.member(author) : { user: undefined };
  ctx.state.emit(channel.guildId, t, {
    ...ctx.shapes.message(message),
    guild_id: channel.guildId,
    channel_type: channel.type,
    ...(author && !message.webhookId ? { member } : {}),
  });
}

/** An edit of a message, by the bot or through a webhook; refused in an archived thread, as Discord does. */
export function editMessage(ctx: DiscordContext, message: MessageRecord, body: NewMessage): void {
  if (ctx.state.channels.get(message.channelId)?.thread?.archived)
    throw new DiscordError(400, { message: 'Thread is archived', code: CODES.threadArchived });
  if (body.content !== undefined) checkAllowedMentions(ctx, body, 'edited');
  if (body.content !== undefined) message.content = body.content ?? '';
  if (body.embeds !== undefined) message.embeds = storedEmbeds(body.embeds);
  if (body.components !== undefined) message.components = body.components ?? [];
  if (body.flags !== undefined && body.flags !== null) message.flags = body.flags;
  if (body.allowed_mentions !== undefined) message.allowedMentions = body.allowed_mentions;
  requireContent({ content: message.content, embeds: message.embeds, components: message.components });
  message.editedTimestamp = ctx.state.timestamp();
  // An edit re-reads mentions with the allowed_mentions it carries (all of them when it carries none).
  message.mentions = effectiveMentions(message.content, body.allowed_mentions);
  ctx.state.recordPings(message, 'edit');
  emitMessage(ctx, message, 'MESSAGE_UPDATE');
}

/** Deletes a message and tells the gateway. */
export function removeMessage(ctx: DiscordContext, message: MessageRecord): void {
  ctx.state.messages.delete(message.id);
  const channel = ctx.state.channels.get(message.channelId);
  if (channel && (message.flags & EPHEMERAL) === 0) {
    ctx.state.emit(channel.guildId, 'MESSAGE_DELETE', {
      id: message.id,
      channel_id: channel.id,
      guild_id: channel.guildId,
    });
  }
}

export function checkTags(
  forum: ChannelRecord,
  tags: string[] | null | undefined,
  path: Array<string | number>,
): FieldError[] {
  const known = new Set((forum.availableTags ?? []).map((t) => t.id));
  return (tags ?? []).flatMap((tag, i) =>
    known.has(tag)
      ? []
      : [
          {
            path: [...path, i],
            code: 'BASE_TYPE_CHOICES',
            message: `Value must be one of the forum's available tags (${tag} is not).`,
          },
        ],
  );
}

export function autoArchive(value: unknown): ThreadMeta['autoArchiveDuration'] {
  return value === 60 || value === 1440 || value === 4320 || value === 10080 ? value : 4320;
}

export function webhookAuthor(webhook: WebhookRecord, username?: string | null): DiscordUser {
  return { id: webhook.id, username: username ?? webhook.name, global_name: null, bot: true };
}

export function wants(value: string | undefined): boolean {
  return value !== undefined && /^(true|1)$/i.test(value);
}
