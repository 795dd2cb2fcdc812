import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Community } from './generator.ts';

const run = promisify(execFile);

export interface GitRepositoryOptions {
  /** Branch the history is written to; default main. */
  branch?: string;
  /** Check the last commit out into the working tree (default true). */
  checkout?: boolean;
}

export interface GitFixture {
  dir: string;
  branch: string;
  /** Shas in the order of `community.commits`. */
  shas: string[];
  head: string;
}

/** Environment for git that ignores the machine's global and system config, so fixtures are the same everywhere. */
function gitEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Circuitboard Fixture',
    GIT_AUTHOR_EMAIL: 'fixture@circuitboard.invalid',
    GIT_COMMITTER_NAME: 'Circuitboard Fixture',
    GIT_COMMITTER_EMAIL: 'fixture@circuitboard.invalid',
  };
}

export async function runGit(dir: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: dir, env: gitEnv(), maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

function unixTime(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

function data(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(`data ${payload.length}\n`), payload, Buffer.from('\n')]);
}

/**
 * Writes `community.commits` as a real git repository in `dir` (created if missing), each commit with its
 * author and date. Uses `git fast-import` so a history of thousands of commits takes well under a second.
 */
export async function writeGitRepository(
  dir: string,
  community: Pick<Community, 'commits'>,
  options: GitRepositoryOptions = {},
): Promise<GitFixture> {
  const branch = options.branch ?? 'main';
  await mkdir(dir, { recursive: true });
  await runGit(dir, ['init', '--quiet', `--initial-branch=${branch}`]);
  const chunks: Buffer[] = [];
  community.commits.forEach((commit, index) => {
    const who = `${commit.author.name} <${commit.author.email}> ${unixTime(commit.date)} +0000`;
    chunks.push(
      Buffer.from(`commit refs/heads/${branch}\nmark :${index + 1}\nauthor ${who}\ncommitter ${who}\n`),
      data(commit.message),
    );
    if (index > 0) chunks.push(Buffer.from(`from :${index}\n`));
    for (const [path, content] of Object.entries(commit.files)) {
      if (/[\n"]/.test(path) || path.startsWith('/'))
        throw new Error(`writeGitRepository: cannot write the path ${JSON.stringify(path)}`);
      if (content === null) chunks.push(Buffer.from(`D ${path}\n`));
      else chunks.push(Buffer.from(`M 100644 inline ${path}\n`), data(content));
    }
    chunks.push(Buffer.from('\n'));
  });
  chunks.push(Buffer.from('done\n'));
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet', '--done', '--date-format=raw'], {
      cwd: dir,
      env: gitEnv(),
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`git fast-import failed (${code}): ${stderr}`)),
    );
    child.stdin.end(Buffer.concat(chunks));
  });
  if (community.commits.length === 0) return { dir, branch, shas: [], head: '' };
  const shas = (await runGit(dir, ['rev-list', '--reverse', branch])).trim().split('\n');
  if (options.checkout ?? true) await runGit(dir, ['checkout', '--quiet', '--force', branch]);
  return { dir, branch, shas, head: shas[shas.length - 1] ?? '' };
}

export interface CommitFolderOptions {
  /** Author and committer date, ISO 8601. */
  date: string;
  name?: string;
  email?: string;
  message?: string;
  branch?: string;
}

/** Makes the files already in `dir` the first commit of a new repository, by one author on one date. */
export function commitFolder(dir: string, options: CommitFolderOptions): void {
  const env = {
    ...gitEnv(),
    GIT_AUTHOR_NAME: options.name ?? 'Alice Nguyen',
    GIT_AUTHOR_EMAIL: options.email ?? 'alice@example.org',
    GIT_COMMITTER_NAME: options.name ?? 'Alice Nguyen',
    GIT_COMMITTER_EMAIL: options.email ?? 'alice@example.org',
    GIT_AUTHOR_DATE: options.date,
    GIT_COMMITTER_DATE: options.date,
  };
  for (const args of [
    ['init', '-q', '-b', options.branch ?? 'main'],
    ['add', '-A'],
    ['commit', '-q', '-m', options.message ?? 'Sample projects'],
  ]) {
    execFileSync('git', args, { cwd: dir, env });
  }
}
