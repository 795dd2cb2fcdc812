/** Every input action.yml declares; test/inputs.test.ts keeps the two in step. */
export const INPUT_NAMES = [
  'github-token',
  'source',
  'week',
  'since',
  'until',
  'out-dir',
  'discord-webhook-url',
  'discord-bot-token',
  'discord-api-url',
  'discord-channel-id',
  'config-path',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

export interface ReportInputs {
  githubToken: string;
  source: 'git' | 'github';
  week: string;
  since: string;
  until: string;
  outDir: string;
  discordWebhookUrl: string;
  discordBotToken: string;
  discordApiUrl: string;
  discordChannelId: string;
  configPath: string;
}

/**
 * Reads the inputs from `INPUT_*` variables as the runner sets them (`INPUT_OUT-DIR`). An input the action does not
 * know fails the run, so a renamed or misspelt `with:` key is never silently ignored.
 */
export function readInputs(env: Record<string, string | undefined>): ReportInputs {
  const known = new Set<string>(INPUT_NAMES.map((name) => `INPUT_${name.toUpperCase()}`));
  const unknown = Object.keys(env).filter((key) => key.startsWith('INPUT_') && !known.has(key.toUpperCase()));
  if (unknown.length > 0) {
    const names = unknown
      .map((key) => key.slice('INPUT_'.length).toLowerCase())
      .sort()
      .join(', ');
    throw new Error(`unknown input ${names}; this action takes ${INPUT_NAMES.join(', ')}`);
  }
  const get = (name: InputName) => (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
  const source = get('source') || 'git';
  if (source !== 'git' && source !== 'github') throw new Error(`source must be git or github, not "${source}"`);
  const inputs: ReportInputs = {
    githubToken: get('github-token'),
    source,
    week: get('week'),
    since: get('since'),
    until: get('until'),
    outDir: get('out-dir') || 'reports',
    discordWebhookUrl: get('discord-webhook-url'),
    discordBotToken: get('discord-bot-token'),
    discordApiUrl: get('discord-api-url') || 'https://discord.com/api',
    discordChannelId: get('discord-channel-id'),
    configPath: get('config-path') || '.github/circuitboard.yml',
  };
  if (source === 'github' && !inputs.githubToken)
    throw new Error('source github needs github-token; pass ${{ github.token }}');
  if (inputs.discordWebhookUrl && !/^https?:\/\/[^\s/]+\/.*webhooks\/\d+\/[\w.-]+/.test(inputs.discordWebhookUrl)) {
    throw new Error('discord-webhook-url is not a Discord webhook URL (https://discord.com/api/webhooks/<id>/<token>)');
  }
  if (inputs.discordChannelId && !/^\d{17,20}$/.test(inputs.discordChannelId)) {
    throw new Error(`discord-channel-id must be a channel id of 17 to 20 digits, not "${inputs.discordChannelId}"`);
  }
  return inputs;
}
