import type { CommunityConfig } from '@circuitboard/core';
import {
  type BoardLocation,
  DeliveryError,
  type DiscordNewsOp,
  type DiscordProjectPostOp,
  type DiscordProposalOp,
  type DiscordStatusBoardOp,
  type DiscordSyncPort,
  type LookupScope,
  type PostLocation,
  type RepositoryRef,
} from '@circuitboard/core/sync';
import type { APIMessage, APIThreadChannel } from 'discord-api-types/v10';
import type { DiscordClient } from './client.ts';
import type { DiscordMessage } from './limits.ts';
import { hasMarker, MARKER_PREFIX, projectPostMarker, STATUS_BOARD_MARKER } from './render/common.ts';
import { renderNewsMessage } from './render/milestone-news.ts';
import { projectThreadName, type RenderedForumPost, renderProjectPost } from './render/project-post.ts';
import { proposalThreadName, renderProposal } from './render/proposal.ts';
import { renderStatusBoard, STATUS_BOARD_THREAD_NAME } from './render/status-board.ts';

/** Bump when a renderer's output changes, so every post and the board are rendered and edited once more. */
export const RENDERER_VERSION = '1';

export type DiscordMode = 'webhook' | 'bot' | 'webhook+bot';

export interface DiscordDeliveryOptions {
  client: DiscordClient;
  config: CommunityConfig['discord'];
  repository?: RepositoryRef;
  log?: (line: string) => void;
  /** Pages of 100 messages read per thread when looking for a message whose answer was lost (default 3). */
  searchPages?: number;
  /** Pages of 100 archived posts listed per forum when looking for a post by its marker (default 10). */
  archivedPages?: number;
}

export interface DiscordDelivery extends DiscordSyncPort {
  readonly mode: DiscordMode;
  readonly client: DiscordClient;
}

const THREAD_ARCHIVED = 50083;

function codeOf(error: unknown): number | string | undefined {
  return error instanceof DeliveryError ? error.code : undefined;
}

/**
 * The Discord side of the sync: renders each operation and delivers it by webhook (writes as the webhook of the
 * forum channel), by bot (channel endpoints, nonces, tags), or both (webhook writes, bot looks things up and
 * changes titles and tags). Lost answers can be looked up only with a bot token: see docs/discord-setup.md.
 */
