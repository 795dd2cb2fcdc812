// Requests for one weekly report against the testkit's fake GitHub, next to the minimum and a naive per-item
// approach run on the same data. Run: pnpm build && node bench/report-requests.mjs

import { countRequests, createOctokit, minimumRequests } from '@circuitboard/github';
import { collectGitHubActivity, isoWeekWindow } from '@circuitboard/report';
import { startFakeGitHub } from '@circuitboard/testkit';
import { machine, writeSection } from './lib.mjs';

const ISSUES = 10_000;
const UPDATED_IN_WINDOW = 2_000;
const UPDATED_OFF_BOUNDARY = 2_050;
const UPDATED_AFTER_WINDOW = 25; // the job runs on Monday morning: a few items already moved again
const COMMITS_IN_WINDOW = 1_500;
const COMMITS_BEFORE = 500;
const MILESTONES = 60;
const PROPOSALS_OPEN = 40;
const window = isoWeekWindow('2026-W47');
const start = Date.parse(window.start);
const end = Date.parse(window.end);
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticRepository(updatedInWindow) {
  const rand = random(47);
  const logins = Array.from({ length: 300 }, (_, i) => `member-${i}`);
  const projects = Array.from({ length: 40 }, (_, i) => `project-${i}`);
  const labels = [
    ...projects.map((p) => ({ name: `project:${p}`, color: '5319e7' })),
    { name: 'proposal', color: '0e8a16' },
  ];
  const milestones = Array.from({ length: MILESTONES }, (_, i) => {
    const closed = i % 3 === 0;
    const created = start - (200 - i) * 86_400_000;
    return {
      title: `Milestone ${i}`,
      due_on: iso(start + (i - 30) * 86_400_000),
      state: closed ? 'closed' : 'open',
      created_at: iso(created),
      closed_at: closed ? iso(created + 20 * 86_400_000) : null,
    };
  });
  const commits = [];
  for (let i = 0; i < COMMITS_BEFORE + COMMITS_IN_WINDOW; i++) {
    const inWindow = i >= COMMITS_BEFORE;
    const at = inWindow
      ? start + Math.floor(((i - COMMITS_BEFORE) / COMMITS_IN_WINDOW) * (end - start - 60_000))
      : start - (COMMITS_BEFORE - i) * 3_600_000;
    const branch = i < 5 ? `feature-${i}` : undefined;
    commits.push({
      message: `Commit ${i}`,
      files: { [`projects/${projects[i % projects.length]}/notes-${i % 7}.md`]: `note ${i}\n` },
      date: iso(at),
      author: { name: `Member ${i % 300}`, email: `member-${i % 300}@example.org` },
      ...(branch ? { branch } : {}),
    });
  }
  const issues = [];
  for (let i = 0; i < ISSUES; i++) {
    const kind = i < updatedInWindow ? 'window' : i < updatedInWindow + UPDATED_AFTER_WINDOW ? 'after' : 'before';
    const updated =
      kind === 'window'
        ? start + Math.floor((i / updatedInWindow) * (end - start - 1000))
        : kind === 'after'
          ? end + (i % 20) * 600_000
          : start - (1 + Math.floor(rand() * 360)) * 86_400_000;
    const created = updated - Math.floor(rand() * 60) * 86_400_000;
    const pull = i % 10 < 3;
    const closed = rand() < 0.6;
    const label = i < PROPOSALS_OPEN ? 'proposal' : `project:${projects[i % projects.length]}`;
    issues.push({
      title: `${pull ? 'Pull request' : 'Issue'} ${i}`,
      user: logins[i % logins.length],
      created_at: iso(created),
      updated_at: iso(updated),
      state: i < PROPOSALS_OPEN ? 'open' : closed ? 'closed' : 'open',
      closed_at: i >= PROPOSALS_OPEN && closed ? iso(updated) : null,
      labels: [label],
      ...(pull && i >= PROPOSALS_OPEN
        ? { pull: closed ? { head: `merged-${i}`, merged_at: iso(updated) } : { head: `feature-${i % 5}` } }
        : {}),
    });
  }
  return { labels, milestones, issues, commits };
}

