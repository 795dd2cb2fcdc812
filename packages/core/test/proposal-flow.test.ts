import { describe, expect, it } from 'vitest';
import {
  handleProposalEvent,
  type IssueSnapshot,
  loadProposalForm,
  PROPOSAL_FIELDS,
  type ProposalAnnouncer,
  type ProposalEventInput,
  type ProposalFieldId,
  type ProposalGitHubPort,
  type RepoPermission,
  readProposalMarker,
  renderProposalSummary,
  type TimelineItem,
} from '../src/proposal/index.ts';

const { form } = loadProposalForm();

function body(answers: Partial<Record<ProposalFieldId, string>> = {}): string {
  const filled: Partial<Record<ProposalFieldId, string>> = {
    title: 'Induction heads across Pythia checkpoints',
    summary: 'When do induction heads form during training?',
    question: 'Does the phase change happen at the same point for every size?',
    milestones: '2026-11-15 Replicate the phase change on Pythia-70m',
    slug: 'induction-pythia',
    ...answers,
  };
  return PROPOSAL_FIELDS.map((id) => `### ${form!.fields.get(id)!.label}\n\n${filled[id] ?? '_No response_'}`).join(
    '\n\n',
  );
}

interface Pull {
  number: number;
  url: string;
  title: string;
  body: string;
  open: boolean;
  merged: boolean;
  files: Record<string, string>;
}

/**
 * One issue on GitHub, in memory: its body and edit time, its timeline (comments, label events, reopenings) on a
 * clock of whole seconds, labels and the proposal's pull requests. People act on it with say/edit/label/reopen;
 * the flow sees only what the port answers, as over the API.
 */
class FakeGitHub implements ProposalGitHubPort {
  files = new Map<string, string>([
    ['projects/README.md', '# Projects\n'],
    ['projects/other/project.yml', 'title: x\n'],
  ]);
  openIssues: { number: number; body: string }[] = [];
  permissions = new Map<string, RepoPermission>([['maintainer', 'maintain']]);
  text = body();
  lastEditedAt: string | null = null;
  state: 'open' | 'closed' = 'open';
  labels = new Set<string>();
  items: TimelineItem[] = [];
  pulls: Pull[] = [];
  writes: string[] = [];
  reads: string[] = [];
  private seconds = Date.parse('2026-10-30T10:00:00Z') / 1000;
  private nextId = 100;

  /** The next whole second: every action happens after the one before, unless `sameSecond`. */
  now(sameSecond = false): string {
    if (!sameSecond) this.seconds += 1;
    return new Date(this.seconds * 1000).toISOString().replace('.000Z', 'Z');
  }

  // --- what people do on github.com ---
  say(author: string, text: string, options: { sameSecond?: boolean } = {}): number {
    const id = this.nextId++;
    this.items.push({
      kind: 'comment',
      id,
      body: text,
      author,
      bot: false,
      mine: false,
      at: this.now(options.sameSecond),
    });
    return id;
  }
  edit(text: string, options: { sameSecond?: boolean } = {}): void {
    this.text = text;
    this.lastEditedAt = this.now(options.sameSecond);
  }
  label(actor: string, label: string): void {
    this.labels.add(label);
    const bot = actor.endsWith('[bot]');
    this.items.push({ kind: 'labeled', id: this.nextId++, label, actor, bot, mine: bot, at: this.now() });
  }
  reopen(actor: string): void {
    this.state = 'open';
    this.items.push({ kind: 'reopened', id: this.nextId++, actor, at: this.now() });
  }

