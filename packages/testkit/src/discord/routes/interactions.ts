import type { FieldError } from '../../discord-limits.ts';
import { CODES, DiscordError, invalidFormBody, unknown } from '../errors.ts';
import {
  CALLBACK_TYPE,
  INTERACTION_LIMITS,
  INTERACTION_TYPE,
  type InteractionRecord,
  OPTION_TYPE,
} from '../interactions.ts';
import {
  channelOf,
  createMessage,
  type DiscordContext,
  type DiscordResult,
  type DiscordRoute,
  EPHEMERAL,
  editMessage,
  LOADING,
  MESSAGE,
  messageBodyErrors,
  type NewMessage,
  removeMessage,
  requireContent,
  validated,
} from '../route-kit.ts';
import { type InteractionCallbackBody, REQUEST, RESPONSE } from '../spec.ts';
import type { MessageRecord } from '../state.ts';

/** Callback types each interaction type accepts (receiving-and-responding#interaction-response-object). */
const ALLOWED: Record<number, readonly number[]> = {
  [INTERACTION_TYPE.command]: [CALLBACK_TYPE.channelMessage, CALLBACK_TYPE.deferredChannelMessage, CALLBACK_TYPE.modal],
  [INTERACTION_TYPE.component]: [
    CALLBACK_TYPE.channelMessage,
    CALLBACK_TYPE.deferredChannelMessage,
    CALLBACK_TYPE.deferredUpdateMessage,
    CALLBACK_TYPE.updateMessage,
    CALLBACK_TYPE.modal,
  ],
  [INTERACTION_TYPE.autocomplete]: [CALLBACK_TYPE.autocompleteResult],
  [INTERACTION_TYPE.modalSubmit]: [CALLBACK_TYPE.channelMessage, CALLBACK_TYPE.deferredChannelMessage],
};

/** Message flags an interaction response may set: SUPPRESS_EMBEDS, EPHEMERAL, SUPPRESS_NOTIFICATIONS, IS_VOICE_MESSAGE, IS_COMPONENTS_V2. */
const RESPONSE_FLAGS = 4 | EPHEMERAL | 4096 | 8192 | 32768;

function refuse(ctx: DiscordContext, record: InteractionRecord | undefined, error: DiscordError, why: string): never {
  ctx.violation('interaction-refused', why);
  record?.refusals.push({
    at: ctx.state.now().getTime(),
    status: error.status,
    code: Number(error.body.code),
    message: String(error.body.message),
  });
  throw error;
}

function flagErrors(flags: number | null | undefined, allowed: number, path: Array<string | number>): FieldError[] {
  if (flags === null || flags === undefined || (flags & ~allowed) === 0) return [];
  return [{ path, code: 'MESSAGE_FLAGS_INVALID', message: `Only flags ${allowed} may be set here (got ${flags}).` }];
}

/** The type of the option a member is typing, for an autocomplete answer's choices. */
function focusedType(record: InteractionRecord): number | undefined {
  const walk = (options: unknown): number | undefined => {
    if (!Array.isArray(options)) return undefined;
    for (const option of options as Array<{ type: number; focused?: boolean; options?: unknown }>) {
      if (option.focused) return option.type;
      const nested = walk(option.options);
      if (nested !== undefined) return nested;
    }
    return undefined;
  };
  return walk((record.payload.data as { options?: unknown } | undefined)?.options);
}

function choiceErrors(record: InteractionRecord, choices: unknown[] | null | undefined): FieldError[] {
  const type = focusedType(record);
  return (choices ?? []).flatMap((choice, i): FieldError[] => {
    const value = (choice as { value?: unknown } | null)?.value;
    const fits =
      type === OPTION_TYPE.string
        ? typeof value === 'string'
        : type === OPTION_TYPE.integer
          ? Number.isInteger(value)
          : typeof value === 'number';
    return fits
      ? []
      : [
          {
            path: ['data', 'choices', i, 'value'],
            code: 'APPLICATION_COMMAND_OPTION_CHOICE_VALUE_TYPE_INVALID',
            message: `The choice's value must fit the option being typed (type ${type}).`,
          },
        ];
  });
}

