// Compile + render the report of 10,000 and 100,000 events, each size in its own process so peak memory is its own.
// Targets: 10,000 ≤ 1 s and 100,000 ≤ 10 s on a 2-core machine, ≤ 256 MB peak. Run: pnpm build && node bench/report-speed.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { machine, median, writeSection } from './lib.mjs';

const SIZES = [10_000, 100_000];
const RUNS = 3;
const TARGET_MS = { 10000: 1000, 100000: 10000 };
const TARGET_MB = 256;

/** A deterministic activity of about `events` items over 12 weeks and events/250 projects. */
async function syntheticActivity(events) {
  const { emptyActivity, isoWeekWindow } = await import('@circuitboard/report');
  const window = isoWeekWindow('2026-W47');
  const end = Date.parse(window.end);
  const day = 86_400_000;
  const projectCount = Math.max(20, Math.round(events / 250));
  let seed = 47;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const dateBack = (maxDays) => new Date(end - 1 - Math.floor(rand() * maxDays * day)).toISOString();
  const activity = emptyActivity('git');
  activity.repository = 'bench/community';
  activity.repositoryUrl = 'https://github.com/bench/community';
  const people = Array.from({ length: Math.max(50, Math.round(events / 100)) }, (_, i) => ({
    key: `github:member-${i}`,
    name: `member-${i}`,
    login: `member-${i}`,
  }));
  let budget = events;
  for (let p = 0; p < projectCount; p++) {
    const slug = `project-${p}`;
    const milestones = Array.from({ length: 8 }, (_, m) => {
      const due = new Date(end + (m - 4) * 10 * day).toISOString().slice(0, 10);
      const done = rand() < 0.5 ? dateBack(84).slice(0, 10) : undefined;
      return { id: `m${m}`, title: `Milestone ${m} of project ${p} <with> *markup*`, due, ...(done ? { done } : {}) };
    });
    budget -= milestones.filter((m) => m.done).length;
    activity.projects.push({
      slug,
      project: {
        title: `Project ${p}: a research question @everyone`,
        status: p % 10 === 0 ? 'proposed' : p % 13 === 0 ? 'paused' : 'active',
        summary: 'Synthetic.',
        leads: [{ github: people[p % people.length].login }],
        members: [{ github: people[(p * 7) % people.length].login }],
        started: new Date(end - 200 * day).toISOString().slice(0, 10),
        milestones,
      },
      addedOn: new Date(end - 200 * day).toISOString().slice(0, 10),
    });
  }
  const kinds = ['commit', 'commit', 'commit', 'update', 'event', 'issue', 'pull'];
  for (let i = 0; budget > 0; i++, budget--) {
    const kind = kinds[i % kinds.length];
    const slug = `project-${Math.floor(rand() * projectCount)}`;
    const author = people[Math.floor(rand() * people.length)];
    const date = dateBack(84);
    if (kind === 'commit')
      activity.commits.push({ sha: `c${i}`, date, author, subject: `Commit ${i}`, projects: [slug], url: null });
    else if (kind === 'update')
      activity.updates.push({
        project: slug,
        path: `projects/${slug}/updates/${date.slice(0, 10)}-u${i}.md`,
        date: date.slice(0, 10),
        topic: `u${i}`,
        heading: `Update ${i} <script>`,
      });
    else if (kind === 'event')
      activity.events.push({
        id: `e${i}`,
        type: 'project.member-joined',
        project: slug,
        github: author.login,
        role: 'member',
        date: dateBack(7).slice(0, 10),
        revision: `r${i}`,
      });
    else {
      const created = dateBack(84);
      activity.issues.push({
        number: i,
        kind: kind === 'pull' ? 'pull' : 'issue',
        title: `Item ${i} [x](javascript:alert(1))`,
        url: `https://github.com/bench/community/issues/${i}`,
        author,
        authorAssociation: i % 50 === 0 ? 'FIRST_TIME_CONTRIBUTOR' : 'CONTRIBUTOR',
        state: 'closed',
        createdAt: created,
        updatedAt: created,
        closedAt: created,
        mergedAt: kind === 'pull' ? created : null,
        labels: [`project:${slug}`],
        milestone: null,
      });
    }
  }
  activity.contributors = people.map((contributor, i) => ({
    contributor,
    firstSeen: dateBack(i % 5 === 0 ? 7 : 300).slice(0, 10),
  }));
  const range = { start: new Date(end - 84 * day).toISOString(), end: window.end };
  activity.coverage = { commits: range, issues: range, events: { start: window.start, end: window.end } };
  return { activity, window };
}

