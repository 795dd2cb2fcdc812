import { PROJECT_STATUSES, type ProjectStatus } from '@circuitboard/core';
import type { StatusBoardModel, StatusBoardRow } from '@circuitboard/core/sync';
import type { APIEmbed } from 'discord-api-types/v10';
import { DISCORD_LIMITS, type DiscordMessage, fitLines, fitMessage, truncate } from '../limits.ts';
import { allowedMentions, safeInline } from '../safe-text.ts';
import { embedUrl, markerFooter, STATUS_BOARD_MARKER, STATUS_COLOURS, STATUS_LABELS } from './common.ts';

/** Sections in the order people look for them. */
const ORDER: ProjectStatus[] = ['active', 'paused', 'proposed', 'completed', 'archived'];

function row(r: StatusBoardRow): string {
  const parts = [`**${safeInline(r.title, 80)}**`];
  if (r.total > 0) parts.push(`${r.done}/${r.total}`);
  if (r.overdue > 0) parts.push(`⚠️ ${r.overdue} overdue`);
  else if (r.next && (r.status === 'active' || r.status === 'paused')) {
    parts.push(`next: ${safeInline(r.next.title, 60)}${r.next.due ? ` (${r.next.due})` : ''}`);
  }
  return parts.join(' · ');
}

export const STATUS_BOARD_THREAD_NAME = '📋 Project status board';

/**
 * The status board: a header and one embed per status with a line per project. The whole message fits
 * Discord's 6,000-character budget; sections that do not fit end with "… and N more" and the index link.
 */
export function renderStatusBoard(model: StatusBoardModel): DiscordMessage {
  const counts = Object.fromEntries(PROJECT_STATUSES.map((s) => [s, 0])) as Record<ProjectStatus, number>;
  for (const r of model.rows) counts[r.status] += 1;
  const summary = ORDER.filter((s) => counts[s] > 0)
    .map((s) => `${STATUS_LABELS[s]} ${counts[s]}`)
    .join(' · ');
  const header: APIEmbed = {
    title: truncate(`${safeInline(model.community, 150)} · project status`, DISCORD_LIMITS.embedTitle),
    description: model.rows.length === 0 ? 'No projects yet.' : summary,
    color: STATUS_COLOURS.active,
    footer: markerFooter(STATUS_BOARD_MARKER),
  };
  const indexUrl = embedUrl(model.indexUrl);
  if (indexUrl) header.url = indexUrl;
  const sections = ORDER.filter((s) => counts[s] > 0);
  const fixed = (header.title?.length ?? 0) + (header.description?.length ?? 0) + (header.footer?.text.length ?? 0);
  let budget = DISCORD_LIMITS.embedTotal - fixed - 20;
  const embeds: APIEmbed[] = [header];
  for (const [i, status] of sections.entries()) {
    const title = `${STATUS_LABELS[status]} (${counts[status]})`;
    const rows = model.rows
      .filter((r) => r.status === status)
      .sort((a, b) => a.title.localeCompare(b.title) || a.slug.localeCompare(b.slug))
      .map(row);
    const share = Math.floor(budget / (sections.length - i)) - title.length;
    const max = Math.max(20, Math.min(DISCORD_LIMITS.embedDescription, share));
    const description = fitLines(rows, max, (n) => `… and ${n} more${indexUrl ? ' in the projects index' : ''}`);
    budget -= title.length + description.length;
    embeds.push({ title, description, color: STATUS_COLOURS[status] });
  }
  return fitMessage({ embeds, allowed_mentions: allowedMentions() });
}
