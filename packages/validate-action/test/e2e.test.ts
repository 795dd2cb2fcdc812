/// <reference path="../../testkit/src/discord/discord-api-spec.d.ts" />
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEventTree, readProjectTree } from '@circuitboard/checkout';
import { loadRegistry, planGeneratedFiles } from '@circuitboard/core';
import { icsOptionsFor, loadCalendar, planCalendarFiles, teamsOf } from '@circuitboard/core/calendar';
import { type FakeGitHub, runGit, startFakeGitHub } from '@circuitboard/testkit';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(packageDir, 'dist/index.js');

beforeAll(async () => {
  if (!existsSync(bundle)) {
    await new Promise((resolve, reject) =>
      execFile(
        process.execPath,
        [path.join(packageDir, '../../node_modules/tsup/dist/cli-default.js')],
        { cwd: packageDir },
        (e) => (e ? reject(e) : resolve(undefined)),
      ),
    );
  }
});

const project = (options: { done?: string; status?: string; due?: string } = {}) => `title: "Induction heads @everyone"
status: ${options.status ?? 'active'}
summary: When do induction heads form?
leads:
  - github: alice
members:
  - github: bob
milestones:
  - id: replicate
    title: Replicate the phase change
    due: ${options.due ?? '2026-11-15'}
${options.done ? `    done: ${options.done}\n` : ''}`;

const P = 'projects/induction-heads/project.yml';

interface Setup {
  gh: FakeGitHub;
  dir: string;
  base: string;
  number: number;
}

let s: Setup;
let made: string[] = [];

async function commit(dir: string, files: Record<string, string | Buffer>, message: string): Promise<string> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  await runGit(dir, ['add', '-A']);
  await runGit(dir, ['commit', '--quiet', '-m', message]);
  return (await runGit(dir, ['rev-parse', 'HEAD'])).trim();
}

/** A checkout of a pull request (base on main, change on top) and the same pull request on the fake GitHub. */
async function pullRequest(change: Record<string, string | Buffer>, author = 'alice'): Promise<Setup> {
  const gh = await startFakeGitHub();
  gh.createRepo('example', 'community', { files: { 'README.md': '# community\n' } });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cb-validate-'));
  made.push(dir);
  await runGit(dir, ['init', '--quiet', '--initial-branch=main']);
  const baseFiles = { [P]: project() };
  const base = await commit(dir, baseFiles, 'base');
  // The generated index, CODEOWNERS and calendar files, as `circuitboard generate` writes them for the base and the change.
  const generate = async () => {
    const tree = await readProjectTree(dir);
    const registry = loadRegistry(tree, { today: '2026-11-24' });
    const calendar = loadCalendar(await readEventTree(dir), { teams: teamsOf(registry, tree.files) });
    const files = [
      ...planGeneratedFiles(registry, () => undefined),
      ...planCalendarFiles(calendar, () => undefined, icsOptionsFor({ community: { name: 'community' } })),
    ];
    for (const file of files) {
      await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
      await writeFile(path.join(dir, file.path), file.expected);
    }
  };
  await generate();
  const baseSha = await commit(dir, {}, 'generated').catch(() => base);
  await runGit(dir, ['checkout', '--quiet', '-b', 'change']);
  await commit(dir, change, 'change');
  await generate();
  await commit(dir, {}, 'generated').catch(() => undefined);
  gh.seedCommit('example/community', { branch: 'main', message: 'base', files: baseFiles });
  // The fake only lists the changed paths here; the action reads their bytes from the checkout.
  const changed = Object.fromEntries(Object.entries(change).map(([file, c]) => [file, c.toString('latin1')]));
  gh.seedCommit('example/community', { branch: 'change', message: 'change', files: changed });
  const issue = gh.seedIssue('example/community', {
    title: 'Change',
    user: author,
    pull: { head: 'change', base: 'main' },
  });
  return { gh, dir, base: baseSha, number: issue.number };
}

async function runValidate(setup: Setup, author = 'alice', fork = false) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'cb-validate-run-'));
  made.push(tmp);
  const eventPath = path.join(tmp, 'event.json');
  const summaryPath = path.join(tmp, 'summary.md');
  const outputPath = path.join(tmp, 'output');
  await writeFile(summaryPath, '');
  await writeFile(outputPath, '');
  await writeFile(
    eventPath,
    JSON.stringify({
      pull_request: {
        number: setup.number,
        user: { login: author },
        base: { sha: setup.base, ref: 'main', repo: { full_name: 'example/community' } },
        head: { sha: 'f'.repeat(40), repo: { full_name: fork ? `${author}/community` : 'example/community' } },
      },
    }),
  );
  const env = {
    PATH: process.env.PATH ?? '',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'example/community',
    GITHUB_API_URL: setup.gh.url,
    GITHUB_WORKSPACE: setup.dir,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    'INPUT_GITHUB-TOKEN': 'ghs_validate_token',
  };
  const result = await new Promise<{ code: number; stdout: string }>((resolve) =>
    execFile(process.execPath, [bundle], { env, cwd: setup.dir }, (error, stdout) =>
      resolve({ code: error ? 1 : 0, stdout }),
    ),
  );
  return { ...result, summary: await readFile(summaryPath, 'utf8'), outputs: await readFile(outputPath, 'utf8') };
}

