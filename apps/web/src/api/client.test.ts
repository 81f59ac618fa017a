import { afterEach, describe, expect, it, vi } from 'vitest';

/** The API as a function of the bearer token: 'fresh' is accepted, anything else is a 401. */
function fakeApi(calls: string[]) {
  return vi.fn(async (input: Request) => {
    const auth = input.headers.get('Authorization') ?? '';
    calls.push(`${new URL(input.url).pathname} ${auth}`);
    if (auth === 'Bearer fresh') return Response.json([{ id: 'p1' }]);
    return Response.json({ error: 'UNAUTHENTICATED', message: 'token expired' }, { status: 401 });
  });
}

describe('the API client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('renews an expired access token once and sends the same request again', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', fakeApi(calls));
    const { api, ok, useClientAuth } = await import('./client');
    let token = 'stale';
    const renew = vi.fn(async () => (token = 'fresh'));
    useClientAuth({ token: () => token, renew, passwordChangeRequired: () => undefined });
    await expect(ok(api.GET('/programmes'))).resolves.toEqual([{ id: 'p1' }]);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(['/programmes Bearer stale', '/programmes Bearer fresh']);
  });

  it('answers the 401 as an ApiError when the session cannot be renewed (then the console signs in again)', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', fakeApi(calls));
    const { api, ok, useClientAuth } = await import('./client');
    useClientAuth({ token: () => 'stale', renew: async () => null, passwordChangeRequired: () => undefined });
    await expect(ok(api.GET('/programmes'))).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(calls).toHaveLength(1);
  });

  it('tells the session when the API wants the one-time password changed first', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json({ error: 'PASSWORD_CHANGE_REQUIRED', message: 'change it' }, { status: 403 })),
    );
    const { api, ok, useClientAuth } = await import('./client');
    const required = vi.fn();
    useClientAuth({ token: () => 'one-time', renew: async () => null, passwordChangeRequired: required });
    await expect(ok(api.GET('/programmes'))).rejects.toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(required).toHaveBeenCalledTimes(1);
  });
});