  // --- the port ---
  async readFile(path: string) {
    this.reads.push(`file ${path}`);
    return this.files.get(path);
  }
  async listProjectFolders() {
    this.reads.push('folders');
    return [
      ...new Set(
        [...this.files.keys()]
          .filter((p) => p.startsWith('projects/') && p.split('/').length > 2)
          .map((p) => p.split('/')[1]!),
      ),
    ];
  }
  async readProjectFiles() {
    this.reads.push('project files');
    return new Map([...this.files].filter(([p]) => /^projects\/[^/]+\/project\.yml$/.test(p)));
  }
  async listOpenIssues() {
    this.reads.push('open issues');
    return this.openIssues;
  }
  async permission(login: string) {
    this.reads.push(`permission ${login}`);
    return this.permissions.get(login) ?? 'read';
  }
  async readIssue(): Promise<IssueSnapshot> {
    this.reads.push('issue');
    return {
      title: 'Proposal: induction heads',
      body: this.text,
      state: this.state,
      labels: [...this.labels],
      lastEditedAt: this.lastEditedAt,
    };
  }
  async readTimeline(_issue: number, watch: { label: string }) {
    this.reads.push('timeline');
    return {
      items: structuredClone(
        this.items.filter((i) => (i.kind !== 'labeled' && i.kind !== 'unlabeled') || i.label === watch.label),
      ),
    };
  }
  async createComment(_issue: number, text: string) {
    const id = this.nextId++;
    this.items.push({
      kind: 'comment',
      id,
      body: text,
      author: 'circuitboard[bot]',
      bot: true,
      mine: true,
      at: this.now(),
    });
    this.writes.push('comment+');
    return { id };
  }
  async updateComment(id: number, text: string) {
    const comment = this.comments().find((c) => c.id === id)!;
    comment.body = text;
    this.writes.push(`comment~ ${id}`);
  }
  async deleteComment(id: number) {
    this.items = this.items.filter((c) => c.kind !== 'comment' || c.id !== id);
    this.writes.push(`comment- ${id}`);
  }
  async addLabels(_issue: number, labels: string[]) {
    for (const l of labels) this.label('circuitboard[bot]', l);
    this.writes.push(`label+ ${labels.join(',')}`);
  }
  async removeLabel(_issue: number, label: string) {
    this.labels.delete(label);
    this.items.push({
      kind: 'unlabeled',
      id: this.nextId++,
      label,
      actor: 'circuitboard[bot]',
      bot: true,
      mine: true,
      at: this.now(),
    });
    this.writes.push(`label- ${label}`);
  }
  async closeIssue() {
    this.state = 'closed';
    this.writes.push('close');
  }
  async upsertPullRequest(request: {
    branch: string;
    title: string;
    body: string;
    files: Record<string, string>;
    marker: string;
  }) {
    const open = this.pulls.find((p) => p.open);
    const done = open ? undefined : this.pulls.find((p) => p.body.includes(request.marker));
    if (done)
      return { number: done.number, url: done.url, outcome: 'unchanged' as const, closed: { merged: done.merged } };
    if (!open) {
      const number = 7 + this.pulls.length;
      const pr = { number, url: `https://github.com/o/r/pull/${number}`, open: true, merged: false, ...request };
      this.pulls.push(pr);
      this.writes.push(`pr+ ${number}`);
      return { number, url: pr.url, outcome: 'created' as const };
    }
    let outcome: 'updated' | 'unchanged' = 'unchanged';
    if (JSON.stringify(open.files) !== JSON.stringify(request.files) || open.body !== request.body) {
      Object.assign(open, { files: { ...request.files }, body: request.body, title: request.title });
      this.writes.push(`pr~ ${open.number}`);
      outcome = 'updated';
    }
    return { number: open.number, url: open.url, outcome };
  }
  async findOpenPullRequest() {
    this.reads.push('open pull request');
    const open = this.pulls.find((p) => p.open);
    return open ? { number: open.number, url: open.url } : undefined;
  }
  async closePullRequest() {
    const open = this.pulls.find((p) => p.open);
    if (!open) return undefined;
    open.open = false;
    this.writes.push(`pr- ${open.number}`);
    return { number: open.number, url: open.url };
  }

