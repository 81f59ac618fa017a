import { type Principal, Role, DomainErrorCode } from '@app/domain';
import { STAFF_ROLES, type StaffRole, StaffAdministrationUseCase, type StaffUser } from '@app/identity';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { columns, streamExport, type TabularExport } from '@app/platform';
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
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { ApiExport, ExportFormatQuery, formatOf, inOneBatch, sendExport } from '../common/export.util';
import type { HeaderSetter } from '../common/version.util';

export class StaffUserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: StaffRole;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'holds a one-time password not yet changed' }) mustChangePassword: boolean;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the administrator who created the account',
  })
  createdBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;

  static of(u: StaffUser): StaffUserView {
    return { ...u };
  }
}

export class OneTimeCredentialView {
  @ApiProperty({ type: StaffUserView }) user: StaffUserView;
  @ApiProperty({ description: 'shown once; the user must change it at the first sign-in (POST /auth/password)' })
  oneTimePassword: string;
}

export class StaffListQuery {
  @ApiPropertyOptional({ enum: STAFF_ROLES }) @IsOptional() @IsIn(STAFF_ROLES) role?: StaffRole;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

/** The staff list's filters and the format. */
export class StaffExportQuery extends IntersectionType(StaffListQuery, ExportFormatQuery) {}

const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  regulator: '审核人员',
  evaluator: '评审专家',
  finance: '财务人员',
};

/** The staff list as a table (人员名单): no password state beyond whether the one-time password is still unchanged. */
function staffExport(rows: StaffUserView[]): TabularExport<StaffUserView> {
  return {
    fileName: '人员名单',
    columns: [
      columns.text('用户名', (u) => u.username, 20),
      columns.text('姓名', (u) => u.displayName, 24),
      columns.text('角色', (u) => STAFF_ROLE_LABELS[u.role]),
      columns.text('辖区代码', (u) => u.jurisdictionCode, 14),
      columns.text('状态', (u) => (u.active ? '启用' : '停用')),
      columns.text('初始密码未修改', (u) => (u.mustChangePassword ? '是' : '否')),
      columns.datetime('创建时间', (u) => u.createdAt, 20),
    ],
    rows: inOneBatch(rows),
  };
}

export class NewStaffUserDto {
  @ApiProperty({ example: 'qd-regulator-2' })
  @Matches(/^[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}$/, {
    message: 'username must be 3 to 64 letters, digits, dots, dashes or underscores',
  })
  username: string;
  @ApiProperty({ example: '青岛自贸片区 审核员 孙' }) @IsString() @IsNotEmpty() @MaxLength(100) displayName: string;
  @ApiProperty({ enum: STAFF_ROLES }) @IsIn(STAFF_ROLES) role: StaffRole;
  @ApiProperty({ example: '370211-FTZ' }) @IsString() @IsNotEmpty() @MaxLength(16) jurisdictionCode: string;
}

export class StaffAccessDto {
  @ApiPropertyOptional({ description: 'false disables the account (its sessions end)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
  @ApiPropertyOptional({ enum: STAFF_ROLES }) @IsOptional() @IsIn(STAFF_ROLES) role?: StaffRole;
  @ApiPropertyOptional({ example: '370211-FTZ' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(16)
  jurisdictionCode?: string;
}

/** Bureau administrators manage the staff of their jurisdiction's subtree: regulators, finance officers, evaluators. */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffAdministrationUseCase) {}

  @Get()
  @Roles(Role.Admin)
  @Access('none') // filtered to the caller's subtree
  @ApiOperation({ summary: "Staff of your jurisdiction's subtree, by username" })
  @ApiOkResponse({ type: StaffUserView, isArray: true })
  async list(@CurrentPrincipal() p: Principal, @Query() q: StaffListQuery): Promise<StaffUserView[]> {
    return (await this.staff.list(p, q)).map(StaffUserView.of);
  }

  @Get('export')
  @Roles(Role.Admin)
  @Access('none') // filtered to the caller's subtree
  @ApiOperation({ summary: "Staff of your jurisdiction's subtree as XLSX or CSV, the list's filters (人员名单)" })
  @ApiExport('the staff of your jurisdiction and below')
  async export(
    @CurrentPrincipal() p: Principal,
    @Query() q: StaffExportQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    const rows = (await this.staff.list(p, { role: q.role, active: q.active })).map(StaffUserView.of);
    return sendExport(res, streamExport(staffExport(rows), formatOf(q)));
  }

  @Post()
  @Roles(Role.Admin)
  @Access('none') // the jurisdiction in the body must lie in the caller's subtree (403 otherwise)
  @ApiOperation({
    summary: 'Create a staff account with a one-time password, which must be changed at the first sign-in',
  })
  @ApiCreatedResponse({ type: OneTimeCredentialView })
  @ApiErrors(DomainErrorCode.AlreadyExists)
  async create(@CurrentPrincipal() p: Principal, @Body() dto: NewStaffUserDto): Promise<OneTimeCredentialView> {
    const { user, oneTimePassword } = await this.staff.create(p, dto);
    return { user: StaffUserView.of(user), oneTimePassword };
  }

  @Post(':id/access')
  @Roles(Role.Admin)
  @Access('none') // a staff user of the caller's subtree (404 otherwise); the matrix's is qd-evaluator-4
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable or enable a staff account, or change its role or jurisdiction; its sessions end',
  })
  @ApiOkResponse({ type: StaffUserView })
  async changeAccess(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() dto: StaffAccessDto,
  ): Promise<StaffUserView> {
    return StaffUserView.of(await this.staff.changeAccess(p, id, dto));
  }

  @Post(':id/password-reset')
  @Roles(Role.Admin)
  @Access('none') // as :id/access
  @HttpCode(200)
  @ApiOperation({
    summary: "Reset a staff account's password to a one-time one (shown once); its sessions end",
  })
  @ApiOkResponse({ type: OneTimeCredentialView })
  async resetPassword(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<OneTimeCredentialView> {
    const { user, oneTimePassword } = await this.staff.resetPassword(p, id);
    return { user: StaffUserView.of(user), oneTimePassword };
  }
}
