import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { Changes } from '../../changes.ts';
import type { Recorder } from '../../recorder.ts';
import type { DiscordShapes } from '../shapes.ts';
import { compareIds, type DiscordState, type GuildEvent, type GuildRecord, type MemberRecord } from '../state.ts';
import { type GatewayFaultKind, GatewayFaultPlan, type GatewayFaultSpec } from './faults.ts';
import { INTENTS, KNOWN_INTENTS, PRIVILEGED, type PrivilegedIntent, wantsEvent } from './intents.ts';

/** Gateway opcodes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-opcodes). */
export const OP = {
  dispatch: 0,
  heartbeat: 1,
  identify: 2,
  presenceUpdate: 3,
  voiceStateUpdate: 4,
  resume: 6,
  reconnect: 7,
  requestGuildMembers: 8,
  invalidSession: 9,
  hello: 10,
  heartbeatAck: 11,
  requestSoundboardSounds: 31,
  requestChannelInfo: 43,
} as const;

/** Gateway close codes the fake sends. */
export const CLOSE = {
  unknownError: 4000,
  unknownOpcode: 4001,
  decodeError: 4002,
  notAuthenticated: 4003,
  authenticationFailed: 4004,
  alreadyAuthenticated: 4005,
  invalidSeq: 4007,
  rateLimited: 4008,
  sessionTimedOut: 4009,
  invalidShard: 4010,
  invalidApiVersion: 4012,
  invalidIntents: 4013,
  disallowedIntents: 4014,
} as const;

export interface GatewayOptions {
  /** HELLO's heartbeat_interval; default 41250 ms as Discord sends. The fake never closes for a late heartbeat by itself. */
  heartbeatIntervalMs?: number;
  /** Privileged intents enabled in the developer portal; each defaults to true. A disabled one asked for closes with 4014. */
  privilegedIntents?: Partial<Record<PrivilegedIntent, boolean>>;
  /** GET /gateway/bot's session_start_limit; default total 1000, max_concurrency 1. */
  sessionStartLimit?: { total?: number; maxConcurrency?: number };
  /** GET /gateway/bot's recommended `shards`; default 1. */
  shards?: number;
}

export interface GatewayStats {
  /** WebSocket connections opened (each gets a HELLO). */
  connections: number;
  identifies: number;
  /** READY events sent (identifies that started a session). */
  ready: number;
  /** RESUME payloads received. */
  resumes: number;
  /** RESUMED events sent (resumes that worked). */
  resumed: number;
  /** Dispatches replayed by successful resumes. */
  replayed: number;
  invalidSessions: number;
  reconnectsSent: number;
  heartbeats: number;
  heartbeatAcks: number;
  /** Dispatches delivered or queued for a session (READY and GUILD_CREATE included). */
  dispatches: number;
}

export interface GatewayConnectionInfo {
  id: number;
  /** The path the client connected to: /gateway, or /gateway/resume (the resume_gateway_url). */
  path: string;
  query: Record<string, string>;
  open: boolean;
  sessionId: string | null;
  /** How it ended: the code and who closed it ('drop' when the socket went away without a close frame). */
  closed: { code: number; by: 'client' | 'server' | 'drop' } | null;
}

export interface GatewaySessionInfo {
  id: string;
  seq: number;
  intents: number;
  shard: [number, number];
  guilds: string[];
  connected: boolean;
  invalidated: boolean;
  largeThreshold: number;
  /** The identify's `properties` (os, browser, device). */
  properties: Record<string, unknown>;
}

interface Payload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

interface Session {
  id: string;
  seq: number;
  /** Dispatches not yet acknowledged by a heartbeat, for RESUME to replay. */
  log: Payload[];
  intents: number;
  shard: [number, number];
  guildIds: Set<string>;
  largeThreshold: number;
  properties: Record<string, unknown>;
  connection: Connection | null;
  invalidated: boolean;
}

