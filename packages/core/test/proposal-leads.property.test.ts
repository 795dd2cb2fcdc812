import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GITHUB_LOGIN_PATTERN } from '../src/model.ts';
import { parseLeads } from '../src/proposal/fields.ts';

const AUTHOR = 'author';

/** GitHub logins: letters and digits in hyphen-joined runs, at most 39 characters, never all digits. */
const login = fc
  .array(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('-').slice(0, 39).replace(/-+$/, ''))
  .filter((l) => GITHUB_LOGIN_PATTERN.test(l) && !/^\d+$/.test(l));

/** The ways people write one lead that all mean exactly that login. */
const written = (name: string) =>
  fc.constantFrom(
    `@${name}`,
    name,
    `https://github.com/${name}`,
    `github.com/${name}/`,
    `Alice Nguyen (@${name})`,
    `(@${name})`,
    `@${name}.`,
  );
const bullet = fc.constantFrom('', '- ', '* ', '+ ', '1. ', '2) ', '- [ ] ', '- [x] ');
const snowflake = fc.bigInt({ min: 10n ** 16n, max: 10n ** 20n - 1n }).map(String);
const mention = snowflake.chain((id) => fc.constantFrom(`<@${id}>`, `<@!${id}>`, `<@&${id}>`, `<#${id}>`));
/** Bits of text people paste into the Leads answer. */
const noise = fc.oneof(
  fc.constantFrom('@', '<', '>', '(', ')', ',', ';', '\n', ' ', '-', '.', '_No response_', 'and', 'lead:', '🧠'),
  login,
  snowflake,
  mention,
  fc.string({ maxLength: 12 }),
);

const leadsOf = (text: string) => parseLeads(text, AUTHOR);
const unique = (names: string[]) =>
  names.filter((n, i) => names.findIndex((m) => m.toLowerCase() === n.toLowerCase()) === i);

describe('the Leads answer, for any text', () => {
  it('reads every lead written in any accepted form, one a line or comma-separated, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(login, bullet), { minLength: 1, maxLength: 10 }).chain((rows) =>
          fc.record({
            names: fc.constant(rows.map(([name]) => name)),
            lines: fc.tuple(...rows.map(([name, prefix]) => written(name).map((w) => `${prefix}${w}`))),
            joiner: fc.constantFrom('\n', '\r\n', '\n\n', ', ', '; '),
          }),
        ),
        ({ names, joiner, lines }) => {
          // A bullet only counts at the start of a line.
          const unbulleted = (line: string) => line.replace(/^[-*+] \[[ x]\] |^[-*+] |^\d[.)] /, '');
          const text = joiner.includes('\n') ? lines.join(joiner) : lines.map(unbulleted).join(joiner);
          const result = leadsOf(text);
          expect(result.errors).toEqual([]);
          expect(result.value.map((p) => p.github)).toEqual(unique(names));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never drops a word next to a login: `@a b` and `b @a` are errors that say to write one login per line', () => {
    fc.assert(
      fc.property(login, login, fc.boolean(), (a, b, loginFirst) => {
        const line = loginFirst ? `@${a} ${b}` : `${b} @${a}`;
        const result = leadsOf(line);
        expect(result.errors).toHaveLength(1);
        expect(result.errors[0]).toContain('write one GitHub login per line, like `@alice`');
        expect(result.value).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never turns a Discord mention or a Discord id into a lead', () => {
    fc.assert(
      fc.property(
        fc.array(login, { maxLength: 3 }),
        snowflake,
        fc.constantFrom('<@ID>', '<@!ID>', '<@&ID>', '@ID', 'ID', '<@ID>, <@ID>'),
        fc.nat(),
        (names, id, shape, at) => {
          const lines = names.map((n) => `@${n}`);
          lines.splice(at % (lines.length + 1), 0, shape.replaceAll('ID', id));
          const result = leadsOf(lines.join('\n'));
          expect(result.value.map((p) => p.github)).not.toContain(id);
          expect(result.errors.length).toBeGreaterThan(0);
          expect(result.errors.join('\n')).toMatch(
            shape.includes('<')
              ? /is a Discord mention; write the lead's GitHub login/
              : /looks like a Discord user id/,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('invents no lead, and every error says what to write', () => {
    fc.assert(
      fc.property(fc.array(noise, { maxLength: 25 }), (parts) => {
        const text = parts.join('');
        const result = leadsOf(text);
        for (const { github } of result.value) {
          expect(GITHUB_LOGIN_PATTERN.test(github)).toBe(true);
          expect(text).toContain(github);
          expect(github).not.toMatch(/^\d{17,}$/);
        }
        for (const message of result.errors) {
          expect(message).toMatch(/like `@alice`|name at most \d+ leads|retype it|write plain text/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
