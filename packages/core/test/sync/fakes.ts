import { CommunityConfig, type Project } from '../../src/index.ts';
import {
  type BoardLocation,
  DeliveryError,
  type DiscordSyncPort,
  type GitHubSyncPort,
  type Outcome,
  type PostLocation,
} from '../../src/sync/index.ts';

export const config = CommunityConfig.parse({
  version: 1,
  community: { name: 'Test community' },
  discord: {
    forum_channel: '1100000000000000001',
    tags: { active: '1200000000000000001', paused: '1200000000000000002' },
  },
});

export function project(overrides: Partial<Project> = {}): Project {
  return {
    title: 'Induction heads',
    status: 'active',
    summary: 'When do induction heads form?',
    leads: [{ github: 'alice', discord: '412345678901234567' }],
    milestones: [
      { id: 'replicate', title: 'Replicate', due: '2026-11-15' },
      { id: 'scan', title: 'Scan', due: '2026-12-20' },
    ],
    ...overrides,
  };
}

interface Message {
  id: string;
  markers: string[];
  body: unknown;
}

export type Fault = 'before' | 'after' | 'target' | 'rejected';

/** Discord as the sync sees it: threads with messages, each found by marker. Faults: fail before or after the write. */
export class MemoryDiscord implements DiscordSyncPort {
  threads = new Map<string, { slug?: string; messages: Message[] }>();
  board: BoardLocation | undefined;
  boardEdits = 0;
  posts = new Map<string, PostLocation[]>();
  proposals = new Map<string, PostLocation>();
  edits = 0;
  writes = 0;
  private next = 1000;
  /** Faults for the next writes, in order. */
  faults: Fault[] = [];
  constructor(readonly canSearch: boolean) {}

  private id(): string {
    return String(1300000000000000000n + BigInt(this.next++));
  }

  private async write<T>(fn: () => T): Promise<T> {
    this.writes += 1;
    const fault = this.faults.shift();
    if (fault === 'before') throw new DeliveryError('Discord answered 502', 'ambiguous');
    if (fault === 'target') throw new DeliveryError('the webhook was deleted', 'target');
    if (fault === 'rejected') throw new DeliveryError('400 invalid form body', 'rejected');
    const out = fn();
    if (fault === 'after') throw new DeliveryError('the connection closed before Discord answered', 'ambiguous');
    return out;
  }

  createProjectPost(op: { slug: string }) {
    return this.write(() => {
      const id = this.id();
      this.threads.set(id, { slug: op.slug, messages: [{ id, markers: [`cb:project:${op.slug}`], body: op }] });
      const at = { threadId: id, messageId: id };
      this.posts.set(op.slug, [...(this.posts.get(op.slug) ?? []), at]);
      return at;
    });
  }
  async editProjectPost(_op: unknown, at: PostLocation) {
    await this.write(() => {
      if (!this.threads.has(at.threadId)) throw new DeliveryError('Unknown Channel', 'missing');
      this.edits += 1;
    });
  }
  /** Reads: look-ups and existence checks. */
  reads = 0;
  async verifyProjectPost(_op: unknown, at: PostLocation): Promise<'unchanged'> {
    this.reads += 1;
    if (!this.threads.has(at.threadId)) throw new DeliveryError('Unknown Channel', 'missing');
    return 'unchanged';
  }
  async findProjectPost(slug: string) {
    this.reads += 1;
    return this.posts.get(slug)?.find((at) => this.threads.has(at.threadId));
  }
  postNews(op: { events: { id: string }[] }, threadId: string) {
    return this.write(() => {
      const thread = this.threads.get(threadId);
      if (!thread) throw new DeliveryError('Unknown Channel', 'missing');
      const id = this.id();
      thread.messages.push({ id, markers: op.events.map((e) => markerOf(e.id)), body: op });
      return { messageId: id };
    });
  }
  async findMessages(threadId: string, markers: readonly string[]) {
    this.reads += 1;
    const found = new Map<string, string>();
    for (const m of this.threads.get(threadId)?.messages ?? []) {
      for (const marker of m.markers) if (markers.includes(marker)) found.set(marker, m.id);
    }
    return found;
  }
  createStatusBoard() {
    return this.write(() => {
      this.board = { channelId: '1100000000000000003', messageId: this.id() };
      return this.board;
    });
  }
  async editStatusBoard() {
    await this.write(() => {
      this.boardEdits += 1;
    });
  }
  async verifyStatusBoard() {
    this.reads += 1;
    if (!this.board) throw new DeliveryError('Unknown Message', 'missing');
  }
  async findStatusBoard() {
    this.reads += 1;
    return this.board;
  }
  createProposal(_op: unknown, marker: string) {
    return this.write(() => {
      const id = this.id();
      const at = { threadId: id, messageId: id };
      this.proposals.set(marker, at);
      return at;
    });
  }
  async findProposal(marker: string) {
    return this.proposals.get(marker);
  }

  /** Event ids delivered per marker across all threads (duplicates show as counts > 1). */
  deliveries(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const t of this.threads.values()) {
      for (const m of t.messages.slice(1)) for (const k of m.markers) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
  }
}

import { eventMarker } from '../../src/sync/index.ts';

function markerOf(id: string) {
  return eventMarker(id);
}

export class MemoryGitHub implements GitHubSyncPort {
  labels = new Map<string, string>();
  milestones = new Map<string, string>();
  writes = 0;
  async ensureLabel(op: { name: string; color: string; description: string }): Promise<Outcome> {
    const want = JSON.stringify([op.color, op.description]);
    const have = this.labels.get(op.name);
    if (have === want) return 'unchanged';
    this.writes += 1;
    this.labels.set(op.name, want);
    return have === undefined ? 'created' : 'updated';
  }
  async ensureMilestone(op: { marker: string; title: string; state: string; dueOn?: string }): Promise<Outcome> {
    const want = JSON.stringify([op.title, op.state, op.dueOn]);
    const have = this.milestones.get(op.marker);
    if (have === want) return 'unchanged';
    this.writes += 1;
    this.milestones.set(op.marker, want);
    return have === undefined ? 'created' : 'updated';
  }
  async hasSyncedBefore(): Promise<boolean> {
    return this.milestones.size > 0;
  }
  async closeRemovedMilestones(op: { keep: string[]; skipSlugs: string[] }): Promise<string[]> {
    const closed: string[] = [];
    for (const [marker, value] of this.milestones) {
      const [title, state, dueOn] = JSON.parse(value) as [string, string, string | undefined];
      const slug = marker.slice('circuitboard:'.length).split('/')[0]!;
      if (state !== 'open' || op.keep.includes(marker) || op.skipSlugs.includes(slug)) continue;
      this.writes += 1;
      this.milestones.set(marker, JSON.stringify([title, 'closed', dueOn]));
      closed.push(title);
    }
    return closed;
  }
}
