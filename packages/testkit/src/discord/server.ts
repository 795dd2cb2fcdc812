import type { IncomingMessage, ServerResponse } from 'node:http';
import { Changes } from '../changes.ts';
import { FaultPlan } from '../faults.ts';
import { listenLocal, type Reply, readJsonRequest, writeReply } from '../http.ts';
import { type RecordedRequest, Recorder, type RequestFilter, type Violation } from '../recorder.ts';
import { type DiscordControls, discordControls } from './controls.ts';
import { CODES, DiscordError, invalidFormBody, unknown } from './errors.ts';
import { type GatewayOptions, GatewayServer } from './gateway/server.ts';
import { InteractionStore } from './interactions.ts';
import type { DiscordRateLimits } from './rate-limit.ts';
import { RateLimiter } from './rate-limit.ts';
import type { DiscordContext } from './route-kit.ts';
import { matchDiscordRoute, queryErrors } from './routes/index.ts';
import { authenticateInteraction } from './routes/interactions.ts';
import { DiscordShapes } from './shapes.ts';
import {
  CHANNEL_TYPES,
  type ChannelRecord,
  DiscordState,
  type ForumTag,
  type GuildRecord,
  type MessageRecord,
  type Ping,
  type ScheduledEventRecord,
} from './state.ts';
import { checkResponse } from './validate.ts';

export type DiscordFaultKind = '5xx' | '429' | 'timeout' | 'drop-after-write';

export interface FakeDiscordOptions {
  port?: number;
  /** Clock for ids and timestamps; rate-limit windows use wall time. */
  now?: () => Date;
  /** The bot token `Authorization: Bot <token>` must carry; default a fixed test token. */
  botToken?: string;
  /** Bucket sizes and windows; `false` turns rate limiting off (for benchmarks). */
  rateLimits?: DiscordRateLimits | false;
  /** Check responses against discord-api-spec's response schemas and answer 500 on a mismatch; default true. */
  validateResponses?: boolean;
  /** Body keys Discord's schema does not declare: refuse with 50035 (default), record a violation only, or allow. */
  unknownBodyFields?: 'allow' | 'record' | 'reject';
  /** The WebSocket gateway at /gateway: heartbeat interval, privileged intents, session start limit. */
  gateway?: GatewayOptions;
}

export interface WebhookHandle {
  id: string;
  token: string;
  /** https-style execute URL on the fake: `${url}/webhooks/{id}/{token}`. */
  url: string;
}

export interface FakeDiscord extends DiscordControls {
  /** API base without version, e.g. http://127.0.0.1:PORT/api (clients add /v10). */
  readonly url: string;
  readonly port: number;
  readonly botToken: string;
  /** The bot's user id (author of bot messages). */
  readonly botUserId: string;
  readonly faults: FaultPlan<DiscordFaultKind>;
  readonly requests: RecordedRequest[];
  readonly violations: Violation[];
  readonly store: DiscordState;
  close(): Promise<void>;
  resetRecord(): void;
  count(filter?: RequestFilter): number;
  assertNoViolations(): void;
  createGuild(name?: string): string;
  createTextChannel(guildId: string, options?: { name?: string; topic?: string }): string;
  createForumChannel(
    guildId: string,
    options?: { name?: string; tags?: Array<string | { name: string; moderated?: boolean; emoji?: string }> },
  ): string;
  /** Forum tags with their ids, to map names to the ids `applied_tags` takes. */
  tags(forumId: string): ForumTag[];
  /** A role at `position` (default 1, just above @everyone and below the bot's role). */
  createRole(
    guildId: string,
    name: string,
    options?: { position?: number; permissions?: bigint; color?: number },
  ): string;
  createWebhook(channelId: string, name?: string): WebhookHandle;
  /** The bot gets 403 Missing Access on this channel (and its threads) or guild from now on. */
  denyAccess(id: string): void;
  allowAccess(id: string): void;
  /** Messages of a channel or thread, oldest first, as the API shapes them. */
  messages(channelOrThreadId: string): Array<Record<string, unknown>>;
  /** Threads (forum posts) of a forum or text channel, oldest first. */
  threads(parentId: string): Array<Record<string, unknown>>;
  channel(id: string): Record<string, unknown> | undefined;
  scheduledEvents(guildId: string): ScheduledEventRecord[];
  /** Every notification any message would have caused (user, role, @everyone, @here). */
  pings(): Ping[];
  /** Clears rate-limit buckets (between test steps). */
  resetRateLimits(): void;
}

