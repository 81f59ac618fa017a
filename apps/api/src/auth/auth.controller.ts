import { EnvironmentVariables } from '@app/config';
import { DomainError, DomainErrorCode } from '@app/domain';
import { hashPassword, principalOf, UserEntity, verifyPassword } from '@app/identity';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth.decorators';
import { TokenClaims } from '../common/jwt-auth.guard';

export class LoginDto {
  @ApiProperty({ example: 'qd-regulator' }) @IsString() @IsNotEmpty() @MaxLength(64) username: string;
  @ApiProperty({ example: 'demo-password' }) @IsString() @IsNotEmpty() @MaxLength(200) password: string;
}

export class LoginResult {
  @ApiProperty() accessToken: string;
  @ApiProperty() tokenType: 'Bearer';
  @ApiProperty({ description: 'seconds' }) expiresIn: number;
  @ApiProperty() user: { id: string; username: string; displayName: string; role: string; jurisdictionCode: string | null; organisationId: string | null };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password; returns a bearer token carrying role and jurisdiction' })
  @ApiOkResponse({ type: LoginResult })
  async login(@Body() dto: LoginDto): Promise<LoginResult> {
    const user = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username: dto.username })
      .getOne();
    const check = await verifyPassword(dto.password, user?.passwordHash);
    if (!user || !check.ok || !user.active) {
      throw new DomainError(DomainErrorCode.Unauthenticated, 'unknown username or wrong password');
    }
    if (check.needsRehash) {
      await this.db.getRepository(UserEntity).update({ id: user.id, passwordHash: user.passwordHash }, { passwordHash: await hashPassword(dto.password) });
    }
    const p = await principalOf(this.db, user);
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
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        jurisdictionCode: user.jurisdictionCode,
        organisationId: user.organisationId,
      },
    };
  }
}