export function createDiscordDelivery(options: DiscordDeliveryOptions): DiscordDelivery {
  const { client, config } = options;
  const pages = options.searchPages ?? 3;
  const archivedPages = options.archivedPages ?? 10;
  const mode: DiscordMode = client.hasWebhook ? (client.hasBot ? 'webhook+bot' : 'webhook') : 'bot';
  let webhookChannel: Promise<string> | undefined;
  /** Posts of each forum, listed once per run (again after a creation whose answer was lost). */
  const listings = new Map<string, Promise<APIThreadChannel[]>>();
  /** Marker → post, from every first message read in this run; each is read at most once. */
  const starters = new Map<string, PostLocation>();
  const scanned = new Set<string>();

  /** The forum the posts go to: the configured one, or the webhook's own channel. */
  async function forumId(): Promise<string> {
    if (config.forum_channel) return config.forum_channel;
    if (client.hasWebhook) {
      webhookChannel ??= client.getWebhook().then((w) => {
        if (!w.channel_id)
          throw new DeliveryError('the webhook is not attached to a channel; create it in the forum channel', 'target');
        return w.channel_id;
      });
      return webhookChannel;
    }
    throw new DeliveryError(
      'no forum channel: set discord.forum_channel in .github/circuitboard.yml to the id of the forum channel for project posts',
      'target',
    );
  }

  function location(message: APIMessage): PostLocation {
    return { threadId: message.channel_id, messageId: message.id };
  }

  /** Reads a thread's messages (newest first) until every marker is found or `pages` pages were read. */
  async function searchThread(threadId: string, markers: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let before: string | undefined;
    for (let page = 0; page < pages && found.size < markers.length; page++) {
      const messages = await client.listMessages(threadId, before ? { before } : {});
      for (const m of messages)
        for (const marker of markers) if (!found.has(marker) && hasMarker(m.embeds, marker)) found.set(marker, m.id);
      if (messages.length < 100) break;
      before = messages[messages.length - 1]!.id;
    }
    return found;
  }

  /** The forum's active posts (from the guild's list) and its archived public ones, newest first, bounded in pages. */
  function listForum(forum: string): Promise<APIThreadChannel[]> {
    let listing = listings.get(forum);
    if (!listing) {
      listing = (async () => {
        const threads: APIThreadChannel[] = [];
        const channel = await client.getChannel(forum, 'forum');
        const guild = 'guild_id' in channel ? channel.guild_id : undefined;
        if (guild) {
          const active = await client.listActiveThreads(guild);
          threads.push(...(active.threads as APIThreadChannel[]).filter((t) => t.parent_id === forum));
        }
        let before: string | undefined;
        for (let page = 0; page < archivedPages; page++) {
          const archived = await client.listArchivedThreads(forum, before);
          const list = archived.threads as APIThreadChannel[];
          threads.push(...list);
          if (!archived.has_more || list.length === 0) break;
          before = list[list.length - 1]!.thread_metadata?.archive_timestamp;
          if (!before) break;
          if (page === archivedPages - 1)
            options.log?.(
              `the forum ${forum} has more than ${archivedPages * 100} archived posts; only the newest were looked at`,
            );
        }
        return threads;
      })();
      listings.set(forum, listing);
      listing.catch(() => listings.delete(forum));
    }
    return listing;
  }

  /**
   * Finds the forum post whose first message carries `marker`. Posts the ledger knows are never read; of the others,
   * those named `name` are read first, and the rest only in a thorough look-up (the ledger was lost).
   */
  async function searchForum(
    forum: string,
    marker: string,
    scope: LookupScope,
    name?: string,
  ): Promise<PostLocation | undefined> {
    const cached = starters.get(marker);
    if (cached) return cached;
    const unread = (await listForum(forum)).filter((t) => !scanned.has(t.id) && !scope.known?.has(t.id));
    const named = unread.filter((t) => name !== undefined && t.name === name);
    const candidates = scope.thorough ? [...named, ...unread.filter((t) => !named.includes(t))] : named;
    for (const thread of candidates) {
      scanned.add(thread.id);
      let starter: APIMessage;
      try {
        starter = await client.getMessage(thread.id, thread.id, 'read the first message of a forum post');
      } catch (error) {
        if (error instanceof DeliveryError && error.kind === 'missing') continue;
        throw error;
      }
      for (const embed of starter.embeds ?? []) {
        for (const token of (embed.footer?.text ?? '').split(/\s+/)) {
          if (token.startsWith(MARKER_PREFIX)) starters.set(token, { threadId: thread.id, messageId: starter.id });
        }
      }
      const hit = starters.get(marker);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Creates a forum post; after a lost answer the forums are listed again, since the post may be there now. */
  async function createInForum<T>(create: () => Promise<T>): Promise<T> {
    try {
      return await create();
    } catch (error) {
      if (error instanceof DeliveryError && error.kind === 'ambiguous') listings.clear();
      throw error;
    }
  }

  async function startPost(
    forum: () => Promise<string>,
    rendered: { threadName: string; message: DiscordMessage; appliedTags: string[] },
    what: string,
  ): Promise<PostLocation> {
    if (client.hasWebhook) {
      const message = await createInForum(() =>
        client.executeWebhook(
          rendered.message,
          { threadName: rendered.threadName, appliedTags: rendered.appliedTags },
          what,
        ),
      );
      return location(message);
    }
    const target = await forum();
    const thread = await createInForum(() =>
      client.createForumThread(
        target,
        {
          name: rendered.threadName,
          ...(rendered.appliedTags.length ? { applied_tags: rendered.appliedTags } : {}),
          message: rendered.message,
        },
        what,
      ),
    );
    return { threadId: thread.id, messageId: thread.message?.id ?? thread.id };
  }

  /** Reads a message in a thread with whoever wrote it, to check it is still there. */
  async function readInThread(at: PostLocation, what: string): Promise<void> {
    if (client.hasWebhook) await client.getWebhookMessage(at.messageId, at.threadId, what);
    else await client.getMessage(at.threadId, at.messageId, what);
  }

  /** Title and status tags live on the thread; only a bot can change them, and only when they differ. */
  async function setTitleAndTags(at: PostLocation, rendered: RenderedForumPost, slug: string): Promise<boolean> {
    if (!client.hasBot) return false;
    const thread = (await client.getChannel(at.threadId, 'thread')) as APIThreadChannel;
    const tags = [...(thread.applied_tags ?? [])].sort();
    const statusTags = new Set(Object.values(config.tags).filter((t): t is string => Boolean(t)));
    const wanted = [...tags.filter((t) => !statusTags.has(t)), ...rendered.appliedTags].sort();
    const patch: { name?: string; applied_tags?: string[] } = {};
    if (thread.name !== rendered.threadName) patch.name = rendered.threadName;
    if (JSON.stringify(tags) !== JSON.stringify(wanted)) patch.applied_tags = wanted.slice(0, 5);
    if (Object.keys(patch).length === 0) return false;
    await client.editThread(at.threadId, patch, `update the title and tags of the forum post of ${slug}`);
    return true;
  }

  function renderPost(op: DiscordProjectPostOp): RenderedForumPost {
    return renderProjectPost({ slug: op.slug, project: op.project, tags: op.tags, ...(op.url ? { url: op.url } : {}) });
  }

  /** Where the board is meant to be now; a board elsewhere (status_channel set or removed) is started anew. */
  function boardMoved(at: BoardLocation): boolean {
    const wantsChannel = client.hasBot && Boolean(config.status_channel);
    if (at.threadId && !wantsChannel) return false;
    return !(at.channelId && !at.threadId && wantsChannel && at.channelId === config.status_channel);
  }

  /** Edits a message in a thread with whoever wrote it; reopens an archived post first when a bot token allows. */
  async function editInThread(at: PostLocation, message: DiscordMessage, what: string): Promise<void> {
    const edit = () =>
      client.hasWebhook
        ? client.editWebhookMessage(at.messageId, message, at.threadId, what)
        : client.editMessage(at.threadId, at.messageId, message, what);
    try {
      await edit();
    } catch (error) {
      if (codeOf(error) !== THREAD_ARCHIVED || !client.hasBot) throw error;
      await client.editThread(at.threadId, { archived: false }, 'reopen an archived forum post');
      await edit();
    }
  }

  const port: DiscordDelivery = {
    mode,
    client,
    canSearch: client.hasBot,

    async createProjectPost(op: DiscordProjectPostOp) {
      return startPost(forumId, renderPost(op), `create the forum post of ${op.slug}`);
    },

    async editProjectPost(op, at) {
      const rendered = renderPost(op);
      await editInThread(at, rendered.message, `update the forum post of ${op.slug}`);
      await setTitleAndTags(at, rendered, op.slug);
    },

    async verifyProjectPost(op, at) {
      await readInThread(at, `check the forum post of ${op.slug}`);
      return (await setTitleAndTags(at, renderPost(op), op.slug)) ? 'updated' : 'unchanged';
    },

    async findProjectPost(slug, scope = { thorough: true }) {
      const name = scope.title === undefined ? undefined : projectThreadName(scope.title);
      return searchForum(await forumId(), projectPostMarker(slug), scope, name);
    },

    async postNews(op: DiscordNewsOp, threadId) {
      const message = renderNewsMessage({
        slug: op.slug,
        events: op.events,
        mentions: op.mentions,
        ...(op.project ? { project: op.project } : {}),
        ...(op.repository ? { repository: op.repository } : {}),
      });
      const what = `post news in the thread of ${op.slug}`;
      if (client.hasWebhook) return { messageId: (await client.executeWebhook(message, { threadId }, what)).id };
      // The nonce makes Discord itself drop a repeat of this exact message sent within a few minutes.
      const nonce = `cb${(message.embeds[0]?.footer?.text ?? '').split(':').pop() ?? ''}`;
      return { messageId: (await client.createMessage(threadId, message, what, nonce)).id };
    },

    async findMessages(threadId, markers) {
      return searchThread(threadId, markers);
    },

    async createStatusBoard(op: DiscordStatusBoardOp): Promise<BoardLocation> {
      const message = renderStatusBoard(op.board);
      if (client.hasBot && config.status_channel) {
        const created = await client.createMessage(
          config.status_channel,
          message,
          'create the status board',
          'cbstatusboard',
        );
        return { channelId: created.channel_id, messageId: created.id };
      }
      return startPost(
        forumId,
        { threadName: STATUS_BOARD_THREAD_NAME, message, appliedTags: [] },
        'create the status board',
      );
    },

    async editStatusBoard(op, at) {
      const message = renderStatusBoard(op.board);
      // The configured place changed (status_channel set or removed, or the bot token removed): start it anew.
      if (boardMoved(at)) throw new DeliveryError('the status board moved to another channel', 'missing');
      if (at.threadId)
        return editInThread({ threadId: at.threadId, messageId: at.messageId }, message, 'update the status board');
      await client.editMessage(at.channelId!, at.messageId, message, 'update the status board');
    },

    async verifyStatusBoard(_op, at) {
      if (boardMoved(at)) throw new DeliveryError('the status board moved to another channel', 'missing');
      if (at.threadId) await readInThread({ threadId: at.threadId, messageId: at.messageId }, 'check the status board');
      else await client.getMessage(at.channelId!, at.messageId, 'check the status board');
    },

    async findStatusBoard(scope = { thorough: true }) {
      if (!client.hasBot) return undefined;
      if (config.status_channel) {
        const found = await searchThread(config.status_channel, [STATUS_BOARD_MARKER]);
        const messageId = found.get(STATUS_BOARD_MARKER);
        return messageId ? { channelId: config.status_channel, messageId } : undefined;
      }
      return searchForum(await forumId(), STATUS_BOARD_MARKER, scope, STATUS_BOARD_THREAD_NAME);
    },

    async createProposal(op: DiscordProposalOp, marker) {
      const channel = config.proposals_channel;
      if (!channel)
        throw new DeliveryError(
          'no proposals channel: set discord.proposals_channel in .github/circuitboard.yml',
          'rejected',
        );
      if (!client.hasBot) {
        throw new DeliveryError(
          'announcing proposals needs a bot token (discord-bot-token): a webhook posts only in its own channel',
          'rejected',
        );
      }
      const rendered = renderProposal({ event: op.event, marker, ...(op.url ? { url: op.url } : {}) });
      const thread = await createInForum(() =>
        client.createForumThread(
          channel,
          { name: rendered.threadName, message: rendered.message },
          `announce proposal #${op.event.issue}`,
        ),
      );
      return { threadId: thread.id, messageId: thread.message?.id ?? thread.id };
    },

    async findProposal(marker, scope = { thorough: true }) {
      if (!client.hasBot || !config.proposals_channel) return undefined;
      const name = scope.title === undefined ? undefined : proposalThreadName(scope.title);
      return searchForum(config.proposals_channel, marker, scope, name);
    },
  };
  return port;
}
