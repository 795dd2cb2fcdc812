import { numericString } from '../commands.ts';
import { CODES, DiscordError, invalidFormBody, missingPermissions, unknown } from '../errors.ts';
import { ALL_PERMISSIONS, hasPermission, PERMISSIONS } from '../permissions.ts';
import { type DiscordContext, type DiscordResult, type DiscordRoute, MEMBER, ROLE, validated } from '../route-kit.ts';
import { REQUEST, type RoleBody } from '../spec.ts';
import { compareIds, type GuildRecord, type MemberRecord, type RoleRecord } from '../state.ts';

/** A guild can hold 250 roles besides @everyone. */
export const MAX_ROLES = 250;

export function guildOf(ctx: DiscordContext): GuildRecord {
  const guild = ctx.state.guilds.get(ctx.params.guild_id ?? '');
  if (!guild?.members.has(ctx.state.bot.id)) throw unknown('Guild');
  return guild;
}

function memberOf(ctx: DiscordContext, guild: GuildRecord): MemberRecord {
  const member = guild.members.get(ctx.params.user_id ?? '');
  if (!member) throw unknown('Member');
  return member;
}

function roleOf(ctx: DiscordContext, guild: GuildRecord): RoleRecord {
  const role = guild.roles.get(ctx.params.role_id ?? '');
  if (!role) throw unknown('Role');
  return role;
}

/** The bot's guild permissions, refusing with 50013 unless they include `wanted`. */
export function requirePermission(ctx: DiscordContext, guild: GuildRecord, wanted: bigint): bigint {
  const granted = ctx.state.permissionsOf(guild, ctx.state.bot.id);
  if (!hasPermission(granted, wanted)) throw missingPermissions();
  return granted;
}

/** Roles at or above the bot's highest role are out of its reach (topics/permissions#permission-hierarchy). */
function requireBelowBot(ctx: DiscordContext, guild: GuildRecord, role: RoleRecord): void {
  if (role.position >= ctx.state.highestPosition(guild, ctx.state.bot.id)) throw missingPermissions();
}

function memberShape(ctx: DiscordContext, member: MemberRecord): Record<string, unknown> {
  return ctx.shapes.member(member);
}

export const getMember: DiscordRoute = {
  method: 'GET',
  template: '/guilds/:guild_id/members/:user_id',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const guild = guildOf(ctx);
    return { status: 200, body: memberShape(ctx, memberOf(ctx, guild)), schema: MEMBER };
  },
};

function limitOf(ctx: DiscordContext): number {
  const limit = ctx.query.limit === undefined ? 1 : Number(ctx.query.limit);
  if (limit < 1 || limit > 1000) {
    throw invalidFormBody([
      { path: ['limit'], code: 'NUMBER_TYPE_MAX', message: 'int value should be between 1 and 1000.' },
    ]);
  }
  return limit;
}

export const listMembers: DiscordRoute = {
  method: 'GET',
  template: '/guilds/:guild_id/members',
  auth: 'bot',
  category: 'routes',
  query: { limit: 'int', after: 'snowflake' },
  handle(ctx) {
    const guild = guildOf(ctx);
    // Listing members is an HTTP use of the privileged GUILD_MEMBERS intent: it must be enabled in the portal.
    if (!ctx.gateway.privilegedEnabled('guildMembers')) {
      throw new DiscordError(403, { message: 'Missing Access', code: CODES.missingAccess });
    }
    const limit = limitOf(ctx);
    const after = ctx.query.after ?? '0';
    const members = [...guild.members.values()]
      .filter((m) => compareIds(m.userId, after) > 0)
      .sort((a, b) => compareIds(a.userId, b.userId))
      .slice(0, limit);
    return { status: 200, body: members.map((m) => memberShape(ctx, m)), schema: MEMBER, many: true };
  },
};

