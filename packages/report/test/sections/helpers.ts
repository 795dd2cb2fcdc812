import type { Milestone, Project } from '@circuitboard/core';
import { type Activity, emptyActivity } from '../../src/activity.ts';
import { createSectionContext } from '../../src/compile.ts';
import type { SectionContext } from '../../src/sections/context.ts';
import { isoWeekWindow, type ReportWindow } from '../../src/window.ts';
import { config } from '../fixture.ts';

export const W47 = isoWeekWindow('2026-W47');

/** A small project, like actions/stale's generateIssue: only what a test cares about. */
export function project(partial: Partial<Project> = {}, milestones: Milestone[] = []): Project {
  return {
    title: 'A project',
    status: 'active',
    summary: 'Why it matters.',
    leads: [{ github: 'lead' }],
    milestones,
    ...partial,
  };
}

export function activityWith(partial: Partial<Activity>): Activity {
  return { ...emptyActivity('git'), ...partial };
}

export function context(
  activity: Activity,
  window: ReportWindow = W47,
  overrides: Parameters<typeof config>[0] = {},
): SectionContext {
  return createSectionContext(activity, window, config(overrides));
}
