import type { FieldProblem } from './openapi.ts';

const DOCS = 'https://docs.github.com/rest';

/** An error answer the way GitHub words it; route handlers throw it. */
export class GitHubError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
    super(String(body.message));
    this.status = status;
    this.body = { documentation_url: DOCS, status: String(status), ...body };
    this.headers = headers;
  }
}

export function notFound(): GitHubError {
  return new GitHubError(404, { message: 'Not Found' });
}

/** 422 "Validation Failed" with GitHub's `errors` array, e.g. a label that already exists. */
export function validationFailed(
  errors: Array<{ resource: string; field?: string; code: string; message?: string }>,
  message = 'Validation Failed',
): GitHubError {
  return new GitHubError(422, { message, errors });
}

/** 422 "Invalid request." for a body or query that breaks the OpenAPI schema. */
export function invalidRequest(resource: string, problems: FieldProblem[]): GitHubError {
  return new GitHubError(422, {
    message: `Invalid request.\n\n${problems.map((p) => p.message).join('\n')}`,
    errors: problems.map((p) => ({ resource, field: p.field, code: p.code, message: p.message })),
  });
}

export function conflict(message: string): GitHubError {
  return new GitHubError(409, { message });
}
