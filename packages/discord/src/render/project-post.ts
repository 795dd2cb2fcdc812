import {
  type HelpWanted,
  hoursPerWeek,
  type Milestone,
  type Output,
  openRoles,
  outputsNewestFirst,
  type Project,
} from '@circuitboard/core';
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { DISCORD_LIMITS, type DiscordMessage, fitLines, fitMessage, fitThreadName } from '../limits.ts';
import { allowedMentions, safeBlock, safeInline, safePlain } from '../safe-text.ts';
import {
  embedUrl,
  githubUser,
  markerFooter,
  maskedLink,
  OUTPUT_WORDS,
  projectPostMarker,
  STATUS_COLOURS,
  STATUS_LABELS,
} from './common.ts';

export interface ProjectPostInput {
  slug: string;
  project: Project;
  /** The project folder on GitHub. */
  url?: string;
  /** Forum tag ids for the project's status. */
  tags?: readonly string[];
}

export interface RenderedForumPost {
  /** The forum post's title (thread name): plain text, 1–100 characters. */
  threadName: string;
  /** The starter message. */
  message: DiscordMessage;
  appliedTags: string[];
}

function milestoneLine(m: Milestone): string {
  const title = safeInline(m.title, 120);
  if (m.done) return `✅ ~~${title}~~ · done ${m.done}`;
  if (m.dropped) return `✖️ ~~${title}~~ · dropped`;
  return `⏳ ${title}${m.due ? ` · due ${m.due}` : ''}`;
}

/** "🌱 **Run activation-patching sweeps** · python, transformerlens · 3 h/week · newcomer-friendly" */
export function roleLine(role: HelpWanted): string {
  const parts = [`${role.newcomer_friendly ? '🌱' : '•'} **${safeInline(role.role, 120)}**`];
  if (role.skills && role.skills.length > 0) parts.push(role.skills.map((s) => safeInline(s, 40)).join(', '));
  const hours = hoursPerWeek(role);
  if (hours) parts.push(hours);
  if (role.newcomer_friendly) parts.push('newcomer-friendly');
  return parts.join(' · ');
}

/** "📄 [Title](https://…) · paper · 2026-11-20" */
export function outputLine(output: Output): string {
  const words = OUTPUT_WORDS[output.kind];
  const title = safeInline(output.title, 150);
  const url = embedUrl(output.url);
  return `${words.icon} ${url ? maskedLink(title, url) : title} · ${output.kind} · ${output.date}`;
}

function people(list: Project['leads'] | undefined): string {
  return fitLines(
    (list ?? []).map((p) => githubUser(p.github)),
    DISCORD_LIMITS.embedFieldValue,
    (n) => `… and ${n} more`,
  ).replace(/\n/g, ', ');
}

/** The title of a project's forum post (its thread name), as the post is created with it. */
export function projectThreadName(title: string): string {
  return fitThreadName(safePlain(title, DISCORD_LIMITS.threadName));
}

/**
 * The starter message of a project's forum post: title, summary, status, people, the roles it is looking for
 * (newcomer-friendly first), milestones, outputs (newest first), tags and links.
 */
export function renderProjectPost(input: ProjectPostInput): RenderedForumPost {
  const { project, slug } = input;
  const fields: APIEmbedField[] = [
    { name: 'Status', value: STATUS_LABELS[project.status], inline: true },
    { name: project.leads.length === 1 ? 'Lead' : 'Leads', value: people(project.leads) || '—', inline: true },
  ];
  if (project.members && project.members.length > 0) {
    fields.push({ name: 'Members', value: people(project.members), inline: true });
  }
  const roles = openRoles(project);
  if (roles.length > 0) {
    fields.push({
      name: 'Looking for',
      value: fitLines(roles.map(roleLine), DISCORD_LIMITS.embedFieldValue, (n) => `… and ${n} more`),
    });
  }
  const milestones = project.milestones ?? [];
  if (milestones.length > 0) {
    const done = milestones.filter((m) => m.done).length;
    const counted = milestones.filter((m) => !m.dropped).length;
    fields.push({
      name: `Milestones · ${done}/${counted} done`,
      value: fitLines(milestones.map(milestoneLine), DISCORD_LIMITS.embedFieldValue, (n) => `… and ${n} more`),
    });
  }
  const outputs = outputsNewestFirst(project);
  if (outputs.length > 0) {
    fields.push({
      name: 'Outputs',
      value: fitLines(outputs.map(outputLine), DISCORD_LIMITS.embedFieldValue, (n) => `… and ${n} more`),
    });
  }
  if (project.tags && project.tags.length > 0) {
    fields.push({ name: 'Tags', value: project.tags.map((t) => `\`${t}\``).join(' ') });
  }
  const links = Object.entries(project.links ?? {})
    .map(([name, url]) => [name, embedUrl(url)] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
    .map(([name, url]) => maskedLink(name, url));
  if (links.length > 0) {
    fields.push({
      name: 'Links',
      value: fitLines(links, DISCORD_LIMITS.embedFieldValue, (n) => `… and ${n} more`).replace(/\n/g, ' · '),
    });
  }
  const embed: APIEmbed = {
    title: safeInline(project.title, DISCORD_LIMITS.embedTitle),
    description: safeBlock(project.summary, 1500),
    color: STATUS_COLOURS[project.status],
    fields,
    footer: markerFooter(
      projectPostMarker(slug),
      `Circuitboard · ${slug}${project.started ? ` · started ${project.started}` : ''}`,
    ),
  };
  const url = embedUrl(input.url);
  if (url) embed.url = url;
  return {
    threadName: projectThreadName(project.title),
    message: fitMessage({ embeds: [embed], allowed_mentions: allowedMentions() }),
    appliedTags: [...new Set(input.tags ?? [])].slice(0, DISCORD_LIMITS.appliedTags),
  };
}
