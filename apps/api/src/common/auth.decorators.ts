import { Principal, Role } from '@app/domain';
import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export { Access, IS_PUBLIC, Public } from '@app/platform';

export const ROLES = 'roles';
/** Only these roles may call the handler (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The signed-in principal (or the public one on public routes). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal,
);
