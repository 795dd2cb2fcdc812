const HOUR = 3_600_000;

/** GitHub's hourly primary rate limit for one resource (core or graphql), on wall-clock time. */
export class RateWindow {
  used = 0;
  resetAt = 0;
  readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  roll(): void {
    if (Date.now() >= this.resetAt) {
      this.used = 0;
      this.resetAt = Date.now() + HOUR;
    }
  }
  get remaining(): number {
    return Math.max(this.limit - this.used, 0);
  }
  headers(resource: string): Record<string, string> {
    this.roll();
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(this.remaining),
      'x-ratelimit-used': String(this.used),
      'x-ratelimit-reset': String(Math.ceil(this.resetAt / 1000)),
      'x-ratelimit-resource': resource,
    };
  }
  json(): { limit: number; remaining: number; reset: number; used: number } {
    this.roll();
    return { limit: this.limit, remaining: this.remaining, reset: Math.ceil(this.resetAt / 1000), used: this.used };
  }
}
