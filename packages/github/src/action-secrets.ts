/** Inputs of Circuitboard's actions that hold secrets, as `with:` names them. */
export const SECRET_INPUTS = ['github-token', 'discord-bot-token', 'discord-webhook-url'] as const;

/**
 * What an action must mask (`core.setSecret`) before it does anything else: the value of each secret input found in
 * its raw environment (`INPUT_GITHUB-TOKEN` …), and the token part of a Discord webhook URL on its own, since a
 * log line or an error may show the token without the rest of the URL. Read from the raw environment so that even
 * an input the action then refuses is masked.
 */
export function secretsToMask(env: Record<string, string | undefined>): string[] {
  const out = new Set<string>();
  for (const name of SECRET_INPUTS) {
    const value = (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
    if (!value) continue;
    out.add(value);
    if (name === 'discord-webhook-url') {
      const token = /\/webhooks\/\d+\/([^/?#\s]+)/.exec(value)?.[1];
      if (token) out.add(token);
    }
  }
  return [...out];
}
