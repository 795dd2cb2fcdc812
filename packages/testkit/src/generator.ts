import type { GitHubActivity, SeedIssue } from './github/server.ts';
import { Random } from './prng.ts';

export interface CommunityOptions {
  seed: number;
  /** Number of projects. */
  projects: number;
  /** Milestones each project starts with; default 4. */
  milestonesPerProject?: number;
  /** Changes after the projects exist (milestones done, updates posted, members joining, …), one commit each; default 0. */
  events?: number;
  /** Length of the window the events fall in; default 12. */
  weeks?: number;
  /** First day of the window, YYYY-MM-DD; default 2026-09-07 (a Monday). */
  start?: string;
  /** GitHub organisation used in links; default mechinterp-community. */
  org?: string;
}

export interface GeneratedPerson {
  github: string;
  discord?: string;
}

export interface GeneratedMilestone {
  id: string;
  title: string;
  due?: string;
  done?: string;
  dropped?: true;
}

/** The same fields and order as projects/<slug>/project.yml in DESIGN.md. */
export interface GeneratedProject {
  title: string;
  status: 'proposed' | 'active' | 'paused' | 'completed' | 'archived';
  summary: string;
  leads: GeneratedPerson[];
  members?: GeneratedPerson[];
  tags?: string[];
  links?: Record<string, string>;
  started?: string;
  proposal?: number;
  milestones?: GeneratedMilestone[];
}

export interface CommitAuthor {
  name: string;
  email: string;
  /** GitHub login the noreply email belongs to. */
  login: string;
}

export interface CommunityCommit {
  /** ISO 8601 UTC, seconds precision. */
  date: string;
  author: CommitAuthor;
  message: string;
  /** path → new content, or null when the commit deletes it. */
  files: Record<string, string | null>;
}

export interface Community {
  /** The tree after the last commit: projects/<slug>/project.yml, README.md and updates/*.md. */
  files: Record<string, string>;
  /** Oldest first; replaying them gives `files`. */
  commits: CommunityCommit[];
  /** Final state of each project, by slug, for assertions. */
  projects: Record<string, GeneratedProject>;
}

export const PROJECT_SCHEMA_COMMENT = '# yaml-language-server: $schema=../../packages/core/schemas/project.schema.json';

