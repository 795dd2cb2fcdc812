import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  discordLink,
  escapeDiscord,
  escapeHtml,
  escapeMarkdown,
  markdownLink,
  plainText,
  safeHttpUrl,
} from '../src/escape.ts';
import { graphemeLength, truncate, truncateGraphemes } from '../src/text.ts';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '@everyone @here <@123456789012345678> <@&123> <#123>',
  '&#64;alice &lt;b&gt;',
  '# heading\n- list\n> quote',
  '| a | b |',
  '`code` **bold** _it_ ~~s~~',
  '\u202eevil\u202c',
];

describe('safeHttpUrl', () => {
  it.each([
    ['https://example.org/a b', 'https://example.org/a%20b'],
    ['http://example.org/x(1)', 'http://example.org/x%281%29'],
    ['javascript:alert(1)', null],
    ['JAVASCRIPT:alert(1)', null],
    ['data:text/html,<script>', null],
    ['/relative', null],
    ['https://user:pw@example.org/', null],
    ['  https://example.org  ', 'https://example.org/'],
    ['https://example.org/"onmouseover="x', 'https://example.org/%22onmouseover=%22x'],
  ])('%s → %s', (url, expected) => {
    expect(safeHttpUrl(url)).toBe(expected);
  });
});

describe('HTML', () => {
  it('turns markup into text', () => {
    expect(escapeHtml('<script>alert("x")</script>')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
  it('any text: no tag, no quote, no entity survives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = escapeHtml(text);
        expect(out).not.toMatch(/[<>"']/);
        expect(out.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
      }),
    );
  });
  it('drops bidi overrides and control characters', () => {
    expect(escapeHtml('a\u202eb\u0000c')).toBe('abc');
  });
});

describe('Markdown', () => {
  it.each(HOSTILE)('%s stays text', (text) => {
    const out = escapeMarkdown(text);
    expect(out).not.toMatch(/(^|[^\\])[<>[\]()`*_|#~&]/);
    expect(out).not.toMatch(/@[A-Za-z0-9]/);
    expect(out).not.toContain('\n');
  });
  it('neutralises mentions with a zero-width space (GitHub ignores \\@) but keeps e-mail addresses', () => {
    expect(escapeMarkdown('@alice and @org/team')).toBe('@\u200balice and @\u200borg/team');
    expect(escapeMarkdown('mail a@b.org')).toBe('mail a@b.org');
  });
  it('escapes what would start a list, heading or ordered list', () => {
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('# title')).toBe('\\# title');
  });
  it('any text: every markup character is escaped, no mention, one line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const out = escapeMarkdown(text);
        expect(out).not.toContain('\n');
        // Every special character is preceded by an odd number of backslashes.
        for (const match of out.matchAll(/(\\*)([<>[\]()`*_|#~&!{}$])/g)) expect((match[1] ?? '').length % 2).toBe(1);
        expect(out).not.toMatch(/(^|[^\p{L}\p{N}_.+-])@[\p{L}\p{N}_-]/u);
      }),
    );
  });
  it('links only to http(s)', () => {
    expect(markdownLink('x', 'javascript:alert(1)')).toBe('x');
    expect(markdownLink('a]b', 'https://example.org/(x)')).toBe('[a\\]b](https://example.org/%28x%29)');
  });
});

describe('Discord', () => {
  it('makes @everyone, @here and <@id> inert', () => {
    const out = escapeDiscord('@everyone hi @here <@123456789012345678> x@everyone');
    expect(out).not.toMatch(/@everyone|@here|(^|[^\\])<@/);
  });
  it('any text: no mention survives and Markdown is escaped', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const out = escapeDiscord(text);
        expect(out).not.toMatch(/@(everyone|here)/i);
        expect(out).not.toMatch(/(^|[^\\])<[@#&:t]/);
        expect(out).not.toContain('\n');
      }),
    );
  });
  it('links only to http(s)', () => {
    expect(discordLink('x', 'javascript:alert(1)')).toBe('x');
    expect(discordLink('x', 'https://example.org')).toBe('[x](https://example.org/)');
  });
});

describe('plain text for social posts', () => {
  it('neutralises mentions and keeps one line', () => {
    expect(plainText('hi @elon\nthere')).toBe('hi @\u200belon there');
  });
});

describe('truncation', () => {
  it('never cuts a grapheme in two', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 2, max: 80 }), (text, max) => {
        const out = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(Math.max(max, 1));
        expect(out.isWellFormed()).toBe(true);
        const g = truncateGraphemes(text, max);
        expect(graphemeLength(g)).toBeLessThanOrEqual(max);
      }),
    );
  });
  it('keeps family emoji whole', () => {
    expect(truncate('ab👨‍👩‍👧‍👦cd', 5)).toBe('ab…');
  });
});
