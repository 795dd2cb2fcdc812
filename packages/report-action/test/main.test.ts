import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DiscordMessage } from '@circuitboard/report';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../src/inputs.ts';
import { main, type ReportActionDeps } from '../src/main.ts';
import { sampleRepository } from './helpers.ts';

function fakes(overrides: Partial<ReportActionDeps> = {}) {
  const lines: string[] = [];
  const summaries: string[] = [];
  const deps: ReportActionDeps = {
    summary: async (markdown) => {
      summaries.push(markdown);
    },
    log: {
      info: (l) => lines.push(`info ${l}`),
      warning: (l) => lines.push(`warning ${l}`),
      notice: (l) => lines.push(`notice ${l}`),
    },
    // The cron for Monday 06:00 ran on Tuesday afternoon.
    now: () => new Date('2026-11-24T16:00:00Z'),
    ...overrides,
  };
  return { deps, lines, summaries };
}

const context = (workspace: string) => ({
  workspace,
  repository: { owner: 'mechinterp-community', repo: 'circuitboard' },
  repositoryUrl: 'https://github.com/mechinterp-community/circuitboard',
});

describe('report action main', () => {
  it('a late scheduled run still reports on last week, writes the files and the job summary, and sets outputs', async () => {
    const workspace = sampleRepository();
    const { deps, lines, summaries } = fakes();
    const outputs = await main(readInputs({}), context(workspace), deps);
    expect(outputs).toEqual({
      'json-path': path.join(workspace, 'reports/2026-W47.json'),
      'markdown-path': path.join(workspace, 'reports/2026-W47.md'),
      'html-path': path.join(workspace, 'reports/2026-W47.html'),
      'milestones-done': '1',
      'active-projects': '1',
      'new-contributors': '0',
      'out-dir': path.join(workspace, 'reports'),
      'artifact-name': 'circuitboard-report-2026-W47',
    });
    for (const file of Object.values(outputs).slice(0, 3)) expect(existsSync(file)).toBe(true);
    expect(summaries).toEqual([readFileSync(outputs['markdown-path'], 'utf8')]);
    expect(summaries[0]).toMatch(/^# Mechanistic Interpretability Discord — Week 47, 16–22 November 2026/);
    expect(lines).toContain('info wrote reports/2026-W47.html');
  });

  it('writes every file into out-dir, for the workflow to upload as one artifact named by the outputs', async () => {
    const workspace = sampleRepository();
    const { deps } = fakes();
    const outputs = await main(
      readInputs({ 'INPUT_OUT-DIR': 'out', INPUT_SINCE: '2026-11-01', INPUT_UNTIL: '2026-11-15' }),
      context(workspace),
      deps,
    );
    expect(outputs['out-dir']).toBe(path.join(workspace, 'out'));
    expect(outputs['artifact-name']).toBe('circuitboard-report-2026-11-01--2026-11-15');
    expect(readdirSync(outputs['out-dir']).sort()).toEqual(
      ['discord.json', 'html', 'json', 'md', 'newsletter.md', 'social.md'].map(
        (ext) => `2026-11-01--2026-11-15.${ext}`,
      ),
    );
  });

  it('posts the digest, and a Discord failure is a warning, not a lost report', async () => {
    const workspace = sampleRepository();
    const posted: { message: DiscordMessage; channelId: string | null }[] = [];
    const ok = fakes({ discord: { post: async (message, channelId) => void posted.push({ message, channelId }) } });
    await main(readInputs({ 'INPUT_DISCORD-CHANNEL-ID': '1100000000000000004' }), context(workspace), ok.deps);
    expect(posted[0]?.channelId).toBe('1100000000000000004');
    expect(posted[0]?.message.allowed_mentions).toEqual({ parse: [] });
    expect(posted[0]?.message.embeds[0]?.title).toBe('Mechanistic Interpretability Discord — week 47');

    const failing = fakes({
      discord: {
        post: async () => Promise.reject(new Error('could not post the weekly digest: the webhook was deleted')),
      },
    });
    const outputs = await main(readInputs({}), context(workspace), failing.deps);
    expect(outputs['milestones-done']).toBe('1');
    expect(failing.lines).toContain(
      'warning the Discord digest was not posted: could not post the weekly digest: the webhook was deleted',
    );
  });

  it('takes a week or a since/until window by hand', async () => {
    const workspace = sampleRepository();
    const { deps } = fakes();
    expect((await main(readInputs({ INPUT_WEEK: '2026-W45' }), context(workspace), deps))['json-path']).toMatch(
      /2026-W45\.json$/,
    );
    expect(
      (await main(readInputs({ INPUT_SINCE: '2026-11-01', INPUT_UNTIL: '2026-11-23' }), context(workspace), deps))[
        'milestones-done'
      ],
    ).toBe('2');
    await expect(main(readInputs({ INPUT_WEEK: '2026-W60' }), context(workspace), deps)).rejects.toThrow(
      /^2026-W60: 2026 has ISO weeks 01 to 53/,
    );
    await expect(main(readInputs({ INPUT_SINCE: '2026-11-01' }), context(workspace), deps)).rejects.toThrow(
      /^since and until go together/,
    );
  });

  it('a broken config fails with the file and line', async () => {
    const workspace = sampleRepository();
    const { deps, lines } = fakes();
    await expect(
      main(readInputs({ 'INPUT_CONFIG-PATH': 'projects/induction-heads-pythia/README.md' }), context(workspace), deps),
    ).rejects.toThrow(/has errors/);
    expect(
      lines.some((l) => l.startsWith('warning projects/induction-heads-pythia/README.md:') || l.includes('README.md')),
    ).toBe(true);
  });
});
