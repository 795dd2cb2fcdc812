import { BULK_COMMANDS, cleanBody, commandErrors, forSchema, overwriteCommands, tooManyCommands } from '../commands.ts';
import { CODES, DiscordError, invalidFormBody, unknown } from '../errors.ts';
import { COMMAND, type DiscordContext, type DiscordRoute, validated } from '../route-kit.ts';
import { type CommandBody, REQUEST } from '../spec.ts';
import type { CommandRecord, GuildRecord } from '../state.ts';

const missingAccess = () => new DiscordError(403, { message: 'Missing Access', code: CODES.missingAccess });

/** The scope a commands route works on: a guild the bot is in, or global; refuses another application's id. */
function scopeOf(ctx: DiscordContext): { guild: GuildRecord | null; commands: Map<string, CommandRecord> } {
  if (ctx.params.application_id !== ctx.state.application.id) throw missingAccess();
  if (ctx.params.guild_id === undefined) return { guild: null, commands: ctx.state.globalCommands };
  const guild = ctx.state.guilds.get(ctx.params.guild_id);
  if (!guild) throw unknown('Guild');
  // Guild commands need the applications.commands scope in that guild, which the bot's invite grants.
  if (!guild.members.has(ctx.state.bot.id)) throw missingAccess();
  return { guild, commands: guild.commands };
}

function commandOf(ctx: DiscordContext): CommandRecord {
  const command = scopeOf(ctx).commands.get(ctx.params.command_id ?? '');
  if (!command) throw unknown('application command');
  return command;
}

const list = (template: string): DiscordRoute => ({
  method: 'GET',
  template,
  auth: 'bot',
  category: 'routes',
  query: { with_localizations: 'boolean' },
  handle(ctx) {
    const { commands } = scopeOf(ctx);
    return { status: 200, body: [...commands.values()].map((c) => ctx.shapes.command(c)), schema: COMMAND, many: true };
  },
});

const bulk = (template: string): DiscordRoute => ({
  method: 'PUT',
  template,
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const { guild } = scopeOf(ctx);
    const raw = ctx.body;
    const bodies = validated({ ...ctx, body: forSchema(raw) }, BULK_COMMANDS, (b) =>
      commandErrors(b as CommandBody[], guild ? 'guild' : 'global'),
    ) as CommandBody[];
    // Validated as numbers, stored as Discord returns them (permission bitfields are strings).
    const stored = overwriteCommands(
      ctx.state,
      guild,
      (raw as CommandBody[]).map((b, i) => ({ ...bodies[i], ...b })),
    );
    return { status: 200, body: stored.map((c) => ctx.shapes.command(c)), schema: COMMAND, many: true };
  },
});

const create = (template: string): DiscordRoute => ({
  method: 'POST',
  template,
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const { guild, commands } = scopeOf(ctx);
    const body = {
      ...validated({ ...ctx, body: forSchema(ctx.body) }, REQUEST.commandCreate),
      ...(ctx.body as object),
    };
    const type = body.type ?? 1;
    const existing = [...commands.values()].find((c) => c.body.name === body.name && c.body.type === type);
    // Creating a command with a name that exists in the scope replaces (upserts) it.
    const others = [...commands.values()].filter((c) => c !== existing).map((c) => c.body as CommandBody);
    const errors = commandErrors([...others, body], guild ? 'guild' : 'global').filter(
      (e) => e.path[0] === others.length,
    );
    if (errors.length > 0) throw invalidFormBody(errors.map((e) => ({ ...e, path: e.path.slice(1) })));
    const tooMany = tooManyCommands([...others, body]);
    if (tooMany) throw tooMany;
    const record: CommandRecord = {
      id: existing?.id ?? ctx.state.snowflake(),
      guildId: guild?.id ?? null,
      version: ctx.state.snowflake(),
      body: cleanBody(body, type),
    };
    commands.set(record.id, record);
    return { status: existing ? 200 : 201, body: ctx.shapes.command(record), schema: COMMAND };
  },
});

const getOne = (template: string): DiscordRoute => ({
  method: 'GET',
  template,
  auth: 'bot',
  category: 'routes',
  handle: (ctx) => ({ status: 200, body: ctx.shapes.command(commandOf(ctx)), schema: COMMAND }),
});

const patchOne = (template: string): DiscordRoute => ({
  method: 'PATCH',
  template,
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const { guild, commands } = scopeOf(ctx);
    const command = commandOf(ctx);
    validated({ ...ctx, body: forSchema(ctx.body) }, REQUEST.commandPatch);
    const merged = { ...command.body, ...(ctx.body as object) } as CommandBody;
    const others = [...commands.values()].filter((c) => c !== command).map((c) => c.body as CommandBody);
    const errors = commandErrors([...others, merged], guild ? 'guild' : 'global').filter(
      (e) => e.path[0] === others.length,
    );
    if (errors.length > 0) throw invalidFormBody(errors.map((e) => ({ ...e, path: e.path.slice(1) })));
    command.body = cleanBody(merged, command.body.type);
    command.version = ctx.state.snowflake();
    return { status: 200, body: ctx.shapes.command(command), schema: COMMAND };
  },
});

const deleteOne = (template: string): DiscordRoute => ({
  method: 'DELETE',
  template,
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    scopeOf(ctx).commands.delete(commandOf(ctx).id);
    return { status: 204 };
  },
});

const GUILD = '/applications/:application_id/guilds/:guild_id/commands';
const GLOBAL = '/applications/:application_id/commands';

export const COMMAND_ROUTES: readonly DiscordRoute[] = [
  list(GUILD),
  bulk(GUILD),
  create(GUILD),
  getOne(`${GUILD}/:command_id`),
  patchOne(`${GUILD}/:command_id`),
  deleteOne(`${GUILD}/:command_id`),
  list(GLOBAL),
  bulk(GLOBAL),
  create(GLOBAL),
  getOne(`${GLOBAL}/:command_id`),
  patchOne(`${GLOBAL}/:command_id`),
  deleteOne(`${GLOBAL}/:command_id`),
];
