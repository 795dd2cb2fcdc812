import { CLAIM_TTL_MS, cloneLedger, eventMarker, isLiveClaim, mergeLedgers, serialiseLedger } from './ledger.ts';
import type {
  DiscordNewsOp,
  DiscordProjectPostOp,
  DiscordProposalOp,
  DiscordStatusBoardOp,
  LedgerClaim,
  LedgerState,
  SyncOperation,
  SyncPlan,
  SyncTarget,
} from './model.ts';
import { type DiscordSyncPort, failureKind, type LookupScope, type SyncPorts } from './ports.ts';

export type ItemOutcome = 'created' | 'updated' | 'skipped' | 'failed';

export interface TargetCounts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

export interface SyncItem {
  /** Operation id, e.g. `discord.news:induction-heads:…`. */
  id: string;
  target: SyncTarget;
  outcome: ItemOutcome;
  /** Why it was skipped or failed, in words that say what to fix. */
  detail?: string;
}

export interface SyncResult {
  /** False when any item failed: the job fails, after everything else was done. */
  ok: boolean;
  dryRun: boolean;
  counts: Record<SyncTarget, TargetCounts>;
  items: SyncItem[];
  warnings: string[];
  /** The ledger as last written (or as it would be, in a dry run). */
  ledger: LedgerState;
}

export interface RunOptions {
  dryRun?: boolean;
}

function zero(): TargetCounts {
  return { created: 0, updated: 0, skipped: 0, failed: 0 };
}

