import * as z from 'zod/mini';
import type { FieldError } from '../discord-limits.ts';
import { CODES, DiscordError, invalidFormBody } from './errors.ts';
import { OPTION_TYPE } from './interactions.ts';
import { type CommandBody, REQUEST } from './spec.ts';
import type { CommandRecord, DiscordState, GuildRecord } from './state.ts';
import { checkBody } from './validate.ts';

/** Discord's command limits (interactions/application-commands). */
export const COMMAND_LIMITS = {
  /** Per scope (a guild, or global) and per type. */
  perType: { 1: 100, 2: 15, 3: 15 } as Record<number, number>,
  options: 25,
  choices: 25,
  /** Names, descriptions and choice values of one command together. */
  totalCharacters: 8000,
} as const;

/** CHAT_INPUT command and option names (with the unicode flag). */
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Thrown by `registerCommands` when Discord would refuse the commands. */
export class CommandInputError extends Error {}

interface Option {
  type: number;
  name: string;
  description?: string;
  required?: boolean | null;
  autocomplete?: boolean | null;
  choices?: Array<{ name: string; value: unknown }> | null;
  options?: Option[] | null;
  min_value?: number | null;
  max_value?: number | null;
  min_length?: number | null;
  max_length?: number | null;
  channel_types?: number[] | null;
}

const SUB = new Set<number>([OPTION_TYPE.subcommand, OPTION_TYPE.subcommandGroup]);
const CHOOSABLE = new Set<number>([OPTION_TYPE.string, OPTION_TYPE.integer, OPTION_TYPE.number]);

function nameErrors(name: string, path: Array<string | number>): FieldError[] {
  return NAME.test(name) && name === name.toLowerCase()
    ? []
    : [{ path, code: 'STRING_TYPE_REGEX', message: 'String value did not match validation regex.' }];
}

/** Discord accepts permission bitfields as strings although its OpenAPI description says numbers. */
export function numericString(value: unknown): unknown {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}

function optionErrors(options: Option[], path: Array<string | number>, depth: number): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  let optionalSeen = false;
  const subs = options.filter((o) => SUB.has(o.type)).length;
  if (subs > 0 && subs < options.length) {
    out.push({
      path: [...path],
      code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      message: 'Subcommands and subcommand groups cannot be mixed with other options.',
    });
  }
  options.forEach((option, i) => {
    const at = [...path, i];
    out.push(...nameErrors(option.name, [...at, 'name']));
    if (seen.has(option.name)) {
      out.push({
        path: [...at, 'name'],
        code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
        message: 'Option names must be unique.',
      });
    }
    seen.add(option.name);
    if (SUB.has(option.type)) {
      // A group holds subcommands; a subcommand holds plain options; nothing nests deeper.
      const allowed = depth === 0 || (depth === 1 && option.type === OPTION_TYPE.subcommand);
      if (!allowed) {
        out.push({
          path: [...at, 'type'],
          code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
          message: 'Subcommands can only sit at the top or inside a group, groups only at the top.',
        });
      }
      const children = option.options ?? [];
      if (option.type === OPTION_TYPE.subcommandGroup && children.some((c) => c.type !== OPTION_TYPE.subcommand)) {
        out.push({
          path: [...at, 'options'],
          code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
          message: 'A subcommand group may only contain subcommands.',
        });
      }
      out.push(...optionErrors(children, [...at, 'options'], depth + 1));
      return;
    }
    if (option.required) {
      if (optionalSeen) {
        out.push({
          path: at,
          code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          message: 'Required options must be placed before non-required options',
        });
      }
    } else {
      optionalSeen = true;
    }
    const choices = option.choices ?? [];
    if (option.autocomplete && choices.length > 0) {
      out.push({
        path: [...at, 'autocomplete'],
        code: 'APPLICATION_COMMAND_OPTIONS_AUTOCOMPLETE_WITH_CHOICES',
        message: 'Autocomplete cannot be set on an option that has choices.',
      });
    }
    if (option.autocomplete && !CHOOSABLE.has(option.type)) {
      out.push({
        path: [...at, 'autocomplete'],
        code: 'APPLICATION_COMMAND_OPTIONS_AUTOCOMPLETE_INVALID',
        message: 'Only string, integer and number options can autocomplete.',
      });
    }
    const seenChoices = new Set<string>();
    choices.forEach((choice, j) => {
      const key = JSON.stringify(choice.value);
      if (seenChoices.has(key)) {
        out.push({
          path: [...at, 'choices', j, 'value'],
          code: 'APPLICATION_COMMAND_OPTION_CHOICE_VALUE_ALREADY_EXISTS',
          message: 'Choice values must be unique.',
        });
      }
      seenChoices.add(key);
    });
    if (
      option.min_length !== undefined &&
      option.min_length !== null &&
      option.max_length !== undefined &&
      option.max_length !== null &&
      option.min_length > option.max_length
    ) {
      out.push({
        path: [...at, 'min_length'],
        code: 'APPLICATION_COMMAND_OPTION_LENGTH_INVALID',
        message: 'min_length cannot be greater than max_length.',
      });
    }
    if (
      option.min_value !== undefined &&
      option.min_value !== null &&
      option.max_value !== undefined &&
      option.max_value !== null &&
      option.min_value > option.max_value
    ) {
      out.push({
        path: [...at, 'min_value'],
        code: 'APPLICATION_COMMAND_OPTION_VALUE_INVALID',
        message: 'min_value cannot be greater than max_value.',
      });
    }
  });
  return out;
}

