/** Every input of action.yml with its default; a test checks this list against action.yml. */
export const INPUTS = {
  'github-token': '',
  'config-path': '.github/circuitboard.yml',
} as const;

export interface ValidateActionInputs {
  githubToken: string;
  configPath: string;
}

export class InputError extends Error {
  override name = 'InputError';
}

export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Reads the inputs once; fails fast on an input action.yml does not declare. */
export function readInputs(env: Record<string, string | undefined>): ValidateActionInputs {
  const known = new Set(Object.keys(INPUTS).map(inputEnvName));
  const unknown = Object.keys(env)
    .filter((key) => key.startsWith('INPUT_') && !known.has(key))
    .map((key) => key.slice('INPUT_'.length).toLowerCase());
  if (unknown.length > 0) {
    throw new InputError(
      `unknown input${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; this action takes ${Object.keys(INPUTS).join(', ')}`,
    );
  }
  const get = (name: keyof typeof INPUTS) => (env[inputEnvName(name)] ?? '').trim() || INPUTS[name];
  const githubToken = get('github-token');
  if (!githubToken) throw new InputError('github-token is empty; pass `github-token: ${{ github.token }}`');
  const configPath = get('config-path');
  if (configPath.startsWith('/') || configPath.split('/').includes('..')) {
    throw new InputError(
      `config-path must be a path inside the repository, like .github/circuitboard.yml, not "${configPath}"`,
    );
  }
  return { githubToken, configPath };
}
