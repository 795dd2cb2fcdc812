// Composition root: the only place that reads the environment. Everything else is main(inputs, context, deps).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { checkoutSource, hasCommit } from '@circuitboard/checkout';
import { createDiscordClient } from '@circuitboard/discord';
import { apiSource, createOctokit, githubEndpointsFromEnv, parseRepository } from '@circuitboard/github';
import { readInputs } from './inputs.ts';
import { type ActionContext, main } from './main.ts';

async function run(): Promise<void> {
  const env = process.env;
  const inputs = readInputs(env);
  core.setSecret(inputs.githubToken);
  if (inputs.discordBotToken) core.setSecret(inputs.discordBotToken);
  if (inputs.discordWebhookUrl) {
    core.setSecret(inputs.discordWebhookUrl);
    const token = /\/webhooks\/\d+\/([^/?#\s]+)/.exec(inputs.discordWebhookUrl)?.[1];
    if (token) core.setSecret(token);
  }
  const eventName = env.GITHUB_EVENT_NAME ?? 'push';
  const payload = env.GITHUB_EVENT_PATH
    ? (JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>)
    : {};
  const repository = parseRepository(env.GITHUB_REPOSITORY);
  const repoPayload = (payload.repository ?? {}) as { default_branch?: string };
  const sha = (eventName === 'push' && typeof payload.after === 'string' ? payload.after : env.GITHUB_SHA) ?? '';
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`no commit to sync: GITHUB_SHA is ${JSON.stringify(sha)}`);
  const ref = (typeof payload.ref === 'string' ? payload.ref : env.GITHUB_REF) ?? '';
  const context: ActionContext = {
    eventName,
    repository,
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    sha,
    ref,
    defaultBranch: repoPayload.default_branch ?? ref.replace(/^refs\/heads\//, ''),
    runId: env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}.${env.GITHUB_RUN_ATTEMPT ?? '1'}` : randomUUID(),
  };
  if (eventName === 'push' && typeof payload.before === 'string') context.before = payload.before;
  const { baseUrl, graphqlUrl } = githubEndpointsFromEnv(env);
  const github = createOctokit({ token: inputs.githubToken, baseUrl, graphqlUrl });
  const workspace = env.GITHUB_WORKSPACE;
  const local = workspace !== undefined && (await hasCommit(workspace, sha));
  if (!local)
    core.notice(
      'no checkout with this commit: reading the repository through the GitHub API (events come from one diff of the range)',
    );
  const discord =
    inputs.discordWebhookUrl || inputs.discordBotToken
      ? createDiscordClient({
          apiBase: inputs.discordApiUrl,
          ...(inputs.discordWebhookUrl ? { webhookUrl: inputs.discordWebhookUrl } : {}),
          ...(inputs.discordBotToken ? { botToken: inputs.discordBotToken } : {}),
        })
      : undefined;
  const result = await main(inputs, context, {
    github,
    ...(discord ? { discord } : {}),
    source: local ? checkoutSource(workspace) : apiSource(github, repository),
    summary: async (markdown) => {
      if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
      else core.info(markdown);
    },
    output: (name, value) => core.setOutput(name, value),
    log: { info: core.info, warning: core.warning, error: core.error, notice: core.notice },
    now: () => new Date(),
  });
  if (!result.ok) core.setFailed(result.failure ?? 'the sync failed');
}

run().catch((error: unknown) => {
  core.setFailed(error instanceof Error ? error.message : String(error));
});
