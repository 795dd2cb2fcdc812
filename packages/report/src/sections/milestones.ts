// Milestones: per milestone, where it stands as of the window end; per project, progress and what is due.
import type { Milestone } from '@circuitboard/core';
import type { MilestoneRef } from '../model.ts';
import { dayNumber } from '../window.ts';
import type { SectionContext } from './context.ts';

export interface MilestoneMeasure {
  id: string;
  title: string;
  due: string | null;
  state: 'done' | 'dropped' | 'open';
  done: string | null;
  doneInWindow: boolean;
  /** Done after its due date by this many days (negative: early); null when not done or no due date. */
  lateByDays: number | null;
  /** Open with a due date in [window end, window end + due_soon_days): days until due. */
  dueInDays: number | null;
  /** Open and past its due date as of the window end: days overdue. */
  overdueDays: number | null;
}

/** Where one milestone stands as of the window end (a done date after the window counts as not done yet). */
export function measure(milestone: Milestone, ctx: SectionContext): MilestoneMeasure {
  const doneDay = milestone.done ? dayNumber(milestone.done) : null;
  const isDone = doneDay !== null && doneDay < ctx.endDay;
  const state = isDone ? 'done' : milestone.dropped ? 'dropped' : 'open';
  const dueDay = milestone.due ? dayNumber(milestone.due) : null;
  const open = state === 'open';
  const dueIn = open && dueDay !== null ? dueDay - ctx.endDay : null;
  return {
    id: milestone.id,
    title: milestone.title,
    due: milestone.due ?? null,
    state,
    done: isDone ? (milestone.done as string) : null,
    doneInWindow: isDone && (doneDay as number) >= ctx.startDay,
    lateByDays: isDone && dueDay !== null ? (doneDay as number) - dueDay : null,
    dueInDays: dueIn !== null && dueIn >= 0 && dueIn < ctx.thresholds.dueSoonDays ? dueIn : null,
    overdueDays: dueIn !== null && dueIn < 0 ? -dueIn : null,
  };
}

export interface MilestonesSummary {
  progress: { done: number; total: number; dropped: number };
  doneInWindow: MilestoneMeasure[];
  dueSoon: MilestoneRef[];
  overdue: MilestoneRef[];
}

/** Progress counts dropped milestones out of the total; due-soon soonest first, overdue most overdue first. */
export function aggregate(measures: MilestoneMeasure[]): MilestonesSummary {
  const dropped = measures.filter((m) => m.state === 'dropped').length;
  const done = measures.filter((m) => m.state === 'done').length;
  const dueSoon = measures
    .filter((m) => m.dueInDays !== null)
    .map((m) => ({ id: m.id, title: m.title, due: m.due as string, days: m.dueInDays as number }))
    .sort((a, b) => a.days - b.days || (a.id < b.id ? -1 : 1));
  const overdue = measures
    .filter((m) => m.overdueDays !== null)
    .map((m) => ({ id: m.id, title: m.title, due: m.due as string, days: m.overdueDays as number }))
    .sort((a, b) => b.days - a.days || (a.id < b.id ? -1 : 1));
  return {
    progress: { done, total: measures.length - dropped, dropped },
    doneInWindow: measures
      .filter((m) => m.doneInWindow)
      .sort((a, b) =>
        (a.done as string) < (b.done as string)
          ? -1
          : (a.done as string) > (b.done as string)
            ? 1
            : a.id < b.id
              ? -1
              : 1,
      ),
    dueSoon,
    overdue,
  };
}
