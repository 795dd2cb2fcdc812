import type { APIAllowedMentions, APIEmbed, APIEmbedField } from 'discord-api-types/v10';

/**
 * Discord's documented size limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits,
 * …/resources/channel#start-thread-in-forum-or-media-channel). Lengths are counted in UTF-16 code units, which is never
 * fewer than Discord's own count, so anything that fits here fits there.
 */
export const DISCORD_LIMITS = {
  /** Message `content` (bots and webhooks without Nitro). */
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthorName: 256,
  /** Sum of title, description, field names and values, footer and author name over every embed of one message. */
  embedTotal: 6000,
  url: 2048,
  /** Thread (forum post) names. */
  threadName: 100,
  /** Forum tags applied to one post. */
  appliedTags: 5,
  /** Users allowed to be mentioned by one message. */
  allowedMentionUsers: 100,
  /** Message nonces (bot mode). */
  nonce: 25,
} as const;

export const ELLIPSIS = '…';

/** A message body as Circuitboard sends it: content and/or embeds, and mentions always explicit. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  allowed_mentions: APIAllowedMentions;
}

export class DiscordLimitError extends Error {
  override name = 'DiscordLimitError';
}

/** Cuts `text` to at most `max` UTF-16 units, ending with an ellipsis when cut, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - ELLIPSIS.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, Math.max(0, end)).trimEnd()}${ELLIPSIS}`;
}

/** Cuts a list of lines to fit `max` units, ending with `more(n)` for the n lines left out. */
export function fitLines(lines: string[], max: number, more: (hidden: number) => string): string {
  const out: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const cost = (out.length > 0 ? 1 : 0) + line.length;
    const rest = lines.length - i - 1;
    const tail = rest > 0 ? 1 + more(rest + 1).length : 0;
    if (used + cost + tail > max) {
      const hidden = lines.length - i;
      const note = more(hidden);
      if (used + (out.length > 0 ? 1 : 0) + note.length <= max) out.push(note);
      return truncate(out.join('\n'), max);
    }
    out.push(line);
    used += cost;
  }
  return out.join('\n');
}

function embedLength(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += embed.footer?.text?.length ?? 0;
  n += embed.author?.name?.length ?? 0;
  for (const field of embed.fields ?? []) n += field.name.length + field.value.length;
  return n;
}

/** Total counted characters of the embeds of one message (limit: DISCORD_LIMITS.embedTotal). */
export function embedsLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((sum, e) => sum + embedLength(e), 0);
}

function fitField(field: APIEmbedField): APIEmbedField {
  const name = truncate(field.name, DISCORD_LIMITS.embedFieldName) || '\u200b';
  const value = truncate(field.value, DISCORD_LIMITS.embedFieldValue) || '—';
  // Discord answers `inline: false` when it is left out; saying it keeps sent and stored embeds equal.
  return { ...field, name, value, inline: field.inline ?? false };
}

/** One embed within every per-field limit. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, DISCORD_LIMITS.embedTitle);
  if (out.description !== undefined) out.description = truncate(out.description, DISCORD_LIMITS.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, DISCORD_LIMITS.embedFooter) };
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, DISCORD_LIMITS.embedAuthorName) };
  if (out.url !== undefined && out.url.length > DISCORD_LIMITS.url) delete out.url;
  if (out.fields) out.fields = out.fields.slice(0, DISCORD_LIMITS.embedFields).map(fitField);
  return out;
}

/**
 * Shrinks descriptions, then field values, of the given embeds (largest first) until the total fits 6,000.
 * Footers are kept whole: they carry the delivery marker.
 */
export function fitEmbedTotal(embeds: APIEmbed[], max: number = DISCORD_LIMITS.embedTotal): APIEmbed[] {
  const out = embeds.map(fitEmbed);
  let over = embedsLength(out) - max;
  while (over > 0) {
    let best: { i: number; f: number; len: number } | undefined;
    for (const [i, e] of out.entries()) {
      const d = e.description?.length ?? 0;
      if (d > 1 && (!best || d > best.len)) best = { i, f: -1, len: d };
      for (const [f, field] of (e.fields ?? []).entries()) {
        if (field.value.length > 1 && (!best || field.value.length > best.len))
          best = { i, f, len: field.value.length };
      }
    }
    if (!best)
      throw new DiscordLimitError(`embeds are ${embedsLength(out)} characters and cannot be shortened to ${max}`);
    const target = Math.max(1, best.len - over);
    const embed = out[best.i]!;
    if (best.f < 0) embed.description = truncate(embed.description!, target);
    else {
      const fields = [...embed.fields!];
      const field = fields[best.f]!;
      fields[best.f] = { ...field, value: truncate(field.value, target) };
      embed.fields = fields;
    }
    over = embedsLength(out) - max;
  }
  return out;
}

