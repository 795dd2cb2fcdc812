import type { ProjectProposedEvent } from '@circuitboard/core';
import { DISCORD_LIMITS, fitMessage, fitThreadName } from '../limits.ts';
import { allowedMentions, safeInline, safePlain } from '../safe-text.ts';
import { embedUrl, githubUser, markerFooter, STATUS_COLOURS } from './common.ts';
import type { RenderedForumPost } from './project-post.ts';

export interface ProposalInput {
  event: ProjectProposedEvent;
  /** The proposal issue on GitHub. */
  url?: string;
  marker: string;
}

/** The title of a proposal's forum post (its thread name). */
export function proposalThreadName(title: string): string {
  return fitThreadName(safePlain(`Proposal: ${title}`, DISCORD_LIMITS.threadName));
}

/** A forum post announcing a new proposal, pointing people at the issue to discuss it. */
export function renderProposal(input: ProposalInput): RenderedForumPost {
  const { event } = input;
  const url = embedUrl(input.url);
  return {
    threadName: proposalThreadName(event.title),
    message: fitMessage({
      embeds: [
        {
          title: `💡 ${safeInline(event.title, 240)}`,
          description: `Proposed by ${githubUser(event.author)} in issue #${event.issue}. Read it and say what you think${url ? ' on GitHub' : ''}.`,
          color: STATUS_COLOURS.proposed,
          footer: markerFooter(input.marker),
          ...(url ? { url } : {}),
        },
      ],
      allowed_mentions: allowedMentions(),
    }),
    appliedTags: [],
  };
}
