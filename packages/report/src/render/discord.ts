// The Discord digest: one message with one embed, within Discord's limits (@circuitboard/discord), linking to the full report.
// Text from people is escaped for Discord Markdown and mentions are neutralised; allowed_mentions parses nothing.

import {
  DISCORD_LIMITS,
  type DiscordMessage,
  embedsLength,
  fitLines as fitDiscordLines,
  fitMessage,
} from '@circuitboard/discord';
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { discordLink, escapeDiscord, safeHttpUrl } from '../escape.ts';
import type { Highlight, ReportModel } from '../model.ts';
import { plural, truncate } from '../text.ts';
import {
  dueIn,
  HEALTH_WORDS,
  HIGHLIGHT_WORDS,
  headlineParts,
  needsAttention,
  shortDate,
  shortWindow,
  signed,
} from './common.ts';
import { getInvolvedDiscordField } from './get-involved.ts';
import { sparkline } from './svg.ts';

export type { DiscordMessage };

export interface DiscordOptions {
  /** Where the full report is published; defaults to the config's community.report_url. */
  reportUrl?: string | null;
}

const ACCENT = 0x4f46e5;

function highlightLine(item: Highlight, model: ReportModel): string {
  const words = HIGHLIGHT_WORDS[item.kind];
  if (item.kind === 'contributors-new') {
    const names = item.people.slice(0, 15).map((p) => discordLink(p.login ?? p.name, p.url));
    const more = item.people.length - names.length;
    return `${words.icon} **${words.label}:** ${names.join(', ')}${more > 0 ? ` and ${plural(more, 'other')}` : ''}`;
  }
  const when = item.date
    ? ` (${shortDate(item.date, model)}${item.detail && item.kind === 'milestone-done' ? `, ${escapeDiscord(item.detail)}` : ''})`
    : '';
  if (item.kind === 'milestone-done' && item.project) {
    return `${words.icon} ${discordLink(item.project.title, item.project.url)}: ${escapeDiscord(item.title)}${when}`;
  }
  return `${words.icon} **${words.label}:** ${discordLink(item.title, item.url)}${item.kind === 'proposal-new' ? '' : when}`;
}

/** Lines joined by newlines, as many as fit in `max` characters, then "… and N more". */
export function fitLines(lines: string[], max: number): string {
  return fitDiscordLines(lines, max, (n) => `… and ${plural(n, 'more')}`);
}

/** The weekly digest as a Discord message. */
export function renderDiscordDigest(model: ReportModel, options: DiscordOptions = {}): DiscordMessage {
  const reportUrl = safeHttpUrl(options.reportUrl ?? model.community.reportUrl);
  const headline = headlineParts(model).join(' · ');
  const highlightLines = model.highlights.map((x) => highlightLine(x, model));
  if (model.highlightsOmitted > 0) highlightLines.push(`… and ${plural(model.highlightsOmitted, 'more highlight')}`);
  if (highlightLines.length === 0)
    highlightLines.push('Nothing to celebrate in the files this week — a good moment to post an update.');
  const intro = `**${headline}**\n\n`;
  const outro = reportUrl ? `\n\n[Read the full report](${reportUrl})` : '';
  const description =
    intro + fitLines(highlightLines, DISCORD_LIMITS.embedDescription - intro.length - outro.length) + outro;

  const fields: APIEmbedField[] = [];
  const attention = needsAttention(model).map((p) => {
    const state = p.health ? `${HEALTH_WORDS[p.health.state].icon} ${HEALTH_WORDS[p.health.state].label}` : '';
    const overdue = p.overdue[0]
      ? ` · ${escapeDiscord(p.overdue[0].title)} ${plural(p.overdue[0].days, 'day')} overdue`
      : '';
    return `${discordLink(p.title, p.url)} — ${state}${overdue}`;
  });
  if (attention.length > 0)
    fields.push({ name: 'Needs attention', value: fitLines(attention, DISCORD_LIMITS.embedFieldValue) });
  const dueSoon = model.projects.flatMap((p) =>
    p.dueSoon.map((m) => ({
      days: m.days,
      line: `${escapeDiscord(m.title)} (${escapeDiscord(p.title)}) — ${shortDate(m.due, model)}, ${dueIn(m.days)}`,
    })),
  );
  dueSoon.sort((a, b) => a.days - b.days);
  if (dueSoon.length > 0)
    fields.push({
      name: 'Due soon',
      value: fitLines(
        dueSoon.map((d) => d.line),
        DISCORD_LIMITS.embedFieldValue,
      ),
    });
  const involved = getInvolvedDiscordField(model);
  if (involved) fields.push(involved);
  if (model.proposals.waiting.length > 0) {
    const lines = model.proposals.waiting.map(
      (w) => `${discordLink(w.title, w.url)}${w.waitingDays === null ? '' : ` — ${plural(w.waitingDays, 'day')}`}`,
    );
    fields.push({
      name: `Proposals waiting (${model.proposals.waiting.length})`,
      value: fitLines(lines, DISCORD_LIMITS.embedFieldValue),
    });
  }
  if (model.numbers.length > 0) {
    const lines = model.numbers.map(
      (row) => `${escapeDiscord(row.label)}: **${row.value}**${row.change === null ? '' : ` (${signed(row.change)})`}`,
    );
    fields.push({ name: 'Numbers', value: fitLines(lines, DISCORD_LIMITS.embedFieldValue), inline: true });
  }
  const activity = model.trends.series.find((s) => s.id === 'activity');
  if (activity && activity.values.length > 0) {
    fields.push({
      name: `Activity, last ${activity.values.length} weeks`,
      value: `\`${sparkline(activity.values)}\``,
      inline: true,
    });
  }

  const embed: APIEmbed = {
    title: truncate(`${model.community.name} — ${shortWindow(model)}`, DISCORD_LIMITS.embedTitle),
    description,
    color: ACCENT,
    timestamp: model.generatedAt,
    fields,
    footer: {
      text: truncate(
        `Circuitboard weekly report · ${model.window.firstDay} to ${model.window.lastDay}`,
        DISCORD_LIMITS.embedFooter,
      ),
    },
  };
  if (reportUrl) embed.url = reportUrl;
  const content = reportUrl
    ? `Weekly report for ${shortWindow(model)}: <${reportUrl}>`
    : `Weekly report for ${shortWindow(model)}`;
  // Drop whole fields from the end first, so the description and its link to the full report survive.
  while (fields.length > 0 && embedsLength([embed]) > DISCORD_LIMITS.embedTotal) fields.pop();
  return fitMessage({
    content: truncate(content, DISCORD_LIMITS.content),
    embeds: [embed],
    allowed_mentions: { parse: [] },
  });
}
