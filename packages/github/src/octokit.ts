import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit as BaseOctokit } from '@octokit/rest';

/** The one Octokit class: retries and throttling live here, never at call sites. */
const CircuitboardOctokit = BaseOctokit.plugin(retry, throttling);
/** The REST + GraphQL client every adapter takes; built only by createOctokit. */
export type Octokit = BaseOctokit;

export interface OctokitOptions {
  token: string;
  /** REST base, from GITHUB_API_URL (GitHub Enterprise Server and the testkit fake use other hosts). */
  baseUrl?: string;
  /** GraphQL endpoint, from GITHUB_GRAPHQL_URL; derived from baseUrl when absent. */
  graphqlUrl?: string;
  userAgent?: string;
  log?: { debug(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void };
  /** Retries for 5xx and network errors on idempotent requests; 0 in tests that count requests. */
  retries?: number;
  /** Injected fetch (tests), else the global one. */
  fetch?: typeof fetch;
  /** Upper bound on a single rate-limit wait before giving up, in seconds. */
  maxRateLimitWaitSeconds?: number;
  /**
   * GitHub's advice for real runs: writes spaced a second apart across all clients (default true). Tests and benches
   * against the testkit fake, which count requests rather than wait, turn it off.
   */
  throttle?: boolean;
}

const NON_IDEMPOTENT = new Set(['POST', 'PATCH']);

export function createOctokit(options: OctokitOptions): Octokit {
  const baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const maxWait = options.maxRateLimitWaitSeconds ?? 120;
  const retries = options.retries ?? 3;
  const throttle = options.throttle ?? true;
  const octokit = new CircuitboardOctokit({
    auth: options.token,
    baseUrl,
    userAgent: options.userAgent ?? 'circuitboard',
    ...(options.log ? { log: options.log } : {}),
    request: {
      ...(options.fetch ? { fetch: options.fetch } : {}),
      retries,
    },
    retry: {
      // A POST/PATCH whose response was lost may have taken effect: callers re-read state instead of retrying blindly.
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451],
    },
    throttle: {
      enabled: throttle,
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryAfter <= maxWait && retryCount < 2,
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryAfter <= maxWait && retryCount < 2,
    },
  });
  // Never retry a non-idempotent write after a 5xx or a dropped connection: the write may have happened.
  octokit.hook.wrap('request', async (request, requestOptions) => {
    if (
      NON_IDEMPOTENT.has(String(requestOptions.method).toUpperCase()) &&
      !String(requestOptions.url).endsWith('/graphql')
    ) {
      (requestOptions.request as { retries?: number }).retries = 0;
    }
    return request(requestOptions);
  });
  if (options.graphqlUrl) {
    const graphqlUrl = options.graphqlUrl;
    octokit.graphql = octokit.graphql.defaults({
      baseUrl: graphqlUrl.replace(/\/graphql\/?$/, ''),
      url: '/graphql',
    }) as typeof octokit.graphql;
  }
  return octokit;
}

/** GitHub's environment variables, read by composition roots only. */
export function githubEndpointsFromEnv(env: Record<string, string | undefined>): {
  baseUrl: string;
  graphqlUrl: string;
} {
  const baseUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const graphqlUrl = env.GITHUB_GRAPHQL_URL || `${baseUrl.replace(/\/api\/v3$/, '/api')}/graphql`;
  return { baseUrl, graphqlUrl };
}
