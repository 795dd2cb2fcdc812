import type { Project, ProjectEvent } from '@circuitboard/core';
import { eventMarker, type RepositoryRef } from '@circuitboard/core/sync';
import type { APIEmbed } from 'discord-api-types/v10';
import { DISCORD_LIMITS, type DiscordMessage, fitMessage } from '../limits.ts';
import { allowedMentions, safeInline, userMention } from '../safe-text.ts';
import { embedUrl, githubUser, markerFooter, OUTPUT_WORDS, STATUS_COLOURS, STATUS_LABELS } from './common.ts';

/** One message holds at most 10 embeds and 6,000 characters: each news embed stays under a tenth of that. */
export const NEWS_EMBED_BUDGET = Math.floor(DISCORD_LIMITS.embedTotal / DISCORD_LIMITS.embedsPerMessage);
const TITLE_MAX = 200;

export interface NewsInput {
  slug: string;
  project?: Project;
  /** At most 10 events; one embed each. */
  events: readonly ProjectEvent[];
  /** Opted-in Discord user ids to mention (only when the community enables it). */
  mentions?: readonly string[];
  repository?: RepositoryRef;
}

const GREEN = 0x57f287;
const GREY = 0x99aab5;
const BLUE = 0x5865f2;
const ORANGE = 0xe67e22;

function blobUrl(repository: RepositoryRef | undefined, path: string): string | undefined {
  return repository ? embedUrl(`${repository.url}/blob/${repository.branch}/${path}`) : undefined;
}

function newsEmbed(event: ProjectEvent, input: NewsInput): APIEmbed {
  const t = (text: string) => safeInline(text, TITLE_MAX);
  switch (event.type) {
    case 'milestone.completed':
      return {
        title: `✅ Milestone done: ${t(event.title)}`,
        description: `Done on ${event.done}${event.due ? ` (due ${event.due})` : ''}.`,
        color: GREEN,
      };
    case 'milestone.added':
      return {
        title: `🆕 New milestone: ${t(event.title)}`,
        description: event.due ? `Due ${event.due}.` : 'No due date yet.',
        color: BLUE,
      };
    case 'milestone.dropped':
      return {
        title: `✖️ Milestone dropped: ${t(event.title)}`,
        description: 'The reason is in the project’s updates.',
        color: GREY,
      };
    case 'milestone.due-changed':
      return {
        title: `📅 New due date: ${t(event.title)}`,
        description: `${event.from ?? 'no date'} → ${event.to ?? 'no date'}`,
        color: ORANGE,
      };
    case 'project.status-changed':
      return {
        title: `Status: ${STATUS_LABELS[event.from]} → ${STATUS_LABELS[event.to]}`,
        color: STATUS_COLOURS[event.to],
      };
    case 'project.member-joined':
      return {
        title: `👋 ${event.github} joined as ${event.role}`,
        description: `Welcome, ${githubUser(event.github)}!`,
        color: BLUE,
      };
    case 'update.posted': {
      const embed: APIEmbed = {
        title: `📝 ${t(event.heading ?? event.topic.replace(/-/g, ' '))}`,
        description: `New update${event.date ? ` from ${event.date}` : ''}.`,
        color: BLUE,
      };
      const url = blobUrl(input.repository, event.path);
      if (url) embed.url = url;
      return embed;
    }
    case 'output.added': {
      const words = OUTPUT_WORDS[event.kind];
      const embed: APIEmbed = {
        title: `${words.icon} New ${words.noun}: ${t(event.title)}`,
        description: `Published on ${event.published}.`,
        color: GREEN,
      };
      const url = embedUrl(event.url);
      if (url) embed.url = url;
      return embed;
    }
    default:
      return { title: t(`${event.type}`), color: GREY };
  }
}

/**
 * One news message in a project's thread: an embed per event (≤ 10), each with its event's marker in the footer
 * (so a message whose answer was lost is found again, whatever batch it travelled in),
 * and a mention of the opted-in leads only when given (allowed_mentions names exactly them).
 */
export function renderNewsMessage(input: NewsInput): DiscordMessage {
  if (input.events.length > DISCORD_LIMITS.embedsPerMessage) {
    throw new RangeError(
      `a news message holds at most ${DISCORD_LIMITS.embedsPerMessage} events, got ${input.events.length}`,
    );
  }
  const embeds = input.events.map((event) => ({
    ...newsEmbed(event, input),
    footer: markerFooter(eventMarker(event.id)),
  }));
  const mentions = [...new Set(input.mentions ?? [])];
  const message: DiscordMessage = { embeds, allowed_mentions: allowedMentions(mentions) };
  const ids = message.allowed_mentions.users ?? [];
  if (ids.length > 0) message.content = ids.map(userMention).join(' ');
  return fitMessage(message);
}
