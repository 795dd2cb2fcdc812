// Files are read as bytes and decoded here, strictly: bytes that are not UTF-8 are an error at the position of the
// first bad byte, never U+FFFD passed on as if someone had written it. Every reader (disk, git, the GitHub API)
// hands its bytes to this module, so a file decodes the same wherever it comes from.
import type { Diagnostic } from './diagnostics.ts';

/** Where the first byte that is not UTF-8 is, counted as every diagnostic counts (the `yaml` parser's way). */
export interface Utf8Problem {
  /** Byte offset in the file. */
  offset: number;
  /** 1-based; lines end at `\n`. */
  line: number;
  /** 1-based, in UTF-16 code units of the text before it on its line (a leading byte order mark not counted). */
  column: number;
  /** The byte, 0–255. */
  byte: number;
}

export type DecodedText = { text: string; problem?: undefined } | { text?: undefined; problem: Utf8Problem };

/**
 * A UTF-8 byte order mark (EF BB BF) at the very start is dropped: some Windows editors write one, it is not
 * content, and text read from disk, git and the API must compare equal. Anywhere else U+FEFF is a character,
 * and the `invisible-character` rule reports it. Circuitboard never writes one.
 */
const BOM = [0xef, 0xbb, 0xbf] as const;

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function bomLength(bytes: Uint8Array): number {
  return bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? 3 : 0;
}

/** The text of `bytes` if they are UTF-8 (a leading byte order mark dropped), else where they stop being UTF-8. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const start = bomLength(bytes);
  try {
    return { text: strict.decode(bytes.subarray(start)) };
  } catch {
    return { problem: locate(bytes, start, firstInvalidByte(bytes, start)) };
  }
}

/**
 * Offset of the first byte that does not belong to a well-formed UTF-8 sequence (Unicode's table 3-7: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or -1. A sequence cut short is bad from its first byte, where
 * a lenient decoder would have put U+FFFD.
 */
export function firstInvalidByte(bytes: Uint8Array, from = 0): number {
  let i = from;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0; // overlong
      if (lead === 0xed) high = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90; // overlong
      if (lead === 0xf4) high = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}

function locate(bytes: Uint8Array, start: number, offset: number): Utf8Problem {
  let line = 1;
  let lineStart = start;
  for (let i = start; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // The bytes before the bad one are valid, so this decodes; its length is the column in UTF-16 code units.
  const column = strict.decode(bytes.subarray(lineStart, offset)).length + 1;
  return { offset, line, column, byte: bytes[offset] as number };
}

/** The error for a file that is not UTF-8, at its first bad byte, saying what to do. */
export function notUtf8Diagnostic(file: string, problem: Utf8Problem): Diagnostic {
  const hex = `0x${problem.byte.toString(16).toUpperCase().padStart(2, '0')}`;
  const utf16 = problem.offset === 0 && (problem.byte === 0xff || problem.byte === 0xfe);
  const guess = utf16 ? 'it looks like UTF-16' : 'it was probably saved as Windows-1252 or Latin-1';
  return {
    file,
    line: problem.line,
    column: problem.column,
    severity: 'error',
    rule: 'not-utf8',
    message: `the file is not UTF-8 text: byte ${hex} here does not belong to a UTF-8 character (${guess}); re-save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8) and check the characters at this place`,
  };
}

/** A file that is not UTF-8, as an error a caller can turn back into its diagnostic. */
export class NotUtf8Error extends Error {
  readonly diagnostic: Diagnostic;

  constructor(diagnostic: Diagnostic) {
    super(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}`);
    this.name = 'NotUtf8Error';
    this.diagnostic = diagnostic;
  }
}

/** The text of one file, or a {@link NotUtf8Error} naming the file, line and column of the first bad byte. */
export function decodeUtf8File(bytes: Uint8Array, file: string): string {
  const decoded = decodeUtf8(bytes);
  if (decoded.problem) throw new NotUtf8Error(notUtf8Diagnostic(file, decoded.problem));
  return decoded.text;
}