async function child(events) {
  const { compileReport, renderReport } = await import('@circuitboard/report');
  const { CommunityConfig } = await import('@circuitboard/core');
  const { activity, window } = await syntheticActivity(events);
  const config = CommunityConfig.parse({
    version: 1,
    community: { name: 'Bench community', report_url: 'https://example.org/r.html' },
  });
  const t = performance.now();
  const model = compileReport(activity, { window, config });
  const compiled = performance.now();
  const rendered = renderReport(model, { reportUrl: 'https://example.org/r.html' });
  const done = performance.now();
  const bytes = rendered.files.reduce((s, f) => s + Buffer.byteLength(f.content), 0);
  console.log(JSON.stringify({ compileMs: compiled - t, renderMs: done - compiled, totalMs: done - t, bytes }));
}

if (process.argv[2] === '--child') {
  await child(Number(process.argv[3]));
} else {
  const self = fileURLToPath(import.meta.url);
  const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const rows = [];
  let failed = false;
  for (const size of SIZES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const args = time ? ['-v', process.execPath, self, '--child', String(size)] : [self, '--child', String(size)];
      const result = spawnSync(time ?? process.execPath, args, { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`child failed: ${result.stderr}`);
      const out = JSON.parse(result.stdout.trim().split('\n').at(-1));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
      runs.push({ ...out, peakMb: rss ? Number(rss[1]) / 1024 : null });
    }
    const total = median(runs.map((r) => r.totalMs));
    const peak = Math.max(...runs.map((r) => r.peakMb ?? 0));
    const ok = total <= TARGET_MS[size] && peak <= TARGET_MB;
    failed ||= !ok;
    rows.push(
      `| ${size.toLocaleString('en-US')} | ${median(runs.map((r) => r.compileMs)).toFixed(0)} ms | ${median(runs.map((r) => r.renderMs)).toFixed(0)} ms | **${total.toFixed(0)} ms** (target ≤ ${TARGET_MS[size] / 1000} s) | ${time ? `${peak.toFixed(0)} MB` : 'n/a'} (target ≤ ${TARGET_MB} MB) | ${(runs[0].bytes / 1024).toFixed(0)} KiB | ${ok ? '✓' : '✗'} |`,
    );
  }
  const nproc = (() => {
    try {
      return execFileSync('nproc', { encoding: 'utf8' }).trim();
    } catch {
      return String(os.availableParallelism());
    }
  })();
  const markdown = `## Compile and render speed

\`compileReport\` + \`renderReport\` (JSON, Markdown, HTML with charts, Discord digest, newsletter, social drafts) on a synthetic activity: commits, updates, project changes, issues and pull requests over 12 weeks, one project per 250 events, text with markup in it. Each size runs in its own Node process; median of ${RUNS} runs; peak memory is the process's maximum resident set size from \`/usr/bin/time -v\` (Node itself included).

| events | compile | render | total | peak memory | output | |
| ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}

Command: \`pnpm build && node bench/report-speed.mjs\` — ${machine()}, \`nproc\` ${nproc}.`;
  writeSection('report-speed', markdown);
  console.log(markdown);
  if (failed) {
    console.error('report-speed is over a target');
    process.exitCode = 1;
  }
}
