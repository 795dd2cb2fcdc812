/// <reference path="../../testkit/src/discord/discord-api-spec.d.ts" />
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type FakeDiscord,
  type FakeGitHub,
  FaultPlan,
  runGit,
  startFakeDiscord,
  startFakeGitHub,
  type VirtualClock,
  virtualClock,
  withClientTimeouts,
} from '@circuitboard/testkit';
import { runSyncAction } from '../src/run.ts';

export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bundle = path.join(packageDir, 'dist/index.js');

/** Builds the action bundle once when it is missing (turbo builds it before tests in CI). */
export function ensureBundle(): void {
  if (existsSync(bundle)) return;
  execFileSync(process.execPath, [path.join(packageDir, '../../node_modules/tsup/dist/cli-default.js')], {
    cwd: packageDir,
    stdio: 'ignore',
  });
}

export const ZERO = '0'.repeat(40);

export interface World {
  gh: FakeGitHub;
  dc: FakeDiscord;
  /** The virtual clock in-process runs read; each run starts a minute after the last, a sleep moves it on. */
  clock: VirtualClock;
  /** Client-side timeouts for the next in-process runs' Discord requests (decided by the plan, never by a clock). */
  timeouts: FaultPlan<'timeout'>;
  dir: string;
  forum: string;
  status: string;
  webhookUrl: string;
  tags: Record<string, string>;
  /** Commits the files (path → content, null deletes) and returns the sha. */
  commit(files: Record<string, string | null>, message: string): Promise<string>;
  close(): Promise<void>;
}

export function projectYaml(
  options: { title?: string; status?: string; done?: string; dropped?: boolean; lead?: string } = {},
): string {
  const title = JSON.stringify(options.title ?? 'Induction heads across Pythia checkpoints');
  return `title: ${title}
status: ${options.status ?? 'active'}
summary: When do induction heads form during training?
leads:
  - github: ${options.lead ?? 'alice'}
members:
  - github: bob
milestones:
  - id: replicate
    title: Replicate the phase change on Pythia-70m
    due: 2026-11-15
${options.done ? `    done: ${options.done}\n` : ''}${options.dropped ? '    dropped: true\n' : ''}  - id: scan
    title: Scan all checkpoints of Pythia-410m
    due: 2026-12-20
`;
}

