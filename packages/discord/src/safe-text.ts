import type { APIAllowedMentions } from 'discord-api-types/v10';
import { DISCORD_LIMITS, truncate } from './limits.ts';

/**
 * Text from people (project.yml, updates, issue bodies) goes through here before it reaches Discord:
 * it never pings anyone, never hides text direction tricks, and never turns into a masked link or heading.
 * `allowed_mentions` is the real guard (always `{ parse: [] }`); neutralising the text keeps messages from
 * even looking like mentions.
 */

const ZWSP = '\u200b';

// Bidi overrides/isolates/marks, zero-width characters, soft hyphen, tag characters and C0/C1 controls (not \n, \t).
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

/** Removes characters that are invisible or reorder text (bidi controls, zero-width, tag and control characters). */
export function stripInvisible(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
}

/** Breaks every mention syntax with a zero-width space: @everyone, @here, <@id>, <@!id>, <@&id>, <#id>, </cmd:id>. */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<([@#])/g, `<$1${ZWSP}`)
    .replace(/<\//g, `<${ZWSP}/`);
}

/** Escapes Discord Markdown so text shows as written: emphasis, code, spoilers, masked links, quotes, headings, lists. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~`|[\]()]/g, '\\$&').replace(/^(\s*)([>#-]|\d+\.)/gm, '$1\\$2');
}

/** One line of text from people, safe for an embed title, field or thread name. */
export function safeInline(text: string, max: number = DISCORD_LIMITS.embedDescription): string {
  const flat = stripInvisible(text).replace(/\s+/g, ' ').trim();
  return truncate(escapeMarkdown(neutraliseMentions(flat)), max);
}

/** A paragraph of text from people, safe for an embed description; keeps line breaks. */
export function safeBlock(text: string, max: number = DISCORD_LIMITS.embedDescription): string {
  const clean = stripInvisible(text)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return truncate(escapeMarkdown(neutraliseMentions(clean)), max);
}

/**
 * Plain text for places Discord does not render Markdown (thread names): invisible characters removed and
 * mentions broken, nothing escaped.
 */
export function safePlain(text: string, max: number): string {
  return truncate(neutraliseMentions(stripInvisible(text).replace(/\s+/g, ' ').trim()), max);
}

const SNOWFLAKE = /^[1-9][0-9]{16,19}$/;

/**
 * The explicit `allowed_mentions` of every message: nobody, or exactly the given opted-in user ids
 * (valid snowflakes, de-duplicated, at most 100). Roles, @everyone and @here are never allowed.
 */
export function allowedMentions(users: readonly string[] = []): APIAllowedMentions {
  const ids = [...new Set(users.filter((id) => SNOWFLAKE.test(id)))].slice(0, DISCORD_LIMITS.allowedMentionUsers);
  return ids.length > 0 ? { parse: [], users: ids } : { parse: [] };
}

/** `<@id>` for an opted-in user id; the id is checked so the text can only ever name that one user. */
export function userMention(id: string): string {
  if (!SNOWFLAKE.test(id)) throw new Error(`not a Discord user id: ${JSON.stringify(id)}`);
  return `<@${id}>`;
}
