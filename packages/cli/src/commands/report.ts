import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDiagnostic } from '@circuitboard/core';
import { createOctokit, EtagCache, githubEndpointsFromEnv } from '@circuitboard/github';
import {
  parseReportModel,
  type ReportModel,
  type ReportWindow,
  repositoryUrlFromConfig,
  resolveWindow,
  runReport,
  trendWindows,
  WindowError,
  windowTitle,
  writeReportFiles,
} from '@circuitboard/report';
import { CONFIG_PATH, loadCommunityConfig } from '../checkout.ts';
import { type CliIo, EXIT, UsageError } from '../io.ts';
import { registerCommand } from '../program.ts';

interface ReportOptions {
  week?: string;
  since?: string;
  until?: string;
  source: string;
  out: string;
  repo?: string;
  config: string;
  previous?: string;
  etagCache?: string;
}

/** Progress lines on stderr, only once the work has taken more than a moment and only where someone watches. */
function progressLine(io: CliIo, delayMs = 1000): { report: (message: string) => void; stop: () => void } {
  const enabled = io.isTTY || io.env.CIRCUITBOARD_PROGRESS === '1';
  let latest: string | null = null;
  let showing = false;
  const timer = enabled
    ? setTimeout(() => {
        showing = true;
        if (latest) io.stderr(`… ${latest}\n`);
      }, delayMs)
    : null;
  timer?.unref();
  return {
    report: (message) => {
      latest = message;
      if (showing) io.stderr(`… ${message}\n`);
    },
    stop: () => {
      if (timer) clearTimeout(timer);
    },
  };
}

/** owner/name for the github source: --repo, else GITHUB_REPOSITORY, else the config's community.url. */
function repositoryOf(options: ReportOptions, io: CliIo, configUrl: string | null): { owner: string; repo: string } {
  const value =
    options.repo ??
    io.env.GITHUB_REPOSITORY ??
    (configUrl ? new URL(configUrl).pathname.replace(/^\/|\/$/g, '') : undefined);
  const match = value ? /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(value) : null;
  if (!match) {
    throw new UsageError(
      `--source github needs the repository as owner/name: give --repo owner/name (or set GITHUB_REPOSITORY, or community.url in ${CONFIG_PATH})${value ? `; "${value}" is not owner/name` : ''}`,
    );
  }
  return { owner: match[1] as string, repo: match[2] as string };
}

/** Last window's report from the output folder, when it is there and readable. */
async function previousReport(file: string, io: CliIo): Promise<ReportModel | null> {
  try {
    return parseReportModel(await readFile(file, 'utf8'), path.relative(io.cwd, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      io.stderr(`note: ignoring ${path.relative(io.cwd, file)}: ${(error as Error).message}\n`);
    return null;
  }
}

function previousWindow(window: ReportWindow): ReportWindow {
  const [before] = trendWindows(window, 2);
  return before as ReportWindow;
}

registerCommand((program, io, setExit) => {
  program
    .command('report')
    .description(
      'write the weekly report of projects/ (JSON, Markdown, HTML, Discord digest, newsletter and social drafts)',
    )
    .option('--week <week>', 'the ISO week to report on, like 2026-W47 (default: the last complete week)')
    .option('--since <date>', 'start of the window, YYYY-MM-DD (UTC, included); use with --until')
    .option('--until <date>', 'end of the window, YYYY-MM-DD (UTC, not included)')
    .option(
      '--source <source>',
      'git (offline: projects/ and its git history) or github (the GitHub API; needs GITHUB_TOKEN)',
      'git',
    )
    .option('--out <dir>', 'folder to write the files into', 'reports')
    .option('--repo <owner/name>', 'repository for --source github (default: GITHUB_REPOSITORY or community.url)')
    .option('--config <file>', 'the community config', CONFIG_PATH)
    .option(
      '--previous <file>',
      "last window's report JSON, for week-over-week numbers (default: <out>/<previous week>.json when present)",
    )
    .option('--etag-cache <file>', '--source github: keep ETags in this file so pages fetched again cost a 304')
    .action(async (options: ReportOptions) => {
      if (options.source !== 'git' && options.source !== 'github') {
        throw new UsageError(`--source must be git or github, not "${options.source}"`);
      }
      const today = io.today();
      let window: ReportWindow;
      try {
        window = resolveWindow(options, new Date(`${today}T00:00:00Z`));
      } catch (error) {
        if (error instanceof WindowError) throw new UsageError(error.message);
        throw error;
      }
      const { config, diagnostics, found } = await loadCommunityConfig(io.cwd, options.config);
      for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
      if (!found && options.config !== CONFIG_PATH)
        throw new UsageError(`${options.config}: no such file; give the path of the community config`);

      let github: Parameters<typeof runReport>[0]['github'];
      let etagCache: EtagCache | null = null;
      const etagFile = options.etagCache ? path.resolve(io.cwd, options.etagCache) : null;
      if (options.source === 'github') {
        const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
        if (!token)
          throw new UsageError(
            '--source github needs a token in GITHUB_TOKEN (or GH_TOKEN); or use the offline default, --source git',
          );
        const { owner, repo } = repositoryOf(options, io, repositoryUrlFromConfig(config));
        const endpoints = githubEndpointsFromEnv(io.env);
        etagCache = etagFile ? await EtagCache.load(etagFile) : null;
        // Octokit logs every non-2xx answer as an error, 304 Not Modified included; real errors are thrown anyway.
        const quiet = () => {};
        const log = { debug: quiet, info: quiet, warn: (m: string) => io.stderr(`warning: ${m}\n`), error: quiet };
        github = { octokit: createOctokit({ token, ...endpoints, log }), owner, repo, etagCache };
      }
      const outDir = path.resolve(io.cwd, options.out);
      const previousFile = options.previous
        ? path.resolve(io.cwd, options.previous)
        : path.join(outDir, `${previousWindow(window).label}.json`);
      const previous = await previousReport(previousFile, io);

      const progress = progressLine(io);
      let run: Awaited<ReturnType<typeof runReport>>;
      try {
        run = await runReport({
          repoDir: io.cwd,
          window,
          config,
          today,
          source: options.source,
          github,
          previous,
          progress: progress.report,
        });
      } finally {
        progress.stop();
      }
      if (etagCache && etagFile) await etagCache.save(etagFile);
      const written = await writeReportFiles(outDir, run.files);
      for (const file of written) io.stdout(`wrote ${path.relative(io.cwd, file) || file}\n`);
      const h = run.model.headline;
      io.stderr(
        `✓ ${windowTitle(window)}: ${h.milestonesDone} milestone${h.milestonesDone === 1 ? '' : 's'} done, ${h.activeProjects} project${h.activeProjects === 1 ? '' : 's'} with activity, ${h.newContributors} new contributor${h.newContributors === 1 ? '' : 's'}; open ${path.relative(io.cwd, path.join(outDir, `${window.label}.html`))} to read it\n`,
      );
      if (run.model.notes.length > 0)
        io.stderr(
          `note: ${run.model.notes.length} problem(s) in the input were left out; run \`pnpm validate\` to see them\n`,
        );
      setExit(EXIT.ok);
    });
});