class Recorder {
  readonly items: SyncItem[] = [];
  readonly warnings: string[] = [];
  readonly counts: Record<SyncTarget, TargetCounts> = { github: zero(), discord: zero() };
  add(op: { id: string; target: SyncTarget }, outcome: ItemOutcome, detail?: string): void {
    this.items.push({ id: op.id, target: op.target, outcome, ...(detail ? { detail } : {}) });
    this.counts[op.target][outcome] += 1;
  }
  warn(text: string): void {
    if (!this.warnings.includes(text)) this.warnings.push(text);
  }
  get ok(): boolean {
    return this.counts.github.failed === 0 && this.counts.discord.failed === 0;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a dry run reports: every operation as it would go, with nothing called. */
function dryRun(plan: SyncPlan): SyncResult {
  const rec = new Recorder();
  for (const op of plan.operations) {
    if (op.kind === 'github.milestone-sweep') {
      const removed = op.removed.map((m) => m.title).join(', ');
      rec.add(op, removed ? 'updated' : 'skipped', removed ? `would close ${removed}` : 'checked against GitHub');
    } else if (op.kind === 'github.label' || op.kind === 'github.milestone') {
      rec.add(
        op,
        op.change === 'new' ? 'created' : op.change === 'changed' ? 'updated' : 'skipped',
        op.change === 'check' ? 'checked against GitHub, no change expected' : undefined,
      );
    } else if (op.kind === 'discord.project-post' || op.kind === 'discord.status-board') {
      rec.add(op, op.action === 'create' ? 'created' : 'updated');
    } else rec.add(op, 'created');
  }
  return { ok: true, dryRun: true, counts: rec.counts, items: rec.items, warnings: rec.warnings, ledger: plan.ledger };
}

/**
 * Carries out a plan through the ports. GitHub first (state-based, idempotent), then Discord under the delivery
 * ledger: claims are committed before anything is sent, deliveries after (every `flushEvery` writes), so a lost
 * runner or a lost answer never sends anything twice or loses it. A failed item does not stop the others.
 */
export async function runSync(plan: SyncPlan, ports: SyncPorts, options: RunOptions = {}): Promise<SyncResult> {
  if (options.dryRun) return dryRun(plan);
  return new SyncRun(plan, ports).run();
}

type Blocked = { reason: string; failed?: boolean };

class SyncRun {
  private readonly rec = new Recorder();
  private state: LedgerState;
  private written: string;
  private readonly claim: LedgerClaim;
  private readonly ttl: number;
  private writesSinceFlush = 0;
  private lastFlush: number;
  private discordDown: string | undefined;
  private ledgerDown: string | undefined;
  /** Things a lost run may have sent that could not be looked up: not sent again by this run. */
  private readonly unresolved = new Set<string>();
  /** Slugs of the forum posts this run is about to create, in order (webhook mode marks them in batches). */
  private creations: string[] = [];
  /** Threads this run created: nothing older can be in them, so nothing is looked up there. */
  private readonly createdThreads = new Set<string>();
  /**
   * The ledger may not know everything that was sent (it was empty although the repository was synced before, or
   * an earlier version was recovered): bot mode then reads every post it does not know before creating one.
   */
  private thorough = false;
  /** Webhook mode with a lost ledger and no confirmation: nothing is created and the ledger is left alone. */
  private refused: string | undefined;

  constructor(
    private readonly plan: SyncPlan,
    private readonly ports: SyncPorts,
  ) {
    this.state = cloneLedger(plan.ledger);
    // A ledger recovered from an earlier version is written back even when nothing changed, replacing the broken one.
    this.written = ports.ledger.recovery ? '' : serialiseLedger(plan.ledger);
    this.ttl = ports.claimTtlMs ?? CLAIM_TTL_MS;
    this.claim = { run: ports.runId, at: this.now().toISOString() };
    this.lastFlush = this.now().getTime();
  }

  private now(): Date {
    return this.ports.now?.() ?? new Date();
  }

  private log(line: string): void {
    this.ports.log?.(line);
  }

  private checkAbort(): void {
    if (this.ports.signal?.aborted) throw this.ports.signal.reason ?? new Error('the run was cancelled');
  }

  /** Rethrows when the run was cancelled, so a cancelled run makes no further call. */
  private guard(error: unknown): void {
    if (this.ports.signal?.aborted) throw error;
  }

  async run(): Promise<SyncResult> {
    const discordOps = this.plan.operations.filter((op) => op.target === 'discord');
    // Asked before the GitHub part writes anything, so this run's own milestones do not count.
    if (this.ports.discord && discordOps.length > 0) await this.checkLostLedger(this.ports.discord);
    await this.github();
    if (!this.ports.discord) {
      for (const op of discordOps)
        this.rec.add(op, 'skipped', 'Discord is not configured (no webhook URL or bot token)');
    } else {
      await this.discord(this.ports.discord, discordOps);
    }
    await this.finish();
    return {
      ok: this.rec.ok,
      dryRun: false,
      counts: this.rec.counts,
      items: this.rec.items,
      warnings: this.rec.warnings,
      ledger: this.state,
    };
  }

  /**
   * An empty ledger in a repository synced before means the ledger was lost (branch or file deleted): bot mode then
   * finds every post by its marker before creating one; webhook mode, which cannot look, refuses to post everything
   * again unless a maintainer confirmed it (`reconcile: recreate`).
   */
  private async checkLostLedger(discord: DiscordSyncPort): Promise<void> {
    if (this.ports.ledger.recovery) {
      this.rec.warn(this.ports.ledger.recovery);
      this.thorough = true;
    }
    const ledger = this.plan.ledger;
    const blank =
      ledger.revision === undefined &&
      Object.keys(ledger.posts).length === 0 &&
      ledger.board === undefined &&
      Object.keys(ledger.events).length === 0;
    if (!blank || !this.ports.github?.hasSyncedBefore) return;
    let before: boolean;
    try {
      before = await this.ports.github.hasSyncedBefore();
    } catch (error) {
      this.guard(error);
      // Unknown: assume the worst, which only costs look-ups (bot) or a confirmation (webhook).
      this.rec.warn(`could not tell whether this repository was synced before: ${message(error)}`);
      before = true;
    }
    if (!before) {
      // A first sync: the ledger is started before GitHub gets its first milestone, so that a run cancelled in
      // between is never taken for a lost ledger (milestones but no ledger) by the next one.
      if (this.plan.since !== undefined) {
        this.state.revision = this.plan.since;
        await this.flush('start the delivery ledger');
      }
      return;
    }
    if (discord.canSearch) {
      this.thorough = true;
      this.rec.warn(
        'the delivery ledger is empty but this repository was synced before (its Circuitboard milestones exist): every forum post, the status board and the news are looked up by their markers before anything is created',
      );
      if (this.ports.recreate) this.log('reconcile: recreate is not needed with a bot token: posts are found again');
      return;
    }
    if (this.ports.recreate) {
      this.rec.warn(
        'the delivery ledger was lost and `reconcile: recreate` confirms creating the forum posts and the status board again; delete any old copies in Discord',
      );
      return;
    }
    this.refused =
      'the delivery ledger (ledger.json on the state branch) is gone, but this repository was synced before (its Circuitboard milestones exist on GitHub). Webhook mode cannot look up what it posted, so nothing is posted, to post nothing twice. Either restore ledger.json on the state branch from its history, or run the Sync workflow with `reconcile: recreate` to create the forum posts and the status board again (delete the old ones in Discord), or add a bot token (discord-bot-token), which finds them again by their markers';
    this.rec.warn(this.refused);
  }

  private async github(): Promise<void> {
    let down: string | undefined;
    for (const op of this.plan.operations) {
      if (op.target !== 'github') continue;
      this.checkAbort();
      if (!this.ports.github) {
        this.rec.add(op, 'skipped', 'GitHub is not configured');
        continue;
      }
      if (down) {
        this.rec.add(op, 'failed', `not tried: ${down}`);
        continue;
      }
      try {
        if (op.kind === 'github.milestone-sweep') {
          const closed = await this.ports.github.closeRemovedMilestones(op);
          if (closed.length > 0) this.rec.add(op, 'updated', `closed ${closed.join(', ')} (removed from projects/)`);
          else this.rec.add(op, 'skipped');
          continue;
        }
        const outcome =
          op.kind === 'github.label'
            ? await this.ports.github.ensureLabel(op)
            : await this.ports.github.ensureMilestone(op);
        this.rec.add(op, outcome === 'unchanged' ? 'skipped' : outcome);
      } catch (error) {
        this.guard(error);
        this.rec.add(op, 'failed', message(error));
        if (failureKind(error) === 'target') down = message(error);
      }
    }
  }

  // ---- ledger ---------------------------------------------------------------------------------------------------

  private async flush(why: string): Promise<boolean> {
    if (this.ledgerDown) return false;
    const text = serialiseLedger(this.state);
    if (text === this.written) return true;
    this.checkAbort();
    try {
      this.state = await this.ports.ledger.write(this.state, why);
      this.written = serialiseLedger(this.state);
      this.writesSinceFlush = 0;
      this.lastFlush = this.now().getTime();
      return true;
    } catch (error) {
      this.guard(error);
      this.ledgerDown = `could not write the delivery ledger (${message(error)}); nothing more is sent to Discord so nothing is sent twice`;
      this.rec.warn(this.ledgerDown);
      return false;
    }
  }

  private async touched(): Promise<void> {
    this.writesSinceFlush += 1;
    const every = this.ports.flushEvery ?? 25;
    if (this.writesSinceFlush >= every || this.now().getTime() - this.lastFlush >= this.ttl / 3) {
      this.claim.at = this.now().toISOString();
      this.renewClaims();
      await this.flush('record deliveries');
    }
  }

  private renewClaims(): void {
    const mine = (c: LedgerClaim | undefined) => c?.run === this.claim.run;
    for (const e of Object.values(this.state.events)) if (mine(e.claim)) e.claim = { ...this.claim };
    for (const p of Object.values(this.state.posts)) if (mine(p.claim)) p.claim = { ...this.claim };
    if (this.state.board && mine(this.state.board.claim)) this.state.board.claim = { ...this.claim };
  }

  private postEntry(slug: string) {
    let entry = this.state.posts[slug];
    if (!entry) {
      entry = {};
      this.state.posts[slug] = entry;
    }
    return entry;
  }

  private boardEntry() {
    if (!this.state.board) this.state.board = {};
    return this.state.board;
  }

  private live(claim: LedgerClaim | undefined): boolean {
    return isLiveClaim(claim, this.claim.run, this.now(), this.ttl);
  }

  private async finish(): Promise<void> {
    // Refused: the ledger stays empty, so the next run asks again instead of taking this one as the first sync.
    if (this.refused) return;
    // Whatever is still claimed by this run is unresolved: release it so the next run looks it up at once.
    for (const e of Object.values(this.state.events)) if (e.claim?.run === this.claim.run) delete e.claim;
    // A creation still claimed may have happened (its answer was lost): an expired claim makes the next run look.
    const expired = { run: this.claim.run, at: new Date(0).toISOString() };
    for (const [slug, p] of Object.entries(this.state.posts)) {
      if (p.claim?.run === this.claim.run) p.claim = { ...expired };
      if (Object.keys(p).length === 0) delete this.state.posts[slug];
    }
    if (this.state.board?.claim?.run === this.claim.run) this.state.board.claim = { ...expired };
    if (this.state.board && Object.keys(this.state.board).length === 0) delete this.state.board;
    if (this.rec.ok && this.plan.revision !== undefined && !this.ledgerDown) this.state.revision = this.plan.revision;
    // A failed run still anchors where its events start, so the next run (for any push) begins there.
    else if (this.state.revision === undefined && this.plan.since !== undefined) this.state.revision = this.plan.since;
    if (!(await this.flush('finish sync run')) && this.ledgerDown) {
      this.rec.add({ id: 'ledger', target: 'discord' }, 'failed', this.ledgerDown);
    }
  }

  // ---- Discord --------------------------------------------------------------------------------------------------

  private async discord(discord: DiscordSyncPort, ops: SyncOperation[]): Promise<void> {
    if (this.refused) {
      for (const op of ops) this.rec.add(op, 'failed', this.refused);
      return;
    }
    await this.recover(discord);
    const first = await this.claimAndCommit(discord, ops);
    if (!first) {
      for (const op of ops) this.rec.add(op, 'failed', this.ledgerDown);
      return;
    }
    let blocked = first;
    // Another run is sending some of these: wait for its claims to end (bounded by the TTL), then look again.
    for (let attempt = 0; attempt < 2 && blocked.size > 0; attempt++) {
      const waitMs = this.claimWait(ops.filter((op) => blocked.has(op.id)));
      this.log(`waiting ${Math.ceil(waitMs / 1000)} s for another sync run to finish ${blocked.size} item(s)`);
      await (this.ports.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(waitMs);
      this.checkAbort();
      try {
        this.state = mergeLedgers(await this.ports.ledger.read(), this.state, undefined, this.ttl);
      } catch (error) {
        this.guard(error);
      }
      await this.recover(discord);
      const again = await this.claimAndCommit(discord, ops);
      if (!again) break;
      blocked = again;
    }
    this.creations = ops.flatMap((op) => (op.kind === 'discord.project-post' && !blocked.has(op.id) ? [op.slug] : []));
    for (const op of ops) {
      const why = blocked.get(op.id);
      if (why) {
        this.rec.add(op, why.failed ? 'failed' : 'skipped', why.reason);
        // News whose other events are fine still goes out; those are claimed by this run.
        if (!(op.kind === 'discord.news' && why.reason.startsWith('part of it'))) continue;
      }
      if (this.ledgerDown || this.discordDown) {
        this.rec.add(op, 'failed', `not tried: ${this.discordDown ?? this.ledgerDown}`);
        continue;
      }
      this.checkAbort();
      if (op.kind === 'discord.project-post') await this.projectPost(discord, op);
      else if (op.kind === 'discord.news') await this.news(discord, op);
      else if (op.kind === 'discord.status-board') await this.board(discord, op);
      else if (op.kind === 'discord.proposal') await this.proposal(discord, op);
    }
  }

  /**
   * Claims and commits until what is committed is exactly what this run will send; undefined when the ledger is down.
   * Without search (webhook) the claims are committed by the flush every creation makes just before it is sent, so
   * they are not committed here (one GitHub write fewer per run).
   */
  private async claimAndCommit(
    discord: DiscordSyncPort,
    ops: SyncOperation[],
  ): Promise<Map<string, Blocked> | undefined> {
    if (!discord.canSearch) return this.claimAll(ops);
    for (let round = 0; round < 4; round++) {
      const blocked = this.claimAll(ops);
      if (serialiseLedger(this.state) === this.written) return blocked;
      if (!(await this.flush('claim deliveries'))) return undefined;
    }
    return this.claimAll(ops);
  }

  private claimWait(ops: SyncOperation[]): number {
    const ats: number[] = [];
    const add = (c: LedgerClaim | undefined) => {
      if (c && c.run !== this.claim.run) ats.push(Date.parse(c.at));
    };
    for (const op of ops) {
      if (op.kind === 'discord.project-post') add(this.state.posts[op.slug]?.claim);
      if (op.kind === 'discord.status-board') add(this.state.board?.claim);
      for (const id of eventIds(op)) add(this.state.events[id]?.claim);
    }
    const latest = Math.max(...ats, this.now().getTime() - this.ttl);
    return Math.min(this.ttl, Math.max(0, latest + this.ttl - this.now().getTime()) + 1_000);
  }

  /**
   * Claims what each operation will send, in memory (committed by the next flush). Returns the operations that
   * another live run holds. Called again after a flush, since the merge may hand a claim to the other run.
   */
  private claimAll(ops: SyncOperation[]): Map<string, Blocked> {
    const blocked = new Map<string, Blocked>();
    const busy = { reason: 'another sync run is sending this right now; it will be done by that run' };
    const unknown = {
      reason:
        'an interrupted run may have sent this, and looking it up failed; the next run looks again and sends it only if it is missing',
      failed: true,
    };
    for (const op of ops) {
      if (op.kind === 'discord.project-post') {
        const entry = this.postEntry(op.slug);
        if (entry.messageId) continue;
        if (this.unresolved.has(`post:${op.slug}`)) blocked.set(op.id, unknown);
        else if (this.live(entry.claim)) blocked.set(op.id, busy);
        else entry.claim = { ...this.claim };
      } else if (op.kind === 'discord.status-board') {
        const entry = this.boardEntry();
        if (entry.messageId) continue;
        if (this.unresolved.has('board')) blocked.set(op.id, unknown);
        else if (this.live(entry.claim)) blocked.set(op.id, busy);
        else entry.claim = { ...this.claim };
      } else if (op.kind === 'discord.news' || op.kind === 'discord.proposal') {
        const events = op.kind === 'discord.news' ? op.events : [op.event];
        let open = 0;
        for (const e of events) {
          const entry = this.state.events[e.id];
          if (entry && entry.state !== 'pending') continue;
          if (entry && this.live(entry.claim)) continue;
          if (this.unresolved.has(`event:${e.id}`)) continue;
          open += 1;
          this.state.events[e.id] = {
            ...entry,
            state: 'pending',
            project: e.project,
            marker: eventMarker(e.id),
            ...(op.kind === 'discord.proposal' ? { via: 'proposal' as const } : {}),
            claim: { ...this.claim },
          };
        }
        const foreign = events.some((e) => this.live(this.state.events[e.id]?.claim));
        const doubt = events.some((e) => this.unresolved.has(`event:${e.id}`));
        if (doubt) blocked.set(op.id, open === 0 ? unknown : { ...unknown, reason: `part of it: ${unknown.reason}` });
        else if (open === 0 && foreign) blocked.set(op.id, busy);
      }
    }
    return blocked;
  }

  /** Looks up what runs that were lost (claims expired or released) may have sent, before anything new is sent. */
  private async recover(discord: DiscordSyncPort): Promise<void> {
    const stale = (c: LedgerClaim | undefined) => !this.live(c) && c?.run !== this.claim.run;
    for (const [slug, entry] of Object.entries(this.state.posts)) {
      if (entry.messageId || !entry.claim || !stale(entry.claim)) continue;
      if (!discord.canSearch) {
        if (entry.attempt) {
          this.rec.warn(
            `the forum post of ${slug} may have been created by an interrupted run; webhook mode cannot check, so it is created again — if two posts appear, delete the one without replies`,
          );
        }
        delete entry.claim;
        delete entry.attempt;
        continue;
      }
      try {
        const found = await discord.findProjectPost(slug, this.scope(undefined, true));
        delete entry.claim;
        if (found) Object.assign(entry, found);
      } catch (error) {
        this.guard(error);
        this.unresolved.add(`post:${slug}`);
        this.rec.warn(`could not look up the forum post of ${slug}: ${message(error)}`);
      }
    }
    const board = this.state.board;
    if (board && !board.messageId && board.claim && stale(board.claim)) {
      delete board.attempt;
      try {
        const found = discord.canSearch ? await discord.findStatusBoard(this.scope(undefined, true)) : undefined;
        delete board.claim;
        if (found) Object.assign(board, found);
      } catch (error) {
        this.guard(error);
        this.unresolved.add('board');
      }
    }
    // Pending events: group by thread so each thread is read once.
    const byThread = new Map<string, string[]>();
    for (const [id, e] of Object.entries(this.state.events)) {
      if (e.state !== 'pending' || !stale(e.claim)) continue;
      if (!discord.canSearch) {
        if (!e.attempt) {
          // Claimed by a lost run but never sent: free to send.
          delete this.state.events[id];
          continue;
        }
        e.state = 'unconfirmed';
        delete e.claim;
        delete e.attempt;
        this.rec.warn(
          'some Discord messages may or may not have been sent by an interrupted run; webhook mode cannot check, so they are not sent again — add a bot token (discord-bot-token) for exactly-once delivery',
        );
        continue;
      }
      if (e.via === 'proposal') {
        try {
          const found = await discord.findProposal(e.marker, this.scope(undefined, true));
          if (found)
            this.state.events[id] = {
              state: 'delivered',
              project: e.project,
              marker: e.marker,
              via: 'proposal',
              ...found,
            };
          else delete this.state.events[id];
        } catch (error) {
          this.guard(error);
          this.unresolved.add(`event:${id}`);
          this.rec.warn(`could not look up an earlier proposal post: ${message(error)}`);
        }
        continue;
      }
      const threadId = e.threadId ?? this.state.posts[e.project]?.threadId;
      if (!threadId) {
        // The thread itself is in doubt: so is the message.
        if (this.unresolved.has(`post:${e.project}`)) this.unresolved.add(`event:${id}`);
        // Without a thread the message cannot have been sent.
        else delete this.state.events[id];
        continue;
      }
      byThread.set(threadId, [...(byThread.get(threadId) ?? []), id]);
    }
    for (const [threadId, ids] of byThread) {
      try {
        const found = await discord.findMessages(
          threadId,
          ids.map((id) => this.state.events[id]!.marker),
        );
        for (const id of ids) {
          const e = this.state.events[id]!;
          const messageId = found.get(e.marker);
          if (messageId)
            this.state.events[id] = { state: 'delivered', project: e.project, marker: e.marker, messageId, threadId };
          else delete this.state.events[id];
        }
      } catch (error) {
        this.guard(error);
        for (const id of ids) this.unresolved.add(`event:${id}`);
        this.rec.warn(`could not look up earlier messages in thread ${threadId}: ${message(error)}`);
      }
    }
  }

  /** Look-ups skip the threads the ledger accounts for; `thorough` reads the others' first messages too. */
  private scope(title: string | undefined, thorough = this.thorough): LookupScope {
    const known = new Set<string>();
    for (const p of Object.values(this.state.posts)) if (p.threadId) known.add(p.threadId);
    if (this.state.board?.threadId) known.add(this.state.board.threadId);
    for (const e of Object.values(this.state.events)) if (e.via === 'proposal' && e.threadId) known.add(e.threadId);
    return { known, thorough, ...(title === undefined ? {} : { title }) };
  }

  /**
   * Bot mode, before creating something: is it already there (sent by a run whose record was lost)? The location
   * when it is; undefined when it is not; 'failed' (recorded) when the look-up failed, so nothing is created.
   */
  private async lookUp<T>(
    discord: DiscordSyncPort,
    op: SyncOperation,
    what: string,
    find: () => Promise<T | undefined>,
  ): Promise<T | undefined | 'failed'> {
    if (!discord.canSearch) return undefined;
    try {
      return await find();
    } catch (error) {
      this.guard(error);
      this.targetFailed(error);
      this.rec.add(
        op,
        'failed',
        `could not look for ${what} before creating it (${message(error)}); nothing was created, so nothing is there twice — the next run looks again`,
      );
      return 'failed';
    }
  }

  private targetFailed(error: unknown): void {
    if (failureKind(error) === 'target') this.discordDown = message(error);
  }

  /**
   * Edits a forum post or the board where the ledger says it is. 'settled' when nothing more is to be done this
   * run (edited, already up to date, or failed and recorded); 'create' when Discord says it is gone: `forget` has
   * replaced the ledger entry with this run's claim, committed before anything is created again.
   */
  private async editKnown(
    op: DiscordProjectPostOp | DiscordStatusBoardOp,
    entry: { hash?: string },
    edit: () => Promise<void>,
    verify: () => Promise<'unchanged' | 'updated'>,
    forget: () => void,
    why: string,
  ): Promise<'settled' | 'create'> {
    if (entry.hash === op.hash && !op.force) {
      this.rec.add(op, 'skipped', 'already up to date');
      return 'settled';
    }
    try {
      if (entry.hash === op.hash) {
        // A reconcile of something up to date: reads say whether it is still there; nothing is edited to find out.
        const outcome = await verify();
        if (outcome === 'unchanged') this.rec.add(op, 'skipped', 'checked: still there and up to date');
        else this.rec.add(op, 'updated', 'its title or status tag had changed in Discord and was set again');
        return 'settled';
      }
      await edit();
      entry.hash = op.hash;
      this.rec.add(op, 'updated');
      await this.touched();
      return 'settled';
    } catch (error) {
      this.guard(error);
      if (failureKind(error) !== 'missing') {
        this.targetFailed(error);
        this.rec.add(op, 'failed', message(error));
        return 'settled';
      }
      forget();
      if (!(await this.flush(why))) {
        this.rec.add(op, 'failed', this.ledgerDown);
        return 'settled';
      }
      return 'create';
    }
  }

  /**
   * A post or board found by its marker although the ledger did not know it (sent by a run whose record was lost):
   * it is recorded and brought up to date instead of created again.
   */
  private async adopt(op: DiscordProjectPostOp | DiscordStatusBoardOp, edit: () => Promise<void>): Promise<boolean> {
    try {
      await edit();
      this.rec.add(
        op,
        'updated',
        'found in Discord by its marker (the ledger had no record of it) and brought up to date',
      );
      return true;
    } catch (error) {
      this.guard(error);
      this.targetFailed(error);
      this.rec.add(op, 'failed', `found in Discord by its marker, but updating it failed: ${message(error)}`);
      return false;
    }
  }

  private async projectPost(discord: DiscordSyncPort, op: DiscordProjectPostOp): Promise<void> {
    const entry = this.postEntry(op.slug);
    let deleted = false;
    if (entry.messageId && entry.threadId) {
      const location = { threadId: entry.threadId, messageId: entry.messageId };
      const next = await this.editKnown(
        op,
        entry,
        () => discord.editProjectPost(op, location),
        () => discord.verifyProjectPost(op, location),
        () => {
          this.log(`the forum post of ${op.slug} was deleted in Discord; creating it again`);
          delete entry.threadId;
          delete entry.messageId;
          delete entry.hash;
          entry.claim = { ...this.claim };
        },
        'claim a new forum post',
      );
      if (next === 'settled') return;
      deleted = true;
    }
    if (!(await this.beforeCreate(discord, () => this.postEntry(op.slug), op.slug))) {
      this.rec.add(op, 'failed', this.ledgerDown ?? 'another sync run is creating it');
      return;
    }
    if (!deleted) {
      const found = await this.lookUp(discord, op, `the forum post of ${op.slug}`, () =>
        discord.findProjectPost(op.slug, this.scope(op.project.title)),
      );
      if (found === 'failed') return;
      if (found) {
        const current = this.postEntry(op.slug);
        delete current.claim;
        Object.assign(current, found);
        if (await this.adopt(op, () => discord.editProjectPost(op, found))) current.hash = op.hash;
        await this.touched();
        return;
      }
    }
    const created = await this.createWithRecovery(
      discord,
      () => discord.createProjectPost(op),
      () => discord.findProjectPost(op.slug, this.scope(op.project.title, true)),
    );
    if ('error' in created) {
      // Refused outright: nothing was created, so nothing needs looking up.
      if (!created.maybe) {
        delete this.postEntry(op.slug).claim;
        delete this.postEntry(op.slug).attempt;
      }
      this.rec.add(op, 'failed', created.error);
      return;
    }
    const current = this.postEntry(op.slug);
    delete current.claim;
    delete current.attempt;
    Object.assign(current, created.at, { hash: op.hash });
    this.createdThreads.add(created.at.threadId);
    this.rec.add(op, 'created');
    await this.touched();
  }

  /**
   * Without search (webhook only), "maybe created" goes on record before the create, together with what was
   * delivered before it, so a lost runner leaves at most this one in doubt. False when it cannot be recorded.
   */
  private async beforeCreate(
    discord: DiscordSyncPort,
    entry: () => { claim?: LedgerClaim; attempt?: true; messageId?: string },
    slug?: string,
  ): Promise<boolean> {
    if (discord.canSearch) return true;
    if (!entry().attempt) {
      entry().attempt = true;
      // Forum posts go on record ten at a time: one ledger commit per ten posts, at most ten in doubt.
      if (slug !== undefined) {
        const at = this.creations.indexOf(slug);
        for (const next of this.creations.slice(at + 1, at + 10)) {
          const e = this.state.posts[next];
          if (e && !e.messageId && e.claim?.run === this.claim.run) e.attempt = true;
        }
      }
      if (!(await this.flush('create'))) return false;
    }
    // The flush may have merged in another run's work: it must still be this run's to create.
    const now = entry();
    return now.messageId === undefined && (now.claim === undefined || now.claim.run === this.claim.run);
  }

  /**
   * Creates something once: on an ambiguous failure, looks it up (bot) and creates again only when it is not there.
   * Without search the claim stays, so the next run decides.
   */
  private async createWithRecovery<T>(
    discord: DiscordSyncPort,
    create: () => Promise<T>,
    find: () => Promise<T | undefined>,
  ): Promise<{ at: T } | { error: string; maybe: boolean }> {
    for (let attempt = 0; ; attempt++) {
      try {
        return { at: await create() };
      } catch (error) {
        this.guard(error);
        const kind = failureKind(error);
        if (kind !== 'ambiguous' || !discord.canSearch) {
          this.targetFailed(error);
          return {
            error:
              kind === 'ambiguous'
                ? `${message(error)}; it may have been created anyway, and webhook mode cannot check — the next run decides`
                : message(error),
            maybe: kind === 'ambiguous',
          };
        }
        try {
          const found = await find();
          if (found) return { at: found };
        } catch (lookup) {
          this.guard(lookup);
          return { error: `${message(error)}; looking it up failed too: ${message(lookup)}`, maybe: true };
        }
        if (attempt >= 1) return { error: message(error), maybe: true };
      }
    }
  }

  private async news(discord: DiscordSyncPort, op: DiscordNewsOp): Promise<void> {
    const events = op.events.filter((e) => {
      const entry = this.state.events[e.id];
      return entry?.state === 'pending' && entry.claim?.run === this.claim.run;
    });
    if (events.length === 0) {
      this.rec.add(op, 'skipped', 'already sent');
      return;
    }
    const threadId = this.state.posts[op.slug]?.threadId;
    if (!threadId) {
      for (const e of events) delete this.state.events[e.id];
      this.rec.add(
        op,
        'failed',
        `${op.slug} has no forum post to post news in (its creation failed above); the next run sends it`,
      );
      return;
    }
    for (const e of events) this.state.events[e.id]!.threadId = threadId;
    const markers = events.map((e) => eventMarker(e.id));
    const delivered = (messageId: string, ids: readonly string[]) => {
      for (const id of ids) {
        const entry = this.state.events[id]!;
        this.state.events[id] = {
          state: 'delivered',
          project: entry.project,
          marker: entry.marker,
          messageId,
          threadId,
        };
      }
    };
    let remaining = events;
    if (discord.canSearch && !this.createdThreads.has(threadId)) {
      // Sent already by a run whose record was lost? The thread's recent messages carry the markers.
      const found = await this.lookUp(discord, op, `this news in the thread of ${op.slug}`, () =>
        discord.findMessages(threadId, markers),
      );
      if (found === 'failed') return;
      for (const e of remaining) {
        const messageId = found?.get(eventMarker(e.id));
        if (messageId) delivered(messageId, [e.id]);
      }
      remaining = remaining.filter((e) => this.state.events[e.id]?.state === 'pending');
      if (remaining.length === 0) {
        this.rec.add(op, 'skipped', 'already in the thread (found by its marker)');
        return;
      }
    }
    if (!discord.canSearch) {
      // Without search, "maybe sent" must be on record before the message goes (with the deliveries before it).
      for (const e of remaining) this.state.events[e.id]!.attempt = true;
      if (!(await this.flush('send news'))) {
        this.rec.add(op, 'failed', this.ledgerDown);
        return;
      }
      if (remaining.some((e) => this.state.events[e.id]?.claim?.run !== this.claim.run)) {
        this.rec.add(op, 'skipped', 'another sync run is sending this right now; it will be done by that run');
        return;
      }
    }
    for (let attempt = 0; remaining.length > 0; attempt++) {
      try {
        const { messageId } = await discord.postNews({ ...op, events: remaining }, threadId);
        delivered(
          messageId,
          remaining.map((e) => e.id),
        );
        this.rec.add(op, 'created');
        await this.touched();
        return;
      } catch (error) {
        this.guard(error);
        const kind = failureKind(error);
        if (kind === 'ambiguous' && !discord.canSearch) {
          for (const e of remaining) {
            const entry = this.state.events[e.id]!;
            entry.state = 'unconfirmed';
            delete entry.claim;
            delete entry.attempt;
          }
          this.rec.add(
            op,
            'failed',
            `${message(error)}; the message may have arrived, and webhook mode cannot check, so it is not sent again (add a bot token for exactly-once delivery)`,
          );
          await this.touched();
          return;
        }
        if (kind !== 'ambiguous') {
          if (kind !== 'missing') this.targetFailed(error);
          for (const e of remaining) delete this.state.events[e.id];
          this.rec.add(op, 'failed', message(error));
          return;
        }
        try {
          const found = await discord.findMessages(threadId, markers);
          for (const e of remaining) {
            const messageId = found.get(eventMarker(e.id));
            if (messageId) delivered(messageId, [e.id]);
          }
          remaining = remaining.filter((e) => this.state.events[e.id]?.state === 'pending');
          if (remaining.length === 0) {
            this.rec.add(op, 'created');
            await this.touched();
            return;
          }
        } catch (lookup) {
          this.guard(lookup);
          this.rec.add(
            op,
            'failed',
            `${message(error)}; looking it up failed too (${message(lookup)}); the next run looks again`,
          );
          return;
        }
        if (attempt >= 1) {
          this.rec.add(op, 'failed', `${message(error)}; the next run looks for it and sends it if it is missing`);
          return;
        }
      }
    }
  }

  private async board(discord: DiscordSyncPort, op: DiscordStatusBoardOp): Promise<void> {
    const entry = this.boardEntry();
    let moved = false;
    if (entry.messageId) {
      const at = locationOf(entry);
      const next = await this.editKnown(
        op,
        entry,
        () => discord.editStatusBoard(op, at),
        async () => {
          await discord.verifyStatusBoard(op, at);
          return 'unchanged';
        },
        () => {
          this.state.board = { claim: { ...this.claim } };
        },
        'claim a new status board',
      );
      if (next === 'settled') return;
      moved = true;
    }
    if (!(await this.beforeCreate(discord, () => this.boardEntry()))) {
      this.rec.add(op, 'failed', this.ledgerDown ?? 'another sync run is creating it');
      return;
    }
    if (!moved) {
      const found = await this.lookUp(discord, op, 'the status board', () =>
        discord.findStatusBoard(this.scope(undefined)),
      );
      if (found === 'failed') return;
      if (found) {
        this.state.board = { ...found };
        if (await this.adopt(op, () => discord.editStatusBoard(op, found))) this.state.board.hash = op.hash;
        await this.touched();
        return;
      }
    }
    const created = await this.createWithRecovery(
      discord,
      () => discord.createStatusBoard(op),
      () => discord.findStatusBoard(this.scope(undefined, true)),
    );
    if ('error' in created) {
      if (!created.maybe) {
        delete this.boardEntry().claim;
        delete this.boardEntry().attempt;
      }
      this.rec.add(op, 'failed', created.error);
      return;
    }
    this.state.board = { ...created.at, hash: op.hash };
    this.rec.add(op, 'created');
    await this.touched();
  }

  private async proposal(discord: DiscordSyncPort, op: DiscordProposalOp): Promise<void> {
    const entry = this.state.events[op.event.id];
    if (!(entry?.state === 'pending' && entry.claim?.run === this.claim.run)) {
      this.rec.add(op, 'skipped', 'already sent');
      return;
    }
    const marker = eventMarker(op.event.id);
    const record = (at: { threadId: string; messageId: string }) => {
      this.state.events[op.event.id] = {
        state: 'delivered',
        project: op.event.project,
        marker,
        via: 'proposal',
        ...at,
      };
    };
    const found = await this.lookUp(discord, op, `the announcement of proposal #${op.event.issue}`, () =>
      discord.findProposal(marker, this.scope(op.event.title)),
    );
    if (found === 'failed') return;
    if (found) {
      record(found);
      this.rec.add(op, 'skipped', 'already announced (found by its marker)');
      return;
    }
    const created = await this.createWithRecovery(
      discord,
      () => discord.createProposal(op, marker),
      () => discord.findProposal(marker, this.scope(op.event.title, true)),
    );
    if ('error' in created) {
      if (!discord.canSearch && created.maybe) entry.state = 'unconfirmed';
      else delete this.state.events[op.event.id];
      this.rec.add(op, 'failed', created.error);
      return;
    }
    record(created.at);
    this.rec.add(op, 'created');
    await this.touched();
  }
}

function locationOf(entry: { channelId?: string; threadId?: string; messageId?: string }) {
  return {
    messageId: entry.messageId!,
    ...(entry.channelId ? { channelId: entry.channelId } : {}),
    ...(entry.threadId ? { threadId: entry.threadId } : {}),
  };
}

function eventIds(op: SyncOperation): string[] {
  if (op.kind === 'discord.news') return op.events.map((e) => e.id);
  if (op.kind === 'discord.proposal') return [op.event.id];
  return [];
}
