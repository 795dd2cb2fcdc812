import { createOAuthDeviceAuth } from '@octokit/auth-oauth-device';
import { Octokit } from '@octokit/rest';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub, virtualClock } from '../src/index.ts';
import type { Json } from './http.ts';

let gh: FakeGitHub;

async function fake(options: FakeGitHubOptions = {}): Promise<void> {
  // interval 0: the real library sleeps `interval` seconds between polls; no test should wait on a wall clock.
  gh = await startFakeGitHub({ tokens: {}, deviceFlow: { interval: 0 }, ...options });
}

afterEach(() => gh.close());

/** @octokit/auth-oauth-device against the fake: its base URL comes from the request it is given. */
function deviceAuth(onVerification: (v: { user_code: string; verification_uri: string }) => void, clientId?: string) {
  return createOAuthDeviceAuth({
    clientType: 'oauth-app',
    clientId: clientId ?? gh.deviceFlow.clientId,
    scopes: ['read:user'],
    onVerification,
    request: new Octokit({ baseUrl: gh.url }).request,
  });
}

async function form(path: string, params: Record<string, string>, accept = 'application/json') {
  const res = await fetch(`${gh.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
    body: new URLSearchParams(params).toString(),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    body: /json/.test(res.headers.get('content-type') ?? '') ? (JSON.parse(text) as Json) : undefined,
  };
}

describe('GitHub OAuth device flow, with the real @octokit/auth-oauth-device', () => {
  it('gets a token once the member authorises, after polls that were pending, and GET /user says who they are', async () => {
    await fake();
    let shown: { user_code: string; verification_uri: string } | undefined;
    const auth = deviceAuth((verification) => {
      shown = verification;
      // The member types the code on GitHub a little later: after the library has polled twice.
      void gh
        .until(() => gh.deviceFlow.codes()[0]?.polls === 2)
        .then(() => gh.deviceFlow.authorize(verification.user_code, 'alice'));
    });
    const authentication = await auth({ type: 'oauth' });
    expect(shown?.user_code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(shown?.verification_uri).toBe(`${gh.url}/login/device`);
    expect(gh.deviceFlow.codes()[0]).toMatchObject({ status: 'used', login: 'alice', polls: 3, scopes: ['read:user'] });
    const octokit = new Octokit({ baseUrl: gh.url, auth: authentication.token });
    expect((await octokit.rest.users.getAuthenticated()).data.login).toBe('alice');
    gh.assertNoViolations();
  });

  it('fails with access_denied when the member cancels, and with device_flow_disabled or incorrect_client_credentials', async () => {
    await fake({ deviceFlow: { interval: 0, clients: { 'Iv1.on': { deviceFlow: true }, 'Iv1.off': {} } } });
    const denied = await deviceAuth(
      (v) => gh.deviceFlow.deny(v.user_code),
      'Iv1.on',
    )({ type: 'oauth' }).catch((e: unknown) => e);
    expect(String(denied)).toMatch(/access_denied/);
    const disabled = await deviceAuth(() => undefined, 'Iv1.off')({ type: 'oauth' }).catch((e: unknown) => e);
    expect(String(disabled)).toMatch(/device_flow_disabled/);
    expect(disabled).toMatchObject({ status: 400 });
    const unknown = await deviceAuth(() => undefined, 'Iv1.nobody')({ type: 'oauth' }).catch((e: unknown) => e);
    expect(String(unknown)).toMatch(/incorrect_client_credentials/);
  });
});

describe('the device flow as GitHub documents it', () => {
  it('answers form-encoded by default and JSON when asked; polls too soon get slow_down with the new interval', async () => {
    const clock = virtualClock();
    await fake({ now: clock.now, deviceFlow: { interval: 5 } });
    const started = await form('/login/device/code', { client_id: gh.deviceFlow.clientId, scope: 'read:user' }, '*/*');
    const code = Object.fromEntries(new URLSearchParams(started.text));
    expect(code).toMatchObject({ expires_in: '900', interval: '5' });
    expect(code.device_code).toMatch(/^[0-9a-f]{40}$/);
    const poll = () =>
      form('/login/oauth/access_token', {
        client_id: gh.deviceFlow.clientId,
        device_code: code.device_code as string,
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      });
    expect((await poll()).body).toMatchObject({ error: 'authorization_pending' });
    clock.advance(4_999);
    expect((await poll()).body).toMatchObject({ error: 'slow_down', interval: 10 });
    clock.advance(10_000);
    gh.deviceFlow.authorize(code.user_code as string, 'bob');
    const token = await poll();
    expect(token.body).toMatchObject({ token_type: 'bearer', scope: 'read:user' });
    expect(token.body.access_token).toMatch(/^gho_/);
    clock.advance(10_000);
    expect((await poll()).body).toMatchObject({ error: 'incorrect_device_code' });
  });

  it('expires a code after expires_in by the fake clock, and refuses a wrong grant type or device code', async () => {
    const clock = virtualClock();
    await fake({ now: clock.now, deviceFlow: { interval: 0, expiresIn: 900 } });
    const started = await form('/login/device/code', { client_id: gh.deviceFlow.clientId });
    const params = {
      client_id: gh.deviceFlow.clientId,
      device_code: started.body.device_code,
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    };
    expect((await form('/login/oauth/access_token', { ...params, grant_type: 'password' })).body.error).toBe(
      'unsupported_grant_type',
    );
    expect((await form('/login/oauth/access_token', { ...params, device_code: 'nope' })).body.error).toBe(
      'incorrect_device_code',
    );
    clock.advance(900_001);
    expect((await form('/login/oauth/access_token', params)).body).toMatchObject({
      error: 'expired_token',
      error_uri: expect.stringContaining('docs.github.com'),
    });
    expect(() => gh.deviceFlow.authorize(started.body.user_code, 'alice')).toThrow(/expired/);
  });

  it('accepts JSON bodies as well as form bodies', async () => {
    await fake();
    const res = await fetch(`${gh.url}/login/device/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ client_id: gh.deviceFlow.clientId }),
    });
    expect(await res.json()).toMatchObject({ interval: 0, expires_in: 900 });
  });
});
