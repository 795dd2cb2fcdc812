// Requests and writes of the sync: 200 projects synced for the first time, a no-op re-run, one milestone done,
// in bot and webhook mode, against the testkit's fake GitHub and Discord; and the pace of GitHub's
// content-creating requests for a 200-project reconcile (GitHub asks for at most 80 a minute).
// Run: pnpm build && node bench/sync-requests.mjs
import { diffRegistries, loadRegistry } from '@circuitboard/core';
import { syncRepository } from '@circuitboard/core/sync';
import { createDiscordClient, createDiscordDelivery, RENDERER_VERSION } from '@circuitboard/discord';
import {
  createGitHubMirror,
  createGitLedgerStore,
  createOctokit,
  createWritePacer,
  GITHUB_LIMITS,
} from '@circuitboard/github';
import { generateCommunity, startFakeDiscord, startFakeGitHub } from '@circuitboard/testkit';
import { machine, writeSection } from './lib.mjs';

// The bench counts requests and replays GitHub's pacing on a virtual clock, so the client's own throttling is off.
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

const PROJECTS = 200;
const TODAY = '2026-11-24';
const REPOSITORY = { url: 'https://github.com/example/community', branch: 'main' };

function memorySource(configText) {
  const commits = [];
  const index = (rev) => commits.findIndex((c) => c.sha === rev);
  return {
    commits,
    commit(files) {
      const sha = (commits.length + 1).toString(16).padStart(40, '0');
      const tree = { files: new Map(Object.entries(files).filter(([p]) => p.startsWith('projects/'))), symlinks: [] };
      commits.push({ sha, tree, registry: loadRegistry(tree, { today: TODAY }) });
      return sha;
    },
    readTree: async (rev) => commits[index(rev)].tree,
    readFile: async (_rev, path) => (path === '.github/circuitboard.yml' ? configText : undefined),
    async eventsBetween(from, to) {
      const events = [];
      for (let i = index(from) + 1; i <= index(to); i++) {
        events.push(
          ...diffRegistries(commits[i - 1].registry, commits[i].registry, { revision: commits[i].sha, date: TODAY }),
        );
      }
      return events;
    },
    isAncestor: async (a, b) => index(a) <= index(b),
    mergeBase: async (a, b) => commits[Math.min(index(a), index(b))].sha,
  };
}

