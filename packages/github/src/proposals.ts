import { decodeUtf8, decodeUtf8File } from '@circuitboard/core';
import type {
  IssueSnapshot,
  ProposalEventInput,
  ProposalGitHubPort,
  ProposalTrigger,
  PullRequestRef,
  RepoPermission,
  WriteOutcome,
} from '@circuitboard/core/proposal';
import { createIssueComment, deleteIssueComment, tokenLogin, updateIssueComment } from './comments.ts';
import {
  type BaseSnapshot,
  branchSnapshot,
  commitFilesOnBase,
  contentBytes,
  readBlob,
  readBlobBytes,
  readTree,
} from './git-data.ts';
import type { RepositoryRef } from './labels.ts';
import type { Octokit } from './octokit.ts';
import { repositoryPermission } from './permissions.ts';
import { readIssueTimeline } from './timeline.ts';

export interface ProposalGitHubOptions {
  octokit: Octokit;
  repository: RepositoryRef;
  /** The branch projects/ is read from and pull requests target (the payload's repository.default_branch). */
  defaultBranch: string;
  /** Timeline pages read at most per run (default TIMELINE_PAGE_BUDGET). */
  timelinePages?: number;
}

function status(error: unknown): number | undefined {
  return (error as { status?: number }).status;
}

/** A text file on a branch through the contents API, or undefined when it (or the branch) is not there. */
export async function readRepositoryFile(
  octokit: Octokit,
  repository: RepositoryRef,
  path: string,
  ref: string,
): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repository, path, ref });
    if (Array.isArray(data) || data.type !== 'file') return undefined;
    const file = data as { content?: string; encoding?: string; sha: string };
    // The contents API leaves `content` empty above 1 MB; the blob has it.
    if (!file.content && file.sha) return await readBlob(octokit, repository, file.sha, path);
    return decodeUtf8File(contentBytes(file), path);
  } catch (error) {
    if (status(error) === 404) return undefined;
    throw error;
  }
}

interface BranchPullRequest extends PullRequestRef {
  title: string;
  body: string;
  open: boolean;
  merged: boolean;
}

/** The pull requests from `branch` of this repository, newest first (open ones only, or all). */
async function branchPullRequests(
  octokit: Octokit,
  repository: RepositoryRef,
  branch: string,
  state: 'open' | 'all',
): Promise<BranchPullRequest[]> {
  const { data } = await octokit.rest.pulls.list({
    ...repository,
    head: `${repository.owner}:${branch}`,
    state,
    per_page: 100,
  });
  return data
    .filter((p) => p.head.ref === branch)
    .map((p) => ({
      number: p.number,
      url: p.html_url,
      title: p.title,
      body: p.body ?? '',
      open: p.state === 'open',
      merged: p.merged_at !== null,
    }));
}

/** The open pull request from `branch` of this repository, if any. */
export async function findOpenPullRequest(
  octokit: Octokit,
  repository: RepositoryRef,
  branch: string,
): Promise<(PullRequestRef & { title: string; body: string }) | undefined> {
  return (await branchPullRequests(octokit, repository, branch, 'open'))[0];
}

const ISSUE_QUERY = `query ProposalIssue($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      title
      body
      state
      lastEditedAt
      labels(first: 100) { nodes { name } }
    }
  }
}`;

interface IssueQueryAnswer {
  repository: {
    issue: {
      title: string;
      body: string;
      state: 'OPEN' | 'CLOSED';
      lastEditedAt: string | null;
      labels: { nodes: ({ name: string } | null)[] | null } | null;
    } | null;
  } | null;
}

/**
 * An issue as it is now, in one GraphQL query: its body and when the body was last edited (REST has no such
 * time: `updated_at` moves with every comment and label), its labels and state.
 */
