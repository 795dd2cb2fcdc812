import type { OutputKind, ProjectStatus } from '@circuitboard/core';
import type { APIEmbedFooter } from 'discord-api-types/v10';

/** Embed colours by project status, chosen to read on both light and dark themes. */
export const STATUS_COLOURS: Record<ProjectStatus, number> = {
  proposed: 0x99aab5,
  active: 0x57f287,
  paused: 0xfee75c,
  completed: 0x5865f2,
  archived: 0x4f545c,
};

export const STATUS_LABELS: Record<ProjectStatus, string> = {
  proposed: '💡 Proposed',
  active: '🟢 Active',
  paused: '⏸️ Paused',
  completed: '🏁 Completed',
  archived: '🗄️ Archived',
};

/** How each kind of output is named on Discord. */
export const OUTPUT_WORDS: Record<OutputKind, { icon: string; noun: string }> = {
  paper: { icon: '📄', noun: 'paper' },
  post: { icon: '📝', noun: 'post' },
  code: { icon: '💻', noun: 'code release' },
  dataset: { icon: '🗂️', noun: 'dataset' },
  video: { icon: '🎬', noun: 'video' },
  talk: { icon: '🎤', noun: 'talk' },
};

/** Prefix of every delivery marker; the rest is a project slug or a hash, never text from people. */
export const MARKER_PREFIX = 'cb:';

/** Marker in the footer of a project's forum post. */
export function projectPostMarker(slug: string): string {
  return `${MARKER_PREFIX}project:${slug}`;
}

export const STATUS_BOARD_MARKER = `${MARKER_PREFIX}status-board`;

/** The footer that carries a marker, so a message whose answer was lost can be found again. */
export function markerFooter(marker: string, label = 'Circuitboard'): APIEmbedFooter {
  return { text: `${label} · ${marker}` };
}

/** Whether a message's embeds carry the marker (exact token match in a footer). */
export function hasMarker(embeds: readonly { footer?: { text?: string } }[] | undefined, marker: string): boolean {
  return (embeds ?? []).some((e) => (e.footer?.text ?? '').split(/\s+/).includes(marker));
}

/** Links to a GitHub profile; logins are validated by the schema (letters, digits, inner hyphens). */
export function githubUser(login: string): string {
  return /^[A-Za-z0-9-]{1,39}$/.test(login) ? `[${login}](https://github.com/${login})` : '`unknown`';
}

/** A URL Discord accepts in an embed, or undefined. */
export function embedUrl(url: string | undefined): string | undefined {
  if (!url || url.length > 2048) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A Markdown masked link for an embed: `text` must already be safe; parentheses in the address are encoded so they cannot end it. */
export function maskedLink(text: string, url: string): string {
  return `[${text}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}