const DEFAULT_BOT_TOKEN = 'fake-bot-token.circuitboard.testkit';

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const state = new DiscordState(options.now ?? (() => new Date()));
  const recorder = new Recorder();
  const changes = new Changes();
  const faults = new FaultPlan<DiscordFaultKind>();
  const botToken = options.botToken ?? DEFAULT_BOT_TOKEN;
  const limiter = options.rateLimits === false ? undefined : new RateLimiter(options.rateLimits ?? {});
  const validateResponses = options.validateResponses ?? true;
  const unknownFields = options.unknownBodyFields ?? 'reject';
  let shapes: DiscordShapes | undefined;
  let origin = '';
  const currentShapes = () => shapes as DiscordShapes;
  const interactions = new InteractionStore(state, currentShapes);
  const gateway = new GatewayServer({
    state,
    shapes: currentShapes,
    botToken,
    recorder,
    changes,
    ...(options.gateway ? { options: options.gateway } : {}),
  });

  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
    status,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { method, path, query, body, badJson } = await readJsonRequest(req, origin);
    const record = recorder.record({ method, path, query, body, status: 0, at: new Date() });
    const send = (reply: Reply) => {
      record.status = reply.status;
      writeReply(res, reply);
      changes.notify();
    };
    const versioned = /^\/api\/v10(\/.*)$/.exec(path);
    const match = versioned ? matchDiscordRoute(method, versioned[1] as string, state.application.id) : undefined;
    const route = match && 'route' in match ? match.route : undefined;
    if (route) record.route = `/api/v10${route.template}`;

    const fault = faults.take(method, path, record.route);
    if (fault) {
      record.fault = fault.kind;
      if (fault.kind === 'timeout') return;
      if (fault.kind === '5xx') {
        const status = fault.status ?? 500;
        send(
          json(status, { message: `${status}: ${status === 502 ? 'Bad Gateway' : 'Internal Server Error'}`, code: 0 }),
        );
        return;
      }
      if (fault.kind === '429') {
        send(
          json(
            fault.status ?? 429,
            { message: 'You are being rate limited.', retry_after: fault.retryAfter, global: false },
            { 'retry-after': String(Math.ceil(fault.retryAfter)), 'x-ratelimit-scope': 'shared' },
          ),
        );
        return;
      }
    }

    if (!versioned || !match || !route) {
      const why = !versioned
        ? `the fake Discord answers API v10 only, under /api/v10 (got ${path})`
        : match && 'unknown' in match && match.unknown === 'method'
          ? `the fake Discord has no ${method} on ${path}`
          : `the fake Discord does not implement ${method} ${path}; add it in packages/testkit/src/discord/routes.ts`;
      recorder.violation(versioned ? 'not-implemented' : 'unknown-route', method, path, why);
      send(json(404, { message: '404: Not Found', code: 0 }));
      return;
    }
    const params = 'params' in match ? match.params : {};

    // Authentication: webhook routes by id and token, interaction routes by interaction token, the rest by bot token.
    let webhook: DiscordContext['webhook'];
    let interaction: DiscordContext['interaction'];
    if (route.auth === 'interaction') {
      const auth = authenticateInteraction({ state, interactions }, params.token ?? '');
      if ('error' in auth) {
        recorder.violation('interaction-refused', method, path, auth.why);
        auth.record?.refusals.push({
          at: state.now().getTime(),
          status: auth.error.status,
          code: Number(auth.error.body.code),
          message: String(auth.error.body.message),
        });
        return send(errorReply(auth.error));
      }
      interaction = auth.record;
    } else if (route.auth === 'none') {
      // The interaction callback carries its own id and token in the path; GET /gateway is public.
    } else if (route.auth === 'webhook') {
      webhook = state.webhooks.get(params.webhook_id ?? '');
      if (!webhook) return send(errorReply(unknown('Webhook')));
      if (webhook.token !== params.token) {
        return send(
          errorReply(new DiscordError(401, { message: 'Invalid Webhook Token', code: CODES.invalidWebhookToken })),
        );
      }
    } else if (req.headers.authorization !== `Bot ${botToken}`) {
      return send(json(401, { message: '401: Unauthorized', code: CODES.unauthorized }));
    }

    if (route.auth === 'bot') {
      const channel = params.channel_id ? state.channels.get(params.channel_id) : undefined;
      const denied = [params.channel_id, channel?.parentId, channel?.guildId, params.guild_id].some(
        (id) => id !== undefined && id !== null && state.denied.has(id),
      );
      if (denied)
        return send(errorReply(new DiscordError(403, { message: 'Missing Access', code: CODES.missingAccess })));
    }

    let rateHeaders: Record<string, string> = {};
    if (limiter) {
      const major =
        route.auth === 'webhook'
          ? `${params.webhook_id}/${params.token}`
          : route.auth === 'interaction' || route.auth === 'none'
            ? (params.token ?? '')
            : (params.channel_id ?? params.guild_id ?? '');
      const admission = limiter.admit(
        route.category,
        `${method} ${route.template} ${major}`,
        route.auth === 'bot' ? botToken : undefined,
      );
      rateHeaders = admission.headers;
      if (!admission.ok) {
        return send(
          json(
            429,
            {
              message: 'You are being rate limited.',
              retry_after: Number(admission.retryAfter.toFixed(3)),
              global: admission.global,
            },
            rateHeaders,
          ),
        );
      }
    }

    const queryProblems = queryErrors(route, query);
    if (queryProblems.length > 0) {
      recorder.violation(
        'invalid-query',
        method,
        path,
        queryProblems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; '),
      );
      return send(errorReply(invalidFormBody(queryProblems), rateHeaders));
    }
    if (badJson) {
      recorder.violation('invalid-body', method, path, 'the body is not valid JSON');
      return send(json(400, { message: '400: Bad Request', code: 50109 }, rateHeaders));
    }

    const ctx: DiscordContext = {
      state,
      shapes: shapes as DiscordShapes,
      params,
      query,
      body,
      unknownFields,
      violation: (kind, message) => recorder.violation(kind, method, path, message),
      interactions,
      gateway,
      ...(webhook ? { webhook } : {}),
      ...(interaction ? { interaction } : {}),
    };
    let reply: Reply;
    try {
      const result = route.handle(ctx);
      const problem =
        validateResponses && result.schema
          ? result.many
            ? (result.body as unknown[])
                .map((item) => checkResponse(result.schema as never, item))
                .find((p) => p !== undefined)
            : checkResponse(result.schema, result.body)
          : undefined;
      if (problem) {
        recorder.violation('invalid-response', method, path, problem);
        reply = json(
          500,
          { message: `the fake Discord broke discord-api-spec's response schema: ${problem}`, code: 0 },
          rateHeaders,
        );
      } else {
        reply = json(result.status, result.body, rateHeaders);
      }
    } catch (error) {
      if (!(error instanceof DiscordError)) throw error;
      reply = errorReply(error, rateHeaders);
    }
    if (fault?.kind === 'drop-after-write') {
      // The change is made; the client only sees a connection reset.
      res.socket?.destroy();
      return;
    }
    send(reply);
  };

  const errorReply = (error: DiscordError, headers: Record<string, string> = {}): Reply =>
    json(error.status, error.body, { ...headers, ...error.headers });

  const server = await listenLocal(handle, options.port ?? 0, (req, socket, head) =>
    gateway.handleUpgrade(req, socket, head),
  );
  origin = server.origin;
  const apiBase = `${origin}/api`;
  shapes = new DiscordShapes(state, `${apiBase}/v10`);
  gateway.attach(origin);
  const allShapes = shapes;

  const requireChannel = (id: string): ChannelRecord => {
    const channel = state.channels.get(id);
    if (!channel) throw new Error(`the fake Discord has no channel ${id}`);
    return channel;
  };

  return {
    ...discordControls({ state, shapes: allShapes, interactions, gateway, changes }),
    url: apiBase,
    port: server.port,
    botToken,
    botUserId: state.bot.id,
    faults,
    requests: recorder.requests,
    violations: recorder.violations,
    store: state,
    async close() {
      changes.close('the fake Discord was closed');
      await gateway.close();
      await server.close();
    },
    resetRecord: () => recorder.reset(),
    count: (filter) => recorder.count(filter),
    assertNoViolations: () => recorder.assertNoViolations(),
    createGuild: (name) => state.createGuild(name).id,
    createTextChannel(guildId, channelOptions = {}) {
      return state.createChannel(guildId, {
        type: CHANNEL_TYPES.text,
        name: channelOptions.name ?? 'general',
        topic: channelOptions.topic ?? null,
      }).id;
    },
    createForumChannel(guildId, forumOptions = {}) {
      const tags: ForumTag[] = (forumOptions.tags ?? []).map((tag) => {
        const t = typeof tag === 'string' ? { name: tag } : tag;
        return {
          id: state.snowflake(),
          name: t.name,
          moderated: t.moderated ?? false,
          emoji_id: null,
          emoji_name: t.emoji ?? null,
        };
      });
      return state.createChannel(guildId, {
        type: CHANNEL_TYPES.forum,
        name: forumOptions.name ?? 'projects',
        availableTags: tags,
      }).id;
    },
    tags: (forumId) => structuredClone(requireChannel(forumId).availableTags ?? []),
    createRole(guildId, name, roleOptions = {}) {
      const guild: GuildRecord = state.requireGuild(guildId);
      return state.addRole(guild, {
        name,
        ...(roleOptions.position !== undefined ? { position: roleOptions.position } : {}),
        ...(roleOptions.permissions !== undefined ? { permissions: roleOptions.permissions } : {}),
        ...(roleOptions.color !== undefined ? { color: roleOptions.color } : {}),
      }).id;
    },
    createWebhook(channelId, name) {
      const webhook = state.createWebhook(channelId, name);
      return { id: webhook.id, token: webhook.token, url: allShapes.webhookUrl(webhook) };
    },
    denyAccess: (id) => void state.denied.add(id),
    allowAccess: (id) => void state.denied.delete(id),
    messages: (id) => state.messagesIn(id).map((m: MessageRecord) => allShapes.message(m)),
    threads: (id) => state.threadsOf(id).map((c) => allShapes.channel(c)),
    channel(id) {
      const channel = state.channels.get(id);
      return channel ? allShapes.channel(channel) : undefined;
    },
    scheduledEvents: (guildId) => structuredClone([...(state.guilds.get(guildId)?.events.values() ?? [])]),
    pings: () => [...state.pings],
    resetRateLimits: () => limiter?.reset(),
  };
}
