/** Where a planned gateway fault strikes. */
export type GatewayFaultPoint = 'connect' | 'identify' | 'resume' | 'heartbeat' | 'dispatch';

/**
 * - `drop`: the TCP socket is destroyed without a close frame (what a network failure looks like).
 * - `close`: the server closes the WebSocket with `code` (default 4000, "Unknown error": clients resume).
 * - `ignore`: no answer at all (an identify or resume that never gets READY/RESUMED, a heartbeat without ACK).
 * - `invalid-session`: an identify or resume answered with INVALID_SESSION (`resumable`, default false).
 */
export type GatewayFaultKind = 'drop' | 'close' | 'ignore' | 'invalid-session';

export interface GatewayFaultSpec {
  on: GatewayFaultPoint;
  kind: GatewayFaultKind;
  /** For `on: 'dispatch'`: only events of this name (INTERACTION_CREATE, ...). */
  event?: string;
  /** How many times it strikes; default 1. */
  times?: number;
  /** Close code for `close`. */
  code?: number;
  /** The `d` of INVALID_SESSION for `invalid-session`. */
  resumable?: boolean;
}

interface Pending {
  spec: GatewayFaultSpec;
  left: number;
}

/** Gateway failures queued on purpose, taken first-in first-out, like the REST fakes' `faults`. */
export class GatewayFaultPlan {
  readonly #pending: Pending[] = [];

  next(spec: GatewayFaultSpec): this {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new Error(`gateway.faults.next: times must be a positive integer, got ${times}`);
    }
    if (spec.kind === 'invalid-session' && spec.on !== 'identify' && spec.on !== 'resume') {
      throw new Error('gateway.faults.next: invalid-session answers an identify or a resume');
    }
    this.#pending.push({ spec, left: times });
    return this;
  }

  take(on: GatewayFaultPoint, event?: string): GatewayFaultSpec | undefined {
    const index = this.#pending.findIndex(
      ({ spec }) => spec.on === on && (spec.event === undefined || spec.event === event),
    );
    const pending = this.#pending[index];
    if (!pending) return undefined;
    pending.left -= 1;
    if (pending.left === 0) this.#pending.splice(index, 1);
    return pending.spec;
  }

  get pending(): readonly GatewayFaultSpec[] {
    return this.#pending.map(({ spec, left }) => ({ ...spec, times: left }));
  }

  clear(): void {
    this.#pending.length = 0;
  }
}
