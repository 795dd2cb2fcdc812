// The self-contained "Get involved" and "Compute requests" sections in each rendering, and the list fitting they use.
import { assertWithinLimits, DISCORD_LIMITS } from '@circuitboard/discord';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileReport } from '../src/compile.ts';
import { renderReport } from '../src/files.ts';
import {
  type OpenRole,
  parseReportModel,
  type ReportModel,
  SCHEMA_VERSION,
  validateReportModel,
} from '../src/model.ts';
import { computeHtml, computeMarkdown, MAX_COMPUTE_REQUESTS } from '../src/render/compute.ts';
import { renderDiscordDigest } from '../src/render/discord.ts';
import { fitList } from '../src/render/fit.ts';
import {
  getInvolvedDiscordField,
  getInvolvedHtml,
  getInvolvedMarkdown,
  getInvolvedNewsletter,
  MAX_ROLES_LISTED,
  MAX_ROLES_SKIMMED,
} from '../src/render/get-involved.ts';
import { renderNewsletter } from '../src/render/newsletter.ts';
import { config, fixtureActivity, HOSTILE, WINDOW } from './fixture.ts';

const base = compileReport(fixtureActivity(), { window: WINDOW, config: config() });

function role(i: number, newcomerFriendly = false): OpenRole {
  return {
    project: { slug: `p-${i}`, title: `Project ${i}`, url: `https://github.com/o/r/tree/HEAD/projects/p-${i}` },
    role: `Role number ${i}`,
    skills: ['python'],
    hoursPerWeek: 2,
    newcomerFriendly,
  };
}

function withRoles(roles: OpenRole[]): ReportModel {
  return { ...base, getInvolved: { roles } };
}

describe('fitList', () => {
  const more = (n: number) => `… and ${n} more`;

  it('keeps everything that fits, and says how many were left out', () => {
    expect(fitList(['a', 'b'], { maxLines: 5, maxChars: 100, more })).toBe('a\nb');
    expect(fitList(['a', 'b', 'c'], { maxLines: 2, maxChars: 100, more })).toBe('a\nb\n… and 1 more');
    expect(fitList(['aaaaaaaa', 'bbbbbbbb', 'cccccccc'], { maxLines: 3, maxChars: 22, more })).toBe(
      'aaaaaaaa\n… and 2 more',
    );
  });

  it('never exceeds its limits, and every line is either kept whole or counted (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes('\n')),
          { maxLength: 60 },
        ),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 30, max: 1024 }),
        (lines, maxLines, maxChars) => {
          const text = fitList(lines, { maxLines, maxChars, more });
          expect(text.length).toBeLessThanOrEqual(maxChars);
          const out = text === '' ? [] : text.split('\n');
          const note = /^… and (\d+) more$/.exec(out.at(-1) ?? '');
          const kept = note ? out.slice(0, -1) : out;
          expect(kept.length).toBeLessThanOrEqual(maxLines);
          expect(kept).toEqual(lines.slice(0, kept.length));
          expect(kept.length + Number(note?.[1] ?? 0)).toBe(lines.length);
        },
      ),
    );
  });
});

