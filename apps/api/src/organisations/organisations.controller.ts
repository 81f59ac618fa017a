import { DomainError, DomainErrorCode, payeeProblems, type Principal, Role, usccProblem } from '@app/domain';
import { OrganisationEntity } from '@app/identity';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Roles } from '../common/auth.decorators';

export class BankAccountDto {
  @ApiProperty({ example: '中国工商银行青岛黄岛支行' }) @IsString() @IsNotEmpty() @MaxLength(100) bankName: string;
  @ApiProperty({ example: '青岛海湾精密机械有限公司' }) @IsString() @IsNotEmpty() @MaxLength(200) accountName: string;
  @ApiProperty({ example: '3803020109200123456' }) @Matches(/^\d{8,32}$/, { message: 'accountNumber must be 8 to 32 digits, no spaces' }) accountNumber: string;
  @ApiPropertyOptional({ example: '102452000018', description: '12-digit CNAPS code (联行号)' })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'branchCode must be the 12-digit CNAPS code' })
  branchCode?: string;
}

/** The applicant's own organisation profile, including where its subsidy is paid. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly db: DataSource) {}

  @Get('me')
  @Roles(Role.Applicant)
  @ApiOperation({ summary: 'Your organisation (credit code, jurisdiction, payee bank account)' })
  async me(@CurrentPrincipal() p: Principal) {
    const org = await this.db.getRepository(OrganisationEntity).findOneByOrFail({ id: p.organisationId! });
    return { ...org, creditCodeValid: usccProblem(org.creditCode) === null };
  }

  @Put('me/bank-account')
  @Roles(Role.Applicant)
  @ApiOperation({ summary: 'Set the account subsidies are paid to; the account name must be the organisation\'s registered name' })
  async setBankAccount(@CurrentPrincipal() p: Principal, @Body() dto: BankAccountDto) {
    const repo = this.db.getRepository(OrganisationEntity);
    const org = await repo.findOneByOrFail({ id: p.organisationId! });
    const account = { ...dto, branchCode: dto.branchCode ?? null };
    const problems = payeeProblems(account);
    if (dto.accountName.trim() !== org.name) problems.push(`accountName must be the organisation's registered name (${org.name})`);
    if (problems.length) throw new DomainError(DomainErrorCode.ValidationFailed, problems.join('; '), { fields: ['bankAccount'] });
    await repo.update({ id: org.id }, { bankAccount: account });
    return { ...org, bankAccount: account };
  }
}
