/** Virtual time for the fakes: tests decide when a deadline has passed instead of waiting for it. */
export interface VirtualClock {
  /** The fakes' `now` option. */
  readonly now: () => Date;
  /** Moves time forward by `ms` milliseconds (never backwards). */
  advance(ms: number): Date;
  /** Jumps to a later instant. */
  set(to: Date | string): Date;
}

export function virtualClock(start: Date | string = '2026-10-01T12:00:00.000Z'): VirtualClock {
  let at = new Date(start).getTime();
  if (Number.isNaN(at)) throw new Error(`virtualClock: ${String(start)} is not a date`);
  return {
    now: () => new Date(at),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`virtualClock.advance: ${ms} is not a duration`);
      at += ms;
      return new Date(at);
    },
    set(to) {
      const next = new Date(to).getTime();
      if (Number.isNaN(next) || next < at) throw new Error(`virtualClock.set: ${String(to)} is not later than now`);
      at = next;
      return new Date(at);
    },
  };
}
