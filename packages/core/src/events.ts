import type { OutputKind, ProjectStatus } from './model.ts';

/** Every event type named in DESIGN.md. */
export const EVENT_TYPES = [
  'project.proposed',
  'project.created',
  'project.status-changed',
  'project.member-joined',
  'project.member-left',
  'milestone.added',
  'milestone.completed',
  'milestone.due-changed',
  'milestone.dropped',
  'milestone.overdue',
  'update.posted',
  'output.added',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

interface EventBase<T extends EventType> {
  /** Deterministic: built from what the event is about, never from the time of the run. */
  id: string;
  type: T;
  /** Project slug. */
  project: string;
  /** Commit that introduced the change, when the diff was between commits. */
  revision?: string;
  /** Day the change took effect (YYYY-MM-DD): the done date, the commit date, the update's date. */
  date?: string;
}

export interface ProjectProposedEvent extends EventBase<'project.proposed'> {
  issue: number;
  title: string;
  author: string;
}
export interface ProjectCreatedEvent extends EventBase<'project.created'> {
  title: string;
  status: ProjectStatus;
}
export interface ProjectStatusChangedEvent extends EventBase<'project.status-changed'> {
  from: ProjectStatus;
  to: ProjectStatus;
}
export interface ProjectMemberEvent<T extends 'project.member-joined' | 'project.member-left'> extends EventBase<T> {
  github: string;
  role: 'lead' | 'member';
}
export interface MilestoneEventBase<T extends EventType> extends EventBase<T> {
  milestone: string;
  title: string;
}
export interface MilestoneAddedEvent extends MilestoneEventBase<'milestone.added'> {
  due?: string;
}
export interface MilestoneCompletedEvent extends MilestoneEventBase<'milestone.completed'> {
  done: string;
  due?: string;
}
export interface MilestoneDueChangedEvent extends MilestoneEventBase<'milestone.due-changed'> {
  from?: string;
  to?: string;
}
export type MilestoneDroppedEvent = MilestoneEventBase<'milestone.dropped'>;
export interface MilestoneOverdueEvent extends MilestoneEventBase<'milestone.overdue'> {
  due: string;
}
export interface UpdatePostedEvent extends EventBase<'update.posted'> {
  /** Repository path, projects/<slug>/updates/YYYY-MM-DD-<topic>.md */
  path: string;
  topic: string;
  /** First Markdown heading of the update, if any. */
  heading?: string;
}

export interface OutputAddedEvent extends EventBase<'output.added'> {
  kind: OutputKind;
  title: string;
  /** The output's link (https); unique among the project's outputs. */
  url: string;
  /** The day it came out (the output's `date`), which may be before the commit that recorded it. */
  published: string;
}

export type ProjectEvent =
  | ProjectProposedEvent
  | ProjectCreatedEvent
  | ProjectStatusChangedEvent
  | ProjectMemberEvent<'project.member-joined'>
  | ProjectMemberEvent<'project.member-left'>
  | MilestoneAddedEvent
  | MilestoneCompletedEvent
  | MilestoneDueChangedEvent
  | MilestoneDroppedEvent
  | MilestoneOverdueEvent
  | UpdatePostedEvent
  | OutputAddedEvent;

export type EventOf<T extends EventType> = Extract<ProjectEvent, { type: T }>;