export async function readIssueSnapshot(
  octokit: Octokit,
  repository: RepositoryRef,
  number: number,
): Promise<IssueSnapshot> {
  const answer = await octokit.graphql<IssueQueryAnswer>(ISSUE_QUERY, { ...repository, number });
  const issue = answer.repository?.issue;
  if (!issue) throw new Error(`issue #${number} of ${repository.owner}/${repository.repo} was not found`);
  return {
    title: issue.title,
    body: issue.body,
    state: issue.state === 'CLOSED' ? 'closed' : 'open',
    labels: (issue.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])),
    lastEditedAt: issue.lastEditedAt,
  };
}

/**
 * The proposal flow's view of GitHub over REST. One instance serves one run: the default branch is read
 * once, and the token's identity is looked up only if a marked comment was written by a person.
 */
export function createProposalGitHub(options: ProposalGitHubOptions): ProposalGitHubPort {
  const { octokit, repository, defaultBranch } = options;
  let base: Promise<BaseSnapshot> | undefined;
  let self: Promise<string | undefined> | undefined;
  const snapshot = () => {
    base ??= branchSnapshot(octokit, repository, defaultBranch);
    return base;
  };
  const identity = () => {
    self ??= tokenLogin(octokit);
    return self;
  };

  return {
    readFile: (path) => readRepositoryFile(octokit, repository, path, defaultBranch),

    async listProjectFolders() {
      try {
        const { data } = await octokit.rest.repos.getContent({ ...repository, path: 'projects', ref: defaultBranch });
        return Array.isArray(data) ? data.filter((e) => e.type === 'dir').map((e) => e.name) : [];
      } catch (error) {
        if (status(error) === 404) return [];
        throw error;
      }
    },

    async readProjectFiles() {
      const { treeSha } = await snapshot();
      const { entries } = await readTree(octokit, repository, treeSha);
      const files = new Map<string, string>();
      for (const entry of entries.values()) {
        if (entry.type === 'blob' && /^projects\/[^/]+\/project\.yml$/.test(entry.path)) {
          // A project.yml that is not UTF-8 is left out, as one that does not parse would be: validation reports it.
          const decoded = decodeUtf8(await readBlobBytes(octokit, repository, entry.sha));
          if (decoded.text !== undefined) files.set(entry.path, decoded.text);
        }
      }
      return files;
    },

    async listOpenIssues(label) {
      const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
        ...repository,
        state: 'open',
        labels: label,
        per_page: 100,
      });
      return issues.filter((i) => !i.pull_request).map((i) => ({ number: i.number, body: i.body ?? '' }));
    },

    permission: (login): Promise<RepoPermission> => repositoryPermission(octokit, repository, login),

    readIssue: (issue) => readIssueSnapshot(octokit, repository, issue),

    readTimeline: (issue, watch) =>
      readIssueTimeline(octokit, repository, issue, {
        labels: [watch.label],
        ...(options.timelinePages ? { pages: options.timelinePages } : {}),
        self: identity,
      }),

    createComment: (issue, body) => createIssueComment(octokit, repository, issue, body),
    updateComment: (id, body) => updateIssueComment(octokit, repository, id, body),
    deleteComment: (id) => deleteIssueComment(octokit, repository, id),

    async addLabels(issue, labels) {
      await octokit.rest.issues.addLabels({ ...repository, issue_number: issue, labels });
    },

    async removeLabel(issue, label) {
      try {
        await octokit.rest.issues.removeLabel({ ...repository, issue_number: issue, name: label });
      } catch (error) {
        if (status(error) !== 404) throw error;
      }
    },

    async closeIssue(issue) {
      await octokit.rest.issues.update({
        ...repository,
        issue_number: issue,
        state: 'closed',
        state_reason: 'not_planned',
      });
    },

    async upsertPullRequest(request) {
      const existing = await branchPullRequests(octokit, repository, request.branch, 'all');
      const open = existing.find((p) => p.open);
      // This approval was acted on, and its pull request closed since: it is not opened a second time.
      const done = open ? undefined : existing.find((p) => p.body.includes(request.marker));
      if (done) return { number: done.number, url: done.url, outcome: 'unchanged', closed: { merged: done.merged } };
      const commit = await commitFilesOnBase(octokit, repository, {
        branch: request.branch,
        base: await snapshot(),
        files: request.files,
        message: request.message,
      });
      let outcome: WriteOutcome = commit.outcome === 'unchanged' ? 'unchanged' : 'updated';
      if (open) {
        if (open.title !== request.title || open.body !== request.body) {
          await octokit.rest.pulls.update({
            ...repository,
            pull_number: open.number,
            title: request.title,
            body: request.body,
          });
          outcome = 'updated';
        }
        return { number: open.number, url: open.url, outcome };
      }
      try {
        const { data } = await octokit.rest.pulls.create({
          ...repository,
          head: request.branch,
          base: defaultBranch,
          title: request.title,
          body: request.body,
        });
        return { number: data.number, url: data.html_url, outcome: 'created' };
      } catch (error) {
        // A lost answer to an earlier create: the pull request is there now.
        if (status(error) !== 422) throw error;
        const found = await findOpenPullRequest(octokit, repository, request.branch);
        if (!found) throw error;
        return { number: found.number, url: found.url, outcome };
      }
    },

    findOpenPullRequest: async (branch) => {
      const open = await findOpenPullRequest(octokit, repository, branch);
      return open ? { number: open.number, url: open.url } : undefined;
    },

    async closePullRequest(branch, comment) {
      const open = await findOpenPullRequest(octokit, repository, branch);
      if (!open) return undefined;
      await createIssueComment(octokit, repository, open.number, comment);
      await octokit.rest.pulls.update({ ...repository, pull_number: open.number, state: 'closed' });
      return { number: open.number, url: open.url };
    },
  };
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value !== null && typeof value === 'object' ? (value as Json) : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The proposal flow's input from an `issues` or `issue_comment` webhook payload (GITHUB_EVENT_PATH).
 * The issue body is taken from here, never from an input or an environment variable. Undefined when
 * the payload has no issue.
 */
