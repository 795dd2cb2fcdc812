// What the fake GitHub's GraphQL costs a test process: GitHub's schema is built on the first query (then cached),
// so the first query pays for it. Each run is a fresh Node process sending Circuitboard's own GraphQL query
// (milestones and open proposals, through the real adapter). Run: pnpm build && node bench/graphql-schema.mjs
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { machine, median, writeSection } from './lib.mjs';

const RUNS = 7;

if (process.argv[2] === '--child') {
  const { createOctokit, fetchMilestonesAndProposals } = await import('@circuitboard/github');
  const { startFakeGitHub } = await import('@circuitboard/testkit');
  const gh = await startFakeGitHub();
  gh.createRepo('bench', 'community');
  for (let i = 1; i <= 60; i++) gh.seedMilestone('bench/community', { title: `milestone ${i}` });
  for (let i = 1; i <= 40; i++) gh.seedIssue('bench/community', { title: `proposal ${i}`, labels: ['proposal'] });
  const octokit = createOctokit({
    token: 'bench',
    baseUrl: gh.url,
    graphqlUrl: gh.graphqlUrl,
    retries: 0,
    throttle: false,
  });
  const query = () => fetchMilestonesAndProposals(octokit, 'bench', 'community', 'proposal');
  // A REST request first, so the client and the OpenAPI description are warm and only GraphQL is measured.
  await octokit.request('GET /repos/{owner}/{repo}', { owner: 'bench', repo: 'community' });
  globalThis.gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuMs = (since) => {
    const { user, system } = process.cpuUsage(since);
    return (user + system) / 1000;
  };
  let t = performance.now();
  let cpu = process.cpuUsage();
  const first = await query();
  const firstMs = performance.now() - t;
  const firstCpuMs = cpuMs(cpu);
  t = performance.now();
  cpu = process.cpuUsage();
  for (let i = 0; i < 10; i++) await query();
  const laterMs = (performance.now() - t) / 10;
  const laterCpuMs = cpuMs(cpu) / 10;
  globalThis.gc();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  if (first.milestones.length !== 60 || first.openProposals.length !== 40) throw new Error('wrong answer');
  gh.assertNoViolations();
  await gh.close();
  console.log(JSON.stringify({ firstMs, firstCpuMs, laterMs, laterCpuMs, heapMb }));
  process.exit(0);
}

const load = os.loadavg()[0].toFixed(1);
const runs = [];
for (let i = 0; i < RUNS; i++) {
  const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child'], {
    encoding: 'utf8',
  });
  runs.push(JSON.parse(out.trim().split('\n').at(-1)));
}
const ms = (v) => `${Math.round(v)} ms`;
const range = (key, f) => `${f(Math.min(...runs.map((r) => r[key])))}–${f(Math.max(...runs.map((r) => r[key])))}`;
const med = (key) => median(runs.map((r) => r[key]));
const heap = median(runs.map((r) => r.heapMb));
const mb = (v) => `${v.toFixed(1)} MB`;

const markdown = `## The fake GitHub's GraphQL schema

The fake answers GraphQL with graphql-js over GitHub's published schema (\`@octokit/graphql-schema\`, 1.2 MB of SDL, of which the descriptions are left out). The schema is built once per process, on the first GraphQL request, so only test files that send GraphQL pay for it. Each run is a fresh Node process that sends Circuitboard's milestones-and-proposals query (60 milestones, 40 open proposals) through the real adapter; medians of ${RUNS} runs (min–max).

| what | wall time | CPU time (client and fake, one process) | |
| --- | ---: | ---: | --- |
| first GraphQL request (builds the schema, then validates and answers) | **${ms(med('firstMs'))}** (${range('firstMs', ms)}) | **${ms(med('firstCpuMs'))}** (${range('firstCpuMs', ms)}) | once per process |
| each later request (validate against the schema, execute) | **${ms(med('laterMs'))}** (${range('laterMs', ms)}) | **${ms(med('laterCpuMs'))}** (${range('laterCpuMs', ms)}) | |
| heap kept by the schema (after GC) | **${mb(heap)}** (${range('heapMb', mb)}) | | once per process |

Command: \`pnpm build && node bench/graphql-schema.mjs\` — ${machine()}, load average ${load} when it started (the machine is shared; the spread comes from there).`;

writeSection('graphql-schema', markdown);
console.log(markdown);
