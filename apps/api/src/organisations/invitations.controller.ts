import { type Principal, Role, DomainErrorCode } from '@app/domain';
import { InviteColleagueUseCase } from '@app/identity';
import { RateLimited } from '@app/platform';
import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { Access, CurrentPrincipal, Public, Roles } from '../common/auth.decorators';
import { RateLimit } from '../common/rate-limits';

export class InvitationDto {
  @ApiProperty({ example: '李雷', description: 'whom you invite (the account keeps it unless they give another)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName: string;
}

export class ColleagueInvitationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'shown once: pass it to your colleague; it works once, until expiresAt' })
  token: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: Date;
}

export class AcceptColleagueInvitationDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) token: string;
  @ApiProperty({ example: 'qdhw-lilei' })
  @Matches(/^[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}$/, {
    message: 'username must be 3 to 64 letters, digits, dots, dashes or underscores',
  })
  username: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) displayName?: string;
  @ApiProperty({ description: 'at least 10 characters, not containing the username, not a common password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class AcceptedInvitationView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() username: string;
}

/** Several users act for one organisation: its users invite colleagues, who accept with the token. */
@ApiTags('organisations')
@Controller('organisations')
export class InvitationsController {
  constructor(private readonly invitations: InviteColleagueUseCase) {}

  @Post('me/invitations')
  @ApiBearerAuth()
  @Roles(Role.Applicant)
  @Access('none') // the caller's own organisation, from the token
  @ApiOperation({ summary: 'Invite a colleague to act for your organisation: a single-use, expiring token' })
  @ApiCreatedResponse({ type: ColleagueInvitationView })
  @ApiErrors(DomainErrorCode.AlreadyExists)
  async invite(@CurrentPrincipal() p: Principal, @Body() dto: InvitationDto): Promise<ColleagueInvitationView> {
    return this.invitations.invite(p, dto.displayName);
  }

  @Post('invitations/accept')
  @Public()
  @RateLimited(RateLimit.RegistrationsPerClient)
  // the token in the body is the credential, whoever calls: the matrix sends none (400)
  @Access('none')
  @ApiOperation({
    summary: 'Accept an invitation: creates your account for the inviting organisation with the password you choose',
    description:
      'An unknown, used or expired token answers 404 (the same for all three); a username taken 409. Limited per client address with registrations (429).',
  })
  @ApiCreatedResponse({ type: AcceptedInvitationView })
  @ApiErrors(DomainErrorCode.NotFound, DomainErrorCode.AlreadyExists)
  async accept(@Body() dto: AcceptColleagueInvitationDto): Promise<AcceptedInvitationView> {
    return this.invitations.accept(dto);
  }
}