function interactionMessage(
  ctx: DiscordContext,
  record: InteractionRecord,
  body: NewMessage,
  extra: Partial<MessageRecord>,
): MessageRecord {
  const channel = channelOf(ctx, record.channelId);
  return createMessage(ctx, channel, body, ctx.state.bot, { webhookId: ctx.state.application.id, ...extra });
}

function messageMeta(record: InteractionRecord): NonNullable<MessageRecord['interaction']> {
  return {
    id: record.id,
    type: record.type,
    userId: record.userId,
    ...(record.type === INTERACTION_TYPE.command ? { name: record.name } : {}),
    ...(record.sourceMessageId ? { sourceMessageId: record.sourceMessageId } : {}),
  };
}

function createReply(
  ctx: DiscordContext,
  record: InteractionRecord,
  body: NewMessage,
  loading: boolean,
): MessageRecord {
  const message = interactionMessage(
    ctx,
    record,
    loading ? { content: '', flags: (body.flags ?? 0) | LOADING } : body,
    {},
  );
  message.type = record.type === INTERACTION_TYPE.command ? 20 : 0;
  message.interaction = messageMeta(record);
  return message;
}

export const interactionCallback: DiscordRoute = {
  method: 'POST',
  template: '/interactions/:interaction_id/:token/callback',
  auth: 'none',
  category: 'webhooks',
  query: { with_response: 'boolean' },
  handle(ctx): DiscordResult {
    const now = ctx.state.now().getTime();
    const record = ctx.interactions.byId.get(ctx.params.interaction_id ?? '');
    if (!record || record.token !== ctx.params.token) {
      refuse(ctx, record, unknown('interaction'), 'a callback for an interaction id and token the fake never sent');
    }
    if (record.callback) {
      refuse(
        ctx,
        record,
        new DiscordError(400, {
          message: 'Interaction has already been acknowledged.',
          code: CODES.alreadyAcknowledged,
        }),
        `a second callback (type ${String((ctx.body as { type?: unknown } | undefined)?.type)}) for interaction ${record.id}, first answered with type ${record.callback.type}`,
      );
    }
    const late = now - record.createdAt;
    if (late > INTERACTION_LIMITS.callbackMs) {
      refuse(
        ctx,
        record,
        unknown('interaction'),
        `the callback for interaction ${record.id} (${record.name}) came ${late} ms after it was sent; Discord allows 3000`,
      );
    }
    const body = validated(ctx, REQUEST.interactionCallback, (b) => {
      const allowed = ALLOWED[record.type] ?? [];
      const fromComponent = record.sourceMessageId !== undefined;
      const ok =
        allowed.includes(b.type) ||
        (record.type === INTERACTION_TYPE.modalSubmit &&
          fromComponent &&
          (b.type === CALLBACK_TYPE.deferredUpdateMessage || b.type === CALLBACK_TYPE.updateMessage));
      if (!ok) {
        return [
          {
            path: ['type'],
            code: 'INTERACTION_RESPONSE_TYPE_INVALID',
            message: `Interaction type ${record.type} cannot be answered with callback type ${b.type}.`,
          },
        ];
      }
      const data = b.data ?? {};
      if (b.type === CALLBACK_TYPE.channelMessage || b.type === CALLBACK_TYPE.updateMessage) {
        return [...messageBodyErrors(data, ['data']), ...flagErrors(data.flags, RESPONSE_FLAGS, ['data', 'flags'])];
      }
      if (b.type === CALLBACK_TYPE.deferredChannelMessage) return flagErrors(data.flags, EPHEMERAL, ['data', 'flags']);
      if (b.type === CALLBACK_TYPE.autocompleteResult) return choiceErrors(record, data.choices);
      return [];
    });
    const data = (body.data ?? {}) as NonNullable<InteractionCallbackBody['data']>;
    let message: MessageRecord | undefined;
    switch (body.type) {
      case CALLBACK_TYPE.channelMessage:
        requireContent(data);
        message = createReply(ctx, record, data, false);
        record.originalId = message.id;
        break;
      case CALLBACK_TYPE.deferredChannelMessage:
        message = createReply(ctx, record, { flags: data.flags ?? 0 }, true);
        record.originalId = message.id;
        record.loading = true;
        break;
      case CALLBACK_TYPE.deferredUpdateMessage:
      case CALLBACK_TYPE.updateMessage: {
        const source = ctx.state.messages.get(record.sourceMessageId ?? '');
        if (!source) throw unknown('Message');
        record.originalId = source.id;
        if (body.type === CALLBACK_TYPE.updateMessage) {
          editMessage(ctx, source, { ...data, flags: (source.flags & EPHEMERAL) | ((data.flags ?? 0) & ~EPHEMERAL) });
          message = source;
        }
        break;
      }
      case CALLBACK_TYPE.autocompleteResult:
        record.choices = data.choices ?? [];
        break;
      case CALLBACK_TYPE.modal:
        record.modal = data as Record<string, unknown>;
        break;
      default:
        refuse(ctx, record, unknown('interaction'), `callback type ${body.type} is not for member interactions`);
    }
    record.callback = { type: body.type, at: now, latencyMs: late, body: ctx.body };
    if (!/^(true|1)$/i.test(ctx.query.with_response ?? '')) return { status: 204 };
    const ephemeral = message ? (message.flags & EPHEMERAL) !== 0 : undefined;
    return {
      status: 200,
      body: {
        interaction: {
          id: record.id,
          type: record.type,
          ...(message ? { response_message_id: message.id } : {}),
          ...(body.type === CALLBACK_TYPE.deferredChannelMessage ? { response_message_loading: true } : {}),
          ...(ephemeral !== undefined ? { response_message_ephemeral: ephemeral } : {}),
          channel_id: record.channelId,
          guild_id: record.guildId,
        },
        ...(message && (body.type === CALLBACK_TYPE.channelMessage || body.type === CALLBACK_TYPE.updateMessage)
          ? { resource: { type: body.type, message: ctx.shapes.message(message) } }
          : {}),
      },
      schema: RESPONSE.interactionCallback,
    };
  },
};

