// The one place the web imports the API's generated types (libs/api-client, written by `npm run openapi`).
import type { paths } from '@app/api-client/schema';
import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError } from './api-error';

export type { components, operations } from '@app/api-client/schema';

/** Hooks the session installs: the bearer token to send, and what to do with a 401 (refresh once, or sign out). */
export interface ClientAuth {
  token(): string | null;
  /** a fresh access token after a 401, or null (then the session has ended) */
  renew(): Promise<string | null>;
  /** the API refused with PASSWORD_CHANGE_REQUIRED: the one-time password must be changed first */
  passwordChangeRequired(): void;
}

let auth: ClientAuth = { token: () => null, renew: async () => null, passwordChangeRequired: () => undefined };
export function useClientAuth(hooks: ClientAuth): void {
  auth = hooks;
}

const copies = new WeakMap<Request, Request>();
const authMiddleware: Middleware = {
  onRequest({ request }) {
    const token = auth.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    copies.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    const copy = copies.get(request);
    copies.delete(request);
    if (response.status === 403) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { error?: string } | null;
      if (body?.error === 'PASSWORD_CHANGE_REQUIRED') auth.passwordChangeRequired();
    }
    // an expired access token: renew once and send the same request again (not for sign-in and refresh themselves)
    if (response.status !== 401 || !copy || /\/auth\/(login|refresh)$/.test(new URL(request.url).pathname)) {
      return response;
    }
    const token = await auth.renew();
    if (!token) return response;
    copy.headers.set('Authorization', `Bearer ${token}`);
    return fetch(copy);
  },
};

export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? 'http://localhost' });
api.use(authMiddleware);

/** The answer's data, or an ApiError carrying the API's error body (code, message, fields). */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw ApiError.from(response.status, error);
  return data as T;
}
