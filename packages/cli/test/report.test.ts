import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { validateReportModel } from '@circuitboard/report';
import { commitFolder } from '@circuitboard/testkit';
import { describe, expect, it } from 'vitest';
import { emptyDir, run, sampleCheckout } from './helpers.ts';

/** The sample checkout as a git repository whose history starts on `date`. */
function sampleRepository(date = '2026-10-01T12:00:00Z'): string {
  const dir = sampleCheckout();
  commitFolder(dir, { date });
  return dir;
}

const FILES = [
  '2026-W47.discord.json',
  '2026-W47.html',
  '2026-W47.json',
  '2026-W47.md',
  '2026-W47.newsletter.md',
  '2026-W47.social.md',
];

describe('circuitboard report', () => {
  it('writes every rendering of last week’s report into reports/ and says where', async () => {
    const dir = sampleRepository();
    const result = await run(dir, 'report');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').sort()).toEqual(FILES.map((f) => `wrote ${path.join('reports', f)}`));
    expect(readdirSync(path.join(dir, 'reports')).sort()).toEqual(FILES);
    expect(result.stderr).toMatch(
      /^✓ Week 47, 16–22 November 2026: 1 milestone done, 1 project with activity, 0 new contributors; open reports\/2026-W47.html to read it\n$/,
    );
    const model = JSON.parse(readFileSync(path.join(dir, 'reports/2026-W47.json'), 'utf8'));
    expect(validateReportModel(model)).toEqual([]);
    expect(model.highlights[0]).toMatchObject({ kind: 'milestone-done', title: 'Scan all checkpoints of Pythia-410m' });
    expect(readFileSync(path.join(dir, 'reports/2026-W47.html'), 'utf8')).toContain(
      '<title>Mechanistic Interpretability Discord — Week 47, 16–22 November 2026</title>',
    );
  });

  it('writes byte-identical files when run again on the same checkout', async () => {
    const dir = sampleRepository();
    await run(dir, 'report', '--week', '2026-W47', '--out', 'a');
    await run(dir, 'report', '--week', '2026-W47', '--out', 'b');
    for (const file of FILES) {
      expect(readFileSync(path.join(dir, 'b', file), 'utf8')).toBe(readFileSync(path.join(dir, 'a', file), 'utf8'));
    }
  });

  it('takes --since and --until, and names the files after the range', async () => {
    const dir = sampleRepository();
    const result = await run(dir, 'report', '--since', '2026-11-01', '--until', '2026-11-23', '--out', 'out');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`wrote ${path.join('out', '2026-11-01--2026-11-23.html')}`);
    const model = JSON.parse(readFileSync(path.join(dir, 'out/2026-11-01--2026-11-23.json'), 'utf8'));
    expect(model.headline.milestonesDone).toBe(2);
  });

  it('uses last week’s report from the output folder for numbers it cannot count', async () => {
    const dir = sampleRepository();
    await run(dir, 'report', '--week', '2026-W46');
    const lastWeek = path.join(dir, 'reports/2026-W46.json');
    const json = JSON.parse(readFileSync(lastWeek, 'utf8'));
    expect(json.window.label).toBe('2026-W46');
    writeFileSync(lastWeek, 'not json');
    const result = await run(dir, 'report', '--week', '2026-W47');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/note: ignoring reports\/2026-W46.json: /);
  });

  it('works on a checkout without git history, from the files alone', async () => {
    const result = await run(sampleCheckout(), 'report', '--week', '2026-W47');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('note: 1 problem(s) in the input');
  });

  it.each([
    [['--week', '2026-W54'], /^circuitboard: 2026-W54: 2026 has ISO weeks 01 to 53/],
    [['--week', 'last'], /^circuitboard: "last" is not an ISO week; write the year, -W and two digits, like 2026-W47/],
    [['--since', '2026-11-01'], /^circuitboard: --since and --until go together/],
    [
      ['--week', '2026-W47', '--since', '2026-11-01', '--until', '2026-11-08'],
      /^circuitboard: give either --week or --since with --until/,
    ],
    [['--source', 'svn'], /^circuitboard: --source must be git or github, not "svn"/],
    [['--source', 'github'], /^circuitboard: --source github needs a token in GITHUB_TOKEN/],
  ])('refuses %j with exit 2 and a line that says what to write', async (args, message) => {
    const result = await run(emptyDir(), 'report', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
