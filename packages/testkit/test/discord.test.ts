import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord, virtualClock } from '../src/index.ts';
import type { Json } from './http.ts';

let dc: FakeDiscord;
let guild: string;
let forum: string;
let text: string;
let hook: { id: string; token: string; url: string };

async function send(
  method: string,
  url: string,
  body?: unknown,
  auth: 'bot' | 'none' = 'bot',
): Promise<{ status: number; body: Json; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (auth === 'bot') headers.authorization = `Bot ${dc.botToken}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const raw = await res.text();
  return { status: res.status, body: raw === '' ? undefined : JSON.parse(raw), headers: res.headers };
}

const api = (path: string) => `${dc.url}/v10${path}`;
const execute = (body: unknown, query = 'wait=true') => send('POST', `${hook.url}?${query}`, body, 'none');

beforeEach(async () => {
  dc = await startFakeDiscord({
    rateLimits: {
      messages: { limit: 100, windowMs: 1000 },
      webhooks: { limit: 100, windowMs: 1000 },
      routes: { limit: 100, windowMs: 1000 },
    },
  });
  guild = dc.createGuild();
  forum = dc.createForumChannel(guild, { tags: ['active', 'paused'] });
  text = dc.createTextChannel(guild);
  hook = dc.createWebhook(forum);
});
afterEach(() => dc.close());

describe("Discord's limits, answered like Discord", () => {
  it('refuses an embed title of 257 characters naming embeds.0.title', async () => {
    const res = await send('POST', api(`/channels/${text}/messages`), { embeds: [{ title: 'x'.repeat(257) }] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        embeds: {
          0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } },
        },
      },
    });
    expect(dc.violations).toEqual([expect.objectContaining({ kind: 'invalid-body' })]);
  });

  it('accepts exactly 256 characters, counted as characters and not UTF-16 units', async () => {
    const res = await send('POST', api(`/channels/${text}/messages`), { embeds: [{ title: '🧠'.repeat(256) }] });
    expect(res.status).toBe(200);
  });

  it('refuses 11 embeds', async () => {
    const res = await send('POST', api(`/channels/${text}/messages`), {
      embeds: Array.from({ length: 11 }, (_, i) => ({ title: `e${i}` })),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.embeds._errors[0]).toEqual({
      code: 'BASE_TYPE_MAX_LENGTH',
      message: 'Must be 10 or fewer in length.',
    });
  });

  it('refuses 6001 characters of embed text in one message, each field within its own limit', async () => {
    const embeds = [{ title: 'a'.repeat(256), description: 'b'.repeat(4096) }, { description: 'c'.repeat(1649) }];
    const ok = await send('POST', api(`/channels/${text}/messages`), {
      embeds: [embeds[0], { description: 'c'.repeat(1648) }],
    });
    expect(ok.status).toBe(200);
    const res = await send('POST', api(`/channels/${text}/messages`), { embeds });
    expect(res.status).toBe(400);
    expect(res.body.errors.embeds._errors[0].code).toBe('MAX_EMBED_SIZE_EXCEEDED');
  });

  it.each([
    [{ content: 'x'.repeat(2001) }, ['content']],
    [
      { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] },
      ['embeds', '0', 'fields'],
    ],
    [{ embeds: [{ fields: [{ name: 'n'.repeat(257), value: 'v' }] }] }, ['embeds', '0', 'fields', '0', 'name']],
    [{ embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] }, ['embeds', '0', 'fields', '0', 'value']],
    [{ embeds: [{ footer: { text: 'f'.repeat(2049) } }] }, ['embeds', '0', 'footer', 'text']],
    [{ embeds: [{ author: { name: 'a'.repeat(257) } }] }, ['embeds', '0', 'author', 'name']],
    [{ embeds: [{ description: 'd'.repeat(4097) }] }, ['embeds', '0', 'description']],
  ])('refuses %j at %j', async (body, path) => {
    const res = await send('POST', api(`/channels/${text}/messages`), body);
    expect(res.status).toBe(400);
    let node = res.body.errors;
    for (const part of path) node = node[part];
    expect(node._errors[0].code).toMatch(/^BASE_TYPE_MAX_LENGTH$/);
  });

  it('refuses an empty message with 50006', async () => {
    const res = await send('POST', api(`/channels/${text}/messages`), { content: '' });
    expect(res.body).toEqual({ message: 'Cannot send an empty message', code: 50006 });
  });

  it('refuses a typo such as allowed_mention instead of silently ignoring it', async () => {
    const res = await send('POST', api(`/channels/${text}/messages`), {
      content: '@everyone',
      allowed_mention: { parse: [] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.allowed_mention._errors[0].code).toBe('UNKNOWN_FIELD');
    expect(dc.pings()).toEqual([]);
  });

  it('refuses a thread name over 100 characters and more than 5 applied tags', async () => {
    const long = await execute({ content: 'x', thread_name: 'n'.repeat(101) });
    expect(long.body.errors.thread_name._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    const tags = await execute({ content: 'x', thread_name: 'ok', applied_tags: ['1', '2', '3', '4', '5', '6'] });
    expect(tags.body.errors.applied_tags._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
  });
});

describe('mentions', () => {
  it('@everyone with allowed_mentions {parse: []} pings nobody; without allowed_mentions it pings everyone', async () => {
    const quiet = await send('POST', api(`/channels/${text}/messages`), {
      content: 'hello @everyone',
      allowed_mentions: { parse: [] },
    });
    expect(quiet.body.mention_everyone).toBe(false);
    expect(dc.pings()).toEqual([]);
    const loud = await send('POST', api(`/channels/${text}/messages`), { content: 'hello @everyone' });
    expect(loud.body.mention_everyone).toBe(true);
    expect(dc.pings()).toEqual([{ messageId: loud.body.id, channelId: text, kind: 'everyone', on: 'create' }]);
  });

  it('pings only the users listed in allowed_mentions.users', async () => {
    const res = await send('POST', api(`/channels/${text}/messages`), {
      content: '<@111111111111111111> and <@!222222222222222222>',
      allowed_mentions: { users: ['222222222222222222'] },
    });
    expect(res.body.mentions.map((u: { id: string }) => u.id)).toEqual(['222222222222222222']);
    expect(dc.pings().map((p) => p.id)).toEqual(['222222222222222222']);
  });

  it('refuses parse: ["users"] together with a users list', async () => {
    const res = await send('POST', api(`/channels/${text}/messages`), {
      content: 'x',
      allowed_mentions: { parse: ['users'], users: ['111111111111111111'] },
    });
    expect(res.body.errors.allowed_mentions._errors[0].code).toBe('MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE');
  });

  it('never pings from embeds, and records pings an edit adds', async () => {
    const posted = await send('POST', api(`/channels/${text}/messages`), {
      embeds: [{ description: '@everyone <@111111111111111111>' }],
      allowed_mentions: { parse: [] },
    });
    expect(dc.pings()).toEqual([]);
    await send('PATCH', api(`/channels/${text}/messages/${posted.body.id}`), { content: 'now @here' });
    expect(dc.pings()).toEqual([{ messageId: posted.body.id, channelId: text, kind: 'here', on: 'edit' }]);
  });
});

describe('webhooks and forum posts', () => {
  it('creates a forum post from a webhook with thread_name and applied_tags', async () => {
    const [active] = dc.tags(forum);
    const res = await execute({
      content: 'New project',
      thread_name: 'Induction heads',
      applied_tags: [active?.id],
      allowed_mentions: { parse: [] },
    });
    expect(res.status).toBe(200);
    const threads = dc.threads(forum);
    expect(threads).toEqual([
      expect.objectContaining({ name: 'Induction heads', parent_id: forum, applied_tags: [active?.id], type: 11 }),
    ]);
    // On Discord a forum post's starter message has the thread's id.
    expect(res.body.channel_id).toBe(threads[0]?.id);
    expect(res.body.id).toBe(threads[0]?.id);
    expect(res.body).toMatchObject({ webhook_id: hook.id, author: { bot: true } });
  });

  it('needs thread_name or thread_id for a forum webhook (220001), and refuses unknown tags', async () => {
    expect((await execute({ content: 'x' })).body).toEqual({
      message: 'Webhooks posted to forum channels must have a thread_name or thread_id',
      code: 220001,
    });
    const unknownTag = await execute({ content: 'x', thread_name: 't', applied_tags: ['123'] });
    expect(unknownTag.body.errors.applied_tags[0]._errors[0].code).toBe('BASE_TYPE_CHOICES');
  });

  it('posts into a thread with thread_id, answers 204 without wait=true, and edits its own message in the thread', async () => {
    const post = await execute({ content: 'start', thread_name: 'P' });
    const thread = post.body.channel_id;
    const silent = await execute({ content: 'no wait' }, `thread_id=${thread}`);
    expect(silent.status).toBe(204);
    expect(silent.body).toBeUndefined();
    const reply = await execute({ content: 'second' }, `wait=true&thread_id=${thread}`);
    expect(dc.messages(thread).map((m) => m.content)).toEqual(['start', 'no wait', 'second']);
    const url = `${hook.url}/messages/${reply.body.id}?thread_id=${thread}`;
    const edited = await send('PATCH', url, { content: 'second, edited', allowed_mentions: { parse: [] } }, 'none');
    expect(edited.body).toMatchObject({ content: 'second, edited', edited_timestamp: expect.any(String) });
    expect((await send('GET', url, undefined, 'none')).body.content).toBe('second, edited');
    // Without thread_id the message is looked for in the forum itself, where it is not.
    expect((await send('GET', `${hook.url}/messages/${reply.body.id}`, undefined, 'none')).body.code).toBe(10008);
    expect((await send('DELETE', url, undefined, 'none')).status).toBe(204);
  });

  it('answers GET /webhooks/{id}/{token} and refuses a wrong token (50027) or unknown webhook (10015)', async () => {
    expect((await send('GET', hook.url, undefined, 'none')).body).toMatchObject({
      id: hook.id,
      channel_id: forum,
      token: hook.token,
    });
    const wrong = await send(
      'POST',
      `${dc.url}/v10/webhooks/${hook.id}/wrong-token?wait=true`,
      { content: 'x' },
      'none',
    );
    expect(wrong).toMatchObject({ status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } });
    const missing = await send('POST', `${dc.url}/v10/webhooks/123456789012345678/token`, { content: 'x' }, 'none');
    expect(missing).toMatchObject({ status: 404, body: { code: 10015 } });
  });
});

describe('bot routes', () => {
  it('returns a forum with available_tags and creates a forum post with POST /channels/{id}/threads', async () => {
    const channel = await send('GET', api(`/channels/${forum}`));
    expect(channel.body.available_tags.map((t: { name: string }) => t.name)).toEqual(['active', 'paused']);
    const [, paused] = dc.tags(forum);
    const post = await send('POST', api(`/channels/${forum}/threads`), {
      name: 'Project',
      auto_archive_duration: 10080,
      applied_tags: [paused?.id],
      message: { content: 'Hello', allowed_mentions: { parse: [] } },
    });
    expect(post.status).toBe(201);
    expect(post.body).toMatchObject({ name: 'Project', applied_tags: [paused?.id], message: { content: 'Hello' } });
    expect(post.body.thread_metadata.auto_archive_duration).toBe(10080);
  });

  it('renames, retags, archives and unarchives a thread with PATCH /channels/{id}', async () => {
    const post = await execute({ content: 'x', thread_name: 'Old' });
    const thread = post.body.channel_id;
    const [active, paused] = dc.tags(forum);
    const patched = await send('PATCH', api(`/channels/${thread}`), {
      name: 'New',
      applied_tags: [active?.id, paused?.id],
      archived: true,
    });
    expect(patched.body).toMatchObject({
      name: 'New',
      applied_tags: [active?.id, paused?.id],
      thread_metadata: { archived: true },
    });
    expect((await send('PATCH', api(`/channels/${thread}`), { name: 'Newer' })).body.code).toBe(50083);
    expect((await send('PATCH', api(`/channels/${thread}`), { archived: false, name: 'Newer' })).body.name).toBe(
      'Newer',
    );
  });

  it('refuses to edit a message in an archived thread (50083), by the bot or through the webhook', async () => {
    const post = await execute({ content: 'starter', thread_name: 'Project' });
    const thread = post.body.channel_id;
    const bot = await send('POST', api(`/channels/${thread}/messages`), { content: 'news' });
    await send('PATCH', api(`/channels/${thread}`), { archived: true });
    const byBot = await send('PATCH', api(`/channels/${thread}/messages/${bot.body.id}`), { content: 'edited' });
    expect(byBot).toMatchObject({ status: 400, body: { code: 50083 } });
    const url = `${hook.url}/messages/${post.body.id}?thread_id=${thread}`;
    const byHook = await send('PATCH', url, { content: 'edited' }, 'none');
    expect(byHook).toMatchObject({ status: 400, body: { code: 50083 } });
    expect(dc.messages(thread).map((m) => m.content)).toEqual(['starter', 'news']);
    await send('PATCH', api(`/channels/${thread}`), { archived: false });
    expect((await send('PATCH', url, { content: 'edited' }, 'none')).body.content).toBe('edited');
  });

  it('dedupes a repeated nonce with enforce_nonce, and creates a new message without it', async () => {
    const body = { content: 'status board', nonce: 'board-1', enforce_nonce: true };
    const first = await send('POST', api(`/channels/${text}/messages`), body);
    const second = await send('POST', api(`/channels/${text}/messages`), body);
    expect(second.body.id).toBe(first.body.id);
    const third = await send('POST', api(`/channels/${text}/messages`), { content: 'status board', nonce: 'board-1' });
    expect(third.body.id).not.toBe(first.body.id);
    expect(dc.messages(text)).toHaveLength(2);
  });

  it('lists messages newest first with limit, before and after', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await send('POST', api(`/channels/${text}/messages`), { content: `m${i}` })).body.id);
    const latest = await send('GET', api(`/channels/${text}/messages?limit=2`));
    expect(latest.body.map((m: { content: string }) => m.content)).toEqual(['m4', 'm3']);
    const before = await send('GET', api(`/channels/${text}/messages?before=${ids[2]}`));
    expect(before.body.map((m: { content: string }) => m.content)).toEqual(['m1', 'm0']);
    const after = await send('GET', api(`/channels/${text}/messages?after=${ids[2]}&limit=1`));
    expect(after.body.map((m: { content: string }) => m.content)).toEqual(['m3']);
    expect((await send('GET', api(`/channels/${text}/messages?limit=101`))).status).toBe(400);
  });

  it('refuses a bot without a token (401), an unknown channel (10003) and a channel it may not see (50001)', async () => {
    expect((await send('GET', api(`/channels/${text}`), undefined, 'none')).status).toBe(401);
    expect((await send('GET', api('/channels/123456789012345678'))).body).toEqual({
      message: 'Unknown Channel',
      code: 10003,
    });
    dc.denyAccess(text);
    expect((await send('GET', api(`/channels/${text}`))).body).toEqual({ message: 'Missing Access', code: 50001 });
  });

  it('lists active threads of a guild and archived threads of a forum', async () => {
    const a = (await execute({ content: 'a', thread_name: 'A' })).body.channel_id;
    await execute({ content: 'b', thread_name: 'B' });
    await send('PATCH', api(`/channels/${a}`), { archived: true });
    const active = await send('GET', api(`/guilds/${guild}/threads/active`));
    expect(active.body.threads.map((t: { name: string }) => t.name)).toEqual(['B']);
    const archived = await send('GET', api(`/channels/${forum}/threads/archived/public?limit=10`));
    expect(archived.body).toMatchObject({ threads: [{ name: 'A' }], has_more: false });
  });

  it('pages archived threads newest first with limit and before (has_more until the last page), as discord-api-spec shapes them', async () => {
    const clock = virtualClock('2026-11-20T08:00:00Z');
    const timed = await startFakeDiscord({ now: clock.now, rateLimits: false });
    try {
      const g = timed.createGuild();
      const f = timed.createForumChannel(g);
      const bot = { authorization: `Bot ${timed.botToken}`, 'content-type': 'application/json' };
      const call = async (method: string, path: string, body?: unknown): Promise<Json> =>
        (
          await fetch(`${timed.url}/v10${path}`, {
            method,
            headers: bot,
            ...(body ? { body: JSON.stringify(body) } : {}),
          })
        ).json();
      for (const name of ['one', 'two', 'three']) {
        const thread = await call('POST', `/channels/${f}/threads`, { name, message: { content: name } });
        clock.advance(60_000);
        await call('PATCH', `/channels/${thread.id}`, { archived: true });
      }
      const first = await call('GET', `/channels/${f}/threads/archived/public?limit=2`);
      expect(first.threads.map((t: { name: string }) => t.name)).toEqual(['three', 'two']);
      expect(first.has_more).toBe(true);
      const before = first.threads[1].thread_metadata.archive_timestamp;
      const second = await call(
        'GET',
        `/channels/${f}/threads/archived/public?limit=2&before=${encodeURIComponent(before)}`,
      );
      expect(second).toMatchObject({ threads: [{ name: 'one' }], members: [], has_more: false });
      expect(await call('GET', `/guilds/${g}/threads/active`)).toEqual({ threads: [], members: [], has_more: false });
      timed.assertNoViolations();
    } finally {
      await timed.close();
    }
  });

  it('answers 404 and records a violation for a route it does not implement', async () => {
    const res = await send('GET', api(`/channels/${text}/pins`));
    expect(res.status).toBe(404);
    expect(dc.violations).toEqual([expect.objectContaining({ kind: 'not-implemented' })]);
  });
});

describe('rate limits', () => {
  it('answers 429 with retry_after once a route bucket is used up, with Discord headers', async () => {
    const limited = await startFakeDiscord({ rateLimits: { messages: { limit: 2, windowMs: 300 } } });
    try {
      const g = limited.createGuild();
      const channel = limited.createTextChannel(g);
      const post = () =>
        fetch(`${limited.url}/v10/channels/${channel}/messages`, {
          method: 'POST',
          headers: { authorization: `Bot ${limited.botToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ content: 'x' }),
        });
      const first = await post();
      expect(first.headers.get('x-ratelimit-limit')).toBe('2');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
      expect(Number(first.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(0);
      expect(first.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
      await post();
      const third = await post();
      expect(third.status).toBe(429);
      const body = (await third.json()) as { retry_after: number };
      expect(body).toMatchObject({ message: 'You are being rate limited.', global: false });
      expect(body.retry_after).toBeGreaterThan(0);
      expect(body.retry_after).toBeLessThanOrEqual(0.3);
      expect(third.headers.get('retry-after')).toBe('1');
      await new Promise((resolve) => setTimeout(resolve, body.retry_after * 1000 + 20));
      expect((await post()).status).toBe(200);
      expect(limited.messages(channel)).toHaveLength(3);
    } finally {
      await limited.close();
    }
  });

  it('keeps buckets per channel', async () => {
    const limited = await startFakeDiscord({ rateLimits: { messages: { limit: 1, windowMs: 5000 } } });
    try {
      const g = limited.createGuild();
      const [a, b] = [limited.createTextChannel(g), limited.createTextChannel(g)];
      const post = (channel: string) =>
        fetch(`${limited.url}/v10/channels/${channel}/messages`, {
          method: 'POST',
          headers: { authorization: `Bot ${limited.botToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ content: 'x' }),
        });
      expect([(await post(a)).status, (await post(b)).status, (await post(a)).status]).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('global rate limit', () => {
  it('answers 429 with global: true once the bot used its global budget, whatever the route', async () => {
    const limited = await startFakeDiscord({ rateLimits: { global: { limit: 2, windowMs: 5000 } } });
    try {
      const g = limited.createGuild();
      const [a, b, c] = [limited.createTextChannel(g), limited.createTextChannel(g), limited.createTextChannel(g)];
      const get = (channel: string) =>
        fetch(`${limited.url}/v10/channels/${channel}`, { headers: { authorization: `Bot ${limited.botToken}` } });
      expect((await get(a)).status).toBe(200);
      expect((await get(b)).status).toBe(200);
      const third = await get(c);
      expect(third.status).toBe(429);
      expect(third.headers.get('x-ratelimit-global')).toBe('true');
      expect(await third.json()).toMatchObject({ global: true });
    } finally {
      await limited.close();
    }
  });
});

describe('faults', () => {
  it('answers 5xx and 429 on purpose, and drops the connection after a write', async () => {
    dc.faults.next({ kind: '5xx', status: 502, path: `/api/v10/channels/${text}/messages` });
    expect((await send('POST', api(`/channels/${text}/messages`), { content: 'a' })).status).toBe(502);
    dc.faults.next({ kind: '429', retryAfter: 0.25 });
    const limited = await send('POST', api(`/channels/${text}/messages`), { content: 'b' });
    expect(limited).toMatchObject({ status: 429, body: { retry_after: 0.25, global: false } });
    dc.faults.next({ kind: 'drop-after-write', method: 'POST' });
    await expect(send('POST', api(`/channels/${text}/messages`), { content: 'c' })).rejects.toThrow();
    expect(dc.messages(text).map((m) => m.content)).toEqual(['c']);
  });

  it('hangs on a timeout until the client gives up', async () => {
    dc.faults.next({ kind: 'timeout' });
    await expect(
      fetch(api(`/channels/${text}`), {
        headers: { authorization: `Bot ${dc.botToken}` },
        signal: AbortSignal.timeout(150),
      }),
    ).rejects.toThrow();
  });
});