export function proposalEventFromPayload(
  eventName: string | undefined,
  payload: unknown,
): ProposalEventInput | undefined {
  const root = obj(payload);
  const issue = obj(root.issue);
  if (typeof issue.number !== 'number') return undefined;
  const name = eventName || (root.comment ? 'issue_comment' : 'issues');
  const action = str(root.action);
  const sender = obj(root.sender);
  let trigger: ProposalTrigger;
  if (name === 'issue_comment' && action === 'created') {
    const comment = obj(root.comment);
    trigger = { kind: 'comment', id: typeof comment.id === 'number' ? comment.id : 0, body: str(comment.body) };
  } else if (name === 'issues' && (action === 'opened' || action === 'edited' || action === 'reopened')) {
    trigger = { kind: action };
  } else if (name === 'issues' && action === 'labeled') {
    trigger = { kind: 'labeled', label: str(obj(root.label).name) };
  } else {
    trigger = { kind: 'other', name: `${name}${action ? `.${action}` : ''}` };
  }
  const commenter = trigger.kind === 'comment' ? obj(obj(root.comment).user) : sender;
  return {
    issue: {
      number: issue.number,
      title: str(issue.title),
      body: str(issue.body),
      author: str(obj(issue.user).login),
      state: issue.state === 'closed' ? 'closed' : 'open',
      labels: (Array.isArray(issue.labels) ? issue.labels : []).map((l) => str(obj(l).name)).filter(Boolean),
      createdAt: str(issue.created_at),
      updatedAt: str(issue.updated_at),
      url: str(issue.html_url),
      isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    },
    trigger,
    sender: {
      login: str(sender.login) || str(commenter.login),
      isBot: str(sender.type) === 'Bot' || str(commenter.type) === 'Bot' || /\[bot\]$/.test(str(sender.login)),
    },
  };
}
