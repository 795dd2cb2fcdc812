import { randomBytes } from 'node:crypto';
import { discordLength } from '../discord-limits.ts';
import { hasPermission } from './permissions.ts';
import type { DiscordShapes } from './shapes.ts';
import type { ChannelRecord, CommandRecord, DiscordState, GuildRecord, MemberRecord, MessageRecord } from './state.ts';

export const INTERACTION_TYPE = { ping: 1, command: 2, component: 3, autocomplete: 4, modalSubmit: 5 } as const;

export const CALLBACK_TYPE = {
  pong: 1,
  channelMessage: 4,
  deferredChannelMessage: 5,
  deferredUpdateMessage: 6,
  updateMessage: 7,
  autocompleteResult: 8,
  modal: 9,
} as const;

/** Discord's deadlines: the first answer within 3 s, follow-ups with the token for 15 min. */
export const INTERACTION_LIMITS = { callbackMs: 3_000, tokenMs: 15 * 60_000 } as const;

export const OPTION_TYPE = {
  subcommand: 1,
  subcommandGroup: 2,
  string: 3,
  integer: 4,
  boolean: 5,
  user: 6,
  channel: 7,
  role: 8,
  mentionable: 9,
  number: 10,
  attachment: 11,
} as const;

export interface InteractionCallbackRecord {
  type: number;
  /** When it arrived, by the fake's clock (ms since the epoch). */
  at: number;
  /** Arrival minus dispatch, by the fake's clock. */
  latencyMs: number;
  /** The request body as sent. */
  body: unknown;
}

/** Everything the fake knows about one interaction it sent. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  guildId: string;
  channelId: string;
  userId: string;
  /** A command's name (with subcommands), a component's or a modal's custom_id. */
  name: string;
  /** The INTERACTION_CREATE payload as dispatched. */
  payload: Record<string, unknown>;
  /** When it was dispatched, by the fake's clock (ms since the epoch). */
  createdAt: number;
  callback?: InteractionCallbackRecord;
  /** Refused callbacks and follow-ups: late, twice, wrong type, expired token. */
  refusals: Array<{ at: number; status: number; code: number; message: string }>;
  /** The original response: the reply (4, 5) or the message a component update (6, 7) changes. */
  originalId?: string;
  /** A deferred reply (5) nobody has edited yet: Discord shows "thinking…". */
  loading: boolean;
  followupIds: string[];
  /** Choices of an autocomplete answer (8). */
  choices?: unknown[];
  /** The modal shown (9): what `submitModal` fills in. */
  modal?: Record<string, unknown>;
  /** For a component or a modal opened from one: the message it sits on. */
  sourceMessageId?: string;
}

export type OptionValue = string | number | boolean;

export interface InteractionSource {
  guild: string;
  channel: string;
  /** The member who interacts. */
  user: string;
  /** Their client's language; default en-US. */
  locale?: string;
}

export interface CommandInput extends InteractionSource {
  /** The command, with subcommand group and subcommand separated by spaces: `project join`. */
  name: string;
  options?: Record<string, OptionValue>;
}

export interface AutocompleteInput extends CommandInput {
  /** The option being typed; its value in `options` is what was typed so far. */
  focused: string;
}

export interface ComponentInput {
  /** The message the component is on. */
  message: string;
  customId: string;
  user: string;
  /** For select menus: the picked values. */
  values?: string[];
  locale?: string;
}

export interface ModalSubmitInput {
  /** The interaction that was answered with this modal (callback type 9). */
  interaction: string;
  /** Text inputs and selects by custom_id. */
  values: Record<string, string | string[]>;
}

/** Why the fake will not build an interaction: real Discord would not let the member do it. */
export class InteractionInputError extends Error {}

interface OptionDefinition {
  type: number;
  name: string;
  required?: boolean;
  choices?: Array<{ name: string; value: OptionValue }>;
  options?: OptionDefinition[];
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  channel_types?: number[];
}

type Obj = Record<string, unknown>;

/** Builds interactions the way Discord's client would let a member make them, and keeps their records. */
export class InteractionStore {
  readonly byId = new Map<string, InteractionRecord>();
  readonly byToken = new Map<string, InteractionRecord>();
  readonly #state: DiscordState;
  readonly #shapes: () => DiscordShapes;

