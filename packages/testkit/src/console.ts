import type { FakeDiscord } from './discord/server.ts';
import type { FakeGitHub } from './github/server.ts';

/**
 * Lines a person types into `testkit discord` to play the members while a bot runs against the fake.
 * Values with spaces go in double quotes: `/propose title:"Induction heads"`.
 */
export const DISCORD_CONSOLE_HELP = `commands (one per line):
  /<command> [sub] [name:value ...]     a slash command from the default member (values: text, numbers, true/false)
  as <username> /<command> ...          the same from another member (joins the guild when new)
  click <message-id> <custom_id>        click a button
  select <message-id> <custom_id> <v1,v2>   pick values in a select menu
  modal <interaction-id> field="text" ...   submit the modal an interaction was answered with
  say <text>                            the default member writes in the text channel
  show <interaction-id>                 the interaction's callback, original response and follow-ups
  drop | reconnect | invalidate         gateway faults: a dropped socket, op 7, op 9 (not resumable)
  advance <ms>                          with --clock: move virtual time on (a reply after 3000 ms is late)
  help`;

/** Splits a line into words, keeping "quoted text" together. */
export function words(line: string): string[] {
  return [...line.matchAll(/(\S+?[:=])?"([^"]*)"|\S+/g)].map((m) =>
    m[2] !== undefined ? `${m[1] ?? ''}${m[2]}` : m[0],
  );
}

function value(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  return /^-?\d+(\.\d+)?$/.test(text) && text.length < 16 ? Number(text) : text;
}

export interface DiscordConsoleWorld {
  guild: string;
  channel: string;
  /** The default member's user id. */
  member: string;
}

/** Runs one console line against the fake; returns what to print. */
export async function discordConsoleLine(dc: FakeDiscord, world: DiscordConsoleWorld, line: string): Promise<string> {
  const parts = words(line.trim());
  let user = world.member;
  if (parts[0] === 'as' && parts[1]) {
    const name = parts[1];
    const members = [...(dc.store.guilds.get(world.guild)?.members.keys() ?? [])];
    const existing = members.find((id) => dc.store.users.get(id)?.username === name);
    user = existing ?? dc.addMember(world.guild, { username: name });
    parts.splice(0, 2);
  }
  const [head = '', ...rest] = parts;
  const describe = (id: string) => {
    const record = dc.interaction(id);
    const responses = dc.responses(id);
    const text = (m: Record<string, unknown> | undefined) =>
      m ? `${JSON.stringify(m.content)}${(Number(m.flags) & 64) !== 0 ? ' (ephemeral)' : ''}` : '-';
    return [
      `interaction ${id} (${record.name})`,
      `  callback: ${record.callback ? `type ${record.callback.type} after ${record.callback.latencyMs} ms` : 'none yet'}`,
      ...record.refusals.map((r) => `  refused: ${r.status} ${r.code} ${r.message}`),
      `  original: ${text(responses.original)}`,
      ...responses.followups.map((m) => `  follow-up ${m.id}: ${text(m)}`),
      ...(record.choices ? [`  choices: ${JSON.stringify(record.choices)}`] : []),
      ...(record.modal ? [`  modal: ${JSON.stringify(record.modal)}`] : []),
    ].join('\n');
  };
  const sent = async (id: string) => {
    await Promise.race([
      dc.until(() => dc.interaction(id).callback ?? dc.interaction(id).refusals[0]),
      new Promise((resolve) => setTimeout(resolve, 3_500).unref()),
    ]);
    return describe(id);
  };
  if (head.startsWith('/')) {
    const path: string[] = [head.slice(1)];
    const options: Record<string, string | number | boolean> = {};
    for (const word of rest) {
      const colon = word.indexOf(':');
      if (colon > 0) options[word.slice(0, colon)] = value(word.slice(colon + 1));
      else path.push(word);
    }
    const record = dc.command({ guild: world.guild, channel: world.channel, user, name: path.join(' '), options });
    return sent(record.id);
  }
  switch (head) {
    case 'click': {
      const [message = '', customId = ''] = rest;
      return sent(dc.clickButton({ message, customId, user }).id);
    }
    case 'select': {
      const [message = '', customId = '', values = ''] = rest;
      return sent(dc.selectMenu({ message, customId, user, values: values.split(',').filter(Boolean) }).id);
    }
    case 'modal': {
      const [interaction = '', ...fields] = rest;
      const values = Object.fromEntries(fields.map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)]));
      return sent(dc.submitModal({ interaction, values }).id);
    }
    case 'say':
      return `message ${dc.userMessage(world.channel, user, rest.join(' '))}`;
    case 'show':
      return describe(rest[0] ?? '');
    case 'drop':
      return `dropped ${dc.gateway.drop()} connection(s)`;
    case 'reconnect':
      return `sent RECONNECT to ${dc.gateway.reconnect()} connection(s)`;
    case 'invalidate':
      return `sent INVALID_SESSION to ${dc.gateway.invalidateSession()} connection(s)`;
    case '':
      return '';
    default:
      return DISCORD_CONSOLE_HELP;
  }
}

/** `authorize <user-code> <login>` or `deny <user-code>`: the member on GitHub's device page. */
export function githubConsoleLine(gh: FakeGitHub, line: string): string {
  const [head = '', code = '', login = ''] = words(line.trim());
  if (head === 'authorize' && code && login) {
    gh.deviceFlow.authorize(code, login);
    return `${code} authorised as ${login}`;
  }
  if (head === 'deny' && code) {
    gh.deviceFlow.deny(code);
    return `${code} denied`;
  }
  if (head === 'codes') {
    return gh.deviceFlow
      .codes()
      .map((c) => `${c.userCode} ${c.status}${c.login ? ` as ${c.login}` : ''}, ${c.polls} poll(s)`)
      .join('\n');
  }
  return head === '' ? '' : 'commands: authorize <user-code> <login> | deny <user-code> | codes';
}
