import { EnvironmentVariables } from '@app/config';
import { DisbursementEventType, DomainError, DomainErrorCode, type Principal, Role } from '@app/domain';
import {
  ApproveDisbursementUseCase,
  type BulkItem,
  SubsidyPolicyUseCase,
  DisbursementQueries,
  ReconcileStatementUseCase,
  ResolvePaymentUseCase,
  StuckPaymentsQueries,
} from '@app/subsidy';
import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ApiExport, ExportFormatQuery, formatOf, sendExport } from '../common/export.util';
import { HistoryVerificationView } from '../common/history-verification.view';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { expectedVersion, type HeaderSetter } from '../common/version.util';
import { streamExport } from '@app/platform';
import {
  AttentionExportQuery,
  disbursementsExport,
  DisbursementsExportQuery,
  policyBudgetsExport,
  StatementLinesExportQuery,
  statementLinesExport,
  stuckPaymentsExport,
} from './disbursement.export';
import {
  AttentionQuery,
  BulkDecisionDto,
  CancelDto,
  CreatePolicyDto,
  DisbursementQuery,
  PolicyChangeDto,
  RetryDto,
  StatementDto,
  VersionDto,
} from './finance.dto';
import {
  BulkApproveView,
  BulkVerifyView,
  DisbursementChangeView,
  DisbursementPage,
  FinanceSummaryView,
  PolicyBudgetView,
  StatementResultView,
  DisbursementDetailView,
  DisbursementView,
  StatementLineView,
  StuckPaymentView,
  SubsidyPolicyChangeView,
  SubsidyPolicyDetailView,
} from './finance.view';
import { uuid } from '../common/uuid.pipe';

const IF_MATCH = { name: 'If-Match', required: false, description: 'the version you last read' };

