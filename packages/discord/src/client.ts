import { DeliveryError, type FailureKind } from '@circuitboard/core/sync';
import {
  DefaultRestOptions,
  DiscordAPIError,
  HTTPError,
  RateLimitError,
  REST,
  type RESTOptions,
} from '@discordjs/rest';
import {
  type APIChannel,
  type APIMessage,
  type APIThreadChannel,
  type APIThreadList,
  type APIWebhook,
  type RESTPostAPIGuildForumThreadsJSONBody,
  Routes,
} from 'discord-api-types/v10';
import { assertWithinLimits, DISCORD_LIMITS, type DiscordMessage } from './limits.ts';

export const DEFAULT_DISCORD_API = 'https://discord.com/api';

export interface DiscordClientOptions {
  /** API base without version (the `discord-api-url` input); default https://discord.com/api. */
  apiBase?: string;
  /** A webhook of the forum channel: https://discord.com/api/webhooks/<id>/<token>. Only id and token are used. */
  webhookUrl?: string;
  botToken?: string;
  /** Each request is aborted after this long (default 15 s); an aborted write counts as "maybe happened". */
  timeoutMs?: number;
  /** A rate-limit wait longer than this fails the item instead of stalling the job (default 60 s). */
  maxRateLimitWaitMs?: number;
  /** Requests per second before Discord's global limit (default 50). */
  globalRequestsPerSecond?: number;
  /** Replaces the HTTP transport (tests). */
  makeRequest?: RESTOptions['makeRequest'];
}

export interface DiscordRequestStats {
  requests: number;
  /** POST, PATCH, PUT and DELETE. */
  writes: number;
  /** 429 answers waited out. */
  rateLimited: number;
  byRoute: Record<string, number>;
}

/** What a request is about, so a 404 or 403 can be turned into words that say what to fix. */
type Subject = 'webhook' | 'forum' | 'channel' | 'thread' | 'message' | 'guild';

interface CallContext {
  /** e.g. "create the forum post" */
  what: string;
  /** What a 404 means: the configured place is wrong (target) or the thing edited was deleted (missing). */
  notFound: Subject;
  /** The id of the configured channel, for messages. */
  channelId?: string;
}

const WEBHOOK_URL = /\/webhooks\/(\d{5,25})\/([A-Za-z0-9_.-]{10,200})(?:[/?#]|$)/;

/** Parses a webhook URL into id and token; throws an error that never contains the token. */
export function parseWebhookUrl(url: string): { id: string; token: string } {
  const match = WEBHOOK_URL.exec(url.trim());
  if (!match) {
    throw new Error(
      'the Discord webhook URL is not a webhook URL (expected https://discord.com/api/webhooks/<id>/<token>); copy it again from the forum channel settings → Integrations → Webhooks',
    );
  }
  return { id: match[1]!, token: match[2]! };
}

/** Removes webhook tokens and the given secrets from any text (errors, logs, summaries). */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/(\/webhooks\/\d+\/)[A-Za-z0-9_.-]+/g, '$1***');
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('***');
  return out.replace(/(Bot|Bearer)\s+[A-Za-z0-9_.-]{20,}/g, '$1 ***');
}

/**
 * Discord REST over `@discordjs/rest`, API v10. Writes are never retried blindly: retries are off, so a 5xx,
 * a timeout or a dropped connection reaches the caller as an "ambiguous" DeliveryError and the sync looks the
 * message up before sending again. 429s are waited out by the REST client (bounded by maxRateLimitWaitMs).
 * Every body passes assertWithinLimits; `allowed_mentions` is always explicit.
 */
export class DiscordClient {
  readonly stats: DiscordRequestStats = { requests: 0, writes: 0, rateLimited: 0, byRoute: {} };
  private readonly rest: REST;
  private readonly webhook: { id: string; token: string } | undefined;
  private readonly secrets: string[];
  private readonly bot: boolean;
  private readonly maxWaitMs: number;

