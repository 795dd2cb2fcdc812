import { CommunityConfig } from '@circuitboard/core';
import { type FakeDiscord, startFakeDiscord } from '@circuitboard/testkit';
import {
  createDiscordClient,
  createDiscordDelivery,
  type DiscordClientOptions,
  type DiscordDeliveryOptions,
} from '../src/index.ts';

export interface DiscordWorld {
  dc: FakeDiscord;
  guild: string;
  forum: string;
  status: string;
  proposals: string;
  webhookUrl: string;
  tags: Record<string, string>;
  config: CommunityConfig;
  delivery(
    mode: 'webhook' | 'bot' | 'webhook+bot',
    options?: Partial<DiscordClientOptions>,
    deliveryOptions?: Partial<DiscordDeliveryOptions>,
  ): ReturnType<typeof createDiscordDelivery>;
}

/** A fake guild with a projects forum (status tags), a status channel, a proposals forum and a webhook. */
export async function discordWorld(options: { rateLimits?: false } = {}): Promise<DiscordWorld> {
  const dc = await startFakeDiscord({
    rateLimits: options.rateLimits ?? {
      messages: { limit: 20, windowMs: 100 },
      webhooks: { limit: 20, windowMs: 100 },
      routes: { limit: 20, windowMs: 100 },
    },
  });
  const guild = dc.createGuild('Mechanistic Interpretability');
  const forum = dc.createForumChannel(guild, {
    name: 'projects',
    tags: ['proposed', 'active', 'paused', 'completed', 'archived'],
  });
  const proposals = dc.createForumChannel(guild, { name: 'proposals' });
  const status = dc.createTextChannel(guild, { name: 'project-status' });
  const webhook = dc.createWebhook(forum, 'Circuitboard');
  const tags = Object.fromEntries(dc.tags(forum).map((t) => [t.name, t.id]));
  const config = CommunityConfig.parse({
    version: 1,
    community: { name: 'Mechanistic Interpretability' },
    discord: { forum_channel: forum, status_channel: status, proposals_channel: proposals, tags },
  });
  return {
    dc,
    guild,
    forum,
    status,
    proposals,
    webhookUrl: webhook.url,
    tags,
    config,
    delivery(mode, extra = {}, deliveryOptions = {}) {
      const client = createDiscordClient({
        apiBase: dc.url,
        // Never reached: injected timeouts come from withClientTimeouts, so a slow machine cannot fake one.
        timeoutMs: 600_000,
        ...(mode !== 'bot' ? { webhookUrl: webhook.url } : {}),
        ...(mode !== 'webhook' ? { botToken: dc.botToken } : {}),
        ...extra,
      });
      return createDiscordDelivery({
        client,
        config: config.discord,
        repository: { url: 'https://github.com/example/community', branch: 'main' },
        ...deliveryOptions,
      });
    },
  };
}
