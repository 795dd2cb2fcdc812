// Escaping of text from people, per output format. Every renderer passes such text through here.
import { cleanText, oneLine } from './text.ts';

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML text and attribute values (always quoted): `<script>` and quotes become entities. */
export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string);
}

/**
 * The link target if it is an absolute http(s) URL, normalised by the URL parser; else null, and the caller
 * renders the text without a link. `javascript:`, `data:` and relative links never become links.
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !parsed.hostname) return null;
  if (parsed.username || parsed.password) return null;
  // Parentheses and quotes would end a Markdown link target or an attribute early.
  return parsed.href.replace(/[()"'<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

// `@name` where GitHub, Discord or X would read a mention: at the start or after a non-word character.
const MENTION = /(^|[^\p{L}\p{N}_.+-])@(?=[\p{L}\p{N}_-])/gu;
const ZERO_WIDTH_SPACE = '\u200b';

/** Puts a zero-width space after the `@` of anything that would notify someone (`@everyone`, `@alice`, `@org/team`). */
export function neutraliseMentions(text: string): string {
  return text.replace(MENTION, `$1@${ZERO_WIDTH_SPACE}`);
}

// CommonMark/GFM punctuation that can start markup inline; `&` too, so entities like `&#64;` stay literal.
const MARKDOWN_SPECIAL = /[\\`*_[\]()<>#|~!&{}$]/g;

/**
 * One line of Markdown text (GitHub, job summary, newsletter): punctuation that starts markup is backslash-escaped,
 * a leading list or heading marker is escaped, and mentions are neutralised — GitHub ignores `\@`, so a
 * zero-width space is the only way that keeps the text readable.
 */
export function escapeMarkdown(text: string): string {
  let out = oneLine(text).replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
  out = out.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  return neutraliseMentions(out);
}

/** `[text](url)` when the URL is http(s), else the escaped text alone. */
export function markdownLink(text: string, url: string | null | undefined): string {
  const safe = safeHttpUrl(url);
  const label = escapeMarkdown(text);
  return safe ? `[${label}](${safe})` : label;
}

// Discord Markdown anywhere in a line; `<` also starts `<@id>`, `<#channel>` and `<t:…>`.
const DISCORD_SPECIAL = /[\\`*_~|[\]()<]/g;

/**
 * One line for a Discord message or embed: Markdown escaped, `@everyone`, `@here` and `<@id>` made inert.
 * (Messages also carry `allowed_mentions: { parse: [] }`; this keeps the text from even looking like a ping.)
 */
export function escapeDiscord(text: string): string {
  const out = oneLine(text)
    .replace(DISCORD_SPECIAL, (c) => `\\${c}`)
    // Headings, `-#` subtext, quotes and lists only start at the beginning of a line.
    .replace(/^([-#>+])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
  // Discord reads @everyone and @here even inside a word.
  return neutraliseMentions(out).replace(/@(?=everyone|here)/gi, `@${ZERO_WIDTH_SPACE}`);
}

/** `[text](url)` for Discord when the URL is http(s), else the escaped text alone. */
export function discordLink(text: string, url: string | null | undefined): string {
  const safe = safeHttpUrl(url);
  const label = escapeDiscord(text);
  return safe ? `[${label}](${safe})` : label;
}

/** Plain text for social posts: one line, mentions neutralised, nothing else to escape. */
export function plainText(text: string): string {
  return neutraliseMentions(oneLine(text));
}
