/** Who acts. `public` is anyone (no account needed); `system` is the platform itself (timers). */
export enum Role {
  Applicant = 'applicant',
  Regulator = 'regulator',
  Evaluator = 'evaluator',
  Finance = 'finance',
  Admin = 'admin',
  Public = 'public',
  System = 'system',
}

/** Roles a user account can hold. */
export const ACCOUNT_ROLES = [Role.Applicant, Role.Regulator, Role.Evaluator, Role.Finance, Role.Admin] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export interface Actor {
  /** user id; null for the public without an account and for the system */
  id: string | null;
  role: Role;
}
