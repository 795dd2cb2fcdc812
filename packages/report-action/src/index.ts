// Composition root: the only file that reads the environment. It reads the inputs and the GITHUB_* variables
// once, builds the clients and calls main.
import * as core from '@actions/core';
import { DiscordClient } from '@circuitboard/discord';
import { createOctokit, githubEndpointsFromEnv, secretsToMask } from '@circuitboard/github';
import { readInputs } from './inputs.ts';
import { main, type ReportActionDeps } from './main.ts';

async function run(): Promise<void> {
  const env = process.env;
  for (const secret of secretsToMask(env)) core.setSecret(secret);
  const inputs = readInputs(env);
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const repository = owner && repo ? { owner, repo } : null;
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const workspace = env.GITHUB_WORKSPACE || process.cwd();

  const deps: ReportActionDeps = {
    summary: async (markdown) => {
      if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
    },
    log: { info: core.info, warning: core.warning, notice: core.notice },
    now: () => new Date(),
  };
  if (inputs.source === 'github') {
    const { baseUrl, graphqlUrl } = githubEndpointsFromEnv(env);
    // Octokit logs every non-2xx answer as an error, 304 Not Modified included; real errors are thrown anyway.
    deps.octokit = createOctokit({
      token: inputs.githubToken,
      baseUrl,
      graphqlUrl,
      log: { debug: core.debug, info: core.debug, warn: core.warning, error: core.debug },
    });
  }
  if (inputs.discordWebhookUrl || inputs.discordBotToken) {
    const client = new DiscordClient({
      apiBase: inputs.discordApiUrl,
      ...(inputs.discordWebhookUrl ? { webhookUrl: inputs.discordWebhookUrl } : {}),
      ...(inputs.discordBotToken ? { botToken: inputs.discordBotToken } : {}),
    });
    deps.discord = {
      post: async (message, channelId) => {
        if (client.hasWebhook) await client.executeWebhook(message, {}, 'post the weekly digest');
        else if (channelId) await client.createMessage(channelId, message, 'post the weekly digest');
        else throw new Error('bot mode needs discord-channel-id, or discord.digest_channel in the community config');
      },
    };
  }
  const outputs = await main(
    inputs,
    { workspace, repository, repositoryUrl: repository ? `${serverUrl}/${owner}/${repo}` : null },
    deps,
  );
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}

run().catch((error: unknown) => {
  core.setFailed(error instanceof Error ? error.message : String(error));
});
