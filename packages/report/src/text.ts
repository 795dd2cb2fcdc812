// Plain-text helpers shared by every renderer: cleaning text from people and cutting it to a length.

// C0/C1 controls (except tab and newline) and bidirectional overrides, which can disguise text.
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Removes control and bidi-override characters; keeps line breaks. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARACTERS, '');
}

/** One line: control characters removed, every run of whitespace (line breaks too) one space, trimmed. */
export function oneLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** User-perceived characters, as Bluesky counts them. */
export function graphemeLength(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/** Cuts to at most `max` UTF-16 code units (Discord's and GitHub's unit), never inside a grapheme, ending with "…". */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const budget = max - ellipsis.length;
  if (budget <= 0) return ellipsis.slice(0, Math.max(0, max));
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    if (out.length + segment.length > budget) break;
    out += segment;
  }
  return out.trimEnd() + ellipsis;
}

/** Cuts to at most `max` graphemes, ending with "…". */
export function truncateGraphemes(text: string, max: number, ellipsis = '…'): string {
  if (graphemeLength(text) <= max) return text;
  const budget = max - graphemeLength(ellipsis);
  let out = '';
  let count = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (count + 1 > budget) break;
    out += segment;
    count++;
  }
  return out.trimEnd() + ellipsis;
}

/** "1 milestone", "2 milestones". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** "a, b and c". */
export function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
