/** Every input of action.yml with its default; a test checks this list against action.yml. */
export const INPUTS = {
  'github-token': '',
  'discord-webhook-url': '',
  'discord-bot-token': '',
  'discord-api-url': 'https://discord.com/api',
  'config-path': '.github/circuitboard.yml',
  'ledger-branch': 'circuitboard-state',
  'dry-run': 'false',
  mode: 'push',
  reconcile: '',
} as const;

export type InputName = keyof typeof INPUTS;

export interface SyncActionInputs {
  githubToken: string;
  discordWebhookUrl?: string;
  discordBotToken?: string;
  discordApiUrl: string;
  configPath: string;
  ledgerBranch: string;
  dryRun: boolean;
  mode: 'push' | 'reconcile';
  /** `recreate`: the maintainer confirms creating the Discord posts again after the delivery ledger was lost. */
  recreate: boolean;
}

/** The env name GitHub gives an input: INPUT_ + the name upper-cased with spaces as underscores (hyphens stay). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export class InputError extends Error {
  override name = 'InputError';
}

/**
 * Reads and checks the inputs from the environment, once. Fails fast on an input action.yml does not declare
 * (a renamed or misspelt `with:` key), naming the inputs that exist.
 */
export function readInputs(env: Record<string, string | undefined>): SyncActionInputs {
  const known = new Map(Object.keys(INPUTS).map((name) => [inputEnvName(name), name]));
  const unknown = Object.keys(env)
    .filter((key) => key.startsWith('INPUT_') && !known.has(key))
    .map((key) => key.slice('INPUT_'.length).toLowerCase());
  if (unknown.length > 0) {
    throw new InputError(
      `unknown input${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; this action takes ${Object.keys(INPUTS).join(', ')}`,
    );
  }
  const get = (name: InputName) => (env[inputEnvName(name)] ?? '').trim() || INPUTS[name];
  const dryRun = get('dry-run').toLowerCase();
  if (!['true', 'false'].includes(dryRun))
    throw new InputError(`dry-run must be true or false, not "${get('dry-run')}"`);
  const mode = get('mode');
  if (mode !== 'push' && mode !== 'reconcile') throw new InputError(`mode must be push or reconcile, not "${mode}"`);
  const reconcile = get('reconcile');
  if (reconcile !== '' && reconcile !== 'recreate')
    throw new InputError(
      `reconcile must be empty or recreate (to post again after the delivery ledger was lost), not "${reconcile}"`,
    );
  const githubToken = get('github-token');
  if (!githubToken) throw new InputError('github-token is empty; pass `github-token: ${{ github.token }}`');
  let apiUrl: URL;
  try {
    apiUrl = new URL(get('discord-api-url'));
  } catch {
    throw new InputError(`discord-api-url must be a URL like https://discord.com/api, not "${get('discord-api-url')}"`);
  }
  const configPath = get('config-path');
  if (configPath.startsWith('/') || configPath.split('/').includes('..')) {
    throw new InputError(
      `config-path must be a path inside the repository, like .github/circuitboard.yml, not "${configPath}"`,
    );
  }
  const ledgerBranch = get('ledger-branch');
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/.test(ledgerBranch) || ledgerBranch.includes('..')) {
    throw new InputError(`ledger-branch must be a branch name like circuitboard-state, not "${ledgerBranch}"`);
  }
  const inputs: SyncActionInputs = {
    githubToken,
    discordApiUrl: apiUrl.href.replace(/\/+$/, ''),
    configPath,
    ledgerBranch,
    dryRun: dryRun === 'true',
    mode,
    recreate: reconcile === 'recreate',
  };
  const webhook = get('discord-webhook-url');
  const bot = get('discord-bot-token');
  if (webhook) inputs.discordWebhookUrl = webhook;
  if (bot) inputs.discordBotToken = bot;
  return inputs;
}
