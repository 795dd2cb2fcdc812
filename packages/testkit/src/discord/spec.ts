/// <reference path="./discord-api-spec.d.ts" />
import * as Spec from 'discord-api-spec/zod';
import * as z from 'zod/mini';
import type { AllowedMentions } from './mentions.ts';

/** The parts of Discord's request bodies the fake reads; the schemas themselves check everything else. */
export interface EmbedBody {
  title?: string | null;
  description?: string | null;
  url?: string | null;
  fields?: Array<{ name: string; value: string; inline?: boolean | null }> | null;
  footer?: { text?: string | null; icon_url?: string | null } | null;
  author?: { name?: string | null; url?: string | null; icon_url?: string | null } | null;
  [key: string]: unknown;
}

export interface MessageBody {
  content?: string | null;
  embeds?: EmbedBody[] | null;
  allowed_mentions?: AllowedMentions | null;
  components?: unknown[] | null;
  attachments?: unknown[] | null;
  sticker_ids?: string[] | null;
  poll?: unknown;
  flags?: number | null;
  tts?: boolean | null;
  nonce?: string | number | null;
  enforce_nonce?: boolean | null;
}

export interface WebhookExecuteBody extends MessageBody {
  username?: string | null;
  avatar_url?: string | null;
  thread_name?: string | null;
  applied_tags?: string[] | null;
}

export interface ThreadPatchBody {
  name?: string | null;
  archived?: boolean | null;
  locked?: boolean | null;
  auto_archive_duration?: number | null;
  applied_tags?: string[] | null;
}

export interface ChannelPatchBody {
  name?: string | null;
  topic?: string | null;
}

export interface ForumThreadBody {
  name: string;
  auto_archive_duration?: number | null;
  applied_tags?: string[] | null;
  message: MessageBody;
}

export interface TextThreadBody {
  name: string;
  auto_archive_duration?: number | null;
}

export interface EventCreateBody {
  name: string;
  description?: string | null;
  scheduled_start_time: string;
  scheduled_end_time?: string | null;
  privacy_level: number;
  entity_type: 1 | 2 | 3;
  channel_id?: string | null;
  entity_metadata?: { location?: string | null } | null;
}

export interface EventPatchBody {
  name?: string;
  description?: string | null;
  scheduled_start_time?: string;
  scheduled_end_time?: string | null;
  privacy_level?: number;
  status?: number | null;
  entity_type?: 1 | 2 | 3 | null;
  channel_id?: string | null;
  entity_metadata?: { location?: string | null } | null;
}

export interface InteractionCallbackBody {
  type: number;
  data?: (MessageBody & { choices?: unknown[] | null; custom_id?: string; title?: string }) | null;
}

export interface RoleBody {
  name?: string | null;
  permissions?: number | string | null;
  color?: number | null;
  colors?: { primary_color?: number | null } | null;
  hoist?: boolean | null;
  mentionable?: boolean | null;
  icon?: string | null;
  unicode_emoji?: string | null;
}

export interface CommandBody {
  id?: string | null;
  name: string;
  type?: number | null;
  description?: string | null;
  options?: unknown[] | null;
  default_member_permissions?: string | number | null;
  [key: string]: unknown;
}

type Typed<T> = z.ZodMiniType<T>;

export const REQUEST = {
  messageCreate: Spec.MessageCreateRequestSchema as Typed<MessageBody>,
  messageEdit: Spec.MessageEditRequestPartialSchema as Typed<MessageBody>,
  webhookExecute: Spec.IncomingWebhookRequestPartialSchema as Typed<WebhookExecuteBody>,
  webhookEdit: Spec.IncomingWebhookUpdateRequestPartialSchema as Typed<MessageBody>,
  forumThread: Spec.CreateForumThreadRequestSchema as Typed<ForumThreadBody>,
  textThread: Spec.CreateTextThreadWithoutMessageRequestSchema as Typed<TextThreadBody>,
  threadPatch: Spec.UpdateThreadRequestPartialSchema as Typed<ThreadPatchBody>,
  channelPatch: Spec.UpdateGuildChannelRequestPartialSchema as Typed<ChannelPatchBody>,
  eventCreate: z.union([
    Spec.ExternalScheduledEventCreateRequestSchema,
    Spec.StageScheduledEventCreateRequestSchema,
    Spec.VoiceScheduledEventCreateRequestSchema,
  ]) as Typed<EventCreateBody>,
  interactionCallback: z.union([
    Spec.CreateMessageInteractionCallbackRequestSchema,
    Spec.UpdateMessageInteractionCallbackRequestSchema,
    Spec.ApplicationCommandAutocompleteCallbackRequestSchema,
    Spec.ModalInteractionCallbackRequestSchema,
    Spec.PongInteractionCallbackRequestSchema,
  ]) as Typed<InteractionCallbackBody>,
  roleCreate: Spec.CreateRoleRequestSchema as Typed<RoleBody>,
  rolePatch: Spec.UpdateRoleRequestPartialSchema as Typed<RoleBody>,
  commandPut: Spec.ApplicationCommandUpdateRequestSchema as Typed<CommandBody>,
  commandCreate: Spec.ApplicationCommandCreateRequestSchema as Typed<CommandBody>,
  commandPatch: Spec.ApplicationCommandPatchRequestPartialSchema as Typed<Partial<CommandBody>>,
  eventPatch: z.union([
    Spec.ExternalScheduledEventPatchRequestPartialSchema,
    Spec.StageScheduledEventPatchRequestPartialSchema,
    Spec.VoiceScheduledEventPatchRequestPartialSchema,
  ]) as Typed<EventPatchBody>,
};

export const RESPONSE = {
  message: Spec.MessageResponseSchema as Typed<unknown>,
  thread: Spec.ThreadResponseSchema as Typed<unknown>,
  threads: Spec.ThreadsResponseSchema as Typed<unknown>,
  guildChannel: Spec.GuildChannelResponseSchema as Typed<unknown>,
  webhook: Spec.GuildIncomingWebhookResponseSchema as Typed<unknown>,
  scheduledEvent: Spec.ScheduledEventResponseSchema as Typed<unknown>,
  interactionCallback: Spec.InteractionCallbackResponseSchema as Typed<unknown>,
  role: Spec.GuildRoleResponseSchema as Typed<unknown>,
  member: Spec.GuildMemberResponseSchema as Typed<unknown>,
  command: Spec.ApplicationCommandResponseSchema as Typed<unknown>,
  gatewayBot: Spec.GatewayBotResponseSchema as Typed<unknown>,
  currentUser: Spec.UserPIIResponseSchema as Typed<unknown>,
  user: Spec.UserResponseSchema as Typed<unknown>,
  guild: Spec.GuildWithCountsResponseSchema as Typed<unknown>,
};
