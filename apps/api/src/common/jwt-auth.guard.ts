import { EnvironmentVariables } from '@app/config';
import { DomainError, DomainErrorCode, Principal, PUBLIC_PRINCIPAL, Role } from '@app/domain';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { createSecretKey, KeyObject } from 'crypto';
import { JwtService } from '@nestjs/jwt';
import { DURING_PASSWORD_CHANGE, IS_PUBLIC, ROLES } from './auth.decorators';
import { SessionCheck } from '@app/identity';

/** The audience of access tokens: the dashboard's cookie (another audience) is no bearer token, nor the reverse. */
export const ACCESS_TOKEN_AUDIENCE = 'api';

export interface TokenClaims {
  sub: string;
  /** the session row the token was issued with (sessions.id) */
  sid: string;
  username: string;
  role: Role;
  jurisdictionCode: string | null;
  jurisdictionPath: string | null;
  organisationId: string | null;
  /** signed in with a one-time password: only routes marked @DuringPasswordChange answer */
  mustChangePassword?: boolean;
}

/**
 * Verifies the bearer token (signed at sign-in or refresh from the user record), that its session is still live
 * (SessionCheck: not signed out, the user not disabled, deleted or changed since; answered from a few seconds' cache)
 * and checks @Roles. Role and jurisdiction come from the signed claims, never from the request.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  /**
   * The secret as a KeyObject: given a string, jsonwebtoken first tries to parse it as a public key on every
   * call, which costs more than the signature check itself.
   */
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    private readonly sessions: SessionCheck,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.key = createSecretKey(config.get('JWT_SECRET', { infer: true }), 'utf8');
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    const header: string | undefined = req.headers.authorization;
    let principal: Principal = PUBLIC_PRINCIPAL;
    if (header) {
      const [scheme, token] = header.split(' ');
      if (scheme !== 'Bearer' || !token) {
        throw new DomainError(DomainErrorCode.Unauthenticated, 'Authorization header must be "Bearer <token>"');
      }
      let claims: TokenClaims;
      try {
        claims = await this.jwt.verifyAsync<TokenClaims>(token, {
          secret: this.key as unknown as string,
          audience: ACCESS_TOKEN_AUDIENCE,
        });
      } catch {
        throw new DomainError(
          DomainErrorCode.Unauthenticated,
          'the token is invalid or expired; renew it at POST /auth/refresh or sign in again at POST /auth/login',
        );
      }
      if (typeof claims.sid !== 'string' || !(await this.sessions.isLive(claims.sid))) {
        throw new DomainError(
          DomainErrorCode.Unauthenticated,
          'your session has ended (signed out, or your account was changed); sign in again at POST /auth/login',
        );
      }
      if (
        claims.mustChangePassword &&
        !this.reflector.getAllAndOverride<boolean>(DURING_PASSWORD_CHANGE, [ctx.getHandler(), ctx.getClass()])
      ) {
        throw new DomainError(
          DomainErrorCode.PasswordChangeRequired,
          'you signed in with a one-time password: change it first at POST /auth/password',
        );
      }
      req.sessionId = claims.sid;
      principal = {
        id: claims.sub,
        role: claims.role,
        username: claims.username,
        jurisdictionCode: claims.jurisdictionCode,
        jurisdictionPath: claims.jurisdictionPath,
        organisationId: claims.organisationId,
      };
    } else if (!isPublic) {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        'sign in first: POST /auth/login, then send Authorization: Bearer <token>',
      );
    }
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [ctx.getHandler(), ctx.getClass()]);
    if (roles && !roles.includes(principal.role)) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        `this needs the role ${roles.join(' or ')}; you are ${principal.role}`,
      );
    }
    return true;
  }
}
