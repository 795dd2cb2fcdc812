import { type FakeGitHub, startFakeGitHub } from '@circuitboard/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOctokit, isLoopbackUrl, NEVER_RETRIED, readRepositoryFile, requestAwareLog } from '../src/index.ts';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ tokens: { ghs_ok: 'github-actions[bot]' } });
  gh.createRepo('o', 'r', { files: { 'README.md': '# r\n' } });
});
afterAll(() => gh.close());
beforeEach(() => {
  gh.resetRecord();
  gh.faults.clear();
});

const repository = { owner: 'o', repo: 'r' };

/** A logger that keeps every line by level, to check what a run would print as annotations. */
function capture() {
  const lines: Record<'debug' | 'info' | 'warn' | 'error', string[]> = { debug: [], info: [], warn: [], error: [] };
  return {
    lines,
    log: {
      debug: (m: string) => lines.debug.push(m),
      info: (m: string) => lines.info.push(m),
      warn: (m: string) => lines.warn.push(m),
      error: (m: string) => lines.error.push(m),
    },
  };
}

// retryBaseMs 0: retries are counted, never waited for.
const client = (log = capture().log, token = 'ghs_ok') =>
  createOctokit({ token, baseUrl: gh.url, log, retries: 3, retryBaseMs: 0 });

describe('createOctokit retries', () => {
  it('sends a look-up that answers 404 once, and logs it as neither an error nor a warning', async () => {
    const { lines, log } = capture();
    expect(await readRepositoryFile(client(log), repository, 'missing.yml', 'main')).toBeUndefined();
    expect(gh.count({ method: 'GET', path: '/repos/o/r/contents/missing.yml' })).toBe(1);
    expect(lines.error).toEqual([]);
    expect(lines.warn).toEqual([]);
    expect(lines.debug.some((line) => / - 404 with id /.test(line))).toBe(true);
  });

  it('sends a request refused with 401, 403 or 422 once', async () => {
    const { lines, log } = capture();
    await expect(client(log, 'ghs_unknown').rest.repos.get(repository)).rejects.toMatchObject({ status: 401 });
    expect(gh.count({ path: '/repos/o/r' })).toBe(1);
    gh.faults.next({ method: 'GET', path: '/repos/o/r', kind: '5xx', status: 403 });
    await expect(client(log).rest.repos.get(repository)).rejects.toMatchObject({ status: 403 });
    expect(gh.count({ path: '/repos/o/r' })).toBe(2);
    gh.seedLabel('o/r', { name: 'proposal' });
    await expect(client(log).rest.issues.createLabel({ ...repository, name: 'proposal' })).rejects.toMatchObject({
      status: 422,
    });
    expect(gh.count({ method: 'POST', path: '/repos/o/r/labels' })).toBe(1);
    expect(lines.error).toEqual([]);
    expect(lines.warn).toEqual([]);
  });

  it('retries a GET that fails with 5xx, and a 429, up to the limit', async () => {
    gh.faults.next({ method: 'GET', path: '/repos/o/r', kind: '5xx', status: 502, times: 2 });
    expect((await client().rest.repos.get(repository)).data.name).toBe('r');
    expect(gh.count({ path: '/repos/o/r' })).toBe(3);
    gh.resetRecord();
    gh.faults.next({ method: 'GET', path: '/repos/o/r', kind: '5xx', status: 500, times: 10 });
    await expect(client().rest.repos.get(repository)).rejects.toMatchObject({ status: 500 });
    expect(gh.count({ path: '/repos/o/r' })).toBe(4);
    gh.faults.clear();
    gh.resetRecord();
    gh.faults.next({ method: 'GET', path: '/repos/o/r', kind: '429' });
    expect((await client().rest.repos.get(repository)).data.name).toBe('r');
    expect(gh.count({ path: '/repos/o/r' })).toBe(2);
  });

  it('never retries a POST or PATCH after a 5xx: the write may have happened', async () => {
    gh.seedIssue('o/r', { title: 'p', body: 'b' });
    gh.faults.next({ method: 'POST', path: /\/comments$/, kind: '5xx', times: 5 });
    await expect(
      client().rest.issues.createComment({ ...repository, issue_number: 1, body: 'hi' }),
    ).rejects.toMatchObject({ status: 500 });
    expect(gh.count({ method: 'POST' })).toBe(1);
  });

  it('leaves the secondary-rate-limit 403 to the throttling plugin, which waits and tries again', async () => {
    const octokit = createOctokit({ token: 'ghs_ok', baseUrl: gh.url, retryBaseMs: 0, throttle: true });
    gh.faults.next({ method: 'GET', path: '/repos/o/r', kind: 'secondary-rate-limit' });
    expect((await octokit.rest.repos.get(repository)).data.name).toBe('r');
    expect(gh.count({ path: '/repos/o/r' })).toBe(2);
  });

  it('never retries a client error other than 429', () => {
    expect(NEVER_RETRIED).toContain(404);
    expect(NEVER_RETRIED).toContain(403);
    expect(NEVER_RETRIED).toContain(409);
    expect(NEVER_RETRIED).not.toContain(429);
    expect(NEVER_RETRIED.every((status) => status >= 400 && status < 500)).toBe(true);
  });
});

describe('the request log', () => {
  it('keeps failed requests out of the error stream: 4xx at debug, 5xx as a warning, anything else as is', () => {
    const { lines, log } = capture();
    const wrapped = requestAwareLog(log);
    wrapped.error('GET /repos/o/r/contents/x - 404 with id ABC in 3ms');
    wrapped.error('GET /repos/o/r - 502 with id ABC in 3ms');
    wrapped.error('something else broke');
    expect(lines).toEqual({
      debug: ['GET /repos/o/r/contents/x - 404 with id ABC in 3ms'],
      info: [],
      warn: ['GET /repos/o/r - 502 with id ABC in 3ms'],
      error: ['something else broke'],
    });
  });

  it('throttles writes only for an API that is not on this machine', () => {
    expect(isLoopbackUrl('http://127.0.0.1:4321')).toBe(true);
    expect(isLoopbackUrl('http://localhost:8080/api/v3')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:9000')).toBe(true);
    expect(isLoopbackUrl('https://api.github.com')).toBe(false);
    expect(isLoopbackUrl('https://github.example.com/api/v3')).toBe(false);
  });
});
