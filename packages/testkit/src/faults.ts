import { matchesPath } from './recorder.ts';

export type FaultKind = '5xx' | '429' | 'timeout' | 'drop-after-write' | 'secondary-rate-limit';

export interface FaultSpec<K extends FaultKind = FaultKind> {
  method?: string;
  /** Exact request path, exact route template, or a RegExp tested against the request path. */
  path?: string | RegExp;
  kind: K;
  /** How many matching requests fail; default 1. */
  times?: number;
  /** Status for '5xx' (default 500) and '429' (default 429; 403 is what GitHub often sends). */
  status?: number;
  /** Seconds announced in retry-after for '429' and 'secondary-rate-limit'; default 1. */
  retryAfter?: number;
}

export interface Fault<K extends FaultKind = FaultKind> {
  kind: K;
  status?: number;
  retryAfter: number;
}

interface Pending<K extends FaultKind> {
  spec: FaultSpec<K>;
  left: number;
}

/** Failures queued on purpose; each request takes the first matching one (FIFO). */
export class FaultPlan<K extends FaultKind = FaultKind> {
  readonly #pending: Pending<K>[] = [];

  next(spec: FaultSpec<K>): this {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new Error(`faults.next: times must be a positive integer, got ${times}`);
    this.#pending.push({ spec, left: times });
    return this;
  }

  take(method: string, path: string, route: string | undefined): Fault<K> | undefined {
    const index = this.#pending.findIndex(
      ({ spec }) =>
        (spec.method === undefined || spec.method.toUpperCase() === method) && matchesPath(spec.path, path, route),
    );
    const pending = this.#pending[index];
    if (pending === undefined) return undefined;
    pending.left -= 1;
    if (pending.left === 0) this.#pending.splice(index, 1);
    const { kind, status, retryAfter = 1 } = pending.spec;
    return status === undefined ? { kind, retryAfter } : { kind, status, retryAfter };
  }

  /** Faults not yet used, to assert a test consumed what it planned. */
  get pending(): readonly FaultSpec<K>[] {
    return this.#pending.map(({ spec, left }) => ({ ...spec, times: left }));
  }

  clear(): void {
    this.#pending.length = 0;
  }
}

/** A request function shaped like `fetch` (Octokit's `request.fetch`, `@discordjs/rest`'s `makeRequest`). */
export type Transport<R> = (url: string, init?: { method?: string | undefined }) => Promise<R>;

/**
 * Client-side timeouts decided by a fault plan instead of a clock: a request the plan picks is never sent and fails
 * the way an aborted `fetch` does (an `AbortError`), exactly as the client's own timeout would make it fail. So a
 * test injects a timeout deterministically, and a slow machine can neither cause one nor miss one.
 */
export function withClientTimeouts<R>(plan: FaultPlan<'timeout'>, send: Transport<R>): Transport<R> {
  return async (url, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    if (plan.take(method, new URL(url).pathname, undefined))
      throw new DOMException('This operation was aborted', 'AbortError');
    return send(url, init);
  };
}
