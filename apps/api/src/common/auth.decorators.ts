import { DomainError, DomainErrorCode, Principal, Role } from '@app/domain';
import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export { Access, IS_PUBLIC, Public } from '@app/platform';

export const ROLES = 'roles';
/** Only these roles may call the handler (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const DURING_PASSWORD_CHANGE = 'during-password-change';
/**
 * The route answers a user who signed in with a one-time password (POST /auth/password, sign-out); every other route
 * refuses them with PASSWORD_CHANGE_REQUIRED.
 */
export const DuringPasswordChange = () => SetMetadata(DURING_PASSWORD_CHANGE, true);

/** The signed-in principal (or the public one on public routes). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal,
);

/** The id of the session the caller's access token was issued for (routes that need a signed-in user). */
export const CurrentSession = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const sessionId: string | undefined = ctx.switchToHttp().getRequest().sessionId;
  if (!sessionId) throw new DomainError(DomainErrorCode.Unauthenticated, 'sign in first: POST /auth/login');
  return sessionId;
});
