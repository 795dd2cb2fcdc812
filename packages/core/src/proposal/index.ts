export {
  inertMarkdown,
  PROPOSAL_MARKER,
  type ProposalCommentOptions,
  type ProposalMarker,
  type ProposalState,
  proposalMarker,
  REPLY_MARKER,
  readProposalMarker,
  readReplyMarker,
  renderProposalComment,
  renderRefusal,
  replyMarker,
} from './comment.ts';
export {
  bodyFingerprint,
  type Command,
  type DecisionCandidate,
  decisionCandidates,
  decisionCutoff,
  hasPendingWork,
  type IssueTimeline,
  parseCommand,
  type TimelineItem,
} from './decision.ts';
export { PROPOSAL_LIMITS } from './fields.ts';
export {
  CONFIG_FILE,
  handleProposalEvent,
  type IssueSnapshot,
  PERMISSIONS,
  type ProposalAnnouncer,
  type ProposalEventInput,
  type ProposalGitHubPort,
  type ProposalIssue,
  type ProposalPorts,
  type ProposalRunOptions,
  type ProposalRunResult,
  type ProposalTrigger,
  type PullRequestRef,
  permits,
  proposalBranch,
  pullRequestMarker,
  type RepoPermission,
  renderProposalSummary,
  type WriteOutcome,
} from './flow.ts';
export { type FormField, loadProposalForm, PROPOSAL_FIELDS, type ProposalFieldId, type ProposalForm } from './form.ts';
export {
  BODY_FIELD,
  type ParseProposalOptions,
  PROPOSAL_BODY_MAX,
  type Proposal,
  type ProposalProblem,
  type ProposalResult,
  parseProposal,
  proposalSlug,
  type TakenSlug,
  usesProposalForm,
} from './parse.ts';
export { type ProposalExtras, renderProjectYaml } from './render.ts';
export { PROPOSAL_TEMPLATE, PROPOSAL_TEMPLATE_PATH } from './template.ts';
export { codeBlock, inlineCode, slugify } from './text.ts';
