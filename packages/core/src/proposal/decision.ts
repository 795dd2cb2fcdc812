import { createHash } from 'node:crypto';
import type { CommunityConfig } from '../model.ts';

/** One entry of an issue's timeline, as the proposal flow reads it (oldest first). */
export type TimelineItem =
  | {
      kind: 'comment';
      id: number;
      body: string;
      author: string;
      /** Written by a GitHub App or the Actions token. */
      bot: boolean;
      /** Written by the identity this run writes as; only those are ever edited or deleted. */
      mine: boolean;
      /** ISO timestamp. */
      at: string;
    }
  | { kind: 'labeled' | 'unlabeled'; id: number; label: string; actor: string; bot: boolean; mine: boolean; at: string }
  | { kind: 'reopened'; id: number; actor: string; at: string };

/** An issue's timeline, and how much of it could not be read within the page budget. */
export interface IssueTimeline {
  items: TimelineItem[];
  /** Set when the timeline was longer than the budget: the first page and the newest pages were read. */
  truncated?: { total: number; read: number };
}

export type Command = { name: 'approve' } | { name: 'reject'; reason?: string };

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

/**
 * Something a person did that may decide the proposal: a command comment, or the approval label added by hand.
 * Whether it counts depends on the person's permission, which only the API can tell.
 */
export interface DecisionCandidate {
  /** Stable across runs: `comment-<id>` or `label-<event id>`; refusal replies and markers name it. */
  key: string;
  decision: 'approve' | 'reject';
  actor: string;
  at: string;
  /** How it was given, in words: `/approve`, or `the label "proposal: approved"`. */
  via: string;
  reason?: string;
}

/**
 * The instant after which a decision counts: the last edit of the body (what was approved changed) or the last
 * reopening (a declined proposal starts again), whichever is later. Undefined when neither happened.
 */
export function decisionCutoff(lastEditedAt: string | null | undefined, items: readonly TimelineItem[]): number {
  let cutoff = lastEditedAt ? Date.parse(lastEditedAt) : Number.NEGATIVE_INFINITY;
  for (const item of items) {
    if (item.kind === 'reopened') cutoff = Math.max(cutoff, Date.parse(item.at));
  }
  return cutoff;
}

/**
 * Every command and hand-added approval label after the cutoff, in timeline order. GitHub's timestamps have
 * whole seconds, so an item in the same second as the edit is taken as before it: an approval never counts
 * for text it may not have seen.
 */
export function decisionCandidates(
  items: readonly TimelineItem[],
  proposals: Pick<CommunityConfig['proposals'], 'commands' | 'labels'>,
  cutoff: number,
): DecisionCandidate[] {
  const out: DecisionCandidate[] = [];
  for (const item of items) {
    if (item.kind === 'reopened' || item.kind === 'unlabeled' || Date.parse(item.at) <= cutoff) continue;
    if (item.kind === 'comment') {
      if (item.bot || item.mine) continue;
      const command = parseCommand(item.body, proposals.commands);
      if (!command) continue;
      out.push({
        key: `comment-${item.id}`,
        decision: command.name,
        actor: item.author,
        at: item.at,
        via: command.name === 'approve' ? proposals.commands.approve : proposals.commands.reject,
        ...(command.name === 'reject' && command.reason ? { reason: command.reason } : {}),
      });
    } else if (item.label.toLowerCase() === proposals.labels.approved.toLowerCase() && !item.bot && !item.mine) {
      out.push({
        key: `label-${item.id}`,
        decision: 'approve',
        actor: item.actor,
        at: item.at,
        via: `the label "${proposals.labels.approved}"`,
      });
    }
  }
  return out;
}

/** A short fingerprint of the issue body, kept in the proposal comment's marker to notice an edit a run missed. */
export function bodyFingerprint(body: string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 16);
}

/**
 * Whether the issue holds something no run has acted on yet, judged from the proposal comment's marker alone:
 * an edit of the body since the comment was written, a decision it shows that no longer counts (the body was
 * edited, the issue reopened), or a command newer than that decision with no reply.
 */
export function hasPendingWork(
  marker: { body?: string; decision?: string } | undefined,
  body: string,
  candidates: readonly DecisionCandidate[],
  answered: ReadonlySet<string>,
): boolean {
  if (!marker || marker.body !== bodyFingerprint(body)) return true;
  const shown = marker.decision ? candidates.findIndex((c) => c.key === marker.decision) : -1;
  if (marker.decision && shown < 0) return true;
  return candidates.slice(shown + 1).some((c) => !answered.has(c.key));
}
