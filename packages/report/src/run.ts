// The one function the CLI and the report action call: read the activity, compile, render. Writing is theirs.
import type { CommunityConfig } from '@circuitboard/core';
import type { EtagCache, Octokit } from '@circuitboard/github';
import type { Activity } from './activity.ts';
import { compileReport } from './compile.ts';
import { type RenderedReport, renderReport } from './files.ts';
import type { ReportModel } from './model.ts';
import { collectGitActivity, repositoryName } from './sources/git.ts';
import { collectGitHubActivity } from './sources/github.ts';
import type { ReportWindow } from './window.ts';

export interface ReportRunOptions {
  /** The checkout (working tree with projects/ and, for the git source, its history). */
  repoDir: string;
  window: ReportWindow;
  config: CommunityConfig;
  /** YYYY-MM-DD, for the project loader. */
  today: string;
  source: 'git' | 'github';
  /** Required for the github source. */
  github?: { octokit: Octokit; owner: string; repo: string; etagCache?: EtagCache | null } | undefined;
  /** Last window's report, for week-over-week numbers the source cannot count. */
  previous?: ReportModel | null | undefined;
  /** Recorded in the model; the window end by default. */
  generatedAt?: string | undefined;
  progress?: ((message: string) => void) | undefined;
}

export interface ReportRun extends RenderedReport {
  model: ReportModel;
  activity: Activity;
}

/** The repository's web address from the config's community.url when it points at a repository. */
export function repositoryUrlFromConfig(config: CommunityConfig): string | null {
  const url = config.community.url;
  return url && repositoryName(url) ? url.replace(/\/+$/, '').replace(/\.git$/, '') : null;
}

export async function runReport(options: ReportRunOptions): Promise<ReportRun> {
  const { config, window } = options;
  let activity: Activity;
  if (options.source === 'github') {
    if (!options.github) throw new Error('the github source needs a GitHub client, owner and repository');
    activity = await collectGitHubActivity({
      ...options.github,
      window,
      repoDir: options.repoDir,
      today: options.today,
      proposalLabel: config.proposals.labels.proposal,
      progress: options.progress,
    });
  } else {
    activity = await collectGitActivity({
      repoDir: options.repoDir,
      window,
      trendWeeks: config.report.trend_weeks,
      today: options.today,
      repositoryUrl: repositoryUrlFromConfig(config),
      progress: options.progress,
    });
  }
  const model = compileReport(activity, {
    window,
    config,
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    previous: options.previous ?? null,
  });
  return { model, activity, ...renderReport(model, { reportUrl: config.community.report_url ?? null }) };
}