/** Money, for finance staff: policies, disbursements, approval, retry, cancellation, reconciliation, exports. */
@ApiTags('finance')
@ApiBearerAuth()
@Roles(Role.Finance)
@Controller('finance')
export class FinanceController {
  constructor(
    private readonly queries: DisbursementQueries,
    private readonly policyUseCase: SubsidyPolicyUseCase,
    private readonly approvals: ApproveDisbursementUseCase,
    private readonly reconcile: ReconcileStatementUseCase,
    private readonly resolve: ResolvePaymentUseCase,
    private readonly stuck: StuckPaymentsQueries,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  @Post('policies')
  @Access('jurisdiction') // the programme in the body must be run inside the officer's jurisdiction
  @ApiOperation({
    summary:
      'Propose a subsidy policy for a programme of your bureau (one per programme): amount and budget in fen. It is pending, and applies only once another finance officer of the paying bureau approves it',
  })
  @ApiCreatedResponse({ type: SubsidyPolicyChangeView })
  @ApiErrors(DomainErrorCode.NotFound, DomainErrorCode.AlreadyExists)
  async createPolicy(@CurrentPrincipal() p: Principal, @Body() dto: CreatePolicyDto): Promise<SubsidyPolicyChangeView> {
    return SubsidyPolicyChangeView.of(await this.policyUseCase.propose(p, dto));
  }

  @Get('policies')
  @Access('none')
  @ApiOperation({
    summary: 'Subsidy policies with status, version, any proposal awaiting approval, budget used and remaining',
  })
  @ApiOkResponse({ type: [PolicyBudgetView] })
  async policies(@CurrentPrincipal() p: Principal): Promise<PolicyBudgetView[]> {
    return (await this.queries.summary(p)).budgets;
  }

  @Get('policies/export')
  @Access('none')
  @ApiOperation({ summary: 'The subsidy policies with budget used and remaining, as XLSX or CSV (资助政策)' })
  @ApiExport('the subsidy policies of your bureau and below')
  async exportPolicies(
    @CurrentPrincipal() p: Principal,
    @Query() q: ExportFormatQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    return sendExport(res, streamExport(policyBudgetsExport((await this.queries.summary(p)).budgets), formatOf(q)));
  }

  @Get('policies/:id')
  @Access('policy')
  @ApiOperation({
    summary: 'One subsidy policy with its history: who proposed which terms, who approved or rejected them',
  })
  @ApiOkResponse({ type: SubsidyPolicyDetailView })
  async policy(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<SubsidyPolicyDetailView> {
    const { policy, history, names } = await this.policyUseCase.get(p, id);
    return SubsidyPolicyDetailView.withHistory(policy, history, names);
  }

  @Post('policies/:id/proposals')
  @Access('policy')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary:
      'Propose a change of terms (fields left out keep their value); the terms in force apply until another officer approves it. Version required (428)',
  })
  @ApiOkResponse({ type: SubsidyPolicyChangeView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.BudgetExceeded)
  async proposePolicyChange(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: PolicyChangeDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<SubsidyPolicyChangeView> {
    const { version, ...terms } = dto;
    return SubsidyPolicyChangeView.of(
      await this.policyUseCase.proposeChange(p, id, expectedVersion(version, ifMatch), terms),
    );
  }

  @Post('policies/:id/approve')
  @Access('policy')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary:
      'Approve the proposal awaiting a decision: its terms apply from now on. Refused (403 FOUR_EYES) to the officer who proposed it. Version required (428)',
  })
  @ApiOkResponse({ type: SubsidyPolicyChangeView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.FourEyes, DomainErrorCode.BudgetExceeded)
  async approvePolicy(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: VersionDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<SubsidyPolicyChangeView> {
    return SubsidyPolicyChangeView.of(await this.policyUseCase.approve(p, id, expectedVersion(dto.version, ifMatch)));
  }

  @Post('policies/:id/reject')
  @Access('policy')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary: 'Reject the proposal awaiting a decision, with a reason; the terms in force stay. Version required (428)',
  })
  @ApiOkResponse({ type: SubsidyPolicyChangeView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.FourEyes)
  async rejectPolicy(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: CancelDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<SubsidyPolicyChangeView> {
    return SubsidyPolicyChangeView.of(
      await this.policyUseCase.reject(p, id, expectedVersion(dto.version, ifMatch), dto.reason),
    );
  }

  @Get('disbursements')
  @Access('none')
  @ApiOperation({
    summary: 'Disbursements of your bureau and below; filter by state, programme, jurisdiction, period, reconciliation',
  })
  @ApiOkResponse({ type: DisbursementPage })
  async list(@CurrentPrincipal() p: Principal, @Query() q: DisbursementQuery): Promise<DisbursementPage> {
    const page = await this.queries.list(p, q);
    return { ...page, items: page.items.map(DisbursementView.of) };
  }

  @Get('disbursements/export.csv')
  @Access('none')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="disbursements.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the disbursements as CSV (UTF-8)', schema: { type: 'string' } })
  @ApiOperation({
    summary: 'The same list as CSV with English column names, for scripts (amounts in yuan with two decimals)',
    description:
      'Kept as it was; people open GET /finance/disbursements/export (XLSX or CSV, Chinese headers, streamed).',
  })
  export(@CurrentPrincipal() p: Principal, @Query() q: DisbursementQuery): Promise<string> {
    return this.queries.exportCsv(p, q);
  }

  @Get('disbursements/export')
  @Access('none')
  @ApiOperation({
    summary:
      'The disbursements list, whole, as XLSX or CSV with Chinese headers: the same filters and rows as the list',
  })
  @ApiExport('the disbursements of your bureau and below (资助拨付列表)')
  async exportTable(
    @CurrentPrincipal() p: Principal,
    @Query() q: DisbursementsExportQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    const rows = await this.queries.exportRows(p, q);
    return sendExport(res, streamExport(disbursementsExport(rows), formatOf(q)));
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

  @Get('disbursements/attention/export')
  @Access('none')
  @ApiOperation({ summary: 'Payments needing a decision, as XLSX or CSV, the cause in Chinese (异常支付)' })
  @ApiExport('the stuck and failed payments of your bureau and below')
  async exportAttention(
    @CurrentPrincipal() p: Principal,
    @Query() q: AttentionExportQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    const stuckForMs = q.stuckForMs ?? this.config.get('PAYMENT_STUCK_MS', { infer: true });
    const rows = (await this.stuck.list(p, stuckForMs)).map(StuckPaymentView.of);
    return sendExport(res, streamExport(stuckPaymentsExport(rows), formatOf(q)));
  }

  @Get('summary')
  @Access('none')
  @ApiOperation({ summary: 'Totals by programme, jurisdiction and state; budget used and remaining' })
  @ApiOkResponse({ type: FinanceSummaryView })
  summary(@CurrentPrincipal() p: Principal): Promise<FinanceSummaryView> {
    return this.queries.summary(p);
  }

  @Get('disbursements/:id')
  @Access('disbursement')
  @ApiOperation({ summary: 'One disbursement with its full history' })
  @ApiOkResponse({ type: DisbursementDetailView })
  async get(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<DisbursementDetailView> {
    const { disbursement, history, names } = await this.queries.get(p, id);
    return DisbursementDetailView.withHistory(disbursement, history, names);
  }

  @Post('disbursements/verify')
  @Access('none') // each item's outcome is in the answer; one the officer may not see is refused as not found
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Verify many at once (经办), each at the version you saw; the answer lists each one's outcome and new version",
  })
  @ApiOkResponse({ type: BulkVerifyView })
  @ApiErrors(DomainErrorCode.VersionRequired)
  async bulkVerify(@CurrentPrincipal() p: Principal, @Body() dto: BulkDecisionDto): Promise<BulkVerifyView> {
    const { done, results } = await this.bulkDecision(p, DisbursementEventType.Verify, dto);
    return { verified: done, refused: results.length - done, results };
  }

  @Get('disbursements/:id/history/verify')
  @Access('disbursement')
  @ApiOperation({
    summary:
      "Checks the disbursement history's hash chain and names the first row that does not hold; for whoever may see the disbursement",
  })
  @ApiOkResponse({ type: HistoryVerificationView })
  async verifyHistory(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
  ): Promise<HistoryVerificationView> {
    return HistoryVerificationView.of(await this.queries.verifyHistory(p, id));
  }

  @Post('disbursements/approve')
  @Access('none') // each id's outcome is in the answer; one the officer may not see is refused as not found
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Approve many at once (审批), each at the version you saw; the answer lists each one's outcome (four eyes and budget checked per item)",
  })
  @ApiOkResponse({ type: BulkApproveView })
  @ApiErrors(DomainErrorCode.VersionRequired)
  async bulk(@CurrentPrincipal() p: Principal, @Body() dto: BulkDecisionDto): Promise<BulkApproveView> {
    const { done, results } = await this.bulkDecision(p, DisbursementEventType.Approve, dto);
    return { approved: done, refused: results.length - done, results };
  }