export const searchMembers: DiscordRoute = {
  method: 'GET',
  template: '/guilds/:guild_id/members/search',
  auth: 'bot',
  category: 'routes',
  query: { query: 'string', limit: 'int' },
  handle(ctx) {
    const guild = guildOf(ctx);
    if (ctx.query.query === undefined) {
      throw invalidFormBody([{ path: ['query'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
    }
    const limit = limitOf(ctx);
    const query = ctx.query.query.toLowerCase();
    const members = [...guild.members.values()]
      .filter((m) => {
        const user = ctx.state.users.get(m.userId);
        return [user?.username, user?.global_name, m.nick].some((name) => name?.toLowerCase().startsWith(query));
      })
      .slice(0, limit);
    return { status: 200, body: members.map((m) => memberShape(ctx, m)), schema: MEMBER, many: true };
  },
};

/** Permission bits a role body asks for; the bot may only grant what it has itself. */
function requestedPermissions(body: RoleBody, granted: bigint): bigint | undefined {
  if (body.permissions === undefined || body.permissions === null) return undefined;
  const wanted = BigInt(body.permissions);
  if ((wanted & ~ALL_PERMISSIONS) !== 0n) {
    throw invalidFormBody([{ path: ['permissions'], code: 'NUMBER_TYPE_MAX', message: 'Unknown permission bits.' }]);
  }
  if (!hasPermission(granted, PERMISSIONS.administrator) && (wanted & ~granted) !== 0n) throw missingPermissions();
  return wanted;
}

function roleBody(ctx: DiscordContext, create: boolean): RoleBody {
  const raw = (ctx.body ?? {}) as Record<string, unknown>;
  const forSchema = 'permissions' in raw ? { ...raw, permissions: numericString(raw.permissions) } : raw;
  const body = validated({ ...ctx, body: forSchema }, create ? REQUEST.roleCreate : REQUEST.rolePatch);
  // Checked as a number, kept as sent: BigInt() of the string loses no bits.
  const sent = raw.permissions as string | number | null | undefined;
  return { ...body, ...(sent !== undefined ? { permissions: sent } : {}) };
}

function applyRole(role: RoleRecord, body: RoleBody, permissions: bigint | undefined): void {
  if (body.name !== undefined && body.name !== null) role.name = body.name;
  if (permissions !== undefined) role.permissions = permissions;
  const color = body.colors?.primary_color ?? body.color;
  if (color !== undefined && color !== null) role.color = color;
  if (body.hoist !== undefined && body.hoist !== null) role.hoist = body.hoist;
  if (body.mentionable !== undefined && body.mentionable !== null) role.mentionable = body.mentionable;
  if (body.unicode_emoji !== undefined) role.unicodeEmoji = body.unicode_emoji ?? null;
}

/** Tells the gateway, answers with the role. */
function roleChanged(
  ctx: DiscordContext,
  guild: GuildRecord,
  role: RoleRecord,
  t: 'GUILD_ROLE_CREATE' | 'GUILD_ROLE_UPDATE',
): DiscordResult {
  ctx.state.emit(guild.id, t, { guild_id: guild.id, role: ctx.shapes.role(role) });
  return { status: 200, body: ctx.shapes.role(role), schema: ROLE };
}

export const listRoles: DiscordRoute = {
  method: 'GET',
  template: '/guilds/:guild_id/roles',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const guild = guildOf(ctx);
    return { status: 200, body: ctx.state.rolesOf(guild).map((r) => ctx.shapes.role(r)), schema: ROLE, many: true };
  },
};

export const getRole: DiscordRoute = {
  method: 'GET',
  template: '/guilds/:guild_id/roles/:role_id',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const guild = guildOf(ctx);
    return { status: 200, body: ctx.shapes.role(roleOf(ctx, guild)), schema: ROLE };
  },
};

export const createRole: DiscordRoute = {
  method: 'POST',
  template: '/guilds/:guild_id/roles',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const guild = guildOf(ctx);
    const granted = requirePermission(ctx, guild, PERMISSIONS.manageRoles);
    const body = roleBody(ctx, true);
    const permissions = requestedPermissions(body, granted);
    if (guild.roles.size > MAX_ROLES) {
      throw new DiscordError(400, {
        message: `Maximum number of guild roles reached (${MAX_ROLES})`,
        code: CODES.maxRoles,
      });
    }
    const role = ctx.state.addRole(guild, {
      name: 'new role',
      permissions: guild.roles.get(guild.id)?.permissions ?? 0n,
    });
    applyRole(role, body, permissions);
    return roleChanged(ctx, guild, role, 'GUILD_ROLE_CREATE');
  },
};

export const modifyRole: DiscordRoute = {
  method: 'PATCH',
  template: '/guilds/:guild_id/roles/:role_id',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const guild = guildOf(ctx);
    const granted = requirePermission(ctx, guild, PERMISSIONS.manageRoles);
    const role = roleOf(ctx, guild);
    const body = roleBody(ctx, false);
    requireBelowBot(ctx, guild, role);
    const permissions = requestedPermissions(body, granted);
    applyRole(role, body, permissions);
    return roleChanged(ctx, guild, role, 'GUILD_ROLE_UPDATE');
  },
};