  constructor(options: DiscordClientOptions) {
    this.webhook = options.webhookUrl ? parseWebhookUrl(options.webhookUrl) : undefined;
    this.secrets = [options.botToken ?? '', this.webhook?.token ?? ''].filter(Boolean);
    this.bot = Boolean(options.botToken);
    this.maxWaitMs = options.maxRateLimitWaitMs ?? 60_000;
    const transport: RESTOptions['makeRequest'] =
      options.makeRequest ?? ((url, init) => DefaultRestOptions.makeRequest(url, init as never));
    this.rest = new REST({
      api: (options.apiBase ?? DEFAULT_DISCORD_API).replace(/\/+$/, ''),
      version: '10',
      retries: 0,
      timeout: options.timeoutMs ?? 15_000,
      globalRequestsPerSecond: options.globalRequestsPerSecond ?? 50,
      rejectOnRateLimit: (data) => data.retryAfter > this.maxWaitMs || data.timeToReset > this.maxWaitMs,
      makeRequest: async (url, init) => {
        const method = (init.method ?? 'GET').toUpperCase();
        this.stats.requests += 1;
        if (method !== 'GET') this.stats.writes += 1;
        const route = `${method} ${redact(new URL(url).pathname.replace(/\/\d{15,25}/g, '/:id'))}`;
        this.stats.byRoute[route] = (this.stats.byRoute[route] ?? 0) + 1;
        const response = await transport(url, init);
        if (response.status === 429) this.stats.rateLimited += 1;
        return response;
      },
    });
    if (options.botToken) this.rest.setToken(options.botToken);
  }

  get hasWebhook(): boolean {
    return this.webhook !== undefined;
  }

  get hasBot(): boolean {
    return this.bot;
  }

  /** Removes this client's secrets from text. */
  redact(text: string): string {
    return redact(text, this.secrets);
  }

  private async call<T>(context: CallContext, send: () => Promise<unknown>): Promise<T> {
    try {
      return (await send()) as T;
    } catch (error) {
      throw this.classify(error, context);
    }
  }

  private classify(error: unknown, context: CallContext): DeliveryError {
    // No `cause`: the library's errors carry the request URL, and a webhook URL holds its token.
    const code = error instanceof DiscordAPIError ? error.code : error instanceof HTTPError ? error.status : undefined;
    const fail = (text: string, kind: FailureKind) =>
      new DeliveryError(this.redact(`could not ${context.what}: ${text}`), kind, code === undefined ? {} : { code });
    if (error instanceof DiscordAPIError) {
      const detail = `${error.status} ${typeof error.code === 'number' ? `(code ${error.code}) ` : ''}${String(error.message).slice(0, 300)}`;
      if (error.status === 401) {
        return fail(
          this.webhook && !this.hasBot
            ? `Discord refused the webhook (${detail}); create a new webhook in the forum channel and update the DISCORD_WEBHOOK_URL secret`
            : `Discord refused the bot token (${detail}); reset the token in the Discord developer portal and update the DISCORD_BOT_TOKEN secret`,
          'target',
        );
      }
      if (error.status === 403) {
        return fail(
          `the bot is missing a permission (${detail}); in the channel${context.channelId ? ` ${context.channelId}` : ''} give it View Channel, Send Messages, Send Messages in Threads, Create Posts, Embed Links, Read Message History and Manage Threads (see docs/discord-setup.md)`,
          'target',
        );
      }
      if (error.status === 404) {
        if (error.code === 10015 || context.notFound === 'webhook') {
          return fail(
            `the webhook was deleted or the URL is wrong (${detail}); create a new webhook in the forum channel and update the DISCORD_WEBHOOK_URL secret`,
            'target',
          );
        }
        if (context.notFound === 'forum' || context.notFound === 'channel' || context.notFound === 'guild') {
          return fail(
            `the channel${context.channelId ? ` ${context.channelId}` : ''} does not exist or the bot cannot see it (${detail}); check the channel ids under discord: in .github/circuitboard.yml`,
            'target',
          );
        }
        return fail(`it is gone from Discord (${detail})`, 'missing');
      }
      if (error.status === 429) return fail(`rate limited by Discord (${detail}); the next run sends it`, 'rejected');
      return fail(`Discord refused it (${detail})`, 'rejected');
    }
    if (error instanceof RateLimitError) {
      return fail(
        `Discord asked to wait ${Math.ceil(error.retryAfter / 1000)} s, longer than the ${Math.ceil(this.maxWaitMs / 1000)} s this run waits; the next run sends it`,
        'rejected',
      );
    }
    if (error instanceof HTTPError)
      return fail(`Discord answered ${error.status}; it may have been done anyway`, 'ambiguous');
    const name = (error as Error)?.name;
    if (name === 'AbortError' || name === 'TimeoutError')
      return fail('no answer from Discord in time; it may have been done anyway', 'ambiguous');
    return fail(
      `the connection failed (${(error as Error)?.message ?? String(error)}); it may have been done anyway`,
      'ambiguous',
    );
  }