function characters(body: CommandBody): number {
  const count = (text: unknown) => (typeof text === 'string' ? [...text].length : 0);
  const walk = (options: Option[] | null | undefined): number =>
    (options ?? []).reduce(
      (sum, o) =>
        sum +
        count(o.name) +
        count(o.description) +
        (o.choices ?? []).reduce((s, c) => s + count(c.name) + count(c.value), 0) +
        walk(o.options),
      0,
    );
  return count(body.name) + count(body.description) + walk(body.options as Option[] | null | undefined);
}

/** Every rule a command list breaks beyond the schema: names, descriptions, option order and nesting, size. */
export function commandErrors(bodies: CommandBody[], scope: 'guild' | 'global'): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  bodies.forEach((body, i) => {
    const type = body.type ?? 1;
    if (type === 4 && scope === 'guild') {
      out.push({
        path: [i, 'type'],
        code: 'BASE_TYPE_CHOICES',
        message: 'Entry point commands cannot be guild commands.',
      });
    }
    if (type === 1) {
      out.push(...nameErrors(body.name, [i, 'name']));
      const description = body.description ?? '';
      if ([...description].length < 1) {
        out.push({
          path: [i, 'description'],
          code: 'BASE_TYPE_BAD_LENGTH',
          message: 'Must be between 1 and 100 in length.',
        });
      }
      out.push(...optionErrors((body.options ?? []) as Option[], [i, 'options'], 0));
      if (characters(body) > COMMAND_LIMITS.totalCharacters) {
        out.push({
          path: [i],
          code: 'APPLICATION_COMMAND_TOO_LARGE',
          message: `Command exceeds maximum size (${COMMAND_LIMITS.totalCharacters})`,
        });
      }
    } else {
      if (body.description) {
        out.push({
          path: [i, 'description'],
          code: 'APPLICATION_COMMAND_DESCRIPTION_INVALID',
          message: 'User and message commands have an empty description.',
        });
      }
      if (body.options && body.options.length > 0) {
        out.push({
          path: [i, 'options'],
          code: 'APPLICATION_COMMAND_OPTIONS_INVALID',
          message: 'Only slash commands take options.',
        });
      }
    }
    const key = `${type}:${body.name}`;
    if (seen.has(key)) {
      out.push({
        path: [i, 'name'],
        code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
        message: 'Application command names must be unique',
      });
    }
    seen.add(key);
  });
  return out;
}

/** Discord's answer when a scope would hold more commands of a type than allowed. */
export function tooManyCommands(bodies: Array<{ type?: number | null }>): DiscordError | undefined {
  const counts = new Map<number, number>();
  for (const body of bodies) counts.set(body.type ?? 1, (counts.get(body.type ?? 1) ?? 0) + 1);
  for (const [type, count] of counts) {
    const max = COMMAND_LIMITS.perType[type];
    if (max !== undefined && count > max) {
      return new DiscordError(400, {
        message: `Maximum number of application commands reached (${max})`,
        code: CODES.maxCommands,
      });
    }
  }
  return undefined;
}

/** The request body as the schema checks it: numeric strings Discord accepts become numbers. */
export function forSchema(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(forSchema);
  if (body === null || typeof body !== 'object') return body;
  const copy = { ...(body as Record<string, unknown>) };
  if ('default_member_permissions' in copy)
    copy.default_member_permissions = numericString(copy.default_member_permissions);
  return copy;
}

const BULK = z.array(REQUEST.commandPut);

/**
 * Replaces a scope's commands with `bodies` as a bulk overwrite does: a command keeps its id when its id or
 * its name and type match one already there. Throws a DiscordError with Discord's answer when it would refuse.
 */
export function overwriteCommands(
  state: DiscordState,
  guild: GuildRecord | null,
  bodies: CommandBody[],
): CommandRecord[] {
  const errors = commandErrors(bodies, guild ? 'guild' : 'global');
  if (errors.length > 0) throw invalidFormBody(errors);
  const tooMany = tooManyCommands(bodies);
  if (tooMany) throw tooMany;
  const scope = guild ? guild.commands : state.globalCommands;
  const previous = [...scope.values()];
  const next: CommandRecord[] = bodies.map((body) => {
    const type = body.type ?? 1;
    const kept = previous.find((c) => (body.id ? c.id === body.id : c.body.name === body.name && c.body.type === type));
    const clean = cleanBody(body, type);
    const changed = !kept || JSON.stringify(kept.body) !== JSON.stringify(clean);
    return {
      id: kept?.id ?? state.snowflake(),
      guildId: guild?.id ?? null,
      version: changed ? state.snowflake() : (kept as CommandRecord).version,
      body: clean,
    };
  });
  scope.clear();
  for (const command of next) scope.set(command.id, command);
  return next;
}

/** What Discord keeps of a command body: defaults filled in, nulls and the id dropped. */
export function cleanBody(body: CommandBody, type: number): CommandRecord['body'] {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === undefined || key === 'id') continue;
    clean[key] = key === 'default_member_permissions' ? String(value) : value;
  }
  return { ...clean, name: body.name, type };
}

/** The test control behind `registerCommands`: the same validation as the bulk overwrite route, as an Error. */
export function storeCommands(state: DiscordState, guild: GuildRecord | null, bodies: unknown[]): CommandRecord[] {
  const check = checkBody(BULK, forSchema(bodies));
  const problems = check.errors.map((e) => `${e.path.join('.')}: ${e.code} ${e.message}`);
  if (problems.length === 0) {
    try {
      return overwriteCommands(state, guild, bodies as CommandBody[]);
    } catch (error) {
      if (!(error instanceof DiscordError)) throw error;
      problems.push(JSON.stringify(error.body));
    }
  }
  throw new CommandInputError(`Discord would refuse these commands:\n${problems.join('\n')}`);
}

export const BULK_COMMANDS = BULK;