  // --- what tests look at ---
  comments() {
    return this.items.filter((i): i is Extract<TimelineItem, { kind: 'comment' }> => i.kind === 'comment');
  }
  proposalComment() {
    const ours = this.comments().filter((c) => c.mine && readProposalMarker(c.body));
    expect(ours).toHaveLength(1);
    return ours[0]!.body;
  }
  replies() {
    return this.comments().filter((c) => c.mine && c.body.startsWith('<!-- circuitboard:reply'));
  }
}

/** The event as GitHub delivers it; the payload's labels are the issue's at delivery time. */
function event(
  gh: FakeGitHub,
  trigger: ProposalEventInput['trigger'],
  options: { sender?: string; number?: number } = {},
): ProposalEventInput {
  return {
    issue: {
      number: options.number ?? 42,
      title: 'Proposal: induction heads',
      body: gh.text,
      author: 'alice',
      state: gh.state,
      labels: [...gh.labels],
      createdAt: '2026-10-30T09:00:00Z',
      updatedAt: '2026-10-30T10:00:00Z',
      url: 'https://github.com/o/r/issues/42',
      isPullRequest: false,
    },
    trigger,
    sender: { login: options.sender ?? 'alice', isBot: false },
  };
}

const OPTIONS = { today: '2026-11-01' };
const run = (gh: FakeGitHub, input: ProposalEventInput, discord?: ProposalAnnouncer) =>
  handleProposalEvent(input, { github: gh, ...(discord ? { discord } : {}) }, OPTIONS);
/** A person comments, and the run of that comment happens. */
const comment = async (gh: FakeGitHub, author: string, text: string, discord?: ProposalAnnouncer) => {
  const id = gh.say(author, text);
  return run(gh, event(gh, { kind: 'comment', id, body: text }, { sender: author }), discord);
};
const opened = async (gh: FakeGitHub) => {
  gh.labels.add('proposal');
  return run(gh, event(gh, { kind: 'opened' }));
};

