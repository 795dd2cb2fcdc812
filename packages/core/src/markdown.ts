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
