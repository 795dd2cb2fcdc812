// Contributors: who was active in the window and who contributed for the first time.
import type { Contributor } from '../activity.ts';
import type { PersonRef } from '../model.ts';
import { dayNumber } from '../window.ts';
import { comparePeople, personRef, pointsBetween, type SectionContext } from './context.ts';
import { githubBase } from './projects.ts';

export interface ContributorMeasure {
  person: PersonRef;
  key: string;
  isNew: boolean;
  active: boolean;
}

/** Everyone known, plus everyone seen in the window's activity. */
export function candidates(ctx: SectionContext): { contributor: Contributor; firstSeen: string | null }[] {
  const byKey = new Map<string, { contributor: Contributor; firstSeen: string | null }>();
  for (const entry of ctx.activity.contributors) byKey.set(entry.contributor.key, entry);
  for (const point of pointsBetween(ctx.index, ctx.startDay, ctx.endDay)) {
    if (point.person && point.kind !== 'event' && !byKey.has(point.person.key))
      byKey.set(point.person.key, { contributor: point.person, firstSeen: null });
  }
  return [...byKey.values()];
}

export function measure(
  entry: { contributor: Contributor; firstSeen: string | null },
  activeKeys: ReadonlySet<string>,
  ctx: SectionContext,
): ContributorMeasure {
  const first = entry.firstSeen === null ? null : dayNumber(entry.firstSeen);
  return {
    person: personRef(entry.contributor, githubBase(ctx)),
    key: entry.contributor.key,
    isNew: first !== null && first >= ctx.startDay && first < ctx.endDay,
    active: activeKeys.has(entry.contributor.key),
  };
}

/** The keys of people with any activity in the window. */
export function activeKeys(ctx: SectionContext): Set<string> {
  const keys = new Set<string>();
  // Authorship only: being added to a project (an event) is someone else's action.
  for (const point of pointsBetween(ctx.index, ctx.startDay, ctx.endDay))
    if (point.person && point.kind !== 'event') keys.add(point.person.key);
  return keys;
}

export function aggregate(measures: ContributorMeasure[]): { new: PersonRef[]; active: PersonRef[] } {
  return {
    new: measures
      .filter((m) => m.isNew)
      .map((m) => m.person)
      .sort(comparePeople),
    active: measures
      .filter((m) => m.active)
      .map((m) => m.person)
      .sort(comparePeople),
  };
}