const TECHNIQUES = [
  'Sparse autoencoders',
  'Linear probes',
  'Activation patching',
  'Path patching',
  'Attribution patching',
  'Causal scrubbing',
  'The logit lens',
  'Tuned lenses',
  'Steering vectors',
  'Transcoders',
  'Crosscoders',
  'Edge attribution patching',
  'Neuron ablations',
  'Distributed alignment search',
];
const PHENOMENA = [
  'induction heads',
  'indirect object identification',
  'modular addition',
  'factual recall',
  'greater-than comparisons',
  'refusal directions',
  'truth directions',
  'the board state of Othello-GPT',
  'superposition',
  'positional information',
  'in-context learning',
  'docstring completion',
  'multilingual features',
  'arithmetic heads',
  'grokking',
  'successor heads',
  'copy suppression',
];
const MODELS = [
  'Pythia-70m',
  'Pythia-410m',
  'GPT-2 small',
  'GPT-2 medium',
  'Gemma-2-2B',
  'Llama-3.2-1B',
  'a one-layer transformer',
  'TinyStories-33M',
  'OLMo-1B',
  'Qwen2.5-0.5B',
];
const TITLE_TEMPLATES = [
  (t: string, p: string, m: string) => `${t} for ${p} in ${m}`,
  (_t: string, p: string, m: string) => `Replicating ${p} in ${m}`,
  (_t: string, p: string, m: string) => `How ${m} represents ${p}`,
  (t: string, p: string, m: string) => `${t} on ${p} across ${m} checkpoints`,
  (t: string, p: string, _m: string) => `${t} as a lens on ${p}`,
];
const TAGS = [
  'sae',
  'probing',
  'circuits',
  'induction-heads',
  'pythia',
  'gpt-2',
  'training-dynamics',
  'superposition',
  'steering',
  'replication',
  'toy-models',
  'attribution',
  'world-models',
  'grokking',
  'factual-recall',
  'refusal',
  'multilingual',
  'path-patching',
];
const MILESTONES: Array<[string, string]> = [
  ['replicate', 'Replicate the baseline result'],
  ['dataset', 'Build the prompt dataset and baselines'],
  ['train-saes', 'Train sparse autoencoders on the residual stream'],
  ['probe-layers', 'Train probes at every layer'],
  ['patching-sweep', 'Run an activation-patching sweep over all heads'],
  ['ablations', 'Ablate the candidate components'],
  ['scale-up', 'Repeat the analysis on a larger model'],
  ['compare-checkpoints', 'Compare the result across training checkpoints'],
  ['feature-dashboard', 'Publish feature dashboards'],
  ['notebook', 'Publish a teaching notebook'],
  ['writeup', 'Draft a LessWrong post with the results'],
  ['paper-draft', 'Write a workshop paper draft'],
  ['code-release', 'Release the code and trained weights'],
  ['reading-group', 'Present the results at the reading group'],
  ['eval-suite', 'Build an evaluation suite for the method'],
  ['hyperparams', 'Sweep the training hyperparameters'],
  ['attribution-graphs', 'Build attribution graphs for ten prompts'],
  ['steering-demo', 'Demonstrate steering with the found direction'],
];
const UPDATE_TOPICS: Array<[string, string, string]> = [
  [
    'first-results',
    'First results',
    'The first runs finished and the numbers look like the paper’s. Plots are in the repo.',
  ],
  ['dataset-ready', 'Dataset ready', 'The prompt dataset is cleaned and split; baselines are in the README.'],
  ['need-compute', 'Looking for compute', 'The next sweep needs about 40 GPU-hours. Ping a lead if you can help.'],
  [
    'surprising-heads',
    'Surprising heads',
    'Two heads in layer 5 do something we did not expect; notes in the notebook.',
  ],
  [
    'negative-result',
    'A negative result',
    'The effect does not survive a proper baseline. We write down why and move on.',
  ],
  [
    'call-for-reviewers',
    'Call for reviewers',
    'The draft is ready for comments. Reviewers from outside the project are welcome.',
  ],
  [
    'weekly-sync',
    'Weekly sync notes',
    'Short notes from this week’s call: what moved, what is blocked, who does what.',
  ],
  ['new-plots', 'New plots', 'The checkpoint sweep plots are up, one panel per model size.'],
];
const FIRST = [
  'alice',
  'bilal',
  'chen',
  'dana',
  'emeka',
  'farah',
  'gabriel',
  'hana',
  'ivan',
  'jules',
  'kai',
  'lena',
  'mateo',
  'nadia',
  'oren',
  'priya',
  'quinn',
  'rosa',
  'sami',
  'tomas',
  'uma',
  'viktor',
  'wen',
  'yara',
  'zane',
  'amara',
  'bo',
  'clara',
  'dmitri',
  'elif',
];
const LAST = [
  'nguyen',
  'baker',
  'wei',
  'okafor',
  'silva',
  'haddad',
  'moreau',
  'sato',
  'petrov',
  'tanaka',
  'larsen',
  'vogel',
  'garcia',
  'rahman',
  'cohen',
  'iyer',
  'murphy',
  'costa',
  'kaya',
  'novak',
];

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function slugify(text: string, max = 48): string {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '' && !['the', 'a', 'an', 'of', 'on', 'in', 'for', 'as', 'across'].includes(w));
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > max) break;
    slug = next;
  }
  return slug || 'project';
}

