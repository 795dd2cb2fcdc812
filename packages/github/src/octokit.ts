import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit as BaseOctokit } from '@octokit/rest';

/** The one Octokit class: retries and throttling live here, never at call sites. */
const CircuitboardOctokit = BaseOctokit.plugin(retry, throttling);
/** The REST + GraphQL client every adapter takes; built only by createOctokit. */
export type Octokit = BaseOctokit;

export interface OctokitLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface OctokitOptions {
  token: string;
  /** REST base, from GITHUB_API_URL (GitHub Enterprise Server and the testkit fake use other hosts). */
  baseUrl?: string;
  /** GraphQL endpoint, from GITHUB_GRAPHQL_URL; derived from baseUrl when absent. */
  graphqlUrl?: string;
  userAgent?: string;
  log?: OctokitLog;
  /** Retries for 5xx, 429 and network errors on idempotent requests (default 3); 0 in tests that count requests. */
  retries?: number;
  /**
   * The back-off unit in milliseconds (default 1000): the n-th retry waits n² units, and a rate-limit wait of
   * `retry-after` seconds waits that many units. Tests that count retries pass 0, so no test waits on a clock.
   */
  retryBaseMs?: number;
  /** Injected fetch (tests), else the global one. */
  fetch?: typeof fetch;
  /** Upper bound on a single rate-limit wait before giving up, in seconds. */
  maxRateLimitWaitSeconds?: number;
  /**
   * GitHub's advice for real runs: writes spaced a second apart across all clients. On by default, except for
   * an API on a loopback address (the testkit fake, a local proxy), which has no secondary rate limits to respect.
   */
  throttle?: boolean;
}

const NON_IDEMPOTENT = new Set(['POST', 'PATCH']);

/**
 * Client errors are answers, not accidents: asking again gets the same answer. Only 429 (too many requests) is
 * worth another try; the secondary-rate-limit 403 is retried by the throttling plugin, which reads `retry-after`.
 */
export const NEVER_RETRIED: readonly number[] = Array.from({ length: 100 }, (_, i) => 400 + i).filter((s) => s !== 429);

/** The line @octokit/plugin-request-log writes for a failed request: `GET /path - 404 with id … in 12ms`. */
const FAILED_REQUEST = /^[A-Z]+ \S+ - (\d{3}|undefined) with id /;

/**
 * Octokit's logger with failed requests kept out of the error stream: the caller decides whether a failure is
 * an error (it throws, and the action fails once) or an answer (a look-up's 404). A 4xx attempt is logged at
 * debug level; a 5xx or network failure, which is retried, as a warning.
 */
export function requestAwareLog(log: OctokitLog): OctokitLog {
  return {
    debug: (message) => log.debug(message),
    info: (message) => log.info(message),
    warn: (message) => log.warn(message),
    error: (message) => {
      const failed = FAILED_REQUEST.exec(message);
      if (!failed) return log.error(message);
      const status = Number(failed[1]);
      if (status >= 400 && status < 500) log.debug(message);
      else log.warn(message);
    },
  };
}

const QUIET: OctokitLog = {
  debug() {},
  info() {},
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

/** Whether the API lives on this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  } catch {
    return false;
  }
}

export function createOctokit(options: OctokitOptions): Octokit {
  const baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const maxWait = options.maxRateLimitWaitSeconds ?? 120;
  const retryBase = options.retryBaseMs ?? 1000;
  const throttle = options.throttle ?? !isLoopbackUrl(baseUrl);
  const octokit = new CircuitboardOctokit({
    auth: options.token,
    baseUrl,
    userAgent: options.userAgent ?? 'circuitboard',
    log: requestAwareLog(options.log ?? QUIET),
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
    retry: {
      // Only the retry plugin's own decision counts: a `request.retries` default would retry every failure, 404s too.
      retries: options.retries ?? 3,
      doNotRetry: [...NEVER_RETRIED],
      retryAfterBaseValue: retryBase,
    },
    throttle: {
      enabled: throttle,
      retryAfterBaseValue: retryBase,
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryAfter <= maxWait && retryCount < 2,
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryAfter <= maxWait && retryCount < 2,
    },
  });
  // Never retry a non-idempotent write after a 5xx or a dropped connection: the write may have happened, so
  // callers read the state again instead.
  octokit.hook.wrap('request', async (request, requestOptions) => {
    if (
      NON_IDEMPOTENT.has(String(requestOptions.method).toUpperCase()) &&
      !String(requestOptions.url).endsWith('/graphql')
    ) {
      requestOptions.request = { ...requestOptions.request, retries: 0 } as typeof requestOptions.request;
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
