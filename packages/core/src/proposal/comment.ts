import { SLUG_PATTERN } from '../model.ts';
import type { ProposalProblem, ProposalResult } from './parse.ts';
import { codeBlock, inlineCode, truncate } from './text.ts';

/** Starts the one bot comment on a proposal issue; the rest of the hidden line carries its slug and state. */
export const PROPOSAL_MARKER = '<!-- circuitboard:proposal';
/** Starts a reply to a command that was refused, with the id of the comment it answers. */
export const REPLY_MARKER = '<!-- circuitboard:reply';

export type ProposalState = 'needs-changes' | 'ready' | 'approved' | 'rejected';

export interface ProposalMarker {
  slug?: string;
  state?: ProposalState;
  /** Fingerprint of the issue body the comment was written for (bodyFingerprint). */
  body?: string;
  /** The decision the comment shows: `comment-<id>` or `label-<event id>`. */
  decision?: string;
}

const FINGERPRINT = /^[0-9a-f]{16}$/;
const DECISION_KEY = /^(?:comment|label)-\d{1,20}$/;

export function proposalMarker(marker: ProposalMarker): string {
  const parts = [PROPOSAL_MARKER];
  if (marker.slug && SLUG_PATTERN.test(marker.slug)) parts.push(`slug=${marker.slug}`);
  if (marker.state) parts.push(`state=${marker.state}`);
  if (marker.body && FINGERPRINT.test(marker.body)) parts.push(`body=${marker.body}`);
  if (marker.decision && DECISION_KEY.test(marker.decision)) parts.push(`decision=${marker.decision}`);
  return `${parts.join(' ')} -->`;
}

/** The marker of a comment body written by {@link renderProposalComment}, or undefined for any other comment. */
export function readProposalMarker(body: string): ProposalMarker | undefined {
  if (!body.startsWith(PROPOSAL_MARKER)) return undefined;
  const end = body.indexOf('-->');
  const line = end < 0 ? '' : body.slice(PROPOSAL_MARKER.length, end);
  const marker: ProposalMarker = {};
  for (const part of line.trim().split(/\s+/)) {
    const [key, value] = part.split('=', 2);
    if (key === 'slug' && value && SLUG_PATTERN.test(value)) marker.slug = value;
    if (
      key === 'state' &&
      (value === 'needs-changes' || value === 'ready' || value === 'approved' || value === 'rejected')
    ) {
      marker.state = value;
    }
    if (key === 'body' && value && FINGERPRINT.test(value)) marker.body = value;
    if (key === 'decision' && value && DECISION_KEY.test(value)) marker.decision = value;
  }
  return marker;
}

/** `key` names what the reply answers (`comment-123`), so a re-run finds it instead of answering twice. */
export function replyMarker(key: string): string {
  return `${REPLY_MARKER} to=${key.replace(/[^\w.:@-]/g, '_')} -->`;
}

/** What a refusal reply answers, or undefined for any other comment. */
export function readReplyMarker(body: string): string | undefined {
  if (!body.startsWith(REPLY_MARKER)) return undefined;
  const match = /^ to=([\w.:@-]{1,200}) -->/.exec(body.slice(REPLY_MARKER.length, REPLY_MARKER.length + 220));
  return match?.[1];
}

/**
 * Text that cannot mention, link HTML or notify anyone on GitHub: `@`, `<`, `>` and `&` outside
 * code spans become entities. Code spans are left alone, where GitHub renders them literally.
 */
export function inertMarkdown(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const tick = text.indexOf('`', i);
    const plainEnd = tick < 0 ? text.length : tick;
    out += escapePlain(text.slice(i, plainEnd));
    if (tick < 0) break;
    let run = tick;
    while (text[run] === '`') run += 1;
    const fence = text.slice(tick, run);
    const close = findClosingFence(text, run, fence.length);
    if (close < 0) {
      // No matching closing fence: the backticks are literal text.
      out += fence;
      i = run;
      continue;
    }
    out += text.slice(tick, close + fence.length);
    i = close + fence.length;
  }
  return out;
}

function findClosingFence(text: string, from: number, length: number): number {
  let at = text.indexOf('`', from);
  while (at >= 0) {
    let end = at;
    while (text[end] === '`') end += 1;
    if (end - at === length) return at;
    at = text.indexOf('`', end);
  }
  return -1;
}

function escapePlain(text: string): string {
  return text.replace(
    /[&<>@[\]]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '@': '&#64;', '[': '&#91;', ']': '&#93;' })[c]!,
  );
}

export interface ProposalCommentOptions {
  state: ProposalState;
  /** Approval label and commands, from .github/circuitboard.yml. */
  labels: { approved: string };
  commands: { approve: string; reject: string };
  pullRequest?: { number: number; url: string };
  discordPost?: { url: string };
  approvedBy?: string;
  rejectedBy?: string;
  rejectReason?: string;
  /** One line shown above everything else, e.g. why an approval did not go through. */
  notice?: string;
  /** GitHub's cap on a comment body; the preview is shortened to fit. */
  maxLength?: number;
  /** What the marker records: the body's fingerprint and the decision shown (see ProposalMarker). */
  marker?: Pick<ProposalMarker, 'body' | 'decision'>;
}

