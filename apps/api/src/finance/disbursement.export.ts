import { DISBURSEMENT_STATE_LABELS, labelOf, STUCK_CAUSE_LABELS } from '@app/domain';
import type { DisbursementExportRow } from '@app/subsidy';
import { columns, type TabularExport } from '@app/platform';
import { ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ExportFormatQuery, inOneBatch } from '../common/export.util';
import type { PolicyBudgetView, StatementLineView, StuckPaymentView } from './finance.view';
import { AttentionQuery, DisbursementQuery } from './finance.dto';

/** The disbursements list's filters, without paging, and the format. */
export class DisbursementsExportQuery extends IntersectionType(
  OmitType(DisbursementQuery, ['page', 'pageSize'] as const),
  ExportFormatQuery,
) {}

/** The stuck payments' threshold and the format. */
export class AttentionExportQuery extends IntersectionType(AttentionQuery, ExportFormatQuery) {}

/** Which statement lines, and the format. */
export class StatementLinesExportQuery extends ExportFormatQuery {
  @ApiPropertyOptional({ enum: ['confirmed', 'mismatched', 'unknown_reference'] })
  @IsOptional()
  @IsIn(['confirmed', 'mismatched', 'unknown_reference'], {
    message: 'status must be confirmed, mismatched or unknown_reference',
  })
  status?: 'confirmed' | 'mismatched' | 'unknown_reference';
}

const RECONCILIATION_LABELS: Readonly<Record<string, string>> = {
  confirmed: '已对账',
  mismatched: '对账不符',
};

/** The reconciliation of a disbursement as finance reads it: confirmed, mismatched, or paid and not yet matched. */
function reconciliationOf(r: DisbursementExportRow): string {
  if (r.reconciliation) return labelOf(RECONCILIATION_LABELS, r.reconciliation);
  return r.state === 'paid' ? '待对账' : '';
}

/** The disbursements list as a table (资助拨付列表), amounts in yuan with two decimals. */
export function disbursementsExport(
  rows: AsyncIterable<readonly DisbursementExportRow[]>,
): TabularExport<DisbursementExportRow> {
  return {
    fileName: '资助拨付列表',
    columns: [
      columns.text('拨付编号', (r) => r.reference, 26),
      columns.text('申报单位', (r) => r.organisation_name, 36),
      columns.text('统一社会信用代码', (r) => r.credit_code, 22),
      columns.text('申请编号', (r) => r.application_reference, 26),
      columns.text('项目', (r) => r.programme_name, 30),
      columns.money('金额（元）', (r) => Number(r.amount_fen), 14),
      columns.text('状态', (r) => labelOf(DISBURSEMENT_STATE_LABELS, r.state)),
      columns.datetime('生成时间', (r) => r.created_at, 20),
      columns.datetime('经办时间', (r) => r.verified_at, 20),
      columns.datetime('审批时间', (r) => r.approved_at, 20),
      columns.datetime('支付时间', (r) => r.paid_at, 20),
      columns.text('银行流水号', (r) => r.bank_reference, 24),
      columns.text('对账', reconciliationOf),
      columns.text('失败原因', (r) => r.last_error, 30),
    ],
    rows,
  };
}

/** Payments needing a decision, oldest first (异常支付): why in Chinese, the bank's last error, since when. */
export function stuckPaymentsExport(rows: StuckPaymentView[]): TabularExport<StuckPaymentView> {
  return {
    fileName: '异常支付',
    columns: [
      columns.text('拨付编号', (s) => s.reference, 26),
      columns.money('金额（元）', (s) => s.amountFen, 14),
      columns.text('状态', (s) => labelOf(DISBURSEMENT_STATE_LABELS, s.state)),
      columns.text('原因', (s) => labelOf(STUCK_CAUSE_LABELS, s.causeCode), 26),
      columns.text('银行返回', (s) => s.lastError, 30),
      columns.datetime('自', (s) => s.since, 20),
      columns.integer('尝试次数', (s) => s.attempts),
    ],
    rows: inOneBatch(rows),
  };
}

const MATCH_LABELS: Readonly<Record<string, string>> = {
  confirmed: '已对账',
  mismatched: '对账不符',
  unknown_reference: '无法匹配',
};

/** The bank statements' lines and how each matched a disbursement (银行对账). */
export function statementLinesExport(rows: StatementLineView[]): TabularExport<StatementLineView> {
  return {
    fileName: '银行对账',
    columns: [
      columns.integer('行号', (l) => l.lineNo),
      columns.text('拨付编号', (l) => l.reference, 26),
      columns.money('金额（元）', (l) => l.amountFen, 14),
      columns.date('起息日', (l) => l.valueDate, 12),
      columns.text('银行流水号', (l) => l.bankReference, 24),
      columns.text('对账结果', (l) => labelOf(MATCH_LABELS, l.matchStatus)),
      columns.datetime('上传时间', (l) => l.uploadedAt, 20),
    ],
    rows: inOneBatch(rows),
  };
}

const POLICY_STATUS_LABELS: Readonly<Record<string, string>> = {
  pending: '待审批',
  active: '生效',
  rejected: '已驳回',
};

/** The subsidy policies with their budget, used and remaining (资助政策). */
export function policyBudgetsExport(rows: PolicyBudgetView[]): TabularExport<PolicyBudgetView> {
  return {
    fileName: '资助政策',
    columns: [
      columns.text('项目编号', (b) => b.programmeCode, 18),
      columns.text('资助政策', (b) => b.name, 30),
      columns.text('状态', (b) => labelOf(POLICY_STATUS_LABELS, b.status)),
      columns.text('待审批变更', (b) => (b.pendingTerms ? '有' : '无')),
      columns.money('预算（元）', (b) => b.budgetFen, 16),
      columns.money('已使用（元）', (b) => b.usedFen, 16),
      columns.money('剩余（元）', (b) => b.remainingFen, 16),
    ],
    rows: inOneBatch(rows),
  };
}
