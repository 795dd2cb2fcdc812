import type { FieldError } from '../discord-limits.ts';

export interface AllowedMentions {
  parse?: Array<'users' | 'roles' | 'everyone' | null> | null;
  users?: Array<string | null> | null;
  roles?: Array<string | null> | null;
  replied_user?: boolean | null;
}

/** Who a message notifies: what its content mentions, filtered by allowed_mentions as Discord does. */
export interface Mentions {
  users: string[];
  roles: string[];
  everyone: boolean;
  here: boolean;
}

const USER = /<@!?(\d{15,21})>/g;
const ROLE = /<@&(\d{15,21})>/g;

/** Mentions written in content (embeds never notify anyone, so they are not read). */
export function mentionsIn(content: string): Mentions {
  const unique = (re: RegExp) => [...new Set([...content.matchAll(re)].map((m) => m[1] as string))];
  return {
    users: unique(USER),
    roles: unique(ROLE),
    everyone: /@everyone/.test(content),
    here: /@here/.test(content),
  };
}

/** Discord refuses `parse: ["users"]` together with `users: [...]` (and the same for roles). */
export function allowedMentionsErrors(
  allowed: AllowedMentions | null | undefined,
  prefix: Array<string | number>,
): FieldError[] {
  if (!allowed) return [];
  const out: FieldError[] = [];
  for (const kind of ['users', 'roles'] as const) {
    if (allowed.parse?.includes(kind) && (allowed[kind]?.length ?? 0) > 0) {
      out.push({
        path: [...prefix, 'allowed_mentions'],
        code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        message: `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      });
    }
  }
  return out;
}

/**
 * Without allowed_mentions every mention in the content notifies; with it, only what `parse` names or
 * the listed ids do (an empty object silences everything).
 */
export function effectiveMentions(content: string, allowed: AllowedMentions | null | undefined): Mentions {
  const written = mentionsIn(content);
  if (allowed === null || allowed === undefined) return written;
  const parse = new Set(allowed.parse ?? []);
  const listed = (ids: Array<string | null> | null | undefined) =>
    new Set((ids ?? []).filter((id): id is string => id !== null));
  const users = parse.has('users') ? written.users : written.users.filter((id) => listed(allowed.users).has(id));
  const roles = parse.has('roles') ? written.roles : written.roles.filter((id) => listed(allowed.roles).has(id));
  const everyone = parse.has('everyone');
  return { users, roles, everyone: everyone && written.everyone, here: everyone && written.here };
}
