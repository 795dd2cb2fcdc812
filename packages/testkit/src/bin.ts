#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type VirtualClock, virtualClock } from './clock.ts';
import { DISCORD_CONSOLE_HELP, discordConsoleLine, githubConsoleLine } from './console.ts';
import { startFakeDiscord } from './discord/server.ts';
import { generateCommunity, generateGitHubActivity } from './generator.ts';
import { startFakeGitHub } from './github/server.ts';

const USAGE = `usage: node dist/bin.js github|discord [--port N] [--seed S] [--members N]

Starts one fake server on 127.0.0.1, prints its URL on the first line and a JSON line with
what it holds, and runs until SIGINT or SIGTERM. Lines typed on stdin play the people on the
other side (type help).
  --port N     port to listen on (default 0: any free port)
  --seed S     github only: fill community/projects with a generated community and activity
  --members N  discord only: N more members in the guild (default 0)
  --clock T    virtual time from the ISO instant T, moved only by typing \`advance <ms>\`
               (to see the 3-second rule on demand; default: real time)

discord also serves the WebSocket gateway on the same port (GET /api/v10/gateway/bot names it),
so a discord.js bot runs against it with DISCORD_API_URL set to the printed URL.`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '0' },
      seed: { type: 'string' },
      members: { type: 'string', default: '0' },
      clock: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const kind = positionals[0];
  if (values.help || (kind !== 'github' && kind !== 'discord') || positionals.length > 1) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got ${values.port}`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);

  const members = Number(values.members);
  if (!Number.isInteger(members) || members < 0) throw new Error(`--members must be a count, got ${values.members}`);

  const clock: VirtualClock | undefined = values.clock === undefined ? undefined : virtualClock(values.clock);
  const now = clock ? { now: clock.now } : {};

  let close: () => Promise<void>;
  let onLine: (line: string) => Promise<string> | string;
  if (kind === 'github') {
    // Polls come every interval seconds from a real client: keep GitHub's 5 s, a person is typing.
    const gh = await startFakeGitHub({ port, ...now });
    const repo = gh.createRepo('community', 'projects');
    if (seed !== undefined) {
      const community = generateCommunity({ seed, projects: 12, events: 60 });
      gh.pushFiles(repo, 'main', community.files, 'Generated community');
      const since = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
      gh.seedActivity(
        repo,
        generateGitHubActivity({ seed, issues: 300, updatedInWindow: 80, commits: 40, window: { since } }),
      );
    }
    process.stdout.write(`${gh.url}\n`);
    process.stdout.write(
      `${JSON.stringify({ url: gh.url, graphqlUrl: gh.graphqlUrl, repository: repo, token: 'any non-empty token', deviceFlowClientId: gh.deviceFlow.clientId })}\n`,
    );
    close = () => gh.close();
    onLine = (line) => githubConsoleLine(gh, line);
  } else {
    const dc = await startFakeDiscord({ port, ...now });
    const guild = dc.createGuild('Circuitboard (fake)');
    const forum = dc.createForumChannel(guild, {
      name: 'projects',
      tags: ['proposed', 'active', 'paused', 'completed', 'archived'],
    });
    const text = dc.createTextChannel(guild, { name: 'status' });
    const general = dc.createTextChannel(guild, { name: 'general' });
    const webhook = dc.createWebhook(forum, 'Circuitboard');
    const member = dc.addMember(guild, { username: 'member' });
    dc.seedMembers(guild, members);
    process.stdout.write(`${dc.url}\n`);
    process.stdout.write(
      `${JSON.stringify({
        url: dc.url,
        botToken: dc.botToken,
        applicationId: dc.applicationId,
        gatewayUrl: dc.gateway.url,
        guild,
        forum,
        textChannel: text,
        generalChannel: general,
        member,
        webhookUrl: webhook.url,
        tags: dc.tags(forum),
        env: {
          DISCORD_API_URL: dc.url,
          DISCORD_TOKEN: dc.botToken,
          DISCORD_APPLICATION_ID: dc.applicationId,
          DISCORD_GUILD_ID: guild,
        },
      })}\n`,
    );
    process.stderr.write(`${DISCORD_CONSOLE_HELP}\n`);
    close = () => dc.close();
    const world = { guild, channel: general, member };
    onLine = (line) => discordConsoleLine(dc, world, line);
  }
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // One line at a time, in order; a bad line prints why and the fake goes on.
  let queue = Promise.resolve();
  createInterface({ input: process.stdin }).on('line', (line) => {
    queue = queue.then(async () => {
      try {
        const advance = /^\s*advance\s+(\d+)\s*$/.exec(line);
        if (advance && clock) {
          process.stderr.write(`now ${clock.advance(Number(advance[1])).toISOString()}\n`);
          return;
        }
        const out = await onLine(line);
        if (out) process.stderr.write(`${out}\n`);
      } catch (error) {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      }
    });
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
