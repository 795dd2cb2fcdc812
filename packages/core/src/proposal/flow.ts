import type { Diagnostic } from '../diagnostics.ts';
import { withId } from '../event-id.ts';
import type { ProjectProposedEvent } from '../events.ts';
import { CODEOWNERS_PATH, planGeneratedFiles } from '../generate.ts';
import { PROJECTS_INDEX } from '../layout.ts';
import { parseConfigYaml } from '../load.ts';
import { CommunityConfig } from '../model.ts';
import { loadRegistry } from '../registry.ts';
import { NotUtf8Error } from '../utf8.ts';
import {
  inertMarkdown,
  type ProposalState,
  readProposalMarker,
  readReplyMarker,
  renderProposalComment,
  renderRefusal,
} from './comment.ts';
import { loadProposalForm } from './form.ts';
import {
  type ProposalProblem,
  type ProposalResult,
  parseProposal,
  proposalSlug,
  type TakenSlug,
  usesProposalForm,
} from './parse.ts';
import { PROPOSAL_TEMPLATE_PATH } from './template.ts';

export const CONFIG_FILE = '.github/circuitboard.yml';

/** Repository roles, weakest first; `maintain` and `triage` exist only as role names. */
export const PERMISSIONS = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const;
export type RepoPermission = (typeof PERMISSIONS)[number];

export function permits(actual: RepoPermission, required: RepoPermission): boolean {
  return PERMISSIONS.indexOf(actual) >= PERMISSIONS.indexOf(required);
}

/** The issue as the event payload describes it. */
export interface ProposalIssue {
  number: number;
  title: string;
  body: string;
  author: string;
  state: 'open' | 'closed';
  labels: string[];
  /** ISO timestamps from the payload. */
  createdAt: string;
  updatedAt: string;
  /** https://github.com/owner/repo/issues/42 */
  url: string;
  isPullRequest: boolean;
}

export type ProposalTrigger =
  | { kind: 'opened' | 'edited' | 'reopened' }
  | { kind: 'labeled'; label: string }
  | { kind: 'comment'; id: number; body: string }
  | { kind: 'other'; name: string };

export interface ProposalEventInput {
  issue: ProposalIssue;
  trigger: ProposalTrigger;
  sender: { login: string; isBot: boolean };
}

export interface IssueComment {
  id: number;
  body: string;
  /** Written by the identity this run writes as; only those are ever edited or deleted. */
  mine: boolean;
}

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

export interface PullRequestRef {
  number: number;
  url: string;
}

/** What the proposal flow needs from GitHub; packages/github implements it over the REST API. */
export interface ProposalGitHubPort {
  /** A file on the default branch, or undefined when it does not exist; a {@link NotUtf8Error} when it is not UTF-8. */
  readFile(path: string): Promise<string | undefined>;
  /** Folder names under projects/ on the default branch. */
  listProjectFolders(): Promise<string[]>;
  /** Every `projects/<slug>/project.yml` on the default branch, by path, for the generated index and CODEOWNERS. */
  readProjectFiles(): Promise<Map<string, string>>;
  /** Open issues with the label (pull requests left out). */
  listOpenIssues(label: string): Promise<{ number: number; body: string }[]>;
  permission(login: string): Promise<RepoPermission>;
  listComments(issue: number): Promise<IssueComment[]>;
  createComment(issue: number, body: string): Promise<{ id: number }>;
  updateComment(id: number, body: string): Promise<void>;
  deleteComment(id: number): Promise<void>;
  addLabels(issue: number, labels: string[]): Promise<void>;
  /** Removes a label; one that is not there is not an error. */
  removeLabel(issue: number, label: string): Promise<void>;
  /** Closes the issue as not planned. */
  closeIssue(issue: number): Promise<void>;
  /**
   * Makes `branch` the default branch plus `files` (one commit, rebuilt when either changed) and opens or
   * updates its one pull request.
   */
  upsertPullRequest(request: {
    branch: string;
    title: string;
    body: string;
    message: string;
    files: Record<string, string>;
  }): Promise<PullRequestRef & { outcome: WriteOutcome }>;
  /** Closes the open pull request from `branch` with a comment, if there is one. */
  closePullRequest(branch: string, comment: string): Promise<PullRequestRef | undefined>;
}

/** Announces a proposal where members talk (a Discord forum post); idempotent, and returns the post's link. */
export interface ProposalAnnouncer {
  announce(input: {
    event: ProjectProposedEvent;
    issueUrl: string;
    config: CommunityConfig;
  }): Promise<{ url?: string }>;
}

