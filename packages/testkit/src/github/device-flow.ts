import { randomBytes } from 'node:crypto';
import type { Reply } from '../http.ts';

/** GitHub's OAuth device flow (apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#device-flow). */
export interface DeviceFlowOptions {
  /** OAuth or GitHub App client ids that exist, and whether each enabled the device flow; default one client, enabled. */
  clients?: Record<string, { deviceFlow?: boolean }>;
  /** Seconds a client must wait between polls; default 5 as on GitHub. Tests pass 0 so a client never sleeps. */
  interval?: number;
  /** Seconds a device code lives; default 900. */
  expiresIn?: number;
}

export const DEFAULT_CLIENT_ID = 'Iv1.circuitboardfake';

export type DeviceCodeStatus = 'pending' | 'authorized' | 'denied' | 'used';

export interface DeviceCodeRecord {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  status: DeviceCodeStatus;
  /** The login that authorised it, once it did. */
  login?: string;
  /** Issued on the first poll after authorisation. */
  token?: string;
  createdAt: number;
  /** The current minimum seconds between polls (grows by 5 with each slow_down). */
  interval: number;
  lastPollAt?: number;
  polls: number;
}

const ERROR_URI = 'https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow';
const GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

const DESCRIPTIONS: Record<string, string> = {
  authorization_pending: 'The authorization request is still pending.',
  slow_down: 'Too many requests have been made in the same timeframe.',
  expired_token: 'The `device_code` has expired.',
  unsupported_grant_type: 'The grant type is not supported.',
  incorrect_client_credentials: 'The client_id and/or client_secret passed are incorrect.',
  incorrect_device_code: 'The device_code provided is not valid.',
  access_denied: 'The authorization request was denied.',
  device_flow_disabled: 'Device Flow must be explicitly enabled for this App',
};

/** Letters and digits GitHub's user codes use: no vowels, no look-alikes. */
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ23456789';

/** The device flow's state: codes, authorisations by the test's member, issued tokens. */
export class DeviceFlow {
  readonly codes = new Map<string, DeviceCodeRecord>();
  /** Tokens the flow issued → login; the fake's API accepts them. */
  readonly tokens = new Map<string, string>();
  readonly #now: () => Date;
  readonly #clients: Record<string, { deviceFlow?: boolean }>;
  readonly #interval: number;
  readonly #expiresIn: number;

  constructor(now: () => Date, options: DeviceFlowOptions = {}) {
    this.#now = now;
    this.#clients = options.clients ?? { [DEFAULT_CLIENT_ID]: { deviceFlow: true } };
    this.#interval = options.interval ?? 5;
    this.#expiresIn = options.expiresIn ?? 900;
  }

  /** POST /login/device/code and POST /login/oauth/access_token; undefined for any other path. */
  handle(
    method: string,
    path: string,
    params: Record<string, string>,
    wantsJson: boolean,
    origin: string,
  ): Reply | undefined {
    if (path !== '/login/device/code' && path !== '/login/oauth/access_token') return undefined;
    if (method !== 'POST') return answer(404, { error: 'Not Found' }, true);
    const client = this.#clients[params.client_id ?? ''];
    if (!client) return oauthError('incorrect_client_credentials', wantsJson);
    if (!client.deviceFlow) return oauthError('device_flow_disabled', true, 400);
    return path === '/login/device/code' ? this.#start(params, wantsJson, origin) : this.#exchange(params, wantsJson);
  }

  /** The member typed the code on GitHub and authorised the app as `login`. */
  authorize(userCode: string, login: string): void {
    const record = this.#byUserCode(userCode);
    if (record.status !== 'pending') throw new Error(`device code ${userCode} is ${record.status}, not pending`);
    if (this.#expired(record)) throw new Error(`device code ${userCode} has expired`);
    record.status = 'authorized';
    record.login = login;
  }

  /** The member clicked Cancel on GitHub. */
  deny(userCode: string): void {
    const record = this.#byUserCode(userCode);
    if (record.status !== 'pending') throw new Error(`device code ${userCode} is ${record.status}, not pending`);
    record.status = 'denied';
  }

  #byUserCode(userCode: string): DeviceCodeRecord {
    const record = [...this.codes.values()].find((r) => r.userCode === userCode);
    if (!record) throw new Error(`the fake GitHub issued no user code ${userCode}`);
    return record;
  }

  #expired(record: DeviceCodeRecord): boolean {
    return this.#now().getTime() > record.createdAt + this.#expiresIn * 1000;
  }

  #start(params: Record<string, string>, wantsJson: boolean, origin: string): Reply {
    const deviceCode = randomBytes(20).toString('hex');
    const letters = [...randomBytes(8)].map((b) => USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length]).join('');
    const record: DeviceCodeRecord = {
      deviceCode,
      userCode: `${letters.slice(0, 4)}-${letters.slice(4)}`,
      clientId: params.client_id ?? '',
      scopes: (params.scope ?? '').split(/[\s,]+/).filter(Boolean),
      status: 'pending',
      createdAt: this.#now().getTime(),
      interval: this.#interval,
      polls: 0,
    };
    this.codes.set(deviceCode, record);
    return answer(
      200,
      {
        device_code: deviceCode,
        user_code: record.userCode,
        verification_uri: `${origin}/login/device`,
        expires_in: this.#expiresIn,
        interval: this.#interval,
      },
      wantsJson,
    );
  }

  #exchange(params: Record<string, string>, wantsJson: boolean): Reply {
    if (params.grant_type !== GRANT) return oauthError('unsupported_grant_type', wantsJson);
    const record = this.codes.get(params.device_code ?? '');
    if (!record || record.clientId !== params.client_id || record.status === 'used') {
      return oauthError('incorrect_device_code', wantsJson);
    }
    const now = this.#now().getTime();
    const last = record.lastPollAt;
    record.lastPollAt = now;
    record.polls++;
    if (this.#expired(record)) return oauthError('expired_token', wantsJson);
    if (record.status === 'denied') return oauthError('access_denied', wantsJson);
    if (last !== undefined && now - last < record.interval * 1000) {
      // Each poll sooner than the interval adds 5 seconds to it, and the answer says the new one.
      record.interval += 5;
      return oauthError('slow_down', wantsJson, 200, { interval: record.interval });
    }
    if (record.status === 'pending') return oauthError('authorization_pending', wantsJson);
    const token = `gho_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;
    record.status = 'used';
    record.token = token;
    this.tokens.set(token, record.login as string);
    return answer(200, { access_token: token, token_type: 'bearer', scope: record.scopes.join(',') }, wantsJson);
  }
}

/** GitHub answers these endpoints in JSON when asked (Accept: application/json), form-encoded otherwise. */
function answer(status: number, body: Record<string, string | number>, wantsJson: boolean): Reply {
  if (wantsJson) {
    return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
  }
  const form = new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return { status, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: form };
}

function oauthError(error: string, wantsJson: boolean, status = 200, extra: Record<string, number> = {}): Reply {
  return answer(
    status,
    { error, error_description: DESCRIPTIONS[error] ?? error, error_uri: ERROR_URI, ...extra },
    wantsJson,
  );
}
