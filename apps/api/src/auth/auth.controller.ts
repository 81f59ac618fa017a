import { EnvironmentVariables } from '@app/config';
import { RateLimited } from '@app/platform';
import { SignInUseCase } from '@app/identity';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Public } from '../common/auth.decorators';
import { RateLimit } from '../common/rate-limits';
import { TokenClaims } from '../common/jwt-auth.guard';

export class LoginDto {
  @ApiProperty({ example: 'qd-regulator' }) @IsString() @IsNotEmpty() @MaxLength(64) username: string;
  @ApiProperty({ example: 'demo-password' }) @IsString() @IsNotEmpty() @MaxLength(200) password: string;
}

export class LoginResult {
  @ApiProperty() accessToken: string;
  @ApiProperty() tokenType: 'Bearer';
  @ApiProperty({ description: 'seconds' }) expiresIn: number;
  @ApiProperty() user: {
    id: string;
    username: string;
    displayName: string;
    role: string;
    jurisdictionCode: string | null;
    organisationId: string | null;
  };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInUseCase,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  @Post('login')
  @Public()
  @RateLimited(RateLimit.SignInPerClient)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with username and password; returns a bearer token carrying role and jurisdiction',
  })
  @ApiOkResponse({ type: LoginResult })
  async login(@Body() dto: LoginDto): Promise<LoginResult> {
    const { user, principal: p } = await this.signIn.execute(dto.username, dto.password);
    const claims: TokenClaims = {
      sub: user.id,
      username: user.username,
      role: p.role,
      jurisdictionCode: p.jurisdictionCode,
      jurisdictionPath: p.jurisdictionPath,
      organisationId: p.organisationId,
    };
    const expiresIn = this.config.get('JWT_TTL_SECONDS', { infer: true });
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn }),
      tokenType: 'Bearer',
      expiresIn,
      user,
    };
  }
}
