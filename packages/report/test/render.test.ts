import { assertWithinLimits, DISCORD_LIMITS, embedsLength } from '@circuitboard/discord';
import { describe, expect, it } from 'vitest';
import type { Activity } from '../src/activity.ts';
import { compileReport } from '../src/compile.ts';
import { renderReport } from '../src/files.ts';
import type { ReportModel } from '../src/model.ts';
import { renderDiscordDigest } from '../src/render/discord.ts';
import { renderHtml } from '../src/render/html.ts';
import * as limits from '../src/render/limits.ts';
import { capBytes, renderJobSummary, renderMarkdownBody, splitMarkdown } from '../src/render/markdown.ts';
import { renderNewsletter } from '../src/render/newsletter.ts';
import { renderSocialPosts, xWeightedLength } from '../src/render/social.ts';
import { renderChart, sparkline } from '../src/render/svg.ts';
import { graphemeLength } from '../src/text.ts';
import { config, fixtureActivity, HOSTILE, PROJECTS, WINDOW } from './fixture.ts';

const model = compileReport(fixtureActivity(), { window: WINDOW, config: config() });

/** A community far bigger than any real one: 400 projects, hostile and very long text everywhere. */
function hugeModel(): ReportModel {
  const base = fixtureActivity();
  const long = `${HOSTILE} ${'🧠 long words '.repeat(30)}`.slice(0, 119);
  const projects = Array.from({ length: 400 }, (_, i) => ({
    slug: `project-${i}`,
    project: {
      ...(PROJECTS['induction-heads-pythia'] as NonNullable<(typeof PROJECTS)[string]>),
      title: `${i} ${long}`.slice(0, 120),
      status: (i % 5 === 0 ? 'proposed' : 'active') as 'active' | 'proposed',
      milestones: Array.from({ length: 8 }, (_, j) => ({
        id: `m${j}`,
        title: `${long} ${j}`.slice(0, 200),
        due: '2026-11-18',
        ...(j % 2 ? { done: '2026-11-19' } : {}),
      })),
    },
    addedOn: '2026-11-17',
  }));
  const activity: Activity = {
    ...base,
    projects,
    updates: projects.flatMap((p) =>
      Array.from({ length: 5 }, (_, k) => ({
        project: p.slug,
        path: `projects/${p.slug}/updates/2026-11-2${k % 3}-u${k}.md`,
        date: `2026-11-2${k % 3}`,
        topic: `u${k}`,
        heading: long,
      })),
    ),
  };
  return compileReport(activity, { window: WINDOW, config: config() });
}

describe('Markdown', () => {
  it('a job summary stays under 1 MiB, cut at a line with a note', () => {
    const huge = hugeModel();
    const summary = renderJobSummary(huge, { maxDetailedProjects: 1000 });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(limits.JOB_SUMMARY_MAX_BYTES);
    const capped = capBytes(`${'x'.repeat(100)}\n${'y'.repeat(100)}`, 200);
    expect(capped.startsWith(`${'x'.repeat(100)}\n\n_The report is longer`)).toBe(true);
  });

  it('for an issue, splits under 65,536 characters between blocks and repeats a table header', () => {
    const body = renderMarkdownBody(hugeModel(), { maxDetailedProjects: 1000 });
    expect(body.length).toBeGreaterThan(limits.GITHUB_BODY_MAX_CHARS);
    const parts = splitMarkdown(body);
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) {
      expect(part.length).toBeLessThan(limits.GITHUB_BODY_MAX_CHARS);
      expect(part).toContain(`(part ${i + 1} of ${parts.length})`);
    }
    const table = [
      '| a | b |',
      '| --- | --- |',
      ...Array.from({ length: 50 }, (_, i) => `| row ${i} | ${'x'.repeat(40)} |`),
    ].join('\n');
    const split = splitMarkdown(table, 1000);
    expect(split.length).toBeGreaterThan(1);
    for (const part of split) expect(part.startsWith('| a | b |\n| --- | --- |\n')).toBe(true);
  });

  it('a report that fits is one part without a part line', () => {
    expect(splitMarkdown(renderMarkdownBody(model))).toEqual([renderMarkdownBody(model)]);
  });
});

