import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeSpan,
  createMemoryLedgerBranch,
  createMemoryLedgerStore,
  type EventDelivery,
  emptyLedger,
  eventMarker,
  type LedgerState,
  mergeLedgers,
  parseLedger,
  serialiseLedger,
} from '../../src/sync/index.ts';

const at = (iso: string) => ({ run: 'r', at: iso });

function ledger(events: Record<string, EventDelivery> = {}, extra: Partial<LedgerState> = {}): LedgerState {
  return { ...emptyLedger(), events, ...extra };
}

describe('mergeLedgers', () => {
  const pending = (run: string, time = '2026-11-20T10:00:00Z'): EventDelivery => ({
    state: 'pending',
    project: 'p',
    marker: 'cb:1',
    claim: { run, at: time },
  });
  const delivered: EventDelivery = { state: 'delivered', project: 'p', marker: 'cb:1', messageId: '9' };

  it.each([
    ['delivered beats pending', pending('a'), delivered, 'delivered'],
    ['delivered beats unconfirmed', { ...delivered, state: 'unconfirmed' as const }, delivered, 'delivered'],
    ['unconfirmed beats pending', pending('a'), { ...delivered, state: 'unconfirmed' as const }, 'unconfirmed'],
  ])('%s', (_name, stored, local, state) => {
    expect(mergeLedgers(ledger({ e: stored }), ledger({ e: local })).events.e?.state).toBe(state);
    expect(mergeLedgers(ledger({ e: local }), ledger({ e: stored })).events.e?.state).toBe(state);
  });

  it('of two live claims the one committed first wins', () => {
    expect(mergeLedgers(ledger({ e: pending('a') }), ledger({ e: pending('b') })).events.e?.claim?.run).toBe('a');
  });

  it('an expired claim is taken over', () => {
    const merged = mergeLedgers(
      ledger({ e: pending('a', '2026-11-20T10:00:00Z') }),
      ledger({ e: pending('b', '2026-11-20T11:00:00Z') }),
    );
    expect(merged.events.e?.claim?.run).toBe('b');
  });

  it('never forgets a delivered event (property)', () => {
    const entry = fc.record({
      state: fc.constantFrom('pending', 'delivered', 'unconfirmed'),
      project: fc.constant('p'),
      marker: fc.constant('cb:x'),
    }) as fc.Arbitrary<EventDelivery>;
    const side = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), entry);
    fc.assert(
      fc.property(side, side, (s, l) => {
        const merged = mergeLedgers(ledger(s), ledger(l));
        for (const [id, e] of [...Object.entries(s), ...Object.entries(l)]) {
          if (e.state === 'delivered') expect(merged.events[id]?.state).toBe('delivered');
          expect(merged.events[id]).toBeDefined();
        }
      }),
    );
  });

  it('keeps the post hash changed by only one side since the common base', () => {
    const base = ledger({}, { posts: { p: { threadId: '1', messageId: '1', hash: 'old' } } });
    const stored = ledger({}, { posts: { p: { threadId: '1', messageId: '1', hash: 'old' } }, revision: 'x' });
    const local = ledger({}, { posts: { p: { threadId: '1', messageId: '1', hash: 'new' } } });
    expect(mergeLedgers(stored, local, base).posts.p?.hash).toBe('new');
    const both = ledger({}, { posts: { p: { threadId: '1', messageId: '1', hash: 'theirs' } } });
    expect(mergeLedgers(both, local, base).posts.p?.hash).toBeUndefined();
  });
});

describe('ledger files', () => {
  it('round-trips and drops malformed entries instead of trusting them', () => {
    const state = ledger(
      { e: { state: 'delivered', project: 'p', marker: 'cb:1', messageId: '2' } },
      {
        revision: 'abc',
        posts: { p: { threadId: '1', messageId: '1', hash: 'h', claim: at('2026-01-01T00:00:00Z') } },
      },
    );
    expect(parseLedger(serialiseLedger(state))).toEqual(state);
    const bad = JSON.stringify({
      events: { x: { state: 'sent' }, y: null, z: { state: 'delivered', project: 'p', marker: 'm', messageId: 5 } },
      posts: { p: 3 },
    });
    expect(parseLedger(bad)).toEqual({
      version: 1,
      events: { z: { state: 'delivered', project: 'p', marker: 'm' } },
      posts: {},
    });
  });

  it.each([
    ['truncated JSON', '{"version":1,"events":{'],
    ['not an object', '[]'],
    ['null', 'null'],
    ['a newer version', '{"version":2,"events":{}}'],
  ])('a file that is not a ledger (%s) throws instead of reading as empty', (_why, text) => {
    expect(() => parseLedger(text)).toThrow();
  });

  it('the memory store merges on a compare-and-swap conflict', async () => {
    const branch = createMemoryLedgerBranch();
    const a = createMemoryLedgerStore(branch);
    const b = createMemoryLedgerStore(branch);
    const sa = await a.read();
    const sb = await b.read();
    sa.events.x = { state: 'delivered', project: 'p', marker: eventMarker('x'), messageId: '1' };
    sb.events.y = { state: 'delivered', project: 'p', marker: eventMarker('y'), messageId: '2' };
    await a.write(sa, 'a');
    const merged = await b.write(sb, 'b');
    expect(Object.keys(merged.events).sort()).toEqual(['x', 'y']);
  });
});

describe('codeSpan', () => {
  it.each([
    ['@bob', '`@bob`'],
    ['a `tick`', '`` a `tick` ``'],
    ['`start', '`` `start ``'],
  ])('%j → %j', (input, expected) => {
    expect(codeSpan(input)).toBe(expected);
  });
  it('keeps any text inside one code span (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const span = codeSpan(s);
        const fence = /^`+/.exec(span)![0];
        expect(span.endsWith(fence)).toBe(true);
        expect(span.slice(fence.length, -fence.length)).not.toContain(fence);
        expect(span).not.toMatch(/\n/);
      }),
    );
  });
});
