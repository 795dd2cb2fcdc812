export * from './action-bundle.ts';
export type { DiscordRateLimits, RateWindow } from './discord/rate-limit.ts';
export {
  type DiscordFaultKind,
  type FakeDiscord,
  type FakeDiscordOptions,
  startFakeDiscord,
  type WebhookHandle,
} from './discord/server.ts';
export type { ForumTag, Ping, ScheduledEventRecord } from './discord/state.ts';
export * from './discord-limits.ts';
export * from './faults.ts';
export * from './generator.ts';
export * from './git-fixture.ts';
export {
  checkGitHubResponse,
  type FakeGitHub,
  type FakeGitHubOptions,
  type GitHubActivity,
  type RepoSnapshot,
  type SeedCommit,
  type SeedIssue,
  startFakeGitHub,
} from './github/server.ts';
export type {
  CommentRecord,
  IssueRecord,
  LabelRecord,
  MilestoneRecord,
  Permission,
  RepoOptions,
} from './github/state.ts';
export { Random } from './prng.ts';
export * from './recorder.ts';
