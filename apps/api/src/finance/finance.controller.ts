import { EnvironmentVariables } from '@app/config';
import { DomainError, DomainErrorCode, type Principal, Role } from '@app/domain';
import {
  ApproveDisbursementUseCase,
  CreateSubsidyPolicyUseCase,
  DisbursementQueries,
  ReconcileStatementUseCase,
  ResolvePaymentUseCase,
  StuckPaymentsQueries,
} from '@app/subsidy';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { expectedVersion } from '../common/version.util';
import {
  AttentionQuery,
  BulkApproveDto,
  CancelDto,
  CreatePolicyDto,
  DisbursementQuery,
  RetryDto,
  StatementDto,
  VersionDto,
} from './finance.dto';
import {
  DisbursementChangeView,
  DisbursementDetailView,
  DisbursementHistoryView,
  DisbursementView,
  StatementLineView,
  StuckPaymentView,
  SubsidyPolicyView,
} from './finance.view';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () =>
    new BadRequestException({ error: 'VALIDATION_FAILED', message: 'the id in the path must be a UUID' }),
});
const IF_MATCH = { name: 'If-Match', required: false, description: 'the version you last read' };

/** Money, for finance staff: policies, disbursements, approval, retry, cancellation, reconciliation, exports. */
@ApiTags('finance')
@ApiBearerAuth()
@Roles(Role.Finance)
@Controller('finance')
export class FinanceController {
  constructor(
    private readonly queries: DisbursementQueries,
    private readonly createPolicies: CreateSubsidyPolicyUseCase,
    private readonly approvals: ApproveDisbursementUseCase,
    private readonly reconcile: ReconcileStatementUseCase,
    private readonly resolve: ResolvePaymentUseCase,
    private readonly stuck: StuckPaymentsQueries,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  @Post('policies')
  @Access('jurisdiction') // the programme in the body must be run inside the officer's jurisdiction
  @ApiOperation({ summary: 'Attach a subsidy policy to a programme (one per programme): amount and budget in fen' })
  @ApiOkResponse({ type: SubsidyPolicyView })
  async createPolicy(@CurrentPrincipal() p: Principal, @Body() dto: CreatePolicyDto): Promise<SubsidyPolicyView> {
    return SubsidyPolicyView.of(await this.createPolicies.execute(p, dto));
  }

  @Get('policies')
  @Access('none')
  @ApiOperation({ summary: 'Subsidy policies with budget used and remaining' })
  async policies(@CurrentPrincipal() p: Principal) {
    return (await this.queries.summary(p)).budgets;
  }

  @Get('disbursements')
  @Access('none')
  @ApiOperation({
    summary: 'Disbursements of your bureau and below; filter by state, programme, jurisdiction, period, reconciliation',
  })
  async list(@CurrentPrincipal() p: Principal, @Query() q: DisbursementQuery) {
    const page = await this.queries.list(p, q);
    return { ...page, items: page.items.map(DisbursementView.of) };
  }

  @Get('disbursements/export.csv')
  @Access('none')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="disbursements.csv"')
  @ApiOperation({ summary: 'The same list as CSV (amounts in yuan with two decimals)' })
  export(@CurrentPrincipal() p: Principal, @Query() q: DisbursementQuery): Promise<string> {
    return this.queries.exportCsv(p, q);
  }

  @Get('disbursements/attention')
  @Access('none')
  @ApiOperation({
    summary:
      'Payments needing a decision: stuck (approved or paying, not moved for stuckForMs) or failed, with cause and age',
  })
  @ApiOkResponse({ type: [StuckPaymentView] })
  async attention(@CurrentPrincipal() p: Principal, @Query() q: AttentionQuery): Promise<StuckPaymentView[]> {
    const stuckForMs = q.stuckForMs ?? this.config.get('PAYMENT_STUCK_MS', { infer: true });
    return (await this.stuck.list(p, stuckForMs)).map(StuckPaymentView.of);
  }

  @Get('summary')
  @Access('none')
  @ApiOperation({ summary: 'Totals by programme, jurisdiction and state; budget used and remaining' })
  summary(@CurrentPrincipal() p: Principal) {
    return this.queries.summary(p);
  }

  @Get('disbursements/:id')
  @Access('disbursement')
  @ApiOperation({ summary: 'One disbursement with its full history' })
  @ApiOkResponse({ type: DisbursementDetailView })
  async get(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<DisbursementDetailView> {
    const { disbursement, history } = await this.queries.get(p, id);
    return { ...DisbursementView.of(disbursement), history: history.map(DisbursementHistoryView.of) };
  }

  @Post('disbursements/approve')
  @Access('none') // each id's outcome is in the answer; one the officer may not see is refused as not found
  @HttpCode(200)
  @ApiOperation({
    summary: "Approve many at once; the answer lists each one's outcome (budget and four-eyes checked per item)",
  })
  async bulk(@CurrentPrincipal() p: Principal, @Body() dto: BulkApproveDto) {
    const results = await this.approvals.bulk(dto.ids, p);
    return { approved: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).length, results };
  }

  @Post('disbursements/:id/approve')
  @Access('disbursement')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary: 'Approve: queues the payment. Refused (403) if you created or last changed it, (422) beyond the budget',
  })
  async approve(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: VersionDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return DisbursementChangeView.of(await this.approvals.execute(id, p, expectedVersion(dto.version, ifMatch)));
  }

  @Post('disbursements/:id/retry')
  @Access('disbursement')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary:
      'Failed for good: send it back for approval (by another officer). Stuck approved or paying: queue the payment again (the bank is asked first); reason required. Version required (428)',
  })
  async retry(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: RetryDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return DisbursementChangeView.of(
      await this.resolve.retry(id, p, dto.reason, expectedVersion(dto.version, ifMatch)),
    );
  }

  @Post('disbursements/:id/cancel')
  @Access('disbursement')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary:
      'Cancel a disbursement not yet paid; a stuck paying one only if the bank does not have it (version required)',
  })
  async cancel(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: CancelDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return DisbursementChangeView.of(
      await this.resolve.cancel(id, p, dto.reason, expectedVersion(dto.version, ifMatch)),
    );
  }

  @Post('statements')
  @Access('none')
  @ApiOperation({
    summary: 'Upload a bank statement (CSV): each line is matched by reference and amount',
    description:
      'Send JSON `{ "csv": "<text>" }`, or the file itself as the body with `Content-Type: text/csv` (up to 5 MB).',
  })
  statement(@CurrentPrincipal() p: Principal, @Body() dto: StatementDto) {
    return this.reconcile.execute(p, dto.csv);
  }

  @Get('statements/lines')
  @Access('none')
  @ApiOperation({ summary: 'Statement lines; ?status=unknown_reference shows money the system cannot place' })
  @ApiOkResponse({ type: [StatementLineView] })
  async lines(@CurrentPrincipal() p: Principal, @Query('status') status?: string): Promise<StatementLineView[]> {
    if (status && !['confirmed', 'mismatched', 'unknown_reference'].includes(status)) {
      throw new DomainError(
        DomainErrorCode.ValidationFailed,
        'status must be confirmed, mismatched or unknown_reference',
        { fields: ['status'] },
      );
    }
    return (await this.queries.statementLines(p, status)).map(StatementLineView.of);
  }
}