const gh = await startFakeGitHub({
  now: () => new Date(end + 6 * 3_600_000),
  rateLimit: { core: 10_000_000, graphql: 10_000_000 },
  validateResponses: false,
});
try {
  const seedStart = performance.now();
  gh.createRepo('bench', 'community');
  gh.seedActivity('bench/community', syntheticRepository(UPDATED_IN_WINDOW));
  gh.createRepo('bench', 'community-b');
  gh.seedActivity('bench/community-b', syntheticRepository(UPDATED_OFF_BOUNDARY));
  const seedMs = performance.now() - seedStart;
  const client = () => {
    const quiet = () => {};
    const octokit = createOctokit({
      token: 'bench',
      baseUrl: gh.url,
      graphqlUrl: gh.graphqlUrl,
      retries: 0,
      log: { debug: quiet, info: quiet, warn: console.warn, error: quiet },
    });
    return { octokit, counter: countRequests(octokit) };
  };

  // Circuitboard: what `circuitboard report --source github` does.
  gh.resetRecord();
  const ours = client();
  let t = performance.now();
  const activity = await collectGitHubActivity({
    octokit: ours.octokit,
    owner: 'bench',
    repo: 'community',
    window,
    repoDir: null,
    today: '2026-11-23',
    proposalLabel: 'proposal',
  });
  const oursMs = performance.now() - t;
  const oursRequests = gh.requests.length;
  const U = activity.issues.length;
  const C = activity.commits.length;
  const M = activity.milestones.length;
  const minimum = minimumRequests({ issuesUpdated: U, commits: C, milestones: M });
  const byRoute = new Map();
  for (const r of gh.requests)
    byRoute.set(`${r.method} ${r.route ?? r.path}`, (byRoute.get(`${r.method} ${r.route ?? r.path}`) ?? 0) + 1);

  // The same repository with 2,050 updated in the window: no page boundary at the window's end.
  gh.resetRecord();
  const b = await collectGitHubActivity({
    octokit: client().octokit,
    owner: 'bench',
    repo: 'community-b',
    window,
    repoDir: null,
    today: '2026-11-23',
    proposalLabel: 'proposal',
  });
  const bRequests = gh.requests.length;
  const bMinimum = minimumRequests({
    issuesUpdated: b.issues.length,
    commits: b.commits.length,
    milestones: b.milestones.length,
  });

  // The same again with the ETag cache warm: every REST page is a 304.
  const { EtagCache } = await import('@circuitboard/github');
  const cache = new EtagCache();
  await collectGitHubActivity({
    octokit: client().octokit,
    owner: 'bench',
    repo: 'community',
    window,
    repoDir: null,
    today: '2026-11-23',
    proposalLabel: 'proposal',
    etagCache: cache,
  });
  gh.resetRecord();
  await collectGitHubActivity({
    octokit: client().octokit,
    owner: 'bench',
    repo: 'community',
    window,
    repoDir: null,
    today: '2026-11-23',
    proposalLabel: 'proposal',
    etagCache: cache,
  });
  const warm = gh.requests.length;
  const warm304 = gh.requests.filter((r) => r.status === 304).length;

  // Naive: list what changed, then ask for every item on its own (details, comments, files), as per-item tools do.
  gh.resetRecord();
  const naive = client();
  t = performance.now();
  const get = (route, params) => naive.octokit.request(route, { owner: 'bench', repo: 'community', ...params });
  const perItem = [];
  const listed = await naive.octokit.paginate('GET /repos/{owner}/{repo}/issues', {
    owner: 'bench',
    repo: 'community',
    state: 'all',
    since: window.start,
    per_page: 100,
  });
  for (const item of listed) {
    if (Date.parse(item.updated_at) >= end) continue;
    perItem.push(() => get('GET /repos/{owner}/{repo}/issues/{issue_number}', { issue_number: item.number }));
    perItem.push(() => get('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: item.number }));
    if (item.pull_request) {
      perItem.push(() => get('GET /repos/{owner}/{repo}/pulls/{pull_number}', { pull_number: item.number }));
      perItem.push(() => get('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { pull_number: item.number }));
    }
  }
  const commits = await naive.octokit.paginate('GET /repos/{owner}/{repo}/commits', {
    owner: 'bench',
    repo: 'community',
    since: window.start,
    until: iso(end - 1000),
    per_page: 100,
  });
  for (const commit of commits)
    perItem.push(() => get('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { commit_sha: commit.sha }));
  const milestones = await naive.octokit.paginate('GET /repos/{owner}/{repo}/milestones', {
    owner: 'bench',
    repo: 'community',
    state: 'all',
    per_page: 100,
  });
  for (const m of milestones)
    perItem.push(() => get('GET /repos/{owner}/{repo}/milestones/{milestone_number}', { milestone_number: m.number }));
  await naive.octokit.paginate('GET /repos/{owner}/{repo}/issues', {
    owner: 'bench',
    repo: 'community',
    state: 'open',
    labels: 'proposal',
    per_page: 100,
  });
  // Eight at a time, so the benchmark finishes; the count is what matters.
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < perItem.length) await perItem[next++]();
    }),
  );
  const naiveMs = performance.now() - t;
  const naiveRequests = gh.requests.length;

  const pages = (n) => Math.max(1, Math.ceil(n / 100));
  const boundary = U % 100 === 0 && U > 0 ? 1 : 0;
  const routes = [...byRoute].map(([route, n]) => `${route} ×${n}`).join(', ');
  const markdown = `## Requests for one weekly report (github source)

A synthetic repository in the testkit's fake GitHub: ${ISSUES.toLocaleString('en-US')} issues and pull requests, ${U.toLocaleString('en-US')} of them updated in the window (2026-W47) and ${UPDATED_AFTER_WINDOW} after it (the job runs on Monday morning), ${(COMMITS_BEFORE + COMMITS_IN_WINDOW).toLocaleString('en-US')} commits of which ${C.toLocaleString('en-US')} in the window, ${M} milestones, ${PROPOSALS_OPEN} open proposals.

| approach | requests | time |
| --- | ---: | ---: |
| minimum for REST: ⌈U/100⌉ + ⌈C/100⌉ + ⌈M/100⌉ = ${pages(U)} + ${pages(C)} + ${pages(M)} | **${minimum}** | |
| **Circuitboard** (\`circuitboard report --source github\`) | **${oursRequests}** | ${(oursMs / 1000).toFixed(1)} s |
| the same with ${b.issues.length.toLocaleString('en-US')} updated in the window: minimum ${pages(b.issues.length)} + ${pages(b.commits.length)} + ${pages(b.milestones.length)} = ${bMinimum} | **${bRequests}** | |
| Circuitboard again with its ETag cache warm | ${warm} (${warm304} answered 304 Not Modified, which GitHub does not count against the rate limit) | |
| naive per-item (list, then each issue, its comments, each pull request and its files, each commit, each milestone; 8 at a time) | ${naiveRequests.toLocaleString('en-US')} | ${(naiveMs / 1000).toFixed(1)} s |

Circuitboard's requests: ${routes}. Issues and pull requests come from one list sorted by update time (\`since\` = the window start, \`per_page=100\`), commits from one list with \`since\`/\`until\`, and the milestones and the open proposals from one GraphQL query, so the proposals cost nothing extra.${
    boundary
      ? ` U = ${U} is a multiple of 100, so the last full page cannot show that the window is over: one more page (holding the items updated after the window) is read — ${oursRequests - minimum} request above the minimum, within the target of at most one per repository; with ${b.issues.length.toLocaleString('en-US')} updated it is exactly the minimum.`
      : oursRequests === minimum
        ? ' That is exactly the minimum.'
        : ''
  } The naive approach is ${(naiveRequests / oursRequests).toFixed(0)}× more requests; with GitHub's 5,000 requests an hour it would take ${(naiveRequests / 5000).toFixed(1)} hours of a token's budget.

Command: \`pnpm build && node bench/report-requests.mjs\` — ${machine()}, \`nproc\` ${(await import('node:os')).availableParallelism()}. Seeding the fake took ${(seedMs / 1000).toFixed(1)} s.`;
  writeSection('report-requests', markdown);
  console.log(markdown);
  if (oursRequests > minimum + 1 || bRequests > bMinimum) {
    console.error(`report-requests: ${oursRequests} requests is more than one above the minimum of ${minimum}`);
    process.exitCode = 1;
  }
} finally {
  await gh.close();
}