async function scenario(mode) {
  const gh = await startFakeGitHub();
  const dc = await startFakeDiscord({ rateLimits: false });
  try {
    gh.createRepo('example', 'community', { files: { 'README.md': '#\n' } });
    const guild = dc.createGuild('Community');
    const forum = dc.createForumChannel(guild, {
      name: 'projects',
      tags: ['proposed', 'active', 'paused', 'completed', 'archived'],
    });
    const status = dc.createTextChannel(guild, { name: 'status' });
    const webhook = dc.createWebhook(forum, 'Circuitboard');
    const tags = Object.fromEntries(dc.tags(forum).map((t) => [t.name, t.id]));
    const configText = `version: 1\ncommunity:\n  name: Community\ndiscord:\n  forum_channel: "${forum}"\n  status_channel: "${status}"\n  tags:\n${Object.entries(
      tags,
    )
      .map(([k, v]) => `    ${k}: "${v}"`)
      .join('\n')}\n`;
    const community = generateCommunity({ seed: 7, projects: PROJECTS, milestonesPerProject: 4, events: 0 });
    const source = memorySource(configText);
    const files = { ...community.files };
    const first = source.commit(files);

    // Virtual clock for the write pacing: sleeping advances it, requests take no time on it.
    let clock = 0;
    const writeTimes = [];
    const octokit = createOctokit({ token: 'ghs_bench', baseUrl: gh.url, log: quiet, retries: 0, throttle: false });
    octokit.hook.before('request', (options) => {
      if (options.method !== 'GET') writeTimes.push(clock);
    });
    const run = async (before, to, label, allow = 'nothing') => {
      gh.resetRecord();
      dc.resetRecord();
      const client = createDiscordClient({
        apiBase: dc.url,
        ...(mode === 'webhook' ? { webhookUrl: webhook.url } : { botToken: dc.botToken }),
      });
      // Each run is its own process with its own pacer, as in the action.
      const pacer = createWritePacer({
        now: () => clock,
        sleep: async (ms) => {
          clock += ms;
        },
      });
      const started = performance.now();
      const report = await syncRepository(
        {
          mode: 'push',
          to,
          before,
          configPath: '.github/circuitboard.yml',
          today: TODAY,
          repository: REPOSITORY,
          rendererVersion: RENDERER_VERSION,
        },
        {
          source,
          ledger: createGitLedgerStore({ octokit, owner: 'example', repo: 'community', pacer }),
          github: createGitHubMirror({ octokit, owner: 'example', repo: 'community', pacer }),
          discord: (c) => createDiscordDelivery({ client, config: c.discord, repository: REPOSITORY }),
          runId: label,
        },
      );
      const failed = report.result.items.filter((i) => i.outcome === 'failed');
      const expected = {
        budget: (i) => i.target === 'github' && /budget of \d+ writes an hour/.test(i.detail ?? ''),
        refusal: (i) => i.target === 'discord' && /reconcile: recreate/.test(i.detail ?? ''),
        nothing: () => false,
      }[allow];
      if (!failed.every(expected)) throw new Error(`${label} failed: ${JSON.stringify(failed.slice(0, 3))}`);
      const ledgerWrites = gh.requests.filter(
        (r) => r.method !== 'GET' && /\/(git\/|contents\/ledger\.json)/.test(r.path),
      ).length;
      return {
        label,
        ms: performance.now() - started,
        discord: dc.requests.length,
        discordWrites: dc.requests.filter((r) => r.method !== 'GET').length,
        github: gh.requests.length,
        githubWrites: gh.requests.filter((r) => r.method !== 'GET').length,
        ledgerWrites,
        discordCreates: dc.requests.filter((r) => r.method === 'POST').length,
        events: report.events.length,
        pings: dc.pings().length,
        ok: failed.length === 0,
        githubLeft: failed.length,
      };
    };
    const zero = '0'.repeat(40);
    const results = [];
    clock = 0;
    // The first sync writes more than GitHub's hourly budget: each run writes what fits, the next (an hour later)
    // goes on from there, since labels and milestones are compared with GitHub on every run.
    const firstRuns = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const startedAt = clock;
      const from = writeTimes.length;
      const r = await run(attempt === 1 ? zero : first, first, `first sync, run ${attempt}`, 'budget');
      firstRuns.push({ ...r, writes: writeTimes.length - from, minutes: (clock - startedAt) / 60_000 });
      results.push(r);
      if (r.ok) break;
      clock = startedAt + 3_600_000;
    }
    const reconcileWrites = writeTimes.slice(0);
    clock += 3_600_000;
    results.push(await run(first, first, 'no-op re-run'));
    // One milestone done in one project.
    const path = Object.keys(files).find(
      (p) => p.endsWith('project.yml') && /\n {4}due: /.test(files[p]) && !/\n {4}done: /.test(files[p]),
    );
    files[path] = files[path].replace(/(\n {4}due: \d{4}-\d{2}-\d{2})/, `$1\n    done: ${TODAY}`);
    const second = source.commit(files);
    results.push(await run(first, second, 'push: one milestone done'));
    results.push(await run(first, second, 're-run of that push'));
    // The ledger is lost (the state branch deleted), and the same push runs again.
    gh.store.requireRepo('example/community').refs.delete('refs/heads/circuitboard-state');
    results.push(
      await run(
        first,
        second,
        'the state branch deleted, the push run again',
        mode === 'webhook' ? 'refusal' : 'nothing',
      ),
    );
    let maxPerMinute = 0;
    for (let i = 0; i < reconcileWrites.length; i++) {
      let j = i;
      while (j < reconcileWrites.length && reconcileWrites[j] - reconcileWrites[i] < 60_000) j++;
      maxPerMinute = Math.max(maxPerMinute, j - i);
    }
    gh.assertNoViolations();
    dc.assertNoViolations();
    let maxPerHour = 0;
    for (let i = 0; i < reconcileWrites.length; i++) {
      let j = i;
      while (j < reconcileWrites.length && reconcileWrites[j] - reconcileWrites[i] < 3_600_000) j++;
      maxPerHour = Math.max(maxPerHour, j - i);
    }
    return { mode, results, firstRuns, pacing: { writes: reconcileWrites.length, maxPerMinute, maxPerHour } };
  } finally {
    await Promise.all([gh.close(), dc.close()]);
  }
}