  private webhookRoute(): { id: string; token: string } {
    if (!this.webhook) throw new DeliveryError('no Discord webhook URL is configured', 'target');
    return this.webhook;
  }

  private requireBot(what: string): void {
    if (!this.hasBot)
      throw new DeliveryError(`${what} needs a bot token (discord-bot-token); webhook mode cannot do it`, 'rejected');
  }

  // ---- webhook -----------------------------------------------------------------------------------------------

  /** The webhook itself: where it posts (its channel) and whether it still exists. */
  getWebhook(): Promise<APIWebhook> {
    const { id, token } = this.webhookRoute();
    return this.call({ what: 'read the webhook', notFound: 'webhook' }, () =>
      this.rest.get(Routes.webhook(id, token), { auth: false }),
    );
  }

  /** Posts as the webhook, waiting for the message: `threadName` starts a forum post, `threadId` posts in one. */
  executeWebhook(
    message: DiscordMessage,
    place: { threadId?: string; threadName?: string; appliedTags?: string[] },
    what: string,
  ): Promise<APIMessage> {
    const { id, token } = this.webhookRoute();
    const body = {
      ...message,
      ...(place.threadName ? { thread_name: place.threadName } : {}),
      ...(place.appliedTags?.length ? { applied_tags: place.appliedTags } : {}),
    };
    assertWithinLimits(body);
    const query = new URLSearchParams({ wait: 'true' });
    if (place.threadId) query.set('thread_id', place.threadId);
    return this.call({ what, notFound: place.threadId ? 'thread' : 'webhook' }, () =>
      this.rest.post(Routes.webhook(id, token), { body, query, auth: false }),
    );
  }

  editWebhookMessage(
    messageId: string,
    message: DiscordMessage,
    threadId: string | undefined,
    what: string,
  ): Promise<APIMessage> {
    const { id, token } = this.webhookRoute();
    assertWithinLimits(message);
    const query = new URLSearchParams();
    if (threadId) query.set('thread_id', threadId);
    return this.call({ what, notFound: 'message' }, () =>
      this.rest.patch(Routes.webhookMessage(id, token, messageId), { body: message, query, auth: false }),
    );
  }

  /** A message the webhook sent (in `threadId` when it is in a thread): a read, to check it still exists. */
  getWebhookMessage(messageId: string, threadId: string | undefined, what: string): Promise<APIMessage> {
    const { id, token } = this.webhookRoute();
    const query = new URLSearchParams();
    if (threadId) query.set('thread_id', threadId);
    return this.call({ what, notFound: 'message' }, () =>
      this.rest.get(Routes.webhookMessage(id, token, messageId), { query, auth: false }),
    );
  }