describe('text from people is inert in every format', () => {
  const rendered = renderReport(model);
  const byKind = Object.fromEntries(rendered.files.map((f) => [f.kind, f.content]));

  it('HTML: no script, no javascript: link, no raw markup from people', () => {
    const html = byKind.html as string;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/ on[a-z]+=/i);
  });

  it('Markdown, newsletter: markup escaped, mentions neutralised', () => {
    for (const text of [byKind.markdown, byKind.newsletter] as string[]) {
      expect(text).not.toContain('<script>');
      expect(text).not.toMatch(/\]\(javascript:/);
      expect(text).not.toMatch(/(^|[^\p{L}\p{N}_.+-])@everyone/u);
    }
  });

  it('Discord: never parses a mention, and no @everyone in the text', () => {
    const json = JSON.stringify(rendered.discord);
    expect(rendered.discord.allowed_mentions).toEqual({ parse: [] });
    expect(json).not.toMatch(/@everyone|@here/);
  });

  it('social drafts: mentions neutralised', () => {
    expect(rendered.social.x + rendered.social.bluesky).not.toMatch(/@everyone/);
  });
});

describe('Discord digest', () => {
  it('stays within every Discord limit even for a huge report', () => {
    const message = renderDiscordDigest(hugeModel(), { reportUrl: 'https://example.org/report.html' });
    expect(() => assertWithinLimits(message)).not.toThrow();
    expect(embedsLength(message.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(message.embeds[0]?.description).toContain('[Read the full report](https://example.org/report.html)');
  });
});

describe('social drafts', () => {
  it('fit X (280, weighted) and Bluesky (300 graphemes), even with long non-Latin titles', () => {
    for (const m of [model, hugeModel()]) {
      const posts = renderSocialPosts(m, { reportUrl: `https://example.org/${'a'.repeat(200)}` });
      expect(xWeightedLength(posts.x)).toBeLessThanOrEqual(limits.X_POST_MAX_WEIGHT);
      expect(graphemeLength(posts.bluesky)).toBeLessThanOrEqual(limits.BLUESKY_POST_MAX_GRAPHEMES);
      expect(posts.x).toContain('Full report: https://example.org/');
    }
  });

  it('X counts a link as 23 and CJK and emoji as 2', () => {
    expect(xWeightedLength('https://example.org/very/long/path/indeed/yes')).toBe(23);
    expect(xWeightedLength('日本')).toBe(4);
    expect(xWeightedLength('🧠a')).toBe(3);
  });
});

describe('HTML page', () => {
  const html = renderHtml(model);
  it('is self-contained with a strict CSP', () => {
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`,
    );
    expect(html).not.toMatch(/<(script|link rel="stylesheet"|img|iframe)/);
    expect(html).not.toMatch(/src="http/);
    expect(html).toContain('prefers-color-scheme:dark');
    expect(html).toContain('@media print');
  });

  it('has one accessible SVG chart per trend series', () => {
    const charts = html.match(/<svg [^>]*role="img"[^>]*>/g) ?? [];
    expect(charts).toHaveLength(3);
    expect(html.match(/<title id="chart-[a-z-]+-title">/g)).toHaveLength(3);
    expect(html.match(/<desc id="chart-[a-z-]+-desc">/g)).toHaveLength(3);
  });
});

describe('charts', () => {
  it('scale with the page (viewBox, width 100%) and are the same bytes every time', () => {
    const input = {
      id: 'c',
      title: 'T',
      description: 'D',
      labels: ['2026-W46', '2026-W47'],
      values: [3, 0],
      kind: 'bars' as const,
    };
    const svg = renderChart(input);
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="chart chart-bars" viewBox="0 0 \d+ \d+" width="100%"/,
    );
    expect(renderChart(input)).toBe(svg);
    expect(svg).not.toContain('NaN');
    expect(renderChart({ ...input, kind: 'line', values: [0, 0] })).not.toContain('NaN');
    expect(renderChart({ ...input, values: [], labels: [] })).toContain('</svg>');
  });
  it('sparklines show the shape in text', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe('▁▂▃▅█');
    expect(sparkline([0, 0])).toBe('▁▁');
  });
});

describe('newsletter', () => {
  it('is for members: highlights and news, no "needs attention" list', () => {
    const text = renderNewsletter(model);
    expect(text).toMatch(/^# What moved this week at Mechanistic Interpretability Discord/);
    expect(text).not.toContain('Needs attention');
    expect(text).toContain('## Welcome');
  });
});
