import { describe, expect, it } from 'vitest';
import { loadGitHubSpec, toJsonSchema } from '../src/github/openapi.ts';
import { ROUTES } from '../src/github/routes/index.ts';

const spec = loadGitHubSpec(new Set(Object.keys(ROUTES)));

describe("GitHub's OpenAPI description", () => {
  it('is loaded once per process and the time it took is kept for the README figures', () => {
    expect(loadGitHubSpec(new Set(Object.keys(ROUTES)))).toBe(spec);
    expect(spec.loadMs).toBeGreaterThan(0);
    expect(spec.operations.length).toBeGreaterThan(1000);
  });

  it('every operation the fake implements exists in the description', () => {
    for (const id of Object.keys(ROUTES)) expect(spec.byId.get(id)?.raw, id).toBeDefined();
  });

  it.each([
    ['GET', '/repos/o/r/issues/comments', 'issues/list-comments-for-repo', {}],
    ['GET', '/repos/o/r/issues/comments/5', 'issues/get-comment', { comment_id: '5' }],
    ['GET', '/repos/o/r/issues/5/comments', 'issues/list-comments', { issue_number: '5' }],
    ['GET', '/repos/o/r/git/ref/heads/feature/x', 'git/get-ref', { ref: 'heads/feature/x' }],
    ['GET', '/repos/o/r/git/ref/heads%2Ffeature', 'git/get-ref', { ref: 'heads/feature' }],
    ['PATCH', '/repos/o/r/git/refs/heads/main', 'git/update-ref', { ref: 'heads/main' }],
    ['GET', '/repos/o/r/contents/projects/a/project.yml', 'repos/get-content', { path: 'projects/a/project.yml' }],
    ['GET', '/repos/o/r/contents/', 'repos/get-content', { path: '' }],
    ['GET', '/repos/o/r/labels/proposal%3A%20approved', 'issues/get-label', { name: 'proposal: approved' }],
  ])('routes %s %s to %s', (method, path, id, params) => {
    const match = spec.match(method, path);
    expect('operation' in match && match.operation.id).toBe(id);
    expect('params' in match && match.params).toMatchObject(params);
  });

  it('tells an unknown path from a known path with another method', () => {
    expect(spec.match('GET', '/nope')).toEqual({ unknown: 'path' });
    expect(spec.match('PUT', '/repos/o/r/issues')).toEqual({ unknown: 'method' });
  });

  it('turns OpenAPI nullable into JSON Schema null types, enums included', () => {
    expect(toJsonSchema({ type: 'string', nullable: true, enum: ['a'] })).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
    expect(toJsonSchema({ oneOf: [{ type: 'string' }, { type: 'integer' }], nullable: true })).toEqual({
      anyOf: [{ oneOf: [{ type: 'string' }, { type: 'integer' }] }, { type: 'null' }],
    });
    expect(toJsonSchema({ type: 'object', properties: { nullable: { type: 'string', example: 'x' } } })).toEqual({
      type: 'object',
      properties: { nullable: { type: 'string' } },
    });
  });

  it('words a oneOf failure once, with the types it accepts', () => {
    const operation = spec.byId.get('issues/create');
    if (!operation) throw new Error('issues/create missing');
    expect(spec.validateBody(operation, { title: true }).map((p) => p.message)).toEqual([
      `For 'properties/title', true is not a string or an integer.`,
    ]);
  });
});
