import type { FaultKind } from './faults.ts';

export interface RecordedRequest {
  method: string;
  /** The path as requested, without the query string. */
  path: string;
  /** The route template it matched, e.g. `/repos/{owner}/{repo}/issues`, when it matched one. */
  route?: string;
  query: Record<string, string>;
  /** Parsed JSON body, the raw text when it was not JSON, undefined when empty. */
  body: unknown;
  /** 0 when no response was sent (timeout or dropped connection). */
  status: number;
  at: Date;
  fault?: FaultKind;
}

export type ViolationKind =
  | 'unknown-route'
  | 'not-implemented'
  | 'invalid-path'
  | 'invalid-query'
  | 'invalid-body'
  | 'unknown-body-field'
  | 'invalid-response'
  | 'invalid-graphql'
  | 'unsupported-graphql'
  /** A gateway payload real Discord would refuse or ignore (the connection is usually closed too). */
  | 'invalid-gateway-payload'
  /** A callback or follow-up Discord would refuse for an interaction (late, twice, wrong type). */
  | 'interaction-refused';

/** Something a real server would refuse, or a response of the fake that breaks the official schema. */
export interface Violation {
  kind: ViolationKind;
  method: string;
  path: string;
  message: string;
  at: Date;
}

export interface RequestFilter {
  method?: string;
  /** Exact request path, exact route template, or a RegExp tested against the request path. */
  path?: string | RegExp;
  status?: number;
}

export function matchesPath(filter: string | RegExp | undefined, path: string, route: string | undefined): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'string') return filter === path || filter === route;
  filter.lastIndex = 0;
  return filter.test(path);
}

/** What a fake server saw and refused; shared by the GitHub and Discord fakes. */
export class Recorder {
  readonly requests: RecordedRequest[] = [];
  readonly violations: Violation[] = [];

  record(request: RecordedRequest): RecordedRequest {
    this.requests.push(request);
    return request;
  }

  violation(kind: ViolationKind, method: string, path: string, message: string): void {
    this.violations.push({ kind, method, path, message, at: new Date() });
  }

  count(filter: RequestFilter = {}): number {
    return this.requests.filter(
      (request) =>
        (filter.method === undefined || filter.method.toUpperCase() === request.method) &&
        (filter.status === undefined || filter.status === request.status) &&
        matchesPath(filter.path, request.path, request.route),
    ).length;
  }

  reset(): void {
    this.requests.length = 0;
    this.violations.length = 0;
  }

  /** Throws one error listing every violation, for an afterEach hook. */
  assertNoViolations(): void {
    if (this.violations.length === 0) return;
    const lines = this.violations.map((v) => `- [${v.kind}] ${v.method} ${v.path}: ${v.message}`);
    throw new Error(`the fake server saw ${this.violations.length} violation(s):\n${lines.join('\n')}`);
  }
}