describe('the proposal flow', () => {
  it('answers a new proposal with one comment and the ready label', async () => {
    const gh = new FakeGitHub();
    const result = await opened(gh);
    expect(result).toMatchObject({ state: 'ready', slug: 'induction-pythia', comment: 'created' });
    expect(gh.proposalComment()).toMatch(
      /^<!-- circuitboard:proposal slug=induction-pythia state=ready body=[0-9a-f]{16} -->/,
    );
    expect([...gh.labels]).toEqual(['proposal', 'proposal: ready for review']);
  });

  it('edits the same comment when the issue is edited, and writes nothing on a re-run', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    gh.edit(body({ milestones: 'Replicate' }));
    expect((await run(gh, event(gh, { kind: 'edited' }))).state).toBe('needs-changes');
    expect(gh.proposalComment()).toContain('**Milestones** line 1: `Replicate` has no date');
    expect([...gh.labels].sort()).toEqual(['proposal', 'proposal: needs changes']);
    gh.writes = [];
    const again = await run(gh, event(gh, { kind: 'edited' }));
    expect(again).toMatchObject({ state: 'needs-changes', comment: 'unchanged', actions: [] });
    expect(gh.writes).toEqual([]);
  });

  it('opens one pull request with the project folder on a maintainer’s /approve, and the same one on a re-run', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    const approveId = gh.say('maintainer', '/approve');
    const approveEvent = event(gh, { kind: 'comment', id: approveId, body: '/approve' }, { sender: 'maintainer' });
    const approved = await run(gh, approveEvent);
    expect(approved).toMatchObject({ state: 'approved', pullRequest: { number: 7 } });
    const pr = gh.pulls[0]!;
    expect(Object.keys(pr.files)).toEqual([
      'projects/induction-pythia/project.yml',
      'projects/induction-pythia/README.md',
      'projects/induction-pythia/updates/2026-10-30-proposal.md',
      'projects/README.md',
      '.github/CODEOWNERS',
    ]);
    expect(pr.files['.github/CODEOWNERS']).toContain('/projects/induction-pythia/ @alice');
    expect(pr.body).toContain('Closes #42');
    expect(pr.body).toContain(`<!-- circuitboard:proposal-pr issue=42 decision=comment-${approveId} -->`);
    expect(pr.title).toBe('Add project: Induction heads across Pythia checkpoints');
    expect([...gh.labels].sort()).toEqual(['proposal', 'proposal: approved']);
    expect(gh.proposalComment()).toContain(
      'This proposal was approved by `maintainer`. Pull request #7 adds `projects/induction-pythia/`',
    );
    expect(readProposalMarker(gh.proposalComment())?.decision).toBe(`comment-${approveId}`);
    gh.writes = [];
    const rerun = await run(gh, approveEvent);
    expect(rerun).toMatchObject({ state: 'approved' });
    expect(gh.writes).toEqual([]);
  });

  it('approves on the approval label added by a maintainer, and not on one added by a bot', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    gh.label('some-app[bot]', 'proposal: approved');
    expect(
      (await run(gh, event(gh, { kind: 'labeled', label: 'proposal: approved' }, { sender: 'some-app[bot]' }))).state,
    ).toBe('ready');
    expect(gh.labels.has('proposal: approved')).toBe(false);
    gh.label('maintainer', 'proposal: approved');
    const result = await run(gh, event(gh, { kind: 'labeled', label: 'proposal: approved' }, { sender: 'maintainer' }));
    expect(result.state).toBe('approved');
    expect(gh.pulls.filter((p) => p.open)).toHaveLength(1);
  });

  it('refuses an approval from someone without write permission, once, changing nothing else', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    const before = gh.proposalComment();
    const refused = await comment(gh, 'mallory', '/approve');
    expect(refused).toMatchObject({ state: 'ready', reason: 'mallory has read permission; /approve needs write' });
    expect(gh.pulls).toEqual([]);
    expect(gh.replies()).toHaveLength(1);
    expect(gh.replies()[0]!.body).toContain(
      '`/approve` needs write permission on this repository, which `mallory` does not have',
    );
    expect(gh.proposalComment()).toBe(before);
    gh.writes = [];
    await comment(gh, 'bob', 'I would like to help!');
    await comment(gh, 'mallory', 'please?');
    expect(gh.replies()).toHaveLength(1);
    expect(gh.writes).toEqual([]);
  });

  it('takes the approval label back from someone who may only triage, and says why once', async () => {
    const gh = new FakeGitHub();
    gh.permissions.set('tim', 'triage');
    await opened(gh);
    gh.label('tim', 'proposal: approved');
    const result = await run(gh, event(gh, { kind: 'labeled', label: 'proposal: approved' }, { sender: 'tim' }));
    expect(result.state).toBe('ready');
    expect(gh.labels.has('proposal: approved')).toBe(false);
    expect(gh.pulls).toEqual([]);
    expect(gh.replies().map((r) => r.body)).toEqual([
      expect.stringContaining('`the label "proposal: approved"` needs write permission'),
    ]);
  });

  it('does not approve a proposal that still has errors', async () => {
    const gh = new FakeGitHub();
    gh.text = body({ milestones: '2026-02-30 Replicate' });
    await opened(gh);
    const result = await comment(gh, 'maintainer', '/approve');
    expect(result).toMatchObject({ state: 'needs-changes', reason: 'the proposal has errors, so it was not approved' });
    expect(gh.pulls).toEqual([]);
    expect(gh.proposalComment()).toContain(
      'maintainer approved this proposal, but it still has the problems listed below',
    );
  });

  it('closes politely on a maintainer’s /reject, with the reason, and closes an open pull request', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    await comment(gh, 'maintainer', '/approve');
    const result = await comment(gh, 'maintainer', '/reject Overlaps with the IOI project.\nLet us talk on Discord.');
    expect(result.state).toBe('rejected');
    expect(gh.state).toBe('closed');
    expect(gh.pulls.map((p) => p.open)).toEqual([false]);
    expect([...gh.labels].sort()).toEqual(['proposal', 'proposal: declined']);
    expect(gh.proposalComment()).toContain('> Overlaps with the IOI project.\n> Let us talk on Discord.');
  });

  it('leaves a comment on an issue that is not a proposal after one read, and writes nothing', async () => {
    const gh = new FakeGitHub();
    gh.text = 'The README has a typo.';
    const id = gh.say('bob', 'Thanks!');
    const result = await run(gh, event(gh, { kind: 'comment', id, body: 'Thanks!' }, { sender: 'bob' }));
    expect(result.state).toBe('ignored');
    expect(gh.reads).toEqual(['file .github/circuitboard.yml']);
    expect(gh.writes).toEqual([]);
  });

  it('ignores issues that are not proposals', async () => {
    const gh = new FakeGitHub();
    gh.text = 'The README has a typo.';
    const result = await run(gh, event(gh, { kind: 'opened' }));
    expect(result).toMatchObject({ state: 'ignored' });
    expect(gh.writes).toEqual([]);
  });

  it('refuses a folder name taken on the default branch or by an earlier open proposal, not by a later one', async () => {
    const gh = new FakeGitHub();
    gh.files.set('projects/induction-pythia/project.yml', 'title: x\nproposal: 3\n');
    const taken = await opened(gh);
    expect(taken.errors.map((e) => e.message)).toContainEqual(
      expect.stringContaining('is already used by the existing project projects/induction-pythia'),
    );

    const gh2 = new FakeGitHub();
    gh2.openIssues = [
      { number: 12, body: body() },
      { number: 50, body: body() },
      { number: 42, body: body() },
    ];
    const earlier = await opened(gh2);
    expect(earlier.errors.map((e) => e.message)).toContainEqual(
      expect.stringContaining('is already used by the earlier proposal #12'),
    );
    gh2.openIssues = [{ number: 50, body: body() }];
    expect((await run(gh2, event(gh2, { kind: 'edited' }))).state).toBe('ready');
  });

  it('does not count the folder its own merged pull request created as taken', async () => {
    const gh = new FakeGitHub();
    gh.files.set('projects/induction-pythia/project.yml', 'title: x\nproposal: 42\n');
    expect((await opened(gh)).state).toBe('ready');
  });

  it('uses the labels and commands of .github/circuitboard.yml', async () => {
    const gh = new FakeGitHub();
    gh.files.set(
      '.github/circuitboard.yml',
      'version: 1\ncommunity:\n  name: Lab\nproposals:\n  labels:\n    proposal: idea\n    ready: "idea: ready"\n    approved: "idea: go"\n  commands:\n    approve: /lgtm\n',
    );
    gh.labels.add('idea');
    await run(gh, event(gh, { kind: 'opened' }));
    expect([...gh.labels]).toEqual(['idea', 'idea: ready']);
    expect((await comment(gh, 'maintainer', '/approve')).state).toBe('ready');
    expect((await comment(gh, 'maintainer', '/lgtm')).state).toBe('approved');
  });

  it('announces a ready proposal on Discord, links the post, and carries on when Discord fails', async () => {
    const gh = new FakeGitHub();
    const seen: string[] = [];
    const discord: ProposalAnnouncer = {
      async announce({ event: e }) {
        seen.push(e.id);
        return { url: 'https://discord.com/channels/1/2' };
      },
    };
    gh.labels.add('proposal');
    const result = await run(gh, event(gh, { kind: 'opened' }), discord);
    expect(seen).toEqual(['project.proposed:42']);
    expect(result.discordPost).toEqual({ url: 'https://discord.com/channels/1/2' });
    expect(gh.proposalComment()).toContain('💬 Discuss it on Discord: https://discord.com/channels/1/2');
    const failing: ProposalAnnouncer = {
      async announce() {
        throw new Error('503 from Discord');
      },
    };
    const next = await run(gh, event(gh, { kind: 'edited' }), failing);
    expect(next.state).toBe('ready');
    expect(next.warnings).toEqual(['could not announce the proposal on Discord: 503 from Discord']);
  });

  it('keeps exactly one comment: strays from a race are removed, a person’s copy of the marker is not touched', async () => {
    const gh = new FakeGitHub();
    gh.items.push({
      kind: 'comment',
      id: 1,
      body: '<!-- circuitboard:proposal --> I pasted this',
      author: 'bob',
      bot: false,
      mine: false,
      at: gh.now(),
    });
    await gh.createComment(42, '<!-- circuitboard:proposal state=ready -->\nold');
    await gh.createComment(42, '<!-- circuitboard:proposal state=ready -->\nold');
    const [, ours] = gh.comments().map((c) => c.id);
    await opened(gh);
    expect(gh.comments().map((c) => c.id)).toEqual([1, ours]);
    expect(gh.comments()[0]!.body).toBe('<!-- circuitboard:proposal --> I pasted this');
  });

  it('summarises the run for the job summary', async () => {
    const gh = new FakeGitHub();
    const result = await opened(gh);
    expect(renderProposalSummary(result, { number: 42, url: 'https://github.com/o/r/issues/42' })).toBe(
      [
        '### Proposal [#42](https://github.com/o/r/issues/42): ready for review',
        '',
        '- Folder: `projects/induction-pythia/`',
        '- labelled "proposal: ready for review"',
        '- created the proposal comment (ready)',
        '',
      ].join('\n'),
    );
  });
});

