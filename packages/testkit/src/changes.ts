/**
 * Wakes tests waiting for a fake's state to reach something: `until(check)` resolves with the first truthy
 * value `check` returns, re-checked after every request or gateway message the fake handles, and every few
 * milliseconds for conditions on the client's side (what discord.js has emitted). There is no timeout: the
 * test runner's own timeout ends a wait that never comes, so no verdict depends on speed.
 */
export class Changes {
  readonly #waiters = new Set<() => boolean>();
  #closed: Error | undefined;
  #poll: NodeJS.Timeout | undefined;

  notify(): void {
    for (const waiter of [...this.#waiters]) if (waiter()) this.#waiters.delete(waiter);
    if (this.#waiters.size === 0 && this.#poll) {
      clearInterval(this.#poll);
      this.#poll = undefined;
    }
  }

  until<T>(check: () => T | undefined | null | false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter = (): boolean => {
        if (this.#closed) {
          reject(this.#closed);
          return true;
        }
        try {
          const value = check();
          if (value === undefined || value === null || value === false) return false;
          resolve(value);
        } catch (error) {
          reject(error);
        }
        return true;
      };
      if (waiter()) return;
      this.#waiters.add(waiter);
      this.#poll ??= setInterval(() => this.notify(), 5).unref();
    });
  }

  /** Rejects every pending wait: the fake is closing and nothing will change any more. */
  close(reason: string): void {
    this.#closed = new Error(reason);
    this.notify();
  }
}
