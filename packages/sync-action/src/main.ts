import { type RepositorySource, type SyncReport, syncRepository } from '@circuitboard/core/sync';
import { createDiscordDelivery, type DiscordClient, RENDERER_VERSION, redact } from '@circuitboard/discord';
import {
  createGitHubMirror,
  createGitLedgerStore,
  createWritePacer,
  type Octokit,
  type RepoRef,
} from '@circuitboard/github';
import type { SyncActionInputs } from './inputs.ts';
import { renderSummary, summaryLine } from './summary.ts';

/** What the run is about, read from GITHUB_* and the event payload once by the composition root. */
export interface ActionContext {
  eventName: string;
  repository: RepoRef;
  /** https://github.com (GITHUB_SERVER_URL). */
  serverUrl: string;
  /** The commit to sync: the push's `after`, else GITHUB_SHA. */
  sha: string;
  /** The push's `before`, when the event is a push. */
  before?: string;
  /** refs/heads/<branch> that was pushed or the workflow ran on. */
  ref: string;
  defaultBranch: string;
  runId: string;
}

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  notice(message: string): void;
}

/** The ports main works through; tests pass their own. */
export interface SyncActionDeps {
  github: Octokit;
  /** Absent when neither a webhook URL nor a bot token was given. */
  discord?: DiscordClient;
  source: RepositorySource;
  summary: (markdown: string) => Promise<void>;
  output: (name: string, value: string) => void;
  log: Logger;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface SyncActionResult {
  ok: boolean;
  /** Why the job fails, when it does. */
  failure?: string;
  report?: SyncReport;
}

/**
 * The sync action: reads the repository at the pushed commit, syncs GitHub and Discord through the delivery
 * ledger, and writes outputs and the job summary. Never reads process.env; never throws for a failed item (the
 * result says so, after everything else was done).
 */
export async function main(
  inputs: SyncActionInputs,
  context: ActionContext,
  deps: SyncActionDeps,
): Promise<SyncActionResult> {
  const secrets = [inputs.githubToken, inputs.discordBotToken ?? '', inputs.discordWebhookUrl ?? ''].filter(
    (s) => s.length >= 8,
  );
  const clean = (text: string) => redact(text, secrets);
  const log: Logger = {
    info: (m) => deps.log.info(clean(m)),
    warning: (m) => deps.log.warning(clean(m)),
    error: (m) => deps.log.error(clean(m)),
    notice: (m) => deps.log.notice(clean(m)),
  };
  if (context.ref !== `refs/heads/${context.defaultBranch}`) {
    log.notice(`sync runs only for the default branch ${context.defaultBranch}; ${context.ref} is left alone`);
    deps.output('created', '0');
    deps.output('updated', '0');
    deps.output('failed', '0');
    deps.output('summary', 'skipped: not the default branch');
    return { ok: true };
  }
  const pacer = createWritePacer({ now: () => deps.now().getTime(), ...(deps.sleep ? { sleep: deps.sleep } : {}) });
  const ledger = createGitLedgerStore({
    octokit: deps.github,
    ...context.repository,
    branch: inputs.ledgerBranch,
    pacer,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    log: log.info,
  });
  const mirror = createGitHubMirror({ octokit: deps.github, ...context.repository, pacer, log: log.info });
  const repository = {
    url: `${context.serverUrl.replace(/\/+$/, '')}/${context.repository.owner}/${context.repository.repo}`,
    branch: context.defaultBranch,
  };
  let discordMode: string | undefined;
  const client = deps.discord;
  if (!client)
    log.notice('Discord is not configured (no discord-webhook-url or discord-bot-token): only GitHub is synced');
  let report: SyncReport;
  try {
    report = await syncRepository(
      {
        mode: inputs.mode,
        to: context.sha,
        ...(context.before ? { before: context.before } : {}),
        configPath: inputs.configPath,
        today: deps.now().toISOString().slice(0, 10),
        repository,
        dryRun: inputs.dryRun,
        rendererVersion: RENDERER_VERSION,
        ...(inputs.dryRun ? { targets: { github: true, discord: client !== undefined } } : {}),
      },
      {
        source: deps.source,
        ledger,
        github: mirror,
        ...(client
          ? {
              discord: (config) => {
                const delivery = createDiscordDelivery({ client, config: config.discord, repository, log: log.info });
                discordMode = delivery.mode;
                return delivery;
              },
            }
          : {}),
        runId: context.runId,
        now: deps.now,
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
        log: log.info,
        ...(inputs.recreate ? { recreate: true } : {}),
      },
    );
  } catch (error) {
    const message = clean(error instanceof Error ? error.message : String(error));
    deps.output('created', '0');
    deps.output('updated', '0');
    deps.output('failed', '0');
    deps.output('summary', `not run: ${message.split('\n')[0]}`);
    await deps.summary(`## Circuitboard sync\n\nThe sync did not run: ${message}\n`);
    return { ok: false, failure: message };
  }
  const { result } = report;
  for (const line of report.lines) log.info(line);
  for (const warning of result.warnings) log.warning(warning);
  for (const item of result.items) if (item.outcome === 'failed') log.error(`${item.id}: ${item.detail ?? 'failed'}`);
  const total = (k: 'created' | 'updated' | 'failed') => result.counts.github[k] + result.counts.discord[k];
  deps.output('created', String(total('created')));
  deps.output('updated', String(total('updated')));
  deps.output('failed', String(total('failed')));
  deps.output('summary', clean(summaryLine(report)));
  await deps.summary(clean(renderSummary(report, { mode: inputs.mode, ...(discordMode ? { discordMode } : {}) })));
  log.info(summaryLine(report));
  if (!result.ok) return { ok: false, failure: `${total('failed')} item(s) failed; see the job summary`, report };
  return { ok: true, report };
}
