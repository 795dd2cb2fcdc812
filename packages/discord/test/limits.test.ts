import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertWithinLimits,
  chunkEmbeds,
  DISCORD_LIMITS,
  DiscordLimitError,
  embedsLength,
  fitEmbed,
  fitLines,
  fitMessage,
  fitThreadName,
  truncate,
} from '../src/index.ts';

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly ten', 11, 'exactly ten'],
    ['a longer sentence', 8, 'a longe…'],
    ['', 5, ''],
  ])('%j to %i → %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate('ab😀😀😀', 4);
    expect(cut.length).toBeLessThanOrEqual(4);
    expect(() => encodeURIComponent(cut)).not.toThrow();
  });

  it('always fits and never leaves a lone surrogate (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 1, max: 200 }), (text, max) => {
        const cut = truncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cut.isWellFormed()).toBe(true);
      }),
    );
  });
});

describe('fitLines', () => {
  it('keeps every line when they fit', () => {
    expect(fitLines(['a', 'b'], 10, (n) => `+${n}`)).toBe('a\nb');
  });
  it('ends with a count of the lines left out', () => {
    const text = fitLines(['aaaa', 'bbbb', 'cccc', 'dddd'], 17, (n) => `… and ${n} more`);
    expect(text).toBe('aaaa\n… and 3 more');
    expect(text.length).toBeLessThanOrEqual(17);
  });
});

describe('message limits', () => {
  it('cuts every embed field to its limit', () => {
    const embed = fitEmbed({
      title: 'x'.repeat(300),
      description: 'y'.repeat(5000),
      fields: Array.from({ length: 30 }, () => ({ name: 'n'.repeat(300), value: 'v'.repeat(2000) })),
      footer: { text: 'f'.repeat(3000) },
    });
    expect(embed.title).toHaveLength(DISCORD_LIMITS.embedTitle);
    expect(embed.description).toHaveLength(DISCORD_LIMITS.embedDescription);
    expect(embed.fields).toHaveLength(DISCORD_LIMITS.embedFields);
    expect(embed.fields?.[0]?.value).toHaveLength(DISCORD_LIMITS.embedFieldValue);
  });

  it('shrinks ten large embeds to the 6,000-character total and keeps footers whole', () => {
    const message = fitMessage({
      embeds: Array.from({ length: 12 }, (_, i) => ({
        title: `t${i}`,
        description: 'd'.repeat(3000),
        footer: { text: `cb:${i}` },
      })),
      allowed_mentions: { parse: [] },
    });
    expect(message.embeds).toHaveLength(10);
    expect(embedsLength(message.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(message.embeds.map((e) => e.footer?.text)).toEqual(Array.from({ length: 10 }, (_, i) => `cb:${i}`));
    expect(() => assertWithinLimits(message)).not.toThrow();
  });

  it('chunks embeds into messages of at most 10 and 6,000 characters', () => {
    const embeds = Array.from({ length: 25 }, (_, i) => ({ title: `t${i}`, description: 'd'.repeat(1000) }));
    const chunks = chunkEmbeds(embeds);
    expect(chunks.flat()).toHaveLength(25);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(10);
      expect(embedsLength(chunk)).toBeLessThanOrEqual(6000);
    }
  });

  it.each([
    ['no allowed_mentions', { embeds: [{ title: 'x' }] }],
    ['allowed_mentions that parse everyone', { content: 'x', embeds: [], allowed_mentions: { parse: ['everyone'] } }],
    ['content over 2,000', { content: 'x'.repeat(2001), embeds: [], allowed_mentions: { parse: [] } }],
    ['eleven embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 'x' })), allowed_mentions: { parse: [] } }],
    ['an empty message', { embeds: [], allowed_mentions: { parse: [] } }],
    [
      'a thread name over 100',
      { content: 'x', embeds: [], allowed_mentions: { parse: [] }, thread_name: 'n'.repeat(101) },
    ],
  ])('refuses %s', (_name, payload) => {
    expect(() => assertWithinLimits(payload as never)).toThrow(DiscordLimitError);
  });

  it('makes a forum post name of 1–100 characters', () => {
    expect(fitThreadName('   ')).toBe('Untitled project');
    expect(fitThreadName('a\nb')).toBe('a b');
    expect(fitThreadName('z'.repeat(200))).toHaveLength(100);
  });
});