export interface ProposalPorts {
  github: ProposalGitHubPort;
  discord?: ProposalAnnouncer;
  log?: (line: string) => void;
}

export interface ProposalRunOptions {
  /** YYYY-MM-DD (UTC). */
  today: string;
  /** Where the issue form lives in the repository; its labels win over the built-in form. */
  templatePath?: string;
  configPath?: string;
  /** GitHub's cap on a comment body. */
  commentMax?: number;
}

export interface ProposalRunResult {
  /** The proposal's state after the run, or `ignored` when the event was not for this flow. */
  state: ProposalState | 'ignored';
  /** Why the event was ignored, or why a command changed nothing. */
  reason?: string;
  slug?: string;
  pullRequest?: PullRequestRef;
  comment?: WriteOutcome;
  discordPost?: { url: string };
  errors: ProposalProblem[];
  /** What the run did, in words, for the job summary. */
  actions: string[];
  warnings: string[];
}

/** The deterministic branch of a proposal's pull request. */
export function proposalBranch(issue: number): string {
  return `circuitboard/proposal-${issue}`;
}

type Command = { name: 'approve' } | { name: 'reject'; reason?: string };

/** `/approve` or `/reject <reason>` as the first line of a comment, with the names from the config. */
export function parseCommand(body: string, commands: CommunityConfig['proposals']['commands']): Command | undefined {
  const text = body.replace(/^\s+/, '');
  const firstLine = text.split(/\r?\n/, 1)[0]!.trim();
  const word = firstLine.split(/\s+/, 1)[0]!.toLowerCase();
  if (word === commands.approve.toLowerCase()) return { name: 'approve' };
  if (word === commands.reject.toLowerCase()) {
    const reason = text.slice(text.indexOf(word) + word.length).trim();
    return reason ? { name: 'reject', reason: reason.slice(0, 4000) } : { name: 'reject' };
  }
  return undefined;
}

function ignored(reason: string): ProposalRunResult {
  return { state: 'ignored', reason, errors: [], actions: [], warnings: [] };
}

/**
 * One run of the proposal flow for one GitHub event: read the config, the form and what is taken,
 * parse the issue, then write the comment, the labels and (on approval) the pull request — each
 * only when it differs from what is there, so any run can be repeated without duplicates.
 */
