import type { FieldError } from '../../discord-limits.ts';
import type { DiscordRoute } from '../route-kit.ts';
import {
  activeThreads,
  archivedThreads,
  deleteMessage,
  getChannel,
  getMessage,
  listMessages,
  patchChannel,
  patchMessage,
  postMessage,
  startThread,
} from './channels.ts';
import { COMMAND_ROUTES } from './commands.ts';
import { gateway, gatewayBot } from './gateway.ts';
import { createEvent, getEvent, listEvents, patchEvent } from './guilds.ts';
import {
  createFollowup,
  deleteInteractionMessage,
  editInteractionMessage,
  getInteractionMessage,
  interactionCallback,
} from './interactions.ts';
import { deleteWebhookMessage, editWebhookMessage, executeWebhook, getWebhook, getWebhookMessage } from './webhooks.ts';

/** Every route the fake Discord answers, under /api/v10. */
export const DISCORD_ROUTES: readonly DiscordRoute[] = [
  gatewayBot,
  gateway,
  interactionCallback,
  createFollowup,
  getInteractionMessage,
  editInteractionMessage,
  deleteInteractionMessage,
  getWebhook,
  executeWebhook,
  getWebhookMessage,
  editWebhookMessage,
  deleteWebhookMessage,
  getChannel,
  patchChannel,
  postMessage,
  listMessages,
  getMessage,
  patchMessage,
  deleteMessage,
  startThread,
  archivedThreads,
  activeThreads,
  listEvents,
  getEvent,
  createEvent,
  patchEvent,
  ...COMMAND_ROUTES,
];

/**
 * The route and its parameters for a path after /api/v10, or why there is none. `/webhooks/{id}/...` is an
 * interaction webhook when the id is the application's, and an ordinary webhook otherwise.
 */
export function matchDiscordRoute(
  method: string,
  path: string,
  applicationId = '',
): { route: DiscordRoute; params: Record<string, string> } | { unknown: 'path' | 'method' } {
  const segments = path.split('/').slice(1);
  let pathKnown = false;
  for (const route of DISCORD_ROUTES) {
    const parts = route.template.split('/').slice(1);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = parts.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith(':')) {
        params[part.slice(1)] = decodeURIComponent(segment);
        return segment !== '';
      }
      return part === segment;
    });
    if (!fits) continue;
    if (route.auth === 'interaction' && params.application_id !== applicationId) continue;
    if (route.auth === 'webhook' && params.webhook_id === applicationId) continue;
    pathKnown = true;
    if (route.method === method) return { route, params };
  }
  return { unknown: pathKnown ? 'method' : 'path' };
}

/** Problems with a route's query string, as Discord's form errors. */
export function queryErrors(route: DiscordRoute, query: Record<string, string>): FieldError[] {
  const out: FieldError[] = [];
  for (const [key, value] of Object.entries(query)) {
    const type = route.query?.[key];
    if (!type) {
      out.push({
        path: [key],
        code: 'UNKNOWN_FIELD',
        message: `Discord does not document the query parameter ${key} here.`,
      });
    } else if (type === 'boolean' && !/^(true|false|1|0)$/i.test(value)) {
      out.push({ path: [key], code: 'BOOLEAN_TYPE_CONVERT', message: `Could not interpret "${value}" as boolean.` });
    } else if (type === 'snowflake' && !/^\d{1,20}$/.test(value)) {
      out.push({ path: [key], code: 'NUMBER_TYPE_COERCE', message: `Value "${value}" is not snowflake.` });
    } else if (type === 'timestamp' && Number.isNaN(Date.parse(value))) {
      out.push({ path: [key], code: 'DATE_TYPE_PARSE', message: `Could not parse ${value}. Should be ISO8601.` });
    } else if (type === 'int' && !/^-?\d+$/.test(value)) {
      out.push({ path: [key], code: 'NUMBER_TYPE_COERCE', message: `Value "${value}" is not int.` });
    }
  }
  return out;
}