const PLAIN = /^[A-Za-z0-9(][A-Za-z0-9 ,.()'’=+/-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

/** A YAML scalar: plain when that reads back as the same string, otherwise double-quoted (JSON is valid YAML). */
export function yamlString(value: string): string {
  const plain = PLAIN.test(value) && !RESERVED.test(value) && !/^[-+]?[0-9.]/.test(value) && !value.endsWith(' ');
  return plain ? value : JSON.stringify(value);
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** project.yml exactly in the layout of DESIGN.md, with the schema comment first. */
export function renderProjectYaml(project: GeneratedProject): string {
  const out = [
    PROJECT_SCHEMA_COMMENT,
    `title: ${yamlString(project.title)}`,
    `status: ${project.status}`,
    'summary: >-',
  ];
  for (const line of wrap(project.summary, 72)) out.push(`  ${line}`);
  const people = (key: 'leads' | 'members', list: GeneratedPerson[] | undefined) => {
    if (!list || list.length === 0) return;
    out.push(`${key}:`);
    for (const person of list) {
      out.push(`  - github: ${person.github}`);
      if (person.discord) out.push(`    discord: "${person.discord}"`);
    }
  };
  people('leads', project.leads);
  people('members', project.members);
  if (project.tags && project.tags.length > 0) out.push(`tags: [${project.tags.join(', ')}]`);
  if (project.links && Object.keys(project.links).length > 0) {
    out.push('links:');
    for (const [name, url] of Object.entries(project.links)) out.push(`  ${name}: ${url}`);
  }
  if (project.started) out.push(`started: ${project.started}`);
  if (project.proposal !== undefined) out.push(`proposal: ${project.proposal}`);
  if (project.milestones && project.milestones.length > 0) {
    out.push('milestones:');
    for (const m of project.milestones) {
      out.push(`  - id: ${m.id}`, `    title: ${yamlString(m.title)}`);
      if (m.due) out.push(`    due: ${m.due}`);
      if (m.done) out.push(`    done: ${m.done}`);
      if (m.dropped) out.push('    dropped: true');
    }
  }
  return `${out.join('\n')}\n`;
}

function renderReadme(project: GeneratedProject, rng: Random): string {
  const wanted = rng.sample(
    [
      'Someone comfortable with TransformerLens hooks to speed up the sweep.',
      'A reviewer for the plotting notebook.',
      'Help writing up the results for a general audience.',
      'Spare GPU hours for the larger models.',
      'A second pair of eyes on the evaluation code.',
    ],
    2,
  );
  const lines = [
    `# ${project.title}`,
    '',
    ...wrap(project.summary, 96),
    '',
    '## Help wanted',
    '',
    ...wanted.map((w) => `- ${w}`),
    '',
  ];
  if (project.proposal !== undefined)
    lines.push(`Proposed in #${project.proposal}. Chat in the project's thread in the Discord forum.`, '');
  return lines.join('\n');
}

interface Member extends GeneratedPerson {
  name: string;
}

function people(rng: Random, count: number): Member[] {
  const out: Member[] = [];
  const used = new Set<string>();
  while (out.length < count) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const style = rng.int(0, 2);
    let login = style === 0 ? `${first}-${last}` : style === 1 ? `${first[0]}${last}` : `${first}-${last[0]}`;
    if (used.has(login)) login = `${login}${rng.int(2, 99)}`;
    if (used.has(login) || login.length > 39) continue;
    used.add(login);
    const name = `${first[0]?.toUpperCase()}${first.slice(1)} ${last[0]?.toUpperCase()}${last.slice(1)}`;
    out.push({ github: login, name, ...(rng.chance(0.35) ? { discord: rng.digits(18) } : {}) });
  }
  return out;
}

function person(member: Member): GeneratedPerson {
  return member.discord ? { github: member.github, discord: member.discord } : { github: member.github };
}

function authorOf(member: Member): CommitAuthor {
  return { name: member.name, email: `${member.github}@users.noreply.github.com`, login: member.github };
}

function timeOn(rng: Random, day: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day}T${pad(rng.int(8, 21))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}Z`;
}

interface Working {
  slug: string;
  project: GeneratedProject;
  created: string;
  team: Member[];
  updates: Set<string>;
}

/** A seeded, deterministic synthetic community: projects, their history as commits, and the resulting tree. */
export function generateCommunity(options: CommunityOptions): Community {
  const rng = new Random(options.seed);
  const start = options.start ?? '2026-09-07';
  const weeks = options.weeks ?? 12;
  const perProject = options.milestonesPerProject ?? 4;
  const org = options.org ?? 'mechinterp-community';
  const windowDays = weeks * 7;
  const crowd = people(rng, Math.max(8, Math.ceil(options.projects * 2.5)));
  const slugs = new Set<string>();
  const working: Working[] = [];

  for (let i = 0; i < options.projects; i++) {
    const technique = rng.pick(TECHNIQUES);
    const phenomenon = rng.pick(PHENOMENA);
    const model = rng.pick(MODELS);
    const title = rng.pick(TITLE_TEMPLATES)(technique, phenomenon, model);
    let slug = slugify(title);
    for (let n = 2; slugs.has(slug); n++) slug = `${slugify(title, 44)}-${n}`;
    slugs.add(slug);
    const early = rng.chance(0.75);
    const created = early ? addDays(start, -rng.int(7, 70)) : addDays(start, rng.int(0, Math.max(windowDays - 1, 0)));
    const status: GeneratedProject['status'] = early
      ? rng.chance(0.85)
        ? 'active'
        : 'proposed'
      : rng.chance(0.5)
        ? 'active'
        : 'proposed';
    const team = rng.sample(crowd, rng.int(1, 5));
    const leadCount = team.length > 1 && rng.chance(0.3) ? 2 : 1;
    const started = status === 'proposed' ? undefined : created;
    const due0 = started ?? created;
    const chosen = rng.sample(MILESTONES, perProject);
    while (chosen.length < perProject) {
      const [id, milestoneTitle] = rng.pick(MILESTONES);
      chosen.push([`${id}-${chosen.length + 1}`, `${milestoneTitle} (part ${chosen.length + 1})`]);
    }
    let due = due0;
    const milestones: GeneratedMilestone[] = chosen.map(([id, milestoneTitle]) => {
      due = addDays(due, rng.int(10, 35));
      const milestone: GeneratedMilestone = { id, title: milestoneTitle, due };
      // Work planned before the window started is mostly done by then, a few days either side of its due date.
      if (status !== 'proposed' && due < start && rng.chance(0.8)) {
        const done = addDays(due, rng.int(-5, 4));
        milestone.done = done < created ? created : done >= start ? addDays(start, -1) : done;
      }
      return milestone;
    });
    const links: Record<string, string> = { repo: `https://github.com/${org}/${slug}` };
    if (rng.chance(0.5)) links.paper = `https://arxiv.org/abs/${rng.int(2101, 2612)}.${rng.digits(5)}`;
    const project: GeneratedProject = {
      title,
      status,
      summary: `${rng.pick([
        `What does ${phenomenon} look like inside ${model}?`,
        `Can ${technique.toLowerCase()} explain ${phenomenon} in ${model}?`,
        `Is ${phenomenon} implemented the same way in ${model} as in the models where it was first described?`,
      ])} ${rng.pick([
        'We start from the published setup and change one thing at a time.',
        'The plan is a careful replication first, then a scan over model sizes.',
        'We write everything up as a notebook newcomers can run on a laptop.',
      ])} ${rng.pick(['Results go to the reading group first.', 'Everyone is welcome to join a milestone.', 'Negative results count too.'])}`,
      leads: team.slice(0, leadCount).map(person),
      ...(team.length > leadCount ? { members: team.slice(leadCount).map(person) } : {}),
      tags: rng.sample(TAGS, rng.int(1, 4)),
      links,
      ...(started ? { started } : {}),
      proposal: i + 1,
      milestones,
    };
    working.push({ slug, project, created, team, updates: new Set() });
  }

  const raw: Array<{
    date: string;
    author: CommitAuthor;
    message: string;
    files: Record<string, string | null>;
    order: number;
  }> = [];
  const write = (w: Working) => ({ [`projects/${w.slug}/project.yml`]: renderProjectYaml(w.project) });
  // Each commit's files are rendered when it is made, so later events never rewrite earlier commits.
  for (const w of working) {
    raw.push({
      date: timeOn(rng, w.created),
      author: authorOf(w.team[0] as Member),
      message: `Add project ${w.slug}`,
      files: { ...write(w), [`projects/${w.slug}/README.md`]: renderReadme(w.project, rng) },
      order: raw.length,
    });
  }
  raw.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));

  const eventDays = Array.from({ length: options.events ?? 0 }, () =>
    addDays(start, rng.int(0, Math.max(windowDays - 1, 0))),
  ).sort();
  const events: typeof raw = [];
  for (const day of eventDays) {
    const alive = working.filter((w) => w.created < day && w.project.status !== 'completed');
    if (alive.length === 0) continue;
    const w = rng.pick(alive);
    const p = w.project;
    const open = (p.milestones ?? []).filter((m) => !m.done && !m.dropped);
    const roll = rng.next();
    const files: Record<string, string | null> = {};
    let message: string;
    if (roll < 0.3 && open.length > 0 && p.status !== 'proposed') {
      const m = open.sort((a, b) => ((a.due ?? '') < (b.due ?? '') ? -1 : 1))[0] as GeneratedMilestone;
      m.done = day;
      message = `${w.slug}: milestone ${m.id} done`;
      if (open.length === 1 && p.status === 'active' && rng.chance(0.6)) {
        p.status = 'completed';
        message += ', project completed';
      }
    } else if (roll < 0.42 && open.length > 0) {
      const m = rng.pick(open);
      m.due = addDays(m.due ?? day, rng.int(7, 21));
      message = `${w.slug}: move ${m.id} to ${m.due}`;
    } else if (roll < 0.52) {
      const outsider =
        crowd.find((c) => !w.team.includes(c) && rng.chance(0.2)) ?? crowd.find((c) => !w.team.includes(c));
      if (!outsider) continue;
      w.team.push(outsider);
      p.members = [...(p.members ?? []), person(outsider)];
      message = `${w.slug}: ${outsider.github} joins`;
    } else if (roll < 0.57 && (p.members?.length ?? 0) > 0) {
      const leaving = rng.pick(p.members ?? []);
      p.members = (p.members ?? []).filter((m) => m.github !== leaving.github);
      if (p.members.length === 0) delete p.members;
      message = `${w.slug}: ${leaving.github} leaves`;
    } else if (roll < 0.65) {
      const used = new Set((p.milestones ?? []).map((m) => m.id));
      const fresh = MILESTONES.filter(([id]) => !used.has(id));
      if (fresh.length === 0) continue;
      const [id, title] = rng.pick(fresh);
      p.milestones = [...(p.milestones ?? []), { id, title, due: addDays(day, rng.int(14, 60)) }];
      message = `${w.slug}: add milestone ${id}`;
    } else if (roll < 0.72) {
      const next =
        p.status === 'active' ? 'paused' : p.status === 'paused' || p.status === 'proposed' ? 'active' : undefined;
      if (!next) continue;
      if (p.status === 'proposed') p.started = day;
      message = `${w.slug}: status ${p.status} → ${next}`;
      p.status = next;
    } else if (roll < 0.75 && open.length > 0) {
      const m = rng.pick(open);
      m.dropped = true;
      message = `${w.slug}: drop milestone ${m.id}`;
      const name = `projects/${w.slug}/updates/${day}-dropping-${m.id}.md`;
      files[name] =
        `# Dropping ${m.id}\n\nWe are giving up on “${m.title}”: the results so far say it would not change the conclusion.\n`;
      w.updates.add(name);
    } else {
      const [topic, heading, text] = rng.pick(UPDATE_TOPICS);
      const name = `projects/${w.slug}/updates/${day}-${topic}.md`;
      if (w.updates.has(name)) continue;
      w.updates.add(name);
      files[name] = `# ${heading}\n\n${text}\n`;
      message = `${w.slug}: update ${topic}`;
      events.push({ date: timeOn(rng, day), author: authorOf(rng.pick(w.team)), message, files, order: 0 });
      continue;
    }
    Object.assign(files, write(w));
    events.push({ date: timeOn(rng, day), author: authorOf(rng.pick(w.team)), message, files, order: 0 });
  }

  const commits = [...raw, ...events]
    .map((c, order) => ({ ...c, order }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order))
    .map(({ order: _order, ...commit }) => commit);
  const files: Record<string, string> = {};
  for (const commit of commits) {
    for (const [path, content] of Object.entries(commit.files)) {
      if (content === null) delete files[path];
      else files[path] = content;
    }
  }
  return { files, commits, projects: Object.fromEntries(working.map((w) => [w.slug, w.project])) };
}

