// Composition root: the only place that reads the environment; everything else is main(inputs, context, deps).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { checkoutSource, hasCommit, readCheckoutFile, readEventTree, readProjectTree } from '@circuitboard/checkout';
import {
  apiSource,
  createOctokit,
  githubEndpointsFromEnv,
  listPullRequestFiles,
  parseRepository,
  secretsToMask,
} from '@circuitboard/github';
import { readInputs } from './inputs.ts';
import { main, type PullRequestContext } from './main.ts';

interface PullPayload {
  number: number;
  user?: { login?: string };
  base: { sha: string; ref: string; repo?: { full_name?: string } };
  head: { sha: string; repo?: { full_name?: string } | null };
}

function gitDiffNames(dir: string, base: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['diff', '--name-only', '--no-renames', `${base}...HEAD`],
      { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(String(stdout).split('\n').filter(Boolean))),
    );
  });
}

async function run(): Promise<void> {
  const env = process.env;
  for (const secret of secretsToMask(env)) core.setSecret(secret);
  const inputs = readInputs(env);
  const payload = env.GITHUB_EVENT_PATH
    ? (JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: PullPayload })
    : {};
  const pull = payload.pull_request;
  if (!pull) {
    core.notice(`validate runs on pull_request events; ${env.GITHUB_EVENT_NAME ?? 'this event'} has no pull request`);
    return;
  }
  const repository = parseRepository(env.GITHUB_REPOSITORY);
  const context: PullRequestContext = {
    repository,
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    number: pull.number,
    baseSha: pull.base.sha,
    baseRef: pull.base.ref,
    author: pull.user?.login ?? 'unknown',
    fromFork:
      (pull.head.repo?.full_name ?? '') !== (pull.base.repo?.full_name ?? `${repository.owner}/${repository.repo}`),
  };
  const { baseUrl, graphqlUrl } = githubEndpointsFromEnv(env);
  const github = createOctokit({ token: inputs.githubToken, baseUrl, graphqlUrl });
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const local = await hasCommit(workspace, pull.base.sha);
  const result = await main(inputs, context, {
    github,
    checkout: {
      readTree: () => readProjectTree(workspace),
      readEvents: () => readEventTree(workspace),
      readFile: (file) => readCheckoutFile(workspace, file),
    },
    source: local ? checkoutSource(workspace) : apiSource(github, repository),
    async changedFiles() {
      try {
        return (await listPullRequestFiles(github, repository, pull.number)).flatMap((f) =>
          f.previousPath ? [f.path, f.previousPath] : [f.path],
        );
      } catch (error) {
        if (!local) throw error;
        core.info(`listing the files through the API failed (${(error as Error).message}); using git diff`);
        return gitDiffNames(workspace, pull.base.sha);
      }
    },
    annotate(d) {
      const properties = {
        title: d.rule,
        file: d.file,
        startLine: d.line,
        startColumn: d.column,
        ...(d.endLine ? { endLine: d.endLine } : {}),
        ...(d.endColumn && (d.endLine ?? d.line) === d.line ? { endColumn: d.endColumn } : {}),
      };
      if (d.severity === 'error') core.error(d.message, properties);
      else core.warning(d.message, properties);
    },
    summary: async (markdown) => {
      if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
      else core.info(markdown);
    },
    output: (name, value) => core.setOutput(name, value),
    log: { info: core.info, notice: core.notice, warning: core.warning },
    now: () => new Date(),
  });
  if (!result.ok) core.setFailed(result.failure ?? 'validation failed');
}

run().catch((error: unknown) => {
  core.setFailed(error instanceof Error ? error.message : String(error));
});
