import { useSyncExternalStore } from 'react';
import { api, type components, ok, useClientAuth } from '../api/client';
export type SignedInUser = components['schemas']['SignedInUserView'];

type LoginResult = components['schemas']['LoginResult'];

export interface Session {
  user: SignedInUser;
  accessToken: string;
  mustChangePassword: boolean;
}

/**
 * The signed-in user. The access token lives in memory only and is refreshed a minute before it expires; the
 * refresh token (single use, rotated at every refresh) is kept in sessionStorage so that a reload of the tab keeps
 * the session, and is gone when the tab closes or the user signs out.
 */
const REFRESH_KEY = 'accreditation.refresh';
let current: Session | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let renewing: Promise<string | null> | null = null;
const listeners = new Set<() => void>();

function set(next: Session | null): void {
  current = next;
  listeners.forEach((l) => l());
}

function adopt(r: LoginResult): Session {
  sessionStorage.setItem(REFRESH_KEY, r.refreshToken);
  clearTimeout(timer);
  const ms = Math.max(5_000, (r.expiresIn - 60) * 1000);
  timer = setTimeout(() => void renew(), ms);
  const session = { user: r.user, accessToken: r.accessToken, mustChangePassword: r.mustChangePassword };
  set(session);
  return session;
}

export function endLocally(): void {
  clearTimeout(timer);
  sessionStorage.removeItem(REFRESH_KEY);
  set(null);
}

export async function signIn(username: string, password: string): Promise<Session> {
  return adopt(await ok(api.POST('/auth/login', { body: { username, password } })));
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<Session> {
  return adopt(await ok(api.POST('/auth/password', { body: { currentPassword, newPassword } })));
}

export async function signOut(): Promise<void> {
  try {
    if (current) await api.POST('/auth/logout');
  } finally {
    endLocally();
  }
}

/** Exchanges the refresh token (once at a time); null when there is none or it no longer works. */
export function renew(): Promise<string | null> {
  renewing ??= (async () => {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    if (!refreshToken) return null;
    try {
      return adopt(await ok(api.POST('/auth/refresh', { body: { refreshToken } }))).accessToken;
    } catch {
      endLocally();
      return null;
    }
  })().finally(() => (renewing = null));
  return renewing;
}

/** At start: a session kept over a reload, if its refresh token still works. */
export async function resume(): Promise<void> {
  if (sessionStorage.getItem(REFRESH_KEY)) await renew();
}

useClientAuth({
  token: () => current?.accessToken ?? null,
  renew,
  passwordChangeRequired: () => {
    if (current && !current.mustChangePassword) set({ ...current, mustChangePassword: true });
  },
});

export function useSession(): Session | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
