import type { DiscordRoute } from '../route-kit.ts';
import { RESPONSE } from '../spec.ts';

/** GET /gateway/bot: where discord.js finds the WebSocket URL, shard count and session start limit. */
export const gatewayBot: DiscordRoute = {
  method: 'GET',
  template: '/gateway/bot',
  auth: 'bot',
  category: 'routes',
  handle: (ctx) => ({ status: 200, body: ctx.gateway.botInfo(), schema: RESPONSE.gatewayBot }),
};

/** GET /gateway needs no authentication and only says where to connect. */
export const gateway: DiscordRoute = {
  method: 'GET',
  template: '/gateway',
  auth: 'none',
  category: 'routes',
  handle: (ctx) => ({ status: 200, body: { url: ctx.gateway.url } }),
};
