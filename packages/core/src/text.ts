/** Characters that reorder text on screen (Trojan Source, CVE-2021-42574): LRE…RLO, LRI…PDI, LRM, RLM, ALM. */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
/** Zero-width and other invisible characters, plus C0/C1 controls other than tab and newline. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const ANY_SUSPICIOUS =
  /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF\u00AD\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

export interface SuspiciousCharacter {
  index: number;
  char: string;
  rule: 'bidi-control' | 'invisible-character';
  /** e.g. `U+202E` */
  codePoint: string;
}

/** The first bidi control, zero-width or control character in `text`, if any. */
export function findSuspiciousCharacter(text: string): SuspiciousCharacter | undefined {
  const match = ANY_SUSPICIOUS.exec(text);
  if (!match) return undefined;
  const char = match[0];
  return {
    index: match.index,
    char,
    rule: BIDI.test(char) ? 'bidi-control' : 'invisible-character',
    codePoint: codePoint(char),
  };
}

export function isSuspiciousCharacter(char: string): boolean {
  return BIDI.test(char) || INVISIBLE.test(char);
}

export function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Quotes text from people for a message, with invisible characters made visible and long text cut. */
export function quote(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : String(value);
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  let out = '';
  for (const char of cut) {
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (isSuspiciousCharacter(char)) out += `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`;
    else out += char;
  }
  return `"${out}"`;
}
