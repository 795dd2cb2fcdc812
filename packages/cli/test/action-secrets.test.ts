// Every action masks every secret input (core.setSecret → `::add-mask::`) before it prints anything else, read from
// the raw environment so that even an input it then refuses never reaches a log; a webhook URL's token on its own
// too. Each bundle runs as the runner starts it, with only the secret inputs set (so each stops at its first check).
import path from 'node:path';
import { maskedSecrets, runActionBundle } from '@circuitboard/testkit';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.ts';

const WEBHOOK_TOKEN = 'aBcD-ef_GhIjKlMnOpQrStUvWxYz0123456789';
const SECRETS = {
  'INPUT_GITHUB-TOKEN': 'ghs_maskme0123456789',
  'INPUT_DISCORD-BOT-TOKEN': 'bot.maskme.0123456789abcdef',
  'INPUT_DISCORD-WEBHOOK-URL': `https://discord.com/api/webhooks/123456789012345678/${WEBHOOK_TOKEN}`,
};

describe.each(['propose', 'validate', 'sync', 'report'])('the %s action', (name) => {
  it('masks every secret input before anything else is printed, the webhook token on its own too', async () => {
    const run = await runActionBundle(path.join(repoRoot, 'packages', `${name}-action`), SECRETS);
    const { masked, beforeAnythingElse } = maskedSecrets(run.stdout);
    expect(masked).toEqual(expect.arrayContaining([...Object.values(SECRETS), WEBHOOK_TOKEN]));
    expect(beforeAnythingElse).toBe(true);
  });
});
