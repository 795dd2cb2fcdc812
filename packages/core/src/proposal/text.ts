import { SLUG_MAX_LENGTH } from '../model.ts';

/** Characters that change how text around them is displayed (Trojan Source), by code point. */
const BIDI_CONTROLS = new Map<number, string>([
  [0x061c, 'ARABIC LETTER MARK'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
]);

/** Characters that take no space, so two texts that look the same differ. */
const INVISIBLE = new Map<number, string>([
  [0x00ad, 'SOFT HYPHEN'],
  [0x034f, 'COMBINING GRAPHEME JOINER'],
  [0x115f, 'HANGUL CHOSEONG FILLER'],
  [0x1160, 'HANGUL JUNGSEONG FILLER'],
  [0x180e, 'MONGOLIAN VOWEL SEPARATOR'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x2060, 'WORD JOINER'],
  [0x2061, 'FUNCTION APPLICATION'],
  [0x2062, 'INVISIBLE TIMES'],
  [0x2063, 'INVISIBLE SEPARATOR'],
  [0x2064, 'INVISIBLE PLUS'],
  [0x3164, 'HANGUL FILLER'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE'],
  [0xffa0, 'HALFWIDTH HANGUL FILLER'],
]);

export function codePointLabel(char: string): string {
  const cp = char.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = BIDI_CONTROLS.get(cp) ?? INVISIBLE.get(cp);
  return name ? `${hex} ${name}` : hex;
}

/**
 * The first character of `text` that has no place in a person's answer: bidi controls always,
 * invisible characters unless `allowInvisible`, control characters (newline and tab allowed
 * when `multiline`), lone surrogates. Matches the rules core applies to project.yml text.
 */
export function findHiddenCharacter(
  text: string,
  options: { multiline: boolean; allowInvisible: boolean },
): { char: string; index: number; kind: 'bidi' | 'invisible' | 'control' | 'broken' } | undefined {
  let index = 0;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (BIDI_CONTROLS.has(cp)) return { char, index, kind: 'bidi' };
    if (!options.allowInvisible && INVISIBLE.has(cp)) return { char, index, kind: 'invisible' };
    if (cp >= 0xd800 && cp <= 0xdfff) return { char, index, kind: 'broken' };
    const isControl = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
    if (isControl && !(options.multiline && (cp === 0x0a || cp === 0x09))) return { char, index, kind: 'control' };
    index += 1;
  }
  return undefined;
}

export function describeHiddenCharacter(found: NonNullable<ReturnType<typeof findHiddenCharacter>>): string {
  const where = `at character ${found.index + 1}`;
  switch (found.kind) {
    case 'bidi':
      return `contains an invisible direction control (${codePointLabel(found.char)}) ${where}, which can make text display differently from what it says; retype it without copying from elsewhere`;
    case 'invisible':
      return `contains an invisible character (${codePointLabel(found.char)}) ${where}; retype it without copying from elsewhere`;
    case 'broken':
      return `contains a broken character ${where}; retype it`;
    default:
      return `contains a control character (${codePointLabel(found.char)}) ${where}; write plain text`;
  }
}

const DANGEROUS_TAG =
  /<\/?\s*(script|iframe|frame|frameset|style|object|embed|img|svg|math|a|form|input|button|link|meta|base|body|html|video|audio|source|textarea|select|template)\b[^>]{0,200}>?/i;
const SCRIPT_SCHEME = /\b(?:javascript|vbscript|data)\s*:/i;
const MASS_MENTION = /@(everyone|here)\b/i;
const MENTION = /(^|[^\w`])@([A-Za-z0-9][\w-]{0,38})/;
/** A Discord mention pasted as text: `<@id>`, `<@!id>`, `<@&role>`, `<#channel>`, `</command:id>`. */
export const DISCORD_MENTION = /<(?:@[!&]?|#|\/[\w -]{1,32}:)\d{1,20}>/;

/**
 * Why `text` cannot go where people read it as a name (a title, a milestone): mentions that
 * would ping on Discord or GitHub, HTML, script links. Undefined when it is fine.
 */
export function plainTextProblem(text: string, options: { allowMentions?: boolean } = {}): string | undefined {
  const mass = MASS_MENTION.exec(text);
  if (mass) return `contains \`@${mass[1]}\`; it would look like a ping on Discord, so leave it out`;
  const discord = DISCORD_MENTION.exec(text);
  if (discord) return `contains Discord mention syntax (\`${discord[0]}\`); write names in plain words`;
  const tag = DANGEROUS_TAG.exec(text);
  if (tag) return `contains HTML (\`<${tag[1]!.toLowerCase()}>\`); write plain text, and put code in backticks`;
  const scheme = SCRIPT_SCHEME.exec(text);
  if (scheme)
    return `contains a \`${scheme[0].replace(/\s+/g, '')}\` link; only http(s) links are allowed, in the Links field`;
  if (!options.allowMentions) {
    const mention = MENTION.exec(text);
    if (mention) return `mentions \`@${mention[2]}\`; a title can't mention people (list them under Leads instead)`;
  }
  return undefined;
}

const FOLD: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ł: 'l',
  Ł: 'l',
  þ: 'th',
  Þ: 'th',
  ð: 'd',
  ı: 'i',
};

/** Latin letters with accents become their ASCII base (é → e, ß → ss); other scripts are left as they are. */
export function asciiFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæÆœŒøØđĐłŁþÞðı]/g, (c) => FOLD[c] ?? c);
}

/** A slug from any text: ASCII-folded, lowercase, words joined by hyphens, cut at a word end within `max`. */
export function slugify(text: string, max = SLUG_MAX_LENGTH): string {
  const words = asciiFold(text)
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > max) {
      if (!slug) slug = word.slice(0, max);
      break;
    }
    slug = next;
  }
  return slug;
}

const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'on',
  'in',
  'for',
  'to',
  'and',
  'with',
  'at',
  'by',
  'from',
  'into',
]);

/** A short id from a title: its first few meaningful words (`Replicate the phase change on Pythia-70m` → `replicate-phase-change-pythia`). */
export function shortId(title: string, words = 4, max = 32): string {
  const meaningful = slugify(title, 1000)
    .split('-')
    .filter((w) => w && !STOP_WORDS.has(w));
  return slugify(meaningful.slice(0, words).join(' '), max);
}

/** Text shortened to `max` characters (whole code points) with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Inline code for any text: a backtick fence longer than any run inside, newlines flattened. */
export function inlineCode(text: string, max = 80): string {
  const flat = truncate(text.replace(/[\r\n]+/g, ' ⏎ '), max);
  const longest = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.trim() === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block whose fence no line of `text` can close early. */
export function codeBlock(text: string, language = ''): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`{3,}|~{3,}/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/** The script of the first non-ASCII letter of `text`, for messages about look-alike letters. */
export function describeNonAscii(text: string): string | undefined {
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) continue;
    let script = '';
    if (/\p{Script=Cyrillic}/u.test(char)) script = 'a Cyrillic letter';
    else if (/\p{Script=Greek}/u.test(char)) script = 'a Greek letter';
    else if (/\p{Script=Latin}/u.test(char)) script = 'an accented letter';
    else if (/\p{L}/u.test(char)) script = 'a non-Latin letter';
    else if (/\p{N}/u.test(char)) script = 'a non-ASCII digit';
    else script = 'a non-ASCII character';
    return `\`${char}\` (${codePointLabel(char)}, ${script})`;
  }
  return undefined;
}
