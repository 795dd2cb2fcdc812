import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveMentions, mentionsIn } from '../src/discord/mentions.ts';
import { DISCORD_LIMITS, discordLength, embedTextLength, isEmptyMessage, messageLimitErrors } from '../src/index.ts';

describe('discord-limits', () => {
  it.each([
    [{ content: 'x'.repeat(2000) }, []],
    [{ content: 'x'.repeat(2001) }, ['content']],
    [{ embeds: [{ title: 't'.repeat(256) }] }, []],
    [{ embeds: [{ title: 't'.repeat(257) }] }, ['embeds.0.title']],
    [{ embeds: [{ fields: [{ name: ' ', value: 'v' }] }] }, ['embeds.0.fields.0.name']],
  ])('%j breaks %j', (message, paths) => {
    expect(messageLimitErrors(message).map((e) => e.path.join('.'))).toEqual(paths);
  });

  it('counts embed text the way the 6000 total is defined', () => {
    expect(
      embedTextLength({
        title: 'ab',
        description: 'cd',
        fields: [{ name: 'e', value: 'f' }],
        footer: { text: 'g' },
        author: { name: 'h' },
      }),
    ).toBe(8);
  });

  it('treats a message with only whitespace-free nothing as empty', () => {
    expect(isEmptyMessage({ content: '', embeds: [] })).toBe(true);
    expect(isEmptyMessage({ embeds: [{ title: 'x' }] })).toBe(false);
  });

  it('accepts any content within the limit and refuses any above it (code points)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 2100 }), (content) => {
        const broken = messageLimitErrors({ content }).length > 0;
        expect(broken).toBe(discordLength(content) > DISCORD_LIMITS.content);
      }),
    );
  });
});

describe('mentions', () => {
  it('reads user, role, @everyone and @here mentions from content', () => {
    expect(mentionsIn('<@123456789012345678> <@!223456789012345678> <@&323456789012345678> @everyone @here')).toEqual({
      users: ['123456789012345678', '223456789012345678'],
      roles: ['323456789012345678'],
      everyone: true,
      here: true,
    });
  });

  it('text from people never pings anyone when allowed_mentions is {parse: []}', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom('@everyone', '@here', '<@123456789012345678>', '<@&123456789012345678>'),
          ),
          {
            maxLength: 20,
          },
        ),
        (parts) => {
          const mentions = effectiveMentions(parts.join(' '), { parse: [] });
          expect(mentions).toEqual({ users: [], roles: [], everyone: false, here: false });
        },
      ),
    );
  });

  it('never notifies more than the content mentions, whatever allowed_mentions says', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.record(
          {
            parse: fc.subarray(['users', 'roles', 'everyone'] as const),
            users: fc.array(fc.constant('123456789012345678')),
          },
          { requiredKeys: [] },
        ),
        (content, allowed) => {
          const written = mentionsIn(content);
          const effective = effectiveMentions(content, allowed);
          expect(effective.users.every((u) => written.users.includes(u))).toBe(true);
          expect(effective.everyone && !written.everyone).toBe(false);
        },
      ),
    );
  });
});