function interactionOf(ctx: DiscordContext): InteractionRecord {
  return ctx.interaction as InteractionRecord;
}

/** A message this interaction's token may read or change: `@original` or one of its follow-ups. */
function ownMessage(ctx: DiscordContext): MessageRecord {
  const record = interactionOf(ctx);
  const id = ctx.params.message_id === '@original' ? record.originalId : ctx.params.message_id;
  const message = id ? ctx.state.messages.get(id) : undefined;
  if (!message || (id !== record.originalId && !record.followupIds.includes(id ?? ''))) throw unknown('Message');
  return message;
}

function refuseThreadQuery(ctx: DiscordContext): void {
  if (ctx.query.thread_id !== undefined) {
    throw invalidFormBody([
      {
        path: ['thread_id'],
        code: 'BASE_TYPE_INVALID',
        message: 'thread_id is not supported for interaction follow-ups.',
      },
    ]);
  }
}

export const createFollowup: DiscordRoute = {
  method: 'POST',
  template: '/webhooks/:application_id/:token',
  auth: 'interaction',
  category: 'webhooks',
  query: { wait: 'boolean', thread_id: 'snowflake', with_components: 'boolean' },
  handle(ctx) {
    const record = interactionOf(ctx);
    refuseThreadQuery(ctx);
    const body = validated(ctx, REQUEST.webhookExecute, (b) => [
      ...messageBodyErrors(b),
      ...flagErrors(b.flags, RESPONSE_FLAGS, ['flags']),
      ...(['username', 'avatar_url', 'thread_name', 'applied_tags'] as const).flatMap((key) =>
        b[key] === undefined || b[key] === null
          ? []
          : [
              {
                path: [key],
                code: 'BASE_TYPE_INVALID',
                message: `${key} is not supported for interaction follow-ups.`,
              },
            ],
      ),
    ]);
    requireContent(body);
    const original = record.originalId ? ctx.state.messages.get(record.originalId) : undefined;
    if (record.loading && original) {
      // Deprecated but documented: the first follow-up after a deferred reply edits the "thinking…" message.
      editMessage(ctx, original, { ...body, flags: original.flags & ~LOADING });
      record.loading = false;
      return { status: 200, body: ctx.shapes.message(original), schema: MESSAGE };
    }
    const message = interactionMessage(ctx, record, body, {});
    message.type = record.type === INTERACTION_TYPE.command ? 20 : 0;
    message.interaction = messageMeta(record);
    record.followupIds.push(message.id);
    return { status: 200, body: ctx.shapes.message(message), schema: MESSAGE };
  },
};

