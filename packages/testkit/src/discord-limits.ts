/** Discord's documented size limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  /** Title, description, field names and values, footer text and author name of all embeds of one message. */
  embedTotal: 6000,
  threadName: 100,
  appliedTags: 5,
  /** Window in which a repeated nonce with enforce_nonce returns the first message instead of a new one. */
  nonceWindowMs: 5 * 60_000,
} as const;

/** A field error as Discord reports it under `errors` of a 50035 "Invalid Form Body". */
export interface FieldError {
  path: Array<string | number>;
  code: string;
  message: string;
}

/** Discord counts characters (code points), not UTF-16 units. */
export function discordLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

interface EmbedLike {
  title?: string | null;
  description?: string | null;
  fields?: Array<{ name?: string | null; value?: string | null }> | null;
  footer?: { text?: string | null } | null;
  author?: { name?: string | null } | null;
}

export interface MessageLike {
  content?: string | null;
  embeds?: EmbedLike[] | null;
  components?: unknown[] | null;
  attachments?: unknown[] | null;
  sticker_ids?: unknown[] | null;
  poll?: unknown;
}

function maxLength(path: FieldError['path'], value: string | null | undefined, max: number, out: FieldError[]): void {
  if (typeof value === 'string' && discordLength(value) > max) {
    out.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  }
}

/** Text of one embed that counts toward the 6000-character total. */
export function embedTextLength(embed: EmbedLike): number {
  const parts = [embed.title, embed.description, embed.footer?.text, embed.author?.name];
  for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  return parts.reduce((sum: number, part) => sum + (typeof part === 'string' ? discordLength(part) : 0), 0);
}

/** Every limit a message body breaks, with the field paths Discord names. */
export function messageLimitErrors(message: MessageLike, prefix: Array<string | number> = []): FieldError[] {
  const out: FieldError[] = [];
  maxLength([...prefix, 'content'], message.content, DISCORD_LIMITS.content, out);
  const embeds = message.embeds ?? [];
  if (embeds.length > DISCORD_LIMITS.embeds) {
    out.push({
      path: [...prefix, 'embeds'],
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Must be ${DISCORD_LIMITS.embeds} or fewer in length.`,
    });
  }
  let total = 0;
  embeds.forEach((embed, i) => {
    if (embed === null || typeof embed !== 'object') return;
    const at = [...prefix, 'embeds', i];
    maxLength([...at, 'title'], embed.title, DISCORD_LIMITS.embedTitle, out);
    maxLength([...at, 'description'], embed.description, DISCORD_LIMITS.embedDescription, out);
    maxLength([...at, 'footer', 'text'], embed.footer?.text, DISCORD_LIMITS.embedFooterText, out);
    maxLength([...at, 'author', 'name'], embed.author?.name, DISCORD_LIMITS.embedAuthorName, out);
    const fields = embed.fields ?? [];
    if (fields.length > DISCORD_LIMITS.embedFields) {
      out.push({
        path: [...at, 'fields'],
        code: 'BASE_TYPE_MAX_LENGTH',
        message: `Must be ${DISCORD_LIMITS.embedFields} or fewer in length.`,
      });
    }
    fields.forEach((field, j) => {
      if (field === null || typeof field !== 'object') return;
      for (const key of ['name', 'value'] as const) {
        const value = field[key];
        if (typeof value === 'string' && value.trim() === '') {
          out.push({ path: [...at, 'fields', j, key], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
        }
      }
      maxLength([...at, 'fields', j, 'name'], field.name, DISCORD_LIMITS.embedFieldName, out);
      maxLength([...at, 'fields', j, 'value'], field.value, DISCORD_LIMITS.embedFieldValue, out);
    });
    total += embedTextLength(embed);
  });
  if (total > DISCORD_LIMITS.embedTotal) {
    out.push({
      path: [...prefix, 'embeds'],
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: `Embed size exceeds maximum size of ${DISCORD_LIMITS.embedTotal}`,
    });
  }
  return out;
}

/** True when a message has nothing to show: Discord answers 50006 "Cannot send an empty message". */
export function isEmptyMessage(message: MessageLike): boolean {
  const has = (list: unknown[] | null | undefined) => Array.isArray(list) && list.length > 0;
  return (
    (message.content ?? '') === '' &&
    !has(message.embeds) &&
    !has(message.components) &&
    !has(message.attachments) &&
    !has(message.sticker_ids) &&
    (message.poll === undefined || message.poll === null)
  );
}

export function threadNameErrors(name: string | null | undefined, path: Array<string | number>): FieldError[] {
  if (name === null || name === undefined) return [];
  const length = discordLength(name);
  return length < 1 || length > DISCORD_LIMITS.threadName
    ? [{ path, code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between 1 and ${DISCORD_LIMITS.threadName} in length.` }]
    : [];
}

export function appliedTagsErrors(tags: unknown[] | null | undefined, path: Array<string | number>): FieldError[] {
  return Array.isArray(tags) && tags.length > DISCORD_LIMITS.appliedTags
    ? [{ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${DISCORD_LIMITS.appliedTags} or fewer in length.` }]
    : [];
}