const MAX_LISTED = 50;

/** The bot's one comment on a proposal: what to fix, or a preview of the project folder. */
export function renderProposalComment(result: ProposalResult, options: ProposalCommentOptions): string {
  const max = options.maxLength ?? 65_536;
  const head = [
    proposalMarker({ ...options.marker, ...(result.slug ? { slug: result.slug } : {}), state: options.state }),
  ];
  if (options.notice) head.push(`> [!NOTE]\n> ${inertMarkdown(options.notice)}`);
  head.push(...stateSection(result, options));
  const tail = [footer(options)];
  const previews = result.proposal ? previewSections(result) : [];
  // Drop previews from the largest down until the comment fits GitHub's limit.
  let sections = [...head, ...previews, ...tail];
  while (joined(sections).length > max && previews.length > 0) {
    previews.pop();
    sections = [...head, ...previews, '_The preview is too long to show here; it is in the pull request._', ...tail];
  }
  const text = joined(sections);
  return text.length > max ? `${text.slice(0, max - 20)}\n\n_(shortened)_\n` : text;
}

function joined(sections: string[]): string {
  return `${sections.join('\n\n')}\n`;
}

function problemList(problems: ProposalProblem[]): string {
  const shown = problems.slice(0, MAX_LISTED).map((p) => `- **${inertMarkdown(p.field)}** ${inertMarkdown(p.message)}`);
  if (problems.length > MAX_LISTED) shown.push(`- …and ${problems.length - MAX_LISTED} more`);
  return shown.join('\n');
}

function stateSection(result: ProposalResult, options: ProposalCommentOptions): string[] {
  const out: string[] = [];
  const folder = result.slug ? inlineCode(`projects/${result.slug}/`) : 'the project folder';
  switch (options.state) {
    case 'needs-changes':
      out.push(
        '### A few answers need a change',
        `Thanks for proposing a project! Before a maintainer can approve it, please edit this issue (**···** → **Edit**) and change the answers below. This comment updates itself when you save.`,
        problemList(result.errors),
      );
      break;
    case 'ready':
      out.push(
        '### Ready for review',
        `Thanks for proposing a project! Everything checks out. When a maintainer approves it, a pull request will add ${folder} with the files below. You can still edit the issue; this comment follows.`,
      );
      break;
    case 'approved': {
      const by = options.approvedBy ? ` by ${inlineCode(options.approvedBy)}` : '';
      const pr = options.pullRequest
        ? `Pull request #${options.pullRequest.number} adds ${folder}; merging it closes this issue.`
        : '';
      out.push(
        '### Approved',
        `This proposal was approved${by}. ${pr}`.trim(),
        `If the issue is edited now, the pull request keeps the approved version until a maintainer approves again.`,
      );
      break;
    }
    case 'rejected': {
      const by = options.rejectedBy ? ` by ${inlineCode(options.rejectedBy)}` : '';
      out.push('### Not taken forward', `This proposal was closed${by}.`);
      if (options.rejectReason)
        out.push(`> ${inertMarkdown(truncate(options.rejectReason, 2000)).replace(/\n/g, '\n> ')}`);
      out.push(
        'Thank you for taking the time to write it up. The idea stays here for anyone to read, and you are welcome to bring it to Discord or propose something new.',
      );
      break;
    }
  }
  if (options.discordPost) out.push(`💬 Discuss it on Discord: ${options.discordPost.url}`);
  if (result.warnings.length > 0 && options.state !== 'rejected') {
    out.push(
      `<details><summary>Notes (${result.warnings.length})</summary>\n\n${problemList(result.warnings)}\n\n</details>`,
    );
  }
  return out;
}

function previewSections(result: ProposalResult): string[] {
  const proposal = result.proposal!;
  return Object.entries(proposal.files).map(([path, content], index) => {
    const language = path.endsWith('.yml') ? 'yaml' : 'markdown';
    return `<details${index === 0 ? ' open' : ''}><summary><code>${path}</code></summary>\n\n${codeBlock(content, language)}\n\n</details>`;
  });
}

function footer(options: ProposalCommentOptions): string {
  if (options.state === 'rejected' || options.state === 'approved')
    return '<sub>Circuitboard keeps this comment up to date.</sub>';
  return [
    `<sub>Maintainers: comment ${inlineCode(options.commands.approve)} or add the label ${inlineCode(options.labels.approved)} to approve;`,
    `${inlineCode(`${options.commands.reject} <reason>`)} closes it politely. Circuitboard keeps this comment up to date.</sub>`,
  ].join(' ');
}

/** A short answer to a command from someone who may not give it; changes nothing else. */
export function renderRefusal(key: string, sender: string, command: string, required: string): string {
  return [
    replyMarker(key),
    `${inlineCode(command)} needs ${required} permission on this repository, which ${inlineCode(sender)} does not have, so nothing changed. A maintainer will review the proposal; comments and 👍 reactions help them see the interest.`,
    '',
  ].join('\n');
}
