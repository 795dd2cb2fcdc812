#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startFakeDiscord } from './discord/server.ts';
import { generateCommunity, generateGitHubActivity } from './generator.ts';
import { startFakeGitHub } from './github/server.ts';

const USAGE = `usage: node dist/bin.js github|discord [--port N] [--seed S]

Starts one fake server on 127.0.0.1, prints its URL on the first line and a JSON line with
what it holds, and runs until SIGINT or SIGTERM.
  --port N   port to listen on (default 0: any free port)
  --seed S   github only: fill community/projects with a generated community and activity`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '0' },
      seed: { type: 'string' },
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

  let close: () => Promise<void>;
  if (kind === 'github') {
    const gh = await startFakeGitHub({ port });
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
      `${JSON.stringify({ url: gh.url, graphqlUrl: gh.graphqlUrl, repository: repo, token: 'any non-empty token' })}\n`,
    );
    close = () => gh.close();
  } else {
    const dc = await startFakeDiscord({ port });
    const guild = dc.createGuild('Circuitboard (fake)');
    const forum = dc.createForumChannel(guild, {
      name: 'projects',
      tags: ['proposed', 'active', 'paused', 'completed', 'archived'],
    });
    const text = dc.createTextChannel(guild, { name: 'status' });
    const webhook = dc.createWebhook(forum, 'Circuitboard');
    process.stdout.write(`${dc.url}\n`);
    process.stdout.write(
      `${JSON.stringify({ url: dc.url, botToken: dc.botToken, guild, forum, textChannel: text, webhookUrl: webhook.url, tags: dc.tags(forum) })}\n`,
    );
    close = () => dc.close();
  }
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