export const getInteractionMessage: DiscordRoute = {
  method: 'GET',
  template: '/webhooks/:application_id/:token/messages/:message_id',
  auth: 'interaction',
  category: 'messages',
  query: { thread_id: 'snowflake' },
  handle(ctx) {
    refuseThreadQuery(ctx);
    return { status: 200, body: ctx.shapes.message(ownMessage(ctx)), schema: MESSAGE };
  },
};

export const editInteractionMessage: DiscordRoute = {
  method: 'PATCH',
  template: '/webhooks/:application_id/:token/messages/:message_id',
  auth: 'interaction',
  category: 'messages',
  query: { thread_id: 'snowflake', with_components: 'boolean' },
  handle(ctx) {
    refuseThreadQuery(ctx);
    const body = validated(ctx, REQUEST.webhookEdit, (b) => [
      ...messageBodyErrors(b),
      ...flagErrors(b.flags, RESPONSE_FLAGS, ['flags']),
    ]);
    const record = interactionOf(ctx);
    const message = ownMessage(ctx);
    // An edit can neither make a message ephemeral nor make an ephemeral one public; it ends "thinking…".
    const flags = (message.flags & EPHEMERAL) | ((body.flags ?? message.flags) & ~(EPHEMERAL | LOADING));
    editMessage(ctx, message, { ...body, flags });
    if (message.id === record.originalId) record.loading = false;
    return { status: 200, body: ctx.shapes.message(message), schema: MESSAGE };
  },
};

export const deleteInteractionMessage: DiscordRoute = {
  method: 'DELETE',
  template: '/webhooks/:application_id/:token/messages/:message_id',
  auth: 'interaction',
  category: 'messages',
  query: { thread_id: 'snowflake' },
  handle(ctx) {
    refuseThreadQuery(ctx);
    const message = ownMessage(ctx);
    removeMessage(ctx, message);
    return { status: 204 };
  },
};

/** Authenticates an interaction webhook route: the token must belong to an answered interaction younger than 15 min. */
export function authenticateInteraction(
  ctx: Pick<DiscordContext, 'state' | 'interactions'>,
  token: string,
): { record: InteractionRecord } | { error: DiscordError; why: string; record?: InteractionRecord } {
  const record = ctx.interactions.byToken.get(token);
  const now = ctx.state.now().getTime();
  if (!record || now - record.createdAt > INTERACTION_LIMITS.tokenMs) {
    return {
      error: new DiscordError(401, { message: 'Invalid Webhook Token', code: CODES.invalidWebhookToken }),
      why: record
        ? `the interaction token of ${record.id} is ${Math.round((now - record.createdAt) / 1000)} s old; it lasts 15 minutes`
        : 'an interaction token the fake never sent',
      ...(record ? { record } : {}),
    };
  }
  if (!record.callback) {
    return {
      error: unknown('Webhook'),
      why: `interaction ${record.id} (${record.name}) was never acknowledged in time; its token does not work`,
      record,
    };
  }
  return { record };
}
