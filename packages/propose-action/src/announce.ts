import type { ProposalAnnouncer } from '@circuitboard/core/proposal';
import { eventMarker } from '@circuitboard/core/sync';
import { createDiscordClient, createDiscordDelivery, type DiscordClient } from '@circuitboard/discord';

export interface AnnouncerOptions {
  apiBase: string;
  botToken?: string;
  webhookUrl?: string;
  repositoryUrl: string;
  defaultBranch: string;
  warn: (line: string) => void;
}

/**
 * Announces proposals as forum posts in discord.proposals_channel through the sync flow's Discord delivery
 * (same renderer, same event marker). A post is looked up by its marker before one is created, so a re-run
 * (or a run after a lost answer) finds the post instead of writing a second one.
 */
export function createProposalAnnouncer(options: AnnouncerOptions): ProposalAnnouncer | undefined {
  if (!options.botToken && !options.webhookUrl) return undefined;
  let client: DiscordClient | undefined;
  return {
    async announce({ event, issueUrl, config }) {
      const channel = config.discord.proposals_channel;
      if (!channel) return {};
      if (!options.botToken) {
        options.warn(
          'proposals are announced on Discord with a bot token (discord-bot-token); a webhook posts only in its own channel',
        );
        return {};
      }
      // Proposal posts are made by the bot: a webhook belongs to one channel (the projects forum).
      client ??= createDiscordClient({ apiBase: options.apiBase, botToken: options.botToken });
      const delivery = createDiscordDelivery({
        client,
        config: config.discord,
        repository: { url: options.repositoryUrl, branch: options.defaultBranch },
      });
      const marker = eventMarker(event.id);
      const at =
        (await delivery.findProposal(marker)) ??
        (await delivery.createProposal(
          { id: `discord.proposal:${event.issue}`, kind: 'discord.proposal', target: 'discord', event, url: issueUrl },
          marker,
        ));
      const forum = await client.getChannel(channel, 'forum');
      const guild = 'guild_id' in forum ? forum.guild_id : undefined;
      return guild ? { url: `https://discord.com/channels/${guild}/${at.threadId}` } : {};
    },
  };
}