export async function handleProposalEvent(
  input: ProposalEventInput,
  ports: ProposalPorts,
  options: ProposalRunOptions,
): Promise<ProposalRunResult> {
  const { issue, trigger, sender } = input;
  const log = ports.log ?? (() => {});
  if (issue.isPullRequest) return ignored('the event is about a pull request, not an issue');
  if (trigger.kind === 'other') return ignored(`${trigger.name} events are not handled`);
  // Most comments are conversation: leave before any request unless it could be a command.
  if (trigger.kind === 'comment' && (sender.isBot || !/^\s*\//.test(trigger.body)))
    return ignored('the comment is not a command');
  if (trigger.kind === 'labeled' && sender.isBot)
    return ignored('labels added by bots (this one included) are not approvals');

  const github = ports.github;
  const warnings: string[] = [];
  const config = await readConfig(github, options.configPath ?? CONFIG_FILE, warnings);
  const { labels, commands } = config.proposals;
  const command = trigger.kind === 'comment' ? parseCommand(trigger.body, commands) : undefined;
  if (trigger.kind === 'comment' && !command) return ignored('the comment is not a proposal command');
  if (trigger.kind === 'labeled' && trigger.label !== labels.approved && trigger.label !== labels.proposal) {
    return ignored(`the label "${trigger.label}" is not the approval label`);
  }

  const template = await readTemplate(github, options.templatePath ?? PROPOSAL_TEMPLATE_PATH, warnings);
  const isProposal = issue.labels.includes(labels.proposal) || usesProposalForm(issue.body, template);
  if (!isProposal) return ignored(`the issue has no "${labels.proposal}" label and does not use the proposal form`);
  if (issue.state === 'closed' && trigger.kind !== 'reopened') return ignored('the issue is closed');

  const result = await parseWithTaken(issue, github, template, labels.proposal, options.today);
  const run: ProposalRunResult = { state: 'needs-changes', errors: result.errors, actions: [], warnings };
  if (result.slug) run.slug = result.slug;
  const comments = await github.listComments(issue.number);
  const has = (label: string) => issue.labels.includes(label);
  const commentOptions = {
    labels: { approved: labels.approved },
    commands,
    ...(options.commentMax ? { maxLength: options.commentMax } : {}),
  };

  const writeComment = async (
    state: ProposalState,
    extra: Partial<Parameters<typeof renderProposalComment>[1]> = {},
  ) => {
    const body = renderProposalComment(result, { ...commentOptions, ...extra, state });
    run.comment = await upsertProposalComment(github, issue.number, comments, body);
    if (run.comment !== 'unchanged') run.actions.push(`${run.comment} the proposal comment (${state})`);
  };
  const setLabels = async (add: string[], remove: string[]) => {
    const missing = add.filter((l) => !has(l));
    if (missing.length > 0) {
      await github.addLabels(issue.number, missing);
      run.actions.push(`labelled ${missing.map((l) => `"${l}"`).join(', ')}`);
    }
    for (const label of remove.filter(has)) {
      await github.removeLabel(issue.number, label);
      run.actions.push(`removed the label "${label}"`);
    }
  };
  const announce = async () => {
    if (!ports.discord || !result.proposal) return undefined;
    try {
      const event = withId({
        type: 'project.proposed',
        project: result.proposal.slug,
        issue: issue.number,
        title: result.proposal.project.title,
        author: issue.author,
        date: issue.createdAt.slice(0, 10),
      } as const) as ProjectProposedEvent;
      const post = await ports.discord.announce({ event, issueUrl: issue.url, config });
      if (post.url) run.discordPost = { url: post.url };
      return post.url ? { url: post.url } : undefined;
    } catch (error) {
      // Discord being down must not keep the proposal from its comment or its pull request.
      warnings.push(`could not announce the proposal on Discord: ${(error as Error).message}`);
      return undefined;
    }
  };
  const approve = async (approvedBy: string | undefined) => {
    const proposal = result.proposal!;
    const post = await announce();
    const files = { ...proposal.files, ...(await generatedFiles(github, proposal.files, options.today)) };
    const pr = await github.upsertPullRequest({
      branch: proposalBranch(issue.number),
      title: `Add project: ${proposal.project.title}`,
      body: pullRequestBody(issue, proposal.slug, approvedBy),
      message: `Add projects/${proposal.slug} from proposal #${issue.number}`,
      files,
    });
    run.pullRequest = { number: pr.number, url: pr.url };
    if (pr.outcome !== 'unchanged') run.actions.push(`${pr.outcome} pull request #${pr.number}`);
    await setLabels([labels.proposal, labels.approved], [labels.needs_changes, labels.ready, labels.rejected]);
    await writeComment('approved', {
      pullRequest: run.pullRequest,
      ...(approvedBy ? { approvedBy } : {}),
      ...(post ? { discordPost: post } : {}),
    });
    run.state = 'approved';
  };
  const maintainerOnly = async (what: string, key: string): Promise<boolean> => {
    const permission = await github.permission(sender.login);
    if (permits(permission, config.proposals.approver_permission)) return true;
    // The approval label of a `labeled` event is the one being refused, not an earlier approval.
    const approvedBefore = has(labels.approved) && trigger.kind !== 'labeled';
    run.state = approvedBefore ? 'approved' : result.proposal ? 'ready' : 'needs-changes';
    run.reason = `${sender.login} has ${permission} permission; ${what} needs ${config.proposals.approver_permission}`;
    if (trigger.kind === 'labeled') {
      await github.removeLabel(issue.number, labels.approved);
      run.actions.push(`removed the label "${labels.approved}" added by ${sender.login}`);
    }
    if (!comments.some((c) => c.mine && readReplyMarker(c.body) === key)) {
      await github.createComment(
        issue.number,
        renderRefusal(key, sender.login, what, config.proposals.approver_permission),
      );
      run.actions.push(`answered ${sender.login}: ${what} needs ${config.proposals.approver_permission} permission`);
    }
    return false;
  };
  const replyKey = trigger.kind === 'comment' ? `comment-${trigger.id}` : `label-${sender.login}-${issue.updatedAt}`;

  if (command?.name === 'reject') {
    if (!(await maintainerOnly(commands.reject, replyKey))) return finish(run, log);
    const closed = await github.closePullRequest(
      proposalBranch(issue.number),
      `The proposal #${issue.number} was closed without being taken forward, so this pull request is closed too.`,
    );
    if (closed) run.actions.push(`closed pull request #${closed.number}`);
    await writeComment('rejected', {
      rejectedBy: sender.login,
      ...(command.reason ? { rejectReason: command.reason } : {}),
    });
    await setLabels([labels.proposal, labels.rejected], [labels.approved, labels.ready, labels.needs_changes]);
    if (issue.state === 'open') {
      await github.closeIssue(issue.number);
      run.actions.push('closed the issue as not planned');
    }
    run.state = 'rejected';
    return finish(run, log);
  }

  const approving = command?.name === 'approve' || (trigger.kind === 'labeled' && trigger.label === labels.approved);
  if (approving) {
    if (!(await maintainerOnly(command ? commands.approve : `the label "${labels.approved}"`, replyKey)))
      return finish(run, log);
    if (!result.proposal) {
      if (trigger.kind === 'labeled') await github.removeLabel(issue.number, labels.approved);
      await setLabels([labels.proposal, labels.needs_changes], [labels.ready, labels.rejected]);
      await writeComment('needs-changes', {
        notice: `${sender.login} approved this proposal, but it still has the problems listed below. Once they are fixed, approve it again.`,
      });
      run.state = 'needs-changes';
      run.reason = 'the proposal has errors, so it was not approved';
      return finish(run, log);
    }
    await approve(sender.login);
    return finish(run, log);
  }

  // opened, edited, reopened, or the proposal label added: check it again.
  if (has(labels.approved)) {
    if (result.proposal) {
      await approve(undefined);
      return finish(run, log);
    }
    await setLabels([labels.proposal, labels.needs_changes], [labels.ready, labels.rejected]);
    await writeComment('needs-changes', {
      notice:
        'This proposal was approved, but its latest edit has the problems below; the pull request keeps the last valid version until they are fixed.',
    });
    run.state = 'needs-changes';
    return finish(run, log);
  }
  if (result.proposal) {
    const post = await announce();
    await setLabels([labels.proposal, labels.ready], [labels.needs_changes, labels.rejected]);
    await writeComment('ready', post ? { discordPost: post } : {});
    run.state = 'ready';
  } else {
    await setLabels([labels.proposal, labels.needs_changes], [labels.ready, labels.rejected]);
    await writeComment('needs-changes');
    run.state = 'needs-changes';
  }
  return finish(run, log);
}

/** projects/README.md and the CODEOWNERS block as they must be with the new project, when that changes them. */
async function generatedFiles(
  github: ProposalGitHubPort,
  files: Record<string, string>,
  today: string,
): Promise<Record<string, string>> {
  const tree = new Map(await github.readProjectFiles());
  for (const [path, content] of Object.entries(files)) tree.set(path, content);
  const registry = loadRegistry({ files: tree, symlinks: [] }, { today });
  const current = new Map<string, string | undefined>();
  for (const path of [PROJECTS_INDEX, CODEOWNERS_PATH]) current.set(path, await github.readFile(path));
  const out: Record<string, string> = {};
  for (const file of planGeneratedFiles(registry, (path) => current.get(path))) {
    if (!file.upToDate) out[file.path] = file.expected;
  }
  return out;
}

function finish(run: ProposalRunResult, log: (line: string) => void): ProposalRunResult {
  for (const action of run.actions) log(action);
  if (run.actions.length === 0) log('nothing to change');
  return run;
}

async function readConfig(github: ProposalGitHubPort, path: string, warnings: string[]): Promise<CommunityConfig> {
  const defaults = () => CommunityConfig.parse({ version: 1, community: { name: 'community' } });
  let text: string | undefined;
  let diagnostics: Diagnostic[] = [];
  let config: CommunityConfig | undefined;
  try {
    text = await github.readFile(path);
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    diagnostics = [error.diagnostic];
  }
  if (text !== undefined) ({ config, diagnostics } = parseConfigYaml(text, path));
  else if (diagnostics.length === 0) return defaults();
  if (config) return config;
  const first = diagnostics.find((d) => d.severity === 'error');
  warnings.push(
    `${path} has errors, so the default labels and commands are used${first ? ` (${first.file}:${first.line}: ${first.message})` : ''}`,
  );
  return defaults();
}

async function readTemplate(github: ProposalGitHubPort, path: string, warnings: string[]): Promise<string | undefined> {
  const text = await github.readFile(path);
  if (text === undefined) return undefined;
  const { error } = loadProposalForm(text);
  if (!error) return text;
  warnings.push(`${path}: ${error}; the built-in form is used instead`);
  return undefined;
}

/** Parses the issue, then again with its slug marked taken when a folder or an older open proposal has it. */
async function parseWithTaken(
  issue: ProposalIssue,
  github: ProposalGitHubPort,
  template: string | undefined,
  proposalLabel: string,
  today: string,
): Promise<ProposalResult> {
  const options = {
    author: issue.author,
    issue: issue.number,
    today,
    proposedOn: issue.createdAt.slice(0, 10),
    issueUrl: issue.url,
    ...(template ? { template } : {}),
  };
  const first = parseProposal(issue.body, options);
  const slug = first.slug;
  if (!slug) return first;
  const taken: TakenSlug[] = [];
  if ((await github.listProjectFolders()).includes(slug)) {
    const existing = await github.readFile(`projects/${slug}/project.yml`);
    const from = existing ? /^proposal:\s*(\d+)\s*$/m.exec(existing)?.[1] : undefined;
    // The folder this very proposal created (its pull request was merged) is not a clash.
    if (Number(from) !== issue.number) taken.push({ slug, by: `the existing project projects/${slug}` });
  }
  if (taken.length === 0) {
    const others = await github.listOpenIssues(proposalLabel);
    const clash = others
      .filter((other) => other.number < issue.number && proposalSlug(other.body, template) === slug)
      .sort((a, b) => a.number - b.number)[0];
    if (clash) taken.push({ slug, by: `the earlier proposal #${clash.number}` });
  }
  return taken.length === 0 ? first : parseProposal(issue.body, { ...options, taken });
}

/** Edits the one marked comment (or writes it), and removes stray copies a race may have left. */
async function upsertProposalComment(
  github: ProposalGitHubPort,
  issue: number,
  comments: IssueComment[],
  body: string,
): Promise<WriteOutcome> {
  const ours = comments.filter((c) => c.mine && readProposalMarker(c.body) !== undefined);
  const [first, ...extra] = ours;
  for (const stray of extra) await github.deleteComment(stray.id);
  if (!first) {
    const created = await github.createComment(issue, body);
    comments.push({ id: created.id, body, mine: true });
    return 'created';
  }
  if (first.body === body) return 'unchanged';
  await github.updateComment(first.id, body);
  first.body = body;
  return 'updated';
}

function pullRequestBody(issue: ProposalIssue, slug: string, approvedBy: string | undefined): string {
  return [
    `Adds \`projects/${slug}/\` from the proposal in #${issue.number}${approvedBy ? `, approved by \`${approvedBy}\`` : ''}.`,
    '',
    `Closes #${issue.number}`,
    '',
    '- `project.yml`: title, summary, leads, tags, links and milestones from the issue form',
    '- `README.md`: the research question, the help wanted and a link back to the issue',
    '- `updates/…-proposal.md`: the first update',
    '',
    '- `projects/README.md` and `.github/CODEOWNERS`: regenerated, when the new project changes them',
    '',
    'The files come from the issue: to change them, edit the issue and Circuitboard updates this pull request (edits pushed to this branch are replaced).',
  ].join('\n');
}

const STATE_WORDS: Record<ProposalRunResult['state'], string> = {
  'needs-changes': 'needs changes',
  ready: 'ready for review',
  approved: 'approved',
  rejected: 'closed, not taken forward',
  ignored: 'not a proposal event',
};

/** The job summary of one run: the state, the links and what was done, in Markdown. */
export function renderProposalSummary(result: ProposalRunResult, issue: { number: number; url?: string }): string {
  const link = issue.url ? `[#${issue.number}](${issue.url})` : `#${issue.number}`;
  const lines = [`### Proposal ${link}: ${STATE_WORDS[result.state]}`, ''];
  if (result.reason)
    lines.push(`${result.state === 'ignored' ? 'Skipped' : 'Note'}: ${inertMarkdown(result.reason)}`, '');
  if (result.slug) lines.push(`- Folder: \`projects/${result.slug}/\``);
  if (result.pullRequest) lines.push(`- Pull request: [#${result.pullRequest.number}](${result.pullRequest.url})`);
  if (result.discordPost) lines.push(`- Discord post: ${result.discordPost.url}`);
  if (result.errors.length > 0) lines.push(`- Answers to change: ${result.errors.length}`);
  for (const action of result.actions) lines.push(`- ${inertMarkdown(action)}`);
  if (result.state !== 'ignored' && result.actions.length === 0)
    lines.push('- Nothing to change: everything was already up to date');
  for (const warning of result.warnings) lines.push(`- ⚠️ ${inertMarkdown(warning)}`);
  return `${lines.join('\n').trimEnd()}\n`;
}