export const deleteRole: DiscordRoute = {
  method: 'DELETE',
  template: '/guilds/:guild_id/roles/:role_id',
  auth: 'bot',
  category: 'routes',
  handle(ctx) {
    const guild = guildOf(ctx);
    requirePermission(ctx, guild, PERMISSIONS.manageRoles);
    const role = roleOf(ctx, guild);
    if (role.id === guild.id) throw new DiscordError(400, { message: 'Invalid Role', code: CODES.invalidRole });
    requireBelowBot(ctx, guild, role);
    if (role.managed) throw new DiscordError(400, { message: 'Invalid Role', code: CODES.invalidRole });
    guild.roles.delete(role.id);
    for (const other of guild.roles.values()) if (other.position > role.position) other.position--;
    for (const member of guild.members.values()) {
      if (member.roles.includes(role.id)) member.roles = member.roles.filter((id) => id !== role.id);
    }
    ctx.state.emit(guild.id, 'GUILD_ROLE_DELETE', { guild_id: guild.id, role_id: role.id });
    return { status: 204 };
  },
};

function changeMemberRole(ctx: DiscordContext, add: boolean) {
  const guild = guildOf(ctx);
  requirePermission(ctx, guild, PERMISSIONS.manageRoles);
  const member = memberOf(ctx, guild);
  const role = roleOf(ctx, guild);
  if (role.id === guild.id) throw new DiscordError(400, { message: 'Invalid Role', code: CODES.invalidRole });
  // Managed roles belong to their integration; roles at or above the bot's are out of reach.
  if (role.managed) throw missingPermissions();
  requireBelowBot(ctx, guild, role);
  const has = member.roles.includes(role.id);
  if (add !== has) {
    member.roles = add ? [...member.roles, role.id] : member.roles.filter((id) => id !== role.id);
    ctx.state.emit(guild.id, 'GUILD_MEMBER_UPDATE', { ...ctx.shapes.member(member), guild_id: guild.id });
  }
  return { status: 204 };
}

export const addMemberRole: DiscordRoute = {
  method: 'PUT',
  template: '/guilds/:guild_id/members/:user_id/roles/:role_id',
  auth: 'bot',
  category: 'routes',
  handle: (ctx) => changeMemberRole(ctx, true),
};

export const removeMemberRole: DiscordRoute = {
  method: 'DELETE',
  template: '/guilds/:guild_id/members/:user_id/roles/:role_id',
  auth: 'bot',
  category: 'routes',
  handle: (ctx) => changeMemberRole(ctx, false),
};

export const MEMBER_ROUTES: readonly DiscordRoute[] = [
  searchMembers,
  getMember,
  listMembers,
  addMemberRole,
  removeMemberRole,
  listRoles,
  getRole,
  createRole,
  modifyRole,
  deleteRole,
];
