// The Discord digest: one message with one embed, within Discord's limits (limits.ts), linking to the full report.
// Text from people is escaped for Discord Markdown and mentions are neutralised; allowed_mentions parses nothing.
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
import {
  DISCORD_CONTENT_MAX,
  DISCORD_EMBED_DESCRIPTION_MAX,
  DISCORD_EMBED_FIELDS_MAX,
  DISCORD_EMBED_TITLE_MAX,
  DISCORD_EMBEDS_MAX,
  DISCORD_EMBEDS_TOTAL_MAX,
  DISCORD_FIELD_NAME_MAX,
  DISCORD_FIELD_VALUE_MAX,
  DISCORD_FOOTER_TEXT_MAX,
} from './limits.ts';
import { sparkline } from './svg.ts';

export interface DiscordEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface DiscordEmbed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  timestamp?: string;
  fields?: DiscordEmbedField[];
  footer?: { text: string };
}

/** A message body for a webhook or a bot: never pings anyone. */
export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  allowed_mentions: { parse: [] };
}

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
export function fitLines(lines: string[], max: number, more = (n: number) => `… and ${plural(n, 'more')}`): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = truncate(lines[i] as string, max);
    const added = (out.length > 0 ? 1 : 0) + line.length;
    const rest = lines.length - i - 1;
    // Keep room for the "and N more" note in case the next line does not fit.
    const reserve = rest > 0 ? more(rest).length + 1 : 0;
    if (size + added + reserve > max) {
      const note = more(lines.length - i);
      if (size + (out.length > 0 ? 1 : 0) + note.length <= max) out.push(note);
      break;
    }
    out.push(line);
    size += added;
  }
  return out.join('\n');
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
    intro + fitLines(highlightLines, DISCORD_EMBED_DESCRIPTION_MAX - intro.length - outro.length) + outro;

  const fields: DiscordEmbedField[] = [];
  const attention = needsAttention(model).map((p) => {
    const state = p.health ? `${HEALTH_WORDS[p.health.state].icon} ${HEALTH_WORDS[p.health.state].label}` : '';
    const overdue = p.overdue[0]
      ? ` · ${escapeDiscord(p.overdue[0].title)} ${plural(p.overdue[0].days, 'day')} overdue`
      : '';
    return `${discordLink(p.title, p.url)} — ${state}${overdue}`;
  });
  if (attention.length > 0)
    fields.push({ name: 'Needs attention', value: fitLines(attention, DISCORD_FIELD_VALUE_MAX) });
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
        DISCORD_FIELD_VALUE_MAX,
      ),
    });
  if (model.proposals.waiting.length > 0) {
    const lines = model.proposals.waiting.map(
      (w) => `${discordLink(w.title, w.url)}${w.waitingDays === null ? '' : ` — ${plural(w.waitingDays, 'day')}`}`,
    );
    fields.push({
      name: `Proposals waiting (${model.proposals.waiting.length})`,
      value: fitLines(lines, DISCORD_FIELD_VALUE_MAX),
    });
  }
  if (model.numbers.length > 0) {
    const lines = model.numbers.map(
      (row) => `${escapeDiscord(row.label)}: **${row.value}**${row.change === null ? '' : ` (${signed(row.change)})`}`,
    );
    fields.push({ name: 'Numbers', value: fitLines(lines, DISCORD_FIELD_VALUE_MAX), inline: true });
  }
  const activity = model.trends.series.find((s) => s.id === 'activity');
  if (activity && activity.values.length > 0) {
    fields.push({
      name: `Activity, last ${activity.values.length} weeks`,
      value: `\`${sparkline(activity.values)}\``,
      inline: true,
    });
  }

  const embed: DiscordEmbed = {
    title: truncate(`${model.community.name} — ${shortWindow(model)}`, DISCORD_EMBED_TITLE_MAX),
    description,
    color: ACCENT,
    timestamp: model.generatedAt,
    fields,
    footer: {
      text: truncate(
        `Circuitboard weekly report · ${model.window.firstDay} to ${model.window.lastDay}`,
        DISCORD_FOOTER_TEXT_MAX,
      ),
    },
  };
  if (reportUrl) embed.url = reportUrl;
  const content = reportUrl
    ? `Weekly report for ${shortWindow(model)}: <${reportUrl}>`
    : `Weekly report for ${shortWindow(model)}`;
  return fitDiscordMessage({
    content: truncate(content, DISCORD_CONTENT_MAX),
    embeds: [embed],
    allowed_mentions: { parse: [] },
  });
}

function embedSize(embed: DiscordEmbed): number {
  let size = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  for (const field of embed.fields ?? []) size += field.name.length + field.value.length;
  return size;
}

/** Total characters Discord counts against its 6,000 limit. */
export function discordMessageSize(message: DiscordMessage): number {
  return message.embeds.reduce((sum, embed) => sum + embedSize(embed), 0);
}

/**
 * Makes any message fit Discord's limits: each piece cut to its own limit, at most 10 embeds and 25 fields,
 * then fields dropped from the end and the description shortened until the 6,000-character total holds.
 */
export function fitDiscordMessage(message: DiscordMessage): DiscordMessage {
  const embeds = message.embeds.slice(0, DISCORD_EMBEDS_MAX).map((embed) => {
    const out: DiscordEmbed = { ...embed };
    if (out.title !== undefined) out.title = truncate(out.title, DISCORD_EMBED_TITLE_MAX);
    if (out.description !== undefined) out.description = truncate(out.description, DISCORD_EMBED_DESCRIPTION_MAX);
    if (out.footer) out.footer = { text: truncate(out.footer.text, DISCORD_FOOTER_TEXT_MAX) };
    if (out.fields) {
      out.fields = out.fields.slice(0, DISCORD_EMBED_FIELDS_MAX).map((f) => ({
        ...f,
        name: truncate(f.name, DISCORD_FIELD_NAME_MAX),
        value: truncate(f.value, DISCORD_FIELD_VALUE_MAX),
      }));
    }
    return out;
  });
  const fitted: DiscordMessage = { ...message, embeds, allowed_mentions: { parse: [] } };
  if (fitted.content !== undefined) fitted.content = truncate(fitted.content, DISCORD_CONTENT_MAX);
  for (let i = embeds.length - 1; i >= 0 && discordMessageSize(fitted) > DISCORD_EMBEDS_TOTAL_MAX; i--) {
    const embed = embeds[i] as DiscordEmbed;
    while (embed.fields && embed.fields.length > 0 && discordMessageSize(fitted) > DISCORD_EMBEDS_TOTAL_MAX)
      embed.fields.pop();
    const over = discordMessageSize(fitted) - DISCORD_EMBEDS_TOTAL_MAX;
    if (over > 0 && embed.description)
      embed.description = truncate(embed.description, Math.max(1, embed.description.length - over));
  }
  while (embeds.length > 1 && discordMessageSize(fitted) > DISCORD_EMBEDS_TOTAL_MAX) embeds.pop();
  return fitted;
}