interface Connection {
  id: number;
  ws: WebSocket;
  path: string;
  query: Record<string, string>;
  session: Session | null;
  /** Identified or resumed on this connection. */
  authenticated: boolean;
  /** Delivering dispatches (false while a RESUME replays, or after INVALID_SESSION). */
  live: boolean;
  lastHeartbeatAt: number;
  /** Wall-clock receive times, for the 120 payloads per 60 s limit. */
  received: number[];
  closed: GatewayConnectionInfo['closed'];
}

const REPLAY_LIMIT = 50_000;
const SEND_LIMIT = { count: 120, windowMs: 60_000 };
const MAX_PAYLOAD_BYTES = 4096;

/** Discord's API v10 gateway over JSON, on the fake's own HTTP server at /gateway. */
export class GatewayServer {
  readonly faults = new GatewayFaultPlan();
  readonly stats: GatewayStats = {
    connections: 0,
    identifies: 0,
    ready: 0,
    resumes: 0,
    resumed: 0,
    replayed: 0,
    invalidSessions: 0,
    reconnectsSent: 0,
    heartbeats: 0,
    heartbeatAcks: 0,
    dispatches: 0,
  };
  readonly heartbeatIntervalMs: number;
  readonly #state: DiscordState;
  readonly #shapes: () => DiscordShapes;
  readonly #botToken: string;
  readonly #recorder: Recorder;
  readonly #changes: Changes;
  readonly #privileged: Record<PrivilegedIntent, boolean>;
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  readonly #sessions = new Map<string, Session>();
  readonly #connections: Connection[] = [];
  readonly #sessionLimit: { total: number; remaining: number; maxConcurrency: number };
  readonly #shards: number;
  #origin = '';
  #nextConnection = 1;