/** A whole message within limits: content, each embed, the 6,000 total, and at most 100 allowed users. */
export function fitMessage(message: DiscordMessage): DiscordMessage {
  const embeds = fitEmbedTotal(message.embeds.slice(0, DISCORD_LIMITS.embedsPerMessage));
  const out: DiscordMessage = { embeds, allowed_mentions: fitAllowedMentions(message.allowed_mentions) };
  if (message.content !== undefined) out.content = truncate(message.content, DISCORD_LIMITS.content);
  return out;
}

function fitAllowedMentions(mentions: APIAllowedMentions): APIAllowedMentions {
  return mentions.users
    ? { ...mentions, users: mentions.users.slice(0, DISCORD_LIMITS.allowedMentionUsers) }
    : mentions;
}

/** A forum post name within 1–100 characters. */
export function fitThreadName(name: string): string {
  const flat = name.replace(/\s+/g, ' ').trim();
  return truncate(flat.length > 0 ? flat : 'Untitled project', DISCORD_LIMITS.threadName);
}

/**
 * Splits embeds into messages of at most 10 embeds and 6,000 characters each, keeping order.
 * Each embed must already fit on its own (fitEmbed).
 */
export function chunkEmbeds(embeds: APIEmbed[]): APIEmbed[][] {
  const chunks: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const raw of embeds) {
    const embed = fitEmbedTotal([raw])[0]!;
    const len = embedLength(embed);
    if (
      current.length > 0 &&
      (current.length >= DISCORD_LIMITS.embedsPerMessage || size + len > DISCORD_LIMITS.embedTotal)
    ) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(embed);
    size += len;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Throws a DiscordLimitError naming the first limit a payload breaks; every payload passes here before it is sent. */
export function assertWithinLimits(
  message: Partial<DiscordMessage> & { thread_name?: string; applied_tags?: string[] },
): void {
  const fail = (what: string) => {
    throw new DiscordLimitError(`Discord payload over its limit: ${what}`);
  };
  if (!message.allowed_mentions) fail('allowed_mentions must always be explicit');
  const parse = message.allowed_mentions?.parse ?? [];
  if (parse.length > 0) fail(`allowed_mentions.parse must be empty, not [${parse.join(', ')}]`);
  if ((message.allowed_mentions?.users?.length ?? 0) > DISCORD_LIMITS.allowedMentionUsers)
    fail('more than 100 allowed users');
  if (message.content !== undefined && message.content.length > DISCORD_LIMITS.content) {
    fail(`content is ${message.content.length} characters (max ${DISCORD_LIMITS.content})`);
  }
  const embeds = message.embeds ?? [];
  if (embeds.length > DISCORD_LIMITS.embedsPerMessage)
    fail(`${embeds.length} embeds (max ${DISCORD_LIMITS.embedsPerMessage})`);
  if ((message.content ?? '').length === 0 && embeds.length === 0) fail('a message needs content or an embed');
  for (const [i, e] of embeds.entries()) {
    if ((e.title?.length ?? 0) > DISCORD_LIMITS.embedTitle)
      fail(`embed ${i} title is over ${DISCORD_LIMITS.embedTitle}`);
    if ((e.description?.length ?? 0) > DISCORD_LIMITS.embedDescription) fail(`embed ${i} description is over 4096`);
    if ((e.footer?.text.length ?? 0) > DISCORD_LIMITS.embedFooter) fail(`embed ${i} footer is over 2048`);
    if ((e.author?.name.length ?? 0) > DISCORD_LIMITS.embedAuthorName) fail(`embed ${i} author is over 256`);
    if ((e.url?.length ?? 0) > DISCORD_LIMITS.url) fail(`embed ${i} url is over 2048`);
    if ((e.fields?.length ?? 0) > DISCORD_LIMITS.embedFields) fail(`embed ${i} has more than 25 fields`);
    for (const f of e.fields ?? []) {
      if (f.name.length === 0 || f.name.length > DISCORD_LIMITS.embedFieldName)
        fail(`embed ${i} field name length ${f.name.length}`);
      if (f.value.length === 0 || f.value.length > DISCORD_LIMITS.embedFieldValue)
        fail(`embed ${i} field value length ${f.value.length}`);
    }
  }
  if (embedsLength(embeds) > DISCORD_LIMITS.embedTotal)
    fail(`embeds total ${embedsLength(embeds)} characters (max 6000)`);
  if (
    message.thread_name !== undefined &&
    (message.thread_name.length < 1 || message.thread_name.length > DISCORD_LIMITS.threadName)
  ) {
    fail(`thread name is ${message.thread_name.length} characters (1–100)`);
  }
  if ((message.applied_tags?.length ?? 0) > DISCORD_LIMITS.appliedTags) fail('more than 5 applied tags');
}
