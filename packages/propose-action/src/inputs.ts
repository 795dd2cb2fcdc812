/** Every input action.yml declares; test/inputs.test.ts keeps the two in step. */
export const INPUT_NAMES = [
  'github-token',
  'discord-webhook-url',
  'discord-bot-token',
  'discord-api-url',
  'config-path',
  'template-path',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

export interface ProposeInputs {
  githubToken: string;
  discordWebhookUrl?: string;
  discordBotToken?: string;
  discordApiUrl: string;
  configPath: string;
  templatePath: string;
}

/**
 * Reads the inputs from `INPUT_*` variables as the runner sets them (`INPUT_GITHUB-TOKEN`). An input the
 * action does not know fails the run, so a renamed or misspelt `with:` key is never silently ignored.
 */
export function readInputs(env: Record<string, string | undefined>): ProposeInputs {
  const known = new Set<string>(INPUT_NAMES.map((name) => `INPUT_${name.toUpperCase()}`));
  const unknown = Object.keys(env).filter((key) => key.startsWith('INPUT_') && !known.has(key.toUpperCase()));
  if (unknown.length > 0) {
    const names = unknown.map((key) => key.slice('INPUT_'.length).toLowerCase()).join(', ');
    throw new Error(`unknown input ${names}; this action takes ${INPUT_NAMES.join(', ')}`);
  }
  const get = (name: InputName) => (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
  const githubToken = get('github-token');
  if (!githubToken)
    throw new Error('github-token is empty; pass ${{ github.token }} or a GitHub App / fine-grained token');
  const inputs: ProposeInputs = {
    githubToken,
    discordApiUrl: get('discord-api-url') || 'https://discord.com/api',
    configPath: get('config-path') || '.github/circuitboard.yml',
    templatePath: get('template-path') || '.github/ISSUE_TEMPLATE/propose-project.yml',
  };
  const webhook = get('discord-webhook-url');
  if (webhook) {
    if (!/^https?:\/\/[^\s/]+\/.*webhooks\/\d+\/[\w-]+/.test(webhook)) {
      throw new Error(
        'discord-webhook-url is not a Discord webhook URL (https://discord.com/api/webhooks/<id>/<token>)',
      );
    }
    inputs.discordWebhookUrl = webhook;
  }
  const bot = get('discord-bot-token');
  if (bot) inputs.discordBotToken = bot;
  return inputs;
}
