import { appliedTagsErrors, threadNameErrors } from '../../discord-limits.ts';
import { CODES, DiscordError, invalidFormBody, unknown } from '../errors.ts';
import {
  assertWritable,
  channelOf,
  checkTags,
  createMessage,
  type DiscordContext,
  type DiscordRoute,
  editMessage,
  MESSAGE,
  messageBodyErrors,
  removeMessage,
  requireContent,
  validated,
  WEBHOOK,
  wants,
  webhookAuthor,
} from '../route-kit.ts';
import { REQUEST } from '../spec.ts';
import { CHANNEL_TYPES, type ChannelRecord, type MessageRecord, type WebhookRecord } from '../state.ts';

export const getWebhook: DiscordRoute = {
  method: 'GET',
  template: '/webhooks/:webhook_id/:token',
  auth: 'webhook',
  category: 'routes',
  handle: (ctx) => ({ status: 200, body: ctx.shapes.webhook(ctx.webhook as WebhookRecord, true), schema: WEBHOOK }),
};

export const executeWebhook: DiscordRoute = {
  method: 'POST',
  template: '/webhooks/:webhook_id/:token',
  auth: 'webhook',
  category: 'webhooks',
  query: { wait: 'boolean', thread_id: 'snowflake', with_components: 'boolean' },
  handle(ctx) {
    const webhook = ctx.webhook as WebhookRecord;
    const body = validated(ctx, REQUEST.webhookExecute, (b) => [
      ...messageBodyErrors(b),
      ...threadNameErrors(b.thread_name, ['thread_name']),
      ...appliedTagsErrors(b.applied_tags, ['applied_tags']),
    ]);
    requireContent(body);
    const home = channelOf(ctx, webhook.channelId);
    let target: ChannelRecord;
    if (ctx.query.thread_id !== undefined) {
      if (body.thread_name) {
        throw invalidFormBody([
          { path: ['thread_name'], code: 'BASE_TYPE_INVALID', message: 'Cannot use thread_name with thread_id.' },
        ]);
      }
      const thread = ctx.state.channels.get(ctx.query.thread_id);
      if (!thread?.thread || thread.parentId !== home.id) throw unknown('Channel');
      assertWritable(thread);
      target = thread;
    } else if (body.thread_name !== undefined && body.thread_name !== null) {
      if (home.type !== CHANNEL_TYPES.forum) {
        throw new DiscordError(400, {
          message: 'Webhooks can only create threads in forum channels',
          code: CODES.webhookThreadOnlyInForum,
        });
      }
      const tagErrors = checkTags(home, body.applied_tags, ['applied_tags']);
      if (tagErrors.length > 0) throw invalidFormBody(tagErrors);
      target = ctx.state.createThread(home, body.thread_name, webhook.id, body.applied_tags ?? [], 4320);
    } else {
      if (home.type === CHANNEL_TYPES.forum) {
        throw new DiscordError(400, {
          message: 'Webhooks posted to forum channels must have a thread_name or thread_id',
          code: CODES.forumNeedsThread,
        });
      }
      target = home;
    }
    const starter =
      target !== home && target.thread?.totalMessageSent === 0 && body.thread_name ? { id: target.id } : {};
    const message = createMessage(ctx, target, body, webhookAuthor(webhook, body.username), {
      webhookId: webhook.id,
      ...starter,
    });
    return wants(ctx.query.wait)
      ? { status: 200, body: ctx.shapes.message(message), schema: MESSAGE }
      : { status: 204 };
  },
};

function webhookMessage(ctx: DiscordContext): MessageRecord {
  const webhook = ctx.webhook as WebhookRecord;
  const message = ctx.state.messages.get(ctx.params.message_id ?? '');
  const where = ctx.query.thread_id ?? webhook.channelId;
  if (!message || message.webhookId !== webhook.id || message.channelId !== where) throw unknown('Message');
  return message;
}

export const getWebhookMessage: DiscordRoute = {
  method: 'GET',
  template: '/webhooks/:webhook_id/:token/messages/:message_id',
  auth: 'webhook',
  category: 'messages',
  query: { thread_id: 'snowflake' },
  handle: (ctx) => ({ status: 200, body: ctx.shapes.message(webhookMessage(ctx)), schema: MESSAGE }),
};

export const editWebhookMessage: DiscordRoute = {
  method: 'PATCH',
  template: '/webhooks/:webhook_id/:token/messages/:message_id',
  auth: 'webhook',
  category: 'messages',
  query: { thread_id: 'snowflake', with_components: 'boolean' },
  handle(ctx) {
    const body = validated(ctx, REQUEST.webhookEdit, (b) => messageBodyErrors(b));
    const message = webhookMessage(ctx);
    editMessage(ctx, message, body);
    return { status: 200, body: ctx.shapes.message(message), schema: MESSAGE };
  },
};

export const deleteWebhookMessage: DiscordRoute = {
  method: 'DELETE',
  template: '/webhooks/:webhook_id/:token/messages/:message_id',
  auth: 'webhook',
  category: 'messages',
  query: { thread_id: 'snowflake' },
  handle(ctx) {
    removeMessage(ctx, webhookMessage(ctx));
    return { status: 204 };
  },
};
