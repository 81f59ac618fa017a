import { type Principal, Role } from '@app/domain';
import { OrganisationQueries } from '@app/identity';
import { ChangeBankAccountUseCase } from '@app/subsidy';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { BankAccountChangeView } from './bank-account-change.view';
import { OrganisationView } from './organisation.view';

export class BankAccountDto {
  @ApiProperty({ example: '中国工商银行青岛黄岛支行' }) @IsString() @IsNotEmpty() @MaxLength(100) bankName: string;
  @ApiProperty({ example: '青岛海湾精密机械有限公司' }) @IsString() @IsNotEmpty() @MaxLength(200) accountName: string;
  @ApiProperty({ example: '3803020109200123456' })
  @Matches(/^\d{8,32}$/, { message: 'accountNumber must be 8 to 32 digits, no spaces' })
  accountNumber: string;
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
  constructor(
    private readonly organisations: OrganisationQueries,
    private readonly bankAccount: ChangeBankAccountUseCase,
  ) {}

  @Get('me')
  @Roles(Role.Applicant)
  @Access('none') // the caller's own organisation, from the token
  @ApiOperation({ summary: 'Your organisation (credit code, jurisdiction, payee bank account)' })
  @ApiOkResponse({ type: OrganisationView })
  async me(@CurrentPrincipal() p: Principal): Promise<OrganisationView> {
    return OrganisationView.of(await this.organisations.mine(p));
  }

  @Put('me/bank-account')
  @Roles(Role.Applicant)
  @Access('none')
  @ApiOperation({
    summary:
      "Set the account subsidies are paid to; the account name must be the organisation's registered name. A change " +
      'is recorded and sends approved, unpaid subsidies back to approval; a payment under way keeps its account',
  })
  @ApiOkResponse({ type: OrganisationView })
  async setBankAccount(@CurrentPrincipal() p: Principal, @Body() dto: BankAccountDto): Promise<OrganisationView> {
    return OrganisationView.of(await this.bankAccount.execute(p, dto));
  }

  @Get('me/bank-account/history')
  @Roles(Role.Applicant)
  @Access('none')
  @ApiOperation({ summary: "Changes of your organisation's payee account, newest first (numbers masked)" })
  @ApiOkResponse({ type: BankAccountChangeView, isArray: true })
  async bankAccountHistory(@CurrentPrincipal() p: Principal): Promise<BankAccountChangeView[]> {
    return (await this.organisations.bankAccountHistory(p)).map(BankAccountChangeView.of);
  }
}
