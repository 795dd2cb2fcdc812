import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedMentions,
  escapeMarkdown,
  neutraliseMentions,
  safeBlock,
  safeInline,
  safePlain,
  stripInvisible,
} from '../src/index.ts';

const MENTION = /@(everyone|here)|<@[!&]?\d|<#\d|<\/\w/i;
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

describe('text from people never pings', () => {
  it.each([
    ['@everyone <@&1>', '@\u200beveryone <@\u200b&1>'],
    ['hi @here', 'hi @\u200bhere'],
    ['<@123456789012345678> and <@!1>', '<@\u200b123456789012345678> and <@\u200b!1>'],
    ['see <#1234>', 'see <#\u200b1234>'],
    ['run </deploy:1>', 'run <\u200b/deploy:1>'],
  ])('%j', (input, expected) => {
    expect(neutraliseMentions(input)).toBe(expected);
  });

  it('strips a zero-width space put between @ and everyone by the author', () => {
    expect(safeInline('@\u200beveryone')).not.toMatch(/@everyone/);
    expect(safeInline('@\u200beveryone')).toBe('@\u200beveryone');
  });

  it('no output of safeInline, safeBlock or safePlain contains a mention (property)', () => {
    const pieces = fc.constantFrom(
      '@',
      'everyone',
      'here',
      '<',
      '>',
      '#',
      '&',
      '!',
      '/',
      '1',
      '\u200b',
      '\u202e',
      '\u2066',
      ' ',
      '\n',
      '`',
      '*',
      'a',
    );
    const text = fc.array(fc.oneof(pieces, fc.string({ maxLength: 4 })), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (s) => {
        for (const out of [safeInline(s), safeBlock(s), safePlain(s, 100)]) {
          expect(out).not.toMatch(MENTION);
          expect(out).not.toMatch(BIDI);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('invisible characters', () => {
  it('removes bidi controls and zero-width characters', () => {
    expect(stripInvisible('abc\u202edef\u200b\u2066g\ufeffh')).toBe('abcdefgh');
  });
  it('keeps newlines and tabs', () => {
    expect(stripInvisible('a\r\nb\tc')).toBe('a\nb\tc');
  });
});

describe('markdown', () => {
  it.each([
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['[click](https://evil.example)', '\\[click\\]\\(https://evil.example\\)'],
    ['# heading', '\\# heading'],
    ['> quote', '\\> quote'],
    ['||spoiler||', '\\|\\|spoiler\\|\\|'],
    ['`code`', '\\`code\\`'],
  ])('escapes %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
  it('safeInline collapses lines into one', () => {
    expect(safeInline('a\n\n b')).toBe('a b');
  });
});

describe('allowed_mentions', () => {
  it('is { parse: [] } by default', () => {
    expect(allowedMentions()).toEqual({ parse: [] });
  });
  it('names only valid, unique user ids, at most 100', () => {
    const ids = Array.from({ length: 120 }, (_, i) => `${412345678901234567n + BigInt(i)}`);
    expect(allowedMentions(['412345678901234567', '412345678901234567', 'not-an-id']).users).toEqual([
      '412345678901234567',
    ]);
    expect(allowedMentions(ids).users).toHaveLength(100);
    expect(allowedMentions(ids).parse).toEqual([]);
  });
});
