import { describe, expect, it } from 'vitest';
import { classifyGitHubError, parseRepository } from '../src/index.ts';

describe('GitHub errors in words', () => {
  const error = (status: number, message = 'x', headers: Record<string, string> = {}) =>
    Object.assign(new Error(message), { status, response: { data: { message }, headers } });
  it.each([
    [error(401), 'target', /refused the token/],
    [
      error(403, 'Resource not accessible by integration'),
      'target',
      /permissions: \{ contents: write, issues: write \}/,
    ],
    [error(403, 'You have exceeded a secondary rate limit'), 'rejected', /rate limit/],
    [error(404), 'target', /GITHUB_REPOSITORY/],
    [error(422, 'Validation Failed'), 'rejected', /refused it \(422/],
    [error(502), 'ambiguous', /may have been done anyway/],
    [new TypeError('fetch failed'), 'ambiguous', /connection failed/],
  ])('%s → %s', (input, kind, words) => {
    const classified = classifyGitHubError(input, 'do it');
    expect(classified.kind).toBe(kind);
    expect(classified.message).toMatch(words);
  });
  it('parses GITHUB_REPOSITORY', () => {
    expect(parseRepository('mechinterp/circuitboard')).toEqual({ owner: 'mechinterp', repo: 'circuitboard' });
    expect(() => parseRepository('nope')).toThrow(/owner\/name/);
  });
});