  @Post('disbursements/:id/verify')
  @ApiOkResponse({ type: DisbursementChangeView })
  @Access('disbursement')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary:
      'Verify (经办): the entitlement and the payee on file are checked and the payee recorded; another finance officer of the paying bureau then approves. Version required (428)',
  })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.GuardFailed)
  async verify(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: VersionDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<DisbursementChangeView> {
    return DisbursementChangeView.of(await this.approvals.verify(id, p, expectedVersion(dto.version, ifMatch)));
  }

  @Post('disbursements/:id/approve')
  @ApiOkResponse({ type: DisbursementChangeView })
  @Access('disbursement')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary:
      'Approve (审批) a verified disbursement: queues the payment. Refused (403 FOUR_EYES) to the officer who verified it, (422) beyond the budget. Version required (428)',
  })
  @ApiErrors(
    DomainErrorCode.EventNotAllowed,
    DomainErrorCode.GuardFailed,
    DomainErrorCode.FourEyes,
    DomainErrorCode.BudgetExceeded,
  )
  async approve(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: VersionDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<DisbursementChangeView> {
    return DisbursementChangeView.of(await this.approvals.execute(id, p, expectedVersion(dto.version, ifMatch)));
  }

  @Post('disbursements/:id/retry')
  @ApiOkResponse({ type: DisbursementChangeView })
  @Access('disbursement')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary:
      'Failed for good: send it back to verification and approval (by two officers). Stuck approved or paying: queue the payment again (the bank is asked first); reason required. Version required (428)',
  })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.GuardFailed)
  async retry(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: RetryDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<DisbursementChangeView> {
    return DisbursementChangeView.of(
      await this.resolve.retry(id, p, dto.reason, expectedVersion(dto.version, ifMatch)),
    );
  }

  @Post('disbursements/:id/cancel')
  @ApiOkResponse({ type: DisbursementChangeView })
  @Access('disbursement')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary:
      'Cancel a disbursement not yet paid; a stuck paying one only if the bank does not have it (version required)',
  })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.GuardFailed)
  async cancel(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: CancelDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<DisbursementChangeView> {
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
  @ApiCreatedResponse({ type: StatementResultView })
  statement(@CurrentPrincipal() p: Principal, @Body() dto: StatementDto): Promise<StatementResultView> {
    return this.reconcile.execute(p, dto.csv);
  }

  private async bulkDecision(
    p: Principal,
    type: DisbursementEventType.Verify | DisbursementEventType.Approve,
    dto: BulkDecisionDto,
  ) {
    if (dto.ids !== undefined || dto.items === undefined) {
      throw new DomainError(
        DomainErrorCode.VersionRequired,
        'send items: [{ "id": ..., "version": ... }] with the version of each disbursement you last read',
      );
    }
    const results = await this.approvals.bulk(type, dto.items as BulkItem[], p);
    return { done: results.filter((r) => r.ok).length, results };
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

  @Get('statements/lines/export')
  @Access('none')
  @ApiOperation({ summary: 'Statement lines and how each matched, as XLSX or CSV (银行对账)' })
  @ApiExport('the statement lines of your bureau and below')
  async exportLines(
    @CurrentPrincipal() p: Principal,
    @Query() q: StatementLinesExportQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    const rows = (await this.queries.statementLines(p, q.status)).map(StatementLineView.of);
    return sendExport(res, streamExport(statementLinesExport(rows), formatOf(q)));
  }
}