  constructor(state: DiscordState, shapes: () => DiscordShapes) {
    this.#state = state;
    this.#shapes = shapes;
  }

  command(input: CommandInput): InteractionRecord {
    return this.#commandLike(input, INTERACTION_TYPE.command, undefined);
  }

  autocomplete(input: AutocompleteInput): InteractionRecord {
    return this.#commandLike(input, INTERACTION_TYPE.autocomplete, input.focused);
  }

  component(input: ComponentInput): InteractionRecord {
    const message = this.#state.messages.get(input.message);
    if (!message) throw new InteractionInputError(`the fake Discord has no message ${input.message}`);
    const channel = this.#channel(message.channelId);
    const guild = this.#guild(channel.guildId);
    const member = this.#member(guild, input.user);
    if ((message.flags & 64) !== 0 && message.interaction && message.interaction.userId !== input.user) {
      throw new InteractionInputError(`message ${message.id} is ephemeral: only its own member sees its components`);
    }
    const component = findComponent(message.components, input.customId);
    if (!component) {
      throw new InteractionInputError(`message ${message.id} has no component with custom_id "${input.customId}"`);
    }
    if (component.disabled === true) {
      throw new InteractionInputError(`the component "${input.customId}" is disabled: nobody can use it`);
    }
    const componentType = component.type as number;
    const data: Obj = { custom_id: input.customId, component_type: componentType };
    if (componentType === 2) {
      if (input.values !== undefined) throw new InteractionInputError('a button has no values');
    } else if ([3, 5, 6, 7, 8].includes(componentType)) {
      const values = input.values ?? [];
      const min = (component.min_values as number | undefined) ?? 1;
      const max = (component.max_values as number | undefined) ?? 1;
      if (values.length < min || values.length > max) {
        throw new InteractionInputError(
          `select "${input.customId}" takes ${min} to ${max} values, not ${values.length}`,
        );
      }
      if (componentType === 3) {
        const allowed = new Set(((component.options as Obj[] | undefined) ?? []).map((o) => o.value));
        const bad = values.filter((v) => !allowed.has(v));
        if (bad.length > 0)
          throw new InteractionInputError(`select "${input.customId}" has no option ${bad.join(', ')}`);
      } else {
        data.resolved = this.#resolvedFor(guild, values, componentType);
      }
      data.values = values;
    } else {
      throw new InteractionInputError(`component type ${componentType} is not something a member clicks`);
    }
    return this.#create({
      type: INTERACTION_TYPE.component,
      guild,
      channel,
      member,
      locale: input.locale,
      name: input.customId,
      data,
      message,
    });
  }

  modalSubmit(input: ModalSubmitInput): InteractionRecord {
    const opener = this.byId.get(input.interaction);
    if (!opener?.modal) {
      throw new InteractionInputError(
        `interaction ${input.interaction} was not answered with a modal (callback type 9)`,
      );
    }
    const modal = opener.modal;
    const channel = this.#channel(opener.channelId);
    const guild = this.#guild(opener.guildId);
    const member = this.#member(guild, opener.userId);
    const used = new Set<string>();
    const answer = (field: Obj): Obj => {
      const customId = field.custom_id as string;
      used.add(customId);
      const given = input.values[customId];
      if (field.type === 4) {
        const value = given ?? (field.value as string | undefined) ?? '';
        if (typeof value !== 'string') throw new InteractionInputError(`text input "${customId}" takes a string`);
        const required = (field.required as boolean | undefined) ?? true;
        const length = discordLength(value);
        if (required && length === 0) throw new InteractionInputError(`text input "${customId}" is required`);
        const min = (field.min_length as number | undefined) ?? 0;
        const max = (field.max_length as number | undefined) ?? 4000;
        if (length > 0 && (length < min || length > max)) {
          throw new InteractionInputError(`text input "${customId}" takes ${min} to ${max} characters, not ${length}`);
        }
        return { type: 4, id: field.id, custom_id: customId, value };
      }
      if (field.type === 3) {
        const values = given === undefined ? [] : Array.isArray(given) ? given : [given];
        const allowed = new Set(((field.options as Obj[] | undefined) ?? []).map((o) => o.value));
        if (values.some((v) => !allowed.has(v))) {
          throw new InteractionInputError(`select "${customId}" has no option among ${values.join(', ')}`);
        }
        return { type: 3, id: field.id, custom_id: customId, values };
      }
      throw new InteractionInputError(`the fake cannot fill a modal component of type ${String(field.type)}`);
    };
    const components = ((modal.components as Obj[] | undefined) ?? []).map((row): Obj => {
      if (row.type === 1) {
        return { type: 1, id: row.id, components: ((row.components as Obj[]) ?? []).map(answer) };
      }
      if (row.type === 18) return { type: 18, id: row.id, component: answer(row.component as Obj) };
      return { type: row.type, id: row.id };
    });
    const unknownFields = Object.keys(input.values).filter((id) => !used.has(id));
    if (unknownFields.length > 0) {
      throw new InteractionInputError(`the modal has no field ${unknownFields.join(', ')}`);
    }
    const source = opener.sourceMessageId ? this.#state.messages.get(opener.sourceMessageId) : undefined;
    return this.#create({
      type: INTERACTION_TYPE.modalSubmit,
      guild,
      channel,
      member,
      locale: (opener.payload.locale as string | undefined) ?? undefined,
      name: modal.custom_id as string,
      data: { custom_id: modal.custom_id, components },
      ...(source ? { message: source } : {}),
    });
  }

  #commandLike(input: CommandInput, type: number, focused: string | undefined): InteractionRecord {
    const guild = this.#guild(input.guild);
    const channel = this.#channel(input.channel);
    if (channel.guildId !== guild.id)
      throw new InteractionInputError(`channel ${channel.id} is not in guild ${guild.id}`);
    const member = this.#member(guild, input.user);
    const path = input.name.trim().split(/\s+/);
    const [root = '', ...rest] = path;
    const command = this.#findCommand(guild, root);
    const needed = command.body.default_member_permissions as string | null | undefined;
    if (needed !== undefined && needed !== null) {
      const granted = this.#state.permissionsOf(guild, member.userId);
      if (!hasPermission(granted, BigInt(needed))) {
        throw new InteractionInputError(`/${root} needs permissions ${needed}; the member cannot see it`);
      }
    }
    let level = (command.body.options as OptionDefinition[] | undefined) ?? [];
    const nest: Obj[] = [];
    for (const name of rest) {
      const sub = level.find(
        (o) => o.name === name && (o.type === OPTION_TYPE.subcommand || o.type === OPTION_TYPE.subcommandGroup),
      );
      if (!sub) throw new InteractionInputError(`/${root} has no subcommand "${name}"`);
      nest.push({ type: sub.type, name });
      level = sub.options ?? [];
    }
    if (level.some((o) => o.type === OPTION_TYPE.subcommand || o.type === OPTION_TYPE.subcommandGroup)) {
      throw new InteractionInputError(`/${input.name} needs a subcommand: ${level.map((o) => o.name).join(', ')}`);
    }
    const resolved: Record<string, Record<string, unknown>> = {};
    const given = input.options ?? {};
    for (const name of Object.keys(given)) {
      if (!level.some((o) => o.name === name))
        throw new InteractionInputError(`/${input.name} has no option "${name}"`);
    }
    if (focused !== undefined) {
      const option = level.find((o) => o.name === focused);
      if (!option?.autocomplete) {
        throw new InteractionInputError(`option "${focused}" of /${input.name} does not autocomplete`);
      }
      if (given[focused] === undefined)
        throw new InteractionInputError(`give the typed text of "${focused}" in options`);
    }
    const options: Obj[] = [];
    for (const definition of level) {
      const value = given[definition.name];
      if (value === undefined) {
        if (definition.required && focused === undefined) {
          throw new InteractionInputError(`option "${definition.name}" of /${input.name} is required`);
        }
        continue;
      }
      const isFocused = definition.name === focused;
      if (!isFocused) this.#checkOption(guild, definition, value, `/${input.name} ${definition.name}`, resolved);
      options.push({ type: definition.type, name: definition.name, value, ...(isFocused ? { focused: true } : {}) });
    }
    let wrapped: Obj[] = options;
    for (const level_ of nest.reverse()) wrapped = [{ ...level_, options: wrapped }];
    const data: Obj = {
      id: command.id,
      name: root,
      type: 1,
      ...(command.guildId ? { guild_id: command.guildId } : {}),
      ...(wrapped.length > 0 ? { options: wrapped } : {}),
      ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
    };
    return this.#create({ type, guild, channel, member, locale: input.locale, name: input.name, data });
  }

  #checkOption(
    guild: GuildRecord,
    definition: OptionDefinition,
    value: OptionValue,
    where: string,
    resolved: Record<string, Record<string, unknown>>,
  ): void {
    const fail = (why: string) => {
      throw new InteractionInputError(`${where}: ${why}`);
    };
    const shapes = this.#shapes();
    switch (definition.type) {
      case OPTION_TYPE.string: {
        if (typeof value !== 'string') fail('takes a string');
        const length = discordLength(value as string);
        if (definition.min_length !== undefined && length < definition.min_length)
          fail(`at least ${definition.min_length} characters`);
        if (definition.max_length !== undefined && length > definition.max_length)
          fail(`at most ${definition.max_length} characters`);
        break;
      }
      case OPTION_TYPE.integer:
      case OPTION_TYPE.number: {
        if (typeof value !== 'number' || (definition.type === OPTION_TYPE.integer && !Number.isInteger(value))) {
          fail(definition.type === OPTION_TYPE.integer ? 'takes an integer' : 'takes a number');
        }
        if (definition.min_value !== undefined && (value as number) < definition.min_value)
          fail(`at least ${definition.min_value}`);
        if (definition.max_value !== undefined && (value as number) > definition.max_value)
          fail(`at most ${definition.max_value}`);
        break;
      }
      case OPTION_TYPE.boolean:
        if (typeof value !== 'boolean') fail('takes true or false');
        break;
      case OPTION_TYPE.user:
      case OPTION_TYPE.role:
      case OPTION_TYPE.mentionable:
      case OPTION_TYPE.channel: {
        if (typeof value !== 'string') fail('takes an id');
        const id = value as string;
        const user = this.#state.users.get(id);
        const role = guild.roles.get(id);
        const channel = this.#state.channels.get(id);
        if (definition.type === OPTION_TYPE.user || (definition.type === OPTION_TYPE.mentionable && user)) {
          if (!user) fail(`no user ${id}`);
          put(resolved, 'users', id, shapes.user(user as NonNullable<typeof user>));
          const member = guild.members.get(id);
          if (member) {
            const { user: _user, mute: _mute, deaf: _deaf, ...partial } = shapes.interactionMember(guild, member);
            put(resolved, 'members', id, partial);
          }
        } else if (definition.type === OPTION_TYPE.role || definition.type === OPTION_TYPE.mentionable) {
          if (!role) fail(`no role ${id} in the guild`);
          put(resolved, 'roles', id, shapes.role(role as NonNullable<typeof role>));
        } else {
          if (!channel || channel.guildId !== guild.id) fail(`no channel ${id} in the guild`);
          const c = channel as ChannelRecord;
          if (definition.channel_types && !definition.channel_types.includes(c.type)) {
            fail(`channel type ${c.type} is not among ${definition.channel_types.join(', ')}`);
          }
          put(resolved, 'channels', id, { ...shapes.channel(c), permissions: '0' });
        }
        break;
      }
      default:
        fail(`the fake cannot fill options of type ${definition.type}`);
    }
    if (definition.choices && definition.choices.length > 0 && !definition.choices.some((c) => c.value === value)) {
      fail(
        `${JSON.stringify(value)} is not one of the choices ${definition.choices.map((c) => JSON.stringify(c.value)).join(', ')}`,
      );
    }
  }

  #resolvedFor(guild: GuildRecord, values: string[], componentType: number): Obj {
    const shapes = this.#shapes();
    const resolved: Record<string, Obj> = {};
    for (const id of values) {
      const user = this.#state.users.get(id);
      const role = guild.roles.get(id);
      const channel = this.#state.channels.get(id);
      if ((componentType === 5 || componentType === 7) && user) {
        put(resolved, 'users', id, shapes.user(user));
        const member = guild.members.get(id);
        if (member) {
          const { user: _u, mute: _m, deaf: _d, ...partial } = shapes.interactionMember(guild, member);
          put(resolved, 'members', id, partial);
        }
      } else if ((componentType === 6 || componentType === 7) && role) {
        put(resolved, 'roles', id, shapes.role(role));
      } else if (componentType === 8 && channel && channel.guildId === guild.id) {
        put(resolved, 'channels', id, { ...shapes.channel(channel), permissions: '0' });
      } else {
        throw new InteractionInputError(`select value ${id} is not something this select offers`);
      }
    }
    return resolved;
  }

  #create(input: {
    type: number;
    guild: GuildRecord;
    channel: ChannelRecord;
    member: MemberRecord;
    locale: string | undefined;
    name: string;
    data: Obj;
    message?: MessageRecord;
  }): InteractionRecord {
    const { guild, channel, member } = input;
    const shapes = this.#shapes();
    const id = this.#state.snowflake();
    const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(48).toString('base64url')}`;
    const memberPermissions = this.#state.permissionsOf(guild, member.userId).toString();
    const payload: Obj = {
      id,
      application_id: this.#state.application.id,
      type: input.type,
      data: input.data,
      guild: { id: guild.id, locale: guild.locale, features: [] },
      guild_id: guild.id,
      channel: { ...shapes.channel(channel), permissions: memberPermissions },
      channel_id: channel.id,
      member: shapes.interactionMember(guild, member),
      token,
      version: 1,
      app_permissions: this.#state.permissionsOf(guild, this.#state.bot.id).toString(),
      locale: input.locale ?? 'en-US',
      guild_locale: guild.locale,
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      context: 0,
      attachment_size_limit: 10_485_760,
      ...(input.message ? { message: shapes.message(input.message) } : {}),
    };
    const record: InteractionRecord = {
      id,
      token,
      type: input.type,
      guildId: guild.id,
      channelId: channel.id,
      userId: member.userId,
      name: input.name,
      payload,
      createdAt: this.#state.now().getTime(),
      refusals: [],
      loading: false,
      followupIds: [],
      ...(input.message ? { sourceMessageId: input.message.id } : {}),
    };
    this.byId.set(id, record);
    this.byToken.set(token, record);
    this.#state.emit(guild.id, 'INTERACTION_CREATE', payload);
    return record;
  }

  #findCommand(guild: GuildRecord, name: string): CommandRecord {
    const match = (commands: Map<string, CommandRecord>) =>
      [...commands.values()].find((c) => c.body.name === name && c.body.type === 1);
    const command = match(guild.commands) ?? match(this.#state.globalCommands);
    if (!command) {
      throw new InteractionInputError(
        `no slash command /${name} is registered for guild ${guild.id}; register the commands first (PUT /applications/{id}/guilds/{guild}/commands)`,
      );
    }
    return command;
  }

  #guild(id: string): GuildRecord {
    const guild = this.#state.guilds.get(id);
    if (!guild) throw new InteractionInputError(`the fake Discord has no guild ${id}`);
    return guild;
  }

  #channel(id: string): ChannelRecord {
    const channel = this.#state.channels.get(id);
    if (!channel) throw new InteractionInputError(`the fake Discord has no channel ${id}`);
    return channel;
  }

  #member(guild: GuildRecord, userId: string): MemberRecord {
    const member = guild.members.get(userId);
    if (!member) throw new InteractionInputError(`user ${userId} is not a member of guild ${guild.id}`);
    return member;
  }
}

/** Adds an entity to an interaction's `resolved` map (users, members, roles, channels). */
function put(resolved: Record<string, Record<string, unknown>>, kind: string, id: string, value: unknown): void {
  const entries = resolved[kind] ?? {};
  entries[id] = value;
  resolved[kind] = entries;
}

/** A component with this custom_id anywhere in a message's components (rows, containers, sections). */
export function findComponent(components: unknown, customId: string): Obj | undefined {
  if (!Array.isArray(components)) return undefined;
  for (const item of components) {
    if (item === null || typeof item !== 'object') continue;
    const component = item as Obj;
    if (component.custom_id === customId) return component;
    const nested =
      findComponent(component.components, customId) ??
      findComponent(component.accessory ? [component.accessory] : undefined, customId) ??
      findComponent(component.component ? [component.component] : undefined, customId);
    if (nested) return nested;
  }
  return undefined;
}
