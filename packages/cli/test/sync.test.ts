/// <reference path="../../testkit/src/discord/discord-api-spec.d.ts" />
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runGit } from '@circuitboard/testkit';
import { describe, expect, it } from 'vitest';
import { emptyDir, run } from './helpers.ts';

const project = (done?: string) => `title: "Induction heads @everyone"
status: active
summary: When do induction heads form?
leads:
  - github: alice
milestones:
  - id: replicate
    title: Replicate the phase change
    due: 2026-11-15
${done ? `    done: ${done}\n` : ''}`;

async function repo(): Promise<{ dir: string; a: string; b: string }> {
  const dir = emptyDir();
  await runGit(dir, ['init', '--quiet', '--initial-branch=main']);
  const commit = async (content: string, message: string) => {
    mkdirSync(path.join(dir, 'projects/induction-heads'), { recursive: true });
    writeFileSync(path.join(dir, 'projects/induction-heads/project.yml'), content);
    await runGit(dir, ['add', '-A']);
    await runGit(dir, ['commit', '--quiet', '-m', message]);
    return (await runGit(dir, ['rev-parse', 'HEAD'])).trim();
  };
  const a = await commit(project(), 'add');
  const b = await commit(project('2026-11-12'), 'done');
  return { dir, a, b };
}

describe('circuitboard sync --dry-run', () => {
  it('says what the last commit will do on GitHub and Discord, offline', async () => {
    const { dir } = await repo();
    const { code, stdout, stderr } = await run(dir, 'sync', '--dry-run');
    expect(code).toBe(0);
    expect(stdout).toContain('milestone *replicate* of *induction-heads* done (2026-11-12)');
    expect(stdout).toContain('GitHub: close the milestone `induction-heads: Replicate the phase change` (done)');
    expect(stdout).toContain('Discord: update the forum post of *induction-heads*');
    expect(stdout).toContain('Discord: post 1 message in the thread of *induction-heads*');
    expect(stdout).toContain('Discord: update the status board');
    expect(stderr).toMatch(/nothing was changed/);
  });

  it('takes a range and prints JSON', async () => {
    const { dir, a, b } = await repo();
    const { code, stdout } = await run(dir, 'sync', '--dry-run', '--from', a, '--to', b, '--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { events: { type: string }[]; plan: string[] };
    expect(json.events.map((e) => e.type)).toEqual(['milestone.completed']);
    expect(json.plan.length).toBeGreaterThan(0);
  });

  it('from the first commit the project is new', async () => {
    const { dir, a } = await repo();
    const { stdout } = await run(dir, 'sync', '--dry-run', '--to', a);
    expect(stdout).toContain('Discord: create the forum post of *induction-heads* (`Induction heads @everyone`)');
    expect(stdout).toContain('GitHub: create the label `project:induction-heads`');
  });

  it.each([
    [['sync'], /only --dry-run/],
    [['sync', '--dry-run', '--to', 'nope'], /not a commit/],
    [['sync', '--dry-run', '--format', 'xml'], /--format must be text or json/],
  ])('%j is a usage error', async (argv, message) => {
    const { dir } = await repo();
    const { code, stderr } = await run(dir, ...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
