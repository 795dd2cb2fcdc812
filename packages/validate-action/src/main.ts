import {
  CommunityConfig as CommunityConfigSchema,
  type Diagnostic,
  loadRegistry,
  NotUtf8Error,
  type ProjectTree,
  parseConfigYaml,
  planGeneratedFiles,
} from '@circuitboard/core';
import {
  PR_SUMMARY_MARKER,
  type RepositorySource,
  renderPullRequestSummary,
  reviewChange,
} from '@circuitboard/core/sync';
import { collaboratorPermission, type Octokit, type RepoRef, upsertMarkedComment } from '@circuitboard/github';
import type { ValidateActionInputs } from './inputs.ts';

export interface PullRequestContext {
  repository: RepoRef;
  serverUrl: string;
  number: number;
  baseSha: string;
  baseRef: string;
  author: string;
  /** The head branch lives in a fork: the token is read-only and there are no secrets. */
  fromFork: boolean;
}

export interface ValidateActionDeps {
  github: Octokit;
  /** The checkout with the change applied (the pull request's merge commit). */
  /** `readFile` throws a NotUtf8Error for a file that is not UTF-8. */
  checkout: { readTree(): Promise<ProjectTree>; readFile(path: string): string | undefined };
  /** The repository at other commits (the base). */
  source: RepositorySource;
  /** Paths the pull request changes (API, or git diff of the checkout). */
  changedFiles(): Promise<string[]>;
  annotate(diagnostic: Diagnostic): void;
  summary(markdown: string): Promise<void>;
  output(name: string, value: string): void;
  log: { info(m: string): void; notice(m: string): void; warning(m: string): void };
  now(): Date;
}

export interface ValidateActionResult {
  ok: boolean;
  failure?: string;
  body: string;
  commented: boolean;
}

/**
 * Validates the files a pull request changes, annotates each problem on its line, and keeps one comment (or, when
 * the token is read-only, the job summary) saying what the change does and what the sync will do once merged.
 */
export async function main(
  inputs: ValidateActionInputs,
  context: PullRequestContext,
  deps: ValidateActionDeps,
): Promise<ValidateActionResult> {
  const today = deps.now().toISOString().slice(0, 10);
  const changed = await deps.changedFiles();
  const projectPaths = changed.filter((p) => p.startsWith('projects/'));
  const tree = await deps.checkout.readTree();
  const after = loadRegistry(tree, { today, ...(projectPaths.length > 0 ? { only: projectPaths } : {}) });
  const diagnostics: Diagnostic[] = projectPaths.length > 0 ? [...after.diagnostics] : [];

  // A file that is not UTF-8 is reported where its first bad byte is, and otherwise read as absent.
  const notUtf8 = new Map<string, Diagnostic>();
  const readText = (file: string) => {
    try {
      return deps.checkout.readFile(file);
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error;
      notUtf8.set(file, error.diagnostic);
      return undefined;
    }
  };
  const configText = readText(inputs.configPath);
  const fallback = CommunityConfigSchema.parse({ version: 1, community: { name: context.repository.repo } });
  let config = fallback;
  if (configText !== undefined) {
    const parsed = parseConfigYaml(configText, inputs.configPath);
    if (parsed.config) config = parsed.config;
    if (changed.includes(inputs.configPath)) diagnostics.push(...parsed.diagnostics);
  }
  const generated = planGeneratedFiles(after, readText);
  for (const [file, diagnostic] of notUtf8) {
    const reported = diagnostics.some((d) => d.file === file && d.rule === diagnostic.rule);
    if (!reported && (file !== inputs.configPath || changed.includes(file))) diagnostics.push(diagnostic);
  }
  for (const file of generated) {
    if (file.upToDate || notUtf8.has(file.path)) continue;
    diagnostics.push({
      file: file.path,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'generated-out-of-date',
      message: `${file.path} is out of date with projects/; run \`pnpm circuitboard generate\` and commit the result`,
    });
  }
  for (const d of diagnostics) deps.annotate(d);

  let before: ReturnType<typeof loadRegistry> | undefined;
  try {
    before = loadRegistry(await deps.source.readTree(context.baseSha), { today });
  } catch (error) {
    deps.log.warning(
      `could not read the base ${context.baseSha.slice(0, 7)} (${(error as Error).message}); describing the projects as new`,
    );
  }
  const permission = await collaboratorPermission(deps.github, context.repository, context.author).catch(
    () => 'none' as const,
  );
  const review = reviewChange({
    ...(before ? { before } : {}),
    after: loadRegistry(tree, { today }),
    changedPaths: changed,
    diagnostics,
    author: context.author,
    authorCanWrite: ['admin', 'maintain', 'write'].includes(permission),
    config,
    today,
    repository: {
      url: `${context.serverUrl.replace(/\/+$/, '')}/${context.repository.owner}/${context.repository.repo}`,
      branch: context.baseRef,
    },
  });
  const body = renderPullRequestSummary(review, { files: changed.length, author: context.author });

  let commented = false;
  try {
    const { outcome, url } = await upsertMarkedComment(
      deps.github,
      context.repository,
      context.number,
      PR_SUMMARY_MARKER,
      body,
    );
    commented = true;
    deps.log.info(`summary comment ${outcome}${url ? `: ${url}` : ''}`);
  } catch (error) {
    const why = context.fromFork
      ? 'this pull request comes from a fork, so the token is read-only'
      : (error as Error).message;
    deps.log.notice(`the summary could not be posted as a comment (${why}); it is in the job summary`);
  }
  await deps.summary(body.replace(PR_SUMMARY_MARKER, '').trimStart());
  const flagged = review.flags.length;
  deps.output('errors', String(review.errors));
  deps.output('warnings', String(review.warnings));
  deps.output(
    'summary',
    `${review.changes.length} change${review.changes.length === 1 ? '' : 's'}, ${review.errors} error${review.errors === 1 ? '' : 's'}${flagged ? `; ${flagged} project${flagged === 1 ? '' : 's'} flagged for a lead's review` : ''}`,
  );
  if (review.errors > 0) {
    return {
      ok: false,
      failure: `${review.errors} error${review.errors === 1 ? '' : 's'} in the changed files; each is annotated on its line`,
      body,
      commented,
    };
  }
  return { ok: true, body, commented };
}