export interface GitHubActivityOptions {
  seed: number;
  /** Issues and pull requests in all. */
  issues: number;
  /** How many of them were updated inside the window. */
  updatedInWindow: number;
  /** Commits on the default branch inside the window. */
  commits: number;
  /** ISO dates or date-times; `until` defaults to `since` + 7 days. */
  window: { since: string; until?: string };
  /** Share of `issues` that are pull requests; default 0.3. */
  pullShare?: number;
}

const LABELS = [
  { name: 'proposal', color: '0e8a16', description: 'A project proposal' },
  { name: 'proposal: approved', color: '5319e7' },
  { name: 'bug', color: 'd73a4a' },
  { name: 'question', color: 'd876e3' },
  { name: 'good first issue', color: '7057ff' },
  { name: 'help wanted', color: '008672' },
];

/** Synthetic issues, pull requests and commits sized for the report benchmark; seed them with gh.seedActivity. */
export function generateGitHubActivity(options: GitHubActivityOptions): GitHubActivity {
  const rng = new Random(options.seed);
  const since = Date.parse(
    options.window.since.length === 10 ? `${options.window.since}T00:00:00Z` : options.window.since,
  );
  const until = options.window.until
    ? Date.parse(options.window.until.length === 10 ? `${options.window.until}T23:59:59Z` : options.window.until)
    : since + 7 * 86_400_000;
  const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const crowd = people(rng, 60);
  const projectLabels = Array.from({ length: 12 }, (_, i) => ({
    name: `project:${slugify(rng.pick(PHENOMENA))}-${i + 1}`,
    color: '5319e7',
  }));
  const milestones = Array.from({ length: 20 }, (_, i) => {
    const created = since - rng.int(10, 120) * 86_400_000;
    const closed = rng.chance(0.4) ? created + rng.int(5, 60) * 86_400_000 : null;
    return {
      title: `${rng.pick(MILESTONES)[1]} (${i + 1})`,
      due_on: iso(created + rng.int(14, 90) * 86_400_000),
      state: closed !== null && closed < until ? ('closed' as const) : ('open' as const),
      created_at: iso(created),
      closed_at: closed !== null && closed < until ? iso(closed) : null,
    };
  });
  const year = 365 * 86_400_000;
  const issues: SeedIssue[] = [];
  for (let i = 0; i < options.issues; i++) {
    const inWindow = i < options.updatedInWindow;
    const updated = inWindow ? since + rng.next() * (until - since) : since - 1000 - rng.next() * year;
    const created = inWindow && rng.chance(0.4) ? since + rng.next() * (updated - since) : updated - rng.next() * year;
    const closed = rng.chance(inWindow ? 0.45 : 0.7);
    const user = rng.pick(crowd).github;
    const isPull = rng.chance(options.pullShare ?? 0.3);
    const labels = rng.sample([...LABELS, ...projectLabels], rng.int(0, 2)).map((l) => l.name);
    const comments = inWindow
      ? Array.from({ length: rng.int(0, 3) }, () => ({
          body: rng.pick(['Looks good to me.', 'I can take this one.', 'Pushed a fix.', 'Could you add a plot?']),
          user: rng.pick(crowd).github,
          created_at: iso(Math.max(created, since) + rng.next() * (updated - Math.max(created, since))),
        }))
      : [];
    const issue: SeedIssue = {
      title: isPull
        ? `${rng.pick(['Add', 'Fix', 'Update'])} ${rng.pick(PHENOMENA)} ${rng.pick(['notebook', 'plots', 'docs', 'sweep config'])}`
        : `${rng.pick(['Question about', 'Idea:', 'Bug in'])} ${rng.pick(PHENOMENA)}`,
      body: `Generated issue ${i + 1}.`,
      user,
      state: closed ? 'closed' : 'open',
      labels,
      created_at: iso(created),
      updated_at: iso(updated),
      ...(closed ? { closed_at: iso(updated) } : {}),
      ...(rng.chance(0.2) ? { milestone: rng.int(1, milestones.length) } : {}),
      comments,
      ...(isPull
        ? {
            pull: {
              head: `feature-${i + 1}`,
              ...(closed && rng.chance(0.8) ? { merged_at: iso(updated), merged_by: user } : {}),
            },
          }
        : {}),
    };
    issues.push(issue);
  }
  // GitHub numbers issues in creation order.
  issues.sort((a, b) => ((a.created_at ?? '') < (b.created_at ?? '') ? -1 : 1));
  const commitTimes = Array.from({ length: options.commits }, () => since + rng.next() * (until - since)).sort(
    (a, b) => a - b,
  );
  const commits = commitTimes.map((ms, i) => {
    const author = rng.pick(crowd);
    const path = `projects/${slugify(rng.pick(PHENOMENA))}/updates/${iso(ms).slice(0, 10)}-note-${i + 1}.md`;
    return {
      message: `${rng.pick(['Add', 'Update', 'Fix'])} ${path.split('/')[1]} notes`,
      files: { [path]: `# Note ${i + 1}\n\n${rng.pick(UPDATE_TOPICS)[2]}\n` },
      date: iso(ms),
      author: { name: author.name, email: `${author.github}@users.noreply.github.com` },
    };
  });
  return { labels: [...LABELS, ...projectLabels], milestones, issues, commits };
}
