// Composition root: the only file that reads the environment. It reads the inputs, the event payload
// (GITHUB_EVENT_PATH) and the GitHub endpoints once, builds the clients and calls main.
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import {
  createOctokit,
  createProposalGitHub,
  githubEndpointsFromEnv,
  proposalEventFromPayload,
  secretsToMask,
} from '@circuitboard/github';
import { createProposalAnnouncer } from './announce.ts';
import { readInputs } from './inputs.ts';
import { main } from './main.ts';

async function run(): Promise<void> {
  const env = process.env;
  for (const secret of secretsToMask(env)) core.setSecret(secret);
  const inputs = readInputs(env);
  const eventPath = env.GITHUB_EVENT_PATH;
  if (!eventPath)
    throw new Error('GITHUB_EVENT_PATH is not set; run this action from a workflow on issues or issue_comment');
  const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as {
    repository?: { default_branch?: string; html_url?: string };
  };
  const event = proposalEventFromPayload(env.GITHUB_EVENT_NAME, payload);
  if (!event) {
    core.info('the event has no issue: nothing to do (run this action on issues and issue_comment events)');
    core.setOutput('state', 'ignored');
    return;
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not set as owner/name');
  const { baseUrl, graphqlUrl } = githubEndpointsFromEnv(env);
  const octokit = createOctokit({
    token: inputs.githubToken,
    baseUrl,
    graphqlUrl,
    log: { debug: core.debug, info: core.debug, warn: core.warning, error: core.error },
  });
  const defaultBranch = payload.repository?.default_branch || 'main';
  const github = createProposalGitHub({ octokit, repository: { owner, repo }, defaultBranch });
  const discord = createProposalAnnouncer({
    apiBase: inputs.discordApiUrl,
    ...(inputs.discordBotToken ? { botToken: inputs.discordBotToken } : {}),
    ...(inputs.discordWebhookUrl ? { webhookUrl: inputs.discordWebhookUrl } : {}),
    repositoryUrl: payload.repository?.html_url || `${env.GITHUB_SERVER_URL || 'https://github.com'}/${owner}/${repo}`,
    defaultBranch,
    warn: (line) => core.warning(line),
  });
  const result = await main(inputs, event, {
    github,
    ...(discord ? { discord } : {}),
    summary: async (markdown) => {
      if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
    },
    output: (name, value) => core.setOutput(name, value),
    log: (line) => core.info(line),
    warn: (line) => core.warning(line),
    now: () => new Date(),
  });
  if (result.state !== 'ignored') core.info(`proposal #${event.issue.number}: ${result.state}`);
}

run().catch((error: unknown) => {
  core.setFailed(error instanceof Error ? error.message : String(error));
});
