import { describe, expect, it } from 'vitest';
import {
  handleProposalEvent,
  type IssueComment,
  loadProposalForm,
  PROPOSAL_FIELDS,
  type ProposalAnnouncer,
  type ProposalEventInput,
  type ProposalFieldId,
  type ProposalGitHubPort,
  type RepoPermission,
  renderProposalSummary,
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

/** GitHub as the flow sees it, in memory: enough state to check that runs converge and repeat cleanly. */
class FakeGitHub implements ProposalGitHubPort {
  files = new Map<string, string>([
    ['projects/README.md', '# Projects\n'],
    ['projects/other/project.yml', 'title: x\n'],
  ]);
  openIssues: { number: number; body: string }[] = [];
  permissions = new Map<string, RepoPermission>([['maintainer', 'maintain']]);
  comments: (IssueComment & { issue: number })[] = [];
  labels = new Set<string>();
  closed = false;
  branch: Record<string, string> | undefined;
  pr: { number: number; url: string; title: string; body: string; open: boolean } | undefined;
  writes: string[] = [];
  private nextId = 100;

  async readFile(path: string) {
    return this.files.get(path);
  }
  async listProjectFolders() {
    return [
      ...new Set(
        [...this.files.keys()]
          .filter((p) => p.startsWith('projects/') && p.split('/').length > 2)
          .map((p) => p.split('/')[1]!),
      ),
    ];
  }
  async readProjectFiles() {
    return new Map([...this.files].filter(([p]) => /^projects\/[^/]+\/project\.yml$/.test(p)));
  }
  async listOpenIssues() {
    return this.openIssues;
  }
  async permission(login: string) {
    return this.permissions.get(login) ?? 'read';
  }
  async listComments(issue: number) {
    return this.comments.filter((c) => c.issue === issue).map(({ id, body, mine }) => ({ id, body, mine }));
  }
  async createComment(issue: number, text: string) {
    const id = this.nextId++;
    this.comments.push({ id, issue, body: text, mine: true });
    this.writes.push(`comment+ ${issue}`);
    return { id };
  }
  async updateComment(id: number, text: string) {
    this.comments.find((c) => c.id === id)!.body = text;
    this.writes.push(`comment~ ${id}`);
  }
  async deleteComment(id: number) {
    this.comments = this.comments.filter((c) => c.id !== id);
    this.writes.push(`comment- ${id}`);
  }
  async addLabels(_issue: number, labels: string[]) {
    for (const l of labels) this.labels.add(l);
    this.writes.push(`label+ ${labels.join(',')}`);
  }
  async removeLabel(_issue: number, label: string) {
    this.labels.delete(label);
    this.writes.push(`label- ${label}`);
  }
  async closeIssue() {
    this.closed = true;
    this.writes.push('close');
  }
  async upsertPullRequest(request: { branch: string; title: string; body: string; files: Record<string, string> }) {
    let outcome: 'created' | 'updated' | 'unchanged' = 'unchanged';
    if (JSON.stringify(this.branch) !== JSON.stringify(request.files)) {
      this.branch = { ...request.files };
      outcome = 'updated';
      this.writes.push(`commit ${request.branch}`);
    }
    if (!this.pr?.open) {
      this.pr = {
        number: 7,
        url: 'https://github.com/o/r/pull/7',
        title: request.title,
        body: request.body,
        open: true,
      };
      this.writes.push('pr+');
      return { number: 7, url: this.pr.url, outcome: 'created' as const };
    }
    return { number: this.pr.number, url: this.pr.url, outcome };
  }
  async closePullRequest() {
    if (!this.pr?.open) return undefined;
    this.pr.open = false;
    this.writes.push('pr-');
    return { number: this.pr.number, url: this.pr.url };
  }
}

/** The flow's view of the issue, taking labels from the fake so each run sees the last one's labels. */
function event(
  gh: FakeGitHub,
  trigger: ProposalEventInput['trigger'],
  options: { text?: string; sender?: string; number?: number } = {},
): ProposalEventInput {
  return {
    issue: {
      number: options.number ?? 42,
      title: 'Proposal: induction heads',
      body: options.text ?? body(),
      author: 'alice',
      state: gh.closed ? 'closed' : 'open',
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
const comment = (text: string, id = 1) => ({ kind: 'comment' as const, id, body: text });

describe('the proposal flow', () => {
  it('answers a new proposal with one comment and the ready label', async () => {
    const gh = new FakeGitHub();
    const result = await run(gh, event(gh, { kind: 'opened' }));
    expect(result).toMatchObject({ state: 'ready', slug: 'induction-pythia', comment: 'created' });
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toMatch(/^<!-- circuitboard:proposal slug=induction-pythia state=ready -->/);
    expect([...gh.labels]).toEqual(['proposal', 'proposal: ready for review']);
  });

  it('edits the same comment when the issue is edited, and writes nothing on a re-run', async () => {
    const gh = new FakeGitHub();
    await run(gh, event(gh, { kind: 'opened' }));
    const broken = body({ milestones: 'Replicate' });
    expect((await run(gh, event(gh, { kind: 'edited' }, { text: broken }))).state).toBe('needs-changes');
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toContain('**Milestones** line 1: `Replicate` has no date');
    expect([...gh.labels]).toEqual(['proposal', 'proposal: needs changes']);
    gh.writes = [];
    const again = await run(gh, event(gh, { kind: 'edited' }, { text: broken }));
    expect(again).toMatchObject({ state: 'needs-changes', comment: 'unchanged', actions: [] });
    expect(gh.writes).toEqual([]);
  });

  it('opens one pull request with the project folder on a maintainer’s /approve, and the same one on a re-run', async () => {
    const gh = new FakeGitHub();
    await run(gh, event(gh, { kind: 'opened' }));
    const approved = await run(gh, event(gh, comment('/approve'), { sender: 'maintainer' }));
    expect(approved).toMatchObject({ state: 'approved', pullRequest: { number: 7 } });
    expect(Object.keys(gh.branch!)).toEqual([
      'projects/induction-pythia/project.yml',
      'projects/induction-pythia/README.md',
      'projects/induction-pythia/updates/2026-10-30-proposal.md',
      'projects/README.md',
      '.github/CODEOWNERS',
    ]);
    expect(gh.branch!['.github/CODEOWNERS']).toContain('/projects/induction-pythia/ @alice');
    expect(gh.pr!.body).toContain('Closes #42');
    expect(gh.pr!.title).toBe('Add project: Induction heads across Pythia checkpoints');
    expect([...gh.labels].sort()).toEqual(['proposal', 'proposal: approved']);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toContain(
      'This proposal was approved by `maintainer`. Pull request #7 adds `projects/induction-pythia/`',
    );
    gh.writes = [];
    const rerun = await run(gh, event(gh, comment('/approve'), { sender: 'maintainer' }));
    expect(rerun).toMatchObject({ state: 'approved', pullRequest: { number: 7 } });
    expect(gh.writes).toEqual([]);
  });

  it('approves on the approval label added by a maintainer', async () => {
    const gh = new FakeGitHub();
    await run(gh, event(gh, { kind: 'opened' }));
    gh.labels.add('proposal: approved');
    const result = await run(gh, event(gh, { kind: 'labeled', label: 'proposal: approved' }, { sender: 'maintainer' }));
    expect(result.state).toBe('approved');
    expect(gh.pr?.open).toBe(true);
  });

  it('refuses an approval from someone without write permission, once, changing nothing else', async () => {
    const gh = new FakeGitHub();
    await run(gh, event(gh, { kind: 'opened' }));
    const before = gh.comments[0]!.body;
    const refused = await run(gh, event(gh, comment('/approve', 555), { sender: 'mallory' }));
    expect(refused).toMatchObject({ state: 'ready', reason: 'mallory has read permission; /approve needs write' });
    expect(gh.pr).toBeUndefined();
    expect(gh.comments).toHaveLength(2);
    expect(gh.comments[1]!.body).toContain(
      '`/approve` needs write permission on this repository, which `mallory` does not have',
    );
    expect(gh.comments[0]!.body).toBe(before);
    await run(gh, event(gh, comment('/approve', 555), { sender: 'mallory' }));
    expect(gh.comments).toHaveLength(2);
  });

  it('takes the approval label back from someone who may only triage', async () => {
    const gh = new FakeGitHub();
    gh.permissions.set('tim', 'triage');
    await run(gh, event(gh, { kind: 'opened' }));
    gh.labels.add('proposal: approved');
    const result = await run(gh, event(gh, { kind: 'labeled', label: 'proposal: approved' }, { sender: 'tim' }));
    expect(result.state).toBe('ready');
    expect(gh.labels.has('proposal: approved')).toBe(false);
    expect(gh.pr).toBeUndefined();
  });

  it('does not approve a proposal that still has errors', async () => {
    const gh = new FakeGitHub();
    const broken = body({ milestones: '2026-02-30 Replicate' });
    await run(gh, event(gh, { kind: 'opened' }, { text: broken }));
    const result = await run(gh, event(gh, comment('/approve'), { sender: 'maintainer', text: broken }));
    expect(result).toMatchObject({ state: 'needs-changes', reason: 'the proposal has errors, so it was not approved' });
    expect(gh.pr).toBeUndefined();
    expect(gh.comments[0]!.body).toContain(
      'maintainer approved this proposal, but it still has the problems listed below',
    );
  });

  it('closes politely on a maintainer’s /reject, with the reason, and closes an open pull request', async () => {
    const gh = new FakeGitHub();
    await run(gh, event(gh, { kind: 'opened' }));
    await run(gh, event(gh, comment('/approve'), { sender: 'maintainer' }));
    const result = await run(
      gh,
      event(gh, comment('/reject Overlaps with the IOI project.\nLet us talk on Discord.', 2), {
        sender: 'maintainer',
      }),
    );
    expect(result.state).toBe('rejected');
    expect(gh.closed).toBe(true);
    expect(gh.pr!.open).toBe(false);
    expect([...gh.labels].sort()).toEqual(['proposal', 'proposal: declined']);
    expect(gh.comments[0]!.body).toContain('> Overlaps with the IOI project.\n> Let us talk on Discord.');
  });

  it('leaves ordinary comments and bots alone without a single request', async () => {
    const gh = new FakeGitHub();
    const calls: string[] = [];
    const spy = new Proxy(gh, {
      get: (target, key) => {
        calls.push(String(key));
        return Reflect.get(target, key);
      },
    });
    expect((await run(spy, event(gh, comment('Love this idea!')))).state).toBe('ignored');
    expect(
      (await run(spy, { ...event(gh, comment('/approve')), sender: { login: 'ci[bot]', isBot: true } })).state,
    ).toBe('ignored');
    expect(calls).toEqual([]);
  });

  it('ignores issues that are not proposals', async () => {
    const gh = new FakeGitHub();
    const result = await run(gh, event(gh, { kind: 'opened' }, { text: 'The README has a typo.' }));
    expect(result).toMatchObject({ state: 'ignored' });
    expect(gh.writes).toEqual([]);
  });

  it('refuses a folder name taken on the default branch or by an earlier open proposal, not by a later one', async () => {
    const gh = new FakeGitHub();
    gh.files.set('projects/induction-pythia/project.yml', 'title: x\nproposal: 3\n');
    const taken = await run(gh, event(gh, { kind: 'opened' }));
    expect(taken.errors.map((e) => e.message)).toContainEqual(
      expect.stringContaining('is already used by the existing project projects/induction-pythia'),
    );

    const gh2 = new FakeGitHub();
    gh2.openIssues = [
      { number: 12, body: body() },
      { number: 50, body: body() },
      { number: 42, body: body() },
    ];
    const earlier = await run(gh2, event(gh2, { kind: 'opened' }));
    expect(earlier.errors.map((e) => e.message)).toContainEqual(
      expect.stringContaining('is already used by the earlier proposal #12'),
    );
    gh2.openIssues = [{ number: 50, body: body() }];
    expect((await run(gh2, event(gh2, { kind: 'edited' }))).state).toBe('ready');
  });

  it('does not count the folder its own merged pull request created as taken', async () => {
    const gh = new FakeGitHub();
    gh.files.set('projects/induction-pythia/project.yml', 'title: x\nproposal: 42\n');
    expect((await run(gh, event(gh, { kind: 'opened' }))).state).toBe('ready');
  });

  it('uses the labels and commands of .github/circuitboard.yml', async () => {
    const gh = new FakeGitHub();
    gh.files.set(
      '.github/circuitboard.yml',
      'version: 1\ncommunity:\n  name: Lab\nproposals:\n  labels:\n    proposal: idea\n    ready: "idea: ready"\n    approved: "idea: go"\n  commands:\n    approve: /lgtm\n',
    );
    await run(gh, event(gh, { kind: 'opened' }));
    expect([...gh.labels]).toEqual(['idea', 'idea: ready']);
    expect((await run(gh, event(gh, comment('/approve'), { sender: 'maintainer' }))).state).toBe('ignored');
    expect((await run(gh, event(gh, comment('/lgtm'), { sender: 'maintainer' }))).state).toBe('approved');
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
    const result = await run(gh, event(gh, { kind: 'opened' }), discord);
    expect(seen).toEqual(['project.proposed:42']);
    expect(result.discordPost).toEqual({ url: 'https://discord.com/channels/1/2' });
    expect(gh.comments[0]!.body).toContain('💬 Discuss it on Discord: https://discord.com/channels/1/2');
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
    gh.comments.push({ id: 1, issue: 42, body: '<!-- circuitboard:proposal --> I pasted this', mine: false });
    gh.comments.push({ id: 2, issue: 42, body: '<!-- circuitboard:proposal state=ready -->\nold', mine: true });
    gh.comments.push({ id: 3, issue: 42, body: '<!-- circuitboard:proposal state=ready -->\nold', mine: true });
    await run(gh, event(gh, { kind: 'opened' }));
    expect(gh.comments.map((c) => c.id)).toEqual([1, 2]);
    expect(gh.comments[0]!.body).toBe('<!-- circuitboard:proposal --> I pasted this');
  });

  it('summarises the run for the job summary', async () => {
    const gh = new FakeGitHub();
    const result = await run(gh, event(gh, { kind: 'opened' }));
    expect(renderProposalSummary(result, { number: 42, url: 'https://github.com/o/r/issues/42' })).toBe(
      [
        '### Proposal [#42](https://github.com/o/r/issues/42): ready for review',
        '',
        '- Folder: `projects/induction-pythia/`',
        '- labelled "proposal", "proposal: ready for review"',
        '- created the proposal comment (ready)',
        '',
      ].join('\n'),
    );
  });
});

describe('a declined proposal', () => {
  it('can be reopened and approved later', async () => {
    const gh = new FakeGitHub();
    await run(gh, event(gh, { kind: 'opened' }));
    await run(gh, event(gh, comment('/reject Not now', 3), { sender: 'maintainer' }));
    gh.closed = false;
    expect((await run(gh, event(gh, { kind: 'reopened' }))).state).toBe('ready');
    expect([...gh.labels].sort()).toEqual(['proposal', 'proposal: ready for review']);
    expect((await run(gh, event(gh, comment('/approve', 4), { sender: 'maintainer' }))).state).toBe('approved');
  });
});
