import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** Starts `node dist/bin.js ...`, returns its first two lines and a stop function that resolves to the exit code. */
async function start(args: string[]) {
  if (!existsSync(BIN)) throw new Error('dist/bin.js is missing: run `npx tsup` in packages/testkit first');
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const url = (await iterator.next()).value as string;
  const details = JSON.parse((await iterator.next()).value as string);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = () => {
    child.kill('SIGTERM');
    return exited;
  };
  return { url, details, stop };
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
});
