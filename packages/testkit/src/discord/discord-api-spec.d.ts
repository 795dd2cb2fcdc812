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
  export const ThreadsResponseSchema: ZodMiniType<unknown>;
  export const GuildChannelResponseSchema: ZodMiniType<unknown>;
  export const GuildIncomingWebhookResponseSchema: ZodMiniType<unknown>;
  export const ScheduledEventResponseSchema: ZodMiniType<unknown>;
  export const CreateMessageInteractionCallbackRequestSchema: ZodMiniType<unknown>;
  export const UpdateMessageInteractionCallbackRequestSchema: ZodMiniType<unknown>;
  export const ApplicationCommandAutocompleteCallbackRequestSchema: ZodMiniType<unknown>;
  export const ModalInteractionCallbackRequestSchema: ZodMiniType<unknown>;
  export const PongInteractionCallbackRequestSchema: ZodMiniType<unknown>;
  export const InteractionCallbackResponseSchema: ZodMiniType<unknown>;
  export const CreateRoleRequestSchema: ZodMiniType<unknown>;
  export const UpdateRoleRequestPartialSchema: ZodMiniType<unknown>;
  export const GuildRoleResponseSchema: ZodMiniType<unknown>;
  export const GuildMemberResponseSchema: ZodMiniType<unknown>;
  export const ApplicationCommandUpdateRequestSchema: ZodMiniType<unknown>;
  export const ApplicationCommandCreateRequestSchema: ZodMiniType<unknown>;
  export const ApplicationCommandPatchRequestPartialSchema: ZodMiniType<unknown>;
  export const ApplicationCommandResponseSchema: ZodMiniType<unknown>;
  export const GatewayBotResponseSchema: ZodMiniType<unknown>;
  export const UserPIIResponseSchema: ZodMiniType<unknown>;
  export const UserResponseSchema: ZodMiniType<unknown>;
  export const GuildWithCountsResponseSchema: ZodMiniType<unknown>;
}
