import path from 'node:path';
import { maskedSecrets, runActionBundle } from '@circuitboard/testkit';
import { describe, expect, it } from 'vitest';

const packageDir = path.resolve(import.meta.dirname, '..');
const WEBHOOK_TOKEN = 'aBcD-ef_GhIjKlMnOpQrStUvWxYz0123456789';
const WEBHOOK = `https://discord.com/api/webhooks/123456789012345678/${WEBHOOK_TOKEN}`;
const SECRETS = {
  'INPUT_GITHUB-TOKEN': 'ghs_maskme0123456789',
  'INPUT_DISCORD-BOT-TOKEN': 'bot.maskme.0123456789abcdef',
  'INPUT_DISCORD-WEBHOOK-URL': WEBHOOK,
};

describe('secrets', () => {
  it('every secret input is masked before anything else is printed, the webhook token on its own too', async () => {
    const run = await runActionBundle(packageDir, SECRETS);
    const { masked, beforeAnythingElse } = maskedSecrets(run.stdout);
    expect(masked).toEqual(expect.arrayContaining([...Object.values(SECRETS), WEBHOOK_TOKEN]));
    expect(beforeAnythingElse).toBe(true);
  });
});