describe('Get involved', () => {
  it('is left out of every rendering when no role is open', () => {
    const none = withRoles([]);
    expect(getInvolvedMarkdown(none)).toEqual([]);
    expect(getInvolvedHtml(none)).toEqual([]);
    expect(getInvolvedDiscordField(none)).toBeUndefined();
    const files = renderReport(none).files;
    for (const kind of ['markdown', 'html'] as const) {
      expect(files.find((f) => f.kind === kind)?.content).not.toContain('Get involved');
    }
  });

  it('lists at most 30 roles in the Markdown and HTML reports, then counts the rest', () => {
    const model = withRoles(Array.from({ length: 45 }, (_, i) => role(i)));
    const markdown = getInvolvedMarkdown(model);
    expect(markdown.filter((line) => line.startsWith('- **'))).toHaveLength(MAX_ROLES_LISTED);
    expect(markdown).toContain('- … and 15 more roles');
    const html = getInvolvedHtml(model).join('\n');
    expect(html.match(/<li>/g)).toHaveLength(MAX_ROLES_LISTED);
    expect(html).toContain('… and 15 more roles');
  });

  it('marks newcomer-friendly roles with 🌱 in every format', () => {
    const model = withRoles([role(1, true), role(2)]);
    expect(getInvolvedMarkdown(model).filter((l) => l.startsWith('- '))).toEqual([
      '- 🌱 **Role number 1** in [Project 1](https://github.com/o/r/tree/HEAD/projects/p-1) — python · 2 h/week',
      '- **Role number 2** in [Project 2](https://github.com/o/r/tree/HEAD/projects/p-2) — python · 2 h/week',
    ]);
    expect(getInvolvedHtml(model).join('')).toContain('<span class="badge newcomer">🌱 newcomer-friendly</span>');
    expect(
      getInvolvedDiscordField(model)
        ?.value.split('\n')
        .map((l) => l.slice(0, 2)),
    ).toEqual(['🌱', '• ']);
    expect(getInvolvedNewsletter(model)).toContain(
      '- 🌱 **Role number 1** for [Project 1](https://github.com/o/r/tree/HEAD/projects/p-1) (python · 2 h/week)',
    );
  });

  it('keeps the digest field to 8 roles and Discord’s limit, however many and however long', () => {
    const long = Array.from({ length: 500 }, (_, i) => ({
      ...role(i, i % 3 === 0),
      role: `${HOSTILE} ${'r'.repeat(120)}`.slice(0, 120),
    }));
    for (const roles of [long, long.slice(0, 9), long.slice(0, 8)]) {
      const field = getInvolvedDiscordField(withRoles(roles));
      expect(field?.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFieldValue);
      const lines = field?.value.split('\n') ?? [];
      const listed = lines.filter((l) => !l.startsWith('… and'));
      expect(listed.length).toBeLessThanOrEqual(MAX_ROLES_SKIMMED);
      const hidden = Number(/… and ([\d,]+) more roles?/.exec(lines.at(-1) ?? '')?.[1]?.replace(',', '') ?? 0);
      expect(listed.length + hidden).toBe(roles.length);
      expect(field?.value).not.toMatch(/@everyone|(?<!\\)<script/);
      const message = renderDiscordDigest(withRoles(roles));
      expect(() => assertWithinLimits(message)).not.toThrow();
    }
  });

  it('is in the newsletter with the projects that just started and the proposals', () => {
    const newsletter = renderNewsletter(base);
    const section = newsletter.slice(newsletter.indexOf('## Get involved'));
    expect(section).toContain('4 roles are a good first step if you are new (🌱)');
    expect(section).toContain('🚀 Just started');
    expect(section).toContain('💡 Proposal');
  });
});

describe('Compute requests', () => {
  it('are for organisers: in the Markdown and HTML reports, never in the digest or the newsletter', () => {
    const files = Object.fromEntries(renderReport(base).files.map((f) => [f.kind, f.content]));
    expect(files.markdown).toContain('## Compute requests');
    expect(files.html).toContain('<h2 id="h-compute">Compute requests</h2>');
    for (const kind of ['discord', 'newsletter', 'social']) expect(files[kind]).not.toMatch(/A100|Compute requests/);
    // The JSON has them too, for anyone who builds on the model.
    expect(JSON.parse(files.json as string).compute.requests).toHaveLength(3);
  });

  it('keep the Markdown table to its columns whatever the request says, and cap the list', () => {
    const requests = Array.from({ length: 60 }, (_, i) => ({
      ...(base.compute.requests[0] as NonNullable<(typeof base.compute.requests)[0]>),
      request: `${HOSTILE} | ${i}`,
    }));
    const lines = computeMarkdown({ ...base, compute: { requests } }).filter((l) => l.startsWith('| ['));
    expect(lines).toHaveLength(MAX_COMPUTE_REQUESTS);
    for (const line of lines) expect(line.split(/(?<!\\)\|/).length).toBe(6);
    expect(computeMarkdown({ ...base, compute: { requests } })).toContain('| … and 10 more requests | | | |');
    expect(computeHtml({ ...base, compute: { requests: [] } })).toEqual([]);
  });
});

describe('report model version 2', () => {
  it('conforms to its JSON Schema', () => {
    expect(base.schemaVersion).toBe(SCHEMA_VERSION);
    expect(validateReportModel(base)).toEqual([]);
  });

  it("reads last week's report written by version 1, with empty new sections", () => {
    const { getInvolved: _g, compute: _c, ...rest } = base;
    const v1 = {
      ...rest,
      schemaVersion: 1,
      projects: base.projects.map((p) => ({ ...p, happened: p.happened.filter((h) => h.kind !== 'output-added') })),
    };
    const read = parseReportModel(JSON.stringify(v1));
    expect(read.schemaVersion).toBe(2);
    expect(read.getInvolved).toEqual({ roles: [] });
    expect(read.compute).toEqual({ requests: [] });
    expect(read.numbers).toEqual(base.numbers);
  });

  it('refuses a version it does not know, saying which', () => {
    expect(() => parseReportModel(JSON.stringify({ ...base, schemaVersion: 3 }), 'next.json')).toThrow(
      /next\.json: \/schemaVersion must be 2/,
    );
  });
});
