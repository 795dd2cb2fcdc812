/// <reference path="../../testkit/src/discord/discord-api-spec.d.ts" />
import {
  CreateForumThreadRequestSchema,
  IncomingWebhookRequestPartialSchema,
  MessageCreateRequestSchema,
  MessageEditRequestPartialSchema,
} from 'discord-api-spec/zod';
import { expect } from 'vitest';
import { assertWithinLimits, type DiscordMessage } from '../src/index.ts';

/** Every way Circuitboard sends a message body must pass Discord's own schemas and our limits. */
export function expectValidBodies(message: DiscordMessage, threadName = 'A post'): void {
  assertWithinLimits(message);
  for (const [name, schema, body] of [
    ['bot message', MessageCreateRequestSchema, message],
    ['message edit', MessageEditRequestPartialSchema, message],
    ['webhook execute', IncomingWebhookRequestPartialSchema, { ...message, thread_name: threadName }],
    ['forum thread', CreateForumThreadRequestSchema, { name: threadName, message }],
  ] as const) {
    const result = schema.safeParse(body);
    expect(result.success, `${name}: ${result.success ? '' : JSON.stringify(result.error.issues.slice(0, 3))}`).toBe(
      true,
    );
  }
}
