import { createHash } from 'node:crypto';

export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Per-route buckets and the global limit; defaults follow what Discord answers for these routes. */
export interface DiscordRateLimits {
  /** Routes under /channels/{id}/messages and /webhooks/{id}/{token}/messages; default 5 per 2 s per channel. */
  messages?: RateWindow;
  /** Webhook executions, per webhook; default 5 per 2 s. */
  webhooks?: RateWindow;
  /** Every other route, per major parameter; default 5 per 2 s. */
  routes?: RateWindow;
  /** All bot requests together; default 50 per second. */
  global?: RateWindow;
}

export const DEFAULT_RATE_LIMITS: Required<DiscordRateLimits> = {
  messages: { limit: 5, windowMs: 2000 },
  webhooks: { limit: 5, windowMs: 2000 },
  routes: { limit: 5, windowMs: 2000 },
  global: { limit: 50, windowMs: 1000 },
};

interface Bucket {
  used: number;
  resetAt: number;
}

export type Admission =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; headers: Record<string, string>; retryAfter: number; global: boolean };

/** Fixed-window buckets keyed like Discord's (route + major parameter), on wall-clock time. */
export class RateLimiter {
  readonly #limits: Required<DiscordRateLimits>;
  readonly #buckets = new Map<string, Bucket>();

  constructor(limits: DiscordRateLimits) {
    this.#limits = { ...DEFAULT_RATE_LIMITS, ...limits };
  }

  admit(category: 'messages' | 'webhooks' | 'routes', bucketKey: string, globalKey: string | undefined): Admission {
    const now = Date.now();
    if (globalKey !== undefined) {
      const global = this.#bucket(`global:${globalKey}`, this.#limits.global, now);
      if (global.used >= this.#limits.global.limit) {
        const retryAfter = (global.resetAt - now) / 1000;
        return {
          ok: false,
          retryAfter,
          global: true,
          headers: {
            'retry-after': String(Math.ceil(retryAfter)),
            'x-ratelimit-global': 'true',
            'x-ratelimit-scope': 'global',
          },
        };
      }
      global.used++;
    }
    const window = this.#limits[category];
    const bucket = this.#bucket(bucketKey, window, now);
    const hash = createHash('sha1')
      .update(`${category}:${bucketKey.split(' ').slice(0, 2).join(' ')}`)
      .digest('hex')
      .slice(0, 32);
    const resetAfter = Math.max(bucket.resetAt - now, 0) / 1000;
    const headers = (remaining: number) => ({
      'x-ratelimit-limit': String(window.limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': (bucket.resetAt / 1000).toFixed(3),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': hash,
    });
    if (bucket.used >= window.limit) {
      return {
        ok: false,
        retryAfter: resetAfter,
        global: false,
        headers: { ...headers(0), 'retry-after': String(Math.ceil(resetAfter)), 'x-ratelimit-scope': 'user' },
      };
    }
    bucket.used++;
    return { ok: true, headers: headers(window.limit - bucket.used) };
  }

  reset(): void {
    this.#buckets.clear();
  }

  #bucket(key: string, window: RateWindow, now: number): Bucket {
    let bucket = this.#buckets.get(key);
    if (!bucket || now >= bucket.resetAt) {
      bucket = { used: 0, resetAt: now + window.windowMs };
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }
}
