/**
 * Makes text from people inert inside a Markdown table cell: no HTML, no links or emphasis,
 * no column breaks, no @mentions, no line breaks, no invisible characters.
 */
export function escapeMarkdownCell(text: string): string {
  let out = '';
  for (const char of text.replace(/\s+/g, ' ').trim()) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) continue;
    if (/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u061C\u00AD]/.test(char)) continue;
    out += ENTITIES[char] ?? (PUNCTUATION.has(char) ? `\\${char}` : char);
  }
  return out;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '@': '&#64;',
  '|': '&#124;',
};

/** Characters that start Markdown syntax inline; a backslash makes each literal. */
const PUNCTUATION = new Set(['\\', '`', '*', '_', '[', ']', '(', ')', '#', '!', '~', '$', ':']);

/**
 * An http(s) address as the target of a Markdown link inside a table: normalised by the URL parser (spaces, `<` and
 * `>` encoded) and with `(`, `)` and `|` encoded so that it can end neither the link nor the cell. Undefined when it
 * is not an http(s) address.
 */
export function markdownLinkTarget(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return parsed.href.replace(/[()|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return undefined;
  }
}
