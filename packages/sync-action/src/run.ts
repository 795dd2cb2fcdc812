// The composition of the action: reads its environment (handed in, never process.env), builds the clients and calls
// main. index.ts gives it the real process; tests give it an environment, a recorder and a virtual clock.
import { randomUUID } from 'node:crypto';
import { checkoutSource, hasCommit } from '@circuitboard/checkout';
import { createDiscordClient, type DiscordClientOptions } from '@circuitboard/discord';
import { apiSource, createOctokit, githubEndpointsFromEnv, parseRepository, secretsToMask } from '@circuitboard/github';
import { readInputs } from './inputs.ts';
import { type ActionContext, main } from './main.ts';

/** What the action needs from the machine it runs on: the runner (index.ts), or a test. */
export interface ActionPlatform {
  env: Record<string, string | undefined>;
  /** The parts of @actions/core the action uses. */
  core: {
    setSecret(secret: string): void;
    setOutput(name: string, value: string): void;
    setFailed(message: string): void;
    debug(message: string): void;
    info(message: string): void;
    warning(message: string): void;
    error(message: string): void;
    notice(message: string): void;
  };
  /** Appends to the job summary (GITHUB_STEP_SUMMARY). */
  summary(markdown: string): Promise<void>;
  readFile(path: string): string;
  now(): Date;
  sleep(ms: number): Promise<void>;
  /**
   * Space GitHub writes a second apart (Octokit's throttling, GitHub's advice for real runs); by default as
   * createOctokit decides. Tests on a virtual clock turn it off; the write pacer still keeps the minute's and hour's
   * budgets on that clock.
   */
  throttle?: boolean;
  /** Octokit's back-off unit for retries (default 1000 ms); tests on a virtual clock pass 0. */
  retryBaseMs?: number;
  /** Replaces the HTTP transports (tests inject client-side timeouts). */
  fetch?: typeof fetch;
  discordTransport?: DiscordClientOptions['makeRequest'];
}

const ZERO = /^0{40}$/;

export async function runSyncAction(platform: ActionPlatform): Promise<void> {
  const { env, core } = platform;
  try {
    // First of all, before an input is even checked: no secret may reach a log.
    for (const secret of secretsToMask(env)) core.setSecret(secret);
    const inputs = readInputs(env);
    const eventName = env.GITHUB_EVENT_NAME ?? 'push';
    const payload = env.GITHUB_EVENT_PATH
      ? (JSON.parse(platform.readFile(env.GITHUB_EVENT_PATH)) as Record<string, unknown>)
      : {};
    const repository = parseRepository(env.GITHUB_REPOSITORY);
    const repoPayload = (payload.repository ?? {}) as { default_branch?: string };
    const sha = (eventName === 'push' && typeof payload.after === 'string' ? payload.after : env.GITHUB_SHA) ?? '';
    const ref = (typeof payload.ref === 'string' ? payload.ref : env.GITHUB_REF) ?? '';
    if (eventName === 'push' && ZERO.test(sha)) {
      // A deleted branch: there is no commit to read, and nothing to announce.
      core.notice(`the push deleted ${ref || 'a branch'} (its new commit is all zeros): nothing to sync`);
      core.setOutput('created', '0');
      core.setOutput('updated', '0');
      core.setOutput('failed', '0');
      core.setOutput('summary', 'skipped: the push deleted a branch');
      return;
    }
    if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`no commit to sync: GITHUB_SHA is ${JSON.stringify(sha)}`);
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
    const github = createOctokit({
      token: inputs.githubToken,
      baseUrl,
      graphqlUrl,
      ...(platform.throttle === undefined ? {} : { throttle: platform.throttle }),
      ...(platform.retryBaseMs === undefined ? {} : { retryBaseMs: platform.retryBaseMs }),
      log: { debug: core.debug, info: core.debug, warn: core.warning, error: core.warning },
      ...(platform.fetch ? { fetch: platform.fetch } : {}),
    });
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
            ...(platform.discordTransport ? { makeRequest: platform.discordTransport } : {}),
          })
        : undefined;
    const result = await main(inputs, context, {
      github,
      ...(discord ? { discord } : {}),
      source: local ? checkoutSource(workspace) : apiSource(github, repository),
      summary: platform.summary,
      output: (name, value) => core.setOutput(name, value),
      log: { info: core.info, warning: core.warning, error: core.error, notice: core.notice },
      now: platform.now,
      sleep: platform.sleep,
    });
    if (!result.ok) core.setFailed(result.failure ?? 'the sync failed');
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