const scenarios = [];
for (const mode of ['bot', 'webhook']) scenarios.push(await scenario(mode));

const rows = scenarios.flatMap((s) =>
  s.results.map(
    (r) =>
      `| ${s.mode} | ${r.label} | ${r.events} | ${r.discord} | ${r.discordWrites} (${r.discordCreates} new) | ${r.github} | ${r.githubWrites} (ledger ${r.ledgerWrites})${r.githubLeft ? `, ${r.githubLeft} ${r.label.startsWith('the state') ? 'refused' : 'left for the next run'}` : ''} | ${r.pings} |`,
  ),
);
const perEvent = scenarios.map((s) => {
  const push = s.results.find((r) => r.label.startsWith('push'));
  return `${s.mode}: ${push.discordWrites} Discord writes (1 news message, the forum post and the status board edited) + ${push.githubWrites} GitHub writes (${push.githubWrites - push.ledgerWrites} milestone, ${push.ledgerWrites} for the ledger: one contents-API write per commit of it)`;
});
const lost = scenarios.map((s) => {
  const r = s.results.find((x) => x.label.startsWith('the state'));
  return s.mode === 'webhook'
    ? `webhook: ${r.discordCreates} Discord posts created; the run fails saying to confirm with \`reconcile: recreate\` (or restore the ledger), and writes no ledger`
    : `bot: ${r.discordCreates} Discord posts created; ${r.discord} Discord requests find every post, the board and the news by their markers (${PROJECTS} posts read once each) and bring them up to date; ${r.ledgerWrites} ledger writes start it again`;
});
const pace = scenarios.map(
  (s) =>
    `| ${s.mode} | ${s.pacing.writes} | ${s.pacing.maxPerMinute} | ${s.pacing.maxPerHour} | ${s.firstRuns.length} | ${s.firstRuns.map((r) => `${r.writes} writes in ${r.minutes.toFixed(1)} min`).join('; ')} |`,
);
const markdown = `## Sync: requests and writes

${PROJECTS} generated projects (4 milestones each), fake GitHub and Discord from \`packages/testkit\` (Discord rate limits off, so counts are not inflated by 429 retries), real adapters in process.

| mode | run | events | Discord requests | Discord writes | GitHub requests | GitHub writes | pings |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

Writes for one event (a milestone marked done):
${perEvent.map((line) => `- ${line}`).join('\n')}

Before the ledger moved to the contents API (issue 12), the same push cost 7 GitHub writes in bot mode and 10 in webhook mode (6 and 9 of them for the ledger: tree, commit and ref for each of 2 or 3 commits of it). Now each commit of the ledger is one write, and webhook mode commits its claims together with the "about to send" record of its first message instead of in a commit of their own.

A re-run with nothing new makes **0** Discord requests and **0** GitHub writes (it reads the ledger and lists labels and milestones once).

When the ledger is lost (the \`circuitboard-state\` branch deleted) and the same push runs again:
${lost.map((line) => `- ${line}`).join('\n')}

### Pace of GitHub writes in a ${PROJECTS}-project first sync

GitHub allows at most ${GITHUB_LIMITS.writesPerMinute} content-creating requests a minute and ${GITHUB_LIMITS.writesPerHour} an hour. The mirror and the ledger share one pacer (\`createWritePacer\`) that waits before a write that would go over the minute, and stops the GitHub part of a run when the hour's budget is used up (the delivery ledger still gets written); the next run goes on from there. Replayed on a virtual clock, runs an hour apart:

| mode | GitHub writes | most in any 60 s | most in any hour | runs | per run |
| --- | ---: | ---: | ---: | ---: | --- |
${pace.join('\n')}

In the action, \`createOctokit\`'s throttling also spaces writes a second apart (60 a minute), so a run takes about as many seconds as it has GitHub writes. Discord is not held back by GitHub's budget: every forum post, news message and the board go out in the first run. Later pushes write only what changed. Webhook mode commits the ledger before every tenth forum post it creates (so a lost runner leaves at most ten posts in doubt), which is why its first sync writes the ledger more often than bot mode.

Command: \`pnpm build && node bench/sync-requests.mjs\` — ${machine()}.`;
writeSection('sync', markdown);
console.log(markdown);
