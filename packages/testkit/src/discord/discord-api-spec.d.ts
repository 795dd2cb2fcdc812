// discord-api-spec ships its zod schemas as plain JavaScript; this names the ones the fake uses.
declare module 'discord-api-spec/zod' {
  import type { ZodMiniType } from 'zod/mini';

  export function setStrictObject(strict: boolean): void;
  export const MessageCreateRequestSchema: ZodMiniType<unknown>;
  export const MessageEditRequestPartialSchema: ZodMiniType<unknown>;
  export const IncomingWebhookRequestPartialSchema: ZodMiniType<unknown>;
  export const IncomingWebhookUpdateRequestPartialSchema: ZodMiniType<unknown>;
  export const CreateForumThreadRequestSchema: ZodMiniType<unknown>;
  export const CreateTextThreadWithoutMessageRequestSchema: ZodMiniType<unknown>;
  export const UpdateThreadRequestPartialSchema: ZodMiniType<unknown>;
  export const UpdateGuildChannelRequestPartialSchema: ZodMiniType<unknown>;
  export const ExternalScheduledEventCreateRequestSchema: ZodMiniType<unknown>;
  export const StageScheduledEventCreateRequestSchema: ZodMiniType<unknown>;
  export const VoiceScheduledEventCreateRequestSchema: ZodMiniType<unknown>;
  export const ExternalScheduledEventPatchRequestPartialSchema: ZodMiniType<unknown>;
  export const StageScheduledEventPatchRequestPartialSchema: ZodMiniType<unknown>;
  export const VoiceScheduledEventPatchRequestPartialSchema: ZodMiniType<unknown>;
  export const MessageResponseSchema: ZodMiniType<unknown>;
  export const ThreadResponseSchema: ZodMiniType<unknown>;
  export const GuildChannelResponseSchema: ZodMiniType<unknown>;
  export const GuildIncomingWebhookResponseSchema: ZodMiniType<unknown>;
  export const ScheduledEventResponseSchema: ZodMiniType<unknown>;
}
