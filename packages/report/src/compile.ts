// activity + window + config → ReportModel. Pure: no clock, no I/O, stable order everywhere.
import { type CommunityConfig, MONTH_NAMES } from '@circuitboard/core';
import type { Activity } from './activity.ts';
import { safeHttpUrl } from './escape.ts';
import { type ReportModel, SCHEMA_VERSION } from './model.ts';
import * as compute from './sections/compute.ts';
import { buildIndex, type LabelNames, type SectionContext, type Thresholds } from './sections/context.ts';
import * as contributors from './sections/contributors.ts';
import * as getInvolved from './sections/get-involved.ts';
import * as highlights from './sections/highlights.ts';
import * as numbers from './sections/numbers.ts';
import * as projects from './sections/projects.ts';
import * as proposals from './sections/proposals.ts';
import * as trends from './sections/trends.ts';
import { dayNumber, type ReportWindow, trendWindows, windowDays } from './window.ts';

export interface CompileOptions {
  window: ReportWindow;
  config: CommunityConfig;
  /** Recorded in the model; defaults to the window end so the same inputs give the same bytes. */
  generatedAt?: string;
  /** Last window's report, for week-over-week numbers the source cannot count itself (GitHub source). */
  previous?: ReportModel | null;
}

/** "16–22 November 2026", "28 December 2026 – 3 January 2027". */
export function formatDayRange(firstDay: string, lastDay: string): string {
  const [y1, m1, d1] = firstDay.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = lastDay.split('-').map(Number) as [number, number, number];
  if (firstDay === lastDay) return `${d1} ${MONTH_NAMES[m1 - 1]} ${y1}`;
  if (y1 === y2 && m1 === m2) return `${d1}–${d2} ${MONTH_NAMES[m1 - 1]} ${y1}`;
  if (y1 === y2) return `${d1} ${MONTH_NAMES[m1 - 1]} – ${d2} ${MONTH_NAMES[m2 - 1]} ${y1}`;
  return `${d1} ${MONTH_NAMES[m1 - 1]} ${y1} – ${d2} ${MONTH_NAMES[m2 - 1]} ${y2}`;
}

/** "Week 47, 16–22 November 2026" or "1–14 November 2026". */
export function windowTitle(window: ReportWindow): string {
  const { firstDay, lastDay } = windowDays(window);
  const days = formatDayRange(firstDay, lastDay);
  return window.isoWeek ? `Week ${Number(window.isoWeek.slice(6))}, ${days}` : days;
}

export function thresholdsOf(config: CommunityConfig): Thresholds {
  return {
    quietAfterDays: config.report.quiet_after_days,
    stalledAfterDays: config.report.stalled_after_days,
    dueSoonDays: config.report.due_soon_days,
    trendWeeks: config.report.trend_weeks,
  };
}

function labelsOf(config: CommunityConfig): LabelNames {
  const l = config.proposals.labels;
  return {
    projectPrefix: config.labels.project_prefix,
    proposal: l.proposal,
    needsChanges: l.needs_changes,
    ready: l.ready,
    approved: l.approved,
    rejected: l.rejected,
  };
}

/** What every section sees; built once per report. */
export function createSectionContext(
  activity: Activity,
  window: ReportWindow,
  config: CommunityConfig,
): SectionContext {
  const labels = labelsOf(config);
  return {
    window,
    startDay: dayNumber(window.start),
    endDay: Math.ceil(Date.parse(window.end) / 86_400_000),
    thresholds: thresholdsOf(config),
    labels,
    repositoryUrl: safeHttpUrl(activity.repositoryUrl)?.replace(/\/+$/, '') ?? null,
    activity,
    index: buildIndex(activity, labels),
  };
}

/** The report of `activity` in `options.window`. */
export function compileReport(activity: Activity, options: CompileOptions): ReportModel {
  const { window, config } = options;
  const ctx = createSectionContext(activity, window, config);
  const { thresholds } = ctx;

  const projectReports = projects.aggregate(projects.projectInputs(ctx).map((input) => projects.measure(input, ctx)));
  const proposalSection = proposals.aggregate(proposals.candidates(ctx).map((c) => proposals.measure(c, ctx)));
  const active = contributors.activeKeys(ctx);
  const people = contributors.aggregate(contributors.candidates(ctx).map((c) => contributors.measure(c, active, ctx)));
  const highlightSection = highlights.aggregate(
    highlights.candidates(ctx, projectReports, proposalSection.waiting, people.new).map((c) => highlights.measure(c)),
  );

  const roles = getInvolved.aggregate(getInvolved.candidates(ctx).map((s) => getInvolved.measure(s, ctx)));
  const computeRequests = compute.aggregate(compute.candidates(ctx).map((s) => compute.measure(s, ctx)));

  const length = ctx.endDay - ctx.startDay;
  const kinds = numbers.comparableKinds(ctx, ctx.startDay, ctx.endDay);
  const current = numbers.measure(ctx.startDay, ctx.endDay, kinds, ctx);
  const before = numbers.measure(ctx.startDay - length, ctx.startDay, kinds, ctx);
  const previous = options.previous && options.previous.window.end === window.start ? options.previous : null;
  const numberRows = numbers.aggregate(current, before, previous, activity.source);

  const weeks = trendWindows(window, thresholds.trendWeeks);
  const trendKinds = trends.trendKinds(ctx, weeks);
  const kindSet = new Set(trendKinds);
  const trendSection = trends.aggregate(
    weeks,
    weeks.map((week) => trends.measure(week, kindSet, ctx)),
    trendKinds,
  );

  const value = (id: string) => numberRows.find((row) => row.id === id)?.value ?? 0;
  const needsAttention = projectReports.filter(
    (p) => p.status === 'active' && ((p.health && p.health.state !== 'active') || p.overdue.length > 0),
  ).length;
  const { firstDay, lastDay } = windowDays(window);
  const name = config.community.name;
  return {
    schemaVersion: SCHEMA_VERSION,
    title: `${name} — ${windowTitle(window)}`,
    community: { name, url: config.community.url ?? null, reportUrl: config.community.report_url ?? null },
    window: { start: window.start, end: window.end, label: window.label, isoWeek: window.isoWeek, firstDay, lastDay },
    generatedAt: options.generatedAt ?? window.end,
    source: {
      kind: activity.source,
      repository: activity.repository,
      repositoryUrl: ctx.repositoryUrl,
      revision: activity.revision,
    },
    thresholds,
    headline: {
      milestonesDone: value('milestones-done'),
      activeProjects: value('active-projects'),
      newContributors: people.new.length,
      updatesPosted: value('updates-posted'),
      proposalsWaiting: proposalSection.waiting.length,
      needsAttention,
    },
    highlights: highlightSection.highlights,
    highlightsOmitted: highlightSection.omitted,
    projects: projectReports,
    proposals: proposalSection,
    numbers: numberRows,
    trends: trendSection,
    contributors: people,
    getInvolved: roles,
    compute: computeRequests,
    notes: [...activity.notes].sort(),
  };
}