  constructor(deps: {
    state: DiscordState;
    shapes: () => DiscordShapes;
    botToken: string;
    recorder: Recorder;
    changes: Changes;
    options?: GatewayOptions;
  }) {
    const options = deps.options ?? {};
    this.#state = deps.state;
    this.#shapes = deps.shapes;
    this.#botToken = deps.botToken;
    this.#recorder = deps.recorder;
    this.#changes = deps.changes;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.#privileged = {
      guildMembers: options.privilegedIntents?.guildMembers ?? true,
      guildPresences: options.privilegedIntents?.guildPresences ?? true,
      messageContent: options.privilegedIntents?.messageContent ?? true,
    };
    const total = options.sessionStartLimit?.total ?? 1000;
    this.#sessionLimit = { total, remaining: total, maxConcurrency: options.sessionStartLimit?.maxConcurrency ?? 1 };
    this.#shards = options.shards ?? 1;
    this.#state.onEvent((event) => this.#dispatchGuildEvent(event));
  }

  /** Called once the HTTP server listens. */
  attach(origin: string): void {
    this.#origin = origin.replace(/^http/, 'ws');
  }

  get url(): string {
    return `${this.#origin}/gateway`;
  }

  get resumeUrl(): string {
    return `${this.#origin}/gateway/resume`;
  }

  /** Whether the application has a privileged intent enabled in the (fake) developer portal. */
  privilegedEnabled(intent: PrivilegedIntent): boolean {
    return this.#privileged[intent];
  }

  /** GET /gateway/bot's body. */
  botInfo(): Record<string, unknown> {
    return {
      url: this.url,
      shards: this.#shards,
      session_start_limit: {
        total: this.#sessionLimit.total,
        remaining: this.#sessionLimit.remaining,
        reset_after: 86_400_000,
        max_concurrency: this.#sessionLimit.maxConcurrency,
      },
    };
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname !== '/gateway' && url.pathname !== '/gateway/resume') {
      socket.destroy();
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#open(ws, url));
  }

  // --- test controls ------------------------------------------------------------------------------

  sessions(): GatewaySessionInfo[] {
    return [...this.#sessions.values()].map((s) => ({
      id: s.id,
      seq: s.seq,
      intents: s.intents,
      shard: s.shard,
      guilds: [...s.guildIds],
      connected: s.connection !== null,
      invalidated: s.invalidated,
      largeThreshold: s.largeThreshold,
      properties: s.properties,
    }));
  }

  connections(): GatewayConnectionInfo[] {
    return this.#connections.map((c) => ({
      id: c.id,
      path: c.path,
      query: c.query,
      open: c.closed === null,
      sessionId: c.session?.id ?? null,
      closed: c.closed,
    }));
  }

  /** Sends a raw dispatch to every session that has the guild (null: shard 0, like DMs), honouring intents. */
  dispatch(guildId: string | null, t: string, d: unknown): void {
    this.#dispatchGuildEvent({ guildId, t, d });
  }

  /** Drops every open connection: without a close frame, or with `code` when given. Returns how many. */
  drop(options: { code?: number } = {}): number {
    const open = this.#open_();
    for (const c of open) {
      if (options.code === undefined) this.#terminate(c);
      else this.#close(c, options.code, 'closed by the test');
    }
    return open.length;
  }

  /** Sends RECONNECT (op 7) on every open connection. */
  reconnect(): number {
    const open = this.#open_();
    for (const c of open) {
      this.#send(c, { op: OP.reconnect, d: null, s: null, t: null });
      this.stats.reconnectsSent++;
    }
    this.#changes.notify();
    return open.length;
  }

  /** Sends INVALID_SESSION (op 9) on every authenticated connection; not resumable ends the session. */
  invalidateSession(options: { resumable?: boolean } = {}): number {
    const resumable = options.resumable ?? false;
    const open = this.#open_().filter((c) => c.authenticated);
    for (const c of open) this.#invalidate(c, resumable);
    this.#changes.notify();
    return open.length;
  }

  /** Sends a heartbeat request (op 1); clients answer with a heartbeat at once. */
  requestHeartbeat(): number {
    const open = this.#open_();
    for (const c of open) this.#send(c, { op: OP.heartbeat, d: null, s: null, t: null });
    return open.length;
  }

  /**
   * Closes, as Discord closes a zombie connection, every connection whose last heartbeat is older than
   * the heartbeat interval by the fake's clock. Only this call ever fails a client for heartbeating late,
   * so with a virtual clock the test decides when a heartbeat is late.
   */
  expireHeartbeats(): number {
    const now = this.#state.now().getTime();
    const late = this.#open_().filter((c) => now - c.lastHeartbeatAt > this.heartbeatIntervalMs);
    for (const c of late) this.#close(c, CLOSE.sessionTimedOut, 'Session timed out');
    return late.length;
  }

  async close(): Promise<void> {
    for (const c of this.#open_()) this.#terminate(c);
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  // --- connections --------------------------------------------------------------------------------

  #open_(): Connection[] {
    return this.#connections.filter((c) => c.closed === null);
  }

  #open(ws: WebSocket, url: URL): void {
    const query = Object.fromEntries(url.searchParams);
    const connection: Connection = {
      id: this.#nextConnection++,
      ws,
      path: url.pathname,
      query,
      session: null,
      authenticated: false,
      live: false,
      lastHeartbeatAt: this.#state.now().getTime(),
      received: [],
      closed: null,
    };
    this.#connections.push(connection);
    this.stats.connections++;
    ws.on('message', (data, isBinary) => this.#receive(connection, data, isBinary));
    ws.on('close', (code) => this.#closed(connection, code));
    ws.on('error', () => this.#terminate(connection));

    if (query.v !== '10') {
      this.#violation(connection, `connect with ?v=10 (got v=${query.v ?? 'nothing'}); the fake speaks API v10 only`);
      this.#close(connection, CLOSE.invalidApiVersion, 'Invalid API version');
      return;
    }
    if ((query.encoding ?? 'json') !== 'json' || query.compress !== undefined) {
      this.#violation(
        connection,
        `the fake gateway speaks encoding=json without transport compression (got encoding=${query.encoding}, compress=${query.compress})`,
      );
      this.#close(connection, CLOSE.invalidApiVersion, 'The fake gateway speaks JSON without transport compression');
      return;
    }
    const fault = this.faults.take('connect');
    if (fault && this.#strike(connection, fault)) return;
    this.#send(connection, { op: OP.hello, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null });
    this.#changes.notify();
  }

  #closed(connection: Connection, code: number): void {
    if (connection.closed === null) {
      connection.closed = { code, by: code === 1006 ? 'drop' : 'client' };
    }
    const session = connection.session;
    if (session && session.connection === connection) {
      session.connection = null;
      // Closing with 1000 or 1001 ends the session; any other code (or none) keeps it resumable.
      if (connection.closed.by === 'client' && (code === 1000 || code === 1001)) session.invalidated = true;
    }
    connection.live = false;
    this.#changes.notify();
  }

  #terminate(connection: Connection): void {
    if (connection.closed === null) connection.closed = { code: 1006, by: 'drop' };
    connection.ws.terminate();
    this.#closed(connection, 1006);
  }

  #close(connection: Connection, code: number, reason: string): void {
    if (connection.closed === null) connection.closed = { code, by: 'server' };
    connection.live = false;
    connection.ws.close(code, reason);
    this.#changes.notify();
  }

  #send(connection: Connection, payload: Payload): void {
    if (connection.closed !== null) return;
    connection.ws.send(JSON.stringify(payload));
  }

  #violation(connection: Connection, message: string): void {
    this.#recorder.violation('invalid-gateway-payload', 'WS', `${connection.path}#${connection.id}`, message);
  }

  /** Applies a planned fault; true when the connection is gone or must not be answered. */
  #strike(connection: Connection, fault: GatewayFaultSpec): boolean {
    const kind: GatewayFaultKind = fault.kind;
    if (kind === 'drop') this.#terminate(connection);
    else if (kind === 'close') this.#close(connection, fault.code ?? CLOSE.unknownError, 'fault injected by the test');
    else if (kind === 'invalid-session') this.#invalidate(connection, fault.resumable ?? false);
    return true;
  }

  #invalidate(connection: Connection, resumable: boolean): void {
    this.stats.invalidSessions++;
    connection.authenticated = false;
    connection.live = false;
    if (!resumable && connection.session) {
      connection.session.invalidated = true;
      connection.session.connection = null;
      connection.session = null;
    }
    this.#send(connection, { op: OP.invalidSession, d: resumable, s: null, t: null });
  }

  // --- receiving ----------------------------------------------------------------------------------

  #receive(connection: Connection, data: RawData, isBinary: boolean): void {
    if (connection.closed !== null) return;
    const now = Date.now();
    connection.received = connection.received.filter((at) => now - at < SEND_LIMIT.windowMs);
    connection.received.push(now);
    if (connection.received.length > SEND_LIMIT.count) {
      this.#violation(connection, `more than ${SEND_LIMIT.count} payloads in 60 s on one connection`);
      this.#close(connection, CLOSE.rateLimited, 'You are being rate limited.');
      return;
    }
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary || buffer.length > MAX_PAYLOAD_BYTES) {
      this.#violation(
        connection,
        isBinary ? 'a binary frame on a JSON connection' : `a payload of ${buffer.length} bytes (max 4096)`,
      );
      this.#close(connection, CLOSE.decodeError, 'Error while decoding payload.');
      return;
    }
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(buffer.toString('utf8'));
    } catch {
      this.#violation(connection, 'a payload that is not JSON');
      this.#close(connection, CLOSE.decodeError, 'Error while decoding payload.');
      return;
    }
    if (payload === null || typeof payload !== 'object' || !Number.isInteger(payload.op)) {
      this.#violation(connection, 'a payload without an integer op');
      this.#close(connection, CLOSE.decodeError, 'Error while decoding payload.');
      return;
    }
    const op = payload.op as number;
    if (op === OP.heartbeat) this.#heartbeat(connection, payload.d);
    else if (op === OP.identify) this.#identify(connection, payload.d);
    else if (op === OP.resume) this.#resume(connection, payload.d);
    else if (
      op === OP.presenceUpdate ||
      op === OP.voiceStateUpdate ||
      op === OP.requestGuildMembers ||
      op === OP.requestSoundboardSounds ||
      op === OP.requestChannelInfo
    ) {
      if (!connection.authenticated) {
        this.#violation(connection, `op ${op} before IDENTIFY or RESUME`);
        this.#close(connection, CLOSE.notAuthenticated, 'Not authenticated.');
        return;
      }
      if (op === OP.requestGuildMembers) this.#requestGuildMembers(connection, payload.d);
    } else {
      this.#violation(connection, `unknown opcode ${op}`);
      this.#close(connection, CLOSE.unknownOpcode, 'Unknown opcode.');
    }
    this.#changes.notify();
  }

  #heartbeat(connection: Connection, d: unknown): void {
    if (d !== null && d !== undefined && !Number.isInteger(d)) {
      this.#violation(connection, `a heartbeat whose d is ${JSON.stringify(d)}, not the last sequence number or null`);
      this.#close(connection, CLOSE.decodeError, 'Error while decoding payload.');
      return;
    }
    this.stats.heartbeats++;
    connection.lastHeartbeatAt = this.#state.now().getTime();
    const session = connection.session;
    if (session && typeof d === 'number') {
      // What the client acknowledges it has seen never needs replaying.
      const keep = session.log.findIndex((p) => (p.s ?? 0) > d);
      session.log.splice(0, keep === -1 ? session.log.length : keep);
    }
    const fault = this.faults.take('heartbeat');
    if (fault && this.#strike(connection, fault)) return;
    this.stats.heartbeatAcks++;
    this.#send(connection, { op: OP.heartbeatAck, d: null, s: null, t: null });
  }

  #checkToken(connection: Connection, token: unknown): boolean {
    if (token === this.#botToken || token === `Bot ${this.#botToken}`) return true;
    this.#violation(connection, 'an IDENTIFY or RESUME with a token that is not the bot token');
    this.#close(connection, CLOSE.authenticationFailed, 'Authentication failed.');
    return false;
  }

  #identify(connection: Connection, d: unknown): void {
    this.stats.identifies++;
    if (connection.authenticated) {
      this.#violation(connection, 'a second IDENTIFY on an authenticated connection');
      this.#close(connection, CLOSE.alreadyAuthenticated, 'Already authenticated.');
      return;
    }
    const body = (d ?? {}) as Record<string, unknown>;
    const properties = body.properties as Record<string, unknown> | undefined;
    const propertiesOk =
      properties !== null &&
      typeof properties === 'object' &&
      ['os', 'browser', 'device'].every((key) => typeof properties[key] === 'string');
    if (typeof body !== 'object' || typeof body.token !== 'string' || !propertiesOk) {
      this.#violation(connection, 'an IDENTIFY without token and properties {os, browser, device}');
      this.#close(connection, CLOSE.decodeError, 'Error while decoding payload.');
      return;
    }
    if (!this.#checkToken(connection, body.token)) return;
    const intents = body.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0 || (intents & ~KNOWN_INTENTS) !== 0) {
      this.#violation(connection, `intents ${JSON.stringify(intents)} are not a bitfield of documented intents`);
      this.#close(connection, CLOSE.invalidIntents, 'Invalid intent(s).');
      return;
    }
    const disallowed = PRIVILEGED.filter((name) => (intents & INTENTS[name]) !== 0 && !this.#privileged[name]);
    if (disallowed.length > 0) {
      this.#violation(
        connection,
        `privileged intent(s) ${disallowed.join(', ')} asked for but not enabled in the developer portal`,
      );
      this.#close(connection, CLOSE.disallowedIntents, 'Disallowed intent(s).');
      return;
    }
    let shard: [number, number] = [0, 1];
    if (body.shard !== undefined) {
      const [id, count] = Array.isArray(body.shard) ? body.shard : [];
      if (!Number.isInteger(id) || !Number.isInteger(count) || count < 1 || id < 0 || id >= count) {
        this.#violation(connection, `shard ${JSON.stringify(body.shard)} is not [shard_id, num_shards]`);
        this.#close(connection, CLOSE.invalidShard, 'Invalid shard.');
        return;
      }
      shard = [id, count];
    }
    let largeThreshold = 50;
    if (body.large_threshold !== undefined) {
      const value = body.large_threshold;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 50 || value > 250) {
        this.#violation(connection, `large_threshold ${JSON.stringify(value)} is not an integer from 50 to 250`);
      } else {
        largeThreshold = value;
      }
    }
    if (this.#sessionLimit.remaining === 0) {
      this.#violation(connection, 'the daily session start limit is used up: Discord resets the bot token');
      this.#close(connection, CLOSE.authenticationFailed, 'Authentication failed.');
      return;
    }
    const fault = this.faults.take('identify');
    if (fault && this.#strike(connection, fault)) return;
    this.#sessionLimit.remaining--;

    const guildIds = new Set(
      [...this.#state.guilds.values()]
        .filter((g) => g.members.has(this.#state.bot.id))
        .filter((g) => Number((BigInt(g.id) >> 22n) % BigInt(shard[1])) === shard[0])
        .map((g) => g.id),
    );
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      seq: 0,
      log: [],
      intents,
      shard,
      guildIds,
      largeThreshold,
      properties,
      connection,
      invalidated: false,
    };
    this.#sessions.set(session.id, session);
    connection.session = session;
    connection.authenticated = true;
    connection.live = true;
    const shapes = this.#shapes();
    this.#deliver(session, 'READY', {
      v: 10,
      user: { ...shapes.user(this.#state.bot), verified: true, mfa_enabled: false, email: null },
      guilds: [...guildIds].map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.resumeUrl,
      ...(body.shard !== undefined ? { shard } : {}),
      application: { id: this.#state.application.id, flags: this.#state.application.flags },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      user_settings: {},
      geo_ordered_rtc_regions: [],
      _trace: ['["circuitboard-fake-gateway",{"micros":0}]'],
    });
    this.stats.ready++;
    if ((intents & INTENTS.guilds) !== 0) {
      for (const id of guildIds) {
        const guild = this.#state.guilds.get(id);
        if (guild) this.#deliver(session, 'GUILD_CREATE', this.#guildCreate(session, guild));
      }
    }
  }

  #resume(connection: Connection, d: unknown): void {
    this.stats.resumes++;
    if (connection.authenticated) {
      this.#violation(connection, 'a RESUME on a connection that is already identified or resumed');
      this.#close(connection, CLOSE.alreadyAuthenticated, 'Already authenticated.');
      return;
    }
    const body = (d ?? {}) as Record<string, unknown>;
    if (typeof body.session_id !== 'string' || !Number.isInteger(body.seq) || typeof body.token !== 'string') {
      this.#violation(connection, 'a RESUME without token, session_id and an integer seq');
      this.#close(connection, CLOSE.decodeError, 'Error while decoding payload.');
      return;
    }
    if (!this.#checkToken(connection, body.token)) return;
    const fault = this.faults.take('resume');
    if (fault && this.#strike(connection, fault)) return;
    const session = this.#sessions.get(body.session_id);
    const seq = body.seq as number;
    const oldest = session?.log[0]?.s ?? (session ? session.seq + 1 : 0);
    if (!session || session.invalidated || seq < oldest - 1) {
      this.#invalidate(connection, false);
      return;
    }
    if (seq > session.seq) {
      this.#violation(connection, `RESUME with seq ${seq}, but the session has only sent ${session.seq}`);
      this.#close(connection, CLOSE.invalidSeq, 'Invalid seq.');
      return;
    }
    const previous = session.connection;
    if (previous && previous !== connection) {
      previous.session = null;
      this.#terminate(previous);
    }
    if (connection.session && connection.session !== session) connection.session.connection = null;
    session.connection = connection;
    connection.session = session;
    connection.authenticated = true;
    const missed = session.log.filter((p) => (p.s ?? 0) > seq);
    for (const payload of missed) this.#send(connection, payload);
    this.stats.replayed += missed.length;
    connection.live = true;
    this.#deliver(session, 'RESUMED', { _trace: ['["circuitboard-fake-gateway",{"micros":0}]'] });
    this.stats.resumed++;
  }

  // --- dispatching --------------------------------------------------------------------------------

  #deliver(session: Session, t: string, d: unknown): void {
    session.seq++;
    const payload: Payload = { op: OP.dispatch, d, s: session.seq, t };
    session.log.push(payload);
    if (session.log.length > REPLAY_LIMIT) session.log.shift();
    this.stats.dispatches++;
    const connection = session.connection;
    if (!connection?.live) return;
    const fault = this.faults.take('dispatch', t);
    if (fault) {
      // The event stays in the session's log: a RESUME replays it.
      this.#strike(connection, fault);
      return;
    }
    this.#send(connection, payload);
  }

  #dispatchGuildEvent(event: GuildEvent): void {
    const botId = this.#state.bot.id;
    for (const session of this.#sessions.values()) {
      if (session.invalidated) continue;
      if (event.guildId === null ? session.shard[0] !== 0 : !session.guildIds.has(event.guildId)) continue;
      const aboutBot = event.t === 'GUILD_MEMBER_UPDATE' && (event.d as { user?: { id?: string } }).user?.id === botId;
      if (!aboutBot && !wantsEvent(session.intents, event.t)) continue;
      let d = event.d;
      if ((event.t === 'MESSAGE_CREATE' || event.t === 'MESSAGE_UPDATE') && !this.#canRead(session, d)) {
        d = { ...(d as object), content: '', embeds: [], attachments: [], components: [] };
        delete (d as { poll?: unknown }).poll;
      }
      if (event.t === 'GUILD_CREATE' && event.guildId) {
        const guild = this.#state.guilds.get(event.guildId);
        if (guild) d = this.#guildCreate(session, guild);
      }
      this.#deliver(session, event.t, d);
    }
    this.#changes.notify();
  }

  /** Without MESSAGE_CONTENT, only the bot's own messages and those mentioning it keep their content. */
  #canRead(session: Session, d: unknown): boolean {
    if ((session.intents & INTENTS.messageContent) !== 0) return true;
    const message = d as { author?: { id?: string }; mentions?: Array<{ id?: string }> };
    const botId = this.#state.bot.id;
    return message.author?.id === botId || (message.mentions ?? []).some((u) => u.id === botId);
  }

  #guildCreate(session: Session, guild: GuildRecord): Record<string, unknown> {
    const shapes = this.#shapes();
    const presencesIntent = (session.intents & INTENTS.guildPresences) !== 0;
    const large = guild.members.size > session.largeThreshold;
    const all = [...guild.members.values()];
    // Without GUILD_PRESENCES only the bot comes; in a large guild only members who are online, have a role or a nickname.
    const members = !presencesIntent
      ? all.filter((m) => m.userId === this.#state.bot.id)
      : large
        ? all.filter((m) => m.status !== 'offline' || m.roles.length > 0 || m.nick !== null)
        : all;
    const channels = [...this.#state.channels.values()].filter((c) => c.guildId === guild.id);
    return {
      ...shapes.guild(guild),
      joined_at: guild.joinedAt,
      large,
      unavailable: false,
      member_count: guild.members.size,
      voice_states: [],
      members: members.map((m) => shapes.member(m)),
      channels: channels.filter((c) => !c.thread).map((c) => shapes.channel(c)),
      threads: channels.filter((c) => c.thread && !c.thread.archived).map((c) => shapes.channel(c)),
      presences: presencesIntent
        ? members.filter((m) => m.status !== 'offline').map((m) => shapes.presence(guild, m))
        : [],
      stage_instances: [],
      guild_scheduled_events: [...guild.events.values()].map((e) => shapes.scheduledEvent(e)),
      soundboard_sounds: [],
    };
  }

  #requestGuildMembers(connection: Connection, d: unknown): void {
    const session = connection.session;
    const body = (d ?? {}) as Record<string, unknown>;
    if (!session || typeof body.guild_id !== 'string') {
      this.#violation(connection, 'REQUEST_GUILD_MEMBERS without a guild_id string (one guild per request)');
      this.#close(connection, CLOSE.decodeError, 'Error while decoding payload.');
      return;
    }
    const guild = this.#state.guilds.get(body.guild_id);
    if (!guild || !session.guildIds.has(guild.id)) {
      this.#violation(connection, `REQUEST_GUILD_MEMBERS for guild ${body.guild_id}, which this session is not in`);
      return;
    }
    const hasMembersIntent = (session.intents & INTENTS.guildMembers) !== 0;
    const presences = body.presences === true && (session.intents & INTENTS.guildPresences) !== 0;
    const nonce =
      typeof body.nonce === 'string' && Buffer.byteLength(body.nonce) <= 32 ? { nonce: body.nonce } : undefined;
    let members: MemberRecord[];
    let notFound: string[] | undefined;
    if (body.user_ids !== undefined) {
      const ids = Array.isArray(body.user_ids) ? body.user_ids : [body.user_ids];
      if (ids.length > 100 || !ids.every((id) => typeof id === 'string')) {
        this.#violation(connection, 'REQUEST_GUILD_MEMBERS user_ids must be at most 100 snowflakes');
        this.#close(connection, CLOSE.decodeError, 'Error while decoding payload.');
        return;
      }
      members = ids.flatMap((id) => guild.members.get(id as string) ?? []);
      notFound = (ids as string[]).filter((id) => !guild.members.has(id));
    } else if (typeof body.query === 'string' && Number.isInteger(body.limit)) {
      const query = body.query.toLowerCase();
      const limit = body.limit as number;
      if (query === '' && !hasMembersIntent) {
        this.#violation(
          connection,
          'REQUEST_GUILD_MEMBERS for every member (query "") needs the GUILD_MEMBERS intent; Discord sends nothing',
        );
        return;
      }
      const matching = [...guild.members.values()]
        .filter((m) => {
          if (query === '') return true;
          const user = this.#state.users.get(m.userId);
          return [user?.username, m.nick, user?.global_name].some((name) => name?.toLowerCase().startsWith(query));
        })
        .sort((a, b) => compareIds(a.userId, b.userId));
      const cap = query === '' ? (limit === 0 ? Number.POSITIVE_INFINITY : limit) : Math.min(limit || 100, 100);
      members = matching.slice(0, cap);
    } else {
      this.#violation(connection, 'REQUEST_GUILD_MEMBERS needs query and limit, or user_ids');
      this.#close(connection, CLOSE.decodeError, 'Error while decoding payload.');
      return;
    }
    const shapes = this.#shapes();
    const chunkCount = Math.max(1, Math.ceil(members.length / 1000));
    for (let index = 0; index < chunkCount; index++) {
      const chunk = members.slice(index * 1000, (index + 1) * 1000);
      this.#deliver(session, 'GUILD_MEMBERS_CHUNK', {
        guild_id: guild.id,
        members: chunk.map((m) => shapes.member(m)),
        chunk_index: index,
        chunk_count: chunkCount,
        ...(notFound && notFound.length > 0 && index === 0 ? { not_found: notFound } : {}),
        ...(presences ? { presences: chunk.map((m) => shapes.presence(guild, m)) } : {}),
        ...nonce,
      });
    }
  }
}
