import { describe, expect, it } from 'vitest';
import {
  bodyFingerprint,
  decisionCandidates,
  decisionCutoff,
  hasPendingWork,
  parseCommand,
  type TimelineItem,
} from '../src/proposal/index.ts';

const PROPOSALS = {
  commands: { approve: '/approve', reject: '/reject' },
  labels: {
    proposal: 'proposal',
    needs_changes: 'proposal: needs changes',
    ready: 'proposal: ready for review',
    approved: 'proposal: approved',
    rejected: 'proposal: declined',
  },
};
const at = (second: number) => `2026-10-30T10:00:${String(second).padStart(2, '0')}Z`;
const said = (id: number, author: string, body: string, second: number, extra: Partial<TimelineItem> = {}) =>
  ({ kind: 'comment', id, body, author, bot: false, mine: false, at: at(second), ...extra }) as TimelineItem;
const labelled = (id: number, actor: string, label: string, second: number, extra: Partial<TimelineItem> = {}) =>
  ({ kind: 'labeled', id, label, actor, bot: false, mine: false, at: at(second), ...extra }) as TimelineItem;

describe('parseCommand', () => {
  it.each([
    ['/approve', { name: 'approve' }],
    ['  /APPROVE please', { name: 'approve' }],
    ['/reject Overlaps.\nTalk soon.', { name: 'reject', reason: 'Overlaps.\nTalk soon.' }],
    ['/reject', { name: 'reject' }],
    ['I will /approve later', undefined],
    ['/approved', undefined],
  ])('%j → %j', (body, expected) => {
    expect(parseCommand(body, PROPOSALS.commands)).toEqual(expected);
  });
});

describe('decisionCutoff and decisionCandidates', () => {
  it('takes commands and hand-added approval labels after the last edit or reopening, in order', () => {
    const items: TimelineItem[] = [
      said(1, 'maya', '/approve', 1),
      { kind: 'reopened', id: 2, actor: 'alice', at: at(3) },
      said(3, 'maya', '/reject No', 5),
      said(4, 'bob', 'looks good', 6),
      labelled(5, 'maya', 'proposal: approved', 7),
      labelled(6, 'maya', 'other', 8),
      { kind: 'unlabeled', id: 7, label: 'proposal: approved', actor: 'maya', bot: false, mine: false, at: at(9) },
      said(8, 'ci[bot]', '/approve', 10, { bot: true }),
      said(9, 'robot', '/approve', 11, { mine: true }),
      labelled(10, 'robot', 'proposal: approved', 12, { mine: true }),
    ];
    const cutoff = decisionCutoff(at(2), items);
    expect(cutoff).toBe(Date.parse(at(3)));
    expect(decisionCandidates(items, PROPOSALS, cutoff)).toEqual([
      { key: 'comment-3', decision: 'reject', actor: 'maya', at: at(5), via: '/reject', reason: 'No' },
      { key: 'label-5', decision: 'approve', actor: 'maya', at: at(7), via: 'the label "proposal: approved"' },
    ]);
  });

  it('counts a command in the same second as the edit as before it', () => {
    const items = [said(1, 'maya', '/approve', 4)];
    expect(decisionCandidates(items, PROPOSALS, decisionCutoff(at(4), items))).toEqual([]);
    expect(decisionCandidates(items, PROPOSALS, decisionCutoff(at(3), items))).toHaveLength(1);
    expect(decisionCandidates(items, PROPOSALS, decisionCutoff(null, items))).toHaveLength(1);
  });
});

describe('hasPendingWork', () => {
  const body = 'the proposal';
  const fp = bodyFingerprint(body);
  const c = (key: string) => ({ key, decision: 'approve' as const, actor: 'x', at: at(1), via: '/approve' });
  it.each([
    ['no comment yet', undefined, [], [], true],
    ['the body changed since the comment', { body: bodyFingerprint('older') }, [], [], true],
    ['nothing happened', { body: fp }, [], [], false],
    ['a new command', { body: fp }, [c('comment-1')], [], true],
    ['a new command that was answered', { body: fp }, [c('comment-1')], ['comment-1'], false],
    ['the decision shown', { body: fp, decision: 'comment-1' }, [c('comment-1')], [], false],
    [
      'a command after the decision shown',
      { body: fp, decision: 'comment-1' },
      [c('comment-1'), c('comment-2')],
      [],
      true,
    ],
    ['a decision shown that no longer counts', { body: fp, decision: 'comment-1' }, [], [], true],
  ] as const)('%s → %s', (_name, marker, candidates, answered, pending) => {
    expect(hasPendingWork(marker, body, [...candidates], new Set(answered))).toBe(pending);
  });
});
