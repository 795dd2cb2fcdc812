import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { words } from '../src/console.ts';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** Starts `node dist/bin.js ...`, returns its first two lines and a stop function that resolves to the exit code. */
async function start(args: string[]) {
  if (!existsSync(BIN)) throw new Error('dist/bin.js is missing: run `npx tsup` in packages/testkit first');
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const url = (await iterator.next()).value as string;
  const details = JSON.parse((await iterator.next()).value as string);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = () => {
    child.kill('SIGTERM');
    return exited;
  };
  /** Types a line on the fake's console and resolves once its stderr shows `expected`. */
  const type = async (line: string, expected: RegExp) => {
    child.stdin.write(`${line}\n`);
    while (!expected.test(errors)) await new Promise((resolve) => child.stderr.once('data', resolve));
    return errors;
  };
  return { url, details, stop, type };
}

describe('the testkit CLI (after npx tsup)', () => {
  it('starts the fake GitHub on a free port, prints its URL, answers, and stops on SIGTERM', async () => {
    const gh = await start(['github', '--port', '0', '--seed', '3']);
    expect(gh.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${gh.url}/repos/${gh.details.repository}/issues?state=all`, {
      headers: { authorization: 'token x' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as unknown[]).length).toBeGreaterThan(0);
    expect(await gh.stop()).toBe(0);
  });

  it('starts the fake Discord with a guild, a forum and a webhook', async () => {
    const dc = await start(['discord']);
    expect(dc.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    const res = await fetch(`${dc.details.webhookUrl}?wait=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'hello', thread_name: 'First post', allowed_mentions: { parse: [] } }),
    });
    expect(res.status).toBe(200);
    expect(await dc.stop()).toBe(0);
  });

  it('serves the gateway too: discord.js connects with the printed env, and a typed /command reaches it', async () => {
    // Virtual time: the reply is never late on a loaded machine.
    const dc = await start(['discord', '--members', '3', '--clock', '2026-10-01T12:00:00Z']);
    const { env } = dc.details;
    expect(env).toMatchObject({ DISCORD_API_URL: dc.url, DISCORD_GUILD_ID: dc.details.guild });
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: env.DISCORD_API_URL } });
    try {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(env.DISCORD_TOKEN);
      await ready;
      expect(client.guilds.cache.get(env.DISCORD_GUILD_ID)?.memberCount).toBe(2 + 1 + 3);
      await client.rest.put(`/applications/${env.DISCORD_APPLICATION_ID}/guilds/${env.DISCORD_GUILD_ID}/commands`, {
        body: [{ name: 'ping', description: 'Ping', options: [{ type: 3, name: 'word', description: 'A word' }] }],
      });
      client.on(Events.InteractionCreate, (interaction) => {
        if (interaction.isChatInputCommand()) {
          void interaction.reply({
            content: `pong ${interaction.options.getString('word')}`,
            flags: MessageFlags.Ephemeral,
          });
        }
      });
      const printed = await dc.type('/ping word:"two words"', /original: "pong two words" \(ephemeral\)/);
      expect(printed).toMatch(/callback: type 4/);
    } finally {
      await client.destroy();
      expect(await dc.stop()).toBe(0);
    }
  });
});

describe('the console', () => {
  it('splits words and keeps quoted text, with or without a name: prefix', () => {
    expect(words('/propose title:"Induction heads" tags:a,b modal 1 f="x y"')).toEqual([
      '/propose',
      'title:Induction heads',
      'tags:a,b',
      'modal',
      '1',
      'f=x y',
    ]);
  });
});
