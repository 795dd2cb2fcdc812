import type { FieldError } from '../discord-limits.ts';

/** An error answer the way Discord words it; route handlers throw it. */
export class DiscordError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    body: { code: number; message: string; [key: string]: unknown },
    headers: Record<string, string> = {},
  ) {
    super(body.message);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** Discord's JSON error codes used by the fake (https://discord.com/developers/docs/topics/opcodes-and-status-codes). */
export const CODES = {
  unknownChannel: 10003,
  unknownGuild: 10004,
  unknownMember: 10007,
  unknownMessage: 10008,
  unknownRole: 10011,
  unknownUser: 10013,
  unknownWebhook: 10015,
  unknownInteraction: 10062,
  unknownCommand: 10063,
  unknownEvent: 10070,
  maxRoles: 30005,
  maxCommands: 30032,
  maxEvents: 30038,
  alreadyAcknowledged: 40060,
  missingPermissions: 50013,
  invalidRole: 50028,
  finishedEvent: 180000,
  unauthorized: 0,
  missingAccess: 50001,
  cannotEditOthers: 50005,
  emptyMessage: 50006,
  nonTextChannel: 50008,
  invalidWebhookToken: 50027,
  invalidFormBody: 50035,
  threadArchived: 50083,
  forumNeedsThread: 220001,
  webhookThreadOnlyInForum: 220003,
} as const;

const UNKNOWN = {
  Channel: CODES.unknownChannel,
  Message: CODES.unknownMessage,
  Webhook: CODES.unknownWebhook,
  Guild: CODES.unknownGuild,
  'Guild Scheduled Event': CODES.unknownEvent,
  Member: CODES.unknownMember,
  Role: CODES.unknownRole,
  User: CODES.unknownUser,
  interaction: CODES.unknownInteraction,
  'application command': CODES.unknownCommand,
} as const;

export function unknown(what: keyof typeof UNKNOWN): DiscordError {
  return new DiscordError(404, { message: `Unknown ${what}`, code: UNKNOWN[what] });
}

/** 403 50013: the bot lacks a permission, or the target sits above its highest role. */
export function missingPermissions(): DiscordError {
  return new DiscordError(403, { message: 'Missing Permissions', code: CODES.missingPermissions });
}

/** Nests field errors the way Discord does: `{embeds: {0: {title: {_errors: [...]}}}}`. */
export function errorTree(errors: FieldError[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const error of errors) {
    const key = `${error.path.join('.')}|${error.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let node = root;
    for (const part of error.path) {
      const name = String(part);
      node[name] ??= {};
      node = node[name] as Record<string, unknown>;
    }
    node._errors ??= [];
    (node._errors as Array<{ code: string; message: string }>).push({ code: error.code, message: error.message });
  }
  return root;
}

export function invalidFormBody(errors: FieldError[]): DiscordError {
  return new DiscordError(400, {
    message: 'Invalid Form Body',
    code: CODES.invalidFormBody,
    errors: errorTree(errors),
  });
}