  // ---- bot ---------------------------------------------------------------------------------------------------

  createMessage(channelId: string, message: DiscordMessage, what: string, nonce?: string): Promise<APIMessage> {
    this.requireBot(what);
    assertWithinLimits(message);
    const body = nonce ? { ...message, nonce: nonce.slice(0, DISCORD_LIMITS.nonce), enforce_nonce: true } : message;
    return this.call({ what, notFound: 'channel', channelId }, () =>
      this.rest.post(Routes.channelMessages(channelId), { body }),
    );
  }

  editMessage(channelId: string, messageId: string, message: DiscordMessage, what: string): Promise<APIMessage> {
    this.requireBot(what);
    assertWithinLimits(message);
    return this.call({ what, notFound: 'message', channelId }, () =>
      this.rest.patch(Routes.channelMessage(channelId, messageId), { body: message }),
    );
  }

  getMessage(channelId: string, messageId: string, what = 'read a message'): Promise<APIMessage> {
    this.requireBot('reading a message');
    return this.call({ what, notFound: 'message', channelId }, () =>
      this.rest.get(Routes.channelMessage(channelId, messageId)),
    );
  }

  /** Up to 100 messages, newest first, before `before` when given. */
  listMessages(channelId: string, options: { before?: string; limit?: number } = {}): Promise<APIMessage[]> {
    this.requireBot('reading messages');
    const query = new URLSearchParams({ limit: String(options.limit ?? 100) });
    if (options.before) query.set('before', options.before);
    return this.call({ what: 'read the messages of a thread', notFound: 'thread', channelId }, () =>
      this.rest.get(Routes.channelMessages(channelId), { query }),
    );
  }

  /** Starts a post in a forum channel; the answer is the thread, whose id is also the starter message's id. */
  createForumThread(
    forumId: string,
    body: RESTPostAPIGuildForumThreadsJSONBody & { message: DiscordMessage },
    what: string,
  ): Promise<APIThreadChannel & { message?: APIMessage }> {
    this.requireBot(what);
    assertWithinLimits({
      ...body.message,
      thread_name: body.name,
      ...(body.applied_tags ? { applied_tags: body.applied_tags } : {}),
    });
    return this.call({ what, notFound: 'forum', channelId: forumId }, () =>
      this.rest.post(Routes.threads(forumId), { body }),
    );
  }

  editThread(
    threadId: string,
    body: { name?: string; applied_tags?: string[]; archived?: boolean },
    what: string,
  ): Promise<APIThreadChannel> {
    this.requireBot(what);
    if (body.name !== undefined)
      assertWithinLimits({ content: '-', allowed_mentions: { parse: [] }, thread_name: body.name });
    return this.call({ what, notFound: 'thread', channelId: threadId }, () =>
      this.rest.patch(Routes.channel(threadId), { body }),
    );
  }

  getChannel(channelId: string, notFound: Subject = 'channel'): Promise<APIChannel> {
    this.requireBot('reading a channel');
    return this.call({ what: 'read a channel', notFound, channelId }, () => this.rest.get(Routes.channel(channelId)));
  }

  listActiveThreads(guildId: string): Promise<APIThreadList> {
    this.requireBot('listing threads');
    return this.call({ what: 'list the active forum posts', notFound: 'guild' }, () =>
      this.rest.get(Routes.guildActiveThreads(guildId)),
    );
  }

  listArchivedThreads(channelId: string, before?: string): Promise<APIThreadList & { has_more?: boolean }> {
    this.requireBot('listing threads');
    const query = new URLSearchParams({ limit: '100' });
    if (before) query.set('before', before);
    return this.call({ what: 'list the archived forum posts', notFound: 'forum', channelId }, () =>
      this.rest.get(Routes.channelThreads(channelId, 'public'), { query }),
    );
  }
}

export function createDiscordClient(options: DiscordClientOptions): DiscordClient {
  return new DiscordClient(options);
}
