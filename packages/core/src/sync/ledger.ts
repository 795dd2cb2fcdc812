import { createHash } from 'node:crypto';
import type { BoardEntry, EventDelivery, LedgerClaim, LedgerState, PostEntry } from './model.ts';

/** A claim older than this belongs to a lost run; a live run renews its claims well within it. */
export const CLAIM_TTL_MS = 3 * 60_000;

export function emptyLedger(): LedgerState {
  return { version: 1, events: {}, posts: {} };
}

/** Deep copy (the ledger is plain JSON). */
export function cloneLedger(state: LedgerState): LedgerState {
  return structuredClone(state);
}

/** JSON with sorted keys: the same state always serialises to the same bytes. */
export function stableStringify(value: unknown, indent = 0): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Short hex fingerprint of any JSON value (sha256, 16 hex digits). */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex').slice(0, 16);
}

/** The marker in the footer of the embed that carries an event: fixed per event, whatever batch it travels in. */
export function eventMarker(eventId: string): string {
  return `cb:${createHash('sha256').update(eventId).digest('hex').slice(0, 16)}`;
}

export function serialiseLedger(state: LedgerState): string {
  return `${stableStringify(state, 1)}\n`;
}

const STATES = new Set(['pending', 'delivered', 'unconfirmed']);

/**
 * Reads ledger JSON defensively: unknown or malformed entries are dropped, never trusted, so a hand-edited file
 * cannot crash a run. Throws when the text is not a ledger at all (not JSON, not an object, another version), so
 * that a broken file is never taken for an empty ledger.
 */
export function parseLedger(text: string): LedgerState {
  const raw = JSON.parse(text) as Partial<LedgerState> | null;
  const state = emptyLedger();
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('the ledger is not a JSON object');
  if (raw.version !== undefined && raw.version !== 1)
    throw new Error(`the ledger has version ${JSON.stringify(raw.version)}; this Circuitboard reads version 1`);
  if (typeof raw.revision === 'string') state.revision = raw.revision;
  for (const [id, e] of Object.entries(raw.events ?? {})) {
    if (
      e &&
      typeof e === 'object' &&
      STATES.has(e.state) &&
      typeof e.marker === 'string' &&
      typeof e.project === 'string'
    ) {
      state.events[id] = pick(e, [
        'state',
        'project',
        'marker',
        'messageId',
        'threadId',
        'attempt',
        'via',
        'claim',
      ]) as unknown as EventDelivery;
    }
  }
  for (const [slug, p] of Object.entries(raw.posts ?? {})) {
    if (p && typeof p === 'object')
      state.posts[slug] = pick(p, ['threadId', 'messageId', 'hash', 'attempt', 'claim']) as PostEntry;
  }
  if (raw.board && typeof raw.board === 'object') {
    state.board = pick(raw.board, ['channelId', 'threadId', 'messageId', 'hash', 'attempt', 'claim']) as BoardEntry;
  }
  return state;
}

function pick(source: object, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const v = (source as Record<string, unknown>)[key];
    if (key === 'claim') {
      const c = v as LedgerClaim | undefined;
      if (c && typeof c.run === 'string' && typeof c.at === 'string') out.claim = { run: c.run, at: c.at };
    } else if (key === 'attempt') {
      if (v === true) out.attempt = true;
    } else if (key === 'via') {
      if (v === 'proposal') out.via = v;
    } else if (typeof v === 'string') out[key] = v;
  }
  return out;
}

/** Whether a claim is held by a run that is still going (another run's, younger than the TTL). */
export function isLiveClaim(claim: LedgerClaim | undefined, run: string, now: Date, ttlMs = CLAIM_TTL_MS): boolean {
  if (!claim || claim.run === run) return false;
  return now.getTime() - Date.parse(claim.at) < ttlMs;
}

const RANK = { pending: 1, unconfirmed: 2, delivered: 3 } as const;

