import { EnvironmentVariables } from '@app/config';
import { type Principal, Role, DomainErrorCode } from '@app/domain';
import {
  ChangePasswordUseCase,
  type ClientInfo,
  DashboardTicketsUseCase,
  EndSessionUseCase,
  RefreshSessionUseCase,
  type SignIn,
  SignInUseCase,
} from '@app/identity';
import { RateLimited } from '@app/platform';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import {
  Access,
  CurrentPrincipal,
  CurrentSession,
  DuringPasswordChange,
  Public,
  Roles,
} from '../common/auth.decorators';
import { ACCESS_TOKEN_AUDIENCE, TokenClaims } from '../common/jwt-auth.guard';
import { QUEUE_DASHBOARD_ROUTE } from '../common/queue-dashboard';
import { RateLimit } from '../common/rate-limits';
import { ApiErrors } from '../openapi/api-errors.decorator';

export class LoginDto {
  @ApiProperty({ example: 'qd-regulator' }) @IsString() @IsNotEmpty() @MaxLength(64) username: string;
  @ApiProperty({ example: 'demo-password' }) @IsString() @IsNotEmpty() @MaxLength(200) password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'the refresh token of the last sign-in or refresh (each one works once)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

/** The account that signed in. */
export class SignedInUserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role: string;
  @ApiProperty({ type: String, nullable: true }) jurisdictionCode: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organisationId: string | null;
  @ApiProperty() mustChangePassword: boolean;
}

export class LoginResult {
  @ApiProperty({ description: 'bearer token for every other request; short-lived (expiresIn)' }) accessToken: string;
  @ApiProperty() tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'seconds the access token is valid (at most 900)' }) expiresIn: number;
  @ApiProperty({
    description:
      'exchanges once at POST /auth/refresh for a new access token and the next refresh token; presenting a used one ends the session',
  })
  refreshToken: string;
  @ApiProperty({ format: 'date-time', description: 'when the session ends (no refresh after it): sign in again' })
  refreshExpiresAt: string;
  @ApiProperty({ type: () => SignedInUserView }) user: SignedInUserView;
  @ApiProperty({
    description:
      'signed in with a one-time password: every route but POST /auth/password and POST /auth/logout answers 403 PASSWORD_CHANGE_REQUIRED until it is changed',
  })
  mustChangePassword: boolean;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) currentPassword: string;
  @ApiProperty({ description: 'at least 10 characters, not containing the username, not a common password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  newPassword: string;
}

export class DashboardTicketResult {
  @ApiProperty({ description: 'single-use, short-lived' }) ticket: string;
  @ApiProperty({ type: 'integer', description: 'seconds the ticket may wait to be used' }) expiresIn: number;
  @ApiProperty({ example: `${QUEUE_DASHBOARD_ROUTE}?ticket=…`, description: 'open this once in the browser' })
  url: string;
}

interface ClientRequest {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

const clientOf = (req: ClientRequest): ClientInfo => ({
  ip: req.ip ?? null,
  userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInUseCase,
    private readonly refreshSession: RefreshSessionUseCase,
    private readonly endSession: EndSessionUseCase,
    private readonly tickets: DashboardTicketsUseCase,
    private readonly passwords: ChangePasswordUseCase,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  @Post('login')
  @Public()
  @RateLimited(RateLimit.SignInPerClient, RateLimit.SignInPerAccount)
  @Access('none')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in with username and password: a short-lived access token carrying role, jurisdiction and session, and a refresh token',
    description:
      'An unknown user, a wrong password, a disabled and a locked account all answer the same 401. Failed sign-ins lock the account for a while (doubling); too many attempts from one address or for one username answer 429.',
  })
  @ApiOkResponse({ type: LoginResult })
  @ApiErrors(DomainErrorCode.Unauthenticated)
  async login(@Body() dto: LoginDto, @Req() req: ClientRequest): Promise<LoginResult> {
    return this.tokens(await this.signIn.execute(dto.username, dto.password, clientOf(req)));
  }

  @Post('refresh')
  @Public()
  // the refresh token in the body is the credential, whoever calls: the matrix's made-up one is a 401 for every role
  @Access('none', {
    except: { applicant: 401, regulator: 401, evaluator: 401, finance: 401, admin: 401, public: 401 },
  })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange the refresh token for a new access token and the next refresh token (rotation)',
    description:
      'Each refresh token works once. Presenting one that was already exchanged ends the whole session (its copy may be in the wrong hands).',
  })
  @ApiOkResponse({ type: LoginResult })
  @ApiErrors(DomainErrorCode.Unauthenticated)
  async refresh(@Body() dto: RefreshDto, @Req() req: ClientRequest): Promise<LoginResult> {
    return this.tokens(await this.refreshSession.execute(dto.refreshToken, clientOf(req)));
  }

  @Post('password')
  @DuringPasswordChange()
  @Access('none') // the caller's own account
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Change your password (required after a one-time password): ends all your sessions and signs you in afresh',
    description:
      'The current password must be right (400 naming currentPassword otherwise); the new one must meet the password policy and differ from it.',
  })
  @ApiOkResponse({ type: LoginResult })
  async changePassword(
    @CurrentPrincipal() p: Principal,
    @Body() dto: ChangePasswordDto,
    @Req() req: ClientRequest,
  ): Promise<LoginResult> {
    return this.tokens(await this.passwords.execute(p.id!, dto.currentPassword, dto.newPassword, clientOf(req)));
  }

  @Post('logout')
  @DuringPasswordChange()
  @Access('none') // the caller's own session
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Sign out: ends this session (its access tokens, its refresh token and the queue dashboard opened with it)',
  })
  @ApiNoContentResponse()
  async logout(@CurrentSession() sessionId: string): Promise<void> {
    await this.endSession.execute(sessionId);
  }

  @Post('dashboard-ticket')
  @Access('none') // for the caller's own session
  @ApiBearerAuth()
  @Roles(Role.Finance, Role.Admin)
  @HttpCode(200)
  @ApiOperation({
    summary: 'A single-use ticket that opens the queue dashboard in a browser (GET /admin/queues?ticket=…)',
    description:
      'The dashboard exchanges the ticket for an HttpOnly cookie bound to this session and redirects to itself without the ticket; it closes when the session ends.',
  })
  @ApiOkResponse({ type: DashboardTicketResult })
  async dashboardTicket(@CurrentSession() sessionId: string): Promise<DashboardTicketResult> {
    const { ticket, expiresIn } = await this.tickets.issue(sessionId);
    return { ticket, expiresIn, url: `${QUEUE_DASHBOARD_ROUTE}?ticket=${encodeURIComponent(ticket)}` };
  }

  private async tokens({ user, principal: p, session }: SignIn): Promise<LoginResult> {
    const claims: TokenClaims = {
      sub: user.id,
      sid: session.sessionId,
      username: user.username,
      role: p.role,
      jurisdictionCode: p.jurisdictionCode,
      jurisdictionPath: p.jurisdictionPath,
      organisationId: p.organisationId,
      ...(user.mustChangePassword ? { mustChangePassword: true } : {}),
    };
    const expiresIn = this.config.get('JWT_TTL_SECONDS', { infer: true });
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn, audience: ACCESS_TOKEN_AUDIENCE }),
      tokenType: 'Bearer',
      expiresIn,
      refreshToken: session.refreshToken,
      refreshExpiresAt: session.expiresAt.toISOString(),
      user,
      mustChangePassword: user.mustChangePassword,
    };
  }
}
