import { type Principal, Role, DomainErrorCode } from '@app/domain';
import {
  OrganisationKind,
  RegisterOrganisationUseCase,
  type VerificationDecision,
  VerificationStatus,
  VerifyOrganisationUseCase,
} from '@app/identity';
import { RateLimited, streamExport } from '@app/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  IntersectionType,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { Access, CurrentPrincipal, Public, Roles } from '../common/auth.decorators';
import { ApiExport, ExportFormatQuery, formatOf, sendExport } from '../common/export.util';
import { RateLimit } from '../common/rate-limits';
import type { HeaderSetter } from '../common/version.util';
import { registrationsExport } from './registration.export';
import { RegistrationResult, RegistrationView } from './registration.view';

export class ContactDto {
  @ApiProperty({ example: '王芳' }) @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @ApiProperty({ example: '0532-86881234' })
  @Matches(/^[0-9+\-() ]{5,32}$/, { message: 'contact.phone must be 5 to 32 digits, spaces, +, - or brackets' })
  phone: string;
  @ApiPropertyOptional({ example: 'wangfang@example.cn' }) @IsOptional() @IsEmail() @MaxLength(254) email?: string;
}

export class FirstUserDto {
  @ApiProperty({ example: 'qdhw-wangfang' })
  @Matches(/^[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}$/, {
    message: 'user.username must be 3 to 64 letters, digits, dots, dashes or underscores',
  })
  username: string;
  @ApiProperty({ example: '王芳' }) @IsString() @IsNotEmpty() @MaxLength(100) displayName: string;
  @ApiProperty({ description: 'at least 10 characters, not containing the username, not a common password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class RegistrationDto {
  @ApiProperty({ example: '青岛海湾新材料有限公司' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ description: '统一社会信用代码: 18 characters with a valid check character' })
  @IsString()
  @MaxLength(18)
  creditCode: string;
  @ApiProperty({ enum: OrganisationKind }) @IsIn(Object.values(OrganisationKind)) kind: OrganisationKind;
  @ApiProperty({ example: '370211-FTZ' }) @IsString() @IsNotEmpty() @MaxLength(16) jurisdictionCode: string;
  @ApiProperty({ type: ContactDto }) @ValidateNested() @Type(() => ContactDto) contact: ContactDto;
  @ApiProperty({ type: FirstUserDto }) @ValidateNested() @Type(() => FirstUserDto) user: FirstUserDto;
}

export class RegistrationListQuery {
  @ApiPropertyOptional({ enum: VerificationStatus, default: VerificationStatus.Pending })
  @IsOptional()
  @IsIn(Object.values(VerificationStatus))
  status?: VerificationStatus;
}

/** The registrations list's filter (the verification status) and the format. */
export class RegistrationsExportQuery extends IntersectionType(RegistrationListQuery, ExportFormatQuery) {}

export class VerificationDto {
  @ApiProperty({ enum: ['verified', 'refused'] }) @IsIn(['verified', 'refused']) decision: VerificationDecision;
  @ApiPropertyOptional({ description: 'required for a refusal', example: '营业执照与信用代码不符' })
  @ValidateIf((o: VerificationDto) => o.decision === 'refused' || o.reason !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}

/** Organisations register themselves; regulators of their jurisdiction verify them (实名认证) before they can apply. */
@ApiTags('organisations')
@Controller('organisations/registrations')
export class RegistrationsController {
  constructor(
    private readonly register: RegisterOrganisationUseCase,
    private readonly verification: VerifyOrganisationUseCase,
  ) {}

  @Post()
  @Public()
  @RateLimited(RateLimit.RegistrationsPerClient)
  @Access('none')
  @ApiOperation({
    summary: 'Register an organisation and its first user; it stays pending until a regulator verifies it',
    description:
      'The credit code is checked (check character), the password must have at least 10 characters, not contain the username and not be a common one. A credit code or username already taken answers 409 naming the field. Limited per client address (429).',
  })
  @ApiCreatedResponse({ type: RegistrationResult })
  @ApiErrors(DomainErrorCode.AlreadyExists)
  async create(@Body() dto: RegistrationDto): Promise<RegistrationResult> {
    return this.register.execute(dto);
  }

  @Get()
  @ApiBearerAuth()
  @Roles(Role.Regulator, Role.Admin)
  @Access('none') // filtered to the caller's jurisdiction subtree
  @ApiOperation({
    summary: "Organisations of your jurisdiction's subtree by verification status (pending unless told), oldest first",
  })
  @ApiOkResponse({ type: RegistrationView, isArray: true })
  async list(@CurrentPrincipal() p: Principal, @Query() q: RegistrationListQuery): Promise<RegistrationView[]> {
    return (await this.verification.list(p, q.status)).map(RegistrationView.of);
  }

  @Get('export')
  @ApiBearerAuth()
  @Roles(Role.Regulator, Role.Admin)
  @Access('none') // as the list: the caller's jurisdiction subtree
  @ApiOperation({
    summary: 'The organisations list, whole, as XLSX or CSV: the same status filter as the list, no cap',
  })
  @ApiExport("the organisations of your jurisdiction's subtree by verification status (注册单位列表)")
  exportList(
    @CurrentPrincipal() p: Principal,
    @Query() q: RegistrationsExportQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): StreamableFile {
    return sendExport(res, streamExport(registrationsExport(this.verification.exportRows(p, q.status)), formatOf(q)));
  }

  @Get(':id')
  @ApiBearerAuth()
  @Roles(Role.Regulator, Role.Admin)
  @Access('none') // one organisation of the caller's subtree (404 outside it); the matrix names qd-applicant's
  @ApiOperation({ summary: 'One organisation with its contact, users and verification history' })
  @ApiOkResponse({ type: RegistrationView })
  async get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<RegistrationView> {
    return RegistrationView.of(await this.verification.get(p, id));
  }

  @Post(':id/verification')
  @ApiBearerAuth()
  @Roles(Role.Regulator, Role.Admin)
  @Access('none') // as GET :id; the matrix's organisation is already verified, so a decision answers 409
  @HttpCode(200)
  @ApiOperation({
    summary: '实名认证: verify a pending organisation, or refuse it with a reason',
    description:
      'Recorded in the organisation history with who, in which role, when and why. Only a pending one (409 otherwise).',
  })
  @ApiOkResponse({ type: RegistrationView })
  @ApiErrors(DomainErrorCode.EventNotAllowed)
  async decide(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() dto: VerificationDto,
  ): Promise<RegistrationView> {
    return RegistrationView.of(await this.verification.decide(p, id, dto.decision, dto.reason));
  }
}
