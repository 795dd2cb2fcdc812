// The report action: compile the report of the window, write the files, write the job summary, post the
// digest. The workflow uploads the files (actions/upload-artifact with the out-dir and artifact-name outputs). Never reads process.env: inputs and ports come in, outputs go back.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CommunityConfig,
  type CommunityConfig as Config,
  type Diagnostic,
  decodeUtf8,
  formatDiagnostic,
  notUtf8Diagnostic,
  parseConfigYaml,
} from '@circuitboard/core';
import type { Octokit } from '@circuitboard/github';
import { type DiscordMessage, resolveWindow, runReport, WindowError, writeReportFiles } from '@circuitboard/report';
import type { ReportInputs } from './inputs.ts';

export interface ReportActionContext {
  /** GITHUB_WORKSPACE: the checkout. */
  workspace: string;
  /** GITHUB_REPOSITORY, split. */
  repository: { owner: string; repo: string } | null;
  /** https://github.com/owner/name (GITHUB_SERVER_URL + repository), for links. */
  repositoryUrl: string | null;
}

export interface ReportActionDeps {
  /** Required for the github source. */
  octokit?: Octokit;
  /** Posts the digest; absent when no Discord input is given. `channelId` is for bot mode. */
  discord?: { post(message: DiscordMessage, channelId: string | null): Promise<void> };
  /** Appends Markdown to the job summary. */
  summary(markdown: string): Promise<void>;
  log: { info(line: string): void; warning(line: string): void; notice(line: string): void };
  now(): Date;
}

export interface ReportActionOutputs {
  'json-path': string;
  'markdown-path': string;
  'html-path': string;
  'milestones-done': string;
  'active-projects': string;
  'new-contributors': string;
  /** The folder the files were written to, for actions/upload-artifact's `path`. */
  'out-dir': string;
  /** `circuitboard-report-<window>`, for actions/upload-artifact's `name`. */
  'artifact-name': string;
}

async function loadConfig(file: string, fallbackName: string, log: ReportActionDeps['log']): Promise<Config> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    log.notice(
      `${path.basename(file)} not found; using the default settings (see docs/report.md to change thresholds)`,
    );
    return CommunityConfig.parse({ version: 1, community: { name: fallbackName } });
  }
  const decoded = decodeUtf8(bytes);
  const { config, diagnostics }: { config?: Config; diagnostics: Diagnostic[] } = decoded.problem
    ? { diagnostics: [notUtf8Diagnostic(file, decoded.problem)] }
    : parseConfigYaml(decoded.text, file);
  for (const d of diagnostics) log.warning(formatDiagnostic(d));
  if (!config) throw new Error(`${file} has errors (listed above); fix them, or run \`pnpm validate\` locally`);
  return config;
}

export async function main(
  inputs: ReportInputs,
  context: ReportActionContext,
  deps: ReportActionDeps,
): Promise<ReportActionOutputs> {
  const now = deps.now();
  let window: ReturnType<typeof resolveWindow>;
  try {
    window = resolveWindow({ week: inputs.week, since: inputs.since, until: inputs.until }, now);
  } catch (error) {
    if (error instanceof WindowError) throw new Error(error.message.replace(/--(week|since|until)/g, '$1'));
    throw error;
  }
  const configFile = path.resolve(context.workspace, inputs.configPath);
  const config = await loadConfig(configFile, context.repository?.repo ?? 'Community', deps.log);
  if (!config.community.url && context.repositoryUrl) config.community.url = context.repositoryUrl;

  if (inputs.source === 'github' && (!deps.octokit || !context.repository)) {
    throw new Error('source github needs GITHUB_REPOSITORY and a token');
  }
  deps.log.info(`reporting on ${window.label} (${window.start} to ${window.end}, end excluded) from ${inputs.source}`);
  const run = await runReport({
    repoDir: context.workspace,
    window,
    config,
    today: now.toISOString().slice(0, 10),
    source: inputs.source,
    github:
      inputs.source === 'github' && deps.octokit && context.repository
        ? { octokit: deps.octokit, ...context.repository }
        : undefined,
    progress: (line) => deps.log.info(line),
  });

  const outDir = path.resolve(context.workspace, inputs.outDir);
  const written = await writeReportFiles(outDir, run.files);
  for (const file of written) deps.log.info(`wrote ${path.relative(context.workspace, file)}`);
  await deps.summary(run.markdown);

  if (deps.discord) {
    const channelId = inputs.discordChannelId || config.discord.digest_channel || null;
    try {
      await deps.discord.post(run.discord, channelId);
      deps.log.info('posted the digest to Discord');
    } catch (error) {
      // The report itself is done; a Discord outage must not hide it. The warning says what to fix.
      deps.log.warning(`the Discord digest was not posted: ${(error as Error).message}`);
    }
  }

  const byKind = (kind: string) => written[run.files.findIndex((f) => f.kind === kind)] as string;
  const h = run.model.headline;
  return {
    'json-path': byKind('json'),
    'markdown-path': byKind('markdown'),
    'html-path': byKind('html'),
    'milestones-done': String(h.milestonesDone),
    'active-projects': String(h.activeProjects),
    'new-contributors': String(h.newContributors),
    'out-dir': outDir,
    'artifact-name': `circuitboard-report-${window.label}`,
  };
}