/** Of two claims on the same thing, the first one committed wins unless it had expired when the other was taken. */
function winningClaim(
  stored: LedgerClaim | undefined,
  local: LedgerClaim | undefined,
  ttlMs: number,
): LedgerClaim | undefined {
  if (!stored || !local || stored.run === local.run) return local ?? stored;
  const expired = Date.parse(local.at) - Date.parse(stored.at) >= ttlMs;
  return expired ? local : stored;
}

function mergeEvent(stored: EventDelivery | undefined, local: EventDelivery | undefined, ttlMs: number): EventDelivery {
  if (!stored) return local!;
  if (!local) return stored;
  if (RANK[stored.state] !== RANK[local.state]) return RANK[stored.state] > RANK[local.state] ? stored : local;
  if (stored.state !== 'pending') return stored;
  const claim = winningClaim(stored.claim, local.claim, ttlMs);
  const base = claim === local.claim ? local : stored;
  return withClaim(base, claim);
}

function withClaim<T extends { claim?: LedgerClaim }>(entry: T, claim: LedgerClaim | undefined): T {
  const out = { ...entry };
  if (claim) out.claim = claim;
  else delete out.claim;
  return out;
}

function mergeLocated<T extends PostEntry | BoardEntry>(
  stored: T | undefined,
  local: T | undefined,
  base: T | undefined,
  ttlMs: number,
): T | undefined {
  if (!stored) return local;
  if (!local) return stored;
  if (stored.messageId && local.messageId && stored.messageId !== local.messageId) {
    // Two runs each created one: keep the one committed first; the other is reported as a duplicate.
    return stored;
  }
  const out = { ...stored, ...local } as T;
  if (!local.messageId && stored.messageId) {
    const from = stored as BoardEntry;
    const to = out as BoardEntry;
    for (const key of ['channelId', 'threadId', 'messageId', 'hash'] as const) {
      if (from[key] === undefined) delete to[key];
      else to[key] = from[key];
    }
  } else if (stored.messageId && stored.hash !== local.hash) {
    // Same message edited by both since the common base: which edit landed last is unknown, so render again next run.
    if (base && stored.hash === base.hash) out.hash = local.hash!;
    else if (base && local.hash === base.hash) out.hash = stored.hash!;
    else delete out.hash;
    if (out.hash === undefined) delete out.hash;
  }
  if (out.messageId) delete out.attempt;
  return withClaim(out, out.messageId ? undefined : winningClaim(stored.claim, local.claim, ttlMs));
}

/**
 * Merges the ledger found on the state branch (`stored`, committed first) with a run's own (`local`) after a
 * compare-and-swap conflict: delivered beats unconfirmed beats pending, nothing delivered is ever forgotten, and
 * of two live claims the stored one wins, so two runs never send the same thing. `base` is the state the run last
 * read, so a post hash changed by only one side is kept.
 */
export function mergeLedgers(
  stored: LedgerState,
  local: LedgerState,
  base?: LedgerState,
  ttlMs = CLAIM_TTL_MS,
): LedgerState {
  const out = emptyLedger();
  const revision =
    base && local.revision === base.revision
      ? (stored.revision ?? local.revision)
      : (local.revision ?? stored.revision);
  if (revision !== undefined) out.revision = revision;
  for (const id of new Set([...Object.keys(stored.events), ...Object.keys(local.events)])) {
    out.events[id] = mergeEvent(stored.events[id], local.events[id], ttlMs);
  }
  for (const slug of new Set([...Object.keys(stored.posts), ...Object.keys(local.posts)])) {
    const merged = mergeLocated(stored.posts[slug], local.posts[slug], base?.posts[slug], ttlMs);
    if (merged) out.posts[slug] = merged;
  }
  const board = mergeLocated(stored.board, local.board, base?.board, ttlMs);
  if (board) out.board = board;
  return out;
}

/** Event ids the ledger counts as sent (delivered, or unconfirmed and never to be re-sent). */
export function handledEventIds(state: LedgerState): Set<string> {
  return new Set(
    Object.entries(state.events)
      .filter(([, e]) => e.state !== 'pending')
      .map(([id]) => id),
  );
}
