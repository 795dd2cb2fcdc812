export * from './action-bundle.ts';
export * from './clock.ts';
export { COMMAND_LIMITS, CommandInputError } from './discord/commands.ts';
export type { DiscordControls, FakeGateway, MemberOptions } from './discord/controls.ts';
export type { GatewayFaultKind, GatewayFaultPoint, GatewayFaultSpec } from './discord/gateway/faults.ts';
export { INTENTS } from './discord/gateway/intents.ts';
export type {
  GatewayConnectionInfo,
  GatewayOptions,
  GatewaySessionInfo,
  GatewayStats,
} from './discord/gateway/server.ts';
export {
  type AutocompleteInput,
  CALLBACK_TYPE,
  type CommandInput,
  type ComponentInput,
  INTERACTION_LIMITS,
  INTERACTION_TYPE,
  type InteractionCallbackRecord,
  InteractionInputError,
  type InteractionRecord,
  type ModalSubmitInput,
} from './discord/interactions.ts';
export { PERMISSIONS } from './discord/permissions.ts';
export type { DiscordRateLimits, RateWindow } from './discord/rate-limit.ts';
export {
  type DiscordFaultKind,
  type FakeDiscord,
  type FakeDiscordOptions,
  startFakeDiscord,
  type WebhookHandle,
} from './discord/server.ts';
export type { ForumTag, Ping, PresenceStatus, ScheduledEventRecord } from './discord/state.ts';
export * from './discord-limits.ts';
export * from './faults.ts';
export * from './generator.ts';
export * from './git-fixture.ts';
export {
  DEFAULT_CLIENT_ID,
  type DeviceCodeRecord,
  type DeviceCodeStatus,
  type DeviceFlowOptions,
} from './github/device-flow.ts';
export {
  checkGitHubResponse,
  type FakeDeviceFlow,
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