export async function startWorld(options: { configExtra?: string } = {}): Promise<World> {
  const gh = await startFakeGitHub();
  gh.createRepo('example', 'community', { files: { 'README.md': '# community\n' } });
  const dc = await startFakeDiscord({
    rateLimits: {
      messages: { limit: 50, windowMs: 100 },
      webhooks: { limit: 50, windowMs: 100 },
      routes: { limit: 50, windowMs: 100 },
    },
  });
  const guild = dc.createGuild('Mechanistic Interpretability');
  const forum = dc.createForumChannel(guild, {
    name: 'projects',
    tags: ['proposed', 'active', 'paused', 'completed', 'archived'],
  });
  const status = dc.createTextChannel(guild, { name: 'project-status' });
  const webhook = dc.createWebhook(forum, 'Circuitboard');
  const tags = Object.fromEntries(dc.tags(forum).map((t) => [t.name, t.id]));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cb-sync-e2e-'));
  await runGit(dir, ['init', '--quiet', '--initial-branch=main']);
  const config = `version: 1
community:
  name: Test community
discord:
  forum_channel: "${forum}"
  status_channel: "${status}"
  tags:
${Object.entries(tags)
  .map(([name, id]) => `    ${name}: "${id}"`)
  .join('\n')}
${options.configExtra ?? ''}`;
  const world: World = {
    gh,
    dc,
    clock: virtualClock('2026-11-20T08:00:00Z'),
    timeouts: new FaultPlan<'timeout'>(),
    dir,
    forum,
    status,
    webhookUrl: webhook.url,
    tags,
    async commit(files, message) {
      for (const [file, content] of Object.entries(files)) {
        const target = path.join(dir, file);
        if (content === null) await rm(target, { force: true });
        else {
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, content);
        }
      }
      await runGit(dir, ['add', '-A']);
      await runGit(dir, ['commit', '--quiet', '--allow-empty', '-m', message]);
      return (await runGit(dir, ['rev-parse', 'HEAD'])).trim();
    },
    async close() {
      await Promise.all([gh.close(), dc.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
  await world.commit({ '.github/circuitboard.yml': config }, 'config');
  return world;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs the action on the environment the runner gives it (GITHUB_*, INPUT_*, the event file): in process through its
 * composition (run.ts) on a virtual clock, or with `bundle: true` as the runner does, `node dist/index.js`.
 */
export async function runAction(
  world: World,
  event: { before?: string; after: string; name?: string },
  inputs: Record<string, string> = {},
  extraEnv: Record<string, string> = {},
  options: { bundle?: boolean } = {},
): Promise<ActionRun> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'cb-sync-run-'));
  try {
    const eventPath = path.join(tmp, 'event.json');
    const outputPath = path.join(tmp, 'output');
    const summaryPath = path.join(tmp, 'summary.md');
    await writeFile(outputPath, '');
    await writeFile(summaryPath, '');
    const name = event.name ?? 'push';
    const payload =
      name === 'push'
        ? {
            ref: 'refs/heads/main',
            before: event.before ?? ZERO,
            after: event.after,
            repository: { default_branch: 'main', full_name: 'example/community' },
          }
        : {
            ref: 'refs/heads/main',
            repository: { default_branch: 'main', full_name: 'example/community' },
            inputs: {},
          };
    await writeFile(eventPath, JSON.stringify(payload));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmp,
      GITHUB_EVENT_NAME: name,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'example/community',
      GITHUB_API_URL: world.gh.url,
      GITHUB_GRAPHQL_URL: world.gh.graphqlUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_SHA: event.after,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_WORKSPACE: world.dir,
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_RUN_ID: String(Math.floor(Math.random() * 1e9)),
      GITHUB_RUN_ATTEMPT: '1',
      'INPUT_GITHUB-TOKEN': 'ghs_testtoken123456',
      'INPUT_DISCORD-API-URL': world.dc.url,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      ...extraEnv,
    };
    const { code, stdout, stderr } = options.bundle
      ? await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
          execFile(process.execPath, [bundle], { env, cwd: world.dir }, (error, stdout, stderr) => {
            resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
          });
        })
      : await inProcess(world, env, outputPath, summaryPath);
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputs(await readFile(outputPath, 'utf8')),
      summary: await readFile(summaryPath, 'utf8'),
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The action in this process: workflow commands as the runner would print them, outputs and summary in the files. */
async function inProcess(
  world: World,
  env: Record<string, string>,
  outputPath: string,
  summaryPath: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const lines: string[] = [];
  const outputs: string[] = [];
  const summaries: string[] = [];
  let code = 0;
  world.clock.advance(60_000);
  await runSyncAction({
    env,
    core: {
      setSecret: (secret) => lines.push(`::add-mask::${secret}`),
      setOutput: (name, value) => outputs.push(`${name}<<EOF\n${value}\nEOF`),
      setFailed: (message) => {
        code = 1;
        lines.push(`::error::${message}`);
      },
      debug: () => {},
      info: (message) => lines.push(message),
      warning: (message) => lines.push(`::warning::${message}`),
      error: (message) => lines.push(`::error::${message}`),
      notice: (message) => lines.push(`::notice::${message}`),
    },
    summary: async (markdown) => void summaries.push(markdown),
    readFile: (file) => readFileSync(file, 'utf8'),
    now: world.clock.now,
    sleep: async (ms) => void world.clock.advance(ms),
    throttle: false,
    retryBaseMs: 0,
    discordTransport: withClientTimeouts(world.timeouts, (url, init) => fetch(url, init as RequestInit)) as never,
  });
  await writeFile(outputPath, outputs.map((o) => `${o}\n`).join(''));
  await writeFile(summaryPath, summaries.join(''));
  return { code, stdout: `${lines.join('\n')}\n`, stderr: '' };
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}
