import { createHash } from 'node:crypto';

/**
 * GitHub's size limits for what the mirror writes, and its pace for content-creating requests
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits).
 */
export const GITHUB_LIMITS = {
  labelName: 50,
  labelDescription: 100,
  milestoneTitle: 255,
  milestoneDescription: 1024,
  /** Issue and pull request comments. */
  commentBody: 65_536,
  /** Content-creating requests (POST, PATCH, PUT, DELETE) per minute before secondary rate limits. */
  writesPerMinute: 80,
  writesPerHour: 500,
} as const;

/** Cuts text to `max` UTF-16 units with an ellipsis, never splitting a surrogate pair. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

/**
 * A label name within 50 characters: `project:<slug>` as is when it fits, otherwise the slug is cut and a short
 * hash of the whole slug keeps two long slugs from sharing a label.
 */
export function fitLabelName(name: string): string {
  if (name.length <= GITHUB_LIMITS.labelName) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 6);
  return `${name.slice(0, GITHUB_LIMITS.labelName - 7).replace(/-+$/, '')}-${hash}`;
}

export class WriteBudgetError extends Error {
  override name = 'WriteBudgetError';
}

export interface WritePacer {
  /**
   * Resolves when one more content-creating request fits in the window; records it. Rejects with a
   * WriteBudgetError when that would mean waiting longer than `maxWaitMs` (the hour's budget is used up), unless
   * the write is `essential` (the delivery ledger), which may use the hour's reserve and then waits.
   */
  wait(options?: { essential?: boolean }): Promise<void>;
  /** Total time spent waiting, in milliseconds (for the benchmark). */
  readonly waitedMs: number;
  readonly writes: number;
}

/**
 * Keeps content-creating requests under GitHub's secondary limits (80 a minute, 500 an hour) by waiting before
 * a write that would go over, so a 200-project first sync slows down instead of being blocked.
 */
export function createWritePacer(
  options: {
    perMinute?: number;
    perHour?: number;
    maxWaitMs?: number;
    /** Writes an hour kept for essential writes (the ledger): the others stop at perHour - reserve. Default 100. */
    reserve?: number;
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
  } = {},
): WritePacer {
  const maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
  const reserve = options.reserve ?? 100;
  const perMinute = options.perMinute ?? GITHUB_LIMITS.writesPerMinute;
  const perHour = options.perHour ?? GITHUB_LIMITS.writesPerHour;
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const times: number[] = [];
  let waitedMs = 0;
  let writes = 0;
  let queue: Promise<void> = Promise.resolve();
  const slot = async (essential: boolean) => {
    for (;;) {
      const t = now();
      while (times.length > 0 && t - times[0]! >= 3_600_000) times.shift();
      const lastMinute = times.filter((x) => t - x < 60_000);
      let delay = 0;
      if (lastMinute.length >= perMinute) {
        delay = Math.max(delay, lastMinute[lastMinute.length - perMinute]! + 60_000 - t);
      }
      const budget = essential ? perHour : perHour - reserve;
      if (times.length >= budget) {
        const hourly = times[times.length - budget]! + 3_600_000 - t;
        if (hourly > maxWaitMs && !essential) {
          throw new WriteBudgetError(
            `GitHub's budget of ${budget} writes an hour (of its ${perHour}) is used up for ${Math.ceil(hourly / 60_000)} more minutes; the next run continues where this one stopped`,
          );
        }
        delay = Math.max(delay, hourly);
      }
      if (delay <= 0) break;
      waitedMs += delay;
      await sleep(delay);
    }
    times.push(now());
    writes += 1;
  };
  return {
    wait(waitOptions = {}) {
      const next = queue.then(() => slot(waitOptions.essential ?? false));
      // One refused write must not hold up the ones behind it.
      queue = next.catch(() => undefined);
      return next;
    },
    get waitedMs() {
      return waitedMs;
    },
    get writes() {
      return writes;
    },
  };
}