describe('the decision read from the issue, whichever run comes next', () => {
  it('/approve followed at once by another comment: the /approve run never happens, the next one opens the pull request', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    gh.say('maintainer', '/approve');
    // GitHub cancelled the pending run of the /approve when this comment arrived: only this one runs.
    const result = await comment(gh, 'bob', 'Count me in!');
    expect(result).toMatchObject({ state: 'approved', pullRequest: { number: 7 } });
    expect(gh.pulls).toHaveLength(1);
    expect(gh.proposalComment()).toContain('This proposal was approved by `maintainer`');
    gh.writes = [];
    await comment(gh, 'carol', 'Great, thanks!');
    expect(gh.writes).toEqual([]);
    expect(gh.pulls).toHaveLength(1);
  });

  it('a run started by a bot (its own comment or label) completes a cancelled /approve too', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    gh.say('maintainer', '/approve');
    gh.label('some-app[bot]', 'triage: done');
    const result = await run(gh, event(gh, { kind: 'labeled', label: 'triage: done' }, { sender: 'some-app[bot]' }));
    expect(result.state).toBe('approved');
    expect(gh.pulls).toHaveLength(1);
  });

  it('/reject after /approve wins when later, before or after the pull request was opened', async () => {
    const pending = new FakeGitHub();
    await opened(pending);
    pending.say('maintainer', '/approve');
    pending.say('maintainer', '/reject Not this term');
    expect((await comment(pending, 'bob', 'oh')).state).toBe('rejected');
    expect(pending.pulls).toEqual([]);
    expect(pending.state).toBe('closed');

    const acted = new FakeGitHub();
    acted.permissions.set('lead', 'admin');
    await opened(acted);
    await comment(acted, 'maintainer', '/approve');
    expect((await comment(acted, 'lead', '/reject')).state).toBe('rejected');
    expect(acted.pulls.map((p) => p.open)).toEqual([false]);
  });

  it('/approve after /reject wins when later (both pending)', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    gh.say('maintainer', '/reject');
    gh.say('maintainer', '/approve');
    expect((await comment(gh, 'bob', 'yay')).state).toBe('approved');
    expect(gh.state).toBe('open');
  });

  it('an edit of the body after /approve needs a new approval; the pull request keeps the approved version until then', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    await comment(gh, 'maintainer', '/approve');
    const approved = structuredClone(gh.pulls[0]!.files);
    gh.edit(body({ milestones: '2026-11-20 Replicate on Pythia-160m' }));
    const edited = await run(gh, event(gh, { kind: 'edited' }));
    expect(edited).toMatchObject({ state: 'ready', pullRequest: { number: 7 } });
    expect(gh.pulls[0]!.files).toEqual(approved);
    expect([...gh.labels].sort()).toEqual(['proposal', 'proposal: ready for review']);
    expect(gh.proposalComment()).toContain(
      'The proposal changed after it was approved, so it needs a new approval (/approve); until then pull request #7 keeps the approved version.',
    );
    const again = await comment(gh, 'maintainer', '/approve');
    expect(again).toMatchObject({ state: 'approved', pullRequest: { number: 7 } });
    expect(gh.pulls).toHaveLength(1);
    expect(gh.pulls[0]!.files['projects/induction-pythia/project.yml']).toContain('Replicate on Pythia-160m');
  });

  it('an edit whose own run was cancelled still resets the approval on the next run', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    gh.say('maintainer', '/approve');
    gh.edit(body({ summary: 'Something else entirely.' }));
    const result = await comment(gh, 'bob', 'nice');
    expect(result.state).toBe('ready');
    expect(gh.pulls).toEqual([]);
    expect(gh.proposalComment()).toContain('Something else entirely.');
  });

  it('an edit in the same second as the /approve counts as after it', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    gh.say('maintainer', '/approve');
    gh.edit(body({ summary: 'Changed at once.' }), { sameSecond: true });
    expect((await comment(gh, 'bob', 'hm')).state).toBe('ready');
    expect(gh.pulls).toEqual([]);
  });

  it('a declined proposal reopened starts again: the old /reject no longer counts, a new /approve does', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    await comment(gh, 'maintainer', '/reject Not now');
    gh.reopen('alice');
    expect((await run(gh, event(gh, { kind: 'reopened' }))).state).toBe('ready');
    expect([...gh.labels].sort()).toEqual(['proposal', 'proposal: ready for review']);
    expect((await comment(gh, 'maintainer', '/approve')).state).toBe('approved');
  });

  it('never opens a second pull request for an approval whose pull request was closed; a new /approve does', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    await comment(gh, 'maintainer', '/approve');
    gh.pulls[0]!.open = false;
    gh.writes = [];
    // Any later run while that approval stands (here: the title was edited, the body was not).
    const result = await run(gh, event(gh, { kind: 'edited' }));
    expect(result.state).toBe('approved');
    expect(gh.pulls).toHaveLength(1);
    expect(gh.writes.filter((w) => w.startsWith('pr'))).toEqual([]);
    expect(gh.proposalComment()).toContain('Pull request #7 for this approval was closed; comment /approve again');
    const fresh = await comment(gh, 'maintainer', '/approve');
    expect(fresh).toMatchObject({ state: 'approved', pullRequest: { number: 8 } });
    expect(gh.pulls.map((p) => p.open)).toEqual([false, true]);
  });

  it('answers each unpermitted command once while a permitted one in the same batch decides', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    gh.say('mallory', '/approve');
    gh.say('maintainer', '/approve');
    gh.say('eve', '/reject spam');
    const result = await comment(gh, 'bob', '+1');
    expect(result.state).toBe('approved');
    expect(gh.replies().map((r) => r.body.split('\n')[1])).toEqual([
      expect.stringContaining('`mallory` does not have'),
      expect.stringContaining('`eve` does not have'),
    ]);
    gh.writes = [];
    await comment(gh, 'bob', '+1 again');
    expect(gh.writes).toEqual([]);
  });

  it('checks each person’s permission once per run, and not at all when nothing is new', async () => {
    const gh = new FakeGitHub();
    await opened(gh);
    gh.say('maintainer', '/approve');
    gh.say('maintainer', '/approve');
    await comment(gh, 'bob', 'ok');
    expect(gh.reads.filter((r) => r.startsWith('permission'))).toEqual(['permission maintainer']);
    gh.reads = [];
    await comment(gh, 'bob', 'ok');
    expect(gh.reads).toEqual(['file .github/circuitboard.yml', 'issue', 'timeline']);
  });
});