function comments(setup: Setup) {
  return setup.gh.state('example/community').comments;
}

beforeEach(() => {
  made = [];
});
afterEach(async () => {
  s?.gh.assertNoViolations();
  await s?.gh.close();
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('the validate action', () => {
  it('says in plain words what the pull request does and what the sync will do, in one comment kept up to date', async () => {
    s = await pullRequest({ [P]: project({ done: '2026-11-12', status: 'paused' }) });
    const first = await runValidate(s);
    expect(first.code, first.stdout).toBe(0);
    const [comment] = comments(s);
    expect(comment?.body).toContain('<!-- circuitboard:pr-summary -->');
    expect(comment?.body).toContain('milestone *replicate* of *induction-heads* done (2026-11-12)');
    expect(comment?.body).toContain('status of *induction-heads*: active → paused');
    expect(comment?.body).toContain('GitHub: close the milestone `induction-heads: Replicate the phase change` (done)');
    expect(comment?.body).toContain('Discord: post 1 message in the thread of *induction-heads*');
    expect(comment?.body).not.toMatch(/(^|[^`])@everyone/);
    expect(comment?.body).not.toContain('⚠️');
    const again = await runValidate(s);
    expect(again.code).toBe(0);
    expect(comments(s)).toHaveLength(1);
  });

  it('puts each error on its line and fails', async () => {
    s = await pullRequest({ [P]: project({ due: '2026-02-30' }) });
    const run = await runValidate(s);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error title=invalid-date,file=projects\/induction-heads\/project\.yml,line=11,endLine=11,col=10,endColumn=20::due is not a real calendar date/,
    );
    expect(comments(s)[0]?.body).toMatch(/✗ 1 error/);
  });

  it('checks event files too: a wrong time zone is annotated on its line, a good event with its calendar passes', async () => {
    const talk = (timezone: string) =>
      `kind: event\ntitle: Office hours\ntimezone: ${timezone}\ndate: 2026-12-02\nstart: "17:00"\nduration: 1h\nlocation: { url: https://meet.example.org/x }\n`;
    s = await pullRequest({ 'events/office-hours.yml': talk('Europe/Londn') });
    const bad = await runValidate(s);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /::error title=timezone,file=events\/office-hours\.yml,line=3,endLine=3,col=11,endColumn=23::timezone "Europe\/Londn" is not an IANA time zone name; did you mean Europe\/London\?/,
    );
    await s.gh.close();
    s = await pullRequest({ 'events/office-hours.yml': talk('Europe/London') });
    const good = await runValidate(s);
    expect(good.code, good.stdout).toBe(0);
    expect(good.stdout).not.toContain('generated-out-of-date');
  });

  it('puts an error on the first byte that is not UTF-8, in a project.yml and in the config the pull request changes', async () => {
    s = await pullRequest({
      [P]: Buffer.from(project().replace('Induction heads', 'Têtes'), 'latin1'),
      '.github/circuitboard.yml': Buffer.from('version: 1\ncommunity:\n  name: Caf\xe9\n', 'latin1'),
    });
    const run = await runValidate(s);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error title=not-utf8,file=projects\/induction-heads\/project\.yml,line=1,(endLine=1,)?col=10\b.*::the file is not UTF-8 text: byte 0xEA/,
    );
    expect(run.stdout).toMatch(
      /::error title=not-utf8,file=\.github\/circuitboard\.yml,line=3,(endLine=3,)?col=12\b.*::the file is not UTF-8 text: byte 0xE9/,
    );
  });

  it('flags a change by someone who is not a lead or member, without pinging anyone', async () => {
    s = await pullRequest({ [P]: project({ status: 'paused' }) }, 'mallory');
    const run = await runValidate(s, 'mallory');
    expect(run.code).toBe(0);
    const body = comments(s)[0]?.body ?? '';
    expect(body).toContain(
      '⚠️ `@mallory` is not a lead or member of *induction-heads*; a lead (`@alice`) should review',
    );
    expect(body.replace(/`[^`]*`/g, '')).not.toMatch(/@\w/);
  });

  it('from a fork (read-only token) the summary goes to the job summary with a notice', async () => {
    s = await pullRequest({ [P]: project({ done: '2026-11-12' }) }, 'bob');
    s.gh.faults.next({ kind: '5xx', status: 403, method: 'POST', path: /\/comments$/ });
    const run = await runValidate(s, 'bob', true);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(
      /::notice::the summary could not be posted as a comment \(this pull request comes from a fork/,
    );
    expect(run.summary).toContain('milestone *replicate* of *induction-heads* done');
    expect(comments(s)).toHaveLength(0);
    expect(
      run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain('ghs_validate_token');
  });
});
